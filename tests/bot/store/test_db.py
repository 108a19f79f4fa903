"""The SQLite engine: statements run in the event loop thread by default (no aiosqlite thread hop),
errors still reach the caller, and concurrent transactions neither deadlock nor lose writes."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import pytest
from sqlalchemy import event, text
from sqlalchemy.exc import IntegrityError

from bot.store.conversations import ConversationStore, OutMessage
from bot.store.database import open_database


@pytest.mark.parametrize("inline", [True, False])
async def test_statements_run_in_the_loop_thread_only_when_inline(tmp_path: Path, inline: bool) -> None:
    db = await open_database(f"sqlite+aiosqlite:///{tmp_path / 'd.db'}", sqlite_inline=inline)
    # an SQL function that reports the thread SQLite runs it on
    event.listen(db.engine.sync_engine, "connect",
                 lambda dbapi_conn, _rec: dbapi_conn.create_function("tid", 0, threading.get_ident))
    await db.engine.dispose()  # the migration's pooled connection predates the function
    try:
        async with db.engine.connect() as c:
            tid = (await c.execute(text("SELECT tid()"))).scalar_one()
    finally:
        await db.engine.dispose()
    assert (tid == threading.get_ident()) is inline


async def test_inline_errors_reach_the_caller_and_the_connection_stays_usable(tmp_path: Path) -> None:
    db = await open_database(f"sqlite+aiosqlite:///{tmp_path / 'e.db'}")
    try:
        async with db.engine.begin() as c:
            await c.execute(text("CREATE TABLE t (id INTEGER PRIMARY KEY)"))
            await c.execute(text("INSERT INTO t VALUES (1)"))
        with pytest.raises(IntegrityError):
            async with db.engine.begin() as c:
                await c.execute(text("INSERT INTO t VALUES (2)"))
                await c.execute(text("INSERT INTO t VALUES (1)"))
        async with db.engine.connect() as c:  # the failed transaction was rolled back, nothing half-written
            assert (await c.execute(text("SELECT id FROM t ORDER BY id"))).scalars().all() == [1]
    finally:
        await db.engine.dispose()


@pytest.mark.parametrize("inline", [True, False])
async def test_many_concurrent_turns_on_many_conversations_all_land(tmp_path: Path, inline: bool) -> None:
    """Writers from many tasks at once (the server under load): every message stored once, in order; with the
    synchronous twin (inline) and through ``run_sync`` on the async engine (aiosqlite's thread)."""
    db = await open_database(f"sqlite+aiosqlite:///{tmp_path / 'f.db'}", sqlite_inline=inline)
    assert (db.twin is not None) is inline
    store = ConversationStore(db.sessions, redact_pii=False, lease_s=1.0)
    try:
        convs = [(await store.create(customer_id=f"c{i}", language="en", state={}))[0] for i in range(20)]

        async def talk(conv_id: str) -> None:
            for k in range(5):
                m, _ = await store.add_message(conv_id, OutMessage("customer", f"q{k}", {}, f"k{k}"), pending=True)
                await store.record_turn(conv_id, m.seq, [OutMessage("bot", f"a{k}", {})], state={"n": k},
                                        annotation=None, handoff=None, suggestions=[], risk=0.0)

        await asyncio.wait_for(asyncio.gather(*(talk(c.id) for c in convs)), timeout=60)
        for c in convs:
            texts = [m.text for m in await store.messages_after(c.id, 0)]
            assert texts == [t for k in range(5) for t in (f"q{k}", f"a{k}")]
    finally:
        await db.close()


async def test_turn_path_runs_on_the_twin_in_the_loop_thread(tmp_path: Path) -> None:
    db = await open_database(f"sqlite+aiosqlite:///{tmp_path / 'g.db'}")
    store = ConversationStore(db.sessions, redact_pii=False)
    threads: list[int] = []
    assert db.twin is not None and store.tx.twin is db.twin
    event.listen(db.twin, "before_cursor_execute", lambda *_a: threads.append(threading.get_ident()))
    try:
        conv, _ = await store.create(customer_id=None, language="en", state={})
        m, _ = await store.add_message(conv.id, OutMessage("customer", "hi", {}, "k1"), pending=True)
        rec = await store.record_turn(conv.id, m.seq, [OutMessage("bot", "hello", {})], state={"n": 1})
        assert rec is not None and [x.text for x in rec.messages] == ["hello"] and rec.conversation.last_seq == 2
        assert (await store.get(conv.id)).state == {"n": 1}
        assert len(threads) >= 6 and set(threads) == {threading.get_ident()}
    finally:
        await db.close()


async def test_a_twin_writer_waits_for_an_open_orm_write_instead_of_meeting_its_lock(tmp_path: Path) -> None:
    """An ORM write transaction that yields to the loop while it holds SQLite's write lock must not meet a twin
    writer running in the loop thread (that writer would block the loop on SQLite's busy timeout): both take the
    store's writer lock, so the twin write runs after the commit and both land."""
    db = await open_database(f"sqlite+aiosqlite:///{tmp_path / 'h.db'}")
    store = ConversationStore(db.sessions, redact_pii=False)
    try:
        conv, _ = await store.create(customer_id=None, language="en", state={})

        async def slow_orm_write() -> None:
            async with store._write() as s:
                await s.execute(text("UPDATE conversations SET language = 'es' WHERE id = :i"), {"i": conv.id})
                await asyncio.sleep(0.2)  # holds SQLite's write lock across a loop iteration

        orm = asyncio.create_task(slow_orm_write())
        await asyncio.sleep(0.05)
        started = asyncio.get_running_loop().time()
        m, _ = await asyncio.wait_for(store.add_message(conv.id, OutMessage("customer", "q", {}, "k")), 5)
        assert asyncio.get_running_loop().time() - started >= 0.1  # it waited for the ORM commit
        await orm
        info = await store.get(conv.id)
        assert info is not None and info.language == "es" and info.last_seq == m.seq == 1
    finally:
        await db.close()
