"""Realistic customer turns for the load generator, drawn from the demo store (seeded, reproducible).

A conversation is a list of customer texts in one language (en, zh or es) made of short episodes:
order status with email verification, FAQ questions, product questions, recommendations and small
talk. Utterances come from the held-out NLU split (``training/demo_store/nlu/test.jsonl``) and the
store's orders; turns that would hand the chat to a person (complaints, "talk to a human",
negative or out-of-scope turns) are left out, so every turn expects a bot reply.

>>> script = conversation_script(random.Random(0), 20, "es")
>>> len(script)
20
"""

from __future__ import annotations

import json
import random
from functools import lru_cache
from pathlib import Path

STORE = Path(__file__).resolve().parents[2] / "training" / "demo_store"
LANGUAGES = ("en", "zh", "es")
SKIPPED_INTENTS = {"talk_to_human", "complaint", "out_of_scope", "goodbye"}
ORDER_ASK = {
    "en": ["Where is my order {order}?", "can you check the status of order {order}", "track order #{order} please"],
    "zh": ["我的订单{order}到哪了？", "帮我查一下订单{order}的物流", "订单{order}发货了吗？"],
    "es": ["¿Dónde está mi pedido {order}?", "¿me dices el estado del pedido {order}?", "rastrear el pedido #{order}"],
}
THANKS = {"en": ["thanks!", "great, thank you"], "zh": ["谢谢！", "好的，谢谢"], "es": ["¡gracias!", "perfecto, gracias"]}


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@lru_cache(maxsize=1)
def _pools() -> tuple[dict[str, list[str]], list[tuple[str, str]], dict[str, list[str]]]:
    utterances: dict[str, list[str]] = {lang: [] for lang in LANGUAGES}
    for row in _jsonl(STORE / "nlu" / "test.jsonl"):
        if row["intent"] in SKIPPED_INTENTS or row["sentiment"] == "negative" or row["lang"] not in utterances:
            continue
        utterances[row["lang"]].append(row["text"])
    orders = [(o["id"], o["email"]) for o in _jsonl(STORE / "orders.jsonl") if o.get("email")]
    faq: dict[str, list[str]] = {lang: [] for lang in LANGUAGES}
    for row in _jsonl(STORE / "faq.jsonl"):
        if row.get("lang") in faq:
            faq[row["lang"]].append(row["question"])
    return utterances, orders, faq


def conversation_script(rng: random.Random, turns: int, language: str) -> list[str]:
    """``turns`` customer texts in ``language``: episodes until the count is reached (then cut)."""
    utterances, orders, faq = _pools()
    out: list[str] = []
    while len(out) < turns:
        kind = rng.random()
        if kind < 0.25:  # order status: ask, verify by email, thank
            order, email = rng.choice(orders)
            out += [rng.choice(ORDER_ASK[language]).format(order=order), email, rng.choice(THANKS[language])]
        elif kind < 0.45:
            out.append(rng.choice(faq[language]))
        else:
            out.append(rng.choice(utterances[language]))
    return out[:turns]


def scripts(conversations: int, turns: int, seed: int = 0) -> list[tuple[str, list[str]]]:
    """(language, texts) for each conversation; languages rotate en, zh, es."""
    rng = random.Random(seed)
    return [(LANGUAGES[i % 3], conversation_script(rng, turns, LANGUAGES[i % 3])) for i in range(conversations)]
