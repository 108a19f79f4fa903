"""English FAQ entries: (id, category, tags, question, answer); ``{placeholders}`` come from ``store.facts``."""

from __future__ import annotations

FAQ_EN: list[tuple[str, str, list[str], str, str]] = [
    # ------------------------------------------------------------------ shipping
    ("faq-shipping-cost", "shipping", ["shipping", "cost"], "How much does shipping cost?",
     ("Standard shipping within the US costs {std} and is free on orders of {free} or more (after discounts). "
     "Expedited shipping is {exp} and Overnight is {ovn}; neither qualifies for free shipping. International orders "
     "ship for a flat {intl}, free over {intl_free}.")),
    ("faq-free-shipping", "shipping", ["shipping", "free-shipping"], "Do you offer free shipping?",
     ("Yes. Every US order of {free} or more ships free with Standard shipping. The threshold is checked after promo "
     "codes are applied, and gift cards count as payment, not as a discount. International orders over {intl_free} also ship free.")),
    ("faq-shipping-options", "shipping", ["shipping", "options"], "What shipping options do you have?",
     ("We offer three US options: Standard ({std}, {std_days} business days, via USPS or UPS), Expedited ({exp}, "
     "{exp_days} business days, via UPS or FedEx) and Overnight ({ovn}, next business day, via FedEx). International "
     "orders ship with DHL for {intl}.")),
    ("faq-delivery-time", "delivery", ["delivery", "shipping"], "How long will my order take to arrive?",
     ("Orders placed before {cutoff} on a business day leave our Portland warehouse the same day; later orders ship the "
     "next business day. After that, Standard delivery takes {std_days} business days, Expedited {exp_days} business days "
     "and Overnight one business day. International delivery takes {intl_days} business days.")),
    ("faq-shipping-weekend", "delivery", ["delivery", "weekend"], "Do you ship on weekends or holidays?",
     ("Our warehouse ships Monday to Friday, except US federal holidays. Orders placed on a weekend ship on Monday. "
     "USPS delivers on Saturdays, so Standard parcels can still arrive on a Saturday.")),
    ("faq-po-box", "shipping", ["shipping", "address"], "Can you ship to a PO box or APO/FPO address?",
     ("Yes. Standard shipping goes to PO boxes and APO/FPO/DPO military addresses through USPS. Expedited and Overnight "
     "need a street address because UPS and FedEx cannot deliver to PO boxes.")),
    ("faq-split-shipment", "shipping", ["shipping", "tracking"], "Why did my order arrive in more than one package?",
     ("If some items ship from a different shelf or come back in stock later, we send them separately at no extra cost. "
     "Each package gets its own tracking number, and the shipping confirmation e-mail lists which items are in which box.")),
    ("faq-order-processing", "shipping", ["orders", "processing"], "When will my order ship?",
     ("Most orders ship within 1 business day. Orders placed before {cutoff} on a business day usually ship the same day. "
     "You will get an e-mail with the tracking number as soon as the parcel leaves our warehouse.")),
    # ------------------------------------------------------------------ tracking
    ("faq-track-order", "tracking", ["tracking", "orders"], "How do I track my order?",
     ("When your order ships we e-mail you the carrier and tracking number. You can also ask this assistant with your "
     "order number (for example \"where is order 1042?\"), or open Orders in your account. Tracking usually updates "
     "within 24 hours of shipping.")),
    ("faq-tracking-not-updating", "tracking", ["tracking", "delivery"], "My tracking hasn't updated in days. What should I do?",
     ("Tracking can pause while a parcel moves between carrier hubs, especially for Standard and international "
     "shipments. If there has been no update for 5 business days (10 for international), contact us at {email} and "
     "we will open a trace with the carrier and, if needed, send a replacement.")),
    ("faq-package-lost", "tracking", ["delivery", "lost"], "My package says delivered but I can't find it.",
     ("Please check with neighbours, your building's mailroom and around the delivery spot, and wait one more day: "
     "carriers sometimes scan parcels as delivered early. If it still hasn't turned up after 48 hours, contact us "
     "within 14 days of the delivery date and we will file a claim and send a replacement or refund.")),
    ("faq-damaged-package", "tracking", ["delivery", "damaged"], "My order arrived damaged. What now?",
     ("We're sorry! Send us a photo of the item and the box within 14 days of delivery at {email} or through this chat. "
     "We will ship a free replacement or issue a full refund, and you won't need to pay for return shipping.")),
    ("faq-wrong-item", "tracking", ["orders", "wrong-item"], "I received the wrong item.",
     ("Sorry about that. Tell us your order number and what arrived; we will send the right item right away with "
     "Expedited shipping at no cost and e-mail a prepaid label so you can send the wrong one back.")),
    # ------------------------------------------------------------------ returns
    ("faq-return-window", "returns", ["returns"], "What is your return policy?",
     ("You can return most items within {window} days of delivery for a full refund, as long as they are unused, "
     "unwashed and have their tags. Returns within the US are free with our prepaid label. Items marked Final Sale, "
     "opened beauty products and gift cards cannot be returned unless they are defective.")),
    ("faq-return-how", "returns", ["returns", "how-to"], "How do I return an item?",
     ("Start a return in Orders in your account or ask this assistant with your order number. Choose the items and a "
     "reason, and we'll e-mail you a prepaid return label. Pack the items in any box, attach the label and drop it off "
     "at any UPS or USPS location within 14 days.")),
    ("faq-return-cost", "returns", ["returns", "cost"], "Are returns free?",
     ("Returns within the US are free: we send a prepaid label and nothing is deducted from your refund. For "
     "international returns you can use our DHL label for {intl_label}, which is deducted from the refund, or ship the "
     "parcel back yourself.")),
    ("faq-return-late", "returns", ["returns", "window"], "Can I return something after 30 days?",
     ("Our return window is {window} days from delivery. After that we can't accept a return for a refund, but if the "
     "item is faulty our {warranty}-year warranty still covers it, so contact us and we'll help with a repair or replacement.")),
    ("faq-return-holiday", "returns", ["returns", "holiday"], "Do you have extended holiday returns?",
     ("Yes. Items delivered between November 1 and December 31 can be returned until {holiday}, even if that is more than "
     "{window} days after delivery.")),
    ("faq-return-final-sale", "returns", ["returns", "final-sale"], "Can I return Final Sale items?",
     ("No. Items marked Final Sale on the product page and in your order confirmation can't be returned or exchanged, "
     "unless they arrive damaged or defective.")),
    ("faq-return-without-receipt", "returns", ["returns", "gift"], "Can I return a gift?",
     ("Yes. Start a gift return with the order number from the packing slip or the gift giver's e-mail. We refund gift "
     "returns as store credit to you, and the giver is not notified.")),
    ("faq-return-opened-beauty", "returns", ["returns", "beauty"], "Can I return beauty products I've opened?",
     ("For hygiene reasons we can only accept beauty products that are unopened and sealed. If a product irritated your "
     "skin or arrived damaged, contact us and we'll sort out a refund.")),
    ("faq-return-gift-card", "returns", ["returns", "gift-cards"], "Can I return a gift card?",
     ("No. Gift cards are not returnable, and they can't be exchanged for cash except where the law requires it. They "
     "never expire and have no fees. If you return items from an order paid with a gift card, the refund goes to a new "
     "digital gift card.")),
    ("faq-return-in-store", "returns", ["returns"], "Can I return an online order in a store?",
     ("Northwind Outfitters is an online-only store, so returns go back by mail using the prepaid label we e-mail you. "
     "The returns address is {returns_address}.")),
    ("faq-return-status", "returns", ["returns", "status"], "How do I check the status of my return?",
     ("Ask this assistant with your order number or open Orders in your account. A return shows as requested until "
     "the parcel reaches our warehouse, then as received, and finally as refunded when the money is on its way.")),
    # ------------------------------------------------------------------ refunds
    ("faq-refund-time", "refunds", ["refunds"], "How long does a refund take?",
     ("We process refunds within {refund_days} business days of receiving your return at our warehouse. The money goes "
     "back to your original payment method; banks usually take another {bank_days} to show it on your statement.")),
    ("faq-refund-method", "refunds", ["refunds", "payment"], "Will I be refunded to my original payment method?",
     ("Yes. Refunds always go back to the card, PayPal account or wallet you paid with. Orders paid by gift card are "
     "refunded to a new gift card. If your card has expired, your bank will still route the refund to your account.")),
    ("faq-refund-shipping", "refunds", ["refunds", "shipping"], "Do you refund the shipping cost?",
     ("Original shipping charges are refunded when the whole order is returned because of our mistake or a defect. For "
     "other returns we refund the items and keep the original shipping charge.")),
    ("faq-refund-partial", "refunds", ["refunds", "promo"], "I used a promo code. How much will I get back?",
     ("If your order used a promo code, the discount is spread across the items, so the refund for an item is the price "
     "you actually paid for it, not its full list price.")),
    ("faq-refund-missing", "refunds", ["refunds"], "I haven't received my refund yet.",
     ("Check the refund date in your order: after we issue a refund, banks take {bank_days} to post it. If it has been "
     "longer than that, contact us at {email} and we'll send you the refund reference so your bank can trace it.")),
    # ------------------------------------------------------------------ exchanges
    ("faq-exchange", "exchanges", ["exchanges"], "Can I exchange an item for a different size or colour?",
     ("Yes, within {window} days of delivery. Start an exchange in your account or in this chat, pick the new size or "
     "colour, and we ship the replacement as soon as the carrier scans your return. Exchanges are free within the US.")),
    ("faq-exchange-different-item", "exchanges", ["exchanges", "returns"], "Can I exchange for a different product?",
     ("Exchanges are for a different size or colour of the same product. For a different product, return the first item "
     "for a refund and place a new order; that way you'll get the new item fastest.")),
    ("faq-exchange-out-of-stock", "exchanges", ["exchanges", "stock"], "What if the size I want for an exchange is out of stock?",
     ("If the replacement is out of stock we'll refund the returned item instead, or you can sign up for a back-in-stock "
     "e-mail on the product page and reorder when it is back.")),
    # ------------------------------------------------------------------ orders: change / cancel
    ("faq-cancel-order", "orders", ["cancellation", "orders"], "Can I cancel my order?",
     ("Yes, as long as it hasn't shipped yet (its status is still processing). Ask this assistant with your order number "
     "or use Cancel order in your account. Once an order has shipped it can't be cancelled, but you can return it for "
     "free within {window} days.")),
    ("faq-change-order", "orders", ["orders", "changes"], "Can I change my order after placing it?",
     ("While an order is still processing we can change sizes, colours or quantities, remove items or switch to a faster "
     "shipping method. We can't add a promo code to a placed order. Once it has shipped, changes aren't possible.")),
    ("faq-change-address", "orders", ["orders", "address"], "How do I change my shipping address?",
     ("If your order hasn't shipped, tell us the order number and the new address and we'll update it. After it ships we "
     "can ask the carrier to redirect it, but that isn't guaranteed. Saved addresses for future orders can be changed "
     "in your account.")),
    ("faq-add-item", "orders", ["orders", "changes"], "Can I add an item to an order I already placed?",
     ("We can't merge new items into an order, but if both orders are still processing we'll ship them together and "
     "refund the second order's shipping charge. Just ask this assistant.")),
    ("faq-gift-wrap", "orders", ["orders", "gift"], "Can you gift-wrap my order?",
     ("We don't offer gift wrapping: every order ships in our plain recycled boxes. If it's a gift, choose \"This is a "
     "gift\" at checkout and the packing slip will show your message and no prices; the recipient can return or "
     "exchange the item with the order number on that slip.")),
    ("faq-order-confirmation", "orders", ["orders", "email"], "I didn't get an order confirmation e-mail.",
     ("Confirmation e-mails usually arrive within a few minutes. Check your spam folder and make sure the e-mail address "
     "on the order is right. You can also ask this assistant with your order number to confirm the order went through.")),
    ("faq-backorder", "orders", ["stock", "orders"], "What happens if an item is out of stock?",
     ("Out-of-stock sizes and colours can't be ordered. On the product page you can ask for a back-in-stock e-mail. If an "
     "item you ordered turns out to be unavailable we'll refund it within 1 business day and ship the rest.")),
    # ------------------------------------------------------------------ payment
    ("faq-payment-methods", "payment", ["payment"], "Which payment methods do you accept?",
     ("We accept Visa, Mastercard, American Express, Discover, PayPal, Apple Pay, Google Pay and Northwind gift cards. "
     "All prices are in US dollars.")),
    ("faq-payment-when-charged", "payment", ["payment", "charges"], "When will I be charged?",
     ("We authorise your card when you place the order and capture the payment when it ships. If an order is cancelled "
     "before shipping, the authorisation is released; your bank usually removes it within 3-5 business days.")),
    ("faq-payment-declined", "payment", ["payment", "declined"], "Why was my payment declined?",
     ("Declines usually come from a billing address that doesn't match the card, an expired card or a bank security "
     "check. Check the details, try another payment method, or call your bank. We never see the reason a bank declines a card.")),
    ("faq-double-charge", "payment", ["payment", "charges"], "I was charged twice for my order.",
     ("Usually the second charge is a pending authorisation that drops off within 3-5 business days. If two completed "
     "charges appear on your statement, send us the order number and we'll refund the duplicate right away.")),
    ("faq-payment-currency", "payment", ["payment", "international"], "Can I pay in my local currency?",
     "Prices are charged in US dollars. Your bank converts the amount and may add a foreign-transaction fee."),
    ("faq-sales-tax", "payment", ["payment", "tax"], "Do you charge sales tax?",
     ("We collect sales tax for US states where it is required; it is shown at checkout before you pay. International "
     "orders may owe import duties and taxes, which the carrier collects on delivery.")),
    ("faq-invoice", "payment", ["payment", "invoice"], "Can I get an invoice or receipt for my order?",
     ("Yes. Your order confirmation e-mail is your receipt. For an itemised PDF invoice showing the sales tax, open the "
     "order in Orders in your account and click Download invoice; to add a company name or tax ID, e-mail {email} with "
     "your order number. As a US company we can't issue VAT invoices or Chinese fapiao.")),
    ("faq-gift-cards", "payment", ["gift-cards", "payment"], "Do you sell gift cards?",
     ("Yes, digital gift cards of $25, $50, $100 or $200 are delivered by e-mail. They never expire and can be combined "
     "with another payment method at checkout.")),
    ("faq-installments", "payment", ["payment"], "Can I pay in installments?",
     "We don't offer our own installment plans, but PayPal Pay in 4 is available at checkout on orders between $30 and $1,500."),
    # ------------------------------------------------------------------ promo codes
    ("faq-promo-codes", "promotions", ["promo", "discounts"], "How do I use a promo code?",
     ("Enter the code in the Promo code box at checkout and click Apply. Only one code can be used per order, and codes "
     "can't be added to an order after it has been placed.")),
    ("faq-promo-not-working", "promotions", ["promo", "discounts"], "Why isn't my promo code working?",
     ("Check that the code hasn't expired, that your order meets its minimum (TRAIL15 needs $100 or more, FREESHIP40 "
     "needs $40), and that you aren't combining it with another code. WELCOME10 works only on a first order.")),
    ("faq-welcome-discount", "promotions", ["promo", "newsletter"], "Do you have a discount for new customers?",
     "Yes: code WELCOME10 gives 10% off your first order. Sign up for our newsletter and we'll e-mail it to you too."),
    ("faq-price-adjustment", "promotions", ["price", "discounts"], "The price dropped after I bought. Can I get the difference?",
     ("Yes. If the price of an item drops within {adjust_days} days of your order, contact us and we'll refund the "
     "difference to your original payment method. This doesn't apply to promo codes or flash sales that end within a day.")),
    ("faq-price-match", "promotions", ["price"], "Do you price match other retailers?",
     ("We match the price of an identical item (same brand, model, colour and size) sold by a major US retailer and in "
     "stock there. Contact us before you order with a link to the offer. Marketplace sellers, auctions and coupon prices don't count.")),
    ("faq-loyalty", "promotions", ["loyalty", "account"], "Do you have a rewards program?",
     ("Yes, Trail Rewards is free: you earn 1 point per dollar spent and every 200 points becomes $10 off. Points appear "
     "when your order ships and are removed if items are returned.")),
    # ------------------------------------------------------------------ account
    ("faq-create-account", "account", ["account"], "Do I need an account to order?",
     ("No, you can check out as a guest. With a free account you can track orders, start returns in a few clicks, save "
     "addresses and earn Trail Rewards points.")),
    ("faq-reset-password", "account", ["account", "password"], "I forgot my password.",
     ("Click Forgot password on the sign-in page and enter your e-mail; we'll send a reset link that works for 60 minutes. "
     "If the e-mail doesn't arrive, check your spam folder or contact {email}.")),
    ("faq-change-email", "account", ["account"], "How do I change the e-mail on my account?",
     ("Sign in, open Account settings and edit your e-mail address; we'll send a confirmation link to the new address. "
     "Orders you already placed keep sending updates to the old address unless you ask us to change them.")),
    ("faq-delete-account", "account", ["account", "privacy"], "How do I delete my account?",
     ("E-mail {privacy_email} from the address on your account and we'll delete your account and personal data within "
     "30 days, except order records we must keep for tax purposes.")),
    ("faq-newsletter", "account", ["account", "email"], "How do I unsubscribe from your e-mails?",
     ("Click Unsubscribe at the bottom of any marketing e-mail, or turn off newsletters in Account settings. You'll still "
     "get e-mails about your orders.")),
    # ------------------------------------------------------------------ warranty
    ("faq-warranty", "warranty", ["warranty"], "What warranty do your products have?",
     ("Everything we sell is covered for {warranty} years against defects in materials and workmanship; electronics "
     "accessories are covered for {warranty_el} year. Northwind-brand gear gets repair or replacement for life. Normal "
     "wear, accidents and misuse aren't covered.")),
    ("faq-warranty-claim", "warranty", ["warranty", "how-to"], "How do I make a warranty claim?",
     ("Send your order number, a short description and photos of the problem to {email} or share them in this chat. "
     "If the claim is approved we send a prepaid label and repair, replace or refund the item, usually within 10 business days.")),
    ("faq-repairs", "warranty", ["warranty", "repairs"], "Do you repair gear?",
     ("Yes. Out-of-warranty repairs (zips, seams, tent poles, down jackets) are available for a quoted fee. Contact us "
     "with photos and we'll send an estimate before any work starts.")),
    # ------------------------------------------------------------------ sizing & products
    ("faq-size-guide", "sizing", ["sizing"], "How do I find my size?",
     ("Every clothing and footwear page has a Size guide link with body measurements in inches and centimetres. Our "
     "clothing runs true to size; if you are between sizes or plan to layer underneath, choose the larger size.")),
    ("faq-shoe-sizing", "sizing", ["sizing", "footwear"], "Do your shoes run true to size?",
     ("Most of our footwear runs true to US sizing. Hiking boots are cut with room for thick socks, so if you wear thin "
     "socks or are between sizes, go half a size down. Sizes 6 to 13 are available in most styles.")),
    ("faq-product-care", "products", ["care"], "How do I wash waterproof jackets?",
     ("Wash waterproof shells on a gentle cycle at 30 °C with a technical wash, no fabric softener, then tumble dry low "
     "for 20 minutes to reactivate the water-repellent finish. Close all zips before washing.")),
    ("faq-stock-restock", "products", ["stock"], "When will an out-of-stock item be back?",
     ("Most sizes and colours are restocked within 2-6 weeks. Click Notify me on the product page to get an e-mail the "
     "moment it's back; we can't reserve items before they return.")),
    ("faq-product-recommendation", "products", ["recommendations"], "Can you help me choose a product?",
     ("Yes! Tell this assistant what you need it for, your budget and any size or colour preferences, and it will suggest "
     "a few products from our catalogue with their prices and stock.")),
    # ------------------------------------------------------------------ privacy
    ("faq-privacy", "privacy", ["privacy"], "What do you do with my personal data?",
     ("We use your data only to process orders, provide support and, if you agree, send newsletters. We never sell "
     "personal data. Payments are handled by our payment providers; we don't store full card numbers.")),
    ("faq-chat-data", "privacy", ["privacy", "chat"], "Is this chat recorded?",
     ("Yes, chat conversations are stored for 12 months to improve our service and to help agents who pick up your "
     "conversation. E-mail addresses and phone numbers are masked in the stored transcripts.")),
    ("faq-cookies", "privacy", ["privacy", "cookies"], "Do you use cookies?",
     ("We use essential cookies for your cart and sign-in, and, only with your consent, analytics cookies. You can "
     "change your choice any time from Cookie settings in the site footer.")),
    # ------------------------------------------------------------------ international
    ("faq-international", "international", ["international", "shipping"], "Do you ship internationally?",
     ("Yes, we ship to Canada, Mexico, the UK, Spain, France, Germany, Australia, China, Singapore and Japan with DHL. "
     "Shipping is a flat {intl} (free over {intl_free}) and takes {intl_days} business days.")),
    ("faq-customs", "international", ["international", "customs"], "Will I have to pay customs duties?",
     ("International orders are shipped duties unpaid: any import duties, taxes or brokerage fees are charged by the "
     "carrier or your customs office on delivery and are not included in our prices.")),
    ("faq-international-returns", "international", ["international", "returns"], "How do international returns work?",
     ("International customers have the same {window}-day window. You can use our prepaid DHL label for {intl_label}, "
     "deducted from the refund, or send the parcel with a carrier of your choice to {returns_address}.")),
    # ------------------------------------------------------------------ contact
    ("faq-contact", "support", ["contact", "support"], "How can I contact customer service?",
     ("E-mail {email} or call {phone}. Our team is available Monday-Friday 8:00-20:00 and Saturday-Sunday 9:00-17:00 "
     "Pacific Time. This assistant answers around the clock and can hand you over to a person during those hours.")),
    ("faq-human-agent", "support", ["contact", "agent"], "Can I talk to a real person?",
     ("Of course. Ask this assistant to connect you with an agent; during support hours (Monday-Friday 8:00-20:00, "
     "Saturday-Sunday 9:00-17:00 Pacific Time) someone joins the chat, usually within a few minutes.")),
    ("faq-company", "support", ["about"], "Where are you located?",
     "Northwind Outfitters is based in Portland, Oregon, and ships every order from our warehouse at 1200 NW Marshall Street."),
]
