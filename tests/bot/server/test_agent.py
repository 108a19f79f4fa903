"""The agent socket over a real uvicorn: auth, queue, snapshot, takeover, send, hand back, relabel."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import websockets
from pathlib import Path

from conftest import Live, make_settings, start_thread_server

from bot.server.client import ChatClient


class Agent:
    def __init__(self, ws: Any) -> None:
        self.ws = ws

    async def send(self, **frame: Any) -> None:
        await self.ws.send(json.dumps(frame))

    async def until(self, kind: str, timeout: float = 10, **match: Any) -> dict[str, Any]:
        loop = asyncio.get_running_loop()
        end = loop.time() + timeout
        while True:
            f = json.loads(await asyncio.wait_for(self.ws.recv(), timeout=max(0.01, end - loop.time())))
            if f["type"] == kind and all(f.get(k) == v for k, v in match.items()):
                return f


async def test_agent_auth_rejects_customer_tokens_and_garbage(live: Live) -> None:
    async with ChatClient(live.chat_url) as c:
        await c.until("bot_message")
    for token in (c.resume_token, "agent-secretX", ""):
        async with websockets.connect(live.agent_url(None)) as ws:
            await ws.send(json.dumps({"type": "auth", "token": token}))
            err = json.loads(await ws.recv())
            assert err["type"] == "error" and err["code"] in ("unauthorized", "invalid_frame")
    async with websockets.connect(live.agent_url(c.resume_token)) as ws:
        assert json.loads(await ws.recv())["code"] == "unauthorized"
        await asyncio.wait_for(ws.wait_closed(), 5)
        assert ws.close_code == 4401
    async with websockets.connect(live.agent_url(None)) as ws:  # unauthenticated commands are refused
        await ws.send(json.dumps({"type": "open", "conversation_id": c.conversation_id}))
        assert json.loads(await ws.recv())["code"] == "unauthorized"


async def test_escalation_takeover_send_handback_resolve_relabel(live: Live) -> None:
    async with websockets.connect(live.agent_url()) as ws, ChatClient(live.chat_url, customer_id="C7") as c:
        agent = Agent(ws)
        assert (await agent.until("auth_ok"))["agent"] == "agent1"
        await agent.send(type="subscribe_queue")
        await agent.until("queue")
        await c.until("bot_message")
        await c.say("I am angry about my order")
        # an agent cannot talk over the bot without taking the conversation
        await agent.send(type="send", conversation_id=c.conversation_id, client_id="a0", text="hello?")
        assert (await agent.until("error"))["code"] == "not_owner"
        handoff = await c.say("get me a human")
        assert handoff[0]["reply"]["kind"] == "handoff"
        status = [f for f in c.transcript() if f["type"] == "status"]  # arrives right after the reply
        assert status[-1]["status"] == "waiting_for_agent" and status[-1]["reason"] == "requested"
        queue = await agent.until("queue")
        while queue["items"][0]["risk"] < 1.0:  # earlier updates (the angry turn) may come first
            queue = await agent.until("queue")
        top = queue["items"][0]
        assert top["conversation_id"] == c.conversation_id and top["risk"] == 1.0
        assert top["handoff_reason"] == "requested"

        await agent.send(type="open", conversation_id=c.conversation_id)
        snap = await agent.until("conversation")
        roles = [m["role"] for m in snap["transcript"]]
        assert roles[:3] == ["bot", "customer", "bot"] and "system" in roles
        angry_seq = snap["transcript"][1]["seq"]
        assert snap["annotations"][str(angry_seq)]["sentiment"] == "negative"
        assert snap["sentiment_trend"][0] < 0 and snap["customer"]["name"] == "Ana"
        assert snap["orders"][0]["id"] == "A1001" and snap["products"][0]["product_id"] == "p1"
        assert snap["suggested_replies"] and "handoff: requested" in snap["summary"]

        await agent.send(type="take_over")
        assert (await agent.until("summary"))["summary"].endswith("handoff: requested; owned by agent1.")
        joined = await c.until("status")
        assert joined["status"] == "agent_joined" and joined["agent"] is None  # no display name: never the login
        # bot silent while the agent owns it, but the turn is still annotated for the agent
        assert await c.say("are you there?", timeout=1.0) == []
        turn = await agent.until("turn")
        assert turn["annotation"]["intent"] == "faq" and turn["suggested_replies"]
        await agent.send(type="send", client_id="a1", text="Hi, I'm here to help.")
        assert (await agent.until("accepted"))["client_id"] == "a1"
        got = await c.until("agent_message")
        assert got["text"] == "Hi, I'm here to help." and got["agent"] is None
        await agent.send(type="send", client_id="a1", text="Hi, I'm here to help.")  # idempotent
        assert (await agent.until("accepted"))["duplicate"] is True

        await agent.send(type="hand_back")
        assert (await c.until("status"))["status"] == "agent_left"
        # every desk following the conversation gets the new owner and summary at once, as a fresh snapshot has it
        handed_back = await agent.until("summary")
        await agent.send(type="open", conversation_id=c.conversation_id)
        assert handed_back["summary"] == (await agent.until("conversation"))["summary"]
        assert (handed_back["owner"], handed_back["agent"]) == ("bot", None)
        assert handed_back["summary"].endswith("; with the bot.") and "agent1" not in handed_back["summary"]
        assert (await c.say("back to bot"))[0]["reply"]["text"] == "echo: back to bot"

        await agent.send(type="relabel", message_seq=angry_seq, intent="complaint", sentiment="negative")
        assert (await agent.until("relabeled"))["message_seq"] == angry_seq
        await agent.send(type="relabel", message_seq=1, intent="x")  # seq 1 is the bot's greeting
        assert (await agent.until("error"))["code"] == "not_found"
        await agent.send(type="relabel", message_seq=angry_seq, sentiment="angry")  # not a label of the model
        refused = await agent.until("error")
        assert refused["code"] == "invalid_frame" and "sentiment" in str(refused["detail"])
        await agent.send(type="resolve")
        assert (await c.until("status"))["status"] == "resolved"
        queue = await agent.until("queue")
        while c.conversation_id in [i["conversation_id"] for i in queue["items"]]:
            queue = await agent.until("queue")
        assert c.conversation_id not in [i["conversation_id"] for i in queue["items"]]
    labels = await live.hub.store.labels()
    assert labels == [{"conversation_id": c.conversation_id, "message_seq": angry_seq,
                       "text": "I am angry about my order", "language": "en", "intent": "complaint",
                       "sentiment": "negative", "predicted_intent": "order_status", "agent": "agent1"}]
    kinds = [h["kind"] for h in await live.hub.store.handoffs(c.conversation_id)]
    assert kinds == ["escalation", "take_over", "hand_back", "resolve"]
    assert c.duplicates == 0 and sorted(c.seen) == list(range(1, max(c.seen) + 1))


async def test_live_turn_summary_matches_a_fresh_snapshot_across_turns_a_resume_and_a_handoff(live: Live) -> None:
    """The ``turn`` event's summary and state are built from what the turn stored (no re-read): after every
    turn they equal what an agent opening the conversation afresh sees, also for a turn answered while the
    customer's socket was down and after the customer resumed."""
    async with websockets.connect(live.agent_url()) as ws:
        agent = Agent(ws)
        await agent.until("auth_ok")
        c = ChatClient(live.chat_url)
        await c.connect()
        await c.until("bot_message")
        await agent.send(type="open", conversation_id=c.conversation_id)
        await agent.until("conversation")

        async def agree(turn: dict[str, Any]) -> str:
            await agent.send(type="open", conversation_id=c.conversation_id)
            snap = await agent.until("conversation")
            assert turn["summary"] == snap["summary"] and turn["state"] == snap["state"]
            assert turn["seq"] in {int(k) for k in snap["annotations"]}
            return str(turn["summary"])

        for text in ("where is my order", "I am angry", "what about shipping"):
            await c.say(text)
            summary = await agree(await agent.until("turn"))
        assert summary.startswith("3 customer turn(s) in en; topics: faq, order_status;")
        cid = await c.send("slow order please")  # the socket drops mid-turn; the turn is answered anyway
        await c.until("accepted", client_id=cid)
        await c.ws.close()
        summary = await agree(await agent.until("turn"))
        assert summary.startswith("4 customer turn(s) in en; topics: order_status, faq;")
        await c.connect()
        assert c.welcome["resumed"] is True and (await c.until("bot_message"))["in_reply_to"] > 0
        await c.say("a human please")
        turn = await agent.until("turn")
        summary = await agree(turn)
        assert turn["owner"] == "agent" and turn["state"]["owner"] == "agent"
        assert summary.startswith("5 customer turn(s) in en;") and "handoff: requested; waiting for an agent." in summary
        await c.close()
    assert c.duplicates == 0 and sorted(c.seen) == list(range(1, max(c.seen) + 1))


