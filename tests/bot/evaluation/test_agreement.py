"""The report's intent metrics agree with ``eval-intents`` on the same turns: the production demo model on
simulated demo logs (slow; the tiny-model version runs by default in test_evaluate_cli.py).

Both sides use the runtime the server serves (``SHOPBOT_INFERENCE__BACKEND``, by default int8 with activations
quantised per token; ``eval-intents --backend``): the dialogue reads each turn alone, ``eval-intents`` in batches of
32, so they agree only if a turn's reading does not depend on its batch (per-batch int8 failed: 0.921 vs 0.899)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from bot.evaluation.logs import intent_rows
from bot.evaluation.runner import run_evaluation
from bot.settings import Settings
from intents.predictor import IntentPredictor
from training.intents_data import read_jsonl
from training.intents_eval import evaluate as eval_intents


def _agree(report: dict, rows_path: Path, predictor: IntentPredictor) -> dict:
    ei = eval_intents(predictor, read_jsonl(rows_path))
    assert ei["n"] == report["intent"]["n"]
    assert ei["accuracy"] == pytest.approx(report["intent"]["accuracy"], abs=1e-9)
    assert ei["macro_f1"] == pytest.approx(report["intent"]["macro_f1"], abs=1e-9)
    return ei


@pytest.mark.slow
def test_real_stack_agrees_with_eval_intents(tmp_path):
    """Simulated demo logs through the real dialogue manager vs eval-intents with the same model."""
    from bot.evaluation.pipeline import pipeline_provider, served_intents
    from training.simulator import CustomerSimulator

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    settings = Settings()
    if not (Path(settings.model_dir) / "intent_config.json").exists():
        pytest.skip(f"no trained intent model at {settings.model_dir} (make run trains one)")
    convs = CustomerSimulator.from_store(settings.store_dir, seed=5).simulate(40)
    res = run_evaluation(convs, pipeline_provider(settings), out_dir=tmp_path / "eval", progress=False)
    rows = tmp_path / "turns.jsonl"
    rows.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in intent_rows(convs)), encoding="utf-8")
    _agree(res.report, rows, served_intents(settings))  # eval-intents --backend <the server's>: same export
    assert res.report["containment"]["n"] == 40 and (tmp_path / "eval" / "report.html").exists()
