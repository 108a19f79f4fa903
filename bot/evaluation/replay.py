"""Replay logged conversations through a ``Dialogue`` (the same dialogue manager the server uses).

Conversations are replayed one at a time, every customer turn in order, each conversation from a
fresh ``DialogueState``; bot and agent turns of the log are context only. What the bot did on each
turn (its annotation, replies, cards, handoff) is kept as a ``ReplayedTurn`` for the metrics.
"""

from __future__ import annotations

import logging
import sys
import time
from dataclasses import dataclass, field
from typing import Any

from bot.dialogue.ports import Dialogue, DialogueState
from bot.evaluation.logs import Conversation, Gold
from intents.types import OUT_OF_SCOPE

log = logging.getLogger(__name__)

TOTAL_STAGE = "total"


@dataclass(frozen=True)
class ReplayedTurn:
    """One customer turn of the log and what the current pipeline made of it."""

    conversation_id: str
    index: int
    text: str
    language: str
    gold: Gold | None
    intent: str | None
    confidence: float
    sentiment: str | None
    out_of_scope: bool
    retrieved: tuple[str, ...] = ()
    products: tuple[str, ...] = ()
    handoff: str | None = None
    reply: str = ""
    handler: str = ""
    latency_ms: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "conversation_id": self.conversation_id, "index": self.index, "text": self.text,
            "language": self.language, "gold": self.gold.model_dump(exclude_none=True) if self.gold else None,
            "intent": self.intent, "confidence": self.confidence, "sentiment": self.sentiment,
            "out_of_scope": self.out_of_scope, "retrieved": list(self.retrieved), "products": list(self.products),
            "handoff": self.handoff, "reply": self.reply, "handler": self.handler, "latency_ms": self.latency_ms,
        }


def _sources(retrieved: list[str], replies: list) -> tuple[str, ...]:
    """Source ids in rank order: what the annotation says was used, then any other cited ids."""
    ids = list(dict.fromkeys([*retrieved, *(c.id for r in replies for c in r.citations)]))
    return tuple(ids)


async def replay(conversations: list[Conversation], dialogue: Dialogue, *, progress: bool = True,
                 desc: str = "replay") -> list[ReplayedTurn]:
    """Feed every customer turn of every conversation to ``dialogue.respond``, in order."""
    from tqdm import tqdm

    n_turns = sum(1 for c in conversations for t in c.turns if t.role == "customer")
    out: list[ReplayedTurn] = []
    with tqdm(total=n_turns, desc=desc, unit="turn", file=sys.stderr, disable=not progress) as bar:
        for conv in conversations:
            state = DialogueState(language=conv.language, customer_id=conv.customer_id)
            for index, turn in conv.customer_turns():
                t0 = time.perf_counter()
                result = await dialogue.respond(state, turn.text)
                total_ms = (time.perf_counter() - t0) * 1000.0
                state = result.state
                ann = result.annotation
                latency = dict(ann.latency_ms) if ann else {}
                latency[TOTAL_STAGE] = total_ms
                out.append(ReplayedTurn(
                    conversation_id=conv.id, index=index, text=turn.text, language=conv.language, gold=turn.gold,
                    intent=(OUT_OF_SCOPE if ann.out_of_scope else ann.intent) if ann else None,
                    confidence=float(ann.confidence) if ann else 0.0,
                    sentiment=ann.sentiment if ann else None,
                    out_of_scope=bool(ann and (ann.out_of_scope or ann.intent == OUT_OF_SCOPE)),
                    retrieved=_sources(ann.retrieved if ann else [], result.replies),
                    products=tuple(p.product_id for r in result.replies for p in r.products),
                    handoff=result.handoff.reason if result.handoff else None,
                    reply=" ".join(r.text for r in result.replies),
                    handler=ann.handler if ann else "",
                    latency_ms=latency,
                ))
                bar.update(1)
    log.info("event=replay conversations=%d turns=%d", len(conversations), len(out))
    return out
