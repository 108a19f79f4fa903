"""What a support agent notices at the desk when the wire or a colleague gets in the way: a reply is never
lost (resent after a dropped connection, put back in the box when refused), and a product pushed to a
Chinese customer speaks Chinese."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect
from serve_app import UNNAMED_AGENT_TOKEN
from test_agent_browser import sign_in
from web_support import AppServer, open_widget, save_screenshot, say

pytestmark = pytest.mark.browser
AGENT_SOCKET = re.compile(r".*/ws/agent$")


def test_a_reply_lost_with_the_connection_is_sent_after_the_reconnect_once(new_page, app_server: AppServer) -> None:
    """The desk's socket dies just as a reply leaves (a server restart, a network blip): the reply used to
    vanish — the box was already cleared and nothing was sent. It goes again, once, after the reconnect."""
    customer = new_page()
    open_widget(customer, app_server, "/?customer=C-61")
    say(customer, "Where is my order 1042?")
    agent = new_page(width=1440, height=900)
    dropped: list[str] = []

    def proxy(ws) -> None:  # type: ignore[no-untyped-def]
        server = ws.connect_to_server()

        def from_page(message: str | bytes) -> None:
            frame = json.loads(message)
            if frame.get("type") == "send" and not dropped:
                dropped.append(frame["client_id"])
                ws.close()  # the connection dies with the reply on it
                return
            server.send(message)

        ws.on_message(from_page)
        server.on_message(lambda message: ws.send(message))

    agent.route_web_socket(AGENT_SOCKET, proxy)
    sign_in(agent, app_server)
    agent.locator(".queue-item", has_text="C-61").click()
    agent.get_by_role("button", name="Take over").click()
    expect(agent.locator("#owner")).to_have_text("You are handling this conversation")
    agent.locator("#reply").fill("Your parcel is with UPS and arrives tomorrow.")
    agent.get_by_role("button", name="Send", exact=True).click()
    reply = customer.locator(".msg.agent .bubble")
    expect(reply).to_have_text(["Your parcel is with UPS and arrives tomorrow."], timeout=20_000)
    assert len(dropped) == 1
    expect(agent.locator(".turn.agent")).to_have_count(1)
    customer.wait_for_timeout(500)
    expect(reply).to_have_count(1)
    agent.get_by_role("button", name="Resolve").click()


def test_a_reply_refused_because_a_colleague_took_over_goes_back_into_the_box(new_page, app_server: AppServer) -> None:
    """Maria's desk has not yet heard that agent2 took the chat over when she presses Send: the server
    refuses her reply (it would have reached the customer beside agent2's). Her text comes back into the
    box with a note saying who has the conversation, instead of disappearing."""
    customer = new_page()
    open_widget(customer, app_server, "/?customer=C-62")
    say(customer, "Where is my order 1042?")
    maria = new_page(width=1440, height=900)
    lagging: list[bool] = []

    def proxy(ws) -> None:  # type: ignore[no-untyped-def]
        server = ws.connect_to_server()

        def from_server(message: str | bytes) -> None:
            if lagging and json.loads(message).get("type") in ("summary", "message", "queue", "turn"):
                return  # her desk is behind: it does not learn of the take-over yet
            ws.send(message)

        ws.on_message(lambda message: server.send(message))
        server.on_message(from_server)

    maria.route_web_socket(AGENT_SOCKET, proxy)
    sign_in(maria, app_server)
    maria.locator(".queue-item", has_text="C-62").click()
    maria.get_by_role("button", name="Take over").click()
    expect(maria.locator("#owner")).to_have_text("You are handling this conversation")
    lagging.append(True)
    colleague = new_page(width=1440, height=900)
    sign_in(colleague, app_server, token=UNNAMED_AGENT_TOKEN)
    colleague.locator(".queue-item", has_text="C-62").click()
    expect(colleague.locator("#owner")).to_have_text("agent1 is handling this conversation")
    colleague.get_by_role("button", name="Take over from agent1").click()  # says whose chat it takes
    expect(colleague.locator("#owner")).to_have_text("You are handling this conversation")
    expect(colleague.locator("#take-over")).to_have_text("Take over")
    expect(customer.locator(".msg.system", has_text="A support agent joined")).to_have_count(1)

    maria.locator("#reply").fill("I have refunded you.")
    maria.get_by_role("button", name="Send", exact=True).click()
    expect(maria.locator("#send-note")).to_have_text(
        "agent2 is handling this conversation now — your reply was not sent; it is back in the box.")
    expect(maria.locator("#reply")).to_have_value("I have refunded you.")
    expect(maria.locator("#owner")).to_have_text("agent2 is handling this conversation")  # what the refusal said
    expect(maria.get_by_role("button", name="Send", exact=True)).to_be_disabled()
    save_screenshot(maria, "agent-panel-reply-refused")
    colleague.locator("#reply").fill("Hello, I'm looking into it.")
    colleague.get_by_role("button", name="Send", exact=True).click()
    expect(customer.locator(".msg.agent .bubble")).to_have_text(["Hello, I'm looking into it."])
    colleague.get_by_role("button", name="Resolve").click()


def test_a_product_pushed_to_a_chinese_customer_speaks_chinese(new_page, app_server: AppServer) -> None:
    """Push with an empty reply box used to send "You might like …" in English to every customer."""
    customer = new_page(locale="zh-CN")
    open_widget(customer, app_server, "/?customer=C-63")
    say(customer, "能推荐几款礼物吗？")
    expect(customer.locator(".msg.bot .card")).to_have_count(3)
    agent = new_page(width=1440, height=900)
    sign_in(agent, app_server)
    agent.locator(".queue-item", has_text="C-63").click()
    expect(agent.locator(".queue-item", has_text="C-63").locator(".tag", has_text="zh")).to_have_count(1)
    agent.get_by_role("button", name="Push Trailblazer Rain Jacket into the chat").click()
    pushed = customer.locator(".msg.agent")
    expect(pushed.locator(".bubble")).to_have_text("您可能会喜欢：Trailblazer Rain Jacket（US$89.00）。")
    expect(pushed.locator(".card h3")).to_have_text(["Trailblazer Rain Jacket"])
    expect(pushed.locator(".card .price")).to_have_text("US$89.00")  # the price written as the card writes it
    expect(pushed.locator(".card .actions .primary")).to_have_text("加入购物车")
    agent.get_by_role("button", name="Resolve").click()




def test_the_desk_says_when_each_turn_was_written_in_the_agents_time_zone(new_page, app_server: AppServer) -> None:
    """Turns carry their time and queue items their age. Stored times came back from SQLite without an
    offset, which a desk outside UTC read as its own local time: a Shanghai agent saw "8 h ago"."""
    from datetime import UTC, datetime

    customer = new_page()
    open_widget(customer, app_server, "/?customer=C-64")
    say(customer, "Where is my order 1042?")
    agent = new_page(width=1440, height=900, timezone="Asia/Shanghai")
    sign_in(agent, app_server)
    item = agent.locator(".queue-item", has_text="C-64")
    expect(item.locator("time.ago")).to_have_text("just now")
    item.click()
    turn = agent.locator(".turn.customer", has_text="1042")
    written = turn.locator(".who time")
    expect(written).to_have_count(1)
    at = datetime.fromisoformat(written.get_attribute("datetime").replace("Z", "+00:00"))
    assert abs((datetime.now(UTC) - at).total_seconds()) < 120, at
    shown = agent.evaluate("iso => new Date(iso).toLocaleTimeString([], {hour: '2-digit', minute: '2-digit'})",
                           at.isoformat())
    expect(written).to_have_text(shown)  # the agent's clock (UTC+8), not the server's
    # the bot's hand-off is stored without text: the desk says what it was, on one line with its time
    say(customer, "I want a human")
    handoff = agent.locator(".turn.system").first
    expect(handoff).to_have_text(re.compile(r"^Handed off \(requested\) — waiting for an agent · \d"))
    assert handoff.bounding_box()["height"] < 30
    agent.get_by_role("button", name="Resolve").click()
