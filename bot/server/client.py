"""A small ``/ws/chat`` client: resume, acknowledgement, resend and de-duplication by seq.

Used by ``shopbot chat``, the tests and the load generator.

>>> async def demo():                                           # doctest: +SKIP
...     async with ChatClient("ws://127.0.0.1:8000/ws/chat") as c:
...         await c.say("where is my order?")
...         print(await c.replies_to_last())
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import uuid
from typing import Any, Self

import websockets

from bot.server.protocol import PROTOCOL_VERSION

SEQUENCED = {"bot_message", "agent_message", "customer_message", "status"}


class ChatClient:
    """One customer; survives reconnects (resume token + last seq) and resends unaccepted messages."""

    def __init__(self, url: str, *, language: str | None = None, customer_id: str | None = None,
                 auto_ack: bool = True) -> None:
        self.url, self.language, self.customer_id, self.auto_ack = url, language, customer_id, auto_ack
        self.ws: Any = None
        self.conversation_id: str | None = None
        self.resume_token: str | None = None
        self.last_seq = 0
        self.seen: dict[int, dict[str, Any]] = {}
        self.outbox: dict[str, str] = {}  # client_id -> text, until accepted
        self.accepted: dict[str, int] = {}
        self.duplicates = 0
        self.welcome: dict[str, Any] = {}
        self.inbox: asyncio.Queue[dict[str, Any]] = asyncio.Queue()

    async def __aenter__(self) -> Self:
        await self.connect()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def connect(self) -> dict[str, Any]:
        """Open the socket, say hello (resuming when possible), resend what was never accepted."""
        self.ws = await websockets.connect(self.url, max_size=2**22, open_timeout=10)
        hello: dict[str, Any] = {"type": "hello", "protocol": PROTOCOL_VERSION, "language": self.language,
                                 "customer_id": self.customer_id}
        if self.conversation_id and self.resume_token:
            hello.update(conversation_id=self.conversation_id, resume_token=self.resume_token,
                         last_seq=self.last_seq)
        await self.ws.send(json.dumps(hello))
        while True:
            frame = json.loads(await asyncio.wait_for(self.ws.recv(), timeout=30))
            if frame["type"] == "welcome":
                break
            if frame["type"] == "error":
                raise RuntimeError(f"hello refused: {frame}")
        self.welcome = frame
        self.conversation_id = frame["conversation_id"]
        self.resume_token = frame.get("resume_token") or self.resume_token
        for client_id, text in list(self.outbox.items()):
            await self.ws.send(json.dumps({"type": "message", "client_id": client_id, "text": text}))
        return frame

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()

    async def send(self, text: str, client_id: str | None = None) -> str:
        client_id = client_id or uuid.uuid4().hex
        self.outbox[client_id] = text
        await self.ws.send(json.dumps({"type": "message", "client_id": client_id, "text": text}))
        return client_id

    async def send_raw(self, data: str | bytes) -> None:
        await self.ws.send(data)

    async def recv(self, timeout: float = 10.0) -> dict[str, Any]:
        """The next frame that is not a duplicate of a sequenced one already seen (acked automatically)."""
        while True:
            frame = json.loads(await asyncio.wait_for(self.ws.recv(), timeout=timeout))
            kind, seq = frame.get("type"), frame.get("seq")
            if kind == "accepted":
                self.outbox.pop(frame["client_id"], None)
                self.accepted[frame["client_id"]] = seq
                self.last_seq = max(self.last_seq, seq)
                self.seen.setdefault(seq, {"type": "customer_message", "client_id": frame["client_id"], "seq": seq})
            elif kind in SEQUENCED:
                if seq in self.seen:
                    self.duplicates += 1
                    continue
                self.seen[seq] = frame
                self.last_seq = max(self.last_seq, seq)
                if self.auto_ack:  # best effort: a socket closed right after this frame must not lose it
                    with contextlib.suppress(websockets.ConnectionClosed):
                        await self.ws.send(json.dumps({"type": "ack", "seq": seq}))
            return frame

    async def until(self, kind: str, timeout: float = 10.0, **match: Any) -> dict[str, Any]:
        """Receive until a frame of ``kind`` (with the given field values) arrives."""
        loop = asyncio.get_running_loop()
        end = loop.time() + timeout
        while True:
            frame = await self.recv(timeout=max(0.01, end - loop.time()))
            if frame.get("type") == kind and all(frame.get(k) == v for k, v in match.items()):
                return frame

    async def say(self, text: str, timeout: float = 10.0, quiet: float = 0.15) -> list[dict[str, Any]]:
        """Send a message and collect the bot replies to it: the first within ``timeout``, then any
        that follow within ``quiet`` seconds. Other frames stay visible in :meth:`transcript`."""
        client_id = await self.send(text)
        seq = (await self.until("accepted", timeout=timeout, client_id=client_id))["seq"]
        replies: list[dict[str, Any]] = []
        wait = timeout
        while True:
            try:
                frame = await self.recv(timeout=wait)
            except TimeoutError:
                return replies
            if frame.get("type") == "bot_message" and frame.get("in_reply_to") == seq:
                replies.append(frame)
                wait = quiet

    def transcript(self) -> list[dict[str, Any]]:
        return [self.seen[s] for s in sorted(self.seen)]
