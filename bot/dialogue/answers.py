"""Grounded answers: FAQ / policy questions, product questions and recommendations.

FAQ and policy answers come from the Retriever with citations; when it abstains the bot says it does
not know and offers a person. Product questions about the product in focus are answered from that
product's own data (``product_facts``); otherwise the catalogue is searched and what it finds comes
into focus. Recommendations become 3-5 product cards and the list "the second one" refers to.
"""

from __future__ import annotations

import re

from bot.dialogue import cues, focus, lexicon, measures, product_facts
from bot.dialogue.messages import attribute_word
from bot.dialogue.ports import BotReply, CitationOut, ProductCard, RecommendationRequest
from bot.dialogue.turn import Turn
from bot.store.shop_repo import ProductView
from retrieval.types import Answer, Suggestion

FAQ_KINDS = ("faq", "policy")
STORE_WIDE_ATTRIBUTES = ("warranty",)  # asked about one product, answered by the store's policy
PRODUCT_KINDS = ("product",)
_MAX_HINT = re.compile(
    r"under|below|less than|cheaper than|up to|max|以下|以内|不超过|低于|menos de|por debajo|hasta|máximo",
    re.IGNORECASE,
)
_MIN_HINT = re.compile(r"over|above|more than|at least|min|以上|超过|高于|más de|mínimo|desde", re.IGNORECASE)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


def _no_answer(turn: Turn) -> None:
    turn.fail()
    turn.offer_human("dont_know", reason="requested")


async def search(turn: Turn, query: str, kinds: tuple[str, ...], filters: dict | None = None) -> Answer:
    return await turn.call(
        "retrieve", turn.deps.retriever.answer, query, language=turn.lang, kinds=kinds, filters=filters
    )


async def _focus_candidates(turn: Turn) -> list[ProductView]:
    ids = turn.state.extra.get("last_list") or turn.state.focus_products
    ids = [*ids, *(p for p in turn.state.focus_products if p not in ids)]
    return await turn.timed("catalog", turn.deps.catalog.products(ids)) if ids else []


async def _vocabulary(turn: Turn) -> set[str]:
    return await turn.timed("catalog", turn.deps.catalog.vocabulary())


def query_with_focus(turn: Turn, product: ProductView | None) -> str:
    """The turn alone, or with the focused product's title when the turn is too short to search."""
    if product and (lexicon.has_reference(turn.text) or lexicon.is_short(turn.text, 4)):
        return f"{product.title} {turn.text}"
    return turn.text


# ----------------------------------------------------------------------------- FAQ and policy
async def handle_faq(turn: Turn) -> None:
    """A store question; "does it have a warranty?" about a product in focus, or "¿qué tallas tiene la Juniper
    3-Layer Hiking Jacket?" naming one, is answered from that product's data."""
    named = await turn.timed("catalog", turn.deps.catalog.named_in(turn.text))
    if named and product_facts.asks_specific(named[0], turn.text, turn.entity("colour"), turn.entity("size")):
        await _answer_in_focus(turn, named[0], named=True)
        return
    about_focus = lexicon.has_reference(turn.text) or lexicon.only_asks_attribute(turn.text)
    if turn.state.focus_products and about_focus and lexicon.attribute_asked(turn.text):
        product = await focused_product(turn)
        reply = product_facts.answer(product, turn.text, turn.lang) if product else None
        if product and reply:
            turn.replies.append(reply)
            turn.annotation.retrieved.append(product.id)
            return
    answer = await search(turn, turn.text, FAQ_KINDS)
    if answer.abstained or not answer.text:
        _no_answer(turn)
        return
    turn.state.failures = 0
    reply = turn.grounded(answer)
    number = turn.order_number()
    if number and number.lstrip("#") != turn.state.focus_order:
        # "my boots (order 1042) haven't arrived, and do you ship to Canada?": the store question is answered, the
        # order is one tap away
        reply.quick_replies = [turn.say("qr_check_order", order=number.lstrip("#"))]


