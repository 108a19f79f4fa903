"""Offline evaluation of retrieval and abstention, and fitting the abstention model.

Query rows are ``{"query": str, "relevant": [ids]}`` (an empty list means the store cannot answer)
plus an optional ``"lang"``. Ids are compared at the level of translation groups, so a Spanish
translation of a FAQ entry counts as that entry; a policy id without ``#n`` matches any of its passages.

``recall_at_k`` is the share of answerable queries with at least one relevant id in the top k
(several near-duplicate FAQ entries may all be relevant). Ranking metrics ignore abstention; the
abstention metrics ignore ranking: ``abstain_recall`` is the share of unanswerable queries refused,
``abstain_precision`` the share of refusals that were unanswerable, ``false_refusal`` the share of
answerable queries refused.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from retrieval.abstention import Calibration, fit_calibration
from retrieval.hybrid import HybridSearcher, SearchResult

KS = (1, 5, 10)


@dataclass(frozen=True)
class QueryOutcome:
    query: str
    lang: str
    relevant: tuple[str, ...]
    ranked: tuple[str, ...]
    features: dict[str, float]
    abstained: bool
    latency_ms: float

    @property
    def answerable(self) -> bool:
        return bool(self.relevant)

    def rank(self) -> int | None:
        """1-based rank of the first relevant hit."""
        return next((i + 1 for i, g in enumerate(self.ranked) if g in self.relevant), None)


def run_queries(searcher: HybridSearcher, rows: list[dict[str, Any]], *, calibration: Calibration | None = None,
                k: int = 10, kinds: tuple[str, ...] | None = None,
                vectors: np.ndarray | None = None) -> list[QueryOutcome]:
    """Search every row; ``vectors`` (one e5 query embedding per row) skips encoding, so latencies then
    exclude the encoder."""
    cal = calibration or searcher.index.calibration
    view = searcher.index.view
    group_of = {d.id: d.group for d in view.docs}
    outcomes = []
    for n, row in enumerate(rows):
        lang = row.get("lang", "en")
        result: SearchResult = searcher.search(row["query"], k=k, kinds=kinds, language=lang,
                                               vector=None if vectors is None else vectors[n])
        relevant = tuple(dict.fromkeys(group_of.get(r, r) for r in row.get("relevant") or []))
        # a policy id without "#n" means any passage of that policy
        ranked = tuple(h.id if h.id in relevant else h.metadata.get("policy_id", h.id) for h in result.hits)
        outcomes.append(QueryOutcome(row["query"], lang, relevant, ranked,
                                     result.features, cal.abstain(result.features) if result.hits else True,
                                     result.latency_ms))
    return outcomes


def metrics(outcomes: list[QueryOutcome]) -> dict[str, Any]:
    """The ``eval-retrieval`` JSON object."""
    ans = [o for o in outcomes if o.answerable]
    unans = [o for o in outcomes if not o.answerable]
    out: dict[str, Any] = {"n": len(outcomes), "n_answerable": len(ans), "n_unanswerable": len(unans)}
    ranks = [o.rank() for o in ans]
    for k in KS:
        out[f"recall_at_{k}"] = _mean([r is not None and r <= k for r in ranks])
    out["mrr"] = _mean([1.0 / r if r else 0.0 for r in ranks])
    out["ndcg_at_10"] = _mean([_ndcg(o, 10) for o in ans])
    refused = [o for o in outcomes if o.abstained]
    out["abstain_precision"] = _mean([not o.answerable for o in refused]) if refused else None
    out["abstain_recall"] = _mean([o.abstained for o in unans]) if unans else None
    out["false_refusal"] = _mean([o.abstained for o in ans]) if ans else None
    out["p50_ms"] = float(np.median([o.latency_ms for o in outcomes])) if outcomes else None
    return out


def fit_from_queries(searcher: HybridSearcher, rows: list[dict[str, Any]], *, max_false_refusal: float = 0.10,
                     source: str = "fitted") -> Calibration:
    """Fit the abstention model on labelled queries (answerable = non-empty ``relevant``)."""
    outcomes = run_queries(searcher, rows, calibration=Calibration.default())
    return fit_calibration([o.features for o in outcomes], [o.answerable for o in outcomes],
                           max_false_refusal=max_false_refusal, source=source)


def _ndcg(o: QueryOutcome, k: int) -> float:
    dcg = sum(1.0 / math.log2(i + 2) for i, g in enumerate(o.ranked[:k]) if g in o.relevant)
    ideal = sum(1.0 / math.log2(i + 2) for i in range(min(len(o.relevant), k)))
    return dcg / ideal if ideal else 0.0


def _mean(values: list[Any]) -> float | None:
    return float(np.mean([float(v) for v in values])) if values else None
