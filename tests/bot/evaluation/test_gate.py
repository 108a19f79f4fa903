from __future__ import annotations

import pytest
from evaluation_fakes import provider

from bot.evaluation.gate import compare
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
