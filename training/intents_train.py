"""Fine-tune the joint intent + sentiment model on CPU.

Recipe (each part switchable in ``TrainArgs`` so its effect can be measured, see bench/intents):
frozen 250k x 384 word embeddings (no gradient or optimizer state for 96M parameters), optional
frozen lower layers (backward stops above them, and their outputs are computed once and cached, so
later epochs run only the upper layers), length bucketing with dynamic padding, max length 64,
AdamW with linear warmup + linear decay, a 20x higher learning rate for the freshly initialised heads,
mean pooling, label smoothing, language-balanced oversampling (rows tagged with ``lang``), seeded
everything. After training the out-of-scope decision is calibrated on the validation rows
(``intents.calibration``) and stored in the model folder.

>>> train_intents(Path("train.jsonl"), None, Path("out"), base_model_dir, epochs=4, seed=0)
"""

from __future__ import annotations

import json
import logging
import math
import random
import sys
import time
from contextlib import nullcontext
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import torch
from torch import nn

from intents.model import IntentConfig, IntentModel
from training.intents_calibrate import calibrate_model
from training.intents_data import Row, hold_back_oos, read_jsonl, rows_sha256, stratified_split

log = logging.getLogger(__name__)

VALID_FRACTION = 0.1
MIX_RANGE = (0.3, 0.7)  # the pseudo-outliers' mixing weight, uniform: well inside the segment between two intents


@dataclass(frozen=True)
class TrainArgs:
    """Training hyper-parameters (defaults are the recipe measured in bench/intents/RESULTS.md)."""

    epochs: int = 4
    seed: int = 0
    # 16 rather than 32: twice the updates per epoch; BANKING77 92.12 -> 92.92% on its held-out split, 91.21 ->
    # 91.66% on the calibration carve-out, for ~17% more training CPU (bench/intents/RESULTS.md, 2026-11-30)
    batch_size: int = 16
    lr: float = 1e-4
    head_lr: float = 2e-3
    weight_decay: float = 0.01
    warmup: float = 0.06
    schedule: str = "linear"  # linear | cosine | constant
    label_smoothing: float = 0.1
    max_length: int = 64
    freeze_embeddings: bool = True
    freeze_layers: int = 2
    cache_frozen: bool = True
    bucketing: bool = True
    dynamic_padding: bool = True
    threads: int = 2
    sentiment_weight: float = 1.0
    max_steps: int | None = None
    # oversample intent rows of smaller languages to the largest one's count (with 2 frozen layers: demo
    # store zh 9.2 -> 3.5 points under en, see bench/intents/RESULTS.md); a no-op on single-language data
    balance_languages: bool = True
    # "bf16": forward under torch.autocast(cpu, bfloat16); master weights, optimizer state and losses stay
    # fp32. Used only where the CPU has native bf16 (AVX512_BF16 / AMX), else fp32 silently; the manifest
    # records the precision that ran (``resolve_precision``). Inference is fp32 either way.
    precision: str = "fp32"  # fp32 | bf16
    # one fused AdamW kernel instead of per-tensor foreach ops: the same update, ~30-45 ms less CPU per step
    fused_optimizer: bool = True
    # share of the training file's out_of_scope rows moved (seeded) from training into the calibration rows, so
    # the out-of-scope threshold is fitted on out-of-scope rows the model never saw (0: all of them train)
    oos_calibration_share: float = 0.0
    # text put before every utterance, in training and at inference (stored in the model's config, so a model
    # trained with e5's "query: " keeps it). None: it costs 3 of the ~15 tokens of a typical customer message in
    # every forward; without it the demo store's mean accuracy moved -0.24 point (seeds 0-1), its zh / es gaps
    # narrowed, training took 19% and serving 12% less CPU (bench/intents/RESULTS.md, ninth session)
    prefix: str = ""
    # pseudo-outliers (Zhan et al., ACL 2021): per batch, this fraction of ``batch_size`` extra rows, each a convex
    # combination of the pooled embeddings of two in-scope rows of different intents, trained as out_of_scope
    # (gradient into the encoder too); only where the labels have an out_of_scope class (0: off)
    pseudo_oos: float = 0.0


@dataclass(frozen=True)
class TrainResult:
    """What ``train_intents`` produced."""

    out_dir: Path
    seconds: float
    cpu_seconds: float
    steps: int
    n_train: int
    n_valid: int
    validation_metrics: dict


def _batches(lengths: list[int], args: TrainArgs, rng: random.Random) -> list[list[int]]:
    idx = list(range(len(lengths)))
    rng.shuffle(idx)
    if args.bucketing:
        # sort within large shuffled chunks: similar lengths per batch, still a random order of batches
        chunk = args.batch_size * 50
        idx = [i for s in range(0, len(idx), chunk) for i in sorted(idx[s : s + chunk], key=lengths.__getitem__)]
    batches = [idx[s : s + args.batch_size] for s in range(0, len(idx), args.batch_size)]
    rng.shuffle(batches)
    return batches


