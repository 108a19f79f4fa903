"""Interaction sequences: reading the ``user item item ...`` format, item vocabularies, splits.

>>> seqs = read_sequences(Path("../shared/data/recsys/amazon_beauty/sequences_without_last.txt"))
>>> vocab = ItemVocab.build(seqs.values())
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

PAD = 0  # index 0 of every item table is padding


def read_sequences(path: Path) -> dict[str, list[str]]:
    """``user item item ...`` per line, oldest first; a user seen twice gets the lines concatenated."""
    out: dict[str, list[str]] = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 2:
                out.setdefault(parts[0], []).extend(parts[1:])
    return out


def read_sessions(path: Path) -> list[list[str]]:
    """Anonymous sessions, one line of item ids each (Diginetica / RetailRocket format)."""
    with open(path, encoding="utf-8") as f:
        return [line.split() for line in f if line.split()]


def read_targets(path: Path) -> dict[str, str]:
    """``user item`` per line: the next item after that user's history."""
    out: dict[str, str] = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 2:
                out[parts[0]] = parts[1]
    return out


def write_sequences(seqs: dict[str, list[str]], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        for user, items in seqs.items():
            f.write(" ".join([user, *items]) + "\n")


def file_hash(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()[:16]


@dataclass(frozen=True)
class ItemVocab:
    """Item id <-> row index; row 0 is padding."""

    items: tuple[str, ...]

    @classmethod
    def build(cls, sequences: Iterable[list[str]]) -> ItemVocab:
        seen: dict[str, None] = {}
        for seq in sequences:
            for item in seq:
                seen.setdefault(item, None)
        return cls(items=tuple(seen))

    @property
    def size(self) -> int:
        """Rows in an item table, padding included."""
        return len(self.items) + 1

    def index(self) -> dict[str, int]:
        return {item: i + 1 for i, item in enumerate(self.items)}

    def encode(self, seq: list[str], lookup: dict[str, int] | None = None) -> list[int]:
        """Row indices of the known items of ``seq`` (unknown items are dropped)."""
        lookup = lookup if lookup is not None else self.index()
        return [lookup[i] for i in seq if i in lookup]


@dataclass(frozen=True)
class Split:
    """Encoded histories and next-item targets (row indices)."""

    histories: list[list[int]]
    targets: np.ndarray


def leave_one_out(encoded: list[list[int]], held: Iterable[int] | None = None) -> tuple[list[list[int]], Split]:
    """Split off the last item of the sequences ``held`` (indices; default all) as their targets:
    ``(training sequences, Split(prefixes, lasts))``. Sequences shorter than 2 are never held out."""
    keep = sorted({i for i in (range(len(encoded)) if held is None else held) if len(encoded[i]) >= 2})
    cut = set(keep)
    train = [s[:-1] if i in cut else s for i, s in enumerate(encoded)]
    split = Split(histories=[train[i] for i in keep], targets=np.array([encoded[i][-1] for i in keep], dtype=np.int64))
    return train, split
