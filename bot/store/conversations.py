"""The conversation repository: everything the server stores, each operation one short transaction.

Sequence numbers come from ``UPDATE conversations SET last_seq = last_seq + n ... RETURNING``, the first
statement of every writing transaction: on PostgreSQL the row lock serialises concurrent writers
across processes, on SQLite the statement takes the database write lock up front (so no deferred
read->write upgrade can deadlock). A customer turn is answered exactly once: ``record_turn`` flips the
message's ``answered`` flag with a conditional UPDATE and stores nothing if another worker won.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import hmac
import secrets
import time
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from pydantic import BaseModel, Field
from sqlalchemy import Integer, Row, Table, Update, bindparam, delete, func, insert, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.store.db import transactions
from bot.store.models import Annotation, Conversation, Feedback, HandoffRecord, Label, Message, utcnow
from bot.store.redact import redact

TOKEN_BYTES = 32  # secrets.token_urlsafe(32): 256 bits
CONVERSATIONS, MESSAGES, ANNOTATIONS, HANDOFFS = (
    cast(Table, t.__table__) for t in (Conversation, Message, Annotation, HandoffRecord))


# what ``record_turn`` reads back from its UPDATE (state and suggestions it already has)
INFO_COLUMNS = ("customer_id", "language", "owner", "agent", "status", "risk", "handoff_reason", "acked_seq",
                "updated_at")

# Statements of every turn, built once: SQLAlchemy then reuses their cache key and compiled form (building
# and keying a statement per call costs more CPU than SQLite spends running it)
_C, _M, _A = CONVERSATIONS.c, MESSAGES.c, ANNOTATIONS.c
GET_CONVERSATION = select(*CONVERSATIONS.c).where(_C.id == bindparam("cid"))
ANSWER_TURN = (update(MESSAGES).where(_M.conversation_id == bindparam("cid"), _M.seq == bindparam("b_seq"),
                                      _M.answered.is_(False)).values(answered=True, lease_until=None))
INSERT_MESSAGES, INSERT_ANNOTATION, INSERT_HANDOFF = insert(MESSAGES), insert(ANNOTATIONS), insert(HANDOFFS)
TOPICS = select(_A.message_seq, _A.intent, _A.out_of_scope).where(_A.conversation_id == bindparam("cid"))
CLAIM_TURN = (update(MESSAGES).where(_M.conversation_id == bindparam("cid"), _M.seq == bindparam("b_seq"),
                                     _M.answered.is_(False),
                                     _M.lease_until.is_(None) | (_M.lease_until < bindparam("now")))
              .values(lease_until=bindparam("until")))
SAVE_ACK = (update(CONVERSATIONS).where(_C.id == bindparam("cid"), _C.acked_seq < bindparam("b_seq"))
            .values(acked_seq=bindparam("b_seq")))


@functools.cache
def _allocation(columns: tuple[str, ...], returning: tuple[str, ...]) -> Update:
    """``UPDATE conversations SET last_seq = last_seq + :n, <columns> ... RETURNING last_seq, <returning>``."""
    return (update(CONVERSATIONS).where(_C.id == bindparam("cid"))
            .values(last_seq=_C.last_seq + bindparam("n", type_=Integer),
                    **{k: bindparam(f"v_{k}") for k in ("updated_at", *columns)})
            .returning(_C.last_seq, *(_C[k] for k in returning)))


def _get(c: Connection, conversation_id: str) -> ConversationInfo | None:
    row = c.execute(GET_CONVERSATION, {"cid": conversation_id}).first()
    return None if row is None else _info(row)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class StoredMessage(BaseModel):
    """One stored message of a conversation, as replayed to clients and shown to agents."""

    model_config = {"frozen": True}

    seq: int
    role: str
    text: str = ""
    client_id: str | None = None
    payload: dict[str, Any] = Field(default_factory=dict)
    in_reply_to: int | None = None
    answered: bool = True
    created_at: datetime | None = None


@dataclass(frozen=True)
class ConversationInfo:
    id: str
    customer_id: str | None
    language: str
    owner: str
    agent: str | None
    status: str
    state: dict[str, Any]
    suggestions: list[Any]
    risk: float
    handoff_reason: str | None
    last_seq: int
    acked_seq: int
    updated_at: datetime


@dataclass(frozen=True)
class RecordedTurn:
    """What ``record_turn`` stored: the replies, the conversation as the transaction left it and, for a
    customer turn, the conversation's annotations so far as ``{seq: {"intent", "out_of_scope"}}`` (what the
    agent panel's summary needs, read in the same transaction so the turn need not read it again)."""

    messages: list[StoredMessage]
    conversation: ConversationInfo
    annotations: dict[int, dict[str, Any]]


