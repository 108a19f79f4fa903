"""Small word lists the dialogue uses to read slot values and references in en / zh / es.

The intent model finds entities; these lists cover what it does not: yes / no answers to a
confirmation, ordinals and pronouns that point at the focus ("the second one", "这个", "el azul"),
and attribute words of product questions.

>>> is_yes("sí, por favor"), is_no("不要"), ordinal("the second one")
(True, True, 1)
"""

from __future__ import annotations

import re

from intents.entities import extract_entities
from bot.store.redact import CARD_RE  # one definition of a card number: the redaction's

ORDER_RE = re.compile(
    # not digits inside a code ("1ZPOBNLB1041864645" is a tracking number); CJK may touch them ("订单1042")
    r"(?:#|\b(?:order|pedido|订单|no\.?|n[úu]mero)\s*#?\s*)?(?<![A-Za-z\d.,])(\d{3,10})(?![A-Za-z\d.,])", re.IGNORECASE
)
# a store's order codes with letters ("order A1001", "订单A1001", "#WEB-20931"): only after the word or "#"
ORDER_CODE_RE = re.compile(
    r"(?:#|(?i:\border|\bpedido|订单|\bn[úu]mero)\s*(?i:no\.?|number|号|#)?\s*(?i:is\s+|es\s+|是|:\s*)?)"
    r"([A-Z]{1,4}-?\d{3,10})(?![A-Za-z0-9])"
)
EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
CJK_RE = re.compile(r"[\u3400-\u9fff]")
WORD_RE = re.compile(r"[\w'-]+", re.UNICODE)

_YES = {
    "yes",
    "y",
    "yeah",
    "yep",
    "yup",
    "sure",
    "ok",
    "okay",
    "please",
    "confirm",
    "correct",
    "go ahead",
    "do it",
    "sí",
    "si",
    "claro",
    "vale",
    "confirmo",
    "confirmar",
    "de acuerdo",
    "adelante",
    "por favor",
    "correcto",
}
_YES_ZH = ("是", "好", "对", "确认", "可以", "行", "嗯", "要")
_NO = {
    "no",
    "n",
    "nope",
    "nah",
    "don't",
    "dont",
    "stop",
    "never mind",
    "not now",
    "no thanks",
    "no gracias",
    "mejor no",
    "nada",
    "déjalo",
}
_NO_ZH = ("不", "否", "别", "算了", "不要", "不用")


def words(text: str) -> list[str]:
    return [w.lower() for w in WORD_RE.findall(text)]


def _phrase_in(text: str, phrases: set[str]) -> bool:
    low = " " + " ".join(words(text)) + " "
    return any(f" {p} " in low for p in phrases)


# a turn asking something is not a yes, whatever it contains ("¿cuánto vale?": "vale" is also "ok")
_QUESTION_WORDS = {"how", "what", "which", "when", "where", "why", "who", "cuánto", "cuanto", "cuánta", "cuanta",
                   "qué", "cuál", "cual", "cuándo", "cuando", "dónde", "donde", "cómo", "por qué"}


def is_yes(text: str) -> bool:
    """A short affirmative answer (quick-reply labels included)."""
    t = text.strip().lower()
    if CJK_RE.search(t):
        return t.startswith(_YES_ZH) and not t.startswith(_NO_ZH)
    # a question is no answer ("¿y en azul?", "ok, and in blue?"); a lone "y" is "yes", in Spanish "y" is "and"
    if _QUESTION_WORDS & set(words(t)) or t.rstrip().endswith("?") or (words(t) != ["y"] and _phrase_in(t, {"y"})
                                                                        and not _phrase_in(t, _YES - {"y"})):
        return False
    return len(words(t)) <= 6 and _phrase_in(t, _YES) and not is_no(t)


def is_no(text: str) -> bool:
    t = text.strip().lower()
    if CJK_RE.search(t):
        return t.startswith(_NO_ZH)
    ws = words(t)
    return len(ws) <= 6 and bool(ws) and (ws[0] in {"no", "n", "nope", "nah"} or _phrase_in(t, _NO))


