"""The demo catalogue: product kinds per category, turned into products by seeded combinatorics.

Each :class:`Kind` (a rain jacket, a tent, a power bank...) names its nouns, title modifiers, price
range, materials, specific facts and sentence parts; :func:`make_products` combines them with product
line names and invented brands into distinct titles and descriptions that read like a real shop.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

Facts = Callable[[random.Random], dict[str, Any]]

APPAREL = ["XS", "S", "M", "L", "XL", "XXL"]
SHOES = ["6", "7", "8", "9", "10", "11", "12", "13"]
ONE = ["One Size"]
COLOUR_CODES = {
    "black": "BLK", "navy": "NAV", "forest green": "FGR", "olive": "OLV", "charcoal": "CHR", "sand": "SND",
    "rust": "RST", "slate blue": "SLB", "burgundy": "BRG", "white": "WHT", "grey": "GRY", "red": "RED",
    "mustard": "MUS", "teal": "TEA", "natural": "NAT", "walnut": "WAL", "stone": "STN", "sage": "SAG",
    "orange": "ORG", "blue": "BLU", "pink": "PNK", "cream": "CRM", "brown": "BRN", "clear": "CLR",
}
EARTH = ["black", "navy", "forest green", "olive", "charcoal", "sand", "rust", "slate blue", "burgundy"]
BRIGHT = ["black", "red", "orange", "blue", "teal", "grey", "mustard"]
HOMEC = ["natural", "cream", "sage", "charcoal", "rust", "stone", "navy", "walnut"]
LINES = ["Trailhead", "Summit", "Ridgeline", "Alpine", "Cascade", "Timberline", "Harbor", "Basecamp", "Northbound",
         "Switchback", "Canyon", "Glacier", "Meadow", "Driftwood", "Pinecrest", "Juniper", "Sierra", "Tundra",
         "Coastal", "Evergreen", "Highline", "Boulder", "Redwood", "Skyline", "Ember", "Aspen", "Cedar", "Fjord",
         "Mesa", "Willow", "Granite", "Larch", "Tamarack", "Headwater", "Outpost", "Foothill", "Saltmarsh", "Kestrel"]
BRANDS = {
    "outerwear": ["Northwind", "Fernridge", "Stormline"], "footwear": ["Gritstone", "Northwind", "Loamwalk"],
    "tops": ["Northwind", "Huckleberry & Co.", "Merriweather"], "bottoms": ["Northwind", "Fernridge", "Roamwell"],
    "bags": ["Packwell", "Northwind", "Otterbrook"], "camping": ["Campfire Supply", "Northwind", "Starfield"],
    "kitchen": ["Hearthstone", "Copper Kettle", "Otterbrook"], "electronics": ["Voltwise", "Lumen Labs", "Tidewire"],
    "home": ["Hearthstone", "Linden Home", "Quiet Pine"], "beauty": ["Wildbloom", "Saltwater Apothecary", "Bare Ridge"],
    "accessories": ["Northwind", "Woolly Goat", "Fernridge"],
}


@dataclass(frozen=True)
class Kind:
    """One kind of product and the parts its titles and descriptions are made of."""

    key: str
    category: str
    nouns: list[str]
    mods: list[str]
    price: tuple[int, int]
    materials: list[str]
    openers: list[str]  # "{Noun}" / "{noun}" / "{use}" placeholders
    uses: list[str]
    features: list[str]
    spec: str  # formatted with the facts
    facts: Facts
    sizes: list[str] = field(default_factory=lambda: APPAREL)
    colours: list[str] = field(default_factory=lambda: EARTH)
    count: int = 6
    tags: list[str] = field(default_factory=list)


def _k(*args: Any, **kw: Any) -> Kind:
    return Kind(*args, **kw)


def _r(lo: int, hi: int, step: int = 1) -> Callable[[random.Random], int]:
    return lambda r: r.randrange(lo, hi + 1, step)
