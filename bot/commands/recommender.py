"""`shopbot` subcommands for recommender (registered by bot.cli). Heavy imports stay inside the functions."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add this area's subcommands to the main app."""
