"""Hypothesis fuzzing of ``/ws/chat`` and ``/ws/agent`` over the real socket.

Random JSON, mutated valid frames (fields dropped, retyped, added; types swapped; texts around the
limits), truncated JSON, deep nesting, raw text and binary frames go to a live uvicorn. Every frame the
protocol rejects must be answered by a typed error (one of ``protocol.ErrorCode``), nothing else the
server sends may be malformed, the socket stays open, and afterwards a ping and a well-formed
conversation still work. Invalid UTF-8 closes with 1007 (documented) and the server carries on.
Nothing may leak: connections, bus subscriptions, turn locks and in-flight turns return to zero.

The default run sends a few hundred frames; ``-m slow`` runs >= 10,000 per endpoint
(``SHOPBOT_FUZZ_EXAMPLES`` scales it).
"""

from __future__ import annotations

import asyncio
import json
import os
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import websockets
from conftest import Live, make_settings, start_thread_server
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.server import protocol as p
from bot.server.client import ChatClient

ERROR_CODES = set(typing.get_args(p.ErrorCode))
CHAT_OUT = {"welcome", "accepted", "bot_message", "agent_message", "customer_message", "status", "typing", "error",
            "reconnect", "pong"}
AGENT_OUT = {"auth_ok", "queue", "conversation", "message", "turn", "relabeled", "error", "pong", "status",
             "accepted", "reconnect"}

CHAT_BASE: list[dict[str, Any]] = [
    {"type": "hello", "protocol": 1, "language": "en", "customer_id": "C1001"},
    {"type": "message", "client_id": "c-1", "text": "Where is my order 1042?"},
    {"type": "ack", "seq": 3},
    {"type": "event", "client_id": "e-1", "event": {"type": "product_click", "product_id": "P0001"}},
    {"type": "feedback", "seq": 2, "rating": 1, "comment": "helpful"},
    {"type": "ping", "nonce": "n1"},
]
AGENT_BASE: list[dict[str, Any]] = [
    {"type": "auth", "token": "agent-secret"},
    {"type": "subscribe_queue"},
    {"type": "open", "conversation_id": "5f0c6f7e-3c1b-4c55-9d7e-1f2a3b4c5d6e"},
    {"type": "take_over"},
    {"type": "send", "client_id": "a-1", "text": "Hi, Ana here", "products": ["P0001"]},
    {"type": "hand_back"},
    {"type": "resolve"},
    {"type": "relabel", "message_seq": 2, "intent": "order_status", "sentiment": "neutral"},
    {"type": "ping", "nonce": "n2"},
]

scalars = (st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.floats(allow_nan=False, allow_infinity=False)
           | st.text(max_size=40))
json_values = st.recursive(scalars, lambda c: st.lists(c, max_size=4) | st.dictionaries(st.text(max_size=8), c, max_size=4),
                           max_leaves=12)
odd_texts = st.sampled_from(["", " ", "x" * 1999, "y" * 2001, "z" * 20_000, "\u0000", "\ufeff{}", "null", "🙂" * 600,
                             "订单" * 700, "'; DROP TABLE messages; --", "\\u0000", "{" * 3000])


