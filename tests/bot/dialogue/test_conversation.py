"""Small talk, grounded FAQ answers, escalation, agent ownership and failures."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest
from conftest import Bot

from bot.dialogue import multi
from bot.dialogue.ports import CustomerEvent, DialogueState


@pytest.mark.parametrize(
    ("text", "expected"),
    [("hello there", "How can I help?"), ("你好", "有什么可以帮您"), ("hola", "¿En qué te ayudo?")],
)
async def test_greeting_in_the_customers_language(tiny_bot: Bot, text: str, expected: str) -> None:
    result = await tiny_bot.say(text)
    assert expected in Bot.text(result) and result.replies[0].kind == "smalltalk"


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("how much is shipping?", "en", "free over $50"),
        ("运费多少？", "zh", "免运费"),
        ("¿cuánto cuesta el envío?", "es", "gratis"),
    ],
)
async def test_faq_answers_are_grounded_with_citations(
    tiny_bot: Bot, text: str, lang: str, expected: str
) -> None:
    result = await tiny_bot.say(text)
    assert expected in Bot.text(result)
    assert [c.id for c in result.replies[0].citations] == ["faq-shipping"]
    assert result.annotation.retrieved == ["faq-shipping"] and result.annotation.language == lang
    assert tiny_bot.retriever.calls[-1] == (text, ("faq", "policy"), None)


async def test_abstention_says_it_does_not_know_and_offers_a_person(tiny_bot: Bot) -> None:
    result = await tiny_bot.say("what is the warranty on gift wrapping?")
    assert "not sure" in Bot.text(result) and "Talk to a person" in result.replies[0].quick_replies
    handoff = await tiny_bot.say("Talk to a person")
    assert handoff.handoff is not None and handoff.handoff.reason == "requested"


@pytest.mark.parametrize(("text", "lang"), [("¿tienen chaquetas impermeables?", "es"), ("你们有防水夹克吗？", "zh")])
async def test_asking_for_a_kind_of_product_shows_cards_of_that_kind(tiny_bot: Bot, text: str, lang: str) -> None:
    """No single product stands out for "do you have waterproof jackets?" in Spanish or Chinese (the catalogue is
    English): the closest ones of that kind come as cards instead of "I'm not sure"."""
    tiny_bot.understander.top_k[text] = (("product_availability", 0.9),)
    result = await tiny_bot.say(text)
    assert result.replies[0].products and tiny_bot.state.language == lang
    request = tiny_bot.recommender.requests[-1]
    assert request.category == "jacket" and request.attributes == {"waterproof": True}


async def test_asking_for_a_kind_the_store_does_not_sell_still_offers_a_person(tiny_bot: Bot) -> None:
    tiny_bot.understander.top_k["do you sell lawn mowers?"] = (("product_availability", 0.9),)
    result = await tiny_bot.say("do you sell lawn mowers?")
    assert not result.replies[0].products and "Talk to a person" in result.replies[0].quick_replies
    assert not tiny_bot.recommender.requests


async def test_nothing_of_that_kind_within_budget_shows_that_kind_above_it(tiny_bot: Bot) -> None:
    fake, inner = tiny_bot.recommender, tiny_bot.recommender.recommend

    def recommend(request: Any) -> list[Any]:  # no tent under $50 in stock, tents above it
        if request.category and request.max_price is not None:
            fake.requests.append(request)
            return []
        return inner(request)

    fake.recommend = recommend  # type: ignore[method-assign]
    tiny_bot.understander.top_k["recommend a tent under $50"] = (("recommend_product", 0.9),)
    result = await tiny_bot.say("recommend a tent under $50")
    assert result.replies[0].products and "above it" in result.replies[0].text
    assert fake.requests[-1].category == "tent" and fake.requests[-1].max_price is None


async def test_talk_to_human_hands_off(tiny_bot: Bot) -> None:
    result = await tiny_bot.say("我要转人工")
    assert result.handoff is not None and result.handoff.reason == "requested"
    assert result.state.owner == "agent" and "人工客服" in Bot.text(result)
    # the agent who picks it up has a first line ready, in the customer's language (the desk said "No suggestions")
    assert [r.text for r in result.suggested_replies] == ["感谢您的耐心等待，我正在为您查看。"]


@pytest.mark.parametrize(
    ("text", "button"),
    [("what's your phone number?", "Talk to a person"), ("你们的电话是多少？", "转人工客服"),
     ("¿cuál es su número de teléfono?", "Hablar con una persona")],
)
async def test_asking_for_the_phone_number_gets_it_with_a_person_one_tap_away(
    tiny_bot: Bot, text: str, button: str
) -> None:
    tiny_bot.understander.top_k[text] = (("talk_to_human", 0.99),)  # how the trained model reads it
    result = await tiny_bot.say(text)
    assert result.handoff is None and result.state.owner == "bot"
    assert "555-0142" in Bot.text(result) and [c.id for c in result.replies[0].citations] == ["faq-contact"]
    assert result.replies[0].quick_replies == [button]
    tapped = await tiny_bot.say(button)
    assert tapped.handoff is not None and tapped.handoff.reason == "requested"


async def test_asking_to_be_called_back_hands_off(tiny_bot: Bot) -> None:
    text = "can someone call me back? my phone is 555 0101"
    tiny_bot.understander.top_k[text] = (("talk_to_human", 0.97),)
    result = await tiny_bot.say(text)
    assert result.handoff is not None and not any(r.citations for r in result.replies)


async def test_negative_trend_hands_off(tiny_bot: Bot) -> None:
    first = await tiny_bot.say("this is terrible")
    assert first.handoff is None and "sorry" in Bot.text(first).lower()
    second = await tiny_bot.say("the worst service ever")
    assert second.handoff is None
    third = await tiny_bot.say("awful, just awful!!!")
    assert third.handoff is not None and third.handoff.reason == "negative_trend"


async def test_out_of_scope_clarifies_once_then_offers_a_person(tiny_bot: Bot) -> None:
    first = await tiny_bot.say("what's the weather on mars")
    assert first.replies[0].kind == "clarify" and "orders, returns" in Bot.text(first)
    second = await tiny_bot.say("tell me a joke about cats")
    assert "talk to a person" in Bot.text(second) and second.handoff is None
    third = await tiny_bot.say("yes")
    assert third.handoff is not None and third.handoff.reason == "out_of_scope"


async def test_no_recommendations_mid_complaint(tiny_bot: Bot) -> None:
    await tiny_bot.say("this is terrible")
    result = await tiny_bot.say("can you recommend something")
    assert not any(r.products for r in result.replies) and tiny_bot.recommender.requests == []


async def test_agent_owner_keeps_the_bot_silent_but_annotated(bot: Bot) -> None:
    bot.state.owner = "agent"
    bot.state.customer_id = (await bot.orders.get("1043")).customer_id
    result = await bot.say("cancel order 1043 now")
    assert result.replies == [] and result.annotation.intent == "cancel_order"
    assert 1 <= len(result.suggested_replies) <= 3 and "1043" in result.suggested_replies[0].text
    assert (await bot.orders.get("1043")).status == "processing" and result.state.pending is None


async def test_model_failure_gives_a_graceful_reply_and_a_person(tiny_bot: Bot) -> None:
    tiny_bot.state.language = "es"
    tiny_bot.understander.fail = True
    result = await tiny_bot.say("¿dónde está mi pedido?")
    assert result.handoff is not None and result.handoff.reason == "model_error"
    assert "algo ha fallado" in Bot.text(result) and result.replies[0].kind == "error"


async def test_retriever_failure_is_a_model_error_too(tiny_bot: Bot) -> None:
    def broken(*args, **kwargs):
        raise RuntimeError("index missing")

    tiny_bot.retriever.answer = broken  # type: ignore[method-assign]
    result = await tiny_bot.say("how much is shipping?")
    assert result.handoff is not None and result.handoff.reason == "model_error" and result.replies


async def test_model_calls_do_not_block_the_event_loop(tiny_bot: Bot) -> None:
    slow = tiny_bot.understander.predict

    def predict(texts, **kwargs):
        time.sleep(0.3)
        return slow(texts, **kwargs)

    tiny_bot.understander.predict = predict  # type: ignore[method-assign]
    ticks = 0

    async def ticker() -> None:
        nonlocal ticks
        while True:
            await asyncio.sleep(0.01)
            ticks += 1

    task = asyncio.create_task(ticker())
    result = await tiny_bot.say("hello")
    task.cancel()
    assert ticks >= 10 and result.annotation.latency_ms["understand"] >= 300


async def test_greet_and_product_click_event(tiny_bot: Bot) -> None:
    greeting = await tiny_bot.manager.greet(DialogueState(language="zh"))
    assert "您好" in greeting.replies[0].text and greeting.replies[0].quick_replies
    clicked = await tiny_bot.manager.on_event(
        DialogueState(), CustomerEvent(type="product_click", product_id="P003")
    )
    assert clicked.replies == [] and clicked.state.clicked_products == ["P003"]
    assert clicked.state.focus_products == ["P003"]


async def test_failures_while_an_agent_owns_the_chat_stay_silent(tiny_bot: Bot) -> None:
    tiny_bot.state.owner = "agent"

    def broken(*args, **kwargs):
        raise RuntimeError("index missing")

    tiny_bot.retriever.answer = broken  # type: ignore[method-assign]
    result = await tiny_bot.say("how much is shipping?")
    assert result.replies == [] and result.handoff is None and len(result.suggested_replies) == 1
    tiny_bot.understander.fail = True
    result = await tiny_bot.say("hello?")
    assert result.replies == [] and result.handoff is None and result.state.owner == "agent"


async def test_hand_back_resets_escalation(tiny_bot: Bot) -> None:
    await tiny_bot.say("I want a human")
    assert tiny_bot.state.owner == "agent" and tiny_bot.state.extra["handoff"] == "requested"
    await tiny_bot.say("this is terrible")  # the agent is on it: the bot stays silent
    tiny_bot.state.owner = "bot"  # the agent hands the conversation back
    result = await tiny_bot.say("how much is shipping?")
    assert result.replies and result.handoff is None and "handoff" not in tiny_bot.state.extra
    assert len(tiny_bot.state.sentiments) == 1  # the angry turn before the hand back no longer counts
    results = [await tiny_bot.say(text) for text in ("this is terrible", "awful", "the worst")]
    assert [r.handoff.reason for r in results if r.handoff] == ["negative_trend"]


async def test_a_store_question_naming_an_order_offers_to_check_that_order(bot: Bot) -> None:
    text = "my boots from order 1042 haven't arrived, and how much is shipping to Canada?"
    bot.understander.top_k[text] = (("shipping_options", 0.9),)
    result = await bot.say(text)
    assert [c.id for c in result.replies[0].citations] == ["faq-shipping"]
    assert result.replies[0].quick_replies == ["Check order 1042"]
    tapped = await bot.say("Check order 1042")
    assert tapped.annotation.intent == "order_status" and "email" in Bot.text(tapped).lower()


@pytest.mark.parametrize("text", ["Where is my order 1042? And how much is shipping?",
                                  "¿Dónde está mi pedido 1042? ¿Y cuánto cuesta el envío?",
                                  "我的订单1042在哪里？运费是多少？"])
async def test_two_questions_in_one_turn_get_both_answers(bot: Bot, text: str) -> None:
    """The store question is answered (cited) and the order request follows, asking what it needs last."""
    result = await bot.say(text)
    assert result.annotation.handler == "shipping_options+order_status"
    assert [c.id for c in result.replies[0].citations] == ["faq-shipping"]
    assert len(result.replies) == 2 and "1042" in result.replies[1].text
    assert bot.state.pending and bot.state.pending["order"] == "1042"  # the order request waits for the e-mail
    email = await bot.say("fang58@mail.example")  # the customer's next message answers it
    assert email.annotation.handler == "continue:order_status" and "1Z2G9MTE3840084492" in Bot.text(email)


async def test_a_question_leaning_on_the_one_before_is_searched_with_it_and_not_answered_twice(bot: Bot) -> None:
    """"do you offer free shipping? how long does it take?": "it" is the shipping; one answer, not a refusal."""
    text, first, second = "do you offer free shipping? how long does it take?", "do you offer free shipping?", \
        "how long does it take?"
    for t, intent in ((text, "shipping_options"), (first, "shipping_options"), (second, "delivery_time")):
        bot.understander.top_k[t] = ((intent, 0.9),)
    result = await bot.say(text)
    assert result.annotation.handler == "shipping_options+shipping_options"  # the second is about the shipping
    assert bot.retriever.calls[-1][0] == text  # the second question searched with the first
    assert [[c.id for c in r.citations] for r in result.replies] == [["faq-shipping"]]  # said once, no refusal


async def test_a_bare_price_question_after_a_store_question_is_about_the_store_not_the_card_in_focus(bot: Bot) -> None:
    """Seen live, a list of cards shown: "¿hacen envíos a Argentina? ¿cuánto cuesta?" got the shipping entry and the
    price of the first card."""
    bot.state.focus_products = ["P0018"]
    text, first, second = "¿hacen envíos a Argentina? ¿cuánto cuesta?", "hacen envíos a Argentina?", "cuánto cuesta?"
    for t, intent in ((text, "shipping_options"), (first, "shipping_options"), (second, "product_question")):
        bot.understander.top_k[t] = ((intent, 0.9),)
    result = await bot.say(text)
    assert all(c.kind != "product" for r in result.replies for c in r.citations)
    assert bot.retriever.calls[-1][0] == f"{first} {second}"


async def test_two_questions_about_one_product_get_both_facts(tiny_bot: Bot) -> None:
    """Seen live: the second answer was dropped because it cited the same product as the first."""
    first, second = "is the Ridge Waterproof Shell Jacket available in size M?", "what colours does it come in?"
    for t, intent in ((f"{first} {second}", "product_question"), (first, "product_question"),
                      (second, "product_question")):  # one intent, two questions
        tiny_bot.understander.top_k[t] = ((intent, 0.9),)
    result = await tiny_bot.say(f"{first} {second}")
    assert [[c.id for c in r.citations] for r in result.replies] == [["P001"], ["P001"]]
    assert "size M" in result.replies[0].text and "navy" in result.replies[1].text and "red" in result.replies[1].text


@pytest.mark.parametrize(("text", "parts"), [
    ("¿Dónde está mi pedido? ¿Y cuánto cuesta el envío?", ["Dónde está mi pedido?", "cuánto cuesta el envío?"]),
    ("yoga pants? yellow ones?", ["yoga pants?", "yellow ones?"]),  # "y" starts a word, it is no "and"
    ("where is 1042? and do you ship to Canada? my e-mail is a@b.example", []),  # the e-mail is for them all
    ("where is 1042? and do you ship to Canada? thanks", ["where is 1042?", "do you ship to Canada?"]),
])
def test_a_turn_splits_into_its_questions(text: str, parts: list[str]) -> None:
    assert multi.questions(text) == parts


@pytest.mark.parametrize(("text", "handler"), [("really? why?", "out_of_scope"),
                                               ("where is my order? where is order 1042?", "order_status"),
                                               ("where is order 1044? can I return it?", "return_item")])
async def test_one_thought_asked_twice_is_not_split(bot: Bot, text: str, handler: str) -> None:
    assert (await bot.say(text)).annotation.handler == handler


@pytest.mark.parametrize("text", ["do you sell gift cards?", "¿venden tarjetas regalo?", "有礼品卡吗？"])
async def test_gift_cards_are_a_store_question_not_product_cards(tiny_bot: Bot, text: str) -> None:
    """Seen live: "do you sell gift cards?" showed body wash and trainers as "picks for you"."""
    tiny_bot.understander.top_k[text] = (("recommend_product", 0.83),)
    result = await tiny_bot.say(text)
    assert result.annotation.handler == "faq" and not any(r.products for r in result.replies)
    assert tiny_bot.recommender.requests == []


@pytest.mark.parametrize("text", ["do you offer gift wrapping?", "你们提供礼品包装吗？", "¿ofrecen envoltorio de regalo?"])
async def test_a_service_question_gets_the_faq_or_honesty_never_product_cards(tiny_bot: Bot, text: str) -> None:
    tiny_bot.understander.top_k[text] = (("recommend_product", 0.9),)  # how the trained model reads it
    result = await tiny_bot.say(text)
    assert not any(r.products for r in result.replies) and tiny_bot.recommender.requests == []
    assert result.annotation.handler == "faq" and result.replies[0].kind == "clarify"  # the FAQ has nothing: a person


@pytest.mark.parametrize(("text", "says"), [("are you a bot?", "not a person"), ("你是机器人吗？", "不是真人"),
                                            ("¿eres humano?", "no una persona")])
async def test_are_you_a_bot_gets_a_plain_answer_with_a_person_one_tap_away(tiny_bot: Bot, text: str, says: str) -> None:
    tiny_bot.understander.top_k[text] = (("greeting", 0.97),)  # how the trained model reads "are you a bot?"
    result = await tiny_bot.say(text)
    assert says in Bot.text(result) and len(result.replies[0].quick_replies) == 1 and result.handoff is None


@pytest.mark.parametrize("text", ["do you offer XL sizes?", "你们提供蓝色的吗", "¿ofrecen tallas grandes?"])
async def test_offering_a_size_or_colour_is_still_a_product_question(tiny_bot: Bot, text: str) -> None:
    tiny_bot.understander.top_k[text] = (("recommend_product", 0.9),)
    result = await tiny_bot.say(text)
    assert result.annotation.handler == "recommend_product" and result.replies[0].products
