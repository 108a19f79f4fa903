"""The ONNX Runtime embedder gives the torch vectors (so torch-built indexes keep working) and falls back to torch;
its int8 variant quantizes the query graph only."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import numpy as np
import pytest

from bot.settings import PACKAGE_ROOT

DEMO = PACKAGE_ROOT / "training" / "demo_store"


def _real_texts(per_language: int = 100) -> list[str]:
    rows = [json.loads(line) for line in (DEMO / "nlu" / "test.jsonl").read_text().splitlines() if line.strip()]
    texts = []
    for lang in ("en", "zh", "es"):
        texts += [r["text"] for r in rows if r["lang"] == lang][:per_language]
    return texts


@pytest.fixture(scope="module")
def onnx_embedder(base_model_dir: Path, test_cache: Path):
    from retrieval.embedder import Embedder, Runtime

    return Embedder.load(base_model_dir, runtime=Runtime("onnx", 1, test_cache / "embedder-onnx"))


def test_onnx_query_and_passage_vectors_equal_torch_on_real_text(onnx_embedder, full_embedder) -> None:
    from retrieval.documents import product_document
    from training.demo_store import load_products

    assert onnx_embedder.backend == "onnx" and onnx_embedder.model_id == full_embedder.model_id
    queries = _real_texts()
    assert len(queries) == 300
    passages = [product_document(r).text for r in list(load_products())[:40]]
    passages.append("waterproof jacket " * 400)  # longer than the 512 tokens both truncate to
    for encode in ("encode_queries", "encode_passages"):
        texts = queries if encode == "encode_queries" else passages
        want = getattr(full_embedder, encode)(texts)
        got = getattr(onnx_embedder, encode)(texts)
        assert got.shape == want.shape and got.dtype == np.float32
        assert np.abs(got - want).max() < 1e-4
        assert (got * want).sum(1).min() >= 0.9999


def test_onnx_export_failure_falls_back_to_torch(tiny_base_model_dir: Path, tmp_path: Path,
                                                 caplog: pytest.LogCaptureFixture) -> None:
    from retrieval.embedder import Embedder, Runtime

    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")  # the export cannot be written below a file
    with caplog.at_level(logging.WARNING):
        emb = Embedder.load(tiny_base_model_dir, runtime=Runtime("onnx", 1, blocked))
    assert emb.backend == "torch"
    assert "onnx_unavailable" in caplog.text
    assert emb.encode_queries(["where is my order?"]).shape == (1, emb.dim)


def test_unknown_backend_is_refused(tiny_base_model_dir: Path) -> None:
    from retrieval.embedder import Embedder, Runtime

    with pytest.raises(ValueError, match="backend"):
        Embedder.load(tiny_base_model_dir, runtime=Runtime("tensorrt"))


@pytest.mark.parametrize(("backend", "mean_cos"), [("onnx-int8", 0.99), ("onnx-int8-token", 0.998)])
def test_int8_backends_quantize_queries_only(base_model_dir: Path, test_cache: Path, onnx_embedder, backend: str,
                                              mean_cos: float) -> None:
    from retrieval.documents import product_document
    from retrieval.embedder import Embedder, Runtime
    from training.demo_store import load_products

    int8 = Embedder.load(base_model_dir, runtime=Runtime(backend, 1, test_cache / "embedder-onnx"))
    assert int8.backend == backend and int8.model_id == onnx_embedder.model_id
    passages = [product_document(r).text for r in list(load_products())[:20]]
    assert np.array_equal(int8.encode_passages(passages), onnx_embedder.encode_passages(passages))  # indexes stay valid
    queries = _real_texts()
    got, want = int8.encode_queries(queries), onnx_embedder.encode_queries(queries)
    cos = (got * want).sum(1)
    assert np.abs(got - want).max() > 1e-4  # really the int8 graph
    assert cos.min() >= 0.98 and cos.mean() >= mean_cos
    assert np.allclose(np.linalg.norm(got, axis=1), 1.0, atol=1e-5)
    alone = Embedder.load(base_model_dir, runtime=Runtime(backend, 1, test_cache / "embedder-onnx"))
    assert np.allclose(alone.encode_queries([queries[7]])[0], got[7], atol=1e-6)  # a text's vector ignores its batch


def test_int8_graph_made_by_another_recipe_is_redone(tiny_base_model_dir: Path, tmp_path: Path) -> None:
    from common.onnx import data_file
    from retrieval.onnx import INT8_FILE, INT8_SOURCE_FILE, ensure_export, ensure_int8

    export = ensure_export(tiny_base_model_dir, tmp_path / "export")
    first = ensure_int8(export)
    fp32 = sum(f.stat().st_size for f in (export / "model.onnx", data_file(export / "model.onnx")) if f.exists())
    assert first == export / INT8_FILE and first.stat().st_size < fp32 / 2
    (export / INT8_SOURCE_FILE).write_text(json.dumps({"per_channel": False}))
    stamp = first.stat().st_mtime_ns
    ensure_int8(export)
    assert first.stat().st_mtime_ns != stamp
    assert json.loads((export / INT8_SOURCE_FILE).read_text())["per_channel"] is True
    assert not [p for p in export.iterdir() if p.name.startswith("tmp.")]


def test_runtime_batch_size_splits_forwards_without_changing_vectors(base_model_dir: Path, test_cache: Path,
                                                                      onnx_embedder) -> None:
    """The server's smaller forward batches (``SHOPBOT_INFERENCE__FORWARD_BATCH``) pad less, same vectors."""
    from retrieval.embedder import Embedder, Runtime

    small = Embedder.load(base_model_dir, runtime=Runtime("onnx-int8-token", 1, test_cache / "embedder-onnx",
                                                          batch_size=4))
    big = Embedder.load(base_model_dir, runtime=Runtime("onnx-int8-token", 1, test_cache / "embedder-onnx"))
    assert (small.batch_size, big.batch_size) == (4, 32)
    session = small.query_model.session
    rows: list[int] = []

    class Counting:  # records the rows of every forward
        def run(self, names, feeds):
            rows.append(len(feeds["input_ids"]))
            return session.run(names, feeds)

    small.query_model.session = Counting()
    queries = _real_texts(per_language=10)
    got = small.encode_queries(queries)
    assert max(rows) == 4 and sum(rows) == len(set(queries))
    assert np.allclose(got, big.encode_queries(queries), atol=1e-5)
