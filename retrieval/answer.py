"""Grounded answers: the reply text is copied from the best source, never generated, and cited.

* FAQ -> the answer of the entry, in the customer's language when a translation exists, without an opening
  "Yes," / "No." that answered the entry's own question (``without_verdict``);
* policy -> the passage sentence(s) sharing most words with the question (else its opening);
* product -> facts rendered from the product's own fields with a small per-language template.

When the calibrated abstention model (``retrieval.abstention``) finds no source good enough, the
answer is empty with ``abstained=True`` and the dialogue offers a human instead.

>>> answerer = GroundedAnswerer.load(Path("~/.cache/shopbot/index").expanduser())   # doctest: +SKIP
>>> answerer.answer("¿Cuánto tarda el envío?", language="es").citations[0].id      # doctest: +SKIP
'faq-shipping-time-es'
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

from retrieval.documents import split_sentences
from retrieval.embedder import Embedder, Runtime
from retrieval.hybrid import HybridSearcher
from retrieval.index import DocumentIndex
from retrieval.lexical import tokenize
from retrieval.types import Answer, Citation, Hit
from retrieval.use_channel import UseChannel

log = logging.getLogger(__name__)

SNIPPET_CHARS = 200
POLICY_SENTENCES = 2
MAX_VARIANTS_SHOWN = 6
CURRENCY_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "CNY": "¥", "JPY": "¥"}
PRODUCT_TEMPLATES: dict[str, dict[str, str]] = {
    "en": {"price": "{title} costs {price}.", "variants": " In stock in: {variants}.", "in_stock": " In stock.",
           "out": " Currently out of stock.", "rating": " Rated {rating}/5."},
    "es": {"price": "{title} cuesta {price}.", "variants": " Disponible en: {variants}.", "in_stock": " Disponible.",
           "out": " Agotado por ahora.", "rating": " Valoración: {rating}/5."},
    "zh": {"price": "{title} 的价格是 {price}。", "variants": "有货：{variants}。", "in_stock": "有货。",
           "out": "目前缺货。", "rating": "评分 {rating}/5。"},
}


def format_price(price: float, currency: str) -> str:
    symbol = CURRENCY_SYMBOLS.get(currency.upper())
    return f"{symbol}{price:,.2f}" if symbol else f"{price:,.2f} {currency}"


def product_facts(metadata: dict[str, Any], title: str, language: str) -> str:
    """Price, stock (and rating) of a product in the customer's language, from its fields only."""
    t = PRODUCT_TEMPLATES.get(language, PRODUCT_TEMPLATES["en"])
    price = metadata.get("price")
    text = t["price"].format(title=title, price=format_price(price, metadata.get("currency") or "USD")) \
        if price is not None else title + ("。" if language == "zh" else ".")
    if not metadata.get("in_stock", True):
        text += t["out"]
    elif metadata.get("in_stock_variants"):
        labels = metadata["in_stock_variants"]
        shown = ", ".join(labels[:MAX_VARIANTS_SHOWN]) + (f" (+{len(labels) - MAX_VARIANTS_SHOWN})"
                                                          if len(labels) > MAX_VARIANTS_SHOWN else "")
        text += t["variants"].format(variants=shown)
    elif metadata.get("stock") is not None:
        text += t["in_stock"]
    if metadata.get("rating") is not None:
        text += t["rating"].format(rating=f"{metadata['rating']:g}")
    return text


def best_sentences(passage: str, query: str, n: int = POLICY_SENTENCES) -> str:
    """The ``n`` consecutive sentences of ``passage`` sharing most tokens with ``query``."""
    sentences = split_sentences(passage)
    if len(sentences) <= n:
        return " ".join(sentences)
    q = set(tokenize(query))
    overlap = [len(q & set(tokenize(" ".join(sentences[i:i + n])))) for i in range(len(sentences) - n + 1)]
    best = max(range(len(overlap)), key=lambda i: (overlap[i], -i))
    return " ".join(sentences[best:best + n])


class GroundedAnswerer:
    """The ``Retriever`` of ``bot.dialogue.ports``: search, decide whether to answer, quote and cite."""

    def __init__(self, index: DocumentIndex, *, k: int = 5, second: UseChannel | None = None) -> None:
        self.index = index
        self.searcher = HybridSearcher(index, second=second)
        self.k = k

    @classmethod
    def load(cls, directory: Path, *, embedder: Embedder | None = None, k: int = 5,
             runtime: Runtime = Runtime(), second: UseChannel | None = None) -> GroundedAnswerer:
        """``second``: an optional second dense channel fused into the ranking (``retrieval.use_channel``)."""
        return cls(DocumentIndex.load(directory, embedder=embedder, runtime=runtime), k=k, second=second)

    def answer(self, query: str, *, language: str = "en", kinds: tuple[str, ...] = ("faq", "policy", "product"),
               filters: dict[str, Any] | None = None) -> Answer:
        result = self.searcher.search(query, k=self.k, kinds=kinds, filters=filters, language=language)
        if not result.hits:
            return Answer(text="", citations=(), abstained=True, confidence=0.0)
        calibration = self.index.calibration
        confidence = calibration.probability(result.features)
        if confidence < calibration.threshold and not result.features.get("exact"):
            log.info("event=abstain confidence=%.3f threshold=%.3f top=%s", confidence, calibration.threshold,
                     result.hits[0].id)
            return Answer(text="", citations=(), abstained=True, confidence=confidence, hits=result.hits)
        top = result.hits[0]
        text = self._quote(top, query, language)
        citation = Citation(id=top.metadata.get("matched_id", top.id), title=top.title, kind=top.kind,
                            snippet=_snippet(top))
        return Answer(text=text, citations=(citation,), abstained=False, confidence=confidence, hits=result.hits)

    @staticmethod
    def _quote(hit: Hit, query: str, language: str) -> str:
        if hit.kind == "faq":
            return without_verdict(str(hit.metadata["answer"]))
        if hit.kind == "policy":
            return best_sentences(str(hit.metadata["passage"]), query)
        return product_facts(hit.metadata, hit.title, language)


# a FAQ answer's opening "Yes," / "No." / "Sí," / "可以。" answers the entry's own question, not necessarily the
# customer's: "do you ship to Argentina?" found "Do you ship internationally?" -> "Yes, we ship with DHL to Canada,
# Mexico, ..." (Argentina is not in the list). The rest of the answer states the facts on its own.
_VERDICT = re.compile(r"^(?:(?:yes|no|s[ií])\s*[,.:;!]\s*"
                      r"|(?:当然可以|不可以|可以|不能|能|会的|不会|会|卖的|不提供|提供|有的|没有|有)[，。：！,.:!]\s*)",
                      re.IGNORECASE)


def without_verdict(answer: str) -> str:
    """The answer without an opening yes/no of its own question (unchanged when nothing else would remain)."""
    rest = _VERDICT.sub("", answer, count=1)
    if rest == answer or len(rest) < 2:
        return answer
    return rest[0].upper() + rest[1:]


def _snippet(hit: Hit) -> str:
    source = hit.metadata.get("answer") or hit.metadata.get("passage") or hit.metadata.get("description") or hit.text
    source = str(source)
    return source if len(source) <= SNIPPET_CHARS else source[:SNIPPET_CHARS].rsplit(" ", 1)[0] + "…"
