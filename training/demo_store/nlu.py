"""Intent/sentiment data from the hand-written core sentences in ``nlu_en``/``nlu_zh``/``nlu_es``.

Each core sentence is one *group*: its slots (``{order}``, ``{product}``...) are filled from the store's
own orders, products and customers, one or two times. The held-out split is drawn by group, stratified
by intent and language, so the test set never contains a sentence whose template was seen in training.

Sentences written after that split was fixed (``ZH_TRAIN_ONLY``/``ES_TRAIN_ONLY``) go to training only and
are filled after every split row, so adding them leaves the held-out rows byte-identical and scores stay
comparable across data revisions. A train-only sentence that repeats a core sentence, or fills to a
held-out text, is refused.
"""

from __future__ import annotations

import random
import re
from typing import Any

from training.demo_store.nlu_en import EN
from training.demo_store.nlu_es import ES, ES_TRAIN_ONLY
from training.demo_store.nlu_zh import ZH, ZH_TRAIN_ONLY

INTENTS = sorted(EN)
DEFAULT_SENTIMENT = {"complaint": "negative", "thanks": "positive"}
MARKS = {"-": "negative", "+": "positive", "=": "neutral"}
SLOT_RE = re.compile(r"\{(\w+)\}")
COLOUR_NAMES = {  # en -> (zh, es)
    "black": ("黑色", "negro"), "navy": ("藏青色", "azul marino"), "forest green": ("森林绿", "verde bosque"),
    "olive": ("橄榄绿", "verde oliva"), "charcoal": ("炭灰色", "gris carbón"), "sand": ("沙色", "arena"),
    "rust": ("铁锈红", "óxido"), "slate blue": ("石板蓝", "azul pizarra"), "burgundy": ("酒红色", "burdeos"),
    "white": ("白色", "blanco"), "grey": ("灰色", "gris"), "red": ("红色", "rojo"), "mustard": ("芥末黄", "mostaza"),
    "teal": ("蓝绿色", "verde azulado"), "natural": ("原色", "natural"), "walnut": ("胡桃木色", "nogal"),
    "stone": ("石色", "piedra"), "sage": ("鼠尾草绿", "verde salvia"), "orange": ("橙色", "naranja"), "blue": ("蓝色", "azul"),
    "pink": ("粉色", "rosa"), "cream": ("奶油色", "crema"), "brown": ("棕色", "marrón"), "clear": ("透明", "transparente"),
}
SIZES = ["XS", "S", "M", "L", "XL", "XXL", "8", "9", "10", "11"]
PRICES = ["40", "50", "75", "100", "120", "150", "200", "250", "300"]
CITIES = {"en": ["Seattle", "Denver", "Chicago", "Boston", "Austin", "Toronto", "London", "Sydney"],
          "zh": ["上海", "北京", "深圳", "旧金山", "纽约", "温哥华", "新加坡", "多伦多"],
          "es": ["Ciudad de México", "Madrid", "Guadalajara", "Miami", "Los Ángeles", "Barcelona", "Houston", "Valencia"]}
APPAREL = {"outerwear", "footwear", "tops", "bottoms"}
# words in a sentence -> which products can fill its {product} slot (first match wins)
PRODUCT_RULES: list[tuple[str, Any]] = [
    (r"charge|battery|电池|充电|batería|carga", lambda p: {"battery_h", "capacity_mah"} & set(p["attributes"])),
    (r"laptop|笔记本|pulgadas", lambda p: p["category"] == "bags"),
    (r"people|capacity|容量|睡几|capacidad|caben", lambda p: {"capacity_l", "capacity_persons"}
     & set(p["attributes"])),
    (r"inseam", lambda p: p["category"] == "bottoms"),
    (r"wide feet|boots|靴|botas", lambda p: p["category"] == "footwear"),
    (r"size|fit|inseam|shrink|sleeve|tight|too big|too small|run true|尺码|码|缩水|talla|encoge|aprieta|queda",
     lambda p: p["category"] in APPAREL),
    (r"waterproof|rain|防水|impermeable|lluvia", lambda p: "waterproof" in p["attributes"]),
    (r"warm|winter|temperature|保暖|冬|abriga|invierno", lambda p: p["category"] in ("outerwear", "footwear")
     or "temp_c" in p["attributes"]),
    (r"dishwasher|oven|induction|洗碗机|烤箱", lambda p: p["category"] == "kitchen"),
    (r"pocket|hood|口袋|bolsillo", lambda p: p["category"] in ("outerwear", "bottoms", "bags")),
    (r"hiking|徒步|senderismo", lambda p: p["category"] in ("outerwear", "footwear", "bottoms", "bags", "camping")),
    (r"wash|机洗|lavadora", lambda p: p["category"] in APPAREL | {"home"}),
    (r"weigh|重|pesa", lambda p: "weight_g" in p["attributes"]),
]
EXTRA_CODES = ["SAVE20", "SUMMER25", "HOLIDAY30"]  # codes customers try that the store doesn't have


def parse_lines(block: str, intent: str) -> list[tuple[str, str]]:
    """``(text, sentiment)`` for each non-empty line of a block."""
    out = []
    for line in block.strip().splitlines():
        line = line.strip()
        if not line:
            continue
        sentiment = DEFAULT_SENTIMENT.get(intent, "neutral")
        if line[:2] in ("- ", "+ ", "= "):
            sentiment, line = MARKS[line[0]], line[2:].strip()
        out.append((line, sentiment))
    return out


