"""The chat widget in a real chromium against the real app (fake dialogue): answers, product cards,
reload, crash + restart with nothing lost, language and unsafe text."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fake_dialogue import TRACKING
from playwright.sync_api import Page, expect
from web_support import AppServer, agent_snapshot, open_widget, save_screenshot, say

pytestmark = pytest.mark.browser

XSS = "<img src=x onerror=alert(1)>"


def stored(page: Page) -> dict:
    return page.evaluate("() => JSON.parse(Object.entries(localStorage).find(([k]) => k.startsWith('shopbot:'))[1])")


def test_order_question_is_answered_with_sources(new_page, app_server: AppServer) -> None:
    page = new_page()
    open_widget(page, app_server)
    expect(page.locator(".msg.bot").first).to_contain_text("How can I help")  # the greeting
    say(page, "Where is my order 1042?")
    answer = page.locator(".msg.bot", has_text=TRACKING)
    expect(answer).to_have_count(1)
    expect(page.locator(".msg.customer .bubble")).to_have_text(["Where is my order 1042?"])
    expect(page.locator(".msg.customer.pending")).to_have_count(0)
    # citations: collapsed <details>, opened with the keyboard
    sources = answer.locator("details.sources")
    expect(sources.locator("summary")).to_have_text("Sources (1)")
    expect(sources.locator(".snippet")).to_be_hidden()
    sources.locator("summary").focus()
    page.keyboard.press("Enter")
    expect(sources.locator(".src-title")).to_have_text("Shipping & delivery")
    expect(sources.locator(".snippet")).to_be_visible()
    expect(page.locator(".chip")).to_have_text(["Return an item", "Talk to a person"])
    expect(page.locator("[role=log][aria-live=polite]")).to_have_count(1)
    page.locator("#sb-input").focus()
    save_screenshot(page, "widget-order-answer")
    # keyboard: Esc closes and gives focus back to the launcher
    page.locator("#sb-input").focus()
    page.keyboard.press("Escape")
    expect(page.locator("#sb-panel")).to_be_hidden()
    expect(page.locator(".launcher")).to_be_focused()
    expect(page.locator(".launcher")).to_have_attribute("aria-expanded", "false")


def test_recommendations_render_cards_and_add_to_cart_sends_an_event(new_page, app_server: AppServer) -> None:
    page = new_page()
    open_widget(page, app_server)
    say(page, "Can you recommend a gift?")
    cards = page.locator(".msg.bot .card")
    expect(cards).to_have_count(3)
    first = cards.first
    expect(first.locator("h3")).to_have_text("Trailblazer Rain Jacket")
    expect(first.locator(".price")).to_have_text("$89.00")
    expect(first.locator(".reason")).to_have_text("Popular in outerwear")
    expect(first.locator("img")).to_have_js_property("complete", True)
    save_screenshot(page, "widget-product-cards")
    first.get_by_role("button", name="Add to cart: Trailblazer Rain Jacket").click()
    expect(first.locator("button.done")).to_have_text("Added")
    expect(page.locator("#cart-count")).to_have_text("1")  # the store heard the DOM event
    page.wait_for_function("() => JSON.parse(Object.entries(localStorage).find(([k]) => "
                           "k.startsWith('shopbot:'))[1]).outbox.length === 0")
    snap = agent_snapshot(app_server, stored(page)["conversation_id"])
    events = [m["payload"]["event"] for m in snap["transcript"] if m["payload"].get("event")]
    assert events == [{"type": "add_to_cart", "product_id": "P-100"}]


def test_reload_keeps_the_conversation(new_page, app_server: AppServer) -> None:
    page = new_page()
    open_widget(page, app_server)
    say(page, "Where is my order 1042?")
    expect(page.locator(".msg.bot", has_text=TRACKING)).to_have_count(1)
    before = page.locator(".msg").all_inner_texts()
    conversation = stored(page)["conversation_id"]
    page.reload()
    expect(page.locator("#sb-panel")).to_be_visible()  # it stays open
    expect(page.locator(".status")).to_have_attribute("data-state", "online")
    assert page.locator(".msg").all_inner_texts() == before
    say(page, "Can you recommend something?")
    expect(page.locator(".msg.bot .card")).to_have_count(3)
    assert stored(page)["conversation_id"] == conversation
    expect(page.locator(".msg.bot", has_text=TRACKING)).to_have_count(1)  # the replay added no duplicate


def test_server_crash_and_restart_loses_nothing(new_page, fresh_server: AppServer) -> None:
    page = new_page()
    open_widget(page, fresh_server)
    say(page, "Where is my order 1042?")
    expect(page.locator(".msg.bot", has_text=TRACKING)).to_have_count(1)
    conversation = stored(page)["conversation_id"]

    fresh_server.kill()
    expect(page.locator(".status")).not_to_have_attribute("data-state", "online")
    say(page, "Can you recommend something?")  # sent while the server is down
    expect(page.locator(".msg.customer.pending")).to_have_count(1)
    save_screenshot(page, "widget-reconnecting")

    fresh_server.start()
    expect(page.locator(".status")).to_have_attribute("data-state", "online", timeout=30_000)
    expect(page.locator(".msg.bot .card")).to_have_count(3, timeout=30_000)
    expect(page.locator(".msg.customer.pending")).to_have_count(0)
    expect(page.locator(".msg.customer .bubble")).to_have_text(["Where is my order 1042?", "Can you recommend something?"])
    expect(page.locator(".msg.bot")).to_have_count(3)  # greeting, order answer, recommendation
    assert stored(page)["conversation_id"] == conversation
    # the server holds each customer turn exactly once, in order
    snap = agent_snapshot(fresh_server, conversation)
    assert [m["text"] for m in snap["transcript"] if m["role"] == "customer"] == [
        "Where is my order 1042?", "Can you recommend something?"]
    seqs = [int(s) for s in page.locator(".msg[data-seq]").evaluate_all("ns => ns.map(n => n.dataset.seq)")]
    assert seqs == sorted(set(seqs))


def test_unsafe_text_is_rendered_as_plain_text(new_page, app_server: AppServer) -> None:
    page = new_page()
    open_widget(page, app_server)
    say(page, XSS)
    echo = page.locator(".msg.bot", has_text="You said:")
    expect(echo.locator(".bubble")).to_have_text(f"You said: {XSS}")
    expect(page.locator(".msg.customer .bubble")).to_have_text(XSS)
    assert page.locator("#shopbot-widget img, .log img").count() == 0
    page.wait_for_timeout(300)
    assert page.dialogs == []  # type: ignore[attr-defined]


def test_ui_language_follows_the_customer(new_page, app_server: AppServer) -> None:
    page = new_page(locale="zh-CN")
    open_widget(page, app_server)
    expect(page.locator("#sb-input")).to_have_attribute("placeholder", "咨询订单、退换货、商品…")
    expect(page.locator("#sb-title")).to_have_text("购物助手")
    page = new_page(locale="es-ES")
    open_widget(page, app_server)
    expect(page.locator(".launcher")).to_have_attribute("aria-label", "Abrir chat")
    expect(page.locator("#sb-title")).to_have_text("Asistente de la tienda")
    page = new_page(locale="en-US")
    open_widget(page, app_server)
    say(page, "我的订单 1042 在哪里？")
    expect(page.locator("#sb-title")).to_have_text("购物助手")  # switched by what the customer wrote
    zh_answer = page.locator(".msg.bot", has_text=TRACKING)
    expect(zh_answer).to_contain_text("运单号")
    expect(zh_answer.locator("details.sources summary")).to_have_text("来源（1）")
    expect(zh_answer.locator(".sources .kind")).to_have_text("政策")  # the source's kind too, not "policy"
    say(page, "能推荐几款礼物吗？")
    expect(page.locator(".card .actions .primary").first).to_have_text("加入购物车")
    expect(page.locator(".msg.customer")).to_have_count(2)
    save_screenshot(page, "widget-zh")
    page = new_page(locale="en-US")
    open_widget(page, app_server)
    say(page, "¿Dónde está mi pedido 1042?")  # no Han script: the bot_message's language switches it
    expect(page.locator(".msg.bot", has_text=TRACKING)).to_contain_text("número de seguimiento")
    expect(page.locator("#sb-title")).to_have_text("Asistente de la tienda")
    expect(page.locator("#sb-input")).to_have_attribute("placeholder", "Pregunta por pedidos, devoluciones, productos…")
    # the Spanish card buttons ("Añadir al carrito") fit inside the card instead of being clipped
    say(page, "¿Me recommend un regalo?")
    add = page.locator(".card .actions .primary").first
    expect(add).to_have_text("Añadir al carrito")
    card_box, add_box = page.locator(".card").first.bounding_box(), add.bounding_box()
    assert add_box["x"] + add_box["width"] <= card_box["x"] + card_box["width"] - 8, (add_box, card_box)
    assert page.evaluate("b => b.scrollWidth <= b.clientWidth", add.element_handle())
    save_screenshot(page, "widget-es-cards")


@pytest.fixture
def strict_server(tmp_path: Path) -> Iterator[AppServer]:
    """A server with a tight rate limit (1 message/s, burst 3): the widget resends one message at a time, so
    with the default (5/s, burst 10) a loaded machine answers slowly enough never to hit the limit."""
    server = AppServer(tmp_path, env={"SHOPBOT_LIMITS__RATE_LIMIT_PER_S": "1", "SHOPBOT_LIMITS__RATE_LIMIT_BURST": "3"})
    server.start()
    yield server
    server.stop()


def test_a_burst_sent_offline_arrives_whole_and_in_order_despite_rate_limits(new_page, strict_server: AppServer) -> None:
    """14 messages typed while the server is down: on restart the server rate-limits the resend
    (burst 3); every message still arrives exactly once, in the order typed, and is answered."""
    fresh_server = strict_server
    page = new_page()
    errors: list[str] = []
    page.on("websocket", lambda ws: ws.on(
        "framereceived", lambda payload: errors.extend([json.loads(payload)]
                                                        if '"type":"error"' in payload.replace(" ", "") else [])))
    open_widget(page, fresh_server)
    expect(page.locator(".msg.bot")).to_have_count(1)  # the greeting
    conversation = stored(page)["conversation_id"]
    fresh_server.kill()
    expect(page.locator(".status")).not_to_have_attribute("data-state", "online")
    notes = [f"note {i}" for i in range(1, 15)]
    for text in notes:
        say(page, text)
    expect(page.locator(".msg.customer.pending")).to_have_count(len(notes))
    fresh_server.start()
    expect(page.locator(".msg.customer.pending")).to_have_count(0, timeout=40_000)
    expect(page.locator(".msg.customer .bubble")).to_have_text(notes)
    for text in notes:
        expect(page.locator(".msg.bot .bubble", has_text=re.compile(f"^You said: {text}$"))).to_have_count(1)
    snap = agent_snapshot(fresh_server, conversation)
    assert [m["text"] for m in snap["transcript"] if m["role"] == "customer"] == notes
    assert stored(page)["outbox"] == []
    assert {e["code"] for e in errors} == {"rate_limited"}  # the resend did hit the limit


def test_retryable_errors_lose_nothing(new_page, app_server: AppServer) -> None:
    """A proxy between widget and server turns (1) the first send of a message into a retryable error and
    (2) the answer to the next one into a retryable error without client_id: the widget resends the first
    and resumes the connection for the second; each is stored and answered exactly once."""
    page = new_page()
    injected: list[str] = []

    def proxy(ws) -> None:  # type: ignore[no-untyped-def]
        server = ws.connect_to_server()

        def from_page(message: str | bytes) -> None:
            frame = json.loads(message)
            if frame.get("type") == "message" and frame["text"] == "first" and "refused" not in injected:
                injected.append("refused")
                ws.send(json.dumps({"type": "error", "code": "internal", "message": "temporary server error",
                                    "client_id": frame["client_id"], "retryable": True}))
                return
            server.send(message)

        def from_server(message: str | bytes) -> None:
            frame = json.loads(message)
            if (frame.get("type") == "bot_message" and "You said: second" in frame["reply"]["text"]
                    and "swallowed" not in injected):
                injected.append("swallowed")  # the answer never reaches the page; an error does
                ws.send(json.dumps({"type": "error", "code": "internal", "message": "temporary server error",
                                    "retryable": True}))
                return
            ws.send(message)

        ws.on_message(from_page)
        server.on_message(from_server)

    page.route_web_socket(re.compile(r".*/ws/chat$"), proxy)
    open_widget(page, app_server)
    say(page, "first")
    expect(page.locator(".msg.bot", has_text="You said: first")).to_have_count(1)
    say(page, "second")
    expect(page.locator(".msg.bot", has_text="You said: second")).to_have_count(1)
    expect(page.locator(".status")).to_have_attribute("data-state", "online")
    assert injected == ["refused", "swallowed"]
    expect(page.locator(".msg.customer.pending")).to_have_count(0)
    expect(page.locator(".msg.customer .bubble")).to_have_text(["first", "second"])
    snap = agent_snapshot(app_server, stored(page)["conversation_id"])
    assert [m["text"] for m in snap["transcript"] if m["role"] == "customer"] == ["first", "second"]
    assert [m["text"] for m in snap["transcript"] if m["role"] == "bot"][1:] == ["You said: first", "You said: second"]
