"""The store's metadata (``store.json``): every number the FAQ and policies quote comes from here."""

from __future__ import annotations

from typing import Any

STORE: dict[str, Any] = {
    "name": "Northwind Outfitters",
    "tagline": "Outdoor gear, clothing and home goods for everyday adventures",
    "website": "https://northwind-outfitters.example",
    "currency": "USD",
    "demo_today": "2026-11-20",
    "timezone": "America/Los_Angeles",
    "languages": ["en", "zh", "es"],
    "return_window_days": 30,
    "exchange_window_days": 30,
    "holiday_return_deadline": "2027-01-31",
    "return_label_fee_international": 9.95,
    "refund_processing_business_days": 3,
    "refund_bank_days": "5-10 business days",
    "free_shipping_threshold": 75.0,
    "order_cutoff": "1:00 pm Pacific Time",
    "processing_business_days": 1,
    "shipping_methods": [
        {"id": "standard", "name": "Standard", "price": 5.95, "days_min": 3, "days_max": 5, "free_over": 75.0,
         "carriers": ["USPS", "UPS"]},
        {"id": "expedited", "name": "Expedited", "price": 14.95, "days_min": 2, "days_max": 3, "free_over": None,
         "carriers": ["UPS", "FedEx"]},
        {"id": "overnight", "name": "Overnight", "price": 29.95, "days_min": 1, "days_max": 1, "free_over": None,
         "carriers": ["FedEx"]},
    ],
    "international_shipping": {"id": "international", "name": "International", "price": 24.95, "days_min": 7,
                               "days_max": 14, "free_over": 200.0, "carriers": ["DHL"],
                               "countries": ["CA", "MX", "GB", "ES", "FR", "DE", "AU", "CN", "SG", "JP"]},
    "carriers": ["USPS", "UPS", "FedEx", "DHL"],
    "ships_to_po_boxes": True,
    "support": {"email": "help@northwind-outfitters.example", "phone": "+1 (503) 555-0142",
                "hours": "Monday-Friday 8:00-20:00 and Saturday-Sunday 9:00-17:00 Pacific Time",
                "chat": "The assistant answers 24/7; human agents are available during support hours",
                "privacy_email": "privacy@northwind-outfitters.example"},
    "returns_address": "Northwind Outfitters Returns, 1200 NW Marshall Street, Portland, OR 97209, USA",
    "warranty": {"years": 2, "electronics_years": 1, "northwind_brand": "lifetime repair or replacement for manufacturing defects"},
    "price_adjustment_days": 14,
    "promo_codes": [
        {"code": "WELCOME10", "percent": 10, "description": "10% off your first order", "first_order_only": True,
         "min_subtotal": 0, "expires": None},
        {"code": "TRAIL15", "percent": 15, "description": "15% off orders of $100 or more", "first_order_only": False,
         "min_subtotal": 100, "expires": "2026-12-31"},
        {"code": "FREESHIP40", "percent": 0, "description": "free standard shipping on orders of $40 or more",
         "first_order_only": False, "min_subtotal": 40, "expires": "2026-11-30"},
    ],
    "payment_methods": ["Visa", "Mastercard", "American Express", "Discover", "PayPal", "Apple Pay", "Google Pay",
                        "Northwind gift cards"],
    "gift_card_amounts": [25, 50, 100, 200],
    "loyalty": {"name": "Trail Rewards", "points_per_dollar": 1, "reward": "$10 off for every 200 points"},
}


def facts(store: dict[str, Any] = STORE) -> dict[str, Any]:
    """Flat names for the values quoted in FAQ and policy texts (``{window}``, ``{free}``...)."""
    std, exp, ovn = store["shipping_methods"]
    intl = store["international_shipping"]
    sup = store["support"]
    return {
        "name": store["name"], "window": store["return_window_days"], "free": f"${store['free_shipping_threshold']:.0f}",
        "std": f"${std['price']:.2f}", "std_days": f"{std['days_min']}-{std['days_max']}", "exp": f"${exp['price']:.2f}",
        "exp_days": f"{exp['days_min']}-{exp['days_max']}", "ovn": f"${ovn['price']:.2f}", "intl": f"${intl['price']:.2f}",
        "intl_days": f"{intl['days_min']}-{intl['days_max']}", "intl_free": f"${intl['free_over']:.0f}",
        "email": sup["email"], "phone": sup["phone"], "privacy_email": sup["privacy_email"],
        "refund_days": store["refund_processing_business_days"], "bank_days": store["refund_bank_days"],
        "cutoff": store["order_cutoff"], "intl_label": f"${store['return_label_fee_international']:.2f}",
        "warranty": store["warranty"]["years"], "warranty_el": store["warranty"]["electronics_years"],
        "adjust_days": store["price_adjustment_days"], "returns_address": store["returns_address"],
        "holiday": "January 31, 2027", "site": store["website"],
    }
