"""Distance-based out-of-scope scores on the encoder's pooled embeddings (the vectors the intent head reads).

``fit_feature_stats`` summarises the training rows' eval-mode embeddings: one mean per in-scope intent and one
shared within-class covariance (Lee et al., 2018; on intent data Podolskiy et al., 2021). ``mahalanobis_score``
is minus the squared Mahalanobis distance to the nearest in-scope intent mean, so, like the logit scores of
``intents.calibration``, higher means more in scope; ``knn_score`` the largest cosine similarity to a summarised
training row (Sun et al., 2022; it needs the rows themselves: ``fit_feature_stats(..., keep_rows=True)``).
The statistics are stored next to the weights (``FEATURES_FILE``) and restored exactly (float32 in, float32 out).

>>> stats = fit_feature_stats(train_embeddings, train_labels, oos_index)        # doctest: +SKIP
>>> mahalanobis_score(model.classify(texts).embeddings, stats)                  # doctest: +SKIP
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

FEATURES_FILE = "feature_stats.safetensors"
# rows per in-scope intent whose embeddings are summarised: a cheap extra forward after training
# (CLINC150: 7,500 of 15,000 rows), enough for 384-dimensional class means and one shared covariance
ROWS_PER_INTENT = 50
# covariance + RIDGE x its mean eigenvalue x I: keeps the inverse finite when rows are few (the demo store)
RIDGE = 0.01


@dataclass(frozen=True, eq=False)
class FeatureStats:
    """Per in-scope intent mean (``means``, intents x hidden) and ``whitener`` W with W W^T the inverse of the
    shared (ridged) covariance, so the squared Mahalanobis distance is ``|(x - mean) W|^2``; ``rows``: the
    summarised rows' L2-normalised embeddings (for ``knn_score``; None when not kept)."""

    means: np.ndarray
    whitener: np.ndarray
    rows: np.ndarray | None = None

    def __post_init__(self) -> None:  # the whitened means, once: scoring a batch then costs one small product
        w = self.whitener.astype(np.float64)
        m = self.means.astype(np.float64) @ w
        object.__setattr__(self, "_w", w)
        object.__setattr__(self, "_m", m)
        object.__setattr__(self, "_m2", (m * m).sum(axis=1))

    def save(self, path: Path) -> Path:
        from safetensors.numpy import save_file

        arrays = {"means": self.means, "whitener": self.whitener} | ({} if self.rows is None else {"rows": self.rows})
        save_file({k: np.ascontiguousarray(v, np.float32) for k, v in arrays.items()}, str(path))
        return Path(path)

    @classmethod
    def load(cls, path: Path) -> FeatureStats:
        from safetensors.numpy import load_file

        d = load_file(str(path))
        return cls(means=d["means"], whitener=d["whitener"], rows=d.get("rows"))

    def equals(self, other: FeatureStats) -> bool:
        same_rows = (self.rows is None) == (other.rows is None) and (self.rows is None
                                                                     or np.array_equal(self.rows, other.rows))
        return np.array_equal(self.means, other.means) and np.array_equal(self.whitener, other.whitener) and same_rows


def sample_rows(labels: np.ndarray, oos_index: int | None, per_intent: int = ROWS_PER_INTENT,
                seed: int = 0) -> np.ndarray:
    """Sorted indices of at most ``per_intent`` rows of every in-scope intent (seeded; ``labels`` < 0: no intent)."""
    rng = np.random.default_rng(seed)
    keep: list[np.ndarray] = []
    for c in np.unique(labels):
        if c < 0 or c == oos_index:
            continue
        idx = np.flatnonzero(labels == c)
        keep.append(idx if len(idx) <= per_intent else rng.choice(idx, per_intent, replace=False))
    return np.sort(np.concatenate(keep)) if keep else np.zeros(0, int)


def fit_feature_stats(embeddings: np.ndarray, labels: np.ndarray, oos_index: int | None, *,
                      ridge: float = RIDGE, keep_rows: bool = False) -> FeatureStats:
    """Class means and the shared within-class covariance's whitener from in-scope rows' embeddings (and, with
    ``keep_rows``, those rows L2-normalised)."""
    inscope = (labels >= 0) & (labels != oos_index)
    x, y = embeddings[inscope].astype(np.float64), labels[inscope]
    if len(x) == 0:
        raise ValueError("no in-scope rows to summarise")
    classes = np.unique(y)
    means = np.stack([x[y == c].mean(axis=0) for c in classes])
    centred = x - means[np.searchsorted(classes, y)]
    cov = centred.T @ centred / len(x)
    cov += ridge * max(float(np.trace(cov)) / cov.shape[0], 1e-12) * np.eye(cov.shape[0])
    whitener = np.linalg.cholesky(np.linalg.inv(cov))  # L L^T = cov^-1
    rows = (x / np.linalg.norm(x, axis=1, keepdims=True).clip(min=1e-12)).astype(np.float32) if keep_rows else None
    return FeatureStats(means=means.astype(np.float32), whitener=whitener.astype(np.float32), rows=rows)


def mahalanobis_score(embeddings: np.ndarray, stats: FeatureStats) -> np.ndarray:
    """Minus the smallest squared Mahalanobis distance to an in-scope intent mean, per row."""
    z = embeddings.astype(np.float64) @ stats._w
    d2 = (z * z).sum(axis=1)[:, None] - 2.0 * z @ stats._m.T + stats._m2[None, :]
    return -d2.min(axis=1)


def knn_score(embeddings: np.ndarray, stats: FeatureStats) -> np.ndarray:
    """The largest cosine similarity between each row and a summarised in-scope training row."""
    if stats.rows is None:
        raise ValueError("knn_score needs the training rows (fit_feature_stats(..., keep_rows=True))")
    e = embeddings.astype(np.float32)
    e = e / np.linalg.norm(e, axis=1, keepdims=True).clip(min=1e-12)
    return (e @ stats.rows.T).max(axis=1).astype(np.float64)
