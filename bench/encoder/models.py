"""Serving cost of several intent models, one run: CPU per utterance through the served ``classify``, alternated.

    .venv/bin/python -m bench.encoder.models --model A_DIR A_ONNX --model B_DIR B_ONNX [--json]

Each model folder is served as the server serves it (``OnnxIntentModel``, the ``int8-token`` graph of its export,
one intra-op thread, its own input prefix and tokenizer). The same micro-batches of held-out demo-store utterances
(1, 4, 8, 16 or 32, as the server's micro-batcher forms them under load; forwards of at most 8 rows, the served
``SHOPBOT_INFERENCE__FORWARD_BATCH``) go through every model in turn, several rounds, CPU by ``time.process_time``.
Prints CPU ms per utterance, mean tokens per utterance (prefix included) and the first model as the baseline, with
the machine and load average. Export a folder first with ``intents.onnx.ensure_export(model, out, graph=...)``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time
from pathlib import Path

import numpy as np

from bench.encoder.run import machine, report

REPO = Path(__file__).resolve().parents[2]


def main() -> None:
    from intents.onnx import OnnxIntentModel

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", nargs=2, action="append", required=True, metavar=("MODEL_DIR", "ONNX_DIR"))
    ap.add_argument("--batches", type=int, default=120)
    ap.add_argument("--rounds", type=int, default=4)
    ap.add_argument("--forward-batch", type=int, default=8)
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    a = ap.parse_args()
    models = {m: OnnxIntentModel.load(Path(m), Path(o), graph="int8-token", threads=1) for m, o in a.model}
    texts = [json.loads(line)["text"] for line in (REPO / "training/demo_store/nlu/test.jsonl").open(encoding="utf-8")]
    rng = np.random.default_rng(0)
    batches = [[texts[j] for j in rng.choice(len(texts), int(rng.choice([1, 4, 8, 16, 32])), replace=False)]
               for _ in range(a.batches)]
    for m in models.values():  # warm up
        m.classify(batches[0], a.forward_batch)
    cpu = dict.fromkeys(models, 0.0)
    for _ in range(a.rounds):
        for name, m in models.items():
            c0 = time.process_time()
            for b in batches:
                m.classify(b, a.forward_batch)
            cpu[name] += time.process_time() - c0
    items = sum(map(len, batches)) * a.rounds
    rows = []
    for name, m in models.items():
        tokens = m.tokenizer([m.config.prefix + t for t in texts])["input_ids"]
        rows.append({"model": name, "prefix": m.config.prefix, "tokens_per_utterance": float(np.mean(list(map(len, tokens)))),
                     "cpu_ms_per_utterance": 1e3 * cpu[name] / items})
    info = {"machine": machine(), "python": platform.python_version(), "load_average": os.getloadavg(),
            "utterances": items, "forward_batch": a.forward_batch}
    report(info, rows, as_json=a.json, columns={
        "model": lambda r, _: r["model"], "prefix": lambda r, _: repr(r["prefix"]),
        "tokens / utterance": lambda r, _: f"{r['tokens_per_utterance']:.1f}",
        "CPU ms / utterance": lambda r, _: f"{r['cpu_ms_per_utterance']:.2f}",
        "vs first": lambda r, f: f"{r['cpu_ms_per_utterance'] / f['cpu_ms_per_utterance']:.2f}x"},
        heading=f"machine: {info['machine']}, Python {info['python']}, load {info['load_average'][0]:.1f}; {items} "
                f"utterances in micro-batches of 1-32, forwards of <= {a.forward_batch} rows, 1 thread")

if __name__ == "__main__":
    main()
