"""Per-connection safety: a token-bucket rate limit and size checks on raw frames."""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

from bot.server.protocol import FrameError
from bot.settings import LimitSettings


class TokenBucket:
    """``rate`` tokens per second up to ``burst``; ``take()`` is False when the bucket is empty."""

    def __init__(self, rate: float, burst: int) -> None:
        self.rate, self.burst = rate, float(burst)
        self.tokens, self.at = float(burst), time.monotonic()

    def take(self, cost: float = 1.0) -> bool:
        now = time.monotonic()
        self.tokens = min(self.burst, self.tokens + (now - self.at) * self.rate)
        self.at = now
        if self.tokens >= cost:
            self.tokens -= cost
            return True
        return False


def frame_text(msg: Mapping[str, Any], limits: LimitSettings) -> str:
    """The text of one ASGI websocket.receive message, or FrameError for binary/oversize frames."""
    if msg.get("bytes") is not None:
        raise FrameError("binary_not_supported", "binary frames are not supported; send JSON text")
    raw = msg.get("text") or ""
    if len(raw) > limits.max_frame_bytes or len(raw.encode("utf-8", "surrogatepass")) > limits.max_frame_bytes:
        raise FrameError("frame_too_large", f"frames are limited to {limits.max_frame_bytes} bytes",
                         {"max_frame_bytes": limits.max_frame_bytes})
    return raw


def check_text(text: str, limits: LimitSettings, client_id: str | None) -> None:
    if len(text) > limits.max_text_chars:
        raise FrameError("text_too_long", f"messages are limited to {limits.max_text_chars} characters",
                         {"max_text_chars": limits.max_text_chars, "length": len(text)}, client_id)
    if not text.strip():
        raise FrameError("invalid_frame", "empty message", None, client_id)
