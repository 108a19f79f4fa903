"""What a handler works with: the stages (``Deps``) and one customer turn in progress (``Turn``).

Model stages (understanding, retrieval, recommendation) are CPU work; ``Turn.call`` runs them on the
injected executor so the event loop keeps serving other sockets, and records each stage's latency.
"""

from __future__ import annotations

import asyncio
import functools
import time
from collections.abc import Awaitable, Callable
from concurrent.futures import Executor
from dataclasses import dataclass, field
from typing import Any, TypeVar

from bot.dialogue import lexicon
from bot.dialogue.messages import say
from bot.dialogue.ports import (
    BotReply,
    CitationOut,
    DialogueState,
    Handoff,
    Recommender,
    Retriever,
    TurnAnnotation,
    Understander,
)
from bot.settings import DialogueSettings
from bot.store.shop_repo import OrderRepository, ProductCatalog
from intents.types import Prediction
from retrieval.types import Answer, Citation

T = TypeVar("T")


@dataclass
class Deps:
    """The dialogue manager's collaborators, all behind Protocols."""

    understander: Understander
    retriever: Retriever
    recommender: Recommender
    orders: OrderRepository
    catalog: ProductCatalog
    settings: DialogueSettings = field(default_factory=DialogueSettings)
    executor: Executor | None = None
    clock: Callable[[], float] = time.time
    # starts encoding a turn's text as a retrieval query while its intent is classified (non-blocking; the
    # server's micro-batched embedder when idle, ``bot.dialogue.batching.BatchedEmbedder.prefetch``)
    prefetch: Callable[[str], object] | None = None


@dataclass
class Turn:
    """One customer turn being handled: handlers read ``pred`` and mutate ``state`` and ``replies``."""

    deps: Deps
    state: DialogueState
    text: str
    pred: Prediction
    lang: str
    annotation: TurnAnnotation
    replies: list[BotReply] = field(default_factory=list)
    handoff: Handoff | None = None
    routed: str = ""
    carried: dict[str, str] = field(default_factory=dict)  # order / email of an order request this turn abandoned

    @property
    def intent(self) -> str:
        """The intent being handled: the model's, or the one the context chose for an unsure turn."""
        return self.routed or self.pred.intent

    def entity(self, type_: str) -> str | None:
        e = self.pred.entity(type_)
        return e.value if e else None

    def order_number(self) -> str | None:
        """The order this turn names: the model's entity, else the lexicon's reading of the text."""
        return self.entity("order_number") or lexicon.find_order_number(self.text)

    async def call(self, stage: str, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run a blocking model call off the event loop, adding its time to ``latency_ms[stage]``."""
        return await timed_call(self.annotation, self.deps.executor, stage, fn, *args, **kwargs)

    async def timed(self, stage: str, awaitable: Any) -> Any:
        return await timed_await(self.annotation, stage, awaitable)

    def say(self, key: str, **facts: object) -> str:
        return say(key, self.lang, **facts)

    def reply(
        self, key: str, *, kind: str = "answer", quick: tuple[str, ...] = (), **facts: object
    ) -> BotReply:
        """Append a catalogue message; ``quick`` are catalogue keys of quick replies."""
        r = BotReply(text=self.say(key, **facts), kind=kind, quick_replies=[self.say(q) for q in quick])  # type: ignore[arg-type]
        self.replies.append(r)
        return r

    def confirm(self, key: str, **facts: object) -> BotReply:
        return self.reply(key, kind="confirm", quick=("yes", "no"), **facts)

    def offer_human(self, key: str, reason: str, **facts: object) -> BotReply:
        """Say ``key`` and offer a person; a "yes" to it hands off with ``reason``."""
        self.state.pending = {"intent": "handoff_offer", "stage": "offer", "reason": reason}
        return self.reply(key, kind="clarify", quick=("qr_human", "qr_no_thanks"), **facts)

    def escalate(self, reason: str, key: str = "handoff", detail: str = "") -> None:
        self.handoff = Handoff(reason=reason, detail=detail)  # type: ignore[arg-type]
        self.state.pending = None
        self.state.extra["handoff"] = reason
        self.reply(key, kind="handoff")

    def fail(self) -> None:
        self.state.failures += 1

    def grounded(self, answer: Answer) -> BotReply:
        r = BotReply(text=answer.text, citations=[citation_out(c) for c in answer.citations], kind="answer")
        self.replies.append(r)
        self.annotation.retrieved += [c.id for c in answer.citations]
        return r


Handler = Callable[[Turn], Awaitable[None]]  # a handler of the dialogue's table (``manager.HANDLERS``)


def citation_out(c: Citation) -> CitationOut:
    return CitationOut(id=c.id, title=c.title, kind=c.kind, snippet=c.snippet)


def _add_latency(annotation: TurnAnnotation, stage: str, start: float) -> None:
    ms = (time.perf_counter() - start) * 1000
    annotation.latency_ms[stage] = round(annotation.latency_ms.get(stage, 0.0) + ms, 3)


async def timed_await(annotation: TurnAnnotation, stage: str, awaitable: Awaitable[T]) -> T:
    start = time.perf_counter()
    try:
        return await awaitable
    finally:
        _add_latency(annotation, stage, start)


async def timed_call(
    annotation: TurnAnnotation,
    executor: Executor | None,
    stage: str,
    fn: Callable[..., T],
    *args: Any,
    **kwargs: Any,
) -> T:
    start = time.perf_counter()
    try:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(executor, functools.partial(fn, *args, **kwargs))
    finally:
        _add_latency(annotation, stage, start)
