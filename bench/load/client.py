"""One simulated customer for the load generator: scripted turns over ``/ws/chat``, timed, checked.

Built on :class:`bot.server.client.ChatClient` (resume token + last seq, resend of unaccepted messages,
de-duplication by seq). Per turn it records the client round trip (send -> first bot reply to that
message). A dropped socket (server killed) is reconnected with backoff and the turn goes on; a
retryable error (``internal`` while the database restarts, ``rate_limited``, ``shutting_down``) is
answered by resending the same ``client_id``, so nothing is lost or answered twice. At the end
:func:`verify` replays the whole conversation from seq 0 on a fresh socket and compares it with what
arrived live: lost = stored but never delivered live, duplicated = delivered live more than once.
"""

from __future__ import annotations

import asyncio
import random
import time
from dataclasses import dataclass, field
from typing import Any

from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidStatus

from bot.server.client import ChatClient

RETRYABLE = {"internal", "rate_limited", "shutting_down", "unavailable"}
DISCONNECTS = (ConnectionClosed, InvalidHandshake, InvalidStatus, OSError, RuntimeError)


@dataclass
class TurnRecord:
    conversation: int
    seq: int
    rtt_ms: float
    reconnected: bool


@dataclass
class ConversationResult:
    turns: list[TurnRecord] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)  # error frames by code
    failed_turns: int = 0  # no reply within the timeout, even after retries
    handoffs: int = 0  # a person took over; the rest continues in a new conversation
    reconnects: int = 0
    retries: int = 0
    clients: list[ChatClient] = field(default_factory=list)


