"""A kept sentiment model's probabilities stacked with TF-IDF + LR, paired against the model alone (issue 3).

    PYTHONPATH=. .venv/bin/python -m bench.intents.blend --model bench/results/intents_models/zh_shopping \\
        --dataset zh_shopping --max-train 10000 --max-test 2000

Rebuilds the rows of ``bench.intents.run`` (checked against the model's manifest hashes), fits TF-IDF + LR
(``tfidf_pipeline``) on the model's own training rows, the blends on its calibration carve-out only, and scores
everything on the held-out rows: accuracy, exact McNemar against the model, rows > / <= 64 tokens, and the lexical
head's serving cost. Pre-registered in bench/intents/RESULTS.md (thirteenth session).
"""

from __future__ import annotations

import argparse
import json
import pickle
import time
from collections import Counter
from pathlib import Path

import numpy as np

from bench.intents.run import REPO, _cpu, label, sampled, tfidf_pipeline
from training.intents_data import Row, rows_sha256

EPS = 1e-6
LONG = 64  # tokens: the recipe's max length


def logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, EPS, 1 - EPS)
    return np.log(p / (1 - p))


def mcnemar(a: np.ndarray, b: np.ndarray) -> tuple[int, int, float]:
    """Rows right only by ``a``, only by ``b``, and the exact two-sided McNemar p (binomial on the discordant)."""
    from scipy.stats import binomtest

    only_a, only_b = int((a & ~b).sum()), int((b & ~a).sum())
    return only_a, only_b, float(binomtest(only_a, only_a + only_b).pvalue) if only_a + only_b else 1.0


def lexical(train: list[Row], *rows: list[Row]) -> tuple[object, list[np.ndarray]]:
    """``tfidf_pipeline`` fitted on ``train``; P(positive) of each row list."""
    pipe = tfidf_pipeline().fit([r.text for r in train], [label(r) for r in train])
    pos = list(pipe.classes_).index("positive")
    return pipe, [pipe.predict_proba([r.text for r in rs])[:, pos] for rs in rows]


def stacked(cal: list[np.ndarray], y: np.ndarray, test: list[np.ndarray]) -> tuple[np.ndarray, list[float]]:
    """Logistic regression on the parts' log-odds, fitted on the calibration rows; P(positive) of the test rows."""
    from sklearn.linear_model import LogisticRegression

    lr = LogisticRegression().fit(np.column_stack([logit(p) for p in cal]), y)
    return lr.predict_proba(np.column_stack([logit(p) for p in test]))[:, 1], [float(lr.intercept_[0]),
                                                                             *map(float, lr.coef_[0])]


def averaged(cal: list[np.ndarray], y: np.ndarray, test: list[np.ndarray]) -> tuple[np.ndarray, float]:
    """w * p_T + (1 - w) * p_L, w on a 0.05 grid minimising the calibration log loss."""
    from sklearn.metrics import log_loss

    grid = np.round(np.linspace(0, 1, 21), 2)
    w = min(grid, key=lambda w: log_loss(y, np.clip(w * cal[0] + (1 - w) * cal[1], EPS, 1 - EPS)))
    return w * test[0] + (1 - w) * test[1], float(w)


