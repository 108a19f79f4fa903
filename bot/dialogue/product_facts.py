"""Answer a question about one product from that product's own data, with the product as citation.

Used for follow-ups about the product in focus ("is it waterproof?", "do you have it in blue?",
"¿cuánto cuesta?"): no catalogue search, so the answer cannot drift to another product. Returns None
when the data does not say, and the caller falls back to retrieval restricted to that product.
"""

from __future__ import annotations

import re
from typing import Any

from bot.dialogue import cues, lexicon
from bot.dialogue.messages import ATTRIBUTE_WORDS, attribute_word, colour_word, say
from bot.dialogue.ports import BotReply, CitationOut
from bot.store.shop_repo import ProductView

YES_NO_ATTRIBUTES = ("waterproof", "washable", "dishwasher_safe", "fragrance_free")
# the words that state a yes/no attribute in a product's own text: "Each bar lasts about 50 washes" or "for wet
# hikes" asks the question's words but states nothing, so "yes, it is machine washable" would be invented
CLAIMS = {"waterproof": ("waterproof",), "washable": ("machine washable", "machine-washable", "machine wash"),
          "dishwasher_safe": ("dishwasher safe", "dishwasher-safe"),
          "fragrance_free": ("fragrance-free", "fragrance free", "unscented")}
_NEGATION = re.compile(r"\b(?:not|non|no|never)\b|\bnon-", re.IGNORECASE)


def price_text(price: float, currency: str) -> str:
    return f"{price:.2f} {currency}"


_UNITS = {"g": "g", "kg": "kg", "mm": "mm", "l": "L", "c": "°C", "gsm": "g/m²", "cm": "cm", "mah": "mAh", "h": "h", "ml": "ml"}


def attribute_label(key: str, language: str = "en") -> str:
    """``weight_g`` -> ``weight (g)`` (``peso (g)``, ``重量 (g)``), ``waterproof_rating_mm`` -> ``waterproof rating
    (mm)``: the attribute's word in ``language`` where the catalogue of words has it."""
    head, _, unit = key.rpartition("_")
    if head and unit.lower() in _UNITS:
        return f"{_word(head, language)} ({_UNITS[unit.lower()]})"
    return _word(key, language)


def _word(name: str, language: str) -> str:
    return attribute_word(name, language) if name in ATTRIBUTE_WORDS else name.replace("_", " ")


