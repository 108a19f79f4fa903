"""The customer socket ``/ws/chat``: hello/resume, sequenced delivery, idempotent messages.

Transport only: every customer message is stored (and acknowledged with ``accepted``) before the
dialogue sees it; replies are stored before they are sent; a resumed connection replays exactly the
stored messages after the client's ``last_seq``.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

from fastapi import WebSocket

from bot.dialogue.ports import BotReply, CustomerEvent, DialogueState, ProductCard
from bot.server import protocol as p
from bot.server.agent_view import current_language, iso
from bot.server.hub import Hub, conv_channel
from bot.server.limits import TokenBucket, check_text
from bot.server.socket import Socket
from bot.server.turns import run_turn
from bot.store.conversations import ConversationInfo, OutMessage, StoredMessage

log = logging.getLogger(__name__)
LANGUAGES = ("en", "zh", "es")


def shown_agent(login: str | None, agent_names: dict[str, str]) -> str | None:
    """The name a customer sees for an agent: the configured display name (``SHOPBOT_AGENT_NAMES``), else
    None, which the widget shows as a neutral, localised 'support agent'. Never the login itself."""
    return agent_names.get(login) if login else None


def customer_frame(m: StoredMessage, agent_names: dict[str, str]) -> p.Frame:
    """The frame a customer receives for one stored message."""
    pl, at = m.payload, iso(m.created_at) if m.created_at else None
    if m.role == "bot":
        return p.BotMessage(seq=m.seq, reply=BotReply.model_validate(pl["reply"]), in_reply_to=m.in_reply_to,
                            language=pl.get("language"), at=at)
    if m.role == "agent":
        return p.AgentMessage(seq=m.seq, text=m.text, agent=shown_agent(pl.get("agent"), agent_names),
                              products=[ProductCard.model_validate(c) for c in pl.get("products") or []], at=at)
    if m.role == "system":
        return p.Status(seq=m.seq, status=pl["status"], owner=pl.get("owner", "bot"),
                        agent=shown_agent(pl.get("agent"), agent_names),
                        reason=pl.get("reason") or "", at=at)
    ev = pl.get("event")
    return p.CustomerMessage(seq=m.seq, client_id=m.client_id, text=m.text,
                             event=CustomerEvent.model_validate(ev) if ev else None, at=at)


class ChatConnection(Socket):
    endpoint = "chat"

    def __init__(self, ws: WebSocket, hub: Hub) -> None:
        super().__init__(ws, hub)
        lim = hub.settings.limits
        self.bucket = TokenBucket(lim.rate_limit_per_s, lim.rate_limit_burst)
        self.frames = TokenBucket(lim.rate_limit_per_s * 10, lim.rate_limit_burst * 10)
        self.conv: ConversationInfo | None = None
        self.delivered: set[int] = set()
        self.base_seq = 0
        self._tasks: list[asyncio.Task[Any]] = []
        self._sub: Any = None
        self._caught_up = asyncio.Event()  # the pump waits for the replay, so seqs go out in order

    async def deliver(self, m: StoredMessage) -> None:
        if m.seq in self.delivered:
            return
        self.delivered.add(m.seq)
        await self.send(customer_frame(m, self.hub.settings.agent_names))

    async def stop(self) -> None:
        if self._sub is not None:
            self._sub.close()
        for t in self._tasks:
            t.cancel()

    async def handle(self, raw: str) -> None:
        if not self.frames.take():
            raise p.FrameError("rate_limited", "too many frames; slow down")
        frame = p.parse_chat_frame(raw)
        if isinstance(frame, p.Ping):
            return await self.send(p.Pong(nonce=frame.nonce))
        if self.hub.shutting_down:
            await self.send(p.Reconnect(reason="shutdown", after_ms=500))
            raise p.FrameError("shutting_down", "the server is restarting; reconnect",
                               client_id=getattr(frame, "client_id", None))
        if isinstance(frame, p.Hello):
            return await self.hello(frame)
        if self.conv is None:
            raise p.FrameError("hello_required", "send hello first", client_id=getattr(frame, "client_id", None))
        if isinstance(frame, p.Ack):
            self.hub.ack(self.conv.id, min(frame.seq, max(self.delivered, default=0)))
            return None
        if isinstance(frame, p.Message):
            check_text(frame.text, self.hub.settings.limits, frame.client_id)
            return await self.customer_message(frame.client_id, frame.text, None)
        if isinstance(frame, p.Event):
            return await self.customer_message(frame.client_id, "", frame.event)
        if isinstance(frame, p.FeedbackFrame):
            return await self.hub.store.add_feedback(self.conv.id, frame.seq, frame.rating, frame.comment)
        return None

    # ------------------------------------------------------------------ hello / resume
    async def hello(self, f: p.Hello) -> None:
        if f.protocol != p.PROTOCOL_VERSION:
            raise p.FrameError("unsupported_protocol", f"this server speaks protocol {p.PROTOCOL_VERSION}",
                               {"supported": [p.PROTOCOL_VERSION]})
        if self.hub.dialogue is None:
            raise p.FrameError("unavailable", "the assistant is not ready", self.hub.dialogue_error)
        if not self.bucket.take():
            raise p.FrameError("rate_limited", "too many messages; slow down")
        if self.conv is not None:
            raise p.FrameError("invalid_frame", "hello was already sent on this connection")
        token: str | None = None
        if f.conversation_id and f.resume_token:
            conv = await self.hub.store.authenticate(f.conversation_id, f.resume_token)
            if conv is None:
                raise p.FrameError("invalid_resume_token", "unknown conversation or wrong resume token; "
                                   "send hello without them to start a new conversation")
            last_seq = f.last_seq if f.last_seq is not None else conv.acked_seq
        else:
            lang = f.language if f.language in LANGUAGES else "en"
            state = DialogueState(language=lang, customer_id=f.customer_id)
            conv, token = await self.hub.store.create(customer_id=f.customer_id, language=lang,
                                                      state=state.model_dump(mode="json"))
            last_seq = 0
        self.conv, self.base_seq = conv, last_seq
        self._sub = self.hub.bus.subscribe(conv_channel(conv.id))
        self._tasks.append(asyncio.create_task(self._pump(), name=f"chat-pump-{conv.id[:8]}"))
        await self.send(p.Welcome(conversation_id=conv.id, resume_token=token, resumed=token is None,
                                  last_seq=conv.last_seq, owner=conv.owner, conversation_status=conv.status,
                                  language=current_language(conv)))
        log.info("hello conversation=%s resumed=%s last_seq=%d", conv.id, token is None, last_seq)
        if token is not None:
            self._caught_up.set()
            await run_turn(self.hub, conv.id, None, deliver=self.deliver)
            return
        await self.catch_up()
        self._caught_up.set()
        await self.recover()

    async def catch_up(self) -> None:
        assert self.conv is not None
        for m in await self.hub.store.messages_after(self.conv.id, self.base_seq):
            await self.deliver(m)

    async def recover(self) -> None:
        """Answer customer turns a crashed or disconnected worker accepted but never answered."""
        assert self.conv is not None
        for m in await self.hub.store.pending_turns(self.conv.id):
            if (self.conv.id, m.seq) in self.hub.inflight:
                continue  # still running in this process; its replies arrive through the bus
            if await self.hub.store.claim_turn(self.conv.id, m.seq):
                ev = m.payload.get("event")
                await run_turn(self.hub, self.conv.id, m, event=CustomerEvent.model_validate(ev) if ev else None,
                               deliver=self.deliver, typing=self._typing)
            else:  # another worker holds the lease: look again when it expires
                self._tasks.append(asyncio.create_task(self._recover_later()))

    async def _recover_later(self, attempts: int = 8) -> None:
        """After the lease: answer what is still pending; retried with backoff while the database is down."""
        delay = self.hub.settings.server.turn_lease_s + 0.1
        for _ in range(attempts):
            await asyncio.sleep(delay)
            if self.closed or self.hub.shutting_down:
                return
            try:
                async with self.hub.working():
                    await self.recover()
                return
            except Exception as e:  # noqa: BLE001 - e.g. the database restarting: try again later
                log.warning("recover_failed conversation=%s error=%s", self.conv.id if self.conv else None,
                            type(e).__name__)
                delay = min(delay * 2, 10.0)

    # ------------------------------------------------------------------ customer turns
    async def customer_message(self, client_id: str, text: str, event: CustomerEvent | None) -> None:
        assert self.conv is not None
        started = time.perf_counter()
        if not self.bucket.take():
            raise p.FrameError("rate_limited", "too many messages; slow down", client_id=client_id)
        payload = {"event": event.model_dump(mode="json")} if event else {}
        stored, created = await self.hub.store.add_message(
            self.conv.id, OutMessage("customer", text, payload, client_id), pending=True)
        self.delivered.add(stored.seq)
        await self.send(p.Accepted(client_id=client_id, seq=stored.seq, duplicate=not created,
                                   at=iso(stored.created_at) if stored.created_at else None))
        if created:
            await self.hub.publish_messages(self.conv.id, [stored])
        elif stored.answered or (self.conv.id, stored.seq) in self.hub.inflight:
            for m in await self.hub.store.replies_to(self.conv.id, stored.seq):
                await self.deliver(m)
            return
        elif not await self.hub.store.claim_turn(self.conv.id, stored.seq):
            self._tasks.append(asyncio.create_task(self._recover_later()))
            return
        try:
            await run_turn(self.hub, self.conv.id, stored, text=text, event=event, deliver=self.deliver,
                           typing=self._typing, started=started)
        except Exception:
            # stored but not answered (the database went away mid-turn): answer it once it is back, without
            # waiting for the customer to reconnect; the error frame tells the client what happened
            self._tasks.append(asyncio.create_task(self._recover_later()))
            raise

    async def _typing(self) -> None:
        await self.send(p.Typing(on=True, actor="bot"))

    # ------------------------------------------------------------------ background
    async def _pump(self) -> None:
        await self._caught_up.wait()
        while True:
            ev = await self._sub.get()
            kind = ev.get("kind")
            if kind == "message":
                if ev["message"]["seq"] not in self.delivered:  # own turns were delivered directly
                    await self.deliver(StoredMessage.model_validate(ev["message"]))
            elif kind == "resync":
                await self.catch_up()
            elif kind == "erased":
                await self.error(p.FrameError("erased", "this conversation was erased"))
                await self.close(1000)
                return

async def chat_endpoint(ws: WebSocket) -> None:
    """``/ws/chat``: one customer connection."""
    await ChatConnection(ws, ws.app.state.hub).run()
