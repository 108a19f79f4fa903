"""``shopbot export-logs``: the service's stored conversations as evaluation logs.

Reads conversations, messages (customer, bot and agent; system messages are left out), handoffs and
agent labels through SQLAlchemy. Every exported text goes through ``bot.store.redact.redact`` (card
numbers, e-mails, phones), also when the service stored it raw (``SHOPBOT_REDACT_PII=false``): log files
travel (to CI, to labellers), the database does not. Redaction is idempotent, so text the server already
redacted is unchanged. An agent's relabel of a turn becomes that turn's gold ``intent``/``sentiment``
with ``labelled_by: "agent"``.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import inspect, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.evaluation.logs import Conversation, Gold, Turn
from bot.store.models import Conversation as ConversationRow
from bot.store.models import HandoffRecord, Label, Message
from bot.store.redact import redact
from intents.types import SENTIMENTS

log = logging.getLogger(__name__)

EXPORTED_ROLES = ("customer", "bot", "agent")
CHUNK = 500  # conversations per query round


class DatabaseUnavailable(RuntimeError):
    """The database to export from is missing, unreachable or not a shopbot database; the message says what to do."""


def _iso(dt: datetime | None) -> str | None:
    if dt is None:
        return None
    return (dt if dt.tzinfo else dt.replace(tzinfo=UTC)).isoformat()


def _gold(lab: Label, conversation_id: str) -> Gold | None:
    """An agent's relabel as gold. A sentiment outside the three classes (the agent socket takes any short string)
    is left out with a warning rather than failing the whole export; the intent is kept as the agent wrote it."""
    sentiment = lab.sentiment
    if sentiment is not None and sentiment not in SENTIMENTS:
        log.warning("event=export_bad_label conversation=%s seq=%d sentiment=%r (not one of %s): left out",
                    conversation_id, lab.message_seq, sentiment, "/".join(SENTIMENTS))
        sentiment = None
    if lab.intent is None and sentiment is None:
        return None
    return Gold(intent=lab.intent, sentiment=sentiment, labelled_by="agent")  # type: ignore[arg-type]


def _utc(dt: datetime) -> datetime:
    """A zone-aware UTC time: a naive one is taken as UTC, another zone converted (SQLite stores naive UTC)."""
    return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt.astimezone(UTC)


async def export_from(url: str, *, since: datetime | None = None,
                      progress: Callable[[int], None] | None = None) -> list[Conversation]:
    """:func:`export_conversations` of the database at ``url`` (``SHOPBOT_DATABASE_URL``). Never creates a database:
    a missing SQLite file, an unreachable server or a database without shopbot's tables raise DatabaseUnavailable."""
    from bot.store.db import make_engine, make_sessionmaker

    u = make_url(url)
    shown = u.render_as_string(hide_password=True)
    if u.get_backend_name() == "sqlite" and u.database and u.database != ":memory:" \
            and not Path(u.database).is_file():
        raise DatabaseUnavailable(f"no database at {shown}: the server creates it on its first start "
                                  "(shopbot serve); set SHOPBOT_DATABASE_URL to the server's database")
    engine = make_engine(url)
    try:
        try:
            async with engine.connect() as conn:
                migrated = await conn.run_sync(lambda c: inspect(c).has_table(ConversationRow.__tablename__))
        except (SQLAlchemyError, OSError) as e:
            reason = str(getattr(e, "orig", None) or e).strip().splitlines()[0]
            raise DatabaseUnavailable(f"cannot read {shown}: {reason}") from e
        if not migrated:
            raise DatabaseUnavailable(f"{shown} has no shopbot conversations table: is SHOPBOT_DATABASE_URL the "
                                      "server's database? (the server creates its tables on start)")
        return await export_conversations(make_sessionmaker(engine), since=since, progress=progress)
    finally:
        await engine.dispose()


async def export_conversations(sessions: async_sessionmaker[AsyncSession], *, since: datetime | None = None,
                               progress: Callable[[int], None] | None = None) -> list[Conversation]:
    """Every stored conversation started at or after ``since`` (all when None; naive = UTC), oldest first.
    ``progress`` is called with the number of conversations read after each round (a progress bar's ``update``)."""
    if since is not None:
        since = _utc(since)
    async with sessions() as s:
        q = select(ConversationRow).order_by(ConversationRow.created_at, ConversationRow.id)
        if since is not None:
            q = q.where(ConversationRow.created_at >= since)
        convs = list(await s.scalars(q))
        ids = [c.id for c in convs]
        messages: dict[str, list[Message]] = defaultdict(list)
        labels: dict[tuple[str, int], Label] = {}
        handoffs: dict[str, list[HandoffRecord]] = defaultdict(list)
        for i in range(0, len(ids), CHUNK):
            chunk = ids[i:i + CHUNK]
            for m in await s.scalars(select(Message).where(Message.conversation_id.in_(chunk))
                                     .order_by(Message.conversation_id, Message.seq)):
                messages[m.conversation_id].append(m)
            for lab in await s.scalars(select(Label).where(Label.conversation_id.in_(chunk)).order_by(Label.id)):
                labels[(lab.conversation_id, lab.message_seq)] = lab  # the newest relabel wins
            for h in await s.scalars(select(HandoffRecord).where(HandoffRecord.conversation_id.in_(chunk))
                                     .order_by(HandoffRecord.id)):
                handoffs[h.conversation_id].append(h)
            if progress is not None:
                progress(len(chunk))
    out = []
    for c in convs:
        turns = []
        for m in messages[c.id]:
            if m.role not in EXPORTED_ROLES:
                continue
            lab = labels.get((c.id, m.seq)) if m.role == "customer" else None
            gold = _gold(lab, c.id) if lab else None
            turns.append(Turn(role=m.role, text=redact(m.text), timestamp=_iso(m.created_at), gold=gold))
        meta = {"status": c.status, "owner": c.owner}
        if handoffs[c.id]:
            meta["handoffs"] = [{"kind": h.kind, "reason": h.reason, "at": _iso(h.at)} for h in handoffs[c.id]]
        out.append(Conversation(id=c.id, channel="web", language=c.language or "en", customer_id=c.customer_id,
                                started_at=_iso(c.created_at), turns=turns, meta=meta))
    log.info("event=export_logs conversations=%d", len(out))
    return out
