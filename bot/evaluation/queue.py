"""The annotation queue: customer turns worth a human look, as JSONL rows that ``train-intents`` reads.

A turn is queued when an agent relabelled it (``gold.labelled_by == "agent"``), when the pipeline
disagrees with its gold intent, or when the pipeline was unsure (confidence below a threshold).
``intent``/``sentiment`` hold the gold label when there is one, else the prediction for the labeller
to confirm or correct (a relabelled row holds only what the agent set: a sentiment-only relabel is a
sentiment-only training row); ``reason`` says why the turn is there.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bot.evaluation.replay import ReplayedTurn

LOW_CONFIDENCE = 0.5
REASONS = ("relabelled", "disagreement", "low_confidence")


def queue_reason(turn: ReplayedTurn, low_confidence: float = LOW_CONFIDENCE) -> str | None:
    g = turn.gold
    if g and g.labelled_by == "agent":
        return "relabelled"
    if g and g.intent and turn.intent != g.intent:
        return "disagreement"
    if turn.intent is not None and turn.confidence < low_confidence:
        return "low_confidence"
    return None


def annotation_queue(turns: list[ReplayedTurn], low_confidence: float = LOW_CONFIDENCE) -> list[dict[str, Any]]:
    """Queue rows ``{text, intent, sentiment, lang, reason, predicted_intent, confidence}``, one per text."""
    rows, seen = [], set()
    for t in turns:
        reason = queue_reason(t, low_confidence)
        if reason is None or t.text in seen:
            continue
        seen.add(t.text)
        g = t.gold
        if reason == "relabelled":  # only what the agent said: a sentiment-only relabel must not confirm the guess
            intent, sentiment = g.intent, g.sentiment  # type: ignore[union-attr]
        else:
            intent = g.intent if g and g.intent else t.intent
            sentiment = g.sentiment if g and g.sentiment else t.sentiment
        rows.append({"text": t.text, "intent": intent, "sentiment": sentiment, "lang": t.language,
                     "reason": reason, "predicted_intent": t.intent, "confidence": round(t.confidence, 4)})
    order = {r: i for i, r in enumerate(REASONS)}
    rows.sort(key=lambda r: (order[r["reason"]], r["confidence"]))
    return rows


def write_queue(rows: list[dict[str, Any]], path: Path) -> int:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps({k: v for k, v in r.items() if v is not None}, ensure_ascii=False) + "\n")
    return len(rows)
