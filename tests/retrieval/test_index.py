import json

import numpy as np
import pytest

from retrieval.documents import product_document
from retrieval.hybrid import HybridSearcher
from retrieval.index import DocumentIndex, MANIFEST_FILE, README_FILE

from retrieval_store import store_documents

QUERIES = ["black cotton tee", "how long is delivery", "return an item", "kettle"]


def _ranked(index, q):
    return [(h.id, round(h.score, 6)) for h in HybridSearcher(index).search(q, k=5).hits]


def test_save_load_round_trip_gives_identical_results(tiny_embedder, tmp_path):
    index = DocumentIndex.build(store_documents(), tiny_embedder)
    index.save(tmp_path / "idx")
    manifest = json.loads((tmp_path / "idx" / MANIFEST_FILE).read_text())
    assert {"embedder", "dim", "count", "index_type", "build_time", "sources_hash"} <= set(manifest)
    assert manifest["count"] == len(store_documents()) and manifest["index_type"] == "flat"
    assert manifest["embedder"]["hash"] == tiny_embedder.model_id
    assert (tmp_path / "idx" / README_FILE).read_text().startswith("# shopbot retrieval index")
    loaded = DocumentIndex.load(tmp_path / "idx", embedder=tiny_embedder)
    for q in QUERIES:
        assert _ranked(loaded, q) == _ranked(index, q)


def test_load_refuses_a_different_embedder(tiny_embedder, full_embedder, tmp_path):
    DocumentIndex.build(store_documents()[:3], tiny_embedder).save(tmp_path / "idx")
    with pytest.raises(ValueError, match="built with embedder"):
        DocumentIndex.load(tmp_path / "idx", embedder=full_embedder)


@pytest.mark.parametrize("index_type", ["flat", "hnsw"])
def test_add_update_delete_without_rebuild(tiny_embedder, tmp_path, index_type):
    index = DocumentIndex.build(store_documents(), tiny_embedder, index_type=index_type)
    vec_before = index.store.reconstruct(np.array([index.by_id["faq-payment"]]))
    index.upsert([product_document({"id": "p-tent", "title": "Two-person tent", "price": 199.0, "category": "Camping"})])
    index.upsert([product_document({"id": "p-kettle", "title": "Glass teapot", "price": 21.0, "category": "Kitchen"})])
    index.delete(["p-boot"])
    ids = [h.id for h in HybridSearcher(index).search("tent for camping", k=3).hits]
    assert ids[0] == "p-tent"
    kettle = HybridSearcher(index).search("glass teapot", k=1).hits[0]
    assert (kettle.id, kettle.title, kettle.metadata["price"]) == ("p-kettle", "Glass teapot", 21.0)
    all_ids = {h.id for h in HybridSearcher(index).search("hiking boots", k=50).hits}
    assert "p-boot" not in all_ids
    assert len(index) == len(store_documents())  # +1 tent, kettle replaced, -1 boots
    # untouched documents keep their vectors (no re-embedding)
    np.testing.assert_array_equal(index.store.reconstruct(np.array([index.by_id["faq-payment"]])), vec_before)
    if index_type == "hnsw":
        assert index.store.tombstones  # deleted ids are filtered at search time until compaction
        index.store.compact()
        assert not index.store.tombstones and index.store.index.ntotal == len(index)
    index.save(tmp_path / "idx")
    loaded = DocumentIndex.load(tmp_path / "idx", embedder=tiny_embedder)
    assert "p-boot" not in {h.id for h in HybridSearcher(loaded).search("hiking boots", k=50).hits}
    assert HybridSearcher(loaded).search("tent for camping", k=1).hits[0].id == "p-tent"
