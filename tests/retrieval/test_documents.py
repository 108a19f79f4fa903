from retrieval.documents import chunk_text, count_words, faq_document, policy_documents, product_document
from retrieval.lexical import tokenize

from retrieval_store import PRODUCTS, POLICIES


def test_minimal_product_row():
    doc = product_document({"id": "p1", "title": "Mug", "description": "Blue mug", "category": "Kitchen", "price": "$9.50"})
    assert (doc.kind, doc.title, doc.metadata["price"], doc.metadata["in_stock"]) == ("product", "Mug", 9.5, True)
    assert "Blue mug" in doc.text and "Kitchen" in doc.text


def test_rich_product_stock_comes_from_variants():
    doc = product_document(PRODUCTS[0])
    assert doc.metadata["stock"] == 4
    assert doc.metadata["in_stock"] is True
    assert doc.metadata["in_stock_variants"] == ["M / black"]  # the white L variant has no stock
    assert "XK-2291-B" in doc.text and "Basico" in doc.text
    by_id = {p["id"]: p for p in PRODUCTS}
    assert product_document(by_id["p-tee-3"]).metadata["in_stock"] is False
    assert product_document(by_id["p-mug"]).metadata["in_stock"] is False  # top-level stock 0


def test_variant_options_as_plain_keys():
    doc = product_document({"id": "P1", "title": "Jacket", "price": 10, "variants": [
        {"sku": "P1-G-S", "colour": "green", "size": "S", "stock": 2}, {"sku": "P1-G-M", "colour": "green", "size": "M", "stock": 0}]})
    assert doc.metadata["in_stock_variants"] == ["green / S"]


def test_faq_translation_groups_with_its_source_and_tolerates_misspelt_key():
    doc = faq_document({"id": "f-es", "source_id": "f", "lang": "es", "question": "¿Qué?", "answer": "Sí."})
    assert (doc.group, doc.lang, doc.metadata["answer"]) == ("f", "es", "Sí.")
    assert faq_document({"id": "x", "question": "q", "answwer": "a"}).metadata["answer"] == "a"


def test_policy_chunks_have_ids_overlap_and_bounded_length():
    body = " ".join(f"Rule number {i} says that customers should read clause {i} carefully." for i in range(80))
    docs = policy_documents({"id": "policy-returns", "title": "Returns", "body": body})
    assert len(docs) > 3
    assert [d.id for d in docs[:2]] == ["policy-returns#1", "policy-returns#2"]
    words = [count_words(d.metadata["passage"]) for d in docs]
    assert max(words) <= 175 and min(words[:-1]) >= 100
    first_of_second = docs[1].metadata["passage"].split(". ")[0]
    assert first_of_second in docs[0].metadata["passage"]  # overlap with the previous chunk
    assert len(policy_documents(POLICIES[0])) >= 1


def test_chinese_text_is_chunked_by_characters():
    chunks = chunk_text("退货政策规定顾客可以在三十天内退货。" * 40)
    assert len(chunks) > 1


def test_tokenizer_folds_accents_keeps_skus_and_splits_cjk():
    assert tokenize("Envío GRATIS") == ["envio", "gratis"]
    assert tokenize("XK-2291-B") == ["xk-2291-b", "xk", "2291", "b"]
    assert tokenize("退货") == ["退", "货", "退货"]
