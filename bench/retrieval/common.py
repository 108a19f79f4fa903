"""Shared bits of the retrieval benchmarks: machine description, data root, result files."""

from __future__ import annotations

import json
import os
import platform
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
RESULTS_DIR = REPO / "bench" / "results"
DEFAULT_DATA_ROOT = REPO.parent / "shared" / "data"


def machine() -> dict[str, Any]:
    """Cores, CPU model, thread settings: printed next to every figure."""
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    info: dict[str, Any] = {"cores": os.cpu_count(), "cpu": cpu, "python": platform.python_version(),
                            "omp_num_threads": os.environ.get("OMP_NUM_THREADS"),
                            "load_avg_1m": os.getloadavg()[0]}
    try:
        import torch

        info["torch_threads"] = torch.get_num_threads()
    except ImportError:
        pass
    try:
        import faiss

        info["faiss"] = faiss.__version__
        info["faiss_omp_threads"] = faiss.omp_get_max_threads()
    except ImportError:
        pass
    return info


def write_results(name: str, payload: dict[str, Any]) -> Path:
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    path = RESULTS_DIR / f"retrieval_{name}.json"
    payload = {"date": datetime.now(timezone.utc).isoformat(timespec="seconds"), "machine": machine(), **payload}
    path.write_text(json.dumps(payload, indent=2, ensure_ascii=False))
    return path


def print_header(title: str, settings: dict[str, Any]) -> None:
    print(f"# {title}")
    print("machine:", json.dumps(machine()))
    print("settings:", json.dumps(settings, default=str))


def ranking(outcomes: list[Any], rows: list[dict[str, Any]]) -> dict[str, Any]:
    """R@1, R@5 and MRR of the answerable queries per split (``calibration``, ``test``, ``all``) and language,
    and the search-only p50 (``outcomes`` from ``retrieval.evaluate.run_queries`` over ``rows``)."""
    from retrieval.evaluate import metrics

    out: dict[str, Any] = {}
    for split in ("calibration", "test", "all"):
        for lang in ("en", "zh", "es"):
            sel = [o for o, r in zip(outcomes, rows) if o.lang == lang and o.answerable and split in ("all", r["split"])]
            out.setdefault(split, {})[lang] = {k: metrics(sel)[k] for k in ("n_answerable", "recall_at_1",
                                                                             "recall_at_5", "mrr")}
    out["p50_ms"] = metrics(outcomes)["p50_ms"]  # search only, encoder excluded
    return out
