"""Seeded shopping simulator: customers with category and price affinities browse in sessions,
add to cart and buy; purchases make complementary products likely next (tent -> sleeping bag ->
headlamp, jacket -> hiking socks...). The purchase sessions become the store's orders."""

from __future__ import annotations

import math
import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

# kind -> kinds often bought next
COMPLEMENTS: dict[str, list[str]] = {
    "tent": ["sleeping_bag", "sleeping_pad", "headlamp"], "sleeping_bag": ["sleeping_pad", "headlamp"],
    "sleeping_pad": ["headlamp", "camp_gear"], "backpacking_pack": ["tent", "camp_gear", "drinkware"],
    "headlamp": ["camp_gear", "power_bank"], "camp_gear": ["drinkware", "headlamp"],
    "rain_jacket": ["socks", "hiking_pants", "daypack"], "hiking_boot": ["socks", "hiking_pants"],
    "trail_runner": ["socks", "shorts", "sun_shirt"], "down_jacket": ["headwear", "base_layer", "gloves_glasses"],
    "parka": ["gloves_glasses", "headwear", "winter_boot"], "winter_boot": ["socks", "headwear"],
    "fleece": ["base_layer", "headwear"], "softshell": ["base_layer", "socks"], "hiking_pants": ["hiking_boot", "socks"],
    "daypack": ["drinkware", "headlamp"], "coffee": ["drinkware", "cookware"], "cookware": ["knife", "coffee"],
    "knife": ["cookware"], "power_bank": ["phone_acc", "audio"], "audio": ["power_bank", "phone_acc"],
    "phone_acc": ["power_bank"], "textiles": ["decor"], "decor": ["textiles"], "skincare": ["bodycare"],
    "bodycare": ["skincare"], "tee": ["shorts", "jeans"], "jeans": ["tee", "flannel"], "flannel": ["jeans", "hoodie"],
    "shorts": ["tee", "sun_shirt"], "sun_shirt": ["headwear", "skincare"], "base_layer": ["socks", "leggings"],
    "leggings": ["base_layer", "tee"], "hoodie": ["jeans", "tee"], "socks": ["hiking_boot"], "headwear": ["gloves_glasses"],
    "duffel": ["small_bag"], "small_bag": ["drinkware"], "drinkware": ["coffee"], "sandal": ["shorts"],
    "sneaker": ["socks", "tee"], "gloves_glasses": ["headwear"],
}


@dataclass(frozen=True)
class Purchase:
    """One purchase session: who bought which products when (becomes an order)."""

    customer_id: str
    session_id: str
    ts: datetime
    product_ids: tuple[str, ...]


def _iso(t: datetime) -> str:
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def simulate(seed: int, customers: list[dict[str, Any]], products: list[dict[str, Any]], start: datetime,
             end: datetime, target_events: int) -> tuple[list[dict[str, Any]], list[Purchase]]:
    """Events (time-ordered dicts) and purchase sessions of all customers between ``start`` and ``end``."""
    r = random.Random(seed)
    by_kind: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for p in products:
        by_kind[p["attributes"]["kind"]].append(p)
    kinds = sorted(by_kind)
    kind_cat = {k: by_kind[k][0]["category"] for k in kinds}
    median = {k: sorted(p["price"] for p in v)[len(v) // 2] for k, v in by_kind.items()}
    popularity = {p["id"]: p["rating"] ** 3 * math.log(2 + p["review_count"]) for p in products}
    in_stock = {p["id"]: any(v["stock"] > 0 for v in p["variants"]) for p in products}

    # every customer: activity weight, category affinity, price level
    cats = sorted({kind_cat[k] for k in kinds})
    activity = [r.paretovariate(1.6) for _ in customers]
    scale = target_events / (sum(activity) * 5.2)
    sessions: list[tuple[datetime, int, str]] = []
    plans = []
    for ci, c in enumerate(customers):
        fav = r.sample(cats, k=r.choice([1, 2, 2, 3]))
        aff = {cat: (6.0 if cat in fav else 0.25) * r.uniform(0.5, 1.5) for cat in cats}
        level = math.exp(r.gauss(0, 0.35))
        n_sessions = max(1, round(activity[ci] * scale))
        joined = max(start, datetime.strptime(c["created_at"], "%Y-%m-%dT%H:%M:%SZ"))
        for _ in range(n_sessions):
            # traffic grows towards the holiday season: later dates are more likely
            t = joined + timedelta(seconds=r.random() ** 0.75 * ((end - joined).total_seconds() - 3600))
            sessions.append((t, ci, ""))
        plans.append((aff, level))
    sessions.sort()

    events: list[dict[str, Any]] = []
    purchases: list[Purchase] = []
    pending: dict[int, list[str]] = defaultdict(list)  # complementary kinds each customer is likely to look at
    for si, (t, ci, _) in enumerate(sessions):
        cust = customers[ci]
        aff, level = plans[ci]
        sid = f"S{si + 1:06d}"
        follow_up = bool(pending[ci]) and r.random() < 0.6  # shopping for what goes with an earlier purchase
        if follow_up:
            kind = pending[ci].pop(0)
        else:
            cat = r.choices(list(aff), list(aff.values()))[0]
            kind = r.choice([k for k in kinds if kind_cat[k] == cat])
        pool = by_kind[kind]
        weights = [popularity[p["id"]] * math.exp(-(math.log(p["price"] / median[kind]) - math.log(level)) ** 2 / 0.25)
                   for p in pool]
        viewed = []
        for _ in range(r.choice([1, 2, 3, 3, 4, 5, 6, 8])):
            p = r.choices(pool, weights)[0]
            viewed.append(p)
            events.append({"ts": t, "customer_id": cust["id"], "session_id": sid, "type": "view", "product_id": p["id"]})
            t += timedelta(seconds=r.randint(15, 240))
        cart: list[str] = []
        for pid in dict.fromkeys(x["id"] for x in viewed):
            if in_stock[pid] and r.random() < (0.45 if follow_up else 0.2) * (0.4 if cart else 1.0):
                cart.append(pid)
                events.append({"ts": t, "customer_id": cust["id"], "session_id": sid, "type": "add_to_cart",
                               "product_id": pid})
                t += timedelta(seconds=r.randint(10, 120))
                if r.random() < 0.3 and COMPLEMENTS.get(kind):  # bundle: grab a complement in the same session
                    comp = r.choice(by_kind[r.choice(COMPLEMENTS[kind])])
                    if in_stock[comp["id"]] and comp["id"] not in cart:
                        events.append({"ts": t, "customer_id": cust["id"], "session_id": sid, "type": "view",
                                       "product_id": comp["id"]})
                        t += timedelta(seconds=r.randint(20, 150))
                        cart.append(comp["id"])
                        events.append({"ts": t, "customer_id": cust["id"], "session_id": sid, "type": "add_to_cart",
                                       "product_id": comp["id"]})
                        t += timedelta(seconds=r.randint(10, 90))
        if cart and r.random() < (0.7 if follow_up else 0.4) and t < end:
            t += timedelta(seconds=r.randint(60, 400))
            for pid in cart:
                events.append({"ts": t, "customer_id": cust["id"], "session_id": sid, "type": "purchase",
                               "product_id": pid})
            purchases.append(Purchase(cust["id"], sid, t, tuple(cart)))
            pending[ci] = [k for k in COMPLEMENTS.get(kind, []) if r.random() < 0.7] + pending[ci]
    events = [e for e in events if e["ts"] < end]
    events.sort(key=lambda e: (e["ts"], e["session_id"]))
    for e in events:
        e["ts"] = _iso(e["ts"])
    return events, purchases
