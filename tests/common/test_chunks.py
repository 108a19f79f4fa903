"""Length-aware batching: every row once, the limits kept, and the cheapest cut of all (brute force on small sets)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from common.chunks import length_chunks, pad_rows


def cost(chunks: list[list[int]], lengths: list[int], overhead: float) -> float:
    return sum(overhead + len(c) * max(lengths[i] for i in c) for c in chunks)


def partitions(items: list[int]):
    """Every set partition of ``items``."""
    if not items:
        yield []
        return
    first, rest = items[0], items[1:]
    for part in partitions(rest):
        for k in range(len(part)):
            yield part[:k] + [[first, *part[k]]] + part[k + 1:]
        yield [[first], *part]


@settings(max_examples=150, deadline=None)
@given(lengths=st.lists(st.integers(1, 80), min_size=0, max_size=7), overhead=st.floats(0, 200),
       max_rows=st.integers(1, 8))
def test_cut_is_optimal_over_all_partitions(lengths: list[int], overhead: float, max_rows: int) -> None:
    chunks = length_chunks(lengths, overhead=overhead, max_rows=max_rows)
    assert sorted(i for c in chunks for i in c) == list(range(len(lengths)))
    assert all(1 <= len(c) <= max_rows for c in chunks)
    best = min(cost(p, lengths, overhead) for p in partitions(list(range(len(lengths))))
               if all(len(c) <= max_rows for c in p))
    assert cost(chunks, lengths, overhead) <= best + 1e-6


@settings(max_examples=100, deadline=None)
@given(lengths=st.lists(st.integers(1, 300), min_size=1, max_size=60), max_tokens=st.integers(64, 2048))
def test_token_cap_and_never_worse_than_fixed_batches(lengths: list[int], max_tokens: int) -> None:
    chunks = length_chunks(lengths, overhead=32, max_rows=16, max_tokens=max_tokens)
    for c in chunks:
        assert len(c) == 1 or len(c) * max(lengths[i] for i in c) <= max_tokens
    order = sorted(range(len(lengths)), key=lambda i: lengths[i])
    fixed = [order[s:s + 16] for s in range(0, len(order), 16)]
    if all(len(c) == 1 or len(c) * max(lengths[i] for i in c) <= max_tokens for c in fixed):
        assert cost(chunks, lengths, 32) <= cost(fixed, lengths, 32)


def test_short_texts_are_not_padded_to_a_long_one() -> None:
    lengths = [6, 7, 8, 9, 120, 6, 7]
    chunks = length_chunks(lengths, overhead=32, max_rows=32)
    assert [4] in chunks  # the long text runs alone
    assert length_chunks(lengths, overhead=10_000, max_rows=32) == [[0, 5, 1, 6, 2, 3, 4]]  # calls dear: one


def test_pad_rows() -> None:
    ids, mask = pad_rows([[5, 6, 7], [8]], pad_id=1)
    assert ids.tolist() == [[5, 6, 7], [8, 1, 1]] and mask.tolist() == [[1, 1, 1], [1, 0, 0]]
    assert ids.dtype == mask.dtype == np.int64
