"""The customer socket over a real uvicorn: conversation, seq/ack/replay, idempotent resend, recovery."""

from __future__ import annotations

import asyncio
import json

import httpx
import websockets
from conftest import Live

from bot.server.client import ChatClient


async def test_conversation_with_greeting_citations_and_products(live: Live) -> None:
    async with ChatClient(live.chat_url, language="es", customer_id="cust-1") as c:
        assert c.welcome["resumed"] is False and len(c.resume_token or "") >= 43  # 256-bit token
        greet = await c.until("bot_message")
        assert greet["reply"]["text"].startswith("Hello") and greet["seq"] == 1
        replies = await c.say("where is my order?")
        assert [r["reply"]["text"] for r in replies] == ["echo: where is my order?"]
        assert replies[0]["reply"]["citations"][0]["id"] == "faq-1"
        assert replies[0]["reply"]["products"][0]["product_id"] == "p1"
        assert replies[0]["in_reply_to"] == c.accepted[next(iter(c.accepted))]
        two = await c.say("give me two")
        assert [r["reply"]["text"] for r in two] == ["echo: give me two", "second reply"]
        seqs = sorted(c.seen)
        assert seqs == list(range(1, len(seqs) + 1))  # gap-free per-conversation sequence
    info = await live.hub.store.get(c.conversation_id)
    assert info.state["extra"]["turns"] == 2 and info.language == "es"
    async with httpx.AsyncClient() as http:
        metrics = (await http.get(f"{live.http}/metrics")).text
    assert "shopbot_turns_total" in metrics and 'stage="encode"' in metrics


async def test_resume_replays_exactly_the_missed_messages(live: Live) -> None:
    c = ChatClient(live.chat_url)
    await c.connect()
    await c.until("bot_message")
    await c.say("first")
    seen_before = c.last_seq
    # drop the connection while the bot is still working on a slow turn
    cid = await c.send("slow please")
    await c.until("accepted", client_id=cid)
    await c.ws.close()
    await asyncio.sleep(1.3)  # the reply is stored meanwhile
    await c.connect()
    assert c.welcome["resumed"] is True and c.welcome["conversation_id"] == c.conversation_id
    missed = await c.until("bot_message")
    assert missed["reply"]["text"] == "echo: slow please" and missed["seq"] > seen_before
    replies = await c.say("after")
    assert replies[0]["reply"]["text"] == "echo: after"
    assert c.duplicates == 0
    stored = await live.hub.store.messages_after(c.conversation_id, 0)
    assert [m.seq for m in stored] == sorted(c.seen)  # nothing lost, nothing extra
    await c.close()


async def test_resend_with_same_client_id_is_answered_once(live: Live) -> None:
    async with ChatClient(live.chat_url) as c:
        await c.until("bot_message")
        first = await c.say("hello there")
        # the same client_id again (as after a lost accepted frame): same seq, same answer, no new turn
        await c.send_raw(json.dumps({"type": "message", "client_id": next(iter(c.accepted)), "text": "hello there"}))
        acc = await c.until("accepted")
        assert acc["duplicate"] is True and acc["seq"] == first[0]["in_reply_to"]
    assert live.dialogue.seen.count("hello there") == 1
    # a fresh socket resending it (client lost everything but the token) gets the stored answer again
    c2 = ChatClient(live.chat_url)
    c2.conversation_id, c2.resume_token, c2.last_seq = c.conversation_id, c.resume_token, c.last_seq
    await c2.connect()
    await c2.send("hello there", client_id=next(iter(c.accepted)))
    await c2.until("accepted", duplicate=True)
    again = await c2.until("bot_message")
    assert again["seq"] == first[0]["seq"] and live.dialogue.seen.count("hello there") == 1
    await c2.close()


async def test_crashed_turn_is_answered_on_resume(live: Live) -> None:
    """A turn accepted but never answered (worker died) is answered once the lease expires."""
    async with ChatClient(live.chat_url) as c:
        await c.until("bot_message")
    from bot.store.conversations import OutMessage

    stored, _ = await live.hub.store.add_message(c.conversation_id, OutMessage("customer", "orphan", {}, "x1"),
                                                 pending=True)
    c2 = ChatClient(live.chat_url)
    c2.conversation_id, c2.resume_token, c2.last_seq = c.conversation_id, c.resume_token, c.last_seq
    await c2.connect()
    echo = await c2.until("customer_message")
    assert echo["text"] == "orphan"
    reply = await c2.until("bot_message", timeout=5)
    assert reply["in_reply_to"] == stored.seq and reply["reply"]["text"] == "echo: orphan"
    await c2.close()


async def test_wrong_resume_token_cannot_read_a_conversation(live: Live) -> None:
    async with ChatClient(live.chat_url) as c:
        await c.until("bot_message")
        await c.say("my secret order")
    async with websockets.connect(live.chat_url) as ws:
        await ws.send(json.dumps({"type": "hello", "conversation_id": c.conversation_id,
                                  "resume_token": "x" * 43, "last_seq": 0}))
        err = json.loads(await ws.recv())
        assert err["type"] == "error" and err["code"] == "invalid_resume_token"
        await ws.send(json.dumps({"type": "hello"}))  # the socket still works: a new conversation
        welcome = json.loads(await ws.recv())
        assert welcome["type"] == "welcome" and welcome["conversation_id"] != c.conversation_id


async def test_model_error_gets_graceful_reply_and_server_stays_up(live: Live) -> None:
    async with ChatClient(live.chat_url, language="zh") as c:
        await c.until("bot_message")
        replies = await c.say("boom")
        assert replies[0]["reply"]["kind"] == "error" and replies[0]["reply"]["quick_replies"] == ["转人工客服"]
        assert (await c.say("fine now"))[0]["reply"]["text"] == "echo: fine now"


async def test_events_are_stored_and_answered(live: Live) -> None:
    async with ChatClient(live.chat_url) as c:
        await c.until("bot_message")
        await c.send_raw(json.dumps({"type": "event", "client_id": "e1",
                                     "event": {"type": "product_click", "product_id": "p1"}}))
        await c.until("accepted", client_id="e1")
        reply = await c.until("bot_message")
        assert reply["reply"]["text"] == "noted product_click p1"
    info = await live.hub.store.get(c.conversation_id)
    assert info.state["clicked_products"] == ["p1"]
