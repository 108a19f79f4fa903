"""Short reasons on product cards, in the customer's language (en / zh / es)."""

from __future__ import annotations

from typing import Any

LANGUAGES = ("en", "zh", "es")

_TEMPLATES: dict[str, dict[str, str]] = {
    "bought": {"en": "because you bought {title}", "zh": "因为您购买了{title}", "es": "porque compraste {title}"},
    "viewed": {"en": "because you looked at {title}", "zh": "因为您看过{title}", "es": "porque viste {title}"},
    "popular_in": {"en": "popular in {category}", "zh": "{category}类热门商品", "es": "popular en {category}"},
    "popular": {"en": "popular right now", "zh": "当前热门商品", "es": "popular ahora mismo"},
    "under": {"en": "under {price}", "zh": "低于{price}", "es": "por menos de {price}"},
    "over": {"en": "from {price}", "zh": "{price}起", "es": "desde {price}"},
    "size": {"en": "in stock in size {size}", "zh": "{size}码有货", "es": "disponible en talla {size}"},
    "colour": {"en": "available in {colour}", "zh": "有{colour}可选", "es": "disponible en {colour}"},
    "matches": {"en": "matches what you asked for", "zh": "符合您的要求", "es": "coincide con lo que pediste"},
}
_SEP = {"en": ", ", "zh": "，", "es": ", "}
# a few attribute words of the demo store; other attributes fall back to their English name
_WORDS: dict[str, dict[str, str]] = {
    "waterproof": {"zh": "防水", "es": "impermeable"},
    "insulated": {"zh": "保暖", "es": "aislante"},
    "vegan": {"zh": "纯素", "es": "vegano"},
    "organic": {"zh": "有机", "es": "orgánico"},
    "black": {"zh": "黑色", "es": "negro"}, "white": {"zh": "白色", "es": "blanco"},
    "red": {"zh": "红色", "es": "rojo"}, "blue": {"zh": "蓝色", "es": "azul"},
    "green": {"zh": "绿色", "es": "verde"}, "grey": {"zh": "灰色", "es": "gris"},
    "navy": {"zh": "藏青色", "es": "azul marino"}, "brown": {"zh": "棕色", "es": "marrón"},
    "outerwear": {"zh": "外套", "es": "ropa de abrigo"}, "footwear": {"zh": "鞋履", "es": "calzado"},
    "hiking": {"zh": "徒步", "es": "senderismo"}, "camping": {"zh": "露营", "es": "camping"},
}
_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "CNY": "¥"}


def _lang(language: str) -> str:
    lang = (language or "en").split("-")[0].lower()
    return lang if lang in LANGUAGES else "en"


def word(text: str, language: str) -> str:
    """Translate a known attribute/category word, else keep it (underscores become spaces)."""
    lang = _lang(language)
    key = str(text).casefold()
    if lang != "en" and key in _WORDS:
        return _WORDS[key][lang]
    return str(text).replace("_", " ")


def money(price: float, currency: str) -> str:
    symbol = _SYMBOLS.get(currency.upper())
    amount = f"{price:.0f}" if float(price).is_integer() else f"{price:.2f}"
    return f"{symbol}{amount}" if symbol else f"{amount} {currency}"


def render(key: str, language: str, **values: Any) -> str:
    return _TEMPLATES[key][_lang(language)].format(**values)


def join(parts: list[str], language: str) -> str:
    return _SEP[_lang(language)].join(p for p in parts if p)


def constraint_reason(matched: list[str], *, language: str, max_price: float | None, min_price: float | None,
                      currency: str, size: str | None, colour: str | None) -> str:
    """"waterproof, under $100": the request's constraints this product meets."""
    parts = [word(m, language) for m in matched]
    if colour:
        parts.append(render("colour", language, colour=word(colour, language)))
    if size:
        parts.append(render("size", language, size=size))
    if max_price is not None:
        parts.append(render("under", language, price=money(max_price, currency)))
    elif min_price is not None:
        parts.append(render("over", language, price=money(min_price, currency)))
    return join(parts, language)
