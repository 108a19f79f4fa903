"""What the agent panel sees: escalation risk for the queue, the conversation snapshot, a summary."""

from __future__ import annotations

import contextlib
import logging
from collections import Counter
from datetime import UTC, datetime
from typing import Any

from bot.dialogue.ports import BotReply, DialogueState, Handoff, ProductCard, TurnAnnotation
from bot.server import protocol as p
from bot.settings import Settings
from bot.store.conversations import ConversationInfo, StoredMessage

log = logging.getLogger(__name__)


def escalation_risk(state: DialogueState, annotation: TurnAnnotation | None, handoff: Handoff | None,
                    settings: Settings) -> float:
    """0..1: how urgently a human should look at the conversation.

    A pending handoff dominates; otherwise the recent negative sentiment (the same window the
    dialogue escalates on), repeated failures and out-of-scope turns add up.
    """
    if handoff is not None or (state.owner == "agent" and not state.resolved):
        return 1.0
    window = state.sentiments[-settings.dialogue.negative_trend_turns:]
    negative = max(0.0, -sum(window) / len(window)) if window else 0.0
    failures = min(state.failures / max(settings.dialogue.failure_limit, 1), 1.0)
    oos = 0.5 if annotation is not None and annotation.out_of_scope else 0.0
    return round(min(0.99, 0.6 * negative + 0.3 * failures + 0.1 * oos + 0.05 * min(state.oos_count, 2)), 4)


def current_language(info: ConversationInfo) -> str:
    """The language the conversation is in now: the dialogue's, which follows what the customer writes;
    the column keeps the one their first ``hello`` gave (the browser's), which may not be it any more."""
    return str(info.state.get("language") or info.language)


def summarize(info: ConversationInfo, annotations: dict[int, dict[str, Any]], state: DialogueState) -> str:
    """A short, deterministic summary: intents so far, the focus, the mood and any handoff."""
    intents = Counter(a.get("intent", "?") for _, a in sorted(annotations.items()) if not a.get("out_of_scope"))
    parts = [f"{len(annotations)} customer turn(s) in {current_language(info)}"]
    if intents:
        parts.append("topics: " + ", ".join(i for i, _ in intents.most_common(3)))
    if state.focus_order:
        parts.append(f"order {state.focus_order}" + (" (verified)" if state.order_verified else ""))
    if state.pending and state.pending.get("intent") != "handoff_offer":
        parts.append(f"open: {state.pending.get('intent')} awaiting {state.pending.get('stage')}")
    if state.sentiments:
        recent = state.sentiments[-3:]
        mood = sum(recent) / len(recent)
        parts.append("mood " + ("negative" if mood < -0.2 else "positive" if mood > 0.2 else "neutral"))
    if info.handoff_reason:
        parts.append(f"handoff: {info.handoff_reason}")
    if info.status == "resolved":
        parts.append("resolved")
    elif info.owner == "agent":
        parts.append(f"owned by {info.agent}" if info.agent else "waiting for an agent")
    else:
        parts.append("with the bot")
    return "; ".join(parts) + "."


def conversation_state(info: ConversationInfo) -> DialogueState:
    """The stored dialogue state with the owner column, which is authoritative (agents change it)."""
    return DialogueState.model_validate({**info.state, "owner": info.owner})


async def summary_event(hub: Any, info: ConversationInfo) -> dict[str, Any]:
    """The bus event an ownership change publishes, so every desk following the conversation shows
    the new owner in its summary at once instead of at the customer's next turn."""
    summary = summarize(info, await hub.store.annotations(info.id), conversation_state(info))
    return {"kind": "summary", "summary": summary, "owner": info.owner, "agent": info.agent, "status": info.status}


def iso(at: datetime) -> str:
    """ISO 8601 with the offset: times are stored in UTC, but SQLite hands them back naive, and a naive
    time is read as the agent's local time by the desk (hours off outside UTC)."""
    return (at if at.tzinfo else at.replace(tzinfo=UTC)).isoformat()


def entry(m: StoredMessage) -> p.TranscriptEntry:
    return p.TranscriptEntry(seq=m.seq, role=m.role, text=m.text, client_id=m.client_id, in_reply_to=m.in_reply_to,
                             payload=m.payload, at=iso(m.created_at) if m.created_at else None)


def queue_item(info: ConversationInfo, last_text: str) -> p.QueueItem:
    return p.QueueItem(conversation_id=info.id, customer_id=info.customer_id, language=current_language(info),
                       owner=info.owner, agent=info.agent, risk=info.risk, handoff_reason=info.handoff_reason,
                       last_text=last_text[:200], sentiment_trend=list(info.state.get("sentiments", []))[-10:],
                       updated_at=iso(info.updated_at))


def shown_cards(messages: list[StoredMessage]) -> dict[str, ProductCard]:
    """The product cards the bot showed in a conversation, newest first, by product id."""
    products: dict[str, ProductCard] = {}
    for m in reversed(messages):
        for card in (m.payload.get("reply") or {}).get("products", []) if m.role == "bot" else []:
            products.setdefault(card["product_id"], ProductCard.model_validate(card))
    return products


async def snapshot(hub: Any, info: ConversationInfo) -> p.Conversation:
    """Everything the panel shows for one conversation."""
    messages = await hub.store.messages_after(info.id, 0)
    annotations = await hub.store.annotations(info.id)
    state = conversation_state(info)
    products = shown_cards(messages)
    customer, orders = None, []
    if hub.directory is not None and info.customer_id:
        with contextlib.suppress(Exception):
            customer = await hub.directory.profile(info.customer_id)
            orders = await hub.directory.orders(info.customer_id)
    return p.Conversation(
        conversation_id=info.id, customer_id=info.customer_id, language=current_language(info), owner=info.owner,
        agent=info.agent, status=info.status, risk=info.risk, transcript=[entry(m) for m in messages],
        annotations={seq: TurnAnnotation.model_validate(a) for seq, a in annotations.items()},
        sentiment_trend=state.sentiments[-20:], state=state,
        suggested_replies=[BotReply.model_validate(r) for r in info.suggestions][:3],
        products=list(products.values())[:5], customer=customer, orders=orders,
        handoffs=await hub.store.handoffs(info.id), summary=summarize(info, annotations, state))