# a street address: its house number or postcode is not an order number unless the turn says "order"
_STREET_WORDS = frozenset({"street", "st", "avenue", "ave", "road", "rd", "boulevard", "blvd", "lane", "drive", "court",
                           "apt", "apartment", "suite", "calle", "avenida", "carrera", "paseo", "piso"})
_STREET_ZH = ("路", "街", "大道", "小区", "室")


def looks_like_address(text: str) -> bool:
    low = text.lower()
    return bool(_STREET_WORDS & set(words(low))) or any(w in low for w in _STREET_ZH)


_NEW_ADDRESS = re.compile(
    r"(?:address\b.{0,30}?|ship (?:it|them)|send (?:it|them)|deliver (?:it|them))\s+(?:to|as)\s+(.+)"
    r"|(?:地址)?(?:改成|改为|改到|换成|寄到|送到)[:：]?\s*(.+)"
    r"|(?:direcci[oó]n|env[ií][ae]lo|m[aá]nd[ae]lo)\s+(?:a|por)\s+(.+)",
    re.IGNORECASE,
)


def could_be_address(text: str) -> bool:
    """Street words or a house number: "yes" or "ok" is not a new address."""
    return looks_like_address(text) or bool(re.search(r"\d", text))


def address_in(text: str) -> str | None:
    """The new address a request spells out ("change the delivery address to 55 Oak Avenue, Boston MA 02110?")."""
    m = _NEW_ADDRESS.search(text)
    found = next((g for g in m.groups() if g), "") if m else ""
    found = found.strip(" ?？.。!！")
    return found if found and could_be_address(found) else None


def find_order_number(text: str) -> str | None:
    """The order number in a turn: digits after "order" / "#" / "pedido" / "订单", or a bare number, except in a
    street address ("12 Elm Street, Springfield IL 62704" names no order)."""
    if code := ORDER_CODE_RE.search(text):
        return code.group(1)
    cards = [m.span() for m in CARD_RE.finditer(text)]  # "my card 4111 1111 1111 1111" names no order 4111
    address = None
    for m in ORDER_RE.finditer(text):
        if any(a <= m.start(1) < b for a, b in cards):
            continue
        if m.group(0) != m.group(1):  # "order 1042", "#1042": said to be an order
            return m.group(1)
        if address is None:
            address = looks_like_address(text)
        if not address:
            return m.group(1)
    return None


def find_email(text: str) -> str | None:
    m = EMAIL_RE.search(text)
    return m.group(0).lower() if m else None


# ----------------------------------------------------------------------------- references to the focus
_ORDINALS: list[tuple[int, tuple[str, ...]]] = [
    (0, ("first", "1st", "primero", "primera", "第一", "第1")),
    (1, ("second", "2nd", "segundo", "segunda", "第二", "第2")),
    (2, ("third", "3rd", "tercero", "tercera", "tercer", "第三", "第3")),
    (3, ("fourth", "4th", "cuarto", "cuarta", "第四", "第4")),
    (4, ("fifth", "5th", "quinto", "quinta", "第五", "第5")),
    (-1, ("last", "final", "último", "última", "ultimo", "ultima", "最后")),
]
PRONOUNS = {
    "it",
    "its",
    "it's",
    "this",
    "that",
    "these",
    "those",
    "one",
    "them",
    "este",
    "esta",
    "ese",
    "esa",
    "eso",
    "esto",
    "lo",
    "la",
    "los",
    "las",
    "él",
    "ella",
}
PRONOUNS_ZH = ("这个", "那个", "这款", "那款", "它", "这件", "那件", "这双", "那双", "这些", "那些")


# numbered ordinals: "2nd", "2º", "2ª", "2do", "3er", "第2"
_NUMBERED = re.compile(
    r"(?<!\d)([1-5])(?:st|nd|rd|th|º|ª|°|o|a|do|da|er|ro|ra|to|ta)\b|第\s*([1-5])|"
    r"\b(?:number|n[úu]mero|no\.|n[º°])\s*([1-5])(?!\d)", re.IGNORECASE)


# per ordinal: its Chinese forms (matched as substrings) and its other forms (matched as words), split once
_ORDINAL_FORMS = [(idx, tuple(f for f in forms if CJK_RE.search(f)),
                   frozenset(f for f in forms if not CJK_RE.search(f))) for idx, forms in _ORDINALS]


