"""Hand-written Spanish utterances per intent (same line format as ``nlu_en``)."""

from __future__ import annotations

ES: dict[str, str] = {
"greeting": """
hola
buenos días
buenas tardes
buenas noches
+ ¡hola! ¿qué tal?
hola, ¿hay alguien?
buenas
hola, tengo una pregunta
¿me puedes ayudar?
hola, soy {name}
qué onda
saludos
hola, ¿es el chat de Northwind?
- ¿¿hola?? ¿nadie contesta?
holaa
hola, necesito ayuda por favor
+ hola, ¡buen día!
oye, ¿estás ahí?
hola de nuevo
holi
buen día
hola, buenas
¿alguien me atiende?
hola, tengo una duda
qué tal, necesito ayuda
hola hola
saludos, ¿me pueden ayudar?
""",
"goodbye": """
adiós
chao
hasta luego
nos vemos
bueno, eso es todo, adiós
+ gracias, ¡adiós!
hasta pronto
me voy
ya no necesito nada más
+ que tengas un buen día, adiós
- olvídalo, adiós
buenas noches, chao
eso sería todo
cerrar chat
hasta mañana
me tengo que ir
listo, nos vemos
bye
bueno, me despido
chau, gracias igual
eso es todo por hoy, gracias y adiós
adiosito
bueno, me despido, gracias
eso es todo, chao
ya está, hasta luego
- ya nada, adiós
+ todo resuelto, ¡chao!
nos vemos otro día
me desconecto
""",
"thanks": """
gracias
muchas gracias
mil gracias
te lo agradezco
gracias por la ayuda
¡perfecto, gracias!
genial, gracias
muy amable
gracias por resolver lo del pedido {order}
+ ¡eres el mejor, gracias!
= bueno, gracias
gracias por tu paciencia
me has ayudado mucho, gracias
gracias por el número de seguimiento
súper, gracias
gracias x la info
se agradece
gracias, muy útil
gracias, ya quedó todo claro
gracias, muy amable
te agradezco mucho
+ ¡gracias, me salvaste el día!
gracias por la info
ok, gracias
muchísimas gracias
gracias por revisar mi reembolso
genial, mil gracias
""",
"order_status": """
¿dónde está mi pedido {order}?
estado del pedido {order}
¿ya enviaron mi pedido?
- ¿¿dónde está mi pedido?? ya pasó una semana
- esto es ridículo, el pedido {order} no llega
¿me pueden decir cómo va el pedido {order}?
hice un pedido la semana pasada, ¿qué pasa con él?
mi correo es {email}, ¿pueden revisar mi pedido?
¿ya salió mi {product}?
- llevo días esperando y sigue en preparación
número de pedido {order}
¿cuándo llega el pedido {order}?
¿mi paquete ya salió del almacén?
quiero saber el estado de mi compra
¿hay novedades del pedido #{order}?
consultar pedido
¿se procesó mi pedido {order}?
+ ¡qué emoción mi tienda nueva! ¿ya salió el pedido {order}?
¿y mi pedido?
¿qué pasó con mi pedido {order}?
- ¿¿por qué no ha llegado mi pedido??
¿el pedido {order} ya está en camino?
quiero saber si mi pedido ya salió
- llevo una semana esperando el pedido {order}
¿en qué estado está mi compra?
+ hola, ¿me confirmas si el pedido {order} ya salió? gracias
""",
"track_shipment": """
¿me das el número de seguimiento del pedido {order}?
rastrear mi paquete
seguimiento {tracking}
¿dónde está el paquete {tracking}?
¿qué paquetería lleva mi pedido {order}?
- el seguimiento no se actualiza desde hace 4 días
- dice entregado pero no tengo nada
¿cómo rastreo mi envío?
mándame el enlace de seguimiento del {order}
- mi paquete lleva una semana en tránsito
¿qué significa "excepción de entrega"?
no me llegó el correo con el número de guía
¿es de UPS o de FedEx?
el número de guía no funciona en la página de USPS
¿el repartidor ya recogió mi paquete?
dice "en reparto", ¿a qué hora llega?
rastreo de {tracking} por favor
¿cuál es mi número de guía?
- el paquete no se mueve desde hace días
¿me pasas el tracking del pedido {order}?
¿dónde va mi paquete {tracking}?
¿cómo sigo mi envío?
dice entregado pero no llegó nada
¿qué transportista tiene mi paquete?
el seguimiento de DHL no avanza
""",
"cancel_order": """
cancelar pedido {order}
quiero cancelar mi pedido
¿todavía puedo cancelar mi pedido?
me equivoqué al pedir, cancélalo por favor
- ¡cancelen mi pedido YA!
¿cómo cancelo un pedido?
cambié de opinión, cancela el pedido {order}
hice un pedido duplicado, cancela el {order}
no envíen el pedido {order}
- el envío es muy lento, cancelen todo
cancela el {product} que acabo de pedir
¿puedo cancelar solo un artículo?
solicito la cancelación del pedido {order}
si cancelo, ¿cuándo me devuelven el dinero?
ya no necesito el pedido
lo encontré más barato, cancélenlo
cancela mi pedido
- ¡cancelen el pedido {order} ya!
quiero anular el pedido {order}
¿cómo anulo una compra?
ya no lo quiero, cancélenlo
pedí dos veces lo mismo, cancelen uno
¿se puede cancelar si ya pagué?
por favor no envíen mi pedido
""",
"change_order": """
¿puedo cambiar la talla en el pedido {order}?
necesito modificar mi pedido
cambia el {product} a talla {size}
¿puedo cambiar el color a {colour}?
pedí la talla equivocada, ¿la pueden cambiar antes del envío?
añade otro artículo al pedido {order}
cambia la cantidad a 2
¿pueden pasar mi pedido {order} a envío urgente?
quita un artículo de mi pedido
- me equivoqué y la web no me deja corregir el pedido
¿se puede modificar un pedido ya pagado?
¿pueden juntar mis dos pedidos?
pedido {order}: cambien el color a {colour} por favor
quiero editar mi pedido
cambiar la talla M por L en mi pedido
¿puedo agregar unos calcetines a mi pedido?
quiero cambiar la talla de mi pedido {order}
¿puedo cambiar el color a {colour}?
agrega una unidad más al pedido {order}
me equivoqué de modelo, ¿lo pueden cambiar?
quiero quitar algo de mi pedido
cambien el {product} a talla {size}
¿todavía puedo modificar mi pedido?
- necesito corregir mi pedido urgente
""",
"change_shipping_address": """
necesito cambiar la dirección de envío
¿pueden actualizar la dirección del pedido {order}?
- puse mal la dirección y el pedido ya está en preparación, ayuda
envíen el pedido {order} a mi oficina, por favor
me mudé, ¿cómo cambio la dirección?
el código postal de mi pedido está mal
¿pueden redirigir mi paquete a {city}?
me equivoqué con el número de departamento en el pedido {order}
¿se puede cambiar la dirección después de pedir?
¿cómo actualizo la dirección guardada en mi cuenta?
quiero que me lo envíen a otra dirección
el pedido {order} tiene que ir a una dirección nueva
¿pueden enviarlo a un apartado postal?
falta el número interior en mi dirección
estoy de viaje, ¿lo pueden mandar a un hotel en {city}?
cambien la dirección del pedido {order}
me equivoqué de dirección
quiero que llegue a {city}
- ¡pusieron mal mi dirección, corríjanla!
¿puedo cambiar el destinatario?
falta el número de casa en mi dirección
mándenlo a mi trabajo mejor
actualizar dirección de entrega
""",
"return_item": """
quiero devolver mi {product}
¿cómo hago una devolución?
quiero devolver un artículo del pedido {order}
me queda chico, ¿puedo devolverlo?
- este {product} es una porquería, lo quiero devolver
¿cuál es el proceso de devolución?
necesito una etiqueta de devolución para el pedido {order}
¿necesito el empaque original para devolverlo?
¿puedo devolver algo que compré hace 5 semanas?
¿se puede devolver un protector solar abierto?
- llegó roto, quiero devolverlo
quiero devolver el de color {colour}, no es el que pedí
¿a dónde envío la devolución?
¿puedo devolver un regalo?
¿aceptan devoluciones de pedidos internacionales?
quiero devolver solo una parte del pedido
+ las botas son geniales pero me quedan grandes, ¿cómo las devuelvo?
quiero devolver esto
¿cómo devuelvo el pedido {order}?
el {product} no me quedó, lo devuelvo
- la calidad es horrible, lo devuelvo
¿me mandan la etiqueta de devolución?
+ el producto es lindo, pero no me convence, ¿lo puedo devolver?
¿cuántos días tengo para devolver?
quiero regresar un artículo
""",
"refund_status": """
¿dónde está mi reembolso?
¿cuándo me devuelven el dinero?
¿ya procesaron el reembolso del pedido {order}?
- devolví el artículo hace dos semanas y nada de reembolso
¿cuánto tarda un reembolso?
- sigo esperando mi reembolso, esto es inaceptable
¿recibieron mi devolución?
no veo el reembolso en mi tarjeta
¿el reembolso va a mi tarjeta original?
cancelé el pedido {order}, ¿cuándo me regresan el dinero?
¿por qué me reembolsaron solo una parte?
¿también devuelven el envío?
¿me pueden revisar el reembolso? mi correo es {email}
mi tarjeta caducó, ¿a dónde va el reembolso?
estado del reembolso del pedido {order}
¿cuándo desaparece el cargo pendiente?
¿ya me reembolsaron?
- ¿dónde está mi dinero?
¿cuándo cae el reembolso del pedido {order}?
no me ha llegado el reembolso
¿cuánto me van a devolver?
estado de mi reembolso por favor
¿el reembolso ya salió?
¿por qué tarda tanto el reembolso?
""",
"exchange_item": """
¿puedo cambiarlo por otra talla?
quiero cambiar mi {product} por la talla {size}
cambio del pedido {order} por una talla más grande
¿lo puedo cambiar por el color {colour}?
¿cómo funcionan los cambios?
¿el cambio tiene costo de envío?
el {product} me aprieta, quiero la talla {size}
- otra vez me mandaron la talla equivocada, quiero un cambio
¿cuánto tarda un cambio?
la talla que quiero para el cambio está agotada, ¿qué hago?
¿puedo cambiarlo por otro producto?
quiero el mismo modelo en otro color
¿se puede cambiar un regalo?
no quiero reembolso, prefiero un cambio
¿hacen cambios en pedidos internacionales?
cambien la chamarra del pedido {order} por una talla menos
+ ¡me encanta el {product}! solo necesito una talla más
quiero cambiar la talla
¿me lo cambian por talla {size}?
cambio de color a {colour}
+ me encantó, pero necesito una talla menos
cambio del pedido {order} por favor
¿el cambio es gratis?
- me llegó la talla mal, quiero cambiarla
¿cómo hago un cambio?
""",
"payment_issue": """
me rechazaron el pago
- ¡me cobraron dos veces el pedido {order}!
mi tarjeta sigue siendo rechazada al pagar
el pago falló pero me descontaron el dinero
PayPal no funciona en el checkout
hay un cargo de Northwind que no reconozco
¿puedo cambiar la tarjeta del pedido {order}?
- me hicieron un doble cargo, arréglenlo ya
Apple Pay no pasa
no se aplica el saldo de mi tarjeta regalo
me cobraron un monto incorrecto
¿por qué me cobraron antes de enviar el pedido?
el cargo del pedido cancelado sigue ahí
error de dirección de facturación
la página de pago se queda cargando
me cobraron {price} dólares y el precio era menor
no puedo pagar con PayPal en cuotas
no me deja pagar
- ¡me cobraron de más!
el pago no pasa con mi tarjeta
¿por qué tengo dos cargos?
pagué pero no me llegó confirmación
mi tarjeta de débito fue rechazada
error al pagar el pedido {order}
Google Pay no funciona
""",
"apply_promo_code": """
¿cómo uso un código promocional?
- mi código {code} no funciona
¿dónde pongo el código de descuento?
¿{code} sirve para artículos en oferta?
¿pueden aplicar {code} a mi pedido {order}?
se me olvidó usar mi cupón
¿puedo usar dos códigos?
¿hay descuento para el primer pedido?
el cupón dice que no es válido
¿qué códigos de descuento tienen ahora?
¿ya venció {code}?
- su código de descuento es falso, no sirve
¿tienen descuento para estudiantes?
me suscribí al boletín pero no me llegó el código
¿{code} incluye envío gratis?
¿hay código para el Black Friday?
¿puedo combinar el cupón con una tarjeta regalo?
¿dónde pongo el cupón?
el código {code} no sirve
¿tienen algún descuento?
- el cupón dice inválido, ¿qué pasa?
¿cuánto descuenta {code}?
¿hay cupón de bienvenida?
¿puedo usar el código después de pagar?
quiero usar mi código de descuento
""",
"shipping_options": """
¿qué opciones de envío tienen?
¿cuánto cuesta el envío?
¿tienen envío gratis?
¿a partir de cuánto es gratis el envío?
¿envían a México?
¿hay entrega al día siguiente?
¿cuánto cuesta el envío urgente?
¿hacen envíos internacionales?
¿envían a España?
¿qué paqueterías usan?
¿cuánto cuesta mandar a {city}?
- ¿por qué el envío es tan caro?
¿puedo recoger el pedido en tienda?
¿envían los fines de semana?
¿tengo que pagar aduana?
¿envían a apartados postales?
¿cuál es el envío más barato?
¿hacen envíos a Canadá?
¿el envío urgente también es gratis a partir de 75 dólares?
¿con qué paquetería envían a México?
¿cuánto sale el envío?
¿envían a Argentina?
¿tienen envío exprés?
¿el envío es gratis?
¿cuál es el mínimo para envío gratis?
¿qué paquetería usan para envíos a España?
¿cuánto cuesta el envío internacional?
¿puedo elegir FedEx?
""",
"delivery_time": """
¿cuánto tarda la entrega?
si pido hoy, ¿cuándo llega?
¿cuántos días tarda el envío estándar?
¿cuánto tarda el envío urgente?
¿cuánto tarda en llegar a {city}?
¿cuánto tardan los envíos internacionales?
¿llegará antes de Navidad?
¿qué tan rápido me puede llegar el {product}?
¿cuándo envían el pedido?
- ¿por qué tarda tanto el envío?
lo necesito para el sábado, ¿llega a tiempo?
¿cuánto tarda DHL a España?
¿envían el mismo día?
si pido el fin de semana, ¿cuándo lo envían?
¿cuánto tarda en llegar a Ciudad de México?
con envío urgente, ¿cuándo lo recibo?
¿cuántos días hábiles tarda el envío estándar a Miami?
¿cuándo llegaría si pago el envío de un día?
¿en cuántos días llega?
¿cuánto tarda en llegar a {city}?
¿llega mañana?
¿cuánto tardan en enviarlo?
+ la última vez llegó rapidísimo, ¿sigue siendo de 3 a 5 días?
¿cuánto tarda el envío internacional?
¿entregan en fin de semana?
¿cuánto tarda el urgente?
""",
"product_question": """
¿el {product} es impermeable?
¿de qué material es el {product}?
¿cuánto pesa el {product}?
¿el {product} tiene bolsillos?
¿cuánto dura la batería del {product}?
¿el {product} se puede lavar en lavadora?
¿el {product} abriga mucho?
¿qué capacidad tiene el {product}?
¿el {product} sirve para senderismo?
cuéntame más del {product}
¿cuántas personas caben en la tienda?
¿en qué colores viene el {product}?
¿el {product} sirve para invierno?
¿cabe una laptop de 16 pulgadas en el {product}?
- la descripción del {product} no dice nada, ¿de qué material es?
¿la linterna frontal tiene luz roja?
¿cuánto cuesta el {product}?
+ ¡el {product} se ve increíble! ¿es impermeable?
¿de qué tela es el {product}?
¿el {product} pesa mucho?
¿el {product} se puede meter a la lavadora?
¿cuánto dura la batería del {product}?
¿el {product} tiene forro?
+ ¡me encanta el {product}! ¿es impermeable?
¿el {product} sirve para la montaña?
¿es fácil de armar la tienda?
""",
"product_availability": """
¿tienen el {product} en existencia?
¿hay {product} en talla {size}?
¿el {product} está disponible en {colour}?
¿cuándo vuelve a haber {product}?
¿queda la talla {size}?
- el {product} siempre está agotado, ¿cuándo reponen?
¿quedan en color {colour}?
¿puedo reservar el {product}?
¿ya no venden el {product}?
¿cuántos quedan?
¿van a reponer la talla {size}?
¿tienen talla XXL?
avísenme cuando vuelva el {product}
¿hay {product} en {colour} talla {size}?
¿tienen tiendas de campaña disponibles?
¿se envía ya o está en preventa?
¿hay stock del {product}?
¿cuándo llega la talla {size}?
¿el {product} está agotado?
- ¡siempre está agotado!
¿hay en {colour}?
¿van a volver a tener este modelo?
¿tienen el {product} disponible?
¿me avisan cuando haya?
""",
"size_guide": """
¿qué talla me conviene?
¿sus chamarras vienen pequeñas?
mido 1,75 y peso 70 kilos, ¿qué talla de chaqueta?
tabla de tallas del {product}
¿el {product} es de talla normal?
¿tengo que pedir una talla más en las botas?
normalmente uso {size}, ¿cuál me recomiendas?
¿dónde está la guía de tallas?
¿los zapatos son tallas de EE. UU. o europeas?
estoy entre dos tallas, ¿cuál elijo?
- sus tallas son un desastre, ¿cuál compro?
¿cuánto es un 42 europeo en sus tallas?
¿el {product} encoge al lavarlo?
¿las tallas son unisex?
¿cómo me mido para saber mi talla?
¿cuánto miden las mangas en talla {size}?
¿qué talla pido?
mido 1,80, ¿qué talla uso?
¿el {product} viene grande o pequeño?
¿pido media talla más en zapatos?
¿tienen tabla de medidas?
¿el {product} es ajustado?
- no entiendo su tabla de tallas
¿qué talla es un 38 europeo?
""",
"recommend_product": """
¿me recomiendas una chaqueta impermeable?
necesito una tienda para 2 personas por menos de {price} dólares
¿qué le regalo a alguien que hace senderismo?
sugiéreme algo para acampar
¿qué botas recomiendas para el invierno?
busco una mochila para excursiones de un día
¿qué necesito para mi primer viaje de mochilero?
recomiéndame una linterna frontal
¿qué combina con el {product}?
muéstrame algo en {colour}
ideas de regalo por menos de {price}
¿cuáles son los más vendidos?
algo parecido al {product} pero más barato
¿qué necesito para acampar en invierno?
recomiéndame un protector solar para piel sensible
busco una manta calientita
+ mi última tienda de campaña de ustedes fue perfecta, ¿qué saco de dormir me recomiendas?
¿qué me recomiendas?
recomiéndame unas botas de montaña
busco un termo, ¿alguno bueno?
¿qué llevo para acampar?
tengo {price} dólares, ¿qué compro?
¿qué le regalo a mi novio?
+ me encantó el {product}, ¿tienen algo parecido?
¿qué ropa sirve para la nieve?
""",
"compare_products": """
¿qué diferencia hay entre el {product} y el {product2}?
¿cuál abriga más, el {product} o el {product2}?
compara el {product} con el {product2}
¿es mejor el {product} que el {product2}?
¿plumas o sintético, cuál me conviene?
¿qué tienda de campaña es más ligera?
{product} vs {product2}
¿qué mochila es más grande?
¿para senderismo, botas o zapatillas de trail?
¿merino o sintético para la capa base?
¿cuál es más barato, el {product} o el {product2}?
diferencia entre las tiendas de 2 y 3 personas
¿qué linterna frontal es la más potente?
¿forro polar o softshell?
¿para principiante el {product} o el {product2}?
¿cuál tiene mejores opiniones, el {product} o el {product2}?
¿el {product} o el {product2}?
¿en qué se diferencian estas dos tiendas?
¿cuál pesa menos, el {product} o el {product2}?
¿saco de plumas o sintético?
¿qué mochila es mejor para la oficina?
¿cómo se compara el {product} con el {product2}?
¿qué audífonos tienen más batería?
¿cuál dura más?
""",
"warranty": """
¿qué garantía tiene el {product}?
el cierre de mi chaqueta se rompió a los 3 meses
¿cómo hago un reclamo de garantía?
¿el {product} está cubierto por la garantía?
- se despegó la suela de mis botas, qué mala calidad
¿reparan equipo?
¿cuánto dura la garantía?
mi batería externa ya no carga
se rompió una varilla de la tienda, ¿lo cubre la garantía?
¿la garantía cubre daños accidentales?
¿los productos Northwind tienen garantía de por vida?
el artículo del pedido {order} salió defectuoso
¿pueden reparar mi chaqueta de plumas?
¿necesito el ticket para la garantía?
mis audífonos dejaron de funcionar a los dos meses
¿cuánto tarda una reparación en garantía?
la costura de mi chaqueta impermeable deja pasar el agua
se rompió, ¿tiene garantía?
¿cuántos años de garantía tiene el {product}?
se rompió el cierre, ¿qué hago?
- se rompió al mes de usarlo
¿cómo pido la garantía?
¿cuánto tarda la reparación?
¿reparan cosas fuera de garantía?
la tienda de campaña gotea, ¿lo cubre la garantía?
""",
"account_help": """
olvidé mi contraseña
no puedo entrar a mi cuenta
¿cómo restablezco la contraseña?
¿cómo cambio mi correo electrónico?
borren mi cuenta, por favor
no me llegó el correo para restablecer la contraseña
¿cómo creo una cuenta?
mi cuenta está bloqueada
¿pueden cambiar el correo de mi cuenta a {email}?
¿cómo actualizo mi número de teléfono?
¿puedo comprar sin cuenta?
quiero darme de baja de los correos
¿dónde veo mi historial de pedidos?
- ya intenté restablecer la contraseña tres veces y nada
¿dónde veo mis puntos de recompensa?
¿cómo cambio la tarjeta guardada?
¿cómo cambio mi contraseña?
no me llega el código de verificación
no puedo iniciar sesión
no recuerdo mi contraseña
¿cómo cambio el correo de mi cuenta?
quiero eliminar mi cuenta
no me llega el correo de verificación
¿cómo dejo de recibir promociones?
creo que hackearon mi cuenta
¿cuántos puntos tengo?
""",
"complaint": """
- su servicio al cliente es pésimo
- es la peor experiencia de compra que he tenido
- el {product} se rompió al primer uso
- estoy muy decepcionado con mi pedido
- la calidad de esta chaqueta es malísima
- otra vez llegó tarde la entrega
- el paquete llegó empapado
- nadie contestó mis correos en una semana
- el color no tiene nada que ver con las fotos
- quiero poner una queja sobre el pedido {order}
- el repartidor aventó mi paquete por encima de la cerca
= quisiera dejar un comentario: la compra no fue lo que esperaba
= con todo respeto, el empaque fue excesivo para algo tan pequeño
- el agente con el que hablé fue grosero
- pagué {price} dólares y se rompió en una semana
- no vuelvo a comprar aquí
- me mandaron un artículo usado
- ESTO ES UNA VERGÜENZA
- qué decepción
- la calidad es pésima
- tardaron muchísimo en responder
- la caja llegó rota y el producto también
- tres semanas para recibir mi pedido, increíble
- cada vez atienden peor
= una sugerencia: usen menos empaque
- qué porquería de producto
""",
"talk_to_human": """
quiero hablar con una persona
¿puedo hablar con un agente?
pásame con un humano
- no quiero un bot, quiero una persona real
- ¡pásame con alguien YA!
agente, por favor
¿hay alguien de soporte disponible?
quiero hablar con un supervisor
¿cuál es su número de teléfono?
¿puede alguien del equipo ayudarme con el pedido {order}?
esto es complicado, ¿puedo hablar con alguien?
¿me pueden llamar?
- ya lo pedí tres veces, pásenme con una persona
atención al cliente por favor
¿hay personas reales trabajando ahí?
comunícame con un representante
quiero hablar con alguien del equipo de devoluciones
¿a qué hora están los agentes disponibles?
+ me has ayudado mucho, pero ¿puedo hablar con una persona sobre un pedido de regalo?
con un humano por favor
quiero hablar con alguien de verdad
- el bot no entiende nada, ¡pásame con una persona!
¿cuál es el teléfono de atención?
¿me atiende un agente?
¿hay alguien en línea?
conéctame con soporte
quiero hablar con el encargado
""",
"out_of_scope": """
¿qué tiempo hará mañana?
cuéntame un chiste de políticos
hazme la tarea de matemáticas
¿en qué acciones debería invertir?
dame una receta de paella
¿quién ganó el partido anoche?
¿cuál es la capital de Australia?
escríbeme un poema
resérvame un vuelo a Madrid
¿a cuánto está el bitcoin?
recomiéndame una película
¿cuántas calorías tiene un plátano?
traduce este párrafo al francés
¿tienes conciencia?
pídeme una pizza
¿cómo bajo de peso rápido?
escríbeme una carta de presentación
¿qué partido político es mejor?
¿quién va a ganar el mundial?
ayúdame a escribir un ensayo sobre el cambio climático
¿cuál es la raíz cuadrada de 144?
¿cómo está la bolsa hoy?
cuéntame un chiste
ayúdame a programar
¿dónde como rico por aquí?
¿cómo te llamas?
búscame un vuelo barato
¿va a llover mañana?
¿cómo hago un pastel?
""",
}

