from __future__ import annotations

import asyncio
import json
from pathlib import Path

from sqlalchemy import select

import bot.dialogue
from bot.evaluation.pipeline import model_cache_dir, pipeline_provider
from bot.settings import Settings
from bot.store.shop import OrderRow


def test_replay_pipeline_runs_on_a_throwaway_copy_of_the_shop(tmp_path, monkeypatch):
    store = tmp_path / "store"
    store.mkdir()
    (store / "orders.jsonl").write_text(json.dumps({"id": "1042", "status": "processing", "email": "a@example.com"}) + "\n")
    (store / "products.jsonl").write_text(json.dumps({"id": "P1", "title": "Tent", "price": 99.0}) + "\n")
    real_db = tmp_path / "real.db"
    settings = Settings(cache_dir=tmp_path / "cache", store_dir=store, database_url=f"sqlite+aiosqlite:///{real_db}")
    seen = {}

    def fake_build(s: Settings, sessions):
        seen["settings"] = s
        seen["sessions"] = sessions
        return object()

    monkeypatch.setattr(bot.dialogue, "build_dialogue", fake_build, raising=False)

    async def use() -> None:
        async with pipeline_provider(settings, tmp_path / "baseline-model")() as dialogue:
            assert dialogue is not None
            async with seen["sessions"].begin() as s:
                order = await s.scalar(select(OrderRow).where(OrderRow.id == "1042"))
                order.status = "cancelled"  # what a replayed cancellation does
            seen["db"] = Path(seen["settings"].database_url.split(":///", 1)[1])
            assert seen["db"].exists()

    asyncio.run(use())
    assert seen["settings"].model_dir == tmp_path / "baseline-model"
    # derived artifacts (ONNX export, catalogue vectors) go to a per-model folder, not the server's
    assert seen["settings"].cache_dir == model_cache_dir(settings, tmp_path / "baseline-model")
    assert seen["settings"].cache_dir.parent == tmp_path / "cache" / "evaluation"
    assert model_cache_dir(settings, tmp_path / "other-model") != seen["settings"].cache_dir
    assert seen["settings"].store_dir == store
    assert seen["db"] != real_db and not seen["db"].exists()  # temporary, removed afterwards
    assert not real_db.exists()  # the real shop database was never opened