def ordinals(text: str) -> list[int]:
    """Every ordinal the text names, in list order ("compare the first and the third" -> [0, 2])."""
    low = text.lower()
    ws = set(words(low))
    named = {idx for idx, cjk, other in _ORDINAL_FORMS
             if not other.isdisjoint(ws) or any(f in low for f in cjk)}
    named |= {int(m.group(1) or m.group(2) or m.group(3)) - 1 for m in _NUMBERED.finditer(low)}
    return [idx for idx, _ in _ORDINALS if idx in named]


def ordinal(text: str) -> int | None:
    """Index of an ordinal reference ("the second one" -> 1, "el 2º" -> 1, "el último" -> -1), or None."""
    found = ordinals(text)
    return found[0] if found else None


def has_reference(text: str) -> bool:
    """Whether the turn points at something already discussed (pronoun, ordinal, demonstrative)."""
    low = text.lower()
    return any(p in low for p in PRONOUNS_ZH) or bool(PRONOUNS & set(words(low))) or ordinal(low) is not None


# store colours first: "蓝绿" is teal before it is blue; English names of the value are the keys
COLOURS: dict[str, tuple[str, ...]] = {
    "teal": ("teal", "verde azulado", "蓝绿", "青色"),
    "olive": ("olive", "oliva", "橄榄"),
    "charcoal": ("charcoal", "carbón", "炭灰", "炭黑"),
    "burgundy": ("burgundy", "burdeos", "酒红"),
    "sand": ("sand", "arena", "沙色"),
    "rust": ("rust", "óxido", "铁锈"),
    "sage": ("sage", "salvia", "鼠尾草"),
    "cream": ("cream", "crema", "奶油"),
    "mustard": ("mustard", "mostaza", "芥末"),
    "black": ("black", "negro", "negra", "黑"),
    "white": ("white", "blanco", "blanca", "白"),
    "blue": ("blue", "azul", "蓝"),
    "navy": ("navy", "marino", "藏青"),
    "red": ("red", "rojo", "roja", "红"),
    "green": ("green", "verde", "绿"),
    "grey": ("grey", "gray", "gris", "灰"),
    "pink": ("pink", "rosa", "粉"),
    "yellow": ("yellow", "amarillo", "amarilla", "黄"),
    "brown": ("brown", "marrón", "marron", "棕", "咖啡色"),  # 咖啡 alone is coffee
    "beige": ("beige", "米色"),
    "purple": ("purple", "morado", "morada", "紫"),
    "orange": ("orange", "naranja", "橙"),
    "silver": ("silver", "plateado", "plata", "银"),
    "gold": ("gold", "dorado", "金"),
}


def colour_in(text: str) -> str | None:
    """The first colour named in the text, as its English name ("蓝牙", Bluetooth, names no blue)."""
    low = text.lower().replace("蓝牙", " ")
    ws = set(words(low))
    for name, forms in COLOURS.items():
        if any((CJK_RE.search(f) and f in low) or f in ws for f in forms):
            return name
    return None


def colour_matches(wanted: str, value: str) -> bool:
    """Whether a product's colour value (any language, e.g. "Navy Blue") is the wanted English colour."""
    forms = COLOURS.get(wanted, (wanted,))
    low = value.lower()
    return any(f in low for f in forms)


SIZE_RE = re.compile(
    r"\b(xxs|xs|s|m|l|xl|xxl|xxxl|\d{1,2}(?:\.5)?)\b|(?:talla|size|尺码|码)\s*(\w+)", re.IGNORECASE
)

