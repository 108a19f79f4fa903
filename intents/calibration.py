"""Calibrated out-of-scope decision: temperature scaling plus a threshold on an in-scope score, fitted on validation.

A turn is out of scope when the ``out_of_scope`` class (if the model has one) wins, or when its in-scope
score falls below ``threshold``. The score (``Calibration.score``) is either

- ``energy`` (the default for new models; Liu et al., 2020): ``T * logsumexp(in-scope logits / T)``, the
  temperature-scaled free energy over the in-scope intents. It keeps the logits' magnitude, which the
  softmax throws away, and ignores the ``out_of_scope`` logit (that class decides on its own);
- ``energy_vs_oos``: energy minus the ``out_of_scope`` logit, i.e. ``T * log(P(some in-scope intent) /
  P(out_of_scope))`` under the temperature-scaled softmax (energy for a model without that class);
- ``max_prob``: the largest temperature-scaled probability among the in-scope intents (models calibrated
  before 2026-11-30, whose ``intent_config.json`` has no ``score``);
- ``mahalanobis``: minus the squared Mahalanobis distance from the pooled embedding to the nearest in-scope
  intent mean (``intents.features``; the model folder stores the training rows' means and covariance);
- ``knn``: the largest cosine similarity between the pooled embedding and a summarised in-scope training row
  (the model folder stores those rows' normalised embeddings);
- ``energy+mahalanobis``: the mean of ``energy`` and ``mahalanobis``, each standardised by its mean and standard
  deviation over the validation in-scope rows (stored as ``Calibration.norms``).

On CLINC150's calibration half, at the same 86% out-of-scope recall, energy kept 96.6% in-scope accuracy
where ``max_prob`` kept 95.9% (AUROC in-scope vs out-of-scope 0.992 vs 0.988; bench/intents/RESULTS.md).

How the threshold is chosen (``fit_calibration``):

- validation has out-of-scope rows: the lowest threshold whose out-of-scope recall on validation is at least
  ``min_oos_recall`` (``OOS_RECALL_TARGET``), i.e. the highest in-scope accuracy (a rejected in-scope row counts
  as wrong) that still catches that share of out-of-scope turns; ``None`` (no threshold) when the
  ``out_of_scope`` class alone reaches it. Every point of recall past the target costs answerable turns:
  the earlier rule, maximising the mean of in-scope accuracy and recall (``min_oos_recall=None``, also the
  fallback when no threshold reaches the target), weighs one out-of-scope row like 30 in-scope ones on
  CLINC150's validation mix and there rejected 3.3% of in-scope turns that were classified correctly.
  Opt-in (``confidence``): the recall target is shown with a one-sided Clopper-Pearson lower bound instead of
  the point estimate: the 85% point target met 86% on CLINC150's 50 calibration rows and 76% on the other 50
  (one row is 2 points);
- validation has none: the ``IN_SCOPE_QUANTILE`` quantile of the scores of correctly classified
  in-scope rows, i.e. about 2% of answerable turns get a clarifying question instead of a guess.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np

from common.stats import clopper_pearson_lower
from intents.features import FeatureStats, knn_score, mahalanobis_score

log = logging.getLogger(__name__)

IN_SCOPE_QUANTILE = 0.02
ENERGY, ENERGY_VS_OOS, MAX_PROB = "energy", "energy_vs_oos", "max_prob"
MAHALANOBIS, ENERGY_MAHALANOBIS, KNN = "mahalanobis", "energy+mahalanobis", "knn"
FEATURE_SCORES = (MAHALANOBIS, ENERGY_MAHALANOBIS, KNN)  # scores that need the embeddings and ``FeatureStats``
# the score new models are calibrated with (``training.intents_calibrate``)
DEFAULT_SCORE = ENERGY
# issue 3's 80% out-of-scope recall plus a margin: recall on a few dozen validation rows is +-5 points
OOS_RECALL_TARGET = 0.85
# opt-in (``fit_calibration(confidence=...)``, bench.intents.oos): issue 3's 80% shown on the validation rows at
# 95% confidence by a one-sided Clopper-Pearson lower bound (as retrieval.abstention's refusal budget), i.e. 45
# of CLINC150's 50 calibration rows; not the default until measured on a CLINC150 model's calibration half
ISSUE_OOS_RECALL, RECALL_CONFIDENCE = 0.80, 0.95


@dataclass(frozen=True)
class Calibration:
    """Parameters of the out-of-scope decision, stored in the model folder (``threshold=None``: no threshold)."""

    temperature: float = 1.0
    threshold: float | None = 0.0
    method: str = "uncalibrated"
    score: str = MAX_PROB
    # energy+mahalanobis: (energy mean, energy std, mahalanobis mean, mahalanobis std) on validation in-scope rows
    norms: tuple[float, ...] = ()

    @classmethod
    def from_dict(cls, d: dict) -> Calibration:
        """From its JSON form (``norms`` is a list there); fields a model saved earlier lacks keep their defaults."""
        return cls(**{**d, "norms": tuple(float(v) for v in d.get("norms", ()))})


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


def in_scope_score(logits: np.ndarray, oos_index: int | None, score: str, temperature: float, *,
                   embeddings: np.ndarray | None = None, stats: FeatureStats | None = None,
                   norms: tuple[float, ...] = ()) -> np.ndarray:
    """Per row, how in-scope it looks (higher: more): one of the module docstring's scores. The feature scores
    need the pooled ``embeddings`` and the model's ``stats``; ``energy+mahalanobis`` also ``norms``."""
    if score == MAX_PROB:
        return in_scope_confidence(softmax(logits, temperature), oos_index)[1]
    if score in FEATURE_SCORES:
        if embeddings is None or stats is None:
            raise ValueError(f"out-of-scope score {score!r} needs the embeddings and the model's feature statistics")
        if score == KNN:
            return knn_score(embeddings, stats)
        distance = mahalanobis_score(embeddings, stats)
        if score == MAHALANOBIS:
            return distance
        if len(norms) != 4:
            raise ValueError(f"{ENERGY_MAHALANOBIS} needs 4 norms, got {norms!r}")
        energy = in_scope_score(logits, oos_index, ENERGY, temperature)
        return ((energy - norms[0]) / norms[1] + (distance - norms[2]) / norms[3]) / 2
    if score not in (ENERGY, ENERGY_VS_OOS):
        raise ValueError(f"unknown out-of-scope score {score!r}")
    z = np.delete(logits, oos_index, axis=1) if oos_index is not None else logits
    z = z / temperature
    m = z.max(axis=1)
    energy = temperature * (m + np.log(np.exp(z - m[:, None]).sum(axis=1)))
    return energy - logits[:, oos_index] if score == ENERGY_VS_OOS and oos_index is not None else energy


