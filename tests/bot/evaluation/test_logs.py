from __future__ import annotations

import json

import pytest

from bot.evaluation.logs import Conversation, Gold, Turn, read_logs, write_logs


def test_round_trip_keeps_every_field(tmp_path, small_log):
    small_log[0].customer_id = "cust-1"
    small_log[0].started_at = "2026-01-01T10:00:00Z"
    small_log[0].meta = {"source": "test"}
    small_log[1].turns.append(Turn(role="agent", text="hola, soy Ana", timestamp="2026-01-01T10:01:00Z"))
    path = tmp_path / "logs.jsonl"
    assert write_logs(small_log, path) == 3
    assert read_logs(path) == small_log
    first = json.loads(path.read_text(encoding="utf-8").splitlines()[0])
    assert "gold" not in first["turns"][1]  # unset optional fields are left out
    assert "推荐一双鞋" in path.read_text(encoding="utf-8")  # UTF-8, not \u escapes


def test_customer_turns_keep_their_index(small_log):
    assert [i for i, _ in small_log[0].customer_turns()] == [0, 2]


def test_bad_lines_are_reported_with_line_number(tmp_path):
    path = tmp_path / "bad.jsonl"
    ok = Conversation(id="x", turns=[Turn(role="customer", text="hi", gold=Gold(intent="greeting"))])
    path.write_text(ok.model_dump_json() + "\n" + json.dumps({"id": "y", "turns": [{"role": "robot", "text": "?"}]}))
    with pytest.raises(ValueError, match=r"bad.jsonl:2"):
        read_logs(path)


@pytest.mark.parametrize(("line", "message"), [
    ({"id": "z", "turns": [{"role": "customer", "text": "hi", "gold": {"intnet": "greeting"}}]}, "intnet"),  # typo
    ({"id": "z", "turns": [{"role": "bot", "text": "hi", "gold": {"intent": "greeting"}}]}, "customer turns"),
    ({"id": "z", "turns": [{"role": "customer", "text": "hi", "gold": {"sentiment": "angry"}}]}, "sentiment"),
    ({"id": "x", "turns": []}, "already used on line 1"),
])
def test_logs_are_validated(tmp_path, line, message):
    path = tmp_path / "logs.jsonl"
    ok = Conversation(id="x", turns=[Turn(role="customer", text="hi", gold=Gold(intent="greeting"))])
    path.write_text(ok.model_dump_json() + "\n" + json.dumps(line) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        read_logs(path)


def test_evaluate_names_the_bad_line(tmp_path):
    from typer.testing import CliRunner

    from bot.cli import app

    path = tmp_path / "logs.jsonl"
    path.write_text(json.dumps({"id": "a", "turns": [{"role": "customer", "text": "hi"}]}) + "\n{not json\n")
    res = CliRunner().invoke(app, ["evaluate", "--logs", str(path), "--out", str(tmp_path / "eval")])
    assert res.exit_code == 2 and "logs.jsonl:2" in res.output
    assert not (tmp_path / "eval").exists()
