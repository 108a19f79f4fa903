"""`shopbot` subcommands for recommender (registered by bot.cli). Heavy imports stay inside the functions."""

from __future__ import annotations

import json
from pathlib import Path

import typer


def train_recommender(
    sequences: Path = typer.Option(..., "--sequences", help="SEQ.txt: `user item item ...` per line, oldest first"),
    out: Path = typer.Option(..., "--out", help="output folder"),
    epochs: int = typer.Option(200, "--epochs", help="maximum epochs (early stopping on validation NDCG@10)"),
    products: Path | None = typer.Option(None, "--products", help="products.jsonl: tie item vectors to their text"),
    embedder: Path | None = typer.Option(None, "--embedder", help="e5 model folder for --products"),
    negatives: int = typer.Option(0, "--negatives", help="0 = full softmax; n = sampled softmax with n negatives"),
    dim: int = typer.Option(64, "--dim"),
    dropout: float = typer.Option(0.5, "--dropout"),
    lr: float = typer.Option(1e-3, "--lr"),
    batch_size: int = typer.Option(128, "--batch-size"),
    time_budget: float = typer.Option(1200.0, "--time-budget", help="seconds of training before stopping"),
    threads: int = typer.Option(2, "--threads", help="torch threads"),
    as_json: bool = typer.Option(False, "--json", help="print the manifest as JSON"),
) -> None:
    """Train the sequential recommender; each user's last item is held out for validation."""
    import logging

    import torch

    from retrieval.recommender.data import file_hash, read_sequences
    from retrieval.recommender.train import TrainConfig, train_recommender as train

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    torch.set_num_threads(threads)
    seqs = read_sequences(sequences)
    manifest = {"data": str(sequences), "data_hash": file_hash(sequences)}
    text = None
    if products is not None:
        if embedder is None:
            raise typer.BadParameter("--products needs --embedder (an e5 model folder)")
        from retrieval.documents import product_document, read_jsonl
        from retrieval.embedder import Embedder

        emb = Embedder.load(embedder)
        docs = [product_document(r) for r in read_jsonl(products)]
        vecs = emb.encode_passages([d.text for d in docs])
        text = {d.id: v for d, v in zip(docs, vecs)}
        manifest |= {"products": str(products), "products_hash": file_hash(products), "embedder": emb.model_id}
    cfg = TrainConfig(epochs=epochs, negatives=negatives, dim=dim, dropout=dropout, lr=lr, batch_size=batch_size,
                      time_budget_s=time_budget)
    rec = train(seqs, cfg, text=text, manifest=manifest)
    rec.save_pretrained(out)
    if as_json:
        typer.echo(json.dumps(rec.manifest))
    else:
        typer.echo(f"saved {out}: " + ", ".join(f"{k}={v:.4f}" for k, v in rec.manifest["metrics"].items()))


def eval_recommender(
    model: Path = typer.Option(..., "--model", help="folder from train-recommender"),
    history: Path = typer.Option(..., "--history", help="SEQ.txt histories"),
    targets: Path = typer.Option(..., "--targets", help="TARGETS.txt: `user item` per line"),
    keep_history: bool = typer.Option(False, "--keep-history", help="do not exclude history items (sessions)"),
    baselines: bool = typer.Option(False, "--baselines", help="also score co-occurrence and SASRec alone"),
    as_json: bool = typer.Option(False, "--json", help="print one JSON object"),
) -> None:
    """Rank ALL items for each user (history excluded) and report HR@10, NDCG@10, Recall@20, MRR@20."""
    from retrieval.recommender.data import read_sequences, read_targets
    from retrieval.recommender.evaluation import evaluate_recommender
    from retrieval.recommender.recommender import SequentialRecommender

    rec = SequentialRecommender.from_pretrained(model)
    result = evaluate_recommender(rec, read_sequences(history), read_targets(targets),
                                  exclude_history=not keep_history, baselines=baselines)
    if as_json:
        typer.echo(json.dumps(result))
    else:
        for k, v in result.items():
            typer.echo(f"{k:28s} {v:.4f}" if isinstance(v, float) else f"{k:28s} {v}")


def register(app: typer.Typer) -> None:
    """Add this area's subcommands to the main app."""
    app.command("train-recommender")(train_recommender)
    app.command("eval-recommender")(eval_recommender)
