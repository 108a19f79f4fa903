"""What a customer turn asks for, read from its words: the cues the dialogue routes on besides the model's intent.

``bot.dialogue.lexicon`` holds the words (colours, attributes, kinds of product, order numbers); this module the
questions built from them: a refinement of the last request, the store's contact details, a refund of a card charge,
a cart, a service, a comparison, items of an order, keyboard mash.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.dialogue.lexicon import (
    CJK_RE,
    COLOURS,
    FEATURES,
    FILLER,
    attribute_asked,
    colour_in,
    form_in,
    is_short,
    noun_forms,
    ordinal,
    product_noun,
    words,
)


def _cue(doc: str, pattern: str) -> Callable[[str], bool]:
    """A predicate: whether ``pattern`` (case-insensitive) occurs in the turn."""
    regex = re.compile(pattern, re.IGNORECASE)

    def found(text: str) -> bool:
        return bool(regex.search(text))

    found.__doc__ = doc
    return found


# words of a follow-up that narrows the last request ("what about under $60?", "any in blue?", "¿y algo más
# barato?") without naming what is wanted
_REFINE = frozenset(
    "what about how any anything something one ones cheaper less more under below over above than in with only "
    "less expensive affordable bit little for degrees degree celsius c grados grado para "
    "maybe instead else you have got there are dollars usd bucks size sizes colour color or "
    "algo alguno alguna algunos más mas barato barata baratos menos en con por debajo hay tienes tienen tal "
    "dólares dolares talla color o "
    "similar like this that these those same but parecido parecida parecidos parecidas similares igual pero".split()
)


_NUMBER = re.compile(r"[-−]?\d+(?:[.,]\d+)?")
_REFINING = _REFINE | FILLER | {w for forms in (*COLOURS.values(), *FEATURES.values()) for f in forms for w in words(f)}


def only_refines(text: str) -> bool:
    """A turn made only of budget, colour, size and feature words (and filler): it narrows the last request
    rather than asking for something new ("what about under $60?" yes; "something for hiking under $100" no)."""
    if product_noun(text):
        return False
    if CJK_RE.search(text):
        return is_short(text)
    return all(w in _REFINING or _NUMBER.fullmatch(w) or w.upper() in ("XS", "S", "M", "L", "XL", "XXL")
               for w in words(text))


# "what's your phone number?" asks for the store's contact details (the FAQ has them), "call me back" for a person
_CONTACT = re.compile(
    r"\b(?:(?:tele)?phone|e-?mail address|your e-?mail|contact (?:details|info|information)|hotline|call you)\b"
    r"|电话|邮箱|联系方式|热线|怎么联系|tel[eé]fono|correo|contacto|llamar(?:les|os)?\b",
    re.IGNORECASE,
)
_CALL_ME = re.compile(
    r"\bcall me\b|call(?:ing)? back|callback|\bmy (?:tele)?phone\b|给我.{0,3}电话|打给我|回.{0,2}电话|我的(?:电话|手机|邮箱)"
    r"|ll[aá]m[ae]nme|llamarme|me llamen|devolver la llamada|mi (?:tel[eé]fono|correo)",
    re.IGNORECASE,
)


def asks_contact_details(text: str) -> bool:
    """Whether the turn asks how to reach the store (phone, e-mail), not for a call back or to change the
    customer's own details."""
    return bool(_CONTACT.search(text)) and not _CALL_ME.search(text)


# a payment charged twice or too much: refunding it is the payments team's job, not an order's refund
about_a_charge = _cue(
    """Whether a refund request is about a card charge ("refund the extra charge", "多扣的钱退给我").""",
    r"\b(?:extra|double|duplicate|second|twice|over)[- ]?charge|charged (?:twice|two times|double|me twice)"
    r"|\bcharge(?:d)? .{0,20}\btwice\b|扣了两次|重复扣款|多扣|扣款两次|扣两次|cobro (?:doble|duplicado|de más)"
    r"|cargo (?:doble|duplicado|de más)|cobrado dos veces|cobraron dos veces|doble cobro|doble cargo",
)


mentions_cart = _cue(
    """Asks to put something in the shopping cart ("add it to my cart", "加入购物车", "añádelo al carrito"):
    not an order change ("my cart shows the wrong price" is not one either).""",
    r"\b(?:add|put|place|throw)\b.{0,40}\b(?:in|into|to)\b.{0,6}\b(?:cart|basket|bag)\b"
    r"|(?:加入|加到|放进|放入|添加到)购物车|加购"
    r"|(?:a[ñn][aá]d|agr[eé]g|m[eé]t|p[oó]n)\w*.{0,40}\b(?:al|en el|a mi|en mi)\s+(?:carrito|cesta)",
)


wants_cheap = _cue(
    """"a rain jacket, not too expensive", "una chaqueta barata", "便宜的帐篷": the cheapest that fit come first.""",
    r"\bcheap(?:est)?\b|inexpensive|affordable|\bbudget\b|not (?:too|very|so) (?:expensive|pricey)|low[- ]cost"
    r"|\bbarat[oa]s?\b|econ[oó]mic[oa]s?|no (?:muy|tan|demasiado) car[oa]s?|便宜|实惠|不太贵|不要太贵|不贵|性价比|平价",
)


