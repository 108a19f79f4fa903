"""build_dialogue with the real trained models (slow; needs the intent model and index from settings).

Point ``SHOPBOT_MODEL_DIR`` / ``SHOPBOT_INDEX_DIR`` at trained folders (``shopbot train-intents``,
``shopbot build-index``) or train them into the cache first.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.dialogue import build_dialogue
from bot.dialogue.ports import DialogueState
from bot.settings import Settings
from bot.store.db import make_engine, make_sessionmaker

SETTINGS = Settings()
READY = (Path(SETTINGS.model_dir) / "config.json").exists() and Path(SETTINGS.index_dir).exists()  # type: ignore[arg-type]


@pytest.mark.slow
@pytest.mark.skipif(not READY, reason="no trained intent model / index at the settings paths")
async def test_real_models_answer_an_order_and_a_product_question(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite+aiosqlite:///{tmp_path / 'shop.db'}")
    sessions = make_sessionmaker(engine)
    settings = SETTINGS.model_copy(update={"database_url": f"sqlite+aiosqlite:///{tmp_path / 'shop.db'}"})
    manager = await build_dialogue(settings, sessions)
    try:
        order = await manager.deps.orders.get("1042")
        state = DialogueState(customer_id=order.customer_id)
        result = await manager.respond(state, "Where is my order #1042?")
        assert order.tracking_number in " ".join(r.text for r in result.replies)
        assert {"understand", "total"} <= set(result.annotation.latency_ms)
        for text in ("¿Tienen chaquetas impermeables?", "这个多少钱？", "I want to talk to a person"):
            result = await manager.respond(result.state, text)
            assert result.replies or result.state.owner == "agent"
    finally:
        await manager.aclose()
        await engine.dispose()
