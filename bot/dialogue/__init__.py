"""The dialogue manager: what the bot says (the server owns transport and persistence).

The server's lifespan calls ``await build_dialogue(settings, sessions)``. The names below load on first
use, so importing a submodule (``bot.dialogue.ports``) stays cheap.

>>> from bot.dialogue import build_dialogue
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {
    "DialogueManager": "bot.dialogue.manager",
    "build_customer_directory": "bot.dialogue.factory",
    "build_dialogue": "bot.dialogue.factory",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'bot.dialogue' has no attribute {name!r}")
