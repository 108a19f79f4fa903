"""Spectral item vectors: a warm start for SASRec's item table from item-to-item co-occurrence.

The top singular vectors of the symmetric, degree-normalised co-occurrence matrix place items that
occur near each other close together. SASRec's residual stream starts out close to the latest item's
vector, so an item table initialised this way ranks co-occurring items high from the first step and
training needs far fewer epochs than from random vectors (what matters on a shared 2-core machine).
"""

from __future__ import annotations

import numpy as np
from scipy import sparse
from scipy.sparse.linalg import svds

from retrieval.recommender.baselines import CoOccurrence, CoOccurrenceConfig


def spectral_item_vectors(sequences: list[list[int]], n_rows: int, dim: int, *, window: int = 3,
                          seed: int = 0) -> np.ndarray:
    """``[n_rows, dim]`` unit-length rows (zero rows for items that never co-occur with another)."""
    cooc = CoOccurrence.fit(sequences, n_rows, CoOccurrenceConfig(window=window, backward=1.0)).matrix
    deg = np.asarray(cooc.sum(1)).ravel()
    scale = sparse.diags(1.0 / np.sqrt(np.maximum(deg, 1e-12)))
    k = min(dim, n_rows - 2)
    u, s, _ = svds((scale @ cooc @ scale).astype(np.float64), k=k,
                   v0=np.random.default_rng(seed).standard_normal(n_rows))
    vec = np.zeros((n_rows, dim), dtype=np.float32)
    vec[:, :k] = u * np.sqrt(np.abs(s))
    norms = np.linalg.norm(vec, axis=1, keepdims=True)
    vec = np.where(norms > 1e-9, vec / np.maximum(norms, 1e-12), 0.0)
    vec[deg == 0] = 0.0
    return vec.astype(np.float32)
