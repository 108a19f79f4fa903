"""Latency of the in-chat recommendation inside real dialogue turns (the server's stack, in process).

    .venv/bin/python -m bench.recommender.in_chat [--turns 200] [--threads 1]

Builds the production dialogue (``bot.dialogue.factory.build_dialogue``: the trained demo intent model,
retrieval index and recommendation head from the cache, micro-batched ONNX forwards, SQLite) and sends
recommendation requests written in en/zh/es (the demo store's ``recommend_product`` utterances, each once
per mode, from a new conversation of a random demo customer, so history comes from their orders). The query
vector cache is emptied before every turn: every turn's text is new to the embedder (the fresh-text path).

Two modes, interleaved turn by turn on the same stack: ``prefetch`` (the default: the turn's text starts
encoding as a query while its intent is classified, ``SHOPBOT_INFERENCE__PREFETCH_QUERIES``) and
``baseline`` (no prefetch: the recommendation step encodes the text itself). Reported per mode, p50 / p95:
the recommendation step of the turn (``latency_ms["recommend"]``: what the suggestion adds to the turn once the
intent is known), understanding, the whole turn, and the process CPU per turn (all threads).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import tempfile
import time
from pathlib import Path

from bench.recommender.common import machine, write_result

MODES = ("prefetch", "baseline")


def _pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(q * len(xs)))]


def _texts() -> list[tuple[str, str]]:
    from training.demo_store import DEMO_STORE_DIR

    out = []
    for name in ("train.jsonl", "test.jsonl"):
        for line in (DEMO_STORE_DIR / "nlu" / name).read_text(encoding="utf-8").splitlines():
            row = json.loads(line) if line.strip() else {}
            if row.get("intent") == "recommend_product":
                out.append((row["text"], row.get("lang", "en")))
    return list(dict.fromkeys(out))


async def run(args: argparse.Namespace) -> dict:
    from bot.dialogue.factory import build_dialogue
    from bot.dialogue.ports import DialogueState
    from bot.settings import Settings
    from bot.store.database import open_database
    from training.demo_store import DEMO_STORE_DIR

    tmp = Path(tempfile.mkdtemp())
    settings = Settings(database_url=f"sqlite+aiosqlite:///{tmp}/bench.sqlite")
    db = await open_database(settings.database_url)
    manager = await build_dialogue(settings, db.sessions)
    prefetch = manager.deps.prefetch
    if prefetch is None:
        raise SystemExit("prefetch is off in these settings (SHOPBOT_INFERENCE__PREFETCH_QUERIES / MAX_BATCH)")
    embedder = manager.deps.retriever.index.embedder  # type: ignore[attr-defined]
    customers = [json.loads(line)["id"] for line in (DEMO_STORE_DIR / "customers.jsonl").read_text().splitlines()
                 if line.strip()]
    rng = random.Random(args.seed)
    texts = _texts()
    rng.shuffle(texts)
    texts = texts[: args.turns]
    for text, lang in texts[:5]:  # warm up
        await manager.respond(DialogueState(language=lang), text)
    rows: dict[str, dict[str, list[float]]] = {m: {"recommend": [], "understand": [], "total": [], "cpu": []}
                                                for m in MODES}
    routed = {m: 0 for m in MODES}
    load_start = [round(x, 2) for x in os.getloadavg()]
    for i, (text, lang) in enumerate(texts):
        for mode in (MODES if i % 2 == 0 else MODES[::-1]):
            manager.deps.prefetch = prefetch if mode == "prefetch" else None
            embedder.embedder._queries.clear()  # noqa: SLF001 - every turn's query is new to the embedder
            state = DialogueState(language=lang, customer_id=rng.choice(customers))
            c = time.process_time()
            result = await manager.respond(state, text)
            cpu = (time.process_time() - c) * 1e3
            lat = result.annotation.latency_ms
            if "recommend" not in lat or not any(r.products for r in result.replies):
                continue  # routed elsewhere (the model read it as another intent) or nothing to show
            routed[mode] += 1
            for key in ("recommend", "understand", "total"):
                rows[mode][key].append(lat.get(key, 0.0))
            rows[mode]["cpu"].append(cpu)
    manager.deps.prefetch = prefetch
    await manager.aclose()
    table = {m: {k: {"p50_ms": round(statistics.median(v), 2), "p95_ms": round(_pct(v, 0.95), 2),
                     "mean_ms": round(statistics.mean(v), 2)} for k, v in rows[m].items() if v}
             for m in MODES}
    return {"date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "machine": machine(),
            "settings": {"inference": settings.inference.model_dump()}, "turns_sent_per_mode": len(texts),
            "recommendation_turns": routed, "latency": table, "load_avg_start": load_start,
            "load_avg_end": [round(x, 2) for x in os.getloadavg()]}


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--turns", type=int, default=200, help="recommendation texts sent per mode")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--json", action="store_true", help="print only the JSON result")
    args = p.parse_args()
    out = asyncio.run(run(args))
    path = write_result("in_chat", out)
    if args.json:
        print(json.dumps(out))
        return
    print(f"machine: {out['machine']}  load {out['load_avg_start']} -> {out['load_avg_end']}")
    print(f"recommendation turns answered with cards: {out['recommendation_turns']}")
    print("\n| mode | recommend step p50 / p95 ms | understand p50 ms | turn p50 / p95 ms | CPU per turn p50 ms |")
    print("|---|---|---|---|---|")
    for m, t in out["latency"].items():
        print(f"| {m} | {t['recommend']['p50_ms']:.2f} / {t['recommend']['p95_ms']:.2f} | "
              f"{t['understand']['p50_ms']:.2f} | {t['total']['p50_ms']:.2f} / {t['total']['p95_ms']:.2f} | "
              f"{t['cpu']['p50_ms']:.2f} |")
    print(f"results written to {path}")


if __name__ == "__main__":
    main()
