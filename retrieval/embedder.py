"""Sentence embeddings with multilingual-e5-small and its ``query: `` / ``passage: `` prefixes.

>>> emb = Embedder.load(Path("~/.cache/shopbot/base/multilingual-e5-small").expanduser())
>>> emb.encode_queries(["where is my order?"]).shape
(1, 384)
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

QUERY_PREFIX = "query: "
PASSAGE_PREFIX = "passage: "


@dataclass
class Embedder:
    """Wraps a sentence-transformers model folder; vectors are L2-normalised float32."""

    model: Any
    model_dir: Path
    model_id: str
    batch_size: int = 32

    @classmethod
    def load(cls, model_dir: Path, *, batch_size: int = 32) -> Embedder:
        from sentence_transformers import SentenceTransformer

        model = SentenceTransformer(str(model_dir), device="cpu")
        return cls(model=model, model_dir=Path(model_dir), model_id=model_fingerprint(Path(model_dir)),
                   batch_size=batch_size)

    @property
    def dim(self) -> int:
        get_dim = getattr(self.model, "get_embedding_dimension", None) or self.model.get_sentence_embedding_dimension
        return int(get_dim())

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        return self._encode([QUERY_PREFIX + t for t in texts])

    def encode_passages(self, texts: list[str], *, show_progress: bool = False) -> np.ndarray:
        return self._encode([PASSAGE_PREFIX + t for t in texts], show_progress=show_progress)

    def _encode(self, texts: list[str], show_progress: bool = False) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vecs = self.model.encode(texts, batch_size=self.batch_size, normalize_embeddings=True,
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
