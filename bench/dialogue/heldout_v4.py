"""A fourth follow-up set with fresh wording (``data/followups_heldout_v4.jsonl``), same kinds and gold as
``heldout_v2``.

Written after the fixes found with v3 were committed: no sentence is shared with v1-v3. New seed. One fix
followed its measurement (see RESULTS.md), so figures after that fix are not held-out evidence.
"""

from __future__ import annotations

SEED = 20261202

P: dict[str, dict[str, list[str]]] = {
    "about": {
        "en": ["Thinking about buying the {title}", "Is the {title} any good?", "Can you describe the {title}?"],
        "zh": ["我在考虑买{title}", "{title}好不好？", "能描述一下{title}吗？"],
        "es": ["Estoy pensando en comprar el {title}", "¿El {title} es bueno?", "¿Me describes el {title}?"],
    },
    "waterproof": {
        "en": ["ok and is it waterproof", "Would it keep me dry in a storm?", "Is it rainproof?"],
        "zh": ["那它防水吗", "暴雨天能用吗？", "防水性能怎么样？"],
        "es": ["¿y es impermeable?", "¿Me mantiene seco bajo la lluvia?", "¿Es a prueba de agua?"],
    },
    "colour": {
        "en": ["I'd like it in {c}, possible?", "{c} available?", "Does this come in {c}?"],
        "zh": ["我想要{c}的，有吗？", "{c}的有吗", "这个出{c}吗？"],
        "es": ["Lo quiero en {c}, ¿se puede?", "¿Disponible en {c}?", "¿Esto viene en {c}?"],
    },
    "price": {
        "en": ["how much does it go for?", "price?", "What's it cost?"],
        "zh": ["多少钱？", "价钱呢", "这个价格多少"],
        "es": ["¿precio?", "¿Cuánto es?", "¿Y cuánto cuesta?"],
    },
    "recommend": {
        "en": ["Got any good {cat}?", "Which {cat} would you pick?", "recommend me {cat}"],
        "zh": ["有好的{cat}吗？", "你会选哪些{cat}？", "推荐{cat}"],
        "es": ["¿Tienen buenos {cat}?", "¿Qué {cat} elegirías?", "recomiéndame {cat}"],
    },
    "second_wp": {
        "en": ["Second one: waterproof or not?", "Does the second one keep water out?"],
        "zh": ["第二款是不是防水的？", "第二个能防水吗"],
        "es": ["El segundo: ¿impermeable o no?", "¿El segundo aguanta la lluvia?"],
    },
    "first_price": {
        "en": ["and how much is the first?", "The first one, price?"],
        "zh": ["第一款多少钱", "第一个价钱是多少？"],
        "es": ["¿y cuánto es el primero?", "El primero, ¿precio?"],
    },
    "last_more": {
        "en": ["Tell me about the last option", "What's the last one like?"],
        "zh": ["最后那款怎么样？", "讲讲最后一个"],
        "es": ["Háblame de la última opción", "¿Cómo es el último?"],
    },
    "status": {
        "en": ["What's happening with order {n}?", "track order {n}", "Is order {n} on its way?"],
        "zh": ["订单{n}怎么样了？", "查订单{n}", "订单{n}在路上了吗？"],
        "es": ["¿Qué pasa con el pedido {n}?", "rastrear pedido {n}", "¿El pedido {n} está en camino?"],
    },
    "arrive": {
        "en": ["When is it due?", "what day will it come?", "When will it be delivered?"],
        "zh": ["什么时候送到？", "哪天到货？", "几时能到"],
        "es": ["¿Cuándo está previsto?", "¿Qué día llegará?", "¿Cuándo lo entregan?"],
    },
    "cancel_it": {
        "en": ["Can you cancel it?", "cancel this order", "I changed my mind, cancel it"],
        "zh": ["能帮我取消吗？", "取消这个订单", "我改主意了，取消吧"],
        "es": ["¿Puedes cancelarlo?", "cancela este pedido", "Cambié de opinión, cancélalo"],
    },
    "faq": {
        "en": ["Can I send things back if they don't fit?", "How much does delivery cost?"],
        "zh": ["不合适可以退吗？", "运费怎么算？"],
        "es": ["¿Puedo devolver si no me queda bien?", "¿Cuánto cuesta el envío?"],
    },
}
