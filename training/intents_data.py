"""Intent/sentiment training data: JSONL rows ``{"text", "intent"?, "sentiment"?, "lang"?}``.

``intent == "out_of_scope"`` marks out-of-scope rows; rows without ``intent`` carry only a sentiment
and train only the sentiment head.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from intents.types import OUT_OF_SCOPE, SENTIMENTS


@dataclass(frozen=True)
class Row:
    """One labelled utterance."""

    text: str
    intent: str | None = None
    sentiment: str | None = None
    lang: str | None = None


def read_jsonl(path: Path) -> list[Row]:
    """Read and validate a JSONL data file."""
    rows = []
    for i, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        d = json.loads(line)
        if not d.get("text"):
            raise ValueError(f"{path}:{i}: missing text")
        sent = d.get("sentiment") or None
        if sent is not None and sent not in SENTIMENTS:
            raise ValueError(f"{path}:{i}: sentiment must be one of {SENTIMENTS}, got {sent!r}")
        if not d.get("intent") and sent is None:
            raise ValueError(f"{path}:{i}: a row needs an intent or a sentiment")
        rows.append(Row(d["text"], d.get("intent") or None, sent, d.get("lang") or None))
    return rows


def write_jsonl(rows: list[Row], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        for r in rows:
            d = {"text": r.text, "intent": r.intent, "sentiment": r.sentiment, "lang": r.lang}
            f.write(json.dumps({k: v for k, v in d.items() if v is not None}, ensure_ascii=False) + "\n")


def stratified_split(rows: list[Row], fraction: float, seed: int) -> tuple[list[Row], list[Row]]:
    """Hold back ``fraction`` of each (intent, sentiment) group, at least one row of groups with >= 3 rows;
    smaller groups stay in training."""
    groups: dict[tuple[str | None, str | None], list[Row]] = defaultdict(list)
    for r in rows:
        groups[(r.intent, r.sentiment if r.intent is None else None)].append(r)
    rng = random.Random(seed)
    train, held = [], []
    for key in sorted(groups, key=str):
        g = groups[key][:]
        rng.shuffle(g)
        k = max(1, int(round(len(g) * fraction))) if len(g) >= 3 else 0
        held += g[:k]
        train += g[k:]
    return train, held


def hold_back_oos(rows: list[Row], share: float, seed: int) -> tuple[list[Row], list[Row]]:
    """Move a seeded ``share`` (floor) of the ``out_of_scope`` rows out of ``rows``: (kept rows in their order,
    held-back rows). The out-of-scope threshold is then fitted on rows the model never trained on."""
    oos = [i for i, r in enumerate(rows) if r.intent == OUT_OF_SCOPE]
    k = int(len(oos) * share)
    held = set(random.Random(seed).sample(oos, k)) if k else set()
    return [r for i, r in enumerate(rows) if i not in held], [rows[i] for i in sorted(held)]


def rows_sha256(rows: list[Row]) -> str:
    """Order-sensitive hash of the data content (independent of file formatting)."""
    h = hashlib.sha256()
    for r in rows:
        h.update(json.dumps([r.text, r.intent, r.sentiment, r.lang], ensure_ascii=False).encode())
    return h.hexdigest()
