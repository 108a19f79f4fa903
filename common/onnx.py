"""Export a BERT-style encoder (the e5 family) to ONNX once, and run it with ONNX Runtime.

``intents.onnx`` (encoder + classification heads) and ``retrieval.onnx`` (the e5 embedder) both trace
their model with :func:`encoder_states`, write it with :func:`export`, swap the export into place with
:func:`replace_dir` and open it with :func:`session`; :func:`quantize` makes the int8 graph both serve
(recipe :data:`INT8`).

>>> write = lambda tmp: export(module, sample, tmp / "model.onnx", ["embedding"])   # doctest: +SKIP
>>> replace_dir(Path("/tmp/x"), write, done=Path("/tmp/x/model.onnx"))              # doctest: +SKIP
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

OPSET = 17
INPUTS = ["input_ids", "attention_mask"]
# initializers this big (the 250k x 384 word-embedding table, 384 MB in fp32) are kept in ``<graph>.data`` beside
# the graph: ONNX Runtime memory-maps that file instead of copying it into every process (bench/load/RESULTS.md:
# one e5 session 589 -> 214 MB RSS, 906 -> 214 MB peak at load, same outputs)
EXTERNAL_MIN_BYTES = 16 * 1024 * 1024
INLINE_LIMIT_BYTES = 256 * 1024 * 1024  # a graph file this big still holds the table inline (an older export)
# ONNX Runtime graph fusions whose CPU kernel is slower here than the ops it replaces (bench/encoder/RESULTS.md,
# e5-small int8-token at batch 1-8, one thread: SkipLayerNormalization cost ~8x Add + LayerNormalization, 16-21% of
# a forward); the env var SHOPBOT_ONNX_FUSIONS=all keeps every fusion (for comparisons)
SLOW_FUSIONS = ("SkipLayerNormFusion",)


def encoder_states(encoder: Any, input_ids: Any, attention_mask: Any) -> Any:
    """Last hidden states of a transformers BERT encoder with a plain additive attention mask: the
    library's mask helpers do not trace with dynamic batch and length, this does (same numbers)."""
    import torch

    hidden = encoder.embeddings(input_ids=input_ids)
    additive = (1.0 - attention_mask[:, None, None, :].to(hidden.dtype)) * torch.finfo(hidden.dtype).min
    for layer in encoder.encoder.layer:
        out = layer(hidden, additive)
        hidden = out[0] if isinstance(out, tuple) else out
    return hidden


def export(module: Any, sample: dict[str, Any], path: Path, outputs: list[str]) -> Path:
    """Trace ``module(input_ids, attention_mask)`` to ``path``; every output's first axis is the batch."""
    import torch

    dyn: dict[str, dict[int, str]] = {name: {0: "batch", 1: "tokens"} for name in INPUTS}
    dyn |= {name: {0: "batch"} for name in outputs}
    module.eval()
    with torch.inference_mode():
        torch.onnx.export(module, (sample["input_ids"], sample["attention_mask"]), str(path), input_names=INPUTS,
                          output_names=outputs, dynamic_axes=dyn, opset_version=OPSET, dynamo=False)
    return externalize(path)


def data_file(graph: Path) -> Path:
    """Where ``graph`` keeps its big initializers (:func:`externalize`)."""
    return Path(graph).with_name(Path(graph).name + ".data")


def externalize(graph: Path) -> Path:
    """Move the initializers of ``graph`` of at least ``EXTERNAL_MIN_BYTES`` into :func:`data_file` (written in a
    scratch folder and renamed into place, data first: a reader sees the old graph or the new one whole)."""
    import onnx

    graph = Path(graph)
    model = onnx.load(str(graph))
    scratch = Path(tempfile.mkdtemp(prefix=f".{graph.name}.", dir=graph.parent))
    try:
        onnx.save_model(model, str(scratch / graph.name), save_as_external_data=True, all_tensors_to_one_file=True,
                        location=data_file(graph).name, size_threshold=EXTERNAL_MIN_BYTES)
        del model
        if (scratch / data_file(graph).name).exists():
            os.chmod(scratch / data_file(graph).name, 0o644)  # readable like the graph
            os.replace(scratch / data_file(graph).name, data_file(graph))
        os.replace(scratch / graph.name, graph)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return graph


def session(path: Path, *, threads: int) -> Any:
    """A CPU ONNX Runtime session with ``threads`` intra-op threads that do not spin while idle. A graph exported
    before its word embeddings moved beside it is converted once (:func:`externalize`), so the table is mapped."""
    import onnxruntime as ort

    path = Path(path)
    if not data_file(path).exists() and path.stat().st_size > INLINE_LIMIT_BYTES:
        try:
            externalize(path)
        except OSError as e:  # read-only cache: serve the inline graph
            log.warning("event=onnx.externalize_failed graph=%s error=%s", path, e)
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = max(1, threads)
    opts.inter_op_num_threads = 1
    opts.add_session_config_entry("session.intra_op.allow_spinning", "0")  # idle threads must not eat the CPU
    # attention softmax over masked scores underflows into denormal floats, which x86 handles ~100x slower: flushing
    # them to zero gives the same outputs (bench/encoder/RESULTS.md) for a third of the softmax time
    opts.add_session_config_entry("session.set_denormal_as_zero", "1")
    keep_all = os.environ.get("SHOPBOT_ONNX_FUSIONS") == "all"
    return ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"],
                                disabled_optimizers=[] if keep_all else list(SLOW_FUSIONS))