def bf16_supported() -> bool:
    """True where the CPU does bf16 matrix products natively (AVX512_BF16 or AMX), so autocast pays off."""
    cpu = getattr(torch, "cpu", None)
    checks = ("_is_avx512_bf16_supported", "_is_amx_tile_supported")
    try:
        return any(bool(getattr(cpu, c)()) for c in checks if hasattr(cpu, c))
    except RuntimeError:
        return False


def resolve_precision(args: TrainArgs) -> TrainArgs:
    """``args`` with the precision that will actually run: bf16 falls back to fp32 where unsupported."""
    if args.precision not in ("fp32", "bf16"):
        raise ValueError(f"precision must be 'fp32' or 'bf16', not {args.precision!r}")
    if args.precision == "bf16" and not bf16_supported():
        log.info("event=train_intents.precision requested=bf16 used=fp32 reason=no_native_bf16")
        return replace(args, precision="fp32")
    return args


def _collate(ids: list[list[int]], pad: int, width: int | None = None) -> tuple[torch.Tensor, torch.Tensor]:
    n = width or max(len(x) for x in ids)
    input_ids = torch.full((len(ids), n), pad, dtype=torch.long)
    mask = torch.zeros((len(ids), n), dtype=torch.long)
    for i, x in enumerate(ids):
        input_ids[i, : len(x)] = torch.tensor(x)
        mask[i, : len(x)] = 1
    return input_ids, mask


def balance_languages(rows: list[Row], seed: int) -> list[Row]:
    """Oversample intent rows of smaller languages (by ``lang``) up to the largest language's count."""
    by_lang: dict[str, list[Row]] = {}
    for r in rows:
        if r.lang and r.intent:
            by_lang.setdefault(r.lang, []).append(r)
    if len(by_lang) < 2:
        return rows
    top = max(len(v) for v in by_lang.values())
    rng = random.Random(seed)
    extra = [r for v in by_lang.values() for r in rng.choices(v, k=top - len(v))]
    return rows + extra


def _cache_lower(model: IntentModel, tok: list[list[int]], layers: int, pad: int) -> list[torch.Tensor]:
    """Hidden states after the frozen lower part, once per example (fp16, unpadded): later epochs skip it."""
    model.eval()
    out: list[torch.Tensor] = [torch.empty(0)] * len(tok)
    order = sorted(range(len(tok)), key=lambda i: len(tok[i]))
    with torch.inference_mode():
        for s in range(0, len(order), 64):
            batch = order[s : s + 64]
            input_ids, mask = _collate([tok[i] for i in batch], pad)
            hidden = model.lower(input_ids, mask, layers)
            for j, i in enumerate(batch):
                out[i] = hidden[j, : len(tok[i])].to(torch.float16).clone()
    model.train()
    return out


def _pad_hidden(hs: list[torch.Tensor]) -> tuple[torch.Tensor, torch.Tensor]:
    n = max(len(h) for h in hs)
    hidden = torch.zeros(len(hs), n, hs[0].shape[-1])
    mask = torch.zeros(len(hs), n, dtype=torch.long)
    for i, h in enumerate(hs):
        hidden[i, : len(h)] = h.float()
        mask[i, : len(h)] = 1
    return hidden, mask


def pseudo_outliers(pooled: torch.Tensor, labels: torch.Tensor, oos: int, n: int, gen: torch.Generator
                    ) -> torch.Tensor:
    """Up to ``n`` points ``lam * a + (1 - lam) * b`` (``lam`` uniform in ``MIX_RANGE``) between the pooled embeddings
    of two rows of the batch with different in-scope intents: what lies between intents is out of scope."""
    ins = ((labels >= 0) & (labels != oos)).nonzero().flatten()
    if len(ins) == 0:
        return pooled[:0]
    i = ins[torch.randint(len(ins), (4 * n,), generator=gen)]
    j = ins[torch.randint(len(ins), (4 * n,), generator=gen)]
    keep = (labels[i] != labels[j]).nonzero().flatten()[:n]  # 4n draws: enough pairs unless the batch is one intent
    lam = torch.empty(len(keep), 1).uniform_(*MIX_RANGE, generator=gen)
    return lam * pooled[i[keep]] + (1 - lam) * pooled[j[keep]]


