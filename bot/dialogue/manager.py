"""The dialogue manager: one customer turn in, the bot's replies (or agent suggestions) out.

For each turn: understand (intent, sentiment, language, entities) off the event loop; feed an open
request (``state.pending``) if the turn answers it, else route the intent to its handler; then check
escalation. While an agent owns the conversation the bot stays silent and only annotates and
suggests replies. Any stage failing gives the customer a polite reply and a person (``model_error``).

>>> manager = DialogueManager(Deps(understander, retriever, recommender, orders, catalog))  # doctest: +SKIP
>>> result = await manager.respond(DialogueState(), "where is my order 1042?")              # doctest: +SKIP
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from bot.dialogue import answers, cues, focus, lexicon, multi, orders, social
from bot.dialogue.messages import LANGUAGES, say
from bot.dialogue.ports import BotReply, CustomerEvent, DialogueState, TurnAnnotation, TurnResult
from bot.dialogue.turn import Deps, Handler, Turn, timed_await, timed_call
from bot.store.shop_repo import ActionResult, OrderRepository
from intents.types import OUT_OF_SCOPE, Prediction

log = logging.getLogger(__name__)

# delivery_time is an order question when an order is named, or in focus and the turn is about it, else a FAQ
# (see ``route_intent``)
FAQ_INTENTS = (
    "payment_issue",
    "apply_promo_code",
    "shipping_options",
    "warranty",
    "account_help",
    "size_guide",
    "faq",
)
HANDLERS: dict[str, Handler] = {
    "greeting": social.handle_greeting,
    "goodbye": social.handle_goodbye,
    "thanks": social.handle_thanks,
    **{i: orders.handle_order for i in orders.ORDER_INTENTS},
    **{i: answers.handle_faq for i in FAQ_INTENTS},
    "product_question": answers.handle_product,
    "product_availability": answers.handle_product,
    "compare_products": answers.handle_compare,
    "recommend_product": answers.handle_recommend,
    "cart": answers.handle_cart,
    "bot_identity": social.handle_bot_identity,
    "complaint": social.handle_complaint,
    "order_problem": social.handle_order_problem,
    "talk_to_human": social.handle_human,
    OUT_OF_SCOPE: social.handle_out_of_scope,
}
MAX_SENTIMENTS = 20


def choose_language(pred: Prediction, state: DialogueState, text: str) -> str:
    """The prediction's language; the conversation's for short turns ("ok", "1042") after the first."""
    if lexicon.CJK_RE.search(text):
        return "zh"
    lang = pred.language if pred.language in LANGUAGES else state.language
    if state.extra.get("turns", 0) and len(lexicon.words(text)) <= 2:
        return state.language
    return lang


def handed_back(state: DialogueState) -> None:
    """An agent gave the conversation back: escalation starts afresh (new trend window, no failures)."""
    if state.owner == "bot" and state.extra.get("agent_owned"):
        state.sentiments, state.failures, state.oos_count, state.pending = [], 0, 0, None
        state.extra.pop("handoff", None)
        state.extra.pop("complaint_open", None)
    state.extra["agent_owned"] = state.owner == "agent"


PRODUCT_INTENTS = ("product_question", "product_availability", "compare_products")
DETAIL_ANSWERS = ("complaint", "size_guide")
SMALL_TALK = ("greeting", "goodbye", "thanks")


def contextual_intent(turn: Turn) -> str | None:
    """For an unsure turn ("¿y cuándo llega?" read as out of scope), the best-ranked intent that fits what is
    in focus (an order -> order intents, products -> product intents; a kind of product named -> product intents
    and recommendations) if it scores at least the floor."""
    state, floor = turn.state, turn.deps.settings.context_intent_floor
    fitting = (
        *(orders.ORDER_INTENTS if state.focus_order else ()),
        # "有好的包吗？" names a kind of product: an unsure read as a shipping question is a shopping one
        *(PRODUCT_INTENTS if state.focus_products else ()),
        *(("recommend_product", *PRODUCT_INTENTS) if lexicon.product_noun(turn.text) else ()),
    )
    return next((i for i, score in turn.pred.top_k if i in fitting and score >= floor), None)


def route(turn: Turn) -> str:
    """The handler key for a fresh turn (the intent, with context-dependent detours)."""
    pred, state = turn.pred, turn.state
    if cues.asks_if_bot(turn.text):  # honesty first: "are you a bot?" read as a greeting got "Hi!"
        return "bot_identity"
    if cues.mentions_cart(turn.text) and not turn.order_number():  # "add it to my cart" is not an order change
        return "cart"
    if cues.reports_order_problem(turn.text):  # "I received the wrong item": not a status, not an address change
        return "order_problem"
    if state.focus_order and cues.asks_eta(turn.text):
        return route_intent(turn, "delivery_time")
    if (
        pred.out_of_scope
        or pred.intent not in HANDLERS
        or pred.confidence < turn.deps.settings.switch_confidence
    ):
        contextual = contextual_intent(turn)
        if contextual and contextual != pred.intent:
            return route_intent(turn, contextual)
    shown = state.extra.get("last_list") or state.focus_products
    if cues.comparative(turn.text) and cues.asks_which(turn.text) and len(shown) >= 2:
        return "compare_products"  # "¿cuál es más ligera, la primera o la segunda?" weighs the products shown
    if state.focus_products and about_focused_product(turn):
        return "product_question"
    if pred.out_of_scope or pred.intent not in HANDLERS:
        return OUT_OF_SCOPE
    return route_intent(turn, pred.intent)


def about_focused_product(turn: Turn) -> bool:
    """A follow-up about the products in focus, whatever the model read it as.

    "how much is the last one?" / "它防水吗？" read as out of scope or small talk; "第一个卖多少？" (an ordinal
    into the list just shown) or a bare attribute question ("那价格呢？", "¿cuánto cuesta?") read as a FAQ or
    a recommendation. Order intents about an order in focus or named keep their handler.
    """
    pred, state, text = turn.pred, turn.state, turn.text
    if pred.intent in orders.ORDER_INTENTS and (state.focus_order or lexicon.find_order_number(text)):
        return False
    if pred.intent not in (*PRODUCT_INTENTS, "recommend_product"):
        if state.extra.get("last_list") and lexicon.ordinal(text) is not None:
            return True
    if pred.intent not in PRODUCT_INTENTS and lexicon.only_asks_attribute(text):
        return True
    if pred.out_of_scope or pred.intent not in HANDLERS or pred.intent in SMALL_TALK:
        asks = (lexicon.attribute_asked(text) or lexicon.colour_in(text)) and (
            lexicon.has_reference(text) or lexicon.is_short(text)
        )
        return bool(asks or lexicon.ordinal(text) is not None)
    return False


def route_intent(turn: Turn, intent: str) -> str:
    named = turn.order_number()
    about_an_order = named or turn.state.focus_order or turn.carried.get("order")
    # with an order in focus, "how long does shipping to Canada take?" still asks the store, not about that order
    if intent == "delivery_time" and not (named or (about_an_order and lexicon.about_own_order(turn.text))):
        return "faq"
    # "anything cheaper?" / "那个便宜点的呢？" (read as a comparison or a FAQ) asks for other products, below those shown
    if cues.asks_cheaper(turn.text) and not cues.asks_which(turn.text) and cues.only_refines(turn.text) \
            and turn.state.extra.get("last_list"):
        return "recommend_product"
    # "do you offer gift wrapping?" asks about a service: the FAQ (or "I don't know"), never product cards
    if intent in (*PRODUCT_INTENTS, "recommend_product") and cues.asks_service(turn.text):
        return "faq"
    # "how long do I have to return something?" asks the policy, not to start a return; "what's your return policy?"
    # does so even with an order in focus
    if intent in POLICY_INTENTS and (not about_an_order and lexicon.asks_policy(turn.text)
                                     or not named and cues.names_policy(turn.text)):
        return "policy"
    return intent


POLICY_INTENTS = ("return_item", "exchange_item", "cancel_order", "refund_status", "change_shipping_address",
                  "change_order")


async def handle_policy(turn: Turn) -> None:
    """A general question about an order action: answer it from the policies (grounded, cited) and keep the
    action open, so an order number in the next turn starts it; nothing grounded -> the action as usual."""
    intent = turn.pred.intent  # route_intent sends only the model's own order-action intents here
    answer = await answers.search(turn, turn.text, answers.FAQ_KINDS)
    if answer.abstained or not answer.text:
        turn.routed = intent
        await orders.handle_order(turn)
        return
    turn.state.failures = 0
    turn.grounded(answer)
    turn.state.pending = {"intent": intent, "stage": "order", "offered": True}
    if not cues.denies(answer.text):  # "gift cards are not returnable" is not followed by "shall I return one?"
        turn.reply("policy_then_order", kind="clarify")


HANDLERS["policy"] = handle_policy


class ReadOnlyOrders:
    """The order repository for agent suggestions: reads pass through, changes are only checked."""

    def __init__(self, inner: OrderRepository) -> None:
        self.inner = inner

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    async def cancel(self, order_id: str) -> ActionResult:
        return await self.inner.check(order_id, "cancel")

    async def change_address(self, order_id: str, address: str) -> ActionResult:
        return await self.inner.check(order_id, "change_address")

    async def request_return(self, order_id: str, reason: str = "", items: Sequence[str] = ()) -> ActionResult:
        return await self.inner.check(order_id, "return")

    async def request_exchange(self, order_id: str, wanted: str = "", items: Sequence[str] = ()) -> ActionResult:
        return await self.inner.check(order_id, "exchange")


class DialogueManager:
    """Implements ``bot.dialogue.ports.Dialogue`` on Protocol stages (see ``Deps``)."""

    def __init__(self, deps: Deps) -> None:
        self.deps = deps
        self.directory: Any = None  # the agent panel's customer directory, set by build_dialogue

    async def aclose(self) -> None:
        """Stop the model worker threads (the server's shutdown)."""
        if self.deps.executor is not None:
            self.deps.executor.shutdown(wait=False, cancel_futures=True)

    # ------------------------------------------------------------------ Dialogue protocol
    async def greet(self, state: DialogueState) -> TurnResult:
        state = state.model_copy(deep=True)
        reply = BotReply(
            text=say("greeting", state.language),
            kind="smalltalk",
            quick_replies=[say(k, state.language) for k in ("qr_order_status", "qr_returns", "qr_products")],
        )
        return TurnResult(state=state, replies=[] if state.owner == "agent" else [reply])

    async def on_event(self, state: DialogueState, event: CustomerEvent) -> TurnResult:
        """A product card viewed / clicked / added to cart: it comes into focus and into the history."""
        state = state.model_copy(deep=True)
        if event.type in ("product_click", "add_to_cart") and event.product_id not in state.clicked_products:
            state.clicked_products.append(event.product_id)
        focus.show_products(state, [event.product_id], now=self.deps.clock())
        return TurnResult(state=state, replies=[])

    async def respond(self, state: DialogueState, text: str) -> TurnResult:
        """Handle a customer message (silent while an agent owns the conversation)."""
        start = time.perf_counter()
        state = state.model_copy(deep=True)
        annotation = TurnAnnotation(intent="unknown", confidence=0.0, language=state.language)
        if self.deps.prefetch is not None and lexicon.may_search(text):
            self.deps.prefetch(text)
        try:
            predict_async = getattr(self.deps.understander, "predict_async", None)  # micro-batched: no executor hop
            if predict_async is not None:
                pred = await timed_await(annotation, "understand",
                                         predict_async(text, fallback_language=state.language))
            else:
                preds = await timed_call(annotation, self.deps.executor, "understand", self.deps.understander.predict,
                                         [text], fallback_language=state.language)
                pred = preds[0]
        except Exception:
            log.exception("event=stage_failed stage=understand")
            if state.owner == "agent":  # the agent is answering; nothing to add
                return TurnResult(state=state, replies=[], annotation=annotation)
            return self._model_error(state, text, annotation, start)
        turn = self._turn(state, text, pred, annotation)
        state.extra["turns"] = state.extra.get("turns", 0) + 1
        if state.owner == "agent":
            return await self._assist(turn, start)
        try:
            await self._dispatch(turn)
            social.check_escalation(turn)
        except Exception:
            log.exception("event=stage_failed stage=handler intent=%s", pred.intent)
            return self._model_error(state, text, annotation, start)
        return self._result(turn, start)

    # ------------------------------------------------------------------ internals
    def _turn(self, state: DialogueState, text: str, pred: Prediction, annotation: TurnAnnotation) -> Turn:
        handed_back(state)
        lang = choose_language(pred, state, text)
        annotation.intent, annotation.confidence = pred.intent, float(pred.confidence)
        annotation.top_k = [(i, float(c)) for i, c in pred.top_k]
        annotation.out_of_scope, annotation.language = pred.out_of_scope, lang
        annotation.sentiment, annotation.sentiment_score = pred.sentiment, float(pred.sentiment_score)
        annotation.entities = [
            {"type": e.type, "value": e.value, "text": e.text, "start": e.start, "end": e.end}
            for e in pred.entities
        ]
        state.language = lang
        state.sentiments = [*state.sentiments, social.signed_sentiment(pred.sentiment, pred.sentiment_score)][
            -MAX_SENTIMENTS:
        ]
        state.extra["intents"] = [*state.extra.get("intents", []), pred.intent][-10:]
        focus.expire(state, self.deps.clock(), self.deps.settings.focus_timeout_s)
        return Turn(deps=self.deps, state=state, text=text, pred=pred, lang=lang, annotation=annotation)

    def _switches(self, turn: Turn) -> bool:
        """Whether the turn confidently starts something else than the open request."""
        pending = turn.state.pending or {}
        pred = turn.pred
        return (
            not pred.out_of_scope
            and pred.intent in HANDLERS
            and pred.intent != pending.get("intent")
            # a greeting never abandons a request; "thanks" does when only an order number was asked for (after a
            # policy answer, "谢谢" is no answer to "tell me the order number if you want me to do it")
            and (pred.intent != "greeting" and (pred.intent != "thanks" or pending.get("stage") == "order"))
            # "it's too small" / "it arrived damaged" answer "why would you like to return it?": a reason reads as
            # a complaint or a size question, but it is the detail asked for (or said early, while the item is
            # asked), not a new request
            and not (pending.get("stage") in ("detail", "item") and pred.intent in DETAIL_ANSWERS)
            # "the email is on my account, I forgot it" answers (badly) the e-mail asked for: asked again, with a person
            and not (pending.get("stage") == "email" and cues.mentions_email(turn.text))
            and pred.confidence >= self.deps.settings.switch_confidence
        )

    async def _dispatch(self, turn: Turn) -> None:
        pending = turn.state.pending
        if pending:
            name = pending.get("intent", "")
            if name == "handoff_offer":
                if await social.continue_offer(turn):
                    turn.annotation.handler = "handoff_offer"
                    return
            # an order action only offered after a policy answer yields to a new question of its own ("Where is my
            # order 1042? And how much is shipping?"); a bare number still starts it
            elif not ((pending.get("stage") == "detail" or pending.get("offered") and not lexicon.is_short(turn.text))
                      and self._switches(turn)):
                if await orders.continue_order(turn):
                    turn.annotation.handler = f"continue:{name}"
                    return
                if not self._switches(turn):
                    turn.annotation.handler = f"reask:{name}"
                    await self._reask(turn, pending)
                    return
            turn.state.pending = None
            # "¿puedo devolverlo?" while the email for order 1045 is asked: a new order request about the same
            # order (and the email already given) carries over
            turn.carried = {k: pending[k] for k in ("order", "email_sha") if pending.get(k)}
        parts = multi.questions(turn.text)  # "where is order 1042? and do you ship to Canada?": both answered
        if parts and await multi.answer_each(turn, parts, route, HANDLERS):
            turn.state.oos_count = 0
            return
        key = turn.routed = route(turn)
        turn.annotation.handler = key
        if key != OUT_OF_SCOPE:
            turn.state.oos_count = 0
        await HANDLERS[key](turn)

    async def _reask(self, turn: Turn, pending: dict[str, Any]) -> None:
        turn.fail()
        stage = pending.get("stage")
        if stage in ("detail", "item"):
            failures = turn.state.failures  # advance() starts afresh once the order is verified: not here
            await orders.advance(turn)  # its slot still empty, the request asks its question again
            turn.state.failures = failures
        elif stage == "confirm":
            turn.reply("confirm_again", kind="confirm", quick=("yes", "no"))
        elif stage == "email":
            turn.reply("ask_email", kind="clarify", quick=("qr_human",), order=pending.get("order", ""))
        else:
            turn.reply("ask_order", kind="clarify")

    async def _assist(self, turn: Turn, start: float) -> TurnResult:
        """Agent owns the conversation: no replies; run the handlers on a scratch copy for suggestions."""
        scratch = turn.state.model_copy(deep=True)
        scratch.pending, scratch.owner = None, "bot"
        deps = replace(self.deps, orders=ReadOnlyOrders(self.deps.orders))
        shadow = Turn(
            deps=deps,
            state=scratch,
            text=turn.text,
            pred=turn.pred,
            lang=turn.lang,
            annotation=turn.annotation,
        )
        key = shadow.routed = route(shadow)
        turn.annotation.handler = f"suggest:{key}"
        try:
            await HANDLERS[key](shadow)
        except Exception:  # the customer hears nothing from the bot while an agent owns the chat
            log.exception("event=suggestion_failed intent=%s", turn.intent)
            shadow.replies.clear()
        suggestions = [r for r in shadow.replies if r.kind != "handoff"][:2]
        suggestions.append(BotReply(text=say("agent_ack", turn.lang), kind="answer"))
        turn.state.focus_products = scratch.focus_products
        if "last_list" in scratch.extra:
            turn.state.extra["last_list"] = scratch.extra["last_list"]
        turn.state.focus_at = scratch.focus_at
        result = self._result(turn, start)
        return result.model_copy(update={"replies": [], "suggested_replies": suggestions[:3]})

    def _result(self, turn: Turn, start: float) -> TurnResult:
        turn.annotation.latency_ms["total"] = round((time.perf_counter() - start) * 1000, 3)
        suggested: list[BotReply] = []
        if turn.handoff is not None:
            turn.state.owner = "agent"
            log.info("event=handoff reason=%s intent=%s", turn.handoff.reason, turn.intent)
            # the first thing the agent who picks it up may say, in the customer's language (the desk showed none)
            suggested = [BotReply(text=say("agent_ack", turn.lang), kind="answer")]
        return TurnResult(state=turn.state, replies=turn.replies, annotation=turn.annotation, handoff=turn.handoff,
                          suggested_replies=suggested)

    def _model_error(
        self, state: DialogueState, text: str, annotation: TurnAnnotation, start: float
    ) -> TurnResult:
        lang = "zh" if lexicon.CJK_RE.search(text) else state.language
        pred = Prediction(
            text=text,
            intent="unknown",
            confidence=0.0,
            top_k=(),
            out_of_scope=False,
            sentiment="neutral",
            sentiment_score=0.0,
            language=lang,
        )
        turn = Turn(deps=self.deps, state=state, text=text, pred=pred, lang=lang, annotation=annotation)
        turn.replies.clear()
        turn.escalate("model_error", key="model_error", detail="a model stage raised")
        turn.replies[-1].kind = "error"
        return self._result(turn, start)
