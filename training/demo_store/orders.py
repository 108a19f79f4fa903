"""Orders from the simulator's purchase sessions, with statuses and dates consistent with ``demo_today``.

Orders are numbered 1001, 1002, ... in time order, except a few showcase numbers pinned to a status
the demo and the tests rely on (see :data:`SHOWCASE`): their rows are swapped with a suitable order.
"""

from __future__ import annotations

import random
import string
from datetime import datetime, timedelta
from typing import Any

from training.demo_store.simulate import Purchase

# order number -> what it shows (used by the demo, the dialogue tests and docs/data-formats.md)
SHOWCASE = {"1042": "shipped", "1043": "processing", "1044": "delivered_in_window", "1045": "delivered_out_of_window",
            "1046": "return_requested", "1047": "refunded", "1048": "cancelled"}
RETURN_REASONS = ["too small", "too large", "changed my mind", "arrived damaged", "not as pictured", "ordered two sizes",
                  "quality not as expected", "arrived too late"]
CANCEL_REASONS = ["ordered by mistake", "found a better price", "wrong size selected", "shipping too slow", "duplicate order"]


def _iso(t: datetime | None) -> str | None:
    return t.strftime("%Y-%m-%dT%H:%M:%SZ") if t else None


def _tracking(r: random.Random, carrier: str) -> str:
    def digits(n: int) -> str:
        return "".join(r.choice(string.digits) for _ in range(n))

    if carrier == "UPS":
        return "1Z" + "".join(r.choice(string.ascii_uppercase + string.digits) for _ in range(6)) + digits(10)
    if carrier == "USPS":
        return "9400" + digits(18)
    if carrier == "FedEx":
        return digits(12)
    return "JD" + digits(16)  # DHL eCommerce


def _payment(r: random.Random, email: str) -> dict[str, Any]:
    kind = r.choices(["card", "paypal", "apple_pay", "google_pay", "gift_card"], [62, 20, 10, 5, 3])[0]
    last4 = f"{r.randint(0, 9999):04d}"
    if kind == "card":
        return {"type": "card", "brand": r.choices(["visa", "mastercard", "amex", "discover"], [50, 30, 14, 6])[0], "last4": last4}
    if kind == "paypal":
        return {"type": "paypal", "email": email}
    if kind == "gift_card":
        return {"type": "gift_card", "last4": last4}
    return {"type": kind, "brand": r.choice(["visa", "mastercard"]), "last4": last4}


def _method(r: random.Random, store: dict[str, Any], country: str) -> dict[str, Any]:
    if country != "US":
        return store["international_shipping"]
    return r.choices(store["shipping_methods"], [80, 15, 5])[0]


def make_orders(seed: int, purchases: list[Purchase], customers: list[dict[str, Any]], products: list[dict[str, Any]],
                store: dict[str, Any]) -> list[dict[str, Any]]:
    """One order per purchase session, numbered from 1001 in time order (showcase numbers pinned)."""
    r = random.Random(seed)
    today = datetime.strptime(store["demo_today"], "%Y-%m-%d") + timedelta(hours=12)
    window = store["return_window_days"]
    cust = {c["id"]: c for c in customers}
    prods = {p["id"]: p for p in products}
    orders = []
    for pu in sorted(purchases, key=lambda p: p.ts):
        c = cust[pu.customer_id]
        items, subtotal = [], 0.0
        for pid in pu.product_ids:
            p = prods[pid]
            var = r.choice([v for v in p["variants"] if v["stock"] > 0] or p["variants"])
            qty = 1 if r.random() < 0.85 else r.choice([2, 2, 3])
            items.append({"product_id": pid, "sku": var["sku"], "title": p["title"], "colour": var["colour"],
                          "size": var["size"], "quantity": qty, "unit_price": p["price"]})
            subtotal += qty * p["price"]
        subtotal = round(subtotal, 2)
        discount, promo = 0.0, None
        if r.random() < 0.12:
            promo = r.choice(["WELCOME10", "TRAIL15"])
            discount = round(subtotal * (0.10 if promo == "WELCOME10" else 0.15), 2)
        method = _method(r, store, c["address"]["country"])
        free_over = method.get("free_over")
        shipping = 0.0 if free_over is not None and subtotal - discount >= free_over else method["price"]
        carrier = r.choice(method["carriers"])
        created = pu.ts
        age_days = (today - created).total_seconds() / 86400
        ship_at = created + timedelta(hours=r.uniform(6, 40))
        transit = timedelta(days=r.randint(method["days_min"], method["days_max"]), hours=r.randint(0, 8))
        eta_dt = (ship_at if ship_at < today else today + timedelta(days=1)) + timedelta(days=method["days_max"])
        o: dict[str, Any] = {
            "id": "", "customer_id": c["id"], "email": c["email"], "status": "", "created_at": _iso(created),
            "items": items, "subtotal": subtotal, "discount": discount, "promo_code": promo, "shipping": shipping,
            "total": round(subtotal - discount + shipping, 2), "currency": "USD", "shipping_method": method["id"],
            "shipping_address": {"name": c["name"], **c["address"]}, "payment_method": _payment(r, c["email"]),
            "carrier": None, "tracking_number": None, "shipped_at": None, "delivered_at": None,
            "estimated_delivery": eta_dt.strftime("%Y-%m-%d"), "cancelled_at": None, "cancel_reason": None, "return": None,
        }
        if r.random() < 0.07 and age_days > 0.2:
            o["status"] = "cancelled"
            o["cancelled_at"] = _iso(created + timedelta(hours=r.uniform(0.2, 5)))
            o["cancel_reason"] = r.choice(CANCEL_REASONS)
            o["estimated_delivery"] = None
        elif ship_at >= today:
            o["status"] = "processing"
        else:
            o.update(carrier=carrier, tracking_number=_tracking(r, carrier), shipped_at=_iso(ship_at))
            delivered = ship_at + transit
            o["estimated_delivery"] = (ship_at + timedelta(days=method["days_max"])).strftime("%Y-%m-%d")
            if delivered >= today:
                o["status"] = "shipped"
            else:
                o.update(status="delivered", delivered_at=_iso(delivered))
                _maybe_return(r, o, delivered, today, window)
        orders.append(o)
    for i, o in enumerate(orders):
        o["id"] = str(1001 + i)
    _pin_showcase(orders, today, window)
    return orders


