"""Intent data files: validation, stratified held-out split, content hash."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from training.intents_data import Row, read_jsonl, rows_sha256, stratified_split, write_jsonl


def test_round_trip_and_validation(tmp_path: Path) -> None:
    rows = [Row("hola", "greeting", lang="es"), Row("great", sentiment="positive")]
    write_jsonl(rows, tmp_path / "d.jsonl")
    assert read_jsonl(tmp_path / "d.jsonl") == rows
    (tmp_path / "bad.jsonl").write_text('{"text": "x", "sentiment": "angry"}\n')
    with pytest.raises(ValueError, match="sentiment"):
        read_jsonl(tmp_path / "bad.jsonl")
    (tmp_path / "bad2.jsonl").write_text('{"text": "x"}\n')
    with pytest.raises(ValueError, match="intent or a sentiment"):
        read_jsonl(tmp_path / "bad2.jsonl")


def test_stratified_split_keeps_every_class() -> None:
    rows = [Row(f"{i} {c}", c) for c in "abc" for i in range(20)] + [Row("lonely", "d")]
    rows += [Row(f"review {i}", sentiment="positive") for i in range(10)]
    train, held = stratified_split(rows, 0.1, seed=0)
    assert Counter(r.intent for r in held) == {"a": 2, "b": 2, "c": 2, None: 1}
    assert Row("lonely", "d") in train and len(train) + len(held) == len(rows)
    assert stratified_split(rows, 0.1, seed=0) == (train, held)
    assert rows_sha256(rows) != rows_sha256(rows[::-1])
