"""The server's runtime state: store, bus, dialogue, metrics, live connections and graceful shutdown.

One :class:`Hub` per app, created in the lifespan. Conversation logic stays in ``bot.dialogue``;
the hub only loads it (lazily, so a missing model fails ``/readyz`` instead of the process).
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import inspect
import logging
import weakref
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any, Protocol

from bot.dialogue.ports import Dialogue
from bot.server.events import LocalBus, RedisBus
from bot.server.metrics import Metrics
from bot.settings import Settings
from bot.store.conversations import ConversationStore, StoredMessage

log = logging.getLogger(__name__)

DEFAULT_DIALOGUE_FACTORY = "bot.dialogue:build_dialogue"
DIRECTORY_FACTORY = "build_customer_directory"  # looked up next to the dialogue factory
LIVE_HUBS: weakref.WeakSet[Hub] = weakref.WeakSet()


class CustomerDirectory(Protocol):
    """The shop's view of a customer for the agent panel (provided by the dialogue/shop side)."""

    async def profile(self, customer_id: str) -> dict[str, Any] | None: ...

    async def orders(self, customer_id: str) -> list[dict[str, Any]]: ...


class Connection(Protocol):
    async def close_for_shutdown(self) -> None: ...


def conv_channel(conversation_id: str) -> str:
    return f"conv:{conversation_id}"


QUEUE_CHANNEL = "queue"


def _import(path: str) -> Callable[..., Any]:
    module, _, attr = path.partition(":")
    return getattr(importlib.import_module(module), attr)  # type: ignore[no-any-return]


async def _call(factory: Callable[..., Any], *args: Any) -> Any:
    if inspect.iscoroutinefunction(factory):
        return await factory(*args)
    out = await asyncio.to_thread(factory, *args)  # model loading must not block the loop
    return await out if inspect.isawaitable(out) else out


class Hub:
    def __init__(self, settings: Settings, store: ConversationStore, bus: LocalBus | RedisBus,
                 metrics: Metrics) -> None:
        self.settings, self.store, self.bus, self.metrics = settings, store, bus, metrics
        self.dialogue: Dialogue | None = None
        self.dialogue_error: str | None = "dialogue not loaded yet"
        self.directory: CustomerDirectory | None = None
        self.connections: set[Connection] = set()
        self.inflight: set[tuple[str, int]] = set()
        self.shutting_down = False
        self._locks: dict[str, list[Any]] = {}  # [lock, users]
        self._busy = 0
        self._drained = asyncio.Event()
        self._drained.set()
        self._acks: dict[str, int] = {}
        self._ack_task: asyncio.Task[None] | None = None
        LIVE_HUBS.add(self)

    # ------------------------------------------------------------------ acknowledgements
    def ack(self, conversation_id: str, seq: int) -> None:
        """Remember a client's acknowledgement; written back in batches (it only sets the default
        replay point of a resume without ``last_seq``)."""
        if seq > self._acks.get(conversation_id, 0):
            self._acks[conversation_id] = seq
        if self._ack_task is None or self._ack_task.done():
            self._ack_task = asyncio.create_task(self._flush_acks_later())

    async def _flush_acks_later(self) -> None:
        await asyncio.sleep(self.settings.server.ack_flush_s)
        await self.flush_acks()

    async def flush_acks(self) -> None:
        acks, self._acks = self._acks, {}
        try:
            await self.store.save_acks(acks)
        except Exception as e:  # noqa: BLE001 - best effort; the next ack retries
            log.warning("ack_flush_failed conversations=%d error=%s", len(acks), type(e).__name__)

    # ------------------------------------------------------------------ loading
    def use_dialogue(self, dialogue: Dialogue, directory: CustomerDirectory | None = None) -> None:
        self.dialogue, self.dialogue_error = dialogue, None
        self.directory = directory or getattr(dialogue, "directory", None)

    async def load_dialogue(self, sessions: Any) -> None:
        """Build the real dialogue from settings; on failure keep serving and report via /readyz."""
        path = self.settings.server.dialogue_factory or DEFAULT_DIALOGUE_FACTORY
        try:
            dialogue = await _call(_import(path), self.settings, sessions)
        except Exception as e:  # noqa: BLE001 - missing models must not crash the process
            self.dialogue_error = f"dialogue could not be loaded ({path}): {type(e).__name__}: {e}"
            log.error("dialogue_unavailable factory=%s error=%s", path, self.dialogue_error)
            return
        directory = None
        module = path.partition(":")[0]
        try:
            factory = getattr(importlib.import_module(module), DIRECTORY_FACTORY, None)
            directory = await _call(factory, self.settings, sessions) if factory else None
        except Exception as e:  # noqa: BLE001 - the panel works without profiles and orders
            log.warning("customer_directory_unavailable error=%s: %s", type(e).__name__, e)
        self.use_dialogue(dialogue, directory)
        log.info("dialogue_ready factory=%s", path)

    # ------------------------------------------------------------------ per-conversation work
    @contextlib.asynccontextmanager
    async def turn(self, conversation_id: str, seq: int) -> AsyncIterator[None]:
        """Serialise turns of one conversation in this process and track them for draining."""
        entry = self._locks.setdefault(conversation_id, [asyncio.Lock(), 0])
        entry[1] += 1
        self.inflight.add((conversation_id, seq))
        try:
            async with self.working(), entry[0]:
                yield
        finally:
            self.inflight.discard((conversation_id, seq))
            entry[1] -= 1
            if entry[1] == 0:
                self._locks.pop(conversation_id, None)

    @contextlib.asynccontextmanager
    async def working(self) -> AsyncIterator[None]:
        """Mark work that shutdown must let finish (a frame being handled, a turn being answered)."""
        self._busy += 1
        self._drained.clear()
        try:
            yield
        finally:
            self._busy -= 1
            if self._busy == 0:
                self._drained.set()

    async def publish_messages(self, conversation_id: str, messages: list[StoredMessage]) -> None:
        for m in messages:
            await self.bus.publish(conv_channel(conversation_id),
                                   {"kind": "message", "conversation_id": conversation_id,
                                    "message": m.model_dump(mode="json")})

    async def publish(self, conversation_id: str, event: dict[str, Any]) -> None:
        await self.bus.publish(conv_channel(conversation_id), {**event, "conversation_id": conversation_id})

    async def queue_changed(self, conversation_id: str) -> None:
        await self.bus.publish(QUEUE_CHANNEL, {"kind": "queue", "conversation_id": conversation_id})

    # ------------------------------------------------------------------ shutdown
    async def shutdown(self) -> None:
        """Stop taking turns, let running ones finish (bounded), tell every socket to reconnect."""
        if self.shutting_down:
            return
        self.shutting_down = True
        log.info("shutdown_begin connections=%d inflight=%d", len(self.connections), len(self.inflight))
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._drained.wait(), timeout=self.settings.server.drain_s)
        await asyncio.gather(*(c.close_for_shutdown() for c in list(self.connections)), return_exceptions=True)
        await self.flush_acks()
        log.info("shutdown_done inflight=%d", len(self.inflight))


async def shutdown_all() -> None:
    """Drain every hub of this process (called by the uvicorn runner before it closes sockets)."""
    await asyncio.gather(*(h.shutdown() for h in list(LIVE_HUBS)), return_exceptions=True)


Sender = Callable[[Any], Awaitable[None]]
