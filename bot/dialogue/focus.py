"""Conversation memory: which order and which products the conversation is about (issue 10).

``state.focus_products`` lists products shown or discussed, most recent first; ``state.extra["last_list"]``
keeps the last list in the order it was shown, so "the second one" means what the customer saw second.
The focus expires after ``focus_timeout_s`` and is replaced when a new product or order comes up.

>>> s = DialogueState()
>>> show_products(s, ["p1", "p2", "p3"], now=0.0, listed=True)
>>> s.focus_products, s.extra["last_list"]
(['p1', 'p2', 'p3'], ['p1', 'p2', 'p3'])
"""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet

from bot.dialogue import lexicon
from bot.dialogue.ports import DialogueState
from bot.store.shop_repo import ProductView

MAX_FOCUS = 8
_SELECT_EN = re.compile(r"\bthe (\w+)(?: one| ones)?\b", re.IGNORECASE)
_SELECT_ES = re.compile(r"\b(?:el|la|los|las) (\w+)\b", re.IGNORECASE)
_SELECT_ZH = re.compile(r"([\u3400-\u9fff])色?(?:的|那|这)")


def expire(state: DialogueState, now: float, timeout_s: float) -> bool:
    """Forget the focus after ``timeout_s`` of silence. Returns whether it expired."""
    if state.focus_at is not None and now - state.focus_at > timeout_s:
        clear_products(state)
        state.focus_order, state.order_verified, state.focus_at = None, False, None
        return True
    return False


def show_products(state: DialogueState, ids: list[str], *, now: float, listed: bool = False) -> None:
    """Put products in focus (first = most relevant); ``listed`` marks a list the customer can pick from."""
    state.focus_products = [*ids, *(p for p in state.focus_products if p not in ids)][:MAX_FOCUS]
    if listed:
        state.extra["last_list"] = list(ids)
    state.focus_at = now


def clear_products(state: DialogueState) -> None:
    state.focus_products = []
    state.extra.pop("last_list", None)


def set_order(state: DialogueState, order_id: str, *, verified: bool, now: float) -> None:
    if state.focus_order != order_id:
        state.order_verified = False
    state.focus_order = order_id
    state.order_verified = state.order_verified or verified
    if verified:
        state.extra["verified_orders"] = sorted({*state.extra.get("verified_orders", []), order_id})
    state.focus_at = now


def is_verified(state: DialogueState, order_id: str) -> bool:
    return order_id in state.extra.get("verified_orders", []) or (
        state.focus_order == order_id and state.order_verified
    )


def _colour_selection(text: str) -> str | None:
    """A colour used to pick an item ("the blue one", "el azul", "蓝色的"), not to ask about one."""
    for rx in (_SELECT_EN, _SELECT_ES, _SELECT_ZH):
        for m in rx.finditer(text):
            colour = lexicon.colour_in(m.group(1))
            if colour:
                return colour
    return None


def _matches_colour(p: ProductView, colour: str) -> bool:
    return any(lexicon.colour_matches(colour, c) for c in (*p.colours, p.title))


def other_product_words(text: str, vocabulary: AbstractSet[str], focused: ProductView | None) -> set[str]:
    """The catalogue words (titles, categories) the turn names that are not the focused product's."""
    own = set(lexicon.words(f"{focused.title} {focused.category}")) if focused else set()
    return {w for w in lexicon.words(text) if len(w) > 2} & vocabulary - own - _NOT_PRODUCT_WORDS


def mentions_other_product(text: str, vocabulary: AbstractSet[str], focused: ProductView | None) -> bool:
    """Whether the turn names catalogue words that are not the focused product's — unless it points at the
    focus with a pronoun and only one loose word ("would it keep me dry?", "is it good for hiking?": "dry" and
    "hiking" are in product titles), with no product noun ("is it warmer than the boots?" names another)."""
    other = other_product_words(text, vocabulary, focused)
    if other and lexicon.has_reference(text) and len(other) == 1 and lexicon.product_noun(text) is None:
        return False
    return bool(other)


_NOT_PRODUCT_WORDS = {
    *(f for forms in lexicon.COLOURS.values() for f in forms),
    *(w for forms in lexicon.ATTRIBUTES.values() for f in forms for w in lexicon.words(f)),
    "the",
    "and",
    "for",
    "with",
    "you",
    "your",
    "this",
    "that",
    "have",
    "has",
    "are",
    "its",
    "one",
    "all",
    "new",
    "set",
    "pack",
    "men",
    "women",
    "kids",
    "con",
    "para",
    "los",
    "las",
    "del",
    "una",
    "uno",
    "por",
    "que",
}


def resolve_product(
    state: DialogueState,
    text: str,
    candidates: list[ProductView],
    vocabulary: AbstractSet[str] = frozenset(),
) -> ProductView | None:  # type: ignore[assignment]
    """The product in focus the turn refers to, or None when it starts a new topic.

    ``candidates`` are the products of ``last_list`` (shown order) or else ``focus_products``.
    """
    if not candidates:
        return None
    idx = lexicon.ordinal(text)
    if idx is not None and -len(candidates) <= idx < len(candidates):
        return candidates[idx]
    colour = _colour_selection(text)
    if colour and len(candidates) > 1:
        hits = [p for p in candidates if _matches_colour(p, colour)]
        if len(hits) == 1:
            return hits[0]
    by_id = {p.id: p for p in candidates}
    first = by_id.get(state.focus_products[0]) if state.focus_products else candidates[0]
    first = first or candidates[0]
    if mentions_other_product(text, vocabulary, first):
        return None
    # "is it waterproof?", "how much?", "any red ones?", "有绿色的吗？": a short question about an attribute
    # or a colour, naming no other product, is about the product in focus
    short_ask = lexicon.is_short(text) and (lexicon.attribute_asked(text) or lexicon.colour_in(text))
    if lexicon.has_reference(text) or short_ask:
        return first
    return None
