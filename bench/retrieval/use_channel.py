"""The USE-multilingual channel in the FAQ benchmark (``bench.retrieval.faq --use``).

Pre-registered in bench/retrieval/RESULTS.md (ninth session, helper h4) before any held-out figure: the channel's
reciprocal-rank weight and the share of a FAQ entry's question+answer cosine in its USE score are chosen on the
``calibration`` half from ``WEIGHTS`` x ``ANSWER_SHARES``: highest mean R@1 over en / zh / es, then highest mean
MRR, then the earlier grid point (smaller weight first). Only the chosen point gets held-out figures. Two variants:
the channel votes on every query, or only on cross-lingual ones (``HybridSearcher(second_when=...)``; the second
pre-registered after the first variant's figures, see RESULTS.md).
Also measured: CPU per query of the USE encoder and of the e5 query encoder, one query per call.
"""

from __future__ import annotations

import argparse
import time
from typing import Any

import numpy as np

from bench.retrieval.common import ranking

WEIGHTS = (0.25, 0.5, 0.75, 1.0, 1.5, 2.0)
ANSWER_SHARES = (0.0, 0.3)
LANGS = ("en", "zh", "es")
USE_NAMES = {"always": "hybrid + USE channel (chosen on the calibration half)",
             "cross-lingual": "hybrid + USE channel on cross-lingual queries only (chosen on the calibration half)"}
COST_QUERIES = 60


def choose(grid: dict[tuple[float, float], dict[str, Any]]) -> tuple[float, float]:
    """The pre-registered rule on calibration figures (``ranking(...)["calibration"]`` per grid point)."""
    def key(point: tuple[float, float]) -> tuple[float, float]:
        cal = grid[point]
        return (float(np.mean([cal[g]["recall_at_1"] for g in LANGS])), float(np.mean([cal[g]["mrr"] for g in LANGS])))

    best = next(iter(grid))
    for point in grid:  # grid order: the earlier point wins a tie
        if key(point) > key(best):
            best = point
    return best


def cpu_ms_per_query(encode: Any, texts: list[str]) -> float:
    """Median CPU milliseconds of ``encode([text])``, one text per call (robust to the machine's load)."""
    times = []
    for t in texts:
        c0 = time.process_time()
        encode([t])
        times.append((time.process_time() - c0) * 1000)
    return float(np.median(times))


def compare_use(index: Any, rows: list[dict[str, Any]], vectors: np.ndarray, baseline: dict[str, Any],
                args: argparse.Namespace) -> tuple[dict[str, Any], dict[str, list[Any]], dict[str, Any]]:
    """For each variant (``USE_NAMES``): the grid on the calibration half and the chosen point's outcomes on every
    query; and the encoders' cost."""
    from retrieval.embedder import Embedder, Runtime
    from retrieval.evaluate import run_queries
    from retrieval.hybrid import HybridSearcher
    from retrieval.use_channel import UseChannel

    t0 = time.perf_counter()
    channel = UseChannel.load(threads=1)
    load_s = time.perf_counter() - t0
    c0 = time.process_time()
    channel.row_vectors(index.view)
    rows_cpu_s = time.process_time() - c0
    texts = [r["query"] for r in rows]
    sample = texts[::max(1, len(texts) // COST_QUERIES)][:COST_QUERIES]
    e5 = Embedder.load(args.embedder, runtime=Runtime(args.backend, 1, args.onnx_root))
    e5.query_cache = 0  # every call encodes
    cost = {"use_cpu_ms_per_query": cpu_ms_per_query(channel.encode, sample),
            f"e5_{args.backend}_cpu_ms_per_query": cpu_ms_per_query(e5.encode_queries, sample),
            "n_queries_timed": len(sample), "use_load_s": round(load_s, 2),
            "use_rows": len(index.view.lexical_rows), "use_rows_cpu_s": round(rows_cpu_s, 2)}
    channel.encode_queries(texts)  # once; every grid point reads them from the channel's LRU

    table: dict[str, Any] = {"baseline (no USE)": {**baseline["calibration"], "chosen": False}}
    chosen_outcomes = {}
    for when, name in USE_NAMES.items():
        outcomes, grid = {}, {}
        for w in WEIGHTS:
            for a in ANSWER_SHARES:
                searcher = HybridSearcher(index, second=channel, second_weight=w, second_answer_weight=a,
                                          second_when=when)  # type: ignore[arg-type]
                outcomes[w, a] = run_queries(searcher, rows, vectors=vectors)
                grid[w, a] = ranking(outcomes[w, a], rows)["calibration"]
        chosen = choose(grid)
        chosen_outcomes[name] = outcomes[chosen]
        mean = {k: float(np.mean([cal[g]["recall_at_1"] for g in LANGS]))
                for k, cal in (("baseline", baseline["calibration"]), ("chosen", grid[chosen]))}
        cost[when] = {"weight": chosen[0], "answer_share": chosen[1],
                      "calibration_mean_r1_baseline": mean["baseline"], "calibration_mean_r1_chosen": mean["chosen"],
                      "beats_baseline_on_calibration": mean["chosen"] > mean["baseline"]}
        table |= {f"{when}: weight {w}, answer share {a}": {**grid[w, a], "chosen": (w, a) == chosen}
                  for w, a in grid}
    return table, chosen_outcomes, cost


def print_grid(table: dict[str, Any]) -> None:
    print("\nUSE channel grid, calibration half only (the chosen point is marked):")
    print("| configuration | en R@1 | zh R@1 | es R@1 | mean R@1 | en MRR | zh MRR | es MRR |\n|---|---|---|---|---|---|---|---|")
    for name, cal in table.items():
        r1 = [cal[g]["recall_at_1"] for g in LANGS]
        print(f"| {name}{' (chosen)' if cal['chosen'] else ''} | " + " | ".join(f"{x:.3f}" for x in r1)
              + f" | {np.mean(r1):.3f} | " + " | ".join(f"{cal[g]['mrr']:.3f}" for g in LANGS) + " |")
