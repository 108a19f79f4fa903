"""Database engine and the declarative base shared by every ORM table.

SQLite (aiosqlite) by default, PostgreSQL (asyncpg) when ``SHOPBOT_DATABASE_URL`` says so.
"""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
import weakref
from collections.abc import Callable
from typing import Any, TypeVar

import aiosqlite
from sqlalchemy import Engine, event
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase

T = TypeVar("T")


class Base(DeclarativeBase):
    """Base of all shopbot tables (conversations in bot.store.models, shop data in bot.store.shop)."""


class _RunNow:
    """aiosqlite's job queue, run at once in the calling (event loop) thread instead of a worker thread."""

    @staticmethod
    def put_nowait(job: tuple[Any, Any]) -> None:
        future, fn = job
        try:
            result = fn()
        except BaseException as e:  # noqa: BLE001 - handed to the awaiting caller, as aiosqlite's thread does
            if future is not None:
                future.set_exception(e)
        else:
            if future is not None:
                future.set_result(result)


class InlineConnection(aiosqlite.Connection):
    """An aiosqlite connection whose statements run in the event loop thread.

    aiosqlite hands every call (cursor, execute, fetch, close, commit) to a thread and back: ~30 hops per
    customer turn, each a GIL hand-over between two busy threads. SQLite statements on this schema take
    microseconds (WAL, ``synchronous=NORMAL``: no fsync per commit), less than the hop. Safe because no
    transaction awaits anything but its own statements, so a writer never waits on a suspended one. The cost:
    while another *process* holds SQLite's write lock (a long write by a CLI command on the server's file), the
    whole event loop waits with the statement (up to the busy timeout) instead of one worker thread; readers
    never wait (WAL). ``SHOPBOT_SERVER__SQLITE_INLINE=false`` restores aiosqlite's thread.
    """

    def __init__(self, connector: Any, iter_chunk_size: int) -> None:
        super().__init__(connector, iter_chunk_size)
        self._tx = _RunNow()  # type: ignore[assignment]

    def __await__(self):  # no worker thread to start
        return self._connect().__await__()


def connect_inline(database: str, *, iter_chunk_size: int = 64, **kwargs: Any) -> InlineConnection:
    # the pool may close a connection from another thread (garbage collection, a disposed engine): SQLite's
    # serialized mode allows it, so do not let the sqlite3 module refuse
    kwargs.setdefault("check_same_thread", False)
    return InlineConnection(lambda: sqlite3.connect(database, **kwargs), iter_chunk_size)


def _refuse_closed(dbapi_connection: Any, record: Any, proxy: Any) -> None:
    """Pool checkout: a connection whose socket the server closed (a PostgreSQL restart terminates every backend)
    is replaced before anyone uses it, as ``pool_pre_ping`` would, without a ping's three round trips
    (BEGIN, a query, ROLLBACK) per checkout. A connection that breaks later still fails its statement, the pool is
    invalidated and the turn's lease lets it run again."""
    if dbapi_connection.driver_connection.is_closed():
        raise DisconnectionError("connection closed by the server")


def make_engine(url: str, *, sqlite_inline: bool = True, pg_pool_size: int = 20) -> AsyncEngine:
    if url.startswith("postgresql+asyncpg"):
        # a fixed pool: an overflow connection is closed when returned, and under load the default 5 (+10 overflow)
        # opened ~600 PostgreSQL backends (a fork, authentication, catalogue caches: milliseconds each) in one
        # 200 x 20 run; a checkout beyond the pool waits for a connection instead (two cores cannot run more at once)
        engine = create_async_engine(url, pool_size=pg_pool_size, max_overflow=0)
        event.listen(engine.sync_engine.pool, "checkout", _refuse_closed)
        return engine
    kwargs: dict = {"pool_pre_ping": True}
    if url.startswith("sqlite"):
        # every transaction is ended by its Session / Connection (commit, or rollback on close), so the
        # pool's extra rollback of a returned connection is redundant
        connect_args: dict = {"timeout": 30}
        if sqlite_inline:
            connect_args["async_creator_fn"] = connect_inline
        # SQLAlchemy's async context managers give a connection back to the pool in a task of their own (a loop
        # iteration later), so a busy server holds more connections at once than it runs statements: with the
        # default pool (5 + 10 overflow) it opened and closed SQLite connections (connect + pragmas) all the time
        # (200 x 20: 1,129 opened; with 40: 27, none after warm-up). PostgreSQL keeps the default (no gain measured)
        kwargs = {"connect_args": connect_args, "pool_reset_on_return": None, "pool_size": 40, "max_overflow": 40}
    return create_async_engine(url, **kwargs)


def make_sessionmaker(engine: AsyncEngine) -> async_sessionmaker:
    return async_sessionmaker(engine, expire_on_commit=False)


class Transactions:
    """Runs ``fn(connection, *args)``, a synchronous function of Core statements, as one short transaction.

    With SQLite's default (statements inline in the event loop thread) a synchronous twin engine on the same file
    runs it directly in the loop thread: no greenlet switch, async adapter, aiosqlite future or pool-return task per
    statement, which were ~19% of the server's GIL time at 200 x 20 (bench/load/RESULTS.md). Everywhere else
    ``AsyncConnection.run_sync`` runs the same function: one greenlet per transaction, each statement awaiting the
    async driver (asyncpg). One per engine (:func:`transactions`): writers share its lock, since SQLite has one
    writer and queueing them here is far cheaper than SQLite's busy-wait backoff (and a twin writer must never meet
    an async writer that holds SQLite's lock).
    """

    def __init__(self, engine: AsyncEngine, twin: Engine | None = None) -> None:
        self.engine, self.twin = engine, twin
        self.write_lock = asyncio.Lock() if engine.dialect.name == "sqlite" else None
        # a read needs no transaction: on PostgreSQL AUTOCOMMIT saves its BEGIN and ROLLBACK round trips
        self.reader = (engine.execution_options(isolation_level="AUTOCOMMIT")
                       if engine.dialect.name == "postgresql" else engine)

    def writing(self) -> contextlib.AbstractAsyncContextManager[Any]:
        """The in-process writer lock (a no-op off SQLite), also for ORM sessions that write."""
        return self.write_lock or contextlib.nullcontext()

    async def write(self, fn: Callable[..., T], *args: Any) -> T:
        async with self.writing():
            if self.twin is not None:
                with self.twin.begin() as c:
                    return fn(c, *args)
            async with self.engine.begin() as ac:
                return await ac.run_sync(fn, *args)

    async def read(self, fn: Callable[..., T], *args: Any) -> T:
        if self.twin is not None:
            with self.twin.connect() as c:
                return fn(c, *args)
        async with self.reader.connect() as ac:
            return await ac.run_sync(fn, *args)


_TRANSACTIONS: weakref.WeakKeyDictionary[AsyncEngine, Transactions] = weakref.WeakKeyDictionary()


def transactions(engine: AsyncEngine, twin: Engine | None = None) -> Transactions:
    """The engine's :class:`Transactions` (created on first use; ``twin`` registers SQLite's synchronous twin)."""
    tx = _TRANSACTIONS.get(engine)
    if tx is None:
        tx = _TRANSACTIONS[engine] = Transactions(engine)
    if twin is not None:
        tx.twin = twin  # the same object (and writer lock) for everyone who asked before
    return tx
