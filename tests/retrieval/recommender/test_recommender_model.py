"""The sequential model learns a planted pattern, beats popularity, and survives save -> load."""

from __future__ import annotations

import numpy as np
import torch
from conftest import GROUPS, chain_sequences

from retrieval.recommender.baselines import CoOccurrence, Popularity
from retrieval.recommender.metrics import ranking_metrics, target_ranks
from retrieval.recommender.recommender import SequentialRecommender


def _chain_split(rec: SequentialRecommender):
    """Histories ending at c{g}_1; the right answer is c{g}_2."""
    hist = [rec.encode([f"c{(g + 1) % GROUPS}_0", f"c{(g + 1) % GROUPS}_1", f"c{g}_0", f"c{g}_1"])
            for g in range(GROUPS)]
    return hist, np.array([rec.encode([f"c{g}_2"])[0] for g in range(GROUPS)])


def test_sasrec_learns_the_chains(chain_model: SequentialRecommender) -> None:
    hist, tgt = _chain_split(chain_model)
    m = ranking_metrics(target_ranks(chain_model.model_scores(hist), hist, tgt))
    assert m["mrr_at_20"] > 0.8, m  # SASRec alone, no co-occurrence help
    pop = ranking_metrics(target_ranks(chain_model.popularity.scores(hist), hist, tgt))
    assert pop["mrr_at_20"] < 0.3


def test_cooccurrence_baseline_learns_the_chains() -> None:
    seqs = list(chain_sequences().values())
    items = sorted({i for s in seqs for i in s})
    row = {it: i + 1 for i, it in enumerate(items)}
    enc = [[row[i] for i in s] for s in seqs]
    cooc = CoOccurrence.fit(enc, len(items) + 1)
    hist = [[row[f"c{g}_0"], row[f"c{g}_1"]] for g in range(GROUPS)]
    tgt = np.array([row[f"c{g}_2"] for g in range(GROUPS)])
    assert ranking_metrics(target_ranks(cooc.scores(hist), hist, tgt))["hr_at_10"] == 1.0
    assert Popularity.fit(enc, len(items) + 1).counts[row["c0_0"]] > 0


def test_save_load_round_trip(chain_model: SequentialRecommender, tmp_path) -> None:
    chain_model.save_pretrained(tmp_path / "m")
    for name in ("config.json", "model.safetensors", "items.txt", "manifest.json", "README.md"):
        assert (tmp_path / "m" / name).exists()
    back = SequentialRecommender.from_pretrained(tmp_path / "m")
    hist, _ = _chain_split(chain_model)
    np.testing.assert_allclose(back.scores(hist), chain_model.scores(hist), rtol=1e-5, atol=1e-5)
    assert back.vocab == chain_model.vocab and back.fusion == chain_model.fusion
    assert back.manifest["metrics"]["ndcg_at_10"] == chain_model.manifest["metrics"]["ndcg_at_10"]
    assert "SASRec" in (tmp_path / "m" / "README.md").read_text()


def test_sampled_softmax_also_learns(tmp_path) -> None:
    from dataclasses import replace

    from conftest import FAST, one_thread

    from retrieval.recommender.train import train_recommender

    torch.manual_seed(0)
    with one_thread():
        rec = train_recommender(chain_sequences(users=200), replace(FAST, negatives=16, epochs=25))
    hist, tgt = _chain_split(rec)
    assert ranking_metrics(target_ranks(rec.model_scores(hist), hist, tgt))["hr_at_10"] > 0.8


def test_models_saved_before_forward_positions_still_load(chain_model: SequentialRecommender, tmp_path) -> None:
    """Folders written before ``positions`` existed counted positions back from the latest item."""
    import json

    chain_model.save_pretrained(tmp_path / "m")
    cfg = json.loads((tmp_path / "m" / "config.json").read_text())
    assert cfg["model"]["positions"] == "forward"
    del cfg["model"]["positions"]
    (tmp_path / "m" / "config.json").write_text(json.dumps(cfg))
    old = SequentialRecommender.from_pretrained(tmp_path / "m")
    assert old.model.config.positions == "backward"
    hist, _ = _chain_split(chain_model)
    assert not np.allclose(old.model_scores(hist), chain_model.model_scores(hist))


def test_spectral_warm_start_places_chain_neighbours_together() -> None:
    from retrieval.recommender.spectral import spectral_item_vectors

    seqs = list(chain_sequences().values())
    items = sorted({i for s in seqs for i in s})
    row = {it: i + 1 for i, it in enumerate(items)}
    vec = spectral_item_vectors([[row[i] for i in s] for s in seqs], len(items) + 1, 16)
    assert np.allclose(np.linalg.norm(vec[1:], axis=1), 1.0, atol=1e-5) and not vec[0].any()
    for g in range(GROUPS):
        sims = vec @ vec[row[f"c{g}_1"]]
        sims[row[f"c{g}_1"]] = -np.inf
        nearest = {items[int(i) - 1] for i in np.argsort(-sims)[:3]}
        assert nearest == {f"c{g}_{j}" for j in (0, 2, 3)}, nearest  # its own chain, no other


def test_repeat_term_is_tuned_when_sessions_reclick(chain_model: SequentialRecommender) -> None:
    """Sessions often go back to an item they showed: with history kept, validation tunes a repeat weight
    that brings the re-clicked item up; where history is excluded (purchases) the weight stays 0."""
    from dataclasses import replace

    from retrieval.recommender.data import Split
    from retrieval.recommender.train import tune_fusion

    hist = [chain_model.encode([f"c{g}_0", f"c{g}_1", f"c{g}_2", f"c{g}_3"]) for g in range(GROUPS)]
    back = np.array([h[-2] for h in hist])  # the customer goes back to the item before the last one
    val = Split(histories=hist, targets=back)
    fusion, _ = tune_fusion(chain_model, val, exclude_history=False)
    assert fusion.repeat > 0
    plain = ranking_metrics(target_ranks(chain_model.model_scores(hist), hist, back, exclude_history=False))
    tuned = replace(chain_model, fusion=fusion)
    fused = ranking_metrics(target_ranks(tuned.scores(hist), hist, back, exclude_history=False))
    assert fused["mrr_at_20"] > plain["mrr_at_20"] and fused["hr_at_10"] == 1.0
    assert tune_fusion(chain_model, val, exclude_history=True)[0].repeat == 0.0
