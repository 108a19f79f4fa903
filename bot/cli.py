"""The ``shopbot`` command line. Subcommands are thin; heavy imports happen inside them so
``shopbot --help`` stays instant."""

from __future__ import annotations

import typer

from bot.commands import core, evaluation, intents, recommender, retrieval, server

app = typer.Typer(
    name="shopbot",
    help="Self-hosted customer-service assistant for online stores.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
)

@app.callback()
def _main() -> None:
    """Self-hosted customer-service assistant for online stores."""


for _module in (core, server, intents, retrieval, recommender, evaluation):
    _module.register(app)

if __name__ == "__main__":  # pragma: no cover
    app()
