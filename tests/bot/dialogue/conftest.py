"""Fakes for the dialogue tests: a keyword Understander, a tiny Retriever and Recommender, and a real
SqlOrderRepository on a temp SQLite seeded from the demo store (or the tiny store in ``data/``)."""

from __future__ import annotations

import asyncio
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from bot.dialogue.manager import DialogueManager
from bot.dialogue.ports import DialogueState, RecommendationRequest, TurnResult
from bot.dialogue.turn import Deps
from bot.settings import DEMO_STORE_DIR, DialogueSettings
from bot.store.db import make_engine, make_sessionmaker
from bot.store.shop import read_store_config, seed_store
from bot.store.shop_repo import SqlCatalog, SqlOrderRepository
from intents.types import Entity, Prediction
from retrieval.types import Answer, Citation, Hit, Suggestion

TINY_STORE = Path(__file__).parent / "data" / "tiny_store"

# keyword -> intent, first match wins (lower-case substrings)
RULES: list[tuple[str, tuple[str, ...]]] = [
    ("talk_to_human", ("human", "person", "agent", "人工", "persona")),
    ("cancel_order", ("cancel", "取消", "cancelar", "cancela")),
    ("change_shipping_address", ("address", "地址", "dirección")),
    ("return_item", ("return", "退货", "devolver", "devolución")),
    ("exchange_item", ("exchange", "换货", "cambiar")),
    ("refund_status", ("refund", "退款", "reembolso")),
    ("delivery_time", ("arrive", "到", "llega")),
    ("order_status", ("order", "订单", "pedido", "where is")),
    ("shipping_options", ("shipping", "运费", "envío")),
    ("warranty", ("warranty", "保修", "garantía")),
    ("recommend_product", ("recommend", "suggest", "推荐", "recomienda")),
    ("compare_products", ("compare", "比较", "compara")),
    (
        "product_question",
        (
            "waterproof",
            "防水",
            "impermeable",
            "jacket",
            "blue",
            "azul",
            "蓝",
            "second",
            "第二",
            "segundo",
            "price",
            "boots",
        ),
    ),
    ("complaint", ("terrible", "awful", "worst", "太差", "horrible")),
    ("greeting", ("hello", "hi ", "你好", "hola")),
    ("thanks", ("thank", "谢谢", "gracias")),
]
NEGATIVE = ("terrible", "awful", "worst", "angry", "ridiculous", "太差", "生气", "horrible", "fatal", "!!!")
ES_HINTS = {"pedido", "hola", "dónde", "donde", "quiero", "el", "la", "mi", "está", "tienes", "gracias", "sí"}


def _language(text: str, fallback: str | None) -> str:
    if re.search(r"[\u4e00-\u9fff]", text):
        return "zh"
    if "¿" in text or "¡" in text or ES_HINTS & set(re.findall(r"\w+", text.lower())):
        return "es"
    if len(text.split()) <= 2 and fallback:
        return fallback
    return "en"


