"""Build the real dialogue manager from settings: the one place that knows the model packages' APIs.

``build_dialogue(settings, session_factory)`` is what the server's lifespan (``bot.server.hub``) and
the offline evaluation call: it seeds the shop tables from ``settings.store_dir`` (idempotent), loads
the intent model, the retrieval index and the recommendation head off the event loop, and wires the
SQL order repository. ``build_customer_directory`` gives the agent panel the customer's profile and
orders as plain dicts.
"""

from __future__ import annotations

import asyncio
import functools
import hashlib
import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.ext.asyncio import async_sessionmaker

from bot.dialogue.manager import DialogueManager
from bot.dialogue.ports import Recommender, Retriever, Understander
from bot.dialogue.turn import Deps
from bot.settings import Settings
from bot.store.shop import PRODUCTS_FILE, read_store_config, seed_store
from bot.store.shop_repo import SqlCatalog, SqlCustomerDirectory, SqlOrderRepository
from common.onnx import INT8_GRAPHS

log = logging.getLogger(__name__)

EVENTS_FILE = "events.jsonl"
# SHOPBOT_INFERENCE__BACKEND -> graph of the intent model's ONNX export (intents.onnx.GRAPHS)
INTENT_BACKENDS = {"onnx": "fp32", **{f"onnx-{variant}": variant for variant in INT8_GRAPHS}}


def intent_model(settings: Settings) -> Any:
    """The intent model on the configured runtime (``settings.inference.backend``); torch if ONNX fails."""
    from intents.model import IntentModel

    model_dir = Path(settings.model_dir)  # type: ignore[arg-type]
    backend = settings.inference.backend
    if backend in INTENT_BACKENDS:
        from intents.onnx import OnnxIntentModel, ensure_export

        graph = INTENT_BACKENDS[backend]
        try:
            out = ensure_export(model_dir, Path(settings.cache_dir) / "models" / "intents-onnx", graph=graph)
            return OnnxIntentModel.load(model_dir, out, graph=graph, threads=settings.inference.threads)
        except Exception as e:  # noqa: BLE001 - serve with torch rather than not at all
            log.warning("event=onnx_unavailable backend=%s error=%s: %s fallback=torch", backend, type(e).__name__, e)
    elif backend != "torch":
        raise ValueError(f"unknown SHOPBOT_INFERENCE__BACKEND {backend!r} ({', '.join(INTENT_BACKENDS)}, torch)")
    return IntentModel.from_pretrained(model_dir)


def catalogue_cache(settings: Settings, products: Path, model_id: str) -> Path:
    """Where the recommender's product vectors are kept between starts: keyed by the catalogue file's bytes
    and the embedder, so a restart (or a crash recovery) does not re-embed every product."""
    key = hashlib.sha256(products.read_bytes() + model_id.encode()).hexdigest()[:16]
    return Path(settings.cache_dir) / "catalogue" / f"vectors-{key}.npy"


def load_stages(settings: Settings) -> tuple[Understander, Retriever, Recommender]:
    """Load the intent model, the grounded answerer and the recommendation head (blocking, CPU)."""
    from intents.predictor import IntentPredictor
    from retrieval.answer import GroundedAnswerer
    from retrieval.embedder import Runtime
    from retrieval.recommender.head import RecommendationHead

    assert settings.model_dir and settings.index_dir and settings.recommender_dir
    import torch

    inf = settings.inference
    torch.set_num_threads(inf.threads)
    understander = IntentPredictor(intent_model(settings), threads=inf.threads, batch_size=inf.forward_batch)
    runtime = Runtime(inf.embedder_backend, inf.threads, Path(settings.cache_dir) / "models" / "embedder-onnx",
                      batch_size=inf.forward_batch)
    second = None
    if inf.use_channel:
        from retrieval.use_channel import UseChannel

        second = UseChannel.load(threads=inf.threads)
    answerer = GroundedAnswerer.load(Path(settings.index_dir), runtime=runtime, second=second)
    store = Path(settings.store_dir)
    rec_dir = Path(settings.recommender_dir)
    embedder = answerer.index.embedder
    head = RecommendationHead.from_pretrained(
        rec_dir if rec_dir.exists() else None,
        products=store / PRODUCTS_FILE,
        embedder=embedder,
        events=store / EVENTS_FILE if (store / EVENTS_FILE).exists() else None,
        vector_cache=catalogue_cache(settings, store / PRODUCTS_FILE, embedder.model_id),
    )
    if not rec_dir.exists():
        log.warning("event=recommender_missing dir=%s fallback=text_only", rec_dir)
    return understander, answerer, head


@dataclass(frozen=True)
class BatchedStages:
    """What ``batch_stages`` wired: the understander to use, the dialogue executor's thread count (turns
    waiting for a batch each hold one) and the query prefetch of the batched embedder (None: off)."""

    understander: Understander
    threads: int
    prefetch: Callable[[str], object] | None = None


