"""Everything the bot itself says, in English, Chinese and Spanish: key -> {language: template}.

Handlers never hard-code customer-facing text; they call :func:`say` with a key and the facts.

>>> say("order_not_found", "es", order="9999")
'No encuentro el pedido 9999. ¿Puedes comprobar el número?'
"""

from __future__ import annotations

LANGUAGES = ("en", "zh", "es")

MESSAGES: dict[str, dict[str, str]] = {
    # small talk
    "greeting": {
        "en": "Hi! I'm the shop assistant. I can check orders, handle returns and answer product questions. How can I help?",
        "zh": "您好！我是商店助手，可以帮您查询订单、办理退货、解答商品问题。有什么可以帮您？",
        "es": "¡Hola! Soy el asistente de la tienda. Puedo consultar pedidos, tramitar devoluciones y responder preguntas sobre productos. ¿En qué te ayudo?",
    },
    "goodbye": {
        "en": "Thanks for chatting with us. Have a great day!",
        "zh": "感谢您的咨询，祝您生活愉快！",
        "es": "Gracias por escribirnos. ¡Que tengas un buen día!",
    },
    "thanks": {
        "en": "You're welcome! Is there anything else I can help with?",
        "zh": "不客气！还有什么可以帮您的吗？",
        "es": "¡De nada! ¿Puedo ayudarte con algo más?",
    },
    # order slots
    "policy_then_order": {
        "en": "If you'd like me to do this for one of your orders, just tell me the order number.",
        "zh": "如果需要我为您的某个订单办理，请告诉我订单号。",
        "es": "Si quieres que lo haga con uno de tus pedidos, dime el número de pedido.",
    },
    "ask_order": {
        "en": "Sure — what's your order number?",
        "zh": "好的，请告诉我您的订单号。",
        "es": "Claro, ¿cuál es tu número de pedido?",
    },
    "which_order": {
        "en": "Which order do you mean?",
        "zh": "请问是哪个订单？",
        "es": "¿A qué pedido te refieres?",
    },
    "order_not_found": {
        "en": "I couldn't find order {order}. Could you check the number?",
        "zh": "我找不到订单 {order}，请核对一下订单号。",
        "es": "No encuentro el pedido {order}. ¿Puedes comprobar el número?",
    },
    "ask_email": {
        "en": "To keep your account safe, please tell me the email address used for order {order}.",
        "zh": "为保护您的账户安全，请提供订单 {order} 使用的邮箱地址。",
        "es": "Para proteger tu cuenta, dime el correo electrónico con el que hiciste el pedido {order}.",
    },
    "email_mismatch": {
        "en": "That email doesn't match order {order}. Please check it and try again.",
        "zh": "该邮箱与订单 {order} 不匹配，请核对后重试。",
        "es": "Ese correo no coincide con el pedido {order}. Revísalo e inténtalo de nuevo.",
    },
    # order status
    "status_processing": {
        "en": "Order {order} is being prepared and hasn't shipped yet. Estimated delivery: {eta}.",
        "zh": "订单 {order} 正在备货，尚未发货。预计送达：{eta}。",
        "es": "El pedido {order} se está preparando y aún no se ha enviado. Entrega estimada: {eta}.",
    },
    "status_shipped": {
        "en": "Order {order} is {status}: shipped on {shipped} with {carrier}, tracking number {tracking}. Estimated delivery: {eta}.",
        "zh": "订单 {order} 状态：{status}。已于 {shipped} 由 {carrier} 发出，运单号 {tracking}。预计送达：{eta}。",
        "es": "El pedido {order} está {status}: enviado el {shipped} con {carrier}, número de seguimiento {tracking}. Entrega estimada: {eta}.",
    },
    "status_delivered": {
        "en": "Order {order} was delivered on {delivered} ({carrier}, tracking number {tracking}).",
        "zh": "订单 {order} 已于 {delivered} 送达（{carrier}，运单号 {tracking}）。",
        "es": "El pedido {order} se entregó el {delivered} ({carrier}, número de seguimiento {tracking}).",
    },
    "order_problem": {
        "en": "I can't ship a replacement myself, but a person on our team can, right away. Shall I connect you?",
        "zh": "我无法直接为您补发，但我们的客服同事可以马上处理。需要为您转接吗？",
        "es": "No puedo enviar el reemplazo yo mismo, pero una persona de nuestro equipo puede hacerlo enseguida. "
              "¿Te paso con ella?",
    },
    "order_problem_order": {
        "en": "I can't ship a replacement myself, but a person on our team can, right away, for order {order}. "
              "Shall I connect you?",
        "zh": "我无法直接为您补发，但我们的客服同事可以马上为订单 {order} 处理。需要为您转接吗？",
        "es": "No puedo enviar el reemplazo yo mismo, pero una persona de nuestro equipo puede hacerlo enseguida para "
              "el pedido {order}. ¿Te paso con ella?",
    },
    "order_items": {
        "en": "Order {order} ({status}): {items}, {total} in all.",
        "zh": "订单 {order}（{status}）：{items}，共 {total}。",
        "es": "Pedido {order} ({status}): {items}, {total} en total.",
    },
    "status_eta": {
        "en": "Order {order} is on its way with {carrier} (tracking number {tracking}) and should arrive by {eta}.",
        "zh": "订单 {order} 正由 {carrier} 配送中（运单号 {tracking}），预计 {eta} 前送达。",
        "es": "El pedido {order} está en camino con {carrier} (número de seguimiento {tracking}) "
        "y debería llegar antes del {eta}.",
    },
    "status_other": {
        "en": "Order {order} status: {status}.",
        "zh": "订单 {order} 状态：{status}。",
        "es": "Estado del pedido {order}: {status}.",
    },
    "unknown": {"en": "not available yet", "zh": "暂无", "es": "aún no disponible"},
    # confirmations
    "yes": {"en": "Yes", "zh": "是", "es": "Sí"},
    "no": {"en": "No", "zh": "否", "es": "No"},
    "kept": {
        "en": "OK, I haven't changed anything. Anything else?",
        "zh": "好的，我没有做任何更改。还有其他需要吗？",
        "es": "De acuerdo, no he cambiado nada. ¿Algo más?",
    },
    "confirm_again": {
        "en": "Please answer yes or no.",
        "zh": "请回答“是”或“否”。",
        "es": "Responde sí o no, por favor.",
    },
    "confirm_cancel": {
        "en": "Cancel order {order} ({items}, {total})? This can't be undone.",
        "zh": "确认取消订单 {order}（{items}，{total}）吗？取消后无法恢复。",
        "es": "¿Cancelo el pedido {order} ({items}, {total})? No se puede deshacer.",
    },
    "cancel_ok": {
        "en": "Done — order {order} is cancelled. Your refund of {total} is being processed.",
        "zh": "已完成，订单 {order} 已取消。{total} 的退款正在处理中。",
        "es": "Hecho: el pedido {order} está cancelado. Estamos procesando el reembolso de {total}.",
    },
    "ask_address": {
        "en": "What's the new shipping address for order {order}?",
        "zh": "订单 {order} 的新收货地址是什么？",
        "es": "¿Cuál es la nueva dirección de envío del pedido {order}?",
    },
    "confirm_address": {
        "en": "Change the shipping address of order {order} to: {address}?",
        "zh": "确认将订单 {order} 的收货地址改为：{address}？",
        "es": "¿Cambio la dirección de envío del pedido {order} a: {address}?",
    },
    "address_ok": {
        "en": "Done — order {order} will ship to {address}.",
        "zh": "已完成，订单 {order} 将寄往：{address}。",
        "es": "Hecho: el pedido {order} se enviará a {address}.",
    },
    "change_options": {
        "en": "For order {order} I can change the shipping address or cancel the order. What would you like?",
        "zh": "对于订单 {order}，我可以修改收货地址或取消订单。您需要哪一项？",
        "es": "Para el pedido {order} puedo cambiar la dirección de envío o cancelarlo. ¿Qué prefieres?",
    },
    "qr_change_address": {"en": "Change address", "zh": "修改地址", "es": "Cambiar dirección"},
    "qr_cancel": {"en": "Cancel order", "zh": "取消订单", "es": "Cancelar pedido"},
    "ask_return_reason": {
        "en": "Why would you like to return order {order}?",
        "zh": "请问您退回订单 {order} 的原因是什么？",
        "es": "¿Por qué quieres devolver el pedido {order}?",
    },
    "reason_size": {"en": "Wrong size", "zh": "尺码不合适", "es": "Talla incorrecta"},
    "reason_damaged": {"en": "Arrived damaged", "zh": "商品损坏", "es": "Llegó dañado"},
    "reason_mind": {"en": "Changed my mind", "zh": "不想要了", "es": "Cambié de opinión"},
    "sorry_order": {
        "en": "I'm sorry about this — let me look into it right away.",
        "zh": "非常抱歉给您带来不便，我马上为您查看。",
        "es": "Siento mucho lo ocurrido; lo reviso ahora mismo.",
    },
    "tracking_not_found": {
        "en": "I couldn't find an order with tracking number {tracking}. Could you give me the order number instead?",
        "zh": "没有找到运单号为 {tracking} 的订单，能告诉我订单号吗？",
        "es": "No encontré ningún pedido con el número de seguimiento {tracking}. ¿Me das el número de pedido?",
    },
    "ask_item": {
        "en": "Which item of order {order}: {items}?",
        "zh": "订单 {order} 中是哪件商品：{items}？",
        "es": "¿Qué artículo del pedido {order}: {items}?",
    },
    "qr_check_order": {"en": "Check order {order}", "zh": "查询订单 {order}", "es": "Consultar el pedido {order}"},
    "qr_all_items": {"en": "All of them", "zh": "全部", "es": "Todos"},
    "confirm_return": {
        "en": "Start a return for order {order} ({items})? Reason: {reason}. You have until {deadline}.",
        "zh": "确认为订单 {order}（{items}）申请退货吗？原因：{reason}。截止日期：{deadline}。",
        "es": "¿Inicio la devolución del pedido {order} ({items})? Motivo: {reason}. Tienes hasta el {deadline}.",
    },
    "return_ok": {
        "en": "Your return for order {order} is registered. You'll get a prepaid label by email; the refund is issued when the item arrives.",
        "zh": "订单 {order} 的退货申请已登记。预付运单将发送到您的邮箱，收到商品后我们会退款。",
        "es": "La devolución del pedido {order} está registrada. Recibirás una etiqueta prepagada por correo; el reembolso se emite al recibir el artículo.",
    },
    "ask_exchange": {
        "en": "What would you like instead for order {order} (size or colour)?",
        "zh": "订单 {order} 您想换成什么（尺码或颜色）？",
        "es": "¿Qué quieres a cambio en el pedido {order} (talla o color)?",
    },
    "confirm_exchange": {
        "en": "Exchange order {order} ({items}) for: {wanted}?",
        "zh": "确认将订单 {order}（{items}）换成：{wanted}？",
        "es": "¿Cambio el pedido {order} ({items}) por: {wanted}?",
    },
    "exchange_ok": {
        "en": "Your exchange for order {order} is registered ({wanted}). We'll email you a prepaid return label.",
        "zh": "订单 {order} 的换货申请已登记（{wanted}）。我们会通过邮件发送预付退货运单。",
        "es": "El cambio del pedido {order} está registrado ({wanted}). Te enviaremos por correo una etiqueta prepagada.",
    },
    # refusals
    "refuse_already_shipped": {
        "en": "Order {order} has already shipped ({status}), so I can't change or cancel it any more. You can return it once it arrives.",
        "zh": "订单 {order} 已发货（{status}），无法再修改或取消。收到后可以申请退货。",
        "es": "El pedido {order} ya se envió ({status}), así que ya no puedo cambiarlo ni cancelarlo. Podrás devolverlo cuando llegue.",
    },
    "refuse_already_cancelled": {
        "en": "Order {order} is already cancelled.",
        "zh": "订单 {order} 已经取消。",
        "es": "El pedido {order} ya está cancelado.",
    },
    "refuse_not_delivered": {
        "en": "Order {order} hasn't been delivered yet ({status}); returns and exchanges open once it arrives.",
        "zh": "订单 {order} 尚未送达（{status}），送达后才能退换货。",
        "es": "El pedido {order} aún no se ha entregado ({status}); las devoluciones y cambios se abren cuando llegue.",
    },
    "refuse_outside_window": {
        "en": "Order {order} is outside our {days}-day return window (it closed on {deadline}), so I can't start a return or exchange.",
        "zh": "订单 {order} 已超过 {days} 天退换货期限（截止于 {deadline}），无法办理退换货。",
        "es": "El pedido {order} está fuera del plazo de devolución de {days} días (terminó el {deadline}), así que no puedo tramitar la devolución ni el cambio.",
    },
    "refuse_already_requested": {
        "en": "A return or exchange for order {order} is already in progress.",
        "zh": "订单 {order} 已有进行中的退换货申请。",
        "es": "Ya hay una devolución o un cambio en curso para el pedido {order}.",
    },
    "refuse_other": {
        "en": "I can't do that for order {order}.",
        "zh": "订单 {order} 无法办理该操作。",
        "es": "No puedo hacer eso con el pedido {order}.",
    },
    "refund_pending_return": {
        "en": "Your return for order {order} is in progress ({status}); no refund has been issued yet. It is issued once the item reaches us.",
        "zh": "订单 {order} 的退货正在处理中（{status}），尚未退款。商品寄回后会为您退款。",
        "es": "La devolución del pedido {order} está en curso ({status}); aún no se ha emitido el reembolso. Se emite cuando el artículo nos llegue.",
    },
    "refund_none": {
        "en": "There's no refund on order {order} (status: {status}).",
        "zh": "订单 {order} 没有退款记录（状态：{status}）。",
        "es": "No hay ningún reembolso en el pedido {order} (estado: {status}).",
    },
    "refund_charge": {
        "en": "I can't refund a payment charge from here: our team checks your statement against order {order} and refunds a duplicate charge. Shall I pass this conversation to a person?",
        "zh": "我这里无法退还扣款：我们的团队会根据订单 {order} 核对您的账单并退还重复扣款。需要为您转接人工客服吗？",
        "es": "Desde aquí no puedo devolver un cargo: nuestro equipo revisa tu extracto con el pedido {order} y reembolsa el cargo duplicado. ¿Te paso con una persona?",
    },
    "refund_status": {
        "en": "The refund of {amount} for order {order} is {refund}.",
        "zh": "订单 {order} 的 {amount} 退款状态：{refund}。",
        "es": "El reembolso de {amount} del pedido {order} está {refund}.",
    },
    # grounded answers and products
    "dont_know": {
        "en": "I'm not sure about that and I'd rather not guess. Would you like me to connect you with a person?",
        "zh": "这个问题我不太确定，不想误导您。需要为您转接人工客服吗？",
        "es": "No estoy seguro y prefiero no adivinar. ¿Quieres que te pase con una persona?",
    },
    "recommend_intro": {
        "en": "Here are a few picks for you:",
        "zh": "为您推荐以下商品：",
        "es": "Aquí tienes algunas sugerencias:",
    },
    "closest_temp": {
        "en": "None of these is rated to {value} °C; the warmest we have are:",
        "zh": "没有适用温度达到 {value} °C 的商品，以下是我们最保暖的几款：",
        "es": "Ninguno está preparado para {value} °C; estos son los más cálidos que tenemos:",
    },
    "closest_litres": {
        "en": "Nothing of that kind holds about {value} L; the closest in size are:",
        "zh": "没有容量约 {value} 升的同类商品，容量最接近的有：",
        "es": "No hay nada de ese tipo de unos {value} L; los de capacidad más parecida son:",
    },
    "closest_persons": {
        "en": "Nothing of that kind is made for {value} people; the closest are:",
        "zh": "没有适合 {value} 人的同类商品，最接近的有：",
        "es": "No hay nada de ese tipo para {value} personas; los más parecidos son:",
    },
    "temp_value": {"en": "rated to {value} °C", "zh": "适用温度 {value} °C", "es": "apto hasta {value} °C"},
    "litres_value": {"en": "{value} L", "zh": "{value} 升", "es": "{value} L"},
    "persons_value": {"en": "{value} people", "zh": "{value} 人", "es": "{value} personas"},
    "reason_named": {"en": "the one you named", "zh": "您提到的商品", "es": "el que mencionaste"},
    "measure_fits": {"en": "Yes — the {title}: {value}.", "zh": "可以 — {title}：{value}。",
                     "es": "Sí — {title}: {value}."},
    "measure_misses": {"en": "No — the {title}: {value}, not {wanted}.", "zh": "不行 — {title}：{value}，不是 {wanted}。",
                       "es": "No — {title}: {value}, no {wanted}."},
    "recommend_over_budget": {
        "en": "Nothing of that kind is in stock within that budget; here are some above it:",
        "zh": "该预算内没有有货的同类商品，以下几款超出预算：",
        "es": "No hay nada de ese tipo en stock dentro de ese presupuesto; estas opciones lo superan:",
    },
    "recommend_other_kinds": {
        "en": "I couldn't find that kind of product in stock; here are some other products you might like:",
        "zh": "没有找到有货的这类商品，您也可以看看这些商品：",
        "es": "No encontré ese tipo de producto en stock; quizá te interesen estos otros:",
    },
    "bot_identity": {
        "en": "I'm the store's automated assistant, not a person. I answer from the store's own information, and a person from our team can take over whenever you like.",
        "zh": "我是商店的自动客服助手，不是真人。我只根据商店自己的信息回答；如果您需要，随时可以转接人工客服。",
        "es": "Soy el asistente automático de la tienda, no una persona. Respondo con la información de la propia tienda, y una persona de nuestro equipo puede atenderte cuando quieras.",
    },
    "cart_card": {
        "en": "Here it is: tap Add to cart on the card to put the {title} in your cart.",
        "zh": "在这里：点击卡片上的“加入购物车”即可把 {title} 加入购物车。",
        "es": "Aquí lo tienes: pulsa Añadir al carrito en la tarjeta para añadir {title} a tu carrito.",
    },
    "cart_which": {
        "en": "I can't see which product you mean. Tell me its name, or ask me to find something, and you can add it from its card.",
        "zh": "我不确定您指的是哪件商品。请告诉我商品名称，或让我帮您找找，然后可以在商品卡片上加入购物车。",
        "es": "No sé a qué producto te refieres. Dime su nombre o pídeme que busque algo, y podrás añadirlo desde su tarjeta.",
    },
    "recommend_none": {
        "en": "I couldn't find products that match. Could you tell me more about what you're looking for?",
        "zh": "没有找到符合条件的商品，能再具体描述一下您的需求吗？",
        "es": "No encontré productos que encajen. ¿Me cuentas un poco más lo que buscas?",
    },
    "product_colour_yes": {
        "en": "Yes, the {title} comes in {colour}.",
        "zh": "有的，{title} 有{colour}款。",
        "es": "Sí, {title} está disponible en {colour}.",
    },
    "product_colour_no": {
        "en": "The {title} comes in {options}, but not in {colour}.",
        "zh": "{title} 有以下颜色：{options}，没有{colour}款。",
        "es": "{title} está disponible en {options}, pero no en {colour}.",
    },
    "product_size_yes": {
        "en": "Yes, the {title} is available in size {size}.",
        "zh": "有的，{title} 有 {size} 码。",
        "es": "Sí, {title} está disponible en talla {size}.",
    },
    "product_size_no": {
        "en": "The {title} is available in sizes {options}, but not {size}.",
        "zh": "{title} 的尺码有：{options}，没有 {size} 码。",
        "es": "{title} está disponible en las tallas {options}, pero no en {size}.",
    },
    "product_options": {
        "en": "The {title} is available in: {options}.",
        "zh": "{title} 可选：{options}。",
        "es": "{title} está disponible en: {options}.",
    },
    "product_price": {
        "en": "The {title} costs {price}.",
        "zh": "{title} 的价格是 {price}。",
        "es": "{title} cuesta {price}.",
    },
    "product_in_stock": {
        "en": "Yes, the {title} is in stock.",
        "zh": "{title} 有货。",
        "es": "Sí, {title} está en stock.",
    },
    "product_out_of_stock": {
        "en": "Sorry, the {title} is out of stock right now.",
        "zh": "抱歉，{title} 目前缺货。",
        "es": "Lo siento, {title} está agotado ahora mismo.",
    },
    "product_attr_yes": {
        "en": "Yes — the {title} is {attr}.",
        "zh": "是的，{title} 是{attr}的。",
        "es": "Sí, {title} es {attr}.",
    },
    "product_attr_no": {
        "en": "No — according to its product details, the {title} is not {attr}.",
        "zh": "根据商品信息，{title} 不是{attr}的。",
        "es": "No: según su ficha, {title} no es {attr}.",
    },
    "product_attr_unknown": {
        "en": "The {title}'s product details don't cover that ({attr}), and I'd rather not guess. "
        "Would you like me to ask a person?",
        "zh": "{title} 的商品信息没有说明这一点（{attr}），我不想误导您。需要为您转接人工客服吗？",
        "es": "La ficha de {title} no dice nada de eso ({attr}) y prefiero no adivinar. "
        "¿Quieres que se lo pregunte a una persona?",
    },
    "product_attr_value": {
        "en": "The {title} — {attr}: {value}.",
        "zh": "{title}：{attr} 为 {value}。",
        "es": "{title}: {attr}: {value}.",
    },
    "product_summary": {
        "en": "The {title} ({price}): {description}",
        "zh": "{title}（{price}）：{description}",
        "es": "{title} ({price}): {description}",
    },
    "compare_intro": {"en": "Here's how they compare:", "zh": "对比如下：", "es": "Así se comparan:"},
    "compare_which": {
        "en": "Which products shall I compare? Tell me their names, or ask me to find some first.",
        "zh": "您想对比哪几件商品？请告诉我商品名称，或先让我帮您找一些。",
        "es": "¿Qué productos comparo? Dime sus nombres o pídeme primero que busque algunos.",
    },
    "compare_winner": {
        "en": "The {title} is {word}: {value}, against {others}.",
        "zh": "{title} {word}：{value}，其他为 {others}。",
        "es": "{title} es {word}: {value}, frente a {others}.",
    },
    "lighter": {"en": "lighter", "zh": "更轻", "es": "más ligero"},
    "heavier": {"en": "heavier", "zh": "更重", "es": "más pesado"},
    "cheaper": {"en": "cheaper", "zh": "更便宜", "es": "más barato"},
    "pricier": {"en": "more expensive", "zh": "更贵", "es": "más caro"},
    "lighter_most": {"en": "the lightest", "zh": "最轻", "es": "el más ligero"},
    "heavier_most": {"en": "the heaviest", "zh": "最重", "es": "el más pesado"},
    "cheaper_most": {"en": "the cheapest", "zh": "最便宜", "es": "el más barato"},
    "pricier_most": {"en": "the most expensive", "zh": "最贵", "es": "el más caro"},
    "longer_battery": {"en": "the longer-lasting", "zh": "续航更长", "es": "el de más autonomía"},
    "brighter": {"en": "brighter", "zh": "更亮", "es": "más brillante"},
    "bigger": {"en": "the bigger one", "zh": "容量更大", "es": "el de mayor capacidad"},
    "warmer": {"en": "warmer", "zh": "更暖和", "es": "más cálido"},
    "longer_battery_most": {"en": "the longest-lasting", "zh": "续航最长", "es": "el de más autonomía"},
    "brighter_most": {"en": "the brightest", "zh": "最亮", "es": "el más brillante"},
    "bigger_most": {"en": "the biggest", "zh": "容量最大", "es": "el de mayor capacidad"},
    "warmer_most": {"en": "the warmest", "zh": "最暖和", "es": "el más cálido"},
    # escalation
    "complaint": {
        "en": "I'm really sorry about this — that's not the experience we want for you. Would you like me to connect you with a person who can sort it out?",
        "zh": "非常抱歉给您带来不好的体验。需要为您转接人工客服来处理吗？",
        "es": "Siento mucho lo ocurrido; no es la experiencia que queremos para ti. ¿Quieres que te pase con una persona que pueda resolverlo?",
    },
    "complaint_order": {
        "en": "I'm really sorry about this — that's not the experience we want for you. Let me look into order {order} right away; a person from our team can also take over whenever you like.",
        "zh": "非常抱歉给您带来不好的体验。我马上为您查看订单 {order}；如果您需要，也可以随时转接人工客服。",
        "es": "Siento mucho lo ocurrido; no es la experiencia que queremos para ti. Reviso ahora mismo el pedido {order}; si lo prefieres, una persona de nuestro equipo puede atenderte cuando quieras.",
    },
    "handoff": {
        "en": "I'm connecting you with a member of our team. They'll see this conversation, so you won't need to repeat yourself.",
        "zh": "正在为您转接人工客服，客服可以看到我们的对话记录，您无需重复说明。",
        "es": "Te paso con una persona de nuestro equipo. Verá esta conversación, así que no tendrás que repetir nada.",
    },
    "handoff_negative": {
        "en": "I'm sorry this has been frustrating. I'm bringing in a member of our team to help you right away.",
        "zh": "很抱歉让您感到困扰，我马上为您转接人工客服。",
        "es": "Siento que esto esté siendo frustrante. Te paso ahora mismo con una persona de nuestro equipo.",
    },
    "handoff_failures": {
        "en": "I don't seem to be getting this right. Let me connect you with a member of our team.",
        "zh": "看来我没能帮上忙，让我为您转接人工客服。",
        "es": "Parece que no lo estoy consiguiendo. Te paso con una persona de nuestro equipo.",
    },
    "model_error": {
        "en": "Sorry, something went wrong on my side. Let me connect you with a person who can help.",
        "zh": "抱歉，我这边出了点问题。我为您转接人工客服。",
        "es": "Lo siento, algo ha fallado por mi parte. Te paso con una persona que pueda ayudarte.",
    },
    "clarify": {
        "en": "Sorry, I didn't quite get that. I can help with orders, returns, shipping and products — what do you need?",
        "zh": "抱歉，我没太明白。我可以帮您处理订单、退货、配送和商品问题，请问您需要什么？",
        "es": "Perdona, no te he entendido bien. Puedo ayudarte con pedidos, devoluciones, envíos y productos. ¿Qué necesitas?",
    },
    "offer_human": {
        "en": "I'm afraid I can't help with that. Would you like to talk to a person?",
        "zh": "这个问题我恐怕帮不上忙，需要转接人工客服吗？",
        "es": "Me temo que no puedo ayudarte con eso. ¿Quieres hablar con una persona?",
    },
    # searched with the customer's words when they ask for the store's phone or e-mail: "what's your phone number?"
    # alone finds the privacy policy (which mentions phone numbers) before the contact entry
    "contact_query": {"en": "How can I contact customer service?", "zh": "怎么联系客服？",
                      "es": "¿Cómo contacto con atención al cliente?"},
    "qr_human": {"en": "Talk to a person", "zh": "转人工客服", "es": "Hablar con una persona"},
    "qr_no_thanks": {"en": "No, thanks", "zh": "不用了", "es": "No, gracias"},
    "qr_order_status": {"en": "Where is my order?", "zh": "我的订单到哪了？", "es": "¿Dónde está mi pedido?"},
    "qr_returns": {"en": "Return an item", "zh": "退货", "es": "Devolver un artículo"},
    "qr_products": {"en": "Find a product", "zh": "找商品", "es": "Buscar un producto"},
    "agent_ack": {
        "en": "Thanks for your patience — I'm looking into this for you now.",
        "zh": "感谢您的耐心等待，我正在为您查看。",
        "es": "Gracias por tu paciencia, lo estoy revisando ahora mismo.",
    },
}

