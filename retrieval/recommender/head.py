"""The in-chat recommendation head: dialogue slots + customer history -> 3-5 product cards with reasons.

1. Query: the request's text and slots (e5 query vector, FAISS over product passage vectors) and the
   customer's history and clicks (SASRec next-item query, FAISS over the item vectors, plus the
   co-occurrence boost of the trained model). Products unseen in training get text-only item vectors.
2. Filter: in stock in the requested size/colour, budget, category, not excluded, not already bought.
3. Diversify: MMR on the text vectors and at most ``max_per_brand`` cards per brand.
4. Reason per card in the customer's language.

>>> head = RecommendationHead.from_pretrained(model_dir, products=Path("products.jsonl"), embedder=emb)
>>> head.recommend(RecommendationRequest(query="rain jacket", max_price=100, language="es"))
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import faiss
import numpy as np
import torch

from retrieval.documents import read_jsonl
from retrieval.embedder import Embedder
from retrieval.recommender import reasons
from retrieval.recommender.catalog import Catalogue, Product
from retrieval.recommender.recommender import SequentialRecommender
from retrieval.types import Suggestion

log = logging.getLogger(__name__)


class Request(Protocol):
    """The fields of ``bot.dialogue.ports.RecommendationRequest`` the head reads."""

    query: str
    category: str | None
    max_price: float | None
    min_price: float | None
    size: str | None
    colour: str | None
    attributes: dict[str, Any]
    customer_id: str | None
    history: list[str]
    exclude: list[str]
    k: int
    language: str


@dataclass(frozen=True)
class HeadConfig:
    text_weight: float = 1.0  # weight of the standardised query/product text similarity
    seq_weight: float = 1.0  # weight of the standardised sequential-model score
    attribute_boost: float = 1.5  # per requested attribute the product has
    mmr_lambda: float = 0.75  # 1 = pure relevance
    max_per_brand: int = 2
    candidates: int = 24  # relevance-ranked candidates that go into diversification


def _standardise(x: np.ndarray) -> np.ndarray:
    sd = float(x.std())
    return (x - x.mean()) / sd if sd > 1e-9 else np.zeros_like(x)


class RecommendationHead:
    """Implements the dialogue's ``Recommender`` protocol: ``recommend(request) -> list[Suggestion]``."""

    def __init__(self, catalogue: Catalogue, recommender: SequentialRecommender | None = None, *,
                 embedder: Embedder | None = None, purchases: dict[str, set[str]] | None = None,
                 config: HeadConfig = HeadConfig()) -> None:
        self.catalogue = catalogue
        self.recommender = recommender
        self.embedder = embedder
        self.purchases = purchases or {}
        self.config = config
        self._row = catalogue.index_of()
        self._price = np.array([p.price for p in catalogue.products], dtype=np.float64)
        self._masks: dict[tuple[str, str | None, str | None], np.ndarray] = {}  # (kind, a, b) -> bool per product
        self._lookup = recommender.vocab.index() if recommender is not None else {}
        self._text_index = None
        if catalogue.vectors is not None:
            self._text_index = faiss.IndexFlatIP(catalogue.vectors.shape[1])
            self._text_index.add(catalogue.vectors)
        self._item_vectors: np.ndarray | None = None
        self._table: torch.Tensor | None = None
        if recommender is not None:
            self._build_item_space(recommender)
        pop = np.array([p.rating for p in catalogue.products], dtype=np.float32)
        if recommender is not None:
            lookup = recommender.vocab.index()
            counts = recommender.popularity.counts
            pop = pop + np.array([np.log1p(counts[lookup[p.id]]) if p.id in lookup else 0.0
                                  for p in catalogue.products], dtype=np.float32)
        self._popularity = _standardise(pop)

    def _build_item_space(self, rec: SequentialRecommender) -> None:
        """Item vectors for every catalogue product: trained ID+text vectors, or text alone if new."""
        lookup = rec.vocab.index()
        with torch.no_grad():
            table = rec.model.item_table()
            vecs = []
            text_ok = rec.model.text_proj is not None and self.catalogue.vectors is not None
            for i, p in enumerate(self.catalogue.products):
                if p.id in lookup:
                    vecs.append(table[lookup[p.id]])
                elif text_ok:
                    assert self.catalogue.vectors is not None
                    vecs.append(rec.model.text_vectors(torch.from_numpy(self.catalogue.vectors[i])))
                else:
                    vecs.append(torch.zeros(table.shape[1]))
            cat = torch.stack(vecs) if vecs else torch.zeros(0, table.shape[1])
            # history rows: the vocab's own rows, then one row per catalogue product (new ones included)
            self._table = torch.cat([table, cat])
        self._item_vectors = np.ascontiguousarray(cat.numpy(), dtype=np.float32)
        self._item_index = faiss.IndexFlatIP(self._item_vectors.shape[1])
        self._item_index.add(self._item_vectors)
        self._cooc_rows = np.array([lookup.get(p.id, 0) for p in self.catalogue.products])

    @classmethod
    def from_pretrained(cls, model_dir: Path | None, *, products: Path | Iterable[dict[str, Any]],
                        embedder: Embedder | None = None, events: Path | None = None,
                        vector_cache: Path | None = None, config: HeadConfig = HeadConfig()) -> RecommendationHead:
        """Load the trained recommender (optional), embed the catalogue, read purchases from ``events``."""
        rows = list(read_jsonl(products)) if isinstance(products, Path) else list(products)
        rec = SequentialRecommender.from_pretrained(model_dir) if model_dir else None
        purchases: dict[str, set[str]] = {}
        if events is not None and Path(events).exists():
            for e in read_jsonl(Path(events)):
                if e.get("type") == "purchase" and e.get("customer_id"):
                    purchases.setdefault(str(e["customer_id"]), set()).add(str(e["product_id"]))
        return cls(Catalogue.build(rows, embedder, cache=vector_cache), rec, embedder=embedder,
                   purchases=purchases, config=config)

    # ------------------------------------------------------------------ scoring
    def _query_vector(self, text: str) -> np.ndarray | None:
        """The e5 query vector (the embedder's LRU answers a text this or another stage encoded lately)."""
        if self.embedder is None or self._text_index is None or not text.strip():
            return None
        return self.embedder.encode_queries([text])

    def _text_scores(self, request: Request) -> np.ndarray | None:
        # the customer's own words when there are any: the same text as the turn's retrieval query, so one
        # encode (started while the intent is classified) serves both; category, colour, size, budget and
        # attributes act as filters and boosts. Without words, the slots are the query.
        words = [request.query] if request.query.strip() else \
            [request.category or "", request.colour or "", *(k if v is True else str(v) for k, v in request.attributes.items())]
        text = " ".join(w for w in words if w).strip()
        vec = self._query_vector(text)
        n = len(self.catalogue.products)
        if vec is not None and self._text_index is not None:
            d, i = self._text_index.search(vec, n)
            out = np.empty(n, dtype=np.float32)
            out[i[0]] = d[0]
            return out
        if text:  # no embedder: word overlap with the product text
            terms = set(text.casefold().split())
            return np.array([len(terms & set(p.text.casefold().split())) for p in self.catalogue.products],
                            dtype=np.float32)
        return None

    def _seq_scores(self, history: list[str]) -> np.ndarray | None:
        rec = self.recommender
        if rec is None or self._table is None or not history:
            return None
        lookup = self._lookup
        base = rec.vocab.size
        rows = [lookup[h] if h in lookup else base + self._row[h] for h in history if h in lookup or h in self._row]
        if not rows:
            return None
        q = rec.query_vectors([rows], self._table).numpy().astype(np.float32)
        n = len(self.catalogue.products)
        d, i = self._item_index.search(q, n)
        out = np.empty(n, dtype=np.float32)
        out[i[0]] = d[0]
        known = [r for r in rows if r < base]
        if rec.fusion.beta and known:
            co = rec.cooc.raw_scores([known])[0][self._cooc_rows]
            co[self._cooc_rows == 0] = 0.0
            out += rec.fusion.beta * np.log1p(co / rec.fusion.eps)
        return out

    def _mask(self, kind: str, a: str | None, b: str | None = None) -> np.ndarray:
        """Cached per-product filters: stock for a (size, colour), membership of a category."""
        key = (kind, a, b)
        m = self._masks.get(key)
        if m is None:
            ps = self.catalogue.products
            m = np.array([p.in_stock(size=a, colour=b) if kind == "stock" else p.in_category(a or "") for p in ps])
            if len(self._masks) < 4096:
                self._masks[key] = m
        return m

    def _eligible(self, request: Request) -> np.ndarray:
        mask = self._mask("stock", request.size, request.colour).copy()
        if request.category:
            mask &= self._mask("category", request.category)
        if request.max_price is not None:
            mask &= self._price <= request.max_price
        if request.min_price is not None:
            mask &= self._price >= request.min_price
        for pid in (*request.exclude, *request.history):
            if pid in self._row:
                mask[self._row[pid]] = False
        return mask

    def recommend(self, request: Request) -> list[Suggestion]:
        """Up to ``request.k`` in-stock products that fit the request, most relevant first, each with a reason."""
        cfg, products = self.config, self.catalogue.products
        if not products or request.k <= 0:
            return []
        mask = self._eligible(request)
        if not mask.any():
            return []
        text = self._text_scores(request)
        seq = self._seq_scores(request.history)
        score = 0.3 * self._popularity
        if text is not None:
            score = score + cfg.text_weight * _standardise(text)
        if seq is not None:
            score = score + cfg.seq_weight * _standardise(seq)
        wanted = {k: v for k, v in request.attributes.items() if v is not None and v is not False}
        matched: dict[int, list[str]] = {}
        if wanted:
            for i in np.flatnonzero(mask):
                matched[int(i)] = [k if v is True else str(v) for k, v in wanted.items() if products[i].offers(k, v)]
                score[i] += cfg.attribute_boost * len(matched[int(i)])
        score = np.where(mask, score, -np.inf)
        top = np.argpartition(-score, min(cfg.candidates, len(score) - 1))[: cfg.candidates]
        order = [int(i) for i in top[np.argsort(-score[top])] if mask[i]]
        picked = self._diversify(order, score, request.k)
        return [Suggestion(product_id=products[i].id, title=products[i].title, price=products[i].price,
                           currency=products[i].currency, image=products[i].image,
                           reason=self._reason(i, request, matched.get(i, []), text, seq), score=float(score[i]))
                for i in picked]

    def _diversify(self, order: list[int], score: np.ndarray, k: int) -> list[int]:
        """MMR on text vectors (when present) with a per-brand cap."""
        lam, products = self.config.mmr_lambda, self.catalogue.products
        rel = _standardise(score[order]) if len(order) > 1 else np.zeros(len(order))
        vecs = self.catalogue.vectors
        sims = vecs[order] @ vecs[order].T if vecs is not None else np.zeros((len(order), len(order)))
        picked: list[int] = []
        brands: dict[str, int] = {}
        left = list(range(len(order)))
        while left and len(picked) < k:
            allowed = [j for j in left if brands.get(products[order[j]].brand, 0) < self.config.max_per_brand]
            if not allowed:
                break
            red = sims[np.ix_(allowed, picked)].max(1) if picked else np.zeros(len(allowed))
            best = allowed[int(np.argmax(lam * rel[allowed] - (1 - lam) * 4.0 * red))]
            left.remove(best)
            picked.append(best)
            b = products[order[best]].brand
            brands[b] = brands.get(b, 0) + 1
        return [order[j] for j in picked]

    def _reason(self, i: int, request: Request, matched: list[str], text: np.ndarray | None,
                seq: np.ndarray | None) -> str:
        p, lang = self.catalogue.products[i], request.language
        constraint = reasons.constraint_reason(matched, language=lang, max_price=request.max_price,
                                               min_price=request.min_price, currency=p.currency,
                                               size=request.size, colour=request.colour)
        if seq is not None and request.history and not constraint:
            anchor = self._anchor(i, request.history)
            if anchor is not None:
                bought = anchor.id in self.purchases.get(request.customer_id or "", set())
                return reasons.render("bought" if bought else "viewed", lang, title=anchor.title)
        if constraint:
            return constraint
        if text is not None and (request.query or request.category):
            return reasons.render("matches", lang)
        if p.category:
            return reasons.render("popular_in", lang, category=reasons.word(request.category or p.category, lang))
        return reasons.render("popular", lang)

    def _anchor(self, i: int, history: list[str]) -> Product | None:
        """The history product closest to product ``i`` in the item space (recent items win ties)."""
        if self._item_vectors is None:
            return None
        rows = [self._row[h] for h in reversed(history[-10:]) if h in self._row]
        if not rows:
            return None
        sims = self._item_vectors[rows] @ self._item_vectors[i]
        return self.catalogue.products[rows[int(np.argmax(sims))]]