# attribute questions: canonical attribute -> words that ask for it (en / zh / es)
ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "waterproof": (
        "waterproof",
        "water-resistant",
        "water resistant",
        "rain",
        "wet",
        "防水",
        "雨",
        "淋湿",
        "进水",
        "impermeable",
        "resistente al agua",
        "aguanta el agua",
        "lluvia",
        "moja",
        "mojar",
    ),
    "material": ("material", "made of", "fabric", "材质", "面料", "材料", "tela", "hecho de"),
    "brand": ("brand", "who makes", "made by", "manufacturer", "品牌", "牌子", "哪家生产", "marca", "fabricante",
              "quién fabrica"),
    "weight": ("weight", "weigh", "heavy", "light", "重量", "多重", "重吗", "重不重", "沉吗", "轻吗", "peso", "pesa"),
    "warranty": ("warranty", "guarantee", "保修", "质保", "garantía", "garantia"),
    "battery": ("battery", "电池", "续航", "batería", "bateria"),
    "dishwasher_safe": ("dishwasher", "dishwasher safe", "dishwasher-safe", "洗碗机", "lavavajillas"),
    "fragrance_free": ("fragrance free", "fragrance-free", "unscented", "无香", "sin fragancia", "sin perfume"),
    "washable": ("washable", "wash", "机洗", "洗", "lavable", "lavar"),
    "dimensions": ("size of", "dimensions", "how big", "尺寸", "dimensiones", "medidas"),
    "capacity": ("capacity", "how many cups", "how much does it hold", "how much it holds", "容量", "装多少", "几杯",
                 "capacidad", "cuántas tazas", "cuánto cabe"),
    "price": ("price", "cost", "how much", "多少钱", "价格", "价钱", "售价", "怎么卖", "卖多少", "precio", "cuesta",
              "cuánto", "cuanto"),
    "stock": ("in stock", "available", "availability", "有货", "库存", "disponible", "stock", "hay"),
    "size": ("size", "sizes", "fit", "尺码", "码", "talla", "tallas"),
    "colour": ("colour", "color", "colors", "colours", "颜色", "colores"),
}


def attribute_asked(text: str) -> str | None:
    """The product attribute a question asks about, by the first matching word list; the name of a kind of
    product is not a question about it ("do you have rain jackets?" does not ask whether something is waterproof)."""
    low = f" {without_product_nouns(text.lower())} "
    for attr, forms in ATTRIBUTES.items():
        for f in forms:
            if (CJK_RE.search(f) and f in low) or re.search(rf"(?<![\w]){re.escape(f)}(?![\w])", low):
                return attr
    return None


FILLER = {
    "is",
    "it",
    "the",
    "a",
    "does",
    "do",
    "how",
    "what",
    "much",
    "and",
    "so",
    "es",
    "el",
    "la",
    "y",
    "lo",
    "qué",
    "que",
    "de",
    "está",
    "then",
    "entonces",
    "pues",
    "what's",  # "what's the price?"
    "whats",
    "tiene",  # "¿qué precio tiene?"
}


_FILLER_ZH = re.compile(r"[吗呢吧啊呀那这个款件双是的么还有没不请问它能可以多少几样怎色\s\W]")


def only_asks_attribute(text: str) -> bool:
    """A bare attribute question ("¿Cuánto cuesta?", "how much?", "那价格呢？", "有绿色的吗？"): nothing but
    attribute (or colour) words and filler; "运费多少？" (shipping) is not one."""
    if CJK_RE.search(text):
        rest = text.lower()
        for forms in (*ATTRIBUTES.values(), *COLOURS.values()):
            for f in sorted(forms, key=len, reverse=True):
                rest = rest.replace(f, "") if CJK_RE.search(f) else rest
        return not _FILLER_ZH.sub("", rest) and bool(attribute_asked(text) or colour_in(text))
    ws = words(text)
    if not ws:
        return False
    allowed = {w for forms in ATTRIBUTES.values() for f in forms for w in words(f)} | FILLER
    return all(w in allowed for w in ws)


# words that tie a question to the customer's own order ("when will MY PACKAGE arrive?")
_OWN_ORDER = frozenset({"my", "mine", "our", "order", "orders", "package", "parcel",
                        "mi", "mis", "nuestro", "nuestra", "pedido", "paquete"})
_OWN_ORDER_ZH = ("我的", "我们的", "订单", "包裹", "快递")
# a short question put to the store ("你们周末发货吗？", "do you ship on weekends?") is not about the order in focus
_ASKS_THE_STORE = re.compile(r"你们|贵店|\bdo you\b|\bustedes\b")


