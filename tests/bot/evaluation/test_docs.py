"""docs/evaluation.md matches the code: every option it shows for a command exists, and every option of the
evaluation commands is documented there."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.main import get_command

from bot.cli import app

DOC = Path(__file__).resolve().parents[3] / "docs" / "evaluation.md"
COMMANDS = ("evaluate", "export-logs", "import-logs", "annotation-queue", "simulate", "training-data")


def _options(name: str) -> set[str]:
    group = get_command(app)
    cmd = group.commands[name]  # type: ignore[attr-defined]
    return {o for p in cmd.params for o in p.opts if o.startswith("--")} - {"--help"}


def _documented(name: str, text: str) -> set[str]:
    """Options written after ``shopbot NAME`` up to the end of that command (a line break not inside brackets)."""
    found: set[str] = set()
    for m in re.finditer(rf"shopbot {name}\b(.*?)(?:`|\n(?!\[|    ))", text, flags=re.S):
        found |= set(re.findall(r"(--[a-z][a-z-]*)", m.group(1)))
    return found


@pytest.mark.parametrize("name", COMMANDS)
def test_every_documented_option_exists_and_every_option_is_documented(name):
    text = DOC.read_text(encoding="utf-8")
    real, shown = _options(name), _documented(name, text)
    assert shown <= real, f"docs/evaluation.md shows options `shopbot {name}` does not have: {shown - real}"
    missing = {o for o in real if not re.search(rf"{re.escape(o)}\b", text)}
    assert not missing, f"options of `shopbot {name}` not in docs/evaluation.md: {missing}"
