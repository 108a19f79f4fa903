"""ONNX Runtime serving of the intent + sentiment model (fp32 graph and its int8 quantisations).

``export_onnx`` writes the encoder and both heads as one graph (inputs ``input_ids``/``attention_mask``,
outputs pooled embedding, intent logits, sentiment logits) next to nothing the trained folder holds;
``model.int8-token.onnx`` is that graph with int8 weights and activations quantised per token
(:data:`common.onnx.INT8_PER_TOKEN`, the serving default: a text's result does not depend on its batch),
``model.int8.onnx`` the same weights with ``quantize_dynamic``'s one activation scale per batch
(:data:`common.onnx.INT8`); onnxruntime's BERT fusion (:func:`fuse`) is available but was not faster here.
The variants are compared by ``bench/encoder/run.py --variants``. ``OnnxIntentModel`` is an
:class:`~intents.model.IntentModel` whose forward runs that graph, so ``classify``/``encode``/
``IntentPredictor`` work unchanged (same tokenizer, calibration and labels).

>>> export_onnx(IntentModel.from_pretrained(model_dir), onnx_dir)              # doctest: +SKIP
>>> predictor = IntentPredictor(OnnxIntentModel.load(model_dir, onnx_dir, graph="int8-token"))  # doctest: +SKIP
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch import nn

from common.onnx import INT8, INT8_GRAPHS, INT8_PER_TOKEN, encoder_states, export, in_child, quantize, replace_dir, \
    session
from intents.model import CONFIG_FILE, WEIGHTS_FILE, IntentConfig, IntentModel, load_feature_stats

log = logging.getLogger(__name__)

FP32_FILE = "model.onnx"
SOURCE_FILE = "source.json"
# graph name (SHOPBOT_INFERENCE__BACKEND without "onnx-") -> file of an export
GRAPHS = {"fp32": FP32_FILE, **{variant: name for variant, (_, name) in INT8_GRAPHS.items()}}


FFN_OUTPUT = r"/layer\.\d+/output/dense/"  # the FFN's intermediate->hidden projection (a keep_fp32 choice)
# What the files hold: recorded in source.json, so an export made by another recipe is redone.
RECIPE = json.loads(json.dumps({"fp32": "eager attention, unfused", "int8": asdict(INT8),
                                 "int8_token": asdict(INT8_PER_TOKEN)}))


class _Exportable(nn.Module):
    """The model's forward with a plain additive attention mask (traces with dynamic batch and length)."""

    def __init__(self, model: IntentModel) -> None:
        super().__init__()
        self.model = model

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> tuple[torch.Tensor, ...]:
        hidden = encoder_states(self.model.encoder, input_ids, attention_mask)
        pooled, intent, sentiment = self.model.heads(hidden, attention_mask)
        return pooled, intent, sentiment


def source_id(model_dir: Path) -> dict[str, Any]:
    """What an export was made from (a stale export is refused at load)."""
    w = Path(model_dir) / WEIGHTS_FILE
    return {"model_dir": str(Path(model_dir).resolve()), "weights_bytes": w.stat().st_size,
            "weights_mtime": int(w.stat().st_mtime), "recipe": RECIPE}


@contextmanager
def _eager_attention(encoder: Any) -> Iterator[None]:
    """Trace the plain softmax(QK^T * scale + mask) V attention (what onnxruntime's fuser recognises)
    instead of the SDPA graph transformers uses by default."""
    before = encoder.config._attn_implementation
    encoder.set_attn_implementation("eager")
    try:
        yield
    finally:
        encoder.set_attn_implementation(before)


def fuse(src: Path, dst: Path, *, num_heads: int, hidden_size: int) -> dict[str, int]:
    """onnxruntime's BERT fusion (Attention, EmbedLayerNormalization, SkipLayerNormalization, BiasGelu) of
    ``src`` into ``dst``; returns the fused operator counts. Same function to ~1e-6.

    The fuser takes the attention scores' scale from a ``Div`` (the classic BERT export); transformers'
    eager attention multiplies by 1/sqrt(d) instead, and the fuser then mistakes that ``Mul`` for the
    mask's and fuses nothing, so the scale becomes a division first.
    """
    import numpy as np
    import onnx
    from onnx import numpy_helper
    from onnxruntime.transformers.optimizer import optimize_model

    graph = onnx.load(str(src))
    made_by = {out: n for n in graph.graph.node for out in n.output}
    consts = {n.output[0]: n for n in graph.graph.node if n.op_type == "Constant"}
    for node in graph.graph.node:
        scores = made_by.get(node.input[0]) if node.op_type == "Mul" else None
        if scores is not None and scores.op_type == "MatMul" and node.input[1] in consts and "/attention/" in node.name:
            scale = numpy_helper.to_array(consts[node.input[1]].attribute[0].t)
            inverse = node.name + "/inverse_scale"
            graph.graph.initializer.append(numpy_helper.from_array((1.0 / scale).astype(np.float32), inverse))
            node.op_type, node.input[1] = "Div", inverse
    optimized = optimize_model(graph, model_type="bert", num_heads=num_heads, hidden_size=hidden_size, opt_level=0)
    optimized.save_model_to_file(str(dst))
    return {k: v for k, v in optimized.get_fused_operator_statistics().items() if v}


