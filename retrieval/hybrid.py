"""Hybrid search: dense (e5) and lexical (BM25) rankings fused by reciprocal rank, with filters.

Translations of one FAQ entry share a ``group`` (their ``source_id``): a group appears once in the
results, represented by the version in the customer's language when it exists, else the original.
Besides hits, a search returns the features the abstention model reads (``retrieval.abstention``).

>>> searcher = HybridSearcher(DocumentIndex.load(Path("idx"), embedder=emb))   # doctest: +SKIP
>>> searcher.search("¿cuánto tarda el envío?", k=3, language="es").hits[0].id    # doctest: +SKIP
'faq-shipping-time'
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from retrieval.index import DocumentIndex, FaqTwins, RowView
from retrieval.lexical import has_cjk, identifiers
from retrieval.types import Hit

if TYPE_CHECKING:
    from retrieval.use_channel import UseChannel

log = logging.getLogger(__name__)

RRF_K = 60
# BM25's vote in the fusion. Paraphrased questions share few words with the answer, so BM25 is the weaker
# vote; 0.1 (was 0.3) was chosen on the calibration halves of the FAQ benchmark and of the demo-store
# questions (bench/retrieval/RESULTS.md). SKUs and product ids typed in a query are matched exactly anyway.
LEXICAL_WEIGHT = 0.1
# A FAQ entry's dense score: this share of the question+answer cosine, the rest from its question-only
# vector. Chosen on the calibration half of the FAQ benchmark (bench/retrieval/RESULTS.md).
FAQ_ANSWER_WEIGHT = 0.3
# FAQ entries whose question vectors have at least this cosine are near-twins (e.g. "Tell me the description
# for <drive>" / "Tell me the specification for <drive>"): the question view barely orders them, so within the
# ranking they are re-ordered with their answers' evidence added at ``TWIN_ANSWER_WEIGHT``
# (``_separate_twins``).
# Both chosen on the calibration half of the FAQ benchmark (0.992: middle of the 0.990-0.994 plateau; any
# weight >= 0.5 gave the same; bench/retrieval/RESULTS.md). ``twin_cosine=None`` turns it off.
TWIN_COSINE = 0.992
TWIN_ANSWER_WEIGHT = 1.0
CANDIDATES = 50
Mode = Literal["hybrid", "dense", "bm25"]
# when the second channel votes: on every query, or only when no searchable row is in the customer's language
SecondWhen = Literal["always", "cross-lingual"]
# The optional second dense channel (``retrieval.use_channel``, USE-multilingual v3): its vote in the fusion, the
# share of a FAQ entry's question+answer cosine in its USE score (the rest from the question alone) and when it
# votes. Chosen on the calibration half of the FAQ benchmark (R@1 tied with no channel, best MRR); **not adopted**
# (held-out R@1 unchanged for en / zh, one es question lost, zh / es R@5 up; bench/retrieval/RESULTS.md, ninth
# session), so no channel is passed by default.
SECOND_WEIGHT = 1.5
SECOND_ANSWER_WEIGHT = 0.3
SECOND_WHEN: SecondWhen = "cross-lingual"


@dataclass(frozen=True)
class SearchResult:
    hits: tuple[Hit, ...]
    features: dict[str, float]
    latency_ms: float


def filter_mask(view: RowView, kinds: tuple[str, ...] | None, filters: dict[str, Any] | None) -> np.ndarray | None:
    """Rows passing the kind and metadata filters (``None`` when nothing is filtered).

    Filters: ``category`` / ``brand`` (case-insensitive substring), ``min_price``, ``max_price``,
    ``in_stock`` (bool), ``language`` (code or list of codes), ``kind`` (same as ``kinds``)."""
    filters = dict(filters or {})
    kinds = kinds or (tuple(np.atleast_1d(filters.pop("kind"))) if filters.get("kind") else None)
    filters.pop("kind", None)
    mask = np.ones(len(view.docs), dtype=bool)
    if kinds:
        mask &= np.isin(view.kind, list(kinds))
    for key in ("category", "brand"):
        if filters.get(key):
            mask &= view.contains(key, str(filters[key]).lower())
    with np.errstate(invalid="ignore"):
        if filters.get("min_price") is not None:
            mask &= view.price >= float(filters["min_price"])
        if filters.get("max_price") is not None:
            mask &= view.price <= float(filters["max_price"])
    if filters.get("in_stock") is not None:
        mask &= view.in_stock == bool(filters["in_stock"])
    langs = filters.get("language", filters.get("lang"))
    if langs:
        mask &= np.isin(view.lang, list(np.atleast_1d(langs)))
    return None if mask.all() else mask


class HybridSearcher:
    """Searches a ``DocumentIndex``. ``mode`` selects dense-only or BM25-only rankings (baselines)."""

    def __init__(self, index: DocumentIndex, *, mode: Mode = "hybrid", rrf_k: int = RRF_K,
                 candidates: int = CANDIDATES, lexical_weight: float = LEXICAL_WEIGHT,
                 faq_answer_weight: float | None = FAQ_ANSWER_WEIGHT, twin_cosine: float | None = TWIN_COSINE,
                 twin_answer_weight: float = TWIN_ANSWER_WEIGHT, second: UseChannel | None = None,
                 second_weight: float = SECOND_WEIGHT,
                 second_answer_weight: float | None = SECOND_ANSWER_WEIGHT,
                 second_when: SecondWhen = SECOND_WHEN) -> None:
        self.index = index
        self.second = second  # a second dense ranking fused in hybrid mode (None: e5 + BM25 only)
        self.second_when = second_when
        self.second_weight = second_weight
        self.second_answer_weight = second_answer_weight
        self.twin_cosine = twin_cosine
        self.twin_answer_weight = twin_answer_weight
        self.faq_answer_weight = faq_answer_weight
        self.mode = mode
        self.lexical_weight = lexical_weight
        self.rrf_k = rrf_k
        self.candidates = candidates

    def search(self, query: str, *, k: int = 10, kinds: tuple[str, ...] | None = None,
               filters: dict[str, Any] | None = None, language: str | None = None,
               vector: np.ndarray | None = None) -> SearchResult:
        """Top-``k`` groups for ``query``; ``vector`` is its e5 query embedding when already computed."""
        t0 = time.perf_counter()
        view = self.index.view
        if not view.docs:
            return SearchResult((), _empty_features(), 0.0)
        mask = filter_mask(view, kinds, filters)
        n_cand = max(self.candidates, 3 * k)
        qvec = vector if vector is not None else self.index.embedder.encode_queries([query])[0]

        allowed = view.iids[mask] if mask is not None else None
        if allowed is not None and len(allowed) == 0:
            return SearchResult((), _empty_features(), (time.perf_counter() - t0) * 1000)
        scores, iids = self.index.store.search(qvec[None, :], n_cand, allowed=allowed)
        dense_rows = _pair_faq([(view.row_of[int(i)], float(s)) for s, i in zip(scores[0], iids[0]) if i >= 0],
                               view, qvec, mask, self.faq_answer_weight)
        if self.twin_cosine is not None:
            dense_rows = _separate_twins(dense_rows, view, qvec, view.faq_twins(self.twin_cosine),
                                         self.twin_answer_weight)
        bm25 = view.bm25(query)
        if mask is not None:
            bm25 = np.where(mask, bm25, 0.0)
        top = np.argpartition(-bm25, n_cand)[:n_cand] if len(bm25) > n_cand else np.arange(len(bm25))
        top = top[np.argsort(-bm25[top], kind="stable")]
        bm25_rows = [(int(r), float(bm25[r])) for r in top if bm25[r] > 0]

        dense_g, bm25_g = _by_group(view, dense_rows), _by_group(view, bm25_rows)
        fused: dict[str, float] = {}
        lists = {"dense": [(dense_g, 1.0)], "bm25": [(bm25_g, 1.0)],
                 "hybrid": [(dense_g, 1.0), (bm25_g, self.lexical_weight)]}[self.mode]
        if self.second is not None and self.mode == "hybrid" and (
                self.second_when == "always" or _cross_lingual(view, language, mask)):
            second = self.second.ranking(view, query, n=n_cand, mask=mask,
                                         answer_weight=self.second_answer_weight)
            lists.append((_by_group(view, second), self.second_weight))
        for ranking, weight in lists:
            for rank, g in enumerate(ranking):
                fused[g] = fused.get(g, 0.0) + weight / (self.rrf_k + rank + 1)
        order = sorted(fused, key=lambda g: -fused[g])
        ref = view.reference @ qvec
        feats = _features(view, dense_g, bm25_g, order, fused, ref, self.rrf_k)
        feats["same_lang"] = float(language is None or not order
                                   or any(view.docs[r].lang == language for r in view.members[order[0]]))
        # Chinese against Latin-script text scores far lower than Spanish against English does
        feats["same_script"] = float(not order or any(has_cjk(query) == has_cjk(view.docs[r].text)
                                                      for r in view.members[order[0]]))
        if self.mode == "hybrid":
            order, exact = self._exact_first(view, query, order, mask)
        else:
            exact = []
        hits = []
        for g in order[:k]:
            row = _representative(view, g, language, mask, dense_g.get(g), bm25_g.get(g))
            doc = view.docs[row]
            d, b = dense_g.get(g), bm25_g.get(g)
            score = d[1] if self.mode == "dense" else b[1] if self.mode == "bm25" else fused.get(g, 0.0)
            if self.mode == "hybrid" and g in exact:
                score += 1.0  # exact SKU / id match ranks above any fused score
            meta = {**doc.metadata, "lang": doc.lang, "matched_id": doc.metadata.get("doc_id", doc.id),
                    "dense_score": d[1] if d else None, "bm25_score": b[1] if b else None}
            hits.append(Hit(id=g, kind=doc.kind, title=doc.title, score=float(score), text=doc.text, metadata=meta))
        latency = (time.perf_counter() - t0) * 1000
        log.debug("event=search mode=%s k=%d hits=%d ms=%.1f", self.mode, k, len(hits), latency)
        return SearchResult(tuple(hits), {**feats, "exact": float(bool(exact))}, latency)

    @staticmethod
    def _exact_first(view: RowView, query: str, order: list[str],
                     mask: np.ndarray | None) -> tuple[list[str], list[str]]:
        """A SKU or product id written in the query is a look-up: those products go first, in query order."""
        exact = [view.docs[r].group for t in identifiers(query) for r in view.exact.get(t, [])
                 if mask is None or mask[r]]
        exact = list(dict.fromkeys(exact))
        return exact + [g for g in order if g not in exact], exact


def _cross_lingual(view: RowView, language: str | None, mask: np.ndarray | None) -> bool:
    """No row that may be returned is in the customer's language (unknown language: not cross-lingual)."""
    if language is None:
        return False
    same = view.lang == language
    return not bool((same & mask).any() if mask is not None else same.any())


