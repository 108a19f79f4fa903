from __future__ import annotations

import json

import pytest
from evaluation_fakes import provider
from typer.testing import CliRunner

from bot.cli import app
from bot.evaluation.gate import compare
from bot.evaluation.logs import write_logs
from bot.evaluation.runner import run_evaluation


def test_compare_flags_drops_beyond_tolerance():
    cur = {"intent_accuracy": 0.80, "intent_macro_f1": 0.795, "handoff_f1": None, "containment": 0.9,
           "retrieval_mrr": None}
    base = {"intent_accuracy": 0.85, "intent_macro_f1": 0.80, "handoff_f1": None, "containment": 0.5,
            "retrieval_mrr": 0.4}
    res = compare(cur, base, tolerance=0.01)
    d = {x.metric: x for x in res.deltas}
    assert d["intent_accuracy"].regressed and d["intent_accuracy"].delta == pytest.approx(-0.05)
    assert not d["intent_macro_f1"].regressed  # -0.005 is within tolerance
    assert not d["containment"].regressed and not d["handoff_f1"].regressed
    assert d["retrieval_mrr"].regressed  # measured before, lost now
    assert res.failed and res.to_dict()["regressed"] == ["intent_accuracy", "retrieval_mrr"]


def test_run_evaluation_gates_worse_pipeline(small_log, good_dialogue, bad_dialogue, tmp_path):
    worse = run_evaluation(small_log, provider(bad_dialogue), baseline=provider(good_dialogue), progress=False)
    assert worse.failed
    assert set(worse.gate.to_dict()["regressed"]) >= {"intent_accuracy", "containment", "retrieval_mrr"}
    same = run_evaluation(small_log, provider(good_dialogue), baseline=provider(good_dialogue), progress=False)
    assert not same.failed
    assert all(d["delta"] in (0.0, None) for d in same.report["gate"]["deltas"].values())


@pytest.mark.parametrize(("model", "code"), [("worse", 1), ("same", 0)])
def test_cli_exit_code(fake_pipelines, small_log, tmp_path, model, code):
    logs = tmp_path / "logs.jsonl"
    write_logs(small_log, logs)
    out = tmp_path / "eval"
    res = CliRunner().invoke(app, ["evaluate", "--logs", str(logs), "--out", str(out), "--model",
                                   str(tmp_path / model), "--baseline-model", str(tmp_path / "base"), "--json"])
    assert res.exit_code == code, res.output
    summary = json.loads(res.stdout)
    assert summary["gate"]["failed"] is bool(code)
    assert summary["headline"]["intent_accuracy"] == (0.25 if code else 0.75)
    report = json.loads((out / "report.json").read_text())
    assert report["gate"] == summary["gate"] and report["baseline"]["headline"]["intent_accuracy"] == 0.75
    assert "Regression gate" in (out / "report.html").read_text()


def test_cli_refuses_a_missing_model(small_log, tmp_path):
    logs = tmp_path / "logs.jsonl"
    write_logs(small_log, logs)
    res = CliRunner().invoke(app, ["evaluate", "--logs", str(logs), "--out", str(tmp_path / "eval"),
                                   "--model", str(tmp_path / "nothing-here")])
    assert res.exit_code == 2 and "no intent model" in res.output
    assert not (tmp_path / "eval").exists()
