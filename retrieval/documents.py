"""What the index holds: products, FAQ rows and policy passages, each rendered to one passage text.

Store rows come in a minimal form (``{"id", "title", "description", "category", "price"}``) or the
richer demo-store form (attributes, variants with stock, brand, rating); both become a ``Document``.

>>> doc = product_document({"id": "p1", "title": "Trail shoe", "price": 59.0, "category": "shoes"})
>>> doc.kind, doc.metadata["price"]
('product', 59.0)
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

KINDS = ("faq", "policy", "product")
CHUNK_WORDS = 160
CHUNK_OVERLAP_WORDS = 40
MAX_SKUS_IN_TEXT = 4

_SENTENCE_RE = re.compile(r"(?<=[.!?。！？])\s+|(?<=[。！？])")
_CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")


@dataclass(frozen=True)
class Document:
    """One retrievable passage. ``group`` ties translations of one FAQ entry together (its source id)."""

    id: str
    kind: str
    title: str
    text: str
    lang: str = "en"
    group: str = ""
    metadata: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown document kind {self.kind!r}; expected one of {KINDS}")
        if not self.group:
            object.__setattr__(self, "group", self.id)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, row: dict[str, Any]) -> Document:
        return cls(**row)


# ----------------------------------------------------------------------------- products
def _as_float(value: Any) -> float | None:
    if value is None or value == "":
        return None
    if isinstance(value, (int, float)):
        return float(value)
    m = re.search(r"\d+(?:[.,]\d+)?", str(value).replace(",", ""))
    return float(m.group()) if m else None


_VARIANT_META = frozenset({"sku", "id", "stock", "price", "in_stock", "available", "inventory", "quantity",
                           "name", "title", "image", "barcode", "currency"})


def variant_label(variant: dict[str, Any]) -> str:
    """A short human label of a variant: its options joined ("forest green / M"), else its name or SKU.
    Options are either an ``options`` dict or plain keys next to ``sku`` and ``stock``."""
    opts = variant.get("options") or variant.get("attributes")
    if not isinstance(opts, dict) or not opts:
        opts = {k: v for k, v in variant.items() if k not in _VARIANT_META and isinstance(v, (str, int, float))}
    if opts:
        return " / ".join(str(v) for v in opts.values())
    return str(variant.get("name") or variant.get("title") or variant.get("sku") or variant.get("id") or "")


def variant_in_stock(variant: dict[str, Any]) -> bool:
    for key in ("in_stock", "available"):
        if key in variant:
            return bool(variant[key])
    stock = variant.get("stock", variant.get("inventory", variant.get("quantity")))
    return stock is None or (_as_float(stock) or 0) > 0


def product_document(row: dict[str, Any], *, lang: str = "en") -> Document:
    """Render a product row (minimal or rich) into a passage with its facts in ``metadata``."""
    variants = [v for v in row.get("variants") or [] if isinstance(v, dict)]
    prices = [p for p in (_as_float(v.get("price")) for v in variants) if p is not None]
    price = _as_float(row.get("price"))
    if price is None and prices:
        price = min(prices)
    if variants:
        in_stock_labels = [variant_label(v) for v in variants if variant_in_stock(v)]
        stock_counts = [_as_float(v.get("stock")) for v in variants]
        stock = int(sum(s for s in stock_counts if s is not None)) if any(s is not None for s in stock_counts) else None
        in_stock = bool(in_stock_labels)
    else:
        in_stock_labels = []
        stock = int(_as_float(row["stock"]) or 0) if row.get("stock") not in (None, "") else None
        in_stock = bool(row.get("in_stock", True if stock is None else stock > 0))
    attrs = row.get("attributes") or {}
    category = row.get("category") or ""
    if isinstance(category, list):
        category = " > ".join(map(str, category))
    skus = [str(s) for s in [row.get("sku"), *(v.get("sku") for v in variants)] if s]
    title = str(row.get("title") or row.get("name") or row["id"])
    parts = [title]
    if row.get("brand"):
        parts.append(f"Brand: {row['brand']}.")
    if category:
        parts.append(f"Category: {category}.")
    if row.get("description"):
        parts.append(str(row["description"]))
    if isinstance(attrs, dict) and attrs:
        parts.append("; ".join(f"{k}: {', '.join(map(str, v)) if isinstance(v, list) else v}" for k, v in attrs.items()))
    if in_stock_labels and not attrs:
        parts.append("Options: " + ", ".join(dict.fromkeys(in_stock_labels)) + ".")
    if row.get("tags"):
        parts.append("Tags: " + ", ".join(map(str, row["tags"])) + ".")
    if price is not None:
        parts.append(f"Price: {price:.2f} {row.get('currency', 'USD')}.")
    if 0 < len(skus) <= MAX_SKUS_IN_TEXT:  # long SKU lists only add noise; exact look-up covers them all
        parts.append("SKU: " + " ".join(dict.fromkeys(skus)))
    metadata = {
        "price": price, "currency": row.get("currency", "USD"), "category": category,
        "brand": row.get("brand") or "", "rating": _as_float(row.get("rating")),
        "in_stock": in_stock, "stock": stock, "in_stock_variants": list(dict.fromkeys(in_stock_labels)),
        "attributes": attrs, "skus": skus, "description": str(row.get("description") or ""),
        "image": row.get("image") or (row.get("images") or [""])[0], "url": row.get("url", ""),
        "review_count": row.get("review_count"), "tags": list(row.get("tags") or []),
    }
    return Document(id=str(row["id"]), kind="product", title=title, text=" ".join(parts),
                    lang=row.get("lang", lang), metadata=metadata)


# ----------------------------------------------------------------------------- FAQ
QUESTION_SUFFIX = "~q"
ANSWER_SUFFIX = "~a"
COMPANION_SUFFIXES = (QUESTION_SUFFIX, ANSWER_SUFFIX)


def faq_documents(row: dict[str, Any]) -> list[Document]:
    """A FAQ row as three passages of one group: question + answer, the question alone, the answer alone.
    Customers paraphrase questions, so the question-only vector often matches best (the FAQ
    benchmark: Chinese recall@1 0.66 -> 0.73); search scores an entry from the first two. The answer
    alone tells apart entries whose questions are near-identical (``retrieval.hybrid``)."""
    doc = faq_document(row)
    companion = {"kind": "faq", "title": doc.title, "lang": doc.lang, "group": doc.group,
                 "metadata": {**doc.metadata, "doc_id": doc.id}}
    docs = [doc, Document(id=doc.id + QUESTION_SUFFIX, text=doc.title, **companion)]
    if doc.metadata["answer"].strip():
        docs.append(Document(id=doc.id + ANSWER_SUFFIX, text=doc.metadata["answer"], **companion))
    return docs


def faq_document(row: dict[str, Any]) -> Document:
    """A FAQ row: the question and answer are embedded together; the answer is what the bot quotes."""
    answer = str(row.get("answer", row.get("answwer", "")))  # one public FAQ set misspells the key
    question = str(row["question"])
    return Document(id=str(row["id"]), kind="faq", title=question, text=f"{question} {answer}",
                    lang=row.get("lang", "en"), group=str(row.get("source_id") or row["id"]),
                    metadata={"question": question, "answer": answer, "tags": list(row.get("tags") or [])})


# ----------------------------------------------------------------------------- policies
def split_sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_RE.split(text.strip()) if s and s.strip()]


def count_words(text: str) -> int:
    """Whitespace words plus one word per two CJK characters (Chinese has no spaces)."""
    cjk = len(_CJK_RE.findall(text))
    return len(_CJK_RE.sub(" ", text).split()) + (cjk + 1) // 2


def chunk_text(text: str, *, words: int = CHUNK_WORDS, overlap: int = CHUNK_OVERLAP_WORDS) -> list[str]:
    """Greedy sentence packing into ~``words``-word chunks; each chunk repeats the previous one's last
    ~``overlap`` words of whole sentences so an answer cut at a boundary still appears whole once."""
    sentences = [s for para in re.split(r"\n\s*\n", text) for s in split_sentences(para)]
    chunks: list[list[str]] = []
    current: list[str] = []
    for sent in sentences:
        if current and count_words(" ".join([*current, sent])) > words:
            chunks.append(current)
            tail: list[str] = []
            for prev in reversed(current):
                if count_words(" ".join([prev, *tail])) > overlap:
                    break
                tail.insert(0, prev)
            current = tail
        current.append(sent)
    if current and (not chunks or current != chunks[-1][-len(current):]):
        chunks.append(current)
    return [" ".join(c) for c in chunks] or [text.strip()]


def policy_documents(row: dict[str, Any]) -> list[Document]:
    """A policy ``{"id", "title", "body"}`` cut into passages with ids ``<id>#<n>`` (n from 1)."""
    pid, title = str(row["id"]), str(row.get("title") or row["id"])
    lang = row.get("lang", "en")
    return [Document(id=f"{pid}#{i}", kind="policy", title=title, text=f"{title}. {chunk}", lang=lang,
                     metadata={"policy_id": pid, "passage": chunk, "chunk": i})
            for i, chunk in enumerate(chunk_text(str(row.get("body", ""))), start=1)]


# ----------------------------------------------------------------------------- files
def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with Path(path).open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def load_documents(*, products: Path | None = None, faq: Path | None = None,
                   policies: Path | None = None) -> list[Document]:
    """Read store JSONL files into documents (products, then FAQ, then policy passages)."""
    docs: list[Document] = []
    if products:
        docs += [product_document(r) for r in read_jsonl(products)]
    if faq:
        docs += [d for r in read_jsonl(faq) for d in faq_documents(r)]
    if policies:
        docs += [d for r in read_jsonl(policies) for d in policy_documents(r)]
    return docs


def documents_hash(docs: Iterable[Document]) -> str:
    h = hashlib.sha256()
    for d in docs:
        h.update(json.dumps(d.to_json(), sort_keys=True, ensure_ascii=False).encode())
    return h.hexdigest()[:16]
