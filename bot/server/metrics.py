"""Prometheus metrics of one app instance (its own registry, so tests can build many apps)."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest

STAGE_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.015, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5)


class Metrics:
    """Turns, per-stage latency, handoffs, errors and live connections."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self.turns = Counter("shopbot_turns", "customer turns handled", ["owner"], registry=r)
        self.turn_latency = Histogram("shopbot_turn_latency_seconds", "server-side turn latency (receive->reply sent)",
                                      buckets=STAGE_BUCKETS, registry=r)
        self.stage_latency = Histogram("shopbot_stage_latency_seconds", "dialogue stage latency (TurnAnnotation)",
                                       ["stage"], buckets=STAGE_BUCKETS, registry=r)
        self.handoffs = Counter("shopbot_handoffs", "escalations and ownership changes", ["kind", "reason"],
                                registry=r)
        self.errors = Counter("shopbot_errors", "error frames sent", ["endpoint", "code"], registry=r)
        self.connections = Gauge("shopbot_connections", "open websocket connections", ["endpoint"], registry=r)
        self.frames = Counter("shopbot_frames", "client frames received", ["endpoint"], registry=r)

    def observe_stages(self, latency_ms: dict[str, float]) -> None:
        for stage, ms in latency_ms.items():
            self.stage_latency.labels(stage=stage).observe(max(ms, 0.0) / 1000.0)

    def render(self) -> bytes:
        return generate_latest(self.registry)