@dataclass
class FakeUnderstander:
    """Keyword rules so conversations are deterministic; ``fail`` makes it raise."""

    fail: bool = False
    calls: list[str] = field(default_factory=list)
    top_k: dict[str, tuple[tuple[str, float], ...]] = field(default_factory=dict)  # text -> ranking to return

    def predict_many(self, texts: list[str], fallback_languages: list[str | None]) -> list[Prediction]:
        """The micro-batched server path: one call for several conversations' turns."""
        return [self.predict([t], fallback_language=lang)[0] for t, lang in zip(texts, fallback_languages, strict=True)]

    def predict(self, texts: list[str], *, fallback_language: str | None = None) -> list[Prediction]:
        if self.fail:
            raise RuntimeError("model crashed")
        out = []
        for text in texts:
            self.calls.append(text)
            low = text.lower() + " "
            intent = next((i for i, words in RULES if any(w in low for w in words)), "out_of_scope")
            neg = any(w in low for w in NEGATIVE)
            entities = [
                Entity("order_number", m.group(1), m.group(0), m.start(), m.end())
                for m in re.finditer(r"(?<![\dA-Za-z-])(\d{4})(?!\d)", text)  # as the real extractor: not in "A1001"
            ]
            entities += [
                Entity("size", m.group(1).upper(), m.group(0), m.start(), m.end())
                for m in re.finditer(r"\bsize ([SMLX]{1,3}|\d{2})\b", text, re.IGNORECASE)
            ]
            entities += [
                Entity("tracking_number", m.group(0), m.group(0), m.start(), m.end())
                for m in re.finditer(r"\b1Z[0-9A-Z]{16}\b", text)
            ]
            entities += [
                Entity("email", m.group(0), m.group(0), m.start(), m.end())
                for m in re.finditer(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", text)
            ]
            ranking = self.top_k.get(text, ((intent, 0.9 if intent != "out_of_scope" else 0.3),))
            intent = ranking[0][0]
            out.append(
                Prediction(
                    text=text,
                    intent=intent,
                    confidence=ranking[0][1],
                    top_k=ranking,
                    out_of_scope=intent == "out_of_scope",
                    sentiment="negative" if neg else "neutral",
                    sentiment_score=0.9 if neg else 0.1,
                    language=_language(text, fallback_language),
                    entities=tuple(entities),
                )
            )
        return out


@dataclass
class FakeRetriever:
    """FAQ: one shipping entry; products: title-word overlap over the tiny store's titles."""

    calls: list[tuple[str, tuple[str, ...], dict | None]] = field(default_factory=list)
    products: dict[str, str] = field(
        default_factory=lambda: {
            "P001": "Ridge Waterproof Shell Jacket",
            "P002": "Trail Fleece Jacket",
            "P003": "Summit Hiking Boots",
            "P004": "Daypack 22L",
        }
    )

    def answer(
        self,
        query: str,
        *,
        language: str,
        kinds: tuple[str, ...] = ("faq", "policy", "product"),
        filters: dict[str, Any] | None = None,
    ) -> Answer:
        self.calls.append((query, kinds, filters))
        low = query.lower()
        if "faq" in kinds and any(w in low for w in ("shipping", "运费", "envío")):
            text = {
                "en": "Standard shipping is free over $50.",
                "zh": "订单满50美元免运费。",
                "es": "El envío estándar es gratis a partir de 50 $.",
            }[language]
            c = Citation("faq-shipping", "How much is shipping?", "faq", text)
            return Answer(text, (c,), False, 0.9, (Hit("faq-shipping", "faq", c.title, 0.9),))
        if "faq" in kinds and "gift card" in low:
            text = "Gift cards are not returnable, and they can't be exchanged for cash."
            c = Citation("faq-return-gift-card", "Can I return a gift card?", "faq", text)
            return Answer(text, (c,), False, 0.9, (Hit(c.id, "faq", c.title, 0.9),))
        if "faq" in kinds and any(w in low for w in ("phone", "电话", "teléfono")):
            text = "Call +1 (503) 555-0142, Monday-Friday 8:00-20:00 Pacific Time."
            c = Citation("faq-contact", "How can I contact customer service?", "faq", text)
            return Answer(text, (c,), False, 0.9, (Hit(c.id, "faq", c.title, 0.9),))
        if "faq" in kinds and "how long" in low and "return" in low:
            text = "You can return unworn items within 30 days of delivery."
            c = Citation("faq-return-window", "How long do I have to return an item?", "faq", text)
            return Answer(text, (c,), False, 0.9, (Hit(c.id, "faq", c.title, 0.9),))
        if "product" in kinds:
            scored = [
                (len(set(low.split()) & set(t.lower().split())), pid, t) for pid, t in self.products.items()
            ]
            score, pid, title = max(scored)
            if score:
                c = Citation(pid, title, "product", title)
                return Answer(f"{title} costs ...", (c,), False, 0.8, (Hit(pid, "product", title, 0.8),))
        return Answer("", (), True, 0.1)


@dataclass
class FakeRecommender:
    requests: list[RecommendationRequest] = field(default_factory=list)

    def recommend(self, request: RecommendationRequest) -> list[Suggestion]:
        self.requests.append(request)
        catalogue = [
            ("P001", "Ridge Waterproof Shell Jacket", 129.0),
            ("P002", "Trail Fleece Jacket", 79.0),
            ("P003", "Summit Hiking Boots", 159.0),
            ("P004", "Daypack 22L", 69.0),
        ]
        return [
            Suggestion(pid, title, price, "USD", f"/static/p/{pid}.jpg", "popular with hikers", 1.0)
            for pid, title, price in catalogue
            if request.max_price is None or price <= request.max_price
        ][: request.k]


def _seed_template(store_dir: Path, path: Path) -> Path:
    async def run() -> None:
        engine = make_engine(f"sqlite+aiosqlite:///{path}")
        await seed_store(make_sessionmaker(engine), store_dir)
        await engine.dispose()

    asyncio.run(run())
    return path


def demo_store_dir() -> Path:
    """The generated demo store once it exists, else the tiny in-repo store (same showcase orders)."""
    return DEMO_STORE_DIR if (DEMO_STORE_DIR / "orders.jsonl").exists() else TINY_STORE


@pytest.fixture(scope="session")
def seeded_templates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("shopdb")
    return {
        "demo": _seed_template(demo_store_dir(), root / "demo.db"),
        "tiny": _seed_template(TINY_STORE, root / "tiny.db"),
    }


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


@dataclass
class Bot:
    """A manager on its own copy of a seeded database plus the fakes, with a running conversation."""

    manager: DialogueManager
    orders: SqlOrderRepository
    understander: FakeUnderstander
    retriever: FakeRetriever
    recommender: FakeRecommender
    clock: Clock
    state: DialogueState = field(default_factory=DialogueState)
    results: list[TurnResult] = field(default_factory=list)

    async def say(self, text: str) -> TurnResult:
        result = await self.manager.respond(self.state, text)
        self.state = result.state
        self.results.append(result)
        return result

    @staticmethod
    def text(result: TurnResult) -> str:
        return " ".join(r.text for r in result.replies)


async def _make_bot(
    template: Path, store_dir: Path, tmp_path: Path, settings: DialogueSettings | None = None
):
    db = tmp_path / "shop.db"
    shutil.copy(template, db)
    engine = make_engine(f"sqlite+aiosqlite:///{db}")
    sessions = make_sessionmaker(engine)
    orders = SqlOrderRepository.from_store_config(sessions, read_store_config(store_dir))
    clock = Clock()
    fakes = FakeUnderstander(), FakeRetriever(), FakeRecommender()
    deps = Deps(
        *fakes,
        orders=orders,
        catalog=SqlCatalog(sessions),
        settings=settings or DialogueSettings(),
        clock=clock,
    )
    return engine, Bot(DialogueManager(deps), orders, *fakes, clock=clock)


@pytest.fixture
async def bot(seeded_templates: dict[str, Path], tmp_path: Path):
    """Dialogue on the demo store (showcase orders 1042-1048)."""
    engine, b = await _make_bot(seeded_templates["demo"], demo_store_dir(), tmp_path)
    yield b
    await engine.dispose()


@pytest.fixture
async def tiny_bot(seeded_templates: dict[str, Path], tmp_path: Path):
    """Dialogue on the tiny store (known products P001-P004)."""
    engine, b = await _make_bot(seeded_templates["tiny"], TINY_STORE, tmp_path)
    yield b
    await engine.dispose()
