"""``shopbot simulate`` -> ``shopbot evaluate`` on the real stack (tiny trained model, real index, SQL shop)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from bot.evaluation.logs import intent_rows, read_logs
from bot.evaluation.runner import QUEUE_FILE, TURNS_FILE

N_CONVERSATIONS = 16


@pytest.fixture(scope="module")
def sim_logs(shopbot, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("sim") / "sim.jsonl"
    code, stdout, _ = shopbot("simulate", "--n", N_CONVERSATIONS, "--seed", 3, "--out", out, "--json")
    assert code == 0, stdout
    return out


@pytest.fixture(scope="module")
def evaluated(shopbot, sim_logs, tmp_path_factory) -> tuple[Path, dict, str]:
    out = tmp_path_factory.mktemp("eval") / "eval"
    code, stdout, stderr = shopbot("evaluate", "--logs", sim_logs, "--out", out, "--json")
    assert code == 0, stdout + stderr
    return out, json.loads(stdout), stderr


def test_evaluate_writes_the_report_a_store_owner_reads(shopbot, evaluated):
    out, summary, stderr = evaluated
    assert summary["conversations"] == N_CONVERSATIONS and "gate" not in summary  # --json: only the summary
    assert "current" in stderr and "turn" in stderr  # the progress bar went to stderr

    rep = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert rep["headline"] == summary["headline"]
    it = rep["intent"]
    assert it["n"] > 15 and 0.3 < it["accuracy"] <= 1.0  # a trained model, far above chance (1/25)
    assert sum(map(sum, it["confusion"])) == it["n"]
    assert rep["sentiment"]["n"] > 0 and rep["retrieval"]["n"] > 0 and rep["recommendation"]["n"] > 0
    assert rep["handoff"]["n"] == N_CONVERSATIONS and rep["containment"]["n"] == N_CONVERSATIONS
    assert set(rep["per_language"]) == {"en", "zh", "es"}
    assert {"understand", "total"} <= set(rep["latency_ms"])
    assert rep["latency_ms"]["total"]["p50"] <= rep["latency_ms"]["total"]["p99"]

    page = (out / "report.html").read_text(encoding="utf-8")
    assert f"{it['accuracy']:.4f}" in page and "Worst turns" in page
    assert len(re.findall(r'src="data:image/png;base64,', page)) == 3
    assert not re.search(r"""(src|href)\s*=\s*["']?https?:""", page)
    assert not shopbot.live_db.exists()  # replayed order actions ran on a throwaway shop


def test_annotation_queue_holds_every_mistake_as_training_rows(evaluated):
    from training.intents_data import read_jsonl

    out, _, _ = evaluated
    rep = json.loads((out / "report.json").read_text(encoding="utf-8"))
    turns = [json.loads(x) for x in (out / TURNS_FILE).read_text(encoding="utf-8").splitlines()]
    assert len(turns) == rep["customer_turns"]
    queue = read_jsonl(out / QUEUE_FILE)  # train-intents reads it as is
    assert len(queue) == rep["annotation_queue"]["rows"] > 0 and all(r.intent and r.lang for r in queue)
    gold = {r.text: r.intent for r in queue}
    wrong = {t["text"]: t["gold"]["intent"] for t in turns
             if t["gold"] and t["gold"].get("intent") and t["intent"] != t["gold"]["intent"]}
    assert wrong and all(gold[text] == intent for text, intent in wrong.items())  # queued with the gold label


def test_report_intent_accuracy_agrees_with_eval_intents(shopbot, sim_logs, evaluated, tmp_path):
    report = json.loads((evaluated[0] / "report.json").read_text())
    rows = tmp_path / "rows.jsonl"
    rows.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in intent_rows(read_logs(sim_logs))),
                    encoding="utf-8")
    code, stdout, _ = shopbot("eval-intents", "--model", shopbot.model, "--data", rows, "--json")
    assert code == 0, stdout
    ei = json.loads(stdout)
    assert ei["n"] == report["intent"]["n"]
    assert ei["accuracy"] == pytest.approx(report["intent"]["accuracy"], abs=1e-9)
    assert ei["macro_f1"] == pytest.approx(report["intent"]["macro_f1"], abs=1e-9)


def test_regression_gate_exit_codes(shopbot, broken_model, sim_logs, tmp_path):
    code, stdout, stderr = shopbot("evaluate", "--logs", sim_logs, "--out", tmp_path / "worse", "--model",
                                   broken_model, "--baseline-model", shopbot.model, "--json")
    assert code == 1, stdout + stderr
    gate = json.loads(stdout)["gate"]
    assert gate["failed"] and "intent_accuracy" in gate["regressed"]
    assert gate["deltas"]["intent_accuracy"]["delta"] < -0.2
    assert "regression gate FAILED" in stderr and "intent_accuracy" in stderr
    assert "FAILED" in (tmp_path / "worse" / "report.html").read_text(encoding="utf-8")

    # the same drop within a generous tolerance passes (CI picks its own tolerance)
    code, stdout, stderr = shopbot("evaluate", "--logs", sim_logs, "--out", tmp_path / "tolerant", "--model",
                                   broken_model, "--baseline-model", shopbot.model, "--tolerance", "0.9", "--limit", 8)
    assert code == 0, stdout + stderr
    assert re.search(r"intent_accuracy\s+[\d.]+\s+[\d.]+\s+-0\.\d+\n", stdout), stdout  # drop shown, not flagged


def test_evaluate_refuses_a_missing_model(shopbot, sim_logs, tmp_path):
    code, stdout, stderr = shopbot("evaluate", "--logs", sim_logs, "--out", tmp_path / "eval", "--model",
                                   tmp_path / "nothing-here")
    assert code == 2 and "no intent model" in stdout + stderr
    assert not (tmp_path / "eval").exists()
