"""The tiny inline store the retrieval tests index (products, FAQ with translations, one policy)."""

from __future__ import annotations

from retrieval.documents import Document, faq_documents, policy_documents, product_document

PRODUCTS = [
    {"id": "p-tee-1", "title": "Cotton crew T-shirt", "description": "Soft cotton tee for everyday wear.",
     "category": "Clothing > T-shirts", "brand": "Basico", "price": 15.0, "currency": "USD", "rating": 4.4,
     "variants": [{"sku": "XK-2291-B", "options": {"size": "M", "colour": "black"}, "stock": 4},
                  {"sku": "XK-2291-W", "options": {"size": "L", "colour": "white"}, "stock": 0}]},
    {"id": "p-tee-2", "title": "Cotton crew T-shirt", "description": "Soft cotton tee for everyday wear.",
     "category": "Clothing > T-shirts", "brand": "Basico", "price": 16.0,
     "variants": [{"sku": "QZ-7710-R", "options": {"size": "S", "colour": "red"}, "stock": 2}]},
    {"id": "p-tee-3", "title": "Organic cotton T-shirt", "description": "A plain organic tee.",
     "category": "Clothing > T-shirts", "brand": "Verdant", "price": 29.0,
     "variants": [{"sku": "VR-0001", "options": {"size": "M"}, "stock": 0}]},
    # decoys whose SKUs differ from p-tee-2's by a transposition: dense embeddings confuse them
    {"id": "p-sock-1", "title": "Cotton crew socks", "description": "Soft cotton socks.", "category": "Clothing > Socks",
     "price": 12.0, "variants": [{"sku": "QZ-7170-R", "stock": 5}]},
    {"id": "p-sock-2", "title": "Cotton crew socks", "description": "Soft cotton socks.", "category": "Clothing > Socks",
     "price": 12.0, "variants": [{"sku": "QZ-7701-R", "stock": 5}]},
    {"id": "p-boot", "title": "Waterproof hiking boots", "description": "Leather boots with a grippy sole for trails.",
     "category": "Shoes > Boots", "brand": "Trailmark", "price": 139.0,
     "variants": [{"sku": "TM-B-42", "options": {"size": "42"}, "stock": 3}]},
    {"id": "p-kettle", "title": "Electric kettle 1.7 L", "description": "Boils water fast, auto shut-off.",
     "category": "Kitchen", "brand": "Hervor", "price": 34.5},
    {"id": "p-mug", "title": "Ceramic coffee mug", "description": "350 ml stoneware mug.", "category": "Kitchen",
     "price": 9.0, "stock": 0},
]
FAQ = [
    {"id": "faq-shipping", "question": "How long does shipping take?",
     "answer": "Standard shipping takes 3-5 business days; express shipping takes 1-2 business days."},
    {"id": "faq-shipping-es", "source_id": "faq-shipping", "lang": "es", "question": "¿Cuánto tarda el envío?",
     "answer": "El envío estándar tarda de 3 a 5 días hábiles; el exprés, de 1 a 2 días hábiles."},
    {"id": "faq-shipping-zh", "source_id": "faq-shipping", "lang": "zh", "question": "配送需要多长时间？",
     "answer": "标准配送需要3-5个工作日，加急配送需要1-2个工作日。"},
    {"id": "faq-payment", "question": "Which payment methods do you accept?",
     "answer": "We accept Visa, Mastercard, American Express and PayPal."},
    {"id": "faq-cancel", "question": "Can I cancel my order?",
     "answer": "You can cancel an order until it has shipped from the order page in your account."},
    {"id": "faq-giftwrap", "question": "Do you offer gift wrapping?",
     "answer": "Yes, gift wrapping is available at checkout for $4 per item."},
    {"id": "faq-account", "question": "How do I create an account?",
     "answer": "Click 'Sign up' at the top of any page and enter your email address and a password."},
    {"id": "faq-intl", "question": "Do you ship internationally?",
     "answer": "We ship to the EU, the UK, Canada and Mexico; duties are shown at checkout."},
]
POLICIES = [
    {"id": "policy-returns", "title": "Returns and refunds",
     "body": ("You may return unworn items within 30 days of delivery for a full refund. "
              "Items must be in their original packaging with tags attached. "
              "Refunds are issued to the original payment method within 5 business days of receiving the return. "
              "Final sale items cannot be returned. ") * 3
             + "Return shipping is free for exchanges of size or colour. "
             + "Damaged or faulty items are replaced at no cost if reported within 14 days."},
]


def store_documents() -> list[Document]:
    return ([product_document(p) for p in PRODUCTS] + [d for f in FAQ for d in faq_documents(f)]
            + [d for p in POLICIES for d in policy_documents(p)])
