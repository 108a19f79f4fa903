"""Server processes: kill -9 and restart on the same SQLite file; graceful SIGTERM drain."""

from __future__ import annotations

import asyncio
from pathlib import Path

from conftest import start_process

from bot.server.client import ChatClient


async def test_kill_9_and_restart_loses_nothing(tmp_path: Path) -> None:
    env = {"SHOPBOT_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'chat.db'}"}
    srv = start_process(env, tmp_path / "server.log")
    try:
        c = ChatClient(srv.chat_url, customer_id="C1")
        await c.connect()
        await c.until("bot_message")
        assert (await c.say("one"))[0]["reply"]["text"] == "echo: one"
        slow = await c.send("slow 2nd")
        await c.until("accepted", client_id=slow)  # stored durably ...
        srv.kill()  # ... and the worker dies before answering
        srv = start_process(env, tmp_path / "server.log", port=srv.port)
        await c.connect()
        assert c.welcome["resumed"] is True
        late = await c.until("bot_message", timeout=15)  # answered once the dead worker's lease expires
        assert late["reply"]["text"] == "echo: slow 2nd"
        assert (await c.say("three"))[0]["reply"]["text"] == "echo: three"
        # a client that lost its socket mid-send resends with the same client_id after the restart
        cid = await c.send("four")
        await c.until("accepted", client_id=cid)
        await c.ws.close()
        await c.connect()
        await c.send("four", client_id=cid)
        await c.until("accepted", client_id=cid, duplicate=True)
        if not any(f["type"] == "bot_message" and f["reply"]["text"] == "echo: four" for f in c.transcript()):
            await c.until("bot_message")
        await asyncio.sleep(0.3)
        texts = [f["reply"]["text"] for f in c.transcript() if f["type"] == "bot_message"]
        assert texts == ["Hello! How can I help?", "echo: one", "echo: slow 2nd", "echo: three", "echo: four"]
        assert c.duplicates == 0 and sorted(c.seen) == list(range(1, max(c.seen) + 1))
        await c.close()
    finally:
        srv.terminate()


async def test_sigterm_drains_running_turns_and_asks_clients_to_reconnect(tmp_path: Path) -> None:
    env = {"SHOPBOT_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'chat.db'}"}
    srv = start_process(env, tmp_path / "server.log")
    try:
        c = ChatClient(srv.chat_url)
        await c.connect()
        await c.until("bot_message")
        cid = await c.send("slow reply please")
        await c.until("accepted", client_id=cid)
        srv.proc.terminate()
        reply = await c.until("bot_message", timeout=10)  # the running turn finishes first
        assert reply["reply"]["text"] == "echo: slow reply please"
        assert (await c.until("reconnect", timeout=10))["reason"] == "shutdown"
        srv.proc.wait(timeout=20)
        assert srv.proc.returncode in (0, -15), (tmp_path / "server.log").read_text()[-2000:]
    finally:
        srv.terminate()