def batch_stages(
    settings: Settings, understander: Understander, retriever: Retriever, recommender: Recommender
) -> BatchedStages:
    """Micro-batch the encoder forwards of concurrent turns (``settings.inference``). ``max_batch`` 1 keeps one
    forward per turn on ``dialogue.model_threads`` threads."""
    from bot.dialogue.batching import BatchedEmbedder, BatchedUnderstander

    inf = settings.inference
    if inf.max_batch <= 1:
        return BatchedStages(understander, settings.dialogue.model_threads)
    import torch

    lock = threading.Semaphore(inf.concurrent_forwards)  # forwards of different models that may run at once
    wait_s = inf.batch_wait_ms / 1000
    init = functools.partial(torch.set_num_threads, inf.threads)  # in each batcher's worker thread
    batched = BatchedUnderstander(understander, max_batch=inf.max_batch, wait_s=wait_s, lock=lock, init=init)
    index = getattr(retriever, "index", None)
    prefetch = None
    if index is not None and getattr(index, "embedder", None) is not None:
        embedder = BatchedEmbedder(index.embedder, max_batch=inf.max_batch, wait_s=wait_s, lock=lock, init=init)
        index.embedder = embedder
        if getattr(recommender, "embedder", None) is not None:
            recommender.embedder = embedder  # type: ignore[attr-defined]
        prefetch = embedder.prefetch if inf.prefetch_queries else None
    return BatchedStages(batched, max(settings.dialogue.model_threads, 2 * inf.max_batch), prefetch)


class AgentDirectory:
    """The agent panel's customer card (``bot.server.hub.CustomerDirectory``) as JSON-ready dicts."""

    def __init__(self, directory: SqlCustomerDirectory) -> None:
        self.directory = directory

    async def profile(self, customer_id: str) -> dict[str, Any] | None:
        profile = await self.directory.profile(customer_id)
        if profile is None:
            return None
        data = profile.data or {}
        return {
            "id": profile.id,
            "name": profile.name,
            "email": profile.email,
            "language": profile.language,
            "phone": data.get("phone"),
            "since": data.get("created_at"),
            "orders": len(profile.orders),
        }

    async def orders(self, customer_id: str) -> list[dict[str, Any]]:
        return [asdict(o) for o in await self.directory.orders.orders_of(customer_id)]


def shop_repositories(
    settings: Settings, session_factory: async_sessionmaker
) -> tuple[SqlOrderRepository, SqlCatalog]:
    orders = SqlOrderRepository.from_store_config(
        session_factory, read_store_config(Path(settings.store_dir))
    )
    return orders, SqlCatalog(session_factory)


async def build_dialogue(settings: Settings, session_factory: async_sessionmaker) -> DialogueManager:
    """The production dialogue manager (models loaded in a worker thread; shop DB seeded once)."""
    counts = await seed_store(session_factory, Path(settings.store_dir))
    understander, retriever, recommender = await asyncio.to_thread(load_stages, settings)
    stages = batch_stages(settings, understander, retriever, recommender)
    orders, catalog = shop_repositories(settings, session_factory)
    executor = ThreadPoolExecutor(max_workers=stages.threads, thread_name_prefix="dialogue-model")
    manager = DialogueManager(
        Deps(
            stages.understander,
            retriever,
            recommender,
            orders,
            catalog,
            settings=settings.dialogue,
            executor=executor,
            prefetch=stages.prefetch,
        )
    )
    manager.directory = AgentDirectory(SqlCustomerDirectory(session_factory, orders))
    await warm_up(manager)
    log.info("event=dialogue_built store=%s seeded=%s", settings.store_dir, counts)
    return manager


# read-only turns through every model and the shop tables in the three languages
WARM_UP = ("hello", "how long does shipping take?", "can you recommend a rain jacket?", "¿cuánto tarda el envío?",
           "你们有雨衣吗？")


async def warm_up(manager: DialogueManager) -> None:
    """Answer a few scratch turns before the first customer: the first forward of each ONNX session, the first
    language detection and the first queries are several times slower than the next (the first turn of a fresh
    server took 103 ms against a p50 of 14 in bench.load). Nothing is stored; a failure only logs."""
    from bot.dialogue.ports import DialogueState

    start, state = time.perf_counter(), DialogueState()
    for text in WARM_UP:
        try:
            state = (await manager.respond(state, text)).state
        except Exception as e:  # noqa: BLE001 - a cold first turn is better than no server
            log.warning("event=warm_up_failed error=%s: %s", type(e).__name__, e)
            return
    log.info("event=warmed_up turns=%d ms=%.0f", len(WARM_UP), (time.perf_counter() - start) * 1000)


async def build_customer_directory(settings: Settings, session_factory: async_sessionmaker) -> AgentDirectory:
    """The agent panel's customer directory on the shop tables (seeds them if empty)."""
    await seed_store(session_factory, Path(settings.store_dir))
    orders, _ = shop_repositories(settings, session_factory)
    return AgentDirectory(SqlCustomerDirectory(session_factory, orders))
