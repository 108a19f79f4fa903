"""Faults under load, through the load generator (``bench.load``) against real server processes:
SIGKILL mid-conversation and restart, PostgreSQL restart, Redis restart. Each must end with every
turn answered once and nothing lost, duplicated or out of sequence. Plus the model raising inside the
micro-batched forward: the customer gets the graceful reply and the offer of a person.

The load runs use the scripted dialogue (the server's contract; ``bench.load.run`` runs the same
faults with the real models). The PostgreSQL/Redis ones restart the machine's services.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import Live, make_settings, start_thread_server
from test_services import REDIS, pg_database  # noqa: F401 - fixture

from bench.load.run import Report, run_scenario
from bench.load.server import Server
from bot.server.client import ChatClient


async def load_with_fault(tmp_path: Path, fault: str, env: dict[str, str], *, conversations: int = 24,
                          turns: int = 12, after: float = 0.3) -> Report:
    """The fault strikes once ``after`` of the turns are done: mid-load however fast the machine is (a fixed 2 s
    came after the last turn on a fast machine, and the test then checked nothing)."""
    server = Server({"SHOPBOT_SERVER__TURN_LEASE_S": "1.0", "SHOPBOT_LIMITS__RATE_LIMIT_PER_S": "1000",
                     "SHOPBOT_LIMITS__RATE_LIMIT_BURST": "1000", **env}, tmp_path / "server.log", fake=True)
    server.start(timeout_s=120)
    try:
        r = await run_scenario(server, "fake", "load", conversations, turns, seed=9, timeout_s=60, fault=fault,
                               fault_after=after)
    finally:
        server.stop()
    assert r.fault_at_turn is not None and r.fault_at_turn < r.turns_planned, r  # it struck mid-load
    return r


def assert_clean(r: Report) -> None:
    assert r.turns_answered + r.handoffs == r.turns_planned, r
    assert (r.failed_turns, r.lost, r.duplicated, r.gaps, r.unverified) == (0, 0, 0, 0, 0), r


@pytest.mark.slow
async def test_sigkill_under_load_then_restart_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    r = await load_with_fault(tmp_path, "kill", {"SHOPBOT_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'k.db'}"})
    assert_clean(r)
    assert r.reconnects > 0  # the clients really lost their sockets and resumed


@pytest.mark.slow
@pytest.mark.services
@pytest.mark.skipif(shutil.which("pg_ctlcluster") is None, reason="needs the machine's PostgreSQL cluster")
async def test_postgres_restart_under_load_is_survived(tmp_path: Path, pg_database: str) -> None:  # noqa: F811
    r = await load_with_fault(tmp_path, "postgres", {"SHOPBOT_DATABASE_URL": pg_database})
    assert_clean(r)


@pytest.mark.slow
@pytest.mark.services
@pytest.mark.skipif(shutil.which("redis-server") is None, reason="needs the machine's Redis")
async def test_redis_restart_under_load_is_survived(tmp_path: Path, pg_database: str) -> None:  # noqa: F811
    r = await load_with_fault(tmp_path, "redis", {"SHOPBOT_DATABASE_URL": pg_database, "SHOPBOT_REDIS_URL": REDIS})
    assert_clean(r)


# ----------------------------------------------------------------------------- the model raising
class ExplodingPredictor:
    """A predictor whose batched forward raises for turns containing 'boom' (and its batch-mates)."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner

    def predict_many(self, texts: list[str], langs: list[str | None]) -> list[Any]:
        if any("boom" in t for t in texts):
            raise RuntimeError("CUDA out of memory (simulated)")
        return [self.inner.predict([t], fallback_language=lang)[0] for t, lang in zip(texts, langs, strict=True)]

    def predict(self, texts: list[str], *, fallback_language: str | None = None) -> list[Any]:
        return self.predict_many(texts, [fallback_language] * len(texts))


async def build_exploding_dialogue(settings: Any, sessions: Any) -> Any:
    from dialogue_wiring import build_dialogue

    from bot.dialogue.batching import BatchedUnderstander

    manager = await build_dialogue(settings, sessions)
    manager.deps.understander = BatchedUnderstander(ExplodingPredictor(manager.deps.understander), max_batch=8,
                                                    wait_s=0.002)
    return manager


async def test_model_raising_in_a_batched_forward_gets_a_graceful_reply_and_a_person(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, server={"dialogue_factory": "test_faults:build_exploding_dialogue",
                                               "turn_lease_s": 1.0})
    live: Live = start_thread_server(settings, real=True)
    try:
        assert live.hub.dialogue is not None, live.hub.dialogue_error
        async with ChatClient(live.chat_url, language="es") as c:
            await c.until("bot_message")
            [reply] = await c.say("boom, ¿dónde está mi pedido?")
            assert reply["reply"]["kind"] == "error" and "persona" in reply["reply"]["text"]  # handed to a person
            [status] = [f for f in c.transcript() if f["type"] == "status"] or [await c.until("status")]
            assert status["status"] == "waiting_for_agent" and status["reason"] == "model_error"
        async with ChatClient(live.chat_url, language="es") as other:  # the batcher and the server carry on
            await other.until("bot_message")
            after = await other.say("hola")
            assert after and after[0]["reply"]["kind"] != "error"
    finally:
        live.stop()


async def test_a_turn_cut_by_a_database_error_is_answered_once_the_database_is_back(live: Live) -> None:
    """The customer message is stored, then storing the reply fails (database restarting): the server
    answers the turn by itself after the lease, without a reconnect or a resend, exactly once."""
    from sqlalchemy.exc import OperationalError

    store = live.hub.store
    real_record = store.record_turn
    calls = 0

    async def flaky(*args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        calls += 1
        if calls <= 2:  # the turn and the first retry fail
            raise OperationalError("UPDATE", {}, Exception("the database system is shutting down"))
        return await real_record(*args, **kwargs)

    async with ChatClient(live.chat_url) as c:
        await c.until("bot_message")
        store.record_turn = flaky  # type: ignore[method-assign]
        cid = await c.send("during the restart")
        seq = (await c.until("accepted", client_id=cid))["seq"]
        assert (await c.until("error"))["code"] == "internal"
        reply = await c.until("bot_message", timeout=15)
        assert reply["in_reply_to"] == seq and reply["reply"]["text"] == "echo: during the restart"
        assert (await c.say("and after"))[0]["reply"]["text"] == "echo: and after"
        bots = [f for f in c.transcript() if f["type"] == "bot_message" and f.get("in_reply_to") == seq]
        assert len(bots) == 1 and c.duplicates == 0
