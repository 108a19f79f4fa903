"""Micro-batching of model forwards: concurrent turns share forwards, a lone turn never waits, a failing
forward fails only its own batch."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from bot.dialogue.batching import BatchedEmbedder, BatchedUnderstander, MicroBatcher


class SlowModel:
    """Each forward costs 20 ms whatever the batch size (like a small encoder on short texts)."""

    def __init__(self) -> None:
        self.sizes: list[int] = []

    def __call__(self, xs: list[int]) -> list[int]:
        self.sizes.append(len(xs))
        time.sleep(0.02)
        if -1 in xs:
            raise ValueError("model exploded")
        return [x * 10 for x in xs]


def test_concurrent_callers_share_forwards_and_get_their_own_rows() -> None:
    model = SlowModel()
    batcher = MicroBatcher(model, max_batch=16, wait_s=0.005, name="t")
    try:
        with ThreadPoolExecutor(32) as pool:
            out = list(pool.map(batcher, range(64)))
    finally:
        batcher.close()
    assert out == [x * 10 for x in range(64)]
    assert max(model.sizes) <= 16
    assert len(model.sizes) < 64 / 3  # most forwards carried several turns


def test_a_lone_caller_does_not_wait_for_company() -> None:
    batcher = MicroBatcher(lambda xs: xs, max_batch=32, wait_s=0.5, name="t")
    try:
        batcher(0)
        started = time.perf_counter()
        for i in range(5):
            assert batcher(i) == i
        assert (time.perf_counter() - started) / 5 < 0.1  # far below the 0.5 s wait
    finally:
        batcher.close()


def test_a_failing_forward_fails_its_batch_only() -> None:
    model = SlowModel()
    batcher = MicroBatcher(model, max_batch=1, wait_s=0.0, name="t")
    try:
        with pytest.raises(ValueError, match="exploded"):
            batcher(-1)
        assert batcher(3) == 30
    finally:
        batcher.close()


def test_batchers_sharing_a_lock_never_run_forwards_at_once() -> None:
    lock, running, overlap = threading.Lock(), [0], [False]

    def forward(xs: list[int]) -> list[int]:
        running[0] += 1
        overlap[0] |= running[0] > 1
        time.sleep(0.005)
        running[0] -= 1
        return xs

    a = MicroBatcher(forward, max_batch=4, wait_s=0.001, name="a", lock=lock)
    b = MicroBatcher(forward, max_batch=4, wait_s=0.001, name="b", lock=lock)
    try:
        with ThreadPoolExecutor(16) as pool:
            list(pool.map(lambda i: (a if i % 2 else b)(i), range(40)))
    finally:
        a.close()
        b.close()
    assert not overlap[0]


class FakePredictor:
    def __init__(self) -> None:
        self.calls: list[tuple[list[str], list[str | None]]] = []

    def predict_many(self, texts: list[str], langs: list[str | None]) -> list[str]:
        self.calls.append((texts, langs))
        time.sleep(0.01)
        return [f"{t}/{lang}" for t, lang in zip(texts, langs, strict=True)]

    def predict(self, texts: list[str], *, fallback_language: str | None = None) -> list[str]:
        return self.predict_many(texts, [fallback_language] * len(texts))


def test_understander_keeps_each_turns_fallback_language() -> None:
    predictor = FakePredictor()
    u = BatchedUnderstander(predictor, max_batch=8, wait_s=0.005)
    try:
        with ThreadPoolExecutor(12) as pool:
            out = list(pool.map(lambda i: u.predict([f"t{i}"], fallback_language=["en", "zh", "es"][i % 3]), range(24)))
    finally:
        u.close()
    assert out == [[f"t{i}/{['en', 'zh', 'es'][i % 3]}"] for i in range(24)]
    assert any(len(texts) > 1 for texts, _ in predictor.calls)
    assert u.predict(["a", "b"], fallback_language="es") == ["a/es", "b/es"]  # offline batches pass through


def test_embedder_rows_match_the_unbatched_encoder() -> None:
    class Enc:
        dim = 3

        def encode_queries(self, texts: list[str]) -> np.ndarray:
            return np.array([[len(t), 1.0, 0.0] for t in texts], dtype=np.float32)

    e = BatchedEmbedder(Enc(), max_batch=8, wait_s=0.002)
    try:
        with ThreadPoolExecutor(8) as pool:
            rows = list(pool.map(lambda t: e.encode_queries([t]), ["a", "bb", "ccc", "dddd"]))
    finally:
        e.close()
    assert [r.shape for r in rows] == [(1, 3)] * 4 and [float(r[0, 0]) for r in rows] == [1, 2, 3, 4]
    assert e.dim == 3  # everything else is the wrapped embedder's
