"""Pieces of the training recipe that need no model."""

from __future__ import annotations

import json
import random
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest
import torch

import training.intents_train as intents_train
from training.intents_data import Row, rows_sha256, write_jsonl
from training.intents_train import TrainArgs, _batches, _schedule, balance_languages, fit, resolve_precision

ROWS = [Row(t, "order", "neutral") for t in ("where is my order", "track my parcel", "has it shipped")] + [
    Row(t, "refund", "negative") for t in ("I want my money back", "refund please", "return this item")]


def test_balance_languages_oversamples_smaller_languages() -> None:
    rows = [Row(f"en {i}", "a", lang="en") for i in range(10)] + [Row(f"zh {i}", "a", lang="zh") for i in range(4)]
    rows += [Row("review", sentiment="positive", lang="en")]
    out = balance_languages(rows, seed=0)
    assert Counter(r.lang for r in out if r.intent) == {"en": 10, "zh": 10}
    assert out[: len(rows)] == rows and balance_languages(rows, seed=0) == out


def test_bucketing_groups_similar_lengths_and_covers_all_rows() -> None:
    lengths = [random.Random(i).randint(3, 60) for i in range(640)]
    args = TrainArgs(batch_size=32)
    batches = _batches(lengths, args, random.Random(0))
    assert sorted(i for b in batches for i in b) == list(range(640))
    spread = sum(max(lengths[i] for i in b) - min(lengths[i] for i in b) for b in batches) / len(batches)
    unbucketed = _batches(lengths, TrainArgs(batch_size=32, bucketing=False), random.Random(0))
    assert spread < 0.5 * sum(max(lengths[i] for i in b) - min(lengths[i] for i in b) for b in unbucketed) / len(unbucketed)


def test_warmup_then_linear_decay() -> None:
    f = _schedule(TrainArgs(warmup=0.1), total=100)
    assert f(0) < f(5) < f(9) == 1.0
    assert f(50) > f(90) > f(99) >= 0.0


def _head_dtypes(base: Path, args: TrainArgs) -> tuple[set[torch.dtype], set[torch.dtype]]:
    """(dtypes of the intent head's outputs during ``fit``, dtypes of all parameters afterwards)."""
    from intents.model import IntentConfig, IntentModel

    model = IntentModel.from_base(base, IntentConfig(["order", "refund"]), seed=0)
    seen: set[torch.dtype] = set()
    model.intent_head.register_forward_hook(lambda _m, _i, out: seen.add(out.dtype))
    fit(model, ROWS, args, progress=False)
    return seen, {p.dtype for p in model.parameters()}


@pytest.mark.parametrize("cache_frozen", [True, False])
def test_bf16_runs_the_forward_under_autocast_with_fp32_weights(
        tiny_base_model_dir: Path, monkeypatch: pytest.MonkeyPatch, cache_frozen: bool) -> None:
    monkeypatch.setattr(intents_train, "bf16_supported", lambda: True)
    args = TrainArgs(epochs=1, batch_size=3, threads=1, freeze_layers=1, cache_frozen=cache_frozen)
    assert _head_dtypes(tiny_base_model_dir, replace(args, precision="bf16")) == ({torch.bfloat16}, {torch.float32})
    assert _head_dtypes(tiny_base_model_dir, replace(args, precision="fp32")) == ({torch.float32}, {torch.float32})