def with_pseudo_outliers(model: IntentModel, pooled: torch.Tensor, logits: torch.Tensor, labels: torch.Tensor,
                         n: int, gen: torch.Generator) -> tuple[torch.Tensor, torch.Tensor]:
    """The batch's intent logits and labels followed by those of its pseudo-outliers, labelled out_of_scope."""
    oos = model.config.oos_index
    assert oos is not None, "pseudo-outliers need an out_of_scope class"
    mixed = pseudo_outliers(pooled, labels, oos, n, gen)
    return (torch.cat([logits, model.intent_head(model.dropout(mixed)).to(logits.dtype)]),
            torch.cat([labels, torch.full((len(mixed),), oos, dtype=labels.dtype)]))


def _schedule(args: TrainArgs, total: int):
    warm = max(1, int(total * args.warmup))

    def f(step: int) -> float:
        if step < warm:
            return (step + 1) / warm
        if args.schedule == "constant":
            return 1.0
        p = (step - warm) / max(1, total - warm)
        return 0.5 * (1 + math.cos(math.pi * p)) if args.schedule == "cosine" else max(0.0, 1 - p)

    return f


def freeze(model: IntentModel, args: TrainArgs) -> None:
    """Freeze word embeddings (and the embedding block + lower layers when ``freeze_layers`` > 0)."""
    emb = model.encoder.embeddings
    emb.word_embeddings.weight.requires_grad_(not args.freeze_embeddings)
    if args.freeze_layers > 0:
        for p in emb.parameters():
            p.requires_grad_(False)
        for layer in model.encoder.encoder.layer[: args.freeze_layers]:
            for p in layer.parameters():
                p.requires_grad_(False)


def fit(model: IntentModel, rows: list[Row], args: TrainArgs, *, progress: bool = True) -> int:
    """Train ``model`` in place on ``rows``; returns the number of optimizer steps."""
    from tqdm import tqdm

    args = resolve_precision(args)

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)
    freeze(model, args)
    labels = {name: i for i, name in enumerate(model.config.intent_labels)}
    sents = {s: i for i, s in enumerate(model.config.sentiment_labels)}
    tok = model.tokenizer([model.config.prefix + r.text for r in rows], truncation=True,
                          max_length=args.max_length)["input_ids"]
    y_int = torch.tensor([labels.get(r.intent, -100) if r.intent else -100 for r in rows])
    y_sent = torch.tensor([sents[r.sentiment] if r.sentiment else -100 for r in rows])
    has_sent = bool((y_sent >= 0).any())
    heads = list(model.intent_head.parameters()) + list(model.sentiment_head.parameters())
    enc = [(n, p) for n, p in model.encoder.named_parameters() if p.requires_grad]
    groups = [
        {"params": [p for n, p in enc if p.ndim > 1], "lr": args.lr, "weight_decay": args.weight_decay},
        {"params": [p for n, p in enc if p.ndim <= 1], "lr": args.lr, "weight_decay": 0.0},
        {"params": heads, "lr": args.head_lr, "weight_decay": 0.0},
    ]
    fused = {"fused": True} if args.fused_optimizer else {}
    opt = torch.optim.AdamW([g for g in groups if g["params"]], **fused)
    per_epoch = math.ceil(len(rows) / args.batch_size)
    total = per_epoch * args.epochs if args.max_steps is None else min(args.max_steps, per_epoch * args.epochs)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, _schedule(args, total))
    ce_int = nn.CrossEntropyLoss(label_smoothing=args.label_smoothing, ignore_index=-100)
    ce_sent = nn.CrossEntropyLoss(label_smoothing=args.label_smoothing, ignore_index=-100)
    pad = model.tokenizer.pad_token_id
    model.train()
    cut = args.freeze_layers if args.cache_frozen else 0
    cached = _cache_lower(model, tok, cut, pad) if cut > 0 else None
    # autocast casts weights to bf16 per op; parameters, gradients and AdamW state stay fp32
    bf16 = args.precision == "bf16"
    if args.pseudo_oos < 0:
        raise ValueError(f"pseudo_oos must be >= 0, not {args.pseudo_oos}")
    n_mix = round(args.pseudo_oos * args.batch_size) if model.config.oos_index is not None else 0
    if args.pseudo_oos and model.config.oos_index is None:
        log.info("event=train_intents.pseudo_oos skipped=1 reason=no_out_of_scope_class")
    gen = torch.Generator().manual_seed(args.seed)
    autocast = (lambda: torch.autocast("cpu", dtype=torch.bfloat16)) if bf16 else nullcontext
    step = 0
    bar = tqdm(total=total, desc="train-intents", file=sys.stderr, disable=not progress, mininterval=2)
    while step < total:
        for batch in _batches([len(t) for t in tok], args, rng):
            if step >= total:
                break
            with autocast():
                if cached is not None:
                    hidden, mask = _pad_hidden([cached[i] for i in batch])
                    pooled, il, sl = model.heads(model.upper(hidden, mask, cut), mask)
                else:
                    width = None if args.dynamic_padding else args.max_length
                    input_ids, mask = _collate([tok[i] for i in batch], pad, width)
                    pooled, il, sl = model(input_ids, mask)
                yi, ys = y_int[batch], y_sent[batch]
                if n_mix:
                    il, yi = with_pseudo_outliers(model, pooled, il, yi, n_mix, gen)
            il, sl = il.float(), sl.float()  # the losses in fp32
            loss = torch.zeros(())
            if (yi >= 0).any():
                loss = loss + ce_int(il, yi)
            if has_sent and (ys >= 0).any():
                loss = loss + args.sentiment_weight * ce_sent(sl, ys)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_([p for g in groups for p in g["params"]], 1.0)
            opt.step()
            sched.step()
            step += 1
            bar.update(1)
            bar.set_postfix(loss=f"{loss.item():.3f}", refresh=False)
    bar.close()
    model.eval()
    return step


