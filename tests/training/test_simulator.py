from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app
from bot.evaluation.logs import read_logs
from training.simulator import SCENARIOS, CustomerSimulator

DEMO_STORE = Path(__file__).resolve().parents[2] / "training" / "demo_store"
INTENTS = ["greeting", "thanks", "goodbye", "order_status", "track_shipment", "cancel_order", "change_order",
           "change_shipping_address", "return_item", "refund_status", "exchange_item", "payment_issue",
           "apply_promo_code", "shipping_options", "delivery_time", "warranty", "size_guide", "account_help",
           "recommend_product", "complaint", "talk_to_human", "out_of_scope"]
TEXTS = {"en": "{i} please, order 1042", "zh": "{i} 订单 1042", "es": "{i} por favor"}


def _write(path: Path, rows: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


@pytest.fixture
def tiny_store(tmp_path: Path) -> Path:
    """A few rows of every file the simulator reads."""
    d = tmp_path / "store"
    test_rows = [{"text": TEXTS[lang].format(i=f"{intent} {k}"), "intent": intent, "lang": lang,
                  "sentiment": "negative" if intent == "complaint" else "neutral"}
                 for intent in INTENTS for lang in ("en", "zh", "es") for k in range(2)]
    _write(d / "nlu" / "test.jsonl", test_rows)
    _write(d / "nlu" / "train.jsonl", [{"text": "train only", "intent": "greeting", "lang": "en"},
                                       {"text": "exchange train", "intent": "compare_products", "lang": "en"}])
    _write(d / "products.jsonl", [{"id": f"P{i:04d}", "title": f"Trail Thing {i}", "category": "footwear",
                                   "price": 20.0 + 10 * i, "rating": 4.0, "attributes": {"type": ["boots", "tent"][i % 2]}}
                                  for i in range(8)])
    _write(d / "customers.jsonl", [{"id": f"C{i}", "email": f"c{i}@example.com",
                                    "address": {"line1": f"{i} Oak Avenue", "city": "Portland"}} for i in range(4)])
    statuses = ["processing", "shipped", "delivered", "cancelled", "refunded", "return_requested"]
    _write(d / "orders.jsonl", [{"id": str(1001 + i), "customer_id": f"C{i % 4}", "email": f"c{i % 4}@example.com",
                                 "status": statuses[i % 6], "delivered_at": "2026-11-15T10:00:00Z"} for i in range(18)])
    _write(d / "faq.jsonl", [{"id": "faq-shipping-cost", "question": "How much does shipping cost?",
                              "translations": {"zh": {"question": "运费多少？"}, "es": {"question": "¿Cuánto cuesta el envío?"}}}])
    (d / "store.json").write_text(json.dumps({"demo_today": "2026-11-20", "return_window_days": 30}))
    return d


def test_same_seed_same_logs(tiny_store):
    a = CustomerSimulator.from_store(tiny_store, seed=3).simulate(60)
    b = CustomerSimulator.from_store(tiny_store, seed=3).simulate(60)
    c = CustomerSimulator.from_store(tiny_store, seed=4).simulate(60)
    assert [x.model_dump() for x in a] == [x.model_dump() for x in b]
    assert [x.model_dump() for x in a] != [x.model_dump() for x in c]


def test_coverage_of_languages_scenarios_and_labels(tiny_store):
    convs = CustomerSimulator.from_store(tiny_store, seed=0).simulate(200)
    assert set(Counter(c.language for c in convs)) == {"en", "zh", "es"}
    assert set(c.meta["scenario"] for c in convs) == set(SCENARIOS)
    turns = [t for c in convs for t in c.turns]
    assert all(t.role == "customer" and t.gold and t.gold.handoff_expected is not None for t in turns)
    golds = Counter(t.gold.intent for t in turns if t.gold.intent)
    for intent in ("cancel_order", "change_shipping_address", "return_item", "order_status", "talk_to_human",
                   "complaint", "out_of_scope", "recommend_product", "product_question"):
        assert golds[intent] > 0, intent
    assert all(t.gold.sentiment == "negative" for c in convs if c.meta["scenario"] == "angry" for t in c.turns
               if t.gold.intent == "complaint")
    assert sum(any(t.gold.handoff_expected for t in c.turns) for c in convs) >= 10
    assert any(t.gold.purchased_item for t in turns) and any(t.gold.relevant_sources for t in turns)
    assert "train only" not in {t.text for t in turns}  # held-out utterances preferred


def test_order_actions_fill_number_email_and_confirmation(tiny_store):
    convs = CustomerSimulator.from_store(tiny_store, seed=1).simulate(300)
    cancels = [c for c in convs if c.meta["scenario"] == "cancel_order"]
    assert cancels
    for c in cancels:
        first = next(t for t in c.turns if t.gold.intent == "cancel_order")
        assert "1042" not in first.text  # the NLU row's number is replaced by a real order of the store
        assert any(ch.isdigit() for t in c.turns for ch in t.text)
        assert c.turns[-1].gold.intent in (None, "thanks", "goodbye")
        assert c.customer_id or any("@example.com" in t.text for t in c.turns)  # signed in, or verified by email
    # most cancellations target orders that can still be cancelled
    orders = {json.loads(x)["id"]: json.loads(x) for x in (tiny_store / "orders.jsonl").read_text().splitlines()}
    numbers = [next(n for n in orders if any(n in t.text for t in c.turns)) for c in cancels]
    assert sum(orders[n]["status"] == "processing" for n in numbers) >= len(numbers) * 0.6
    faq = [t for c in convs for t in c.turns if t.gold.relevant_sources == ["faq-shipping-cost"]]
    assert {t.text for t in faq} >= {"How much does shipping cost?", "运费多少？"}


def test_simulate_cli(tiny_store, tmp_path):
    out = tmp_path / "sim.jsonl"
    res = CliRunner().invoke(app, ["simulate", "--n", "25", "--seed", "2", "--store-dir", str(tiny_store),
                                   "--out", str(out), "--json"])
    assert res.exit_code == 0, res.output
    summary = json.loads(res.stdout)
    assert summary["conversations"] == 25 and len(read_logs(out)) == 25


@pytest.mark.skipif(not (DEMO_STORE / "nlu" / "test.jsonl").exists(), reason="demo store data not generated yet")
def test_demo_store_simulation_uses_held_out_utterances():
    test_texts = {json.loads(x)["text"] for x in (DEMO_STORE / "nlu" / "test.jsonl").read_text().splitlines() if x}
    convs = CustomerSimulator.from_store(DEMO_STORE, seed=0).simulate(100)
    nlu_turns = [t for c in convs for t in c.turns if t.gold.intent and c.meta["scenario"] in ("angry", "chitchat")]
    assert nlu_turns and all(t.text in test_texts for t in nlu_turns)
