"""Chinese and Spanish translations of FAQ entries: source id -> lang -> (question, answer)."""

from __future__ import annotations

FAQ_I18N: dict[str, dict[str, tuple[str, str]]] = {
    "faq-shipping-cost": {
        "zh": ("运费是多少？",
               ("美国境内标准配送运费为 {std}，订单金额（折扣后）满 {free} 免运费。加急配送 {exp}，次日达 {ovn}，这两种方式不参与免运费。"
               "国际订单统一运费 {intl}，满 {intl_free} 免运费。")),
        "es": ("¿Cuánto cuesta el envío?",
               ("El envío estándar dentro de EE. UU. cuesta {std} y es gratis en pedidos de {free} o más (después de descuentos). "
               "El envío urgente cuesta {exp} y el de un día, {ovn}; ninguno de los dos tiene envío gratis. Los pedidos "
               "internacionales pagan una tarifa fija de {intl}, gratis a partir de {intl_free}.")),
    },
    "faq-free-shipping": {
        "zh": ("你们有免运费吗？",
               "有。美国境内订单满 {free} 即可享受免费标准配送，金额按使用优惠码之后计算，礼品卡属于付款方式而不算折扣。国际订单满 {intl_free} 也免运费。"),
        "es": ("¿Ofrecen envío gratis?",
               ("Sí. Todos los pedidos en EE. UU. de {free} o más tienen envío estándar gratis. El mínimo se calcula después "
               "de aplicar los códigos promocionales; las tarjetas regalo cuentan como pago, no como descuento. Los pedidos "
               "internacionales de más de {intl_free} también se envían gratis.")),
    },
    "faq-shipping-options": {
        "zh": ("有哪些配送方式？",
               ("美国境内有三种方式：标准配送（{std}，{std_days} 个工作日，USPS 或 UPS 承运）、加急配送（{exp}，{exp_days} 个工作日，"
               "UPS 或 FedEx 承运）和次日达（{ovn}，下一个工作日送达，FedEx 承运）。国际订单由 DHL 配送，运费 {intl}。")),
        "es": ("¿Qué opciones de envío tienen?",
               ("En EE. UU. ofrecemos tres opciones: Estándar ({std}, {std_days} días hábiles, con USPS o UPS), Urgente "
               "({exp}, {exp_days} días hábiles, con UPS o FedEx) y De un día ({ovn}, el siguiente día hábil, con FedEx). "
               "Los pedidos internacionales se envían con DHL por {intl}.")),
    },
    "faq-delivery-time": {
        "zh": ("我的订单多久能到？",
               ("工作日太平洋时间下午 1 点前下单，当天从波特兰仓库发货；之后下单的订单在下一个工作日发货。发货后，标准配送需 {std_days} 个工作日，"
               "加急配送 {exp_days} 个工作日，次日达为一个工作日。国际配送需 {intl_days} 个工作日。")),
        "es": ("¿Cuánto tarda en llegar mi pedido?",
               ("Los pedidos hechos antes de la 1:00 p. m., hora del Pacífico, en un día hábil salen de nuestro almacén de "
               "Portland el mismo día; los posteriores se envían el siguiente día hábil. Después, el envío estándar tarda "
               "{std_days} días hábiles, el urgente {exp_days} y el de un día, un día hábil. El envío internacional tarda "
               "{intl_days} días hábiles.")),
    },
    "faq-order-processing": {
        "zh": ("我的订单什么时候发货？",
               "大多数订单在 1 个工作日内发货。工作日太平洋时间下午 1 点前下单的订单通常当天发货。包裹离开仓库后，我们会立即通过邮件把运单号发给您。"),
        "es": ("¿Cuándo se enviará mi pedido?",
               ("La mayoría de los pedidos se envían en 1 día hábil. Los pedidos realizados antes de la 1:00 p. m., hora del "
               "Pacífico, en un día hábil suelen salir el mismo día. Te enviaremos un correo con el número de seguimiento en "
               "cuanto el paquete salga del almacén.")),
    },
    "faq-track-order": {
        "zh": ("怎么查询订单物流？",
               ("订单发货后，我们会通过邮件告诉您承运商和运单号。您也可以把订单号告诉本助手（例如“订单 1042 到哪了？”），或在账户的“订单”页面查看。"
               "物流信息通常在发货后 24 小时内更新。")),
        "es": ("¿Cómo puedo rastrear mi pedido?",
               ("Cuando tu pedido se envía te mandamos por correo el transportista y el número de seguimiento. También puedes "
               "preguntarle a este asistente con tu número de pedido (por ejemplo, \"¿dónde está el pedido 1042?\") o abrir "
               "Pedidos en tu cuenta. El seguimiento suele actualizarse en las 24 horas posteriores al envío.")),
    },
    "faq-tracking-not-updating": {
        "zh": ("物流信息好几天没更新了，怎么办？",
               ("包裹在承运商转运中心之间运输时，物流信息可能暂时不更新，标准配送和国际包裹尤其常见。如果 5 个工作日（国际包裹 10 个工作日）"
               "仍没有更新，请发邮件至 {email}，我们会向承运商发起查询，必要时为您补发。")),
        "es": ("Mi seguimiento no se actualiza desde hace días. ¿Qué hago?",
               ("El seguimiento puede detenerse mientras el paquete pasa entre centros del transportista, sobre todo en envíos "
               "estándar e internacionales. Si no hay novedades en 5 días hábiles (10 para internacionales), escríbenos a "
               "{email} y abriremos una investigación con el transportista y, si hace falta, enviaremos un reemplazo.")),
    },
    "faq-package-lost": {
        "zh": ("显示已签收，但我没收到包裹。",
               ("请先问问邻居、查看楼里的收发室和投递位置周围，并再等一天：承运商有时会提前扫描为已签收。如果 48 小时后仍未找到，"
               "请在签收日期后 14 天内联系我们，我们会向承运商索赔并为您补发或退款。")),
        "es": ("El seguimiento dice entregado, pero no encuentro el paquete.",
               ("Consulta con tus vecinos, la conserjería de tu edificio y alrededor del lugar de entrega, y espera un día más: "
               "a veces los transportistas lo marcan como entregado antes de tiempo. Si a las 48 horas no aparece, contáctanos "
               "dentro de los 14 días siguientes a la fecha de entrega y presentaremos una reclamación y te enviaremos un "
               "reemplazo o el reembolso.")),
    },
    "faq-damaged-package": {
        "zh": ("收到的商品损坏了怎么办？",
               "非常抱歉！请在签收后 14 天内把商品和包装箱的照片发到 {email} 或直接在本对话中发送。我们会免费补发或全额退款，您无需支付退货运费。"),
        "es": ("Mi pedido llegó dañado. ¿Qué hago?",
               ("¡Lo sentimos mucho! Envíanos una foto del artículo y de la caja dentro de los 14 días posteriores a la entrega "
               "a {email} o por este chat. Te enviaremos un reemplazo gratis o te devolveremos el importe completo, sin que "
               "pagues el envío de la devolución.")),
    },
    "faq-return-window": {
        "zh": ("你们的退货政策是什么？",
               ("大多数商品在签收后 {window} 天内可以退货并全额退款，前提是商品未使用、未洗涤且吊牌完好。美国境内退货使用我们的预付标签，完全免费。"
               "标注“最终促销”的商品、已开封的美妆产品和礼品卡不可退货，除非存在质量问题。")),
        "es": ("¿Cuál es su política de devoluciones?",
               ("Puedes devolver la mayoría de los artículos dentro de los {window} días posteriores a la entrega y recibir el "
               "reembolso completo, siempre que estén sin usar, sin lavar y con sus etiquetas. Las devoluciones dentro de "
               "EE. UU. son gratis con nuestra etiqueta prepagada. Los artículos de Venta final, los productos de belleza "
               "abiertos y las tarjetas regalo no se pueden devolver, salvo que estén defectuosos.")),
    },
    "faq-return-how": {
        "zh": ("怎么退货？",
               ("在账户的“订单”页面发起退货，或把订单号告诉本助手。选择要退的商品和原因后，我们会通过邮件发送预付退货标签。"
               "用任意纸箱包好商品，贴上标签，在 14 天内交到任意 UPS 或 USPS 网点即可。")),
        "es": ("¿Cómo devuelvo un artículo?",
               ("Inicia la devolución en Pedidos dentro de tu cuenta o pídesela a este asistente con tu número de pedido. Elige "
               "los artículos y el motivo, y te enviaremos por correo una etiqueta de devolución prepagada. Empaqueta los "
               "artículos en cualquier caja, pega la etiqueta y entrégala en cualquier punto de UPS o USPS en un plazo de 14 días.")),
    },
    "faq-return-cost": {
        "zh": ("退货要付费吗？",
               ("美国境内退货免费：我们提供预付标签，退款中不扣任何费用。国际退货可以使用我们的 DHL 标签，费用 {intl_label} 从退款中扣除，"
               "也可以自行寄回。")),
        "es": ("¿Las devoluciones son gratis?",
               ("Las devoluciones dentro de EE. UU. son gratis: te enviamos una etiqueta prepagada y no descontamos nada del "
               "reembolso. Para devoluciones internacionales puedes usar nuestra etiqueta de DHL por {intl_label}, que se "
               "descuenta del reembolso, o enviar el paquete por tu cuenta.")),
    },
    "faq-return-late": {
        "zh": ("超过 30 天还能退货吗？",
               "我们的退货期限是签收后 {window} 天。超过期限后无法退货退款，但如果商品有质量问题，仍在 {warranty} 年保修范围内，请联系我们安排维修或更换。"),
        "es": ("¿Puedo devolver algo después de 30 días?",
               ("Nuestro plazo de devolución es de {window} días desde la entrega. Pasado ese plazo no podemos aceptar "
               "devoluciones con reembolso, pero si el artículo es defectuoso sigue cubierto por nuestra garantía de "
               "{warranty} años: contáctanos y te ayudaremos con la reparación o el reemplazo.")),
    },
    "faq-refund-time": {
        "zh": ("退款需要多长时间？",
               "我们会在仓库收到退货后 {refund_days} 个工作日内处理退款，款项退回您的原付款方式；银行通常还需要 5-10 个工作日才会在账单上显示。"),
        "es": ("¿Cuánto tarda un reembolso?",
               ("Procesamos los reembolsos en un plazo de {refund_days} días hábiles desde que recibimos tu devolución en el "
               "almacén. El dinero vuelve a tu método de pago original; los bancos suelen tardar otros 5-10 días hábiles en "
               "mostrarlo en tu extracto.")),
    },
    "faq-refund-method": {
        "zh": ("退款会退回原付款方式吗？",
               "会。退款始终退回您付款时使用的银行卡、PayPal 账户或电子钱包。使用礼品卡支付的订单会退到一张新的礼品卡。如果您的银行卡已过期，银行仍会把退款转入您的账户。"),
        "es": ("¿Me devolverán el dinero al mismo método de pago?",
               ("Sí. Los reembolsos siempre vuelven a la tarjeta, cuenta de PayPal o billetera con la que pagaste. Los pedidos "
               "pagados con tarjeta regalo se reembolsan en una tarjeta regalo nueva. Si tu tarjeta ha caducado, tu banco "
               "igualmente abonará el reembolso en tu cuenta.")),
    },
    "faq-exchange": {
        "zh": ("可以换其他尺码或颜色吗？",
               "可以，签收后 {window} 天内均可换货。在账户或本对话中发起换货，选择新的尺码或颜色，承运商扫描您的退货包裹后，我们会立即寄出新商品。美国境内换货免费。"),
        "es": ("¿Puedo cambiar un artículo por otra talla o color?",
               ("Sí, dentro de los {window} días posteriores a la entrega. Inicia el cambio en tu cuenta o en este chat, elige "
               "la nueva talla o color y enviaremos el reemplazo en cuanto el transportista escanee tu devolución. Los cambios "
               "son gratis dentro de EE. UU.")),
    },
    "faq-cancel-order": {
        "zh": ("我可以取消订单吗？",
               "可以，只要订单还没有发货（状态仍为“处理中”）。把订单号告诉本助手，或在账户中点击“取消订单”。订单发货后无法取消，但您可以在 {window} 天内免费退货。"),
        "es": ("¿Puedo cancelar mi pedido?",
               ("Sí, siempre que todavía no se haya enviado (su estado sigue siendo \"en preparación\"). Pídeselo a este "
               "asistente con tu número de pedido o usa Cancelar pedido en tu cuenta. Una vez enviado no se puede cancelar, "
               "pero puedes devolverlo gratis en un plazo de {window} días.")),
    },
    "faq-change-order": {
        "zh": ("下单后还能修改订单吗？",
               "订单处于“处理中”状态时，我们可以修改尺码、颜色或数量，删除商品，或升级为更快的配送方式。已下的订单无法再使用优惠码。订单发货后就不能修改了。"),
        "es": ("¿Puedo modificar mi pedido después de hacerlo?",
               ("Mientras el pedido esté en preparación podemos cambiar tallas, colores o cantidades, quitar artículos o pasar "
               "a un envío más rápido. No podemos añadir un código promocional a un pedido ya realizado. Una vez enviado, ya "
               "no es posible hacer cambios.")),
    },
    "faq-change-address": {
        "zh": ("怎么修改收货地址？",
               "如果订单还没发货，请告诉我们订单号和新地址，我们会帮您更新。发货后我们可以请承运商改派，但不能保证成功。以后订单的常用地址可以在账户中修改。"),
        "es": ("¿Cómo cambio la dirección de envío?",
               ("Si tu pedido aún no se ha enviado, dinos el número de pedido y la nueva dirección y la actualizaremos. Después "
               "del envío podemos pedir al transportista que lo redirija, pero no está garantizado. Las direcciones guardadas "
               "para futuros pedidos se cambian en tu cuenta.")),
    },
    "faq-payment-methods": {
        "zh": ("你们接受哪些付款方式？",
               "我们接受 Visa、Mastercard、American Express、Discover、PayPal、Apple Pay、Google Pay 和 Northwind 礼品卡。所有价格均以美元计价。"),
        "es": ("¿Qué métodos de pago aceptan?",
               ("Aceptamos Visa, Mastercard, American Express, Discover, PayPal, Apple Pay, Google Pay y tarjetas regalo "
               "Northwind. Todos los precios están en dólares estadounidenses.")),
    },
    "faq-payment-declined": {
        "zh": ("为什么我的付款被拒绝了？",
               "付款被拒通常是因为账单地址与银行卡不符、银行卡已过期或银行的安全检查。请核对信息、换一种付款方式，或致电您的银行。我们无法看到银行拒绝付款的具体原因。"),
        "es": ("¿Por qué rechazaron mi pago?",
               ("Los rechazos suelen deberse a una dirección de facturación que no coincide con la tarjeta, una tarjeta "
               "caducada o un control de seguridad del banco. Revisa los datos, prueba otro método de pago o llama a tu "
               "banco. Nosotros nunca vemos el motivo por el que un banco rechaza una tarjeta.")),
    },
    "faq-double-charge": {
        "zh": ("我的订单被扣了两次款。",
               "第二笔通常是尚未完成的预授权，会在 3-5 个工作日内自动撤销。如果账单上出现两笔已完成的扣款，请把订单号发给我们，我们会立即退还重复的款项。"),
        "es": ("Me cobraron dos veces el pedido.",
               ("Normalmente el segundo cargo es una autorización pendiente que desaparece en 3-5 días hábiles. Si en tu "
               "extracto aparecen dos cargos completados, envíanos el número de pedido y reembolsaremos el duplicado de inmediato.")),
    },
    "faq-promo-codes": {
        "zh": ("怎么使用优惠码？",
               "结账时在“优惠码”框中输入代码并点击“应用”。每个订单只能使用一个优惠码，下单后无法再添加优惠码。"),
        "es": ("¿Cómo uso un código promocional?",
               ("Escribe el código en la casilla Código promocional al pagar y pulsa Aplicar. Solo se puede usar un código por "
               "pedido y no se pueden añadir códigos a un pedido ya realizado.")),
    },
    "faq-promo-not-working": {
        "zh": ("为什么我的优惠码用不了？",
               "请确认优惠码没有过期、订单满足最低金额要求（TRAIL15 需满 100 美元，FREESHIP40 需满 40 美元），并且没有与其他优惠码叠加使用。WELCOME10 仅限首单使用。"),
        "es": ("¿Por qué no funciona mi código promocional?",
               ("Comprueba que el código no haya caducado, que tu pedido cumpla el mínimo (TRAIL15 requiere 100 $ o más y "
               "FREESHIP40, 40 $) y que no lo estés combinando con otro código. WELCOME10 solo sirve para el primer pedido.")),
    },
    "faq-price-adjustment": {
        "zh": ("我买完后降价了，可以退差价吗？",
               "可以。如果商品在您下单后 {adjust_days} 天内降价，请联系我们，我们会把差价退回您的原付款方式。此政策不适用于优惠码或不足一天的限时抢购。"),
        "es": ("El precio bajó después de comprar. ¿Me devuelven la diferencia?",
               ("Sí. Si el precio de un artículo baja dentro de los {adjust_days} días posteriores a tu pedido, contáctanos y "
               "te reembolsaremos la diferencia en tu método de pago original. No aplica a códigos promocionales ni a ofertas "
               "relámpago de menos de un día.")),
    },
    "faq-reset-password": {
        "zh": ("我忘记密码了。",
               "在登录页面点击“忘记密码”并输入您的邮箱，我们会发送一个 60 分钟内有效的重置链接。如果没收到邮件，请检查垃圾邮件文件夹或联系 {email}。"),
        "es": ("Olvidé mi contraseña.",
               ("Haz clic en ¿Olvidaste tu contraseña? en la página de inicio de sesión e introduce tu correo; te enviaremos "
               "un enlace para restablecerla válido durante 60 minutos. Si no llega, revisa la carpeta de spam o escribe a {email}.")),
    },
    "faq-warranty": {
        "zh": ("你们的商品有保修吗？",
               ("我们销售的所有商品对材料和工艺缺陷提供 {warranty} 年保修，电子配件保修 {warranty_el} 年。Northwind 自有品牌装备终身维修或更换。"
               "正常磨损、意外损坏和使用不当不在保修范围内。")),
        "es": ("¿Qué garantía tienen sus productos?",
               ("Todo lo que vendemos tiene una garantía de {warranty} años contra defectos de materiales y fabricación; los "
               "accesorios electrónicos tienen {warranty_el} año. El equipo de la marca Northwind se repara o reemplaza de por "
               "vida. El desgaste normal, los accidentes y el mal uso no están cubiertos.")),
    },
    "faq-size-guide": {
        "zh": ("怎么选择尺码？",
               "每个服装和鞋类商品页面都有“尺码指南”链接，提供以英寸和厘米为单位的身体尺寸。我们的服装尺码标准；如果您介于两个尺码之间或打算在里面叠穿，请选择大一号。"),
        "es": ("¿Cómo encuentro mi talla?",
               ("Cada página de ropa y calzado tiene un enlace a la Guía de tallas con medidas en pulgadas y centímetros. "
               "Nuestra ropa es de talla normal; si estás entre dos tallas o quieres llevar capas debajo, elige la más grande.")),
    },
    "faq-international": {
        "zh": ("你们提供国际配送吗？",
               "提供。我们通过 DHL 配送到加拿大、墨西哥、英国、西班牙、法国、德国、澳大利亚、中国、新加坡和日本。运费统一 {intl}（满 {intl_free} 免运费），需 {intl_days} 个工作日。"),
        "es": ("¿Hacen envíos internacionales?",
               ("Sí, enviamos con DHL a Canadá, México, Reino Unido, España, Francia, Alemania, Australia, China, Singapur y "
               "Japón. El envío cuesta una tarifa fija de {intl} (gratis a partir de {intl_free}) y tarda {intl_days} días hábiles.")),
    },
    "faq-customs": {
        "zh": ("需要支付关税吗？",
               "国际订单以“关税未付”方式寄送：进口关税、税费或清关手续费由承运商或当地海关在派送时收取，不包含在我们的价格中。"),
        "es": ("¿Tendré que pagar aranceles de aduana?",
               ("Los pedidos internacionales se envían sin aranceles pagados: los derechos de importación, impuestos o tasas de "
               "gestión los cobra el transportista o la aduana de tu país en la entrega y no están incluidos en nuestros precios.")),
    },
    "faq-contact": {
        "zh": ("怎么联系客服？",
               ("发送邮件至 {email} 或致电 {phone}。客服团队的服务时间为太平洋时间周一至周五 8:00-20:00，周六至周日 9:00-17:00。本助手全天候在线，"
               "并可在服务时间内为您转接人工客服。")),
        "es": ("¿Cómo contacto con atención al cliente?",
               ("Escribe a {email} o llama al {phone}. Nuestro equipo atiende de lunes a viernes de 8:00 a 20:00 y sábados y "
               "domingos de 9:00 a 17:00, hora del Pacífico. Este asistente responde a cualquier hora y puede pasarte con una "
               "persona en ese horario.")),
    },
    "faq-human-agent": {
        "zh": ("可以转人工客服吗？",
               "当然可以。请让本助手为您转接人工客服；在服务时间内（太平洋时间周一至周五 8:00-20:00，周六至周日 9:00-17:00）通常几分钟内就会有客服加入对话。"),
        "es": ("¿Puedo hablar con una persona?",
               ("Por supuesto. Pide a este asistente que te conecte con un agente; en horario de atención (de lunes a viernes "
               "de 8:00 a 20:00 y sábados y domingos de 9:00 a 17:00, hora del Pacífico) alguien se une al chat, normalmente "
               "en pocos minutos.")),
    },
    "faq-wrong-item": {
        "zh": ("我收到的商品不对。",
               "很抱歉。请告诉我们订单号和您收到的商品，我们会立即免费用加急配送寄出正确的商品，并通过邮件发送预付标签，方便您把错发的商品寄回。"),
        "es": ("Recibí un artículo equivocado.",
               ("Lo sentimos. Dinos tu número de pedido y qué te llegó; te enviaremos enseguida el artículo correcto con "
               "envío urgente sin costo y te mandaremos por correo una etiqueta prepagada para que devuelvas el equivocado.")),
    },
    "faq-return-status": {
        "zh": ("怎么查询退货进度？",
               "把订单号告诉本助手，或在账户的“订单”页面查看。包裹到达仓库前，退货状态显示为“已申请”；到达后显示为“已收到”；退款发出后显示为“已退款”。"),
        "es": ("¿Cómo consulto el estado de mi devolución?",
               ("Pregúntale a este asistente con tu número de pedido o abre Pedidos en tu cuenta. La devolución aparece como "
               "solicitada hasta que el paquete llega a nuestro almacén, luego como recibida y, por último, como reembolsada "
               "cuando el dinero ya va en camino.")),
    },
    "faq-return-final-sale": {
        "zh": ("“最终促销”商品可以退吗？",
               "不可以。商品页面和订单确认中标注为“最终促销”的商品不能退换，除非到货时已损坏或有质量问题。"),
        "es": ("¿Puedo devolver artículos de Venta final?",
               ("No. Los artículos marcados como Venta final en la página del producto y en la confirmación del pedido no "
               "se pueden devolver ni cambiar, salvo que lleguen dañados o defectuosos.")),
    },
    "faq-exchange-out-of-stock": {
        "zh": ("想换的尺码缺货怎么办？",
               "如果换货商品缺货，我们会改为给您退款；您也可以在商品页面订阅到货提醒，补货后再重新下单。"),
        "es": ("¿Qué pasa si la talla que quiero para el cambio está agotada?",
               ("Si el reemplazo está agotado, te reembolsaremos el artículo devuelto, o puedes suscribirte al aviso de "
               "reposición en la página del producto y volver a pedirlo cuando haya existencias.")),
    },
    "faq-gift-wrap": {
        "zh": ("可以帮我把订单包装成礼物吗？",
               ("我们不提供礼品包装服务，所有订单都用素色的再生纸箱发货。如果是送礼，结账时选择“这是礼物”，装箱单上会印上您的留言且不显示价格；"
               "收礼人可以凭装箱单上的订单号退货或换货。")),
        "es": ("¿Pueden envolver mi pedido para regalo?",
               ("No ofrecemos envoltorio de regalo: todos los pedidos se envían en nuestras cajas lisas de cartón reciclado. "
               "Si es un regalo, elige \"Es un regalo\" al pagar y el comprobante del paquete llevará tu mensaje y ningún "
               "precio; quien lo reciba podrá devolver o cambiar el artículo con el número de pedido de ese comprobante.")),
    },
    "faq-order-confirmation": {
        "zh": ("我没收到订单确认邮件。",
               "确认邮件通常几分钟内就会送达。请检查垃圾邮件文件夹，并确认订单上的邮箱地址是否正确。您也可以把订单号告诉本助手，确认订单是否下单成功。"),
        "es": ("No recibí el correo de confirmación del pedido.",
               ("Los correos de confirmación suelen llegar en pocos minutos. Revisa la carpeta de spam y comprueba que el "
               "correo del pedido sea correcto. También puedes darle tu número de pedido a este asistente para confirmar "
               "que el pedido se realizó.")),
    },
    "faq-invoice": {
        "zh": ("可以给我的订单开发票或收据吗？",
               ("可以。订单确认邮件就是您的收据。如需列明销售税的 PDF 明细发票（invoice），请在账户的“订单”中打开该订单并点击“下载发票”；"
               "如需加上公司名称或税号，请附上订单号发邮件至 {email}。我们是美国公司，无法开具增值税（VAT）发票或中国的发票（fapiao）。")),
        "es": ("¿Me pueden dar una factura o un recibo de mi pedido?",
               ("Sí. El correo de confirmación del pedido es tu recibo. Para una factura detallada en PDF con el impuesto sobre "
               "las ventas, abre el pedido en Pedidos de tu cuenta y haz clic en Descargar factura; para añadir el nombre de "
               "una empresa o un número fiscal, escribe a {email} con tu número de pedido. Como empresa de EE. UU. no podemos "
               "emitir facturas con IVA ni fapiao chinos.")),
    },
    "faq-gift-cards": {
        "zh": ("你们卖礼品卡吗？",
               "卖的。电子礼品卡面额有 25、50、100 和 200 美元，通过邮件发送。礼品卡永不过期，结账时可以与其他付款方式组合使用。"),
        "es": ("¿Venden tarjetas regalo?",
               ("Sí, tarjetas regalo digitales de 25, 50, 100 o 200 $ que se envían por correo. No caducan nunca y se pueden "
               "combinar con otro método de pago al finalizar la compra.")),
    },
    "faq-welcome-discount": {
        "zh": ("新顾客有折扣吗？",
               "有：优惠码 WELCOME10 首单立减 10%。订阅我们的新闻邮件，也会收到这个优惠码。"),
        "es": ("¿Tienen descuento para clientes nuevos?",
               ("Sí: el código WELCOME10 te da un 10 % de descuento en tu primer pedido. Suscríbete a nuestro boletín y "
               "también te lo enviaremos por correo.")),
    },
    "faq-loyalty": {
        "zh": ("你们有会员积分吗？",
               "有，Trail Rewards 会员计划免费加入：每消费 1 美元得 1 积分，每 200 积分可抵 10 美元。订单发货时积分到账，商品退货后相应积分会被扣除。"),
        "es": ("¿Tienen un programa de recompensas?",
               ("Sí, Trail Rewards es gratuito: ganas 1 punto por cada dólar y cada 200 puntos equivalen a 10 $ de descuento. "
               "Los puntos aparecen cuando se envía el pedido y se restan si devuelves artículos.")),
    },
    "faq-chat-data": {
        "zh": ("这个聊天会被记录吗？",
               "会的。聊天记录保存 12 个月，用于改进服务，并方便接手对话的客服了解情况。保存的记录中，邮箱地址和电话号码会被自动隐藏。"),
        "es": ("¿Se guarda esta conversación?",
               ("Sí, las conversaciones se guardan durante 12 meses para mejorar el servicio y ayudar a los agentes que "
               "retoman tu conversación. Los correos y teléfonos se ocultan en las transcripciones guardadas.")),
    },
    "faq-international-returns": {
        "zh": ("国际订单怎么退货？",
               "国际顾客同样享有 {window} 天退货期。您可以使用我们的预付 DHL 标签（{intl_label}，从退款中扣除），也可以自选承运商寄到 {returns_address}。"),
        "es": ("¿Cómo funcionan las devoluciones internacionales?",
               ("Los clientes internacionales tienen el mismo plazo de {window} días. Puedes usar nuestra etiqueta prepagada "
               "de DHL por {intl_label}, que se descuenta del reembolso, o enviar el paquete con el transportista que "
               "prefieras a {returns_address}.")),
    },
    "faq-shipping-weekend": {
        "zh": ("周末或节假日发货吗？",
               "我们的仓库周一至周五发货，美国联邦法定节假日除外。周末下的订单会在周一发货。USPS 周六也派送，所以标准配送的包裹仍有可能在周六送达。"),
        "es": ("¿Hacen envíos los fines de semana o en días festivos?",
               ("Nuestro almacén envía de lunes a viernes, excepto los días festivos federales de EE. UU. Los pedidos "
               "realizados en fin de semana se envían el lunes. USPS reparte los sábados, así que los paquetes con envío "
               "estándar pueden llegar igualmente en sábado.")),
    },
    "faq-po-box": {
        "zh": ("可以寄到邮政信箱（PO Box）或 APO/FPO 地址吗？",
               "可以。标准配送可通过 USPS 寄到邮政信箱（PO Box）以及 APO/FPO/DPO 军邮地址。加急配送和次日达需要填写街道地址，因为 UPS 和 FedEx 无法投递到邮政信箱。"),
        "es": ("¿Pueden enviar a un apartado postal (PO box) o a una dirección APO/FPO?",
               ("Sí. El envío estándar llega a apartados postales (PO box) y a direcciones militares APO/FPO/DPO a través de "
               "USPS. El envío urgente y el de un día necesitan una dirección física, porque UPS y FedEx no pueden entregar "
               "en apartados postales.")),
    },
    "faq-split-shipment": {
        "zh": ("为什么我的订单分成了好几个包裹？",
               "如果部分商品从其他货架发出，或稍后才重新到货，我们会将其单独寄出，不额外收费。每个包裹都有自己的运单号，发货确认邮件中会列明哪些商品装在哪个包裹里。"),
        "es": ("¿Por qué mi pedido llegó en más de un paquete?",
               ("Si algunos artículos salen de otra estantería o vuelven a estar disponibles más tarde, los enviamos por "
               "separado sin costo adicional. Cada paquete tiene su propio número de seguimiento, y el correo de "
               "confirmación de envío indica qué artículos van en cada caja.")),
    },
    "faq-return-holiday": {
        "zh": ("节日期间退货期会延长吗？",
               "会。11 月 1 日至 12 月 31 日期间签收的商品，最晚可在 2027 年 1 月 31 日退货，即使届时距签收已超过 {window} 天。"),
        "es": ("¿Amplían el plazo de devolución en las fiestas?",
               ("Sí. Los artículos entregados entre el 1 de noviembre y el 31 de diciembre se pueden devolver hasta el 31 de "
               "enero de 2027, aunque hayan pasado más de {window} días desde la entrega.")),
    },
    "faq-return-without-receipt": {
        "zh": ("收到的礼物可以退货吗？",
               "可以。请使用装箱单上或送礼人邮件中的订单号发起礼品退货。礼品退货的款项会以店铺抵用金的形式退给您，送礼人不会收到通知。"),
        "es": ("¿Puedo devolver un regalo?",
               ("Sí. Inicia una devolución de regalo con el número de pedido que aparece en el comprobante del paquete o en "
               "el correo de quien te lo regaló. Las devoluciones de regalos se te reembolsan como crédito en la tienda, y "
               "no se avisa a quien hizo el regalo.")),
    },
    "faq-return-opened-beauty": {
        "zh": ("已开封的美妆产品可以退吗？",
               "出于卫生考虑，我们只接受未开封且密封完好的美妆产品退货。如果产品引起皮肤刺激或到货时已损坏，请联系我们，我们会为您安排退款。"),
        "es": ("¿Puedo devolver productos de belleza que ya abrí?",
               ("Por motivos de higiene, solo aceptamos productos de belleza sin abrir y sellados. Si un producto te irritó "
               "la piel o llegó dañado, contáctanos y gestionaremos el reembolso.")),
    },
    "faq-return-gift-card": {
        "zh": ("礼品卡可以退吗？",
               "不可以。礼品卡不可退货，除非法律另有要求，也不能兑换现金。礼品卡永不过期，也不收取任何费用。如果您退回的商品来自用礼品卡支付的订单，退款会退到一张新的电子礼品卡。"),
        "es": ("¿Puedo devolver una tarjeta regalo?",
               ("No. Las tarjetas regalo no admiten devolución y tampoco se pueden canjear por dinero en efectivo, salvo "
               "cuando la ley lo exija. No caducan nunca y no tienen comisiones. Si devuelves artículos de un pedido pagado "
               "con tarjeta regalo, el reembolso se hace en una tarjeta regalo digital nueva.")),
    },
    "faq-return-in-store": {
        "zh": ("网上订单可以到实体店退货吗？",
               "Northwind Outfitters 是纯网店，因此退货需使用我们通过邮件发给您的预付标签寄回。退货地址为 {returns_address}。"),
        "es": ("¿Puedo devolver en una tienda física un pedido hecho en línea?",
               ("Northwind Outfitters es una tienda solo en línea, así que las devoluciones se envían por paquetería con la "
               "etiqueta prepagada que te mandamos por correo. La dirección de devoluciones es {returns_address}.")),
    },
    "faq-refund-shipping": {
        "zh": ("运费可以退吗？",
               "如果因为我们的失误或商品质量问题而退回整个订单，我们会退还原订单的运费。其他情况的退货，我们只退还商品金额，原运费不予退还。"),
        "es": ("¿Me devuelven los gastos de envío?",
               ("Reembolsamos los gastos de envío originales cuando se devuelve el pedido completo por un error nuestro o un "
               "defecto. En las demás devoluciones reembolsamos los artículos, pero no los gastos de envío originales.")),
    },
    "faq-refund-partial": {
        "zh": ("我用了优惠码，退货能退多少钱？",
               "如果订单使用了优惠码，折扣会分摊到各件商品上，因此每件商品的退款金额是您实际为它支付的价格，而不是它的原标价。"),
        "es": ("Usé un código promocional. ¿Cuánto me van a devolver?",
               ("Si tu pedido tenía un código promocional, el descuento se reparte entre los artículos, así que el reembolso "
               "de cada artículo es el precio que realmente pagaste por él, no su precio de catálogo completo.")),
    },
    "faq-refund-missing": {
        "zh": ("我还没收到退款。",
               "请在订单中查看退款日期：我们发出退款后，银行需要 5-10 个工作日入账。如果已超过这段时间，请发邮件至 {email}，我们会把退款参考号发给您，方便您的银行追查。"),
        "es": ("Todavía no he recibido mi reembolso.",
               ("Revisa la fecha del reembolso en tu pedido: una vez que lo emitimos, los bancos tardan 5-10 días hábiles en "
               "abonarlo. Si ya pasó más tiempo, escríbenos a {email} y te enviaremos la referencia del reembolso para que tu "
               "banco pueda rastrearlo.")),
    },
    "faq-exchange-different-item": {
        "zh": ("可以换成别的商品吗？",
               "换货仅限同一商品的不同尺码或颜色。如果想要其他商品，请先把原商品退货退款，再重新下单，这样您能最快收到新商品。"),
        "es": ("¿Puedo cambiar un artículo por otro producto?",
               ("Los cambios son para otra talla o color del mismo producto. Si quieres un producto diferente, devuelve el "
               "primero para que te lo reembolsemos y haz un pedido nuevo; así recibirás el nuevo artículo lo antes posible.")),
    },
    "faq-add-item": {
        "zh": ("已经下单了，还能再加商品吗？",
               "我们无法把新商品并入已下的订单，但如果两个订单都还处于“处理中”状态，我们会把它们一起寄出，并退还第二个订单的运费。直接告诉本助手即可。"),
        "es": ("¿Puedo añadir un artículo a un pedido que ya hice?",
               ("No podemos añadir artículos nuevos a un pedido ya realizado, pero si los dos pedidos siguen en preparación, "
               "los enviaremos juntos y te reembolsaremos el envío del segundo pedido. Solo tienes que pedírselo a este "
               "asistente.")),
    },
    "faq-backorder": {
        "zh": ("商品缺货怎么办？",
               "缺货的尺码和颜色无法下单。您可以在商品页面订阅到货提醒邮件。如果您订购的商品最终无法供货，我们会在 1 个工作日内退还该商品的款项，并寄出其余商品。"),
        "es": ("¿Qué pasa si un artículo está agotado?",
               ("Las tallas y colores agotados no se pueden pedir. En la página del producto puedes pedir un aviso por correo "
               "cuando vuelva a haber existencias. Si un artículo que pediste resulta no estar disponible, te lo "
               "reembolsaremos en 1 día hábil y enviaremos el resto.")),
    },
    "faq-payment-when-charged": {
        "zh": ("什么时候扣款？",
               "下单时我们会对您的银行卡进行预授权，订单发货时才正式扣款。如果订单在发货前取消，预授权会被释放；银行通常会在 3-5 个工作日内将其撤销。"),
        "es": ("¿Cuándo me cobran?",
               ("Autorizamos el importe en tu tarjeta cuando haces el pedido y cobramos el pago cuando se envía. Si el pedido "
               "se cancela antes del envío, la autorización se libera; tu banco suele eliminarla en 3-5 días hábiles.")),
    },
    "faq-payment-currency": {
        "zh": ("可以用本地货币付款吗？",
               "所有价格均以美元收取。您的银行会进行货币换算，并可能收取境外交易手续费。"),
        "es": ("¿Puedo pagar en mi moneda local?",
               ("Los precios se cobran en dólares estadounidenses. Tu banco convierte el importe y puede añadir una comisión "
               "por transacción en el extranjero.")),
    },
    "faq-sales-tax": {
        "zh": ("你们收销售税吗？",
               "在有要求的美国各州，我们会代收销售税，税额会在结账付款前显示。国际订单可能需要缴纳进口关税和税费，由承运商在派送时收取。"),
        "es": ("¿Cobran impuesto sobre las ventas?",
               ("Cobramos el impuesto sobre las ventas (sales tax) en los estados de EE. UU. donde es obligatorio; se muestra "
               "al finalizar la compra, antes de pagar. Los pedidos internacionales pueden tener que pagar aranceles e "
               "impuestos de importación, que el transportista cobra en la entrega.")),
    },
    "faq-installments": {
        "zh": ("可以分期付款吗？",
               "我们没有自己的分期付款计划，但订单金额在 30 美元至 1,500 美元之间时，结账时可以使用 PayPal Pay in 4（分 4 期付款）。"),
        "es": ("¿Puedo pagar a plazos?",
               ("No ofrecemos planes de pago a plazos propios, pero al finalizar la compra puedes usar PayPal Pay in 4 (pago "
               "en 4 plazos) en pedidos de entre 30 $ y 1500 $.")),
    },
    "faq-price-match": {
        "zh": ("你们可以按其他商家的价格卖吗？",
               "对于美国大型零售商在售且有现货的完全相同的商品（品牌、型号、颜色和尺码都相同），我们可以按其价格出售。请在下单前联系我们，并附上该优惠的链接。电商平台卖家、拍卖和优惠券价格不在此列。"),
        "es": ("¿Igualan los precios de otras tiendas?",
               ("Igualamos el precio de un artículo idéntico (misma marca, modelo, color y talla) que venda un gran minorista "
               "de EE. UU. y que tenga en existencia. Contáctanos antes de hacer tu pedido con un enlace a la oferta. No "
               "cuentan los vendedores de marketplaces, las subastas ni los precios con cupón.")),
    },
    "faq-create-account": {
        "zh": ("必须注册账户才能下单吗？",
               "不需要，您可以以访客身份结账。注册免费账户后，您可以跟踪订单、几步就能发起退货、保存地址，并赚取 Trail Rewards 积分。"),
        "es": ("¿Necesito una cuenta para hacer un pedido?",
               ("No, puedes comprar como invitado. Con una cuenta gratuita puedes seguir tus pedidos, iniciar devoluciones en "
               "pocos clics, guardar direcciones y ganar puntos Trail Rewards.")),
    },
    "faq-change-email": {
        "zh": ("怎么修改账户的邮箱地址？",
               "登录后打开“账户设置”，修改您的邮箱地址；我们会向新地址发送确认链接。已下的订单仍会把通知发送到旧地址，除非您请我们修改。"),
        "es": ("¿Cómo cambio el correo de mi cuenta?",
               ("Inicia sesión, abre Configuración de la cuenta y edita tu dirección de correo; te enviaremos un enlace de "
               "confirmación a la nueva dirección. Los pedidos que ya hiciste seguirán enviando avisos a la dirección "
               "anterior, a menos que nos pidas cambiarlos.")),
    },
    "faq-delete-account": {
        "zh": ("怎么注销账户？",
               "请用账户所用的邮箱发邮件至 {privacy_email}，我们会在 30 天内删除您的账户和个人数据，但出于税务原因必须保留的订单记录除外。"),
        "es": ("¿Cómo elimino mi cuenta?",
               ("Escribe a {privacy_email} desde la dirección de correo de tu cuenta y eliminaremos tu cuenta y tus datos "
               "personales en un plazo de 30 días, salvo los registros de pedidos que debemos conservar por motivos fiscales.")),
    },
    "faq-newsletter": {
        "zh": ("怎么退订你们的邮件？",
               "点击任意一封营销邮件底部的“退订”，或在“账户设置”中关闭新闻邮件。您仍会收到与订单相关的邮件。"),
        "es": ("¿Cómo me doy de baja de sus correos?",
               ("Haz clic en Cancelar suscripción al final de cualquier correo promocional o desactiva los boletines en "
               "Configuración de la cuenta. Seguirás recibiendo los correos sobre tus pedidos.")),
    },
    "faq-warranty-claim": {
        "zh": ("怎么申请保修？",
               "请把订单号、问题的简要描述和照片发送到 {email}，或直接在本对话中发送。申请通过后，我们会发送预付标签，并对商品进行维修、更换或退款，通常在 10 个工作日内完成。"),
        "es": ("¿Cómo presento una reclamación de garantía?",
               ("Envía tu número de pedido, una breve descripción y fotos del problema a {email} o compártelos en este chat. "
               "Si aprobamos la reclamación, te enviamos una etiqueta prepagada y reparamos, reemplazamos o reembolsamos el "
               "artículo, normalmente en 10 días hábiles.")),
    },
    "faq-repairs": {
        "zh": ("你们提供装备维修吗？",
               "提供。过了保修期的维修（拉链、接缝、帐篷杆、羽绒服）按报价收费。请附上照片联系我们，我们会在开始维修前把估价发给您。"),
        "es": ("¿Hacen reparaciones de equipo?",
               ("Sí. Hacemos reparaciones fuera de garantía (cremalleras, costuras, varillas de tienda de campaña, chaquetas "
               "de plumón) por un precio que te presupuestamos. Contáctanos con fotos y te enviaremos un presupuesto antes de "
               "empezar cualquier trabajo.")),
    },
    "faq-shoe-sizing": {
        "zh": ("你们的鞋子尺码标准吗？",
               "我们大多数鞋款的尺码与美码标准一致。徒步靴预留了穿厚袜子的空间，所以如果您穿薄袜子或介于两个尺码之间，请选小半码。大多数款式提供 6 至 13 码。"),
        "es": ("¿Su calzado es de talla normal?",
               ("La mayor parte de nuestro calzado sigue fielmente la talla de EE. UU. Las botas de senderismo tienen espacio "
               "para calcetines gruesos, así que si usas calcetines finos o estás entre dos tallas, elige media talla menos. "
               "La mayoría de los modelos están disponibles de la talla 6 a la 13.")),
    },
    "faq-product-care": {
        "zh": ("防水夹克怎么洗？",
               "防水外套请使用专用洗涤剂，以 30 °C 轻柔模式洗涤，不要使用柔顺剂；然后用烘干机低温烘干 20 分钟，以重新激活防泼水涂层。洗涤前请拉上所有拉链。"),
        "es": ("¿Cómo lavo una chaqueta impermeable?",
               ("Lava las chaquetas impermeables en un ciclo suave a 30 °C con un detergente técnico y sin suavizante; después "
               "sécalas en secadora a baja temperatura durante 20 minutos para reactivar el acabado repelente al agua. Cierra "
               "todas las cremalleras antes de lavarlas.")),
    },
    "faq-stock-restock": {
        "zh": ("缺货的商品什么时候补货？",
               "大多数尺码和颜色会在 2-6 周内补货。在商品页面点击“到货通知”，补货后我们会第一时间发邮件告诉您；商品补货前我们无法为您预留。"),
        "es": ("¿Cuándo vuelve a estar disponible un artículo agotado?",
               ("La mayoría de las tallas y colores se reponen en 2-6 semanas. Haz clic en Avísame en la página del producto "
               "para recibir un correo en cuanto vuelva; no podemos reservar artículos antes de que se repongan.")),
    },
    "faq-product-recommendation": {
        "zh": ("能帮我挑选商品吗？",
               "当然可以！告诉本助手您的用途、预算以及对尺码或颜色的偏好，它会从我们的商品目录中推荐几款商品，并附上价格和库存情况。"),
        "es": ("¿Me ayudan a elegir un producto?",
               ("¡Claro! Dile a este asistente para qué lo necesitas, tu presupuesto y tus preferencias de talla o color, y te "
               "sugerirá algunos productos de nuestro catálogo con sus precios y existencias.")),
    },
    "faq-privacy": {
        "zh": ("你们会如何使用我的个人数据？",
               "我们只将您的数据用于处理订单、提供客户支持，以及在您同意的情况下发送新闻邮件。我们绝不出售个人数据。付款由我们的支付服务商处理，我们不保存完整的银行卡号。"),
        "es": ("¿Qué hacen con mis datos personales?",
               ("Usamos tus datos solo para procesar pedidos, darte asistencia y, si lo aceptas, enviarte boletines. Nunca "
               "vendemos datos personales. Los pagos los gestionan nuestros proveedores de pago; no guardamos los números "
               "completos de las tarjetas.")),
    },
    "faq-cookies": {
        "zh": ("你们使用 Cookie 吗？",
               "我们使用必要 Cookie 来支持购物车和登录功能，并且仅在您同意的情况下使用分析类 Cookie。您可以随时在网站页脚的“Cookie 设置”中更改您的选择。"),
        "es": ("¿Usan cookies?",
               ("Usamos cookies esenciales para tu carrito y el inicio de sesión y, solo con tu consentimiento, cookies de "
               "análisis. Puedes cambiar tu elección en cualquier momento desde Configuración de cookies, en el pie de "
               "página del sitio.")),
    },
    "faq-company": {
        "zh": ("你们公司在哪里？",
               "Northwind Outfitters 总部位于俄勒冈州波特兰，所有订单都从我们位于 1200 NW Marshall Street 的仓库发出。"),
        "es": ("¿Dónde están ubicados?",
               ("Northwind Outfitters tiene su sede en Portland (Oregón) y envía todos los pedidos desde su almacén en 1200 NW "
               "Marshall Street.")),
    },
}
