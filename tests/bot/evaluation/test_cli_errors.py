"""What the evaluation commands say when the input is wrong: one line that names the problem, no traceback,
nothing half-written. Run in-process (no models needed: every check happens before a pipeline is built)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app
from bot.settings import DEMO_STORE_DIR


def _run(*args: object, env: dict[str, str] | None = None) -> tuple[int, str]:
    res = CliRunner().invoke(app, [str(a) for a in args], env={"COLUMNS": "400", **(env or {})})
    assert res.exception is None or isinstance(res.exception, SystemExit), repr(res.exception)  # no traceback
    text = (res.stdout + res.stderr).translate({ord(c): " " for c in "│─╭╮╰╯"})  # rich's error box
    return res.exit_code, " ".join(text.split())


def test_evaluate_refuses_an_empty_log(tmp_path):
    empty = tmp_path / "logs.jsonl"
    empty.write_text("\n", encoding="utf-8")
    code, out = _run("evaluate", "--logs", empty, "--out", tmp_path / "eval")
    assert code == 2 and "holds no conversation" in out
    assert not (tmp_path / "eval").exists()


def test_evaluate_on_intent_rows_says_what_the_file_is(tmp_path):
    code, out = _run("evaluate", "--logs", DEMO_STORE_DIR / "nlu" / "test.jsonl", "--out", tmp_path / "eval")
    assert code == 2 and "test.jsonl:1: not a conversation" in out
    assert "looks like intent data" in out and "docs/evaluation.md" in out
    assert "errors.pydantic.dev" not in out and len(out) < 700  # a sentence, not a wall of validation errors


def test_evaluate_refuses_a_file_that_is_not_text(tmp_path):
    blob = tmp_path / "logs.jsonl.gz"
    blob.write_bytes(b"\x1f\x8b\x08\x00\xff\xfe\x00")
    code, out = _run("evaluate", "--logs", blob, "--out", tmp_path / "eval")
    assert code == 2 and "is not UTF-8 text" in out


@pytest.mark.parametrize("option", [("--limit", "0"), ("--tolerance", "-0.1"), ("--low-confidence", "-0.5")])
def test_evaluate_refuses_values_out_of_range(tmp_path, option):
    code, out = _run("evaluate", "--logs", tmp_path / "x.jsonl", "--out", tmp_path / "eval", *option)
    assert code == 2 and option[0] in out


def test_import_logs_names_the_missing_file(tmp_path):
    code, out = _run("import-logs", "--format", "abcd", "--data-root", tmp_path, "--out", tmp_path / "logs.jsonl")
    assert code == 2 and "abcd_sample.json not found" in out and "--data-root" in out
    assert not (tmp_path / "logs.jsonl").exists()


def test_import_logs_refuses_a_file_of_another_format(tmp_path):
    bad = tmp_path / "faq" / "abcd" / "abcd_sample.json"
    bad.parent.mkdir(parents=True)
    bad.write_text(json.dumps([{"id": 1, "turns": []}]), encoding="utf-8")
    code, out = _run("import-logs", "--format", "abcd", "--data-root", tmp_path, "--out", tmp_path / "logs.jsonl")
    assert code == 2 and "is not in the abcd format" in out
    assert not (tmp_path / "logs.jsonl").exists()


def test_export_logs_never_creates_a_database(tmp_path):
    missing = tmp_path / "typo.db"
    code, out = _run("export-logs", "--out", tmp_path / "logs.jsonl",
                     env={"SHOPBOT_DATABASE_URL": f"sqlite+aiosqlite:///{missing}"})
    assert code == 1 and "no database at" in out and "typo.db" in out
    assert not missing.exists() and not (tmp_path / "logs.jsonl").exists()


def test_export_logs_refuses_a_database_that_is_not_shopbots(tmp_path):
    import sqlite3

    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("create table t (x int)").connection.close()
    code, out = _run("export-logs", "--out", tmp_path / "logs.jsonl",
                     env={"SHOPBOT_DATABASE_URL": f"sqlite+aiosqlite:///{other}"})
    assert code == 1 and "no shopbot conversations table" in out


def test_export_logs_says_when_the_server_is_unreachable_without_showing_the_password(tmp_path):
    code, out = _run("export-logs", "--out", tmp_path / "logs.jsonl",
                     env={"SHOPBOT_DATABASE_URL": "postgresql+asyncpg://shop:s3cret@127.0.0.1:1/shop"})
    assert code == 1 and "cannot read postgresql+asyncpg://shop:***@127.0.0.1:1/shop" in out
    assert "s3cret" not in out


def test_simulate_refuses_a_store_folder_that_is_not_one(tmp_path):
    code, out = _run("simulate", "--n", 5, "--store-dir", tmp_path / "nowhere", "--out", tmp_path / "sim.jsonl")
    assert code == 2 and "not found" in out
    code, out = _run("simulate", "--n", 5, "--store-dir", tmp_path, "--out", tmp_path / "sim.jsonl")
    assert code == 2 and "no intent utterances" in out
    assert not (tmp_path / "sim.jsonl").exists()


def test_simulate_refuses_zero_conversations(tmp_path):
    code, out = _run("simulate", "--n", 0, "--out", tmp_path / "sim.jsonl")
    assert code == 2 and "--n" in out
    assert not Path(tmp_path / "sim.jsonl").exists()