# training-only sentences (see training.demo_store.nlu): filled after the held-out split, never tested
ES_TRAIN_ONLY: dict[str, str] = {
"greeting": """
hola, ¿cómo están?
buenas, ¿qué tal?
qué hubo, ¿me ayudan?
holis
hola, buenas tardes, ¿me atienden?
buenas, ¿está disponible el chat?
hola, ¿qué tal? tengo una consulta
hey, hola
muy buenas
""",
"goodbye": """
ya me tengo que ir, gracias
bueno, chao, nos vemos
listo, adiós y gracias
me voy, hasta luego
listo, gracias, hasta la próxima
bueno, ya me voy, chao
eso era todo, nos vemos
me retiro, adiós
hasta otra
""",
"thanks": """
gracias, muy amable de tu parte
perfecto, te lo agradezco mucho
gracias por la rapidez
excelente, gracias
vale, gracias por todo
""",
"order_status": """
¿en qué va mi pedido {order}?
¿mi pedido ya fue enviado?
- el pedido {order} sigue en preparación desde hace días
quiero revisar el estado del pedido {order}
¿ya despacharon mi {product}?
¿cómo va mi compra de la semana pasada?
- pagué hace tres días y mi pedido ni se mueve
¿mi pedido {order} ya salió o todavía no?
¿me confirman si ya se procesó mi compra?
""",
"track_shipment": """
¿mi paquete lo lleva DHL o UPS?
dice que está en reparto, ¿cuándo llega hoy?
¿qué empresa está entregando mi pedido {order}?
¿por dónde va mi paquete?
pásame el número de rastreo del pedido {order}
- el rastreo de {tracking} lleva días sin moverse
¿con qué número de guía sigo mi envío {order}?
¿qué dice el rastreo de mi paquete?
¿el paquete {tracking} ya está en mi ciudad?
- marca entregado pero no recibí ningún paquete
""",
"cancel_order": """
quiero cancelar el pedido {order} antes de que lo envíen
¿me cancelan la compra que hice hoy?
- cancelen ya mi pedido, no lo quiero
¿se cobra algo por cancelar?
me arrepentí, anulen el pedido {order}
¿puedo cancelar y volver a pedir con otra talla?
cancelen mi compra por favor
""",
"change_order": """
¿pueden cambiar el pedido {order} a envío exprés?
quiero cambiar el tipo de envío de mi pedido
¿puedo pasar mi pedido a envío al día siguiente?
¿puedo agregar un {product} a mi pedido {order}?
quiero cambiar la cantidad del pedido {order}
me equivoqué de color, ¿lo cambian a {colour} antes de enviarlo?
¿puedo cambiar un producto de mi pedido por otro?
quiten el {product} del pedido {order}
¿todavía puedo editar la talla antes del envío?
""",
"change_shipping_address": """
¿puedo cambiar la dirección del pedido {order}?
me equivoqué de calle al pedir
- mandaron mi pedido a la dirección vieja, cámbienla antes de que salga
quiero que el pedido {order} llegue a {city}
¿se puede cambiar la dirección si ya salió el paquete?
actualicen mi dirección de envío, por favor
""",
"return_item": """
¿cómo devuelvo el {product}?
quiero devolver el pedido {order} completo
- no es lo que pedí, lo quiero devolver
¿quién paga el envío de la devolución?
¿puedo devolver algo sin la etiqueta?
quiero hacer una devolución del {product}
no me convenció, ¿cómo lo regreso?
""",
"refund_status": """
¿cuándo me regresan mi dinero?
¿me devuelven también lo que pagué de envío?
- ¿y mi dinero? devolví el producto hace días
el cargo sigue pendiente, ¿cuándo se libera el reembolso?
ya cancelé mi pedido, ¿cuándo veo el dinero?
el pedido {order} se canceló, ¿y el reembolso?
- cancelaron mi pedido hace una semana y no me devuelven nada
¿ya está en camino mi reembolso?
recibieron mi devolución, ¿cuándo me reembolsan?
¿cuántos días tarda en reflejarse el reembolso?
¿me reembolsaron el pedido {order}?
- sigo sin ver mi dinero de vuelta
""",
"exchange_item": """
¿me lo pueden cambiar por una talla {size}?
el {product} me queda grande, ¿lo cambio por uno más chico?
prefiero cambiarlo por otro color
¿cómo cambio el {product} del pedido {order}?
- me llegó el color equivocado, quiero cambiarlo
¿puedo cambiar las botas por otro número?
""",
"payment_issue": """
no me acepta la tarjeta
- me descontaron dos veces por el mismo pedido
el pago con PayPal me da error
¿por qué se rechaza mi pago?
me cobraron pero no tengo pedido
hay un cargo raro en mi cuenta
""",
"apply_promo_code": """
¿dónde aplico el cupón {code}?
el código {code} dice que expiró
- me rechaza el código de descuento
¿tienen algún cupón vigente?
olvidé poner el código en el pedido {order}, ¿lo pueden aplicar?
¿el cupón sirve en productos rebajados?
""",
"shipping_options": """
¿con qué empresa de envíos trabajan?
¿hacen entregas en sábado?
¿qué tipos de envío hay para {city}?
¿qué métodos de envío ofrecen?
¿cuánto me cuesta el envío a {city}?
¿hay envío gratis a partir de cierto monto?
¿puedo pagar por envío más rápido?
¿hacen envíos a Chile?
- el envío cuesta más que el producto
""",
"delivery_time": """
¿cuándo sale mi pedido si lo hago hoy?
¿en cuánto tiempo despachan?
¿en cuántos días me llega el pedido?
¿cuánto tarda un envío a {city}?
si pago urgente, ¿llega mañana?
- ¿por qué tardan tanto en entregar?
¿me llega el {product} antes del fin de semana?
¿cuántos días tarda un envío internacional?
""",
"product_question": """
¿la camiseta es transpirable?
¿la chaqueta trae capucha?
¿de qué está hecho el {product}?
¿el {product} aguanta la lluvia?
¿cuáles son las medidas del {product}?
¿la tienda de campaña se arma fácil?
¿el {product} es resistente?
¿la batería del {product} es recargable?
¿el {product} abriga bien en el frío?
""",
"product_availability": """
¿el {product} está en preventa?
avísenme cuando tengan otra vez la talla {size}
¿cuándo vuelve a estar disponible el {product}?
¿hay existencias del {product} en talla {size}?
¿el {product} en {colour} está agotado?
¿cuándo reponen la talla {size}?
- nunca hay stock del {product}
¿todavía venden el {product}?
¿puedo apartar un {product}?
¿les queda algún {product} en {colour}?
""",
"size_guide": """
¿las botas son de horma grande?
¿el {product} viene chico de talla?
¿las tallas del {product} son normales o pequeñas?
¿la chaqueta es holgada?
¿el {product} queda chico o grande?
uso talla M normalmente, ¿qué talla del {product} me queda?
¿el {product} queda suelto o pegado?
¿cuánto mide de largo la talla {size}?
peso 65 kilos, ¿qué talla me queda?
si tengo el pie ancho, ¿pido un número más?
¿cómo es el corte de los pantalones?
""",
"recommend_product": """
¿tienen algo similar al {product}?
busco algo parecido a lo que compré, ¿qué me sugieres?
¿qué chaqueta me recomiendas para la lluvia?
busco algo para regalar, unos {price} dólares
recomiéndame una mochila ligera
¿qué saco de dormir me sirve para el invierno?
¿qué tienda de campaña es buena para principiantes?
sugiéreme unas botas impermeables
""",
"compare_products": """
¿cuál me conviene más, el {product} o el {product2}?
¿el {product} abriga más que el {product2}?
¿en qué se diferencia el {product} del {product2}?
estoy dudando entre el {product} y el {product2}
¿cuál de las dos mochilas es más cómoda?
¿el {product} es más ligero que el {product2}?
¿cuál es más resistente, el {product} o el {product2}?
""",
"warranty": """
¿el {product} tiene garantía?
se me rompió el {product}, ¿lo cubre la garantía?
¿cómo mando a reparar el {product}?
mi linterna dejó de prender, ¿entra en garantía?
¿la garantía incluye el envío?
¿cuánto tiempo cubre la garantía del {product}?
""",
"account_help": """
no quiero recibir más correos de ofertas
¿dónde veo mis puntos de la cuenta?
no puedo entrar, dice contraseña incorrecta
¿cómo cambio mi nombre en la cuenta?
- no logro iniciar sesión desde ayer
¿cómo borro una dirección guardada?
alguien entró a mi cuenta sin permiso
no recuerdo con qué correo me registré
""",
"complaint": """
- nadie me responde los mensajes
- las fotos engañan, el producto es otra cosa
- me llegó usado, qué vergüenza
- el {product} llegó defectuoso, qué decepción
- pésima calidad, no lo recomiendo
- su atención es lentísima
- el pedido {order} fue un desastre
- qué mal servicio, de verdad
- pagué caro y recibí basura
= la verdad esperaba más del {product}
- nunca me habían atendido tan mal
""",
"talk_to_human": """
necesito hablar con un asesor
- el bot no me sirve, quiero un agente
¿me comunican con una persona?
¿puedo hablar con alguien sobre el pedido {order}?
páseme con servicio al cliente
""",
"out_of_scope": """
¿cómo adelgazo para el verano?
¿cuánto es 15 por 3?
¿qué día es hoy?
escríbeme una canción
¿qué distancia hay a la luna?
recomiéndame un libro
¿cómo aprendo inglés rápido?
¿cuál es tu color favorito?
""",
}
