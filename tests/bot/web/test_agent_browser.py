"""The agent desk in a real chromium next to a customer's widget: live queue and transcript with
annotations, take over, a suggested reply edited and sent, relabel, hand back and resolve."""

from __future__ import annotations

import json

import pytest
from fake_dialogue import TRACKING
from playwright.sync_api import Page, expect
from serve_app import AGENT_NAME, AGENT_TOKEN, UNNAMED_AGENT_TOKEN
from web_support import AppServer, open_widget, save_screenshot, say

pytestmark = pytest.mark.browser


def sign_in(page: Page, server: AppServer, token: str = AGENT_TOKEN) -> list[dict]:
    """Open the desk and sign in; returns the frames the desk receives (filled as they arrive)."""
    frames: list[dict] = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda payload: frames.append(json.loads(payload))))
    page.goto(server.url + "/agent")
    page.locator("#token").fill(token)
    page.get_by_role("button", name="Sign in").click()
    return frames


def order_chat_on_the_desk(new_page, server: AppServer, customer_id: str, *, width: int,
                           height: int) -> tuple[Page, Page]:
    """A customer asks where order 1042 is; an agent signs in (at this viewport) and opens that chat."""
    customer = new_page()
    open_widget(customer, server, f"/?customer={customer_id}")
    say(customer, "Where is my order 1042?")
    expect(customer.locator(".msg.bot", has_text=TRACKING)).to_have_count(1)
    agent = new_page(width=width, height=height)
    sign_in(agent, server)
    agent.locator(".queue-item", has_text=customer_id).click()
    return customer, agent


def test_a_wrong_token_is_refused(new_page, app_server: AppServer) -> None:
    page = new_page()
    sign_in(page, app_server, token="not-a-token")
    expect(page.locator("#signin-error")).to_have_text("That token was not accepted.")
    expect(page.locator("#desk")).to_be_hidden()


def customer_frames(page: Page) -> list[str]:
    """Every frame the page's widget receives, raw (filled as they arrive)."""
    frames: list[str] = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda payload: frames.append(str(payload))))
    return frames