def mutate(base: list[dict[str, Any]], types: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    """A valid frame with one to three edits: drop / retype / add a field, swap the type, odd texts."""

    @st.composite
    def build(draw: Any) -> dict[str, Any]:
        frame = dict(draw(st.sampled_from(base)))
        for _ in range(draw(st.integers(1, 3))):
            edit = draw(st.sampled_from(["drop", "retype", "add", "swap", "text"]))
            keys = list(frame)
            if edit == "drop" and keys:
                frame.pop(draw(st.sampled_from(keys)))
            elif edit == "retype" and keys:
                frame[draw(st.sampled_from(keys))] = draw(json_values)
            elif edit == "add":
                frame[draw(st.text(max_size=12))] = draw(json_values)
            elif edit == "swap":
                frame["type"] = draw(st.sampled_from([*types, "teleport", "", "HELLO"]))
            else:
                frame[draw(st.sampled_from(["text", "client_id", "conversation_id", "token", "comment"]))] = draw(odd_texts)
        return frame

    return build()


def frames(base: list[dict[str, Any]], types: list[str]) -> st.SearchStrategy[tuple[str, Any]]:
    """(kind, payload): kind ``text`` (a str sent as a text frame) or ``binary``."""
    dumped = st.one_of(mutate(base, types), st.dictionaries(st.text(max_size=10), json_values, max_size=5),
                       json_values).map(lambda v: json.dumps(v, ensure_ascii=False))
    truncated = st.tuples(mutate(base, types), st.integers(1, 60)).map(lambda t: json.dumps(t[0])[: t[1]])
    deep = st.integers(10, 8000).map(lambda n: "[" * n + "]" * n)
    deep_obj = st.integers(10, 3000).map(lambda n: '{"a":' * n + "1" + "}" * n)
    text = st.one_of(dumped, dumped, dumped, truncated, deep, deep_obj, st.text(max_size=200), odd_texts)
    return st.one_of(text.map(lambda s: ("text", s)), st.binary(max_size=300).map(lambda b: ("binary", b)))


def rejected(kind: str, payload: Any, parse: Any, limits: Any) -> bool:
    """Whether the server must answer this frame with an error (checked with the protocol's own parser)."""
    if kind == "binary":
        return True
    if len(payload.encode()) > limits.max_frame_bytes:
        return True
    try:
        frame = parse(payload)
    except p.FrameError:
        return True
    text = getattr(frame, "text", None)
    return isinstance(frame, p.Message) and (not text.strip() or len(text) > limits.max_text_chars)


async def exchange(url: str, batch: list[tuple[str, Any]], *, agent: bool, limits: Any) -> int:
    """Send ``batch`` on a fresh socket; return how many frames went out. Asserts the guarantees."""
    parse = p.parse_agent_frame if agent else p.parse_chat_frame
    allowed = AGENT_OUT if agent else CHAT_OUT
    async with websockets.connect(url, max_size=2**22) as ws:
        if agent:
            assert json.loads(await ws.recv())["type"] == "auth_ok"
        else:
            await ws.send(json.dumps({"type": "hello", "protocol": 1, "language": "en"}))
        must_fail = 0
        for kind, payload in batch:
            await ws.send(payload)
            must_fail += rejected(kind, payload, parse, limits)
        await ws.send(json.dumps({"type": "ping", "nonce": "end-of-batch"}))
        errors = 0
        while True:  # frames are handled in order: the pong comes after every answer to the batch
            frame = json.loads(await asyncio.wait_for(ws.recv(), timeout=30))
            assert frame.get("type") in allowed, frame
            if frame["type"] == "error":
                assert frame["code"] in ERROR_CODES, frame
                errors += 1
            if frame == {"type": "pong", "nonce": "end-of-batch"}:
                break
        assert errors >= must_fail, f"{must_fail} rejected frames, {errors} error frames"
        assert errors <= len(batch) + 1
    return len(batch)


def assert_no_leaks(live: Live) -> None:
    hub = live.hub
    for _ in range(100):
        if not hub.connections and not hub.inflight:
            break
        import time

        time.sleep(0.05)
    assert not hub.connections and not hub.inflight and not hub._locks
    assert not getattr(hub.bus, "index", {}), "bus subscriptions left behind"


async def conversation_still_works(live: Live) -> None:
    async with ChatClient(live.chat_url) as c:
        await c.until("bot_message")
        assert (await c.say("still there?"))[0]["reply"]["text"] == "echo: still there?"


@pytest.fixture
def fuzz_live(tmp_path: Path) -> Iterator[Live]:
    """Rate limits high enough that the frames reach the parser (the flood test keeps the defaults)."""
    srv = start_thread_server(make_settings(tmp_path, limits={"rate_limit_per_s": 10_000, "rate_limit_burst": 10_000}))
    yield srv
    srv.stop()


def run_fuzz(live: Live, *, agent: bool, examples: int, min_frames: int, max_frames: int) -> int:
    url = live.agent_url() if agent else live.chat_url
    base, types = (AGENT_BASE, sorted(p.AGENT_TYPES)) if agent else (CHAT_BASE, sorted(p.CHAT_TYPES))
    sent = 0

    @settings(max_examples=examples, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(st.lists(frames(base, types), min_size=min_frames, max_size=max_frames))
    def one(batch: list[tuple[str, Any]]) -> None:
        nonlocal sent
        sent += asyncio.run(exchange(url, batch, agent=agent, limits=live.settings.limits))

    one()
    return sent


@pytest.mark.parametrize("agent", [False, True], ids=["chat", "agent"])
def test_fuzzed_frames_get_typed_errors_and_nothing_breaks(fuzz_live: Live, agent: bool) -> None:
    sent = run_fuzz(fuzz_live, agent=agent, examples=12, min_frames=10, max_frames=25)
    assert sent >= 120
    asyncio.run(conversation_still_works(fuzz_live))
    assert_no_leaks(fuzz_live)


@pytest.mark.slow
@pytest.mark.parametrize("agent", [False, True], ids=["chat", "agent"])
def test_ten_thousand_fuzzed_frames(fuzz_live: Live, agent: bool) -> None:
    examples = int(os.environ.get("SHOPBOT_FUZZ_EXAMPLES", "300"))
    sent = run_fuzz(fuzz_live, agent=agent, examples=examples, min_frames=35, max_frames=60)
    asyncio.run(conversation_still_works(fuzz_live))
    assert_no_leaks(fuzz_live)
    assert sent >= min(10_000, examples * 35), sent
    print(f"{'agent' if agent else 'chat'}: {sent} fuzzed frames")


@settings(max_examples=15, deadline=None, database=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(st.binary(min_size=1, max_size=64).filter(lambda b: not _utf8(b)), st.booleans())
def test_invalid_utf8_closes_only_that_socket(fuzz_live: Live, data: bytes, agent: bool) -> None:
    async def go() -> None:
        url = fuzz_live.agent_url() if agent else fuzz_live.chat_url
        async with websockets.connect(url) as ws:
            await ws.send(data, text=True)  # a text frame that is not UTF-8
            with pytest.raises(websockets.ConnectionClosed) as closed:
                while True:
                    await asyncio.wait_for(ws.recv(), timeout=10)
            assert closed.value.rcvd is not None and closed.value.rcvd.code == 1007
        await conversation_still_works(fuzz_live)

    asyncio.run(go())


def _utf8(b: bytes) -> bool:
    try:
        b.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


async def test_flood_of_frames_is_rate_limited_and_the_socket_survives(live: Live) -> None:
    """Default limits: 2,000 frames as fast as they go get answers or ``rate_limited``, never a close."""
    async with websockets.connect(live.chat_url) as ws:
        await ws.send(json.dumps({"type": "hello", "protocol": 1}))
        for i in range(2000):
            frame = {"type": "ping", "nonce": str(i)} if i % 2 else {"type": "message", "client_id": f"f{i}", "text": "hi"}
            await ws.send(json.dumps(frame))
        codes: dict[str, int] = {}
        while True:
            try:
                frame = json.loads(await asyncio.wait_for(ws.recv(), timeout=3))
            except TimeoutError:
                break
            assert frame["type"] in CHAT_OUT
            if frame["type"] == "error":
                codes[frame["code"]] = codes.get(frame["code"], 0) + 1
        assert codes.get("rate_limited", 0) > 1000 and set(codes) == {"rate_limited"}
        await asyncio.sleep(1.5)  # the bucket refills
        await ws.send(json.dumps({"type": "ping", "nonce": "after"}))
        while (frame := json.loads(await asyncio.wait_for(ws.recv(), timeout=5))).get("nonce") != "after":
            pass
    await conversation_still_works(live)
    assert_no_leaks(live)
