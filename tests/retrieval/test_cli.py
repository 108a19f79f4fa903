import json

from typer.testing import CliRunner

from bot.cli import app

runner = CliRunner()


def test_build_search_eval_json(store_files, tiny_base_model_dir, tmp_path):
    out = tmp_path / "idx"
    r = runner.invoke(app, ["build-index", "--products", str(store_files["products"]), "--faq", str(store_files["faq"]),
                            "--policies", str(store_files["policies"]), "--out", str(out),
                            "--embedder", str(tiny_base_model_dir), "--json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["count"] > 10
    r = runner.invoke(app, ["search", "--index", str(out), "--json", "--k", "3", "--kind", "product", "kettle"])
    assert r.exit_code == 0, r.output
    hits = json.loads(r.stdout)
    assert len(hits) == 3 and set(hits[0]) == {"id", "kind", "title", "score"} and hits[0]["id"] == "p-kettle"
    queries = tmp_path / "q.jsonl"
    queries.write_text(json.dumps({"query": "electric kettle", "relevant": ["p-kettle"]}) + "\n"
                       + json.dumps({"query": "who painted the mona lisa", "relevant": []}) + "\n")
    r = runner.invoke(app, ["eval-retrieval", "--index", str(out), "--queries", str(queries), "--json"])
    assert r.exit_code == 0, r.output
    m = json.loads(r.stdout)
    assert {"n", "recall_at_1", "recall_at_5", "recall_at_10", "mrr", "ndcg_at_10", "abstain_precision",
            "abstain_recall", "p50_ms"} <= set(m)
    assert m["n"] == 2 and m["recall_at_1"] == 1.0
    r = runner.invoke(app, ["calibrate-retrieval", "--index", str(out), "--queries", str(queries), "--json"])
    assert r.exit_code == 0, r.output
    assert "threshold" in json.loads(r.stdout)
