"""build_dialogue wiring: seeding, repositories, worker threads and the agent directory (stages faked)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from conftest import TINY_STORE, FakeRecommender, FakeRetriever, FakeUnderstander

from bot.dialogue import factory
from bot.dialogue.ports import DialogueState
from bot.settings import Settings
from bot.store.db import make_engine, make_sessionmaker


@pytest.fixture
async def sessions(tmp_path: Path):
    engine = make_engine(f"sqlite+aiosqlite:///{tmp_path / 'db.sqlite'}")
    yield make_sessionmaker(engine)
    await engine.dispose()


async def test_build_dialogue_wires_the_shop_and_runs_models_off_the_loop(
    sessions, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[str] = []
    understander = FakeUnderstander()
    original = understander.predict

    def predict(texts, **kwargs):
        threads.append(threading.current_thread().name)
        return original(texts, **kwargs)

    understander.predict = predict  # type: ignore[method-assign]
    monkeypatch.setattr(
        factory, "load_stages", lambda settings: (understander, FakeRetriever(), FakeRecommender())
    )
    settings = Settings(cache_dir=tmp_path, store_dir=TINY_STORE)
    manager = await factory.build_dialogue(settings, sessions)
    try:
        state = DialogueState(customer_id="C0001")
        result = await manager.respond(state, "where is my order 1042?")
        assert "1Z4F8E2A1234567890" in result.replies[0].text
        # the model ran off the event loop: on the micro-batcher's thread (or a model worker when unbatched)
        assert threads and threads[0] != "MainThread" and threads[0].startswith(("batcher-", "dialogue-model"))
        profile = await manager.directory.profile("C0001")
        assert profile["name"] == "Emma Smith" and profile["orders"] == 4
        orders = await manager.directory.orders("C0001")
        assert orders[0]["id"] == "1042" and orders[0]["tracking_number"] == "1Z4F8E2A1234567890"
        directory = await factory.build_customer_directory(settings, sessions)  # seeding again is a no-op
        assert await directory.profile("nobody") is None
    finally:
        await manager.aclose()