def in_child(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """``fn(*args, **kwargs)`` in a fresh (spawned) process: an export loads the torch model and serialises the
    graph (~1.8 GB more at its peak for e5-small), which a long-lived server should not keep as its high-water
    mark. ``fn`` must be importable by name; its exception is raised here."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(fn, *args, **kwargs).result()


def replace_dir(out_dir: Path, write: Callable[[Path], object], *, done: Path) -> Path:
    """Run ``write(tmp)`` in a fresh folder beside ``out_dir`` and rename it into place, so processes starting
    together never read a half-written export; if writing fails but another process produced ``done``, keep it."""
    out_dir = Path(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=out_dir.name + ".", dir=out_dir.parent))
    try:
        write(tmp)
        if out_dir.exists():
            shutil.rmtree(out_dir, ignore_errors=True)
        os.replace(tmp, out_dir)
    except OSError:
        if not done.exists():  # nobody else finished one either
            raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return out_dir


@dataclass(frozen=True)
class Int8Recipe:
    """How :func:`quantize` makes an int8 graph: int8 weights, activations quantised at run time, either by
    ``onnxruntime.quantization.quantize_dynamic`` (``per-batch``: one scale per input tensor, so a text's result
    depends on the texts batched with it) or per token (``per-token``: :mod:`common.per_token`, one scale per row
    computed from that row alone; MatMul and Gather only, s8 weights)."""

    per_channel: bool = True  # one weight scale per output column instead of one per matrix
    weight_type: str = "QInt8"  # or "QUInt8"
    reduce_range: bool = False  # 7-bit weights (for CPUs without VNNI)
    op_types: tuple[str, ...] = ()  # () = every op the quantiser knows (MatMul, Attention, Gather, EmbedLayerNorm)
    keep_fp32: str = ""  # regular expression: nodes whose name matches stay fp32
    activations: str = "per-batch"  # or "per-token"


def _cpu_has_vnni() -> bool:
    """x86 VNNI multiplies u8 x s8 without the 16-bit saturation of the AVX2 kernels (onnxruntime's
    quantisation docs: without it, use 7-bit weights)."""
    try:
        flags = Path("/proc/cpuinfo").read_text()
    except OSError:
        return True
    return "vnni" in flags or "avx2" not in flags  # no AVX2 at all: not x86 (ARM has no such saturation)


# Shipped recipe of the intent model and the e5 query embedder (bench/load/RESULTS.md, section 2): per-channel
# weights, every op, unfused graph; 7-bit weights where the int8 kernels could saturate (measured on a VNNI CPU:
# -0.49 point on the demo split as well).
INT8 = Int8Recipe(reduce_range=not _cpu_has_vnni())
# The intent model's serving default: the same weights, activations per token, so a turn's reading does not depend
# on the turns micro-batched with it (bench/load/RESULTS.md, section 2: -0.16 point, 2.0x less CPU than fp32).
INT8_PER_TOKEN = replace(INT8, activations="per-token")
# the int8 graphs written beside an fp32 export (intents.onnx, retrieval.onnx): variant -> (recipe, file)
INT8_GRAPHS = {"int8": (INT8, "model.int8.onnx"), "int8-token": (INT8_PER_TOKEN, "model.int8-token.onnx")}


def quantize(src: Path, dst: Path, recipe: Int8Recipe = INT8) -> Path:
    """Dynamic int8 quantisation of the graph ``src`` into ``dst`` with ``recipe``."""
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    if recipe.activations == "per-token":
        from common.per_token import quantize_per_token

        if recipe.weight_type != "QInt8":
            raise ValueError("per-token int8 has s8 weights only")
        return quantize_per_token(src, dst, bits=7 if recipe.reduce_range else 8, per_channel=recipe.per_channel,
                                  keep_fp32=recipe.keep_fp32, gather=not recipe.op_types or "Gather" in recipe.op_types)
    if recipe.activations != "per-batch":
        raise ValueError(f"unknown activations {recipe.activations!r} (per-batch, per-token)")
    names = [n.name for n in onnx.load(str(src), load_external_data=False).graph.node]
    keep = [n for n in names if recipe.keep_fp32 and re.search(recipe.keep_fp32, n)]
    quantize_dynamic(str(src), str(dst), weight_type=QuantType[recipe.weight_type], per_channel=recipe.per_channel,
                     reduce_range=recipe.reduce_range, op_types_to_quantize=list(recipe.op_types) or None,
                     nodes_to_exclude=keep, extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT})
    return dst
