"""Length-aware batching of token sequences for an encoder forward.

A forward over ``rows`` sequences padded to ``width`` tokens costs about ``overhead + rows * width`` (in units of one
padded token; the overhead is the per-call cost: session dispatch, the heads, small-tensor ops). Sorting by length and
cutting fixed-size batches pads short texts to the longest one in their batch; cutting every text into its own call
pays the overhead each time. :func:`length_chunks` finds the cheapest cut of the length-sorted rows by dynamic
programming (exact for this cost model, O(n * max_rows)).

>>> length_chunks([3, 40, 4, 5, 41], overhead=10, max_rows=32)
[[0, 2, 3], [1, 4]]
>>> length_chunks([3, 40, 4], overhead=1000, max_rows=32)   # a call costs more than any padding: one batch
[[0, 2, 1]]
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def length_chunks(lengths: Sequence[int], *, overhead: float, max_rows: int, max_tokens: int | None = None
                  ) -> list[list[int]]:
    """Indices of ``lengths`` grouped into batches (shortest first) minimising ``sum(overhead + rows * width)``.

    A batch holds at most ``max_rows`` rows and, when ``max_tokens`` is set, at most that many padded tokens (a row
    longer than ``max_tokens`` still gets a batch of its own).
    """
    order = sorted(range(len(lengths)), key=lambda i: lengths[i])
    n = len(order)
    best = [0.0] + [float("inf")] * n  # best[j]: cheapest cut of the first j sorted rows
    cut = [0] * (n + 1)
    for j in range(1, n + 1):
        width = lengths[order[j - 1]]  # the longest of any batch ending at j
        for i in range(j - 1, max(j - max_rows, 0) - 1, -1):
            rows = j - i
            if max_tokens is not None and rows > 1 and rows * width > max_tokens:
                break
            cost = best[i] + overhead + rows * width
            if cost < best[j]:
                best[j], cut[j] = cost, i
    out: list[list[int]] = []
    j = n
    while j > 0:
        out.append(order[cut[j]:j])
        j = cut[j]
    return out[::-1]


def pad_rows(ids: Sequence[Sequence[int]], pad_id: int) -> tuple[np.ndarray, np.ndarray]:
    """``(input_ids, attention_mask)`` int64 arrays of ``ids`` right-padded to the longest row."""
    width = max((len(r) for r in ids), default=0)
    input_ids = np.full((len(ids), width), pad_id, dtype=np.int64)
    mask = np.zeros((len(ids), width), dtype=np.int64)
    for j, row in enumerate(ids):
        input_ids[j, : len(row)], mask[j, : len(row)] = row, 1
    return input_ids, mask