def about_own_order(text: str) -> bool:
    """Whether a turn is about the customer's own order rather than the store in general: it points back
    ("it", "这个", an ordinal), names the order ("my package", "mi pedido", "我的订单") or is too short to stand
    alone ("¿cuándo llega?", "什么时候到？": pro-drop languages leave the order unsaid) and does not ask the store
    ("你们周末发货吗？")."""
    low = text.lower()
    return (has_reference(low) or bool(_OWN_ORDER & set(words(low))) or any(w in low for w in _OWN_ORDER_ZH)
            or is_short(text) and not _ASKS_THE_STORE.search(low))


def is_short(text: str, max_words: int = 6) -> bool:
    """A short turn (few words, or few CJK characters) that probably leans on the context."""
    cjk = len(CJK_RE.findall(text))
    return len(words(CJK_RE.sub(" ", text))) + cjk // 2 <= max_words


# a turn naming one of these is about that order or the customer's details: its handlers read the order, not the index
_NO_SEARCH_ENTITIES = frozenset({"order_number", "email", "phone", "tracking_number"})


def may_search(text: str) -> bool:
    """Whether a turn is worth encoding as a retrieval query before its intent is known (``Deps.prefetch``): not a
    one- or two-word reply ("thanks", "yes", an email) nor a turn naming an order, email, phone or tracking number."""
    return not is_short(text, 2) and not any(e.type in _NO_SEARCH_ENTITIES for e in extract_entities(text))


# general questions about how an order action works ("how long do I have to return?", "¿puedo cambiar…?")
_POLICY_EN = re.compile(
    r"\b(how (long|many days|much time|soon|do i|does|can i|do returns|do refunds)|can i|could i|am i able|"
    r"is it possible|do you (accept|allow|offer|charge|refund|take|do)|what( i|')s (your|the)|what are (your|the)|"
    r"what happens|is there an? (fee|charge|deadline|window|limit)|who pays|polic(y|ies)|"
    r"where (do|can|should|would) i|where('s| is| are) (your|the))\b",
    re.IGNORECASE,
)
_POLICY_ES = re.compile(
    r"(cu[aá]nto tiempo|cu[aá]ntos d[ií]as|c[oó]mo (puedo|se|hago|funciona)|\bpuedo\b|\bse puede\b|pol[ií]tica|"
    r"\bes posible\b|qui[eé]n paga|\bhay (plazo|cargo|costo|l[ií]mite)|\baceptan\b|\bcobran\b|"
    r"\ba d[oó]nde\b|\bd[oó]nde (env[ií]o|mando|est[aá] (la|el|su)|queda)|\bcu[aá]l es (la|el|su) (direcci[oó]n|pol[ií]tica|plazo))",
    re.IGNORECASE,
)
_POLICY_ZH = re.compile(r"多久|几天|多少天|怎么|怎样|如何|政策|规定|可以.{0,12}吗|能.{0,12}吗|能不能|可不可以|是否|收费|运费谁|"
                        r"哪里|哪儿|什么地址|地址是")


def asks_policy(text: str) -> bool:
    """Whether the turn asks how an order action works in general rather than asking to do it now."""
    return bool(_POLICY_EN.search(text) or _POLICY_ES.search(text) or _POLICY_ZH.search(text))


