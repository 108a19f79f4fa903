"""Temperature scaling and the out-of-scope threshold."""

from __future__ import annotations

import numpy as np

from intents.calibration import IN_SCOPE_QUANTILE, decide, fit_calibration, fit_temperature, softmax


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
    flag = decide(softmax(logits, cal.temperature), oos, cal.threshold)
    assert flag[n_in:].mean() > 0.8 and flag[:n_in].mean() < 0.1
    assert "oos recall" in cal.method


def test_threshold_from_in_scope_quantile_without_oos_rows() -> None:
    rng = np.random.default_rng(2)
    labels = rng.integers(0, 4, 500)
    logits = rng.normal(size=(500, 4))
    logits[np.arange(500), labels] += 4.0
    cal = fit_calibration(logits, labels, None)
    flag = decide(softmax(logits, cal.temperature), None, cal.threshold)
    assert 0.0 < flag.mean() <= IN_SCOPE_QUANTILE + 0.03
    assert "quantile" in cal.method