@dataclass(frozen=True)
class CalibrationSplit:
    """Training rows, calibration rows (``valid`` or the carve-out, then the held-back out-of-scope rows)."""

    train: list[Row]
    calibration: list[Row]
    held_back_oos: int


def calibration_split(rows: list[Row], valid: list[Row] | None, args: TrainArgs) -> CalibrationSplit:
    """What ``train_intents`` trains and calibrates on: without ``valid`` a stratified ``VALID_FRACTION`` of
    ``rows`` is carved out; then ``args.oos_calibration_share`` of the remaining out_of_scope rows move to the end
    of the calibration rows."""
    if valid is None:
        rows, valid = stratified_split(rows, VALID_FRACTION, args.seed)
    rows, held = hold_back_oos(rows, args.oos_calibration_share, args.seed)
    return CalibrationSplit(rows, valid + held, len(held))


def _base_sha256(base_dir: Path) -> str:
    manifest = Path(base_dir) / "shopbot_base.json"
    if manifest.exists():
        info = json.loads(manifest.read_text())
        return info["source_sha256"] + (f"+{info['truncated_layers']}l" if "truncated_layers" in info else "")
    from training.base_model import sha256_file

    return sha256_file(Path(base_dir) / "model.safetensors")


def train_intents(
    train_path: Path,
    valid_path: Path | None,
    out_dir: Path,
    base_model_dir: Path,
    epochs: int = TrainArgs.epochs,
    seed: int = 0,
    *,
    args: TrainArgs | None = None,
    progress: bool = True,
) -> TrainResult:
    """Train on ``train_path`` (JSONL), calibrate on ``valid_path`` (or a stratified 10% of train) plus the
    held-back out-of-scope rows (``calibration_split``), save to ``out_dir``."""
    from training.intents_eval import evaluate

    args = resolve_precision(args or TrainArgs(epochs=epochs, seed=seed))
    split = calibration_split(read_jsonl(train_path), read_jsonl(valid_path) if valid_path else None, args)
    rows, valid = split.train, split.calibration
    intents = sorted({r.intent for r in rows if r.intent})
    config = IntentConfig(intent_labels=intents, max_length=args.max_length, prefix=args.prefix,
                          sentiment_trained=any(r.sentiment for r in rows))
    model = IntentModel.from_base(base_model_dir, config, seed=args.seed)
    t0, c0 = time.perf_counter(), time.process_time()
    steps = fit(model, balance_languages(rows, args.seed) if args.balance_languages else rows, args,
                progress=progress)
    seconds, cpu_seconds = time.perf_counter() - t0, time.process_time() - c0
    # no held-out rows at all (tiny data): calibrate on the training rows, an optimistic fallback
    calibrate_model(model, rows, valid or rows)
    metrics = evaluate(model, valid) if valid else {}
    manifest = {
        "base_model": str(base_model_dir),
        "base_model_sha256": _base_sha256(base_model_dir),
        "data_sha256": rows_sha256(rows),
        "valid_sha256": rows_sha256(valid),
        "n_train": len(rows),
        "n_valid": len(valid),
        "held_back_oos": split.held_back_oos,  # out_of_scope training rows calibrated on instead (the last of valid)
        "training_args": asdict(args),
        "training_seconds": round(seconds, 1),
        "training_cpu_seconds": round(cpu_seconds, 1),
        "training_steps": steps,
        "validation_metrics": metrics,
        "torch": torch.__version__,
    }
    model.save_pretrained(out_dir, manifest)
    log.info("event=train_intents.done out=%s seconds=%.1f steps=%d", out_dir, seconds, steps)
    return TrainResult(Path(out_dir), seconds, cpu_seconds, steps, len(rows), len(valid), metrics)

