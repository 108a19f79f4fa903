"""Exact binomial bounds: they hold their confidence, and sit where the textbook values put them."""

from __future__ import annotations

from math import comb

import pytest

from common.stats import clopper_pearson_lower, clopper_pearson_upper


def _binom_pmf(k: int, n: int, p: float) -> float:
    return comb(n, k) * p ** k * (1 - p) ** (n - k)


@pytest.mark.parametrize("n,p", [(9, 0.8), (50, 0.8), (50, 0.3), (111, 0.1)])
def test_bounds_cover_the_true_rate_at_least_as_often_as_promised(n: int, p: float) -> None:
    low = sum(_binom_pmf(k, n, p) for k in range(n + 1) if clopper_pearson_lower(k, n, 0.95) > p)
    high = sum(_binom_pmf(k, n, p) for k in range(n + 1) if clopper_pearson_upper(k, n, 0.95) < p)
    assert low <= 0.05 and high <= 0.05
    # and are not trivially wide: the next-looser confidence still fails less than 1 time in 5
    assert sum(_binom_pmf(k, n, p) for k in range(n + 1) if clopper_pearson_lower(k, n, 0.5) > p) > 0.2


def test_known_values_and_edges() -> None:
    assert clopper_pearson_lower(0, 10, 0.95) == 0.0 and clopper_pearson_upper(10, 10, 0.95) == 1.0
    assert clopper_pearson_lower(9, 9, 0.95) == pytest.approx(0.05 ** (1 / 9))  # all seen: alpha ** (1/n)
    assert clopper_pearson_upper(0, 50, 0.95) == pytest.approx(1 - 0.05 ** (1 / 50))
    assert clopper_pearson_lower(44, 50, 0.95) < 0.8 <= clopper_pearson_lower(45, 50, 0.95)
    assert clopper_pearson_lower(20, 40, 0.95) == pytest.approx(1 - clopper_pearson_upper(20, 40, 0.95))