class Customer:
    def __init__(self, url: str, index: int, language: str, texts: list[str], *, timeout_s: float,
                 think_s: float = 0.0, seed: int = 0) -> None:
        self.url, self.index, self.language, self.texts, self.timeout_s = url, index, language, texts, timeout_s
        self.think_s = think_s  # mean pause before each message, uniform in [0.5, 1.5] x mean; 0 = back to back
        self.rng = random.Random(f"{seed}-{index}")
        self.result = ConversationResult()
        self.client = ChatClient(url, language=language)
        self.result.clients.append(self.client)
        self.handed_off = False  # a person owns the current conversation: the bot stays silent

    async def connect(self, deadline: float) -> None:
        backoff = 0.2
        while True:
            try:
                await self.client.connect()
                return
            except DISCONNECTS:
                if time.monotonic() > deadline:
                    raise
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 2.0)

    async def start(self) -> None:
        await self.connect(time.monotonic() + self.timeout_s)
        await self.wait_reply(None, time.monotonic() + self.timeout_s)  # the greeting

    async def run(self) -> ConversationResult:
        for text in self.texts:
            if self.think_s > 0:
                await asyncio.sleep(self.think_s * self.rng.uniform(0.5, 1.5))
            await self.turn(text)
        await asyncio.sleep(0.3)  # trailing replies (a turn may answer with several messages)
        await self.drain()
        return self.result

    async def drain(self) -> None:
        while True:
            try:
                await self.client.recv(timeout=0.2)
            except (TimeoutError, *DISCONNECTS):
                return

    async def new_conversation(self) -> None:
        """After a handoff the simulated customer starts over (a person would now answer, not the bot)."""
        self.client = ChatClient(self.url, language=self.language)
        self.result.clients.append(self.client)
        self.handed_off = False
        await self.start()

    async def turn(self, text: str) -> None:
        if self.handed_off:
            await self.new_conversation()
        deadline = time.monotonic() + self.timeout_s
        t0 = time.perf_counter()
        reconnected = False
        try:
            cid = await self.client.send(text)
        except DISCONNECTS:
            cid = next(reversed(self.client.outbox))  # queued; resent by connect()
        seq = await self.wait_accepted(cid, deadline)
        if seq is None:
            self.result.failed_turns += 1
            return
        reconnected = self.result.reconnects > 0
        status = await self.wait_reply(seq, deadline)
        if status == "reply":
            self.result.turns.append(TurnRecord(self.index, seq, (time.perf_counter() - t0) * 1000, reconnected))
        elif status == "handoff":
            self.result.handoffs += 1
        else:
            self.result.failed_turns += 1

    async def _next(self, deadline: float) -> dict[str, Any] | None:
        """The next frame; reconnects (resume + resend) when the socket drops. None at the deadline."""
        while time.monotonic() < deadline:
            try:
                frame = await self.client.recv(timeout=max(0.05, deadline - time.monotonic()))
                if frame["type"] == "status" and frame.get("status") == "waiting_for_agent":
                    self.handed_off = True
                return frame
            except TimeoutError:
                return None
            except DISCONNECTS:
                self.result.reconnects += 1
                await asyncio.sleep(0.2)
                try:
                    await self.connect(deadline)
                except DISCONNECTS:
                    return None
        return None

    def _error(self, frame: dict[str, Any]) -> bool:
        """Count an error frame; True when the pending message should be resent."""
        code = frame.get("code", "?")
        self.result.errors[code] = self.result.errors.get(code, 0) + 1
        return code in RETRYABLE

    async def wait_accepted(self, cid: str, deadline: float) -> int | None:
        while (frame := await self._next(deadline)) is not None:
            if frame["type"] == "accepted" and frame["client_id"] == cid:
                return int(frame["seq"])
            if frame["type"] == "error" and self._error(frame) and cid in self.client.outbox:
                self.result.retries += 1
                await asyncio.sleep(0.3)
                try:
                    await self.client.send(self.client.outbox[cid], client_id=cid)
                except DISCONNECTS:
                    pass
        return self.client.accepted.get(cid)

    async def wait_reply(self, seq: int | None, deadline: float) -> str:
        """'reply' (a bot message answering ``seq``; any bot message for the greeting), 'handoff', or 'timeout'."""
        if self.handed_off and seq is not None and not self._answered(seq):
            return "handoff"
        while (frame := await self._next(deadline)) is not None:
            kind = frame["type"]
            if kind == "bot_message" and (seq is None or frame.get("in_reply_to") == seq):
                return "reply"
            if self.handed_off and seq is not None:
                return "handoff"  # the turn was stored; a person will answer it
            if kind == "error":
                self._error(frame)
        # a reconnect may have replayed the reply before we looked for it
        return "reply" if seq is not None and self._answered(seq) else "timeout"

    def _answered(self, seq: int) -> bool:
        return any(f.get("type") == "bot_message" and f.get("in_reply_to") == seq for f in self.client.seen.values())


@dataclass
class Verification:
    stored: int = 0  # messages in the database (every conversation, replayed from seq 0)
    lost: int = 0  # stored but never delivered live
    duplicated: int = 0  # delivered live more than once
    gaps: int = 0  # holes in a conversation's sequence
    unverified: int = 0  # conversations whose replay failed


async def verify(url: str, clients: list[ChatClient], *, timeout_s: float = 20.0) -> Verification:
    """Replay every conversation from seq 0 and compare with what its client saw live."""
    out = Verification()
    for c in clients:
        out.duplicated += c.duplicates
        if not c.conversation_id:
            out.unverified += 1
            continue
        replay = ChatClient(url, auto_ack=False)
        replay.conversation_id, replay.resume_token, replay.last_seq = c.conversation_id, c.resume_token, 0
        try:
            welcome = await replay.connect()
            last = int(welcome["last_seq"])
            while len(replay.seen) < last:
                await replay.recv(timeout=timeout_s)
        except (TimeoutError, *DISCONNECTS):
            out.unverified += 1
            continue
        finally:
            await replay.close()
        stored = set(replay.seen)
        out.stored += len(stored)
        out.gaps += len(set(range(1, last + 1)) - stored)
        out.lost += len(stored - set(c.seen))
    return out
