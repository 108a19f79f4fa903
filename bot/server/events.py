"""Fan-out of conversation events between connections and server processes.

Channels are strings (``conv:<id>`` for one conversation, ``queue`` for the agents' queue); events are
JSON-serialisable dicts. :class:`LocalBus` serves one process; :class:`RedisBus` publishes through Redis
pub/sub so an agent on process A follows a chat served by process B. Both deliver to local
subscribers through per-subscription queues, so a slow socket never blocks the publisher.

After Redis comes back from an outage the bus delivers ``{"kind": "resync"}`` to every subscriber: the
database is the source of truth, and subscribers catch up from it.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import uuid
from collections import defaultdict
from typing import Any, Protocol

log = logging.getLogger(__name__)

RESYNC: dict[str, Any] = {"kind": "resync"}
PREFIX = "shopbot:"


class Subscription:
    """Events of the subscribed channels, in publication order; close() when done."""

    def __init__(self, bus: _Fanout, channels: set[str]) -> None:
        self._bus, self.channels = bus, channels
        self.queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue(maxsize=10_000)

    def add(self, channel: str) -> None:
        self.channels.add(channel)
        self._bus.index[channel].add(self)

    def close(self) -> None:
        for ch in self.channels:
            self._bus.index[ch].discard(self)
            if not self._bus.index[ch]:
                del self._bus.index[ch]

    async def get(self) -> dict[str, Any]:
        return await self.queue.get()


class EventBus(Protocol):
    async def start(self) -> None: ...
    async def close(self) -> None: ...
    async def publish(self, channel: str, event: dict[str, Any]) -> None: ...
    def subscribe(self, *channels: str) -> Subscription: ...
    @property
    def healthy(self) -> bool: ...


class _Fanout:
    """Local delivery to subscriptions, shared by both buses."""

    def __init__(self) -> None:
        self.index: defaultdict[str, set[Subscription]] = defaultdict(set)

    def subscribe(self, *channels: str) -> Subscription:
        sub = Subscription(self, set())
        for ch in channels:
            sub.add(ch)
        return sub

    def deliver(self, channel: str, event: dict[str, Any]) -> None:
        for sub in list(self.index.get(channel, ())):
            try:
                sub.queue.put_nowait(event)
            except asyncio.QueueFull:
                log.warning("subscriber_overflow channel=%s", channel)

    def deliver_all(self, event: dict[str, Any]) -> None:
        subs = {s for group in self.index.values() for s in group}
        for sub in subs:
            with contextlib.suppress(asyncio.QueueFull):
                sub.queue.put_nowait(event)


class LocalBus(_Fanout):
    """In-process fan-out (one server process)."""

    healthy = True

    async def start(self) -> None:
        return None

    async def close(self) -> None:
        return None

    async def publish(self, channel: str, event: dict[str, Any]) -> None:
        self.deliver(channel, event)


class RedisBus(_Fanout):
    """Redis pub/sub fan-out across processes, reconnecting with backoff when Redis goes away.

    One pattern subscription per process; events published here come back through Redis to local
    subscribers like everyone else's (one path, one ordering).
    """

    def __init__(self, url: str) -> None:
        super().__init__()
        self.url = url
        self.origin = f"{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self._client: Any = None
        self._task: asyncio.Task[None] | None = None
        self._connected = asyncio.Event()
        self.healthy = False

    async def start(self) -> None:
        import redis.asyncio as redis

        self._client = redis.from_url(self.url, socket_connect_timeout=2, health_check_interval=10,
                                      client_name=f"shopbot-bus-{os.getpid()}")
        self._task = asyncio.create_task(self._listen(), name="redis-bus")
        try:
            await asyncio.wait_for(self._connected.wait(), timeout=5)
        except TimeoutError:
            log.warning("redis_unavailable url=%s (will keep retrying)", self.url)

    async def close(self) -> None:
        if self._task:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._task
        if self._client is not None:
            await self._client.aclose()

    async def publish(self, channel: str, event: dict[str, Any]) -> None:
        data = json.dumps(event, default=str)
        for attempt in range(2):
            try:
                await self._client.publish(PREFIX + channel, data)
                return
            except Exception as e:  # noqa: BLE001 - any Redis failure: retry once, then log
                if attempt:
                    log.warning("redis_publish_failed channel=%s error=%s", channel, type(e).__name__)
                await asyncio.sleep(0.05)

    async def _listen(self) -> None:
        delay, first = 0.1, True
        while True:
            pubsub = self._client.pubsub()
            try:
                await pubsub.psubscribe(PREFIX + "*")
                self.healthy = True
                self._connected.set()
                if not first:
                    log.info("redis_reconnected url=%s", self.url)
                    self.deliver_all(RESYNC)
                first, delay = False, 0.1
                async for msg in pubsub.listen():
                    if msg.get("type") != "pmessage":
                        continue
                    channel = msg["channel"].decode() if isinstance(msg["channel"], bytes) else msg["channel"]
                    self.deliver(channel.removeprefix(PREFIX), json.loads(msg["data"]))
            except asyncio.CancelledError:
                raise
            except Exception as e:  # noqa: BLE001 - connection lost: back off and resubscribe
                if self.healthy:
                    log.warning("redis_disconnected error=%s", type(e).__name__)
                self.healthy = False
                first = False if self._connected.is_set() else first
                await asyncio.sleep(delay)
                delay = min(delay * 2, 2.0)
            finally:
                with contextlib.suppress(Exception):
                    await pubsub.aclose()


def make_bus(redis_url: str | None) -> LocalBus | RedisBus:
    return RedisBus(redis_url) if redis_url else LocalBus()
