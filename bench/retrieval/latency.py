"""Vector search latency with synthetic e5-sized vectors, one search thread, encoder excluded.

    .venv/bin/python -m bench.retrieval.latency [--sizes 10000 100000 1000000] [--queries 200]

For each size: build time and p50/p95 single-query search through ``retrieval.vectors.VectorStore``
for the exact flat index (the baseline) and HNSW, plus HNSW recall@10 against the flat result.
At 10k it also times the full hybrid search (dense + BM25 + fusion + features, query vector given)
over synthetic product documents. Vectors are a Gaussian mixture on the unit sphere (embeddings
cluster; uniform random vectors would be an unrealistically hard case for HNSW).
"""

from __future__ import annotations

import argparse
import json
import time

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


def hybrid_at(n: int, rng: np.random.Generator, centers: np.ndarray, queries: np.ndarray) -> dict[str, float]:
    """Full hybrid search over n synthetic product documents with precomputed query vectors."""
    from retrieval.documents import product_document
    from retrieval.hybrid import HybridSearcher
    from retrieval.index import DocumentIndex

    words = [f"w{i}" for i in range(5000)]

    class FakeEmbedder:  # vectors are given; only dim/model id are read
        dim, model_id = DIM, "synthetic"

        def encode_passages(self, texts: list[str]) -> np.ndarray:
            return synthetic(len(texts), rng, centers)

    docs = [product_document({"id": f"p{i}", "title": " ".join(rng.choice(words, 4)),
                              "description": " ".join(rng.choice(words, 20)), "price": float(rng.integers(5, 200)),
                              "category": f"c{i % 30}"}) for i in range(n)]
    index = DocumentIndex.build(docs, FakeEmbedder())  # type: ignore[arg-type]
    searcher = HybridSearcher(index)
    searcher.search("warm up", vector=queries[0])
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
    return {"hybrid_p50_ms": float(np.median(times)), "hybrid_p95_ms": float(np.percentile(times, 95)),
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
    ap.add_argument("--flat-max", type=int, default=1_000_000, help="skip flat above this size")
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
        if n == min(args.sizes):
            row |= hybrid_at(n, rng, centers, queries)
        print(json.dumps(row), flush=True)
        rows.append(row)
        del x, flat, hnsw
    ef2 = 2 * args.ef_search
    print(f"\n| vectors | flat p50 ms | HNSW ef{args.ef_search} p50 / p95 ms | recall@10 | HNSW ef{ef2} p50 ms | "
          "recall@10 | flat build s | HNSW build s |")
    print("|---|---|---|---|---|---|---|---|")
    nan = float("nan")
    for r in rows:
        print(f"| {r['n']:,} | {r.get('flat_p50_ms', nan):.2f} | {r['hnsw_p50_ms']:.3f} / {r['hnsw_p95_ms']:.3f} | "
              f"{r.get('hnsw_recall_at_10', nan):.3f} | {r[f'hnsw_ef{ef2}_p50_ms']:.3f} | "
              f"{r.get(f'hnsw_ef{ef2}_recall_at_10', nan):.3f} | {r['flat_build_s']:.1f} | {r['hnsw_build_s']:.1f} |")
    print("results:", write_results("latency", {"settings": settings, "rows": rows}))


if __name__ == "__main__":
    main()
