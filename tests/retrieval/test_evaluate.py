import numpy as np
import pytest

from retrieval.abstention import FEATURES, fit_calibration
from retrieval.evaluate import QueryOutcome, metrics


def _o(relevant, ranked, abstained):
    return QueryOutcome("q", "en", tuple(relevant), tuple(ranked), {}, abstained, 5.0)


def test_metrics_arithmetic():
    m = metrics([_o(["a"], ["a", "b"], False), _o(["a"], ["b", "c", "a"], True), _o([], ["x"], True),
                 _o([], ["y"], False)])
    assert m["n"] == 4 and m["recall_at_1"] == 0.5 and m["recall_at_5"] == 1.0
    assert m["mrr"] == pytest.approx((1 + 1 / 3) / 2)
    assert m["abstain_recall"] == 0.5 and m["abstain_precision"] == 0.5 and m["false_refusal"] == 0.5
    assert m["p50_ms"] == 5.0


def test_fitted_threshold_respects_false_refusal_budget():
    feats = [{"dense_top1": float(i)} for i in range(20)] + [{"dense_top1": float(i) - 6} for i in range(10)]
    full = [{f: 0.0 for f in FEATURES} | x for x in feats]
    cal = fit_calibration(full, [True] * 20 + [False] * 10, max_false_refusal=0.1)
    assert cal.metrics["false_refusal"] <= 0.1 and cal.metrics["abstain_recall"] >= 0.5


def test_fit_reads_only_the_named_features():
    """Benchmarks compare feature sets (bench.retrieval.coverage): a feature left out is neither read nor stored."""
    feats = [{"dense_top1": float(i), "extra": float(i % 2)} for i in range(20)] + \
        [{"dense_top1": float(i) - 6, "extra": float(i % 2)} for i in range(10)]
    cal = fit_calibration(feats, [True] * 20 + [False] * 10, names=("dense_top1",))
    assert cal.features == ("dense_top1",) and len(cal.weights) == 1
    assert cal.probability({"dense_top1": 19.0}) > cal.probability({"dense_top1": -6.0})


def _share_over_budget(confidence: float | None, draws: int = 60) -> float:
    """Answerable questions score N(1, 1), unanswerable N(-1, 1) on one feature. Over many calibration
    sets of 111 + 30 questions: how often the fitted threshold's true false-refusal rate exceeds 10%."""
    from scipy.stats import norm

    rng = np.random.default_rng(0)
    over = []
    for _ in range(draws):
        x = np.concatenate([rng.normal(1, 1, 111), rng.normal(-1, 1, 30)])
        feats = [{f: 0.0 for f in FEATURES} | {"dense_top1": float(v)} for v in x]
        cal = fit_calibration(feats, [True] * 111 + [False] * 30, max_false_refusal=0.1, confidence=confidence)
        i = cal.features.index("dense_top1")
        cut = cal.mean[i] + cal.scale[i] * (np.log(cal.threshold / (1 - cal.threshold)) - cal.bias) / cal.weights[i]
        over.append(norm.cdf(cut - 1) > 0.1)
    return float(np.mean(over))


def test_false_refusal_budget_holds_on_new_questions_not_just_the_calibration_set():
    # the confidence bound keeps the budget on nearly every calibration set; refusing exactly 10% of the
    # calibration questions (the earlier rule) breaks it about half the time
    assert _share_over_budget(0.95) <= 0.10
    assert _share_over_budget(None) > 0.3
