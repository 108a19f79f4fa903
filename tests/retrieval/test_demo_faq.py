"""The demo store's own FAQ against questions it once answered from a neighbouring entry."""

from __future__ import annotations

from pathlib import Path

import pytest

from retrieval.documents import faq_documents, read_jsonl
from retrieval.hybrid import HybridSearcher
from retrieval.index import DocumentIndex

FAQ_FILE = Path(__file__).resolve().parents[2] / "training" / "demo_store" / "faq.jsonl"
# the entries those questions landed on, their neighbours, and the entries that answer them
ENTRIES = ("faq-gift-wrap", "faq-return-without-receipt", "faq-gift-cards", "faq-return-gift-card", "faq-invoice",
           "faq-change-order", "faq-cancel-order", "faq-payment-currency", "faq-sales-tax")


@pytest.fixture(scope="module")
def searcher(full_embedder) -> HybridSearcher:
    rows = [r for r in read_jsonl(FAQ_FILE) if (r.get("source_id") or r["id"]) in ENTRIES and r["lang"] in ("en", "zh")]
    return HybridSearcher(DocumentIndex.build([d for r in rows for d in faq_documents(r)], full_embedder))


@pytest.mark.parametrize(("query", "lang", "entry"), [("do you offer gift wrapping?", "en", "faq-gift-wrap"),
                                                      ("可以开发票吗？", "zh", "faq-invoice")])
def test_gift_wrapping_and_invoices_are_answered_from_their_own_entry(searcher: HybridSearcher, query: str, lang: str,
                                                                       entry: str) -> None:
    """Seen live: gift wrapping was answered from the gift-returns entry and "can I get an invoice?" from order
    changes, because the store said nothing on either; its FAQ now does (a data gap, not the abstention model)."""
    assert searcher.search(query, k=3, language=lang).hits[0].id == entry
