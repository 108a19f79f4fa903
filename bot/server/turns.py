"""Running one customer turn: dialogue call, durable record, delivery. Shared by live messages,
resent messages and crash recovery, so each path answers a turn at most once.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any

from bot.dialogue.ports import BotReply, CustomerEvent, DialogueState, TurnResult
from bot.server.agent_view import conversation_state, escalation_risk, summarize
from bot.server.hub import Hub
from bot.store.conversations import OutMessage, RecordedTurn, StoredMessage

log = logging.getLogger(__name__)

Deliver = Callable[[StoredMessage], Awaitable[None]]

FALLBACK = {
    "en": "Sorry, something went wrong on my side. Could you try again, or shall I get you a person?",
    "zh": "抱歉，我这边出了点问题。请再试一次，或者需要我为您转接人工客服吗？",
    "es": "Lo siento, algo falló por mi parte. ¿Puedes intentarlo de nuevo o prefieres hablar con una persona?",
}
HUMAN = {"en": "Talk to a person", "zh": "转人工客服", "es": "Hablar con una persona"}


def fallback_result(state: DialogueState) -> TurnResult:
    """What the customer gets when the dialogue raises: an apology and the offer of a human."""
    lang = state.language if state.language in FALLBACK else "en"
    failed = state.model_copy(update={"failures": state.failures + 1})
    return TurnResult(state=failed, replies=[BotReply(text=FALLBACK[lang], kind="error", quick_replies=[HUMAN[lang]])])


def reply_messages(result: TurnResult, *, silent: bool) -> list[OutMessage]:
    """The messages a turn stores: bot replies (none while an agent owns it) and a handoff status."""
    lang = result.state.language
    out = [] if silent else [OutMessage("bot", r.text, {"reply": r.model_dump(mode="json"), "language": lang})
                             for r in result.replies]
    if result.handoff is not None:
        out.append(OutMessage("system", "", {"status": "waiting_for_agent", "owner": result.state.owner,
                                             "agent": None, "reason": result.handoff.reason}))
    return out


async def run_turn(hub: Hub, conversation_id: str, customer: StoredMessage | None, *, text: str | None = None,
                   event: CustomerEvent | None = None, deliver: Deliver | None = None,
                   typing: Callable[[], Awaitable[None]] | None = None,
                   started: float | None = None) -> list[StoredMessage]:
    """Answer one customer message (``customer`` None = greeting) and deliver the stored replies.

    ``deliver`` sends to the connection that asked; everything is also published for other
    connections and agents. Returns the replies (already-stored ones if another worker answered first).
    ``started`` (``time.perf_counter()``) is when the customer's frame arrived; the turn latency runs from it.
    """
    assert hub.dialogue is not None
    started = started if started is not None else time.perf_counter()
    seq = customer.seq if customer else 0
    async with hub.turn(conversation_id, seq):
        info = await hub.store.get(conversation_id)
        if info is None:
            return []
        state = conversation_state(info)
        silent = info.owner == "agent"
        if typing is not None and not silent:
            await typing()
        try:
            if customer is None:
                result = await hub.dialogue.greet(state)
            elif event is not None:
                result = await hub.dialogue.on_event(state, event)
            else:
                result = await hub.dialogue.respond(state, text if text is not None else customer.text)
        except Exception:
            log.exception("dialogue_error conversation=%s seq=%d", conversation_id, seq)
            hub.metrics.errors.labels(endpoint="dialogue", code="model_error").inc()
            result = fallback_result(state)
        ann = result.annotation.model_dump(mode="json") if result.annotation else None
        risk = escalation_risk(result.state, result.annotation, result.handoff, hub.settings)
        outgoing = reply_messages(result, silent=silent)
        stored_state = result.state.model_dump(mode="json")
        suggestions = [r.model_dump(mode="json") for r in result.suggested_replies]
        recorded = await hub.store.record_turn(
            conversation_id, customer.seq if customer else None, outgoing, state=stored_state, annotation=ann,
            handoff=(result.handoff.reason, result.handoff.detail) if result.handoff else None,
            suggestions=suggestions, risk=risk)
        if recorded is None:  # another worker answered this turn first
            return await _replay_answer(hub, conversation_id, seq, deliver)
    stored = recorded.messages
    if deliver is not None:  # the asking customer gets the replies as said; everyone else the stored copy
        for m, out in zip(stored, outgoing, strict=True):
            await deliver(m.model_copy(update={"text": out.text, "payload": out.payload}))
    await hub.publish_messages(conversation_id, stored)
    if customer is not None:
        await _after_turn(hub, seq, result, recorded, stored_state, suggestions, ann, risk, silent, started)
    return stored


async def _replay_answer(hub: Hub, conversation_id: str, seq: int, deliver: Deliver | None) -> list[StoredMessage]:
    replies = await hub.store.replies_to(conversation_id, seq)
    if deliver is not None:
        for m in replies:
            await deliver(m)
    return replies


async def _after_turn(hub: Hub, seq: int, result: TurnResult, recorded: RecordedTurn, state: dict[str, Any],
                      suggestions: list[dict[str, Any]], ann: dict[str, Any] | None, risk: float, silent: bool,
                      started: float) -> None:
    """Metrics, the agent panel's live ``turn`` event and the queue notice. The summary comes from what
    ``record_turn`` left in the database (owner column, annotations so far), not from another read."""
    conv = recorded.conversation
    m = hub.metrics
    m.turns.labels(owner="agent" if silent else "bot").inc()
    m.turn_latency.observe(time.perf_counter() - started)
    if result.annotation is not None:
        m.observe_stages(result.annotation.latency_ms)
    if result.handoff is not None:
        m.handoffs.labels(kind="escalation", reason=result.handoff.reason).inc()
    await hub.publish(conv.id, {
        "kind": "turn", "seq": seq, "annotation": ann, "risk": risk, "owner": result.state.owner,
        "suggested_replies": suggestions, "sentiment_trend": result.state.sentiments[-10:],
        "handoff": result.handoff.model_dump(mode="json") if result.handoff else None,
        "summary": summarize(conv, recorded.annotations, result.state), "state": {**state, "owner": conv.owner}})
    await hub.queue_changed(conv.id)
    log.info("turn conversation=%s seq=%d intent=%s handler=%s owner=%s risk=%.2f ms=%.1f", conv.id, seq,
             ann.get("intent") if ann else None, ann.get("handler") if ann else None, result.state.owner, risk,
             (time.perf_counter() - started) * 1000)
