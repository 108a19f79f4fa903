"""Fixtures: the inline store as JSONL files, embedders and an index built with the full model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from retrieval_store import FAQ, POLICIES, PRODUCTS, store_documents


@pytest.fixture(scope="session")
def store_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("store")
    files = {}
    for name, rows in (("products", PRODUCTS), ("faq", FAQ), ("policies", POLICIES)):
        files[name] = root / f"{name}.jsonl"
        files[name].write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
    return files


@pytest.fixture(scope="session")
def tiny_embedder(tiny_base_model_dir: Path):
    from retrieval.embedder import Embedder

    return Embedder.load(tiny_base_model_dir)


@pytest.fixture(scope="session")
def full_embedder(base_model_dir: Path):
    from retrieval.embedder import Embedder

    return Embedder.load(base_model_dir)


@pytest.fixture(scope="session")
def store_index(full_embedder):
    """The inline store indexed with the full model (shared; tests must not mutate it)."""
    from retrieval.index import DocumentIndex

    return DocumentIndex.build(store_documents(), full_embedder)
