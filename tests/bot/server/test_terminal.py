"""``shopbot chat`` rendering: replies with citations, product cards and quick replies."""

from __future__ import annotations

from bot.server.terminal import render


def test_render_bot_reply_with_citations_and_products() -> None:
    frame = {"type": "bot_message", "seq": 3, "reply": {
        "text": "It ships in 2 days.", "kind": "answer", "quick_replies": ["Track", "Person"],
        "citations": [{"id": "faq-1", "title": "Shipping", "kind": "faq", "snippet": ""}],
        "products": [{"product_id": "P1", "title": "Mug", "price": 9.5, "currency": "EUR", "image": "",
                      "reason": "popular"}]}}
    assert render(frame) == ("bot> It ships in 2 days.\n     [1] Shipping (faq:faq-1)\n"
                             "     * Mug - 9.50 EUR (popular)\n     options: Track | Person")


def test_render_other_frames() -> None:
    assert render({"type": "agent_message", "seq": 4, "text": "hi", "agent": "Maria"}) == "Maria> hi"
    assert render({"type": "agent_message", "seq": 4, "text": "hi", "agent": None}) == "support agent> hi"
    assert render({"type": "status", "seq": 5, "status": "agent_joined", "agent": "agent1"}) == \
        "  -- agent joined (agent1)"
    assert render({"type": "error", "code": "rate_limited", "message": "slow down"}) == "  !! rate_limited: slow down"
    assert render({"type": "accepted", "client_id": "c", "seq": 2}) is None
