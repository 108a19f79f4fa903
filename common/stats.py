"""Exact binomial confidence bounds, for thresholds fitted on a few dozen calibration rows."""

from __future__ import annotations


def clopper_pearson_upper(k: int, n: int, confidence: float) -> float:
    """One-sided Clopper-Pearson upper bound at ``confidence`` on a rate seen ``k`` times in ``n``."""
    from scipy.stats import beta

    return 1.0 if k >= n else float(beta.ppf(confidence, k + 1, n - k))


def clopper_pearson_lower(k: int, n: int, confidence: float) -> float:
    """One-sided Clopper-Pearson lower bound at ``confidence`` on a rate seen ``k`` times in ``n``."""
    return 1.0 - clopper_pearson_upper(n - k, n, confidence)
