"""``shopbot evaluate`` without the CLI: replay, score, gate, write the report and annotation queue.

The pipelines come in as ``DialogueProvider``s (async context managers yielding a ``Dialogue``), so
the command hands in the real dialogue manager and tests hand in fakes.

>>> result = run_evaluation(conversations, provider, out_dir=Path("eval"))   # doctest: +SKIP
>>> result.report["headline"]["intent_accuracy"]                            # doctest: +SKIP
"""

from __future__ import annotations

import asyncio
import json
import logging
import sys
import time
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.dialogue.ports import Dialogue
from bot.evaluation.gate import DEFAULT_TOLERANCE, GateResult, compare
from bot.evaluation.logs import Conversation
from bot.evaluation.metrics import compute_report
from bot.evaluation.queue import LOW_CONFIDENCE, annotation_queue, write_queue
from bot.evaluation.replay import ReplayedTurn, replay
from bot.evaluation.report import write_report

log = logging.getLogger(__name__)

DialogueProvider = Callable[[], AbstractAsyncContextManager[Dialogue]]
QUEUE_FILE = "annotation_queue.jsonl"
TURNS_FILE = "turns.jsonl"


@dataclass(frozen=True)
class Evaluation:
    report: dict[str, Any]
    turns: list[ReplayedTurn]
    queue: list[dict[str, Any]]
    gate: GateResult | None = None

    @property
    def failed(self) -> bool:
        return bool(self.gate and self.gate.failed)


@dataclass(frozen=True)
class Replay:
    turns: list[ReplayedTurn]
    seconds: float  # wall time of the replay (the pipeline build excluded)
    cpu_seconds: float  # CPU time of this process meanwhile, all threads: comparable on a busy machine


async def replay_with(provider: DialogueProvider, conversations: list[Conversation], *, progress: bool,
                      desc: str) -> Replay:
    """Build a pipeline, replay the logs through it."""
    if progress:  # the first build of a model exports it to ONNX: minutes without a word otherwise
        print(f"{desc}: loading the pipeline (the first run of a model also exports it, which takes minutes)",
              file=sys.stderr, flush=True)
    async with provider() as dialogue:
        t0, c0 = time.perf_counter(), time.process_time()
        turns = await replay(conversations, dialogue, progress=progress, desc=desc)
        return Replay(turns, time.perf_counter() - t0, time.process_time() - c0)


def run_evaluation(conversations: list[Conversation], current: DialogueProvider, *,
                   baseline: DialogueProvider | None = None, tolerance: float = DEFAULT_TOLERANCE,
                   out_dir: Path | None = None, progress: bool = True, low_confidence: float = LOW_CONFIDENCE,
                   meta: dict[str, Any] | None = None) -> Evaluation:
    """Score ``current`` (and ``baseline``) on the same conversations; write files when ``out_dir``."""

    async def both() -> tuple[Replay, Replay | None]:
        cur = await replay_with(current, conversations, progress=progress, desc="current")
        base = await replay_with(baseline, conversations, progress=progress, desc="baseline") if baseline else None
        return cur, base

    cur, base = asyncio.run(both())
    turns = cur.turns
    report = {**(meta or {}), **compute_report(turns), "replay_seconds": cur.seconds,
              "replay_cpu_seconds": cur.cpu_seconds}
    gate = None
    if base is not None:
        base_report = compute_report(base.turns)
        gate = compare(report["headline"], base_report["headline"], tolerance)
        report["baseline"] = {"headline": base_report["headline"], "replay_seconds": base.seconds,
                              "intent": {k: base_report["intent"].get(k) for k in ("n", "accuracy", "macro_f1")}}
        report["gate"] = gate.to_dict()
    queue = annotation_queue(turns, low_confidence)
    report["annotation_queue"] = {"rows": len(queue), "low_confidence": low_confidence}
    if out_dir is not None:
        out_dir = Path(out_dir)
        write_report(report, out_dir)
        write_queue(queue, out_dir / QUEUE_FILE)
        with open(out_dir / TURNS_FILE, "w", encoding="utf-8") as f:
            for t in turns:
                f.write(json.dumps(t.to_dict(), ensure_ascii=False) + "\n")
    log.info("event=evaluate conversations=%d turns=%d seconds=%.1f failed=%s", len(conversations), len(turns),
             cur.seconds, bool(gate and gate.failed))
    return Evaluation(report, turns, queue, gate)
