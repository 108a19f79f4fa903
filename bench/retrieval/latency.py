"""Vector search latency with synthetic e5-sized vectors, one search thread, encoder excluded.

    .venv/bin/python -m bench.retrieval.latency [--sizes 10000 100000 1000000] [--queries 200]

For each size: build time and p50/p95 single-query search through ``retrieval.vectors.VectorStore``
for the exact flat index (the baseline) and HNSW, plus HNSW recall@10 against the flat result.
Then, at each ``--product-sizes`` (10k and 100k), it builds a full product index (FAISS of the type
chosen by size, BM25, metadata; synthetic vectors stand in for the encoder) and times the build, an
upsert of 100 products and the full hybrid search (dense + BM25 + fusion + abstention features,
query vector given). The encoder's own cost per product is measured by ``bench.retrieval.products``.
Vectors are a Gaussian mixture on the unit sphere (embeddings cluster; uniform random vectors would be an unrealistically hard case for HNSW).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np

from bench.retrieval.common import print_header, write_results

DIM = 384


def synthetic(n: int, rng: np.random.Generator, centers: np.ndarray, noise: float = 0.6) -> np.ndarray:
    out = np.empty((n, DIM), dtype=np.float32)
    for start in range(0, n, 100_000):
        m = min(100_000, n - start)
        v = centers[rng.integers(0, len(centers), m)] + noise * rng.standard_normal((m, DIM)).astype(np.float32) / np.sqrt(DIM)
        out[start:start + m] = v / np.linalg.norm(v, axis=1, keepdims=True)
    return out


def time_queries(store, queries: np.ndarray, k: int = 10) -> tuple[dict[str, float], np.ndarray]:
    ids = []
    times = []
    for q in queries:
        t0 = time.perf_counter()
        _, i = store.search(q[None, :], k)
        times.append((time.perf_counter() - t0) * 1000)
        ids.append(i[0])
    return {"p50_ms": float(np.percentile(times, 50)), "p95_ms": float(np.percentile(times, 95))}, np.array(ids)


class SyntheticEmbedder:
    """Stands in for e5 when the encoder is excluded: passages get mixture vectors, no model runs."""

    dim, model_id, model_dir = DIM, "synthetic", Path("synthetic")

    def __init__(self, rng: np.random.Generator, centers: np.ndarray) -> None:
        self.rng, self.centers = rng, centers

    def encode_passages(self, texts: list[str]) -> np.ndarray:
        return synthetic(len(texts), self.rng, self.centers)


def synthetic_products(n: int, rng: np.random.Generator, words: list[str]) -> list:
    from retrieval.documents import product_document

    return [product_document({"id": f"p{i}", "title": " ".join(rng.choice(words, 4)),
                              "description": " ".join(rng.choice(words, 20)), "price": float(rng.integers(5, 200)),
                              "category": f"c{i % 30}", "stock": int(rng.integers(0, 20))}) for i in range(n)]


def hybrid_at(n: int, rng: np.random.Generator, centers: np.ndarray, queries: np.ndarray) -> dict[str, float]:
    """Build a product index of n synthetic documents (encoder excluded) and time the full hybrid search
    (dense + BM25 + fusion + abstention features) with precomputed query vectors."""
    import tempfile

    from retrieval.hybrid import HybridSearcher
    from retrieval.index import DocumentIndex

    words = [f"w{i}" for i in range(5000)]
    docs = synthetic_products(n, rng, words)
    t0 = time.perf_counter()
    index = DocumentIndex.build(docs, SyntheticEmbedder(rng, centers))  # type: ignore[arg-type]
    faiss_s = time.perf_counter() - t0
    t1 = time.perf_counter()
    _ = index.view  # BM25, filter columns, exact-id table
    view_s = time.perf_counter() - t1
    with tempfile.TemporaryDirectory() as tmp:
        t2 = time.perf_counter()
        index.save(Path(tmp))
        save_s = time.perf_counter() - t2
    t3 = time.perf_counter()
    index.upsert(synthetic_products(100, rng, words))  # ids p0..p99 exist: 100 replacements
    upsert_s = time.perf_counter() - t3
    searcher = HybridSearcher(index)
    searcher.search("warm up", vector=queries[0])  # rebuilds the row view after the upsert
    times = []
    for q in queries:
        text = " ".join(rng.choice(words, 4))
        t0 = time.perf_counter()
        searcher.search(text, k=10, vector=q)
        times.append((time.perf_counter() - t0) * 1000)
    filtered = []
    for q in queries[:50]:
        t0 = time.perf_counter()
        searcher.search("w1 w2", k=10, vector=q, filters={"max_price": 50, "category": "c1"})
        filtered.append((time.perf_counter() - t0) * 1000)
    return {"index_type": index.store.index_type, "build_faiss_s": faiss_s, "build_view_bm25_s": view_s,
            "save_s": save_s, "upsert_100_s": upsert_s,
            "hybrid_p50_ms": float(np.median(times)), "hybrid_p95_ms": float(np.percentile(times, 95)),
            "hybrid_filtered_p50_ms": float(np.median(filtered))}


def main() -> None:
    import faiss

    from retrieval.vectors import HNSW_EF_SEARCH, VectorStore

    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--hnsw-m", type=int, default=16)
    ap.add_argument("--ef-construction", type=int, default=40)
    ap.add_argument("--ef-search", type=int, default=HNSW_EF_SEARCH)
    ap.add_argument("--build-threads", type=int, default=2)
    ap.add_argument("--ef-sweep", type=int, nargs="*", default=[], help="more efSearch values to time (with recall)")
    ap.add_argument("--flat-max", type=int, default=1_000_000, help="skip flat above this size")
    ap.add_argument("--product-sizes", type=int, nargs="*", default=[10_000, 100_000],
                    help="sizes at which a full product index is built and hybrid search is timed")
    args = ap.parse_args()
    settings = {**vars(args), "dim": DIM, "search_threads": 1, "data": "gaussian mixture, 2000 centres"}
    print_header("vector search latency (encoder excluded)", settings)
    rng = np.random.default_rng(0)
    centers = rng.standard_normal((2000, DIM)).astype(np.float32)
    centers /= np.linalg.norm(centers, axis=1, keepdims=True)
    queries = synthetic(args.queries, rng, centers)
    rows = []
    for n in args.sizes:
        x = synthetic(n, rng, centers)
        ids = np.arange(n, dtype=np.int64)
        row: dict[str, float | int] = {"n": n}
        faiss.omp_set_num_threads(args.build_threads)
        t0 = time.perf_counter()
        flat = VectorStore.create(DIM, "flat")
        flat.add(x, ids)
        row["flat_build_s"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        hnsw = VectorStore.create(DIM, "hnsw", m=args.hnsw_m, ef_construction=args.ef_construction,
                                  ef_search=args.ef_search)
        hnsw.add(x, ids)
        row["hnsw_build_s"] = time.perf_counter() - t0
        faiss.omp_set_num_threads(1)
        hnsw_t, hnsw_ids = time_queries(hnsw, queries)
        row |= {f"hnsw_{k}": v for k, v in hnsw_t.items()}
        faiss.downcast_index(hnsw.index.index).hnsw.efSearch = 2 * args.ef_search
        hnsw2_t, hnsw2_ids = time_queries(hnsw, queries)
        row |= {f"hnsw_ef{2 * args.ef_search}_{k}": v for k, v in hnsw2_t.items()}
        if n <= args.flat_max:
            flat_t, flat_ids = time_queries(flat, queries)
            row |= {f"flat_{k}": v for k, v in flat_t.items()}
            for name, got in (("hnsw_recall_at_10", hnsw_ids), (f"hnsw_ef{2 * args.ef_search}_recall_at_10", hnsw2_ids)):
                row[name] = float(np.mean([len(set(a) & set(b)) / 10 for a, b in zip(got, flat_ids)]))
            for ef in args.ef_sweep:  # the recall / latency trade-off of one graph
                faiss.downcast_index(hnsw.index.index).hnsw.efSearch = ef
                t, got = time_queries(hnsw, queries)
                row[f"sweep_ef{ef}"] = {**t, "recall_at_10": float(np.mean([len(set(a) & set(b)) / 10
                                                                            for a, b in zip(got, flat_ids)]))}
        print(json.dumps(row), flush=True)
        rows.append(row)
        del x, flat, hnsw
    for r in rows:
        for key, v in r.items():
            if key.startswith("sweep_ef"):
                print(f"n={r['n']:,} efSearch={key[8:]}: p50 {v['p50_ms']:.3f} ms, p95 {v['p95_ms']:.3f} ms, "
                      f"recall@10 {v['recall_at_10']:.3f}")
    products = []
    for n in args.product_sizes:
        faiss.omp_set_num_threads(args.build_threads)
        prow = {"n": n, **hybrid_at(n, rng, centers, queries)}
        print(json.dumps(prow), flush=True)
        products.append(prow)
    ef2 = 2 * args.ef_search
    print(f"\n| vectors | flat p50 ms | HNSW ef{args.ef_search} p50 / p95 ms | recall@10 | HNSW ef{ef2} p50 ms | "
          "recall@10 | flat build s | HNSW build s |")
    print("|---|---|---|---|---|---|---|---|")
    nan = float("nan")
    for r in rows:
        print(f"| {r['n']:,} | {r.get('flat_p50_ms', nan):.2f} | {r['hnsw_p50_ms']:.3f} / {r['hnsw_p95_ms']:.3f} | "
              f"{r.get('hnsw_recall_at_10', nan):.3f} | {r[f'hnsw_ef{ef2}_p50_ms']:.3f} | "
              f"{r.get(f'hnsw_ef{ef2}_recall_at_10', nan):.3f} | {r['flat_build_s']:.1f} | {r['hnsw_build_s']:.1f} |")
    print("\n| products | index | FAISS build s | BM25+view s | save s | upsert 100 s | hybrid p50 / p95 ms | "
          "filtered p50 ms |\n|---|---|---|---|---|---|---|---|")
    for p in products:
        print(f"| {p['n']:,} | {p['index_type']} | {p['build_faiss_s']:.1f} | {p['build_view_bm25_s']:.1f} | "
              f"{p['save_s']:.1f} | {p['upsert_100_s']:.2f} | {p['hybrid_p50_ms']:.2f} / {p['hybrid_p95_ms']:.2f} | "
              f"{p['hybrid_filtered_p50_ms']:.2f} |")
    print("results:", write_results("latency", {"settings": settings, "rows": rows, "products": products}))


if __name__ == "__main__":
    main()