# ----------------------------------------------------------------------------- products
async def focused_product(turn: Turn) -> ProductView | None:
    candidates = await _focus_candidates(turn)
    if not candidates:
        return None
    return focus.resolve_product(turn.state, turn.text, candidates, await _vocabulary(turn))


async def _answer_about(turn: Turn, product: ProductView) -> None:
    """Answer from the product's own data; a store-wide question (warranty) not in its data goes to the FAQ
    with the product's title added to the short turn; otherwise say the data does not say and offer a person."""
    colour, size = turn.entity("colour"), turn.entity("size")
    asked = product_facts.strip_title(product, turn.text)  # "the Daypack 22L" asks no capacity
    reply = measures.answer(product, asked, turn.lang) or product_facts.answer(
        product, turn.text, turn.lang, colour=colour, size=size)
    if reply is not None:
        turn.annotation.retrieved.append(product.id)
        turn.replies.append(reply)
        turn.state.failures = 0
        return
    attr = lexicon.attribute_asked(product_facts.strip_title(product, turn.text)) or ""
    if attr in STORE_WIDE_ATTRIBUTES:
        answer = await search(turn, query_with_focus(turn, product), FAQ_KINDS)
        if not answer.abstained and answer.text:
            turn.grounded(answer)
            turn.state.failures = 0
            return
    turn.annotation.retrieved.append(product.id)
    turn.fail()
    offer = turn.offer_human(
        "product_attr_unknown", reason="requested", title=product.title, attr=attribute_word(attr, turn.lang)
    )
    offer.citations = [CitationOut(id=product.id, title=product.title, kind="product")]


async def _answer_in_focus(turn: Turn, product: ProductView, *, named: bool) -> None:
    """Answer from the product's own data and put it in focus: alone when the turn named it by its title."""
    if named:
        focus.clear_products(turn.state)
    await _answer_about(turn, product)
    focus.show_products(turn.state, [product.id], now=turn.deps.clock())


async def handle_product(turn: Turn) -> None:
    """product_question / product_availability: a product named by its title or in focus answers from its own
    data; otherwise the catalogue is searched and what it finds comes into focus."""
    now = turn.deps.clock()
    named = await turn.timed("catalog", turn.deps.catalog.named_in(turn.text))
    product = named[0] if named else await focused_product(turn)
    if product is not None:
        await _answer_in_focus(turn, product, named=bool(named))
        return
    if measures.asked(turn.text) and turn.state.extra.get("last_list") and cues.only_refines(turn.text):
        await handle_recommend(turn)  # "零下5度能用吗？" after a list of sleeping bags: those rated to it, each with its value
        return
    if kind := lexicon.product_noun(turn.text):
        turn.state.extra["last_kind"] = kind
        if turn.intent == "product_availability" or _price_bounds(turn) != (None, None):
            # "¿tienen botas impermeables por menos de 150 dólares?" shops for a kind of product: the ones that fit,
            # as cards (one search hit was a $214 snow boot)
            await handle_recommend(turn)
            return
    answer = await search(turn, turn.text, PRODUCT_KINDS)
    if (answer.abstained or not answer.text) and kind:
        # "¿tienen chaquetas impermeables?" asks for a kind of product, not one: no single product stands out
        # (a cross-lingual one least of all), so show the catalogue's closest ones of that kind as cards
        await handle_recommend(turn)
        return
    if answer.abstained or not answer.text:
        _no_answer(turn)
        return
    ids = [c.id for c in answer.citations if c.kind == "product"]
    found = await turn.timed("catalog", turn.deps.catalog.products(ids[:1])) if ids else []
    if found and product_facts.asks_specific(found[0], turn.text, turn.entity("colour"), turn.entity("size")):
        # "is the Ridge jacket waterproof?": the search finds the product, its own data answers the question
        await _answer_about(turn, found[0])
    else:
        turn.grounded(answer)
        turn.state.failures = 0
    if ids:
        focus.clear_products(turn.state)
        focus.show_products(turn.state, ids[:1], now=now)


_COMPARES = re.compile(r"compar|\bvs\b|versus|differen|better|比较|区别|对比|哪个好|diferencia|mejor", re.IGNORECASE)


