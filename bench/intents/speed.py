"""Measure what each training trick does to the speed of one optimizer step (seconds per step).

    nice -n 10 .venv/bin/python -m bench.intents.speed --steps 8 --threads 1

Reports CPU seconds per step (robust when other jobs share the cores) and wall seconds.
Configurations are cumulative: all parameters trained with fixed padding to max length 64, then
frozen word embeddings, dynamic padding, length bucketing, frozen lower layers, and caching the frozen
layers' outputs (its one-off cache pass over the rows is included in the per-step figure), then the
default recipe (batch 16, 2 frozen + cached layers). ``--precision fp32,bf16`` runs each at each precision
(bf16: autocast around the forward); ``--configs 7`` picks configurations by number (1-based).

    nice -n 10 .venv/bin/python -m bench.intents.speed --steps 40 --threads 2 --configs 8 --precision fp32,bf16
Accuracy effects are measured by bench.intents.run (``--freeze-layers``, ``--epochs``).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import random
import time
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data-root", type=Path, default=REPO.parent / "shared" / "data")
    ap.add_argument("--base-model", type=Path, default=None)
    ap.add_argument("--steps", type=int, default=8)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--precision", default="fp32", help="comma-separated: fp32, bf16")
    ap.add_argument("--configs", default=None, help="comma-separated configuration numbers (1-based); default all")
    ap.add_argument("--repeat", type=int, default=1, help="runs per configuration, alternating precisions")
    a = ap.parse_args()
    import torch

    from bot.settings import Settings
    from intents.model import IntentConfig, IntentModel
    from training.intents_data import Row
    from training.intents_train import TrainArgs, fit, resolve_precision

    base = a.base_model or Settings().base_model_dir
    with open(a.data_root / "intents/banking77/train.csv", encoding="utf-8") as f:
        rows = [Row(r["text"], r["category"]) for r in csv.DictReader(f)]
    random.Random(0).shuffle(rows)
    labels = sorted({r.intent for r in rows})
    b32 = TrainArgs(batch_size=32)
    configs = {
        "all params, pad to 64": replace(b32, freeze_embeddings=False, bucketing=False, dynamic_padding=False,
                                         freeze_layers=0),
        "+ frozen word embeddings": replace(b32, bucketing=False, dynamic_padding=False, freeze_layers=0),
        "+ dynamic padding": replace(b32, bucketing=False, freeze_layers=0),
        "+ length bucketing": replace(b32, freeze_layers=0),
        "+ freeze embeddings block + 4 lower layers": replace(b32, freeze_layers=4, cache_frozen=False),
        "+ cache the frozen layers' outputs (4)": replace(b32, freeze_layers=4),
        "freeze + cache 6 lower layers": replace(b32, freeze_layers=6),
        "default recipe (batch 16, 2 frozen + cached)": TrainArgs(),
    }
    picked = [int(c) for c in a.configs.split(",")] if a.configs else range(1, len(configs) + 1)
    names = list(configs)
    print(f"machine: {os.cpu_count()} cores, {platform.machine()}, torch {torch.__version__}, threads {a.threads}, "
          f"load average {os.getloadavg()[0]:.1f}; BANKING77 rows, {a.steps} steps per configuration")
    print("CPU seconds of this process are the robust figure on a shared machine (wall time depends on the load)")
    results: dict[str, list[dict]] = {}
    for i in picked:
        for _ in range(a.repeat):
            for precision in a.precision.split(","):
                args = replace(configs[names[i - 1]], threads=a.threads, epochs=1, max_steps=a.steps,
                               precision=precision)
                model = IntentModel.from_base(base, IntentConfig(labels))
                t0, c0 = time.perf_counter(), time.process_time()
                fit(model, rows[: a.steps * args.batch_size], args, progress=False)
                wall, cpu = (time.perf_counter() - t0) / a.steps, (time.process_time() - c0) / a.steps
                name = f"{names[i - 1]} [{resolve_precision(args).precision}]"
                results.setdefault(name, []).append({"wall_s_per_step": wall, "cpu_s_per_step": cpu})
                print(f"{name:56s} {cpu:.3f} CPU s/step ({wall:.3f} wall s/step, batch {args.batch_size}, "
                      f"load {os.getloadavg()[0]:.1f})", flush=True)
    out = REPO / "bench" / "results" / "intents_speed.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"threads": a.threads, "steps": a.steps, "s_per_step": results}, indent=2))
    del torch


if __name__ == "__main__":
    main()