def test_agent_follows_takes_over_and_the_customer_sees_the_reply(new_page, app_server: AppServer) -> None:
    customer = new_page(width=1100, height=820)
    seen_by_customer = customer_frames(customer)
    open_widget(customer, app_server, "/?customer=C-7")
    say(customer, "Where is my order 1042?")
    expect(customer.locator(".msg.bot", has_text=TRACKING)).to_have_count(1)

    agent = new_page(width=1440, height=900)
    frames = sign_in(agent, app_server)
    item = agent.locator(".queue-item", has_text="C-7")
    expect(item).to_have_count(1)
    item.click()
    expect(agent.locator("#conv-title")).to_have_text("Maya Chen")
    first = agent.locator(".turn.customer").first
    expect(first.locator(".chip.intent")).to_have_text("order_status")
    expect(first.locator(".chip", has_text="%")).to_have_text("97%")
    expect(first.locator(".chip.sent-neutral")).to_have_text("neutral")
    expect(agent.locator("#profile")).to_contain_text("maya@example.com")
    expect(agent.locator("#orders li")).to_contain_text(["#1042 shipped"])
    expect(agent.locator("#summary")).to_contain_text("order_status")

    # live: new turns arrive annotated; the bot's product cards become recommendations to push
    say(customer, "Can you recommend a gift?")
    expect(agent.locator(".turn.customer", has_text="gift").locator(".chip.intent")).to_have_text("recommendation")
    expect(agent.locator("#products .product")).to_have_count(3)
    expect(agent.locator("#products .product .t").first).to_have_text("Trailblazer Rain Jacket")
    # the summary and the bot's memory (what follow-ups resolve against) follow each turn live
    expect(agent.locator("#summary")).to_contain_text("topics: order_status, recommendation")
    expect(agent.locator("#focus dd[data-field=order]")).to_have_text("#1042 · not verified")
    expect(agent.locator("#focus dd[data-field=products]")).to_contain_text("Trailblazer Rain Jacket")
    expect(agent.locator("#focus dd[data-field=last-list]")).to_contain_text("2. ")
    say(customer, "This is terrible, I want a human")
    angry = agent.locator(".turn.customer", has_text="terrible")
    expect(angry.locator(".chip.sent-negative")).to_have_text("negative")
    expect(angry.locator(".chip.intent")).to_have_text("human_agent")
    expect(agent.locator(".queue-item.risk-high")).to_have_count(1)
    expect(agent.locator("#sparkline circle")).to_have_count(3)  # one point per customer turn
    # the hand-off gives the chat to "an agent", but nobody has claimed it yet: this desk must not
    # claim to be handling it, and Take over must stay available
    expect(agent.locator("#owner")).to_have_text("Waiting for an agent — take over to reply")
    expect(agent.locator(".queue-item", has_text="C-7").locator(".tag.waiting")).to_have_text("waiting for agent")
    expect(agent.locator("#summary")).to_contain_text("waiting for an agent")
    expect(agent.get_by_role("button", name="Send", exact=True)).to_be_disabled()
    save_screenshot(agent, "agent-panel-waiting")

    agent.get_by_role("button", name="Take over").click()
    expect(agent.locator("#owner")).to_have_text("You are handling this conversation")
    expect(agent.locator("#summary")).to_contain_text("handoff: requested; owned by agent1.")  # at once
    expect(agent.locator("#reply")).to_have_attribute(
        "placeholder", f"Write a reply — the customer sees it from {AGENT_NAME}…")
    # the customer sees the agent's display name (SHOPBOT_AGENT_NAMES), not the login "agent1"
    expect(customer.locator(".msg.system .bubble", has_text="joined the conversation")).to_have_text(
        f"{AGENT_NAME} joined the conversation")
    # while the agent owns the chat the bot stays silent (no typing dots) but keeps annotating
    say(customer, "Ok, I'll wait for you")
    expect(agent.locator(".turn.customer", has_text="wait for you").locator(".chip.intent")).to_have_text("out_of_scope")
    expect(customer.locator(".typing")).to_be_hidden()
    expect(customer.locator(".msg.bot", has_text="wait for you")).to_have_count(0)

    # a suggested reply goes into the composer, is edited, then sent
    suggestion = agent.locator(".suggestion").first
    expect(suggestion).to_be_visible()
    suggested = suggestion.inner_text()
    suggestion.click()
    expect(agent.locator("#reply")).to_have_value(suggested)
    agent.locator("#reply").fill("Hi Maya, I'm sorry about the wait. Your parcel arrives on Monday.")
    agent.get_by_role("button", name="Send", exact=True).click()
    reply = customer.locator(".msg.agent")
    expect(reply.locator(".bubble")).to_have_text("Hi Maya, I'm sorry about the wait. Your parcel arrives on Monday.")
    expect(reply.locator(".who")).to_have_text(f"{AGENT_NAME} · Support agent")
    expect(agent.locator(".turn.agent")).to_have_count(1)

    # a recommended product pushed from the panel reaches the customer as a card they can act on
    agent.locator("#reply").fill("This one is waterproof:")
    agent.get_by_role("button", name="Push Trailblazer Rain Jacket into the chat").click()
    pushed = customer.locator(".msg.agent", has_text="This one is waterproof:")
    expect(pushed.locator(".card h3")).to_have_text(["Trailblazer Rain Jacket"])
    expect(pushed.locator(".card .price")).to_have_text("$89.00")
    expect(agent.locator(".turn.agent")).to_have_count(2)
    expect(agent.locator(".turn.agent").last).to_contain_text("Products: Trailblazer Rain Jacket")

    # relabel the first turn
    first.get_by_role("button", name="Relabel this turn").click()
    agent.locator("#relabel-intent").select_option("shipping_info")
    agent.get_by_role("button", name="Save label").click()
    expect(first.locator(".chip.intent.corrected")).to_have_text("shipping_info")
    for _ in range(50):
        if any(f.get("type") == "relabeled" for f in frames):
            break
        agent.wait_for_timeout(100)
    assert [f["message_seq"] for f in frames if f.get("type") == "relabeled"] == [first.get_attribute("data-seq")
                                                                                and int(first.get_attribute("data-seq"))]
    assert not [f for f in frames if f.get("type") == "error"]
    save_screenshot(agent, "agent-panel")
    save_screenshot(customer, "widget-agent-reply")
    expect(customer.locator(".panel")).not_to_contain_text("agent1")
    assert not [f for f in seen_by_customer if "agent1" in f]

    agent.get_by_role("button", name="Hand back to bot").click()
    expect(customer.locator(".msg.system", has_text="assistant again")).to_have_count(1)
    expect(agent.locator("#owner")).to_have_text("The bot is handling this conversation")
    # the summary says so at once, before the customer writes again (it used to keep "owned by agent1")
    expect(agent.locator("#summary")).to_contain_text("mood negative; with the bot.")
    expect(agent.locator("#summary")).not_to_contain_text("agent1")
    # a second hand-off after the hand back waits for whoever takes it, also in a fresh snapshot
    say(customer, "Actually, a human please")
    expect(agent.locator("#owner")).to_have_text("Waiting for an agent — take over to reply")
    agent.locator(".queue-item", has_text="C-7").click()  # re-open: the snapshot from the server
    expect(agent.locator("#conv-meta")).not_to_contain_text("agent: agent1")
    expect(agent.locator("#owner")).to_have_text("Waiting for an agent — take over to reply")
    expect(agent.get_by_role("button", name="Take over")).to_be_enabled()
    agent.get_by_role("button", name="Resolve").click()
    expect(customer.locator(".msg.system", has_text="resolved")).to_have_count(1)
    expect(agent.locator(".queue-item", has_text="C-7")).to_have_count(0)


