"""Fixtures for evaluation tests: a small hand-made log with known answers and fake pipelines."""

from __future__ import annotations

from pathlib import Path

import pytest
from evaluation_fakes import BAD, GOOD, FakeDialogue, TableUnderstander, cust, provider

from bot.evaluation.logs import Conversation, Turn


@pytest.fixture
def small_log() -> list[Conversation]:
    """4 gold intents (3 predicted right by GOOD), 2 handoff labels, 1 retrieval and 1 recommendation gold."""
    return [
        Conversation(id="a", language="en", turns=[
            cust("where is my order", intent="order_status", sentiment="neutral", handoff_expected=False),
            Turn(role="bot", text="which order?"),
            cust("shipping cost?", intent="shipping_options", relevant_sources=["faq-2", "faq-9"]),
        ]),
        Conversation(id="b", language="es", turns=[
            cust("quiero hablar con una persona", intent="talk_to_human", sentiment="negative", handoff_expected=True),
        ]),
        Conversation(id="c", language="zh", turns=[
            cust("推荐一双鞋", intent="recommend_product", purchased_item="p7", handoff_expected=False),
            cust("天气怎么样", sentiment="neutral"),
        ]),
    ]


@pytest.fixture
def good_dialogue() -> FakeDialogue:
    return FakeDialogue(TableUnderstander(GOOD), retrieved={"shipping cost?": ["faq-1", "faq-9", "faq-2"]},
                        cards={"推荐一双鞋": ["p3", "p7"]})


@pytest.fixture
def bad_dialogue() -> FakeDialogue:
    return FakeDialogue(TableUnderstander(BAD), retrieved={"shipping cost?": ["faq-5"]})


@pytest.fixture
def fake_pipelines(monkeypatch, good_dialogue, bad_dialogue):
    """The CLI's real pipeline builder swapped for fakes chosen by the model folder's name."""
    import bot.evaluation.pipeline as pipeline

    def fake(settings, model_dir=None):
        name = Path(model_dir or settings.model_dir).name
        return provider(bad_dialogue if name == "worse" else good_dialogue)

    monkeypatch.setattr(pipeline, "pipeline_provider", fake)
    monkeypatch.setattr("bot.commands.evaluation._require_model", lambda path, option: None)
