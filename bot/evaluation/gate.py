"""Regression gate: compare the headline metrics of the current pipeline with a baseline's.

A metric regresses when it drops by more than ``tolerance`` (absolute, metrics are 0..1). Metrics
that neither run could measure (no labelled data) are reported as ``None`` and never fail the gate.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from bot.evaluation.metrics import HEADLINE

DEFAULT_TOLERANCE = 0.01


@dataclass(frozen=True)
class Delta:
    metric: str
    current: float | None
    baseline: float | None
    delta: float | None
    regressed: bool


@dataclass(frozen=True)
class GateResult:
    tolerance: float
    deltas: tuple[Delta, ...]

    @property
    def failed(self) -> bool:
        return any(d.regressed for d in self.deltas)

    def to_dict(self) -> dict[str, Any]:
        return {"tolerance": self.tolerance, "failed": self.failed,
                "regressed": [d.metric for d in self.deltas if d.regressed],
                "deltas": {d.metric: asdict(d) for d in self.deltas}}


def compare(current: dict[str, float | None], baseline: dict[str, float | None],
            tolerance: float = DEFAULT_TOLERANCE, metrics: tuple[str, ...] = HEADLINE) -> GateResult:
    """Deltas (current - baseline) of the headline metrics; regressed if below baseline - tolerance."""
    deltas = []
    for m in metrics:
        cur, base = current.get(m), baseline.get(m)
        if cur is None or base is None:
            # a metric the current run lost entirely while the baseline had it is a regression
            deltas.append(Delta(m, cur, base, None, regressed=cur is None and base is not None))
            continue
        deltas.append(Delta(m, cur, base, cur - base, regressed=cur < base - tolerance - 1e-12))
    return GateResult(tolerance, tuple(deltas))