def _flatten(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(map(str, value))
    if isinstance(value, dict):
        return ", ".join(f"{k}: {v}" for k, v in value.items())
    return str(value)


def _forms(attr: str) -> list[str]:
    """The words that show ``attr`` in a product's keys and text: the claim itself for a yes/no attribute."""
    forms = CLAIMS.get(attr) or lexicon.ATTRIBUTES.get(attr, (attr,))
    return [f for f in forms if not lexicon.CJK_RE.search(f)]


def _names(attr: str, form: str, text: str) -> bool:
    """A claim word must stand whole ("washes" is not "washable"); other words may be inflected ("weighs")."""
    if attr not in CLAIMS:
        return form in text
    return re.search(rf"(?<![\w-]){re.escape(form)}(?![\w])", text) is not None


def _attribute(p: ProductView, attr: str) -> tuple[str, Any] | None:
    """The product's attribute matching ``attr`` by key (e.g. ``waterproof``, ``waterproof_rating_mm``)."""
    forms = _forms(attr)
    for key, value in p.attributes.items():
        k = key.lower().replace("_", " ")
        if attr in k or any(f in k for f in forms):
            return key, value
    return None


def _mentions(p: ProductView, attr: str) -> str | None:
    """A sentence of the description or a feature list naming the attribute, not negated, as evidence."""
    forms = _forms(attr)
    texts = [p.description, *(_flatten(v) for v in p.attributes.values())]
    for t in texts:
        for sentence in t.replace(";", ".").split("."):
            low = sentence.lower()
            if any(_names(attr, f, low) for f in forms) and not _NEGATION.search(low):
                return sentence.strip()
    return None


def _shown(value: Any, language: str) -> str:
    """A fact as the customer reads it: a yes/no in their language."""
    return say("yes" if value else "no", language) if isinstance(value, bool) else _flatten(value)


def options_text(p: ProductView, kind: str, language: str = "en") -> str:
    """The product's colours (named in ``language`` where known) or sizes."""
    return ", ".join(colour_word(c, language) for c in p.colours) if kind == "colour" else ", ".join(p.sizes)


def strip_title(p: ProductView, text: str) -> str:
    """The question without the product's own title ("Is the Waterproof Backpack light?" asks about weight)."""
    return re.sub(re.escape(p.title), " ", text, flags=re.IGNORECASE)


def asks_specific(p: ProductView, text: str, colour: str | None = None, size: str | None = None) -> bool:
    """Whether the question asks one of the product's facts (an attribute, a colour, a size), title aside."""
    question = strip_title(p, text)
    return bool(lexicon.attribute_asked(question) or lexicon.colour_in(question) or size)


def answer_text(
    p: ProductView, text: str, language: str, *, colour: str | None = None, size: str | None = None
) -> tuple[str, str] | None:
    """(answer, evidence snippet) for the question about ``p``, or None when its data does not say."""
    title, question = p.title, strip_title(p, text)
    colour = lexicon.colour_in(question) or (
        colour if colour and not lexicon.colour_matches(colour, title) else None
    )
    attr = lexicon.attribute_asked(question)
    if colour and p.colours and attr in (None, "colour", "stock"):
        shown = next((c for c in p.colours if lexicon.colour_matches(colour, c)), None)
        key = "product_colour_yes" if shown else "product_colour_no"
        options = options_text(p, "colour", language)
        return say(
            key, language, title=title, colour=colour_word(shown or colour, language), options=options
        ), f"colours: {', '.join(p.colours)}"
    if size and p.sizes and attr in (None, "size", "stock"):
        key = "product_size_yes" if any(s.lower() == size.lower() for s in p.sizes) else "product_size_no"
        options = options_text(p, "size")
        return say(key, language, title=title, size=size, options=options), f"sizes: {options}"
    if attr in ("size", "colour") and (p.sizes or p.colours):
        opts = options_text(p, attr, language) or options_text(p, "size" if attr == "colour" else "colour", language)
        return say("product_options", language, title=title, options=opts), f"{attr}: {opts}"
    if attr == "price":
        price = price_text(p.price, p.currency)
        return say("product_price", language, title=title, price=price), f"price: {price}"
    if attr == "stock":
        key = "product_in_stock" if p.in_stock else "product_out_of_stock"
        return say(key, language, title=title), f"in stock: {p.in_stock}"
    if attr:
        word = attribute_word(attr, language)
        found = _attribute(p, attr)
        if found is not None:
            key, value = found
            evidence = f"{key}: {_flatten(value)}"
            if isinstance(value, bool):
                return say(
                    "product_attr_yes" if value else "product_attr_no", language, title=title, attr=word
                ), evidence
            return say(
                "product_attr_value", language, title=title, attr=attribute_label(key, language), value=_flatten(value)
            ), evidence
        mention = _mentions(p, attr)
        if mention:
            key = "product_attr_yes" if attr in YES_NO_ATTRIBUTES else "product_attr_value"
            return say(key, language, title=title, attr=word, value=mention), mention
        return None
    # "tell me more about the second one": the product's own summary
    price = price_text(p.price, p.currency)
    return say(
        "product_summary", language, title=title, price=price, description=p.description
    ), p.description


def answer(
    p: ProductView, text: str, language: str, *, colour: str | None = None, size: str | None = None
) -> BotReply | None:
    """A cited reply about ``p`` or None."""
    found = answer_text(p, text, language, colour=colour, size=size)
    if found is None:
        return None
    reply_text, evidence = found
    return BotReply(
        text=reply_text,
        kind="answer",
        citations=[CitationOut(id=p.id, title=p.title, kind="product", snippet=evidence[:200])],
    )


_NOT_COMPARED = {"colour", "size", "kind", "type"}  # colours are listed from the variants; kind/type are internal


def numeric(value: Any) -> float | None:
    """A product fact as a number, when it is one (a yes/no is not)."""
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _measure(p: ProductView, attr: str) -> tuple[float, str] | None:
    """(value, as shown) of a numeric fact: the price, or an attribute such as ``weight_g``."""
    if attr == "price":
        return p.price, price_text(p.price, p.currency)
    found = _attribute(p, attr)
    if found is None or (value := numeric(found[1])) is None:
        return None
    _, _, unit = found[0].rpartition("_")
    return value, f"{value:g} {_UNITS.get(unit.lower(), '')}".strip()


def compare_on(products: list[ProductView], text: str, language: str) -> BotReply | None:
    """"which one is lighter?": the product that wins on that fact, with every product's value (citations in that
    order, the winner first), or None when the question asks no such comparison or a product's data lacks it."""
    asked = cues.comparative(text)
    if asked is None:
        return None
    key, attr, least = asked
    measured = [(m, p) for p in products if (m := _measure(p, attr)) is not None]
    if len(measured) != len(products):
        return None
    ranked = sorted(measured, key=lambda mp: mp[0][0], reverse=not least)
    (best, shown), winner = ranked[0]
    if any(m[0] == best for m, _ in ranked[1:]):
        return None  # a tie: the side-by-side says it better
    others = ", ".join(f"{p.title} {m[1]}" for m, p in ranked[1:])
    return BotReply(
        text=say("compare_winner", language, title=winner.title, value=shown, others=others,
                 word=say(key if len(ranked) == 2 else f"{key}_most", language)),
        kind="answer",
        citations=[CitationOut(id=p.id, title=p.title, kind="product", snippet=m[1]) for m, p in ranked],
    )


def compare(products: list[ProductView], language: str) -> BotReply:
    """A short side-by-side of two to four products from their own data."""
    lines = [say("compare_intro", language)]
    for p in products:
        facts = [price_text(p.price, p.currency)]
        own = [(k, v) for k, v in p.attributes.items() if k not in _NOT_COMPARED][:4]
        facts += [f"{attribute_label(k, language)}: {_shown(v, language)}" for k, v in own]
        if p.colours:
            facts.append(f"{attribute_label('colour', language)}: {'/'.join(p.colours[:4])}")
        lines.append(f"• {p.title}: " + "; ".join(facts))
    return BotReply(
        text="\n".join(lines),
        kind="answer",
        citations=[CitationOut(id=p.id, title=p.title, kind="product") for p in products],
    )
