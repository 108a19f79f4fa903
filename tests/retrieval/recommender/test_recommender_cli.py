"""`shopbot train-recommender` / `eval-recommender --json` on tiny files."""

from __future__ import annotations

import json

from conftest import chain_sequences
from typer.testing import CliRunner

from bot.cli import app

KEYS = {"n_users", "n_items", "hr_at_10", "ndcg_at_10", "recall_at_20", "mrr_at_20",
        "popularity_hr_at_10", "popularity_ndcg_at_10"}


def test_train_then_eval_json(tmp_path) -> None:
    seqs = chain_sequences(users=120, seed=3)
    (tmp_path / "seq.txt").write_text("".join(f"{u} {' '.join(s[:-1])}\n" for u, s in seqs.items()))
    (tmp_path / "targets.txt").write_text("".join(f"{u} {s[-1]}\n" for u, s in seqs.items()))
    runner = CliRunner()
    r = runner.invoke(app, ["train-recommender", "--sequences", str(tmp_path / "seq.txt"), "--out",
                            str(tmp_path / "m"), "--epochs", "12", "--dim", "32", "--lr", "0.005", "--threads", "1"])
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["eval-recommender", "--model", str(tmp_path / "m"), "--history",
                            str(tmp_path / "seq.txt"), "--targets", str(tmp_path / "targets.txt"), "--json"])
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    assert KEYS <= set(out) and out["n_users"] == 120 and out["n_items"] == 40
    # the last item of a chain always follows the one before: even a short training finds it
    assert out["hr_at_10"] > out["popularity_hr_at_10"] and out["hr_at_10"] > 0.8
