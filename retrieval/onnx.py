"""ONNX Runtime serving of the e5 embedder: the same vectors as sentence-transformers' torch forward.

The graph is the encoder with mean pooling and L2 normalisation inside (inputs ``input_ids`` /
``attention_mask``, output ``embedding``). It is exported once, on first use, into a folder named by
the model's fingerprint (``Embedder.model_id``), so a changed model gets a fresh export and an index
built with torch vectors stays valid: the fingerprint and the numbers are the same (max abs difference
1.4e-7 on the demo store, see bench/encoder/RESULTS.md and tests/retrieval/test_embedder_onnx.py).
``model.int8.onnx`` beside it is that graph quantised with the intent model's int8 recipe
(:data:`common.onnx.INT8`, :func:`ensure_int8`), ``model.int8-token.onnx`` the same with activations quantised per
token (:data:`common.onnx.INT8_PER_TOKEN`); they serve only queries (``Runtime(backend="onnx-int8[-token]")``),
passages stay fp32 so indexes built before stay valid.

>>> export = ensure_export(model_dir, onnx_root / fingerprint)                # doctest: +SKIP
>>> OnnxEncoder.load(model_dir, export).encode(["query: where is my order?"]).shape  # doctest: +SKIP
(1, 384)
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict
from pathlib import Path
from typing import Any

import numpy as np

from common.chunks import length_chunks, pad_rows
from common.onnx import INT8_GRAPHS, encoder_states, export, in_child, quantize, replace_dir, session

log = logging.getLogger(__name__)

GRAPH_FILE = "model.onnx"
INT8_FILE = INT8_GRAPHS["int8"][1]
SOURCE_FILE = "source.json"
INT8_SOURCE_FILE = "int8.json"  # the recipe model.int8.onnx was made with (another recipe: quantised again)
DEFAULT_MAX_LENGTH = 512
# padded tokens per forward: 32 product passages (~190 tokens) in one batch cost ONNX Runtime twice the CPU of
# torch, in batches of <= 1024 tokens a little less than torch; 32 short queries still go in one forward
BATCH_TOKENS = 1024
# what one forward call costs beyond its padded tokens, in padded tokens (length-aware batching)
CALL_OVERHEAD_TOKENS = 24.0


def max_length(model_dir: Path) -> int:
    """The sentence-transformers truncation length of the model folder."""
    cfg = Path(model_dir) / "sentence_bert_config.json"
    return int(json.loads(cfg.read_text()).get("max_seq_length", DEFAULT_MAX_LENGTH)) if cfg.exists() \
        else DEFAULT_MAX_LENGTH


def export_embedder(model_dir: Path, out_dir: Path) -> Path:
    """Write ``model.onnx`` (encoder + mean pooling + L2 normalisation) for the e5 folder ``model_dir``."""
    import torch
    from transformers import AutoModel, AutoTokenizer
    from transformers.utils import logging as hf_logging

    class Pooled(torch.nn.Module):
        def __init__(self, encoder: Any) -> None:
            super().__init__()
            self.encoder = encoder

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            hidden = encoder_states(self.encoder, input_ids, attention_mask)
            m = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * m).sum(1) / m.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(pooled, p=2, dim=1)

    hf_logging.set_verbosity_error()  # the base's unused pooler is reported as "unexpected" otherwise
    encoder = AutoModel.from_pretrained(model_dir, add_pooling_layer=False)
    sample = AutoTokenizer.from_pretrained(model_dir)(["query: where is my order 1042?", "query: hola"],
                                                      padding=True, return_tensors="pt")
    export(Pooled(encoder), sample, Path(out_dir) / GRAPH_FILE, ["embedding"])
    (Path(out_dir) / SOURCE_FILE).write_text(json.dumps({"model_dir": str(Path(model_dir).resolve())}, indent=2))
    log.info("event=embedder.onnx_exported dir=%s", out_dir)
    return Path(out_dir)


def ensure_export(model_dir: Path, out_dir: Path) -> Path:
    """``out_dir`` holding an export of ``model_dir`` (made now if missing; name it by the model fingerprint)."""
    out_dir = Path(out_dir)
    if (out_dir / GRAPH_FILE).exists():
        return out_dir
    return in_child(_export_into, Path(model_dir), out_dir)  # keeps the torch model out of this process


def _export_into(model_dir: Path, out_dir: Path) -> Path:
    return replace_dir(out_dir, lambda tmp: export_embedder(model_dir, tmp), done=out_dir / GRAPH_FILE)


def ensure_int8(out_dir: Path, variant: str = "int8") -> Path:
    """The fp32 export of ``out_dir`` quantised with the recipe of ``variant`` (:data:`common.onnx.INT8_GRAPHS`:
    per-batch or per-token activations), made now if missing or made by another recipe (recorded in
    ``<variant>.json``); written beside and renamed into place, in a child process (quantising e5-small peaks
    near 2 GB more than the server holds, which would stay its high-water mark)."""
    out_dir = Path(out_dir)
    recipe, name = INT8_GRAPHS[variant]
    dst, recorded = out_dir / name, out_dir / f"{variant}.json"
    wanted = json.loads(json.dumps(asdict(recipe)))
    if not (dst.exists() and recorded.exists() and json.loads(recorded.read_text()) == wanted):
        in_child(_quantize_into, out_dir, variant)
        log.info("event=embedder.onnx_quantized file=%s recipe=%s", dst, wanted)
    return dst


def _quantize_into(out_dir: Path, variant: str) -> None:
    recipe, name = INT8_GRAPHS[variant]
    tmp = out_dir / f"tmp.{os.getpid()}.{name}"
    try:
        quantize(out_dir / GRAPH_FILE, tmp, recipe)
        os.replace(tmp, out_dir / name)
        (out_dir / f"{variant}.json").write_text(json.dumps(asdict(recipe), indent=2))
    finally:
        tmp.unlink(missing_ok=True)


class OnnxEncoder:
    """Stands in for the ``SentenceTransformer`` of :class:`retrieval.embedder.Embedder`: same tokenizer and
    truncation, length-aware batches (:func:`common.chunks.length_chunks`) of at most ``BATCH_TOKENS`` padded
    tokens, L2-normalised float32 rows (the torch weights are never loaded)."""

    def __init__(self, session: Any, tokenizer: Any, *, max_length: int, dim: int) -> None:
        self.session, self.tokenizer, self.max_length, self.dim = session, tokenizer, max_length, dim

    @classmethod
    def load(cls, model_dir: Path, onnx_dir: Path, *, threads: int = 1, graph: str = GRAPH_FILE) -> OnnxEncoder:
        from transformers import AutoTokenizer

        cfg = json.loads((Path(model_dir) / "config.json").read_text())
        return cls(session(Path(onnx_dir) / graph, threads=threads), AutoTokenizer.from_pretrained(model_dir),
                   max_length=max_length(model_dir), dim=int(cfg["hidden_size"]))

    def get_embedding_dimension(self) -> int:
        return self.dim

    def encode(self, texts: list[str], *, batch_size: int = 32, show_progress_bar: bool = False,
               **_: Any) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        ids = self.tokenizer(texts, truncation="longest_first", max_length=self.max_length)["input_ids"]
        batches = length_chunks([len(r) for r in ids], overhead=CALL_OVERHEAD_TOKENS, max_rows=batch_size,
                                max_tokens=BATCH_TOKENS)
        if show_progress_bar:
            from tqdm import tqdm

            batches = tqdm(batches, desc="embed (onnx)")
        pad = self.tokenizer.pad_token_id or 0
        for rows in batches:
            input_ids, mask = pad_rows([ids[i] for i in rows], pad)
            out[rows] = self.session.run(None, {"input_ids": input_ids, "attention_mask": mask})[0]
        return out

