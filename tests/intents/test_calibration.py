"""Temperature scaling and the out-of-scope threshold."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from intents.calibration import (
    ENERGY, ENERGY_VS_OOS, IN_SCOPE_QUANTILE, ISSUE_OOS_RECALL, MAX_PROB, OOS_RECALL_TARGET, RECALL_CONFIDENCE,
    Calibration, OutOfFold, decide, fit_calibration, fit_temperature, in_scope_confidence, in_scope_score,
    quantile_map, required_oos_hits, softmax,
)
from intents.model import IntentConfig


def test_temperature_recovers_overconfidence() -> None:
    rng = np.random.default_rng(0)
    labels = rng.integers(0, 5, 2000)
    logits = rng.normal(size=(2000, 5))
    logits[np.arange(2000), labels] += 1.0
    assert abs(fit_temperature(logits, labels) - 1.0) < 0.1
    assert abs(fit_temperature(logits * 4, labels) - 4.0) < 0.4


def test_threshold_separates_oos_rows_when_validation_has_them() -> None:
    rng = np.random.default_rng(1)
    n_in, n_oos, oos = 300, 100, 3
    logits = rng.normal(size=(n_in + n_oos, 4))
    labels = np.concatenate([rng.integers(0, 3, n_in), np.full(n_oos, oos)])
    logits[np.arange(n_in), labels[:n_in]] += 5.0  # confident in-scope rows, flat out-of-scope rows
    cal = fit_calibration(logits, labels, oos)
    flag = decide(logits, oos, cal)
    assert flag[n_in:].mean() > 0.8 and flag[:n_in].mean() < 0.1
    assert "oos recall" in cal.method


def _few_oos_rows(n_oos: int = 20) -> tuple[np.ndarray, np.ndarray, int, int]:
    """1,000 in-scope rows (some unsure) and ``n_oos`` out-of-scope rows, about CLINC150's validation mix."""
    rng = np.random.default_rng(3)
    n_in, oos = 1000, 4
    labels = np.concatenate([rng.integers(0, 4, n_in), np.full(n_oos, oos)])
    logits = rng.normal(size=(n_in + n_oos, 5))
    logits[np.arange(n_in), labels[:n_in]] += rng.uniform(2.0, 9.0, n_in)
    logits[n_in:, oos] += rng.uniform(-1.0, 3.0, n_oos)  # the out_of_scope class wins for some oos rows only
    return logits, labels, oos, n_in


def _rates(logits: np.ndarray, labels: np.ndarray, oos: int, n_in: int, cal: Calibration) -> tuple[float, float]:
    flag = decide(logits, oos, cal)
    best, _ = in_scope_confidence(softmax(logits, cal.temperature), oos)
    return float(((best == labels) & ~flag)[:n_in].mean()), float(flag[n_in:].mean())


def test_threshold_keeps_in_scope_turns_once_the_recall_target_is_met() -> None:
    logits, labels, oos, n_in = _few_oos_rows()
    for score in (ENERGY, MAX_PROB):
        cal = fit_calibration(logits, labels, oos, score=score)
        in_acc, recall = _rates(logits, labels, oos, n_in, cal)
        assert recall >= OOS_RECALL_TARGET and "oos recall >= 85% on validation" in cal.method
        assert cal.threshold is not None
        # the balanced rule buys the last out-of-scope rows with many answerable turns
        bal = fit_calibration(logits, labels, oos, min_oos_recall=None, score=score)
        bal_acc, bal_recall = _rates(logits, labels, oos, n_in, bal)
        assert bal_recall > recall and in_acc > bal_acc + 0.02
        # and it is the lowest such threshold: just below it the validation recall misses the target
        s = in_scope_score(logits, oos, score, cal.temperature)
        lower = replace(cal, threshold=float(s[s < cal.threshold].max()))
        assert _rates(logits, labels, oos, n_in, lower)[1] < OOS_RECALL_TARGET


def test_required_hits_are_the_fewest_whose_lower_bound_reaches_the_target() -> None:
    assert required_oos_hits(50, 0.85, None) == 43  # the point target: 42 of 50 is 84%
    k = required_oos_hits(50, ISSUE_OOS_RECALL, RECALL_CONFIDENCE)
    assert k == 45  # 44 of 50 (88%) could still come from a true recall under 80% more than 5% of the time
    assert required_oos_hits(9, ISSUE_OOS_RECALL, RECALL_CONFIDENCE) is None  # 9 of 9: bound 0.72
    assert required_oos_hits(1000, ISSUE_OOS_RECALL, RECALL_CONFIDENCE) / 1000 < 0.83  # more rows, less margin


