"""Micro-batching of model forwards: concurrent turns share forwards, a lone turn never waits, a failing
forward fails only its own batch."""

from __future__ import annotations

import asyncio
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


def most_forwards_at_once(gate: object, calls: int = 40) -> int:
    """Two batchers (two models) sharing ``gate`` under concurrent callers: the most forwards that overlapped."""
    guard, running, most = threading.Lock(), [0], [0]

    def forward(xs: list[int]) -> list[int]:
        with guard:
            running[0] += 1
            most[0] = max(most[0], running[0])
        time.sleep(0.01)
        with guard:
            running[0] -= 1
        return xs

    a = MicroBatcher(forward, max_batch=4, wait_s=0.001, name="a", lock=gate)  # type: ignore[arg-type]
    b = MicroBatcher(forward, max_batch=4, wait_s=0.001, name="b", lock=gate)  # type: ignore[arg-type]
    try:
        with ThreadPoolExecutor(16) as pool:
            assert list(pool.map(lambda i: (a if i % 2 else b)(i), range(calls))) == list(range(calls))
    finally:
        a.close()
        b.close()
    return most[0]


def test_batchers_sharing_a_lock_never_run_forwards_at_once() -> None:
    assert most_forwards_at_once(threading.Lock()) == 1


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


async def test_awaited_turns_share_forwards_without_executor_threads_and_get_errors() -> None:
    """``predict_async`` (the server's path): turns awaited on the event loop are batched together, each gets
    its own row and language, and a failing forward raises in every turn of its batch."""
    predictor = FakePredictor()
    u = BatchedUnderstander(predictor, max_batch=8, wait_s=0.005)
    threads_before = threading.active_count()
    try:
        out = await asyncio.gather(*(u.predict_async(f"t{i}", fallback_language=["en", "zh"][i % 2]) for i in range(16)))
        assert out == [f"t{i}/{['en', 'zh'][i % 2]}" for i in range(16)]
        assert max(len(texts) for texts, _ in predictor.calls) > 1 and threading.active_count() == threads_before

        def boom(texts: list[str], langs: list[str | None]) -> list[str]:
            raise RuntimeError("model exploded")

        predictor.predict_many = boom  # type: ignore[method-assign]
        results = await asyncio.gather(u.predict_async("x"), u.predict_async("y"), return_exceptions=True)
        assert all(isinstance(r, RuntimeError) for r in results)
    finally:
        u.close()


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


class CountingEncoder:
    """A query encoder whose forwards take 30 ms and are recorded, with the embedder's LRU ``cached``."""

    dim = 3

    def __init__(self) -> None:
        self.forwards: list[list[str]] = []
        self.cache: dict[str, np.ndarray] = {}

    def cached(self, text: str) -> np.ndarray | None:
        return self.cache.get(text)

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        self.forwards.append(list(texts))
        time.sleep(0.03)
        out = np.array([[len(t), 1.0, 0.0] for t in texts], dtype=np.float32)
        self.cache.update(zip(texts, out, strict=True))
        return out


def test_a_prefetched_query_is_encoded_once_and_joined_by_the_turn() -> None:
    enc = CountingEncoder()
    e = BatchedEmbedder(enc, max_batch=8, wait_s=0.002)
    try:
        assert e.prefetch("warm boots under 100")
        row = e.encode_queries(["warm boots under 100"])  # asked while the prefetch is still running
        assert not e.prefetch("warm boots under 100")  # already encoded: nothing started
        again = e.encode_queries(["warm boots under 100"])
    finally:
        e.close()
    assert enc.forwards == [["warm boots under 100"]]
    assert float(row[0, 0]) == float(again[0, 0]) == len("warm boots under 100")


def test_prefetch_starts_nothing_while_the_embedder_is_busy() -> None:
    enc = CountingEncoder()
    e = BatchedEmbedder(enc, max_batch=1, wait_s=0.0)
    try:
        with ThreadPoolExecutor(1) as pool:
            busy = pool.submit(e.encode_queries, ["a turn that searches"])
            deadline = time.perf_counter() + 2
            while e.batcher.idle and time.perf_counter() < deadline:
                time.sleep(0.001)
            assert not e.prefetch("a turn that may not search")
            busy.result()
        assert e.batcher.idle and e.prefetch("now idle")
        e.encode_queries(["now idle"])
    finally:
        e.close()
    assert enc.forwards == [["a turn that searches"], ["now idle"]]


def test_batchers_sharing_a_semaphore_of_two_run_forwards_of_both_models_at_once() -> None:
    assert most_forwards_at_once(threading.Semaphore(2)) == 2


def test_an_encode_finished_before_its_callback_is_added_neither_deadlocks_nor_stays_pending() -> None:
    from concurrent.futures import Future

    e = BatchedEmbedder(CountingEncoder(), max_batch=1, wait_s=0.0)
    done: Future[np.ndarray] = Future()
    done.set_result(np.ones(3, dtype=np.float32))
    e.batcher.submit = lambda text: done  # type: ignore[method-assign] # the worker beat the caller to it
    pool = ThreadPoolExecutor(1)
    try:
        row = pool.submit(e.encode_queries, ["fast"]).result(timeout=5)  # a deadlock times out here
    finally:
        pool.shutdown(wait=False)
        e.close()
    assert row.tolist() == [[1.0, 1.0, 1.0]] and not e._pending  # noqa: SLF001