def serving_ms(pipe, texts: list[str], batch: int = 32) -> float:
    """Median wall ms of ``predict_proba`` on consecutive batches of ``batch`` texts."""
    times = []
    for s in range(0, len(texts) - batch + 1, batch):
        t0 = time.perf_counter()
        pipe.predict_proba(texts[s : s + batch])
        times.append(time.perf_counter() - t0)
    return 1000 * float(np.median(times))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", type=Path, required=True, help="a model folder kept by bench.intents.run")
    ap.add_argument("--dataset", default="zh_shopping")
    ap.add_argument("--data-root", type=Path, default=REPO.parent / "shared" / "data")
    ap.add_argument("--max-train", type=int, default=None)
    ap.add_argument("--max-test", type=int, default=None)
    ap.add_argument("--json", type=Path, default=None, help="write the figures here too")
    a = ap.parse_args()
    import torch

    from intents.model import MANIFEST_FILE, IntentModel
    from training.intents_train import TrainArgs, calibration_split

    torch.set_num_threads(1)
    c0, t0 = time.process_time(), time.perf_counter()
    manifest = json.loads((a.model / MANIFEST_FILE).read_text())
    targs = TrainArgs(**{k: v for k, v in manifest["training_args"].items() if k in TrainArgs.__dataclass_fields__})
    train, calib, test = sampled(a.dataset, a.data_root, a.max_train, a.max_test)
    split = calibration_split(train, calib, targs)
    assert rows_sha256(split.train) == manifest["data_sha256"], "not the rows this model trained on"
    assert rows_sha256(split.calibration) == manifest["valid_sha256"], "not this model's calibration rows"
    cal_rows = split.calibration
    y_cal = np.array([r.sentiment == "positive" for r in cal_rows])
    y = np.array([r.sentiment == "positive" for r in test])

    model = IntentModel.from_pretrained(a.model)
    labels = model.config.sentiment_labels
    pos, neg = labels.index("positive"), labels.index("negative")
    s_cal, s_test = (model.classify([r.text for r in rows]).sentiment_probs for rows in (cal_rows, test))
    t_cal, t_test = (s[:, pos] / (s[:, pos] + s[:, neg]) for s in (s_cal, s_test))
    bench_pred = s_test.argmax(1) == pos  # IntentPredictor's sentiment: the argmax of all the head's labels
    c_model = time.process_time() - c0
    pipe, (l_cal, l_test) = lexical(split.train, cal_rows, test)
    # the full data's training rows minus the calibration rows (one occurrence each: reviews repeat)
    rest, drop = [], Counter(cal_rows)
    for r in sampled(a.dataset, a.data_root, None, None)[0]:
        if drop[r]:
            drop[r] -= 1
        else:
            rest.append(r)
    _, (f_cal, f_test) = lexical(rest, cal_rows, test)
    b_test, coef = stacked([t_cal, l_cal], y_cal, [t_test, l_test])
    avg_test, w = averaged([t_cal, l_cal], y_cal, [t_test, l_test])
    full_test, full_coef = stacked([t_cal, f_cal], y_cal, [t_test, f_test])

    right = {"T (bench: argmax of 3)": bench_pred == y, "T (P(pos) > 0.5 of pos+neg)": (t_test > 0.5) == y,
             f"L (TF-IDF, {len(split.train)} rows)": (l_test > 0.5) == y,
             "B (stacking, the judged blend)": (b_test > 0.5) == y, f"B' (average, w = {w:g})": (avg_test > 0.5) == y,
             f"L'' (TF-IDF, {len(rest)} rows)": (f_test > 0.5) == y, "B'' (stacking with L'')": (full_test > 0.5) == y}
    n_tok = np.array([len(ids) for ids in model.tokenizer([model.config.prefix + r.text for r in test])["input_ids"]])
    long = n_tok > LONG
    cal_acc = {"T": float(((t_cal > 0.5) == y_cal).mean()), "L": float(((l_cal > 0.5) == y_cal).mean())}
    base = right["T (bench: argmax of 3)"]
    texts = [r.text for r in test]
    t1 = time.perf_counter()
    for s in range(0, 320, 32):
        model.classify(texts[s : s + 32])
    model_ms = 1000 * (time.perf_counter() - t1) / 10
    res = {
        "machine": _cpu(), "torch_threads": torch.get_num_threads(), "n_train": len(split.train),
        "n_calibration": len(cal_rows), "n_test": len(test), "n_lexical_full": len(rest),
        "stacking_coef (intercept, T, L)": coef, "stacking_coef_full": full_coef, "average_w": w,
        "calibration_accuracy": cal_acc,
        "rows": {k: {"accuracy": float(v.mean()), "right": int(v.sum()), "long": float(v[long].mean()),
                     "short": float(v[~long].mean()), "vs_T": mcnemar(v, base)} for k, v in right.items()},
        "n_long": int(long.sum()),
        "lexical_ms_per_32": serving_ms(pipe, texts), "lexical_pickle_mb": len(pickle.dumps(pipe)) / 2**20,
        "model_ms_per_32": model_ms, "cpu_seconds": time.process_time() - c0, "model_cpu_seconds": c_model,
        "wall_seconds": time.perf_counter() - t0,
    }
    print(f"machine: {res['machine']}, torch threads {res['torch_threads']}; rows {len(split.train)} trained / "
          f"{len(cal_rows)} calibration / {len(test)} held-out ({res['n_long']} > {LONG} tokens)")
    print(f"stacking (intercept, T, L) {coef}; average w = {w:g}; calibration accuracy {cal_acc}")
    print("\n| predictor | held-out acc | > 64 tokens | <= 64 | right only by it / only by T | exact McNemar p |")
    print("|---|---|---|---|---|---|")
    for k, v in res["rows"].items():
        oa, ob, p = v["vs_T"]
        print(f"| {k} | {v['accuracy']:.2%} ({v['right']}) | {v['long']:.2%} | {v['short']:.2%} | {oa} / {ob} | {p:.3g} |")
    print(f"\nlexical head: {res['lexical_ms_per_32']:.1f} ms per 32 utterances (median), pickled "
          f"{res['lexical_pickle_mb']:.1f} MB; transformer: {res['model_ms_per_32']:.0f} ms per 32 (mean of 10)")
    print(f"CPU {res['cpu_seconds']:.0f} s (transformer inference {c_model:.0f} s), wall {res['wall_seconds']:.0f} s")
    if a.json:
        a.json.write_text(json.dumps(res, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
