"""Length-aware batching of the served intent model: the cost model it rests on and what it saves, one run.

    .venv/bin/python -m bench.encoder.chunking [--model ~/.cache/shopbot/models/intents] [--json]

1. **Cost of one forward** of the served graph (``int8-token``, one intra-op thread) for batches of 1-16 rows padded
   to 8-64 tokens, fitted as ``CPU ms = a + b * rows * width + c * rows * width^2`` (least squares): ``a / b`` is
   the per-call overhead of the graph alone, in padded tokens (``classify`` adds tokenisation and conversions).
2. **Micro-batches as the server forms them under load** (1, 4, 8, 16 or 32 held-out demo-store utterances)
   through ``OnnxIntentModel.classify``: one padded forward per micro-batch and the length-sorted chunks of 8
   served before (the baselines) against length-aware cuts of at most 8 or 32 rows at several overheads (the
   served values, ``IntentModel.call_overhead_tokens`` and ``SHOPBOT_INFERENCE__FORWARD_BATCH``, were chosen from
   this table), three
   alternating rounds. Prints CPU ms per utterance (``time.process_time``), forwards per micro-batch and the
   largest change of any output from the baseline, with the machine and load average.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time
from contextlib import nullcontext
from pathlib import Path
from unittest import mock

import numpy as np

from bench.encoder.run import machine
from common.chunks import pad_rows

REPO = Path(__file__).resolve().parents[2]


def fit_cost(session: object, reps: int) -> dict[str, float]:
    """``a`` (ms per call), ``b`` (ms per padded token) and ``c`` (ms per padded token and token of width: attention)
    of one intra-op thread, with the fit's R^2."""
    rows, widths, cost = [], [], []
    rng = np.random.default_rng(0)
    for n in (1, 2, 4, 8, 16):
        for width in (8, 16, 24, 32, 48, 64):
            ids, mask = pad_rows([list(rng.integers(1000, 30000, width)) for _ in range(n)], 1)
            feed = {"input_ids": ids, "attention_mask": mask}
            session.run(None, feed)  # warm
            c0 = time.process_time()
            for _ in range(reps):
                session.run(None, feed)
            rows.append(n * width)
            widths.append(width)
            cost.append(1e3 * (time.process_time() - c0) / reps)
    tokens, width, y = np.array(rows, float), np.array(widths, float), np.array(cost)
    x = np.stack([np.ones_like(tokens), tokens, tokens * width], 1)
    (a, b, c), *_ = np.linalg.lstsq(x, y, rcond=None)
    r2 = 1 - ((y - x @ [a, b, c]) ** 2).sum() / ((y - y.mean()) ** 2).sum()
    return {"ms_per_call": float(a), "ms_per_token": float(b), "ms_per_token_x_width": float(c),
            "overhead_tokens": float(a / b), "r2": float(r2)}


def sorted_chunks(lengths: list[int], *, max_rows: int, **_: object) -> list[list[int]]:
    """The batching ``classify`` had before: length-sorted, cut every ``max_rows`` rows."""
    order = sorted(range(len(lengths)), key=lambda i: lengths[i])
    return [order[s:s + max_rows] for s in range(0, len(order), max_rows)]


def main() -> None:
    from intents.onnx import OnnxIntentModel, ensure_export

    cache = Path(os.environ.get("SHOPBOT_CACHE_DIR", Path.home() / ".cache/shopbot"))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", type=Path, default=cache / "models/intents")
    ap.add_argument("--onnx", type=Path, default=cache / "models/intents-onnx")
    ap.add_argument("--batches", type=int, default=120)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--reps", type=int, default=20, help="forwards per point of the cost fit")
    ap.add_argument("--overheads", type=float, nargs="+", default=[8, 24, 64],
                    help="per-call overheads (padded tokens) to try")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    a = ap.parse_args()
    ensure_export(a.model, a.onnx, graph="int8-token")
    model = OnnxIntentModel.load(a.model, a.onnx, graph="int8-token", threads=1)
    fit = fit_cost(model.session, a.reps)
    texts = [json.loads(line)["text"] for line in (REPO / "training/demo_store/nlu/test.jsonl").open(encoding="utf-8")]
    rng = np.random.default_rng(0)
    batches = [[texts[j] for j in rng.choice(len(texts), int(rng.choice([1, 4, 8, 16, 32])), replace=False)]
               for _ in range(a.batches)]
    # label -> (max rows per forward, overhead); overhead None = the length-sorted fixed chunks served before
    overheads = {"one forward per micro-batch": (32, None), "length-sorted chunks of 8 (served before)": (8, None),
                 **{f"length-aware, <= {rows} rows, overhead {o:g}": (rows, float(o))
                    for rows in (8, 32) for o in a.overheads}}
    calls: dict[str, int] = dict.fromkeys(overheads, 0)
    cpu = dict.fromkeys(overheads, 0.0)
    outs: dict[str, list] = {}
    run = model.session.run

    def counting(*args: object, **kw: object) -> object:
        calls[current] += 1
        return run(*args, **kw)

    model.session.run = counting
    for _ in range(a.rounds):
        for current, (max_rows, overhead) in overheads.items():
            model.call_overhead_tokens = overhead
            with mock.patch("intents.model.length_chunks", sorted_chunks) if overhead is None else nullcontext():
                c0 = time.process_time()
                outs[current] = [model.classify(b, max_rows) for b in batches]
                cpu[current] += time.process_time() - c0
    items = sum(len(b) for b in batches) * a.rounds
    base = "length-sorted chunks of 8 (served before)"
    rows = [{"config": k, "cpu_ms_per_utterance": 1e3 * cpu[k] / items,
             "forwards_per_micro_batch": calls[k] / (a.batches * a.rounds),
             "max_abs_diff": max(float(np.max(np.abs(getattr(o, f) - getattr(p, f))))
                                 for o, p in zip(outs[k], outs[base], strict=True)
                                 for f in ("intent_logits", "sentiment_probs", "embeddings"))} for k in overheads]
    import onnxruntime as ort

    info = {"machine": machine(), "python": platform.python_version(), "onnxruntime": ort.__version__,
            "load_average": os.getloadavg(), "utterances": items, "cost_fit": fit}
    if a.json:
        print(json.dumps({**info, "rows": rows}))
        return
    print(f"machine: {info['machine']}, Python {info['python']}, onnxruntime {info['onnxruntime']}; "
          f"int8-token intent graph, 1 thread; load average {info['load_average'][0]:.2f}")
    print(f"cost of one forward: {fit['ms_per_call']:.2f} ms + {fit['ms_per_token']:.4f} ms x padded tokens + "
          f"{fit['ms_per_token_x_width']:.5f} ms x padded tokens x width (R^2 {fit['r2']:.3f}): graph overhead = "
          f"{fit['overhead_tokens']:.0f} padded tokens")
    print(f"{items} utterances in micro-batches of 1/4/8/16/32, {a.rounds} alternating rounds")
    print("| batching | CPU ms / utterance | vs chunks of 8 | forwards / micro-batch | max abs output change |")
    print("|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['config']} | {r['cpu_ms_per_utterance']:.3f} | "
              f"{r['cpu_ms_per_utterance'] / rows[1]['cpu_ms_per_utterance']:.3f}x | "
              f"{r['forwards_per_micro_batch']:.2f} | {r['max_abs_diff']:.2e} |")


if __name__ == "__main__":
    main()
