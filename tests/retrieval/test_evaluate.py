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