STATUS_WORDS: dict[str, dict[str, str]] = {
    "pending": {"en": "pending", "zh": "待处理", "es": "pendiente"},
    "processing": {"en": "being prepared", "zh": "备货中", "es": "en preparación"},
    "shipped": {"en": "shipped", "zh": "已发货", "es": "enviado"},
    "in_transit": {"en": "in transit", "zh": "运输中", "es": "en tránsito"},
    "out_for_delivery": {"en": "out for delivery", "zh": "派送中", "es": "en reparto"},
    "delivered": {"en": "delivered", "zh": "已送达", "es": "entregado"},
    "cancelled": {"en": "cancelled", "zh": "已取消", "es": "cancelado"},
    "return_requested": {"en": "return requested", "zh": "已申请退货", "es": "devolución solicitada"},
    "exchange_requested": {"en": "exchange requested", "zh": "已申请换货", "es": "cambio solicitado"},
    "returned": {"en": "returned", "zh": "已退货", "es": "devuelto"},
    "refunded": {"en": "refunded", "zh": "已退款", "es": "reembolsado"},
    "issued": {"en": "issued", "zh": "已退款", "es": "emitido"},
}


ATTRIBUTE_WORDS: dict[str, dict[str, str]] = {
    "waterproof": {"en": "waterproof", "zh": "防水", "es": "impermeable"},
    "washable": {"en": "machine washable", "zh": "可机洗", "es": "lavable a máquina"},
    "dishwasher_safe": {"en": "dishwasher safe", "zh": "可用洗碗机清洗", "es": "apto para lavavajillas"},
    "fragrance_free": {"en": "fragrance-free", "zh": "无香", "es": "sin fragancia"},
    "material": {"en": "material", "zh": "材质", "es": "material"},
    "brand": {"en": "brand", "zh": "品牌", "es": "marca"},
    "weight": {"en": "weight", "zh": "重量", "es": "peso"},
    "warranty": {"en": "warranty", "zh": "保修", "es": "garantía"},
    "battery": {"en": "battery life", "zh": "续航", "es": "batería"},
    "dimensions": {"en": "dimensions", "zh": "尺寸", "es": "dimensiones"},
    "colour": {"en": "colour", "zh": "颜色", "es": "color"},
    "temp": {"en": "temperature rating", "zh": "适用温度", "es": "temperatura mínima"},
    "capacity": {"en": "capacity", "zh": "容量", "es": "capacidad"},
    "volume": {"en": "volume", "zh": "容量", "es": "volumen"},
}
COLOUR_WORDS: dict[str, dict[str, str]] = {
    "zh": {
        "black": "黑色",
        "white": "白色",
        "blue": "蓝色",
        "navy": "藏青色",
        "red": "红色",
        "green": "绿色",
        "grey": "灰色",
        "pink": "粉色",
        "yellow": "黄色",
        "brown": "棕色",
        "beige": "米色",
        "purple": "紫色",
        "orange": "橙色",
        "silver": "银色",
        "gold": "金色",
        "teal": "蓝绿色",
        "olive": "橄榄色",
        "charcoal": "炭灰色",
        "burgundy": "酒红色",
        "sand": "沙色",
        "cream": "奶油色",
    },
    "es": {
        "black": "negro",
        "white": "blanco",
        "blue": "azul",
        "navy": "azul marino",
        "red": "rojo",
        "green": "verde",
        "grey": "gris",
        "pink": "rosa",
        "yellow": "amarillo",
        "brown": "marrón",
        "beige": "beige",
        "purple": "morado",
        "orange": "naranja",
        "silver": "plateado",
        "gold": "dorado",
        "teal": "verde azulado",
        "olive": "oliva",
        "charcoal": "carbón",
        "burgundy": "burdeos",
        "sand": "arena",
        "cream": "crema",
    },
}


def attribute_word(attr: str, language: str) -> str:
    """A product attribute's name in the customer's language (the key itself if unknown)."""
    words = ATTRIBUTE_WORDS.get(attr)
    return words.get(language, words["en"]) if words else attr.replace("_", " ")


def colour_word(colour: str, language: str) -> str:
    """An English colour name in the customer's language (unchanged when unknown)."""
    return COLOUR_WORDS.get(language, {}).get(colour, colour)


def say(key: str, language: str, **facts: object) -> str:
    """The message ``key`` in ``language`` (English if unsupported) filled with ``facts``."""
    entry = MESSAGES[key]
    return entry.get(language, entry["en"]).format(**facts)


def status_word(status: str | None, language: str) -> str:
    """An order or refund status in the customer's language (the raw status if unknown)."""
    if not status:
        return say("unknown", language)
    words = STATUS_WORDS.get(status.lower())
    return words.get(language, words["en"]) if words else status.replace("_", " ")
