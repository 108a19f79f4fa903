"""When to say "I don't know": a tiny logistic model over retrieval features, fitted per store.

e5 cosine scores are compressed (related and unrelated pairs both sit around 0.75-0.9), so a fixed
cut-off on the top score cannot separate answerable from unanswerable questions. The features below
describe the *shape* of the result list instead: how far the top hit stands above the query's score
distribution over the whole index, its margin over the runner-up, whether BM25 agrees, and whether
the best source exists in the customer's language (cross-lingual matches score lower).
The threshold is chosen on a calibration set so that, with ``confidence`` (default 95%), at most
``max_false_refusal`` of answerable questions are refused: the number of calibration refusals is the
largest whose one-sided Clopper-Pearson upper bound stays within the budget (about 5% of 111 answerable
questions for a 10% budget). Refusing exactly 10% of the calibration questions met the budget on
average only, and a calibration set of ~100 questions leaves a few points of chance either way.
"""

from __future__ import annotations

import json
import logging
import math
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from common.stats import clopper_pearson_upper

log = logging.getLogger(__name__)

# Chosen on the FAQ benchmark's calibration half: a short list generalised better to the held-out half
# than all the features the searcher reports; ``same_script`` (Chinese question, Latin-script source or
# the reverse) brought Chinese false refusals from ~50% to ~20% (see bench/retrieval/RESULTS.md).
FEATURES = ("dense_top1", "margin_z", "same_lang", "agree", "same_script")
DEFAULT_FILE = Path(__file__).resolve().parent / "calibration" / "default.json"
CONFIDENCE = 0.95


@dataclass(frozen=True)
class Calibration:
    """Standardise features, score ``sigmoid(w.x + b)`` = P(answerable); abstain below ``threshold``."""

    weights: tuple[float, ...]
    bias: float
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    threshold: float
    features: tuple[str, ...] = FEATURES
    source: str = "default"
    metrics: dict[str, Any] = field(default_factory=dict)

    def probability(self, feats: dict[str, float]) -> float:
        x = np.array([feats.get(f, 0.0) for f in self.features], dtype=np.float64)
        z = float(np.dot((x - np.array(self.mean)) / np.array(self.scale), self.weights) + self.bias)
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))

    def abstain(self, feats: dict[str, float]) -> bool:
        return self.probability(feats) < self.threshold

    def save(self, path: Path) -> None:
        Path(path).write_text(json.dumps(asdict(self), indent=2))

    @classmethod
    def load(cls, path: Path) -> Calibration:
        if not Path(path).exists():
            log.warning("event=calibration_missing path=%s using=default", path)
            return cls.default()
        row = json.loads(Path(path).read_text())
        return cls(**{**row, **{k: tuple(row[k]) for k in ("weights", "mean", "scale", "features")}})

    @classmethod
    def default(cls) -> Calibration:
        """The model fitted on the demo store's calibration questions (shipped with the package)."""
        if DEFAULT_FILE.exists():
            return cls.load(DEFAULT_FILE)
        # before any fit: lean on the top score and its margin only
        n = len(FEATURES)
        weights = tuple(1.0 if f in ("dense_top1", "margin_z") else 0.0 for f in FEATURES)
        return cls(weights, 0.0, (0.0,) * n, (1.0,) * n, 0.5, source="unfitted")


def allowed_refusals(n_answerable: int, max_false_refusal: float, confidence: float | None = CONFIDENCE) -> int:
    """How many of ``n_answerable`` calibration questions the threshold may refuse: the most whose
    one-sided Clopper-Pearson upper bound at ``confidence`` is <= ``max_false_refusal`` (0 when even no
    refusal cannot show it); ``None`` allows ``floor(max_false_refusal * n)``, the budget on average only."""
    if confidence is None:
        return int(math.floor(max_false_refusal * n_answerable))
    k = 0
    while k < n_answerable and clopper_pearson_upper(k + 1, n_answerable, confidence) <= max_false_refusal:
        k += 1
    return k


def fit_calibration(features: list[dict[str, float]], answerable: list[bool], *, max_false_refusal: float = 0.10,
                    confidence: float | None = CONFIDENCE, source: str = "fitted",
                    names: tuple[str, ...] = FEATURES) -> Calibration:
    """Fit the logistic model over the features ``names`` and pick the highest threshold that keeps the
    false-refusal rate within ``max_false_refusal`` with ``confidence`` (see ``allowed_refusals``)."""
    from sklearn.linear_model import LogisticRegression

    x = np.array([[f[name] for name in names] for f in features], dtype=np.float64)
    y = np.asarray(answerable, dtype=bool)
    if y.all() or not y.any():
        raise ValueError("calibration needs both answerable and unanswerable questions")
    # a feature constant on the calibration set gets weight 0; scale 1 keeps it harmless if it varies later
    mean, std = x.mean(0), x.std(0)
    scale = np.where(std > 1e-6, std, 1.0)
    model = LogisticRegression(C=1.0, class_weight="balanced", max_iter=1000).fit((x - mean) / scale, y)
    cal = Calibration(tuple(model.coef_[0].tolist()), float(model.intercept_[0]), tuple(mean.tolist()),
                      tuple(scale.tolist()), 0.5, features=names, source=source)
    probs = np.array([cal.probability(f) for f in features])
    pos = np.sort(probs[y])
    # answerable questions whose probability is below the threshold are refused: allow `allowed` of them
    allowed = allowed_refusals(len(pos), max_false_refusal, confidence)
    threshold = float(pos[allowed]) if allowed < len(pos) else float(pos[-1])
    if allowed > 0:
        threshold = float((pos[allowed - 1] + pos[allowed]) / 2)
    abstained = probs < threshold
    metrics = {"n": int(len(y)), "answerable": int(y.sum()), "unanswerable": int((~y).sum()),
               "abstain_recall": float(abstained[~y].mean()), "false_refusal": float(abstained[y].mean())}
    log.info("event=calibration_fitted threshold=%.3f %s", threshold,
             " ".join(f"{k}={v}" for k, v in metrics.items()))
    return Calibration(cal.weights, cal.bias, cal.mean, cal.scale, threshold, features=names, source=source,
                       metrics=metrics)