def _pair_faq(ranked: list[tuple[int, float]], view: RowView, qvec: np.ndarray,
              mask: np.ndarray | None, answer_weight: float | None) -> list[tuple[int, float]]:
    """Score a FAQ entry once, as ``answer_weight`` x its question+answer cosine plus the rest x its
    question-only cosine (both computed, whichever of its passages FAISS returned); other rows unchanged.
    ``None`` keeps the better of the two vectors (the earlier rule, kept as a benchmark baseline)."""
    if answer_weight is None or not view.question_row:  # answer-only passages are not scored by themselves
        return [(r, s) for r, s in ranked if r not in view.answer_rows] if view.answer_rows else ranked
    out: dict[int, float] = {}
    for row, score in ranked:
        main = int(view.faq_main[row])
        question = view.question_row.get(main)
        if question is None or (mask is not None and not (mask[main] and mask[question])):
            out.setdefault(row, score)
            continue
        if main in out:
            continue
        out[main] = float(answer_weight * (view.pair_vectors[main] @ qvec)
                          + (1 - answer_weight) * (view.pair_vectors[question] @ qvec))
    return sorted(out.items(), key=lambda t: -t[1])


def _separate_twins(ranked: list[tuple[int, float]], view: RowView, qvec: np.ndarray, twins: FaqTwins,
                    answer_weight: float) -> list[tuple[int, float]]:
    """Re-order each cluster of near-twin FAQ entries within the slots it holds in the dense ranking.

    Going down the ranking, an entry with twins further down gathers them; the cluster is ordered by each
    member's own score plus ``answer_weight`` x how much better the customer's question fits the entry's
    answer than the entry's own question does (``cos(query, answer) - cos(question, answer)``; the raw
    answer cosine would favour prose over a specification list whatever the question). The slots keep
    their scores, so the list stays sorted and the abstention features read the same top scores."""
    if not twins.of:
        return ranked
    rows = [r for r, _ in ranked]
    out = list(ranked)
    placed: set[int] = set()
    for slot, row in enumerate(rows):
        if row in placed or row not in twins.of:
            continue
        slots = [slot] + [i for i in range(slot + 1, len(rows))
                          if rows[i] not in placed and rows[i] in twins.of[row]]
        placed.update(rows[i] for i in slots)
        if len(slots) > 1:
            fit = {rows[i]: float(view.pair_vectors[view.answer_row[rows[i]]] @ qvec) - twins.answer_fit[rows[i]]
                   for i in slots}
            key = {rows[i]: ranked[i][1] + answer_weight * fit[rows[i]] for i in slots}
            for i, member in zip(slots, sorted(key, key=lambda r: -key[r])):
                out[i] = (member, ranked[i][1])
    return out


