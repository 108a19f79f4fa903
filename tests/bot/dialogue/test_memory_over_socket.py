"""Conversation memory (issue 10) through the real server: scripted multi-turn conversations over
``/ws/chat`` (the fifteen of ``test_focus`` plus topic changes), the focus surviving a reconnect and a
server restart (it is stored with the conversation), and the agent socket showing it.

The production DialogueManager, conversation store and sockets run on the tiny store with rule-based
model stages (``socket_wiring``); each reply is checked for the product it cites or the text it must say.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import websockets
from socket_wiring import LiveServer
from test_focus import CARDS, CONVERSATIONS, EMAIL_1042, Script

from bot.server.client import ChatClient

# More topic changes: a new product or order named mid-conversation replaces the focus.
TOPIC_CHANGES: dict[str, Script] = {
    "en-named-product-replaces-focus": [
        ("tell me about the ridge jacket", "P001", None),
        ("is the trail fleece jacket waterproof?", "P002", "No"),
        ("how much is it?", "P002", "79.00"),
    ],
    "zh-recommendation-then-faq-then-pick": [
        ("推荐一些商品", CARDS, None),
        ("运费多少？", "faq-shipping", "免运费"),
        ("第三个多少钱？", "P003", "159.00"),
    ],
    "es-order-then-product": [
        ("¿dónde está mi pedido 1042?", None, "correo"),
        (EMAIL_1042, None, "1Z4F8E2A1234567890"),
        ("háblame de la ridge jacket", "P001", None),
        ("¿es impermeable?", "P001", "Sí"),
    ],
}
SCRIPTS = {**CONVERSATIONS, **TOPIC_CHANGES}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    srv = LiveServer(tmp_path_factory.mktemp("memory-socket"))
    srv.start()
    yield srv
    srv.stop()


@pytest.fixture
def restartable(tmp_path: Path) -> Iterator[LiveServer]:
    """Its own server (stopping any server drains every hub of the process: keep these last)."""
    srv = LiveServer(tmp_path)
    srv.start()
    yield srv
    srv.stop()


def cited(replies: list[dict[str, Any]]) -> list[str]:
    return [c["id"] for r in replies for c in r["reply"]["citations"]]


def text(replies: list[dict[str, Any]]) -> str:
    return " ".join(r["reply"]["text"] for r in replies)


async def check(c: ChatClient, utterance: str, expected: str | None, contains: str | None) -> list[dict[str, Any]]:
    replies = await c.say(utterance)
    assert replies, utterance
    if expected == CARDS:
        assert len(replies[0]["reply"]["products"]) >= 3, (utterance, text(replies))
    elif expected:
        assert cited(replies) == [expected], (utterance, text(replies))
    if contains:
        assert contains in text(replies), (utterance, text(replies))
    return replies


def test_enough_scripts_per_language() -> None:
    for lang in ("en", "zh", "es"):
        assert sum(name.startswith(lang) for name in SCRIPTS) >= 5


@pytest.mark.parametrize("name", sorted(SCRIPTS))
async def test_scripted_conversation_over_the_websocket(server: LiveServer, name: str) -> None:
    lang = name[:2]
    async with ChatClient(server.chat_url, language=lang) as c:
        await c.until("bot_message")  # the greeting
        for utterance, expected, contains in SCRIPTS[name]:
            replies = await check(c, utterance, expected, contains)
            assert {r["language"] for r in replies} == {lang}, utterance


async def test_focus_survives_a_reconnect_and_a_server_restart(restartable: LiveServer) -> None:
    c = ChatClient(restartable.chat_url, language="en")
    await c.connect()
    await c.until("bot_message")
    cards = await check(c, "recommend something for hiking", CARDS, None)
    shown = [p["product_id"] for p in cards[0]["reply"]["products"]]
    await c.close()

    await c.connect()  # resume on a new socket: the list shown before is still what "second" means
    assert c.welcome["resumed"] is True
    await check(c, "is the second one waterproof?", shown[1], "No")
    await c.close()

    restartable.stop()
    restartable.start()  # a new process state; the conversation and its focus come from the database
    c.url = restartable.chat_url
    await c.connect()
    assert c.welcome["resumed"] is True
    await check(c, "how much is it?", shown[1], "79.00")  # "it" is still the second product
    await check(c, "how much is the last one?", shown[-1], "69.00")
    await c.close()


async def test_order_focus_survives_a_server_restart(restartable: LiveServer) -> None:
    c = ChatClient(restartable.chat_url, language="es")
    await c.connect()
    await c.until("bot_message")
    await check(c, "¿dónde está mi pedido 1042?", None, "correo")
    await check(c, EMAIL_1042, None, "1Z4F8E2A1234567890")
    await c.close()
    restartable.stop()
    restartable.start()
    c.url = restartable.chat_url
    await c.connect()
    await check(c, "¿y cuándo llega?", None, "2026-11-22")  # no number: the order in focus, still verified
    await c.close()


async def test_agent_socket_shows_the_focus_live_and_in_the_snapshot(restartable: LiveServer) -> None:
    server = restartable
    async with ChatClient(server.chat_url, language="en") as c, websockets.connect(server.agent_url) as agent:
        await c.until("bot_message")
        await check(c, "tell me about the ridge jacket", "P001", None)

        async def frame(kind: str) -> dict[str, Any]:
            while True:
                f = json.loads(await asyncio.wait_for(agent.recv(), timeout=10))
                if f["type"] == kind:
                    return f

        await frame("auth_ok")
        await agent.send(json.dumps({"type": "open", "conversation_id": c.conversation_id}))
        snap = await frame("conversation")
        assert snap["state"]["focus_products"][0] == "P001"
        await check(c, "where is my order 1042?", None, "email")
        turn = await frame("turn")
        assert turn["state"]["pending"] == {**turn["state"]["pending"], "intent": "order_status", "order": "1042"}
        assert "topics: product_question, order_status" in turn["summary"]
        assert "open: order_status awaiting email" in turn["summary"]  # what the bot is waiting for
        await check(c, EMAIL_1042, None, "1Z4F8E2A1234567890")
        turn = await frame("turn")
        assert turn["state"]["focus_order"] == "1042" and turn["state"]["order_verified"] is True
        assert "order 1042 (verified)" in turn["summary"]