@dataclass(frozen=True)
class OutMessage:
    """A message to store: role, text, payload (the store redacts text when asked to)."""

    role: str
    text: str
    payload: dict[str, Any]
    client_id: str | None = None


def _info(c: Any) -> ConversationInfo:
    """From an ORM object or a Core row of ``conversations``."""
    return ConversationInfo(c.id, c.customer_id, c.language, c.owner, c.agent, c.status, dict(c.state or {}),
                            list(c.suggestions or []), c.risk, c.handoff_reason, c.last_seq, c.acked_seq,
                            c.updated_at)


def _stored(m: Message) -> StoredMessage:
    return StoredMessage(seq=m.seq, role=m.role, text=m.text, client_id=m.client_id, payload=m.payload or {},
                         in_reply_to=m.in_reply_to, answered=m.answered, created_at=m.created_at)


class ConversationStore:
    """Async repository over the conversation tables (see bot.store.models)."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession], *, redact_pii: bool = True,
                 lease_s: float = 5.0) -> None:
        self.sessions = sessions
        self.redact_pii = redact_pii
        self.lease_s = lease_s
        self.tx = transactions(sessions.kw["bind"])  # the turn path: Core statements in one synchronous function

    @contextlib.asynccontextmanager
    async def _write(self) -> AsyncIterator[AsyncSession]:
        """A writing ORM transaction (serialised in-process with every other writer on SQLite)."""
        async with self.tx.writing(), self.sessions.begin() as s:
            yield s

    # ------------------------------------------------------------------ helpers
    def clean(self, text: str) -> str:
        return redact(text) if self.redact_pii else text

    def _clean_payload(self, payload: dict[str, Any]) -> dict[str, Any]:
        reply = payload.get("reply")
        if self.redact_pii and isinstance(reply, dict) and isinstance(reply.get("text"), str):
            payload = {**payload, "reply": {**reply, "text": redact(reply["text"])}}
        return payload

    @staticmethod
    def _allocate(c: Connection, conversation_id: str, n: int, *, returning: tuple[str, ...] = (),
                  **values: Any) -> tuple[int, Row[Any]] | None:
        """Reserve ``n`` sequence numbers (setting ``values`` on the conversation); returns the first one
        and the conversation's ``last_seq`` + ``returning`` columns as the update left them."""
        params = {"cid": conversation_id, "n": n, "v_updated_at": utcnow(), **{f"v_{k}": v for k, v in values.items()}}
        row = c.execute(_allocation(tuple(sorted(values)), returning), params).first()
        return None if row is None else (int(row.last_seq) - n + 1, row)

    def _rows(self, conversation_id: str, first: int, out: list[OutMessage], in_reply_to: int | None,
              pending: bool = False) -> list[dict[str, Any]]:
        now = utcnow()
        return [{"conversation_id": conversation_id, "seq": first + i, "role": m.role, "client_id": m.client_id,
                 "text": self.clean(m.text), "payload": self._clean_payload(m.payload), "in_reply_to": in_reply_to,
                 "answered": not pending, "lease_until": time.time() + self.lease_s if pending else None,
                 "created_at": now} for i, m in enumerate(out)]

    @staticmethod
    def _insert(c: Connection, rows: list[dict[str, Any]]) -> list[StoredMessage]:
        if rows:
            c.execute(INSERT_MESSAGES, rows)
        return [StoredMessage.model_validate(r) for r in rows]

    # ------------------------------------------------------------------ conversations
    async def create(self, *, customer_id: str | None, language: str, state: dict[str, Any]
                     ) -> tuple[ConversationInfo, str]:
        """Open a conversation; returns it and its resume token (only the hash is stored)."""
        token = secrets.token_urlsafe(TOKEN_BYTES)
        conv = Conversation(id=str(uuid.uuid4()), resume_token_hash=hash_token(token), customer_id=customer_id,
                            language=language, owner="bot", status="open", state=state, suggestions=[], risk=0.0,
                            last_seq=0, acked_seq=0, created_at=utcnow(), updated_at=utcnow())
        async with self._write() as s:
            s.add(conv)
        return _info(conv), token

    async def get(self, conversation_id: str) -> ConversationInfo | None:
        return await self.tx.read(_get, conversation_id)  # Core, not the ORM: this runs on every turn

    async def authenticate(self, conversation_id: str, token: str) -> ConversationInfo | None:
        """The conversation if ``token`` is its resume token, else None (constant-time compare)."""
        conv = await self.get(conversation_id)
        if conv is None:
            hmac.compare_digest(hash_token(token), "0" * 64)
            return None
        async with self.sessions() as s:
            stored = await s.scalar(select(Conversation.resume_token_hash).where(Conversation.id == conversation_id))
        return conv if stored and hmac.compare_digest(hash_token(token), stored) else None

    async def save_acks(self, acks: dict[str, int]) -> None:
        """Record the highest acknowledged seq of many conversations in one transaction."""
        if not acks:
            return
        rows = [{"cid": cid, "b_seq": seq} for cid, seq in sorted(acks.items())]  # id order: no lock-order deadlock
        await self.tx.write(lambda c: c.execute(SAVE_ACK, rows))  # one executemany

    async def queue(self, limit: int = 100) -> list[tuple[ConversationInfo, str]]:
        """Open conversations by escalation risk, each with its latest customer text."""
        last_text = (select(Message.text).where(Message.conversation_id == Conversation.id,
                                                Message.role == "customer")
                     .order_by(Message.seq.desc()).limit(1).correlate(Conversation).scalar_subquery())
        async with self.sessions() as s:
            rows = (await s.execute(select(Conversation, last_text).where(Conversation.status == "open")
                                    .order_by(Conversation.risk.desc(), Conversation.updated_at.desc())
                                    .limit(limit))).all()
        return [(_info(c), t or "") for c, t in rows]

    # ------------------------------------------------------------------ messages
    async def add_message(self, conversation_id: str, msg: OutMessage, *, pending: bool = False
                          ) -> tuple[StoredMessage, bool]:
        """Store one message with the next seq; with a ``client_id`` a duplicate returns the first copy
        and ``False``. ``pending`` marks a customer turn still to be answered (leased to the caller)."""
        def tx(c: Connection) -> list[StoredMessage]:
            allocated = self._allocate(c, conversation_id, 1)
            if allocated is None:
                raise KeyError(conversation_id)
            return self._insert(c, self._rows(conversation_id, allocated[0], [msg], None, pending))

        try:
            stored = await self.tx.write(tx)
        except IntegrityError:  # this client_id is already stored: the first copy wins
            existing = await self.find_by_client_id(conversation_id, msg.role, msg.client_id or "")
            if existing is None:
                raise
            return existing, False
        return stored[0], True

    async def find_by_client_id(self, conversation_id: str, role: str, client_id: str) -> StoredMessage | None:
        async with self.sessions() as s:
            m = await s.scalar(select(Message).where(Message.conversation_id == conversation_id,
                                                     Message.role == role, Message.client_id == client_id))
            return None if m is None else _stored(m)

    async def messages_after(self, conversation_id: str, seq: int, limit: int = 10_000) -> list[StoredMessage]:
        async with self.sessions() as s:
            rows = await s.scalars(select(Message).where(Message.conversation_id == conversation_id,
                                                         Message.seq > seq).order_by(Message.seq).limit(limit))
            return [_stored(m) for m in rows]

    async def replies_to(self, conversation_id: str, seq: int) -> list[StoredMessage]:
        async with self.sessions() as s:
            rows = await s.scalars(select(Message).where(Message.conversation_id == conversation_id,
                                                         Message.in_reply_to == seq).order_by(Message.seq))
            return [_stored(m) for m in rows]

    async def claim_turn(self, conversation_id: str, seq: int) -> bool:
        """Take the lease on an unanswered customer turn whose previous lease expired."""
        now = time.time()
        params = {"cid": conversation_id, "b_seq": seq, "now": now, "until": now + self.lease_s}
        return await self.tx.write(lambda c: c.execute(CLAIM_TURN, params).rowcount == 1)

    async def pending_turns(self, conversation_id: str) -> list[StoredMessage]:
        async with self.sessions() as s:
            rows = await s.scalars(select(Message).where(Message.conversation_id == conversation_id,
                                                         Message.answered.is_(False)).order_by(Message.seq))
            return [_stored(m) for m in rows]

    async def record_turn(self, conversation_id: str, customer_seq: int | None, replies: list[OutMessage], *,
                          state: dict[str, Any], annotation: dict[str, Any] | None = None,
                          handoff: tuple[str, str] | None = None, suggestions: list[Any] | None = None,
                          risk: float | None = None) -> RecordedTurn | None:
        """Store a turn's outcome in one transaction. Returns None when the turn was already answered.

        The owner column stays authoritative (an agent may have taken over meanwhile); a handoff moves
        the conversation to ``state['owner']`` as decided by the dialogue.
        """
        def tx(c: Connection) -> RecordedTurn | None:
            if customer_seq is not None:
                res = c.execute(ANSWER_TURN, {"cid": conversation_id, "b_seq": customer_seq})
                if res.rowcount != 1:
                    return None
            values: dict[str, Any] = {"state": state, "suggestions": suggestions or []}
            if customer_seq is not None:
                values["status"] = "open"  # a customer writing again reopens a resolved conversation
            if risk is not None:
                values["risk"] = risk
            if handoff is not None:
                values.update(owner=state.get("owner", "agent"), handoff_reason=handoff[0])
            allocated = self._allocate(c, conversation_id, len(replies), returning=INFO_COLUMNS, **values)
            if allocated is None:
                raise KeyError(conversation_id)
            first, r = allocated
            conv = ConversationInfo(conversation_id, r.customer_id, r.language, r.owner, r.agent, r.status, state,
                                    values["suggestions"], r.risk, r.handoff_reason, r.last_seq, r.acked_seq,
                                    r.updated_at)
            stored = self._insert(c, self._rows(conversation_id, first, replies, customer_seq))
            if handoff is not None:
                c.execute(INSERT_HANDOFF, {"conversation_id": conversation_id, "kind": "escalation",
                                           "reason": handoff[0], "detail": self.clean(handoff[1]),
                                           "agent": None, "at": utcnow()})
            annotations: dict[int, dict[str, Any]] = {}
            if annotation is not None and customer_seq is not None:
                c.execute(INSERT_ANNOTATION, {
                    "conversation_id": conversation_id, "message_seq": customer_seq,
                    "intent": annotation.get("intent", ""), "confidence": annotation.get("confidence", 0.0),
                    "out_of_scope": annotation.get("out_of_scope", False),
                    "sentiment": annotation.get("sentiment", "neutral"),
                    "sentiment_score": annotation.get("sentiment_score", 0.0),
                    "language": annotation.get("language", "en"), "handler": annotation.get("handler", ""),
                    "payload": annotation, "created_at": utcnow()})
            if customer_seq is not None:
                rows = c.execute(TOPICS, {"cid": conversation_id})
                annotations = {seq: {"intent": intent, "out_of_scope": oos} for seq, intent, oos in rows}
            return RecordedTurn(stored, conv, annotations)

        return await self.tx.write(tx)

    async def change_owner(self, conversation_id: str, *, kind: str, owner: str, conversation_status: str,
                           agent: str | None, status: str, text: str, reason: str = "") -> StoredMessage | None:
        """Take over / hand back / resolve: a system message (customer-facing ``status``) plus the new
        owner in one transaction. None when the conversation does not exist."""
        values: dict[str, Any] = {"owner": owner, "status": conversation_status}
        if owner == "agent":
            values["agent"] = agent
        else:  # the agent lets go: a later hand-off waits for whoever takes it, not for them
            values["handoff_reason"] = None
            values["agent"] = None
            values["risk"] = 0.0  # the bot starts its escalation afresh (``handed_back``): off the top of the queue
        def tx(c: Connection) -> StoredMessage | None:
            allocated = self._allocate(c, conversation_id, 1, **values)
            if allocated is None:
                return None
            payload = {"status": status, "owner": owner, "agent": agent, "reason": reason}
            stored = self._insert(c, self._rows(conversation_id, allocated[0],
                                                [OutMessage("system", text, payload)], None))
            c.execute(INSERT_HANDOFF, {"conversation_id": conversation_id, "kind": kind, "reason": reason,
                                       "detail": "", "agent": agent, "at": utcnow()})
            return stored[0]

        return await self.tx.write(tx)

    # ------------------------------------------------------------------ agent views and training data
    async def annotations(self, conversation_id: str) -> dict[int, dict[str, Any]]:
        async with self.sessions() as s:
            rows = await s.scalars(select(Annotation).where(Annotation.conversation_id == conversation_id))
            return {a.message_seq: a.payload for a in rows}

    async def handoffs(self, conversation_id: str) -> list[dict[str, Any]]:
        async with self.sessions() as s:
            rows = await s.scalars(select(HandoffRecord).where(HandoffRecord.conversation_id == conversation_id)
                                   .order_by(HandoffRecord.id))
            return [{"kind": h.kind, "reason": h.reason, "detail": h.detail, "agent": h.agent,
                     "at": h.at.isoformat()} for h in rows]

    async def add_label(self, conversation_id: str, message_seq: int, *, agent: str, intent: str | None,
                        sentiment: str | None) -> bool:
        """Store an agent's relabel of a customer turn; False when there is no such customer message."""
        async with self._write() as s:
            msg = await s.scalar(select(Message).where(Message.conversation_id == conversation_id,
                                                       Message.seq == message_seq, Message.role == "customer"))
            if msg is None:
                return False
            ann = await s.scalar(select(Annotation).where(Annotation.conversation_id == conversation_id,
                                                          Annotation.message_seq == message_seq))
            s.add(Label(conversation_id=conversation_id, message_seq=message_seq, text=msg.text,
                        language=ann.language if ann else "en", intent=intent, sentiment=sentiment,
                        predicted_intent=ann.intent if ann else None,
                        predicted_sentiment=ann.sentiment if ann else None, agent=agent, created_at=utcnow()))
        return True

    async def labels(self) -> list[dict[str, Any]]:
        async with self.sessions() as s:
            rows = await s.scalars(select(Label).order_by(Label.id))
            return [{"conversation_id": x.conversation_id, "message_seq": x.message_seq, "text": x.text,
                     "language": x.language, "intent": x.intent, "sentiment": x.sentiment,
                     "predicted_intent": x.predicted_intent, "agent": x.agent} for x in rows]

    async def add_feedback(self, conversation_id: str, message_seq: int, rating: int, comment: str) -> None:
        async with self._write() as s:
            s.add(Feedback(conversation_id=conversation_id, message_seq=message_seq, rating=rating,
                           comment=self.clean(comment), created_at=utcnow()))

    async def erase_customer(self, customer_id: str) -> list[str]:
        """Delete every conversation of ``customer_id`` with all its rows; returns the erased ids."""
        async with self._write() as s:
            ids = list(await s.scalars(select(Conversation.id).where(Conversation.customer_id == customer_id)))
            if ids:
                for table in (Annotation, Message, HandoffRecord, Feedback, Label):
                    await s.execute(delete(table).where(table.conversation_id.in_(ids)))
                await s.execute(delete(Conversation).where(Conversation.id.in_(ids)))
        return ids

    async def count_messages(self, conversation_id: str) -> int:
        async with self.sessions() as s:
            return int(await s.scalar(select(func.count()).select_from(Message)
                                      .where(Message.conversation_id == conversation_id)) or 0)
