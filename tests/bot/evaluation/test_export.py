"""``shopbot export-logs`` on a database the server's own code wrote (migrations + ConversationStore)."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import update
from typer.testing import CliRunner

from bot.cli import app
from bot.evaluation.logs import read_logs
from bot.store.conversations import ConversationStore, OutMessage
from bot.store.database import open_database
from bot.store.models import Conversation

PII = ("ana.lopez@example.com", "4111 1111 1111 1111", "+34 612 345 678")


async def _customer_turn(store: ConversationStore, cid: str, text: str, reply: str, *,
                         handoff: tuple[str, str] | None = None) -> int:
    """What the chat endpoint and turns.answer_turn store for one customer message."""
    msg, _ = await store.add_message(cid, OutMessage("customer", text, {}, client_id=text[:20]), pending=True)
    await store.record_turn(cid, msg.seq, [OutMessage("bot", reply, {"reply": {"text": reply}})], state={},
                            annotation={"intent": "order_status", "confidence": 0.9, "language": "es"},
                            handoff=handoff)
    return msg.seq


async def _fill(url: str) -> None:
    db = await open_database(url)
    try:
        redacting = ConversationStore(db.sessions, redact_pii=True)
        raw = ConversationStore(db.sessions, redact_pii=False)  # a shop that turned redaction off

        old, _ = await raw.create(customer_id=None, language="en", state={})
        await _customer_turn(raw, old.id, "hello", "Hi! How can I help?")
        async with db.sessions.begin() as s:  # a conversation from last month
            await s.execute(update(Conversation).where(Conversation.id == old.id)
                            .values(created_at=datetime(2026, 10, 1, 9, tzinfo=UTC)))

        new, _ = await redacting.create(customer_id="C0001", language="es", state={})
        await redacting.record_turn(new.id, None, [OutMessage("bot", "¡Hola! ¿En qué te ayudo?", {})], state={})
        await _customer_turn(redacting, new.id, f"¿dónde está mi pedido 1042? mi correo es {PII[0]}",
                             f"Te escribimos a {PII[0]}: está en camino.")
        await _customer_turn(redacting, new.id, f"quiero una persona, mi tarjeta {PII[1]}", "Te paso con un agente.",
                             handoff=("requested", "customer asked"))
        await redacting.change_owner(new.id, kind="take_over", owner="agent", conversation_status="open",
                                     agent="ana", status="agent_joined", text="ana joined")
        await redacting.add_message(new.id, OutMessage("agent", "Hola, soy Ana", {"agent": "ana"}, "a1"))
        thanks = await _customer_turn(raw, new.id, f"gracias, llamadme al {PII[2]}", "")
        assert await redacting.add_label(new.id, thanks, agent="ana", intent="thanks", sentiment="positive")
    finally:
        await db.engine.dispose()


def _export(tmp_path: Path, *args: str) -> tuple[Path, dict]:
    out = tmp_path / "logs.jsonl"
    res = CliRunner().invoke(app, ["export-logs", "--out", str(out), "--json", *args])
    assert res.exit_code == 0, res.output
    return out, json.loads(res.stdout)


def test_export_logs_from_the_server_database(tmp_path, monkeypatch):
    url = f"sqlite+aiosqlite:///{tmp_path / 'shop.db'}"
    asyncio.run(_fill(url))
    monkeypatch.setenv("SHOPBOT_DATABASE_URL", url)

    out, summary = _export(tmp_path)
    assert summary["conversations"] == 2
    assert [c.language for c in read_logs(out)] == ["en", "es"]  # oldest first

    out, summary = _export(tmp_path, "--since", "2026-11-01")
    [conv] = read_logs(out)
    assert conv.language == "es" and conv.customer_id == "C0001"
    roles = [t.role for t in conv.turns]
    assert roles == ["bot", "customer", "bot", "customer", "bot", "agent", "customer", "bot"]  # no system message
    text = out.read_text(encoding="utf-8")
    for pii in PII:  # redacted, also where the server stored the text raw
        assert pii not in text
    assert "[email]" in conv.turns[1].text and "[card]" in conv.turns[3].text and "[phone]" in conv.turns[6].text
    assert "1042" in conv.turns[1].text  # order numbers are not PII
    gold = conv.turns[6].gold
    assert (gold.intent, gold.sentiment, gold.labelled_by) == ("thanks", "positive", "agent")
    assert all(t.gold is None for t in conv.turns[:6])
    assert [(h["kind"], h["reason"]) for h in conv.meta["handoffs"]] == [("escalation", "requested"),
                                                                         ("take_over", "")]
    assert conv.meta["owner"] == "agent"


def test_exported_logs_feed_the_annotation_queue_rows(tmp_path, monkeypatch):
    """The relabelled turn is what the annotation queue must pick up, whatever the model says."""
    from bot.evaluation.queue import annotation_queue
    from bot.evaluation.replay import ReplayedTurn

    url = f"sqlite+aiosqlite:///{tmp_path / 'shop.db'}"
    asyncio.run(_fill(url))
    monkeypatch.setenv("SHOPBOT_DATABASE_URL", url)
    out, _ = _export(tmp_path, "--since", "2026-11-01")
    [conv] = read_logs(out)
    turns = [ReplayedTurn(conv.id, i, t.text, conv.language, t.gold, "thanks", 0.99, "positive", False)
             for i, t in conv.customer_turns()]
    [row] = annotation_queue(turns)
    assert row["reason"] == "relabelled" and row["intent"] == "thanks" and "[phone]" in row["text"]


def test_since_with_a_zone_is_converted_to_utc(tmp_path, monkeypatch):
    """SQLite keeps naive UTC: 10:00+01:00 is 09:00 UTC and must not be compared as 10:00."""
    async def fill(url: str) -> None:
        db = await open_database(url)
        try:
            store = ConversationStore(db.sessions, redact_pii=True)
            conv, _ = await store.create(customer_id=None, language="en", state={})
            async with db.sessions.begin() as s:
                await s.execute(update(Conversation).where(Conversation.id == conv.id)
                                .values(created_at=datetime(2026, 11, 1, 9, 30, tzinfo=UTC)))
        finally:
            await db.engine.dispose()

    url = f"sqlite+aiosqlite:///{tmp_path / 'shop.db'}"
    asyncio.run(fill(url))
    monkeypatch.setenv("SHOPBOT_DATABASE_URL", url)
    assert _export(tmp_path, "--since", "2026-11-01T10:00:00+01:00")[1]["conversations"] == 1  # 09:00 UTC
    assert _export(tmp_path, "--since", "2026-11-01T10:00:00Z")[1]["conversations"] == 0
    assert _export(tmp_path, "--since", "2026-11-01T09:00:00")[1]["conversations"] == 1  # naive = UTC


def test_a_bad_relabel_does_not_break_the_export(tmp_path, monkeypatch):
    """The agent socket stores any short string as a sentiment; one such label must not fail the whole export."""
    async def fill(url: str) -> None:
        db = await open_database(url)
        try:
            store = ConversationStore(db.sessions, redact_pii=True)
            conv, _ = await store.create(customer_id=None, language="en", state={})
            seq = await _customer_turn(store, conv.id, "this is a joke", "Sorry to hear that.")
            assert await store.add_label(conv.id, seq, agent="ana", intent="complaint", sentiment="angry")
            seq = await _customer_turn(store, conv.id, "ok", "Anything else?")
            assert await store.add_label(conv.id, seq, agent="ana", intent=None, sentiment="furious")
        finally:
            await db.engine.dispose()

    url = f"sqlite+aiosqlite:///{tmp_path / 'shop.db'}"
    asyncio.run(fill(url))
    monkeypatch.setenv("SHOPBOT_DATABASE_URL", url)
    out, summary = _export(tmp_path)
    [conv] = read_logs(out)
    golds = [t.gold for _, t in conv.customer_turns()]
    assert golds[0].intent == "complaint" and golds[0].sentiment is None and golds[0].labelled_by == "agent"
    assert golds[1] is None  # nothing usable was left of that label
