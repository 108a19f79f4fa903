"""Shared fixtures: the real base model (prepared once per machine) and a tiny truncated copy.

The tiny model keeps the real multilingual tokenizer and the first layers of the real
multilingual-e5-small, so tests exercise real weights while training in seconds.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
TEST_CACHE = Path(os.environ.get("SHOPBOT_TEST_CACHE", REPO / ".cache" / "test"))
TINY_LAYERS = 3


@pytest.fixture(scope="session")
def test_cache() -> Path:
    TEST_CACHE.mkdir(parents=True, exist_ok=True)
    return TEST_CACHE


@pytest.fixture(scope="session")
def base_model_dir(test_cache: Path) -> Path:
    """The full dequantized multilingual-e5-small (12 layers)."""
    from training.base_model import prepare_base_model

    return prepare_base_model(test_cache / "base" / "multilingual-e5-small").path


@pytest.fixture(scope="session")
def tiny_base_model_dir(base_model_dir: Path, test_cache: Path) -> Path:
    """The same model cut to its first few layers: real weights, ~4x faster."""
    from training.base_model import truncate_base_model

    return truncate_base_model(base_model_dir, test_cache / "base" / f"e5-small-{TINY_LAYERS}l", TINY_LAYERS)
