"""App assembly: the real dialogue factory without models fails /readyz with a reason, not the process."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import websockets
from conftest import make_settings, start_thread_server

from bot.server.app import create_app


def test_missing_models_fail_readyz_not_the_server(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, model_dir=tmp_path / "no-model", index_dir=tmp_path / "no-index")
    srv = start_thread_server(settings, dialogue=None, real=True)
    try:
        r = httpx.get(f"{srv.http}/readyz")
        assert r.status_code == 503 and "dialogue could not be loaded" in r.json()["reason"]
        assert httpx.get(f"{srv.http}/healthz").status_code == 200

        async def hello() -> dict:
            async with websockets.connect(srv.chat_url) as ws:
                await ws.send(json.dumps({"type": "hello"}))
                return json.loads(await ws.recv())

        import asyncio

        err = asyncio.run(hello())
        assert err["code"] == "unavailable" and err["retryable"] is True
    finally:
        srv.stop()


def test_create_app_loads_nothing_until_started(tmp_path: Path) -> None:
    app = create_app(make_settings(tmp_path), pages=False)
    assert not hasattr(app.state, "hub") and not (tmp_path / "chat.db").exists()
    assert {r.path for r in app.routes} >= {"/ws/chat", "/ws/agent", "/healthz", "/readyz", "/metrics",
                                            "/api/customers/{customer_id}"}


def test_agent_tokens_are_masked_in_uvicorn_request_lines() -> None:
    import logging

    from bot.server.runner import SecretQueryFilter

    record = logging.LogRecord("uvicorn.error", logging.INFO, "", 0, '%s - "WebSocket %s" [accepted]',
                               ("127.0.0.1:5", "/ws/agent?token=agent-secret&x=1"), None)
    assert SecretQueryFilter().filter(record)
    assert record.getMessage() == '127.0.0.1:5 - "WebSocket /ws/agent?token=***&x=1" [accepted]'
