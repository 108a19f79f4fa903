"""Int8 MatMuls whose activations are quantised per token, inside the graph (``Int8Recipe(activations="per-token")``).

``quantize_dynamic`` gives each MatMul input one scale for the whole tensor, i.e. for every token of every text in
the batch: a text's result then depends on the texts batched with it and on its padding (bench/load/RESULTS.md,
section 2: 3.1% of the demo test rows change intent between alone and in a batch of 32). Here each row of the
activation matrix (one token) gets its own scale, computed from that row alone, so a text's int8 result is the same
alone, in any batch and with any padding; per-token scales are also finer than one per batch.

Each MatMul ``y = x @ W`` with a constant 2-D ``W`` becomes::

    s   = max(|x_row|) / 127                  one scale per token (row of x reshaped to [tokens, K])
    q   = QuantizeLinear(x, s, 128)           uint8, symmetric around the zero point 128
    y   = MatMulInteger(q, Wq, 128) * s * w   Wq int8 with one scale w per output column (7-bit with reduce_range)

(the last line as ONNX Runtime's ``MatMulIntegerToFloat``, which ORT's own fusion also makes of it). u8 activations with s8 weights are the fast x86 kernels (s8 x s8 measured no faster than fp32 here). MatMuls that
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
    ``bits``: weight width, by default the one this CPU's kernels take (:func:`default_bits`).

    Each MatMul becomes ONNX Runtime's ``MatMulIntegerToFloat`` (int8 product and both scales in one kernel; its
    ``bias`` input is ignored when ``a_scale`` is per row, measured, so a bias stays a separate ``Add``), and the
    shape bookkeeping (token count, zero points, output shape) is computed once per group of activations with the
    same symbolic leading dimensions, not once per MatMul."""
    from onnx import helper, numpy_helper

    bits = bits or default_bits()
    graph = model.graph
    inits = {i.name: i for i in graph.initializer}
    leads = _leading_dims(model)
    nodes, added, replaced = [], [], set()
    quantized: dict[str, tuple[str, str]] = {}  # activation -> (its quantisation prefix, its shape group prefix)
    groups: dict[tuple[str | int, ...], str] = {}  # symbolic leading dims -> prefix of that group's shape nodes
    out_shapes: dict[tuple[str, int], str] = {}  # (group, output width) -> output shape
    shared = {"pt/zero_point": np.array(ZERO_POINT, np.uint8), "pt/eps": np.array(1e-8, np.float32),
              "pt/inv127": np.array(1 / 127, np.float32), "pt/axis1": np.array([1], np.int64)}
    op = helper.make_node
    for node in graph.node:
        w = inits.get(node.input[1]) if node.op_type == "MatMul" and len(node.input) == 2 else None
        if w is None or len(w.dims) != 2 or (keep_fp32 and re.search(keep_fp32, node.name)):
            nodes.append(node)
            continue
        replaced.add(w.name)
        k, n = w.dims
        wq, ws = _weights(numpy_helper.to_array(w).astype(np.float32), bits=bits, per_channel=per_channel)
        p, x, y = node.name + "/per_token", node.input[0], node.output[0]
        added += [numpy_helper.from_array(wq, p + "/weight"), numpy_helper.from_array(ws, p + "/weight_scale")]
        if x not in quantized:  # Q, K and V projections read the same tensor: quantise it once
            r = x + "/per_token"
            key = leads.get(x)
            g = groups.setdefault(key, r) if key is not None else r
            quantized[x] = (r, g)
            added.append(numpy_helper.from_array(np.array([-1, k], np.int64), r + "/rows_shape"))
            nodes += [
                op("Reshape", [x, r + "/rows_shape"], [r + "/rows"], name=r + "/rows"),  # [tokens, K]
                op("ReduceMax", [r + "/rows"], [r + "/max"], name=r + "/max", axes=[1], keepdims=0),
                op("ReduceMin", [r + "/rows"], [r + "/min"], name=r + "/min", axes=[1], keepdims=0),
                op("Neg", [r + "/min"], [r + "/neg_min"], name=r + "/neg_min"),
                op("Max", [r + "/max", r + "/neg_min", "pt/eps"], [r + "/amax"], name=r + "/amax"),  # eps: a zero row
                op("Mul", [r + "/amax", "pt/inv127"], [r + "/scale"], name=r + "/scale"),
            ]
            if g == r:  # the first activation of its group: the group's shape nodes
                nodes += [
                    op("Shape", [r + "/scale"], [g + "/tokens"], name=g + "/tokens"),
                    op("Expand", ["pt/zero_point", g + "/tokens"], [g + "/zero_points"], name=g + "/zero_points"),
                    op("Shape", [x], [g + "/lead"], name=g + "/lead", end=-1),
                ]
            nodes += [
                op("QuantizeLinear", [r + "/rows", r + "/scale", g + "/zero_points"], [r + "/q"], name=r + "/q",
                   axis=0),
                op("Unsqueeze", [r + "/scale", "pt/axis1"], [r + "/scale_col"], name=r + "/scale_col"),
            ]
        r, g = quantized[x]
        if (g, n) not in out_shapes:
            out_shapes[g, n] = f"{g}/out_shape_{n}"
            added.append(numpy_helper.from_array(np.array([n], np.int64), f"{g}/n_{n}"))
            nodes.append(op("Concat", [g + "/lead", f"{g}/n_{n}"], [out_shapes[g, n]], name=out_shapes[g, n], axis=0))
        nodes += [
            op("MatMulIntegerToFloat", [r + "/q", p + "/weight", r + "/scale_col", p + "/weight_scale", "pt/zero_point"],
               [p + "/y"], name=p + "/matmul", domain="com.microsoft"),
            op("Reshape", [p + "/y", out_shapes[g, n]], [y], name=p + "/out"),
        ]
    if replaced:
        kept = [i for i in graph.initializer if i.name not in replaced]
        del graph.node[:]
        graph.node.extend(nodes)
        del graph.initializer[:]
        graph.initializer.extend(kept + [numpy_helper.from_array(v, k) for k, v in shared.items()] + added)
        if not any(o.domain == "com.microsoft" for o in model.opset_import):
            model.opset_import.append(helper.make_opsetid("com.microsoft", 1))
    return len(replaced)


def _leading_dims(model) -> dict[str, tuple[str | int, ...]]:
    """Tensor -> its leading dimensions (all but the last) as ONNX shape inference names them, where every one is
    known: tensors with equal keys have the same leading shape at run time, so they can share shape nodes."""
    from onnx import shape_inference

    inferred = shape_inference.infer_shapes(model)
    out = {}
    for v in [*inferred.graph.value_info, *inferred.graph.input]:
        dims = v.type.tensor_type.shape.dim
        lead = tuple(d.dim_param or d.dim_value or None for d in dims[:-1])
        if dims and all(d is not None for d in lead):
            out[v.name] = lead
    return out


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
