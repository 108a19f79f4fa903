"""``shopbot training-data``: corrected labels (annotation queue, labelled logs) -> data train-intents reads."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from bot.cli import app
from bot.evaluation.logs import Conversation, Gold, Turn, write_logs
from training.intents_data import read_jsonl


def _jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def _run(*args: object) -> tuple[int, dict | str]:
    res = CliRunner().invoke(app, ["training-data", *map(str, args)], env={"COLUMNS": "300"})
    return res.exit_code, json.loads(res.stdout) if res.exit_code == 0 and "--json" in args else res.output


def test_corrections_replace_rows_and_only_trusted_new_rows_are_added(tmp_path):
    base = _jsonl(tmp_path / "train.jsonl", [
        {"text": "where is my parcel", "intent": "track_shipment", "sentiment": "neutral", "lang": "en"},
        {"text": "I was charged twice", "intent": "payment_issue", "sentiment": "neutral", "lang": "en"},
        {"text": "quiero cancelar", "intent": "cancel_order", "lang": "es"},
        {"text": "thanks", "intent": "thanks", "lang": "en"},
        {"text": "this is a joke", "intent": "complaint", "lang": "en"}])
    test = _jsonl(tmp_path / "test.jsonl", [{"text": "where's 1042", "intent": "order_status", "lang": "en"}])
    queue = _jsonl(tmp_path / "queue.jsonl", [
        {"text": "I was charged twice", "intent": "complaint", "sentiment": "negative", "lang": "en",
         "reason": "relabelled", "predicted_intent": "payment_issue", "confidence": 0.98},  # agent overrules
        {"text": "推荐一双鞋", "intent": "thanks", "sentiment": "neutral", "lang": "zh",
         "reason": "disagreement", "predicted_intent": "complaint", "confidence": 0.4},
        {"text": "where's 1042", "intent": "order_status", "lang": "en", "reason": "disagreement"},  # a test text
        {"text": "quiero cancelar", "intent": "return_request", "lang": "es", "reason": "relabelled"},  # typo
        {"text": "hmm", "intent": "greeting", "lang": "en", "reason": "low_confidence", "confidence": 0.2}])
    logs = tmp_path / "exported.jsonl"
    write_logs([Conversation(id="c", language="en", turns=[
        Turn(role="customer", text="this is a joke", gold=Gold(sentiment="negative", labelled_by="agent")),
        Turn(role="bot", text="Sorry!"),
        Turn(role="customer", text="thanks", gold=Gold(intent="thanks", labelled_by="agent"))])], logs)
    out = tmp_path / "train_v2.jsonl"

    code, summary = _run("--base", base, "--queue", queue, "--logs", logs, "--holdout", test, "--out", out, "--json")
    assert code == 0, summary
    assert summary == {"out": str(out), "rows": 6, "base": 5, "added": 1, "corrected": 2, "unchanged": 1,
                       "held_out": 1, "unknown_intents": {"return_request": 1}, "skipped_reasons": {"low_confidence": 1}}
    rows = {r.text: r for r in read_jsonl(out)}  # train-intents reads it as is
    assert len(rows) == 6  # one row per text: a correction is not a second, contradicting row
    assert (rows["I was charged twice"].intent, rows["I was charged twice"].sentiment) == ("complaint", "negative")
    assert (rows["this is a joke"].intent, rows["this is a joke"].sentiment) == ("complaint", "negative")
    assert rows["quiero cancelar"].intent == "cancel_order" and rows["推荐一双鞋"].lang == "zh"
    assert "where's 1042" not in rows and "hmm" not in rows

    code, summary = _run("--base", base, "--queue", queue, "--reasons", "relabelled,disagreement,low_confidence",
                         "--allow-new-intents", "--out", out, "--json")
    assert code == 0 and summary["added"] == 3 and summary["corrected"] == 2 and not summary["unknown_intents"]
    assert read_jsonl(out)[2].intent == "return_request"


def test_training_data_needs_corrections_and_the_right_files(tmp_path):
    base = _jsonl(tmp_path / "train.jsonl", [{"text": "hi", "intent": "greeting"}])
    code, out = _run("--base", base, "--out", tmp_path / "o.jsonl")
    assert code == 2 and "at least one --queue or --logs" in out
    log = tmp_path / "logs.jsonl"
    write_logs([Conversation(id="c", turns=[Turn(role="customer", text="hi")])], log)
    code, out = _run("--base", base, "--queue", log, "--out", tmp_path / "o.jsonl")
    assert code == 2 and "is a conversation log: pass it with --logs" in out
    assert not (tmp_path / "o.jsonl").exists()
