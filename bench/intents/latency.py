"""Inference throughput of the intent stage at batch 32: model only vs the full ``predict`` (language, entities).

    .venv/bin/python -m bench.intents.latency [--model DIR] [--threads 2]

Without ``--model`` a fresh model on the prepared base is timed (the heads do not change the cost).
The load average is printed too: on a shared machine the figures are only comparable within one run.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TEXTS = [
    "where is my order #1042? it was supposed to arrive yesterday", "I want to return these shoes, they are too small",
    "¿dónde está mi pedido?", "quiero cambiar la talla M por una L", "我的订单在哪里", "我想退货，质量太差了",
    "do you have this jacket in blue under $100?", "can I pay with paypal", "hola", "thx",
    "my tracking number 1Z999AA10123456784 shows no movement", "necesito hablar con una persona",
    "这件衣服有黑色的吗", "what are your opening hours", "cancel my order please", "el paquete llegó dañado",
]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--model", type=Path, default=None)
    ap.add_argument("--base-model", type=Path, default=None)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--batches", type=int, default=10)
    a = ap.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import torch

    from bot.settings import Settings
    from intents.model import IntentConfig, IntentModel
    from intents.predictor import IntentPredictor

    torch.set_num_threads(a.threads)
    model = IntentModel.from_pretrained(a.model) if a.model else IntentModel.from_base(
        a.base_model or Settings().base_model_dir, IntentConfig(["a", "b"]))
    predictor = IntentPredictor(model, threads=a.threads, batch_size=32)
    texts = (TEXTS * 2)[:32]
    predictor.predict(texts)  # warm-up
    res = {}
    for name, fn in (("model only", lambda: model.classify(texts, 32)), ("full predict", lambda: predictor.predict(texts))):
        times = []
        c0 = time.process_time()
        for _ in range(a.batches):
            t0 = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t0)
        cpu = (time.process_time() - c0) / a.batches
        times.sort()
        res[name] = {"median_batch_ms": 1000 * times[len(times) // 2], "utterances_per_s": 32 / times[len(times) // 2],
                     "cpu_ms_per_batch": 1000 * cpu, "utterances_per_cpu_s": 32 / cpu}
    load = os.getloadavg()[0]
    print(f"machine: {os.cpu_count()} cores, torch threads {a.threads}, load average {load:.1f}; batch 32, "
          f"{a.batches} batches, {'model ' + str(a.model) if a.model else 'fresh model on the base'}")
    for name, r in res.items():
        print(f"{name:14s} {r['median_batch_ms']:8.1f} ms/batch  {r['utterances_per_s']:7.1f} utterances/s wall "
              f"(target >= 200); {r['cpu_ms_per_batch']:8.1f} CPU ms/batch, {r['utterances_per_cpu_s']:7.1f} per CPU s")
    out = REPO / "bench" / "results" / "intents_latency.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"threads": a.threads, "load_average": load, **res}, indent=2))


if __name__ == "__main__":
    main()
