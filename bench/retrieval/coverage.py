"""Does the query's content coverage by the top hit (``uncovered``) improve abstention?

    python -m bench.retrieval.coverage --demo-index DIR [--held-out]

Two abstention models, both fitted with the shipped rule (``retrieval.abstention.fit_calibration``: refusals of
answerable calibration questions <= 10% with 95% confidence): the shipped five features, and the same five plus
``uncovered`` (the IDF-weighted share of the query's content words that the top hit's text lacks; defined here,
``CoverageSearcher``: it was not adopted, bench/retrieval/RESULTS.md, thirteenth session). Two question sets, each with a calibration and a held-out half:
- the FAQ benchmark (``faq_queries.jsonl``, ``split`` field) against the public FAQ (as ``bench.retrieval.faq``);
- the demo store: ``retrieval/calibration/demo_store_calibration.jsonl`` (calibration) and
  ``bench/retrieval/demo_store_test.jsonl`` (held-out) against the demo-store index ``--demo-index``.
Without ``--held-out`` only calibration figures are printed: in-sample, and 5-fold cross-validation inside the
calibration half (10 repeats). Ranking is the same for both models (the feature does not touch it).
"""

from __future__ import annotations

import argparse
import json
import math
import os
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")

import numpy as np  # noqa: E402

from bench.retrieval.common import DEFAULT_DATA_ROOT, print_header, write_results  # noqa: E402
from bench.retrieval.faq import QUERIES as FAQ_QUERIES  # noqa: E402
from bench.retrieval.faq import faq_rows  # noqa: E402
from retrieval.hybrid import HybridSearcher, SearchResult  # noqa: E402
from retrieval.lexical import has_cjk, tokenize  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
DEMO_CAL = REPO / "retrieval" / "calibration" / "demo_store_calibration.jsonl"
DEMO_TEST = REPO / "bench" / "retrieval" / "demo_store_test.jsonl"
# seen live (bench/dialogue/RESULTS.md, twelfth session); in neither half
LIVE = [("do you offer gift wrapping?", "en"), ("可以开发票吗？", "zh"), ("can I get it by Friday if I order today?", "en")]


# Latin words compared by their first letters only, a crude stemmer that needs no language rules ("wrapping" /
# "wrapped", "delivery" / "delivered"); CJK tokens (characters and bigrams) stay as they are.
STEM_CHARS = 5


def content_terms(text: str) -> set[str]:
    return {t if has_cjk(t) else t[:STEM_CHARS] for t in tokenize(text)}


class TermWeights:
    """IDF of content terms over a corpus; a term the corpus never uses weighs most."""

    def __init__(self, texts: Iterable[str]) -> None:
        df: Counter[str] = Counter()
        n = 0
        for text in texts:
            df.update(content_terms(text))
            n += 1
        self.idf = {t: math.log((n + 1) / (c + 0.5)) for t, c in df.items()}
        self.unseen = math.log((n + 1) / 0.5)

    def coverage(self, query: str, texts: Iterable[str]) -> float:
        """IDF-weighted share of the query's content terms found in ``texts`` (1.0 for a query with none)."""
        terms = content_terms(query)
        if not terms:
            return 1.0
        found = set().union(*(content_terms(t) for t in texts)) & terms
        weight = {t: self.idf.get(t, self.unseen) for t in terms}
        return sum(weight[t] for t in found) / sum(weight.values())


class CoverageSearcher(HybridSearcher):
    """The shipped searcher, with ``uncovered`` added to the features: 1 - the coverage of the query by the top
    hit's text (any of its translations), 0 when the hit has no text in the customer's language."""

    def search(self, query: str, **kwargs: Any) -> SearchResult:  # type: ignore[override]
        res = super().search(query, **kwargs)
        view, language = self.index.view, kwargs.get("language")
        if not hasattr(view, "term_weights"):  # a FAQ entry once, not again for its companion passages
            view.term_weights = TermWeights(d.text for r, d in enumerate(view.docs) if view.faq_main[r] == r)
        uncovered = 0.0
        if res.hits:
            rows = [r for r in view.members[res.hits[0].id] if view.faq_main[r] == r]
            if language is None or any(view.docs[r].lang == language for r in rows):
                uncovered = 1.0 - view.term_weights.coverage(query, (view.docs[r].text for r in rows))
        return SearchResult(res.hits, {**res.features, "uncovered": uncovered}, res.latency_ms)


