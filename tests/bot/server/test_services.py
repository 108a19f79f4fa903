"""Two server processes on the machine's real PostgreSQL and Redis: an agent on process A follows and
takes over a chat served by process B; sequence numbers stay unique under concurrent writers."""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import start_process
from test_agent import Agent

from bot.server.client import ChatClient

PG = "postgres@127.0.0.1:5432"
REDIS = "redis://127.0.0.1:6379/0"
pytestmark = pytest.mark.services


def _services_or_skip() -> None:
    try:
        import psycopg2
        import redis

        psycopg2.connect(f"postgresql://{PG}/postgres", connect_timeout=3).close()
        redis.Redis.from_url(REDIS, socket_connect_timeout=3).ping()
    except Exception as e:  # noqa: BLE001
        pytest.skip(f"PostgreSQL ({PG}) or Redis ({REDIS}) unreachable: {type(e).__name__}: {e}")


@pytest.fixture
def pg_database() -> Iterator[str]:
    """A fresh PostgreSQL database for this test, dropped afterwards."""
    _services_or_skip()
    import psycopg2

    def admin(sql: str) -> None:  # a new connection each time: a test may restart PostgreSQL in between
        conn = psycopg2.connect(f"postgresql://{PG}/postgres")
        try:
            conn.autocommit = True
            conn.cursor().execute(sql)
        finally:
            conn.close()

    name = f"shopbot_test_{uuid.uuid4().hex[:10]}"
    admin(f"CREATE DATABASE {name}")
    try:
        yield f"postgresql+asyncpg://{PG}/{name}"
    finally:
        admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


async def test_agent_on_a_follows_chat_on_b(pg_database: str, tmp_path: Path) -> None:
    env = {"SHOPBOT_DATABASE_URL": pg_database, "SHOPBOT_REDIS_URL": REDIS}
    loop = asyncio.get_running_loop()
    # both start (and migrate) at the same time: the advisory lock serialises the migrations
    a, b = await asyncio.gather(loop.run_in_executor(None, start_process, env, tmp_path / "a.log"),
                                loop.run_in_executor(None, start_process, env, tmp_path / "b.log"))
    try:
        import websockets

        async with websockets.connect(a.agent_url()) as ws, ChatClient(b.chat_url, customer_id="C1001") as c:
            agent = Agent(ws)
            await agent.until("auth_ok")
            await agent.send(type="subscribe_queue")
            await c.until("bot_message")
            queue = await agent.until("queue")
            while c.conversation_id not in [i["conversation_id"] for i in queue["items"]]:
                queue = await agent.until("queue")
            await agent.send(type="open", conversation_id=c.conversation_id)
            assert (await agent.until("conversation"))["transcript"][0]["role"] == "bot"

            await c.say("where is my order")  # served by B, followed live on A
            msg = await agent.until("message")
            while msg["message"]["role"] != "customer":  # the greeting may still be on its way
                msg = await agent.until("message")
            assert msg["message"]["text"] == "where is my order"
            turn = await agent.until("turn")
            assert turn["annotation"]["intent"] == "order_status" and turn["conversation_id"] == c.conversation_id

            await agent.send(type="take_over")
            assert (await c.until("status"))["status"] == "agent_joined"
            await agent.send(type="send", client_id="a1", text="Agent here, from process A")
            got = await c.until("agent_message")
            assert got["text"] == "Agent here, from process A"
            assert await c.say("thanks", timeout=1.0) == []  # bot silent on B while A's agent owns it

            # concurrent writers on both processes: agent on A and customer on B
            async def agent_burst() -> None:
                for i in range(10):
                    await agent.send(type="send", client_id=f"burst{i}", text=f"agent {i}")
                    await asyncio.sleep(0.05)

            async def customer_burst() -> None:
                for i in range(5):
                    await c.send(f"customer {i}")
                    await asyncio.sleep(0.1)

            await asyncio.gather(agent_burst(), customer_burst())
            await asyncio.sleep(1.5)
            while True:
                try:
                    await c.recv(timeout=0.5)
                except TimeoutError:
                    break
            await agent.send(type="hand_back")
            assert (await c.until("status"))["status"] == "agent_left"
            assert (await c.say("bot again?"))[0]["reply"]["text"] == "echo: bot again?"
        seqs = sorted(c.seen)
        assert c.duplicates == 0 and seqs == list(range(1, len(seqs) + 1))
        agent_texts = [f["text"] for f in c.transcript() if f["type"] == "agent_message"]
        assert agent_texts == ["Agent here, from process A"] + [f"agent {i}" for i in range(10)]
    finally:
        a.terminate()
        b.terminate()