def export_onnx(model: IntentModel, out_dir: Path, *, model_dir: Path | None = None, int8: bool = True,
                fused: bool = False) -> Path:
    """Write ``model.onnx`` (fp32; with ``fused``, after :func:`fuse`: same numbers, measured no faster here) and,
    with ``int8``, ``model.int8-token.onnx`` and ``model.int8.onnx`` (the unfused graph quantised with
    :data:`INT8_PER_TOKEN` and :data:`INT8`)."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    model.eval()
    fp32 = out_dir / FP32_FILE
    with _eager_attention(model.encoder):
        export(_Exportable(model), model.tokenize(["where is my order 1042?", "hola"]), fp32,
               ["pooled", "intent_logits", "sentiment_logits"])
    if int8:
        for recipe, name in INT8_GRAPHS.values():
            quantize(fp32, out_dir / name, recipe)
    if fused:
        cfg = model.encoder.config
        fusions = fuse(fp32, fp32, num_heads=cfg.num_attention_heads, hidden_size=cfg.hidden_size)
        if fusions.get("Attention", 0) != cfg.num_hidden_layers:  # still right, only slower
            log.warning("event=intent_model.onnx_fusion_incomplete fused=%s", fusions)
    if model_dir is not None:
        (out_dir / SOURCE_FILE).write_text(json.dumps(source_id(model_dir), indent=2))
    log.info("event=intent_model.onnx_exported dir=%s int8=%s", out_dir, int8)
    return out_dir


class _EncoderConfigHolder(nn.Module):
    """Stands in for the torch encoder: ``IntentModel`` only reads its config once the graph runs the forward."""

    def __init__(self, config: Any) -> None:
        super().__init__()
        self.config = config


class OnnxIntentModel(IntentModel):
    """An ``IntentModel`` whose forward is an ONNX Runtime session (the torch weights are not loaded)."""

    def __init__(self, session: Any, tokenizer: Any, config: IntentConfig, encoder_config: Any) -> None:
        super().__init__(_EncoderConfigHolder(encoder_config), tokenizer, config)
        self.session = session

    @classmethod
    def load(cls, model_dir: Path, onnx_dir: Path, *, graph: str = "int8-token", threads: int = 2
             ) -> OnnxIntentModel:
        """The export's ``graph`` (a key of :data:`GRAPHS`) with ``threads`` intra-op threads."""
        from transformers import AutoConfig, AutoTokenizer

        model_dir, onnx_dir = Path(model_dir), Path(onnx_dir)
        recorded = json.loads((onnx_dir / SOURCE_FILE).read_text()) if (onnx_dir / SOURCE_FILE).exists() else None
        if recorded is not None and recorded != source_id(model_dir):
            raise ValueError(f"ONNX export in {onnx_dir} was made from another model than {model_dir}; re-export")
        sess = session(onnx_dir / GRAPHS[graph], threads=threads)
        config = IntentConfig.from_dict(json.loads((model_dir / CONFIG_FILE).read_text()))
        model = cls(sess, AutoTokenizer.from_pretrained(model_dir), config, AutoConfig.from_pretrained(model_dir))
        model.feature_stats = load_feature_stats(model_dir)
        model.eval()
        return model

    def outputs(self, input_ids: np.ndarray, attention_mask: np.ndarray) -> tuple[np.ndarray, ...]:
        return tuple(self.session.run(None, {"input_ids": input_ids, "attention_mask": attention_mask}))

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> tuple[torch.Tensor, ...]:
        return tuple(torch.from_numpy(a) for a in self.outputs(input_ids.numpy(), attention_mask.numpy()))


def ensure_export(model_dir: Path, out_dir: Path, *, graph: str) -> Path:
    """``out_dir`` holding a current export of ``model_dir`` (exported now when missing or stale).

    The export is written to a temporary folder and renamed into place, so server processes starting
    together never read a half-written graph.
    """
    model_dir, out_dir = Path(model_dir), Path(out_dir)
    wanted = out_dir / GRAPHS[graph]
    source = out_dir / SOURCE_FILE
    if wanted.exists() and source.exists() and json.loads(source.read_text()) == source_id(model_dir):
        return out_dir
    return in_child(_export_into, model_dir, out_dir, graph=graph)  # keeps the torch model out of this process


def _export_into(model_dir: Path, out_dir: Path, *, graph: str) -> Path:
    wanted = out_dir / GRAPHS[graph]
    return replace_dir(out_dir, lambda tmp: export_onnx(IntentModel.from_pretrained(model_dir), tmp,
                                                        model_dir=model_dir, int8=graph != "fp32"), done=wanted)
