"""Dynamic micro-batching of model forwards across concurrent conversations.

Each turn's model call (``Understander.predict`` for one text, ``Embedder.encode_queries`` for one
query) is queued to a :class:`MicroBatcher`; one worker thread takes everything queued, waits at most
``wait_s`` for more while conversations are arriving concurrently (only after a batch of more than one,
so a lone conversation never waits), runs one forward for the whole batch and hands each caller its row.
Batchers of different models share one semaphore: at most ``SHOPBOT_INFERENCE__CONCURRENT_FORWARDS`` forwards
run at once (each with ``SHOPBOT_INFERENCE__THREADS`` intra-op threads). A forward that raises fails every turn
of its batch (the dialogue then answers with its graceful model-error reply); the worker carries on.
``BatchedEmbedder.prefetch`` starts a turn's query encode while its intent is being classified (only when the
embedder is idle) and a later ``encode_queries`` of the same text joins that encode instead of repeating it.

>>> batcher = MicroBatcher(lambda xs: [x * 2 for x in xs], max_batch=8, wait_s=0.002, name="double")
>>> batcher(21)
42
>>> batcher.close()
"""

from __future__ import annotations

import asyncio
import logging
import queue
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from contextlib import AbstractContextManager
from typing import Any, Generic, TypeVar

import numpy as np

from intents.types import Prediction

log = logging.getLogger(__name__)

T = TypeVar("T")
R = TypeVar("R")
_STOP = object()


class MicroBatcher(Generic[T, R]):
    """``fn(list[T]) -> list[R]`` on one worker thread, over batches of concurrent requests."""

    def __init__(self, fn: Callable[[list[T]], Sequence[R]], *, max_batch: int, wait_s: float, name: str,
                 lock: AbstractContextManager[Any] | None = None, init: Callable[[], object] | None = None) -> None:
        self.fn, self.max_batch, self.wait_s, self.name = fn, max(1, max_batch), max(0.0, wait_s), name
        self.init = init  # run once in the worker thread (e.g. torch's per-thread intra-op thread count)
        self.lock = lock or threading.Lock()
        self._queue: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._last_size = 1  # > 1: turns are arriving concurrently, so waiting a little fills the batch
        self.batches = 0
        self.items = 0
        self._busy = False
        self._thread = threading.Thread(target=self._run, name=f"batcher-{name}", daemon=True)
        self._thread.start()

    def submit(self, item: T) -> Future[R]:
        fut: Future[R] = Future()
        self._queue.put((item, fut))
        return fut

    def __call__(self, item: T) -> R:
        """Blocking: the result for one item (called from the dialogue's executor threads)."""
        return self.submit(item).result()

    def close(self) -> None:
        self._queue.put(_STOP)
        self._thread.join(timeout=5)

    @property
    def idle(self) -> bool:
        """Nothing queued and no forward running."""
        return not self._busy and self._queue.empty()

    @property
    def mean_batch(self) -> float:
        return self.items / self.batches if self.batches else 0.0

    def _collect(self, first: Any) -> tuple[list[Any], bool]:
        batch, stop = [first], False
        deadline = time.perf_counter() + self.wait_s
        while len(batch) < self.max_batch:
            try:
                nxt = self._queue.get_nowait()
            except queue.Empty:
                remaining = deadline - time.perf_counter()
                if remaining <= 0 or self._last_size <= 1:
                    break
                try:
                    nxt = self._queue.get(timeout=remaining)
                except queue.Empty:
                    break
            if nxt is _STOP:
                stop = True
                break
            batch.append(nxt)
        return batch, stop

    def _run(self) -> None:
        if self.init is not None:
            self.init()
        while True:
            first = self._queue.get()
            if first is _STOP:
                return
            self._busy = True
            batch, stop = self._collect(first)
            items = [item for item, _ in batch]
            try:
                with self.lock:
                    results = list(self.fn(items))
                if len(results) != len(items):
                    raise RuntimeError(f"{self.name}: {len(results)} results for {len(items)} inputs")
            except Exception as e:  # noqa: BLE001 - every caller of the batch gets the error
                log.warning("event=batch_failed batcher=%s size=%d error=%s", self.name, len(items), type(e).__name__)
                for _, fut in batch:
                    fut.set_exception(e)
            else:
                for (_, fut), r in zip(batch, results, strict=True):
                    fut.set_result(r)
            self.batches += 1
            self.items += len(items)
            self._last_size = len(items)
            self._busy = False
            if stop:
                return


