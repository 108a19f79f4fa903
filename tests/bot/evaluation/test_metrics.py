from __future__ import annotations

import asyncio

import pytest

from bot.evaluation.metrics import compute_report, macro_f1
from bot.evaluation.replay import replay


@pytest.fixture
def good_report(small_log, good_dialogue):
    return compute_report(asyncio.run(replay(small_log, good_dialogue, progress=False)))


def test_replay_feeds_customer_turns_in_order(small_log, good_dialogue):
    turns = asyncio.run(replay(small_log, good_dialogue, progress=False))
    assert [(t.conversation_id, t.index) for t in turns] == [("a", 0), ("a", 2), ("b", 0), ("c", 0), ("c", 1)]
    assert turns[1].retrieved == ("faq-1", "faq-9", "faq-2")
    assert turns[3].products == ("p3", "p7")
    assert turns[2].handoff == "requested"
    assert all(t.latency_ms["total"] >= 0 and t.latency_ms["understand"] == 2.0 for t in turns)


def test_intent_accuracy_and_confusion(good_report):
    it = good_report["intent"]
    assert it["n"] == 4 and it["accuracy"] == pytest.approx(0.75)  # recommend_product -> product_question
    assert it["macro_f1"] == pytest.approx(0.75)  # 3 labels perfect, recommend_product F1 0
    cm, labels = it["confusion"], it["labels"]
    assert cm[labels.index("recommend_product")][labels.index("product_question")] == 1
    assert sum(map(sum, cm)) == 4


def test_macro_f1_matches_the_gold_label_set():
    assert macro_f1(["a", "a", "b"], ["a", "c", "b"]) == pytest.approx((2 / 3 + 1.0) / 2)


def test_sentiment_and_out_of_scope(good_report):
    assert good_report["sentiment"]["n"] == 3 and good_report["sentiment"]["accuracy"] == 1.0
    oos = good_report["out_of_scope"]
    assert oos["n_gold"] == 0 and oos["n_flagged"] == 0 and oos["recall"] is None


def test_retrieval_recall_and_mrr(good_report):
    r = good_report["retrieval"]
    assert r["n"] == 1
    assert r["mrr"] == pytest.approx(0.5)  # first relevant (faq-9) at rank 2
    assert r["recall_at_k"] == {"1": 0.0, "3": 1.0, "5": 1.0}


def test_handoff_containment_and_recommendation(good_report):
    h = good_report["handoff"]
    assert (h["n"], h["tp"], h["fp"], h["fn"]) == (3, 1, 0, 0)
    assert h["precision"] == 1.0 and h["recall"] == 1.0 and h["reasons"] == {"requested": 1}
    assert good_report["containment"] == {"n": 3, "contained": 2, "rate": pytest.approx(2 / 3)}
    assert good_report["recommendation"]["hit_rate"] == 1.0


def test_bad_pipeline_scores_lower(small_log, bad_dialogue):
    rep = compute_report(asyncio.run(replay(small_log, bad_dialogue, progress=False)))
    assert rep["intent"]["accuracy"] == pytest.approx(0.25)
    h = rep["handoff"]  # conversation a handed off wrongly
    assert (h["tp"], h["fp"], h["fn"]) == (1, 1, 0) and h["precision"] == pytest.approx(0.5)
    assert rep["containment"]["rate"] == pytest.approx(1 / 3)
    assert rep["retrieval"]["mrr"] == 0.0
    assert rep["recommendation"]["hit_rate"] == 0.0


def test_per_language_latency_and_worst_turns(good_report):
    langs = good_report["per_language"]
    assert set(langs) == {"en", "es", "zh"}
    assert langs["en"]["intent_accuracy"] == 1.0 and langs["zh"]["intent_accuracy"] == 0.0
    assert good_report["latency_ms"]["retrieve"]["p50"] == 5.0
    assert set(good_report["latency_ms"]) == {"understand", "retrieve", "total"}
    [worst] = good_report["worst_turns"]
    assert worst["text"] == "推荐一双鞋" and worst["problems"] == ["intent"]


def test_metrics_without_labels_are_none():
    assert compute_report([])["headline"] == {"intent_accuracy": None, "intent_macro_f1": None, "handoff_f1": None,
                                              "containment": None, "retrieval_mrr": None}