def test_confidence_threshold_flags_enough_rows_to_show_the_target() -> None:
    logits, labels, oos, n_in = _few_oos_rows(n_oos=50)
    point = fit_calibration(logits, labels, oos)
    cal = fit_calibration(logits, labels, oos, min_oos_recall=ISSUE_OOS_RECALL, confidence=RECALL_CONFIDENCE)
    assert "95% confidence" in cal.method and "45 of 50 rows" in cal.method
    flag = decide(logits, oos, cal)
    assert flag[n_in:].sum() >= 45 > decide(logits, oos, point)[n_in:].sum()
    # still the lowest such threshold: just below it fewer than 45 rows are flagged
    s = in_scope_score(logits, oos, ENERGY, cal.temperature)
    lower = replace(cal, threshold=float(s[s < cal.threshold].max()))
    assert decide(logits, oos, lower)[n_in:].sum() < 45


def test_too_few_oos_rows_for_the_bound_need_the_point_target() -> None:
    logits, labels, oos, n_in = _few_oos_rows(n_oos=9)
    cal = fit_calibration(logits, labels, oos, min_oos_recall=ISSUE_OOS_RECALL, confidence=RECALL_CONFIDENCE)
    assert "too few" in cal.method and f"oos recall >= {OOS_RECALL_TARGET:.0%}" in cal.method
    assert cal.threshold == fit_calibration(logits, labels, oos).threshold
    assert decide(logits, oos, cal)[n_in:].sum() >= 8  # 85% of 9 rows


def test_no_threshold_when_the_out_of_scope_class_alone_reaches_the_target() -> None:
    logits, labels, oos, n_in = _few_oos_rows()
    logits[n_in:, oos] += 20.0
    cal = fit_calibration(logits, labels, oos)
    assert cal.threshold is None and decide(logits, oos, cal)[n_in:].all()
    # only the out_of_scope class decides, however low the logits
    assert (decide(logits - 100.0, oos, cal) == (logits.argmax(axis=1) == oos)).all()


