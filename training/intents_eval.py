"""Evaluate an intent model on labelled rows: intent, out-of-scope, sentiment, per-language metrics and speed."""

from __future__ import annotations

import time
from collections import defaultdict

from intents.language import detect_language
from intents.types import OUT_OF_SCOPE, Prediction
from training.intents_data import Row


def _macro_f1(gold: list[str], pred: list[str]) -> float:
    from sklearn.metrics import f1_score

    return float(f1_score(gold, pred, labels=sorted(set(gold)), average="macro", zero_division=0))


def _best_in_scope(p: Prediction) -> str:
    return next((label for label, _ in p.top_k if label != OUT_OF_SCOPE), p.intent)


def evaluate(model, rows: list[Row], *, batch_size: int = 32) -> dict:
    """Metrics as printed by ``shopbot eval-intents --json``.

    ``accuracy``/``macro_f1`` are intent metrics when the rows carry intents, else sentiment metrics.
    When the rows contain ``out_of_scope`` rows the out-of-scope decision is applied (a flagged in-scope
    row is wrong); when they contain none, intent accuracy is closed-set (the best in-scope intent, as
    BANKING77/HWU64/MASSIVE define it) and ``oos_flag_rate`` reports how often the bot would have asked
    for clarification instead. ``examples_per_second`` times the whole ``predict`` (model,
    language, entities) at ``batch_size``.
    """
    from intents.predictor import IntentPredictor

    predictor = model if isinstance(model, IntentPredictor) else IntentPredictor(model, threads=None,
                                                                                 batch_size=batch_size)
    t0 = time.perf_counter()
    preds = predictor.predict([r.text for r in rows])
    seconds = time.perf_counter() - t0
    res: dict = {"n": len(rows)}
    open_set = False
    it = [(r, p) for r, p in zip(rows, preds) if r.intent]
    st = [(r, p) for r, p in zip(rows, preds) if r.sentiment]
    if it:
        gold = [r.intent for r, _ in it]
        open_set = OUT_OF_SCOPE in gold
        pred = [p.intent if open_set else _best_in_scope(p) for _, p in it]
        if not open_set:
            res["oos_flag_rate"] = sum(p.out_of_scope for _, p in it) / len(it)
        res["accuracy"] = sum(g == q for g, q in zip(gold, pred)) / len(it)
        res["macro_f1"] = _macro_f1(gold, pred)
        ins = [(g, q) for g, q in zip(gold, pred) if g != OUT_OF_SCOPE]
        oos = [q for g, q in zip(gold, pred) if g == OUT_OF_SCOPE]
        if ins and oos:
            res["in_scope_accuracy"] = sum(g == q for g, q in ins) / len(ins)
            res["oos_recall"] = sum(q == OUT_OF_SCOPE for q in oos) / len(oos)
            flagged = sum(q == OUT_OF_SCOPE for q in pred)
            res["oos_precision"] = (len(oos) and sum(q == OUT_OF_SCOPE for q in oos) / flagged) if flagged else 0.0
    if st:
        gold = [r.sentiment for r, _ in st]
        pred = [p.sentiment for _, p in st]
        res["sentiment_accuracy"] = sum(g == q for g, q in zip(gold, pred)) / len(st)
        res["sentiment_macro_f1"] = _macro_f1(gold, pred)
        if not it:
            res["accuracy"], res["macro_f1"] = res["sentiment_accuracy"], res["sentiment_macro_f1"]
    by_lang: dict[str, list[bool]] = defaultdict(list)
    for r, p in zip(rows, preds):
        ok = ((p.intent if open_set else _best_in_scope(p)) == r.intent) if r.intent else (p.sentiment == r.sentiment)
        by_lang[r.lang or detect_language(r.text)].append(ok)
    if len(by_lang) > 1 or any(r.lang for r in rows):
        res["per_language"] = {k: sum(v) / len(v) for k, v in sorted(by_lang.items())}
    res["examples_per_second"] = len(rows) / seconds if seconds > 0 else 0.0
    return res
