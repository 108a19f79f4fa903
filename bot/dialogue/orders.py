"""Order handlers: status and tracking, cancel, address change, return, exchange, refund status.

One small state machine drives them all. ``state.pending`` holds the open request
(``{"intent", "stage", "order", ...}``); each turn fills the slot the stage waits for — order number
(must exist), email (must own the order, unless the conversation's customer does), the action's own
detail (new address, return reason, what to exchange for) — and every change waits for an explicit
yes. Eligibility is checked before asking, so the customer is never asked to confirm a refusal.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from bot.dialogue import answers, cues, focus, lexicon
from bot.dialogue.messages import status_word
from bot.dialogue.ports import CitationOut
from bot.dialogue.product_facts import price_text
from bot.dialogue.turn import Turn
from bot.store.redact import redact
from bot.store.shop_repo import IN_TRANSIT, PRE_SHIPMENT, ActionResult, OrderView, email_digest

INFO_INTENTS = ("order_status", "track_shipment", "delivery_time", "refund_status")
ACTIONS = {
    "cancel_order": "cancel",
    "change_shipping_address": "change_address",
    "return_item": "return",
    "exchange_item": "exchange",
    "change_order": "change_order",
}
ORDER_INTENTS = (*INFO_INTENTS, *ACTIONS)
_DETAIL = {
    "change_address": ("address", "ask_address"),
    "return": ("reason", "ask_return_reason"),
    "exchange": ("wanted", "ask_exchange"),
}
_DONE = {
    "cancel": "cancel_ok",
    "change_address": "address_ok",
    "return": "return_ok",
    "exchange": "exchange_ok",
}
_CONFIRM = {
    "cancel": "confirm_cancel",
    "change_address": "confirm_address",
    "return": "confirm_return",
    "exchange": "confirm_exchange",
}


def items_text(order: OrderView) -> str:
    return ", ".join(f"{i.quantity}× {i.title or i.product_id}" for i in order.items) or "-"


def order_facts(order: OrderView, lang: str) -> dict[str, Any]:
    unknown = status_word(None, lang)
    return {
        "order": order.id,
        "status": status_word(order.status, lang),
        "carrier": order.carrier or unknown,
        "tracking": order.tracking_number or unknown,
        "eta": order.eta or unknown,
        "shipped": order.shipped_at or unknown,
        "delivered": order.delivered_at or unknown,
        "total": price_text(order.total, order.currency),
        "items": items_text(order),
        "address": order.shipping_address,
    }


_ORDER_TITLE = {"en": "Order {order}", "zh": "订单 {order}", "es": "Pedido {order}"}


def order_citation(order: OrderView, lang: str) -> CitationOut:
    """The order record an answer comes from, as a source the widget can show."""
    facts = order_facts(order, lang)
    return CitationOut(id=f"order-{order.id}", kind="order",
                       title=_ORDER_TITLE.get(lang, _ORDER_TITLE["en"]).format(order=order.id),
                       snippet=f"{facts['status']} · {facts['items']} · {facts['total']}")


def status_reply(turn: Turn, order: OrderView) -> None:
    facts = order_facts(order, turn.lang)
    if cues.asks_items(turn.text):  # "can you tell me what I ordered?" is owed the items, with the status
        reply = turn.reply("order_items", **facts)
    elif order.status in PRE_SHIPMENT:
        reply = turn.reply("status_processing", **facts)
    elif order.status in IN_TRANSIT:
        reply = turn.reply("status_shipped", **facts)
    elif order.status == "delivered":
        reply = turn.reply("status_delivered", **facts)
    else:
        reply = turn.reply("status_other", **facts)
    reply.citations = [order_citation(order, turn.lang)]


async def refund_reply(turn: Turn, order: OrderView) -> None:
    """The order's refund; a refund of a payment charge ("refund the extra charge") is for a person, offered."""
    if not order.refund_status:
        status = status_word(order.status, turn.lang)
        if cues.about_a_charge(turn.text):
            turn.offer_human("refund_charge", reason="requested", order=order.id).citations = [
                order_citation(order, turn.lang)
            ]
        elif cues.wants_refund(turn.text):
            # "我要退款" asks for one: an order not shipped yet is cancelled, any other returned (each checks its rules)
            intent = "cancel_order" if order.status in PRE_SHIPMENT else "return_item"
            turn.state.pending = {"intent": intent, "stage": "order", "order": order.id}
            await advance(turn)
        else:
            if order.status == "return_requested":
                turn.reply("refund_pending_return", order=order.id, status=status).citations = [
                    order_citation(order, turn.lang)
                ]
            else:
                turn.reply("refund_none", order=order.id, status=status)
            if lexicon.asks_policy(turn.text):  # "how long will the refund take?": the policy says, cited
                answer = await answers.search(turn, turn.text, answers.FAQ_KINDS)
                if not answer.abstained and answer.text:
                    turn.grounded(answer)
        return
    amount = price_text(
        order.refund_amount if order.refund_amount is not None else order.total, order.currency
    )
    reply = turn.reply(
        "refund_status", order=order.id, amount=amount, refund=status_word(order.refund_status, turn.lang)
    )
    reply.citations = [order_citation(order, turn.lang)]


