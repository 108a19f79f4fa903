"""The ONNX Runtime serving path gives the torch model's predictions (fp32 and its fused graph exactly, int8
nearly); a stale export is redone."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import numpy as np
import pytest

from common.onnx import data_file
from tests.intents.conftest import TRAIN, VALID

TEXTS = ["where is my order", "我想退货", "hola", "what is the capital of france", "¿dónde está mi pedido?"]


@pytest.fixture(scope="module")
def onnx_dir(trained_model_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from intents.onnx import ensure_export

    return ensure_export(trained_model_dir, tmp_path_factory.mktemp("onnx") / "intents-onnx", int8=True)


def outputs(path: Path, batch: dict) -> list[np.ndarray]:
    from common.onnx import session

    return session(path, threads=1).run(None, {k: batch[k].numpy() for k in ("input_ids", "attention_mask")})


def test_onnx_predictions_match_torch(trained_model_dir: Path, onnx_dir: Path, predictor) -> None:
    from intents.onnx import OnnxIntentModel
    from intents.predictor import IntentPredictor

    onnx = IntentPredictor(OnnxIntentModel.load(trained_model_dir, onnx_dir, int8=False, threads=1))
    want, got = predictor.predict(TEXTS, fallback_language="en"), onnx.predict(TEXTS, fallback_language="en")
    assert [p.intent for p in got] == [p.intent for p in want]
    assert [p.sentiment for p in got] == [p.sentiment for p in want]
    assert np.allclose([p.confidence for p in got], [p.confidence for p in want], atol=1e-4)
    emb_t, emb_o = predictor.encode(TEXTS), onnx.encode(TEXTS)
    assert np.allclose(emb_t, emb_o, atol=1e-4)


def test_the_fused_graph_computes_what_the_plain_export_does(trained_model_dir: Path, onnx_dir: Path,
                                                             tmp_path: Path) -> None:
    import onnx

    from intents.model import IntentModel
    from intents.onnx import FP32_FILE, export_onnx

    model = IntentModel.from_pretrained(trained_model_dir)
    fused = export_onnx(model, tmp_path, int8=False, fused=True) / FP32_FILE
    ops = {n.op_type for n in onnx.load(str(fused), load_external_data=False).graph.node}
    assert {"Attention", "SkipLayerNormalization"} <= ops  # fused: fewer kernels
    batch = model.tokenize(TEXTS + ["a much longer message so that the batch has padding in it, order 1042"])
    for got, want in zip(outputs(fused, batch), outputs(onnx_dir / FP32_FILE, batch)):
        assert np.allclose(got, want, atol=1e-4)


def test_int8_export_mostly_agrees_with_fp32(trained_model_dir: Path, onnx_dir: Path) -> None:
    from intents.onnx import OnnxIntentModel
    from intents.predictor import IntentPredictor

    texts = [r.text for r in TRAIN + VALID if r.intent]
    fp32, int8 = (IntentPredictor(OnnxIntentModel.load(trained_model_dir, onnx_dir, int8=q, threads=1))
                  for q in (False, True))
    want, got = fp32.predict(texts, fallback_language="en"), int8.predict(texts, fallback_language="en")
    agree = np.mean([g.intent == w.intent for g, w in zip(got, want)])
    assert agree >= 0.9, agree
    fp32 = sum(f.stat().st_size for f in (onnx_dir / "model.onnx", data_file(onnx_dir / "model.onnx")) if f.exists())
    assert (onnx_dir / "model.int8.onnx").stat().st_size < fp32 / 3


@pytest.mark.slow  # a second export
def test_a_stale_export_is_refused_and_redone(trained_model_dir: Path, onnx_dir: Path,
                                              tmp_path: Path) -> None:
    from intents.onnx import SOURCE_FILE, OnnxIntentModel, ensure_export

    model = tmp_path / "model"
    shutil.copytree(trained_model_dir, model)
    export = tmp_path / "export"
    shutil.copytree(onnx_dir, export)
    src = json.loads((export / SOURCE_FILE).read_text())
    src["model_dir"] = str(model.resolve())
    (export / SOURCE_FILE).write_text(json.dumps(src))
    OnnxIntentModel.load(model, export, int8=False, threads=1)  # same weights: accepted
    w = model / "model.safetensors"
    os.utime(w, (w.stat().st_atime, w.stat().st_mtime + 60))  # the model was retrained
    with pytest.raises(ValueError, match="re-export"):
        OnnxIntentModel.load(model, export, int8=False, threads=1)
    ensure_export(model, export, int8=False)
    OnnxIntentModel.load(model, export, int8=False, threads=1)
