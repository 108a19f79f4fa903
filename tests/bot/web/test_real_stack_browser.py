"""The widget and the agent desk in chromium against the production dialogue (a tiny trained intent
model, a real index and the recommendation head on the tiny store; see real_stack.py): an order
answered from the order table after the email check, product cards from the recommender, "the second one" resolved against
the cards just shown, and the agent desk showing what is in focus."""

from __future__ import annotations

import urllib.request

import pytest
from playwright.sync_api import expect
from test_agent_browser import sign_in
from web_support import AppServer, open_widget, save_screenshot, say

pytestmark = pytest.mark.browser
TRACKING_1042 = "1Z4F8E2A1234567890"  # tests/bot/dialogue/data/tiny_store/orders.jsonl


def test_real_dialogue_answers_orders_recommends_and_resolves_the_second_one(new_page, real_server: AppServer) -> None:
    with urllib.request.urlopen(real_server.url + "/readyz", timeout=5) as r:
        assert r.status == 200  # the models loaded
    page = new_page()
    open_widget(page, real_server)  # a guest: no purchase history, and orders need the email
    expect(page.locator(".msg.bot")).to_have_count(1)  # the greeting
    say(page, "Can you recommend something for hiking?")
    cards = page.locator(".msg.bot .card")
    expect(cards.first).to_be_visible()
    assert cards.count() >= 2
    titles = cards.locator("h3").all_inner_texts()
    say(page, "Is the second one waterproof?")
    answer = page.locator(".msg.bot").last
    expect(answer.locator("details.sources .src-title")).to_have_text([titles[1]])  # cited: that product

    say(page, "Where is my order 1042?")
    expect(page.locator(".msg.bot").last).to_contain_text("email")
    say(page, "emma.smith@example.com")
    expect(page.locator(".msg.bot", has_text=TRACKING_1042)).to_have_count(1)
    save_screenshot(page, "widget-real-stack")

    agent = new_page(width=1440, height=900)
    sign_in(agent, real_server)
    agent.locator(".queue-item").first.click()  # the only conversation on this server
    expect(agent.locator("#focus dd[data-field=order]")).to_have_text("#1042 · verified")
    expect(agent.locator("#focus dd[data-field=products]")).to_contain_text(titles[1])
    expect(agent.locator(".turn.customer .chip.intent").first).to_have_text("recommend_product")