# what a recommendation request asks for: boolean product attributes and the kind of product
FEATURES: dict[str, tuple[str, ...]] = {
    "waterproof": ("waterproof", "rainproof", "防水", "impermeable", "a prueba de agua"),
    "water_resistant": ("water resistant", "water-resistant", "resistente al agua"),
    "dishwasher_safe": ("dishwasher safe", "dishwasher-safe", "可洗碗机", "洗碗机", "lavavajillas"),
    "bluetooth": ("bluetooth", "蓝牙"),
}
# product nouns -> a word the catalogue's kind/type fields contain (most specific first)
PRODUCT_NOUNS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("sleeping bag", ("sleeping bag", "睡袋", "saco de dormir")),
    ("sleeping pad", ("sleeping pad", "睡垫", "esterilla")),
    ("rain jacket", ("rain jacket", "raincoat", "雨衣", "chubasquero")),
    ("jacket", ("jacket", "coat", "parka", "夹克", "外套", "冲锋衣", "chaqueta", "abrigo", "parka")),
    ("boots", ("boots", "boot", "靴", "botas", "bota")),
    ("shoes", ("shoes", "trainers", "跑鞋", "登山鞋", "徒步鞋", "zapatillas", "zapatos")),
    ("sneakers", ("sneakers", "运动鞋", "tenis")),
    ("tent", ("tent", "帐篷", "tienda de campaña", "carpa")),
    ("backpack", ("backpack", "rucksack", "daypack", "背包", "双肩包", "mochila")),
    # "包" is a bag, but 包裹 a parcel, 包邮 free shipping, 包装 wrapping...: those are blanked first (_NOT_A_BAG)
    ("bags", ("bag", "bags", "duffel", "tote", "包", "bolso", "bolsa de viaje", "bolsa")),
    ("sandals", ("sandals", "sandal", "凉鞋", "sandalias")),
    ("headlamp", ("headlamp", "head torch", "头灯", "linterna frontal")),
    ("power bank", ("power bank", "powerbank", "充电宝", "移动电源", "batería externa")),
    ("speaker", ("speaker", "音箱", "音响", "altavoz")),
    ("skincare", ("skincare", "skin care", "moisturiser", "moisturizer", "face cream", "护肤", "面霜", "保湿",
                  "cuidado de la piel", "crema", "hidratante")),
    ("socks", ("socks", "袜", "calcetines")),
    ("jeans", ("jeans", "牛仔裤", "vaqueros")),
    ("pants", ("pants", "trousers", "裤", "pantalones")),
    ("shorts", ("shorts", "短裤", "pantalón corto")),
    ("hoodie", ("hoodie", "卫衣", "sudadera")),
    ("tee", ("t-shirt", "tee", "tshirt", "t恤", "camiseta")),
    ("shirt", ("shirt", "衬衫", "camisa")),
    ("gloves", ("gloves", "手套", "guantes")),
    ("headphones", ("headphones", "耳机", "auriculares")),
    ("knife", ("knife", "刀", "cuchillo")),
    ("mug", ("mug", "杯", "taza")),
    ("coffee", ("coffee maker", "coffee grinder", "french press", "咖啡", "cafetera", "café")),
    ("lamp", ("lamp", "台灯", "lámpara")),
)


def features_in(text: str) -> dict[str, bool]:
    """Boolean attributes the turn asks for ("waterproof" -> {"waterproof": True})."""
    low = text.lower()
    return {key: True for key, forms in FEATURES.items() if any(form_in(f, low) for f in forms)}


# parcel, wrapping, free shipping, red envelope, packing, including, bread, bun, guaranteed returns / repairs
_NOT_A_BAG = re.compile(r"包裹|包装|包邮|红包|打包|包括|包含|面包|包子|包退|包换|包修|包赔|包运费")


def noun_forms(kind: str) -> tuple[str, ...]:
    """Every word of a kind of product ("skincare" -> "moisturiser", "crema", "面霜", ...)."""
    return next((forms for noun, forms in PRODUCT_NOUNS if noun == kind), ())


def product_noun(text: str) -> str | None:
    """The kind of product the turn names ("a waterproof jacket" -> "jacket"), for the catalogue filter."""
    low = _NOT_A_BAG.sub(" ", text.lower())
    return next((noun for noun, forms in PRODUCT_NOUNS if any(form_in(f, low) for f in forms)), None)


def without_product_nouns(low: str) -> str:
    """``low`` with the names of kinds of product blanked out."""
    for _, forms in PRODUCT_NOUNS:
        for f in forms:
            low = low.replace(f, " ") if CJK_RE.search(f) else re.sub(_form_pattern(f), " ", low)
    return low


def _form_pattern(form: str) -> str:
    # plurals too: "jackets", "chaquetas", "impermeables" (the last word of a phrase: "sleeping bags")
    return rf"\b{re.escape(form)}(?:s|es)?\b"


def form_in(form: str, low: str) -> bool:
    if CJK_RE.search(form):
        return form in low
    return re.search(_form_pattern(form), low) is not None
