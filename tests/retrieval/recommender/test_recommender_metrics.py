"""Full-ranking metrics: exact ranks, history exclusion, pessimistic ties."""

from __future__ import annotations

import math

import numpy as np

from retrieval.recommender.metrics import evaluate, ranking_metrics, target_ranks


def test_ranks_exclude_history_and_padding() -> None:
    scores = np.array([[9.0, 5.0, 4.0, 3.0, 2.0]])  # row 0 is padding and never counts
    assert target_ranks(scores, [[]], np.array([3])).tolist() == [2]
    assert target_ranks(scores, [[1]], np.array([3])).tolist() == [1]
    assert target_ranks(scores, [[1]], np.array([3]), exclude_history=False).tolist() == [2]


def test_ties_count_against_the_target() -> None:
    assert target_ranks(np.zeros((1, 6)), [[]], np.array([2])).tolist() == [4]


def test_metric_values() -> None:
    m = ranking_metrics(np.array([0, 9, 15, 30]))
    assert m["hr_at_10"] == 0.5 and m["recall_at_20"] == 0.75
    assert math.isclose(m["ndcg_at_10"], (1 + 1 / math.log2(11)) / 4)
    assert math.isclose(m["mrr_at_20"], (1 + 1 / 10 + 1 / 16) / 4)


def test_evaluate_batches() -> None:
    def scorer(h: list[list[int]]) -> np.ndarray:
        return np.tile(np.arange(5, dtype=float), (len(h), 1))

    m = evaluate(scorer, [[]] * 5, np.array([4, 4, 3, 1, 4]), batch_size=2)
    assert m["hr_at_10"] == 1.0 and math.isclose(m["mrr_at_20"], (1 + 1 + 0.5 + 0.25 + 1) / 5)