def _maybe_return(r: random.Random, o: dict[str, Any], delivered: datetime, today: datetime, window: int) -> None:
    days_since = (today - delivered).days
    p = r.random()
    if p > 0.11:
        return
    item = r.choice(o["items"])
    req = delivered + timedelta(days=r.uniform(1, min(window - 1, max(1.5, days_since))))
    if req >= today:
        return
    amount = round(item["unit_price"] * item["quantity"] * (1 - (o["discount"] / o["subtotal"] if o["subtotal"] else 0)), 2)
    ret = {"requested_at": _iso(req), "reason": r.choice(RETURN_REASONS), "items": [{"sku": item["sku"], "quantity": item["quantity"]}],
           "resolution": "refund", "return_label": f"RMA-{o['id'] or 'X'}", "received_at": None, "refund_amount": amount,
           "refunded_at": None}
    received = req + timedelta(days=r.uniform(4, 9))
    if received + timedelta(days=3) < today:
        ret.update(received_at=_iso(received), refunded_at=_iso(received + timedelta(days=r.uniform(1, 3))))
        o["status"] = "refunded"
    else:
        o["status"] = "return_requested"
    o["return"] = ret


def _pin_showcase(orders: list[dict[str, Any]], today: datetime, window: int) -> None:
    """Swap rows so each showcase number has its promised status (numbers follow the rows)."""
    def wanted(o: dict[str, Any], what: str) -> bool:
        if what.startswith("delivered"):
            if o["status"] != "delivered":
                return False
            age = (today - datetime.strptime(o["delivered_at"], "%Y-%m-%dT%H:%M:%SZ")).days
            return (age <= window - 10) if what.endswith("in_window") else (age > window + 5)
        if what == "shipped":  # the demo's headline order: a domestic UPS parcel
            return o["status"] == what and o["carrier"] == "UPS"
        return o["status"] == what

    index = {o["id"]: i for i, o in enumerate(orders)}
    used = set(SHOWCASE)
    for number, what in SHOWCASE.items():
        i = index[number]
        if wanted(orders[i], what):
            continue
        j = next(j for j in range(len(orders) - 1, -1, -1) if orders[j]["id"] not in used and wanted(orders[j], what))
        orders[i], orders[j] = orders[j], orders[i]
        orders[i]["id"], orders[j]["id"] = orders[j]["id"], orders[i]["id"]
        used.add(orders[i]["id"])
    for o in orders:
        if o["return"]:
            o["return"]["return_label"] = f"RMA-{o['id']}"
        o["refund"] = _refund(o)


def _refund(o: dict[str, Any]) -> dict[str, Any] | None:
    """Money going back to the customer: a return's refund, or a cancelled order's released payment."""
    method = o["payment_method"]["type"]
    if o["status"] == "cancelled":
        return {"status": "issued", "amount": o["total"], "issued_at": o["cancelled_at"], "method": method,
                "kind": "authorisation_released" if method in ("card", "apple_pay", "google_pay") else "refund"}
    if o["return"]:
        ret = o["return"]
        return {"status": "issued" if ret["refunded_at"] else "pending", "amount": ret["refund_amount"],
                "issued_at": ret["refunded_at"], "method": method, "kind": "refund"}
    return None
