"""Intent data files: validation, stratified held-out split, content hash."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from training.intents_data import Row, hold_back_oos, read_jsonl, rows_sha256, stratified_split, write_jsonl


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


def test_hold_back_oos_moves_a_seeded_share_of_the_out_of_scope_rows_only() -> None:
    rows = [Row(f"in {i}", "order") for i in range(8)] + [Row(f"oos {i}", "out_of_scope") for i in range(7)]
    rows += [Row("nice", sentiment="positive")]
    kept, held = hold_back_oos(rows, 0.5, seed=0)
    assert len(held) == 3 and {r.intent for r in held} == {"out_of_scope"}  # floor(7 * 0.5)
    assert sorted(kept + held, key=rows.index) == rows and not set(kept) & set(held)
    assert kept == [r for r in rows if r not in held]  # the training order is kept
    assert hold_back_oos(rows, 0.5, seed=0) == (kept, held)
    assert hold_back_oos(rows, 0.5, seed=1)[1] != held
    assert hold_back_oos(rows, 0.0, seed=0) == (rows, [])
    assert hold_back_oos(rows[:9], 0.5, seed=0) == (rows[:9], [])  # one out-of-scope row stays in training

