"""The contract between the conversation server (bot.server) and the dialogue manager (bot.dialogue).

The server owns transport, persistence and fan-out; the dialogue manager owns what the bot says.
For each customer message the server loads the conversation's ``DialogueState`` (stored as JSON
with the conversation, so it survives reconnects and restarts), calls ``Dialogue.respond`` and
stores the returned state, replies and annotation before acknowledging.

The stages the dialogue manager depends on are Protocols so tests can hand it fakes.
"""

from __future__ import annotations

from typing import Any, Literal, Protocol

from pydantic import BaseModel, Field

from intents.types import Prediction
from retrieval.types import Answer, Suggestion


# ----------------------------------------------------------------------------- stages
class Understander(Protocol):
    def predict(self, texts: list[str], *, fallback_language: str | None = None) -> list[Prediction]: ...


class Retriever(Protocol):
    def answer(
        self,
        query: str,
        *,
        language: str,
        kinds: tuple[str, ...] = ("faq", "policy", "product"),
        filters: dict[str, Any] | None = None,
    ) -> Answer: ...


class RecommendationRequest(BaseModel):
    """What the customer asked for plus who they are."""

    query: str = ""
    category: str | None = None
    max_price: float | None = None
    min_price: float | None = None
    size: str | None = None
    colour: str | None = None
    attributes: dict[str, Any] = Field(default_factory=dict)
    customer_id: str | None = None
    history: list[str] = Field(default_factory=list, description="product ids, oldest first")
    exclude: list[str] = Field(default_factory=list)
    k: int = 4
    language: str = "en"


class Recommender(Protocol):
    def recommend(self, request: RecommendationRequest) -> list[Suggestion]: ...


# ----------------------------------------------------------------------------- data exchanged
class CitationOut(BaseModel):
    id: str
    title: str
    kind: str
    snippet: str = ""


class ProductCard(BaseModel):
    product_id: str
    title: str
    price: float
    currency: str
    image: str
    reason: str


class BotReply(BaseModel):
    """One bot message to the customer."""

    text: str
    citations: list[CitationOut] = Field(default_factory=list)
    products: list[ProductCard] = Field(default_factory=list)
    quick_replies: list[str] = Field(default_factory=list)
    kind: Literal["answer", "clarify", "confirm", "handoff", "smalltalk", "error", "recommendation"] = (
        "answer"
    )


class TurnAnnotation(BaseModel):
    """The bot's reading of a customer turn, shown to agents and logged for evaluation."""

    intent: str
    confidence: float
    top_k: list[tuple[str, float]] = Field(default_factory=list)
    out_of_scope: bool = False
    sentiment: str = "neutral"
    sentiment_score: float = 0.0
    language: str = "en"
    entities: list[dict[str, Any]] = Field(default_factory=list)
    handler: str = ""
    retrieved: list[str] = Field(default_factory=list, description="source ids used")
    latency_ms: dict[str, float] = Field(default_factory=dict, description="per stage")


class Handoff(BaseModel):
    reason: Literal[
        "requested", "negative_trend", "repeated_failures", "out_of_scope", "model_error", "policy"
    ]
    detail: str = ""


class DialogueState(BaseModel):
    """Everything the dialogue manager remembers about a conversation (JSON-serialisable)."""

    language: str = "en"
    customer_id: str | None = None
    owner: Literal["bot", "agent"] = "bot"
    focus_order: str | None = None
    order_verified: bool = False
    focus_products: list[str] = Field(default_factory=list, description="shown/discussed, most recent first")
    focus_at: float | None = None
    pending: dict[str, Any] | None = Field(None, description="open request: slot filling or confirmation")
    failures: int = 0
    oos_count: int = 0
    sentiments: list[float] = Field(default_factory=list, description="signed sentiment per turn, -1..1")
    shown_products: list[str] = Field(default_factory=list)
    clicked_products: list[str] = Field(default_factory=list)
    resolved: bool = False
    extra: dict[str, Any] = Field(default_factory=dict)


class TurnResult(BaseModel):
    state: DialogueState
    replies: list[BotReply]
    annotation: TurnAnnotation | None = None
    handoff: Handoff | None = None
    suggested_replies: list[BotReply] = Field(default_factory=list, description="for the agent panel")


class CustomerEvent(BaseModel):
    """A widget event: product card viewed / clicked / added to cart."""

    type: Literal["product_click", "add_to_cart", "product_view"]
    product_id: str


class Dialogue(Protocol):
    async def respond(self, state: DialogueState, text: str) -> TurnResult:
        """Handle a customer message. While ``state.owner == 'agent'`` return no replies, only the
        annotation and suggested replies for the agent."""
        ...

    async def on_event(self, state: DialogueState, event: CustomerEvent) -> TurnResult: ...

    async def greet(self, state: DialogueState) -> TurnResult: ...
