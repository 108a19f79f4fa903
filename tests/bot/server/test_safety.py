"""Bad input over a real socket: typed errors, the connection stays usable; redaction; erasure."""

from __future__ import annotations

import asyncio
import json

import httpx
import pytest
import websockets
from conftest import Live

from bot.server.client import ChatClient

BAD_FRAMES = [
    ("{oops", "malformed_json"),
    ('"just a string"', "invalid_frame"),
    ('{"type": "teleport"}', "unknown_type"),
    ('{"no_type": 1}', "unknown_type"),
    ('{"type": "message", "client_id": "", "text": "x"}', "invalid_frame"),
    ('{"type": "message", "client_id": "c1", "text": 5}', "invalid_frame"),
    ('{"type": "event", "client_id": "e", "event": {"type": "steal", "product_id": "p"}}', "invalid_frame"),
    ('{"type": "ack", "seq": "nine"}', "invalid_frame"),
    ('{"type": "hello", "protocol": 99}', "unsupported_protocol"),
    ('{"type": "message", "client_id": "c2", "text": "   "}', "invalid_frame"),
    (json.dumps({"type": "message", "client_id": "c3", "text": "x" * 2001}), "text_too_long"),
    (json.dumps({"type": "message", "client_id": "c4", "text": "y" * 20_000}), "frame_too_large"),
    ("[" * 5000 + "]" * 5000, "invalid_frame"),
]


async def test_every_bad_frame_gets_a_typed_error_and_the_socket_survives(live: Live) -> None:
    async with ChatClient(live.chat_url) as c:
        await c.until("bot_message")
        for raw, code in BAD_FRAMES:
            await c.send_raw(raw)
            err = await c.until("error")
            assert err["code"] == code, raw[:60]
        await c.send_raw(b"\x00\x01binary")
        assert (await c.until("error"))["code"] == "binary_not_supported"
        assert (await c.say("still here?"))[0]["reply"]["text"] == "echo: still here?"
    async with httpx.AsyncClient() as http:
        errors = (await http.get(f"{live.http}/metrics")).text
    assert 'shopbot_errors_total{code="malformed_json",endpoint="chat"} 1.0' in errors


async def test_frames_before_hello_are_refused(live: Live) -> None:
    async with websockets.connect(live.chat_url) as ws:
        await ws.send(json.dumps({"type": "message", "client_id": "c1", "text": "hi"}))
        err = json.loads(await ws.recv())
        assert err["code"] == "hello_required" and err["client_id"] == "c1"
        await ws.send(json.dumps({"type": "ping", "nonce": "n"}))
        assert json.loads(await ws.recv()) == {"type": "pong", "nonce": "n"}


async def test_flood_is_rate_limited_without_losing_accepted_messages(live: Live) -> None:
    async with ChatClient(live.chat_url) as c:
        await c.until("bot_message")
        ids = [f"f{i}" for i in range(30)]
        for cid in ids:
            await c.send_raw(json.dumps({"type": "message", "client_id": cid, "text": f"flood {cid}"}))
        accepted, limited = set(), set()
        while len(accepted) + len(limited) < len(ids):
            f = await c.recv(timeout=10)
            if f["type"] == "accepted":
                accepted.add(f["client_id"])
            elif f["type"] == "error":
                assert f["code"] == "rate_limited" and f["retryable"] is True
                limited.add(f["client_id"])
        assert limited and accepted and accepted | limited == set(ids)
        await asyncio.sleep(0.5)  # tokens come back
        assert (await c.say("calm again"))[0]["reply"]["text"] == "echo: calm again"
    stored = [m for m in await live.hub.store.messages_after(c.conversation_id, 0) if m.role == "customer"]
    assert {m.client_id for m in stored} == accepted | {c2 for c2 in c.accepted if c2 not in ids}


async def test_transport_cap_closes_only_beyond_the_hard_limit(live: Live) -> None:
    async with websockets.connect(live.chat_url, max_size=None) as ws:
        await ws.send("z" * (live.settings.server.ws_max_bytes + 10))
        with pytest.raises(websockets.ConnectionClosed) as e:
            await asyncio.wait_for(ws.recv(), timeout=5)
        assert e.value.rcvd is not None and e.value.rcvd.code == 1009


