"""`shopbot` subcommands for retrieval (registered by bot.cli). Heavy imports stay inside the functions."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import typer

KINDS_HELP = "restrict to document kinds: faq, policy, product (repeatable)"


def _embedder(path: Path | None) -> Any:
    from bot.settings import Settings
    from retrieval.embedder import Embedder

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    return Embedder.load(Path(path or Settings().base_model_dir).expanduser())


def _load_index(index_dir: Path, embedder_dir: Path | None) -> Any:
    from retrieval.index import DocumentIndex

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    return DocumentIndex.load(index_dir, embedder=_embedder(embedder_dir) if embedder_dir else None)


def _read_rows(path: Path) -> list[dict[str, Any]]:
    from retrieval.documents import read_jsonl

    return list(read_jsonl(path))


def build_index(
    out: Path = typer.Option(..., "--out", help="index folder to write"),
    products: Path | None = typer.Option(None, "--products", exists=True, help="products JSONL"),
    faq: Path | None = typer.Option(None, "--faq", exists=True, help="FAQ JSONL"),
    policies: Path | None = typer.Option(None, "--policies", exists=True, help="policies JSONL {id,title,body}"),
    embedder: Path | None = typer.Option(None, "--embedder", help="e5 model folder (default: settings base_model_dir)"),
    calibration: Path | None = typer.Option(None, "--calibration", exists=True,
                                            help="queries JSONL {query, relevant} to fit abstention on"),
    index_type: str = typer.Option("auto", "--index-type", help="auto, flat or hnsw"),
    as_json: bool = typer.Option(False, "--json", help="print the manifest as JSON"),
) -> None:
    """Embed the store's products, FAQ and policies into a FAISS + BM25 index folder."""
    from tqdm import tqdm

    from retrieval.documents import load_documents
    from retrieval.index import DocumentIndex

    docs = load_documents(products=products, faq=faq, policies=policies)
    if not docs:
        raise typer.BadParameter("give at least one of --products, --faq, --policies")
    emb = _embedder(embedder)
    with tqdm(total=len(docs), desc="embedding", unit="doc", file=sys.stderr) as bar:
        index = DocumentIndex.build(docs, emb, index_type=index_type, progress=bar.update)
    if calibration:
        _calibrate(index, _read_rows(calibration))
    index.save(out)
    manifest = json.loads((out / "manifest.json").read_text())
    if as_json:
        typer.echo(json.dumps(manifest))
    else:
        typer.echo(f"indexed {manifest['count']} documents ({manifest['index_type']}) -> {out}")


def _calibrate(index: Any, rows: list[dict[str, Any]], max_false_refusal: float = 0.10) -> None:
    from retrieval.evaluate import fit_from_queries
    from retrieval.hybrid import HybridSearcher

    index.calibration = fit_from_queries(HybridSearcher(index), rows, max_false_refusal=max_false_refusal,
                                         source=f"fitted on {len(rows)} queries")


def calibrate_retrieval(
    index_dir: Path = typer.Option(..., "--index", exists=True, help="index folder"),
    queries: Path = typer.Option(..., "--queries", exists=True, help="queries JSONL {query, relevant}"),
    max_false_refusal: float = typer.Option(0.10, help="share of answerable queries allowed to be refused "
                                                         "(held with 95% confidence on these queries)"),
    embedder: Path | None = typer.Option(None, "--embedder", help="override the manifest's model folder"),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Fit the abstention model on labelled queries and store it in the index folder."""
    from retrieval.index import CALIBRATION_FILE

    index = _load_index(index_dir, embedder)
    _calibrate(index, _read_rows(queries), max_false_refusal)
    index.calibration.save(index_dir / CALIBRATION_FILE)
    summary = {"threshold": index.calibration.threshold, **index.calibration.metrics}
    typer.echo(json.dumps(summary) if as_json else f"calibration saved: {summary}")


def search(
    query: str = typer.Argument(..., help="question or search text"),
    index_dir: Path = typer.Option(..., "--index", exists=True, help="index folder"),
    k: int = typer.Option(10, "--k", help="number of hits"),
    kind: list[str] = typer.Option([], "--kind", help=KINDS_HELP),
    category: str | None = typer.Option(None, help="category substring"),
    min_price: float | None = typer.Option(None, help="minimum price"),
    max_price: float | None = typer.Option(None, help="maximum price"),
    in_stock: bool | None = typer.Option(None, "--in-stock/--out-of-stock", help="stock filter"),
    language: str | None = typer.Option(None, help="customer language (prefers translations) "),
    only_language: str | None = typer.Option(None, help="keep documents in this language only"),
    mode: str = typer.Option("hybrid", help="hybrid, dense or bm25"),
    embedder: Path | None = typer.Option(None, "--embedder", help="override the manifest's model folder"),
    as_json: bool = typer.Option(False, "--json", help="print hits as a JSON list"),
) -> None:
    """Search the index and print hits {id, kind, title, score}."""
    from retrieval.hybrid import HybridSearcher

    index = _load_index(index_dir, embedder)
    filters = {"category": category, "min_price": min_price, "max_price": max_price, "in_stock": in_stock,
               "language": only_language}
    result = HybridSearcher(index, mode=mode).search(query, k=k, kinds=tuple(kind) or None,  # type: ignore[arg-type]
                                                     filters={k_: v for k_, v in filters.items() if v is not None},
                                                     language=language)
    hits = [{"id": h.id, "kind": h.kind, "title": h.title, "score": round(h.score, 6)} for h in result.hits]
    if as_json:
        typer.echo(json.dumps(hits, ensure_ascii=False))
        return
    for i, h in enumerate(hits, 1):
        typer.echo(f"{i:>2}. {h['score']:.4f}  [{h['kind']}] {h['id']}  {h['title'][:80]}")


def eval_retrieval(
    index_dir: Path = typer.Option(..., "--index", exists=True, help="index folder"),
    queries: Path = typer.Option(..., "--queries", exists=True, help=r"JSONL {query, relevant: \[ids]}"),
    mode: str = typer.Option("hybrid", help="hybrid, dense or bm25"),
    kind: list[str] = typer.Option([], "--kind", help=KINDS_HELP),
    embedder: Path | None = typer.Option(None, "--embedder", help="override the manifest's model folder"),
    as_json: bool = typer.Option(False, "--json", help="print one JSON object"),
) -> None:
    """Recall@k, MRR, nDCG@10, abstention precision/recall and latency on labelled queries."""
    from retrieval.evaluate import metrics, run_queries
    from retrieval.hybrid import HybridSearcher

    index = _load_index(index_dir, embedder)
    result = metrics(run_queries(HybridSearcher(index, mode=mode), _read_rows(queries),  # type: ignore[arg-type]
                                 kinds=tuple(kind) or None))
    if as_json:
        typer.echo(json.dumps(result))
        return
    for key, value in result.items():
        typer.echo(f"{key:>18}: {value:.3f}" if isinstance(value, float) else f"{key:>18}: {value}")


def register(app: typer.Typer) -> None:
    """Add this area's subcommands to the main app."""
    app.command("build-index")(build_index)
    app.command("search")(search)
    app.command("eval-retrieval")(eval_retrieval)
    app.command("calibrate-retrieval")(calibrate_retrieval)
