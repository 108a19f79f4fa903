"""Latency of one in-chat recommendation on the demo catalogue (p50 / p95, milliseconds).

    .venv/bin/python -m bench.recommender.latency [--model DIR] [--embedder DIR] [--backends torch,onnx]

Without ``--model`` a text-tied recommender is first trained on the demo store's event log (the
sequences ``training.demo_store.write_sequences`` writes). For each e5 runtime in ``--backends`` (torch,
the baseline, and ONNX Runtime, timed interleaved in the same run on the same requests): the head with
query vectors already cached (the same dialogue slots asked again, or slots with no free text), the head
with a fresh free-text query (one e5 query encode included), and the bare e5 query encode; once, a bare
FAISS search over the catalogue. CPU is ``time.process_time()`` of the process per call (all threads).
Also reported: the largest difference between the runtimes' catalogue vectors, how often their
cards agree, and on fresh-text requests the share of the baseline's top-4 cards each runtime also shows
(``--backends onnx,onnx-int8`` compares int8 query vectors with fp32 ones).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.recommender.common import REPO, machine, write_result


def _pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(q * len(xs)))]


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--model", type=Path, default=None, help="a trained recommender folder")
    p.add_argument("--embedder", type=Path, default=Path("~/.cache/shopbot/base/multilingual-e5-small").expanduser())
    p.add_argument("--requests", type=int, default=300)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--epochs", type=int, default=60)
    p.add_argument("--backends", default="torch,onnx", help="e5 runtimes to time (the first is the baseline)")
    p.add_argument("--onnx-root", type=Path, default=Path("~/.cache/shopbot/models/embedder-onnx").expanduser(),
                   help="where the e5 ONNX export is kept (the server's default place)")
    args = p.parse_args()
    import logging

    import faiss
    import torch

    from bot.dialogue.ports import RecommendationRequest
    from retrieval.documents import product_document
    from retrieval.embedder import Embedder, Runtime
    from retrieval.recommender.data import read_sequences
    from retrieval.recommender.head import RecommendationHead
    from retrieval.recommender.train import TrainConfig, train_recommender
    from training.demo_store import DEMO_STORE_DIR, EVENTS_FILE, load_products, write_sequences

    logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(asctime)s %(message)s")
    torch.set_num_threads(args.threads)
    info = machine()
    load_start = [round(x, 2) for x in os.getloadavg()]
    print(f"machine: {info}")
    products = list(load_products())
    emb = Embedder.load(args.embedder)
    extra: dict = {}
    model_dir = args.model
    if model_dir is None:
        tmp = Path(tempfile.mkdtemp())
        n = write_sequences(tmp / "seq.txt")
        seqs = read_sequences(tmp / "seq.txt")
        docs = [product_document(r) for r in products]
        text = dict(zip([d.id for d in docs], emb.encode_passages([d.text for d in docs])))
        t0 = time.perf_counter()
        rec = train_recommender(seqs, TrainConfig(epochs=args.epochs, eval_every=2, patience=6), text=text,
                                manifest={"data": "demo_store events"})
        extra = {"demo_train_s": round(time.perf_counter() - t0, 1), "demo_sequences": n,
                 "demo_validation": rec.manifest["metrics"]}
        model_dir = rec.save_pretrained(tmp / "model")
    backends = args.backends.split(",")
    embedders = {b: emb if b == "torch" else Embedder.load(args.embedder, runtime=Runtime(b, args.threads,
                                                                                          args.onnx_root))
                 for b in backends}
    heads = {b: RecommendationHead.from_pretrained(model_dir, products=products, embedder=e,
                                                   events=DEMO_STORE_DIR / EVENTS_FILE) for b, e in embedders.items()}
    r = random.Random(0)
    ids = [pr["id"] for pr in products]
    cats = sorted({pr["category"] for pr in products})
    queries = ["waterproof jacket", "something for hiking", "a gift for a coffee lover", "warm boots",
               "chaqueta impermeable", "适合露营的帐篷", "lightweight tent", "running shoes"]

    def request(fresh: int | None) -> RecommendationRequest:
        q = r.choice(queries) + (f" #{fresh}" if fresh is not None else "")
        return RecommendationRequest(query=q, category=r.choice([None, *cats]), max_price=r.choice([None, 100.0, 200.0]),
                                     history=r.sample(ids, r.choice([0, 1, 3, 8])), language=r.choice(["en", "zh", "es"]),
                                     k=4)

    for q in queries:  # warm up, and put every fixed query/category text in the embedders' query caches
        for c in [None, *cats]:
            for head in heads.values():
                head.recommend(RecommendationRequest(query=q, category=c, k=4))
    paths = ["head_cached_query", "head_fresh_query", "e5_query_encode"]
    timings: dict[str, list[float]] = {f"{b}:{k}": [] for b in backends for k in paths}
    timings["faiss_flat_search"] = []
    cpu: dict[str, list[float]] = {k: [] for k in timings}  # wall time also counts waiting for a core
    cards: dict[str, list[bool]] = {b: [] for b in backends}
    overlap: dict[str, list[float]] = {b: [] for b in backends}  # fresh-text requests: shared cards of the top 4

    def timed(name: str, fn, *a):
        t, c = time.perf_counter(), time.process_time()
        out = fn(*a)
        cpu[name].append((time.process_time() - c) * 1e3)
        timings[name].append((time.perf_counter() - t) * 1e3)
        return out

    def same(b: str, got: list, want: list) -> None:
        cards[b].append([s.product_id for s in got] == [s.product_id for s in want])

    def shared(b: str, got: list, want: list) -> None:
        overlap[b].append(len({s.product_id for s in got} & {s.product_id for s in want}) / max(1, len(want)))

    index = faiss.IndexFlatIP(emb.dim)
    index.add(heads[backends[0]].catalogue.vectors)
    qv = emb.encode_queries(["warm boots"])
    for i in range(args.requests):
        req = request(None)
        base = [timed(f"{b}:head_cached_query", heads[b].recommend, req) for b in backends]
        for b, got in zip(backends, base):
            same(b, got, base[0])
        timed("faiss_flat_search", index.search, qv, 10)
        if i % 3 == 0:  # fresh text is slow; time a third as many
            req = request(i)
            base = [timed(f"{b}:head_fresh_query", heads[b].recommend, req) for b in backends]
            for b, got in zip(backends, base):
                same(b, got, base[0])
                shared(b, got, base[0])
                timed(f"{b}:e5_query_encode", embedders[b].encode_queries, [req.query + " x"])
    table = {k: {"p50_ms": round(statistics.median(v), 3), "p95_ms": round(_pct(v, 0.95), 3),
                 "cpu_p50_ms": round(statistics.median(cpu[k]), 3), "cpu_mean_ms": round(statistics.mean(cpu[k]), 3),
                 "n": len(v)} for k, v in timings.items()}
    ref = heads[backends[0]].catalogue.vectors
    agreement = {b: {"backend_loaded": embedders[b].backend,
                     "catalogue_max_abs_diff": float(abs(heads[b].catalogue.vectors - ref).max()),
                     "same_cards": round(sum(cards[b]) / len(cards[b]), 4),
                     "fresh_query_top4_overlap": round(statistics.mean(overlap[b]), 4),
                     "fresh_query_same_cards": round(sum(o == 1.0 for o in overlap[b]) / len(overlap[b]), 4)}
                 for b in backends}
    out = {"date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "machine": info,
           "catalogue_products": len(products), "threads": args.threads, "latency": table,
           "agreement_with_baseline": agreement, "load_avg_start": load_start,
           "load_avg_end": [round(x, 2) for x in os.getloadavg()], **extra}
    path = write_result("latency", out)
    print(json.dumps(out, indent=2))
    print("\n| path | wall p50 ms | wall p95 ms | CPU p50 ms | CPU mean ms | n |\n|---|---|---|---|---|---|")
    for k, v in table.items():
        print(f"| {k} | {v['p50_ms']:.2f} | {v['p95_ms']:.2f} | {v['cpu_p50_ms']:.2f} | {v['cpu_mean_ms']:.2f} | "
              f"{v['n']} |")
    print(f"results written to {path}  (repo {REPO})")


if __name__ == "__main__":
    main()