def _rates(flags: list[bool], answerable: list[bool]) -> dict[str, Any]:
    ans = [f for f, a in zip(flags, answerable) if a]
    unans = [f for f, a in zip(flags, answerable) if not a]
    return {"abstain_recall": float(np.mean(unans)), "false_refusal": float(np.mean(ans)),
            "refused_unanswerable": int(sum(unans)), "unanswerable": len(unans),
            "refused_answerable": int(sum(ans)), "answerable": len(ans),
            "right_decisions": int(sum(unans) + len(ans) - sum(ans))}


def _cv(feats: list[dict[str, float]], answerable: list[bool], names: tuple[str, ...], repeats: int = 10) -> dict:
    """5-fold cross-validation inside the calibration half: every question judged by a model fitted without it."""
    from sklearn.model_selection import StratifiedKFold

    from retrieval.abstention import fit_calibration

    y = np.array(answerable)
    recall, refusal = [], []
    for seed in range(repeats):
        flags = np.zeros(len(y), dtype=bool)
        for train, val in StratifiedKFold(5, shuffle=True, random_state=seed).split(np.zeros(len(y)), y):
            model = fit_calibration([feats[i] for i in train], list(y[train]), names=names)
            flags[val] = [model.abstain(feats[i]) for i in val]
        recall.append(flags[~y].mean())
        refusal.append(flags[y].mean())
    return {"abstain_recall": float(np.mean(recall)), "false_refusal": float(np.mean(refusal))}


def compare(name: str, cal: list[Any], test: list[Any], held_out: bool) -> dict[str, Any]:
    """Both models on one question set (outcomes of ``retrieval.evaluate.run_queries``)."""
    from retrieval.abstention import FEATURES, fit_calibration
    from retrieval.evaluate import metrics

    out: dict[str, Any] = {"recall_at_1": {"calibration": metrics(cal)["recall_at_1"]}}
    if held_out:
        out["recall_at_1"]["held_out"] = metrics(test)["recall_at_1"]
    models = {}
    for label, names in (("shipped 5 features", FEATURES), ("+ uncovered", (*FEATURES, "uncovered"))):
        feats, y = [o.features for o in cal], [o.answerable for o in cal]
        model = fit_calibration(feats, y, names=names, source=f"{name} calibration half")
        models[label] = model
        row: dict[str, Any] = {"weights": dict(zip(names, np.round(model.weights, 3).tolist())),
                               "threshold": round(model.threshold, 3),
                               "calibration_in_sample": _rates([model.abstain(f) for f in feats], y),
                               "calibration_cv5x10": _cv(feats, y, names)}
        if held_out:
            row["held_out"] = _rates([model.abstain(o.features) for o in test], [o.answerable for o in test])
            row["held_out_refused_unanswerable"] = [o.query for o in test if not o.answerable and model.abstain(o.features)]
            row["held_out_answered_unanswerable"] = [o.query for o in test if not o.answerable
                                                     and not model.abstain(o.features)]
            row["held_out_refused_answerable"] = [o.query for o in test if o.answerable and model.abstain(o.features)]
        out[label] = row
    out["_models"] = models
    return out