def refusal(turn: Turn, result: ActionResult) -> None:
    facts = order_facts(result.order, turn.lang) if result.order else {"order": result.order_id}
    if result.reason == "not_found":
        turn.reply("order_not_found", order=result.order_id)
    elif result.reason == "outside_window":
        turn.reply(
            "refuse_outside_window",
            days=result.detail.get("window_days"),
            deadline=result.detail.get("deadline"),
            **facts,
        )
    elif f"refuse_{result.reason}" in _REFUSALS:
        turn.reply(f"refuse_{result.reason}", **facts)
    else:
        turn.reply("refuse_other", **facts)


_ADDRESS_PREFIX = re.compile(
    r"^\s*(?:(?:please\s+)?(?:send|ship) it to|(?:the\s+)?new address is|new address:|"
    r"新地址是|新地址：|(?:la\s+)?nueva dirección es|envíalo a)\s*",
    re.IGNORECASE,
)
_REFUSALS = {
    "refuse_already_shipped",
    "refuse_already_cancelled",
    "refuse_not_delivered",
    "refuse_already_requested",
}


# ----------------------------------------------------------------------------- the state machine
async def handle_order(turn: Turn) -> None:
    """Entry point for a fresh order intent (any pending request is replaced)."""
    turn.state.pending = {"intent": turn.intent, "stage": "order"}
    if not turn.order_number():
        turn.state.pending.update(turn.carried)  # the order (and email) the abandoned request had
    if email := turn.entity("email") or lexicon.find_email(turn.text):
        # "my email is …, where's my stuff?": not asked again once the number comes (kept as a digest only)
        turn.state.pending["email_sha"] = email_digest(email)
    if turn.intent in ("return_item", "exchange_item"):
        turn.state.pending["said"] = redact(turn.text)  # its item words, for after the email check; no PII kept
    if turn.intent == "change_shipping_address" and (address := lexicon.address_in(turn.text)):
        turn.state.pending["address"] = address  # said with the request: not asked again
    wanted = [e.text for e in turn.pred.entities if e.type in ("size", "colour")]
    if turn.intent == "exchange_item" and wanted:
        turn.state.pending["wanted"] = " ".join(wanted)  # "exchange the jacket for a size L": not asked again
    if turn.pred.sentiment == "negative" and turn.pred.sentiment_score >= turn.deps.settings.apology_score:
        turn.reply("sorry_order")  # "it's been 2 weeks!!! this is unacceptable": an apology before the questions
    await advance(turn)


