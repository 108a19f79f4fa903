"""Database engine and the declarative base shared by every ORM table.

SQLite (aiosqlite) by default, PostgreSQL (asyncpg) when ``SHOPBOT_DATABASE_URL`` says so.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    """Base of all shopbot tables (conversations in bot.store.models, shop data in bot.store.shop)."""


def make_engine(url: str) -> AsyncEngine:
    kwargs: dict = {"pool_pre_ping": True}
    if url.startswith("sqlite"):
        # every transaction is ended by its Session / Connection (commit, or rollback on close), so the
        # pool's extra rollback of a returned connection is a redundant thread hop through aiosqlite
        kwargs = {"connect_args": {"timeout": 30}, "pool_reset_on_return": None}
    return create_async_engine(url, **kwargs)


def make_sessionmaker(engine: AsyncEngine) -> async_sessionmaker:
    return async_sessionmaker(engine, expire_on_commit=False)
