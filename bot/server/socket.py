"""What both websocket endpoints share: serialised sends, the receive loop that turns every bad frame
into a typed error (never a dropped connection), drain tracking and the shutdown notice."""

from __future__ import annotations

import asyncio
import contextlib
import logging

from fastapi import WebSocket, WebSocketDisconnect

from bot.server import protocol as p
from bot.server.hub import Hub
from bot.server.limits import frame_text

log = logging.getLogger(__name__)


class Socket:
    """One accepted websocket. Subclasses implement :meth:`handle` (one raw text frame) and
    :meth:`start`/:meth:`stop` around the loop."""

    endpoint = "socket"

    def __init__(self, ws: WebSocket, hub: Hub) -> None:
        self.ws, self.hub = ws, hub
        self._send_lock = asyncio.Lock()
        self.closed = False

    async def send(self, frame: p.Frame) -> None:
        if self.closed:
            return
        try:
            async with self._send_lock:
                await self.ws.send_text(p.dump(frame))
        except Exception:  # noqa: BLE001 - the peer went away; the receive loop will notice
            self.closed = True

    async def error(self, e: p.FrameError) -> None:
        self.hub.metrics.errors.labels(endpoint=self.endpoint, code=e.code).inc()
        await self.send(e.frame())

    async def close(self, code: int) -> None:
        with contextlib.suppress(Exception):
            await self.ws.close(code=code)
        self.closed = True

    async def close_for_shutdown(self) -> None:
        await self.send(p.Reconnect(reason="shutdown", after_ms=500))
        await self.close(1012)

    async def handle(self, raw: str) -> None:
        raise NotImplementedError

    async def start(self) -> bool:
        """After accept; False refuses the connection."""
        return True

    async def stop(self) -> None:
        """After the loop, whatever ended it."""

    async def run(self) -> None:
        await self.ws.accept()
        if not await self.start():
            return
        self.hub.connections.add(self)
        self.hub.metrics.connections.labels(endpoint=self.endpoint).inc()
        try:
            while not self.closed:
                msg = await self.ws.receive()
                if msg["type"] == "websocket.disconnect":
                    break
                self.hub.metrics.frames.labels(endpoint=self.endpoint).inc()
                try:
                    async with self.hub.working():
                        await self.handle(frame_text(msg, self.hub.settings.limits))
                except p.FrameError as e:
                    await self.error(e)
                except (WebSocketDisconnect, asyncio.CancelledError):
                    raise
                except Exception:
                    log.exception("frame_failed endpoint=%s", self.endpoint)
                    await self.error(p.FrameError("internal", "temporary server error; retry later"))
        except (WebSocketDisconnect, RuntimeError):
            pass
        finally:
            self.closed = True
            self.hub.connections.discard(self)
            self.hub.metrics.connections.labels(endpoint=self.endpoint).dec()
            await self.stop()
