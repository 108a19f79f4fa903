"""Running the app under uvicorn with a graceful drain: before uvicorn closes the sockets, every hub
lets running turns finish and sends ``reconnect`` frames (uvicorn alone would only close with 1012)."""

from __future__ import annotations

import atexit
import logging
import queue
import re
import socket
import sys
from logging.handlers import QueueHandler, QueueListener
from typing import Any

import uvicorn
from uvicorn.supervisors import multiprocess

from bot.server.hub import shutdown_all
from bot.settings import Settings

APP_FACTORY = "bot.server.runner:app_from_env"


class DrainingServer(uvicorn.Server):
    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        await shutdown_all()
        await super().shutdown(sockets=sockets)


class DrainingProcess(multiprocess.Process):
    """A ``--workers`` child that runs the draining server."""

    @property
    def server(self) -> uvicorn.Server:
        if self._server is None:
            self._server = DrainingServer(config=self.config)
        return self._server


LOG_FORMAT = "ts=%(asctime)s level=%(levelname)s logger=%(name)s pid=%(process)d %(message)s"


_SECRET_QUERY = re.compile(r"((?:^|[?&])token=)[^&\s\"]*")


class SecretQueryFilter(logging.Filter):
    """Masks ``?token=`` in uvicorn's request lines (agents may authenticate with a query token)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(_SECRET_QUERY.sub(r"\1***", a) if isinstance(a, str) else a for a in record.args)
        return True


def configure_logging(settings: Settings) -> None:
    """key=value log lines on stderr (once per process; uvicorn's own loggers keep their handlers).

    The root logger's lines are formatted where they are logged but written by a listener thread
    (``QueueHandler``): a turn's log line no longer waits for stderr's write and flush on the event loop
    (2.8% of the loop at 200 x 40, bench/load/RESULTS.md 1i). The queue is drained at exit."""
    logging.basicConfig(level=settings.log_level.upper(), format=LOG_FORMAT)
    root = logging.getLogger()
    if root.handlers and not any(isinstance(h, QueueHandler) for h in root.handlers):
        lines: queue.SimpleQueue[logging.LogRecord] = queue.SimpleQueue()
        listener = QueueListener(lines, *root.handlers, respect_handler_level=True)
        root.handlers = [QueueHandler(lines)]
        listener.start()
        atexit.register(listener.stop)
    for name in ("uvicorn.error", "uvicorn.access"):
        logger = logging.getLogger(name)
        if not any(isinstance(f, SecretQueryFilter) for f in logger.filters):
            logger.addFilter(SecretQueryFilter())


def app_from_env() -> Any:
    """uvicorn factory (runs in every worker): the app configured from ``SHOPBOT_*`` variables."""
    from bot.server.app import create_app

    settings = Settings()
    configure_logging(settings)
    return create_app(settings)


def uvicorn_config(app: Any, settings: Settings, *, host: str, port: int, workers: int = 1,
                   log_level: str = "info") -> uvicorn.Config:
    return uvicorn.Config(app, host=host, port=port, workers=workers, factory=isinstance(app, str),
                          ws_max_size=settings.server.ws_max_bytes, log_level=log_level.lower(),
                          timeout_graceful_shutdown=int(settings.server.drain_s) + 2, lifespan="on",
                          ws_ping_interval=20.0, ws_ping_timeout=20.0,
                          ws_per_message_deflate=False)  # frames are small; compressing them costs CPU


def serve(settings: Settings, *, host: str, port: int, workers: int = 1) -> None:
    """Blocking: serve until SIGINT/SIGTERM, then drain."""
    sys.setswitchinterval(settings.server.switch_interval_ms / 1000)  # inherited by --workers children
    config = uvicorn_config(APP_FACTORY, settings, host=host, port=port, workers=workers,
                            log_level=settings.log_level)
    if workers > 1:
        # the supervisor builds its children by this name
        multiprocess.Process = DrainingProcess  # type: ignore[misc]
        multiprocess.Multiprocess(config, sockets=[config.bind_socket()]).run()
    else:
        DrainingServer(config).run()
