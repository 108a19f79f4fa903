"""Encoder serving paths: one utterance (p50 / p99) and throughput at batch 32, next to the raw forward.

    nice -n 10 .venv/bin/python -m bench.encoder.run [--model DIR] [--threads 2] [--onnx-dir DIR]

For each path (torch; ONNX Runtime fp32, int8 with activations per batch and int8 with activations per token
from the export in ``--onnx-dir``, made there on the first run) it times, on the held-out demo-store utterances (``training/demo_store/nlu/test.jsonl``):

* ``raw forward``: the model's forward alone on pre-tokenised input (the floor);
* ``predict``: the dialogue's understanding stage (tokenise, forward, calibration, language, entities);
* batch 32: ``predict_many`` on 32 utterances, and the raw forward on the same pre-tokenised batch;
* ``micro-batched``: 32 threads each asking for one utterance through ``bot.dialogue.batching`` (the
  server's path under concurrency): per-call p50 / p99 and utterances per second;
* accuracy of the full predictor on the test split (what decides whether a faster path may serve).

``--variants [NAMES]`` compares instead the int8 / fusion recipes of ``intents.onnx`` (see ``VARIANTS``),
all built here from one plain fp32 export of the model: intent accuracy, in-scope accuracy, out-of-scope
recall, sentiment accuracy, agreement with plain fp32, batch dependence (rows whose intent changes between
alone and in consecutive batches of 32, largest confidence change), and the forward's CPU ms per utterance at batch 32
and for one utterance with 1 thread — the variants take turns batch by batch, so they share the machine's
load — next to plain fp32 (the baseline) from the same run:

    nice -n 10 .venv/bin/python -m bench.encoder.run --variants --threads 1

Prints the machine and load average; writes ``bench/encoder/results.json`` (``variants.json``).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parents[2]
TEST = REPO / "training" / "demo_store" / "nlu" / "test.jsonl"


def machine() -> str:
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor())
    load = os.getloadavg()
    return f"{os.cpu_count()} cores ({model}), load average {load[0]:.1f}/{load[1]:.1f}/{load[2]:.1f}"


def report(info: dict[str, Any], rows: list[dict[str, Any]], *, as_json: bool, heading: str,
           columns: dict[str, Any]) -> None:
    """Print one JSON object (``info`` + ``rows``), or ``heading`` and a Markdown table: ``columns`` maps each
    title to a function of (row, first row) giving the cell."""
    if as_json:
        print(json.dumps({**info, "rows": rows}))
        return
    print(heading)
    print("| " + " | ".join(columns) + " |\n|" + "---|" * len(columns))
    for r in rows:
        print("| " + " | ".join(str(cell(r, rows[0])) for cell in columns.values()) + " |")


def timed(fn: Any, reps: list[Any]) -> tuple[list[float], float]:
    """Wall ms per call and total CPU seconds of the process."""
    out = []
    c0 = time.process_time()
    for r in reps:
        t0 = time.perf_counter()
        fn(r)
        out.append((time.perf_counter() - t0) * 1000)
    return out, time.process_time() - c0


def p(values: list[float], q: float) -> float:
    return float(np.percentile(values, q))


def bench_path(name: str, model: Any, texts: list[str], rows: list[Any], a: argparse.Namespace) -> dict[str, Any]:
    import torch

    from bot.dialogue.batching import BatchedUnderstander
    from intents.predictor import IntentPredictor

    predictor = IntentPredictor(model, threads=a.threads, batch_size=32)
    predictor.predict(texts[:8])  # warm-up
    singles = texts[: a.singles]
    tokenized = [model.tokenize([t]) for t in singles]
    with torch.inference_mode():
        raw, raw_cpu = timed(lambda b: model(b["input_ids"], b["attention_mask"]), tokenized)
    pred, pred_cpu = timed(lambda t: predictor.predict([t], fallback_language="en"), singles)
    batches = [texts[i: i + 32] for i in range(0, min(len(texts), 32 * a.batches), 32)]
    batches = [b for b in batches if len(b) == 32]
    tok_batches = [model.tokenize(b) for b in batches]
    with torch.inference_mode():
        raw32, raw32_cpu = timed(lambda b: model(b["input_ids"], b["attention_mask"]), tok_batches)
    b32, b32_cpu = timed(lambda b: predictor.predict_many(b, ["en"] * len(b)), batches)
    understander = BatchedUnderstander(predictor, max_batch=32, wait_s=a.wait_ms / 1000)
    calls = texts[: 32 * a.batches]
    per_call: list[float] = []

    def one(t: str) -> None:
        t0 = time.perf_counter()
        understander.predict([t], fallback_language="en")
        per_call.append((time.perf_counter() - t0) * 1000)

    t0, c0 = time.perf_counter(), time.process_time()
    with ThreadPoolExecutor(32) as pool:
        list(pool.map(one, calls))
    mb_wall, mb_cpu = time.perf_counter() - t0, time.process_time() - c0
    mean_batch = understander.batcher.mean_batch
    understander.close()
    res: dict[str, Any] = {
        "path": name,
        "raw_p50_ms": p(raw, 50), "raw_p99_ms": p(raw, 99), "raw_cpu_ms": 1000 * raw_cpu / len(raw),
        "predict_p50_ms": p(pred, 50), "predict_p99_ms": p(pred, 99), "predict_cpu_ms": 1000 * pred_cpu / len(pred),
        "raw32_ms": p(raw32, 50), "raw32_per_s": 32000 / p(raw32, 50), "raw32_cpu_ms": 1000 * raw32_cpu / len(raw32),
        "batch32_ms": p(b32, 50), "batch32_per_s": 32000 / p(b32, 50), "batch32_cpu_ms": 1000 * b32_cpu / len(b32),
        "micro_p50_ms": p(per_call, 50), "micro_p99_ms": p(per_call, 99), "micro_per_s": len(calls) / mb_wall,
        "micro_cpu_ms_per_utt": 1000 * mb_cpu / len(calls), "micro_mean_batch": mean_batch,
    }
    if rows:
        from training.intents_eval import evaluate

        m = evaluate(predictor, rows)
        res["accuracy"] = m["accuracy"]
        res["sentiment_accuracy"] = m.get("sentiment_accuracy")
    return res


PER_TENSOR = {"per_channel": False}
# name -> (onnxruntime BERT fusion first?, int8 recipe or None for fp32); keep_fp32 names nodes left in fp32
VARIANTS: dict[str, tuple[bool, dict[str, Any] | None]] = {
    "fp32": (False, None),
    "fp32 fused": (True, None),
    "int8 per-tensor (all ops)": (False, PER_TENSOR),
    "int8 per-tensor MatMul only": (False, PER_TENSOR | {"op_types": ("MatMul",)}),
    "int8 per-tensor reduce_range": (False, PER_TENSOR | {"reduce_range": True}),
    "int8 per-tensor QUInt8 weights": (False, PER_TENSOR | {"weight_type": "QUInt8"}),
    "int8 per-tensor FFN output fp32": (False, PER_TENSOR | {"keep_fp32": "FFN"}),
    "int8 per-tensor first+last layer fp32": (False, PER_TENSOR | {"keep_fp32": r"^/layer\.(0|11)/"}),
    "int8 per-channel": (False, {}),
    "int8 per-channel FFN output fp32": (False, {"keep_fp32": "FFN"}),
    "int8 per-channel QUInt8 weights": (False, {"weight_type": "QUInt8"}),
    "int8 per-tensor fused": (True, PER_TENSOR),
    "int8 per-channel fused": (True, {}),
    "int8 per-token": (False, {"activations": "per-token"}),
    "int8 per-token 7-bit weights": (False, {"activations": "per-token", "reduce_range": True}),
    "int8 per-token FFN output fp32": (False, {"activations": "per-token", "keep_fp32": "FFN"}),
}


def build_variants(model: Any, names: list[str], out: Path) -> dict[str, Path]:
    """One plain and one fused fp32 export of ``model`` in ``out``, and each int8 variant quantised from them."""
    from common.onnx import Int8Recipe, quantize
    from intents.onnx import FFN_OUTPUT, FP32_FILE, export_onnx, fuse

    plain, fused = out / "plain", out / "fused"
    if not (plain / FP32_FILE).exists():
        export_onnx(model, plain, int8=False, fused=False)
    if any(VARIANTS[n][0] for n in names) and not (fused / FP32_FILE).exists():
        fused.mkdir(parents=True, exist_ok=True)
        cfg = model.encoder.config
        print("fusion:", fuse(plain / FP32_FILE, fused / FP32_FILE, num_heads=cfg.num_attention_heads,
                              hidden_size=cfg.hidden_size), flush=True)
    files = {}
    for name in names:
        is_fused, recipe = VARIANTS[name]
        src = (fused if is_fused else plain) / FP32_FILE
        if recipe is None:
            files[name] = src
            continue
        files[name] = out / (re.sub(r"[^\w+-]+", "_", name) + ".onnx")
        if not files[name].exists():
            keep = FFN_OUTPUT if recipe.get("keep_fp32") == "FFN" else recipe.get("keep_fp32", "")
            quantize(src, files[name], Int8Recipe(**(recipe | {"keep_fp32": keep})))
    return files


def bench_variants(model_dir: Path, rows: list[Any], a: argparse.Namespace) -> list[dict[str, Any]]:
    import torch

    from common.onnx import session
    from intents.model import IntentModel
    from intents.onnx import OnnxIntentModel
    from intents.predictor import IntentPredictor
    from training.intents_eval import evaluate

    torch_model = IntentModel.from_pretrained(model_dir)
    names = [n.strip() for n in a.variants.split(",")] if a.variants != "all" else list(VARIANTS)
    out = a.onnx_dir or Path(f"/tmp/shopbot-onnx-variants-{os.getpid()}")
    files = build_variants(torch_model, ["fp32"] + [n for n in names if n != "fp32"], out)
    texts = [r.text for r in rows]
    batches = [torch_model.tokenize(texts[i: i + 32]) for i in range(0, len(texts) - 31, 32)][: a.batches]
    singles = [torch_model.tokenize([t]) for t in texts[: a.singles]]
    results, reference, models = [], None, {}
    for name, path in files.items():
        model = OnnxIntentModel(session(path, threads=a.threads), torch_model.tokenizer, torch_model.config,
                                torch_model.encoder.config)
        predictor = IntentPredictor(model, threads=a.threads, batch_size=32)
        preds = [p for i in range(0, len(texts), 32) for p in predictor.predict(texts[i: i + 32])]
        alone = [predictor.predict([t])[0] for t in texts]
        reference = reference or preds
        m = evaluate(predictor, rows)
        results.append({"variant": name, "file_mb": path.stat().st_size / 1e6, "accuracy": m["accuracy"],
                        "in_scope_accuracy": m.get("in_scope_accuracy"), "oos_recall": m.get("oos_recall"),
                        "sentiment_accuracy": m.get("sentiment_accuracy"), "per_language": m.get("per_language"),
                        "agreement": float(np.mean([x.intent == y.intent for x, y in zip(preds, reference)])),
                        "alone_vs_batch_intent_changes": sum(x.intent != y.intent for x, y in zip(alone, preds)),
                        "alone_vs_batch_max_confidence_change": max(abs(x.confidence - y.confidence)
                                                                    for x, y in zip(alone, preds))})
        models[name] = model
        print(json.dumps(results[-1]), flush=True)
    cpu: dict[str, dict[str, list[float]]] = {n: {"b32": [], "single": []} for n in models}
    with torch.inference_mode():
        for kind, inputs, size in (("b32", batches, 32), ("single", singles, 1)):
            for b in inputs:  # every variant on the same input in turn: they share the machine's load
                for name, model in models.items():
                    _, c = timed(lambda x: model(x["input_ids"], x["attention_mask"]), [b])
                    cpu[name][kind].append(1000 * c / size)
    for r in results:
        r["b32_cpu_ms"] = p(cpu[r["variant"]]["b32"], 50)
        r["single_cpu_ms"] = p(cpu[r["variant"]]["single"], 50)
    return results


def print_variants(results: list[dict[str, Any]]) -> None:
    base = results[0]
    print("| variant | intent accuracy (vs fp32) | in-scope / OOS recall | sentiment | agrees with fp32 | "
          "alone vs batch 32: rows changed, max confidence change | "
          "CPU ms / utt, batch 32 (speed-up) | CPU ms, 1 utt (speed-up) | MB |")
    print("|" + "---|" * 9)
    for r in results:
        print(f"| {r['variant']} | {100 * r['accuracy']:.2f}% ({100 * (r['accuracy'] - base['accuracy']):+.2f}) | "
              f"{100 * r['in_scope_accuracy']:.1f}% / {100 * r['oos_recall']:.1f}% | "
              f"{100 * r['sentiment_accuracy']:.1f}% | {100 * r['agreement']:.1f}% | "
              f"{r['alone_vs_batch_intent_changes']}, {r['alone_vs_batch_max_confidence_change']:.1e} | "
              f"{r['b32_cpu_ms']:.2f} ({base['b32_cpu_ms'] / r['b32_cpu_ms']:.2f}x) | "
              f"{r['single_cpu_ms']:.1f} ({base['single_cpu_ms'] / r['single_cpu_ms']:.2f}x) | {r['file_mb']:.0f} |")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", type=Path, default=None, help="trained intent model (default: <cache>/models/intents)")
    ap.add_argument("--onnx-dir", type=Path, default=None, help="ONNX export of --model (made here if missing)")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--singles", type=int, default=200, help="single-utterance calls per path")
    ap.add_argument("--batches", type=int, default=8, help="batches of 32 per path")
    ap.add_argument("--wait-ms", type=float, default=2.0, help="micro-batcher wait")
    ap.add_argument("--paths", default="torch,onnx-fp32,onnx-int8,onnx-int8-token")
    ap.add_argument("--variants", nargs="?", const="all", default=None,
                    help="compare int8 / fusion recipes instead (comma-separated names of VARIANTS; default all)")
    ap.add_argument("--out", type=Path, default=None)
    a = ap.parse_args()
    a.out = a.out or REPO / "bench" / "encoder" / ("variants.json" if a.variants else "results.json")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import torch

    from bot.settings import Settings
    from intents.model import IntentConfig, IntentModel
    from training.intents_data import read_jsonl

    torch.set_num_threads(a.threads)
    settings = Settings()
    model_dir = a.model or settings.model_dir
    trained = model_dir is not None and (Path(model_dir) / "manifest.json").exists()
    rows = read_jsonl(TEST) if trained else []
    texts = [r.text for r in read_jsonl(TEST)]
    texts = (texts * 4)[: max(a.singles, 32 * a.batches)]
    torch_model = IntentModel.from_pretrained(model_dir) if trained else IntentModel.from_base(
        settings.base_model_dir, IntentConfig(["a", "b"]))
    print(f"machine: {machine()}, Python {platform.python_version()}, torch {torch.__version__}, nice {os.nice(0)}")
    print(f"settings: threads {a.threads}, {a.singles} single utterances, {a.batches} batches of 32, micro-batch wait "
          f"{a.wait_ms} ms, model {model_dir if trained else 'fresh heads on the base (no accuracy)'}", flush=True)
    if a.variants:
        if not trained:
            raise SystemExit("--variants needs a trained model (accuracy decides)")
        results = bench_variants(Path(model_dir), rows, a)
        print(f"\nmachine after: {machine()}")
        print_variants(results)
        a.out.write_text(json.dumps({"machine": machine(), "args": {k: str(v) for k, v in vars(a).items()},
                                     "results": results}, indent=2))
        return
    results = []
    paths = a.paths.split(",")
    if "torch" in paths:
        results.append(bench_path("torch", torch_model, texts, rows, a))
        print(json.dumps(results[-1]), flush=True)
    onnx_paths = [x for x in paths if x.startswith("onnx")]
    if onnx_paths:
        from intents.onnx import FP32_FILE, OnnxIntentModel, export_onnx

        onnx_dir = a.onnx_dir or Path(f"/tmp/shopbot-onnx-{os.getpid()}")
        if not (onnx_dir / FP32_FILE).exists():
            t0 = time.perf_counter()
            export_onnx(torch_model, onnx_dir, model_dir=model_dir if trained else None)
            print(f"exported ONNX (fp32 + int8) to {onnx_dir} in {time.perf_counter() - t0:.0f}s", flush=True)
        for name in onnx_paths:
            graph = name.removeprefix("onnx-")  # onnx-fp32, onnx-int8, onnx-int8-token
            if trained:
                m = OnnxIntentModel.load(model_dir, onnx_dir, graph=graph, threads=a.threads)
            else:  # fresh heads: same tokenizer and config as the torch model
                from common.onnx import session
                from intents.onnx import GRAPHS

                m = OnnxIntentModel(session(onnx_dir / GRAPHS[graph], threads=a.threads), torch_model.tokenizer,
                                    torch_model.config, torch_model.encoder.config)
            results.append(bench_path(name, m, texts, rows, a))
            print(json.dumps(results[-1]), flush=True)
    print(f"\nmachine after: {machine()}")
    print("| path | raw forward p50 / p99 ms | predict 1 utt p50 / p99 ms (x floor) | raw batch 32 utt/s | "
          "predict batch 32 utt/s | micro-batched 32 threads: utt/s, p50 / p99 ms, mean batch | CPU ms/utt "
          "(1 / b32 / micro) | accuracy |")
    print("|" + "---|" * 8)
    for r in results:
        acc = f"{100 * r['accuracy']:.2f}%" if "accuracy" in r else "-"
        print(f"| {r['path']} | {r['raw_p50_ms']:.1f} / {r['raw_p99_ms']:.1f} | {r['predict_p50_ms']:.1f} / "
              f"{r['predict_p99_ms']:.1f} ({r['predict_p50_ms'] / r['raw_p50_ms']:.2f}x) | {r['raw32_per_s']:.0f} | "
              f"{r['batch32_per_s']:.0f} | {r['micro_per_s']:.0f}, {r['micro_p50_ms']:.0f} / {r['micro_p99_ms']:.0f}, "
              f"{r['micro_mean_batch']:.1f} | {r['predict_cpu_ms']:.1f} / {r['batch32_cpu_ms'] / 32:.2f} / "
              f"{r['micro_cpu_ms_per_utt']:.2f} | {acc} |")
    a.out.parent.mkdir(parents=True, exist_ok=True)
    a.out.write_text(json.dumps({"machine": machine(), "args": {k: str(v) for k, v in vars(a).items()},
                                 "results": results}, indent=2))


if __name__ == "__main__":
    main()
