"""What retrieval and recommendation return."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Hit:
    """One retrieved document. ``kind`` is ``faq``, ``policy`` or ``product``."""

    id: str
    kind: str
    title: str
    score: float
    text: str = ""
    metadata: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Citation:
    """A source the widget shows under an answer."""

    id: str
    title: str
    kind: str
    snippet: str = ""


@dataclass(frozen=True)
class Answer:
    """A grounded answer: ``text`` is taken from the cited sources. When ``abstained`` is true the
    text is empty and the caller should say it does not know and offer a human."""

    text: str
    citations: tuple[Citation, ...]
    abstained: bool
    confidence: float
    hits: tuple[Hit, ...] = ()


@dataclass(frozen=True)
class Suggestion:
    """A product card for the chat."""

    product_id: str
    title: str
    price: float
    currency: str
    image: str
    reason: str
    score: float
