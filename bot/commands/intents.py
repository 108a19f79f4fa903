"""`shopbot` subcommands for intents (registered by bot.cli). Heavy imports stay inside the functions."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer


def train_intents(
    data: Annotated[Path, typer.Option("--data", help=r"training JSONL: text, intent, \[sentiment], \[lang]")],
    out: Annotated[Path, typer.Option("--out", help="model folder to write")],
    valid: Annotated[Path | None, typer.Option("--valid", help="validation JSONL (default: 10% of --data)")] = None,
    epochs: Annotated[int, typer.Option("--epochs", help="training epochs")] = 4,
    seed: Annotated[int, typer.Option("--seed", help="random seed")] = 0,
    base_model: Annotated[Path | None, typer.Option("--base-model", help="prepared e5 base folder")] = None,
    prefix: Annotated[str, typer.Option("--prefix", help="text before every utterance (none by default; e5's "
                                        "'query: ' was the recipe before the ninth session)")] = "",
    as_json: Annotated[bool, typer.Option("--json", help="print the result as JSON")] = False,
) -> None:
    """Fine-tune the intent + sentiment model and calibrate its out-of-scope decision."""
    from bot.settings import Settings
    from training.intents_train import TrainArgs, train_intents as run

    settings = Settings()
    base = base_model or settings.base_model_dir
    assert base is not None
    res = run(data, valid, out, base, epochs, seed, args=TrainArgs(epochs=epochs, seed=seed, prefix=prefix,
                                                                      threads=settings.torch_threads))
    summary = {"out": str(res.out_dir), "seconds": round(res.seconds, 1), "steps": res.steps,
               "n_train": res.n_train, "n_valid": res.n_valid, "validation_metrics": res.validation_metrics}
    if as_json:
        typer.echo(json.dumps(summary, ensure_ascii=False))
    else:
        typer.echo(f"trained {res.out_dir} in {res.seconds:.0f}s ({res.steps} steps, {res.n_train} rows)")
        _table(res.validation_metrics)


def eval_intents(
    model: Annotated[Path, typer.Option("--model", help="model folder")],
    data: Annotated[Path, typer.Option("--data", help="test JSONL")],
    as_json: Annotated[bool, typer.Option("--json", help="print one JSON object")] = False,
    backend: Annotated[str, typer.Option("--backend", help="runtime: torch, or a SHOPBOT_INFERENCE__BACKEND value "
                                         "(the export is cached like the offline evaluation's)")] = "torch",
) -> None:
    """Evaluate a trained model: accuracy, macro-F1, out-of-scope, sentiment, per language, speed."""
    from bot.settings import Settings
    from intents.predictor import IntentPredictor
    from training.intents_data import read_jsonl
    from training.intents_eval import evaluate

    settings = Settings()
    if backend == "torch":
        predictor = IntentPredictor.from_pretrained(model, threads=settings.torch_threads)
    else:
        from bot.evaluation.pipeline import served_intents

        inference = settings.inference.model_copy(update={"backend": backend})
        predictor = served_intents(settings.model_copy(update={"inference": inference}), model)
    metrics = evaluate(predictor, read_jsonl(data))
    if as_json:
        typer.echo(json.dumps(metrics, ensure_ascii=False))
    else:
        _table(metrics)


def _table(metrics: dict) -> None:
    for key, value in metrics.items():
        if isinstance(value, dict):
            for k, v in value.items():
                typer.echo(f"  {key}[{k}]".ljust(28) + f"{v:.4f}")
        else:
            typer.echo(f"  {key}".ljust(28) + (f"{value:.4f}" if isinstance(value, float) else str(value)))


def register(app: typer.Typer) -> None:
    """Add this area's subcommands to the main app."""
    app.command("train-intents")(train_intents)
    app.command("eval-intents")(eval_intents)