asks_items = _cue(
    """"what did I order?", "¿qué pedí?", "我买了什么？": the items of the order, not only its status.""",
    r"\bwhat (?:did |have )?i (?:order|buy|bought|get)|\bwhat i (?:ordered|bought)|what(?:'s| is) in (?:my|the|this|that) "
    r"(?:order|package|parcel)|\bwhich (?:items|products)\b|qu[eé] (?:ped[ií]|compr[eé])|qu[eé] (?:hay|lleva|incluye) "
    r"(?:en )?(?:mi|el|ese|este) pedido|买了什么|买了哪些|订单.{0,8}里(?:面)?有(?:什么|哪些)|订了什么|买的什么",
)


reports_order_problem = _cue(
    """The order came wrong ("I received the wrong item", "arrived broken", "发错了", "me llegó roto"): the store's
    answer and a person who can ship the right item, not a status or an address change.""",
    r"\b(?:got|received|sent me|arrived|came|delivered)\b.{0,30}\b(?:wrong|damaged|broken|defective)\b"
    r"|\bwrong (?:item|product|order)\b|\bnot what i ordered\b|\bmissing (?:an? )?(?:item|part|piece)s?\b"
    r"|\bbut (?:got|received)\b|发错|收到的.{0,8}(?:不对|错了|坏|破)|少发|漏发"
    r"|(?:lleg[oó]|recib[ií]|me (?:enviaron|mandaron)).{0,30}(?:equivocad|roto|rota|dañad|otro|otra)"
    r"|art[ií]culo equivocado|no es lo que ped[ií]",
)


mentions_email = _cue(
    """"the email is on my account, I forgot it": about the e-mail asked for, not a new question.""",
    r"e-?mail|\bcorreo|邮箱|电子邮件|邮件",
)


asks_eta = _cue(
    """"ETA?", "any ETA on it?": when the order in focus arrives (the model reads a bare "ETA?" as a greeting).""",
    r"\betas?\b",
)


names_policy = _cue(
    """The turn names the store's policy ("what's your return policy?", "¿cuál es la política de devoluciones?",
    "退货政策"): a general question even while an order is in focus.""",
    r"\bpolic(?:y|ies)\b|pol[ií]tica|政策|规定",
)


# "which one is lighter?": (message key, attribute, True when the smallest value wins)
COMPARATIVES: tuple[tuple[str, str, bool, tuple[str, ...]], ...] = (
    ("lighter", "weight", True, ("lighter", "lightest", "less heavy", "更轻", "最轻", "轻一点", "轻的", "轻些",
                                 "哪个轻", "哪双轻", "哪款轻", "哪件轻", "más liger", "más livian", "pesa menos")),
    ("heavier", "weight", False, ("heavier", "heaviest", "更重", "最重", "重一点", "哪个重", "哪双重",
                                  "哪款重", "más pesad", "pesa más")),
    ("cheaper", "price", True, ("cheaper", "cheapest", "less expensive", "more affordable", "更便宜", "最便宜",
                                "便宜一点", "便宜点", "便宜些", "más barat", "más económic", "cuesta menos")),
    ("pricier", "price", False, ("more expensive", "most expensive", "pricier", "priciest", "更贵", "最贵", "贵一点",
                                 "más car", "cuesta más")),
    ("longer_battery", "battery", False, ("longest battery", "longer battery", "battery lasts longest",
                                          "battery lasts longer", "续航最长", "续航更长", "电池最耐用", "más batería",
                                          "batería dura más", "mayor autonomía", "más autonomía")),
    ("brighter", "lumens", False, ("brightest", "brighter", "most lumens", "最亮", "更亮", "más brillante", "más luz")),
    ("bigger", "capacity", False, ("biggest capacity", "largest capacity", "most capacity", "highest capacity",
                                   "holds the most", "holds more", "容量最大", "容量更大", "mayor capacidad",
                                   "más capacidad")),
    ("warmer", "temp", True, ("warmest", "warmer", "最暖和", "更暖和", "más cálid", "más abrigad")),
)


asks_which = _cue(
    """"which one is lighter?" picks among products; "something cheaper?" asks for others.""",
    r"\bwhich\b|哪|\bcu[aá]l",
)


def comparative(text: str) -> tuple[str, str, bool] | None:
    """The comparison a question asks ("which is lighter?" -> ("lighter", "weight", True)), if any."""
    low = text.lower()
    return next(((key, attr, least) for key, attr, least, forms in COMPARATIVES if any(f in low for f in forms)), None)


def asks_cheaper(text: str) -> bool:
    """"anything cheaper?", "最便宜的", "¿algo más barato?": a comparison on price, the lower the better."""
    return (comparative(text) or ("",))[0] == "cheaper"


means_all = _cue(
    """"all of them", "both", "todo", "全部": every item of the order.""",
    r"\b(?:all|everything|both|whole order|the lot|todos?|todas?|ambos|ambas)\b|全部|都|所有|两件|整个订单",
)


