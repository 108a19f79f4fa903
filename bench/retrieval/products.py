"""Product search benchmark: 1,000 real Amazon listings, 146 shopping questions we wrote (query -> product).

    .venv/bin/python -m bench.retrieval.products [--data-root ../shared/data] [--embedder DIR]

Two sets: ``named`` (106 questions that mostly reuse words of the title; a random sample of products)
and ``needs`` (40 questions on another random sample, written as a need, avoiding the title's words).
Recall@1/5/10 and MRR for hybrid vs dense-only vs BM25-only on each. Query vectors are computed once in a
batch and shared by the three modes (so the per-mode latency excludes the encoder); the end-to-end
p50 including the encoder is measured separately on the first 30 questions.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from bench.retrieval.common import DEFAULT_DATA_ROOT, RESULTS_DIR, print_header, write_results  # noqa: E402

QUERY_SETS = {"named": Path(__file__).with_name("product_queries.jsonl"),  # name the product type and traits
              "needs": Path(__file__).with_name("product_queries_needs.jsonl")}  # describe a need, few title words
DESCRIPTION_WORDS = 120


def product_rows(data_root: Path) -> list[dict]:
    rows = []
    with (data_root / "catalog" / "amazon_products_1000" / "products.csv").open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            about = re.sub(r"^Make sure this fits by entering your model number\.\s*\|?\s*", "", r["About Product"])
            about = " ".join(about.replace("|", " ").split()[:DESCRIPTION_WORDS])
            rows.append({"id": r["Uniq Id"], "title": r["Product Name"], "brand": r["Brand Name"],
                         "category": r["Category"].replace(" | ", " > "), "price": r["Selling Price"] or None,
                         "description": about})
    return rows


def main() -> None:
    from retrieval.documents import product_document, read_jsonl
    from retrieval.embedder import Embedder, Runtime
    from retrieval.evaluate import metrics, run_queries
    from retrieval.hybrid import HybridSearcher
    from retrieval.index import DocumentIndex, MANIFEST_FILE

    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data-root", type=Path, default=DEFAULT_DATA_ROOT)
    ap.add_argument("--embedder", type=Path, default=Path("~/.cache/shopbot/base/multilingual-e5-small").expanduser())
    ap.add_argument("--backend", default="torch", help="e5 runtime (torch, onnx, onnx-int8: int8 queries, fp32 "
                    "passages), ONNX exported to --onnx-root")
    ap.add_argument("--onnx-root", type=Path, default=Path("~/.cache/shopbot/models/embedder-onnx").expanduser())
    args = ap.parse_args()
    sets = {name: list(read_jsonl(path)) for name, path in QUERY_SETS.items()}
    print_header("product search", {"queries": {n: len(r) for n, r in sets.items()}, "embedder": str(args.embedder), "backend": args.backend,
                                    "description_words": DESCRIPTION_WORDS})
    emb = Embedder.load(args.embedder, runtime=Runtime(args.backend, 1, args.onnx_root))
    docs = [product_document(r) for r in product_rows(args.data_root)]
    cache = RESULTS_DIR / "products_index"
    t0 = time.perf_counter()
    index = None
    if (cache / MANIFEST_FILE).exists():
        from retrieval.documents import documents_hash

        index = DocumentIndex.load(cache, embedder=emb)
        if index.manifest.get("sources_hash") != documents_hash(docs):
            index = None
    if index is None:
        index = DocumentIndex.build(docs, emb)
        index.save(cache)
    build_s = time.perf_counter() - t0
    results: dict[str, dict] = {}
    for name, rows in {**sets, "all": [r for rs in sets.values() for r in rs]}.items():
        vectors = emb.encode_queries([r["query"] for r in rows])
        for mode in ("hybrid", "dense", "bm25"):
            m = metrics(run_queries(HybridSearcher(index, mode=mode), rows, vectors=vectors))  # type: ignore[arg-type]
            r = {k: m[k] for k in ("n", "recall_at_1", "recall_at_5", "recall_at_10", "mrr", "ndcg_at_10")}
            results.setdefault(name, {})[mode] = {**r, "p50_ms_search_only": m["p50_ms"]}
    e2e = metrics(run_queries(HybridSearcher(index), sets["named"][:30]))["p50_ms"]
    out = {"sets": results, "hybrid_p50_ms_with_encoder": e2e, "index_build_or_load_s": build_s, "docs": len(docs)}
    print(json.dumps(out, indent=2))
    print("\n| set | mode | n | R@1 | R@5 | R@10 | MRR | p50 ms (search only) |\n|---|---|---|---|---|---|---|---|")
    for name, modes in results.items():
        for mode, r in modes.items():
            print(f"| {name} | {mode} | {r['n']} | {r['recall_at_1']:.3f} | {r['recall_at_5']:.3f} | "
                  f"{r['recall_at_10']:.3f} | {r['mrr']:.3f} | {r['p50_ms_search_only']:.2f} |")
    print(f"hybrid p50 with the encoder: {e2e:.1f} ms")
    print("results:", write_results("products" if args.backend == "torch" else f"products_{args.backend}", out))


if __name__ == "__main__":
    main()
