"""Long policy documents (English); ``{placeholders}`` come from ``store.facts`` so numbers match the FAQ."""

from __future__ import annotations

POLICIES: list[tuple[str, str, str]] = [
    ("policy-returns", "Returns and Refunds Policy", """
We want you to love what you buy from {name}. If something isn't right, you can return most items within {window} days of the delivery date for a full refund to your original payment method. This policy explains what can be returned, how to start a return, and when you will see your money.

Eligibility. Items must be unused, unwashed and in their original condition with all tags attached. Footwear must be returned in its original box and should only have been tried on indoors. Items marked Final Sale on the product page and in the order confirmation cannot be returned or exchanged. For hygiene reasons, beauty and personal-care products can only be returned unopened and sealed. Gift cards are not returnable. None of these limits apply to items that arrive damaged, defective or different from what you ordered: those are always accepted, and we pay the shipping both ways.

Return window. The {window}-day window starts on the day the carrier marks your parcel as delivered. For orders with several parcels, each parcel has its own window. Items delivered between November 1 and December 31 can be returned until {holiday}, so holiday gifts can be exchanged or returned in January. Requests made after the window has closed cannot be refunded, but faulty items remain covered by our warranty (see the Warranty Policy).

How to return. Start a return in the Orders section of your account, or ask our chat assistant with your order number. Select the items, tell us the reason, and choose a refund or an exchange. Within the United States we e-mail you a free prepaid return label straight away. Pack the items securely in any box, attach the label and drop the parcel at any UPS or USPS location within 14 days of receiving the label. Please do not send returns to our office address; use the label, or if you are shipping yourself, send the parcel to {returns_address}.

International returns. Customers outside the US have the same {window}-day window. You can buy a prepaid DHL return label from us for {intl_label}, which is deducted from your refund, or ship the parcel yourself with any tracked service. We are unable to refund import duties or taxes you paid on delivery; your local customs office may refund them on re-export.

Refunds. When your return arrives at our Portland warehouse we inspect it and issue the refund within {refund_days} business days. Refunds go back to the original payment method: card, PayPal, Apple Pay or Google Pay. Orders paid with a gift card are refunded to a new digital gift card. Your bank will usually show the refund within {bank_days} after we issue it. You will receive an e-mail when the return is received and another when the refund is issued. If your order used a promo code, the discount is shared across all items in the order, so the refund for a returned item is the amount you actually paid for it.

Shipping charges. If you return the whole order because it arrived damaged, defective or wrong, we also refund the original shipping charge. For other returns the original shipping charge is not refunded. Returns within the US are always free; nothing is deducted for the prepaid label.

Refused or unclaimed parcels. If a parcel is refused or returned to us as undeliverable, we refund the items once it arrives back at the warehouse, minus the original shipping charge.

Questions. You can check the status of a return at any time in your account or by asking the chat assistant. For anything else, e-mail {email} or call {phone}.
"""),
    ("policy-shipping", "Shipping and Delivery Policy", """
{name} ships every order from our warehouse in Portland, Oregon. This policy covers shipping methods, costs, delivery times, tracking and what to do if a parcel is late, lost or damaged.

Processing times. Orders placed before {cutoff} on a business day (Monday to Friday, excluding US federal holidays) usually leave the warehouse the same day. Orders placed after the cut-off, on weekends or on holidays ship the next business day. During the busiest weeks of the year, such as the week of Black Friday and the two weeks before Christmas, processing can take up to 2 business days; we will show a notice on the website when that happens.

Shipping methods within the United States. Standard shipping costs {std} and takes {std_days} business days after dispatch; it is delivered by USPS or UPS. Standard shipping is free for orders of {free} or more, measured after promo codes are applied. Expedited shipping costs {exp} and takes {exp_days} business days with UPS or FedEx. Overnight shipping costs {ovn} and arrives the next business day with FedEx when ordered before the cut-off. Expedited and Overnight are never free. We ship to all 50 states, Puerto Rico, PO boxes and APO/FPO/DPO addresses; PO boxes and military addresses can only use Standard shipping because UPS and FedEx do not deliver to them.

International shipping. We ship to Canada, Mexico, the United Kingdom, Spain, France, Germany, Australia, China, Singapore and Japan with DHL. International shipping is a flat {intl} per order, free on orders over {intl_free}, and takes {intl_days} business days. Orders are shipped duties unpaid: import duties, taxes and brokerage fees are collected by the carrier or customs on delivery and are the recipient's responsibility. Parcels refused because of duties are refunded minus the original shipping charge and any return fees charged to us.

Tracking. As soon as your parcel leaves the warehouse we e-mail the carrier name and tracking number. You can also see tracking in your account or ask the chat assistant with your order number. Tracking usually starts updating within 24 hours. If an order contains items from different shelves, it may arrive in more than one parcel; each has its own tracking number and there is no extra charge.

Late parcels. Delivery estimates are provided by the carriers and are not guaranteed, but we will help if something goes wrong. If tracking shows no movement for 5 business days (10 business days for international parcels), contact us and we will open a trace with the carrier. If the carrier cannot locate the parcel, we send a replacement at no cost or refund the order, whichever you prefer. If an Overnight or Expedited parcel arrives late because of a carrier delay, we refund the difference between the shipping you paid and Standard shipping on request.

Lost and stolen parcels. If tracking shows a parcel as delivered but you cannot find it, please check with neighbours and your building's mailroom and wait 48 hours, since carriers sometimes scan parcels early. After that, contact us within 14 days of the delivery date and we will file a claim, then reship or refund.

Damaged parcels. If your order arrives damaged, send us photos of the items and the box within 14 days. We will send a free replacement or refund the items in full, including shipping, and you will not need to pay to return the damaged goods.

Address changes. We can change the shipping address while an order is still processing. Once it has shipped we can ask the carrier to redirect it, which is not always possible. Please check your address carefully at checkout; parcels returned as undeliverable because of an incorrect address are refunded minus shipping, or reshipped at your cost.
"""),
    ("policy-exchanges", "Exchanges Policy", """
Need a different size or colour? Exchanges at {name} are free within the United States and follow the same {window}-day window as returns, counted from the delivery date.

What can be exchanged. An exchange swaps an item for a different size or colour of the same product at the same price. Items must be unused, unwashed and have their tags attached. Final Sale items and opened beauty products cannot be exchanged. If you would like a different product altogether, return the first item for a refund and place a new order: that way the new item ships immediately and you can use any current promotion.

How to request an exchange. Open the order in your account and choose Exchange, or ask the chat assistant with your order number, the item and the size or colour you want. We reserve the replacement for you and e-mail a prepaid label. As soon as the carrier scans your return parcel, we ship the replacement with Standard shipping at no charge, so you don't have to wait for the return to reach our warehouse. If you prefer, you can upgrade the replacement to Expedited shipping for {exp}.

Out-of-stock replacements. If the size or colour you want is out of stock, we will tell you right away and offer a refund instead. You can also sign up for a back-in-stock e-mail on the product page and order the item again when it returns; restocks usually take 2-6 weeks.

Unreturned items. If we ship a replacement and the original item is not sent back within 21 days, we will charge the replacement to your original payment method. We will e-mail a reminder before doing so.

Price differences. Because exchanges are for the same product, there is normally no price difference. If the product's price has changed since you ordered, your exchange keeps the price you paid.

International exchanges. Outside the US we do not offer direct exchanges; please return the item for a refund (see the Returns and Refunds Policy) and place a new order.

Gifts. If you received an item as a gift, you can exchange it using the order number on the packing slip. The giver is not told about the exchange.

Questions about an exchange can go to the chat assistant, to {email} or by phone on {phone}.
"""),
    ("policy-warranty", "Warranty Policy", """
Everything sold by {name} is built to last, and we stand behind it. This policy describes what our warranty covers, for how long, and how to make a claim.

Coverage period. All products are covered against defects in materials and workmanship for {warranty} years from the delivery date. Electronics accessories (power banks, chargers, cables, headphones, speakers and similar products) are covered for {warranty_el} year. Northwind-brand products carry our lifetime promise: if a Northwind item fails because of a manufacturing defect at any point in its useful life, we will repair or replace it.

What is covered. Examples of defects we cover include seams that come apart under normal use, zips that fail, delaminating waterproof membranes, soles separating from boots, tent poles that crack without an impact, power banks that stop holding a charge, and headlamps with faulty switches.

What is not covered. The warranty does not cover normal wear and tear (for example, a worn-out sole after hundreds of miles, pilling fleece or faded colours), damage from accidents, misuse, improper care or alterations, damage caused by animals or fire, loss or theft, and cosmetic changes that don't affect function. Items bought from other sellers or second-hand are covered only for Northwind-brand lifetime repairs, and only with proof of original purchase.

How to make a claim. Send your order number, a short description of the problem and clear photos to {email}, or share them in the chat with our assistant. If you no longer have the order number, the e-mail address you used to order is enough for us to find it. We review claims within 3 business days. If we need to see the item, we send a prepaid shipping label. Approved claims are resolved by repair, replacement with the same or an equivalent product, or a refund of the price paid if neither is possible. Most claims are resolved within 10 business days of us receiving the item.

Repairs outside warranty. We also repair gear that is no longer under warranty, such as replacing zips, patching tents, re-taping seams and re-baffling down jackets, for a fee quoted in advance. Nothing is repaired without your approval of the quote.

Your rights. This warranty is in addition to any rights you have under the law of your state or country, and it does not limit them.
"""),
    ("policy-privacy", "Privacy Policy", """
This policy explains what personal data {name} collects, why we collect it, and the choices you have. We keep it short and plain on purpose.

What we collect. When you place an order we collect your name, e-mail address, phone number, shipping and billing addresses and the items you buy. Payment details are handled by our payment providers (card processors, PayPal, Apple Pay and Google Pay); we never see or store full card numbers, only the card brand and last four digits. When you browse our site we record the pages and products you view and what you add to your cart, so that we can show relevant recommendations; if you are signed in, this activity is linked to your account. When you chat with our assistant or our agents we store the conversation.

Why we use it. We use your data to process and deliver orders, handle returns, exchanges and warranty claims, answer your questions, prevent fraud, and, only if you opt in, send you newsletters and offers. Browsing history powers product recommendations on the site and in the chat. Chat conversations help our agents pick up where the assistant left off and help us improve the assistant's answers.

Chat transcripts. Conversations are stored for 12 months. E-mail addresses and phone numbers are automatically masked in stored transcripts, and transcripts used to improve the assistant are reviewed without customer names.

Sharing. We never sell your personal data. We share only what is necessary with the companies that help us run the store: carriers (USPS, UPS, FedEx and DHL) receive your name, address and phone number to deliver your parcel; payment providers process payments; our e-mail provider sends order updates. Each is bound by contract to use the data only for that purpose.

Cookies. Essential cookies keep your cart and sign-in working. Analytics cookies are used only with your consent, which you can change any time from Cookie settings in the footer of every page.

Retention. We keep order records for 7 years because tax law requires it. Account data is kept while your account is open. Browsing events are kept for 24 months and chat transcripts for 12 months.

Your rights. You can ask for a copy of your data, ask us to correct it, or ask us to delete your account and personal data by e-mailing {privacy_email} from the address on your account. We respond within 30 days. Order records we must keep for tax purposes are retained but no longer used for anything else. You can unsubscribe from marketing e-mails with one click in any newsletter or in Account settings.

Security. All traffic to our site is encrypted, staff access to customer data is limited to those who need it, and we review our security practices every year.

Contact. Privacy questions can be sent to {privacy_email}.
"""),
    ("policy-payment-promotions", "Payment, Pricing and Promo Codes", """
This page explains how payment works at {name}, and the rules for promo codes, gift cards and price adjustments.

Accepted payment methods. We accept Visa, Mastercard, American Express and Discover credit and debit cards, PayPal (including PayPal Pay in 4 on orders between $30 and $1,500), Apple Pay, Google Pay and Northwind gift cards. All prices are in US dollars. If your card is issued outside the US, your bank converts the amount and may charge a foreign-transaction fee.

When you are charged. When you place an order we authorise the full amount on your card. The payment is captured when the order ships; if it ships in several parcels, we capture the amount of each parcel when it ships. If you cancel an order before it ships, we release the authorisation right away, but your bank may take 3-5 business days to remove it from your statement. A pending authorisation that looks like a duplicate charge almost always disappears on its own within that time.

Declined payments. We don't see why a bank declines a payment. The most common causes are a billing address that doesn't match the card, an expired card, or a security check by the bank. Try again with the exact billing address, use another payment method, or call your bank.

Sales tax and duties. Sales tax is collected for US states where it is required and is shown at checkout before you pay. International orders are shipped duties unpaid; see the Shipping and Delivery Policy.

Promo codes. Enter a promo code in the Promo code box at checkout. Only one code can be used per order, and codes cannot be added to an order after it has been placed or combined with price adjustments. Current codes are: WELCOME10, 10% off your first order; TRAIL15, 15% off orders of $100 or more, valid until December 31, 2026; and FREESHIP40, free Standard shipping on orders of $40 or more, valid until November 30, 2026. Codes do not apply to gift cards or shipping charges unless stated, and they are not valid on items already marked Final Sale. When an order with a promo code is partly returned, the discount is shared across the items, so each item is refunded at the price actually paid.

Price adjustments. If the price of an item you bought drops on our site within {adjust_days} days of your order, contact us and we will refund the difference to your original payment method. Price adjustments don't apply to flash sales lasting less than a day, to clearance items, or to the value of promo codes.

Price matching. We match the current price of an identical item (same brand, model, colour and size) sold and shipped by a major US retailer and in stock there. Contact us before ordering with a link to the offer. We don't match marketplace sellers, auctions, membership-only prices, coupons or bundles.

Gift cards. Digital gift cards are available for $25, $50, $100 and $200 and are delivered by e-mail. They never expire, have no fees, and can be combined with another payment method. Gift cards cannot be exchanged for cash except where the law requires it.

Trail Rewards. Our free rewards program gives 1 point per dollar spent; every 200 points becomes $10 off a future order. Points are added when an order ships and removed if the items are returned.
"""),
    ("policy-order-changes", "Order Changes and Cancellations", """
Plans change. This policy explains what you can change about an order at {name}, and until when.

While an order is processing. Every order starts in the processing status while our warehouse picks and packs it. During this time you can cancel the whole order or individual items, change sizes, colours or quantities, update the shipping address, or upgrade to a faster shipping method. Ask the chat assistant with your order number, use the Orders page in your account, or e-mail {email}. Because most orders placed before {cutoff} ship the same business day, please contact us as soon as possible; we cannot guarantee a change once packing has started.

After an order ships. Once an order has the shipped status it can no longer be cancelled or changed. You can still refuse the delivery or return the items for free within {window} days of delivery (see the Returns and Refunds Policy). If you need a different address, we can ask the carrier to redirect the parcel, but carriers don't always accept redirects and may charge a fee, which we will tell you about first.

Cancellation refunds. When you cancel an order before it ships, your card has only been authorised, not charged; we release the authorisation immediately and your bank usually removes it within 3-5 business days. Orders paid with PayPal or a gift card are refunded in full straight away.

Adding items and promo codes. We can't add new items to an order that has already been placed. If you place a second order while the first is still processing, ask us and we will ship both together and refund the second order's shipping charge. Promo codes can't be added to an order after it has been placed; if you forgot a code, you can cancel the order while it is processing and order again with the code.

Orders we cancel. Occasionally we have to cancel an order, for example if an item turns out to be damaged in our warehouse, if payment can't be verified, or if there is an obvious pricing error on the website. We will always e-mail you, and you are never charged for items we cancel.

Duplicate orders. If you placed the same order twice by mistake, tell us either order number and we will cancel the duplicate while it is still processing.
"""),
    ("policy-customer-service", "Customer Service and Chat Assistant", """
{name} offers help in English, Chinese and Spanish through our website chat, e-mail and phone.

The chat assistant. Our assistant answers questions about orders, tracking, returns, refunds, shipping, payment, promo codes, sizing and products 24 hours a day. It answers only from our own policies, FAQ and catalogue, and it shows you where each answer comes from. To look up an order, give the assistant your order number, for example 1042; for some requests it will also ask for the e-mail address on the order. The assistant can start a return, cancel an order that hasn't shipped, and suggest products; for anything it can't handle it offers to connect you with a person.

Human agents. Our customer service team is available Monday-Friday 8:00-20:00 and Saturday-Sunday 9:00-17:00 Pacific Time. During those hours you can ask the assistant to connect you to an agent at any point, and the agent sees the conversation so far, so you don't need to repeat yourself. Outside those hours the assistant will take your message and an agent will reply by e-mail the next business day.

E-mail and phone. You can e-mail {email} at any time; we answer within one business day. You can call us on {phone} during support hours.

Our promise. We treat every customer with respect and expect the same in return. If you are unhappy with how we handled a request, ask for a supervisor and we will review your case within 2 business days.

Languages. The assistant replies in the language you write in: English, Chinese or Spanish. Our agents speak all three languages, so an escalated conversation continues in your language. Policies that are only published in English are explained by the assistant and agents in your language on request.

What to have ready. To help us help you quickly, please have your order number (a four-digit number such as 1042, shown in your confirmation e-mail), the e-mail address used for the order, and for damaged or faulty items a photo or two.

Accessibility. Our website and chat widget are designed to work with screen readers and keyboard navigation. If you have trouble using any part of the site, call us and we will place the order for you by phone.
"""),
]
