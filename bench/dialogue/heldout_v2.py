"""A second held-out follow-up set with fresh wording (``data/followups_heldout_v2.jsonl``).

The first set (``followups.make_heldout``) uses one sentence per follow-up type and language, and shares
those sentences with the draw used during development. This set was written afterwards, before any run,
with several new phrasings per follow-up (drawn at random), a new seed, and one more kind: a second
product named mid-conversation ("switch"), whose follow-up must go to the new product, not the old one.
Nothing in ``bot/`` was tuned on it.

Gold per follow-up turn, as in the first set: ``product`` (the reply cites it), ``shown_index`` (the
reply cites the card at that position of the last list shown; -1 = the last), ``order`` (the reply
names it), ``not_product`` (the reply cites no product of the old focus).
"""

from __future__ import annotations

import random
from typing import Any

SEED = 20261130
KINDS = ["product"] * 6 + ["list"] * 6 + ["order"] * 6 + ["topic"] * 3 + ["switch"] * 3  # 24 per language

PHRASES: dict[str, dict[str, list[str]]] = {
    "about": {
        "en": ["I'm looking at the {title}", "What can you tell me about the {title}?", "Show me the {title}"],
        "zh": ["我在看{title}", "{title}怎么样？", "给我看看{title}"],
        "es": ["Estoy mirando el {title}", "¿Qué me puedes decir del {title}?", "Enséñame el {title}"],
    },
    "waterproof": {
        "en": ["Can I wear it in the rain?", "Is that one waterproof?", "does it keep water out?"],
        "zh": ["这个能防水吗？", "下雨天能用吗？", "它防不防水？"],
        "es": ["¿Sirve para la lluvia?", "¿Ese es impermeable?", "¿Aguanta el agua?"],
    },
    "colour": {
        "en": ["Does it come in {c}?", "Any {c} ones?", "is there a {c} version?"],
        "zh": ["有{c}的吗？", "这款有没有{c}？", "它有{c}款吗？"],
        "es": ["¿Viene en {c}?", "¿Hay en {c}?", "¿Lo tienes en color {c}?"],
    },
    "price": {
        "en": ["What's the price?", "How much is that?", "what does it cost"],
        "zh": ["价格是多少？", "这个卖多少钱？", "多少钱"],
        "es": ["¿Qué precio tiene?", "¿Cuánto vale?", "¿cuánto es?"],
    },
    "recommend": {
        "en": ["Any {cat} you'd suggest?", "I need some {cat}, what do you recommend?", "Show me your best {cat}"],
        "zh": ["有什么{cat}推荐吗？", "我想买{cat}，推荐几款", "给我推荐点{cat}"],
        "es": ["¿Qué {cat} me sugieres?", "Necesito {cat}, ¿qué me recomiendas?", "Muéstrame tus mejores {cat}"],
    },
    "second_wp": {
        "en": ["Is the 2nd one waterproof?", "what about the second, is it waterproof?"],
        "zh": ["第2个防水吗？", "第二款防不防水？"],
        "es": ["¿El 2º es impermeable?", "¿y el segundo, es impermeable?"],
    },
    "first_price": {
        "en": ["What does the first one cost?", "price of the first one?"],
        "zh": ["第一款多少钱？", "第一个什么价格？"],
        "es": ["¿Cuánto vale el primero?", "¿precio del primero?"],
    },
    "last_more": {
        "en": ["Tell me about the last one", "and the last one?"],
        "zh": ["最后一个怎么样？", "说说最后一款"],
        "es": ["Háblame del último", "¿y el último?"],
    },
    "status": {
        "en": ["Has order {n} shipped?", "Can you check order {n} for me?", "status of order {n}?"],
        "zh": ["订单{n}发货了吗？", "帮我查一下订单{n}", "{n}这个订单现在什么状态？"],
        "es": ["¿Ya se envió el pedido {n}?", "¿Puedes revisar mi pedido {n}?", "¿Estado del pedido {n}?"],
    },
    "arrive": {
        "en": ["When will I get it?", "what's the delivery date?", "When does it arrive?"],
        "zh": ["我什么时候能收到？", "几号能送到？", "预计哪天到？"],
        "es": ["¿Cuándo me llega?", "¿Qué día lo entregan?", "¿Para cuándo está prevista la entrega?"],
    },
    "cancel_it": {
        "en": ["Please cancel it", "I'd like to cancel that order", "cancel it please"],
        "zh": ["帮我把它取消了", "我要取消这个订单", "取消吧"],
        "es": ["Cancélalo, por favor", "Quiero cancelar ese pedido", "anúlalo por favor"],
    },
    "faq": {
        "en": ["How long do I have to return something?", "Which shipping methods do you offer?"],
        "zh": ["退货期限是多久？", "你们支持哪些快递方式？"],
        "es": ["¿Cuánto tiempo tengo para devolver algo?", "¿Qué métodos de envío ofrecen?"],
    },
}
FAQ_INTENTS = ("return_item", "shipping_options")  # the gold intents of P["faq"], in order


