"""Score a trained recommender on ``user -> history`` plus ``user -> next item`` (full ranking)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from retrieval.recommender.metrics import METRIC_NAMES, Scorer, evaluate
from retrieval.recommender.recommender import Fusion, SequentialRecommender


def encode_split(rec: SequentialRecommender, histories: dict[str, list[str]],
                 targets: dict[str, str]) -> tuple[list[list[int]], np.ndarray]:
    """Users with a target; unknown target items map to row 0, which can never rank (a miss)."""
    lookup = rec.vocab.index()
    users = [u for u in targets if u in histories]
    hist = [rec.vocab.encode(histories[u], lookup) for u in users]
    return hist, np.array([lookup.get(targets[u], 0) for u in users], dtype=np.int64)


def evaluate_recommender(rec: SequentialRecommender, histories: dict[str, list[str]], targets: dict[str, str],
                         *, exclude_history: bool = True, baselines: bool = False,
                         progress: Callable[[str], None] | None = None) -> dict[str, float | int]:
    """The eval-recommender JSON: fused model metrics plus popularity (and, with ``baselines``, the
    co-occurrence model alone and SASRec alone) on the same users, ranking ALL items."""
    hist, tgt = encode_split(rec, histories, targets)
    scorers: dict[str, Scorer] = {"": rec.scores, "popularity_": rec.popularity.scores}
    if baselines:
        sasrec_only = SequentialRecommender(vocab=rec.vocab, model=rec.model, cooc=rec.cooc,
                                            popularity=rec.popularity, fusion=Fusion(beta=0.0))
        scorers |= {"cooccurrence_": rec.cooc.scores, "sasrec_": sasrec_only.scores}
    out: dict[str, float | int] = {"n_users": len(tgt), "n_items": rec.vocab.size - 1}
    for prefix, scorer in scorers.items():
        if progress:
            progress(prefix or "model")
        m = evaluate(scorer, hist, tgt, exclude_history=exclude_history)
        out |= {prefix + k: m[k] for k in METRIC_NAMES}
    return out


