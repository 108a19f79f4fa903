"""Cross-fitting the out-of-scope threshold: a calibration-only bootstrap, then (``--held-out``) the held-out half.

    .venv/bin/python -m bench.intents.crossfit --final final.npz --fold fold.npz [--held-out]

``final.npz``: ``bench.intents.oos --save-logits`` of the model trained on all out-of-scope training rows (the
default recipe), its calibration rows = the calibration half. ``fold.npz``: the same for a *fold* model trained
with ``--oos-calibration-share``, whose calibration rows are the same calibration half followed by the held-back
out-of-scope training rows it never saw. The candidate rule fits the final model's threshold on the calibration
half plus those held-back rows as scored by the fold model (``intents.calibration.OutOfFold``), carried to the
final model's scale by quantile mapping through both models' scores of the calibration half's in-scope rows.

Bootstrap (as bench/intents/RESULTS.md, seventh session): ``--resamples`` stratified resamples (numpy
``default_rng(seed)``) of the in-scope rows, the calibration out-of-scope rows and the held-back rows, each
stratum with replacement from itself; every rule is fitted on the resample and scored with the final model on
the out-of-bag rows of the calibration half (in-scope + out-of-scope). Pass: in-scope >= 95.5% and recall >= 80%.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

import numpy as np

from bench.intents.oos import scores
from intents.calibration import (
    ENERGY,
    Calibration,
    OutOfFold,
    fit_calibration,
    fit_temperature,
    in_scope_score,
    quantile_map,
)

IN_SCOPE_TARGET, RECALL_TARGET = 0.955, 0.80


def auroc(in_scope: np.ndarray, oos: np.ndarray) -> float:
    """P(an in-scope row scores above an out-of-scope row), ties half (scikit-learn's ROC AUC)."""
    from sklearn.metrics import roc_auc_score

    return float(roc_auc_score(np.r_[np.ones(len(in_scope)), np.zeros(len(oos))], np.r_[in_scope, oos]))


def load(final_path: Path, fold_path: Path) -> dict[str, np.ndarray]:
    """Both models' logits, checked to share the label set, the calibration half and the row order."""
    final, fold = np.load(final_path), np.load(fold_path)
    oos, n = int(final["oos"]), len(final["cal_labels"])
    assert int(fold["oos"]) == oos and fold["cal_logits"].shape[1] == final["cal_logits"].shape[1]
    assert (fold["cal_labels"][:n] == final["cal_labels"]).all(), "the fold model's calibration half differs"
    assert (fold["cal_labels"][n:] == oos).all(), "the fold model's extra calibration rows are not all out-of-scope"
    return {"oos": np.array(oos), "logits": final["cal_logits"], "labels": final["cal_labels"],
            "fold_logits": fold["cal_logits"][:n], "held_logits": fold["cal_logits"][n:],
            "test_logits": final["test_logits"], "test_labels": final["test_labels"]}


Rule = Callable[[dict[str, np.ndarray], np.ndarray, float, OutOfFold], Calibration]


def baseline(d: dict[str, np.ndarray], cal: np.ndarray, t: float, oof: OutOfFold) -> Calibration:
    """The default: energy, 85% point target, the calibration half only."""
    return fit_calibration(d["logits"][cal], d["labels"][cal], int(d["oos"]), temperature=t)


def crossfit(d: dict[str, np.ndarray], cal: np.ndarray, t: float, oof: OutOfFold) -> Calibration:
    """The candidate: plus the held-back rows scored by the fold model, quantile-mapped."""
    return fit_calibration(d["logits"][cal], d["labels"][cal], int(d["oos"]), temperature=t, out_of_fold=oof)


def crossfit_unmapped(d: dict[str, np.ndarray], cal: np.ndarray, t: float, oof: OutOfFold) -> Calibration:
    """Disclosure: the fold model's energies taken as they are, on the final model's scale (no mapping)."""
    oos, y = int(d["oos"]), d["labels"][cal]
    own = in_scope_score(d["logits"][cal], oos, ENERGY, t)[y != oos]  # the reference mapped onto itself
    return fit_calibration(d["logits"][cal], y, oos, temperature=t,
                           out_of_fold=OutOfFold(oof.scores, oof.by_class, own))


RULES: dict[str, Rule] = {"energy, 85% point (default)": baseline,
                          "cross-fit: + out-of-fold rows, quantile-mapped (candidate)": crossfit,
                          "cross-fit, unmapped (disclosure)": crossfit_unmapped}


def fit_all(d: dict[str, np.ndarray], cal: np.ndarray, held: np.ndarray) -> dict[str, Calibration]:
    """Every rule fitted on calibration rows ``cal`` and held-back rows ``held`` (one temperature per model)."""
    y, oos = d["labels"][cal], int(d["oos"])
    oof = OutOfFold.from_logits(d["held_logits"][held], d["fold_logits"][cal], y, oos)
    t = fit_temperature(d["logits"][cal], y)
    return {name: rule(d, cal, t, oof) for name, rule in RULES.items()}


def bootstrap(d: dict[str, np.ndarray], resamples: int, seed: int) -> dict[str, np.ndarray]:
    """Per rule, per resample: (out-of-bag in-scope accuracy, out-of-bag recall), the same resamples for all."""
    oos, y = int(d["oos"]), d["labels"]
    strata = [np.flatnonzero(y != oos), np.flatnonzero(y == oos)]
    n_held = len(d["held_logits"])
    rng = np.random.default_rng(seed)
    out: dict[str, list[tuple[float, float]]] = {name: [] for name in RULES}
    for _ in range(resamples):
        cal = np.concatenate([rng.choice(s, len(s)) for s in strata])
        held = rng.choice(n_held, n_held)
        bag = np.setdiff1d(np.arange(len(y)), cal)
        for name, fitted in fit_all(d, cal, held).items():
            s = scores(d["logits"][bag], y[bag], oos, fitted)
            out[name].append((s["in_scope_accuracy"], s["oos_recall"]))
    return {name: np.array(v) for name, v in out.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--final", type=Path, required=True)
    ap.add_argument("--fold", type=Path, required=True)
    ap.add_argument("--resamples", type=int, default=200)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--held-out", action="store_true", help="also score the held-out half (after the decision)")
    a = ap.parse_args()
    d = load(a.final, a.fold)
    oos, y = int(d["oos"]), d["labels"]
    everything = np.arange(len(y)), np.arange(len(d["held_logits"]))
    for name, logits, rows in (("final", d["logits"], y), ("fold", d["fold_logits"], y)):
        e = in_scope_score(logits, oos, ENERGY, fit_temperature(logits, rows))
        print(f"{name} model: energy AUROC on the calibration half {auroc(e[rows != oos], e[rows == oos]):.4f}")
    oof = OutOfFold.from_logits(d["held_logits"], d["fold_logits"], y, oos)
    print(f"fold model on its {len(oof.scores)} held-back rows: energy AUROC vs calibration in-scope "
          f"{auroc(oof.reference, oof.scores):.4f}, out_of_scope class wins {int(oof.by_class.sum())}")
    print(f"calibration: {int((y != oos).sum())} in-scope + {int((y == oos).sum())} oos + "
          f"{len(d['held_logits'])} out-of-fold rows\n")
    print("| rule | T | threshold | calibration half in-scope | calibration half recall | out-of-fold rows flagged (quantile-mapped) |")
    print("|---|---|---|---|---|---|")
    fitted = fit_all(d, *everything)
    for name, cal in fitted.items():
        s = scores(d["logits"], y, oos, cal)
        flagged = (oof.by_class | (_mapped(d, cal, oof) < cal.threshold) if cal.threshold is not None
                   else oof.by_class)
        print(f"| {name} | {cal.temperature:.3f} | {cal.threshold} | {s['in_scope_accuracy']:.2%} | "
              f"{s['oos_recall']:.2%} | {int(flagged.sum())} of {len(flagged)} |")
    print(f"\nbootstrap: {a.resamples} resamples, seed {a.seed}\n")
    print("| rule | pass (both targets) | mean OOB in-scope | mean OOB recall | in-scope >= 95.5% | recall >= 80% |")
    print("|---|---|---|---|---|---|")
    for name, v in bootstrap(d, a.resamples, a.seed).items():
        ok_in, ok_rec = v[:, 0] >= IN_SCOPE_TARGET - 1e-9, v[:, 1] >= RECALL_TARGET - 1e-9
        print(f"| {name} | {(ok_in & ok_rec).mean():.1%} | {v[:, 0].mean():.2%} | {v[:, 1].mean():.1%} | "
              f"{ok_in.mean():.1%} | {ok_rec.mean():.1%} |")
    if a.held_out:
        print("\nheld-out half (rules fitted on the whole calibration set)\n")
        print("| rule | closed-set in-scope | in-scope acc | oos recall | oos precision | in-scope rejected |")
        print("|---|---|---|---|---|---|")
        for name, cal in fitted.items():
            s = scores(d["test_logits"], d["test_labels"], oos, cal)
            n = int((d["test_labels"] == oos).sum())
            print(f"| {name} | {s['closed_set']:.2%} | {s['in_scope_accuracy']:.2%} | {s['oos_recall']:.2%} "
                  f"({round(s['oos_recall'] * n)} of {n}) | {s['oos_precision']:.2%} | {s['in_scope_rejected']:.2%} |")


def _mapped(d: dict[str, np.ndarray], cal: Calibration, oof: OutOfFold) -> np.ndarray:
    """The out-of-fold rows' scores on the final model's scale, as the candidate maps them."""
    oos, y = int(d["oos"]), d["labels"]
    own = in_scope_score(d["logits"], oos, ENERGY, cal.temperature)[y != oos]
    return quantile_map(oof.scores, oof.reference, own)


if __name__ == "__main__":
    main()
