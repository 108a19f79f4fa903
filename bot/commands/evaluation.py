"""`shopbot` subcommands for offline evaluation (registered by bot.cli). Heavy imports stay inside the functions.

``evaluate`` replays logs through the current pipeline (and a baseline) and gates on regressions;
``export-logs`` / ``import-logs`` / ``simulate`` produce logs; ``annotation-queue`` lists turns to label.
"""

from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer

_FORMATS = ("abcd", "ibm-twitter")


def _default_data_root() -> Path:
    from bot.settings import PACKAGE_ROOT

    return PACKAGE_ROOT.parent / "shared" / "data"


def _settings(model: Path | None):
    from bot.settings import Settings

    s = Settings()
    return s.model_copy(update={"model_dir": model}) if model else s


def _read(logs: Path, limit: int | None):
    from bot.evaluation.logs import read_logs

    try:
        convs = read_logs(logs)
    except (OSError, ValueError) as e:
        raise typer.BadParameter(str(e), param_hint="--logs") from e
    return convs[:limit] if limit else convs


def _require_model(path: Path | None, option: str) -> None:
    if path is not None and not (Path(path) / "intent_config.json").exists():
        raise typer.BadParameter(f"no intent model in {path} (train one: shopbot train-intents / make run)",
                                 param_hint=option)


def _headline_table(report: dict) -> None:
    deltas = (report.get("gate") or {}).get("deltas", {})
    typer.echo(f"{'metric':<18}{'current':>10}" + (f"{'baseline':>10}{'delta':>10}" if deltas else ""))
    for k, v in report["headline"].items():
        line = f"{k:<18}{_num(v):>10}"
        if deltas:
            d = deltas[k]
            flag = "  REGRESSED" if d["regressed"] else ""
            line += f"{_num(d['baseline']):>10}{_num(d['delta'], signed=True):>10}{flag}"
        typer.echo(line)


def _num(v: float | None, signed: bool = False) -> str:
    return "n/a" if v is None else (f"{v:+.4f}" if signed else f"{v:.4f}")


