"""Packaging facts a newcomer relies on: the CLI, the Dockerfile, the quick start."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHOPBOT = Path(sys.executable).parent / "shopbot"
EXPECTED_COMMANDS = {"serve", "chat", "prepare-model", "train-intents", "eval-intents", "build-index", "search",
                     "eval-retrieval", "train-recommender", "eval-recommender", "evaluate", "export-logs"}


def test_cli_help_is_instant_and_lists_subcommands() -> None:
    t0 = time.perf_counter()
    out = subprocess.run([str(SHOPBOT), "--help"], capture_output=True, text=True, check=True,
                         env={"COLUMNS": "200", "PATH": "/usr/bin:/bin"}).stdout
    elapsed = time.perf_counter() - t0
    listed = set(re.findall(r"│ ([a-z][a-z-]+)\s", out))
    missing = EXPECTED_COMMANDS - listed
    assert not missing, f"subcommands missing from `shopbot --help`: {missing}"
    assert elapsed < 3.0, f"`shopbot --help` took {elapsed:.2f}s: a heavy import leaked to module level"


def test_cli_import_is_light() -> None:
    code = "import sys, bot.cli; heavy = {'torch', 'transformers', 'faiss', 'sentence_transformers'} & set(sys.modules); print(sorted(heavy))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_dockerfile_references_exist() -> None:
    text = (REPO / "Dockerfile").read_text()
    assert text.startswith("#") and "FROM python:3.11-slim" in text
    for src in re.findall(r"^COPY (\S+)", text, flags=re.M):
        assert (REPO / src).exists(), f"Dockerfile copies {src}, which does not exist"
    for path in re.findall(r"training/demo_store/[\w./]+", text):
        assert (REPO / path).exists(), f"Dockerfile uses {path}, which does not exist"
    assert "USER shopbot" in text and "HEALTHCHECK" in text and "/healthz" in text
    assert 'CMD ["shopbot", "serve"]' in text
    assert "torch==2.13.0" in text


def test_readme_quick_start_and_settings_match_code() -> None:
    from bot.settings import settings_markdown

    readme = (REPO / "README.md").read_text()
    assert "make run" in readme and "make test" in readme
    block = re.search(r"<!-- settings:start[^\n]*-->\n(.*?)<!-- settings:end -->", readme, flags=re.S)
    assert block, "README lost its generated Configuration table"
    assert block.group(1) == settings_markdown(), "README's settings table is stale: paste `shopbot config --markdown`"


def test_readme_lists_every_cli_command() -> None:
    from typer.main import get_command

    from bot.cli import app

    readme = (REPO / "README.md").read_text()
    for name in get_command(app).commands:  # type: ignore[attr-defined]
        assert f"`shopbot {name}" in readme, f"`shopbot {name}` is missing from the README's command table"


def test_ci_calls_make_test() -> None:
    assert "make test" in (REPO / ".ci" / "run").read_text()
