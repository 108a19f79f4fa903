"""Re-score a kept intent model under out-of-scope rules fitted on its calibration rows, reported on held-out rows.

    .venv/bin/python -m bench.intents.oos --model bench/results/intents_models/clinc150 --dataset clinc150
    .venv/bin/python -m bench.intents.oos --model ~/.cache/shopbot/models/intents \\
        --data training/demo_store/nlu/train.jsonl --test training/demo_store/nlu/test.jsonl

The calibration rows are the ones training used (the dataset's calibration split, or the seeded 10% that
``train_intents`` carves from ``--data``), so nothing here looks at the held-out rows to choose a rule.
Each rule's temperature and threshold are fitted on the calibration logits only, then applied to the
held-out logits of the same model (one forward per row, no retraining). The distance scores
(``mahalanobis``, ``knn``, ``energy+mahalanobis``) summarise the embeddings of at most 50 training rows per
in-scope intent (``training.intents_calibrate``), as training does when such a score is the default. ``closed-set`` is the in-scope
accuracy of the best in-scope intent with no out-of-scope decision at all: the ceiling any rule can reach.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
from pathlib import Path

import numpy as np

from intents.calibration import (
    ENERGY, ENERGY_VS_OOS, FEATURE_SCORES, ISSUE_OOS_RECALL, MAX_PROB,
    OOS_RECALL_TARGET, RECALL_CONFIDENCE, Calibration, decide, fit_calibration, in_scope_confidence, softmax,
)
from intents.features import FeatureStats
from training.intents_calibrate import calibrate_model, feature_stats_from_rows
from training.intents_data import Row, read_jsonl
from training.intents_train import TrainArgs, calibration_split

# (name, fit_calibration arguments): the rule used before 2026-11-30, the default (85% point target), and the
# opt-in bound (80% shown at 95% confidence), on energy and on energy minus the out_of_scope logit
BOUND = {"min_oos_recall": ISSUE_OOS_RECALL, "confidence": RECALL_CONFIDENCE}
BOUND_NAME = f"oos recall >= {ISSUE_OOS_RECALL:.0%} at {RECALL_CONFIDENCE:.0%} confidence"
RULES = [("max_prob, balanced (before)", {"score": MAX_PROB, "min_oos_recall": None}),
         (f"energy, oos recall >= {OOS_RECALL_TARGET:.0%} (default)", {"score": ENERGY}),
         (f"energy, {BOUND_NAME}", {"score": ENERGY, **BOUND}),
         (f"energy_vs_oos, oos recall >= {OOS_RECALL_TARGET:.0%}", {"score": ENERGY_VS_OOS}),
         (f"energy_vs_oos, {BOUND_NAME}", {"score": ENERGY_VS_OOS, **BOUND}),
         ("energy, oos recall >= 90% (sensitivity)", {"score": ENERGY, "min_oos_recall": 0.9}),
         *((f"{s}, oos recall >= {OOS_RECALL_TARGET:.0%}", {"score": s}) for s in FEATURE_SCORES),
         *((f"{s}, {BOUND_NAME}", {"score": s, **BOUND}) for s in FEATURE_SCORES)]


def scores(logits: np.ndarray, labels: np.ndarray, oos: int | None, cal: Calibration, *,
           embeddings: np.ndarray | None = None, stats: FeatureStats | None = None) -> dict[str, float]:
    """In-scope accuracy (a flagged in-scope row is wrong), out-of-scope recall/precision, and the rejections."""
    probs = softmax(logits, cal.temperature)
    flag = decide(logits, oos, cal, embeddings=embeddings, stats=stats)
    best, _ = in_scope_confidence(probs, oos)
    is_oos = labels == oos if oos is not None else np.zeros(len(labels), bool)
    ins = ~is_oos
    by_class = (probs.argmax(axis=1) == oos) if oos is not None else np.zeros(len(labels), bool)
    return {
        "closed_set": float((best == labels)[ins].mean()),
        "in_scope_accuracy": float(((best == labels) & ~flag)[ins].mean()),
        "oos_recall": float(flag[is_oos].mean()) if is_oos.any() else float("nan"),
        "oos_precision": float(is_oos[flag].mean()) if flag.any() else 0.0,
        "in_scope_rejected": float(flag[ins].mean()),
        "rejected_correct": float((flag & (best == labels))[ins].mean()),
        "rejected_by_oos_class": float(by_class[ins].mean()),
    }


def load_rows(a: argparse.Namespace, training_args: dict) -> tuple[list[Row], list[Row], list[Row]]:
    """(training rows, calibration rows, held-out rows), split as the model's training did (``training_args``:
    its manifest's, for the seed and the held-back out-of-scope share)."""
    args = TrainArgs(seed=a.seed, oos_calibration_share=training_args.get("oos_calibration_share", 0.0))
    if a.dataset:
        from bench.intents.run import DATASETS

        train, calib, test = DATASETS[a.dataset](a.data_root)
        assert calib is not None, f"{a.dataset} has no calibration split; use --data/--test"
    else:
        train, calib, test = read_jsonl(a.data), None, read_jsonl(a.test)
    split = calibration_split(train, calib, args)
    return split.train, split.calibration, test


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", type=Path, required=True)
    ap.add_argument("--dataset", default=None, help="a bench.intents.run dataset with a calibration split")
    ap.add_argument("--data", type=Path, help="the training JSONL (its seeded 10%% carve-out calibrated)")
    ap.add_argument("--test", type=Path, help="held-out JSONL")
    ap.add_argument("--data-root", type=Path, default=Path(__file__).resolve().parents[3] / "shared" / "data")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--save-recalibrated", type=Path, help="write a copy of the model calibrated by the default rule")
    ap.add_argument("--save-logits", type=Path, help="write both splits' logits and labels to this .npz")
    ap.add_argument("--logits-only", action="store_true", help="stop after --save-logits (no rules, no feature pass)")
    a = ap.parse_args()
    import torch

    from intents.model import MANIFEST_FILE, IntentModel

    torch.set_num_threads(a.threads)
    model = IntentModel.from_pretrained(a.model.expanduser())
    labels = model.config.intent_labels
    oos = model.config.oos_index
    stored = model.config.calibration
    manifest = json.loads((a.model.expanduser() / MANIFEST_FILE).read_text())
    train, calib, test = load_rows(a, manifest.get("training_args", {}))
    sets, emb = {}, {}
    for name, rows in (("calibration", calib), ("held-out", test)):
        rows = [r for r in rows if r.intent in labels]
        out = model.classify([r.text for r in rows])
        sets[name] = (out.intent_logits, np.array([labels.index(r.intent) for r in rows]))
        emb[name] = out.embeddings
    if a.save_logits:
        np.savez(a.save_logits, cal_logits=sets["calibration"][0], cal_labels=sets["calibration"][1],
                 test_logits=sets["held-out"][0], test_labels=sets["held-out"][1], oos=-1 if oos is None else oos,
                 cal_embeddings=emb["calibration"], test_embeddings=emb["held-out"])
        if a.logits_only:
            return
    stats = feature_stats_from_rows(model, train, a.seed, keep_rows=True)
    n_oos = {k: int((y == oos).sum()) if oos is not None else 0 for k, (_, y) in sets.items()}
    print(f"machine: {os.cpu_count()} cores {platform.machine()}, torch {torch.__version__}, threads {a.threads}; "
          f"model {a.model}; stored calibration: {stored}")
    if a.save_recalibrated:  # same weights, the default rule fitted on the same calibration rows
        calibrate_model(model, train, calib, seed=a.seed)
        model.save_pretrained(a.save_recalibrated, manifest | {"recalibrated_from": str(a.model)})
        print(f"wrote {a.save_recalibrated}: {model.config.calibration}")
    print(f"rows: calibration {len(sets['calibration'][1])} ({n_oos['calibration']} oos), "
          f"held-out {len(sets['held-out'][1])} ({n_oos['held-out']} oos)\n")
    print("| rule (fitted on calibration) | T | threshold | split | closed-set in-scope | in-scope acc | oos recall "
          "| oos precision | in-scope rejected (of which correct; by oos class) |")
    print("|---|---|---|---|---|---|---|---|---|")
    rules = [("stored in the model", stored)]
    rules += [(name, fit_calibration(*sets["calibration"], oos, embeddings=emb["calibration"], stats=stats, **kw))
              for name, kw in RULES]
    for rule, cal in rules:
        for split, (logits, y) in sets.items():
            # the stored rule reads the model's own statistics; the refitted ones those summarised here
            own = model.feature_stats if cal is stored and stored.score in FEATURE_SCORES else stats
            s = scores(logits, y, oos, cal, embeddings=emb[split], stats=own)
            th = "none" if cal.threshold is None else f"{cal.threshold:.4f}"
            print(f"| {rule} | {cal.temperature:.3f} | {th} | {split} | {s['closed_set']:.2%} | "
                  f"{s['in_scope_accuracy']:.2%} | {s['oos_recall']:.2%} | {s['oos_precision']:.2%} | "
                  f"{s['in_scope_rejected']:.2%} ({s['rejected_correct']:.2%}; {s['rejected_by_oos_class']:.2%}) |")


if __name__ == "__main__":
    main()
