"""Database engine and the declarative base shared by every ORM table.

SQLite (aiosqlite) by default, PostgreSQL (asyncpg) when ``SHOPBOT_DATABASE_URL`` says so.
"""

from __future__ import annotations

import sqlite3
from typing import Any

import aiosqlite
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase


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


def make_engine(url: str, *, sqlite_inline: bool = True) -> AsyncEngine:
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
