"""The conversation repository on a real SQLite file (migrated by Alembic): sequence numbers,
exactly-once turns, leases, tokens, erasure, and the migration matching the ORM tables."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.store.conversations import ConversationStore, OutMessage
from bot.store.database import Database, open_database


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await open_database(f"sqlite+aiosqlite:///{tmp_path / 'c.db'}")
    yield database
    await database.engine.dispose()


@pytest.fixture
def store(db: Database) -> ConversationStore:
    return ConversationStore(db.sessions, redact_pii=True, lease_s=0.3)


async def test_concurrent_writers_get_unique_gap_free_seqs(store: ConversationStore) -> None:
    conv, _ = await store.create(customer_id="c", language="en", state={})
    results = await asyncio.gather(*(store.add_message(conv.id, OutMessage("agent", f"m{i}", {}, f"id{i}"))
                                     for i in range(40)))
    assert sorted(m.seq for m, _ in results) == list(range(1, 41))
    assert (await store.get(conv.id)).last_seq == 40


async def test_same_client_id_is_stored_once_even_when_racing(store: ConversationStore) -> None:
    conv, _ = await store.create(customer_id=None, language="en", state={})
    results = await asyncio.gather(*(store.add_message(conv.id, OutMessage("customer", "hi", {}, "same"),
                                                       pending=True) for _ in range(8)))
    assert len({m.seq for m, _ in results}) == 1 and sum(created for _, created in results) == 1
    assert await store.count_messages(conv.id) == 1


async def test_a_turn_is_recorded_once(store: ConversationStore) -> None:
    conv, _ = await store.create(customer_id=None, language="en", state={})
    msg, _ = await store.add_message(conv.id, OutMessage("customer", "q", {}, "c1"), pending=True)
    reply = [OutMessage("bot", "a", {"reply": {"text": "a"}})]
    first, second = await asyncio.gather(
        store.record_turn(conv.id, msg.seq, reply, state={"failures": 0}, annotation={"intent": "x", "confidence": 1}),
        store.record_turn(conv.id, msg.seq, reply, state={"failures": 9}))
    winners = [r for r in (first, second) if r is not None]
    assert len(winners) == 1 and [m.in_reply_to for m in winners[0].messages] == [msg.seq]
    assert [m.text for m in await store.replies_to(conv.id, msg.seq)] == ["a"]
    assert await store.pending_turns(conv.id) == []


async def test_a_recorded_turn_carries_the_conversation_and_its_annotations(store: ConversationStore) -> None:
    """What the agent panel's live summary is built from, without reading the conversation again."""
    conv, _ = await store.create(customer_id="c", language="es", state={})
    for i, intent in enumerate(("order_status", "faq", "order_status")):
        msg, _ = await store.add_message(conv.id, OutMessage("customer", f"q{i}", {}, f"c{i}"), pending=True)
        turn = await store.record_turn(conv.id, msg.seq, [OutMessage("bot", "a", {"reply": {"text": "a"}})],
                                       state={"owner": "agent", "n": i}, annotation={"intent": intent},
                                       handoff=("requested", "x") if i == 2 else None, risk=0.5)
        assert turn is not None
    stored = await store.get(conv.id)
    assert turn.conversation == stored and stored.owner == "agent" and stored.handoff_reason == "requested"
    assert {seq: a["intent"] for seq, a in turn.annotations.items()} == {
        seq: a["intent"] for seq, a in (await store.annotations(conv.id)).items()}
    assert sorted(turn.annotations) == [1, 3, 5]


async def test_handing_back_takes_the_conversation_off_the_top_of_the_queue(store: ConversationStore) -> None:
    calm, _ = await store.create(customer_id=None, language="en", state={})
    angry, _ = await store.create(customer_id=None, language="en", state={})
    for conv, risk in ((calm, 0.2), (angry, 1.0)):
        msg, _ = await store.add_message(conv.id, OutMessage("customer", "q", {}, "c1"), pending=True)
        await store.record_turn(conv.id, msg.seq, [], state={}, risk=risk)
    assert [c.id for c, _ in await store.queue()][0] == angry.id
    await store.change_owner(angry.id, kind="takeover", owner="agent", conversation_status="open", agent="a1",
                             status="agent_joined", text="a1 joined")
    await store.change_owner(angry.id, kind="handback", owner="bot", conversation_status="open", agent=None,
                             status="bot_back", text="back to the bot")
    assert (await store.get(angry.id)).risk == 0.0 and [c.id for c, _ in await store.queue()][0] == calm.id