def decide(logits: np.ndarray, oos_index: int | None, calibration: Calibration, *,
           embeddings: np.ndarray | None = None, stats: FeatureStats | None = None) -> np.ndarray:
    """Boolean out-of-scope flag per row of raw intent logits (and pooled ``embeddings`` for a feature score)."""
    flag = np.zeros(len(logits), bool)
    if calibration.threshold is not None:
        s = in_scope_score(logits, oos_index, calibration.score, calibration.temperature, embeddings=embeddings,
                           stats=stats, norms=calibration.norms)
        flag |= s < calibration.threshold
    if oos_index is not None:
        flag |= logits.argmax(axis=1) == oos_index
    return flag


@dataclass(frozen=True)
class OutOfFold:
    """Cross-fitting: out-of-scope rows scored by a *fold* model that did not train on them, added to the
    calibration of a model that did. ``scores``: the fold model's in-scope score of those rows; ``by_class``:
    whether its out_of_scope class won them; ``reference``: its scores of the calibration's in-scope rows (the
    same rows in the same order), which carry ``scores`` over to the calibrated model's scale (``quantile_map``)."""

    scores: np.ndarray
    by_class: np.ndarray
    reference: np.ndarray

    @classmethod
    def from_logits(cls, held_logits: np.ndarray, valid_logits: np.ndarray, valid_labels: np.ndarray,
                    oos_index: int | None, score: str = ENERGY, temperature: float | None = None) -> OutOfFold:
        """From the fold model's logits of the held-back rows and of the calibration rows (``valid_labels``),
        at the temperature fitted on the latter (unless given). Logit scores only (not ``FEATURE_SCORES``)."""
        t = fit_temperature(valid_logits, valid_labels) if temperature is None else temperature
        ref = in_scope_score(valid_logits, oos_index, score, t)[valid_labels != oos_index]
        by_class = (held_logits.argmax(axis=1) == oos_index if oos_index is not None
                    else np.zeros(len(held_logits), bool))
        return cls(in_scope_score(held_logits, oos_index, score, t), by_class, ref)


