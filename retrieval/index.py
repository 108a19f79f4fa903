"""A saved, updatable document index: FAISS vectors + BM25 + a metadata store, as one folder.

Folder layout (names are module constants)::

    manifest.json      embedder id/hash, dim, count, index type, build time, sources hash
    vectors.faiss      FAISS IndexIDMap2 (flat inner product, or HNSW above 50k documents)
    documents.jsonl    one Document per line with its int64 FAISS id
    tombstones.json    HNSW ids deleted but not yet compacted away
    calibration.json   abstention model (see retrieval.abstention)
    README.md          generated description

>>> index = DocumentIndex.build(docs, embedder)          # doctest: +SKIP
>>> index.save(Path("idx")); DocumentIndex.load(Path("idx"), embedder=embedder)  # doctest: +SKIP
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import numpy as np

from retrieval.abstention import Calibration
from retrieval.documents import ANSWER_SUFFIX, COMPANION_SUFFIXES, Document, documents_hash
from retrieval.embedder import Embedder, Runtime
from retrieval.lexical import LexicalIndex, fold
from retrieval.vectors import VectorStore, choose_index_type

log = logging.getLogger(__name__)

MANIFEST_FILE = "manifest.json"
VECTORS_FILE = "vectors.faiss"
DOCUMENTS_FILE = "documents.jsonl"
TOMBSTONES_FILE = "tombstones.json"
CALIBRATION_FILE = "calibration.json"
README_FILE = "README.md"
ENCODE_BATCH = 64
REFERENCE_SAMPLE = 1024


class DocumentIndex:
    """Documents with their vectors, lexical index and metadata; see ``retrieval.hybrid`` for search."""

    def __init__(self, embedder: Embedder, store: VectorStore, docs: dict[int, Document], *,
                 manifest: dict[str, Any] | None = None, calibration: Calibration | None = None) -> None:
        self.embedder = embedder
        self.store = store
        self.docs = docs
        self.by_id = {d.id: i for i, d in docs.items()}
        self.manifest = manifest or {}
        self.calibration = calibration or Calibration.default()
        self._next = max(docs, default=-1) + 1
        self._view: RowView | None = None

    # ------------------------------------------------------------------ build / save / load
    @classmethod
    def build(cls, docs: Sequence[Document], embedder: Embedder, *, index_type: str = "auto",
              progress: Callable[[int], None] | None = None) -> DocumentIndex:
        """Embed ``docs`` (passage prefix) and index them; ``progress`` gets the count of each batch."""
        ids = [d.id for d in docs]
        if len(set(ids)) != len(ids):
            raise ValueError("document ids must be unique")
        kind = choose_index_type(len(docs)) if index_type == "auto" else index_type
        t0 = time.perf_counter()
        store = VectorStore.create(embedder.dim, kind)
        index = cls(embedder, store, {})
        for start in range(0, len(docs), ENCODE_BATCH):
            batch = docs[start:start + ENCODE_BATCH]
            index._add(batch)
            if progress:
                progress(len(batch))
        index.manifest = {"build_time": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                          "build_seconds": round(time.perf_counter() - t0, 2)}
        log.info("event=index_built count=%d type=%s seconds=%.1f", len(docs), kind, time.perf_counter() - t0)
        return index

    def save(self, directory: Path) -> Path:
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        self.store.save(directory / VECTORS_FILE)
        with (directory / DOCUMENTS_FILE).open("w", encoding="utf-8") as fh:
            for iid, doc in sorted(self.docs.items()):
                fh.write(json.dumps({"_iid": iid, **doc.to_json()}, ensure_ascii=False) + "\n")
        (directory / TOMBSTONES_FILE).write_text(json.dumps(sorted(self.store.tombstones)))
        self.calibration.save(directory / CALIBRATION_FILE)
        manifest = {**self.manifest, **self._describe()}
        (directory / MANIFEST_FILE).write_text(json.dumps(manifest, indent=2, ensure_ascii=False))
        (directory / README_FILE).write_text(_readme(manifest))
        return directory

    @classmethod
    def load(cls, directory: Path, *, embedder: Embedder | None = None,
             runtime: Runtime = Runtime()) -> DocumentIndex:
        """Open a saved index. Without ``embedder`` the model folder recorded in the manifest is loaded
        (on ``runtime``); an embedder whose fingerprint differs from the one that built the index is refused."""
        directory = Path(directory)
        manifest = json.loads((directory / MANIFEST_FILE).read_text())
        if embedder is None:
            embedder = Embedder.load(Path(manifest["embedder"]["path"]), runtime=runtime)
        if embedder.model_id != manifest["embedder"]["hash"]:
            raise ValueError(f"index {directory} was built with embedder {manifest['embedder']['hash']}, "
                             f"not {embedder.model_id} ({embedder.model_dir})")
        docs: dict[int, Document] = {}
        with (directory / DOCUMENTS_FILE).open(encoding="utf-8") as fh:
            for line in fh:
                row = json.loads(line)
                iid = int(row.pop("_iid"))
                docs[iid] = Document.from_json(row)
        tomb_path = directory / TOMBSTONES_FILE
        tombstones = set(json.loads(tomb_path.read_text())) if tomb_path.exists() else set()
        store = VectorStore.load(directory / VECTORS_FILE, manifest["index_type"], tombstones)
        calibration = Calibration.load(directory / CALIBRATION_FILE)
        return cls(embedder, store, docs, manifest=manifest, calibration=calibration)

    def _describe(self) -> dict[str, Any]:
        kinds: dict[str, int] = {}
        for d in self.docs.values():
            kinds[d.kind] = kinds.get(d.kind, 0) + 1
        return {"embedder": {"id": self.embedder.model_dir.name, "hash": self.embedder.model_id,
                             "path": str(self.embedder.model_dir)},
                "dim": self.store.dim, "count": len(self.docs), "kinds": kinds,
                "index_type": self.store.index_type, "tombstones": len(self.store.tombstones),
                "calibration": self.calibration.source,
                "sources_hash": documents_hash(d for _, d in sorted(self.docs.items()))}

    # ------------------------------------------------------------------ updates
    def upsert(self, docs: Iterable[Document]) -> None:
        """Add new documents and replace existing ones (same id) without rebuilding the rest."""
        docs = list(docs)
        self.delete([d.id for d in docs if d.id in self.by_id])
        for start in range(0, len(docs), ENCODE_BATCH):
            self._add(docs[start:start + ENCODE_BATCH])

    def delete(self, ids: Iterable[str]) -> None:
        ids = [j for i in ids for j in (i, *(i + c for c in COMPANION_SUFFIXES))]  # a FAQ's companions go too
        iids = [self.by_id.pop(i) for i in ids if i in self.by_id]
        for iid in iids:
            del self.docs[iid]
        self.store.remove(iids)
        self._view = None

    def _add(self, docs: Sequence[Document]) -> None:
        if not docs:
            return
        vectors = self.embedder.encode_passages([d.text for d in docs])
        iids = np.arange(self._next, self._next + len(docs), dtype=np.int64)
        self.store.add(vectors, iids)
        for iid, doc in zip(iids.tolist(), docs):
            self.docs[iid] = doc
            self.by_id[doc.id] = iid
        self._next += len(docs)
        self._view = None

    # ------------------------------------------------------------------ read side
    @property
    def view(self) -> RowView:
        """Row-ordered arrays for filtering and BM25, rebuilt lazily after updates."""
        if self._view is None:
            self._view = RowView(self)
        return self._view

    def __len__(self) -> int:
        return len(self.docs)


class RowView:
    """Documents in a fixed row order with columnar metadata, the BM25 index and a sample of vectors."""

    def __init__(self, index: DocumentIndex) -> None:
        self.iids = np.array(sorted(index.docs), dtype=np.int64)
        self.docs = [index.docs[int(i)] for i in self.iids]
        self.row_of = {int(i): r for r, i in enumerate(self.iids)}
        self.members: dict[str, list[int]] = {}
        for r, d in enumerate(self.docs):
            self.members.setdefault(d.group, []).append(r)
        self.kind = np.array([d.kind for d in self.docs])
        self.lang = np.array([d.lang for d in self.docs])
        self.price = np.array([_num(d.metadata.get("price")) for d in self.docs], dtype=np.float64)
        self.in_stock = np.array([bool(d.metadata.get("in_stock", True)) for d in self.docs])
        self.category = np.array([str(d.metadata.get("category", "")).lower() for d in self.docs])
        self.brand = np.array([str(d.metadata.get("brand", "")).lower() for d in self.docs])
        # a FAQ passage (question + answer) and its companions (question alone, answer alone): search scores
        # an entry from its passage and question vectors, and reads the answer vector for near-twin questions
        self.faq_main = np.arange(len(self.docs))
        for r, d in enumerate(self.docs):
            if "doc_id" in d.metadata and d.metadata["doc_id"] in index.by_id:
                self.faq_main[r] = self.row_of[index.by_id[d.metadata["doc_id"]]]
        answers = {r for r, d in enumerate(self.docs)
                   if self.faq_main[r] != r and d.id.endswith(ANSWER_SUFFIX)}
        self.question_row = {int(m): r for r, m in enumerate(self.faq_main) if m != r and r not in answers}
        self.answer_row = {int(self.faq_main[r]): r for r in answers
                           if int(self.faq_main[r]) in self.question_row}
        self.answer_rows = frozenset(answers)
        pair_rows = np.array(sorted({*self.question_row, *self.question_row.values(),
                                     *self.answer_row.values()}), dtype=np.int64)
        self.pair_vectors = dict(zip(pair_rows.tolist(), index.store.reconstruct(self.iids[pair_rows])))
        # answer-only passages stay out of BM25 and of the reference sample (both as they were without them)
        self.lexical_rows = np.array([r for r in range(len(self.docs)) if r not in answers], dtype=np.int64)
        self.lexical = LexicalIndex([self.docs[r].text for r in self.lexical_rows])
        self.exact: dict[str, list[int]] = {}  # folded SKU / product id -> rows, for exact look-ups
        for r, d in enumerate(self.docs):
            keys = [*d.metadata.get("skus", []), d.id] if d.kind == "product" else []
            for key in keys:
                self.exact.setdefault(fold(str(key)), []).append(r)
        self._contains: dict[tuple[str, str], np.ndarray] = {}
        self._twins: dict[float, FaqTwins] = {}
        rng = np.random.default_rng(0)
        sampled = self.iids[self.lexical_rows]
        sample = (sampled if len(sampled) <= REFERENCE_SAMPLE
                  else rng.choice(sampled, REFERENCE_SAMPLE, replace=False))
        self.reference = index.store.reconstruct(np.sort(sample))

    def bm25(self, query: str) -> np.ndarray:
        """BM25 score of ``query`` for every row (0 for answer-only FAQ passages)."""
        scores = self.lexical.scores(query)
        if len(self.lexical_rows) == len(self.docs):
            return scores
        out = np.zeros(len(self.docs), dtype=np.float32)
        out[self.lexical_rows] = scores
        return out

    def faq_twins(self, min_cosine: float) -> FaqTwins:
        """FAQ entries whose question vectors are near-identical (cosine >= ``min_cosine``), cached."""
        if min_cosine not in self._twins:
            self._twins[min_cosine] = FaqTwins.find(self, min_cosine)
        return self._twins[min_cosine]

    def contains(self, column: str, needle: str) -> np.ndarray:
        """Rows whose ``category`` / ``brand`` contains ``needle`` (lower case); cached per needle."""
        key = (column, needle)
        if key not in self._contains:
            if len(self._contains) > 256:
                self._contains.clear()
            self._contains[key] = np.char.find(getattr(self, column), needle) >= 0
        return self._contains[key]


@dataclass(frozen=True)
class FaqTwins:
    """FAQ entries whose questions are near-identical, so their question vectors cannot tell them apart.

    ``of[row]``: the other entries (main rows) whose question vector has cosine >= ``min_cosine`` with
    this entry's (translations of one entry share a group and are not twins). ``answer_fit[row]``: the
    cosine between the entry's own question and its answer-only vector, the level a question asking
    for exactly this answer reaches. Only entries indexed with an answer-only passage take part."""

    min_cosine: float
    of: dict[int, frozenset[int]]
    answer_fit: dict[int, float]

    @classmethod
    def find(cls, view: RowView, min_cosine: float, *, block: int = 1024) -> FaqTwins:
        mains = sorted(view.answer_row)
        if len(mains) < 2:
            return cls(min_cosine, {}, {})
        questions = np.stack([view.pair_vectors[view.question_row[m]] for m in mains])
        groups = [view.docs[m].group for m in mains]
        of: dict[int, set[int]] = {}
        for start in range(0, len(mains), block):  # blocks keep memory bounded for large FAQs
            for i, j in zip(*np.nonzero(questions[start:start + block] @ questions.T >= min_cosine)):
                if groups[start + i] != groups[j]:
                    of.setdefault(mains[start + i], set()).add(mains[j])
        for a, twins in list(of.items()):  # symmetric, whatever the rounding of the two products
            for b in twins:
                of.setdefault(b, set()).add(a)
        fit = {m: float(view.pair_vectors[view.question_row[m]] @ view.pair_vectors[view.answer_row[m]])
               for m in of}
        return cls(min_cosine, {m: frozenset(t) for m, t in of.items()}, fit)


def _num(value: Any) -> float:
    return float(value) if isinstance(value, (int, float)) else np.nan


def _readme(manifest: dict[str, Any]) -> str:
    kinds = ", ".join(f"{n} {k}" for k, n in sorted(manifest.get("kinds", {}).items()))
    return (f"# shopbot retrieval index\n\n{manifest['count']} documents ({kinds}), "
            f"{manifest['dim']}-d `{manifest['embedder']['id']}` vectors (fingerprint "
            f"`{manifest['embedder']['hash']}`) in a FAISS `{manifest['index_type']}` inner-product index, "
            f"built {manifest.get('build_time', '?')} from sources `{manifest.get('sources_hash', '?')}`.\n\n"
            "Search is hybrid: dense + BM25 fused by reciprocal rank. Abstention uses the logistic model in "
            f"`{CALIBRATION_FILE}` ({manifest.get('calibration', '?')}).\n\n"
            "Load with `retrieval.index.DocumentIndex.load(dir, embedder=...)`; query with "
            "`shopbot search --index DIR \"question\"`.\n")
