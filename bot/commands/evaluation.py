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
    except UnicodeDecodeError as e:
        raise typer.BadParameter(f"{logs} is not UTF-8 text (a log is JSONL, one conversation a line)",
                                 param_hint="--logs") from e
    except (OSError, ValueError) as e:
        raise typer.BadParameter(str(e), param_hint="--logs") from e
    if not convs:
        raise typer.BadParameter(f"{logs} holds no conversation (an empty export? check --since / the database)",
                                 param_hint="--logs")
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
    tolerance: Annotated[float, typer.Option("--tolerance", min=0.0, help="allowed drop of a headline metric "
                                             "(absolute, metrics are 0..1)")] = 0.01,
    low_confidence: Annotated[float, typer.Option("--low-confidence", min=0.0, help="queue turns below this confidence")] = 0.5,
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="only the first N conversations")] = None,
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
    low_confidence: Annotated[float, typer.Option("--low-confidence", min=0.0, help="queue turns below this confidence")] = 0.5,
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
    since: Annotated[datetime | None, typer.Option(
        "--since", help="only conversations started since this ISO date or date-time (UTC unless it has a zone)")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print a summary as JSON")] = False,
) -> None:
    """Export the server's stored conversations (SHOPBOT_DATABASE_URL; redacted, agent relabels as gold) as
    evaluation logs."""
    import asyncio

    from tqdm import tqdm

    from bot.evaluation.export import DatabaseUnavailable, export_from
    from bot.evaluation.logs import write_logs

    settings = _settings(None)
    assert settings.database_url is not None
    try:
        with tqdm(desc="export", unit="conversation", file=sys.stderr, disable=None) as bar:
            convs = asyncio.run(export_from(settings.database_url, since=since, progress=bar.update))
    except DatabaseUnavailable as e:
        typer.echo(f"Error: {e}", err=True)
        raise typer.Exit(1) from e
    n = write_logs(convs, out)
    summary = {"out": str(out), "conversations": n, "customer_turns": sum(len(c.customer_turns()) for c in convs),
               "relabelled_turns": sum(1 for c in convs for _, t in c.customer_turns() if t.gold)}
    typer.echo(json.dumps(summary) if as_json else
               f"{n} conversations ({summary['customer_turns']} customer turns, {summary['relabelled_turns']} "
               f"relabelled by agents) -> {out}")