def _print(name: str, res: dict[str, Any]) -> None:
    print(f"\n## {name}: R@1 {json.dumps(res['recall_at_1'])}")
    for label in ("shipped 5 features", "+ uncovered"):
        row = res[label]
        print(f"- {label}: threshold {row['threshold']}, weights {row['weights']}")
        for part in ("calibration_in_sample", "calibration_cv5x10", "held_out"):
            if part in row:
                r = row[part]
                extra = (f" ({r['refused_unanswerable']}/{r['unanswerable']} refused, {r['refused_answerable']}/"
                         f"{r['answerable']} answerable refused, {r['right_decisions']} right)" if "unanswerable" in r
                         else "")
                print(f"    {part}: abstain recall {r['abstain_recall']:.3f}, false refusal {r['false_refusal']:.3f}{extra}")


def main() -> None:
    from retrieval.documents import faq_documents, read_jsonl
    from retrieval.embedder import Embedder, Runtime
    from retrieval.evaluate import run_queries
    from retrieval.index import DocumentIndex

    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--demo-index", type=Path, required=True)
    ap.add_argument("--data-root", type=Path, default=DEFAULT_DATA_ROOT)
    ap.add_argument("--embedder", type=Path, default=Path("~/.cache/shopbot/base/multilingual-e5-small").expanduser())
    ap.add_argument("--work", type=Path, default=Path("/tmp/bench-coverage"), help="FAQ-bench index and query vectors")
    ap.add_argument("--held-out", action="store_true", help="also score the held-out halves")
    args = ap.parse_args()
    print_header("abstention: + query coverage by the top hit", {"demo_index": str(args.demo_index),
                                                                  "held_out": args.held_out, "embedder": str(args.embedder)})
    emb = Embedder.load(args.embedder, runtime=Runtime("torch", 1))
    args.work.mkdir(parents=True, exist_ok=True)
    faq_idx = args.work / "faq_index"
    if (faq_idx / "manifest.json").exists():
        index = DocumentIndex.load(faq_idx, embedder=emb)
    else:
        index = DocumentIndex.build([d for r in faq_rows(args.data_root) for d in faq_documents(r)], emb)
        index.save(faq_idx)
    rows = list(read_jsonl(FAQ_QUERIES))
    vec_file = args.work / "faq_queries.npz"
    texts = [r["query"] for r in rows]
    if vec_file.exists() and list(np.load(vec_file)["texts"]) == texts:
        vectors = np.load(vec_file)["vectors"]
    else:
        vectors = emb.encode_queries(texts)
        np.savez(vec_file, texts=np.array(texts), vectors=vectors)
    faq_out = run_queries(CoverageSearcher(index), rows, vectors=vectors)
    split = [r["split"] for r in rows]
    results = {"faq": compare("faq bench", [o for o, s in zip(faq_out, split) if s == "calibration"],
                              [o for o, s in zip(faq_out, split) if s == "test"], args.held_out)}

    demo = DocumentIndex.load(args.demo_index, embedder=emb)
    searcher = CoverageSearcher(demo)
    cal_rows = list(read_jsonl(DEMO_CAL))
    demo_cal = run_queries(searcher, cal_rows)
    demo_test = run_queries(searcher, list(read_jsonl(DEMO_TEST))) if args.held_out else []
    results["demo"] = compare("demo store", demo_cal, demo_test, args.held_out)

    live = []
    for query, lang in LIVE:  # the live misses, scored by the demo-store models (in neither half)
        res = searcher.search(query, k=3, language=lang)
        f = res.features
        live.append({"query": query, "top": [h.id for h in res.hits],
                     "features": {k: round(f[k], 3) for k in ("dense_top1", "margin_z", "same_lang", "agree",
                                                              "same_script", "uncovered")},
                     **{label: {"p": round(m.probability(f), 3), "abstain": m.abstain(f)}
                        for label, m in results["demo"]["_models"].items()}})
    for name, res in results.items():
        _print(name, res)
        res.pop("_models")
    print("\n## live misses (demo index, demo-store models)")
    for row in live:
        print(json.dumps(row, ensure_ascii=False))
    write_results("coverage" + ("_held_out" if args.held_out else "_calibration"), {**results, "live": live})


if __name__ == "__main__":
    main()
