"""Per-token int8 MatMuls (``common.per_token``): close to fp32, and a row's result is bit-for-bit the same alone, next
to a much louder row, or cut short (padding); ``quantize_dynamic``'s one scale per tensor is not."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

from common.onnx import INT8, OPSET, session
from common.per_token import default_bits, rewrite_matmuls

K, N = 64, 48


def _linear(path: Path, w: np.ndarray, b: np.ndarray) -> Path:
    """``y = x @ w + b`` for ``x`` of shape [batch, tokens, K]."""
    graph = helper.make_graph(
        [helper.make_node("MatMul", ["x", "w"], ["xw"], name="/layer.0/dense/MatMul"),
         helper.make_node("Add", ["xw", "b"], ["y"], name="/layer.0/dense/Add")],
        "linear",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", "tokens", K])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["batch", "tokens", N])],
        [numpy_helper.from_array(w, "w"), numpy_helper.from_array(b, "b")])
    onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)]), str(path))
    return path


def _inputs() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0)
    w = rng.normal(size=(K, N)).astype(np.float32) / 8
    b = rng.normal(size=N).astype(np.float32)
    x = rng.normal(size=(4, 7, K)).astype(np.float32)
    x[1] *= 100  # a loud neighbour
    x[2, 4:] = 0  # rows of zeros, like padding
    return x, w, b, x @ w + b


def _run(path: Path, x: np.ndarray) -> np.ndarray:
    return session(path, threads=1).run(None, {"x": x})[0]


def test_per_token_rows_do_not_depend_on_their_batch(tmp_path: Path) -> None:
    x, w, b, want = _inputs()
    model = onnx.load(str(_linear(tmp_path / "fp32.onnx", w, b)))
    assert rewrite_matmuls(model) == 1  # the weights' bits this CPU takes (8-bit saturates without VNNI: 13% errors)
    onnx.save(model, str(tmp_path / "int8.onnx"))
    [wq] = [numpy_helper.to_array(i) for i in model.graph.initializer if i.name.endswith("/per_token/weight")]
    assert np.abs(wq.astype(int)).max(axis=0).tolist() == [2 ** (default_bits() - 1) - 1] * N  # per column
    assert default_bits() == (7 if INT8.reduce_range else 8)
    ops = {n.op_type for n in model.graph.node}
    assert "MatMulInteger" in ops and "MatMul" not in ops
    got = _run(tmp_path / "int8.onnx", x)
    assert np.all(np.isfinite(got))
    for i in range(len(x)):  # each within ~1% of its own scale, the quiet rows too
        assert np.abs(got[i] - want[i]).max() <= 0.02 * np.abs(want[i]).max(), i
        assert np.array_equal(_run(tmp_path / "int8.onnx", x[i: i + 1]), got[i: i + 1])  # alone
        assert np.array_equal(_run(tmp_path / "int8.onnx", x[i: i + 1, :3]), got[i: i + 1, :3])  # shorter
    kept = onnx.load(str(tmp_path / "fp32.onnx"))
    assert rewrite_matmuls(kept, keep_fp32=r"/layer\.0/") == 0


def test_per_batch_dynamic_int8_rows_do_depend_on_their_batch(tmp_path: Path) -> None:
    """What the per-token rewrite is for: with one scale per tensor the loud row coarsens its neighbours."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    x, w, b, _ = _inputs()
    quantize_dynamic(str(_linear(tmp_path / "fp32.onnx", w, b)), str(tmp_path / "dyn.onnx"),
                     weight_type=QuantType.QInt8, per_channel=True)
    got = _run(tmp_path / "dyn.onnx", x)
    assert not np.array_equal(_run(tmp_path / "dyn.onnx", x[0:1]), got[0:1])
