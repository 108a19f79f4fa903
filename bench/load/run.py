"""End-to-end websocket load: N concurrent conversations x M turns against a real ``shopbot serve``.

    nice -n 10 .venv/bin/python -m bench.load.run                      # 1x20, 200x20 back to back and paced ~1 s
    .venv/bin/python -m bench.load.run --conversations 50 --turns 10 --configs batched
    .venv/bin/python -m bench.load.run --fault kill --fault-after 0.3 --think-s 0  # SIGKILL mid-load, restart, verify
    .venv/bin/python -m bench.load.run --fault postgres --think-s 0 --database-url postgresql+asyncpg://...
    .venv/bin/python -m bench.load.run --fake                          # the harness itself, no models
    .venv/bin/python -m bench.load.run --configs batched --skip-single --think-s 1  # only customers pausing ~1 s

Loopback only; every loop is bounded by the turn count and ``--timeout``. For each server
configuration (``batched``: the default serving path; ``unbatched``: the same pipeline with micro-batching
off, the baseline) it starts a fresh server on a fresh database, runs the single-conversation scenario
and then the concurrent one once per ``--think-s`` value (default ``0,1``: customers who answer at once, which
measures saturation throughput, then customers who pause ~1 s, which measures latency at a realistic pace), and
reports per-turn server latency (the server's own timing from frame
received to replies sent, read from its ``turn ... ms=`` log lines), client round trip, throughput,
error frames, failed turns, lost / duplicated / missing messages (every conversation is replayed from
seq 0 at the end and compared with what arrived live), server RSS (current and peak) and server CPU
seconds per turn (the figure that survives a shared machine). Exit status 1 when a run loses,
duplicates or fails anything (or with ``--check``, misses a target).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

from bench.load.client import Customer, Verification, verify
from bench.load.conversations import scripts
from bench.load.server import Server

CONFIGS: dict[str, dict[str, str]] = {
    "batched": {},  # the defaults: micro-batched inference
    "unbatched": {"SHOPBOT_INFERENCE__MAX_BATCH": "1"},
}
TARGETS = {"single": {"p50": 15.0, "p99": 50.0}, "load": {"turns_per_s": 150.0, "p99": 300.0, "rss_gb": 2.0}}
FAULTS = ("none", "kill", "postgres", "redis")
PG_RESTART = "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main restart"
REDIS_START = ("redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save '' --appendonly no "
               "--dir /var/lib/redis --logfile /var/log/redis/ci.log")


@dataclass
class Report:
    config: str
    scenario: str
    conversations: int
    turns_planned: int
    turns_answered: int
    wall_s: float
    turns_per_s: float
    server_p50: float
    server_p95: float
    server_p99: float
    server_max: float
    client_p50: float
    client_p95: float
    client_p99: float
    server_cpu_ms_per_turn: float
    client_cpu_ms_per_turn: float  # the load generator's own process, on the same cores
    errors: dict[str, int]
    failed_turns: int
    handoffs: int
    reconnects: int
    retries: int
    lost: int
    duplicated: int
    gaps: int
    unverified: int
    rss_mb: float
    peak_rss_mb: float
    fault: str
    fault_at_s: float | None
    think_s: float = 0.0
    fault_at_turn: int | None = None  # turns answered when the fault struck (it must strike mid-load)

    @property
    def clean(self) -> bool:
        return not (self.failed_turns or self.lost or self.duplicated or self.gaps or self.unverified)


def pct(values: list[float], q: float) -> float:
    return float(np.percentile(values, q)) if values else float("nan")


def machine() -> str:
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor())
    load = os.getloadavg()
    return (f"{os.cpu_count()} cores ({model}), load average {load[0]:.1f}/{load[1]:.1f}/{load[2]:.1f}, "
            f"Python {platform.python_version()}")


async def run_scenario(server: Server, config: str, scenario: str, conversations: int, turns: int, *, seed: int,
                       timeout_s: float, fault: str = "none", fault_at: float | None = None,
                       fault_after: float | None = None, connect_concurrency: int = 50,
                       think_s: float = 0.0) -> Report:
    """One scenario; a fault strikes ``fault_at`` seconds into the load or, with ``fault_after``, once that
    fraction of the planned turns is done (the same point of the load on a fast or a slow machine)."""
    plans = scripts(conversations, turns, seed=seed)
    customers = [Customer(server.chat_url, i, lang, texts, timeout_s=timeout_s, think_s=think_s, seed=seed)
                 for i, (lang, texts) in enumerate(plans)]
    gate = asyncio.Semaphore(connect_concurrency)  # a ramp, not a SYN flood

    async def open_one(c: Customer) -> None:
        async with gate:
            await c.start()

    await asyncio.gather(*(open_one(c) for c in customers))
    server.mark_log()
    cpu0, t0, ccpu0 = server.cpu_seconds(), time.perf_counter(), time.process_time()
    tasks = [asyncio.create_task(c.run()) for c in customers]
    planned = conversations * turns

    def done() -> int:
        return sum(len(c.result.turns) + c.result.handoffs + c.result.failed_turns for c in customers)

    fault_task = None
    if fault != "none":
        trigger = (wait_for_turns(done, fault_after * planned, tasks) if fault_after is not None
                   else asyncio.sleep(fault_at or 5.0))
        fault_task = asyncio.create_task(inject(server, fault, trigger, done))
    results = await asyncio.gather(*tasks)
    wall, ccpu = time.perf_counter() - t0, time.process_time() - ccpu0
    cpu = server.cpu_seconds() - cpu0 if fault != "kill" else float("nan")  # a killed server's CPU is gone
    fault_at_turn = await fault_task if fault_task is not None else None
    server_ms = list(server.turn_ms().values())
    checked: Verification = await verify(server.chat_url, [cl for c in customers for cl in c.result.clients])
    for c in customers:
        for cl in c.result.clients:
            await cl.close()
    rtt = [t.rtt_ms for r in results for t in r.turns]
    errors: dict[str, int] = {}
    for r in results:
        for k, v in r.errors.items():
            errors[k] = errors.get(k, 0) + v
    answered = len(rtt)
    return Report(
        config=config, scenario=scenario, conversations=conversations, turns_planned=planned,
        turns_answered=answered, wall_s=wall, turns_per_s=answered / wall if wall else 0.0,
        server_p50=pct(server_ms, 50), server_p95=pct(server_ms, 95), server_p99=pct(server_ms, 99),
        server_max=max(server_ms, default=float("nan")),
        client_p50=pct(rtt, 50), client_p95=pct(rtt, 95), client_p99=pct(rtt, 99),
        server_cpu_ms_per_turn=1000 * cpu / answered if answered else float("nan"),
        client_cpu_ms_per_turn=1000 * ccpu / answered if answered else float("nan"),
        errors=errors, failed_turns=sum(r.failed_turns for r in results), handoffs=sum(r.handoffs for r in results),
        reconnects=sum(r.reconnects for r in results), retries=sum(r.retries for r in results),
        lost=checked.lost, duplicated=checked.duplicated, gaps=checked.gaps, unverified=checked.unverified,
        rss_mb=server.rss_bytes() / 2**20, peak_rss_mb=server.peak_rss_bytes() / 2**20,
        fault=fault, fault_at_s=fault_at, think_s=think_s, fault_at_turn=fault_at_turn)


async def wait_for_turns(done: Callable[[], int], n: float, tasks: list[asyncio.Task[Any]]) -> None:
    """Until ``done()`` reaches ``n`` turns (or every customer has finished)."""
    while done() < n and not all(t.done() for t in tasks):
        await asyncio.sleep(0.002)


async def inject(server: Server, fault: str, trigger: Awaitable[Any], done: Callable[[], int]) -> int:
    """Break something once ``trigger`` fires and bring it back (the server must recover alone); returns the
    number of turns done when it broke."""
    t0 = time.perf_counter()
    await trigger
    at_turn = done()
    print(f"  fault: {fault} after {time.perf_counter() - t0:.1f}s, {at_turn} turns done", flush=True)
    if fault == "kill":
        server.kill()
        await asyncio.to_thread(server.start)  # same port, same database
    elif fault == "postgres":
        await asyncio.to_thread(subprocess.run, PG_RESTART, shell=True, check=True, capture_output=True)
    elif fault == "redis":
        await asyncio.to_thread(subprocess.run, "redis-cli -p 6379 shutdown nosave", shell=True, capture_output=True)
        await asyncio.sleep(1.0)
        await asyncio.to_thread(subprocess.run, REDIS_START, shell=True, check=True, capture_output=True)
    print(f"  fault: {fault} recovered", flush=True)
    return at_turn


def table(reports: list[Report]) -> str:
    head = ("| config | scenario | turns | turns/s | server p50 / p95 / p99 ms | client p50 / p99 ms | "
            "server CPU ms/turn | client CPU ms/turn | errors | failed | lost | dup | RSS (peak) MB |")
    rows = [head, "|" + "---|" * 13]
    for r in reports:
        errors = sum(r.errors.values())
        rows.append(
            f"| {r.config} | {r.scenario} {r.conversations}x{r.turns_planned // max(r.conversations, 1)}"
            f"{'' if r.fault == 'none' else ', ' + r.fault}{f', think {r.think_s:g} s' if r.think_s else ''} | {r.turns_answered}/{r.turns_planned} | "
            f"{r.turns_per_s:.1f} | {r.server_p50:.1f} / {r.server_p95:.1f} / {r.server_p99:.1f} | "
            f"{r.client_p50:.1f} / {r.client_p99:.1f} | {r.server_cpu_ms_per_turn:.1f} | "
            f"{r.client_cpu_ms_per_turn:.1f} | {errors} | "
            f"{r.failed_turns} | {r.lost} | {r.duplicated} | {r.rss_mb:.0f} ({r.peak_rss_mb:.0f}) |")
    return "\n".join(rows)


def misses(r: Report) -> list[str]:
    t = TARGETS[r.scenario]
    out = []
    if r.scenario == "single":
        out += [f"p50 {r.server_p50:.1f} > {t['p50']}"] if r.server_p50 > t["p50"] else []
        out += [f"p99 {r.server_p99:.1f} > {t['p99']}"] if r.server_p99 > t["p99"] else []
    else:
        out += [f"{r.turns_per_s:.0f} turns/s < {t['turns_per_s']}"] if r.turns_per_s < t["turns_per_s"] else []
        # back to back, a closed loop's latency is queueing (N / throughput), so its p99 is judged on a paced run
        out += [f"p99 {r.server_p99:.0f} > {t['p99']}"] if r.server_p99 > t["p99"] and r.think_s > 0 else []
        out += [f"peak RSS {r.peak_rss_mb:.0f} MB > 2 GB"] if r.peak_rss_mb > t["rss_gb"] * 1024 else []
        out += [f"{sum(r.errors.values())} error frames"] if r.errors and r.fault == "none" else []
    return out


async def main_async(a: argparse.Namespace) -> int:
    print(f"machine: {machine()}")
    print(f"settings: {a.conversations} conversations x {a.turns} turns (single: 1 x {a.turns}), seed {a.seed}, "
          f"think time {', '.join(f'{t:g}' for t in a.think_s)} s, configs {a.configs}, fault {a.fault}, {'fake dialogue' if a.fake else 'real models from ' + a.cache_dir}, "
          f"database {a.database_url or 'SQLite (temp)'}, rate limit 1000/s, extra env {a.env}, workers {a.workers}, nice {os.nice(0)}",
          flush=True)
    reports: list[Report] = []
    workdir = Path(tempfile.mkdtemp(prefix="shopbot-load-"))
    for config in a.configs.split(","):
        env = {"SHOPBOT_CACHE_DIR": a.cache_dir, **CONFIGS[config]}
        if a.database_url:
            env["SHOPBOT_DATABASE_URL"] = a.database_url
        else:
            env["SHOPBOT_DATABASE_URL"] = f"sqlite+aiosqlite:///{workdir / (config + '.db')}"
        if a.redis_url:
            env["SHOPBOT_REDIS_URL"] = a.redis_url
        env["SHOPBOT_SERVER__TURN_LEASE_S"] = str(a.lease)
        # simulated customers answer instantly (no think time): the per-connection flood limit would throttle
        # the single-conversation scenario, which is not what it measures
        env["SHOPBOT_LIMITS__RATE_LIMIT_PER_S"] = env["SHOPBOT_LIMITS__RATE_LIMIT_BURST"] = "1000"
        env.update(kv.split("=", 1) for kv in a.env)
        server = Server(env, workdir / f"{config}.log", fake=a.fake,
                        profile=workdir / f"{config}.prof" if a.profile else None, workers=a.workers)
        t0 = time.perf_counter()
        server.start()
        print(f"[{config}] server ready in {time.perf_counter() - t0:.1f}s (log {server.log})", flush=True)
        try:
            scenarios = [("single", 1, 0.0)] if not a.skip_single else []
            scenarios += [("load", a.conversations, t) for t in a.think_s] if a.conversations > 1 else []
            for scenario, n, think in scenarios:
                fault = a.fault if scenario == "load" else "none"
                r = await run_scenario(server, config, scenario, n, a.turns, seed=a.seed, timeout_s=a.timeout,
                                       fault=fault, fault_at=a.fault_at, fault_after=a.fault_after, think_s=think)
                reports.append(r)
                print(table([r]).splitlines()[-1], flush=True)
        finally:
            server.stop()
    print()
    print(f"machine after: {machine()}")
    print(table(reports))
    status = 0
    for r in reports:
        missed = misses(r)
        print(f"{r.config}/{r.scenario}: {'clean' if r.clean else 'NOT CLEAN'}; errors {r.errors or 0}; "
              f"handoffs {r.handoffs}, reconnects {r.reconnects}, retries {r.retries}, gaps {r.gaps}, "
              f"unverified {r.unverified}; targets: {'met' if not missed else 'MISSED ' + ', '.join(missed)}"
              f"{' (p99 not judged back to back: it is queueing)' if r.scenario == 'load' and not r.think_s else ''}")
        status |= int(not r.clean) | int(a.check and bool(missed))
    if a.json:
        a.json.parent.mkdir(parents=True, exist_ok=True)
        a.json.write_text(json.dumps({"machine": machine(), "args": {k: str(v) for k, v in vars(a).items()},
                                      "reports": [asdict(r) for r in reports]}, indent=2))
    return status


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--conversations", type=int, default=200)
    ap.add_argument("--turns", type=int, default=20)
    ap.add_argument("--configs", default="batched,unbatched", help=f"comma list of {', '.join(CONFIGS)}")
    ap.add_argument("--skip-single", action="store_true")
    ap.add_argument("--fault", choices=FAULTS, default="none")
    ap.add_argument("--fault-at", type=float, default=None, help="seconds into the load (default 5)")
    ap.add_argument("--fault-after", type=float, default=None, metavar="FRACTION",
                    help="strike once this fraction of the planned turns is done instead (e.g. 0.3)")
    ap.add_argument("--lease", type=float, default=2.0, help="SHOPBOT_SERVER__TURN_LEASE_S of the server")
    ap.add_argument("--timeout", type=float, default=120.0, help="per turn, seconds (bounds every wait)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--think-s", type=lambda v: [float(x) for x in v.split(",")], default=[0.0, 1.0],
                    metavar="S[,S...]",
                    help="load scenario, once per value: mean customer think time before each message (uniform "
                    "0.5-1.5 x mean); 0 = back to back, which measures saturation throughput (latency is then "
                    "queueing: N / throughput, so its p99 is not judged against the target). Default 0,1")
    ap.add_argument("--fake", action="store_true", help="scripted dialogue of the server tests (no models)")
    ap.add_argument("--cache-dir", default=os.environ.get("SHOPBOT_CACHE_DIR", str(Path.home() / ".cache/shopbot")))
    ap.add_argument("--database-url", default=None)
    ap.add_argument("--redis-url", default=None)
    ap.add_argument("--workers", type=int, default=1, help="server processes (`shopbot serve --workers`; needs "
                    "--database-url and --redis-url when > 1)")
    ap.add_argument("--env", action="append", default=[], metavar="SHOPBOT_X=V", help="extra server environment")
    ap.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    ap.add_argument("--profile", action="store_true", help="run the server under cProfile (<workdir>/<config>.prof)")
    ap.add_argument("--json", type=Path, default=None, help="write the reports here")
    return ap.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    a = parse_args(argv)
    if a.workers > 1 and not (a.database_url and a.redis_url):
        sys.exit("--workers > 1 needs --database-url and --redis-url (workers share the conversations)")
    if a.workers > 1 and (a.fault != "none" or a.profile):
        sys.exit("--fault and --profile watch one server process: use --workers 1")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # run the finally blocks: stop the server
    random.seed(a.seed)
    return asyncio.run(main_async(a))


if __name__ == "__main__":
    sys.exit(main())

