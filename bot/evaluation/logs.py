"""The conversation log format used for offline evaluation: one conversation per JSONL line.

Logs come from three places: ``shopbot export-logs`` (the service's own database, redacted as stored),
the importers for public dialogue sets, and the customer simulator. Gold labels are optional per
turn; every metric uses only the turns that carry the labels it needs (see docs/evaluation.md).

>>> conv = Conversation(id="c1", started_at="2026-01-01T10:00:00Z", turns=[
...     Turn(role="customer", text="where is my order 1042?", gold=Gold(intent="order_status"))])
>>> Conversation.model_validate_json(conv.model_dump_json()) == conv
True
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

Role = Literal["customer", "bot", "agent"]


class Gold(BaseModel):
    """What a human (or the simulator) says is right for one customer turn."""

    model_config = ConfigDict(extra="forbid")

    intent: str | None = None
    sentiment: Literal["negative", "neutral", "positive"] | None = None
    relevant_sources: list[str] | None = Field(None, description="ids of FAQ/policy/product documents that answer it")
    handoff_expected: bool | None = Field(None, description="a human should take over at (or by) this turn")
    purchased_item: str | None = Field(None, description="product id the customer went on to buy")
    labelled_by: str | None = Field(None, description="'agent' for relabels made in the agent panel")


class Turn(BaseModel):
    """One message of a conversation."""

    model_config = ConfigDict(extra="forbid")

    role: Role
    text: str
    timestamp: str | None = None
    gold: Gold | None = None

    @model_validator(mode="after")
    def _gold_on_customer_turns(self) -> Turn:
        if self.gold is not None and self.role != "customer":
            raise ValueError(f"gold labels belong to customer turns, not to a {self.role} turn")
        return self


class Conversation(BaseModel):
    """One logged conversation; only customer turns are replayed, bot/agent turns are context."""

    model_config = ConfigDict(extra="forbid")

    id: str
    channel: str = "web"
    language: str = "en"
    customer_id: str | None = None
    started_at: str | None = None
    turns: list[Turn]
    meta: dict[str, Any] = Field(default_factory=dict)

    def customer_turns(self) -> list[tuple[int, Turn]]:
        """``(index in turns, turn)`` of every customer message, in order."""
        return [(i, t) for i, t in enumerate(self.turns) if t.role == "customer"]


def iter_logs(path: Path) -> Iterator[Conversation]:
    """Conversations of a JSONL log file; a bad line or a repeated id raises with its line number."""
    seen: dict[str, int] = {}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                conv = Conversation.model_validate_json(line)
            except ValidationError as e:
                raise ValueError(f"{path}:{n}: not a conversation: {_problems(e, line)}") from e
            if conv.id in seen:
                raise ValueError(f"{path}:{n}: conversation id {conv.id!r} already used on line {seen[conv.id]}")
            seen[conv.id] = n
            yield conv


MAX_PROBLEMS = 3  # a wrong file fails on every field; the first few say what is wrong


def _problems(error: ValidationError, line: str) -> str:
    """A validation error in one line: ``where: what`` of its first problems, and a hint for a known mix-up."""
    items = error.errors()
    said = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'line'}: {e['msg']}" for e in items[:MAX_PROBLEMS])
    more = f" (+{len(items) - MAX_PROBLEMS} more)" if len(items) > MAX_PROBLEMS else ""
    hint = ""
    try:
        row = json.loads(line)
    except ValueError:
        row = None
    if isinstance(row, dict) and "text" in row and "turns" not in row:
        hint = (" - this looks like intent data ({text, intent} rows, for train-intents / eval-intents); a log has"
                " one conversation per line with its turns (docs/evaluation.md)")
    return f"{said}{more}{hint}"


def read_logs(path: Path) -> list[Conversation]:
    """All conversations of a JSONL log file."""
    return list(iter_logs(path))


def write_logs(conversations: Iterable[Conversation], path: Path) -> int:
    """Write conversations as JSONL (UTF-8, unset optional fields left out); returns how many."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with open(path, "w", encoding="utf-8") as f:
        for conv in conversations:
            d = conv.model_dump(mode="json", exclude_none=True)
            if not d.get("meta"):
                d.pop("meta", None)
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
            n += 1
    return n


def intent_rows(conversations: Iterable[Conversation]) -> list[dict[str, str]]:
    """Customer turns with a gold intent as ``eval-intents``/``train-intents`` rows ``{text, intent, sentiment?, lang}``."""
    rows = []
    for conv in conversations:
        for _, t in conv.customer_turns():
            if t.gold and t.gold.intent:
                row = {"text": t.text, "intent": t.gold.intent, "sentiment": t.gold.sentiment, "lang": conv.language}
                rows.append({k: v for k, v in row.items() if v is not None})
    return rows
