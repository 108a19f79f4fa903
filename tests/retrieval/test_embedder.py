"""Query vectors are kept by text: a query the retrieval index embedded is not embedded again by the head."""

from __future__ import annotations

from typing import Any

import numpy as np
from retrieval_store import PRODUCTS, store_documents

from bot.dialogue.ports import RecommendationRequest


class CountingModel:
    """The wrapped sentence-transformers model, counting the query texts that go through a forward."""

    def __init__(self, model: Any) -> None:
        self.model, self.queries = model, 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self.model, name)

    def encode(self, texts: list[str], **kw: Any) -> np.ndarray:
        self.queries += sum(t.startswith("query: ") for t in texts)
        return self.model.encode(texts, **kw)


def _counting(embedder: Any, cache: int = 1024) -> tuple[Any, CountingModel]:
    from retrieval.embedder import Embedder

    model = CountingModel(embedder.model)
    return Embedder(model=model, model_dir=embedder.model_dir, model_id=embedder.model_id, query_cache=cache), model


def test_the_head_reuses_the_query_vector_retrieval_computed(tiny_embedder) -> None:
    from retrieval.hybrid import HybridSearcher
    from retrieval.index import DocumentIndex
    from retrieval.recommender.head import RecommendationHead

    emb, model = _counting(tiny_embedder)
    index = DocumentIndex.build(store_documents(), emb)
    head = RecommendationHead.from_pretrained(None, products=PRODUCTS, embedder=emb)
    HybridSearcher(index).search("warm waterproof boots", k=3)
    assert model.queries == 1
    got = head.recommend(RecommendationRequest(query="warm waterproof boots", k=3))
    assert got and model.queries == 1  # same text: no second forward in the turn
    head.recommend(RecommendationRequest(query="a gift for a coffee lover", k=3))
    assert model.queries == 2


def test_cached_vectors_equal_fresh_ones_and_the_cache_is_bounded(tiny_embedder) -> None:
    emb, model = _counting(tiny_embedder, cache=2)
    first = emb.encode_queries(["rain jacket", "kettle", "rain jacket"])
    assert model.queries == 2 and np.array_equal(first[0], first[2])
    again = emb.encode_queries(["kettle", "tent"])  # kettle from the cache, tent evicts rain jacket
    assert model.queries == 3 and np.array_equal(again[0], first[1])
    assert emb.cached("rain jacket") is None and emb.cached("tent") is not None
    again[0] += 1.0  # callers get copies: the cached vector is unchanged
    assert np.array_equal(emb.encode_queries(["kettle"])[0], first[1])
    assert np.allclose(emb.encode_queries(["rain jacket"])[0], tiny_embedder.encode_queries(["rain jacket"])[0],
                       atol=1e-5)
