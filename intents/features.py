"""Distance-based out-of-scope scores on the encoder's pooled embeddings (the vectors the intent head reads).

``fit_feature_stats`` summarises the training rows' eval-mode embeddings: one mean per in-scope intent and one
shared within-class covariance (Lee et al., 2018; on intent data Podolskiy et al., 2021). ``mahalanobis_score``
is minus the squared Mahalanobis distance to the nearest in-scope intent mean, so, like the logit scores of
``intents.calibration``, higher means more in scope. The statistics are stored next to the weights
(``FEATURES_FILE``) and restored exactly (float32 in, float32 out).

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
    shared (ridged) covariance, so the squared Mahalanobis distance is ``|(x - mean) W|^2``."""

    means: np.ndarray
    whitener: np.ndarray

    def save(self, path: Path) -> Path:
        from safetensors.numpy import save_file

        save_file({"means": np.ascontiguousarray(self.means, np.float32),
                   "whitener": np.ascontiguousarray(self.whitener, np.float32)}, str(path))
        return Path(path)

    @classmethod
    def load(cls, path: Path) -> FeatureStats:
        from safetensors.numpy import load_file

        d = load_file(str(path))
        return cls(means=d["means"], whitener=d["whitener"])

    def equals(self, other: FeatureStats) -> bool:
        return np.array_equal(self.means, other.means) and np.array_equal(self.whitener, other.whitener)


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
                      ridge: float = RIDGE) -> FeatureStats:
    """Class means and the shared within-class covariance's whitener from in-scope rows' embeddings."""
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
    return FeatureStats(means=means.astype(np.float32), whitener=whitener.astype(np.float32))


def mahalanobis_score(embeddings: np.ndarray, stats: FeatureStats) -> np.ndarray:
    """Minus the smallest squared Mahalanobis distance to an in-scope intent mean, per row."""
    w = stats.whitener.astype(np.float64)
    z = embeddings.astype(np.float64) @ w
    m = stats.means.astype(np.float64) @ w
    d2 = (z * z).sum(axis=1)[:, None] - 2.0 * z @ m.T + (m * m).sum(axis=1)[None, :]
    return -d2.min(axis=1)
