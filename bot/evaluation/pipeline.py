"""The real pipeline for offline replay: the server's dialogue manager on a throwaway shop database.

Order actions in replayed conversations (cancel, change address, return) must never touch the real
shop, so every pipeline gets a temporary SQLite database seeded from ``settings.store_dir``. The
dialogue manager itself is built exactly as the server builds it (``bot.dialogue.build_dialogue``),
with ``model_dir`` swapped in for the regression gate's baseline. Replay feeds one turn at a time, so
the server's cross-conversation micro-batching (``settings.inference``) is switched off: it would only add
a thread hop per forward. Each model gets its own cache folder (``<cache>/evaluation/<key>``) for what the
factory derives from it (the ONNX export, catalogue vectors): evaluating a candidate next to the production
model must not overwrite the export the server loads, nor re-export on every run of the gate.
"""

from __future__ import annotations

import hashlib
import inspect
import logging
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from bot.dialogue.ports import Dialogue
from bot.evaluation.runner import DialogueProvider
from bot.settings import Settings

log = logging.getLogger(__name__)

SHOP_DB = "shop.db"
CACHE_SUBDIR = "evaluation"


def model_cache_dir(settings: Settings, model_dir: Path) -> Path:
    """The cache folder of one model's derived artifacts during evaluation."""
    key = hashlib.sha256(str(Path(model_dir).resolve()).encode()).hexdigest()[:12]
    return Path(settings.cache_dir) / CACHE_SUBDIR / key


def served_intents(settings: Settings, model_dir: Path | None = None) -> Any:
    """An ``IntentPredictor`` of ``model_dir`` (default ``settings.model_dir``) on the server's runtime
    (``settings.inference.backend``), its ONNX export kept where :func:`pipeline_provider` keeps it: what
    ``eval-intents --backend`` scores, so offline metrics describe the model the dialogue serves."""
    from bot.dialogue.factory import intent_model
    from intents.predictor import IntentPredictor

    model = Path(model_dir or settings.model_dir)  # type: ignore[arg-type]
    s = settings.model_copy(update={"model_dir": model, "cache_dir": model_cache_dir(settings, model)})
    return IntentPredictor(intent_model(s), threads=settings.inference.threads)


def pipeline_provider(settings: Settings, model_dir: Path | None = None) -> DialogueProvider:
    """A provider of the real dialogue manager using ``model_dir`` (default ``settings.model_dir``)."""

    @asynccontextmanager
    async def provide() -> AsyncIterator[Dialogue]:
        from bot.dialogue import build_dialogue
        from bot.store import models as _conversation_tables  # noqa: F401  (registers tables on Base)
        from bot.store.db import Base, make_engine, make_sessionmaker
        from bot.store.shop import seed_store

        with tempfile.TemporaryDirectory(prefix="shopbot-eval-") as tmp:
            url = f"sqlite+aiosqlite:///{Path(tmp) / SHOP_DB}"
            engine = make_engine(url)
            try:
                async with engine.begin() as conn:
                    await conn.run_sync(Base.metadata.create_all)
                sessions = make_sessionmaker(engine)
                counts = await seed_store(sessions, settings.store_dir)
                model = Path(model_dir or settings.model_dir)  # type: ignore[arg-type]
                update = {"database_url": url, "inference": settings.inference.model_copy(update={"max_batch": 1}),
                          "model_dir": model, "cache_dir": model_cache_dir(settings, model)}
                s = settings.model_copy(update=update)
                log.info("event=pipeline model_dir=%s store=%s seeded=%s", s.model_dir, s.store_dir, counts)
                dialogue = build_dialogue(s, sessions)
                if inspect.isawaitable(dialogue):
                    dialogue = await dialogue
                try:
                    yield dialogue
                finally:
                    aclose = getattr(dialogue, "aclose", None)
                    if aclose is not None:
                        await aclose()
            finally:
                await engine.dispose()

    return provide