async def test_customers_see_the_agents_display_name_never_the_login(tmp_path: Path) -> None:
    """SHOPBOT_AGENT_NAMES maps logins to the names customers see; the agent desk keeps the login."""
    srv = start_thread_server(make_settings(tmp_path, agent_tokens=["agent-secret", "other-secret"],
                                            agent_names={"agent1": "Maria"}))
    try:
        for token, shown in (("agent-secret", "Maria"), ("other-secret", None)):
            async with websockets.connect(srv.agent_url(token)) as ws, ChatClient(srv.chat_url) as c:
                agent = Agent(ws)
                ok = await agent.until("auth_ok")
                login = ok["agent"]
                assert ok["display_name"] == shown  # the desk knows what customers see
                await c.until("bot_message")
                await agent.send(type="take_over", conversation_id=c.conversation_id)
                await agent.send(type="send", conversation_id=c.conversation_id, client_id="a1", text="Hello")
                assert (await c.until("status"))["agent"] == shown
                assert (await c.until("agent_message"))["agent"] == shown
                await agent.send(type="open", conversation_id=c.conversation_id)
                assert (await agent.until("conversation"))["agent"] == login
            again = ChatClient(srv.chat_url)  # a resume from seq 0 replays the same names
            again.conversation_id, again.resume_token = c.conversation_id, c.resume_token
            async with again:
                await again.until("agent_message")
                assert login not in json.dumps(again.transcript())
                assert [f["agent"] for f in again.transcript() if f["type"] in ("status", "agent_message")] == [shown] * 2
    finally:
        srv.stop()