async def test_acks_of_many_conversations_only_move_forward(store: ConversationStore) -> None:
    a, _ = await store.create(customer_id=None, language="en", state={})
    b, _ = await store.create(customer_id=None, language="en", state={})
    await store.save_acks({a.id: 5, b.id: 2})
    await store.save_acks({a.id: 3, b.id: 4})
    assert [(await store.get(x.id)).acked_seq for x in (a, b)] == [5, 4]


async def test_lease_blocks_a_second_worker_until_it_expires(store: ConversationStore) -> None:
    conv, _ = await store.create(customer_id=None, language="en", state={})
    msg, _ = await store.add_message(conv.id, OutMessage("customer", "q", {}, "c1"), pending=True)
    assert not await store.claim_turn(conv.id, msg.seq)  # the accepting worker holds it
    await asyncio.sleep(0.35)
    assert await store.claim_turn(conv.id, msg.seq)
    assert not await store.claim_turn(conv.id, msg.seq)


async def test_resume_token_is_checked_and_only_its_hash_is_stored(store: ConversationStore, db: Database) -> None:
    conv, token = await store.create(customer_id=None, language="en", state={})
    assert len(token) >= 43  # 32 random bytes
    assert (await store.authenticate(conv.id, token)).id == conv.id
    assert await store.authenticate(conv.id, token[:-1] + ("A" if token[-1] != "A" else "B")) is None
    assert await store.authenticate("no-such-id", token) is None
    from sqlalchemy import text

    async with db.engine.connect() as c:
        stored = (await c.execute(text("select resume_token_hash from conversations"))).scalar_one()
    assert token not in stored and len(stored) == 64


async def test_erase_customer_removes_every_row(store: ConversationStore, db: Database) -> None:
    keep, _ = await store.create(customer_id="keep", language="en", state={})
    for _ in range(2):
        conv, _ = await store.create(customer_id="gone", language="en", state={})
        m, _ = await store.add_message(conv.id, OutMessage("customer", "hi a@b.com", {}, "c"), pending=True)
        await store.record_turn(conv.id, m.seq, [OutMessage("bot", "ok", {"reply": {"text": "ok"}})], state={},
                                annotation={"intent": "x", "confidence": 1.0}, handoff=("requested", "x"))
        await store.add_label(conv.id, m.seq, agent="a", intent="y", sentiment=None)
        await store.add_feedback(conv.id, m.seq + 1, 1, "")
    assert len(await store.erase_customer("gone")) == 2
    from sqlalchemy import text

    async with db.engine.connect() as c:
        for table in ("messages", "annotations", "handoffs", "feedback", "labels"):
            assert (await c.execute(text(f"select count(*) from {table}"))).scalar_one() == 0, table
        assert (await c.execute(text("select id from conversations"))).scalars().all() == [keep.id]


async def test_stored_text_is_redacted_but_can_be_kept(db: Database) -> None:
    for redact_pii, expect in ((True, "card [card]"), (False, "card 4111 1111 1111 1111")):
        store = ConversationStore(db.sessions, redact_pii=redact_pii)
        conv, _ = await store.create(customer_id=None, language="en", state={})
        m, _ = await store.add_message(conv.id, OutMessage("customer", "card 4111 1111 1111 1111", {}, "c"))
        turn = await store.record_turn(conv.id, None, [OutMessage("bot", "x", {"reply": {"text": "mail a@b.co"}})],
                                       state={})
        assert m.text == expect and turn is not None
        assert turn.messages[0].payload["reply"]["text"] == ("mail [email]" if redact_pii else "mail a@b.co")


async def test_migrations_match_the_orm_tables(db: Database) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    import bot.store.models  # noqa: F401
    from bot.store.db import Base

    with_shop = pytest.importorskip("bot.store.shop")
    assert with_shop is not None

    def diff(conn: object) -> list[object]:
        return compare_metadata(MigrationContext.configure(conn), Base.metadata)

    async with db.engine.connect() as conn:
        assert await conn.run_sync(diff) == []
    # migrating again is a no-op
    from bot.store.database import migrate

    await migrate(db.engine)
