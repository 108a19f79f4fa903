"""Follow-up resolution (issue 10): share of follow-up turns answered about the right product or order.

The held-out set (``data/followups_heldout.jsonl``, >= 60 conversations, 20+ per language) is written
from the demo store by ``--make`` with its own seed and templates that the dialogue tests do not use.
Each follow-up turn carries its gold: a product id, the index / colour of a card in the last list shown,
an order number, or ``not_product`` (a topic change must not inherit the old focus).

A turn is right when the reply cites the gold product (product follow-ups), names the gold order
(order follow-ups), or cites no product of the old focus (topic change). Baseline in the same run:
the same manager with memory switched off (focus expires immediately).

Stacks: ``oracle`` (gold intents + the real rule-based entity extractor, a title-matching retriever and a
category recommender over the demo catalogue: isolates the dialogue's memory from model errors) and
``real`` (the trained intent model, retrieval index and recommendation head from settings).

    .venv/bin/python -m bench.dialogue.followups --make     # (re)write the held-out set
    .venv/bin/python -m bench.dialogue.followups --stack oracle
    .venv/bin/python -m bench.dialogue.followups --stack real --set v2   # fresh wording (heldout_v2.py)
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import random
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.dialogue import heldout_v2, heldout_v3, heldout_v4
from bench.retrieval.common import machine
from bot.dialogue.factory import load_stages, shop_repositories
from bot.dialogue.manager import DialogueManager
from bot.dialogue.ports import DialogueState, RecommendationRequest, TurnResult
from bot.dialogue.turn import Deps
from bot.settings import Settings
from bot.store.db import make_engine, make_sessionmaker
from bot.store.shop import read_jsonl, seed_store
from intents.entities import extract_entities
from intents.types import Prediction
from retrieval.types import Answer, Citation, Suggestion

HERE = Path(__file__).resolve().parent
HELDOUT = HERE / "data" / "followups_heldout.jsonl"
HELDOUT_V2 = HERE / "data" / "followups_heldout_v2.jsonl"
HELDOUT_V3 = HERE / "data" / "followups_heldout_v3.jsonl"
HELDOUT_V4 = HERE / "data" / "followups_heldout_v4.jsonl"
RESULTS = HERE.parent / "results" / "dialogue_followups.json"
SEED = 20261123  # 20261122 drew the development set used for diagnosis; this draw was never inspected
BASE_COLOURS = ("black", "navy", "white", "red", "blue", "grey", "brown", "orange", "green")

T: dict[str, dict[str, str]] = {
    "about": {"en": "Tell me about the {title}", "zh": "介绍一下{title}", "es": "Háblame del {title}"},
    "waterproof": {"en": "Is it waterproof?", "zh": "它防水吗？", "es": "¿Es impermeable?"},
    "colour": {"en": "Do you have it in {c}?", "zh": "这个有{c}的吗？", "es": "¿Lo tienen en {c}?"},
    "price_it": {"en": "How much does it cost?", "zh": "这个多少钱？", "es": "¿Cuánto cuesta?"},
    "recommend": {
        "en": "Can you recommend some {cat}?",
        "zh": "能推荐一些{cat}吗？",
        "es": "¿Me recomiendas algo de {cat}?",
    },
    "second_wp": {
        "en": "Is the second one waterproof?",
        "zh": "第二个防水吗？",
        "es": "¿El segundo es impermeable?",
    },
    "first_price": {
        "en": "How much is the first one?",
        "zh": "第一个多少钱？",
        "es": "¿Cuánto cuesta el primero?",
    },
    "third_more": {"en": "Tell me more about the third one", "zh": "第三个怎么样？", "es": "¿Y el tercero?"},
    "status": {
        "en": "Where is my order {n}?",
        "zh": "我的订单{n}到哪了？",
        "es": "¿Dónde está mi pedido {n}?",
    },
    "arrive": {"en": "And when will it arrive?", "zh": "那什么时候能到？", "es": "¿Y cuándo llega?"},
    "cancel_it": {"en": "Cancel it then", "zh": "那就取消吧", "es": "Entonces cancélalo"},
    "policy": {
        "en": "What shipping options do you have?",
        "zh": "你们有哪些配送方式？",
        "es": "¿Qué opciones de envío tienen?",
    },
}
COLOUR_WORDS = {
    "zh": {
        "black": "黑色",
        "navy": "藏青色",
        "white": "白色",
        "red": "红色",
        "blue": "蓝色",
        "grey": "灰色",
        "brown": "棕色",
        "orange": "橙色",
        "green": "绿色",
    },
    "es": {
        "black": "negro",
        "navy": "azul marino",
        "white": "blanco",
        "red": "rojo",
        "blue": "azul",
        "grey": "gris",
        "brown": "marrón",
        "orange": "naranja",
        "green": "verde",
    },
}
CATEGORY_WORDS = {
    "zh": {"outerwear": "外套", "footwear": "鞋", "bags": "包", "camping": "露营装备"},
    "es": {"outerwear": "chaquetas", "footwear": "calzado", "bags": "mochilas", "camping": "camping"},
}


# ----------------------------------------------------------------------------- the held-out set
def make_heldout(store_dir: Path, path: Path, per_language: int = 21) -> int:
    """Write ``per_language`` conversations per language (7 product, 6 list, 5 order, 3 topic change)."""
    r = random.Random(SEED)
    products = read_jsonl(store_dir / "products.jsonl")
    orders = [o for o in read_jsonl(store_dir / "orders.jsonl") if o["status"] in ("shipped", "processing")]
    with_wp = [p for p in products if isinstance(p["attributes"].get("waterproof"), bool)]
    rows = []
    for lang in ("en", "zh", "es"):

        def say(key: str, lang: str = lang, **kw: str) -> str:
            return T[key][lang].format(**kw)

        for i in range(per_language):
            kind = ["product"] * 7 + ["list"] * 6 + ["order"] * 5 + ["topic"] * 3
            k = kind[i % len(kind)]
            if k == "product":
                p = r.choice(with_wp)
                colour = r.choice(BASE_COLOURS)
                c = COLOUR_WORDS.get(lang, {}).get(colour, colour)
                turns = [
                    (say("about", title=p["title"]), "product_question", None),
                    (say("waterproof"), "product_question", {"product": p["id"]}),
                    (say("colour", c=c), "product_availability", {"product": p["id"]}),
                    (say("price_it"), "product_question", {"product": p["id"]}),
                ]
                meta: dict[str, Any] = {}
            elif k == "list":
                cat = r.choice(["outerwear", "footwear", "bags", "camping"])
                turns = [
                    (
                        say("recommend", cat=CATEGORY_WORDS.get(lang, {}).get(cat, cat)),
                        "recommend_product",
                        None,
                    ),
                    (say("second_wp"), "product_question", {"shown_index": 1}),
                    (say("first_price"), "product_question", {"shown_index": 0}),
                    (say("third_more"), "product_question", {"shown_index": 2}),
                ]
                meta = {"category": cat}
            elif k == "order":
                o = r.choice(orders)
                turns = [
                    (say("status", n=o["id"]), "order_status", None),
                    (say("arrive"), "delivery_time", {"order": o["id"]}),
                ]
                if o["status"] == "processing":
                    turns.append((say("cancel_it"), "cancel_order", {"order": o["id"]}))
                meta = {"customer_id": o["customer_id"]}
            else:
                p = r.choice(products)
                turns = [
                    (say("about", title=p["title"]), "product_question", None),
                    (say("policy"), "shipping_options", {"not_product": p["id"]}),
                ]
                meta = {}
            rows.append(
                {
                    "id": f"{lang}-{i:02d}-{k}",
                    "lang": lang,
                    "kind": k,
                    **meta,
                    "turns": [{"text": t, "intent": it, "gold": g} for t, it, g in turns],
                }
            )
    return write_set(store_dir, path, rows, SEED)


def make_heldout_v2(store_dir: Path, path: Path, version: Any = heldout_v2) -> int:
    """A fresh-wording set: ``heldout_v2`` or ``heldout_v3`` (24 conversations per language)."""
    rows = heldout_v2.make_rows(read_jsonl(store_dir / "products.jsonl"), read_jsonl(store_dir / "orders.jsonl"),
                                COLOUR_WORDS, CATEGORY_WORDS, BASE_COLOURS, phrases=getattr(version, "P", None),
                                seed=version.SEED)
    return write_set(store_dir, path, rows, version.SEED)


def make_heldout_v3(store_dir: Path, path: Path) -> int:
    return make_heldout_v2(store_dir, path, heldout_v3)


def make_heldout_v4(store_dir: Path, path: Path) -> int:
    return make_heldout_v2(store_dir, path, heldout_v4)


def write_set(store_dir: Path, path: Path, rows: list[dict[str, Any]], seed: int) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    meta = {"store_hash": store_hash(store_dir), "seed": seed, "conversations": len(rows)}
    path.with_suffix(".meta.json").write_text(json.dumps(meta, indent=2))
    return len(rows)


def store_hash(store_dir: Path) -> str:
    """The demo store data the held-out ids refer to (products and orders)."""
    h = hashlib.sha256()
    for name in ("products.jsonl", "orders.jsonl"):
        h.update((store_dir / name).read_bytes())
    return h.hexdigest()[:16]


# ----------------------------------------------------------------------------- oracle stages
@dataclass
class OracleUnderstander:
    """Gold intent of the scripted turn; entities and language from the real rule-based code."""

    gold: dict[str, tuple[str, str]]

    def predict(self, texts: list[str], *, fallback_language: str | None = None) -> list[Prediction]:
        out = []
        for text in texts:
            intent, lang = self.gold[text]
            out.append(
                Prediction(
                    text=text,
                    intent=intent,
                    confidence=1.0,
                    top_k=((intent, 1.0),),
                    out_of_scope=False,
                    sentiment="neutral",
                    sentiment_score=0.0,
                    language=lang,
                    entities=tuple(extract_entities(text)),
                )
            )
        return out


class OracleRetriever:
    """Cites the catalogue product whose title the query contains; abstains otherwise."""

    def __init__(self, products: list[dict[str, Any]]) -> None:
        self.titles = sorted(
            ((p["title"].lower(), p["id"], p["title"]) for p in products), key=lambda t: -len(t[0])
        )

    def answer(
        self,
        query: str,
        *,
        language: str,
        kinds: tuple[str, ...] = ("faq", "policy", "product"),
        filters: dict[str, Any] | None = None,
    ) -> Answer:
        low = query.lower()
        if "product" in kinds:
            for title_low, pid, title in self.titles:
                if title_low in low:
                    return Answer(title, (Citation(pid, title, "product", title),), False, 1.0)
        return Answer("", (), True, 0.0)


class OracleRecommender:
    def __init__(self, products: list[dict[str, Any]], categories: dict[str, str]) -> None:
        self.products, self.categories = products, categories

    def recommend(self, request: RecommendationRequest) -> list[Suggestion]:
        cat = self.categories.get(request.query, "")
        rows = [p for p in self.products if p["category"] == cat][: request.k]
        return [Suggestion(p["id"], p["title"], p["price"], "USD", "", "", 1.0) for p in rows]


# ----------------------------------------------------------------------------- scoring
def judge(gold: dict[str, Any], result: TurnResult, shown: list[str]) -> bool:
    cited = [c.id for r in result.replies for c in r.citations]
    text = " ".join(r.text for r in result.replies)
    if "product" in gold:
        return gold["product"] in cited
    if "shown_index" in gold:  # -1 = the last card
        i = gold["shown_index"]
        return -len(shown) <= i < len(shown) and shown[i] in cited
    if "order" in gold:
        return gold["order"] in text
    return gold["not_product"] not in cited


async def run_conversations(manager: DialogueManager, rows: list[dict[str, Any]]) -> dict[str, Any]:
    right: dict[str, list[int]] = {}
    misses: list[dict[str, Any]] = []
    for row in rows:
        state = DialogueState(language=row["lang"], customer_id=row.get("customer_id"))
        shown: list[str] = []
        for turn in row["turns"]:
            result = await manager.respond(state, turn["text"])
            state = result.state
            for reply in result.replies:
                listed = [c.id for c in reply.citations if c.kind == "product"]
                if reply.products:
                    shown = [p.product_id for p in reply.products]
                elif len(listed) >= 2:  # a list shown as a comparison ("Which bags would you pick?")
                    shown = listed
            if turn["gold"]:
                ok = judge(turn["gold"], result, shown)
                if not ok:
                    misses.append({"id": row["id"], "text": turn["text"], "gold": turn["gold"],
                                   "intent": result.annotation.intent if result.annotation else None,
                                   "handler": result.annotation.handler if result.annotation else None,
                                   "cited": [c.id for r in result.replies for c in r.citations],
                                   "reply": " ".join(r.text for r in result.replies)[:200]})
                right.setdefault(row["lang"], []).append(int(ok))
                right.setdefault(row["kind"], []).append(int(ok))
            if result.handoff:
                state = state.model_copy(update={"owner": "bot"})
    total = [x for k in ("en", "zh", "es") for x in right.get(k, [])]
    return {
        "accuracy": sum(total) / len(total),
        "turns": len(total),
        "by": {k: round(sum(v) / len(v), 3) for k, v in right.items()},
        "misses": misses,
    }


async def evaluate(stack: str, settings: Settings, rows: list[dict[str, Any]]) -> dict[str, Any]:
    store = Path(settings.store_dir)
    products = read_jsonl(store / "products.jsonl")
    with tempfile.TemporaryDirectory(prefix="followups-") as tmp:
        engine = make_engine(f"sqlite+aiosqlite:///{Path(tmp) / 'shop.db'}")
        sessions = make_sessionmaker(engine)
        await seed_store(sessions, store)
        if stack == "oracle":
            gold = {t["text"]: (t["intent"], r["lang"]) for r in rows for t in r["turns"]}
            queries = {t["text"]: r["category"] for r in rows if r["kind"] == "list" for t in r["turns"][:1]}
            stages: tuple[Any, Any, Any] = (
                OracleUnderstander(gold),
                OracleRetriever(products),
                OracleRecommender(products, queries),
            )
        else:
            stages = await asyncio.to_thread(load_stages, settings)
        orders, catalog = shop_repositories(settings, sessions)
        out = {}
        for name, timeout in (("memory", settings.dialogue.focus_timeout_s), ("no_memory_baseline", -1.0)):
            dialogue = settings.dialogue.model_copy(update={"focus_timeout_s": timeout})
            manager = DialogueManager(Deps(*stages, orders=orders, catalog=catalog, settings=dialogue))
            start = time.perf_counter()
            out[name] = await run_conversations(manager, rows)
            out[name]["seconds"] = round(time.perf_counter() - start, 2)
            if name == "no_memory_baseline":  # expected to miss nearly every follow-up: keep the count only
                out[name]["misses"] = len(out[name]["misses"])
        await engine.dispose()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--make", action="store_true", help="(re)write the held-out set from the demo store")
    ap.add_argument("--stack", choices=["oracle", "real"], default="oracle")
    ap.add_argument("--set", choices=["v1", "v2", "v3", "v4"], default="v1",
                    help="v2-v4: fresh wording (heldout_v2.py ... heldout_v4.py)")
    args = ap.parse_args()
    settings = Settings()
    path, make = {"v1": (HELDOUT, make_heldout), "v2": (HELDOUT_V2, make_heldout_v2),
                  "v3": (HELDOUT_V3, make_heldout_v3), "v4": (HELDOUT_V4, make_heldout_v4)}[args.set]
    if args.make:
        print(f"wrote {make(Path(settings.store_dir), path)} conversations to {path}")
        return
    meta = json.loads(path.with_suffix(".meta.json").read_text()) if path.exists() else {}
    if meta.get("store_hash") != store_hash(Path(settings.store_dir)):  # same seed and templates, the store's ids
        print(f"demo store changed: rewrote {make(Path(settings.store_dir), path)} conversations", file=sys.stderr)
    rows = read_jsonl(path)
    result = {
        "machine": machine(),
        "stack": args.stack,
        "conversations": len(rows),
        "heldout": str(path.name),
        "models": {"intents": str(settings.model_dir), "index": str(settings.index_dir),
                   "recommender": str(settings.recommender_dir)} if args.stack == "real" else None,
        **asyncio.run(evaluate(args.stack, settings, rows)),
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    out = RESULTS.with_name(f"{RESULTS.stem}_{args.stack}_{args.set}.json")
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False))
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