def _by_group(view: RowView, ranked: list[tuple[int, float]]) -> dict[str, tuple[int, float]]:
    """Collapse a ranked row list to groups in rank order: group -> (best row, its score)."""
    out: dict[str, tuple[int, float]] = {}
    for row, score in ranked:
        out.setdefault(view.docs[row].group, (row, score))
    return out


def _representative(view: RowView, group: str, language: str | None, mask: np.ndarray | None,
                    dense: tuple[int, float] | None, bm25: tuple[int, float] | None) -> int:
    """The group member shown: customer's language if present, else the original, else the best match."""
    members = [r for r in view.members[group] if mask is None or mask[r]]
    if language:
        for r in members:
            if view.docs[r].lang == language:
                return r
    for r in members:
        if view.docs[r].id == group:
            return r
    return (dense or bm25 or (members[0], 0.0))[0]


def _source(view: RowView, row: int) -> str:
    """What competes for an answer: passages of one policy overlap, so they count as one source."""
    doc = view.docs[row]
    return str(doc.metadata.get("policy_id", doc.group))


def _top2(view: RowView, ranked: dict[str, tuple[int, float]]) -> tuple[list[float], str | None]:
    """Scores of the best hit and of the best hit from another source, and the best hit's source."""
    items = list(ranked.values())
    if not items:
        return [0.0, 0.0], None
    top = _source(view, items[0][0])
    second = next((s for r, s in items[1:] if _source(view, r) != top), 0.0)
    return [items[0][1], second], top