def items_named(text: str, titles: list[str]) -> list[int]:
    """Indexes of the order items a turn names: by ordinal ("the second one"), by its title's words ("the tee"),
    or by the kind of product ("las botas" -> a title with "boots"); [] when it names none or all of them."""
    at = ordinal(text)
    if at is not None and -len(titles) <= at < len(titles):
        return [at % len(titles)]
    low = text.lower()
    said = {w for w in words(low) if len(w) >= 3 and w not in FILLER}
    kind = product_noun(low)
    named = [i for i, t in enumerate(titles)
             if said & set(words(t.lower())) or t.lower() in low
             or kind and any(form_in(f, t.lower()) for f in (kind, *noun_forms(kind)))]
    return named if len(named) < len(titles) else []


wants_refund = _cue(
    """Asks for a refund ("I want a refund", "我要退款") rather than after one ("where is my refund?").""",
    r"\b(?:i want|i'd like|i would like|i need|can i (?:get|have)|could i (?:get|have)|give me|please)\b.{0,20}\brefund"
    r"|\brefund (?:me|it|this|my money)\b|\bmy money back\b"
    r"|我要退款|我想退款|要求退款|申请退款|退钱|给我退款|我要退钱"
    r"|quiero (?:un |el |mi )?reembolso|quiero (?:que me devuelvan|recuperar) (?:el|mi) dinero|devu[eé]lvanme el dinero"
    r"|solicitar (?:un )?reembolso",
)


_SERVICE = re.compile(
    r"\bdo you (?:offer|provide)\b|\bis there (?:a|an|any) [\w -]{0,30}(?:service|option)\b|\bservice\b"
    r"|\bofrecen\b|\bofrec[eé]is\b|\bservicio\b|提供|服务"
    # the store itself: "do you have a physical store?", "opening hours"; gift cards are sold by the store, not stocked
    r"|gift ?cards?|tarjetas? (?:de )?regalo|礼品卡|购物卡"
    r"|physical (?:store|shop)|retail store|store locations?|opening hours|business hours|open on (?:sundays?|weekends?)"
    r"|tienda f[ií]sica|horario|实体店|门店|线下店|营业时间",
    re.IGNORECASE,
)


def asks_service(text: str) -> bool:
    """A question about a service of the store ("do you offer gift wrapping?"), which the FAQ answers or nobody,
    not a request for products."""
    return (bool(_SERVICE.search(text)) and product_noun(text) is None and attribute_asked(text) is None
            and colour_in(text) is None)  # "do you offer XL sizes?" asks about products


asks_if_bot = _cue(
    """"are you a bot?", "你是机器人吗？", "¿eres humano?": the customer is owed a plain answer.""",
    r"\bare you (?:a |an )?(?:bot|robot|human|real person|real|ai|machine|person)\b|\bam i (?:talking|chatting) to a (?:bot|human|person|machine)"
    r"|你是(?:不是)?(?:机器人|真人|人工|ai|AI)|是机器人吗|是真人吗"
    r"|\beres (?:un |una )?(?:bot|robot|humano|persona|máquina|ia)\b|\bhablo con (?:un |una )?(?:bot|robot|persona|humano)",
)


_IT = frozenset({"it", "this", "that", "este", "esta", "esto", "ese", "esa", "eso"})
_IT_ZH = ("它", "这个", "这款", "这件", "这双")


def points_at_focus(text: str) -> bool:
    """"compare it with the second one": "it" is the product in focus (an ordinal's "one" is not)."""
    return bool(_IT & set(words(text.lower()))) or any(w in text for w in _IT_ZH)


_TEMPERATURE = re.compile(
    r"(?:(?P<minus>minus|零下|menos)\s*)?(?P<value>[-−–]?\d{1,2})\s*(?:°\s*c\b|°|º\s*c\b|℃|摄氏度|度"
    r"|degrees?(?:\s*c(?:elsius)?\b)?|grados?(?:\s*(?:c|celsius)\b)?)(?P<below>\s*(?:bajo cero|below(?: zero)?))?",
    re.IGNORECASE,
)


def temperature_in(text: str) -> float | None:
    """A temperature in °C the turn asks for ("-10°C", "零下10度", "-10 grados", "10 degrees below zero")."""
    m = _TEMPERATURE.search(text)
    if not m:
        return None
    value = float(m.group("value").replace("−", "-").replace("–", "-"))
    return -abs(value) if m.group("minus") or m.group("below") else value


denies = _cue(
    """Whether a policy answer says the thing cannot be done ("Gift cards are not returnable"): then the bot
    does not offer to do it.""",
    r"\b(?:not returnable|non-returnable|can(?:'|’)?t be (?:returned|exchanged|cancell?ed|changed)"
    r"|cannot be (?:returned|exchanged|cancell?ed|changed))"
    r"|不可退|不能退|不可以退|无法退|不能取消|不能修改|no admiten devoluci[oó]n|no se pueden (?:devolver|cambiar|cancelar)",
)

