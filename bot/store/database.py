"""Open the database for the server: engine, SQLite pragmas (WAL) and Alembic migrations to head.

Migrations run programmatically at startup, under a PostgreSQL advisory lock so several server
processes starting together do not race. ``alembic.ini`` at the repository root points at the same
scripts for manual use (``alembic upgrade head`` / ``alembic revision --autogenerate``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.store.db import make_engine, make_sessionmaker, transactions

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
MIGRATION_LOCK_ID = 0x5B0B  # pg_advisory_lock key


@dataclass(frozen=True)
class Database:
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    twin: Engine | None = None  # SQLite inline: the synchronous engine the turn path's transactions run on

    async def close(self) -> None:
        await self.engine.dispose()
        if self.twin is not None:
            self.twin.dispose()


def _sqlite_pragmas(engine: Engine, synchronous: str) -> None:
    if synchronous.upper() not in {"OFF", "NORMAL", "FULL", "EXTRA"}:
        raise ValueError(f"bad sqlite_synchronous {synchronous!r}")

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute(f"PRAGMA synchronous={synchronous.upper()}")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.close()


def alembic_config(url: str | None = None) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if url:
        cfg.set_main_option("sqlalchemy.url", url)
    return cfg


def _upgrade(conn: Connection) -> None:
    from alembic import command

    cfg = alembic_config()
    cfg.attributes["connection"] = conn
    command.upgrade(cfg, "head")


async def migrate(engine: AsyncEngine) -> None:
    """Bring the schema to the newest migration."""
    async with engine.connect() as conn:
        if engine.dialect.name == "postgresql":
            await conn.execute(text(f"SELECT pg_advisory_lock({MIGRATION_LOCK_ID})"))
            await conn.commit()
        try:
            await conn.run_sync(_upgrade)
            await conn.commit()
        finally:
            if engine.dialect.name == "postgresql":
                await conn.execute(text(f"SELECT pg_advisory_unlock({MIGRATION_LOCK_ID})"))
                await conn.commit()


async def open_database(url: str, *, sqlite_synchronous: str = "NORMAL", sqlite_inline: bool = True,
                        pg_pool_size: int = 20, run_migrations: bool = True) -> Database:
    """Create the engine (SQLite file folders included) and migrate it."""
    if url.startswith("sqlite") and ":///" in url:
        path = url.split(":///", 1)[1]
        if path and path != ":memory:":
            Path(path).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = make_engine(url, sqlite_inline=sqlite_inline, pg_pool_size=pg_pool_size)
    twin = None
    if engine.dialect.name == "sqlite":
        _sqlite_pragmas(engine.sync_engine, sqlite_synchronous)
        # same file, same pragmas, plain sqlite3 (bot.store.db.Transactions); ":memory:" would be another database
        if sqlite_inline and engine.url.database not in (None, "", ":memory:"):
            twin = create_engine(engine.url.set(drivername="sqlite"), pool_reset_on_return=None,
                                 connect_args={"timeout": 30, "check_same_thread": False})
            _sqlite_pragmas(twin, sqlite_synchronous)
            transactions(engine, twin)
    if run_migrations:
        await migrate(engine)
    log.info("database_ready dialect=%s twin=%s", engine.dialect.name, twin is not None)
    return Database(engine, make_sessionmaker(engine), twin)