async def continue_order(turn: Turn) -> bool:
    """Feed this turn to the pending order request. Returns False when the turn is not an answer to it."""
    req = turn.state.pending or {}
    stage = req.get("stage")
    text = turn.text
    if stage == "order":
        if not (turn.order_number() or turn.entity("tracking_number")):
            return False
    elif stage == "email":
        if not (turn.entity("email") or lexicon.find_email(text)):
            return False
    elif stage == "confirm":
        if lexicon.is_yes(text):
            req["confirmed"] = True
        elif lexicon.is_no(text):
            turn.state.pending = None
            turn.reply("kept")
            return True
        else:
            return False
    elif stage == "item":
        order = await turn.timed("orders", turn.deps.orders.get(req["order"]))
        if order is None:
            return False
        if not _pick_items(turn, req, order, answer=True):
            if not (req["action"] == "return" and _gives_reason(turn) and not req.get("reason")):
                return False
            req["reason"] = text.strip(" .。")  # "Wrong size" before the item: kept, and the item asked again
    elif stage == "detail":
        slot = _DETAIL[req["action"]][0]
        if slot == "address" and (lexicon.is_yes(text) or lexicon.is_no(text) or not lexicon.could_be_address(text)):
            return False  # "yes" is not an address: ask again (or follow a new question)
        wanted = [e.text for e in turn.pred.entities if e.type in ("size", "colour")] if slot == "wanted" else []
        # "换成L码" wants "L码" (the confirmation read "换成：换成L码"); "a bigger one, please" is kept as said
        req[slot] = " ".join(wanted) or (_ADDRESS_PREFIX.sub("", text) if slot == "address" else text).strip(" .。")
    await advance(turn)
    return True


async def _pick_order(turn: Turn, req: dict[str, Any]) -> OrderView | None:
    """Fill ``req["order"]``: this turn's number, the order in focus, or the customer's only order."""
    state = turn.state
    number = None
    if req.get("stage") == "order":
        number = turn.order_number()
    tracking = turn.entity("tracking_number") if req.get("stage") == "order" and not number else None
    if number:
        req["order"] = number.lstrip("#")
    elif tracking and not req.get("order"):
        # "where is my package? tracking 1Z…": the order it belongs to (the email check still follows)
        found = await turn.timed("orders", turn.deps.orders.by_tracking(tracking))
        if found is None:
            turn.reply("tracking_not_found", kind="clarify", tracking=tracking)
            req["stage"] = "order"
            turn.fail()
            return None
        req["order"] = found.id
    elif not req.get("order") and state.focus_order:
        req["order"] = state.focus_order
    if not req.get("order") and state.customer_id:
        mine = await turn.timed("orders", turn.deps.orders.orders_of(state.customer_id))
        if len(mine) == 1:
            req["order"] = mine[0].id
        elif mine:
            turn.reply("which_order", kind="clarify")
            turn.replies[-1].quick_replies = [o.id for o in mine[:4]]
            req["stage"] = "order"
            return None
    if not req.get("order"):
        turn.reply("ask_order", kind="clarify")
        req["stage"] = "order"
        return None
    order = await turn.timed("orders", turn.deps.orders.get(req["order"]))
    if order is None:
        turn.reply("order_not_found", kind="clarify", order=req.pop("order"))
        req["stage"] = "order"
        turn.fail()
        return None
    return order


ITEM_ACTIONS = ("return", "exchange")


def _pick_items(turn: Turn, req: dict[str, Any], order: OrderView, *, answer: bool = False) -> bool:
    """Fill ``req["items"]`` (product ids) from the turn; ``answer``: the turn answers "which item?", so "all of
    them" (or its button) means the whole order. False when the turn names no item of the order."""
    titles = [i.title or i.product_id for i in order.items]
    # this turn, else the request itself ("return the tee from order 1044", said before the email was asked)
    picked = cues.items_named(turn.text, titles) or (not answer and cues.items_named(req.get("said", ""), titles))
    if picked:
        req["items"] = [order.items[i].product_id for i in picked]
        return True
    if answer and (cues.means_all(turn.text) or turn.text.strip() == turn.say("qr_all_items")):
        req["items"] = [i.product_id for i in order.items]
        return True
    return False


_REASONS = ("reason_size", "reason_damaged", "reason_mind")


def _gives_reason(turn: Turn) -> bool:
    """A return reason: one of the reason buttons, or a turn read as a complaint or a size problem."""
    return turn.text.strip() in {turn.say(k) for k in _REASONS} or turn.pred.intent in ("complaint", "size_guide")