async def test_agent_socket_survives_bad_frames(live: Live) -> None:
    async with websockets.connect(live.agent_url()) as ws:
        agent = Agent(ws)
        await agent.until("auth_ok")
        for raw, code in [("nope", "malformed_json"), ('{"type": "hello"}', "unknown_type"),
                          ('{"type": "open"}', "invalid_frame"), ('{"type": "take_over"}', "invalid_frame"),
                          ('{"type": "open", "conversation_id": "missing"}', "not_found")]:
            await ws.send(raw)
            assert (await agent.until("error"))["code"] == code
        await ws.send(b"\x01")
        assert (await agent.until("error"))["code"] == "binary_not_supported"
        await agent.send(type="ping", nonce="p")
        assert (await agent.until("pong"))["nonce"] == "p"


async def test_an_agent_cannot_write_into_a_conversation_another_agent_handles(tmp_path: Path) -> None:
    """Two agents on one conversation: after agent2 takes it over from agent1, agent1's reply is refused
    (``not_owner``, who has it in ``detail``) instead of reaching the customer beside agent2's; a hand-off
    nobody has taken yet is not anybody's either."""
    srv = start_thread_server(make_settings(tmp_path, agent_tokens=["agent-secret", "other-secret"]))
    try:
        async with (websockets.connect(srv.agent_url("agent-secret")) as ws1,
                    websockets.connect(srv.agent_url("other-secret")) as ws2, ChatClient(srv.chat_url) as c):
            first, second = Agent(ws1), Agent(ws2)
            await first.until("auth_ok")
            await second.until("auth_ok")
            await c.until("bot_message")
            await c.say("get me a human")  # waiting for an agent: owner "agent", nobody's yet
            await first.send(type="send", conversation_id=c.conversation_id, client_id="early", text="Hi?")
            early = await first.until("error")
            assert (early["code"], early["client_id"], early["detail"]) == (
                "not_owner", "early", {"owner": "agent", "agent": None})
            await first.send(type="take_over", conversation_id=c.conversation_id)
            await c.until("status", status="agent_joined")
            await first.send(type="send", conversation_id=c.conversation_id, client_id="a1", text="I'm on it.")
            await first.until("accepted", client_id="a1")
            await second.send(type="take_over", conversation_id=c.conversation_id)
            await c.until("status", status="agent_joined")
            await first.send(type="send", conversation_id=c.conversation_id, client_id="a2", text="Still me!")
            refused = await first.until("error")
            assert (refused["code"], refused["client_id"], refused["detail"]) == (
                "not_owner", "a2", {"owner": "agent", "agent": "agent2"})
            await second.send(type="send", conversation_id=c.conversation_id, client_id="b1", text="Agent two here.")
            await second.until("accepted", client_id="b1")
            await c.until("agent_message", text="Agent two here.")
            assert [f["text"] for f in c.transcript() if f["type"] == "agent_message"] == ["I'm on it.", "Agent two here."]
            await second.send(type="open", conversation_id=c.conversation_id)
            snap = await second.until("conversation")
        assert [m["text"] for m in snap["transcript"] if m["role"] == "agent"] == ["I'm on it.", "Agent two here."]
    finally:
        srv.stop()
