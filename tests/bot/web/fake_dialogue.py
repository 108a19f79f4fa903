"""A small rule-based ``Dialogue`` for the browser tests: fast and deterministic.

It answers order 1042 with a tracking number, "recommend"/"suggest" with three product cards from
the test store, "human"/"agent" with a hand-off, and echoes anything else verbatim (so unsafe text
comes back from the server too). The real trained stack is exercised by the dialogue and server tests.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

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

STORE_DIR = Path(__file__).resolve().parent / "store"
TRACKING = "1Z999AA10123456784"
NEGATIVE = re.compile(r"angry|terrible|awful|worst|useless", re.I)
HAN = re.compile(r"[\u3400-\u9fff]")
SPANISH = re.compile(r"[¿¡ñ]|\b(?:pedido|hola|dónde|recomiendas?)\b", re.I)


def _rows(name: str) -> list[dict]:
    with (STORE_DIR / name).open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


class FakeDirectory:
    """The shop's customers and orders for the agent panel (``bot.server.hub.CustomerDirectory``)."""

    async def profile(self, customer_id: str) -> dict | None:
        return next((c for c in _rows("customers.jsonl") if c["id"] == customer_id), None)

    async def orders(self, customer_id: str) -> list[dict]:
        return [o for o in _rows("orders.jsonl") if o.get("customer_id") == customer_id]


class FakeDialogue:
    """Implements ``bot.dialogue.ports.Dialogue`` with a handful of keyword rules."""

    def __init__(self) -> None:
        self.products = _rows("products.jsonl")
        self.directory = FakeDirectory()

    def _annotate(self, text: str, intent: str, confidence: float, language: str) -> TurnAnnotation:
        negative = bool(NEGATIVE.search(text))
        return TurnAnnotation(intent=intent, confidence=confidence, top_k=[(intent, confidence)],
                              sentiment="negative" if negative else "neutral",
                              sentiment_score=0.9 if negative else 0.6, language=language, handler=intent)

    def _cards(self, k: int = 3) -> list[ProductCard]:
        return [ProductCard(product_id=p["id"], title=p["title"], price=p["price"], currency=p["currency"],
                            image=f"/static/products/{p['category']}.svg", reason=f"Popular in {p['category']}")
                for p in self.products[:k]]

    async def respond(self, state: DialogueState, text: str) -> TurnResult:
        language = "zh" if HAN.search(text) else "es" if SPANISH.search(text) else "en"
        state = state.model_copy(deep=True)
        silent = state.owner == "agent"  # an agent already owns the chat when this turn arrives
        state.language = language
        lowered = text.lower()
        handoff = None
        zh, es = language == "zh", language == "es"
        if "1042" in text:
            intent, conf = "order_status", 0.97
            state.focus_order = "1042"
            reply = BotReply(
                text=(f"订单 1042 已由 UPS 发货，运单号 {TRACKING}。预计送达：2026-11-24。" if zh else
                      f"El pedido 1042 salió con UPS, número de seguimiento {TRACKING}." if es else
                      f"Order 1042 has shipped with UPS, tracking number {TRACKING}. Estimated delivery: 2026-11-24."),
                citations=[CitationOut(id="policy-shipping", title="配送说明" if zh else "Shipping & delivery",
                                       kind="policy", snippet="Orders ship within 2 business days; tracking is emailed.")],
                quick_replies=["退货", "转人工"] if zh else ["Return an item", "Talk to a person"])
        elif "recommend" in lowered or "suggest" in lowered or "推荐" in text:
            intent, conf = "recommendation", 0.91
            cards = self._cards()
            state.shown_products = [c.product_id for c in cards] + state.shown_products
            state.focus_products = [c.product_id for c in cards]
            state.extra["last_list"] = [c.product_id for c in cards]
            reply = BotReply(text="为您推荐几款热门商品：" if zh else "Here are a few ideas you might like:",
                             products=cards, kind="recommendation")
        elif "human" in lowered or "agent" in lowered:
            intent, conf = "human_agent", 0.95
            handoff = Handoff(reason="requested")
            state.owner = "agent"  # as the production manager does: waiting for whoever takes it over
            reply = BotReply(text="I'm connecting you with a member of our team.", kind="handoff")
        elif "order" in lowered:
            intent, conf = "order_status", 0.88
            reply = BotReply(text="Sure, what's your order number?", kind="clarify", quick_replies=["1042"])
        else:
            intent, conf = "out_of_scope", 0.31
            reply = BotReply(text=f"You said: {text}", kind="clarify")
        annotation = self._annotate(text, intent, conf, language)
        signed = -annotation.sentiment_score if annotation.sentiment == "negative" else 0.0
        state.sentiments = [*state.sentiments, signed]
        suggested = [BotReply(text=reply.text)] if reply.text else []
        if intent == "recommendation" or state.owner == "agent":
            suggested.append(BotReply(text="I've checked that for you. Anything else I can help with?"))
        replies = [] if silent else [reply]
        return TurnResult(state=state, replies=replies, annotation=annotation, handoff=handoff,
                          suggested_replies=suggested)

    async def on_event(self, state: DialogueState, event: CustomerEvent) -> TurnResult:
        state = state.model_copy(deep=True)
        state.clicked_products = [event.product_id, *state.clicked_products]
        return TurnResult(state=state, replies=[])

    async def greet(self, state: DialogueState) -> TurnResult:
        reply = BotReply(text="Hi! I can check orders, handle returns and suggest products. How can I help?",
                         kind="smalltalk", quick_replies=["Where is my order?", "Recommend a gift"])
        return TurnResult(state=state, replies=[reply])