def test_energy_keeps_in_scope_turns_torn_between_two_intents() -> None:
    """Unsure between two known intents (low top probability, large logits) is not out of scope; small logits
    with one mild favourite (higher top probability) are. The softmax cannot tell these apart, energy can."""
    rng = np.random.default_rng(4)
    n = 200
    torn = np.zeros((n, 5))
    torn[:, 0], torn[:, 1] = 8.2, 8.0  # label 0
    mild = np.zeros((n // 10, 5))
    mild[:, 2] = 3.0  # out of scope (label 4); the out_of_scope class itself stays silent
    clear = np.zeros((n, 5))
    clear[np.arange(n), np.arange(n) % 4] = 9.0
    logits = np.concatenate([torn, clear, mild]) + rng.normal(scale=0.1, size=(2 * n + n // 10, 5))
    labels = np.concatenate([np.zeros(n, int), np.arange(n) % 4, np.full(n // 10, 4)])
    flags = {score: decide(logits, 4, fit_calibration(logits, labels, 4, score=score)) for score in (ENERGY, MAX_PROB)}
    assert flags[ENERGY][2 * n:].mean() >= OOS_RECALL_TARGET and not flags[ENERGY][: 2 * n].any()
    assert flags[MAX_PROB][:n].all()  # the probability threshold that catches them rejects the torn rows too


def test_a_calibration_saved_before_the_score_field_still_means_max_prob() -> None:
    config = IntentConfig.from_dict({"intent_labels": ["a", "b", "out_of_scope"],
                                     "calibration": {"temperature": 1.0, "threshold": 0.6, "method": "old"}})
    assert config.calibration.score == MAX_PROB
    logits = np.array([[2.0, 0.0, 0.0], [0.5, 0.4, 0.0], [0.0, 0.0, 3.0]])  # max in-scope prob .79, .40, .05
    assert decide(logits, 2, config.calibration).tolist() == [False, True, True]


def test_unreachable_recall_target_falls_back_to_the_balanced_rule() -> None:
    logits, labels, oos, _ = _few_oos_rows()
    bal = fit_calibration(logits, labels, oos, min_oos_recall=None)
    cal = fit_calibration(logits, labels, oos, min_oos_recall=1.01)
    assert cal.threshold == bal.threshold and "no threshold reached" in cal.method


def test_threshold_from_in_scope_quantile_without_oos_rows() -> None:
    rng = np.random.default_rng(2)
    labels = rng.integers(0, 4, 500)
    logits = rng.normal(size=(500, 4))
    logits[np.arange(500), labels] += 4.0
    cal = fit_calibration(logits, labels, None)
    flag = decide(logits, None, cal)
    assert 0.0 < flag.mean() <= IN_SCOPE_QUANTILE + 0.03
    assert "quantile" in cal.method


def test_energy_vs_oos_sees_a_raised_out_of_scope_logit_that_does_not_win() -> None:
    """Out-of-scope rows that look like in-scope ones except for a raised (but not winning) out_of_scope logit:
    energy, which ignores that logit, cannot tell them apart; energy minus it can."""
    rng = np.random.default_rng(5)
    n_in, n_oos, oos = 600, 60, 4
    labels = np.concatenate([rng.integers(0, 4, n_in), np.full(n_oos, oos)])
    logits = rng.normal(scale=0.3, size=(n_in + n_oos, 5))
    top = np.concatenate([labels[:n_in], rng.integers(0, 4, n_oos)])
    logits[np.arange(n_in + n_oos), top] += rng.uniform(4.0, 8.0, n_in + n_oos)
    logits[n_in:, oos] = logits[np.arange(n_in, n_in + n_oos), top[n_in:]] - 1.0
    assert (logits.argmax(axis=1) != oos).all()
    flags = {score: decide(logits, oos, fit_calibration(logits, labels, oos, score=score))
             for score in (ENERGY, ENERGY_VS_OOS)}
    assert flags[ENERGY_VS_OOS][n_in:].mean() >= OOS_RECALL_TARGET and not flags[ENERGY_VS_OOS][:n_in].any()
    assert flags[ENERGY][:n_in].mean() > 0.5  # to catch as many, energy rejects most in-scope rows
    # without an out_of_scope class it is energy itself
    assert np.allclose(in_scope_score(logits, None, ENERGY_VS_OOS, 0.7), in_scope_score(logits, None, ENERGY, 0.7))


def test_quantile_map_carries_a_value_to_the_same_quantile_of_the_other_scale() -> None:
    source = np.random.default_rng(6).normal(size=300)
    target = 10.0 * source - 50.0  # the same rows, scored by a model on another scale
    values = np.array([source.min() - 1.0, np.quantile(source, 0.02), 0.0, source.max() + 2.0])
    mapped = quantile_map(values, source, target)
    assert np.allclose(mapped[1:3], 10.0 * values[1:3] - 50.0)
    assert np.isclose(mapped[0], target.min() - 1.0) and np.isclose(mapped[3], target.max() + 2.0)
    with pytest.raises(ValueError):
        quantile_map(values, source, target[:-1])


def _fold_scale(logits: np.ndarray) -> np.ndarray:
    """A fold model that ranks rows as the calibrated one but has three times its logits (a sharper scale)."""
    return 3.0 * logits


def test_out_of_fold_rows_raise_the_threshold_on_the_calibrated_models_scale() -> None:
    """Validation's few out-of-scope rows are easy; the out-of-fold ones (unseen by the fold model) sit among the
    lowest in-scope scores. With them the threshold must catch 85% of all out-of-scope rows, on this model's
    scale although the fold model's energies are three times larger."""
    rng = np.random.default_rng(7)
    n_in, oos = 400, 4
    labels = np.concatenate([rng.integers(0, 4, n_in), np.full(10, oos)])
    logits = rng.normal(scale=0.2, size=(n_in + 10, 5))
    logits[np.arange(n_in), labels[:n_in]] += rng.uniform(3.0, 8.0, n_in)
    logits[:, oos] -= 5.0
    held = rng.normal(scale=0.2, size=(20, 5))
    held[np.arange(20), np.arange(20) % 4] += rng.uniform(3.0, 3.6, 20)  # low, but in-scope-like
    held[:, oos] -= 5.0
    oof = OutOfFold.from_logits(_fold_scale(held), _fold_scale(logits), labels, oos)
    assert not oof.by_class.any() and len(oof.reference) == n_in
    plain = fit_calibration(logits, labels, oos)
    cross = fit_calibration(logits, labels, oos, out_of_fold=oof)
    assert fit_calibration(logits, labels, oos, out_of_fold=oof, temperature=fit_temperature(logits, labels)) == cross
    assert plain.threshold is not None and cross.threshold is not None and cross.threshold > plain.threshold
    assert "20 of the oos rows out-of-fold" in cross.method
    t = fit_temperature(logits, labels)
    own = in_scope_score(logits, oos, ENERGY, t)
    caught = in_scope_score(held, oos, ENERGY, t) < cross.threshold  # the held rows on this model's own scale
    assert (decide(logits, oos, cross)[n_in:].sum() + caught.sum()) >= np.ceil(OOS_RECALL_TARGET * 30)
    assert (own[:n_in] < cross.threshold).mean() < 0.2  # but not by rejecting most in-scope rows
