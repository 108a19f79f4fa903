"""Corrected labels -> intent training data (``shopbot training-data``).

The loop of docs/evaluation.md ends with labels a human gave: annotation-queue rows (agent relabels, turns the
model got wrong, reviewed low-confidence guesses) and conversation logs with gold labels (exported relabels,
a labeller's corrections). This merges them into a copy of the training data so ``train-intents`` can read it:

* a text already in the data takes the new label (a correction replaces the old row in place, it is not added
  as a contradicting second row); a label that only sets the sentiment keeps the row's intent;
* texts of a held-out set (``--holdout``, e.g. the test split) are left out, so scores on it stay honest;
* an intent the data does not have is left out unless new intents are allowed (a relabel typo such as
  ``return_request`` would otherwise become a class of one row);
* queue rows count only for the given reasons: ``low_confidence`` rows hold the model's own guess until reviewed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from bot.evaluation.logs import Conversation
from training.intents_data import Row

TRUSTED_REASONS = ("relabelled", "disagreement")  # queue rows whose labels came from a human or the log's gold


@dataclass(frozen=True)
class Merged:
    """The merged rows and what happened to each addition."""

    rows: list[Row]
    base: int
    added: int = 0
    corrected: int = 0
    unchanged: int = 0
    held_out: int = 0
    unknown_intents: dict[str, int] = field(default_factory=dict)
    skipped_reasons: dict[str, int] = field(default_factory=dict)

    def summary(self) -> dict[str, Any]:
        return {"rows": len(self.rows), "base": self.base, "added": self.added, "corrected": self.corrected,
                "unchanged": self.unchanged, "held_out": self.held_out, "unknown_intents": self.unknown_intents,
                "skipped_reasons": self.skipped_reasons}


def log_rows(conversations: Iterable[Conversation]) -> list[Row]:
    """Customer turns with a gold intent and/or sentiment, as training rows in the conversation's language."""
    return [Row(t.text, t.gold.intent, t.gold.sentiment, conv.language)
            for conv in conversations for _, t in conv.customer_turns()
            if t.gold and (t.gold.intent or t.gold.sentiment)]


def queue_rows(rows: Iterable[dict[str, Any]], reasons: Iterable[str] = TRUSTED_REASONS) -> tuple[list[Row], Counter]:
    """Annotation-queue rows (or plain training rows, which have no ``reason``) of the given reasons; the count of
    the others by reason."""
    keep, skipped = set(reasons), Counter()
    out = []
    for r in rows:
        reason = r.get("reason")
        if reason is not None and reason not in keep:
            skipped[reason] += 1
            continue
        if r.get("intent") or r.get("sentiment"):
            out.append(Row(r["text"], r.get("intent") or None, r.get("sentiment") or None, r.get("lang") or None))
    return out, skipped


def merge(base: list[Row], additions: Iterable[Row], *, holdout: Iterable[str] = (),
          allow_new_intents: bool = False, skipped_reasons: Counter | None = None) -> Merged:
    """``base`` with ``additions`` applied in order (a later label of the same text wins)."""
    rows = list(base)
    where = {r.text.strip(): i for i, r in enumerate(rows)}
    held = {t.strip() for t in holdout}
    known = {r.intent for r in base if r.intent}
    added = corrected = unchanged = n_held = 0
    unknown: Counter = Counter()
    for a in additions:
        key = a.text.strip()
        if key in held:
            n_held += 1
            continue
        if a.intent and a.intent not in known and not allow_new_intents:
            unknown[a.intent] += 1
            continue
        i = where.get(key)
        if i is None:
            where[key] = len(rows)
            rows.append(a)
            added += 1
            continue
        old = rows[i]
        new = replace(old, intent=a.intent or old.intent, sentiment=a.sentiment or old.sentiment,
                      lang=old.lang or a.lang)
        if new == old:
            unchanged += 1
        else:
            rows[i] = new
            corrected += 1
    return Merged(rows, len(base), added, corrected, unchanged, n_held, dict(unknown), dict(skipped_reasons or {}))
