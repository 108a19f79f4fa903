"""When to say "I don't know": a tiny logistic model over retrieval features, fitted per store.

e5 cosine scores are compressed (related and unrelated pairs both sit around 0.75-0.9), so a fixed
cut-off on the top score cannot separate answerable from unanswerable questions. The features below
describe the *shape* of the result list instead: how far the top hit stands above the query's score
distribution over the whole index, its margin over the runner-up, whether BM25 agrees, and whether
the best source exists in the customer's language (cross-lingual matches score lower).
The threshold is chosen on a calibration set so at most ``max_false_refusal`` of answerable questions
are refused, which maximises how many unanswerable ones are caught under that constraint.
"""

from __future__ import annotations

import json
import logging
import math
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

log = logging.getLogger(__name__)

# Chosen on the FAQ benchmark's calibration half: a short list generalised better to the held-out half
# than all the features the searcher reports; ``same_script`` (Chinese question, Latin-script source or
# the reverse) brought Chinese false refusals from ~50% to ~20% (see bench/retrieval/RESULTS.md).
FEATURES = ("dense_top1", "margin_z", "same_lang", "agree", "same_script")
DEFAULT_FILE = Path(__file__).resolve().parent / "calibration" / "default.json"


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


def fit_calibration(features: list[dict[str, float]], answerable: list[bool], *, max_false_refusal: float = 0.10,
                    source: str = "fitted") -> Calibration:
    """Fit the logistic model and pick the highest threshold refusing <= ``max_false_refusal`` of the
    answerable calibration questions."""
    from sklearn.linear_model import LogisticRegression

    names = tuple(FEATURES)
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
    # refusing answerable questions whose probability is below the threshold: allow floor(r * n) of them
    allowed = int(math.floor(max_false_refusal * len(pos)))
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
