"""Helpers of the browser tests: the real app under uvicorn in a subprocess (killable, restartable),
screenshots and a read of the agent view over the real socket."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

from serve_app import AGENT_TOKEN

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
CHROMIUM = Path(os.environ.get("SHOPBOT_CHROMIUM", "/usr/bin/chromium"))
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--no-first-run"]
ARTIFACTS = REPO / "test-artifacts"
SCREENSHOTS = REPO / "docs" / "screenshots"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class AppServer:
    """The app in a subprocess on a fixed loopback port, with its database in ``workdir``.
    ``args`` go to serve_app.py (``["--real"]`` for the production dialogue)."""

    def __init__(self, workdir: Path, args: list[str] | None = None, env: dict[str, str] | None = None) -> None:
        self.workdir = workdir
        self.args, self.env = list(args or []), dict(env or {})
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen[bytes] | None = None
        self.log = workdir / "server.log"

    def start(self, timeout: float = 90.0) -> None:
        env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "OMP_NUM_THREADS": "1",
               "PYTHONPATH": str(REPO), **self.env}
        cmd = [sys.executable, str(HERE / "serve_app.py"), "--port", str(self.port),
               "--db", str(self.workdir / "shopbot.db"), "--cache", str(self.workdir / "cache"), *self.args]
        with self.log.open("ab") as log:
            self.proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the app exited with {self.proc.returncode}:\n{self.log.read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(self.url + "/widget.js", timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        self.kill()  # not left running (and loading models) after the test gave up on it
        raise RuntimeError(f"the app did not start in {timeout}s:\n{self.log.read_text()[-3000:]}")

    def kill(self) -> None:
        """SIGKILL: no shutdown handlers, no goodbye frames (a crash)."""
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(timeout=10)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()


def save_screenshot(page: object, name: str, **kwargs: object) -> Path:
    """Write a PNG to test-artifacts/; with SHOPBOT_UPDATE_SCREENSHOTS=1 also to docs/screenshots/."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), **kwargs)  # type: ignore[attr-defined]
    if os.environ.get("SHOPBOT_UPDATE_SCREENSHOTS") == "1":
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, SCREENSHOTS / path.name)
    return path


def agent_snapshot(server: AppServer, conversation_id: str, token: str = AGENT_TOKEN) -> dict:
    """The agent view of one conversation, read over the real /ws/agent socket."""
    from websockets.sync.client import connect

    with connect(server.url.replace("http", "ws") + "/ws/agent", open_timeout=10) as ws:
        ws.send(json.dumps({"type": "auth", "token": token}))
        ws.send(json.dumps({"type": "open", "conversation_id": conversation_id}))
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            frame = json.loads(ws.recv(timeout=10))
            if frame["type"] == "conversation":
                return frame
            if frame["type"] == "error":
                raise AssertionError(frame)
    raise AssertionError("no conversation frame")


def open_widget(page: Any, server: AppServer, path: str = "/") -> None:
    """Load a store page, open the widget with its launcher and wait until it is online."""
    from playwright.sync_api import expect

    page.goto(server.url + path)
    page.locator(".launcher").click()
    expect(page.locator("#sb-input")).to_be_focused()
    expect(page.locator(".status")).to_have_attribute("data-state", "online")


def say(page: Any, text: str) -> None:
    page.locator("#sb-input").fill(text)
    page.locator("#sb-input").press("Enter")
