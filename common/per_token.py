"""Int8 MatMuls whose activations are quantised per token, inside the graph (``Int8Recipe(activations="per-token")``).

``quantize_dynamic`` gives each MatMul input one scale for the whole tensor, i.e. for every token of every text in
the batch: a text's result then depends on the texts batched with it and on its padding (bench/load/RESULTS.md,
section 2: 3.1% of the demo test rows change intent between alone and in a batch of 32). Here each row of the
activation matrix (one token) gets its own scale, computed from that row alone, so a text's int8 result is the same
alone, in any batch and with any padding; per-token scales are also finer than one per batch.

Each MatMul ``y = x @ W`` with a constant 2-D ``W`` becomes standard ONNX operators::

    s   = max(|x_row|) / 127                  one scale per token (row of x reshaped to [tokens, K])
    q   = QuantizeLinear(x, s, 128)           uint8, symmetric around the zero point 128
    y   = MatMulInteger(q, Wq, 128) * s * w   Wq int8 with one scale w per output column (7-bit with reduce_range)

u8 activations with s8 weights are the fast x86 kernels (s8 x s8 measured no faster than fp32 here). MatMuls that
read the same tensor (an attention layer's Q, K and V projections) share its quantisation.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np

ZERO_POINT = 128


def _weights(w: np.ndarray, *, bits: int, per_channel: bool) -> tuple[np.ndarray, np.ndarray]:
    """Symmetric int8 weights and their scales (one per output column, or one broadcast over all of them)."""
    qmax = 2 ** (bits - 1) - 1
    amax = np.abs(w).max(axis=0) if per_channel else np.full(w.shape[1], np.abs(w).max())
    scale = (np.maximum(amax, 1e-12) / qmax).astype(np.float32)
    return np.clip(np.round(w / scale), -qmax, qmax).astype(np.int8), scale


def default_bits() -> int:
    """The weight width this CPU's int8 kernels take without saturating: 8 with VNNI, else 7 (``INT8.reduce_range``;
    without VNNI, 8-bit weights overflow the u8 x s8 kernel's 16-bit pair sums: 13% wrong outputs, measured)."""
    from common.onnx import INT8

    return 7 if INT8.reduce_range else 8


def rewrite_matmuls(model, *, bits: int | None = None, per_channel: bool = True, keep_fp32: str = "") -> int:
    """Replace, in place, every MatMul of ``model`` (an ``onnx.ModelProto``) whose second input is a constant 2-D
    matrix by the per-token int8 form above; nodes whose name matches ``keep_fp32`` stay. Returns how many.
    ``bits``: weight width, by default the one this CPU's kernels take (:func:`default_bits`)."""
    from onnx import TensorProto, helper, numpy_helper

    bits = bits or default_bits()

    graph = model.graph
    inits = {i.name: i for i in graph.initializer}
    nodes, added, replaced = [], [], set()
    quantized: dict[str, str] = {}  # activation -> prefix of its per-token quantisation
    shared = {"pt/zero_point": np.array(ZERO_POINT, np.uint8), "pt/eps": np.array(1e-8, np.float32),
              "pt/inv127": np.array(1 / 127, np.float32), "pt/axis1": np.array([1], np.int64)}
    for node in graph.node:
        w = inits.get(node.input[1]) if node.op_type == "MatMul" and len(node.input) == 2 else None
        if w is None or len(w.dims) != 2 or (keep_fp32 and re.search(keep_fp32, node.name)):
            nodes.append(node)
            continue
        replaced.add(w.name)
        k, n = w.dims
        wq, ws = _weights(numpy_helper.to_array(w).astype(np.float32), bits=bits, per_channel=per_channel)
        p, x, y = node.name + "/per_token", node.input[0], node.output[0]
        added += [numpy_helper.from_array(wq, p + "/weight"), numpy_helper.from_array(ws, p + "/weight_scale"),
                  numpy_helper.from_array(np.array([n], np.int64), p + "/n")]
        op = helper.make_node
        if x not in quantized:  # Q, K and V projections read the same tensor: quantise it once
            r = x + "/per_token"
            quantized[x] = r
            added.append(numpy_helper.from_array(np.array([-1, k], np.int64), r + "/rows_shape"))
            nodes += [
                op("Reshape", [x, r + "/rows_shape"], [r + "/rows"], name=r + "/rows"),  # [tokens, K]
                op("Abs", [r + "/rows"], [r + "/abs"], name=r + "/abs"),
                op("ReduceMax", [r + "/abs"], [r + "/amax"], name=r + "/amax", axes=[1], keepdims=0),
                op("Max", [r + "/amax", "pt/eps"], [r + "/amax_eps"], name=r + "/amax_eps"),  # an all-zero row
                op("Mul", [r + "/amax_eps", "pt/inv127"], [r + "/scale"], name=r + "/scale"),
                op("Shape", [r + "/scale"], [r + "/tokens"], name=r + "/tokens"),
                op("Expand", ["pt/zero_point", r + "/tokens"], [r + "/zero_points"], name=r + "/zero_points"),
                op("QuantizeLinear", [r + "/rows", r + "/scale", r + "/zero_points"], [r + "/q"], name=r + "/q",
                   axis=0),
                op("Unsqueeze", [r + "/scale", "pt/axis1"], [r + "/scale_col"], name=r + "/scale_col"),
                op("Shape", [x], [r + "/lead"], name=r + "/lead", end=-1),
            ]
        r = quantized[x]
        nodes += [
            op("MatMulInteger", [r + "/q", p + "/weight", "pt/zero_point"], [p + "/acc"], name=p + "/matmul"),
            op("Cast", [p + "/acc"], [p + "/acc_f"], name=p + "/acc_f", to=TensorProto.FLOAT),
            op("Mul", [r + "/scale_col", p + "/weight_scale"], [p + "/scales"], name=p + "/scales"),
            op("Mul", [p + "/acc_f", p + "/scales"], [p + "/y"], name=p + "/dequantize"),
            op("Concat", [r + "/lead", p + "/n"], [p + "/out_shape"], name=p + "/out_shape", axis=0),
            op("Reshape", [p + "/y", p + "/out_shape"], [y], name=p + "/out"),
        ]
    if replaced:
        kept = [i for i in graph.initializer if i.name not in replaced]
        del graph.node[:]
        graph.node.extend(nodes)
        del graph.initializer[:]
        graph.initializer.extend(kept + [numpy_helper.from_array(v, k) for k, v in shared.items()] + added)
    return len(replaced)


def quantize_per_token(src: Path, dst: Path, *, bits: int | None = None, per_channel: bool = True, keep_fp32: str = "",
                       gather: bool = True) -> Path:
    """``dst``: ``src`` with its constant-weight MatMuls rewritten per token and, with ``gather``, its embedding
    tables int8 (weight-only, one fixed scale: ``quantize_dynamic`` on Gather, no activation involved)."""
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    src, dst = Path(src), Path(dst)
    if gather:
        quantize_dynamic(str(src), str(dst), weight_type=QuantType.QInt8, per_channel=per_channel,
                         op_types_to_quantize=["Gather"], extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT})
    model = onnx.load(str(dst if gather else src))
    rewrite_matmuls(model, bits=bits, per_channel=per_channel, keep_fp32=keep_fp32)
    onnx.save(model, str(dst))
    return dst
