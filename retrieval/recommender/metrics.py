"""Full-ranking metrics: the target is ranked against ALL items, history items excluded."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

Scorer = Callable[[list[list[int]]], np.ndarray]
"""Maps a batch of encoded histories to scores over the item table ``[batch, n_rows]``."""

METRIC_NAMES = ("hr_at_10", "ndcg_at_10", "recall_at_20", "mrr_at_20")


def target_ranks(scores: np.ndarray, histories: list[list[int]], targets: np.ndarray,
                 *, exclude_history: bool = True) -> np.ndarray:
    """0-based rank of each target among all items (row 0, padding, never counts)."""
    scores = np.array(scores, dtype=np.float32, copy=True)
    scores[:, 0] = -np.inf
    if exclude_history:
        for r, hist in enumerate(histories):
            scores[r, hist] = -np.inf
    rows = np.arange(len(targets))
    t = scores[rows, targets]
    # ties count against the target (pessimistic), so constant scorers get no free credit
    return (scores >= t[:, None]).sum(1) - 1


def ranking_metrics(ranks: np.ndarray) -> dict[str, float]:
    ranks = np.asarray(ranks)
    if len(ranks) == 0:
        return dict.fromkeys(METRIC_NAMES, 0.0)
    return {
        "hr_at_10": float((ranks < 10).mean()),
        "ndcg_at_10": float(np.where(ranks < 10, 1.0 / np.log2(ranks + 2), 0.0).mean()),
        "recall_at_20": float((ranks < 20).mean()),
        "mrr_at_20": float(np.where(ranks < 20, 1.0 / (ranks + 1), 0.0).mean()),
    }


def evaluate(scorer: Scorer, histories: list[list[int]], targets: np.ndarray, *, batch_size: int = 512,
             exclude_history: bool = True) -> dict[str, float]:
    """Score every history with ``scorer`` and compute the full-ranking metrics."""
    ranks = [target_ranks(scorer(histories[s:s + batch_size]), histories[s:s + batch_size],
                          targets[s:s + batch_size], exclude_history=exclude_history)
             for s in range(0, len(targets), batch_size)]
    return ranking_metrics(np.concatenate(ranks) if ranks else np.zeros(0))