def test_bf16_falls_back_to_fp32_without_native_support(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(intents_train, "bf16_supported", lambda: False)
    assert resolve_precision(TrainArgs(precision="bf16")).precision == "fp32"
    monkeypatch.setattr(intents_train, "bf16_supported", lambda: True)
    assert resolve_precision(TrainArgs(precision="bf16")).precision == "bf16"
    assert resolve_precision(TrainArgs(precision="fp32")).precision == "fp32"
    with pytest.raises(ValueError):
        resolve_precision(TrainArgs(precision="fp16"))


@pytest.mark.parametrize("native", [True, False])
def test_manifest_records_the_precision_that_ran(tiny_base_model_dir: Path, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch, native: bool) -> None:
    from safetensors.torch import load_file

    from intents.model import MANIFEST_FILE, WEIGHTS_FILE

    monkeypatch.setattr(intents_train, "bf16_supported", lambda: native)
    write_jsonl(ROWS, tmp_path / "train.jsonl")
    args = TrainArgs(epochs=1, batch_size=3, threads=1, precision="bf16")
    intents_train.train_intents(tmp_path / "train.jsonl", tmp_path / "train.jsonl", tmp_path / "model",
                                tiny_base_model_dir, args=args, progress=False)
    manifest = json.loads((tmp_path / "model" / MANIFEST_FILE).read_text())
    assert manifest["training_args"]["precision"] == ("bf16" if native else "fp32")
    assert {t.dtype for t in load_file(str(tmp_path / "model" / WEIGHTS_FILE)).values()} == {torch.float32}


def test_held_back_out_of_scope_rows_calibrate_and_do_not_train(tiny_base_model_dir: Path, tmp_path: Path) -> None:
    from intents.model import MANIFEST_FILE, IntentModel

    oos = [Row(t, "out_of_scope") for t in ("what is the weather", "tell me a joke", "who won the match",
                                            "play some music", "book a flight to Rome", "what time is it")]
    valid = [Row("where is my parcel", "order"), Row("money back please", "refund"), Row("sing a song", "out_of_scope")]
    write_jsonl(ROWS + oos, tmp_path / "train.jsonl")
    write_jsonl(valid, tmp_path / "valid.jsonl")
    args = TrainArgs(epochs=1, batch_size=4, threads=1, freeze_layers=1, oos_calibration_share=0.5)
    split = intents_train.calibration_split(ROWS + oos, valid, args)
    res = intents_train.train_intents(tmp_path / "train.jsonl", tmp_path / "valid.jsonl", tmp_path / "model",
                                      tiny_base_model_dir, args=args, progress=False)
    held = split.calibration[len(valid):]
    assert split.held_back_oos == 3 and len(held) == 3 and set(held) <= set(oos)
    assert split.calibration[: len(valid)] == valid and not set(held) & set(split.train)
    manifest = json.loads((tmp_path / "model" / MANIFEST_FILE).read_text())
    # trained on the rows without the held-back ones, calibrated on valid + held-back
    assert manifest["data_sha256"] == rows_sha256([r for r in ROWS + oos if r not in held])
    assert manifest["valid_sha256"] == rows_sha256(valid + held)
    assert manifest["held_back_oos"] == 3 and manifest["training_args"]["oos_calibration_share"] == 0.5
    assert (res.n_train, res.n_valid) == (9, 6) and manifest["validation_metrics"]["n"] == 6
    # the stored decision was fitted on those rows (4 out-of-scope): recalibrating on them reproduces it, on valid
    # alone (1 out-of-scope row) it differs
    from training.intents_calibrate import calibrate_model

    model = IntentModel.from_pretrained(tmp_path / "model")
    stored = model.config.calibration
    calibrate_model(model, split.train, valid + held)
    assert model.config.calibration == stored
    calibrate_model(model, split.train, valid)
    assert model.config.calibration != stored
    # no share: everything trains, valid alone calibrates
    plain = intents_train.calibration_split(ROWS + oos, valid, replace(args, oos_calibration_share=0.0))
    assert (plain.train, plain.calibration, plain.held_back_oos) == (ROWS + oos, valid, 0)



@pytest.mark.parametrize("prefix", ["", "query: "])
def test_the_input_prefix_is_stored_and_used_at_inference(tiny_base_model_dir: Path, tmp_path: Path,
                                                         prefix: str) -> None:
    from intents.model import IntentModel

    write_jsonl(ROWS, tmp_path / "train.jsonl")
    args = TrainArgs(epochs=1, batch_size=3, threads=1, freeze_layers=1, prefix=prefix)
    intents_train.train_intents(tmp_path / "train.jsonl", tmp_path / "train.jsonl", tmp_path / "model",
                                tiny_base_model_dir, args=args, progress=False)
    model = IntentModel.from_pretrained(tmp_path / "model")
    assert model.config.prefix == prefix
    seen: list[int] = []
    forward = model.forward
    model.forward = lambda ids, mask: seen.append(int(mask.sum())) or forward(ids, mask)  # type: ignore[method-assign]
    model.classify(["refund please"])
    bare = len(model.tokenizer("refund please")["input_ids"])
    assert seen == [len(model.tokenizer(prefix + "refund please")["input_ids"])]
    assert (seen[0] > bare) == bool(prefix)  # the prefix costs tokens in every forward
    card = (tmp_path / "model" / "README.md").read_text()
    assert (f"inputs prefixed with `{prefix}`" if prefix else "inputs without a prefix") in card


def test_pseudo_outliers_lie_between_two_different_intents() -> None:
    labels = torch.tensor([0, 0, 1, 2, 3, -100])  # 3: out_of_scope, -100: a sentiment-only row
    pooled = torch.eye(6)  # row k's embedding is the k-th unit vector, so a mix shows which rows it came from
    mixed = intents_train.pseudo_outliers(pooled, labels, oos=3, n=20, gen=torch.Generator().manual_seed(0))
    assert len(mixed) == 20
    for x in mixed:
        used = x.nonzero().flatten().tolist()
        assert len(used) == 2 and set(used) <= {0, 1, 2, 3} and labels[used[0]] != labels[used[1]]
        assert min(intents_train.MIX_RANGE) <= float(x.max()) <= max(intents_train.MIX_RANGE) + 1e-6
        assert float(x.sum()) == pytest.approx(1.0)
    one_intent = intents_train.pseudo_outliers(pooled, torch.tensor([0, 0, 3, 3, -100, -100]), 3, 4,
                                               torch.Generator().manual_seed(0))
    assert len(one_intent) == 0


OOS_ROWS = [Row(t, "out_of_scope") for t in ("what is the weather", "tell me a joke", "who won the match")]


def _trained(base: Path, rows: list[Row], args: TrainArgs) -> tuple[dict[str, torch.Tensor], list[int]]:
    """(intent head weights after ``fit``, intent-head rows per forward during it)."""
    from intents.model import IntentConfig, IntentModel

    labels = sorted({r.intent for r in rows if r.intent})
    model = IntentModel.from_base(base, IntentConfig(labels), seed=0)
    sizes: list[int] = []
    model.intent_head.register_forward_hook(lambda _m, i, _o: sizes.append(len(i[0])))
    fit(model, rows, args, progress=False)
    return {k: v.clone() for k, v in model.intent_head.state_dict().items()}, sizes


def test_pseudo_oos_trains_mixed_rows_as_out_of_scope(tiny_base_model_dir: Path) -> None:
    from intents.model import IntentConfig, IntentModel

    args = TrainArgs(epochs=1, batch_size=4, threads=1, freeze_layers=1)
    plain, plain_sizes = _trained(tiny_base_model_dir, ROWS + OOS_ROWS, args)
    mixed, mixed_sizes = _trained(tiny_base_model_dir, ROWS + OOS_ROWS, replace(args, pseudo_oos=0.5))
    # one extra head call per batch that had two intents to mix, of at most 2 rows (0.5 x batch 4; none if one intent)
    assert len(mixed_sizes) > len(plain_sizes) and set(mixed_sizes[1::2]) <= {0, 1, 2}
    assert any(not torch.equal(plain[k], mixed[k]) for k in plain)
    model = IntentModel.from_base(tiny_base_model_dir, IntentConfig(["order", "out_of_scope", "refund"]), seed=0)
    pooled, labels = torch.randn(4, model.intent_head.in_features), torch.tensor([0, 2, 0, 1])
    logits, y = intents_train.with_pseudo_outliers(model, pooled, torch.zeros(4, 3), labels, 3,
                                                   torch.Generator().manual_seed(0))
    assert logits.shape == (7, 3) and y.tolist() == [0, 2, 0, 1, 1, 1, 1]
    # no out_of_scope class: the option does nothing
    (off, off_sizes), (on, on_sizes) = (_trained(tiny_base_model_dir, ROWS, a)
                                        for a in (args, replace(args, pseudo_oos=0.5)))
    assert off_sizes == on_sizes and all(torch.equal(off[k], on[k]) for k in off)
