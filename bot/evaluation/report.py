"""Write an evaluation as ``report.json`` and a self-contained ``report.html``.

The HTML has inline CSS and its plots as base64 PNGs (matplotlib, Agg backend), so it can be
mailed or attached to a CI run and opened offline.
"""

from __future__ import annotations

import base64
import html
import io
import json
from pathlib import Path
from typing import Any

REPORT_JSON = "report.json"
REPORT_HTML = "report.html"

_CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;margin:2rem auto;max-width:1100px;color:#222}
h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ddd}
table{border-collapse:collapse;margin:.5rem 0;font-size:.9rem}
td,th{border:1px solid #ddd;padding:.25rem .6rem;text-align:left;vertical-align:top}
th{background:#f4f4f4}.num{text-align:right;font-variant-numeric:tabular-nums}
.bad{color:#b00020;font-weight:600}.good{color:#0a7a2f}.muted{color:#777}
img{max-width:100%;border:1px solid #eee;margin:.5rem 0}
"""


def _fmt(v: Any) -> str:
    if v is None:
        return '<span class="muted">n/a</span>'
    if isinstance(v, float):
        return f"{v:.4f}"
    return html.escape(str(v))


def _table(rows: list[dict[str, Any]], cols: list[str]) -> str:
    head = "".join(f"<th>{html.escape(c)}</th>" for c in cols)
    body = "".join(
        "<tr>" + "".join(f'<td class="{"num" if isinstance(r.get(c), (int, float)) else ""}">{_fmt(r.get(c))}</td>'
                         for c in cols) + "</tr>" for r in rows)
    return f"<table><tr>{head}</tr>{body}</table>"


def _png(fig: Any) -> str:
    import matplotlib.pyplot as plt

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=90, bbox_inches="tight")
    plt.close(fig)
    return f'<img alt="plot" src="data:image/png;base64,{base64.b64encode(buf.getvalue()).decode()}">'


def _plots(report: dict[str, Any]) -> list[str]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    out = []
    it = report["intent"]
    if it.get("confusion"):
        labels, cm = it["labels"], it["confusion"]
        size = max(4.0, 0.35 * len(labels) + 2)
        fig, ax = plt.subplots(figsize=(size, size))
        rows = [max(1, sum(r)) for r in cm]  # share of each gold intent, so small classes stay visible
        ax.imshow([[v / n for v in r] for r, n in zip(cm, rows)], cmap="Blues", vmin=0, vmax=1)
        for i, r in enumerate(cm):
            for j, v in enumerate(r):
                if v:
                    ax.text(j, i, str(v), ha="center", va="center", fontsize=6,
                            color="white" if v / rows[i] > 0.6 else "black")
        ax.set_xticks(range(len(labels)), labels, rotation=90, fontsize=7)
        ax.set_yticks(range(len(labels)), labels, fontsize=7)
        ax.set_xlabel("predicted")
        ax.set_ylabel("gold")
        ax.set_title("Intent confusion matrix (counts; colour = share of the gold row)")
        out.append(_png(fig))
    langs = report["per_language"]
    if langs:
        fig, ax = plt.subplots(figsize=(5, 3))
        names = list(langs)
        ax.bar(names, [langs[k]["intent_accuracy"] or 0.0 for k in names], color="#4a7bd0")
        ax.set_ylim(0, 1)
        ax.set_title("Intent accuracy per language")
        out.append(_png(fig))
    lat = report["latency_ms"]
    if lat:
        fig, ax = plt.subplots(figsize=(6, 3))
        stages = list(lat)
        for i, p in enumerate(("p50", "p90", "p99")):
            ax.bar([j + i * 0.27 for j in range(len(stages))], [lat[s][p] for s in stages], width=0.27, label=p)
        ax.set_xticks([j + 0.27 for j in range(len(stages))], stages, rotation=30, fontsize=8)
        ax.set_ylabel("ms")
        ax.set_title("Latency per stage")
        ax.legend()
        out.append(_png(fig))
    return out


def render_html(report: dict[str, Any]) -> str:
    """The report as one HTML page (no external resources)."""
    h = report["headline"]
    parts = [f"<!doctype html><html><head><meta charset='utf-8'><title>shopbot evaluation</title>"
             f"<style>{_CSS}</style></head><body><h1>shopbot offline evaluation</h1>",
             f"<p>{report['conversations']} conversations, {report['customer_turns']} customer turns"
             f" replayed from <code>{html.escape(str(report.get('logs', '')))}</code>"
             f" with model <code>{html.escape(str(report.get('model', '')))}</code>.</p>",
             "<h2>Headline</h2>", _table([{"metric": k, "value": v} for k, v in h.items()], ["metric", "value"])]
    gate = report.get("gate")
    if gate:
        verdict = '<span class="bad">FAILED</span>' if gate["failed"] else '<span class="good">passed</span>'
        parts += [f"<h2>Regression gate vs baseline</h2><p>Baseline <code>{html.escape(str(report.get('baseline_model', '')))}"
                  f"</code>, tolerance {gate['tolerance']}: {verdict}</p>",
                  _table(list(gate["deltas"].values()), ["metric", "current", "baseline", "delta", "regressed"])]
    s, o, r, ho, c, rec = (report[k] for k in ("sentiment", "out_of_scope", "retrieval", "handoff", "containment",
                                               "recommendation"))
    parts += [
        "<h2>Understanding</h2>",
        _table([{"metric": "intent accuracy", "value": report["intent"]["accuracy"], "n": report["intent"]["n"]},
                {"metric": "intent macro-F1", "value": report["intent"]["macro_f1"], "n": report["intent"]["n"]},
                {"metric": "sentiment accuracy", "value": s["accuracy"], "n": s["n"]},
                {"metric": "sentiment macro-F1", "value": s["macro_f1"], "n": s["n"]},
                {"metric": "out-of-scope precision", "value": o["precision"], "n": o["n_flagged"]},
                {"metric": "out-of-scope recall", "value": o["recall"], "n": o["n_gold"]}], ["metric", "value", "n"]),
        "<h2>Retrieval, dialogue, recommendation</h2>",
        _table([{"metric": "retrieval MRR", "value": r["mrr"], "n": r["n"]},
                *({"metric": f"retrieval recall@{k}", "value": v, "n": r["n"]} for k, v in r["recall_at_k"].items()),
                {"metric": "handoff precision", "value": ho["precision"], "n": ho["n"]},
                {"metric": "handoff recall", "value": ho["recall"], "n": ho["n"]},
                {"metric": "handoff F1", "value": ho["f1"], "n": ho["n"]},
                {"metric": "containment", "value": c["rate"], "n": c["n"]},
                {"metric": "recommendation hit rate", "value": rec["hit_rate"], "n": rec["n"]}],
               ["metric", "value", "n"]),
        f"<p>Handoff reasons: {html.escape(json.dumps(ho['reasons']))}</p>",
        "<h2>Per language</h2>",
        _table([{"language": k, **v} for k, v in report["per_language"].items()],
               ["language", "turns", "intent_n", "intent_accuracy", "intent_macro_f1", "sentiment_accuracy",
                "containment", "handoff_f1"]),
        "<h2>Latency (ms)</h2>",
        _table([{"stage": k, **v} for k, v in report["latency_ms"].items()],
               ["stage", "n", "mean", "p50", "p90", "p95", "p99"]),
        "<h2>Plots</h2>", *_plots(report),
        "<h2>Per intent</h2>",
        _table([{"intent": k, **v} for k, v in report["intent"].get("per_label", {}).items()],
               ["intent", "support", "precision", "recall", "f1"]),
        "<h2>Worst turns</h2>",
        _table(report["worst_turns"], ["conversation_id", "index", "language", "text", "gold_intent",
                                       "predicted_intent", "confidence", "problems", "reply"]),
        "</body></html>",
    ]
    return "\n".join(parts)


def write_report(report: dict[str, Any], out_dir: Path) -> tuple[Path, Path]:
    """Write ``report.json`` and ``report.html`` into ``out_dir``."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    pj, ph = out_dir / REPORT_JSON, out_dir / REPORT_HTML
    pj.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    ph.write_text(render_html(report), encoding="utf-8")
    return pj, ph
