"""Distance scores on pooled embeddings: the Mahalanobis score, its statistics, their storage and the row sample."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from intents.calibration import ENERGY, ENERGY_MAHALANOBIS, MAHALANOBIS, OOS_RECALL_TARGET, decide, fit_calibration
from intents.features import FeatureStats, fit_feature_stats, knn_score, mahalanobis_score, sample_rows


def _clusters(seed: int = 0, n: int = 200, h: int = 8) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Four elongated in-scope clusters (one shared covariance) and their means; labels 0-3, 4 = out_of_scope."""
    rng = np.random.default_rng(seed)
    means = rng.normal(scale=6.0, size=(4, h))
    shape = np.diag(np.linspace(0.3, 3.0, h)) @ np.linalg.qr(rng.normal(size=(h, h)))[0]
    y = rng.integers(0, 4, n)
    return means[y] + rng.normal(size=(n, h)) @ shape, y, means


def test_score_is_minus_the_smallest_squared_distance_under_the_ridged_shared_covariance() -> None:
    x, y, _ = _clusters()
    stats = fit_feature_stats(x, y, None, ridge=0.01)
    means = np.stack([x[y == c].mean(axis=0) for c in range(4)])
    centred = x - means[y]
    cov = centred.T @ centred / len(x)
    cov += 0.01 * np.trace(cov) / len(cov) * np.eye(len(cov))
    prec = np.linalg.inv(cov)
    probe = np.random.default_rng(1).normal(scale=5.0, size=(7, x.shape[1]))
    brute = -np.array([min((p - m) @ prec @ (p - m) for m in means) for p in probe])
    assert np.allclose(mahalanobis_score(probe, stats), brute, rtol=1e-4)


def test_out_of_scope_rows_and_rows_without_intent_are_not_summarised() -> None:
    x, y, _ = _clusters()
    y = y.copy()
    y[:20] = 4  # out_of_scope
    y[20:30] = -1  # sentiment-only
    x = x.copy()
    x[:30] += 1e3  # would drag a mean or the covariance far away if used
    ref = fit_feature_stats(x[30:], y[30:], 4)
    got = fit_feature_stats(x, y, 4)
    assert got.means.shape == (4, x.shape[1]) and got.equals(ref)


def test_distance_catches_rows_between_intents_that_the_logits_call_confident() -> None:
    """Out-of-scope rows that lie off every cluster along the direction the intent head ignores: the logits (a
    linear head on the means' span) are as confident as for in-scope rows, the distance is not."""
    rng = np.random.default_rng(3)
    h, n_in, n_oos = 8, 800, 80
    means = np.zeros((4, h))
    means[np.arange(4), np.arange(4)] = 6.0
    y = np.concatenate([rng.integers(0, 4, n_in), np.full(n_oos, 4)])
    x = means[np.minimum(y, 3)] + rng.normal(size=(len(y), h))
    x[n_in:] = means[rng.integers(0, 4, n_oos)] + rng.normal(size=(n_oos, h))
    x[n_in:, 4:] += rng.choice([-8.0, 8.0], size=(n_oos, h - 4))  # off the clusters, invisible to the head
    logits = np.concatenate([x @ means.T / 3, np.full((len(y), 1), 2.0)], axis=1)
    stats = fit_feature_stats(x[:n_in], y[:n_in], 4)
    flags = {s: decide(logits, 4, c, embeddings=x, stats=stats) for s in (ENERGY, MAHALANOBIS, ENERGY_MAHALANOBIS)
             for c in [fit_calibration(logits, y, 4, score=s, embeddings=x, stats=stats)]}
    assert flags[MAHALANOBIS][n_in:].mean() >= OOS_RECALL_TARGET and flags[MAHALANOBIS][:n_in].mean() < 0.02
    assert flags[ENERGY][:n_in].mean() > 0.5  # to catch as many, energy rejects most in-scope rows
    assert flags[ENERGY_MAHALANOBIS][:n_in].mean() < flags[ENERGY][:n_in].mean()


def test_feature_scores_need_the_statistics() -> None:
    x, y, _ = _clusters()
    logits = np.eye(4)[y] * 5.0
    cal = fit_calibration(logits, y, None, score=MAHALANOBIS, embeddings=x, stats=fit_feature_stats(x, y, None))
    with pytest.raises(ValueError, match="feature statistics"):
        decide(logits, None, cal)


def test_stats_round_trip_exactly(tmp_path: Path) -> None:
    x, y, _ = _clusters()
    stats = fit_feature_stats(x, y, None)
    again = FeatureStats.load(stats.save(tmp_path / "stats.safetensors"))
    assert again.equals(stats) and again.means.dtype == np.float32
    assert np.array_equal(mahalanobis_score(x, again), mahalanobis_score(x, stats))


def test_sample_keeps_at_most_n_rows_per_in_scope_intent_seeded() -> None:
    y = np.array([0] * 70 + [1] * 10 + [2] * 30 + [-1] * 5)  # 2 = out_of_scope, -1 = no intent
    idx = sample_rows(y, 2, per_intent=50, seed=0)
    assert np.bincount(y[idx]).tolist() == [50, 10]
    assert np.array_equal(idx, np.sort(idx)) and np.array_equal(idx, sample_rows(y, 2, per_intent=50, seed=0))
    assert not np.array_equal(idx, sample_rows(y, 2, per_intent=50, seed=1))


def test_knn_is_the_largest_cosine_to_a_kept_row_and_round_trips(tmp_path: Path) -> None:
    x, y, _ = _clusters()
    with pytest.raises(ValueError, match="training rows"):
        knn_score(x, fit_feature_stats(x, y, None))
    stats = fit_feature_stats(x, y, None, keep_rows=True)
    probe = np.random.default_rng(2).normal(size=(5, x.shape[1]))
    unit = x / np.linalg.norm(x, axis=1, keepdims=True)
    brute = [max(float(p @ u) / float(np.linalg.norm(p)) for u in unit) for p in probe]
    assert np.allclose(knn_score(probe, stats), brute, atol=1e-5)
    assert np.allclose(knn_score(x[:3], stats), 1.0, atol=1e-5)  # a kept row is its own nearest neighbour
    again = FeatureStats.load(stats.save(tmp_path / "stats.safetensors"))
    assert again.equals(stats) and not again.equals(fit_feature_stats(x, y, None))
