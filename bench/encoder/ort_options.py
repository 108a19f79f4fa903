"""ONNX Runtime session options for the served encoders: CPU per utterance and output drift, one run.

    .venv/bin/python -m bench.encoder.ort_options [--graph ~/.cache/shopbot/models/intents-onnx/model.int8-token.onnx]
    .venv/bin/python -m bench.encoder.ort_options --graph OLD.onnx --graph NEW.onnx   # two exports of one model

Opens the same graph four ways — every fusion and denormals as they come (ONNX Runtime's default, the baseline),
denormals flushed to zero, and without the ``common.onnx.SLOW_FUSIONS`` fusions one by one — and runs the same
micro-batches (1, 4 or 8 held-out demo-store utterances, as the server's micro-batcher forms them under load)
through each in turn, three rounds, one intra-op thread. Prints CPU ms per utterance (``time.process_time``) and
the largest absolute change of any output from the baseline, with the machine and load average. With several
``--graph`` (say, the same model quantised by two versions of ``common.per_token``), every graph runs every
session configuration, all interleaved; the first graph's default session is the baseline.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
from pathlib import Path

import numpy as np

from bench.encoder.run import machine, report

REPO = Path(__file__).resolve().parents[2]


def make(path: Path, *, daz: bool, disabled: list[str]) -> object:
    import onnxruntime as ort

    o = ort.SessionOptions()
    o.intra_op_num_threads, o.inter_op_num_threads = 1, 1
    o.add_session_config_entry("session.intra_op.allow_spinning", "0")
    if daz:
        o.add_session_config_entry("session.set_denormal_as_zero", "1")
    return ort.InferenceSession(str(path), o, providers=["CPUExecutionProvider"], disabled_optimizers=disabled)


def main() -> None:
    import time

    import onnxruntime as ort
    from transformers import AutoTokenizer

    cache = Path(os.environ.get("SHOPBOT_CACHE_DIR", Path.home() / ".cache/shopbot"))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--graph", type=Path, action="append", help="repeatable (default: the served intent graph)")
    ap.add_argument("--tokenizer", type=Path, default=cache / "models/intents")
    ap.add_argument("--batches", type=int, default=60)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    a = ap.parse_args()
    graphs = a.graph or [cache / "models/intents-onnx/model.int8-token.onnx"]
    tok = AutoTokenizer.from_pretrained(str(a.tokenizer))
    texts = [json.loads(line)["text"] for line in (REPO / "training/demo_store/nlu/test.jsonl").open(encoding="utf-8")]
    configs = {"default (all fusions, denormals kept)": (False, []), "denormals as zero": (True, []),
               "denormals as zero, no SkipLayerNormFusion": (True, ["SkipLayerNormFusion"]),
               "denormals as zero, no SkipLayerNorm/BiasGelu fusions": (True, ["SkipLayerNormFusion",
                                                                                      "BiasGeluFusion"])}
    sessions = {f"graph {i}: {k}" if len(graphs) > 1 else k: make(g, daz=d, disabled=x)
                for i, g in enumerate(graphs, 1) for k, (d, x) in configs.items()}
    rng = np.random.default_rng(0)
    batches = []
    for _ in range(a.batches):
        idx = rng.choice(len(texts), int(rng.choice([1, 4, 8])), replace=False)
        enc = tok([texts[j] for j in idx], padding=True, truncation=True, max_length=128, return_tensors="np")
        batches.append({k: enc[k].astype(np.int64) for k in ("input_ids", "attention_mask")})
    cpu = dict.fromkeys(sessions, 0.0)
    outs: dict[str, list] = {}
    for _ in range(a.rounds):
        for k, s in sessions.items():
            names = [i.name for i in s.get_inputs()]
            c0 = time.process_time()
            outs[k] = [s.run(None, {n: b[n] for n in names}) for b in batches]
            cpu[k] += time.process_time() - c0
    items = sum(len(b["input_ids"]) for b in batches) * a.rounds
    base = next(iter(sessions))
    rows = [{"config": k, "cpu_ms_per_utterance": 1e3 * cpu[k] / items,
             "max_abs_diff": max(float(np.max(np.abs(x - y))) for o, p in zip(outs[k], outs[base], strict=True)
                                 for x, y in zip(o, p, strict=True))} for k in sessions]
    info = {"machine": machine(), "python": platform.python_version(), "onnxruntime": ort.__version__,
            "load_average": os.getloadavg(), "graphs": [str(g) for g in graphs], "utterances": items}
    report(info, rows, as_json=a.json, columns={
        "session": lambda r, _: r["config"], "CPU ms / utterance": lambda r, _: f"{r['cpu_ms_per_utterance']:.2f}",
        "vs default": lambda r, f: f"{r['cpu_ms_per_utterance'] / f['cpu_ms_per_utterance']:.2f}x",
        "max abs output change": lambda r, _: f"{r['max_abs_diff']:.2e}"},
        heading=f"machine: {info['machine']}, Python {info['python']}, onnxruntime {info['onnxruntime']}; load "
                f"{info['load_average'][0]:.1f}; graphs {', '.join(f'{i}: {g}' for i, g in enumerate(info['graphs'], 1))}; "
                f"{items} utterances, 1 thread")

if __name__ == "__main__":
    main()
