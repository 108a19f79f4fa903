"""The catalogue as the recommendation head sees it: products with stock, price and e5 text vectors.

>>> cat = Catalogue.build(list(read_jsonl(Path("training/demo_store/products.jsonl"))), embedder)
>>> cat.products[0].in_stock(size="M")
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from retrieval.documents import product_document, variant_in_stock
from retrieval.embedder import Embedder

log = logging.getLogger(__name__)


def _norm(value: Any) -> str:
    return str(value).strip().casefold()


@dataclass(frozen=True)
class Product:
    """One catalogue row, with what filtering, scoring and reasons need."""

    id: str
    title: str
    category: str
    brand: str
    price: float
    currency: str
    image: str
    text: str
    attributes: dict[str, Any] = field(default_factory=dict)
    variants: tuple[dict[str, Any], ...] = ()
    tags: tuple[str, ...] = ()
    rating: float = 0.0

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Product:
        doc = product_document(row)
        md = doc.metadata
        return cls(id=doc.id, title=doc.title, category=str(md["category"]), brand=str(md["brand"]),
                   price=float(md["price"] or 0.0), currency=str(md["currency"] or "USD"), image=str(md["image"] or ""),
                   text=doc.text, attributes=dict(md["attributes"] or {}),
                   variants=tuple(v for v in row.get("variants") or [] if isinstance(v, dict)),
                   tags=tuple(str(t) for t in row.get("tags") or []), rating=float(md["rating"] or 0.0))

    def in_stock(self, *, size: str | None = None, colour: str | None = None) -> bool:
        """Some variant of the requested size/colour has stock (no variants: the product itself)."""
        if not self.variants:
            return size is None and colour is None or self.offers("size", size) and self.offers("colour", colour)
        return any(variant_in_stock(v)
                   and (size is None or _norm(v.get("size", "")) == _norm(size))
                   and (colour is None or _norm(v.get("colour", v.get("color", ""))) == _norm(colour))
                   for v in self.variants)

    def offers(self, key: str, value: Any) -> bool:
        """The attribute ``key`` equals / contains ``value`` (case-insensitive), or is truthy for ``True``."""
        if value is None:
            return True
        have = self.attributes.get(key)
        if isinstance(value, bool):
            return bool(have) is value
        if isinstance(have, list):
            return _norm(value) in {_norm(h) for h in have}
        return have is not None and _norm(have) == _norm(value)

    def in_category(self, category: str) -> bool:
        c = _norm(category)
        fields = [self.category, self.attributes.get("kind", ""), self.attributes.get("type", ""), *self.tags]
        # whole words: "backpack" is a hiking backpack, not backpacking boots
        return any(c == _norm(f) or re.search(rf"\b{re.escape(c)}\b", _norm(f).replace("_", " ")) for f in fields if f)


@dataclass
class Catalogue:
    """Products plus their L2-normalised e5 passage vectors (``None`` without an embedder)."""

    products: list[Product]
    vectors: np.ndarray | None

    @classmethod
    def build(cls, rows: Iterable[dict[str, Any]], embedder: Embedder | None = None, *,
              cache: Path | None = None) -> Catalogue:
        """Embed every product's passage text; ``cache`` (an .npy path) skips re-encoding an unchanged catalogue."""
        products = [Product.from_row(r) for r in rows]
        vectors = None
        if embedder is not None:
            if cache is not None and cache.exists():
                vectors = np.load(cache)
                if vectors.shape != (len(products), embedder.dim):
                    vectors = None
            if vectors is None:
                vectors = embedder.encode_passages([p.text for p in products])
                if cache is not None:
                    cache.parent.mkdir(parents=True, exist_ok=True)
                    np.save(cache, vectors)
        log.info("event=catalogue products=%d vectors=%s", len(products), vectors is not None)
        return cls(products=products, vectors=vectors)

    def index_of(self) -> dict[str, int]:
        return {p.id: i for i, p in enumerate(self.products)}
