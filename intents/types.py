"""What the understanding stage returns for one customer turn."""

from __future__ import annotations

from dataclasses import dataclass, field

SENTIMENTS = ("negative", "neutral", "positive")
OUT_OF_SCOPE = "out_of_scope"


@dataclass(frozen=True)
class Entity:
    """A span of the text: ``type`` is one of order_number, email, phone, tracking_number, amount,
    price_range, size, colour. ``value`` is normalised (e.g. colour in English, amount as a number string)."""

    type: str
    value: str
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Prediction:
    """Intent, sentiment, language and entities of one utterance."""

    text: str
    intent: str
    confidence: float
    top_k: tuple[tuple[str, float], ...]
    out_of_scope: bool
    sentiment: str
    sentiment_score: float
    language: str
    entities: tuple[Entity, ...] = field(default_factory=tuple)

    def entity(self, type_: str) -> Entity | None:
        """First entity of a type, or None."""
        return next((e for e in self.entities if e.type == type_), None)