class SlotFiller:
    """Draws slot values from the store data with a seeded RNG. Products fit the sentence (a battery
    question gets a product with a battery); sizes and colours come from the chosen product."""

    def __init__(self, seed: int, products: list[dict[str, Any]], orders: list[dict[str, Any]],
                 customers: list[dict[str, Any]], store: dict[str, Any]) -> None:
        self.r = random.Random(seed)
        self.products = products
        self.orders = [o["id"] for o in orders]
        self.tracking = [o["tracking_number"] for o in orders if o["tracking_number"]]
        self.customers = customers
        self.codes = [c["code"] for c in store["promo_codes"]] + EXTRA_CODES

    def _product(self, template: str, like: dict[str, Any] | None = None) -> dict[str, Any]:
        pool = self.products
        if like is not None:  # a comparison: same kind of product
            pool = ([p for p in pool if p["attributes"]["kind"] == like["attributes"]["kind"] and p is not like]
                    or [p for p in pool if p["category"] == like["category"] and p is not like])
        else:
            for pattern, ok in PRODUCT_RULES:
                if re.search(pattern, template, flags=re.IGNORECASE):
                    pool = [p for p in pool if ok(p)] or pool
                    break
        if "{size}" in template:
            pool = [p for p in pool if p["attributes"]["size"] != ["One Size"]] or pool
        return self.r.choice(pool)

    def _colour(self, lang: str, product: dict[str, Any] | None) -> str:
        colour = self.r.choice(product["attributes"]["colour"] if product else sorted(COLOUR_NAMES))
        return colour if lang == "en" else COLOUR_NAMES[colour][0 if lang == "zh" else 1]

    def fill(self, template: str, lang: str) -> str:
        r = self.r
        slots = set(SLOT_RE.findall(template))
        product = self._product(template) if "product" in slots else None
        values: dict[str, str] = {}
        if product:
            values["product"] = product["title"]
        if "product2" in slots:
            values["product2"] = self._product(template, like=product)["title"]
        for slot in sorted(slots - set(values)):
            if slot == "order":
                values[slot] = "1042" if r.random() < 0.08 else r.choice(self.orders)
            elif slot == "tracking":
                values[slot] = r.choice(self.tracking)
            elif slot in ("email", "name"):
                values[slot] = r.choice([c for c in self.customers if c["language"] == lang])[slot]
            elif slot == "size":
                sizes = product["attributes"]["size"] if product and product["attributes"]["size"] != ["One Size"] else SIZES
                values[slot] = r.choice(sizes)
            elif slot == "colour":
                values[slot] = self._colour(lang, product)
            else:
                values[slot] = r.choice({"price": PRICES, "code": self.codes, "city": CITIES[lang]}[slot])
        return SLOT_RE.sub(lambda m: values[m.group(1)], template)


CORE = (("en", EN), ("zh", ZH), ("es", ES))
TRAIN_ONLY = {"zh": ZH_TRAIN_ONLY, "es": ES_TRAIN_ONLY}


def _key(text: str) -> str:
    return text.lower().strip(" ?!.")


def _rows(filler: SlotFiller, template: str, sentiment: str, intent: str, lang: str, owner: dict[str, str],
          refuse: frozenset[str] = frozenset()) -> list[dict[str, Any]]:
    """The new rows of one template (filled twice if it has slots). A text written before is skipped; one
    written under another intent, or in ``refuse`` (normalised), is an error."""
    out = []
    for _ in range(2 if SLOT_RE.search(template) else 1):
        text = filler.fill(template, lang)
        key = _key(text)
        if key in refuse:
            raise ValueError(f"{text!r} ({intent}, {lang}) is a held-out text")
        if key in owner:
            if owner[key] != intent:
                raise ValueError(f"{text!r} is written under both {owner[key]} and {intent}")
            continue
        owner[key] = intent
        out.append({"text": text, "intent": intent, "sentiment": sentiment, "lang": lang})
    return out


def make_nlu(seed: int, filler: SlotFiller, test_fraction: float = 0.2,
             train_only: dict[str, dict[str, str]] = TRAIN_ONLY) -> tuple[list[dict[str, Any]], ...]:
    """(train rows, test rows); every row ``{"text", "intent", "sentiment", "lang"}``. ``train_only``
    (lang -> intent -> block) is appended to the training rows after the split."""
    r = random.Random(seed)
    train: list[dict[str, Any]] = []
    test: list[dict[str, Any]] = []
    owner: dict[str, str] = {}  # normalised text -> intent, to refuse one text under two intents
    for lang, table in CORE:
        for intent in INTENTS:
            groups = parse_lines(table[intent], intent)
            order = list(range(len(groups)))
            r.shuffle(order)
            n_test = max(2, round(len(groups) * test_fraction))
            held = set(order[:n_test])
            for gi, (template, sentiment) in enumerate(groups):
                rows = _rows(filler, template, sentiment, intent, lang, owner)
                (test if gi in held else train).extend(rows)
    held_out = frozenset(_key(row["text"]) for row in test)
    core = {(lang, _key(t)) for lang, table in CORE for block in table.values()
            for t, _ in parse_lines(block, "")}
    for lang, table in train_only.items():
        for intent in sorted(table):
            for template, sentiment in parse_lines(table[intent], intent):
                if (lang, _key(template)) in core:
                    raise ValueError(f"train-only {template!r} ({lang}) repeats a core sentence")
                train += _rows(filler, template, sentiment, intent, lang, owner, held_out)
    return train, test
