"""The agent socket ``/ws/agent``: queue, conversation snapshots, live turns and agent actions.

Agents authenticate with a bearer token from ``Settings.agent_tokens`` (query ``?token=`` or a first
``auth`` frame); customer resume tokens are a different secret and never open this socket.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
from typing import Any

from fastapi import WebSocket

from bot.dialogue.ports import BotReply, DialogueState, TurnAnnotation
from bot.server import protocol as p
from bot.server.agent_view import entry, queue_item, shown_cards, snapshot, summary_event
from bot.server.chat import shown_agent
from bot.server.hub import QUEUE_CHANNEL, Hub, conv_channel
from bot.server.limits import TokenBucket, check_text
from bot.server.socket import Socket
from bot.store.conversations import OutMessage, StoredMessage

log = logging.getLogger(__name__)
QUEUE_DEBOUNCE_S = 0.05

# frame type -> (handoff kind, new owner, conversation status, customer-facing status)
OWNERSHIP = {
    "take_over": ("take_over", "agent", "open", "agent_joined"),
    "hand_back": ("hand_back", "bot", "open", "agent_left"),
    "resolve": ("resolve", "bot", "resolved", "resolved"),
}


def agent_name(tokens: list[str], token: str | None) -> str | None:
    """The agent a bearer token belongs to (``agent<n>`` by position), compared in constant time."""
    if not token:
        return None
    found = None
    for i, t in enumerate(tokens):
        if hmac.compare_digest(t.encode(), token.encode()):
            found = f"agent{i + 1}"
    return found


class AgentConnection(Socket):
    endpoint = "agent"

    def __init__(self, ws: WebSocket, hub: Hub) -> None:
        super().__init__(ws, hub)
        lim = hub.settings.limits
        self.bucket = TokenBucket(lim.rate_limit_per_s * 4, lim.rate_limit_burst * 4)
        self.agent: str | None = None
        self.current: str | None = None
        self.opened: set[str] = set()
        self.sub = hub.bus.subscribe()
        self.queue_wanted = False
        self._queue_task: asyncio.Task[None] | None = None
        self._pump_task: asyncio.Task[None] | None = None

    async def start(self) -> bool:
        token = self.ws.query_params.get("token")
        self.agent = agent_name(self.hub.settings.agent_tokens, token)
        if token and self.agent is None:
            await self.error(p.FrameError("unauthorized", "invalid agent token"))
            await self.close(4401)
            self.sub.close()
            return False
        if self.agent:
            await self.send(self.auth_ok())
        self._pump_task = asyncio.create_task(self._pump())
        return True

    def auth_ok(self) -> p.AuthOk:
        assert self.agent is not None
        return p.AuthOk(agent=self.agent, display_name=shown_agent(self.agent, self.hub.settings.agent_names))

    async def stop(self) -> None:
        if self._pump_task is not None:
            self._pump_task.cancel()
        self.sub.close()
        await self.close(4401 if self.agent is None else 1000)

    async def error(self, e: p.FrameError) -> None:
        await super().error(e)
        if e.code == "unauthorized":  # one chance per connection
            self.closed = True

    # ------------------------------------------------------------------ commands
    async def handle(self, raw: str) -> None:
        if not self.bucket.take():
            raise p.FrameError("rate_limited", "too many frames; slow down")
        f = p.parse_agent_frame(raw)
        if isinstance(f, p.Ping):
            return await self.send(p.Pong(nonce=f.nonce))
        if isinstance(f, p.Auth):
            self.agent = self.agent or agent_name(self.hub.settings.agent_tokens, f.token)
            if self.agent is None:
                raise p.FrameError("unauthorized", "invalid agent token")
            return await self.send(self.auth_ok())
        if self.agent is None:
            raise p.FrameError("unauthorized", "authenticate first: ?token= or an auth frame")
        if isinstance(f, p.SubscribeQueue):
            self.queue_wanted = True
            self.sub.add(QUEUE_CHANNEL)
            return await self.send_queue()
        if isinstance(f, p.Open):
            return await self.open(f.conversation_id)
        cid = f.conversation_id or self.current
        if cid is None:
            raise p.FrameError("invalid_frame", "open a conversation first or pass conversation_id")
        info = await self.hub.store.get(cid)
        if info is None:
            raise p.FrameError("not_found", "no such conversation", client_id=getattr(f, "client_id", None))
        if isinstance(f, p.Send):
            check_text(f.text, self.hub.settings.limits, f.client_id)
            if info.owner != "agent" or info.agent != self.agent:
                # the bot's, waiting for someone to take it, or another agent's: nobody talks over its owner
                raise p.FrameError("not_owner", "take the conversation over before sending",
                                   {"owner": info.owner, "agent": info.agent}, client_id=f.client_id)
            payload: dict[str, Any] = {"agent": self.agent}
            if f.products:
                payload["products"] = await self.pushed_cards(cid, f.products, f.client_id)
            stored, created = await self.hub.store.add_message(
                cid, OutMessage("agent", f.text, payload, f.client_id))
            await self.send(p.Accepted(client_id=f.client_id, seq=stored.seq, duplicate=not created))
            if created:
                await self.hub.publish_messages(cid, [stored])
            return None
        if isinstance(f, p.Relabel):
            if not await self.hub.store.add_label(cid, f.message_seq, agent=self.agent, intent=f.intent,
                                                  sentiment=f.sentiment):
                raise p.FrameError("not_found", "no customer message with that seq")
            return await self.send(p.Relabeled(conversation_id=cid, message_seq=f.message_seq))
        kind, owner, status, customer_status = OWNERSHIP[f.type]
        text = {"agent_joined": f"{self.agent} joined", "agent_left": "the assistant is back",
                "resolved": "conversation resolved"}[customer_status]
        stored_msg = await self.hub.store.change_owner(cid, kind=kind, owner=owner, conversation_status=status,
                                                       agent=self.agent, status=customer_status, text=text)
        assert stored_msg is not None
        self.hub.metrics.handoffs.labels(kind=kind, reason="agent").inc()
        log.info("ownership conversation=%s kind=%s agent=%s", cid, kind, self.agent)
        await self.hub.publish_messages(cid, [stored_msg])
        if (changed := await self.hub.store.get(cid)) is not None:
            await self.hub.publish(cid, await summary_event(self.hub, changed))
        await self.hub.queue_changed(cid)
        return None

    async def pushed_cards(self, cid: str, ids: list[str], client_id: str) -> list[dict[str, Any]]:
        """The cards an agent pushes: products the bot showed in this conversation (the panel's list)."""
        shown = shown_cards(await self.hub.store.messages_after(cid, 0))
        missing = [i for i in ids if i not in shown]
        if missing:
            raise p.FrameError("not_found", "only products shown in this conversation can be pushed",
                               {"product_ids": missing}, client_id)
        return [shown[i].model_dump(mode="json") for i in dict.fromkeys(ids)]

    async def open(self, cid: str) -> None:
        info = await self.hub.store.get(cid)
        if info is None:
            raise p.FrameError("not_found", "no such conversation")
        self.current = cid
        self.opened.add(cid)
        self.sub.add(conv_channel(cid))
        await self.send(await snapshot(self.hub, info))

    async def send_queue(self) -> None:
        rows = await self.hub.store.queue()
        await self.send(p.Queue(items=[queue_item(info, text) for info, text in rows]))

    # ------------------------------------------------------------------ live updates
    async def _pump(self) -> None:
        while True:
            ev = await self.sub.get()
            kind = ev.get("kind")
            if kind == "queue" or kind == "resync":
                self._schedule_queue()
            if kind == "resync":  # the bus was down: live updates may be missing, resend the snapshots
                for cid in list(self.opened):
                    if (info := await self.hub.store.get(cid)) is not None:
                        await self.send(await snapshot(self.hub, info))
            elif kind == "message":
                await self._message(StoredMessage.model_validate(ev["message"]), ev)
            elif kind == "summary":
                await self.send(p.Summary(conversation_id=self._cid(ev), summary=ev["summary"], owner=ev["owner"],
                                          agent=ev.get("agent"), status=ev["status"]))
            elif kind == "turn":
                await self.send(p.Turn(
                    conversation_id=self._cid(ev), seq=ev["seq"], risk=ev["risk"], owner=ev["owner"],
                    annotation=TurnAnnotation.model_validate(ev["annotation"]) if ev.get("annotation") else None,
                    suggested_replies=[BotReply.model_validate(r) for r in ev["suggested_replies"]],
                    sentiment_trend=ev["sentiment_trend"], handoff=ev.get("handoff"), summary=ev.get("summary"),
                    state=DialogueState.model_validate(ev["state"]) if ev.get("state") else None))

    def _cid(self, ev: dict[str, Any]) -> str:
        return str(ev.get("conversation_id") or self.current)

    async def _message(self, m: StoredMessage, ev: dict[str, Any]) -> None:
        await self.send(p.TranscriptUpdate(conversation_id=self._cid(ev), message=entry(m)))

    def _schedule_queue(self) -> None:
        if self.queue_wanted and (self._queue_task is None or self._queue_task.done()):
            self._queue_task = asyncio.create_task(self._debounced_queue())

    async def _debounced_queue(self) -> None:
        await asyncio.sleep(QUEUE_DEBOUNCE_S)
        await self.send_queue()


async def agent_endpoint(ws: WebSocket) -> None:
    """``/ws/agent``: one agent connection."""
    await AgentConnection(ws, ws.app.state.hub).run()
