from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app
from bot.evaluation.importers import abcd_intent, import_abcd, import_ibm_twitter
from bot.evaluation.logs import read_logs

DATA_ROOT = Path(__file__).resolve().parents[3].parent / "shared" / "data"
needs_data = pytest.mark.skipif(not DATA_ROOT.is_dir(), reason=f"public data folder {DATA_ROOT} is absent")


def test_abcd_subflows_map_to_our_intents():
    assert abcd_intent("product_defect", "return_size") == "return_item"
    assert abcd_intent("storewide_query", "timing_4") == "apply_promo_code"  # "when do promo codes expire?"
    assert abcd_intent("storewide_query", "timing_1") is None  # "when does the spring collection drop?"
    assert abcd_intent("single_item_query", "boots") == "product_question"
    assert abcd_intent("troubleshoot_site", "slow_speed") is None


@needs_data
def test_import_abcd_sample():
    convs = import_abcd(DATA_ROOT)
    assert len(convs) == 3
    c = next(c for c in convs if c.id == "abcd-3592")
    labelled = [t for _, t in c.customer_turns() if t.gold]
    assert [t.gold.intent for t in labelled] == ["return_item"]
    assert labelled[0].text.startswith("Hi! I need to return an item")
    assert {t.role for t in c.turns} == {"customer", "agent"}
    assert c.meta["subflow"] == "return_size" and "Purchase validation in progress ..." in c.meta["actions"]
    assert [t.gold.intent for c in convs for _, t in c.customer_turns() if t.gold] == \
        ["return_item", "refund_status", "apply_promo_code"]
    promo = next(c for c in convs if c.meta["subflow"] == "timing_4")
    [labelled] = [t for _, t in promo.customer_turns() if t.gold]
    assert labelled.text.startswith("I've got a promo code")  # not the opening "HEY HO!"


@needs_data
def test_import_ibm_twitter_links_help_documents():
    convs = import_ibm_twitter(DATA_ROOT)
    assert len(convs) == 525
    for c in convs:
        golds = [t.gold for _, t in c.customer_turns() if t.gold]
        assert len(golds) == 1 and len(golds[0].relevant_sources) == 1
        assert golds[0].relevant_sources[0].startswith("ibm-twitter-doc:")
        assert c.turns[-1].role == "agent"
    yt = next(c for c in convs if c.id == "ibm-LgwAXtbbEm0mBvDrGmjk")
    assert yt.turns[0].gold.relevant_sources == ["ibm-twitter-doc:1770"]
    assert yt.turns[0].text.startswith("Hello dear youtube officers")  # leading @mention stripped
    assert yt.meta["doc_url"].startswith("https://web.archive.org/")
    assert any(t.role == "agent" for c in convs for t in c.turns[:-1])  # agent replies inside threads kept


@needs_data
@pytest.mark.parametrize(("fmt", "n"), [("abcd", 3), ("ibm-twitter", 525)])
def test_import_logs_cli(tmp_path, fmt, n):
    out = tmp_path / "logs.jsonl"
    res = CliRunner().invoke(app, ["import-logs", "--format", fmt, "--data-root", str(DATA_ROOT), "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert len(read_logs(out)) == n