def quantile_map(values: np.ndarray, source: np.ndarray, target: np.ndarray) -> np.ndarray:
    """``values`` on ``source``'s scale carried to ``target``'s: a value at quantile q of ``source`` goes to
    quantile q of ``target`` (both: the same reference rows scored by two models; linear between them), a
    value outside ``source``'s range keeps its distance to the nearest end."""
    a, b = np.sort(source), np.sort(target)
    if len(a) != len(b) or not len(a):
        raise ValueError(f"quantile_map needs two equally long, non-empty references, got {len(a)} and {len(b)}")
    out = np.interp(values, a, b)
    low, high = values < a[0], values > a[-1]
    out[low] = b[0] - (a[0] - values[low])
    out[high] = b[-1] + (values[high] - a[-1])
    return out


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


def required_oos_hits(n_oos: int, min_oos_recall: float, confidence: float | None) -> int | None:
    """How many of ``n_oos`` validation out-of-scope rows a threshold must flag: the fewest whose one-sided
    Clopper-Pearson lower bound on recall at ``confidence`` is >= ``min_oos_recall`` (``None`` when even all
    ``n_oos`` cannot show it); ``confidence=None``: the point estimate, ``ceil(min_oos_recall * n_oos)``."""
    if confidence is None:
        return int(np.ceil(min_oos_recall * n_oos - 1e-9))
    return next((k for k in range(n_oos + 1) if clopper_pearson_lower(k, n_oos, confidence) >= min_oos_recall), None)