async def test_redis_restart_is_survived(pg_database: str, tmp_path: Path) -> None:
    """The bus reconnects on its own: simulate a Redis outage by killing the server's pub/sub client."""
    import redis

    env = {"SHOPBOT_DATABASE_URL": pg_database, "SHOPBOT_REDIS_URL": REDIS}
    a = start_process(env, tmp_path / "a.log")
    try:
        r = redis.Redis.from_url(REDIS)
        killed = 0
        for _ in range(100):  # the bus subscribes in the background; wait for it under load
            for client in r.client_list():
                if client.get("name") == f"shopbot-bus-{a.proc.pid}" and int(client.get("psub", 0)) > 0:
                    r.client_kill_filter(_id=client["id"])
                    killed += 1
            if killed:
                break
            await asyncio.sleep(0.1)
        assert killed >= 1
        import websockets

        async with websockets.connect(a.agent_url()) as ws, ChatClient(a.chat_url) as c:
            agent = Agent(ws)
            await agent.until("auth_ok")
            await agent.send(type="open", conversation_id=c.conversation_id)
            await agent.until("conversation")
            await asyncio.sleep(1.0)  # backoff + resubscribe
            await c.say("after the outage")
            msg = await agent.until("message", timeout=10)
            while msg["message"]["role"] != "customer":  # the greeting may still be on its way
                msg = await agent.until("message", timeout=10)
            assert json.dumps(msg).count("after the outage") == 1
    finally:
        a.terminate()


async def test_processes_starting_together_seed_the_shop_once(pg_database: str) -> None:
    """Several workers start at once (``shopbot serve --workers N``): one seeds the shop tables, the others wait
    and skip; none fails on a duplicate key (each seeder here has its own engine, as a process would)."""
    from sqlalchemy import func, select

    from bot.store.db import make_engine, make_sessionmaker
    from bot.store.shop import OrderRow, seed_store

    tiny_store = Path(__file__).resolve().parents[1] / "dialogue" / "data" / "tiny_store"
    engines = [make_engine(pg_database) for _ in range(4)]
    try:
        counts = await asyncio.gather(*(seed_store(make_sessionmaker(e), tiny_store) for e in engines))
        assert sorted(c["orders"] for c in counts) == [0, 0, 0, 8]
        async with make_sessionmaker(engines[0])() as session:
            assert (await session.execute(select(func.count()).select_from(OrderRow))).scalar_one() == 8
    finally:
        for e in engines:
            await e.dispose()


async def test_a_connection_postgres_closed_is_replaced_before_a_turn_uses_it(pg_database: str) -> None:
    """No ping per checkout (three round trips): a pooled connection whose backend PostgreSQL ended (as a restart
    does) is swapped at checkout, so the next read succeeds instead of failing a customer's turn."""
    import psycopg2
    from sqlalchemy import text

    from bot.store.database import open_database
    from bot.store.db import transactions

    db = await open_database(pg_database)
    tx = transactions(db.engine)
    try:
        def backend(c: Any) -> int:
            return c.execute(text("SELECT pg_backend_pid()")).scalar_one()

        before = await tx.read(backend)
        admin = psycopg2.connect(f"postgresql://{PG}/postgres")
        try:
            admin.autocommit = True
            admin.cursor().execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s",
                                   (pg_database.rsplit("/", 1)[1],))
        finally:
            admin.close()
        await asyncio.sleep(0.2)  # the loop reads the server's goodbye and marks the socket closed
        after = await tx.read(backend)
        assert after != before
    finally:
        await db.close()
