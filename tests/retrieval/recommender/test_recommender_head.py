"""The in-chat head: filters, clicks that shift suggestions, cold start via text, reasons in 3 languages."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from conftest import PRODUCTS

from bot.dialogue.ports import RecommendationRequest
from retrieval.recommender.head import RecommendationHead
from retrieval.types import Suggestion

BY_ID = {p["id"]: p for p in PRODUCTS}


def ask(head: RecommendationHead, **kw: Any) -> list[Suggestion]:
    return head.recommend(RecommendationRequest(**kw))


def test_filters_budget_stock_size_category(head: RecommendationHead) -> None:
    got = ask(head, query="boots", max_price=130.0, k=5)
    assert got and all(s.price <= 130.0 for s in got)
    assert "B3" not in {s.product_id for s in ask(head, category="footwear", k=5)}  # sold out
    sized = ask(head, category="outerwear", size="L", k=5)
    assert {s.product_id for s in sized} == {"J1", "J2"}  # J3 only comes in S
    blue = ask(head, category="outerwear", colour="blue", k=5)
    assert [s.product_id for s in blue] == ["J1"]
    assert ask(head, category="footwear", min_price=500.0) == []


def test_history_and_exclusions_never_come_back(head: RecommendationHead) -> None:
    got = ask(head, history=["K1"], exclude=["K2"], k=5)
    ids = {s.product_id for s in got}
    assert "K1" not in ids and "K2" not in ids and len(got) == 5


def test_clicks_shift_suggestions(head: RecommendationHead) -> None:
    """The dialogue passes clicked products as recent history: a kettle click brings coffee gear first."""
    before = [s.product_id for s in ask(head, k=3)]
    coffee = [s.product_id for s in ask(head, history=["K1"], k=3)]
    outdoor = [s.product_id for s in ask(head, history=["J1"], k=3)]
    assert coffee[0] == "K2", coffee
    assert outdoor[0] in {"B1", "B2", "NEW"}, outdoor
    assert coffee != before and outdoor != coffee


def test_cold_start_product_scored_through_its_text(head: RecommendationHead) -> None:
    """``NEW`` never occurs in training; after a jacket it must still beat the coffee gear."""
    assert "NEW" not in head.recommender.vocab.index()
    seq = head._seq_scores(["J2"])
    row = head._row
    assert seq[row["NEW"]] > max(seq[row[k]] for k in ("K1", "K2", "K3"))
    top = [s.product_id for s in ask(head, history=["J2"], category="footwear", k=3)]
    assert "NEW" in top


def test_attributes_and_budget_make_the_reason(head: RecommendationHead) -> None:
    got = ask(head, query="waterproof boots", attributes={"waterproof": True}, max_price=150.0, k=2)
    assert got[0].product_id in {"B1", "NEW"}
    assert got[0].reason == "waterproof, under $150"


@pytest.mark.parametrize(("lang", "bought", "budget"), [
    ("en", "because you bought Pour-Over Coffee Kettle", "under $100"),
    ("zh", "因为您购买了Pour-Over Coffee Kettle", "低于$100"),
    ("es", "porque compraste Pour-Over Coffee Kettle", "por menos de $100"),
])
def test_reasons_in_three_languages(head: RecommendationHead, lang: str, bought: str, budget: str) -> None:
    head.purchases = {"c1": {"K1"}}
    got = ask(head, history=["K1"], customer_id="c1", language=lang, k=1)
    assert got[0].reason == bought
    viewed = ask(head, history=["K1"], language=lang, k=1)[0].reason
    assert viewed and viewed != bought  # a click, not a purchase
    assert budget in ask(head, query="coffee", max_price=100.0, language=lang, k=1)[0].reason
    assert all(s.reason for s in ask(head, language=lang, k=4))


def test_diversity_caps_brands(head: RecommendationHead) -> None:
    got = ask(head, query="camping outdoor gear", k=5)
    brands = [BY_ID[s.product_id]["brand"] for s in got]
    assert max(brands.count(b) for b in brands) <= head.config.max_per_brand


def test_works_without_model_or_embedder() -> None:
    from retrieval.recommender.catalog import Catalogue

    head = RecommendationHead(Catalogue.build(PRODUCTS))
    got = head.recommend(RecommendationRequest(query="coffee grinder", max_price=100.0, k=2))
    assert got[0].product_id == "K2"
    assert np.isfinite(got[0].score)
