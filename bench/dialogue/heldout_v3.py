"""A third follow-up set with fresh wording (``data/followups_heldout_v3.jsonl``), same kinds and gold as
``heldout_v2``.

Written after the v2 run had shown where the dialogue failed (colour questions without a pronoun,
paraphrases of "waterproof", "2º", a question containing "vale" read as a yes) and before the fixes for
those were run against anything, so that the fixes are measured on sentences they were not written
against. New seed; no sentence is shared with v1 or v2.
"""

from __future__ import annotations

SEED = 20261201

P: dict[str, dict[str, list[str]]] = {
    "about": {
        "en": ["Do you sell the {title}?", "I saw the {title} on your site", "info on the {title} please"],
        "zh": ["你们卖{title}吗？", "想问一下{title}", "请介绍{title}"],
        "es": ["¿Venden el {title}?", "Vi el {title} en la web", "Info del {title}, por favor"],
    },
    "waterproof": {
        "en": ["will it survive a downpour?", "Is this thing water resistant?", "does it get soaked in rain?"],
        "zh": ["这款遇水会坏吗？", "能淋雨吗？", "它是防水的吗"],
        "es": ["¿Resiste la lluvia?", "¿Es resistente al agua?", "¿Se moja con la lluvia?"],
    },
    "colour": {
        "en": ["Can I get it in {c}?", "do you carry a {c} one?", "Available in {c}?"],
        "zh": ["能买到{c}的吗？", "{c}有货吗？", "有没有{c}的"],
        "es": ["¿Lo hay en {c}?", "¿Existe en {c}?", "¿Tienen uno {c}?"],
    },
    "price": {
        "en": ["How much?", "and the price?", "What would that set me back?"],
        "zh": ["怎么卖？", "售价多少？", "那价格呢？"],
        "es": ["¿Y el precio?", "¿Cuánto sale?", "¿Qué cuesta?"],
    },
    "recommend": {
        "en": ["What {cat} do you have?", "Help me pick some {cat}", "Looking for {cat}, ideas?"],
        "zh": ["你们有哪些{cat}？", "帮我挑点{cat}", "想看看{cat}"],
        "es": ["¿Qué {cat} tienen?", "Ayúdame a elegir {cat}", "Busco {cat}, ¿ideas?"],
    },
    "second_wp": {
        "en": ["The second one — is it waterproof?", "is number 2 waterproof?"],
        "zh": ["第二个是防水的吗？", "第二件防水吗"],
        "es": ["¿La segunda es impermeable?", "¿el número 2 es impermeable?"],
    },
    "first_price": {
        "en": ["how much for the first?", "What's the first one's price?"],
        "zh": ["第一个卖多少？", "第一件价格呢？"],
        "es": ["¿Y el primero cuánto cuesta?", "¿qué precio tiene el primero?"],
    },
    "last_more": {
        "en": ["More on the last one please", "what about the final one?"],
        "zh": ["最后那个呢？", "介绍一下最后一个"],
        "es": ["Cuéntame del último", "¿qué tal el último?"],
    },
    "status": {
        "en": ["Any news on order {n}?", "Where's {n}?", "I'm waiting for order {n}"],
        "zh": ["订单{n}有消息吗？", "{n}到哪里了", "我在等订单{n}"],
        "es": ["¿Novedades del pedido {n}?", "¿Dónde anda el {n}?", "Estoy esperando el pedido {n}"],
    },
    "arrive": {
        "en": ["how long until it gets here?", "ETA?", "When should I expect it?"],
        "zh": ["还要多久到？", "大概什么时候送达？", "哪天能到"],
        "es": ["¿Cuánto falta para que llegue?", "¿Cuándo lo recibo?", "¿Qué día llega?"],
    },
    "cancel_it": {
        "en": ["Cancel that one", "I don't want it anymore, cancel it", "please cancel the order"],
        "zh": ["不想要了，取消它", "把这个订单取消", "请取消订单"],
        "es": ["Cancela ese", "Ya no lo quiero, cancélalo", "Por favor cancela el pedido"],
    },
    "faq": {
        "en": ["What's your return window?", "Do you ship internationally?"],
        "zh": ["多少天内可以退货？", "可以寄到国外吗？"],
        "es": ["¿Cuántos días hay para devolver?", "¿Hacen envíos internacionales?"],
    },
}
