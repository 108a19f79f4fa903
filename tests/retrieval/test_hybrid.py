import pytest

from retrieval.hybrid import HybridSearcher


def _top(index, q, mode="hybrid", **kw):
    return [h.id for h in HybridSearcher(index, mode=mode).search(q, **kw).hits]


def test_hybrid_finds_exact_sku_that_dense_alone_misses(store_index):
    # p-tee-1/p-tee-2 share title and description, and the socks have near-identical SKUs
    assert _top(store_index, "QZ-7710-R", k=3)[0] == "p-tee-2"
    assert _top(store_index, "QZ-7710-R", mode="bm25", k=3)[0] == "p-tee-2"
    assert _top(store_index, "QZ-7710-R", mode="dense", k=3)[0] != "p-tee-2"


def test_sku_lookup_respects_filters(store_index):
    assert "p-tee-2" not in _top(store_index, "QZ-7710-R", k=3, filters={"category": "socks"})


def test_brand_term_is_matched(store_index):
    assert _top(store_index, "Verdant", k=3)[0] == "p-tee-3"


@pytest.mark.parametrize("filters,expected", [
    ({"max_price": 20}, {"p-tee-1", "p-tee-2", "p-mug", "p-sock-1", "p-sock-2"}),
    ({"min_price": 30, "max_price": 150}, {"p-kettle", "p-boot"}),
    ({"in_stock": True, "category": "t-shirts"}, {"p-tee-1", "p-tee-2"}),
    ({"category": "kitchen"}, {"p-kettle", "p-mug"}),
])
def test_product_filters(store_index, filters, expected):
    got = set(_top(store_index, "something to buy", k=20, kinds=("product",), filters=filters))
    assert got == expected


def test_language_filter_and_kind_filter(store_index):
    hits = HybridSearcher(store_index).search("envío", k=20, filters={"language": "es"}).hits
    assert {h.metadata["matched_id"] for h in hits} == {"faq-shipping-es"}
    assert {h.kind for h in HybridSearcher(store_index).search("returns", k=20, kinds=("policy",)).hits} == {"policy"}


@pytest.mark.parametrize("query,lang", [
    ("你们接受哪些付款方式？", "zh"),
    ("¿Qué métodos de pago aceptan?", "es"),
    ("我可以取消订单吗？", "zh"),
    ("¿Puedo cancelar mi pedido?", "es"),
])
def test_cross_lingual_question_finds_english_faq(store_index, query, lang):
    hit = HybridSearcher(store_index).search(query, k=3, kinds=("faq",), language=lang).hits[0]
    assert hit.id in {"faq-payment", "faq-cancel"}
    assert hit.id == ("faq-payment" if "付款" in query or "pago" in query else "faq-cancel")


def test_translations_collapse_to_one_hit_in_the_customer_language(store_index):
    hits = HybridSearcher(store_index).search("how long does delivery take", k=10, language="zh").hits
    assert [h.id for h in hits].count("faq-shipping") == 1
    shipping = next(h for h in hits if h.id == "faq-shipping")
    assert shipping.metadata["matched_id"] == "faq-shipping-zh"


def test_faq_entry_scored_once_from_both_of_its_vectors(store_index):
    from retrieval.hybrid import FAQ_ANSWER_WEIGHT

    searcher = HybridSearcher(store_index, mode="dense")
    hit = searcher.search("can I still cancel what I ordered", k=3, kinds=("faq",)).hits[0]
    assert hit.id == "faq-cancel" and hit.metadata["matched_id"] == "faq-cancel"
    qvec = store_index.embedder.encode_queries(["can I still cancel what I ordered"])[0]
    both = store_index.store.reconstruct([store_index.by_id["faq-cancel"], store_index.by_id["faq-cancel~q"]]) @ qvec
    assert hit.score == pytest.approx(FAQ_ANSWER_WEIGHT * both[0] + (1 - FAQ_ANSWER_WEIGHT) * both[1], abs=1e-5)


def test_abstention_features_tell_a_chinese_question_on_english_text(store_index):
    searcher = HybridSearcher(store_index)
    assert searcher.search("退货需要多少天？", k=3, kinds=("policy",), language="zh").features["same_script"] == 0.0
    assert searcher.search("¿Cuántos días para devolver?", k=3, kinds=("policy",), language="es").features["same_script"] == 1.0
