"""Turn the catalogue kinds into product rows (titles, descriptions, attributes, variants with stock)."""

from __future__ import annotations

import random
import re
from typing import Any

from training.demo_store.catalog import BRANDS, COLOUR_CODES, LINES, ONE, Kind
from training.demo_store.kinds_apparel import APPAREL_KINDS
from training.demo_store.kinds_gear import GEAR_KINDS

KINDS: list[Kind] = APPAREL_KINDS + GEAR_KINDS
APPAREL_CATEGORIES = {"outerwear", "footwear", "tops", "bottoms"}

# (modifier, noun) pairs that would read oddly in a title
_MISFITS = [("Foaming", "Balm"), ("Two-Burner", "Backpacking"), ("Gravity", "Squeeze"), ("Stonewashed", "Percale"),
            ("Zip-Off", "Climbing|Convertible"), ("Lined", "Board Shorts|Chino"), ("Selvedge", "Work Pants|Carpenter|Chinos"),
            ("Thermal", "Yoga"), ("Quarter-Zip", "Jacket"), ("High-Pile", "Grid"), ("Insulated", "Windbreaker|Wind Jacket"),
            ("Low-Top", "Slip-On"), ("Knit", "Canvas"), ("Zip-Neck", "Hoodie|Crew"), ("Plaid", "Chambray"),
            ("Adjustable", "Slippers|Slides"), ("Quick-Dry", "Slippers"), ("Stretch", "Leather|Scarf"),
            ("Full-Grain", "Web|Scarf"), ("Leather", "Approach"), ("Expedition", "Hoodie"), ("City", "Snow Coat"),
            ("Graphic", "Long-Sleeve"), ("Fleece-Lined", "Crewneck"), ("Heavyweight", "Pocket Tee"), ("Brushed", "Chambray")]


def fitting(options: list[str], noun: str) -> list[str]:
    """The options that fit the noun: an option may be tagged ``"<noun regex>::text"``."""
    out = [o.split("::", 1)[-1] for o in options if "::" not in o or re.search(o.split("::", 1)[0], noun)]
    return out or [o.split("::", 1)[-1] for o in options]


def pick(r: random.Random, options: list[str], noun: str) -> str:
    return r.choice(fitting(options, noun))


def _fits(mod: str, noun: str) -> bool:
    return not any(re.search(m, mod) and re.search(n, noun) for m, n in _MISFITS)


def _pin_facts(mod: str, noun: str, facts: dict[str, Any]) -> dict[str, Any]:
    """Make the facts agree with what the title promises ("2-Person", "800-Fill", "SPF 30"...)."""
    f = dict(facts)
    if m := re.match(r"(\d)-Person", mod):
        f["capacity_persons"] = int(m.group(1))
    if mod == "Ultralight" and "capacity_persons" in f:
        f["capacity_persons"], f["weight_g"] = 1, min(f["weight_g"], 1100)
    if m := re.match(r"(\d+)-Fill", mod):
        f["fill_power"] = int(m.group(1))
    if m := re.match(r"(\d+)-Lumen", mod):
        f["lumens"] = int(m.group(1))
    if m := re.match(r"(\d+)W", mod):
        f["watts"] = int(m.group(1))
    if m := re.match(r"SPF (\d+)", mod):
        f["spf"] = int(m.group(1))
    if mod == "Summer" and "temp_c" in f:
        f["temp_c"] = max(f["temp_c"], 7)
    if mod in ("Waterproof", "Stormproof"):
        f["waterproof"] = True
    if "Sunglasses" in noun:
        f.pop("weight_g", None)
        f["uv_protection"] = "UV400"
    return f


def _sentence(s: str) -> str:
    s = s.strip()
    return s[0].upper() + s[1:]


_KEEP_CASE = {"Bluetooth", "USB-C", "Dutch", "Turkish", "MagSafe"}


def _lower(noun: str) -> str:
    return " ".join(w if w in _KEEP_CASE else w.lower() for w in noun.split())


def _warranty(kind: Kind, brand: str) -> str:
    if brand == "Northwind":
        return "Backed by the Northwind lifetime guarantee against manufacturing defects."
    return f"Backed by our {1 if kind.category == 'electronics' else 2}-year warranty."


