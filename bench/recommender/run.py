"""Full-ranking benchmark of the sequential recommender on ../shared/data/recsys.

    nice -n 10 .venv/bin/python -m bench.recommender.run --dataset beauty

Amazon Beauty / Sports: the files already lack each user's last item; of what remains the last item
is the test target; training holds out the one before it for ``--val-users`` users (early stopping,
tuning), exactly what ``shopbot train-recommender`` does with the sequences minus their last item.
Ranking is over ALL items with the history excluded. Diginetica: the last ``--test-fraction`` of the
sessions (file order) is held out and every prefix of a test session predicts its next item (the
SR-GNN / GCE-GNN protocol), history kept; targets unseen in training count as misses.
Scored in the same run on the same targets: popularity, the plain sequential co-occurrence baseline
(raw counts of j following i within a window, scored from the last k items; window and k tuned on
the same validation targets), its untuned default (window 3, k 3), and SASRec alone.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
from dataclasses import asdict
from pathlib import Path

import torch

from bench.recommender.common import REPO, machine, write_result
from retrieval.recommender.baselines import CoOccurrence, CoOccurrenceConfig
from retrieval.recommender.data import read_sequences, read_sessions
from retrieval.recommender.evaluation import encode_split, evaluate_recommender
from retrieval.recommender.metrics import evaluate
from retrieval.recommender.train import TrainConfig, train_recommender

DATASETS = {
    "beauty": "recsys/amazon_beauty/sequences_without_last.txt",
    "sports": "recsys/amazon_sports_and_outdoors/sequences_without_last.txt",
    "diginetica": "recsys/diginetica/train_sessions.txt",
}


def load(name: str, root: Path, test_fraction: float) -> tuple[dict[str, list[str]], dict[str, list[str]], dict[str, str]]:
    """(training sequences, test histories, test targets)."""
    path = root / DATASETS[name]
    if name == "diginetica":
        sessions = [s for s in read_sessions(path) if len(s) >= 2]
        cut = int(len(sessions) * (1 - test_fraction))
        train = {f"s{i}": s for i, s in enumerate(sessions[:cut])}
        prefixes = [(s[:t], s[t]) for s in sessions[cut:] for t in range(1, len(s))]
        return (train, {f"t{i}": h for i, (h, _) in enumerate(prefixes)},
                {f"t{i}": y for i, (_, y) in enumerate(prefixes)})
    seqs = read_sequences(path)
    hist = {u: s[:-1] for u, s in seqs.items()}
    return hist, hist, {u: s[-1] for u, s in seqs.items()}


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--dataset", choices=sorted(DATASETS), default="beauty")
    p.add_argument("--data-root", type=Path, default=REPO.parent / "shared" / "data")
    p.add_argument("--epochs", type=int, default=200)
    p.add_argument("--time-budget", type=float, default=1200.0, help="seconds of SASRec training")
    p.add_argument("--negatives", type=int, default=0, help="0 = full softmax")
    p.add_argument("--batch-size", type=int, default=128)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--dim", type=int, default=64)
    p.add_argument("--dropout", type=float, default=0.5)
    p.add_argument("--layers", type=int, default=2)
    p.add_argument("--max-len", type=int, default=50)
    p.add_argument("--patience", type=int, default=8)
    p.add_argument("--eval-every", type=int, default=1)
    p.add_argument("--val-users", type=int, default=10_000)
    p.add_argument("--test-fraction", type=float, default=0.1, help="diginetica: held-out sessions")
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--max-users", type=int, default=0, help="quick check on the first N users / sessions")
    p.add_argument("--test-sample", type=int, default=0, help="score a seeded random sample of N test targets")
    p.add_argument("--out", type=Path, default=None, help="also save the trained model here")
    args = p.parse_args()
    logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(asctime)s %(message)s")
    torch.set_num_threads(args.threads)
    info = machine()
    print(f"machine: {info}")
    sessions = args.dataset == "diginetica"
    train, hist, targets = load(args.dataset, args.data_root, args.test_fraction)
    if args.max_users:
        keep = list(targets)[: args.max_users]
        train = dict(list(train.items())[: args.max_users]) if sessions else {u: train[u] for u in keep}
        hist, targets = {u: hist[u] for u in keep}, {u: targets[u] for u in keep}
    n_test = len(targets)
    if args.test_sample and args.test_sample < len(targets):
        import random

        keep = random.Random(0).sample(sorted(targets), args.test_sample)
        hist, targets = {u: hist[u] for u in keep}, {u: targets[u] for u in keep}
    cfg = TrainConfig(epochs=args.epochs, time_budget_s=args.time_budget, negatives=args.negatives,
                      batch_size=args.batch_size, lr=args.lr, dim=args.dim, dropout=args.dropout,
                      layers=args.layers, max_len=args.max_len, exclude_history=not sessions,
                      patience=args.patience, eval_every=args.eval_every, val_users=args.val_users)
    print(f"settings: dataset={args.dataset} users={len(train)} test_targets={len(targets)} of {n_test} {asdict(cfg)}")
    t0, cpu0 = time.perf_counter(), time.process_time()
    rec = train_recommender(train, cfg, manifest={"dataset": args.dataset})
    wall, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    load_after_training = os.getloadavg()
    if args.out:
        rec.save_pretrained(args.out)
    # sessions repeat items often, so they are ranked with history kept (the usual session protocol)
    result = evaluate_recommender(rec, hist, targets, exclude_history=not sessions, baselines=True)
    # the plain co-occurrence baseline (raw counts; window/k tuned on validation) and its untuned
    # default, both fit on the same training sequences as the model
    h, t = encode_split(rec, hist, targets)
    lookup = rec.vocab.index()
    fit_on = [rec.vocab.encode(s, lookup) for s in train.values()]
    for name, ccfg in (("plain", CoOccurrenceConfig(**rec.manifest["cooccurrence_plain"])),
                       ("default", CoOccurrenceConfig())):
        base = CoOccurrence.fit(fit_on, rec.vocab.size, ccfg)
        result |= {f"cooccurrence_{name}_{k}": v
                   for k, v in evaluate(base.scores, h, t, exclude_history=not sessions).items()}
    out = {"dataset": args.dataset, "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "machine": info,
           "settings": asdict(cfg), "test_targets": len(targets), "test_targets_total": n_test,
           "exclude_history": not sessions, "train_wall_s": round(wall, 1),
           "train_cpu_s": round(cpu, 1), "load_avg_after_training": [round(x, 2) for x in load_after_training],
           "load_avg_end": [round(x, 2) for x in os.getloadavg()],
           "cooccurrence_plain": rec.manifest["cooccurrence_plain"],
           "sasrec_train_s": rec.manifest["train_seconds"], "best_epoch": rec.manifest["best_epoch"],
           "epochs_run": rec.manifest["epochs_run"], "fusion": rec.manifest["fusion"],
           "cooccurrence": rec.manifest["cooccurrence"], "validation": rec.manifest["metrics"], "test": result}
    path = write_result(args.dataset, out)
    print(json.dumps(out, indent=2))
    print("\n| scorer | HR@10 | NDCG@10 | Recall@20 | MRR@20 |\n|---|---|---|---|---|")
    for name, prefix in (("model (SASRec + co-occurrence)", ""), ("SASRec alone", "sasrec_"),
                         ("co-occurrence (model's component)", "cooccurrence_"),
                         ("co-occurrence baseline, plain counts, tuned", "cooccurrence_plain_"),
                         ("co-occurrence baseline, default", "cooccurrence_default_"),
                         ("popularity", "popularity_")):
        print(f"| {name} | " + " | ".join(f"{result[prefix + k]:.4f}" for k in
                                          ("hr_at_10", "ndcg_at_10", "recall_at_20", "mrr_at_20")) + " |")
    ratio = result["ndcg_at_10"] / max(result["cooccurrence_plain_ndcg_at_10"], 1e-9)
    print(f"\nNDCG@10 / plain co-occurrence baseline: {ratio:.3f}; training {wall / 60:.1f} min wall, "
          f"{cpu / 60:.1f} min CPU")
    print(f"results written to {path}")


if __name__ == "__main__":
    main()