def evaluate(
    logs: Annotated[Path, typer.Option("--logs", help="conversation log JSONL")],
    out: Annotated[Path, typer.Option("--out", help="folder for report.json, report.html, annotation_queue.jsonl")],
    model: Annotated[Path | None, typer.Option("--model", help="intent model (default: settings.model_dir)")] = None,
    baseline_model: Annotated[Path | None, typer.Option("--baseline-model", help="score this model too and gate")] = None,
    tolerance: Annotated[float, typer.Option("--tolerance", help="allowed drop of a headline metric")] = 0.01,
    low_confidence: Annotated[float, typer.Option("--low-confidence", help="queue turns below this")] = 0.5,
    limit: Annotated[int | None, typer.Option("--limit", help="only the first N conversations")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print the headline metrics as JSON")] = False,
) -> None:
    """Replay logged conversations through the current pipeline and report per-stage metrics.

    Exits 1 when, with --baseline-model, a headline metric drops by more than --tolerance.
    """
    from bot.evaluation.pipeline import pipeline_provider
    from bot.evaluation.runner import run_evaluation

    convs = _read(logs, limit)
    settings = _settings(model)
    _require_model(settings.model_dir, "--model")
    _require_model(baseline_model, "--baseline-model")
    meta = {"logs": str(logs), "model": str(settings.model_dir),
            **({"baseline_model": str(baseline_model)} if baseline_model else {})}
    res = run_evaluation(
        convs, pipeline_provider(settings), baseline=pipeline_provider(settings, baseline_model) if baseline_model
        else None, tolerance=tolerance, out_dir=out, low_confidence=low_confidence, meta=meta)
    r = res.report
    if as_json:
        typer.echo(json.dumps({"conversations": r["conversations"], "customer_turns": r["customer_turns"],
                               "headline": r["headline"], **({"gate": r["gate"]} if "gate" in r else {})}))
    else:
        typer.echo(f"{r['conversations']} conversations, {r['customer_turns']} turns in {r['replay_seconds']:.1f}s")
        _headline_table(r)
        typer.echo(f"report: {out / 'report.html'}")
    if res.failed:
        print(f"regression gate FAILED: {', '.join(res.gate.to_dict()['regressed'])}", file=sys.stderr)
        raise typer.Exit(1)


def annotation_queue(
    logs: Annotated[Path, typer.Option("--logs", help="conversation log JSONL")],
    out: Annotated[Path, typer.Option("--out", help="queue JSONL to write")],
    model: Annotated[Path | None, typer.Option("--model", help="intent model (default: settings.model_dir)")] = None,
    low_confidence: Annotated[float, typer.Option("--low-confidence", help="queue turns below this")] = 0.5,
    as_json: Annotated[bool, typer.Option("--json", help="print a summary as JSON")] = False,
) -> None:
    """Replay logs and write low-confidence, disagreeing and agent-relabelled turns to label."""
    from collections import Counter

    from bot.evaluation.pipeline import pipeline_provider
    from bot.evaluation.queue import write_queue
    from bot.evaluation.runner import run_evaluation

    settings = _settings(model)
    _require_model(settings.model_dir, "--model")
    res = run_evaluation(_read(logs, None), pipeline_provider(settings), low_confidence=low_confidence)
    write_queue(res.queue, out)
    summary = {"out": str(out), "rows": len(res.queue), "reasons": dict(Counter(r["reason"] for r in res.queue))}
    typer.echo(json.dumps(summary) if as_json else f"{summary['rows']} rows -> {out} {summary['reasons']}")


def export_logs(
    out: Annotated[Path, typer.Option("--out", help="log JSONL to write")],
    since: Annotated[datetime | None, typer.Option("--since", help="only conversations started since (ISO date)")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print a summary as JSON")] = False,
) -> None:
    """Export stored conversations (redacted as stored, with agent relabels as gold) as evaluation logs."""
    import asyncio
    from datetime import UTC

    from bot.evaluation.export import export_conversations
    from bot.evaluation.logs import write_logs
    from bot.store.db import make_engine, make_sessionmaker

    settings = _settings(None)
    when = since.replace(tzinfo=since.tzinfo or UTC) if since else None

    async def run():
        engine = make_engine(settings.database_url)
        try:
            return await export_conversations(make_sessionmaker(engine), since=when)
        finally:
            await engine.dispose()

    n = write_logs(asyncio.run(run()), out)
    typer.echo(json.dumps({"out": str(out), "conversations": n}) if as_json else f"{n} conversations -> {out}")


def import_logs(
    fmt: Annotated[str, typer.Option("--format", help=f"one of {', '.join(_FORMATS)}")],
    out: Annotated[Path, typer.Option("--out", help="log JSONL to write")],
    data_root: Annotated[Path | None, typer.Option("--data-root", help="shared data folder")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print a summary as JSON")] = False,
) -> None:
    """Convert a public dialogue set (ABCD sample, IBM Twitter customer care) into evaluation logs."""
    from bot.evaluation.importers import IMPORTERS
    from bot.evaluation.logs import write_logs

    if fmt not in IMPORTERS:
        raise typer.BadParameter(f"--format must be one of {', '.join(IMPORTERS)}")
    n = write_logs(IMPORTERS[fmt](data_root or _default_data_root()), out)
    typer.echo(json.dumps({"out": str(out), "conversations": n}) if as_json else f"{n} conversations -> {out}")


def simulate(
    out: Annotated[Path, typer.Option("--out", help="log JSONL to write")],
    n: Annotated[int, typer.Option("--n", help="conversations")] = 500,
    seed: Annotated[int, typer.Option("--seed", help="random seed")] = 0,
    store_dir: Annotated[Path | None, typer.Option("--store-dir", help="store folder (default: settings)")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print a summary as JSON")] = False,
) -> None:
    """Write labelled, simulated customer conversations from the store's data."""
    from bot.evaluation.logs import write_logs
    from training.simulator import CustomerSimulator

    sim = CustomerSimulator.from_store(store_dir or _settings(None).store_dir, seed=seed)
    convs = sim.simulate(n)
    write_logs(convs, out)
    summary = {"out": str(out), "conversations": len(convs), **sim.summary(convs)}
    typer.echo(json.dumps(summary) if as_json else f"{len(convs)} conversations -> {out} {summary}")


def register(app: typer.Typer) -> None:
    """Add this area's subcommands to the main app."""
    app.command("evaluate")(evaluate)
    app.command("export-logs")(export_logs)
    app.command("import-logs")(import_logs)
    app.command("annotation-queue")(annotation_queue)
    app.command("simulate")(simulate)
