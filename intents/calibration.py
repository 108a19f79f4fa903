"""Calibrated out-of-scope decision: temperature scaling plus a confidence threshold, both fitted on validation.

The confidence of a turn is the largest temperature-scaled probability among the *in-scope* intents.
A turn is out of scope when the ``out_of_scope`` class (if the model has one) wins, or when that
confidence falls below ``threshold``.

How the threshold is chosen (``fit_calibration``):

- validation has out-of-scope rows: the threshold maximising the mean of in-scope accuracy (a rejected
  in-scope row counts as wrong) and out-of-scope recall — both errors matter equally to a customer;
- validation has none: the ``IN_SCOPE_QUANTILE`` quantile of the confidences of correctly classified
  in-scope rows, i.e. about 2% of answerable turns get a clarifying question instead of a guess.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np

log = logging.getLogger(__name__)

IN_SCOPE_QUANTILE = 0.02


@dataclass(frozen=True)
class Calibration:
    """Parameters of the out-of-scope decision, stored in the model folder."""

    temperature: float = 1.0
    threshold: float = 0.0
    method: str = "uncalibrated"


def softmax(logits: np.ndarray, temperature: float = 1.0) -> np.ndarray:
    z = logits / temperature
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def in_scope_confidence(probs: np.ndarray, oos_index: int | None) -> tuple[np.ndarray, np.ndarray]:
    """(best in-scope class index, its probability) per row."""
    p = probs.copy()
    if oos_index is not None:
        p[:, oos_index] = -1.0
    best = p.argmax(axis=1)
    return best, p[np.arange(len(p)), best]


def decide(probs: np.ndarray, oos_index: int | None, threshold: float) -> np.ndarray:
    """Boolean out-of-scope flag per row."""
    _, conf = in_scope_confidence(probs, oos_index)
    flag = conf < threshold
    if oos_index is not None:
        flag |= probs.argmax(axis=1) == oos_index
    return flag


def fit_temperature(logits: np.ndarray, labels: np.ndarray) -> float:
    """Temperature minimising the negative log-likelihood of ``labels`` (grid + golden refinement)."""
    if len(labels) == 0:
        return 1.0

    def nll(t: float) -> float:
        p = softmax(logits, t)[np.arange(len(labels)), labels]
        return float(-np.log(np.clip(p, 1e-12, None)).mean())

    grid = np.exp(np.linspace(np.log(0.05), np.log(20.0), 61))
    best = float(grid[int(np.argmin([nll(t) for t in grid]))])
    lo, hi = best / 1.12, best * 1.12
    for _ in range(30):
        a, b = lo + (hi - lo) * 0.382, lo + (hi - lo) * 0.618
        lo, hi = (lo, b) if nll(a) < nll(b) else (a, hi)
    return (lo + hi) / 2


def fit_calibration(logits: np.ndarray, labels: np.ndarray, oos_index: int | None) -> Calibration:
    """Fit temperature and out-of-scope threshold on validation logits; ``labels`` index the intent labels."""
    if len(labels) == 0:
        return Calibration()
    t = fit_temperature(logits, labels)
    probs = softmax(logits, t)
    is_oos = labels == oos_index if oos_index is not None else np.zeros(len(labels), bool)
    best, conf = in_scope_confidence(probs, oos_index)
    if is_oos.any() and (~is_oos).any():
        candidates = np.unique(np.concatenate([[0.0], conf]))
        scores = []
        for th in candidates:
            flag = decide(probs, oos_index, th)
            in_acc = float(((best == labels) & ~flag)[~is_oos].mean())
            recall = float(flag[is_oos].mean())
            scores.append((in_acc + recall) / 2)
        th = float(candidates[int(np.argmax(scores))])
        method = "temperature + threshold maximising (in-scope accuracy + oos recall) / 2 on validation"
    else:
        correct = (best == labels) & ~is_oos
        pool = conf[correct] if correct.any() else conf
        th = float(np.quantile(pool, IN_SCOPE_QUANTILE))
        method = f"temperature + {IN_SCOPE_QUANTILE:.0%} quantile of correct in-scope validation confidences"
    log.info("event=calibration.fitted temperature=%.3f threshold=%.4f n=%d", t, th, len(labels))
    return Calibration(temperature=float(t), threshold=th, method=method)