def test_an_agent_without_a_display_name_is_a_support_agent_in_the_customers_language(
        new_page, app_server: AppServer) -> None:
    """agent2 has no display name: English, Chinese and Spanish customers see a neutral, localised
    'support agent' where the widget used to show the login 'agent2'."""
    agent = new_page(width=1440, height=900)
    sign_in(agent, app_server, token=UNNAMED_AGENT_TOKEN)
    expect(agent.locator("#conn")).to_have_text("Online · agent2")
    for customer_id, question, joined, who in (
            ("C-21", "Where is my order 1042?", "A support agent joined the conversation", "Support agent"),
            ("C-22", "我的订单 1042 在哪里？", "客服已加入对话", "客服"),
            ("C-23", "¿Dónde está mi pedido 1042?", "Un agente de soporte se unió a la conversación",
             "Agente de soporte")):
        customer = new_page()
        seen_by_customer = customer_frames(customer)
        open_widget(customer, app_server, f"/?customer={customer_id}")
        say(customer, question)
        expect(customer.locator(".msg.bot", has_text=TRACKING)).to_have_count(1)
        agent.locator(".queue-item", has_text=customer_id).click()
        expect(agent.locator("#conv-title")).to_have_text(customer_id)
        agent.get_by_role("button", name="Take over").click()
        expect(agent.locator("#reply")).to_have_attribute(
            "placeholder", "Write a reply — the customer sees it from a support agent…")
        expect(customer.locator(".msg.system .bubble").last).to_have_text(joined)
        agent.locator("#reply").fill("Hello, I'm looking into it.")
        agent.get_by_role("button", name="Send", exact=True).click()
        expect(customer.locator(".msg.agent .who")).to_have_text(who)
        expect(customer.locator(".panel")).not_to_contain_text("agent2")
        assert not [f for f in seen_by_customer if "agent2" in f]
        if customer_id == "C-22":
            save_screenshot(customer, "widget-zh-support-agent")
        agent.get_by_role("button", name="Resolve").click()
        expect(agent.locator(".queue-item", has_text=customer_id)).to_have_count(0)


