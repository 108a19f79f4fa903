"""The server under test: ``shopbot serve`` in a subprocess on a loopback port, with its log, RSS and CPU.

The real dialogue (trained models from ``SHOPBOT_CACHE_DIR``) unless ``fake`` is set, in which case
the scripted dialogue of the server tests answers (for checking the harness itself, no models).
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[2]
FAKES = REPO / "tests" / "bot" / "server"
TURN_LINE = re.compile(r" turn conversation=(\S+) seq=(\d+) .* ms=([\d.]+)")
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    env: dict[str, str]
    log: Path
    port: int = field(default_factory=free_port)
    fake: bool = False
    proc: subprocess.Popen[bytes] | None = None
    log_offset: int = 0
    profile: Path | None = None  # run the server under cProfile, stats written here on exit
    workers: int = 1  # uvicorn worker processes (RSS and CPU are then summed over the supervisor and its workers)

    @property
    def http(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def chat_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/ws/chat"

    def start(self, timeout_s: float = 900.0) -> None:
        env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false",
               "SHOPBOT_LOG_LEVEL": "INFO", "PYTHONPATH": str(REPO), **self.env}
        if self.fake:
            env["PYTHONPATH"] = f"{FAKES}{os.pathsep}{REPO}"
            env["SHOPBOT_SERVER__DIALOGUE_FACTORY"] = "server_fakes:build_fake"
        out = self.log.open("ab")
        start_at = out.tell()  # the log is appended to across restarts: count this start's workers only
        prof = ["-m", "cProfile", "-o", str(self.profile)] if self.profile else []
        self.proc = subprocess.Popen([sys.executable, *prof, "-m", "bot.cli", "serve", "--port", str(self.port),
                                      "--workers", str(self.workers)], env=env,
                                     stdout=out, stderr=subprocess.STDOUT, cwd=REPO)
        deadline = time.time() + timeout_s
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited: {self.log.read_text()[-3000:]}")
            try:
                r = httpx.get(f"{self.http}/readyz", timeout=2)
                # /readyz answers from one worker: the others may still be loading their models (INFO log lines)
                if r.status_code == 200 and (self.workers == 1 or
                                             self._log_since(start_at).count(" server_ready ") >= self.workers):
                    return
                if "could not be loaded" in r.text:
                    raise RuntimeError(f"server not ready: {r.text}")
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"server not ready after {timeout_s:.0f}s: {self.log.read_text()[-3000:]}")

    def _log_since(self, offset: int) -> str:
        with self.log.open("rb") as f:
            f.seek(offset)
            return f.read().decode(errors="replace")

    def kill(self) -> None:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=10)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            # uvicorn re-raises SIGTERM after draining; SIGINT ends as KeyboardInterrupt so cProfile still dumps
            self.proc.send_signal(signal.SIGINT if self.profile else signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()

    def _pids(self) -> list[int]:
        """The server's process and, with several workers, uvicorn's worker processes under it."""
        assert self.proc is not None
        try:
            children = Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children").read_text().split()
        except OSError:
            children = []
        return [self.proc.pid, *map(int, children)]

    def _status(self) -> dict[str, int]:
        out = {"VmRSS": 0, "VmHWM": 0}
        for pid in self._pids():
            try:
                lines = Path(f"/proc/{pid}/status").read_text().splitlines()
            except OSError:  # a worker that just exited
                continue
            for line in lines:
                key, _, value = line.partition(":")
                if key in out:
                    out[key] += int(value.split()[0]) * 1024
        return out

    def rss_bytes(self) -> int:
        return self._status()["VmRSS"]

    def peak_rss_bytes(self) -> int:
        """Sum of each process's own peak (with several workers: an upper bound of the peak of the sum)."""
        return self._status()["VmHWM"]

    def cpu_seconds(self) -> float:
        """User + system CPU time of the server's processes so far."""
        total = 0
        for pid in self._pids():
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            total += int(fields[11]) + int(fields[12])
        return total / CLOCK_TICKS

    def mark_log(self) -> None:
        """Turn timings are read from here on."""
        self.log_offset = self.log.stat().st_size

    def turn_ms(self) -> dict[tuple[str, int], float]:
        """The server's own per-turn latency (frame received -> replies sent and published) since the mark."""
        with self.log.open("rb") as f:
            f.seek(self.log_offset)
            text = f.read().decode("utf-8", "replace")
        return {(m[1], int(m[2])): float(m[3]) for m in TURN_LINE.finditer(text)}
