from __future__ import annotations

import re

from bot.evaluation.runner import QUEUE_FILE, TURNS_FILE, run_evaluation

from evaluation_fakes import provider


def test_html_report_is_self_contained_with_plots(small_log, good_dialogue, tmp_path):
    run_evaluation(small_log, provider(good_dialogue), out_dir=tmp_path, progress=False, meta={"logs": "x.jsonl"})
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?https?:""", page)
    assert "<link" not in page and "<script" not in page
    plots = re.findall(r'src="data:image/png;base64,([A-Za-z0-9+/=]+)"', page)
    assert len(plots) == 3 and all(len(p) > 1000 for p in plots)  # confusion, per language, latency
    assert "推荐一双鞋" in page and "Worst turns" in page
    assert (tmp_path / "report.json").exists() and (tmp_path / QUEUE_FILE).exists()
    assert len((tmp_path / TURNS_FILE).read_text().splitlines()) == 5


def test_html_escapes_customer_text(good_dialogue, tmp_path):
    from bot.evaluation.logs import Conversation

    from evaluation_fakes import cust

    log = [Conversation(id="x", turns=[cust("<img src=https://evil.example/x.png>", intent="greeting")])]
    good_dialogue.u.table["<img src=https://evil.example/x.png>"] = ("complaint", 0.9, "neutral")
    run_evaluation(log, provider(good_dialogue), out_dir=tmp_path, progress=False)
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "<img src=https://evil" not in page and "&lt;img src=https://evil" in page
