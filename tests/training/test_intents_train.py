"""Pieces of the training recipe that need no model."""

from __future__ import annotations

import random
from collections import Counter

from training.intents_data import Row
from training.intents_train import TrainArgs, _batches, _schedule, balance_languages


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
