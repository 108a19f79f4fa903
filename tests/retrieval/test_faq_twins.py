"""FAQ entries whose questions differ by one word ("description" / "specification" of one product): the
question vectors cannot order them, their answers can (``retrieval.hybrid._separate_twins``)."""

from __future__ import annotations

import numpy as np
import pytest

from retrieval.documents import ANSWER_SUFFIX, QUESTION_SUFFIX, faq_documents
from retrieval.hybrid import TWIN_COSINE, HybridSearcher
from retrieval.index import DocumentIndex

DRIVE = "Nimbus 70 USB-C Flash Drive with Metal Key Ring"
FAQ = [
    {"id": "faq-about", "question": f"Tell me the description for {DRIVE}",
     "answer": "The Nimbus 70 is a portable, lightweight USB-C flash drive for laptops, tablets and phones. "
               "With capacities of up to 256GB and fast transfers it easily expands your storage for everyday "
               "use, and it comes with a 5-year warranty and free technical support."},
    {"id": "faq-specs", "question": f"Tell me the specification for {DRIVE}",
     "answer": "Capacities: 64GB 128GB 256GB, Dimensions: 59.0mm x 18.5mm x 9.0mm, Weight: 7g, Operating "
               "temperature: 0°C~60°C, Storage temperature: -20°C~85°C, Warranty: 5 years, Compatible with: "
               "Windows 11/10, macOS 10.15+, Linux 4.4+"},
    {"id": "faq-returns", "question": "What is your return policy?",
     "answer": "You can return items within 30 days for a full refund."},
    {"id": "faq-shipping", "question": "How long does shipping take?",
     "answer": "Standard shipping takes 3-5 business days."},
]


@pytest.fixture(scope="module")
def twin_index(full_embedder):
    return DocumentIndex.build([d for f in FAQ for d in faq_documents(f)], full_embedder)


def _top(index, query, **kw):
    return HybridSearcher(index, **kw).search(query, k=4).hits[0].id


def test_faq_rows_get_an_answer_only_companion():
    ids = [d.id for d in faq_documents(FAQ[0])]
    assert ids == ["faq-about", "faq-about" + QUESTION_SUFFIX, "faq-about" + ANSWER_SUFFIX]
    assert len(faq_documents({"id": "x", "question": "Is there an answer?", "answer": " "})) == 2


def test_only_near_identical_questions_are_twins(twin_index):
    view = twin_index.view
    twins = view.faq_twins(TWIN_COSINE)
    names = {view.docs[r].id: {view.docs[t].id for t in ts} for r, ts in twins.of.items()}
    assert names == {"faq-about": {"faq-specs"}, "faq-specs": {"faq-about"}}


@pytest.mark.parametrize("query", ["what are the dimensions and weight of the Nimbus 70",
                                   "Nimbus 70 technical details"])
def test_a_question_only_the_answer_matches_finds_the_specification(twin_index, query):
    # the question view puts the description first; the answers tell the two apart
    assert _top(twin_index, query, twin_cosine=None) == "faq-about"
    assert _top(twin_index, query) == "faq-specs"
    assert _top(twin_index, query, mode="dense") == "faq-specs"


@pytest.mark.parametrize("query", ["describe the Nimbus 70 drive", "what is the Nimbus 70"])
def test_description_questions_still_find_the_description(twin_index, query):
    assert _top(twin_index, query) == "faq-about"


def test_twin_ordering_keeps_the_scores_abstention_reads(twin_index):
    query = "what are the dimensions and weight of the Nimbus 70"
    now = HybridSearcher(twin_index).search(query, k=4)
    before = HybridSearcher(twin_index, twin_cosine=None).search(query, k=4)
    for feature in ("dense_top1", "dense_margin", "margin_z", "dense_z"):
        assert now.features[feature] == pytest.approx(before.features[feature])


def test_answer_only_passages_stay_out_of_bm25(twin_index, full_embedder):
    docs = [d for f in FAQ for d in faq_documents(f) if not d.id.endswith(ANSWER_SUFFIX)]
    without = DocumentIndex.build(docs, full_embedder)
    query = "weight and operating temperature"
    with_answers, plain = twin_index.view, without.view
    scores = with_answers.bm25(query)
    assert not scores[sorted(with_answers.answer_rows)].any()
    kept = {with_answers.docs[r].id: s for r, s in enumerate(scores) if r not in with_answers.answer_rows}
    assert kept == pytest.approx({plain.docs[r].id: s for r, s in enumerate(plain.bm25(query))})
    assert np.allclose(np.sort(with_answers.reference, axis=0), np.sort(plain.reference, axis=0))


def test_deleting_an_entry_removes_its_companions(twin_index, full_embedder):
    index = DocumentIndex.build([d for f in FAQ for d in faq_documents(f)], full_embedder)
    index.delete(["faq-specs"])
    assert not [d.id for d in index.docs.values() if d.id.startswith("faq-specs")]
    assert not index.view.faq_twins(TWIN_COSINE).of
    assert _top(index, "what are the dimensions and weight of the Nimbus 70") == "faq-about"