async def handle_compare(turn: Turn) -> None:
    """Products side by side, or the winner of "which one is lighter?": first pick the products, then answer."""
    named = await turn.timed("catalog", turn.deps.catalog.named_in(turn.text))
    one = lexicon.ordinal(turn.text) is not None and not (_COMPARES.search(turn.text) or cues.comparative(turn.text))
    if len(named) < 2 and one and turn.state.focus_products:
        await handle_product(turn)  # "is the second one waterproof?" asks about one product of the list
        return
    candidates = named if len(named) >= 2 else await _focus_candidates(turn)
    if len(named) == 1 and (shown := [p for p in candidates if p.id != named[0].id]):
        # "¿cuál es más barata, esta o la Tundra Waterproof Shell Jacket?": the one in focus against the one named
        in_focus = next((p for p in shown if p.id in turn.state.focus_products[:1]), shown[0])
        candidates = named = [in_focus, named[0]]
    vocabulary = await _vocabulary(turn)
    if len(named) < 2 and not candidates and not lexicon.product_noun(turn.text) and not focus.other_product_words(
        turn.text, vocabulary, None
    ):
        # "what's the difference between standard and expedited shipping?" compares no products: the store's FAQ
        await handle_faq(turn)
        return
    other = len(named) < 2 and not lexicon.has_reference(turn.text) and focus.mentions_other_product(
        turn.text, vocabulary, None)
    if len(candidates) < 2 and len(named) < 2 and lexicon.ordinals(turn.text):
        # "¿la segunda es más ligera que la primera?" with no list shown: searching those words found two leggings
        turn.reply("compare_which", kind="clarify", quick=("qr_products",))
        return
    if len(candidates) < 2 or other:  # "compare the Ridge and Tundra jackets" with other products in focus: search
        candidates = await _searched_candidates(turn) or candidates
    if len(candidates) < 2:
        _no_answer(turn)
        return
    _answer_comparison(turn, _compared(turn, candidates, named))


async def _searched_candidates(turn: Turn) -> list[ProductView]:
    """Up to three products the catalogue search finds for the turn (none if fewer than two)."""
    answer = await search(turn, turn.text, PRODUCT_KINDS)
    ids = [h.id for h in answer.hits if h.kind == "product"][:3] or [
        c.id for c in answer.citations if c.kind == "product"
    ][:3]
    found = await turn.timed("catalog", turn.deps.catalog.products(ids)) if ids else []
    return found if len(found) >= 2 else []


def _compared(turn: Turn, candidates: list[ProductView], named: list[ProductView]) -> list[ProductView]:
    """The products to weigh: two picked by ordinal ("the first and the third", "compare it with the second one"),
    every product of the list just shown for a superlative ("which is the cheapest?"), else three at most."""
    picked = [candidates[i] for i in lexicon.ordinals(turn.text) if -len(candidates) <= i < len(candidates)]
    in_focus = next((p for p in candidates if p.id in turn.state.focus_products[:1]), None)
    if len(picked) == 1 and in_focus and in_focus is not picked[0] and cues.points_at_focus(turn.text):
        picked = [in_focus, picked[0]]  # "compare it with the second one"
    if len(named) < 2 and len(picked) >= 2:
        return picked
    if cues.comparative(turn.text) and len(named) < 2 and not lexicon.ordinals(turn.text):
        return [p for p in candidates if p.id in turn.state.extra.get("last_list", ())][:5] or candidates[:5]
    return candidates[:3]


def _answer_comparison(turn: Turn, chosen: list[ProductView]) -> None:
    """The winner on the asked attribute (it comes into focus), else a side by side (the list in focus)."""
    winner = product_facts.compare_on(chosen, turn.text, turn.lang)
    turn.replies.append(winner or product_facts.compare(chosen, turn.lang))
    turn.annotation.retrieved += [p.id for p in chosen]
    if winner:  # "add it to my cart" after "which one is lighter?" means the lighter one
        focus.show_products(turn.state, [c.id for c in winner.citations], now=turn.deps.clock())
    else:
        focus.show_products(turn.state, [p.id for p in chosen], now=turn.deps.clock(), listed=True)


