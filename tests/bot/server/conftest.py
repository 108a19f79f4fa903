"""Real servers for the server tests: uvicorn on a loopback port, in a thread or a subprocess."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from server_fakes import FakeDialogue, FakeDirectory

from bot.server.app import create_app
from bot.server.runner import DrainingServer, uvicorn_config
from bot.settings import Settings

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def make_settings(tmp_path: Path, **overrides: Any) -> Settings:
    values: dict[str, Any] = {"cache_dir": tmp_path, "database_url": f"sqlite+aiosqlite:///{tmp_path / 'chat.db'}",
                              "redis_url": None, "agent_tokens": ["agent-secret"],
                              "server": {"turn_lease_s": 1.0, "drain_s": 2.0, "ack_flush_s": 0.2}}
    values.update(overrides)
    return Settings(**values)


@dataclass
class Live:
    app: Any
    settings: Settings
    dialogue: Any
    port: int
    server: DrainingServer
    thread: threading.Thread

    @property
    def http(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def chat_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/ws/chat"

    def agent_url(self, token: str | None = "agent-secret") -> str:
        return f"ws://127.0.0.1:{self.port}/ws/agent" + (f"?token={token}" if token else "")

    @property
    def hub(self) -> Any:
        return self.app.state.hub

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=15)


def start_thread_server(settings: Settings, dialogue: FakeDialogue | None = None, *, real: bool = False) -> Live:
    """uvicorn in a thread with the fake dialogue (or, with ``real``, the production factory)."""
    dialogue = None if real else dialogue or FakeDialogue()
    app = create_app(settings, dialogue=dialogue, directory=None if real else FakeDirectory(), pages=False)
    port = free_port()
    server = DrainingServer(uvicorn_config(app, settings, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.time() + 20
    while not server.started:
        if time.time() > deadline or not thread.is_alive():
            raise RuntimeError("server did not start")
        time.sleep(0.02)
    return Live(app, settings, dialogue, port, server, thread)


@pytest.fixture
def live(tmp_path: Path) -> Iterator[Live]:
    srv = start_thread_server(make_settings(tmp_path))
    yield srv
    srv.stop()


@dataclass
class Proc:
    proc: subprocess.Popen[bytes]
    port: int
    log: Path

    @property
    def chat_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/ws/chat"

    def agent_url(self, token: str = "agent-secret") -> str:
        return f"ws://127.0.0.1:{self.port}/ws/agent?token={token}"

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=10)

    def terminate(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()


def start_process(env: dict[str, str], log: Path, port: int | None = None) -> Proc:
    """``shopbot serve`` in a subprocess with the fake dialogue; waits for /readyz."""
    port = port or free_port()
    full = {**os.environ, "PYTHONPATH": f"{HERE}{os.pathsep}{REPO}", "HF_HUB_OFFLINE": "1",
            "SHOPBOT_SERVER__DIALOGUE_FACTORY": "server_fakes:build_fake", "SHOPBOT_AGENT_TOKENS": '["agent-secret"]',
            "SHOPBOT_SERVER__TURN_LEASE_S": "1.0", "SHOPBOT_LOG_LEVEL": "WARNING", **env}
    out = log.open("ab")
    proc = subprocess.Popen([sys.executable, "-m", "bot.cli", "serve", "--port", str(port)], env=full,
                            stdout=out, stderr=subprocess.STDOUT, cwd=REPO)
    deadline = time.time() + 60
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited: {log.read_text()[-3000:]}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=1).status_code == 200:
                return Proc(proc, port, log)
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    proc.kill()
    raise RuntimeError(f"server not ready: {log.read_text()[-3000:]}")
