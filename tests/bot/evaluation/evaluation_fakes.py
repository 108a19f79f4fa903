"""Fakes for evaluation tests: a table-driven Understander and a tiny Dialogue around it.

(A uniquely named module, not conftest, so test files can import it: tests/ has no packages.)
"""

from __future__ import annotations

from contextlib import asynccontextmanager

from bot.dialogue.ports import BotReply, CitationOut, DialogueState, Handoff, ProductCard, TurnAnnotation, TurnResult
from bot.evaluation.logs import Gold, Turn
from intents.types import OUT_OF_SCOPE, Prediction


class TableUnderstander:
    """Predicts from a {text: (intent, confidence, sentiment)} table; unknown text -> greeting, 0.9."""

    def __init__(self, table: dict[str, tuple[str, float, str]]):
        self.table = dict(table)  # tests may edit their copy

    def predict(self, texts: list[str], *, fallback_language: str | None = None) -> list[Prediction]:
        out = []
        for t in texts:
            intent, conf, sent = self.table.get(t, ("greeting", 0.9, "neutral"))
            out.append(Prediction(text=t, intent=intent, confidence=conf, top_k=((intent, conf),),
                                  out_of_scope=intent == OUT_OF_SCOPE, sentiment=sent, sentiment_score=conf,
                                  language=fallback_language or "en"))
        return out


class FakeDialogue:
    """Hands off on talk_to_human, retrieves from a table, shows cards on recommend_product."""

    def __init__(self, understander: TableUnderstander, retrieved: dict[str, list[str]] | None = None,
                 cards: dict[str, list[str]] | None = None):
        self.u, self.retrieved, self.cards = understander, retrieved or {}, cards or {}

    async def respond(self, state: DialogueState, text: str) -> TurnResult:
        [p] = self.u.predict([text], fallback_language=state.language)
        state = state.model_copy(deep=True)
        handoff = Handoff(reason="requested") if p.intent == "talk_to_human" and state.owner == "bot" else None
        if handoff:
            state.owner = "agent"
        docs = self.retrieved.get(text, [])
        reply = BotReply(text=f"re: {text}", citations=[CitationOut(id=d, title=d, kind="faq") for d in docs],
                         products=[ProductCard(product_id=c, title=c, price=1.0, currency="USD", image="", reason="")
                                   for c in self.cards.get(text, [])])
        ann = TurnAnnotation(intent=p.intent, confidence=p.confidence, out_of_scope=p.out_of_scope,
                             sentiment=p.sentiment, language=p.language, retrieved=docs,
                             latency_ms={"understand": 2.0, "retrieve": 5.0})
        return TurnResult(state=state, replies=[reply], annotation=ann, handoff=handoff)


def provider(dialogue):
    @asynccontextmanager
    async def provide():
        yield dialogue

    return provide


def cust(text: str, **gold) -> Turn:
    return Turn(role="customer", text=text, gold=Gold(**gold) if gold else None)

GOOD = {
    "where is my order": ("order_status", 0.95, "neutral"),
    "shipping cost?": ("shipping_options", 0.8, "neutral"),
    "quiero hablar con una persona": ("talk_to_human", 0.9, "negative"),
    "推荐一双鞋": ("product_question", 0.4, "neutral"),
    "天气怎么样": (OUT_OF_SCOPE, 0.3, "neutral"),
}
BAD = {**GOOD, "where is my order": ("talk_to_human", 0.6, "negative"), "shipping cost?": ("greeting", 0.7, "neutral")}