def import_logs(
    fmt: Annotated[str, typer.Option("--format", help=f"one of {', '.join(_FORMATS)}")],
    out: Annotated[Path, typer.Option("--out", help="log JSONL to write")],
    data_root: Annotated[Path | None, typer.Option(
        "--data-root", help="folder holding faq/abcd/ and dialogues/ibm_twitter_customer_care/ "
        "(default: ../shared/data beside the repository)")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print a summary as JSON")] = False,
) -> None:
    """Convert a public dialogue set (ABCD sample, IBM Twitter customer care) into evaluation logs."""
    from bot.evaluation.importers import IMPORTERS, SOURCE_FILES
    from bot.evaluation.logs import write_logs

    if fmt not in IMPORTERS:
        raise typer.BadParameter(f"--format must be one of {', '.join(IMPORTERS)}")
    root = data_root or _default_data_root()
    try:
        convs = IMPORTERS[fmt](root)
    except FileNotFoundError as e:
        raise typer.BadParameter(f"{e.filename} not found: --data-root must be the folder holding "
                                 f"{SOURCE_FILES[fmt]}", param_hint="--data-root") from e
    except (KeyError, TypeError, ValueError) as e:
        raise typer.BadParameter(f"{root / SOURCE_FILES[fmt]} is not in the {fmt} format ({type(e).__name__}: {e})",
                                 param_hint="--format") from e
    n = write_logs(convs, out)
    typer.echo(json.dumps({"out": str(out), "conversations": n}) if as_json else f"{n} conversations -> {out}")


def training_data(
    base: Annotated[Path, typer.Option("--base", help="the training data the model was trained on (JSONL rows)")],
    out: Annotated[Path, typer.Option("--out", help="merged training JSONL to write (for train-intents --data)")],
    queue: Annotated[list[Path] | None, typer.Option(
        "--queue", help="annotation-queue JSONL (from evaluate / annotation-queue, reviewed or not); repeatable")] = None,
    logs: Annotated[list[Path] | None, typer.Option(
        "--logs", help="conversation logs whose gold labels are corrections (e.g. export-logs); repeatable")] = None,
    reasons: Annotated[str, typer.Option(
        "--reasons", help="queue reasons to take, comma-separated; add low_confidence once those rows are reviewed")]
        = "relabelled,disagreement",
    holdout: Annotated[list[Path] | None, typer.Option(
        "--holdout", help="JSONL rows whose texts must stay out of training (e.g. the test split); repeatable")] = None,
    allow_new_intents: Annotated[bool, typer.Option(
        "--allow-new-intents", help="keep labels with an intent --base does not have (default: leave them out)")]
        = False,
    as_json: Annotated[bool, typer.Option("--json", help="print a summary as JSON")] = False,
) -> None:
    """Merge corrected labels (annotation queue, labelled logs) into a copy of the training data for train-intents.

    A text already in the base data takes the new label instead of being added twice. Held-out texts and intents
    the base data does not know are left out, and counted.
    """
    from collections import Counter

    from bot.evaluation.training_data import log_rows, merge, queue_rows
    from training.intents_data import read_jsonl, write_jsonl

    if not queue and not logs:
        raise typer.BadParameter("give at least one --queue or --logs file with corrected labels")

    def rows_of(path: Path, option: str) -> list:
        try:
            return read_jsonl(path)
        except (OSError, ValueError) as e:
            raise typer.BadParameter(str(e), param_hint=option) from e

    def raw_rows(path: Path) -> list[dict]:
        try:
            return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
        except (OSError, ValueError) as e:
            raise typer.BadParameter(f"{path}: {e}", param_hint="--queue") from e

    base_rows = rows_of(base, "--base")
    additions, skipped = [], Counter()
    for q in queue or []:
        rows = raw_rows(q)
        if rows and "turns" in rows[0]:
            raise typer.BadParameter(f"{q} is a conversation log: pass it with --logs", param_hint="--queue")
        got, skip = queue_rows(rows, [r.strip() for r in reasons.split(",") if r.strip()])
        additions += got
        skipped += skip
    for log_file in logs or []:
        additions += log_rows(_read(log_file, None))
    held = [r.text for h in holdout or [] for r in rows_of(h, "--holdout")]
    merged = merge(base_rows, additions, holdout=held, allow_new_intents=allow_new_intents, skipped_reasons=skipped)
    write_jsonl(merged.rows, out)
    summary = {"out": str(out), **merged.summary()}
    if as_json:
        typer.echo(json.dumps(summary, ensure_ascii=False))
        return
    typer.echo(f"{len(merged.rows)} rows -> {out}: {merged.added} added, {merged.corrected} corrected, "
               f"{merged.unchanged} already there, {merged.held_out} held out")
    if merged.unknown_intents:
        typer.echo(f"left out, intents not in --base (--allow-new-intents keeps them): {merged.unknown_intents}",
                   err=True)
    if merged.skipped_reasons:
        typer.echo(f"queue rows not taken (review them, then --reasons): {merged.skipped_reasons}", err=True)


def simulate(
    out: Annotated[Path, typer.Option("--out", help="log JSONL to write")],
    n: Annotated[int, typer.Option("--n", min=1, help="conversations")] = 500,
    seed: Annotated[int, typer.Option("--seed", help="random seed")] = 0,
    store_dir: Annotated[Path | None, typer.Option("--store-dir", help="store folder (default: settings)")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print a summary as JSON")] = False,
) -> None:
    """Write labelled, simulated customer conversations from the store's data."""
    from bot.evaluation.logs import write_logs
    from training.simulator import CustomerSimulator

    try:
        sim = CustomerSimulator.from_store(store_dir or _settings(None).store_dir, seed=seed)
    except (OSError, ValueError) as e:
        raise typer.BadParameter(str(e), param_hint="--store-dir") from e
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
    app.command("training-data")(training_data)
