"""ONNX Runtime serving of the intent + sentiment model (fp32 graph, optionally int8 dynamic quantisation).

``export_onnx`` writes the encoder and both heads as one graph (inputs ``input_ids``/``attention_mask``,
outputs pooled embedding, intent logits, sentiment logits) next to nothing the trained folder holds;
``OnnxIntentModel`` is an :class:`~intents.model.IntentModel` whose forward runs that graph, so
``classify``/``encode``/``IntentPredictor`` work unchanged (same tokenizer, calibration and labels).

>>> export_onnx(IntentModel.from_pretrained(model_dir), onnx_dir)              # doctest: +SKIP
>>> predictor = IntentPredictor(OnnxIntentModel.load(model_dir, onnx_dir, int8=True))  # doctest: +SKIP
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import torch
from torch import nn

from intents.model import CONFIG_FILE, WEIGHTS_FILE, IntentConfig, IntentModel

log = logging.getLogger(__name__)

FP32_FILE = "model.onnx"
INT8_FILE = "model.int8.onnx"
SOURCE_FILE = "source.json"
OPSET = 17


class _Exportable(nn.Module):
    """The model's forward with a plain additive attention mask (traces with dynamic batch and length)."""

    def __init__(self, model: IntentModel) -> None:
        super().__init__()
        self.model = model

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> tuple[torch.Tensor, ...]:
        hidden = self.model.encoder.embeddings(input_ids=input_ids)
        additive = (1.0 - attention_mask[:, None, None, :].to(hidden.dtype)) * torch.finfo(hidden.dtype).min
        for layer in self.model.encoder.encoder.layer:
            out = layer(hidden, additive)
            hidden = out[0] if isinstance(out, tuple) else out
        pooled, intent, sentiment = self.model.heads(hidden, attention_mask)
        return pooled, intent, sentiment


def source_id(model_dir: Path) -> dict[str, Any]:
    """What an export was made from (a stale export is refused at load)."""
    w = Path(model_dir) / WEIGHTS_FILE
    return {"model_dir": str(Path(model_dir).resolve()), "weights_bytes": w.stat().st_size,
            "weights_mtime": int(w.stat().st_mtime)}


def export_onnx(model: IntentModel, out_dir: Path, *, model_dir: Path | None = None, int8: bool = True) -> Path:
    """Write ``model.onnx`` (and ``model.int8.onnx``: dynamic int8 weights, fp32 activations) to ``out_dir``."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    model.eval()
    sample = model.tokenize(["where is my order 1042?", "hola"])
    dyn = {"input_ids": {0: "batch", 1: "tokens"}, "attention_mask": {0: "batch", 1: "tokens"},
           "pooled": {0: "batch"}, "intent_logits": {0: "batch"}, "sentiment_logits": {0: "batch"}}
    with torch.inference_mode():
        torch.onnx.export(_Exportable(model), (sample["input_ids"], sample["attention_mask"]), str(out_dir / FP32_FILE),
                          input_names=["input_ids", "attention_mask"],
                          output_names=["pooled", "intent_logits", "sentiment_logits"], dynamic_axes=dyn,
                          opset_version=OPSET, dynamo=False)
    if int8:
        from onnxruntime.quantization import QuantType, quantize_dynamic

        quantize_dynamic(str(out_dir / FP32_FILE), str(out_dir / INT8_FILE), weight_type=QuantType.QInt8)
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
    def load(cls, model_dir: Path, onnx_dir: Path, *, int8: bool = True, threads: int = 2) -> OnnxIntentModel:
        import onnxruntime as ort
        from transformers import AutoConfig, AutoTokenizer

        model_dir, onnx_dir = Path(model_dir), Path(onnx_dir)
        recorded = json.loads((onnx_dir / SOURCE_FILE).read_text()) if (onnx_dir / SOURCE_FILE).exists() else None
        if recorded is not None and recorded != source_id(model_dir):
            raise ValueError(f"ONNX export in {onnx_dir} was made from another model than {model_dir}; re-export")
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = max(1, threads)
        opts.inter_op_num_threads = 1
        opts.add_session_config_entry("session.intra_op.allow_spinning", "0")  # idle threads must not eat the CPU
        session = ort.InferenceSession(str(onnx_dir / (INT8_FILE if int8 else FP32_FILE)), opts,
                                       providers=["CPUExecutionProvider"])
        config = IntentConfig.from_dict(json.loads((model_dir / CONFIG_FILE).read_text()))
        model = cls(session, AutoTokenizer.from_pretrained(model_dir), config, AutoConfig.from_pretrained(model_dir))
        model.eval()
        return model

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> tuple[torch.Tensor, ...]:
        pooled, intent, sentiment = self.session.run(
            None, {"input_ids": input_ids.numpy(), "attention_mask": attention_mask.numpy()})
        return torch.from_numpy(pooled), torch.from_numpy(intent), torch.from_numpy(sentiment)


def ensure_export(model_dir: Path, out_dir: Path, *, int8: bool) -> Path:
    """``out_dir`` holding a current export of ``model_dir`` (exported now when missing or stale).

    The export is written to a temporary folder and renamed into place, so server processes starting
    together never read a half-written graph.
    """
    model_dir, out_dir = Path(model_dir), Path(out_dir)
    wanted = out_dir / (INT8_FILE if int8 else FP32_FILE)
    source = out_dir / SOURCE_FILE
    if wanted.exists() and source.exists() and json.loads(source.read_text()) == source_id(model_dir):
        return out_dir
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=out_dir.name + ".", dir=out_dir.parent))
    try:
        export_onnx(IntentModel.from_pretrained(model_dir), tmp, model_dir=model_dir, int8=int8)
        if out_dir.exists():
            shutil.rmtree(out_dir, ignore_errors=True)
        os.replace(tmp, out_dir)
    except OSError:
        if not wanted.exists():  # nobody else finished one either
            raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return out_dir
