"""The production DialogueManager (rule-based stages, real order repository) through the real server:
order status with email verification in English, a grounded FAQ answer in Chinese, a Spanish
handoff with the bot going silent, and the agent panel's customer profile and orders."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import websockets
from conftest import Live, make_settings, start_thread_server
from test_agent import Agent

from bot.server.client import ChatClient
from bot.store.shop_repo import SqlOrderRepository


@pytest.fixture
def real(tmp_path: Path) -> Iterator[Live]:
    settings = make_settings(tmp_path, server={"dialogue_factory": "dialogue_wiring:build_dialogue",
                                               "turn_lease_s": 1.0})
    srv = start_thread_server(settings, real=True)
    assert srv.hub.dialogue is not None, srv.hub.dialogue_error
    yield srv
    srv.stop()


def texts(replies: list[dict]) -> str:
    return " ".join(r["reply"]["text"] for r in replies)


async def test_english_order_status_with_email_verification(real: Live) -> None:
    order = await SqlOrderRepository(real.hub.store.sessions).get("1042")
    assert order is not None
    async with ChatClient(real.chat_url, language="en") as c:
        await c.until("bot_message")
        first = await c.say("Where is my order 1042?")
        assert "email" in texts(first).lower() and first[0]["reply"]["kind"] == "clarify"
        second = await c.say(order.email)  # slot state survived the round trip through the database
        assert order.tracking_number in texts(second)
    stored = json.dumps([m.model_dump(mode="json") for m in await real.hub.store.messages_after(c.conversation_id, 0)])
    assert order.email not in stored and "[email]" in stored  # raw for the dialogue, redacted at rest
    info = await real.hub.store.get(c.conversation_id)
    assert info.state["focus_order"] == "1042" and info.state["order_verified"] is True


async def test_chinese_faq_is_grounded(real: Live) -> None:
    async with ChatClient(real.chat_url, language="zh") as c:
        await c.until("bot_message")
        reply = await c.say("运费多少？")
        assert "免运费" in texts(reply) and reply[0]["reply"]["citations"][0]["id"] == "faq-shipping"


async def test_spanish_handoff_silences_the_bot_and_agent_sees_the_customer(real: Live) -> None:
    order = await SqlOrderRepository(real.hub.store.sessions).get("1042")
    assert order is not None and order.customer_id
    async with ChatClient(real.chat_url, language="es", customer_id=order.customer_id) as c:
        await c.until("bot_message")
        assert "ayudo" in texts(await c.say("hola"))
        handoff = await c.say("quiero hablar con una persona")
        assert handoff and handoff[-1]["reply"]["kind"] == "handoff"
        statuses = [f for f in c.transcript() if f["type"] == "status"]
        assert statuses and statuses[-1]["status"] == "waiting_for_agent"
        assert await c.say("¿hola?", timeout=1.0) == []  # a human owns it now
        async with websockets.connect(real.agent_url()) as ws:
            agent = Agent(ws)
            await agent.until("auth_ok")
            await agent.send(type="open", conversation_id=c.conversation_id)
            snap = await agent.until("conversation")
    assert snap["owner"] == "agent" and snap["handoffs"][0]["reason"] == "requested"
    assert snap["customer"] and "1042" in json.dumps(snap["orders"])
    assert any(a["language"] == "es" for a in snap["annotations"].values())
