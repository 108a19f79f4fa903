"""Small talk, complaints, requests for a person, out-of-scope turns, and the escalation rules.

Escalation happens on an explicit request, on a negative sentiment trend over the last
``negative_trend_turns`` turns, or after ``failure_limit`` failed turns in a row; the reason is
recorded in the ``Handoff``. Out-of-scope turns get ``oos_clarify_limit`` clarifying questions, then
the offer of a person.
"""

from __future__ import annotations

from bot.dialogue import answers, cues, lexicon, orders
from bot.dialogue.ports import DialogueState
from bot.dialogue.turn import Turn
from bot.settings import DialogueSettings


async def handle_greeting(turn: Turn) -> None:
    turn.reply("greeting", kind="smalltalk")


async def handle_bot_identity(turn: Turn) -> None:
    turn.reply("bot_identity", kind="smalltalk", quick=("qr_human",))


async def handle_goodbye(turn: Turn) -> None:
    turn.reply("goodbye", kind="smalltalk")


async def handle_thanks(turn: Turn) -> None:
    turn.reply("thanks", kind="smalltalk")


async def handle_complaint(turn: Turn) -> None:
    """An apology and the offer of a person; a complaint that names an order also starts looking into it
    ("my package 1042 hasn't arrived, worst service ever": the next turn's email gets its status), with the
    person one tap away."""
    turn.state.extra["complaint_open"] = True
    number = turn.order_number()
    if not number:
        turn.offer_human("complaint", reason="requested")
        return
    turn.reply("complaint_order", order=number.lstrip("#"))
    turn.state.pending = {"intent": "order_status", "stage": "order"}
    await orders.advance(turn)
    last = turn.replies[-1]
    human = turn.say("qr_human")
    if human not in last.quick_replies:
        last.quick_replies = [*last.quick_replies, human]


async def handle_order_problem(turn: Turn) -> None:
    """The order came wrong or broken: the store's answer (its FAQ, cited), and a person, one tap away, who can ship
    the right item (the bot cannot); the order named or in focus is said, so the hand-off carries it."""
    answer = await answers.search(turn, turn.text, answers.FAQ_KINDS)
    if not answer.abstained and answer.text:
        turn.grounded(answer)
    number = (turn.order_number() or "").lstrip("#") or turn.state.focus_order
    if number:
        turn.offer_human("order_problem_order", reason="requested", order=number)
    else:
        turn.offer_human("order_problem", reason="requested")


async def handle_human(turn: Turn) -> None:
    """A request for a person hands off; "what's your phone number?" (which the model reads as one) gets the
    store's contact details from its FAQ, with a person one tap away."""
    if cues.asks_contact_details(turn.text):
        answer = await answers.search(turn, f"{turn.say('contact_query')} {turn.text}", answers.FAQ_KINDS)
        if not answer.abstained and answer.text:
            turn.grounded(answer).quick_replies = [turn.say("qr_human")]
            return
    turn.escalate("requested", detail="customer asked for a person")


async def handle_out_of_scope(turn: Turn) -> None:
    state = turn.state
    state.oos_count += 1
    if state.oos_count <= turn.deps.settings.oos_clarify_limit:
        turn.reply(
            "clarify", kind="clarify", quick=("qr_order_status", "qr_returns", "qr_products", "qr_human")
        )
        return
    turn.offer_human("offer_human", reason="out_of_scope")


async def continue_offer(turn: Turn) -> bool:
    """Answer to "would you like a person?": yes hands off, no closes the offer, else it is a new turn."""
    req = turn.state.pending or {}
    human_label = turn.say("qr_human").lower()
    if lexicon.is_yes(turn.text) or turn.text.strip().lower() == human_label:
        turn.escalate(req.get("reason", "requested"), detail="accepted the offer of a person")
        return True
    if lexicon.is_no(turn.text):
        turn.state.pending = None
        turn.state.extra.pop("complaint_open", None)
        turn.reply("thanks", kind="smalltalk")
        return True
    turn.state.pending = None
    return False


def signed_sentiment(sentiment: str, score: float) -> float:
    """-score for negative, +score for positive, 0 for neutral."""
    return -abs(score) if sentiment == "negative" else abs(score) if sentiment == "positive" else 0.0


def negative_trend(state: DialogueState, settings: DialogueSettings) -> bool:
    """The mean signed sentiment of the last N turns is at or below -threshold (N turns needed)."""
    window = state.sentiments[-settings.negative_trend_turns :]
    return (
        len(window) >= settings.negative_trend_turns
        and window[-1] < 0
        and sum(window) / len(window) <= -settings.negative_trend_threshold
    )


def check_escalation(turn: Turn) -> None:
    """After a handler ran: hand off on a negative trend or repeated failures (once per conversation)."""
    if turn.handoff is not None or turn.state.extra.get("handoff"):
        return
    settings = turn.deps.settings
    if negative_trend(turn.state, settings):
        window = turn.state.sentiments[-settings.negative_trend_turns :]
        detail = f"mean sentiment {sum(window) / len(window):.2f}"
        turn.escalate("negative_trend", key="handoff_negative", detail=detail)
    elif turn.state.failures >= settings.failure_limit:
        turn.escalate(
            "repeated_failures", key="handoff_failures", detail=f"{turn.state.failures} failed turns"
        )
