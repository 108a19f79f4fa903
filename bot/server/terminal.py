"""``shopbot chat``: a terminal customer, printing replies with citations and product cards."""

from __future__ import annotations

import asyncio
import sys
from typing import Any

from bot.server.client import ChatClient


def render(frame: dict[str, Any]) -> str | None:
    """One server frame as terminal text (None for frames the user need not see)."""
    kind = frame.get("type")
    if kind == "bot_message":
        reply = frame["reply"]
        lines = [f"bot> {reply['text']}"]
        lines += [f"     [{i}] {c['title']} ({c['kind']}:{c['id']})" for i, c in enumerate(reply.get("citations", []), 1)]
        lines += [f"     * {p['title']} - {p['price']:.2f} {p['currency']} ({p['reason']})"
                  for p in reply.get("products", [])]
        if reply.get("quick_replies"):
            lines.append("     options: " + " | ".join(reply["quick_replies"]))
        return "\n".join(lines)
    if kind == "agent_message":
        return f"{frame.get('agent') or 'support agent'}> {frame['text']}"
    if kind == "status":
        return f"  -- {frame['status'].replace('_', ' ')}" + (f" ({frame['agent']})" if frame.get("agent") else "")
    if kind == "error":
        return f"  !! {frame['code']}: {frame['message']}"
    if kind == "reconnect":
        return "  -- server restarting, reconnecting..."
    return None


async def _printer(client: ChatClient) -> None:
    while True:
        text = render(await client.recv(timeout=3600))
        if text:
            print(text, flush=True)


async def run_terminal_chat(url: str, *, language: str | None, customer_id: str | None) -> None:
    client = ChatClient(url, language=language, customer_id=customer_id)
    loop = asyncio.get_running_loop()
    delay = 0.5
    while True:
        try:
            welcome = await client.connect()
        except (OSError, RuntimeError) as e:
            print(f"  -- cannot connect ({type(e).__name__}); retrying in {delay:.1f}s", file=sys.stderr)
            await asyncio.sleep(delay)
            delay = min(delay * 2, 8)
            continue
        delay = 0.5
        print(f"  -- conversation {welcome['conversation_id']} ({'resumed' if welcome['resumed'] else 'new'}); "
              "type and press enter, Ctrl-D to quit", file=sys.stderr)
        printer = asyncio.create_task(_printer(client))
        try:
            while not printer.done():
                line = await loop.run_in_executor(None, sys.stdin.readline)
                if not line:
                    printer.cancel()
                    await client.close()
                    return
                if line.strip() and not printer.done():
                    await client.send(line.strip())
        finally:
            printer.cancel()
        print("  -- connection lost, resuming...", file=sys.stderr)