def _items_of(order: OrderView, req: dict[str, Any]) -> str:
    chosen = set(req.get("items") or ())
    return items_text(replace(order, items=tuple(i for i in order.items if i.product_id in chosen)) if chosen else order)


async def _verify(turn: Turn, req: dict[str, Any], order: OrderView) -> bool:
    state = turn.state
    if focus.is_verified(state, order.id) or (state.customer_id and state.customer_id == order.customer_id):
        return True
    email = turn.entity("email") or lexicon.find_email(turn.text)
    if not email and order.email_digest_matches(req.pop("email_sha", "")):
        return True  # the address given before the order number
    if email:
        if order.email_matches(email):  # the order was read this turn: no second read to check it
            return True
        turn.reply("email_mismatch", kind="clarify", order=order.id)
        turn.fail()
    else:
        turn.reply("ask_email", kind="clarify", order=order.id)
    req["stage"] = "email"
    return False


async def advance(turn: Turn) -> None:
    """Move the pending order request as far as the known slots allow."""
    req = turn.state.pending
    assert req is not None
    order = await _pick_order(turn, req)
    if order is None:
        return
    if not await _verify(turn, req, order):
        req["order"] = order.id
        return
    now = turn.deps.clock()
    focus.set_order(turn.state, order.id, verified=True, now=now)
    turn.state.failures = 0
    intent = req["intent"]
    if intent in ("order_status", "track_shipment", "delivery_time"):
        turn.state.pending = None
        if intent == "delivery_time" and order.status in IN_TRANSIT:
            turn.reply("status_eta", **order_facts(order, turn.lang))
        else:
            status_reply(turn, order)
        return
    if intent == "refund_status":
        turn.state.pending = None
        await refund_reply(turn, order)
        return
    action = req.setdefault("action", ACTIONS[intent])
    if action == "change_order":
        turn.state.pending = None
        turn.reply("change_options", kind="clarify", quick=("qr_change_address", "qr_cancel"), order=order.id)
        return
    check = await turn.timed("orders", turn.deps.orders.check(order.id, action))
    if not check.ok:
        turn.state.pending = None
        refusal(turn, check)
        return
    facts = {**order_facts(order, turn.lang), "deadline": check.detail.get("deadline", "")}
    if action in ITEM_ACTIONS and len(order.items) > 1 and "items" not in req and not _pick_items(turn, req, order):
        # "I want to return the boots" of a three-item order: only the boots, so ask which when it is not said
        req["stage"] = "item"
        reply = turn.reply("ask_item", kind="clarify", **facts)
        reply.quick_replies = [*(i.title or i.product_id for i in order.items[:4]), turn.say("qr_all_items")]
        return
    facts["items"] = _items_of(order, req)
    slot, ask_key = _DETAIL.get(action, ("", ""))
    if slot and not req.get(slot):
        req["stage"] = "detail"
        quick = _REASONS if action == "return" else ()
        turn.reply(ask_key, kind="clarify", quick=quick, **facts)
        return
    if not req.get("confirmed"):
        req["stage"] = "confirm"
        filled: dict[str, Any] = {k: req[k] for k in ("address", "reason", "wanted") if k in req}
        turn.confirm(_CONFIRM[action], **{**facts, **filled})
        return
    turn.state.pending = None
    result = await turn.timed("orders", _perform(turn, action, order.id, req))
    if result.ok and result.order:
        turn.reply(
            _DONE[action],
            **{**order_facts(result.order, turn.lang), **{k: req[k] for k in ("wanted",) if k in req}},
        )
    else:
        refusal(turn, result)


async def _perform(turn: Turn, action: str, order_id: str, req: dict[str, Any]) -> ActionResult:
    orders = turn.deps.orders
    if action == "cancel":
        return await orders.cancel(order_id)
    if action == "change_address":
        return await orders.change_address(order_id, req["address"])
    items = req.get("items") or ()
    if action == "return":
        return await orders.request_return(order_id, req.get("reason", ""), items)
    return await orders.request_exchange(order_id, req.get("wanted", ""), items)