def test_the_widget_header_says_a_person_is_awaited_then_replying(new_page, app_server: AppServer) -> None:
    """After a hand-off the header used to promise 'usually replies instantly' while the customer waited for
    a person; it says what is true: waiting for a person, then a person replying, then the bot again."""
    customer = new_page()
    open_widget(customer, app_server, "/?customer=C-31")
    header = customer.locator(".status")
    expect(header).to_have_text("Online · usually replies instantly")
    say(customer, "I want a human")
    expect(customer.locator(".msg.system .bubble")).to_have_text(["Waiting for a support agent…"])
    expect(header).to_have_text("Waiting for a person…")
    save_screenshot(customer, "widget-waiting-for-a-person")
    customer.reload()  # the state is kept with the conversation
    expect(header).to_have_text("Waiting for a person…")

    agent = new_page(width=1440, height=900)
    sign_in(agent, app_server)
    agent.locator(".queue-item", has_text="C-31").click()
    expect(agent.locator("#conv-title")).to_have_text("C-31")
    agent.get_by_role("button", name="Take over").click()
    expect(header).to_have_text("A person is replying")
    customer.reload()
    expect(header).to_have_text("A person is replying")
    agent.get_by_role("button", name="Hand back to bot").click()
    expect(header).to_have_text("Online · usually replies instantly")

    # in the customer's language
    for customer_id, text, waiting, replying in (("C-32", "我要找人工 human", "正在等待人工客服…", "人工客服正在回复"),
                                                  ("C-33", "¿Me pasas con un human?", "Esperando a una persona…",
                                                   "Te responde una persona")):
        page = new_page()
        open_widget(page, app_server, f"/?customer={customer_id}")
        say(page, text)
        expect(page.locator(".status")).to_have_text(waiting)
        agent.locator(".queue-item", has_text=customer_id).click()
        expect(agent.locator("#conv-title")).to_have_text(customer_id)
        agent.get_by_role("button", name="Take over").click()
        expect(page.locator(".status")).to_have_text(replying)
    for customer_id in ("C-31", "C-32", "C-33"):
        agent.locator(".queue-item", has_text=customer_id).click()
        expect(agent.locator("#conv-title")).to_have_text(customer_id)
        agent.get_by_role("button", name="Resolve").click()
        expect(agent.locator(".queue-item", has_text=customer_id)).to_have_count(0)


def test_the_desk_is_usable_at_phone_width(new_page, app_server: AppServer) -> None:
    _, agent = order_chat_on_the_desk(new_page, app_server, "C-9", width=400, height=800)
    expect(agent.locator(".turn.customer", has_text="1042").locator(".chip.intent")).to_have_text("order_status")
    # every action button and the transcript fit in the 400px viewport (no clipped buttons, no
    # one-word-per-line bubbles next to a fixed-width queue column)
    for name in ("Take over", "Hand back to bot", "Resolve"):
        box = agent.get_by_role("button", name=name).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 400, (name, box)
    assert agent.locator("#transcript").bounding_box()["width"] >= 300
    queue, conversation = agent.locator(".queue").bounding_box(), agent.locator(".conv").bounding_box()
    assert queue["y"] + queue["height"] <= conversation["y"] + 1, (queue, conversation)  # stacked above
    save_screenshot(agent, "agent-panel-narrow")
    # the bot's reading of the conversation follows below it (the desk scrolls), not hidden
    summary = agent.locator("#summary")
    expect(summary).to_contain_text("topics: order_status")
    summary.scroll_into_view_if_needed()
    expect(summary).to_be_in_viewport(ratio=1)
    assert summary.bounding_box()["y"] >= conversation["y"] + conversation["height"] - 1
    save_screenshot(agent, "agent-panel-narrow-assist")
    agent.get_by_role("button", name="Resolve").click()
    expect(agent.locator(".queue-item", has_text="C-9")).to_have_count(0)