async def handle_cart(turn: Turn) -> None:
    """"add it to my cart": the bot cannot fill the cart itself, so it shows the product in focus as a card whose
    Add to cart button does; with nothing in focus it asks which product."""
    named = await turn.timed("catalog", turn.deps.catalog.named_in(turn.text))
    product = named[0] if named else await _winner_shown(turn) or await focused_product(turn)
    if product is None and turn.state.focus_products and lexicon.is_short(turn.text):
        # "añádela al carrito": the pronoun is glued to the verb, but a short cart request means the product in focus
        product = next(iter(await turn.timed("catalog", turn.deps.catalog.products(turn.state.focus_products[:1]))), None)
    if product is None:
        turn.reply("cart_which", kind="clarify", quick=("qr_products",))
        return
    card = ProductCard(product_id=product.id, title=product.title, price=product.price, currency=product.currency,
                       image=product.image, reason="")
    turn.replies.append(BotReply(text=turn.say("cart_card", title=product.title), products=[card],
                                 kind="recommendation"))
    turn.annotation.retrieved.append(product.id)
    focus.show_products(turn.state, [product.id], now=turn.deps.clock())


async def _winner_shown(turn: Turn) -> ProductView | None:
    """"add the cheapest to my cart": the product of the list shown that wins on what the turn compares."""
    if cues.comparative(turn.text) is None:
        return None
    shown = await _focus_candidates(turn)
    winner = product_facts.compare_on(shown, turn.text, turn.lang) if len(shown) >= 2 else None
    return next((p for p in shown if winner and p.id == winner.citations[0].id), None)


# ----------------------------------------------------------------------------- recommendations
def _price_bounds(turn: Turn) -> tuple[float | None, float | None]:
    """(min, max) from a ``price_range`` entity ("..100", "20..", "50..80") or an amount and its wording."""
    span = turn.entity("price_range")
    if span and ".." in span:
        lo, hi = span.split("..", 1)
        return (float(lo) if lo else None), (float(hi) if hi else None)
    value = span or turn.entity("amount")
    source = value or ""
    numbers = (
        [float(n.replace(",", ".")) for n in _NUMBER.findall(source or turn.text)]
        if (value or _MAX_HINT.search(turn.text) or _MIN_HINT.search(turn.text))
        else []
    )
    if len(numbers) >= 2:
        return min(numbers[:2]), max(numbers[:2])
    if len(numbers) == 1:
        if _MIN_HINT.search(turn.text) and not _MAX_HINT.search(turn.text):
            return numbers[0], None
        return None, numbers[0]
    return None, None


def asked_kind(turn: Turn, low: float | None, high: float | None, colour: str | None) -> str | None:
    """The kind of product the turn names, or, for a short refinement that names none ("what about under $60?",
    "any in blue?"), the kind the conversation was last about."""
    named = lexicon.product_noun(turn.text)
    if named:
        turn.state.extra["last_kind"] = named
        return named
    refines = (low is not None or high is not None or colour or turn.entity("size") or lexicon.features_in(turn.text)
               or measures.asked(turn.text) is not None)
    return turn.state.extra.get("last_kind") if refines and cues.only_refines(turn.text) else None


async def _cheaper_than_shown(turn: Turn) -> float | None:
    """For a short "anything cheaper?" after a list of cards: just under the cheapest card's price."""
    shown = turn.state.extra.get("last_list") or []
    if not (cues.asks_cheaper(turn.text) and shown and cues.only_refines(turn.text)):
        return None
    products = await turn.timed("catalog", turn.deps.catalog.products(shown))
    return round(min(p.price for p in products) - 0.01, 2) if products else None