def _features(view: RowView, dense_g: dict[str, tuple[int, float]], bm25_g: dict[str, tuple[int, float]],
              order: list[str], fused: dict[str, float], ref: np.ndarray, rrf_k: int) -> dict[str, float]:
    d, d_top = _top2(view, dense_g)
    b_raw, b_top = _top2(view, bm25_g)
    b = [float(np.log1p(x)) for x in b_raw]
    f = [fused[g] for g in order[:2]] + [0.0, 0.0]
    mu, sd = float(ref.mean()), float(ref.std()) + 1e-6
    norm = (rrf_k + 1) / 2.0  # fused score of a document ranked first by both lists -> 1.0
    return {"dense_top1": d[0], "dense_margin": d[0] - d[1], "dense_z": (d[0] - mu) / sd,
            "margin_z": (d[0] - d[1]) / sd, "bm25_top1": float(b[0]), "bm25_margin": float(b[0] - b[1]),
            "agree": float(d_top is not None and d_top == b_top),
            "fused_top1": f[0] * norm, "fused_margin": (f[0] - f[1]) * norm}


def _empty_features() -> dict[str, float]:
    return {"dense_top1": 0.0, "dense_margin": 0.0, "dense_z": -5.0, "margin_z": 0.0, "bm25_top1": 0.0,
            "bm25_margin": 0.0, "agree": 0.0, "fused_top1": 0.0, "fused_margin": 0.0, "same_lang": 0.0,
            "same_script": 0.0}
