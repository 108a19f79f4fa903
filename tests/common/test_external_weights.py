"""ONNX exports keep their big initializers (the word-embedding table) in a file beside the graph, which ONNX
Runtime maps instead of copying into the process; an export made before that is converted on first use."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

TEXTS = ["where is my order 1042?", "¿Dónde está mi pedido?", "我的订单到哪了？"]


def _vectors(model_dir: Path, export: Path) -> np.ndarray:
    from retrieval.onnx import OnnxEncoder

    return OnnxEncoder.load(model_dir, export).encode(TEXTS)


def _inline_copy(export: Path, dst: Path) -> Path:
    """``export`` as exports were written before: the whole graph in one file."""
    import onnx

    dst.mkdir(parents=True)
    for f in export.iterdir():
        if f.suffix == ".json":
            shutil.copy(f, dst / f.name)
    onnx.save_model(onnx.load(str(export / "model.onnx")), str(dst / "model.onnx"))
    return dst


def test_a_new_export_keeps_the_word_embeddings_beside_the_graph(tiny_base_model_dir: Path,
                                                                  tmp_path: Path) -> None:
    import common.onnx as co
    from retrieval.onnx import GRAPH_FILE, ensure_export

    split = ensure_export(tiny_base_model_dir, tmp_path / "split")  # the tiny model keeps e5's 250k-word table
    data = co.data_file(split / GRAPH_FILE)
    assert data.exists() and data.stat().st_size >= co.EXTERNAL_MIN_BYTES
    inline = _inline_copy(split, tmp_path / "inline")
    assert (split / GRAPH_FILE).stat().st_size < (inline / GRAPH_FILE).stat().st_size - data.stat().st_size // 2
    np.testing.assert_array_equal(_vectors(tiny_base_model_dir, split), _vectors(tiny_base_model_dir, inline))


def test_an_older_inline_export_is_converted_when_opened(tiny_base_model_dir: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    import common.onnx as co
    from retrieval.onnx import GRAPH_FILE, ensure_export

    export = _inline_copy(ensure_export(tiny_base_model_dir, tmp_path / "new"), tmp_path / "old")
    size = (export / GRAPH_FILE).stat().st_size
    monkeypatch.setattr(co, "INLINE_LIMIT_BYTES", size)  # not above the limit: opened as it is
    before = _vectors(tiny_base_model_dir, export)
    assert not co.data_file(export / GRAPH_FILE).exists()
    monkeypatch.setattr(co, "INLINE_LIMIT_BYTES", size - 1)
    after = _vectors(tiny_base_model_dir, export)  # opening the session converts it
    assert co.data_file(export / GRAPH_FILE).exists() and (export / GRAPH_FILE).stat().st_size < size
    assert not [p for p in export.iterdir() if p.name.startswith(".")]  # no scratch folder left behind
    np.testing.assert_array_equal(after, before)
