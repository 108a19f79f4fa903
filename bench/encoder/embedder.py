"""The retrieval query embedder (base multilingual-e5-small) on torch vs ONNX Runtime, timed in the same run.

    nice -n 10 .venv/bin/python -m bench.encoder.embedder [--threads 1] [--queries 300]

On the held-out demo-store utterances (``training/demo_store/nlu/test.jsonl``, en/zh/es) with the query
cache off: one query per call (what a customer turn costs; the two runtimes alternate call by call so
both see the same machine load), passages in batches of 32 (what ``shopbot build-index`` does), and
the agreement of the vectors (largest absolute difference, smallest cosine). CPU is
``time.process_time()`` of the process per call. Writes ``bench/encoder/embedder.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time
from pathlib import Path
from typing import Any

import numpy as np

from bench.encoder.run import TEST, machine, p

REPO = Path(__file__).resolve().parents[2]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--embedder", type=Path, default=None, help="e5 folder (default: settings base_model_dir)")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--queries", type=int, default=300, help="single-query calls per runtime")
    ap.add_argument("--batches", type=int, default=4, help="passage batches of 32 per runtime")
    ap.add_argument("--onnx-root", type=Path, default=None, help="export folder (default: the server's)")
    ap.add_argument("--out", type=Path, default=REPO / "bench" / "encoder" / "embedder.json")
    a = ap.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import torch

    from bot.settings import Settings
    from retrieval.documents import product_document
    from retrieval.embedder import Embedder, Runtime
    from training.demo_store import load_products
    from training.intents_data import read_jsonl

    torch.set_num_threads(a.threads)
    settings = Settings()
    model_dir = Path(a.embedder or settings.base_model_dir)
    onnx_root = a.onnx_root or Path(settings.cache_dir) / "models" / "embedder-onnx"
    rows = read_jsonl(TEST)
    texts = [r.text for r in rows]
    print(f"machine: {machine()}, Python {platform.python_version()}, torch {torch.__version__}, nice {os.nice(0)}")
    print(f"settings: threads {a.threads}, {a.queries} single queries, {a.batches} passage batches of 32, "
          f"model {model_dir}", flush=True)
    t0 = time.perf_counter()
    embs = {"torch": Embedder.load(model_dir),
            "onnx": Embedder.load(model_dir, runtime=Runtime("onnx", a.threads, onnx_root))}
    print(f"loaded both in {time.perf_counter() - t0:.0f}s; onnx runs on {embs['onnx'].backend}", flush=True)
    for e in embs.values():
        e.query_cache = 0  # every call is a forward
        e.encode_queries(texts[:8])  # warm-up
    wall: dict[str, list[float]] = {k: [] for k in embs}
    cpu: dict[str, list[float]] = {k: [] for k in embs}
    singles = (texts * 2)[: a.queries]
    for t in singles:
        for name, e in embs.items():
            t1, c1 = time.perf_counter(), time.process_time()
            e.encode_queries([t])
            cpu[name].append((time.process_time() - c1) * 1000)
            wall[name].append((time.perf_counter() - t1) * 1000)
    passages = [product_document(r).text for r in load_products()][: 32 * a.batches]
    batch: dict[str, dict[str, float]] = {}
    vectors: dict[str, Any] = {}
    for name, e in embs.items():
        t1, c1 = time.perf_counter(), time.process_time()
        vectors[name] = e.encode_passages(passages)
        batch[name] = {"wall_s": time.perf_counter() - t1, "cpu_s": time.process_time() - c1}
    q = {name: e.encode_queries(texts) for name, e in embs.items()}
    agree = {"queries": len(texts), "passages": len(passages),
             "max_abs_diff": float(max(np.abs(q["onnx"] - q["torch"]).max(),
                                       np.abs(vectors["onnx"] - vectors["torch"]).max())),
             "min_cosine": float(min((q["onnx"] * q["torch"]).sum(1).min(),
                                     (vectors["onnx"] * vectors["torch"]).sum(1).min()))}
    results = {name: {"query_p50_ms": p(wall[name], 50), "query_p99_ms": p(wall[name], 99),
                      "query_cpu_p50_ms": p(cpu[name], 50), "query_cpu_mean_ms": float(np.mean(cpu[name])),
                      "passages_per_s": len(passages) / batch[name]["wall_s"],
                      "passage_cpu_ms": 1000 * batch[name]["cpu_s"] / len(passages)} for name in embs}
    print(f"\nmachine after: {machine()}")
    print("| runtime | query p50 / p99 ms (wall) | query CPU p50 / mean ms | passages/s (batch 32) | "
          "CPU ms/passage |\n|---|---|---|---|---|")
    for name, r in results.items():
        print(f"| {name} | {r['query_p50_ms']:.1f} / {r['query_p99_ms']:.1f} | {r['query_cpu_p50_ms']:.1f} / "
              f"{r['query_cpu_mean_ms']:.1f} | {r['passages_per_s']:.1f} | {r['passage_cpu_ms']:.1f} |")
    print(f"agreement on {agree['queries']} queries + {agree['passages']} passages: max abs diff "
          f"{agree['max_abs_diff']:.2e}, min cosine {agree['min_cosine']:.7f}")
    a.out.write_text(json.dumps({"machine": machine(), "args": {k: str(v) for k, v in vars(a).items()},
                                 "results": results, "agreement": agree}, indent=2))


if __name__ == "__main__":
    main()
