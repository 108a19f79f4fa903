"""The production DialogueManager on the tiny store behind a real server, for the memory tests over the
websocket (``SHOPBOT_SERVER__DIALOGUE_FACTORY=socket_wiring:build_dialogue``).

The model stages are this folder's rule-based fakes (loaded from ``conftest.py`` by path, so the name
does not clash with other folders' conftest modules); the manager, the focus logic, the shop tables, the
conversation store and the sockets are production code. ``LiveServer`` runs uvicorn in a thread and can be
stopped and started again on the same database (a server restart).
"""

from __future__ import annotations

import importlib.util
import socket
import sys
import threading
import time
from pathlib import Path
from typing import Any

from bot.dialogue import build_customer_directory  # noqa: F401 - the hub looks for it next to the factory
from bot.dialogue.manager import DialogueManager
from bot.dialogue.turn import Deps
from bot.server.app import create_app
from bot.server.runner import DrainingServer, uvicorn_config
from bot.settings import Settings
from bot.store.shop import read_store_config, seed_store
from bot.store.shop_repo import SqlCatalog, SqlOrderRepository

HERE = Path(__file__).resolve().parent
AGENT_TOKEN = "memory-agent-token"


def _fakes() -> Any:
    name = "dialogue_test_fakes"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, HERE / "conftest.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # dataclasses look their module up
        spec.loader.exec_module(module)
    return sys.modules[name]


async def build_dialogue(settings: Settings, sessions: Any) -> DialogueManager:
    fakes = _fakes()
    settings.store_dir = fakes.TINY_STORE  # the agent panel's directory seeds from the same store
    await seed_store(sessions, fakes.TINY_STORE)
    orders = SqlOrderRepository.from_store_config(sessions, read_store_config(fakes.TINY_STORE))
    deps = Deps(fakes.FakeUnderstander(), fakes.FakeRetriever(), fakes.FakeRecommender(), orders=orders,
                catalog=SqlCatalog(sessions), settings=settings.dialogue)
    return DialogueManager(deps)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LiveServer:
    """The app under uvicorn in a thread, on a SQLite file in ``workdir``; restartable."""

    def __init__(self, workdir: Path) -> None:
        self.settings = Settings(
            cache_dir=workdir, database_url=f"sqlite+aiosqlite:///{workdir / 'chat.db'}", redis_url=None,
            agent_tokens=[AGENT_TOKEN],
            server={"dialogue_factory": "socket_wiring:build_dialogue", "turn_lease_s": 1.0, "drain_s": 2.0,
                    "ack_flush_s": 0.2})
        self.port = 0
        self._server: DrainingServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def chat_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/ws/chat"

    @property
    def agent_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/ws/agent?token={AGENT_TOKEN}"

    def start(self) -> None:
        app = create_app(self.settings, pages=False)
        self.port = _free_port()
        self._server = DrainingServer(uvicorn_config(app, self.settings, host="127.0.0.1", port=self.port,
                                                     log_level="warning"))
        self._thread = threading.Thread(target=self._server.run, daemon=True)
        self._thread.start()
        deadline = time.time() + 30
        while not self._server.started:
            if time.time() > deadline or not self._thread.is_alive():
                raise RuntimeError("server did not start")
            time.sleep(0.02)
        if app.state.hub.dialogue is None:
            raise RuntimeError(app.state.hub.dialogue_error)

    def stop(self) -> None:
        if self._server is not None and self._thread is not None:
            self._server.should_exit = True
            self._thread.join(timeout=15)