def test_the_assist_panel_stays_beside_the_conversation_at_tablet_and_laptop_widths(new_page,
                                                                                  fresh_server: AppServer) -> None:
    """Below 1100 px the desk used to hide its whole right panel: at 800-1099 px the summary, the bot's
    memory, the suggested replies and the customer's orders must stay on screen next to the conversation."""
    customer, agent = order_chat_on_the_desk(new_page, fresh_server, "C-7", width=800, height=800)
    for width, height in ((800, 800), (1024, 768)):
        if width != 800:
            agent = new_page(width=width, height=height)
            sign_in(agent, fresh_server)
            agent.locator(".queue-item", has_text="C-7").click()
        expect(agent.locator(".queue-item", has_text="C-7")).to_be_in_viewport()
        expect(agent.locator("#summary")).to_contain_text("topics: order_status")
        for part in (agent.locator("#summary"), agent.locator("#focus dd[data-field=order]"),
                     agent.locator(".suggestion").first):
            expect(part).to_be_in_viewport(ratio=1)  # without scrolling anything
        # beside the conversation, not over it: the transcript, the actions and the composer keep their room
        transcript, assist = agent.locator("#transcript").bounding_box(), agent.locator(".assist").bounding_box()
        assert transcript["width"] >= 450 and transcript["height"] >= 300, transcript
        for control in (agent.get_by_role("button", name="Resolve"),
                        agent.get_by_role("button", name="Send", exact=True)):
            expect(control).to_be_in_viewport(ratio=1)
            box = control.bounding_box()
            assert box["x"] + box["width"] <= assist["x"], (box, assist)
        assert agent.evaluate("document.documentElement.scrollWidth") <= width
        save_screenshot(agent, f"agent-panel-{width}")
        # and usable: the orders scroll into view inside the panel; a suggestion fills the reply box
        order = agent.locator("#orders li").first
        order.scroll_into_view_if_needed()
        expect(order).to_be_in_viewport(ratio=1)
        expect(order).to_contain_text("#1042 shipped")
        suggestion = agent.locator(".suggestion").first
        suggestion.click()
        expect(agent.locator("#reply")).to_have_value(suggestion.inner_text())
        agent.locator("#reply").fill("")


def test_a_reply_sent_while_the_desk_is_disconnected_says_so_and_is_kept(new_page, fresh_server: AppServer) -> None:
    customer, agent = order_chat_on_the_desk(new_page, fresh_server, "C-7", width=1440, height=900)
    agent.get_by_role("button", name="Take over").click()
    expect(agent.locator("#owner")).to_have_text("You are handling this conversation")
    fresh_server.kill()
    expect(agent.locator("#conn")).to_have_attribute("data-state", "connecting")
    agent.locator("#reply").fill("Are you still there?")
    agent.get_by_role("button", name="Send", exact=True).click()
    expect(agent.locator("#send-note")).to_contain_text("not sent")
    expect(agent.locator("#reply")).to_have_value("Are you still there?")
    save_screenshot(agent, "agent-panel-disconnected")
    fresh_server.start()
    expect(agent.locator("#conn")).to_have_attribute("data-state", "online", timeout=20_000)
    expect(agent.locator("#send-note")).to_be_hidden()
    agent.get_by_role("button", name="Send", exact=True).click()
    expect(customer.locator(".msg.agent .bubble")).to_have_text("Are you still there?", timeout=20_000)


def test_only_products_shown_in_the_conversation_can_be_pushed(app_server: AppServer) -> None:
    """Over the raw sockets: a pushed id the bot never showed is refused (not_found), nothing is stored."""
    from websockets.sync.client import connect

    ws_url = app_server.url.replace("http", "ws")
    with connect(ws_url + "/ws/chat") as chat, connect(ws_url + f"/ws/agent?token={AGENT_TOKEN}") as desk:
        chat.send(json.dumps({"type": "hello", "protocol": 1, "language": "en"}))
        conversation = json.loads(chat.recv(timeout=10))["conversation_id"]

        def until(kind: str) -> dict:
            while (frame := json.loads(desk.recv(timeout=10)))["type"] != kind:
                pass
            return frame

        until("auth_ok")
        desk.send(json.dumps({"type": "take_over", "conversation_id": conversation}))
        desk.send(json.dumps({"type": "send", "conversation_id": conversation, "client_id": "a-1",
                              "text": "Try this", "products": ["P-100"]}))
        error = until("error")
        assert (error["code"], error["client_id"], error["detail"]) == ("not_found", "a-1", {"product_ids": ["P-100"]})
        desk.send(json.dumps({"type": "open", "conversation_id": conversation}))
        assert "agent" not in [m["role"] for m in until("conversation")["transcript"]]
