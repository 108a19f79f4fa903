"""Sentence embeddings with multilingual-e5-small and its ``query: `` / ``passage: `` prefixes.

Runs on torch (sentence-transformers) or, with ``Runtime(backend="onnx")``, on ONNX Runtime with the
same vectors (``retrieval.onnx``; torch is used when the export cannot be made or loaded); with
``onnx-int8`` / ``onnx-int8-token`` queries run on an int8 quantisation of that graph (activations per batch, one
text per forward / per token, batched) and passages stay fp32, so an index built by any backend stays valid (int8
query vectors: cosine ~0.997 / ~0.999 to fp32, see bench/recommender/RESULTS.md). Query vectors are kept in a
small LRU keyed by the text, so the stages of a conversation that embed the same query (the retrieval index and
the recommendation head share one embedder) encode it once.

>>> emb = Embedder.load(Path("~/.cache/shopbot/base/multilingual-e5-small").expanduser())
>>> emb.encode_queries(["where is my order?"]).shape
(1, 384)
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

log = logging.getLogger(__name__)

QUERY_PREFIX = "query: "
PASSAGE_PREFIX = "passage: "
BACKENDS = ("torch", "onnx", "onnx-int8", "onnx-int8-token")


@dataclass(frozen=True)
class Runtime:
    """How the embedder runs: ``torch``, ``onnx`` (exported once into ``onnx_root/<fingerprint>``; default
    ``<model_dir>-onnx``) or ``onnx-int8`` (queries on the int8 graph, passages on fp32), with ``threads``
    intra-op threads for ONNX Runtime."""

    backend: str = "torch"
    threads: int = 1
    onnx_root: Path | None = None
    batch_size: int = 32  # at most this many texts per forward (ONNX: length-aware chunks, common.chunks)


class QueryCache:
    """A thread-safe LRU of query vectors keyed by their text (``size`` 0: keeps nothing); shared by the e5
    embedder and the optional USE channel (``retrieval.use_channel``)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, text: str) -> np.ndarray | None:
        with self._lock:
            vec = self._vectors.get(text)
            if vec is not None:
                self._vectors.move_to_end(text)
            return vec

    def through(self, texts: list[str], encode: Callable[[list[str]], np.ndarray]) -> np.ndarray:
        """The float32 vectors of ``texts`` in order (at least one): ``encode`` is called once, on the distinct
        texts not cached, and its vectors are kept."""
        unique = list(dict.fromkeys(texts))
        found = {t: v for t in unique if (v := self.get(t)) is not None}
        missing = [t for t in unique if t not in found]
        if missing:
            vecs = encode(missing)
            found |= dict(zip(missing, vecs, strict=True))
            if self.size > 0:
                with self._lock:
                    for t, v in zip(missing, vecs, strict=True):
                        self._vectors[t] = v.copy()
                    while len(self._vectors) > self.size:
                        self._vectors.popitem(last=False)
        return np.stack([found[t] for t in texts]).astype(np.float32, copy=False)


@dataclass
class Embedder:
    """Wraps a sentence-transformers model folder; vectors are L2-normalised float32."""

    model: Any
    model_dir: Path
    model_id: str
    batch_size: int = 32
    backend: str = "torch"
    query_cache: int = 1024  # query vectors kept (LRU; 0 = none)
    # encodes queries when set (the int8 graph of onnx-int8 / onnx-int8-token); passages always use ``model``
    query_model: Any = None
    # False: one text per forward (onnx-int8: one activation scale per forward, so in a batch a text's vector would
    # depend on its neighbours; onnx-int8-token quantises each token on its own and batches)
    query_batches: bool = True
    _queries: QueryCache = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._queries = QueryCache(self.query_cache)

    @classmethod
    def load(cls, model_dir: Path, *, batch_size: int | None = None, runtime: Runtime = Runtime()) -> Embedder:
        model_dir = Path(model_dir)
        batch_size = batch_size or runtime.batch_size
        model_id = model_fingerprint(model_dir)
        if runtime.backend not in BACKENDS:
            raise ValueError(f"unknown embedder backend {runtime.backend!r} ({', '.join(BACKENDS)})")
        if runtime.backend.startswith("onnx"):
            from retrieval.onnx import OnnxEncoder, ensure_export, ensure_int8

            root = runtime.onnx_root or model_dir.parent / f"{model_dir.name}-onnx"
            try:
                export = ensure_export(model_dir, Path(root) / model_id)
                encoder = OnnxEncoder.load(model_dir, export, threads=runtime.threads)
                queries = None
                if runtime.backend.startswith("onnx-int8"):
                    variant = runtime.backend.removeprefix("onnx-")
                    queries = OnnxEncoder.load(model_dir, export, threads=runtime.threads,
                                               graph=ensure_int8(export, variant).name)
                return cls(model=encoder, model_dir=model_dir, model_id=model_id, batch_size=batch_size,
                           backend=runtime.backend, query_model=queries,
                           query_batches=runtime.backend != "onnx-int8")
            except Exception as e:  # noqa: BLE001 - embed with torch rather than not at all
                log.warning("event=embedder.onnx_unavailable error=%s: %s fallback=torch", type(e).__name__, e)
        from sentence_transformers import SentenceTransformer

        model = SentenceTransformer(str(model_dir), device="cpu")
        return cls(model=model, model_dir=model_dir, model_id=model_id, batch_size=batch_size)

    @property
    def dim(self) -> int:
        get_dim = getattr(self.model, "get_embedding_dimension", None) or self.model.get_sentence_embedding_dimension
        return int(get_dim())

    def cached(self, text: str) -> np.ndarray | None:
        """The query vector of ``text`` if it was encoded recently (no forward)."""
        return self._queries.get(text)

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return self._queries.through(texts, self._encode_queries)

    def _encode_queries(self, texts: list[str]) -> np.ndarray:
        texts_in = [QUERY_PREFIX + t for t in texts]
        return self._encode(texts_in, model=self.query_model) if self.query_batches else \
            np.concatenate([self._encode([t], model=self.query_model) for t in texts_in])

    def encode_passages(self, texts: list[str], *, show_progress: bool = False) -> np.ndarray:
        return self._encode([PASSAGE_PREFIX + t for t in texts], show_progress=show_progress)

    def _encode(self, texts: list[str], show_progress: bool = False, model: Any = None) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vecs = (model or self.model).encode(texts, batch_size=self.batch_size, normalize_embeddings=True,
                                 convert_to_numpy=True, show_progress_bar=show_progress)
        return np.ascontiguousarray(vecs, dtype=np.float32)


def model_fingerprint(model_dir: Path) -> str:
    """A short stable id of a model folder: its config plus the size of its weights."""
    h = hashlib.sha256()
    cfg = model_dir / "config.json"
    if cfg.exists():
        h.update(json.dumps(json.loads(cfg.read_text()), sort_keys=True).encode())
    for w in sorted(model_dir.glob("*.safetensors")):
        h.update(f"{w.name}:{w.stat().st_size}".encode())
    return h.hexdigest()[:16]