def make_rows(products: list[dict[str, Any]], orders: list[dict[str, Any]], colour_words: dict[str, dict[str, str]],
              category_words: dict[str, dict[str, str]], base_colours: tuple[str, ...],
              per_language: int = 24, phrases: dict[str, dict[str, list[str]]] | None = None,
              seed: int = SEED) -> list[dict[str, Any]]:
    """Draw the set: ``per_language`` conversations per language, the kinds of ``KINDS`` in turn
    (``phrases``/``seed``: another set's wording, e.g. ``heldout_v3``)."""
    P = phrases or PHRASES  # noqa: N806
    r = random.Random(seed)
    with_wp = [p for p in products if isinstance(p["attributes"].get("waterproof"), bool)]
    open_orders = [o for o in orders if o["status"] in ("shipped", "processing")]
    rows = []
    for lang in ("en", "zh", "es"):

        def say(key: str, lang: str = lang, **kw: str) -> str:
            return r.choice(P[key][lang]).format(**kw)

        for i in range(per_language):
            k = KINDS[i % len(KINDS)]
            meta: dict[str, Any] = {}
            if k == "product":
                p = r.choice(with_wp)
                c = colour_words.get(lang, {}).get(colour := r.choice(base_colours), colour)
                turns = [(say("about", title=p["title"]), "product_question", None),
                         (say("waterproof"), "product_question", {"product": p["id"]}),
                         (say("colour", c=c), "product_availability", {"product": p["id"]}),
                         (say("price"), "product_question", {"product": p["id"]})]
            elif k == "list":
                cat = r.choice(["outerwear", "footwear", "bags", "camping"])
                turns = [(say("recommend", cat=category_words.get(lang, {}).get(cat, cat)), "recommend_product", None),
                         (say("second_wp"), "product_question", {"shown_index": 1}),
                         (say("first_price"), "product_question", {"shown_index": 0}),
                         (say("last_more"), "product_question", {"shown_index": -1})]
                meta = {"category": cat}
            elif k == "order":
                o = r.choice(open_orders)
                turns = [(say("status", n=o["id"]), "order_status", None),
                         (say("arrive"), "delivery_time", {"order": o["id"]})]
                if o["status"] == "processing":
                    turns.append((say("cancel_it"), "cancel_order", {"order": o["id"]}))
                meta = {"customer_id": o["customer_id"]}
            elif k == "topic":
                p = r.choice(products)
                j = r.randrange(len(P["faq"][lang]))
                turns = [(say("about", title=p["title"]), "product_question", None),
                         (P["faq"][lang][j], FAQ_INTENTS[j], {"not_product": p["id"]})]
            else:  # switch: a second product named mid-conversation takes the focus
                a, b = r.sample(with_wp, 2)
                turns = [(say("about", title=a["title"]), "product_question", None),
                         (say("price"), "product_question", {"product": a["id"]}),
                         (say("about", title=b["title"]), "product_question", None),
                         (say("waterproof"), "product_question", {"product": b["id"]})]
            rows.append({"id": f"{lang}-{i:02d}-{k}", "lang": lang, "kind": k, **meta,
                         "turns": [{"text": t, "intent": it, "gold": g} for t, it, g in turns]})
    return rows
