"""Alembic environment: runs on the connection handed in by bot.store.database.migrate, or on
``sqlalchemy.url`` (alembic.ini / ``SHOPBOT_DATABASE_URL``) when used from the command line."""

from __future__ import annotations

import asyncio
import contextlib

from alembic import context
from sqlalchemy.engine import Connection

import bot.store.models
from bot.store.db import Base, make_engine

with contextlib.suppress(ImportError):
    import bot.store.shop  # noqa: F401 - the demo store's tables share Base

target_metadata = Base.metadata
config = context.config


def _run(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=target_metadata,
                      render_as_batch=connection.dialect.name == "sqlite")
    with context.begin_transaction():
        context.run_migrations()


def _url() -> str:
    from bot.settings import Settings

    url = config.get_main_option("sqlalchemy.url") or Settings().database_url
    assert url is not None
    return url


async def _run_online() -> None:
    engine = make_engine(_url())
    async with engine.connect() as conn:
        await conn.run_sync(_run)
        await conn.commit()
    await engine.dispose()


if context.is_offline_mode():
    context.configure(url=_url(), target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
elif (conn := config.attributes.get("connection")) is not None:
    _run(conn)
else:
    asyncio.run(_run_online())
