"""`shopbot COMMAND --help` shows every option's help as written (typer renders help as rich markup, where a
bracketed word like ``[ids]`` is a style tag and silently disappears)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from bot.cli import app


@pytest.mark.parametrize(("command", "shown"), [("train-intents", "text, intent, [sentiment], [lang]"),
                                                ("eval-retrieval", "{query, relevant: [ids]}")])
def test_bracketed_words_survive_in_help(command, shown):
    res = CliRunner().invoke(app, [command, "--help"], env={"COLUMNS": "200"})
    assert res.exit_code == 0 and shown in res.stdout, res.stdout