def _describe(r: random.Random, kind: Kind, noun: str, material: str, facts: dict[str, Any], raw: dict[str, Any],
              brand: str) -> str:
    low = _lower(noun)
    use = pick(r, kind.uses, noun)
    opener = r.choice(kind.openers).format(noun=low, Noun=noun, use=use, **raw)
    pool = fitting(kind.features, noun)
    feats = [f.format(**raw) for f in r.sample(pool, k=min(len(pool), r.choice([2, 3])))]
    feat_txt = ", ".join(feats[:-1]) + " and " + feats[-1] if len(feats) > 1 else feats[0]
    plural = noun.endswith("s") and not noun.endswith("ss")
    it, is_, comes = ("they", "are", "come") if plural else ("it", "is", "comes")
    middle = r.choice([f"{it.capitalize()} {is_} made from {material}, with {feat_txt}.",
                       f"Made from {material}, {it} {comes} with {feat_txt}.",
                       f"The {re.sub(r'^(a|an) ', '', material)} construction is paired with {feat_txt}."])
    try:
        spec = kind.spec.format(**raw)
    except KeyError:
        spec = ""
    if "Sunglasses" in noun:
        spec = "The lenses block 100% of UVA and UVB light."
    closers = [_warranty(kind, brand), f"Reviewers say {it} {'run' if plural else 'runs'} true to size." if kind.category in APPAREL_CATEGORIES
               else f"Reviewers love how well {it} {'hold' if plural else 'holds'} up.", "", "",
               f"Customers often buy {'them' if plural else 'it'} for {pick(r, kind.uses, noun)}."]
    parts = [_sentence(opener), middle, spec, r.choice(closers)]
    return " ".join(p for p in parts if p)


def _variants(r: random.Random, pid: str, colours: list[str], sizes: list[str], sold_out: bool) -> list[dict[str, Any]]:
    out = []
    for c in colours:
        for s in sizes:
            stock = 0 if sold_out or r.random() < 0.12 else r.choice([1, 2, 3, 5, 8, 12, 15, 20, 25, 40])
            size_code = s.replace(" ", "").replace("/", "").upper()[:5]
            out.append({"sku": f"{pid}-{COLOUR_CODES[c]}-{size_code}", "colour": c, "size": s, "stock": stock})
    return out


def make_products(seed: int, scale: float = 1.4) -> list[dict[str, Any]]:
    """All products of the demo store, deterministic for a seed; ids P0001, P0002, ..."""
    r = random.Random(seed)
    titles: set[str] = set()
    rows: list[dict[str, Any]] = []
    for kind in KINDS:
        for _ in range(round(kind.count * scale)):
            for _attempt in range(200):
                noun, mod, line = r.choice(kind.nouns), r.choice(kind.mods), r.choice(LINES)
                title = f"{line} {mod} {noun}" if r.random() < 0.85 else f"{line} {noun}"
                if title not in titles and _fits(mod, noun):
                    break
            titles.add(title)
            pid = f"P{len(rows) + 1:04d}"
            raw = kind.facts(r)
            facts = _pin_facts(mod if mod in title else "", noun, raw)
            raw.update(facts)
            # a material the title promises ("Down", "Leather", "Merino"...) wins over a random one
            materials = fitting(kind.materials, noun)
            material = r.choice([m for m in materials if mod in title and mod.lower() in m.lower()] or materials)
            if "waterproof" in material:  # a membrane in the material makes the product waterproof
                facts["waterproof"] = raw["waterproof"] = True
            lo, hi = kind.price
            price = round(r.uniform(lo, hi)) - 0.01 if r.random() < 0.8 else round(r.uniform(lo, hi)) - 0.05
            colours = r.sample(kind.colours, k=min(len(kind.colours), r.choice([1, 2, 3, 4])))
            sizes = kind.sizes if kind.sizes in (ONE,) or r.random() < 0.8 else kind.sizes[1:-1] or kind.sizes
            sold_out = r.random() < 0.05
            brand = r.choice(BRANDS[kind.category])
            variants = _variants(r, pid, colours, sizes, sold_out)
            rating = round(min(5.0, max(2.8, r.gauss(4.35, 0.35))), 1)
            rows.append({
                "id": pid, "title": title, "description": _describe(r, kind, noun, material, facts, raw, brand),
                "category": kind.category, "brand": brand, "price": price, "currency": "USD",
                "attributes": {"colour": colours, "size": sizes, "material": material, "kind": kind.key,
                               "type": noun.lower(), **facts},
                "variants": variants, "rating": rating, "review_count": int(r.paretovariate(1.2) * 12),
                "image": f"/static/products/{kind.category}.svg",
                "tags": sorted({*kind.tags, kind.category, noun.lower().split()[-1]}
                               | ({"waterproof"} if facts.get("waterproof") else set())
                               | ({"sold-out"} if sold_out else set())),
            })
    return rows
