"""Rule-based entities a store needs, in English, Chinese and Spanish text (no model).

Types and normalised ``value``s:

- ``order_number``: the digits ("1042") after order/#/订单/pedido/orden, or a standalone ``#1042``;
- ``email``: lower-cased address; ``phone``: digits with a leading "+" kept ("+34612345678");
- ``tracking_number``: upper-cased carrier-like code (UPS 1Z..., USPS 92-95..., JD/SF..., S10 "LX123456789CN",
  other letter+digit codes of 10-22 characters, or 10-22 digits after a tracking keyword);
- ``amount``: the number ("49.99"); ``price_range``: "MIN..MAX" with an open side left empty
  ("..100" under 100, "20.." over 20, "50..80" between);
- ``size``: XS..XXXL letters, or a shoe/numeric size ("42", "9.5"); ``colour``: English colour name.

Where matches overlap, the earlier type in ``_PRIORITY`` wins (an email's digits are not a phone).

>>> [(e.type, e.value) for e in extract_entities("Where is order #1042? I want it in 蓝色, talla M")]
[('order_number', '1042'), ('colour', 'blue'), ('size', 'M')]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from intents.types import Entity

_NB = r"(?<![0-9A-Za-z])"  # no \b: CJK characters count as word characters in Python's regex
_NA = r"(?![0-9A-Za-z])"
_NUM = r"\d+(?:[.,]\d{1,2})?"
_CUR_BEFORE = r"(?:US\$|\$|€|£|¥|￥|RMB\s?|USD\s?|EUR\s?)"
_CUR_AFTER = r"(?:\s?(?:dollars?|bucks|usd|euros?|eur|pesos?|dólares|dolares|yuan|rmb|元|块钱?|人民币|美元|欧元|€|\$))"
_MONEY = rf"(?:{_CUR_BEFORE}\s?{_NUM}|{_NUM}{_CUR_AFTER}|{_NUM})"

_ORDER = re.compile(
    r"(?:(?:order|orden|pedido|compra)(?:\s*(?:number|num\.?|no\.?|n[º°o]\.?|número|numero|id))?(?:\s+(?:is|es|was|era))?\s*[:#]?\s*#?"
    r"|订单(?:号|编号)?\s*[:：#]?\s*#?|(?<![\w#])#)"
    rf"(\d{{4,6}}){_NA}",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
_PHONE = re.compile(
    rf"{_NB}(?:\+\d{{1,3}}[\s.-]?)?(?:\(\d{{2,4}}\)[\s.-]?)?\d{{2,4}}(?:[\s.-]\d{{2,4}}){{1,3}}{_NA}"
    rf"|{_NB}1[3-9]\d{{9}}{_NA}|{_NB}\+\d{{8,14}}{_NA}"
)
_TRACKING = re.compile(
    rf"{_NB}(?:1Z[0-9A-Z]{{16}}|9[2-5]\d{{18,20}}|(?:JD|SF|YT|ZTO|JT)[0-9A-Z]{{10,16}}|[A-Z]{{2}}\d{{9}}[A-Z]{{2}}"
    rf"|(?=[A-Z0-9]*\d)(?=[A-Z0-9]*[A-Z])[A-Z0-9]{{10,22}}){_NA}"
)
_TRACKING_CONTEXT = re.compile(
    rf"(?:tracking|track|seguimiento|guía|guia|运单|快递单?号?|物流单?号?|追踪号?)\D{{0,20}}?{_NB}(\d{{10,22}}){_NA}",
    re.IGNORECASE,
)
_UNDER = r"under|below|less than|cheaper than|no more than|up to|max(?:imum)?|menos de|por debajo de|hasta|máximo|maximo|低于|不超过|少于|小于"
_OVER = r"over|above|more than|at least|min(?:imum)?|más de|mas de|por encima de|desde|mínimo|minimo|高于|超过|大于|多于"
_RANGES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"(?:between|entre)\s*({_MONEY})\s*(?:and|y|-|to|a)\s*({_MONEY})", re.I), "both"),
    (re.compile(rf"({_MONEY})\s*(?:-|–|~|to|a|到|至)\s*({_MONEY})", re.I), "both"),
    (re.compile(rf"(?:{_UNDER})\s*({_MONEY})", re.I), "max"),
    (re.compile(rf"(?:{_OVER})\s*({_MONEY})", re.I), "min"),
    (re.compile(rf"({_MONEY})\s*(?:以下|以内|之内|内)", re.I), "max"),
    (re.compile(rf"({_MONEY})\s*(?:以上)", re.I), "min"),
]
_CURRENCY = re.compile(rf"{_CUR_BEFORE}|{_CUR_AFTER}(?![A-Za-z])", re.IGNORECASE)
_PRICE_WORDS = re.compile(r"price|cost|budget|cheap|spend|precio|presupuesto|barat|cuesta|价格|价位|预算|便宜|价钱", re.I)
_AMOUNT = re.compile(rf"{_CUR_BEFORE}\s?{_NUM}|{_NB}{_NUM}{_CUR_AFTER}(?![A-Za-z])", re.IGNORECASE)
_SIZE_WORDS = {
    "extra small": "XS", "small": "S", "medium": "M", "large": "L", "extra large": "XL",
    "pequeña": "S", "pequeño": "S", "mediana": "M", "mediano": "M", "grande": "L", "extra grande": "XL",
    "小号": "S", "中号": "M", "大号": "L", "加大号": "XL", "特大号": "XXL",
}
_LETTER_SIZE = r"(?:XXXL|XXL|XL|XS|[2-4]XL|S|M|L)"
_SIZE = re.compile(
    # a space or colon after the word: "sizes" / "tallas" name no size S
    rf"(?:sizes?|tallas?|número|numero)(?:\s*[:：]\s*|\s+)({_LETTER_SIZE}|\d{{1,2}}(?:[.,]5)?){_NA}"
    rf"|(?:尺码|码数|尺寸|号)\s*[:：]?\s*({_LETTER_SIZE}|\d{{1,2}}(?:[.,]5)?){_NA}"
    rf"|{_NB}({_LETTER_SIZE}|\d{{2}}(?:\.5)?)\s*(?:码|号)"
    rf"|(?:US|EU|UK)\s?(\d{{1,2}}(?:\.5)?){_NA}"
    rf"|{_NB}(XXXL|XXL|XL|XS|[2-4]XL){_NA}"
    rf"|(?:in|en|a|size|talla)\s+(?:a\s+|an\s+|una?\s+|talla\s+)?({'|'.join(sorted(_SIZE_WORDS, key=len, reverse=True))})(?![a-záéíóúñ])"
    rf"|(加大号|特大号|小号|中号|大号)",
    re.IGNORECASE,
)
_COLOURS: dict[str, str] = {
    "black": "black", "white": "white", "red": "red", "blue": "blue", "green": "green", "yellow": "yellow",
    "orange": "orange", "purple": "purple", "pink": "pink", "brown": "brown", "grey": "grey", "gray": "grey",
    "beige": "beige", "navy": "navy", "silver": "silver", "gold": "gold",
    "negro": "black", "negra": "black", "blanco": "white", "blanca": "white", "rojo": "red", "roja": "red",
    "azul marino": "navy", "azul": "blue", "verde": "green", "amarillo": "yellow", "amarilla": "yellow",
    "naranja": "orange", "morado": "purple", "morada": "purple", "rosa": "pink", "rosado": "pink",
    "rosada": "pink", "marrón": "brown", "marron": "brown", "café": "brown", "gris": "grey",
    "plateado": "silver", "plateada": "silver", "dorado": "gold", "dorada": "gold",
    "黑色": "black", "白色": "white", "红色": "red", "蓝色": "blue", "绿色": "green", "黄色": "yellow",
    "橙色": "orange", "紫色": "purple", "粉色": "pink", "粉红色": "pink", "棕色": "brown", "咖啡色": "brown",
    "灰色": "grey", "米色": "beige", "藏青色": "navy", "海军蓝": "navy", "银色": "silver", "金色": "gold",
}
_COLOUR = re.compile(
    r"(?<![A-Za-záéíóúñ])(" + "|".join(sorted(map(re.escape, _COLOURS), key=len, reverse=True))
    + r")(?:e?s)?(?![A-Za-záéíóúñ])",
    re.IGNORECASE,
)

Finder = Callable[[str], Iterator[Entity]]


def _number(s: str) -> str:
    n = re.search(_NUM, s)
    assert n
    v = n.group(0).replace(",", ".")
    return v[:-3] if v.endswith(".00") else v


def _orders(text: str) -> Iterator[Entity]:
    for m in _ORDER.finditer(text):
        yield Entity("order_number", m.group(1), m.group(0), m.start(), m.end())


def _emails(text: str) -> Iterator[Entity]:
    for m in _EMAIL.finditer(text):
        yield Entity("email", m.group(0).lower(), m.group(0), m.start(), m.end())


def _phones(text: str) -> Iterator[Entity]:
    for m in _PHONE.finditer(text):
        digits = re.sub(r"\D", "", m.group(0))
        if 7 <= len(digits) <= 15:
            value = ("+" if m.group(0).startswith("+") else "") + digits
            yield Entity("phone", value, m.group(0), m.start(), m.end())


def _tracking(text: str) -> Iterator[Entity]:
    for m in _TRACKING.finditer(text):
        yield Entity("tracking_number", m.group(0).upper(), m.group(0), m.start(), m.end())
    for m in _TRACKING_CONTEXT.finditer(text):
        yield Entity("tracking_number", m.group(1), m.group(1), m.start(1), m.end(1))


def _ranges(text: str) -> Iterator[Entity]:
    for pattern, kind in _RANGES:
        for m in pattern.finditer(text):
            if not (_CURRENCY.search(m.group(0)) or _PRICE_WORDS.search(text)):
                continue  # "2-3 days", "less than 2 weeks", "415-555" are not prices
            a = _number(m.group(1))
            value = {"both": f"{a}..{_number(m.group(2)) if kind == 'both' else ''}",
                     "max": f"..{a}", "min": f"{a}.."}[kind]
            yield Entity("price_range", value, m.group(0), m.start(), m.end())


def _amounts(text: str) -> Iterator[Entity]:
    for m in _AMOUNT.finditer(text):
        yield Entity("amount", _number(m.group(0)), m.group(0), m.start(), m.end())


def _sizes(text: str) -> Iterator[Entity]:
    for m in _SIZE.finditer(text):
        idx = next(i for i in range(1, (m.lastindex or 0) + 1) if m.group(i))
        raw = m.group(idx)
        value = _SIZE_WORDS.get(raw.lower(), raw.upper().replace(",", "."))
        yield Entity("size", value, m.group(0), m.start(), m.end())


def _colours(text: str) -> Iterator[Entity]:
    for m in _COLOUR.finditer(text):
        yield Entity("colour", _COLOURS[m.group(1).lower()], m.group(0), m.start(), m.end())


_PRIORITY: tuple[Finder, ...] = (_emails, _tracking, _orders, _ranges, _phones, _amounts, _sizes, _colours)


def extract_entities(text: str) -> list[Entity]:
    """All entities of ``text`` in reading order; overlapping matches resolved by type priority."""
    taken: list[Entity] = []
    for finder in _PRIORITY:
        for e in finder(text):
            if all(e.end <= t.start or e.start >= t.end for t in taken):
                taken.append(e)
    return sorted(taken, key=lambda e: e.start)
