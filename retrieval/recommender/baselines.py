"""Baselines scored in every benchmark run: popularity and sequential item-to-item co-occurrence."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse


@dataclass
class Popularity:
    """Scores every item by how often it occurs in the training sequences."""

    counts: np.ndarray

    @classmethod
    def fit(cls, sequences: list[list[int]], n_rows: int) -> Popularity:
        counts = np.zeros(n_rows, dtype=np.float64)
        for seq in sequences:
            np.add.at(counts, seq, 1.0)
        counts[0] = 0.0
        return cls(counts=counts)

    def scores(self, histories: list[list[int]]) -> np.ndarray:
        return np.broadcast_to(self.counts, (len(histories), len(self.counts))).copy()

    def prior(self) -> np.ndarray:
        """Popularity squashed into [0, 1): a tie-breaker other scorers can add at a tiny weight."""
        return self.counts / (self.counts.max() + 1.0)


@dataclass(frozen=True)
class CoOccurrenceConfig:
    window: int = 3  # item j counts when it follows item i within this many steps
    distance_decay: float = 1.0  # weight of a pair at distance d: 1 / d ** distance_decay
    last_k: int = 3  # the user's last k items vote
    recency: float = 0.5  # vote weight of the k-th last item: recency ** k
    row_norm: float = 0.0  # divide row i by (total of row i) ** row_norm; 0 keeps raw counts
    backward: float = 0.0  # weight of j *preceding* i (0: the plain sequential baseline)


@dataclass
class CoOccurrence:
    """``C[i, j]``: (distance-weighted) count of item j following item i within ``window`` steps.
    A history scores ``sum_k recency**k * C[h[-1-k], :]`` plus a popularity tie-breaker."""

    matrix: sparse.csr_matrix
    config: CoOccurrenceConfig
    prior: np.ndarray

    @classmethod
    def fit(cls, sequences: list[list[int]], n_rows: int, config: CoOccurrenceConfig | None = None) -> CoOccurrence:
        config = config or CoOccurrenceConfig()
        rows, cols, vals = [], [], []
        for d in range(1, config.window + 1):
            w = 1.0 / d ** config.distance_decay
            for seq in sequences:
                if len(seq) > d:
                    a = np.asarray(seq)
                    rows.append(a[:-d])
                    cols.append(a[d:])
                    vals.append(np.full(len(a) - d, w))
                    if config.backward:
                        rows.append(a[d:])
                        cols.append(a[:-d])
                        vals.append(np.full(len(a) - d, w * config.backward))
        if rows:
            r, c, v = np.concatenate(rows), np.concatenate(cols), np.concatenate(vals)
        else:
            r = c = np.zeros(0, dtype=np.int64)
            v = np.zeros(0)
        m = sparse.csr_matrix((v, (r, c)), shape=(n_rows, n_rows))
        m.sum_duplicates()
        m.setdiag(0.0)
        m.eliminate_zeros()
        if config.row_norm:
            tot = np.asarray(m.sum(1)).ravel()
            m = sparse.diags(1.0 / np.maximum(tot, 1e-9) ** config.row_norm) @ m
        return cls(matrix=m.tocsr(), config=config,
                   prior=Popularity.fit(sequences, n_rows).prior())

    def with_config(self, sequences: list[list[int]], config: CoOccurrenceConfig) -> CoOccurrence:
        return CoOccurrence.fit(sequences, self.matrix.shape[0], config)

    def raw_scores(self, histories: list[list[int]]) -> np.ndarray:
        """Co-occurrence votes only (no tie-breaker); 0 where no history item leads to the item."""
        k = self.config.last_k
        r, c, v = [], [], []
        for b, hist in enumerate(histories):
            for j, item in enumerate(reversed(hist[-k:])):
                r.append(b)
                c.append(item)
                v.append(self.config.recency ** j)
        q = sparse.csr_matrix((v, (r, c)), shape=(len(histories), self.matrix.shape[0]))
        return np.asarray((q @ self.matrix).todense())

    def scores(self, histories: list[list[int]]) -> np.ndarray:
        return self.raw_scores(histories) + 1e-6 * self.prior