class BatchedUnderstander:
    """The ``Understander`` of the dialogue with one micro-batched forward for concurrent turns.

    ``predictor`` needs ``predict_many(texts, fallback_languages)`` (``intents.predictor.IntentPredictor``).
    """

    def __init__(self, predictor: Any, *, max_batch: int, wait_s: float, lock: AbstractContextManager[Any] | None = None,
                 init: Callable[[], object] | None = None) -> None:
        self.predictor = predictor
        self.batcher: MicroBatcher[tuple[str, str | None], Prediction] = MicroBatcher(
            lambda items: predictor.predict_many([t for t, _ in items], [lang for _, lang in items]),
            max_batch=max_batch, wait_s=wait_s, name="understand", lock=lock, init=init)

    def predict(self, texts: list[str], *, fallback_language: str | None = None) -> list[Prediction]:
        if len(texts) != 1:  # offline batches go straight to the model
            return list(self.predictor.predict(texts, fallback_language=fallback_language))
        return [self.batcher((texts[0], fallback_language))]

    async def predict_async(self, text: str, *, fallback_language: str | None = None) -> Prediction:
        """One turn's reading, awaited on the event loop: queued straight to the batcher, no executor thread
        in between (each thread hop is a GIL hand-over on a busy server)."""
        return await asyncio.wrap_future(self.batcher.submit((text, fallback_language)))

    def close(self) -> None:
        self.batcher.close()


class BatchedEmbedder:
    """A ``retrieval.embedder.Embedder`` whose single-query encodes are micro-batched (passages are not)."""

    def __init__(self, embedder: Any, *, max_batch: int, wait_s: float, lock: AbstractContextManager[Any] | None = None,
                 init: Callable[[], object] | None = None) -> None:
        self.embedder = embedder
        self.batcher: MicroBatcher[str, np.ndarray] = MicroBatcher(
            lambda texts: list(embedder.encode_queries(texts)), max_batch=max_batch, wait_s=wait_s, name="embed",
            lock=lock, init=init)
        self._pending: dict[str, Future[np.ndarray]] = {}
        self._pending_lock = threading.RLock()  # a forward done before add_done_callback runs _forget here

    def __getattr__(self, name: str) -> Any:
        return getattr(self.embedder, name)

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        if len(texts) != 1:
            return self.embedder.encode_queries(texts)  # type: ignore[no-any-return]
        cached = getattr(self.embedder, "cached", None)  # a query encoded lately needs no forward nor a queue
        hit = cached(texts[0]) if cached is not None else None
        return np.asarray(hit if hit is not None else self._future(texts[0]).result())[None, :]

    def prefetch(self, text: str) -> bool:
        """Start encoding ``text`` now, without waiting, if the embedder is idle (nothing queued or running):
        a turn's query is then encoded while its intent is classified, and the retrieval or recommendation
        step finds the vector ready. Under load (the batcher busy) nothing is started, so no forward is
        spent on a turn that may not search. True when an encode was started."""
        if not text.strip() or not self.batcher.idle:
            return False
        cached = getattr(self.embedder, "cached", None)
        if cached is not None and cached(text) is not None:
            return False
        self._future(text)
        return True

    def _future(self, text: str) -> Future[np.ndarray]:
        """The pending encode of ``text`` (a prefetch in flight is joined, not repeated)."""
        with self._pending_lock:
            fut = self._pending.get(text)
            if fut is None:
                fut = self._pending[text] = self.batcher.submit(text)
                fut.add_done_callback(lambda _, t=text: self._forget(t))
            return fut

    def _forget(self, text: str) -> None:
        with self._pending_lock:
            self._pending.pop(text, None)

    def close(self) -> None:
        self.batcher.close()
