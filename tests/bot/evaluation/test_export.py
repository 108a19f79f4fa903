from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from typer.testing import CliRunner

from bot.cli import app
from bot.evaluation.logs import read_logs
from bot.store.db import Base, make_engine, make_sessionmaker
from bot.store.models import Conversation, HandoffRecord, Label, Message


async def _seed(url: str) -> None:
    engine = make_engine(url)
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    sessions = make_sessionmaker(engine)
    async with sessions.begin() as s:
        for cid, day in (("old", 1), ("new", 20)):
            s.add(Conversation(id=cid, resume_token_hash="x", customer_id="C0001", language="es",
                               created_at=datetime(2026, 11, day, 10, tzinfo=UTC)))
        await s.flush()
        rows = [("customer", "¿dónde está mi pedido 1042? mi correo es [EMAIL]"), ("bot", "Está en camino."),
                ("system", "agent joined"), ("agent", "Hola, soy Ana"), ("customer", "gracias")]
        for seq, (role, text) in enumerate(rows, 1):
            s.add(Message(conversation_id="new", seq=seq, role=role, text=text,
                          created_at=datetime(2026, 11, 20, 10, seq, tzinfo=UTC)))
        s.add(Message(conversation_id="old", seq=1, role="customer", text="hola"))
        s.add(Label(conversation_id="new", message_seq=5, text="gracias", intent="thanks", sentiment="positive",
                    agent="ana"))
        s.add(HandoffRecord(conversation_id="new", kind="take_over", reason="requested", agent="ana"))
    await engine.dispose()


def test_export_logs_since_with_agent_relabels(tmp_path, monkeypatch):
    url = f"sqlite+aiosqlite:///{tmp_path / 'shop.db'}"
    asyncio.run(_seed(url))
    monkeypatch.setenv("SHOPBOT_DATABASE_URL", url)
    out = tmp_path / "logs.jsonl"
    res = CliRunner().invoke(app, ["export-logs", "--out", str(out), "--since", "2026-11-10"])
    assert res.exit_code == 0, res.output
    [conv] = read_logs(out)
    assert conv.id == "new" and conv.language == "es" and conv.customer_id == "C0001"
    assert [t.role for t in conv.turns] == ["customer", "bot", "agent", "customer"]  # system messages left out
    assert "[EMAIL]" in conv.turns[0].text  # exported as stored (redacted)
    assert conv.turns[0].gold is None
    gold = conv.turns[3].gold
    assert (gold.intent, gold.sentiment, gold.labelled_by) == ("thanks", "positive", "agent")
    assert conv.meta["handoffs"][0]["kind"] == "take_over"
    res = CliRunner().invoke(app, ["export-logs", "--out", str(out)])
    assert [c.id for c in read_logs(out)] == ["old", "new"]
