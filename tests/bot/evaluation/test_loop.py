"""The loop of docs/evaluation.md, by its commands: simulate -> evaluate -> retrain on the queue -> evaluate."""

from __future__ import annotations

import json
from pathlib import Path


def _turns(folder: Path) -> dict[str, dict]:
    rows = [json.loads(x) for x in (folder / "turns.jsonl").read_text(encoding="utf-8").splitlines()]
    return {r["text"]: r for r in rows}


def test_simulate_evaluate_retrain_evaluate(shopbot, eval_train_rows, tiny_base_model_dir, tmp_path):
    sim, eval0, eval1, v2 = (tmp_path / x for x in ("sim.jsonl", "eval0", "eval1", "intents-v2"))
    assert shopbot("simulate", "--n", 14, "--seed", 11, "--out", sim)[0] == 0
    code, stdout, stderr = shopbot("evaluate", "--logs", sim, "--out", eval0)
    assert code == 0, stdout + stderr

    queue = [json.loads(x) for x in (eval0 / "annotation_queue.jsonl").read_text(encoding="utf-8").splitlines()]
    fixes = [r for r in queue if r["reason"] in ("disagreement", "relabelled")]  # gold labels: no review needed
    assert fixes
    data = tmp_path / "train_plus_queue.jsonl"
    data.write_text(eval_train_rows.read_text(encoding="utf-8")
                    + "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in fixes), encoding="utf-8")
    code, stdout, _ = shopbot("train-intents", "--data", data, "--out", v2, "--epochs", 6,
                              "--base-model", tiny_base_model_dir, "--json")
    assert code == 0, stdout
    trained = json.loads(stdout)
    assert trained["n_train"] + trained["n_valid"] == len(data.read_text(encoding="utf-8").splitlines())

    code, stdout, stderr = shopbot("evaluate", "--logs", sim, "--out", eval1, "--model", v2,
                                   "--baseline-model", shopbot.model, "--json")
    assert code in (0, 1), stdout + stderr  # the gate decides; both runs are reported
    report = json.loads((eval1 / "report.json").read_text(encoding="utf-8"))
    assert set(report["gate"]["deltas"]) >= {"intent_accuracy", "handoff_f1", "containment"}
    before, after = _turns(eval0), _turns(eval1)
    fixed = [r["text"] for r in fixes if after[r["text"]]["intent"] == r["intent"]]
    assert all(before[r["text"]]["intent"] != r["intent"] for r in fixes)
    assert fixed, "the retrained model learnt none of the queued mistakes"
