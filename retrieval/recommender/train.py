"""Train a ``SequentialRecommender`` on ``user -> items`` sequences.

The last item of ``val_users`` random users is held out for validation (the other users train on
their full sequences): early stopping on validation NDCG@10, then the
co-occurrence settings and the SASRec/co-occurrence fusion weight are tuned on the same targets.
Finally co-occurrence and popularity are refit on the full sequences (validation items included), so
the served model knows the latest transitions. SASRec keeps its early-stopped weights unless
``refit_epochs`` > 0: a short continuation on the full sequences over-learns the newest transitions
(on the planted store it made "after K1" predict K3, the item two steps ahead, instead of K2).
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from typing import Any

import numpy as np
import torch

from retrieval.recommender.baselines import CoOccurrence, CoOccurrenceConfig, Popularity
from retrieval.recommender.data import ItemVocab, Split, leave_one_out
from retrieval.recommender.metrics import evaluate, ranking_metrics, target_ranks
from retrieval.recommender.model import SASRec, SASRecConfig, pad_batch
from retrieval.recommender.recommender import Fusion, SequentialRecommender, repeat_scores
from retrieval.recommender.spectral import spectral_item_vectors

log = logging.getLogger(__name__)

COOC_GRID = [CoOccurrenceConfig(window=w, last_k=k, recency=0.5, row_norm=n)
             for w in (1, 2, 3, 5) for k in (1, 2, 3, 5) for n in (0.0, 0.5)]
FUSION_GRID = [Fusion(beta=b, eps=e) for b in (0.0, 0.1, 0.2, 0.3, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 5.0, 10.0, 20.0)
               for e in (0.01, 0.1, 1.0)]
REPEAT_GRID = (0.0, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0)  # tuned only when history items may come again


@dataclass(frozen=True)
class TrainConfig:
    dim: int = 64
    layers: int = 2
    heads: int = 2
    max_len: int = 50
    dropout: float = 0.5
    epochs: int = 200
    batch_size: int = 128
    lr: float = 1e-3
    weight_decay: float = 0.01
    patience: int = 8  # evaluations without a better validation NDCG@10
    eval_every: int = 1
    negatives: int = 0  # 0: full softmax over all items; n: sampled softmax, n shared negatives (logQ-corrected)
    id_dropout: float = 0.2  # only with text: hide ID embeddings so text alone learns to place items
    val_users: int = 10_000  # users whose last item is held out (early stopping, tuning); others train on all
    time_budget_s: float = 1200.0
    tune_cooccurrence: bool = True
    refit_epochs: int = 0  # >0: continue SASRec on the full sequences after tuning (see the module doc)
    spectral_init: bool = True  # item table starts from co-occurrence singular vectors (retrieval.recommender.spectral)
    exclude_history: bool = True  # validation ranks exclude history items (False for sessions with repeats)
    seed: int = 0


def _examples(prefixes: list[list[int]], max_len: int) -> list[list[int]]:
    """One training sequence per user: the latest ``max_len + 1`` items (inputs + shifted targets)."""
    return [p[-(max_len + 1):] for p in prefixes if len(p) >= 2]


def _batches(examples: list[list[int]], batch_size: int, rng: random.Random) -> list[list[list[int]]]:
    """Batches of similar length (little padding), in random order."""
    order = sorted(range(len(examples)), key=lambda i: (len(examples[i]), rng.random()))
    batches = [[examples[i] for i in order[s:s + batch_size]] for s in range(0, len(order), batch_size)]
    rng.shuffle(batches)
    return batches


def _epoch(model: SASRec, opt: torch.optim.Optimizer, examples: list[list[int]], cfg: TrainConfig,
           rng: random.Random, sampler: torch.Tensor | None) -> float:
    model.train()
    total, n = 0.0, 0
    for batch in _batches(examples, cfg.batch_size, rng):
        seqs, lengths = pad_batch([b[:-1] for b in batch], cfg.max_len)
        targets, _ = pad_batch([b[1:] for b in batch], cfg.max_len)
        table = model.item_table(cfg.id_dropout if model.text_proj is not None else 0.0)
        h = model.encode(table[seqs], lengths)
        valid = targets > 0
        hv, tv = h[valid], targets[valid]
        if sampler is None:
            logits = hv @ table[1:].T  # full softmax over every real item
            loss = torch.nn.functional.cross_entropy(logits, tv - 1)
        else:
            neg = torch.multinomial(sampler, cfg.negatives, replacement=True)
            logq = torch.log(sampler / sampler.sum() * cfg.negatives)
            pos = (hv * table[tv]).sum(-1, keepdim=True) - logq[tv, None]
            negl = hv @ table[neg].T - logq[neg][None, :]
            negl = negl.masked_fill(neg[None, :] == tv[:, None], -torch.inf)
            loss = torch.nn.functional.cross_entropy(torch.cat([pos, negl], 1),
                                                     torch.zeros(len(tv), dtype=torch.long))
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        total += float(loss.detach()) * len(tv)
        n += len(tv)
    return total / max(n, 1)


def tune_cooccurrence(train: list[list[int]], n_rows: int, val: Split, *,
                      exclude_history: bool = True) -> tuple[CoOccurrence, dict[str, float], CoOccurrenceConfig]:
    """The best grid setting on validation NDCG@10, its metrics, and the best setting with raw counts
    (``row_norm=0``: the plain sequential baseline, which benchmarks score separately)."""
    scored = []
    for cfg in COOC_GRID:
        cooc = CoOccurrence.fit(train, n_rows, cfg)
        scored.append((evaluate(cooc.scores, val.histories, val.targets, exclude_history=exclude_history), cooc))
    m, best = max(scored, key=lambda x: x[0]["ndcg_at_10"])
    plain = max((x for x in scored if not x[1].config.row_norm), key=lambda x: x[0]["ndcg_at_10"])
    log.info("event=cooc_tuned config=%s ndcg10=%.4f plain=%s plain_ndcg10=%.4f", best.config, m["ndcg_at_10"],
             plain[1].config, plain[0]["ndcg_at_10"])
    return best, m, plain[1].config


def tune_fusion(rec: SequentialRecommender, val: Split, batch: int = 512, *,
                exclude_history: bool = True) -> tuple[Fusion, dict[str, float]]:
    repeats = (0.0,) if exclude_history else REPEAT_GRID
    grid = [replace(f, repeat=r) for f in FUSION_GRID for r in repeats]
    ranks: dict[Fusion, list[np.ndarray]] = {f: [] for f in grid}
    for s in range(0, len(val.targets), batch):
        hist, tgt = val.histories[s:s + batch], val.targets[s:s + batch]
        lsm, co = rec.model_scores(hist), rec.cooc.raw_scores(hist)
        rep = repeat_scores(hist, lsm.shape[1]) if len(repeats) > 1 else None
        base = lsm + 1e-6 * rec.popularity.prior()
        logs = {e: np.log(co + e) for e in {f.eps for f in FUSION_GRID}}
        for f in grid:
            sc = base + f.beta * logs[f.eps] if f.beta else base
            if f.repeat:
                sc = sc + f.repeat * rep
            ranks[f].append(target_ranks(sc, hist, tgt, exclude_history=exclude_history))
    scored = {f: ranking_metrics(np.concatenate(r)) for f, r in ranks.items()}
    best = max(scored, key=lambda f: scored[f]["ndcg_at_10"])
    log.info("event=fusion_tuned beta=%s eps=%s repeat=%s ndcg10=%.4f sasrec_only=%.4f", best.beta, best.eps,
             best.repeat, scored[best]["ndcg_at_10"], scored[Fusion(0.0, 0.01)]["ndcg_at_10"])
    return best, scored[best] | {"sasrec_only_ndcg_at_10": scored[Fusion(0.0, 0.01)]["ndcg_at_10"]}


def train_recommender(sequences: dict[str, list[str]], config: TrainConfig = TrainConfig(), *,
                      text: dict[str, np.ndarray] | None = None, manifest: dict[str, Any] | None = None,
                      on_epoch: Callable[[int, float, float], None] | None = None) -> SequentialRecommender:
    """Train on ``sequences`` (user -> item ids, oldest first). ``text`` maps item ids to frozen text
    embeddings (e5) to tie item vectors to; items without text get a zero text vector."""
    t0 = time.perf_counter()
    xh = config.exclude_history
    torch.manual_seed(config.seed)
    rng = random.Random(config.seed)
    vocab = ItemVocab.build(sequences.values())
    lookup = vocab.index()
    encoded = [vocab.encode(s, lookup) for s in sequences.values()]
    eligible = [i for i, s in enumerate(encoded) if len(s) >= 2]
    train, es_val = leave_one_out(encoded, rng.sample(eligible, min(config.val_users, len(eligible))))
    n_rows = vocab.size

    text_t = None
    if text:
        dim_t = len(next(iter(text.values())))
        mat = np.zeros((n_rows, dim_t), dtype=np.float32)
        for item, row in lookup.items():
            if item in text:
                mat[row] = text[item]
        text_t = torch.from_numpy(mat)
    mcfg = SASRecConfig(n_rows=n_rows, dim=config.dim, layers=config.layers, heads=config.heads,
                        max_len=config.max_len, dropout=config.dropout,
                        text_dim=0 if text_t is None else text_t.shape[1])
    model = SASRec(mcfg, text_t)
    if config.spectral_init and n_rows > config.dim + 2:
        vec = spectral_item_vectors(train, n_rows, config.dim, seed=config.seed)
        known = np.linalg.norm(vec, axis=1) > 0
        with torch.no_grad():
            model.item_emb.weight[torch.from_numpy(known)] = torch.from_numpy(vec[known])
        log.info("event=spectral_init items=%d elapsed_s=%.1f", int(known.sum()), time.perf_counter() - t0)
    opt = torch.optim.AdamW(model.parameters(), lr=config.lr, weight_decay=config.weight_decay)
    examples = _examples(train, config.max_len)
    pop_train = Popularity.fit(train, n_rows)
    sampler = None
    if config.negatives:
        sampler = torch.tensor(pop_train.counts, dtype=torch.float) ** 0.5 + 0.1  # q(j) for sampled softmax
        sampler[0] = 0.0
    cooc = CoOccurrence.fit(train, n_rows)
    rec = SequentialRecommender(vocab=vocab, model=model, cooc=cooc, popularity=pop_train)

    best_ndcg, best_state, best_epoch, bad, epoch = -1.0, None, 0, 0, 0
    for epoch in range(1, config.epochs + 1):
        loss = _epoch(model, opt, examples, config, rng, sampler)
        if epoch % config.eval_every and epoch != config.epochs:
            continue
        model.eval()
        ndcg = evaluate(rec.model_scores, es_val.histories, es_val.targets, exclude_history=xh)["ndcg_at_10"]
        log.info("event=epoch epoch=%d loss=%.4f val_ndcg10=%.4f elapsed_s=%.0f", epoch, loss, ndcg,
                 time.perf_counter() - t0)
        if on_epoch:
            on_epoch(epoch, loss, ndcg)
        if ndcg > best_ndcg:
            best_ndcg, best_epoch, bad = ndcg, epoch, 0
            best_state = {k: v.detach().clone() for k, v in model.state_dict().items()}
        else:
            bad += 1
        if bad >= config.patience or time.perf_counter() - t0 > config.time_budget_s:
            break
    assert best_state is not None
    model.load_state_dict(best_state)
    model.eval()
    train_s = time.perf_counter() - t0

    plain = rec.cooc.config
    if config.tune_cooccurrence:
        rec.cooc, cooc_val, plain = tune_cooccurrence(train, n_rows, es_val, exclude_history=xh)
    else:
        cooc_val = evaluate(rec.cooc.scores, es_val.histories, es_val.targets, exclude_history=xh)
    fusion, fused_val = tune_fusion(rec, es_val, exclude_history=xh)
    pop_val = evaluate(pop_train.scores, es_val.histories, es_val.targets, exclude_history=xh)
    if config.refit_epochs:
        # the held-out transitions are the most recent ones; the served model should know them
        for g in opt.param_groups:
            g["lr"] = config.lr / 2
        full_examples = _examples(encoded, config.max_len)
        for _ in range(config.refit_epochs):
            _epoch(model, opt, full_examples, config, rng, sampler)
        model.eval()
    metrics = {**fused_val, "cooccurrence_ndcg_at_10": cooc_val["ndcg_at_10"],
               "cooccurrence_hr_at_10": cooc_val["hr_at_10"], "popularity_ndcg_at_10": pop_val["ndcg_at_10"]}
    full_pop = Popularity.fit(encoded, n_rows)
    final = SequentialRecommender(
        vocab=vocab, model=model, cooc=CoOccurrence.fit(encoded, n_rows, rec.cooc.config), popularity=full_pop,
        fusion=fusion,
        manifest={**(manifest or {}), "args": asdict(config), "n_users": len(encoded), "n_items": n_rows - 1,
                  "best_epoch": best_epoch, "epochs_run": epoch, "train_seconds": round(train_s, 1),
                  "total_seconds": round(time.perf_counter() - t0, 1), "metrics": metrics,
                  "cooccurrence": asdict(rec.cooc.config), "cooccurrence_plain": asdict(plain),
                  "fusion": asdict(fusion),
                  "torch_threads": torch.get_num_threads()})
    log.info("event=trained best_epoch=%d val=%s", best_epoch, metrics)
    return final


def with_defaults(**overrides: Any) -> TrainConfig:
    return replace(TrainConfig(), **{k: v for k, v in overrides.items() if v is not None})
