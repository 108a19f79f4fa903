"""Intent/sentiment data from the hand-written core sentences in ``nlu_en``/``nlu_zh``/``nlu_es``.

Each core sentence is one *group*: its slots (``{order}``, ``{product}``...) are filled from the store's
own orders, products and customers, one or two times. The held-out split is drawn by group, stratified
by intent and language, so the test set never contains a sentence whose template was seen in training.
"""

from __future__ import annotations

import random
import re
from typing import Any

from training.demo_store.nlu_en import EN
from training.demo_store.nlu_es import ES
from training.demo_store.nlu_zh import ZH

INTENTS = sorted(EN)
DEFAULT_SENTIMENT = {"complaint": "negative", "thanks": "positive"}
MARKS = {"-": "negative", "+": "positive", "=": "neutral"}
SLOT_RE = re.compile(r"\{(\w+)\}")
COLOURS = {"en": ["black", "navy", "olive", "red", "grey", "forest green", "rust", "sand", "teal"],
           "zh": ["黑色", "藏青色", "橄榄绿", "红色", "灰色", "森林绿", "铁锈红", "沙色", "蓝绿色"],
           "es": ["negro", "azul marino", "verde oliva", "rojo", "gris", "verde bosque", "óxido", "arena", "turquesa"]}
SIZES = ["XS", "S", "M", "L", "XL", "XXL", "8", "9", "10", "11"]
PRICES = ["40", "50", "75", "100", "120", "150", "200", "250", "300"]
CITIES = {"en": ["Seattle", "Denver", "Chicago", "Boston", "Austin", "Toronto", "London", "Sydney"],
          "zh": ["上海", "北京", "深圳", "旧金山", "纽约", "温哥华", "新加坡", "多伦多"],
          "es": ["Ciudad de México", "Madrid", "Guadalajara", "Miami", "Los Ángeles", "Barcelona", "Houston", "Valencia"]}
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
    """Draws slot values from the store data with a seeded RNG."""

    def __init__(self, seed: int, products: list[dict[str, Any]], orders: list[dict[str, Any]],
                 customers: list[dict[str, Any]], store: dict[str, Any]) -> None:
        self.r = random.Random(seed)
        self.titles = [p["title"] for p in products]
        self.orders = [o["id"] for o in orders]
        self.tracking = [o["tracking_number"] for o in orders if o["tracking_number"]]
        self.customers = customers
        self.codes = [c["code"] for c in store["promo_codes"]] + EXTRA_CODES

    def value(self, slot: str, lang: str, used: dict[str, str]) -> str:
        r = self.r
        if slot == "order":
            return "1042" if r.random() < 0.08 else r.choice(self.orders)
        if slot in ("product", "product2"):
            choice = r.choice(self.titles)
            while choice in used.values():
                choice = r.choice(self.titles)
            return choice
        if slot == "tracking":
            return r.choice(self.tracking)
        if slot in ("email", "name"):
            pool = [c for c in self.customers if c["language"] == lang]
            return r.choice(pool)["email" if slot == "email" else "name"]
        table = {"colour": COLOURS[lang], "size": SIZES, "price": PRICES, "code": self.codes, "city": CITIES[lang]}
        return r.choice(table[slot])

    def fill(self, template: str, lang: str) -> str:
        used: dict[str, str] = {}
        for slot in SLOT_RE.findall(template):
            if slot not in used:
                used[slot] = self.value(slot, lang, used)
        return SLOT_RE.sub(lambda m: used[m.group(1)], template)


def make_nlu(seed: int, filler: SlotFiller, test_fraction: float = 0.2) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(train rows, test rows); every row ``{"text", "intent", "sentiment", "lang"}``."""
    r = random.Random(seed)
    train: list[dict[str, Any]] = []
    test: list[dict[str, Any]] = []
    owner: dict[str, str] = {}  # normalised text -> intent, to refuse one text under two intents
    for lang, table in (("en", EN), ("zh", ZH), ("es", ES)):
        for intent in INTENTS:
            groups = parse_lines(table[intent], intent)
            order = list(range(len(groups)))
            r.shuffle(order)
            n_test = max(2, round(len(groups) * test_fraction))
            held = set(order[:n_test])
            for gi, (template, sentiment) in enumerate(groups):
                fills = 2 if SLOT_RE.search(template) else 1
                for _ in range(fills):
                    text = filler.fill(template, lang)
                    key = text.lower().strip(" ?!.")
                    if key in owner:
                        if owner[key] != intent:
                            raise ValueError(f"{text!r} is written under both {owner[key]} and {intent}")
                        continue
                    owner[key] = intent
                    row = {"text": text, "intent": intent, "sentiment": sentiment, "lang": lang}
                    (test if gi in held else train).append(row)
    return train, test