async def request_from_turn(turn: Turn) -> RecommendationRequest:
    """A RecommendationRequest from the turn's entities plus the customer's purchases and clicks."""
    state = turn.state
    history: list[str] = []
    if state.customer_id:
        orders = await turn.timed("orders", turn.deps.orders.orders_of(state.customer_id))
        for order in sorted(orders, key=lambda o: o.placed_at):
            history += [i.product_id for i in order.items if i.product_id]
    history += state.clicked_products
    low, high = _price_bounds(turn)
    if high is None and low is None and (cheaper := await _cheaper_than_shown(turn)) is not None:
        high = cheaper  # "anything cheaper?" / "有没有便宜一点的？": below the cheapest of the list just shown
    said = turn.pred.entity("colour")
    kind = lexicon.product_noun(turn.text)
    if said and kind and said.text.lower() in lexicon.noun_forms(kind):
        said = None  # "le encanta el café": coffee, not the colour café
    colour = (said.value if said else None) or lexicon.colour_in(turn.text)
    query = turn.text
    if (last := state.extra.get("last_query")) and cues.only_refines(turn.text):
        query = f"{last} {turn.text}"  # "something under 50?" after "a present for my girlfriend, she loves yoga"
    return RecommendationRequest(
        query=query,
        min_price=low,
        max_price=high,
        size=turn.entity("size"),
        colour=colour,
        category=asked_kind(turn, low, high, colour),
        attributes=lexicon.features_in(turn.text),
        customer_id=state.customer_id,
        history=list(dict.fromkeys(reversed(history)))[::-1],  # a repeated item counts at its latest time
        exclude=[],
        k=max(3, min(5, turn.deps.settings.suggestions)),
        language=turn.lang,
    )


async def handle_recommend(turn: Turn) -> None:
    state = turn.state
    if state.extra.get("complaint_open") or (state.sentiments and state.sentiments[-1] <= -0.5):
        turn.reply("complaint", kind="clarify", quick=("qr_human", "qr_no_thanks"))
        return
    request = await request_from_turn(turn)
    suggestions = await turn.call("recommend", turn.deps.recommender.recommend, request)
    intro = "recommend_intro"
    # nothing fits: first the same kind of product above the budget ("a tent under $200": the closest tents), then
    # other kinds rather than nothing, and the intro says which
    budget = request.min_price is not None or request.max_price is not None
    if not suggestions and request.category and budget:
        request = request.model_copy(update={"min_price": None, "max_price": None})
        suggestions = await turn.call("recommend", turn.deps.recommender.recommend, request)
        intro = "recommend_over_budget"
    if not suggestions and request.category:
        request = request.model_copy(update={"category": None})
        suggestions = await turn.call("recommend", turn.deps.recommender.recommend, request)
        intro = "recommend_other_kinds"
    if not suggestions:
        turn.fail()
        turn.reply("recommend_none", kind="clarify")
        return
    if cues.wants_cheap(turn.text) and not budget:  # "no muy cara": the cheapest that fit, not the most relevant
        wide = await measures.every_fitting(turn, request)
        suggestions = sorted(wide, key=lambda s: s.price)[: request.k] or suggestions
    named = await turn.timed("catalog", turn.deps.catalog.named_in(turn.text))
    if named and named[0].in_stock:
        # "我在考虑买 Coastal Recycled Everyday Trainers": that one first (it was not among the cards), then others
        p = named[0]
        suggestions = [Suggestion(p.id, p.title, p.price, p.currency, p.image, turn.say("reason_named"), 1.0),
                       *(s for s in suggestions if s.product_id != p.id)]
    facts: dict[str, str] = {}
    if found := await measures.measured(turn, request):  # "a sleeping bag for -10 °C": only those rated to it
        suggestions, closest, facts = found
        intro = closest or intro
    cards = [
        ProductCard(
            product_id=s.product_id,
            title=s.title,
            price=s.price,
            currency=s.currency,
            image=s.image,
            reason=s.reason,
        )
        for s in suggestions[:5]
    ]
    turn.replies.append(BotReply(text=turn.say(intro, **facts), products=cards, kind="recommendation"))
    ids = [c.product_id for c in cards]
    state.extra["last_query"] = request.query[-300:]
    focus.show_products(state, ids, now=turn.deps.clock(), listed=True)
    state.shown_products = [*state.shown_products, *(i for i in ids if i not in state.shown_products)]
    turn.annotation.retrieved += ids
    state.failures = 0
