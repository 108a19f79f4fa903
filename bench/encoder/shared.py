"""Could the retrieval query share the intent model's forward? Retrieval quality with the fine-tuned intent
encoder in place of the base e5 embedder, same documents, same hybrid search, same queries.

    nice -n 10 .venv/bin/python -m bench.encoder.shared [--model DIR]

Both indexes are built here from the demo store (products, FAQ, policies) — one with the base
multilingual-e5-small (what the server loads today: a second model and a second forward per FAQ or
product turn), one with the intent model's encoder (mean pooled, ``query: ``/``passage: `` prefixes,
L2-normalised). Queries: ``bench/retrieval/demo_store_test.jsonl``. Reports recall@1/@5 and MRR for
hybrid and dense-only search. Writes ``bench/encoder/shared.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parents[2]
STORE = REPO / "training" / "demo_store"
QUERIES = REPO / "bench" / "retrieval" / "demo_store_test.jsonl"


class IntentEncoderEmbedder:
    """The intent model's encoder behind the ``retrieval.embedder.Embedder`` interface."""

    def __init__(self, model: Any, model_dir: Path) -> None:
        self.model, self.model_dir, self.model_id, self.batch_size = model, model_dir, "intent-encoder", 32

    @property
    def dim(self) -> int:
        return int(self.model.encoder.config.hidden_size)

    def _encode(self, texts: list[str], prefix: str) -> np.ndarray:
        import torch

        from intents.model import mean_pool

        out = []
        with torch.inference_mode():
            for s in range(0, len(texts), self.batch_size):
                batch = self.model.tokenizer([prefix + t for t in texts[s: s + self.batch_size]], padding=True,
                                             truncation=True, max_length=256, return_tensors="pt")
                hidden = self.model.upper(self.model.encoder.embeddings(input_ids=batch["input_ids"]),
                                          batch["attention_mask"], 0)
                out.append(mean_pool(hidden, batch["attention_mask"]).numpy())
        vecs = np.concatenate(out) if out else np.zeros((0, self.dim), dtype=np.float32)
        vecs /= np.linalg.norm(vecs, axis=1, keepdims=True).clip(min=1e-12)
        return np.ascontiguousarray(vecs, dtype=np.float32)

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts, "query: ")

    def encode_passages(self, texts: list[str], *, show_progress: bool = False) -> np.ndarray:
        return self._encode(texts, "passage: ")


def evaluate(embedder: Any, docs: list[Any], rows: list[dict[str, Any]]) -> dict[str, Any]:
    from retrieval.evaluate import metrics, run_queries
    from retrieval.hybrid import HybridSearcher
    from retrieval.index import DocumentIndex

    t0 = time.perf_counter()
    index = DocumentIndex.build(docs, embedder)
    built = time.perf_counter() - t0
    out: dict[str, Any] = {"build_s": built}
    vectors = embedder.encode_queries([r["query"] for r in rows])
    for mode in ("hybrid", "dense"):
        m = metrics(run_queries(HybridSearcher(index, mode=mode), rows, vectors=vectors))
        out[mode] = {k: m.get(k) for k in ("recall_at_1", "recall_at_5", "mrr")}
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", type=Path, default=None)
    ap.add_argument("--threads", type=int, default=1)
    a = ap.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import torch

    from bot.settings import Settings
    from intents.model import IntentModel
    from retrieval.documents import load_documents, read_jsonl
    from retrieval.embedder import Embedder

    torch.set_num_threads(a.threads)
    settings = Settings()
    model_dir = a.model or settings.model_dir
    docs = load_documents(products=STORE / "products.jsonl", faq=STORE / "faq.jsonl",
                          policies=STORE / "policies.jsonl")
    rows = list(read_jsonl(QUERIES))
    load = os.getloadavg()[0]
    print(f"machine: {os.cpu_count()} cores, load average {load:.1f}; {len(docs)} documents, {len(rows)} queries, "
          f"threads {a.threads}", flush=True)
    results = {"base e5 (today)": evaluate(Embedder.load(settings.base_model_dir), docs, rows)}
    print(json.dumps(results), flush=True)
    results["intent encoder (shared forward)"] = evaluate(
        IntentEncoderEmbedder(IntentModel.from_pretrained(model_dir), model_dir), docs, rows)
    print("| encoder | hybrid R@1 / R@5 / MRR | dense-only R@1 / R@5 / MRR | index build s |")
    print("|---|---|---|---|")
    for name, r in results.items():
        h, d = r["hybrid"], r["dense"]
        print(f"| {name} | {h['recall_at_1']:.3f} / {h['recall_at_5']:.3f} / {h['mrr']:.3f} | "
              f"{d['recall_at_1']:.3f} / {d['recall_at_5']:.3f} / {d['mrr']:.3f} | {r['build_s']:.0f} |")
    (REPO / "bench" / "encoder" / "shared.json").write_text(json.dumps({"load_average": load, **results}, indent=2))


if __name__ == "__main__":
    main()
