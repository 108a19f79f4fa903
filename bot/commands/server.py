"""`shopbot` subcommands for the server (serve, chat) (registered by bot.cli). Heavy imports stay inside the functions."""

from __future__ import annotations

from typing import Annotated

import typer


def serve(
    host: Annotated[str | None, typer.Option(help="bind address (default: settings.host)")] = None,
    port: Annotated[int | None, typer.Option(help="port (default: settings.port)")] = None,
    workers: Annotated[int, typer.Option(help="uvicorn worker processes (use Redis for fan-out when > 1)")] = 1,
) -> None:
    """Serve the widget, the agent panel and both websockets (uvicorn; graceful drain on SIGTERM)."""
    from bot.server.runner import configure_logging
    from bot.server.runner import serve as run
    from bot.settings import Settings

    settings = Settings()
    configure_logging(settings)
    if workers > 1 and not settings.redis_url:
        typer.echo("warning: several workers without SHOPBOT_REDIS_URL: agents only see chats of their own worker",
                   err=True)
    run(settings, host=host or settings.host, port=port or settings.port, workers=workers)


def chat(
    url: Annotated[str, typer.Option(help="the server's customer socket")] = "ws://127.0.0.1:8000/ws/chat",
    language: Annotated[str | None, typer.Option(help="en, zh or es")] = None,
    customer_id: Annotated[str | None, typer.Option(help="who you are in the demo store")] = None,
) -> None:
    """Chat with the bot in the terminal; reconnects and resumes the conversation if the link drops."""
    import asyncio

    from bot.server.terminal import run_terminal_chat

    try:
        asyncio.run(run_terminal_chat(url, language=language, customer_id=customer_id))
    except (KeyboardInterrupt, EOFError):
        typer.echo("")


def register(app: typer.Typer) -> None:
    """Add this area's subcommands to the main app."""
    app.command("serve")(serve)
    app.command("chat")(chat)
