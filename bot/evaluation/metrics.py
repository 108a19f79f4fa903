"""Per-stage metrics over replayed turns: understanding, retrieval, handoff, containment,
recommendation, latency, per language, and the worst turns.

Every metric only uses the turns (or conversations) that carry the gold label it needs, and reports
how many that was (``n``); a metric with no labelled data is ``None``. Intent accuracy and macro-F1
are computed exactly like ``shopbot eval-intents`` (exact label match, out-of-scope is one class,
macro-F1 over the gold label set) so the two agree on the same turns.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

import numpy as np

from bot.evaluation.replay import ReplayedTurn
from intents.types import OUT_OF_SCOPE

HEADLINE = ("intent_accuracy", "intent_macro_f1", "handoff_f1", "containment", "retrieval_mrr")
RECALL_KS = (1, 3, 5)
PERCENTILES = (50, 90, 95, 99)
WORST_TURNS = 25


def macro_f1(gold: list[str], pred: list[str]) -> float:
    """Macro-F1 over the gold labels (as ``eval-intents``)."""
    from sklearn.metrics import f1_score

    return float(f1_score(gold, pred, labels=sorted(set(gold)), average="macro", zero_division=0))


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def _f1(p: float | None, r: float | None) -> float | None:
    if p is None or r is None:
        return None
    return 2 * p * r / (p + r) if p + r else 0.0


def intent_metrics(turns: list[ReplayedTurn]) -> dict[str, Any]:
    """Accuracy, macro-F1, per-label scores and the confusion matrix over turns with a gold intent."""
    lab = [(t.gold.intent, t.intent or "") for t in turns if t.gold and t.gold.intent]
    if not lab:
        return {"n": 0, "accuracy": None, "macro_f1": None}
    gold, pred = [g for g, _ in lab], [p for _, p in lab]
    labels = sorted(set(gold) | set(pred))
    ix = {k: i for i, k in enumerate(labels)}
    cm = np.zeros((len(labels), len(labels)), dtype=int)
    for g, p in lab:
        cm[ix[g], ix[p]] += 1
    per_label = {}
    for k in sorted(set(gold)):
        tp, support, flagged = int(cm[ix[k], ix[k]]), int(cm[ix[k]].sum()), int(cm[:, ix[k]].sum())
        prec, rec = _ratio(tp, flagged) or 0.0, _ratio(tp, support) or 0.0
        per_label[k] = {"precision": prec, "recall": rec, "f1": _f1(prec, rec), "support": support}
    return {"n": len(lab), "accuracy": sum(g == p for g, p in lab) / len(lab), "macro_f1": macro_f1(gold, pred),
            "labels": labels, "confusion": cm.tolist(), "per_label": per_label}


def sentiment_metrics(turns: list[ReplayedTurn]) -> dict[str, Any]:
    lab = [(t.gold.sentiment, t.sentiment or "") for t in turns if t.gold and t.gold.sentiment]
    if not lab:
        return {"n": 0, "accuracy": None, "macro_f1": None}
    gold, pred = [g for g, _ in lab], [p for _, p in lab]
    return {"n": len(lab), "accuracy": sum(g == p for g, p in lab) / len(lab), "macro_f1": macro_f1(gold, pred)}


def oos_metrics(turns: list[ReplayedTurn]) -> dict[str, Any]:
    """Out-of-scope detection: gold ``out_of_scope`` turns vs turns the bot flagged (over gold-intent turns)."""
    lab = [(t.gold.intent == OUT_OF_SCOPE, t.out_of_scope) for t in turns if t.gold and t.gold.intent]
    tp = sum(g and p for g, p in lab)
    n_gold, n_flag = sum(g for g, _ in lab), sum(p for _, p in lab)
    prec, rec = _ratio(tp, n_flag), _ratio(tp, n_gold)
    return {"n": len(lab), "n_gold": n_gold, "n_flagged": n_flag, "precision": prec, "recall": rec,
            "f1": _f1(prec, rec)}


def retrieval_metrics(turns: list[ReplayedTurn], ks: tuple[int, ...] = RECALL_KS) -> dict[str, Any]:
    """Recall@k and MRR over turns with gold sources. As in open-domain QA (DPR), recall@k is the share of
    turns with at least one relevant source in the top k: gold lists hold alternatives (e.g. one FAQ entry
    and its translations), any of which answers the turn."""
    lab = [(set(t.gold.relevant_sources), t.retrieved) for t in turns if t.gold and t.gold.relevant_sources]
    if not lab:
        return {"n": 0, "mrr": None, "recall_at_k": {str(k): None for k in ks}}
    rr = [next((1.0 / (i + 1) for i, d in enumerate(got) if d in gold), 0.0) for gold, got in lab]
    recall = {str(k): float(np.mean([bool(gold & set(got[:k])) for gold, got in lab])) for k in ks}
    return {"n": len(lab), "mrr": float(np.mean(rr)), "recall_at_k": recall}


def _by_conversation(turns: list[ReplayedTurn]) -> dict[str, list[ReplayedTurn]]:
    convs: dict[str, list[ReplayedTurn]] = defaultdict(list)
    for t in turns:
        convs[t.conversation_id].append(t)
    return convs


def handoff_metrics(turns: list[ReplayedTurn]) -> dict[str, Any]:
    """Conversation level: expected = some turn's gold says a human should take over; predicted = the
    bot handed off at some turn. Only conversations with a ``handoff_expected`` label count."""
    tp = fp = fn = n = 0
    for ts in _by_conversation(turns).values():
        labels = [t.gold.handoff_expected for t in ts if t.gold and t.gold.handoff_expected is not None]
        if not labels:
            continue
        n += 1
        exp, got = any(labels), any(t.handoff for t in ts)
        tp, fp, fn = tp + (exp and got), fp + (got and not exp), fn + (exp and not got)
    prec, rec = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
    reasons = Counter(t.handoff for t in turns if t.handoff)
    return {"n": n, "tp": tp, "fp": fp, "fn": fn, "precision": prec, "recall": rec, "f1": _f1(prec, rec),
            "reasons": dict(reasons)}


def containment_metrics(turns: list[ReplayedTurn]) -> dict[str, Any]:
    """Share of conversations the bot finished without handing off to a human."""
    convs = _by_conversation(turns)
    contained = sum(not any(t.handoff for t in ts) for ts in convs.values())
    return {"n": len(convs), "contained": contained, "rate": _ratio(contained, len(convs))}


def recommendation_metrics(turns: list[ReplayedTurn]) -> dict[str, Any]:
    """Hit rate: the gold purchased item is among the cards suggested on that turn."""
    lab = [(t.gold.purchased_item, t.products) for t in turns if t.gold and t.gold.purchased_item]
    hits = sum(item in cards for item, cards in lab)
    return {"n": len(lab), "hits": hits, "hit_rate": _ratio(hits, len(lab)),
            "turns_with_cards": sum(bool(c) for _, c in lab)}


def latency_metrics(turns: list[ReplayedTurn]) -> dict[str, dict[str, float]]:
    """Percentiles (ms) per stage from the annotations' ``latency_ms`` plus ``total`` wall time."""
    stages: dict[str, list[float]] = defaultdict(list)
    for t in turns:
        for k, v in t.latency_ms.items():
            stages[k].append(float(v))
    out = {}
    for k, vals in sorted(stages.items()):
        a = np.asarray(vals)
        out[k] = {"n": len(vals), "mean": float(a.mean()), **{f"p{p}": float(np.percentile(a, p)) for p in PERCENTILES}}
    return out


