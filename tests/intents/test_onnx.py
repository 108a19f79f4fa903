"""The ONNX Runtime serving path gives the torch model's predictions (fp32 and its fused graph exactly, int8
nearly); the default int8 graph reads a text the same alone and in any padded batch; a stale export is redone."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pytest

from common.onnx import data_file
from tests.intents.conftest import TRAIN, VALID

if TYPE_CHECKING:
    from intents.predictor import IntentPredictor

TEXTS = ["where is my order", "我想退货", "hola", "what is the capital of france", "¿dónde está mi pedido?"]


@pytest.fixture(scope="module")
def onnx_dir(trained_model_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from intents.onnx import ensure_export

    return ensure_export(trained_model_dir, tmp_path_factory.mktemp("onnx") / "intents-onnx", graph="int8-token")


def outputs(path: Path, batch: dict) -> list[np.ndarray]:
    from common.onnx import session

    return session(path, threads=1).run(None, {k: batch[k].numpy() for k in ("input_ids", "attention_mask")})


def test_onnx_predictions_match_torch(trained_model_dir: Path, onnx_dir: Path, predictor) -> None:
    from intents.onnx import OnnxIntentModel
    from intents.predictor import IntentPredictor

    onnx = IntentPredictor(OnnxIntentModel.load(trained_model_dir, onnx_dir, graph="fp32", threads=1))
    want, got = predictor.predict(TEXTS, fallback_language="en"), onnx.predict(TEXTS, fallback_language="en")
    assert [p.intent for p in got] == [p.intent for p in want]
    assert [p.sentiment for p in got] == [p.sentiment for p in want]
    assert np.allclose([p.confidence for p in got], [p.confidence for p in want], atol=1e-4)
    emb_t, emb_o = predictor.encode(TEXTS), onnx.encode(TEXTS)
    assert np.allclose(emb_t, emb_o, atol=1e-4)


def test_an_empty_batch_gives_empty_outputs_of_the_right_widths_on_both_runtimes(trained_model_dir: Path,
                                                                                  onnx_dir: Path, predictor) -> None:
    from intents.onnx import OnnxIntentModel
    from intents.predictor import IntentPredictor

    onnx = OnnxIntentModel.load(trained_model_dir, onnx_dir, graph="int8-token", threads=1)
    for model in (predictor.model, onnx):
        out = model.classify([])
        n_intents, n_sentiments = len(model.config.intent_labels), len(model.config.sentiment_labels)
        assert out.intent_probs.shape == (0, n_intents) and out.intent_logits.shape == (0, n_intents)
        assert out.sentiment_probs.shape == (0, n_sentiments)
        assert out.embeddings.shape == (0, model.encoder.config.hidden_size)
    assert IntentPredictor(onnx).predict([]) == []


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


def test_int8_exports_mostly_agree_with_fp32(trained_model_dir: Path, onnx_dir: Path) -> None:
    from intents.onnx import GRAPHS, OnnxIntentModel
    from intents.predictor import IntentPredictor

    texts = [r.text for r in TRAIN + VALID if r.intent]
    fp32 = IntentPredictor(OnnxIntentModel.load(trained_model_dir, onnx_dir, graph="fp32", threads=1))
    want = fp32.predict(texts, fallback_language="en")
    size = sum(f.stat().st_size for f in (onnx_dir / "model.onnx", data_file(onnx_dir / "model.onnx")) if f.exists())
    for graph in ("int8-token", "int8"):
        int8 = IntentPredictor(OnnxIntentModel.load(trained_model_dir, onnx_dir, graph=graph, threads=1))
        got = int8.predict(texts, fallback_language="en")
        agree = np.mean([g.intent == w.intent for g, w in zip(got, want)])
        assert agree >= 0.9, (graph, agree)
        assert (onnx_dir / GRAPHS[graph]).stat().st_size < size / 3


def _alone_vs_padded_batch(predictor) -> tuple[list, list]:
    """Each text alone (no padding) and all in one batch padded to the longest."""
    texts = TEXTS + ["a much longer message, so that every other text of the batch is padded: order 1042 please"]
    return [predictor.predict([t], fallback_language="en")[0] for t in texts], predictor.predict(
        texts, fallback_language="en")


def test_default_int8_reads_a_text_the_same_alone_and_in_a_padded_batch(trained_model_dir: Path,
                                                                        onnx_dir: Path) -> None:
    """Activations are quantised per token, so the other texts of a micro-batch and the padding they bring do not
    move a text's intent or confidence (up to float rounding, as with fp32); per-batch int8 does move them."""
    from bot.dialogue.factory import INTENT_BACKENDS
    from bot.settings import InferenceSettings
    from intents.onnx import OnnxIntentModel
    from intents.predictor import IntentPredictor

    graph = INTENT_BACKENDS[InferenceSettings().backend]  # the server's default runtime
    assert graph == "int8-token"
    def one_forward(graph: str) -> IntentPredictor:  # the whole batch in one padded forward (no length-aware cuts)
        model = OnnxIntentModel.load(trained_model_dir, onnx_dir, graph=graph, threads=1)
        model.call_overhead_tokens = 1e9
        return IntentPredictor(model)

    alone, batched = _alone_vs_padded_batch(one_forward(graph))
    assert [p.intent for p in alone] == [p.intent for p in batched]
    assert [p.sentiment for p in alone] == [p.sentiment for p in batched]
    assert np.allclose([p.confidence for p in alone], [p.confidence for p in batched], rtol=0, atol=1e-5)
    assert np.allclose([p.sentiment_score for p in alone], [p.sentiment_score for p in batched], rtol=0, atol=1e-5)
    # what the default avoids: with one activation scale per batch the neighbours and the padding move the logits
    # (the tiny test model's confidences are too saturated to show it)
    assert _logit_shift(one_forward(graph)) < 1e-4  # per token: float rounding only
    assert _logit_shift(one_forward("int8")) > 1e-3


def _logit_shift(predictor: IntentPredictor) -> float:
    """Largest change of any intent logit between each text alone and all of them in one padded batch."""
    texts = TEXTS + ["a much longer message, so that every other text of the batch is padded: order 1042 please"]
    alone = np.concatenate([predictor.model.classify([t]).intent_logits for t in texts])
    return float(np.abs(alone - predictor.model.classify(texts).intent_logits).max())


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
    OnnxIntentModel.load(model, export, graph="fp32", threads=1)  # same weights: accepted
    w = model / "model.safetensors"
    os.utime(w, (w.stat().st_atime, w.stat().st_mtime + 60))  # the model was retrained
    with pytest.raises(ValueError, match="re-export"):
        OnnxIntentModel.load(model, export, graph="fp32", threads=1)
    ensure_export(model, export, graph="fp32")
    OnnxIntentModel.load(model, export, graph="fp32", threads=1)