async def test_card_email_phone_redacted_in_store_but_raw_for_dialogue(live: Live) -> None:
    text = "charge card 4111 1111 1111 1111, mail ana@example.com or call +34 612 345 678"
    async with ChatClient(live.chat_url, customer_id="cust-pii") as c:
        await c.until("bot_message")
        live_reply = await c.say(text)
    assert text in live.dialogue.seen  # the live dialogue gets the raw text ...
    assert live_reply[0]["reply"]["text"] == f"echo: {text}"  # ... and the customer its reply as said
    stored = await live.hub.store.messages_after(c.conversation_id, 0)
    dump = json.dumps([m.model_dump(mode="json") for m in stored])
    assert "4111" not in dump and "ana@example.com" not in dump and "612 345" not in dump
    assert "[card]" in dump and "[email]" in dump and "[phone]" in dump


async def test_delete_customer_erases_everything_and_needs_a_token(live: Live) -> None:
    async with ChatClient(live.chat_url, customer_id="cust-gone") as c:
        await c.until("bot_message")
        await c.say("my order please")
        async with httpx.AsyncClient(base_url=live.http) as http:
            assert (await http.delete("/api/customers/cust-gone")).status_code == 401
            assert (await http.delete("/api/customers/cust-gone",
                                      headers={"Authorization": f"Bearer {c.resume_token}"})).status_code == 401
            r = await http.delete("/api/customers/cust-gone", headers={"Authorization": "Bearer agent-secret"})
        assert r.json()["erased_conversations"] == 1
        assert (await c.until("error"))["code"] == "erased"
    assert await live.hub.store.get(c.conversation_id) is None
    assert await live.hub.store.messages_after(c.conversation_id, 0) == []
    assert await live.hub.store.annotations(c.conversation_id) == {}


async def test_health_ready_metrics(live: Live) -> None:
    async with httpx.AsyncClient(base_url=live.http) as http:
        assert (await http.get("/healthz")).json() == {"ok": True}
        ready = (await http.get("/readyz")).json()
        assert ready["ready"] is True and ready["protocol"] == 1
        assert "shopbot_connections" in (await http.get("/metrics")).text


async def test_random_frames_never_break_the_socket(live: Live) -> None:
    """A small seeded fuzz (the big hypothesis run lives with the load tests): each frame gets at most
    one error, the server never closes the socket, and a normal message still works afterwards."""
    import random

    rng = random.Random(6)
    kinds = ["hello", "message", "ack", "event", "feedback", "ping", "nope", None, 7]
    async with ChatClient(live.chat_url) as c:
        await c.until("bot_message")
        for i in range(150):
            frame: object = {"type": rng.choice(kinds), "client_id": rng.choice(["", "x" * 70, f"z{i}", 5]),
                             "text": rng.choice(["", "hi", "\u0000\ud7ff" * 3, "x" * 2100, None]),
                             "seq": rng.choice([-1, 0, 3, "a", 10**30]), "event": rng.choice([{}, [], "x", None])}
            raw = json.dumps(frame) if i % 3 else json.dumps(frame)[: rng.randrange(1, 40)]
            await c.send_raw(raw)
            await asyncio.sleep(0.2 if i % 10 == 0 else 0)  # let the token bucket refill now and then
        while True:
            try:
                f = await c.recv(timeout=1.5)
            except TimeoutError:
                break
            assert f["type"] in {"error", "accepted", "bot_message", "pong", "customer_message", "typing"}
        await asyncio.sleep(1.0)
        assert (await c.say("survived"))[0]["reply"]["text"] == "echo: survived"


async def test_a_database_outage_answers_internal_and_keeps_the_socket(live: Live) -> None:
    from sqlalchemy.exc import OperationalError

    store = live.hub.store
    real_add = store.add_message
    calls = 0

    async def flaky(*args: object, **kwargs: object) -> object:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise OperationalError("INSERT", {}, Exception("server closed the connection"))
        return await real_add(*args, **kwargs)  # type: ignore[arg-type]

    store.add_message = flaky  # type: ignore[method-assign]
    async with ChatClient(live.chat_url) as c:
        await c.until("bot_message")
        cid = await c.send("during the outage")
        err = await c.until("error")
        assert err["code"] == "internal" and err["retryable"] is True
        await c.send("during the outage", client_id=cid)  # the client resends; now it works
        await c.until("accepted", client_id=cid)
        assert (await c.until("bot_message"))["reply"]["text"] == "echo: during the outage"