def language_metrics(turns: list[ReplayedTurn]) -> dict[str, dict[str, Any]]:
    by: dict[str, list[ReplayedTurn]] = defaultdict(list)
    for t in turns:
        by[t.language].append(t)
    out = {}
    for lang, ts in sorted(by.items()):
        it, st = intent_metrics(ts), sentiment_metrics(ts)
        out[lang] = {"turns": len(ts), "intent_n": it["n"], "intent_accuracy": it["accuracy"],
                     "intent_macro_f1": it["macro_f1"], "sentiment_accuracy": st["accuracy"],
                     "containment": containment_metrics(ts)["rate"], "handoff_f1": handoff_metrics(ts)["f1"]}
    return out


def worst_turns(turns: list[ReplayedTurn], limit: int = WORST_TURNS) -> list[dict[str, Any]]:
    """Turns that went wrong, most confident mistakes first."""
    rows = []
    for t in turns:
        g = t.gold
        if not g:
            continue
        problems = []
        if g.intent and t.intent != g.intent:
            problems.append("intent")
        if g.sentiment and t.sentiment != g.sentiment:
            problems.append("sentiment")
        if g.relevant_sources and not set(g.relevant_sources) & set(t.retrieved):
            problems.append("retrieval")
        if g.purchased_item and g.purchased_item not in t.products:
            problems.append("recommendation")
        if not problems:
            continue
        rows.append({"conversation_id": t.conversation_id, "index": t.index, "language": t.language,
                     "text": t.text, "gold_intent": g.intent, "predicted_intent": t.intent,
                     "confidence": t.confidence, "gold_sentiment": g.sentiment, "predicted_sentiment": t.sentiment,
                     "problems": problems, "reply": t.reply[:300]})
    rows.sort(key=lambda r: (-("intent" in r["problems"]), -len(r["problems"]), -r["confidence"]))
    return rows[:limit]


def compute_report(turns: list[ReplayedTurn]) -> dict[str, Any]:
    """All metrics of one replay as a JSON-ready dict; ``headline`` holds the gated metrics."""
    intent, handoff, containment = intent_metrics(turns), handoff_metrics(turns), containment_metrics(turns)
    retrieval = retrieval_metrics(turns)
    return {
        "conversations": containment["n"],
        "customer_turns": len(turns),
        "headline": {"intent_accuracy": intent["accuracy"], "intent_macro_f1": intent["macro_f1"],
                     "handoff_f1": handoff["f1"], "containment": containment["rate"],
                     "retrieval_mrr": retrieval["mrr"]},
        "intent": intent,
        "sentiment": sentiment_metrics(turns),
        "out_of_scope": oos_metrics(turns),
        "retrieval": retrieval,
        "handoff": handoff,
        "containment": containment,
        "recommendation": recommendation_metrics(turns),
        "latency_ms": latency_metrics(turns),
        "per_language": language_metrics(turns),
        "worst_turns": worst_turns(turns),
    }
