from __future__ import annotations

import json

from bot.evaluation.logs import Conversation, Gold, Turn
from bot.evaluation.runner import QUEUE_FILE, run_evaluation

from evaluation_fakes import provider


def test_queue_picks_relabelled_disagreeing_and_unsure_turns(small_log, good_dialogue, tmp_path):
    small_log.append(Conversation(id="d", turns=[
        Turn(role="customer", text="where is my order",  # duplicate text: queued once at most
             gold=Gold(intent="order_status")),
        Turn(role="customer", text="my parcel is soaked", gold=Gold(intent="complaint", sentiment="negative",
                                                                     labelled_by="agent")),
    ]))
    good_dialogue.u.table["my parcel is soaked"] = ("complaint", 0.97, "negative")
    res = run_evaluation(small_log, provider(good_dialogue), out_dir=tmp_path, progress=False)
    rows = [json.loads(x) for x in (tmp_path / QUEUE_FILE).read_text(encoding="utf-8").splitlines()]
    assert rows == res.queue
    assert [(r["text"], r["reason"]) for r in rows] == [
        ("my parcel is soaked", "relabelled"),  # right, but an agent said so: training data
        ("推荐一双鞋", "disagreement"),  # gold recommend_product, predicted product_question
        ("天气怎么样", "low_confidence"),  # no gold intent, confidence 0.3
    ]
    dis = rows[1]
    assert dis == {"text": "推荐一双鞋", "intent": "recommend_product", "sentiment": "neutral", "lang": "zh",
                   "reason": "disagreement", "predicted_intent": "product_question", "confidence": 0.4}
    assert rows[2]["intent"] == "out_of_scope"  # the prediction, for the labeller to confirm


def test_queue_rows_are_train_intents_data(small_log, good_dialogue, tmp_path):
    from training.intents_data import read_jsonl

    run_evaluation(small_log, provider(good_dialogue), out_dir=tmp_path, progress=False)
    rows = read_jsonl(tmp_path / QUEUE_FILE)
    assert rows and all(r.intent and r.lang for r in rows)


def test_threshold_controls_low_confidence(small_log, good_dialogue):
    res = run_evaluation(small_log, provider(good_dialogue), progress=False, low_confidence=0.99)
    assert {r["reason"] for r in res.queue} == {"disagreement", "low_confidence"}
    assert len(res.queue) == 5


def test_annotation_queue_cli(shopbot, small_log, tmp_path):
    """The real stack: the tiny model is unsure or wrong on some of these turns; they come out labelled."""
    from bot.evaluation.logs import write_logs
    from training.intents_data import read_jsonl

    logs, out = tmp_path / "logs.jsonl", tmp_path / "queue.jsonl"
    write_logs(small_log, logs)
    code, stdout, _ = shopbot("annotation-queue", "--logs", logs, "--out", out, "--low-confidence", "1.01", "--json")
    assert code == 0, stdout
    summary = json.loads(stdout)
    rows = read_jsonl(out)
    assert summary["rows"] == len(rows) == 5  # every distinct customer text is below confidence 1.01
    by_text = {r.text: r for r in rows}
    assert by_text["推荐一双鞋"].intent == "recommend_product"  # the gold label, not the prediction
    assert by_text["天气怎么样"].intent  # no gold intent: the model's guess, for the labeller to confirm


def test_a_sentiment_only_relabel_does_not_confirm_the_predicted_intent(good_dialogue, tmp_path):
    """The agent corrected the mood, not the intent: the row must not train the model's own (maybe wrong) guess."""
    log = [Conversation(id="r", turns=[Turn(role="customer", text="fine, whatever",
                                            gold=Gold(sentiment="negative", labelled_by="agent"))])]
    good_dialogue.u.table["fine, whatever"] = ("thanks", 0.93, "positive")
    [row] = run_evaluation(log, provider(good_dialogue), progress=False).queue
    assert row["reason"] == "relabelled" and row["sentiment"] == "negative"
    assert row["intent"] is None and row["predicted_intent"] == "thanks"