def fit_calibration(logits: np.ndarray, labels: np.ndarray, oos_index: int | None, *,
                    min_oos_recall: float | None = OOS_RECALL_TARGET, confidence: float | None = None,
                    score: str = ENERGY, embeddings: np.ndarray | None = None,
                    stats: FeatureStats | None = None, out_of_fold: OutOfFold | None = None,
                    temperature: float | None = None) -> Calibration:
    """Fit temperature and out-of-scope threshold on validation logits; ``labels`` index the intent labels.
    A feature score (``FEATURE_SCORES``) also needs the validation rows' pooled ``embeddings`` and ``stats``.
    ``out_of_fold`` (opt-in, cross-fitting): further out-of-scope rows for the recall target, scored by a model
    that did not train on them and carried to this model's scale through the in-scope validation rows.
    ``temperature``: already fitted on these rows (``fit_temperature``; saves refitting it, e.g. in a bootstrap).

    ``min_oos_recall=None`` maximises (in-scope accuracy + out-of-scope recall) / 2 instead (the earlier rule);
    ``confidence=None`` asks the validation recall itself (a point estimate) to reach ``min_oos_recall``; with a
    ``confidence``, its one-sided Clopper-Pearson lower bound must, or, for validation sets too small to show it
    (e.g. fewer than 14 rows for 80% at 95%), the point estimate must reach ``OOS_RECALL_TARGET``.
    """
    if len(labels) == 0:
        return Calibration()
    t = fit_temperature(logits, labels) if temperature is None else temperature
    is_oos = labels == oos_index if oos_index is not None else np.zeros(len(labels), bool)
    norms: tuple[float, ...] = ()
    if score == ENERGY_MAHALANOBIS:  # each part standardised on the in-scope validation rows
        ref = ~is_oos if (~is_oos).any() else np.ones(len(labels), bool)
        parts = [in_scope_score(logits, oos_index, part, t, embeddings=embeddings, stats=stats)[ref]
                 for part in (ENERGY, MAHALANOBIS)]
        norms = tuple(float(v) for p in parts for v in (p.mean(), max(float(p.std()), 1e-9)))
    s = in_scope_score(logits, oos_index, score, t, embeddings=embeddings, stats=stats, norms=norms)
    best, _ = in_scope_confidence(softmax(logits, t), oos_index)
    by_class = logits.argmax(axis=1) == oos_index if oos_index is not None else np.zeros(len(labels), bool)
    correct = (best == labels) & ~is_oos
    if out_of_fold is not None and (~is_oos).any():
        extra = quantile_map(out_of_fold.scores, out_of_fold.reference, s[~is_oos])
        n = len(extra)
        s, correct = np.concatenate([s, extra]), np.concatenate([correct, np.zeros(n, bool)])
        is_oos, by_class = np.concatenate([is_oos, np.ones(n, bool)]), np.concatenate([by_class, out_of_fold.by_class])
    if is_oos.any() and (~is_oos).any():
        need, why = None, ""
        if min_oos_recall is not None:
            n = int(is_oos.sum())
            need = required_oos_hits(n, min_oos_recall, confidence)
            why = (f"oos recall >= {min_oos_recall:.0%}" + ("" if confidence is None else f" at {confidence:.0%} "
                   "confidence (one-sided Clopper-Pearson)") + f" on validation: {need} of {n} rows")
            if need is None:  # too few rows to show the bound (confidence set): the point target instead
                need = required_oos_hits(n, OOS_RECALL_TARGET, None)
                why = (f"oos recall >= {OOS_RECALL_TARGET:.0%} on validation ({need} of {n} rows: too few to show "
                       f"{min_oos_recall:.0%} at {confidence:.0%} confidence)")
        th, rule = _oos_threshold(s, correct, is_oos, by_class, need, why)
        if out_of_fold is not None:
            rule += f" ({len(out_of_fold.scores)} of the oos rows out-of-fold)"
    else:
        th = float(np.quantile(s[correct] if correct.any() else s, IN_SCOPE_QUANTILE))
        rule = f"{IN_SCOPE_QUANTILE:.0%} quantile of correct in-scope validation scores"
    method = f"temperature + {score} threshold: {rule}"
    log.info("event=calibration.fitted temperature=%.3f score=%s threshold=%s n=%d", t, score, th, len(labels))
    return Calibration(temperature=float(t), threshold=th, method=method, score=score, norms=norms)


def _oos_threshold(s: np.ndarray, correct: np.ndarray, is_oos: np.ndarray, by_class: np.ndarray,
                   need: int | None, why: str) -> tuple[float | None, str]:
    """Threshold on scores ``s``: (value or None for none, rule). ``correct`` marks right in-scope rows; ``need``
    out-of-scope rows must be flagged (``None``: the balanced rule), ``why`` says how ``need`` was chosen."""
    # a threshold between two neighbouring validation scores flags the same validation rows as the upper
    # one; the midpoint leaves new rows the same margin on both sides
    values = np.unique(s)
    candidates: list[float | None] = [None, *map(float, (values[:-1] + values[1:]) / 2), float(values[-1]) + 1e-6]
    in_acc, hits = np.empty(len(candidates)), np.empty(len(candidates), int)
    for i, th in enumerate(candidates):
        flag = by_class | (s < th) if th is not None else by_class
        in_acc[i] = (correct & ~flag)[~is_oos].mean()
        hits[i] = flag[is_oos].sum()
    balanced = "maximising (in-scope accuracy + oos recall) / 2 on validation"
    if need is not None:
        ok = hits >= need
        if ok.any():  # in-scope accuracy only falls as the threshold rises: the lowest feasible one is best
            return candidates[int(np.flatnonzero(ok)[0])], f"lowest with {why} (max in-scope accuracy subject to it)"
        balanced += f" (no threshold reached {why})"
    return candidates[int(np.argmax((in_acc + hits / is_oos.sum()) / 2))], balanced
