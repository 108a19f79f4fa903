"""A scripted Dialogue for the server tests (no models): the server's contract, not the bot's brain.

Keywords in the text pick the behaviour: ``human`` escalates, ``boom`` raises, ``slow`` sleeps,
``two`` answers twice; anything else is echoed with a citation and a product card.
"""

from __future__ import annotations

import asyncio
from typing import Any

from bot.dialogue.ports import (
    BotReply,
    CitationOut,
    CustomerEvent,
    DialogueState,
    Handoff,
    ProductCard,
    TurnAnnotation,
    TurnResult,
)


class FakeDialogue:
    def __init__(self, slow_s: float = 1.0) -> None:
        self.seen: list[str] = []
        self.slow_s = slow_s

    def _annotation(self, text: str, state: DialogueState) -> TurnAnnotation:
        negative = "angry" in text
        return TurnAnnotation(intent="order_status" if "order" in text else "faq", confidence=0.9,
                              sentiment="negative" if negative else "neutral",
                              sentiment_score=0.9 if negative else 0.1, language=state.language, handler="fake",
                              latency_ms={"encode": 1.5, "retrieve": 0.5})

    async def respond(self, state: DialogueState, text: str) -> TurnResult:
        self.seen.append(text)
        state = state.model_copy(deep=True)
        state.extra["turns"] = state.extra.get("turns", 0) + 1
        state.sentiments.append(-0.9 if "angry" in text else 0.1)
        ann = self._annotation(text, state)
        suggestions = [BotReply(text=f"suggested answer to: {text[:40]}")]
        if state.owner == "agent":
            return TurnResult(state=state, replies=[], annotation=ann, suggested_replies=suggestions)
        if "boom" in text:
            raise RuntimeError("model exploded")
        if "slow" in text:
            await asyncio.sleep(self.slow_s)
        if "human" in text:
            state.owner = "agent"
            return TurnResult(state=state, annotation=ann, handoff=Handoff(reason="requested", detail="asked"),
                              suggested_replies=suggestions,
                              replies=[BotReply(text="Connecting you to a person.", kind="handoff")])
        reply = BotReply(text=f"echo: {text}", citations=[CitationOut(id="faq-1", title="Shipping", kind="faq")],
                         products=[ProductCard(product_id="p1", title="Mug", price=9.5, currency="EUR",
                                               image="/static/p1.svg", reason="popular")])
        replies = [reply, BotReply(text="second reply")] if "two" in text else [reply]
        return TurnResult(state=state, replies=replies, annotation=ann, suggested_replies=suggestions)

    async def on_event(self, state: DialogueState, event: CustomerEvent) -> TurnResult:
        state = state.model_copy(deep=True)
        state.clicked_products.append(event.product_id)
        return TurnResult(state=state, replies=[BotReply(text=f"noted {event.type} {event.product_id}")])

    async def greet(self, state: DialogueState) -> TurnResult:
        return TurnResult(state=state, replies=[BotReply(text="Hello! How can I help?", kind="smalltalk")])


class FakeDirectory:
    async def profile(self, customer_id: str) -> dict[str, Any] | None:
        return {"id": customer_id, "name": "Ana"}

    async def orders(self, customer_id: str) -> list[dict[str, Any]]:
        return [{"id": "A1001", "status": "shipped"}]


def build_fake(settings: Any, sessions: Any) -> FakeDialogue:
    """Factory for server subprocesses (SHOPBOT_SERVER__DIALOGUE_FACTORY=server_fakes:build_fake)."""
    return FakeDialogue()
