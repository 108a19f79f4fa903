"""What a store's customer notices in the widget beyond a plain answer: a card added to the cart stays
added, a reply that arrived while the chat was closed stays announced on the next page, an over-long
message is said to be too long instead of being cut, and the sources are labelled in their language."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Page, expect
from serve_app import AGENT_TOKEN
from web_support import AppServer, open_widget, save_screenshot, say

pytestmark = pytest.mark.browser


def stored(page: Page) -> dict:
    return page.evaluate("() => JSON.parse(Object.entries(localStorage).find(([k]) => k.startsWith('shopbot:'))[1])")


def cart_events(server: AppServer, conversation_id: str) -> list[dict]:
    from web_support import agent_snapshot

    snap = agent_snapshot(server, conversation_id)
    return [m["payload"]["event"] for m in snap["transcript"] if m["payload"].get("event", {}).get("type") == "add_to_cart"]


def test_a_card_added_to_the_cart_stays_added_and_a_second_press_adds_nothing(new_page, app_server: AppServer) -> None:
    """It used to turn back into "Add to cart" after a reload or a language switch (and every press of
    "Added" put the product in the cart again); a screen reader kept hearing "Add to cart"."""
    page = new_page()
    open_widget(page, app_server)
    say(page, "Can you recommend a gift?")
    card = page.locator(".msg.bot .card").first
    card.get_by_role("button", name="Add to cart: Trailblazer Rain Jacket").click()
    added = card.get_by_role("button", name="Added to cart: Trailblazer Rain Jacket")
    expect(added).to_have_text("Added")
    expect(added).to_be_focused()  # focus stays on the button (aria-disabled, not disabled)
    added.press("Enter")
    added.click(force=True)  # Playwright waits for aria-disabled buttons to be enabled; a shopper does not
    expect(page.locator("#cart-count")).to_have_text("1")
    page.wait_for_function("() => JSON.parse(Object.entries(localStorage).find(([k]) => "
                           "k.startsWith('shopbot:'))[1]).outbox.length === 0")
    conversation = stored(page)["conversation_id"]
    assert cart_events(app_server, conversation) == [{"type": "add_to_cart", "product_id": "P-100"}]

    page.reload()
    card = page.locator(".msg.bot .card").first
    expect(card.locator(".actions button.done")).to_have_text("Added")
    expect(card.locator(".actions button.done")).to_have_attribute("aria-disabled", "true")
    expect(page.locator(".msg.bot .card").nth(1).locator(".actions .primary")).to_have_text("Add to cart")
    say(page, "能推荐几款礼物吗？")  # the widget switches to Chinese and renders everything again
    expect(page.locator(".msg.bot .card").first.locator(".actions button.done")).to_have_text("已加入")
    page.locator(".msg.bot .card").first.locator(".actions button.done").click(force=True)
    page.wait_for_timeout(300)
    assert cart_events(app_server, conversation) == [{"type": "add_to_cart", "product_id": "P-100"}]


def test_a_reply_that_came_while_the_chat_was_closed_stays_announced_on_the_next_page(
        new_page, app_server: AppServer) -> None:
    """The unread badge lived in memory only: a shopper who closed the chat and went to another page of
    the store never learnt that the person they had asked for had answered."""
    from websockets.sync.client import connect

    page = new_page()
    open_widget(page, app_server, "/?customer=C-51")
    say(page, "I want a human")
    expect(page.locator(".status")).to_have_text("Waiting for a person…")
    page.locator(".close").click()
    conversation = stored(page)["conversation_id"]
    with connect(app_server.url.replace("http", "ws") + f"/ws/agent?token={AGENT_TOKEN}") as desk:
        desk.send(json.dumps({"type": "take_over", "conversation_id": conversation}))
        desk.send(json.dumps({"type": "send", "conversation_id": conversation, "client_id": "a-1",
                              "text": "Hi, Maria here. How can I help?"}))
        while json.loads(desk.recv(timeout=10))["type"] != "accepted":
            pass
    launcher = page.locator(".launcher")
    expect(launcher.locator(".badge")).to_have_text("1")
    expect(launcher).to_have_attribute("aria-label", "Open chat (1 unread)")
    page.goto(app_server.url + "/?customer=C-51&from=cart")  # another page of the store (a real load)
    expect(launcher.locator(".badge")).to_be_visible()
    expect(launcher.locator(".badge")).to_have_text("1")
    expect(launcher).to_have_attribute("aria-label", "Open chat (1 unread)")
    save_screenshot(page, "widget-unread-after-navigation", clip={"x": 1280 - 120, "y": 820 - 120,
                                                                   "width": 120, "height": 120})
    launcher.click()
    expect(page.locator(".msg.agent .bubble")).to_have_text("Hi, Maria here. How can I help?")
    expect(launcher.locator(".badge")).to_be_hidden()
    page.reload()
    expect(launcher.locator(".badge")).to_be_hidden()


def test_an_over_long_message_is_said_to_be_too_long_not_cut(new_page, app_server: AppServer) -> None:
    """The input used to cut a pasted message at 2,000 characters without a word; now a counter says how
    long it is, Send waits until it fits, and nothing is lost or sent half."""
    page = new_page(locale="es-ES")
    open_widget(page, app_server)
    box = page.locator("#sb-input")
    counter = page.locator("#sb-count")
    box.fill("a" * 1700)
    expect(counter).to_be_hidden()
    box.fill("a" * 1900)
    expect(counter).to_have_text("1900 / 2000")
    long_text = "¿Y mi pedido? " + "x" * 2100
    box.fill(long_text)
    expect(box).to_have_value(long_text)  # not cut
    expect(counter).to_have_text(f"Demasiado largo: {len(long_text)} / 2000 caracteres")
    expect(box).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_role("button", name="Enviar mensaje")).to_be_disabled()
    box.press("Enter")
    page.evaluate("t => window.shopbot.send(t)", long_text)
    save_screenshot(page, "widget-too-long")
    page.wait_for_timeout(300)
    expect(page.locator(".msg.customer")).to_have_count(0)
    expect(box).to_have_value(long_text)
    box.fill(long_text[:2000])
    expect(counter).to_have_text("2000 / 2000")
    expect(box).not_to_have_attribute("aria-invalid", "true")
    box.press("Enter")
    expect(page.locator(".msg.customer")).to_have_count(1)
    expect(page.locator(".msg.customer.pending")).to_have_count(0)
    expect(page.locator(".msg.customer.failed")).to_have_count(0)
    expect(counter).to_be_hidden()


def test_a_message_the_server_refuses_says_why_in_the_customers_language(new_page, app_server: AppServer) -> None:
    """A refusal for good (here a server configured below the widget's limit, simulated on the wire) marks
    the message "Not sent" with the reason in the customer's language, not the server's English."""
    page = new_page(locale="zh-CN")

    def proxy(ws) -> None:  # type: ignore[no-untyped-def]
        server = ws.connect_to_server()

        def from_page(message: str | bytes) -> None:
            frame = json.loads(message)
            if frame.get("type") == "message":
                ws.send(json.dumps({"type": "error", "code": "text_too_long", "client_id": frame["client_id"],
                                    "message": "messages are limited to 2000 characters", "retryable": False,
                                    "detail": {"max_text_chars": 2000, "length": 2417}}))
                return
            server.send(message)

        ws.on_message(from_page)
        server.on_message(lambda message: ws.send(message))

    import re

    page.route_web_socket(re.compile(r".*/ws/chat$"), proxy)
    open_widget(page, app_server)
    say(page, "你好")
    failed = page.locator(".msg.customer.failed")
    expect(failed.locator(".meta")).to_have_text("未发送：超过 2000 字")
    expect(page.locator(".panel")).not_to_contain_text("limited to")


def test_a_customer_who_switched_to_chinese_keeps_chinese_on_the_next_page(new_page, app_server: AppServer) -> None:
    """An English browser, a customer writing Chinese: the widget switched to Chinese, but every page load
    (the resume's welcome) switched it back to the browser's English, and the desk labelled the chat "en"."""
    page = new_page(locale="en-US")
    open_widget(page, app_server, "/?customer=C-52")
    say(page, "我的订单 1042 在哪里？")
    expect(page.locator("#sb-title")).to_have_text("购物助手")
    page.goto(app_server.url + "/?customer=C-52&from=product")
    expect(page.locator(".status")).to_have_attribute("data-state", "online")
    expect(page.locator("#sb-title")).to_have_text("购物助手")
    expect(page.locator("#sb-input")).to_have_attribute("placeholder", "咨询订单、退换货、商品…")
    from web_support import agent_snapshot

    snap = agent_snapshot(app_server, stored(page)["conversation_id"])
    assert snap["language"] == "zh" and "customer turn(s) in zh" in snap["summary"]


def test_messages_say_when_they_were_written_on_the_customers_clock(new_page, app_server: AppServer) -> None:
    """A conversation picked up again (a later page, the next day) gave no hint of when anything was said:
    every message now shows when the server stored it, in the customer's time zone, also when replayed."""
    from datetime import UTC, datetime

    from fake_dialogue import TRACKING

    page = new_page(timezone="Asia/Shanghai")
    open_widget(page, app_server, "/?customer=C-53")
    say(page, "Where is my order 1042?")
    answer = page.locator(".msg.bot", has_text=TRACKING)
    expect(answer.locator(".meta time")).to_have_count(1)
    mine = page.locator(".msg.customer .meta time")
    expect(mine).to_have_count(1)  # "Sending…" became the time once the server stored it
    for node in (mine, answer.locator(".meta time")):
        at = datetime.fromisoformat(node.get_attribute("datetime").replace("Z", "+00:00"))
        assert abs((datetime.now(UTC) - at).total_seconds()) < 120, at
        shown = page.evaluate("iso => new Date(iso).toLocaleString('en', {hour: '2-digit', minute: '2-digit'})",
                              at.isoformat())
        expect(node).to_have_text(shown)
    before = page.locator(".msg .meta time").all_inner_texts()
    assert len(before) == 3  # greeting, question, answer
    # a widget that kept only the conversation (another device, storage trimmed): the server replays it all
    page.evaluate("""() => { const [k, v] = Object.entries(localStorage).find(([k]) => k.startsWith('shopbot:'));
                              const s = JSON.parse(v); s.messages = []; s.last_seq = 0;
                              localStorage.setItem(k, JSON.stringify(s)); }""")
    page.reload()
    expect(page.locator(".msg.bot", has_text=TRACKING)).to_have_count(1)
    expect(page.locator(".msg .meta time")).to_have_count(3)
    assert page.locator(".msg .meta time").all_inner_texts() == before


def test_a_screen_reader_hears_the_connection_change_once_not_a_countdown(new_page, fresh_server: AppServer) -> None:
    """The header's live region was the countdown itself: while the server was down a screen reader
    announced "Reconnecting in 3 s…", "… 2 s…", "… 1 s…" again and again. It now hears each change once."""
    page = new_page()
    open_widget(page, fresh_server)
    live = page.get_by_role("status").filter(has_not=page.locator(".typing"))
    expect(live).to_have_count(1)
    expect(live).to_have_text("Online · usually replies instantly")
    page.evaluate("""() => {
        const live = document.querySelector('#shopbot-widget').shadowRoot.querySelector('[role=status]:not(.typing)');
        const header = document.querySelector('#shopbot-widget').shadowRoot.querySelector('.status');
        window.__said = []; window.__shown = new Set();
        new MutationObserver(() => window.__said.push(live.textContent)).observe(live, {subtree: true, childList: true, characterData: true});
        new MutationObserver(() => window.__shown.add(header.textContent)).observe(header, {subtree: true, childList: true, characterData: true});
    }""")
    fresh_server.kill()
    expect(page.locator(".status")).to_contain_text("Reconnecting in", timeout=10_000)
    page.wait_for_timeout(5_000)
    shown = page.evaluate("() => [...window.__shown]")
    said = page.evaluate("() => window.__said")
    assert len([s for s in shown if s.startswith("Reconnecting in")]) >= 2, shown  # the countdown is on screen
    assert said == ["Connecting…"], said  # and announced once
    fresh_server.start()
    expect(live).to_have_text("Online · usually replies instantly", timeout=30_000)
