"""The FastAPI app: websockets, health, metrics and the erasure endpoint.

>>> from bot.settings import Settings
>>> app = create_app(Settings(cache_dir="/tmp/sb"))   # nothing loads until the lifespan starts

Loading happens in the lifespan: database + migrations, the event bus (Redis when
``SHOPBOT_REDIS_URL`` is set) and the dialogue (``bot.dialogue:build_dialogue`` unless one is injected
or ``SHOPBOT_SERVER__DIALOGUE_FACTORY`` names another).
"""

from __future__ import annotations

import contextlib
import hmac
import logging
from collections.abc import AsyncIterator
from typing import Any

from fastapi import FastAPI, Header, HTTPException, Request
from fastapi.responses import JSONResponse, Response

from bot.dialogue.ports import Dialogue
from bot.server.agent import agent_endpoint
from bot.server.chat import chat_endpoint
from bot.server.events import LocalBus, RedisBus, make_bus
from bot.server.hub import CustomerDirectory, Hub
from bot.server.metrics import Metrics
from bot.server.protocol import PROTOCOL_VERSION
from bot.settings import Settings
from bot.store.conversations import ConversationStore
from bot.store.database import open_database

log = logging.getLogger(__name__)


def create_app(settings: Settings, *, dialogue: Dialogue | None = None, directory: CustomerDirectory | None = None,
               bus: LocalBus | RedisBus | None = None, pages: bool = True) -> FastAPI:
    """Build the app. Tests inject ``dialogue`` (and optionally ``directory``/``bus``)."""

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        assert settings.database_url is not None
        db = await open_database(settings.database_url, sqlite_synchronous=settings.server.sqlite_synchronous,
                                 sqlite_inline=settings.server.sqlite_inline, pg_pool_size=settings.server.pg_pool_size)
        event_bus = bus or make_bus(settings.redis_url)
        await event_bus.start()
        store = ConversationStore(db.sessions, redact_pii=settings.redact_pii, lease_s=settings.server.turn_lease_s)
        hub = Hub(settings, store, event_bus, app.state.metrics)
        app.state.hub = hub
        if dialogue is not None:
            hub.use_dialogue(dialogue, directory)
        else:
            await hub.load_dialogue(db.sessions)
        log.info("server_ready protocol=%d bus=%s ready=%s", PROTOCOL_VERSION, type(event_bus).__name__,
                 hub.dialogue is not None)
        try:
            yield
        finally:
            await hub.shutdown()
            await event_bus.close()
            await db.close()

    app = FastAPI(title="shopbot", lifespan=lifespan, version=str(PROTOCOL_VERSION))
    app.state.metrics = Metrics()
    app.add_api_websocket_route("/ws/chat", chat_endpoint)
    app.add_api_websocket_route("/ws/agent", agent_endpoint)

    @app.get("/healthz")
    async def healthz() -> dict[str, Any]:
        return {"ok": True}

    @app.get("/readyz")
    async def readyz(request: Request) -> JSONResponse:
        hub: Hub | None = getattr(request.app.state, "hub", None)
        ready = hub is not None and hub.dialogue is not None and not hub.shutting_down
        body = {"ready": ready, "protocol": PROTOCOL_VERSION,
                "reason": None if ready else (hub.dialogue_error if hub else "starting") or "shutting down",
                "bus": type(hub.bus).__name__ if hub else None, "bus_healthy": hub.bus.healthy if hub else False}
        return JSONResponse(body, status_code=200 if ready else 503)

    @app.get("/metrics")
    async def metrics(request: Request) -> Response:
        return Response(request.app.state.metrics.render(), media_type="text/plain; version=0.0.4")

    @app.delete("/api/customers/{customer_id}")
    async def erase_customer(customer_id: str, request: Request,
                             authorization: str = Header("")) -> dict[str, Any]:
        """Erase every conversation of a customer (right to erasure). Needs an agent bearer token."""
        token = authorization.removeprefix("Bearer ").strip()
        if not any(hmac.compare_digest(token.encode(), t.encode()) for t in settings.agent_tokens):
            raise HTTPException(status_code=401, detail="agent bearer token required")
        hub: Hub = request.app.state.hub
        ids = await hub.store.erase_customer(customer_id)
        for cid in ids:
            await hub.publish(cid, {"kind": "erased"})
            await hub.queue_changed(cid)
        log.info("customer_erased conversations=%d", len(ids))
        return {"customer_id": customer_id, "erased_conversations": len(ids)}

    if pages:
        _mount_pages(app, settings)
    return app


def _mount_pages(app: FastAPI, settings: Settings) -> None:
    """The web pages (owned by bot.server.pages / bot/web) when they are present."""
    try:
        from bot.server.pages import mount_pages
    except ImportError as e:
        log.info("pages_unavailable error=%s", e)
        return
    mount_pages(app, settings)
