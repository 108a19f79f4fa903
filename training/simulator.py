"""A customer simulator: labelled multi-turn conversations from the demo store, in the evaluation log format.

Utterances come preferentially from the store's held-out NLU split (``nlu/test.jsonl``), so an
evaluation on simulated logs never scores the intent model on its own training rows; order numbers,
emails, products and addresses are filled from the store. Scenarios cover order actions (status,
cancel with confirmation, address change, return), FAQ and product questions, recommendation requests
(with the gold ``purchased_item``), explicit and angry handoffs, out-of-scope turns and small talk, in
English, Chinese and Spanish. Everything is drawn from one ``random.Random(seed)``: same seed, same logs.

>>> sim = CustomerSimulator.from_store(Path("training/demo_store"), seed=0)   # doctest: +SKIP
>>> write_logs(sim.simulate(500), Path("sim.jsonl"))                         # doctest: +SKIP
"""

from __future__ import annotations

import json
import logging
import random
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from bot.evaluation.logs import Conversation, Gold, Turn

log = logging.getLogger(__name__)

NLU_TEST = Path("nlu") / "test.jsonl"
NLU_TRAIN = Path("nlu") / "train.jsonl"
LANGUAGES = {"en": 0.5, "zh": 0.25, "es": 0.25}
START = datetime(2026, 11, 1, 9, 0, 0)

# scenario -> weight; see CustomerSimulator._scenario_* for what each one says
SCENARIOS = {"order_status": 14, "cancel_order": 8, "change_shipping_address": 6, "return_item": 7,
             "refund_status": 4, "other_order": 4, "faq": 12, "product_question": 10, "product_availability": 4,
             "recommend": 12, "handoff_request": 6, "angry": 6, "out_of_scope": 5, "chitchat": 2}
FAQ_INTENTS = ("shipping_options", "delivery_time", "warranty", "size_guide", "apply_promo_code", "payment_issue",
               "account_help")
OTHER_ORDER_INTENTS = ("track_shipment", "exchange_item", "change_order")
_NUMBER = re.compile(r"(?<![\d#])#?\d{4}(?!\d)")  # an order number in an NLU row ("订单1336", "#1042")

PHRASES: dict[str, dict[str, list[str]]] = {
    "order_number": {"en": ["It's {n}", "order {n}", "#{n}", "{n}", "the order number is {n}"],
                     "zh": ["订单号是{n}", "{n}", "我的订单是{n}"], "es": ["Es el pedido {n}", "{n}", "pedido #{n}"]},
    "email": {"en": ["{email}", "my email is {email}", "it's {email}"], "zh": ["我的邮箱是{email}", "{email}"],
              "es": ["mi correo es {email}", "{email}"]},
    "yes": {"en": ["yes", "yes please", "yes, go ahead", "confirm"], "zh": ["是的", "好的，确认", "是的，请继续"],
            "es": ["sí", "sí, por favor", "sí, adelante"]},
    "address": {"en": ["please send it to {a}", "{a}"], "zh": ["新地址是{a}", "{a}"], "es": ["la nueva dirección es {a}", "{a}"]},
    "reason": {"en": ["it's too small", "it arrived damaged", "I changed my mind", "not as pictured"],
               "zh": ["尺码太小了", "收到时已经损坏了", "我改变主意了"], "es": ["me queda pequeño", "llegó dañado", "cambié de opinión"]},
    "product_question": {
        "en": ["Is the {t} waterproof?", "What is the {t} made of?", "Can you tell me more about the {t}?",
               "how heavy is the {t}", "Does the {t} come in other colours?"],
        "zh": ["{t}防水吗？", "{t}是什么材料做的？", "能介绍一下{t}吗？", "{t}有多重？"],
        "es": ["¿El {t} es impermeable?", "¿De qué material es el {t}?", "¿Me cuentas más sobre el {t}?"]},
    "product_availability": {
        "en": ["Is the {t} in stock?", "do you have the {t} in size M?", "When will the {t} be back in stock?"],
        "zh": ["{t}有货吗？", "{t}还有M码吗？"], "es": ["¿Tienen el {t} en stock?", "¿Hay el {t} en talla M?"]},
    "recommend": {
        "en": ["Can you recommend {k} under ${p}?", "I'm looking for {k}, budget around ${p}",
               "what {k} would you suggest for less than {p} dollars?"],
        "zh": ["能推荐一款{k}吗？预算{p}美元以内", "我想买{k}，价格不超过{p}美元"],
        "es": ["¿Me recomiendas {k} por menos de {p} dólares?", "Busco {k}, con un presupuesto de {p} dólares"]},
}


@dataclass
class SimStore:
    """What the simulator draws from: utterances per (intent, language), products, orders, customers, FAQ."""

    utterances: dict[tuple[str, str], list[dict[str, Any]]]
    products: list[dict[str, Any]]
    orders: list[dict[str, Any]]
    customers: dict[str, dict[str, Any]]
    faq: list[dict[str, Any]] = field(default_factory=list)
    today: datetime = START
    return_window_days: int = 30


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def load_store(store_dir: Path) -> SimStore:
    """Read the store folder; utterances from the held-out split, the training split only as a fallback."""
    store_dir = Path(store_dir)
    if not store_dir.is_dir():
        raise FileNotFoundError(f"store folder {store_dir} not found")
    rows = _read_jsonl(store_dir / NLU_TEST)
    held = {(r["intent"], r.get("lang", "en")) for r in rows if r.get("intent")}
    rows += [r for r in _read_jsonl(store_dir / NLU_TRAIN) if (r.get("intent"), r.get("lang", "en")) not in held]
    utterances: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        if r.get("intent"):
            utterances[(r["intent"], r.get("lang") or "en")].append(r)
    if not utterances:
        raise ValueError(f"{store_dir} has no intent utterances ({NLU_TEST} or {NLU_TRAIN}): not a store folder?")
    meta = json.loads((store_dir / "store.json").read_text(encoding="utf-8")) if (store_dir / "store.json").exists() else {}
    today = datetime.strptime(meta.get("demo_today", START.strftime("%Y-%m-%d")), "%Y-%m-%d")
    faq = _read_jsonl(store_dir / "faq.jsonl") + _read_jsonl(store_dir / "policies.jsonl")
    return SimStore(dict(utterances), _read_jsonl(store_dir / "products.jsonl"), _read_jsonl(store_dir / "orders.jsonl"),
                    {c["id"]: c for c in _read_jsonl(store_dir / "customers.jsonl")}, faq, today,
                    int(meta.get("return_window_days", 30)))


def _address_text(a: Any) -> str:
    if isinstance(a, dict):
        return ", ".join(str(a[k]) for k in ("line1", "city", "region", "postal_code", "country") if a.get(k))
    return str(a)


def _question(row: dict[str, Any], lang: str) -> str | None:
    """An FAQ row's question in ``lang``: a per-language row, a {lang: text} dict or ``translations``."""
    q = row.get("question")
    if isinstance(q, dict):
        return q.get(lang)
    if row.get("lang", row.get("language", "en")) == lang and q:
        return str(q)
    tr = (row.get("translations") or {}).get(lang) or {}
    return tr.get("question") if isinstance(tr, dict) else None


class CustomerSimulator:
    """Writes labelled conversations; deterministic for a seed."""

    def __init__(self, store: SimStore, seed: int = 0) -> None:
        self.store = store
        self.seed = seed
        self.rng = random.Random(seed)
        self._pools: dict[str, list[dict[str, Any]]] = {}
        self._types = defaultdict(list)
        for p in store.products:
            self._types[str((p.get("attributes") or {}).get("type") or p.get("category", "item"))].append(p)

    @classmethod
    def from_store(cls, store_dir: Path, seed: int = 0) -> CustomerSimulator:
        return cls(load_store(store_dir), seed)

    # ------------------------------------------------------------------ public
    def simulate(self, n: int) -> list[Conversation]:
        """``n`` conversations, spread over the scenarios and languages."""
        names, weights = zip(*SCENARIOS.items())
        convs = []
        for i in range(n):
            lang = self.rng.choices(list(LANGUAGES), list(LANGUAGES.values()))[0]
            scenario = names[i % len(names)] if i < len(names) else self.rng.choices(names, weights)[0]
            convs.append(self._conversation(i, scenario, lang))
        log.info("event=simulate conversations=%d seed=%d", n, self.seed)
        return convs

    @staticmethod
    def summary(convs: list[Conversation]) -> dict[str, Any]:
        """Counts per language and scenario, turns, handoffs expected."""
        turns = [t for c in convs for t in c.turns if t.role == "customer"]
        return {"languages": dict(Counter(c.language for c in convs)),
                "scenarios": dict(Counter(c.meta.get("scenario") for c in convs)),
                "customer_turns": len(turns), "gold_intents": sum(bool(t.gold and t.gold.intent) for t in turns),
                "handoffs_expected": sum(any(t.gold and t.gold.handoff_expected for t in c.turns) for c in convs)}

    # ------------------------------------------------------------------ building blocks
    def _utter(self, intent: str, lang: str, *, sentiment: str | None = None, **gold: Any) -> Turn:
        pool = self.store.utterances.get((intent, lang)) or self.store.utterances.get((intent, "en")) or []
        if sentiment:
            pool = [r for r in pool if r.get("sentiment") == sentiment] or pool
        if not pool:
            return Turn(role="customer", text=intent.replace("_", " "), gold=Gold(intent=intent, **gold))
        r = self.rng.choice(pool)
        return Turn(role="customer", text=r["text"], gold=Gold(intent=intent, sentiment=r.get("sentiment"), **gold))

    def _say(self, key: str, lang: str, gold: Gold | None = None, **slots: Any) -> Turn:
        options = PHRASES[key].get(lang) or PHRASES[key]["en"]
        return Turn(role="customer", text=self.rng.choice(options).format(**slots), gold=gold)

    def _order(self, want: str) -> dict[str, Any] | None:
        """An order, preferring (85%) one the action is allowed on; each used once until the pool runs out."""
        if want not in self._pools:
            cutoff = (self.store.today - timedelta(days=self.store.return_window_days)).strftime("%Y-%m-%d")
            ok = {"cancel": lambda o: o.get("status") == "processing",
                  "change_address": lambda o: o.get("status") == "processing",
                  "return": lambda o: o.get("status") == "delivered" and (o.get("delivered_at") or "") >= cutoff,
                  "refund": lambda o: o.get("status") in ("refunded", "return_requested")}.get(want, lambda o: True)
            self._pools[want] = [o for o in self.store.orders if ok(o)] or list(self.store.orders)
            self.rng.shuffle(self._pools[want])
        pool = self._pools[want]
        if not pool:
            return None
        if self.rng.random() < 0.15:
            return self.rng.choice(self.store.orders)
        o = pool.pop()
        if not pool:
            del self._pools[want]
        return o

    # ------------------------------------------------------------------ scenarios
    def _conversation(self, i: int, scenario: str, lang: str) -> Conversation:
        customer_id = None
        turns: list[Turn] = []
        if self.rng.random() < 0.3:
            turns.append(self._utter("greeting", lang))
        body, customer_id, handoff = getattr(self, f"_scenario_{scenario}")(lang)
        turns += body
        if not handoff and self.rng.random() < 0.4:
            turns.append(self._utter(self.rng.choice(["thanks", "goodbye"]), lang))
        for t in turns:  # every customer turn says whether a human is needed (conversation-level metric)
            t.gold = t.gold or Gold()
            if t.gold.handoff_expected is None:
                t.gold.handoff_expected = False
        start = START + timedelta(minutes=37 * i + self.rng.randint(0, 30))
        for k, t in enumerate(turns):
            t.timestamp = (start + timedelta(seconds=20 * k)).strftime("%Y-%m-%dT%H:%M:%SZ")
        return Conversation(id=f"sim-{self.seed}-{i:05d}", channel="simulator", language=lang, customer_id=customer_id,
                            started_at=turns[0].timestamp, turns=turns, meta={"scenario": scenario, "seed": self.seed})

    def _order_turns(self, intent: str, lang: str, want: str, detail: str | None = None,
                     confirm: bool = False) -> tuple[list[Turn], str | None, bool]:
        order = self._order(want)
        if order is None:
            return [self._utter(intent, lang)], None, False
        first = self._utter(intent, lang)
        turns = [first]
        if _NUMBER.search(first.text):
            first.text = _NUMBER.sub(lambda m: ("#" if m.group(0).startswith("#") else "") + order["id"], first.text, 1)
        else:
            turns.append(self._say("order_number", lang, n=order["id"]))
        customer_id = None
        if self.rng.random() < 0.5:
            customer_id = order.get("customer_id")  # signed in to the widget: no email check
        else:
            turns.append(self._say("email", lang, email=order.get("email", "")))
        if detail == "address":
            other = self.rng.choice(list(self.store.customers.values())) if self.store.customers else {}
            turns.append(self._say("address", lang, a=_address_text(other.get("address", "1 Main Street, Portland"))))
        elif detail == "reason":
            turns.append(self._say("reason", lang))
        if confirm:
            turns.append(self._say("yes", lang))
        return turns, customer_id, False

    def _scenario_order_status(self, lang: str):
        return self._order_turns(self.rng.choice(["order_status", "order_status", "track_shipment"]), lang, "status")

    def _scenario_cancel_order(self, lang: str):
        return self._order_turns("cancel_order", lang, "cancel", confirm=True)

    def _scenario_change_shipping_address(self, lang: str):
        return self._order_turns("change_shipping_address", lang, "change_address", detail="address", confirm=True)

    def _scenario_return_item(self, lang: str):
        return self._order_turns("return_item", lang, "return", detail="reason", confirm=True)

    def _scenario_refund_status(self, lang: str):
        return self._order_turns("refund_status", lang, "refund")

    def _scenario_other_order(self, lang: str):
        return [self._utter(self.rng.choice(OTHER_ORDER_INTENTS), lang)], None, False

    def _scenario_faq(self, lang: str):
        turns = [self._utter(self.rng.choice(FAQ_INTENTS), lang)]
        faq = self._faq_turn(lang)
        if faq:
            turns.append(faq)
        return turns, None, False

    def _faq_turn(self, lang: str) -> Turn | None:
        """An FAQ entry's own question; gold sources = the entry and its translations (gold intent only if the
        entry names one)."""
        rows = [r for r in self.store.faq if _question(r, lang)] or [r for r in self.store.faq if _question(r, "en")]
        if not rows:
            return None
        r = self.rng.choice(rows)
        q = _question(r, lang) or _question(r, "en")
        group = str(r.get("source_id") or r["id"])  # translations of one entry answer the same question
        sources = sorted({str(x["id"]) for x in self.store.faq if str(x.get("source_id") or x["id"]) == group})
        return Turn(role="customer", text=str(q), gold=Gold(intent=r.get("intent"), relevant_sources=sources))

    def _product(self) -> dict[str, Any]:
        return self.rng.choice(self.store.products)

    def _scenario_product_question(self, lang: str):
        p = self._product()
        gold = Gold(intent="product_question", sentiment="neutral", relevant_sources=[p["id"]])
        return [self._say("product_question", lang, gold, t=p["title"])], None, False

    def _scenario_product_availability(self, lang: str):
        p = self._product()
        gold = Gold(intent="product_availability", sentiment="neutral", relevant_sources=[p["id"]])
        return [self._say("product_availability", lang, gold, t=p["title"])], None, False

    def _scenario_recommend(self, lang: str):
        kind = self.rng.choice(sorted(self._types))
        items = self._types[kind]
        budget = int(max(p["price"] for p in items) * self.rng.uniform(0.8, 1.3) // 5 * 5 + 5)
        fits = [p for p in items if p["price"] <= budget] or items
        bought = self.rng.choices(fits, [float(p.get("rating", 4.0)) ** 2 for p in fits])[0]
        article = "" if lang == "zh" else ("an " if kind[:1] in "aeiou" else "a ") if lang == "en" else "un "
        turns = []
        if self.rng.random() < 0.5:
            turns.append(self._utter("recommend_product", lang))
        turns.append(self._say("recommend", lang, Gold(intent="recommend_product", purchased_item=bought["id"]),
                               k=article + kind, p=budget))
        return turns, None, False

    def _scenario_handoff_request(self, lang: str):
        turns = [self._utter(self.rng.choice(["order_status", "payment_issue", "warranty"]), lang)] \
            if self.rng.random() < 0.4 else []
        turns.append(self._utter("talk_to_human", lang, handoff_expected=True))
        return turns, None, True

    def _scenario_angry(self, lang: str):
        """Three negative complaints in a row: the sentiment trend should bring in a human."""
        turns: list[Turn] = []
        while len(turns) < 3:  # three different complaints
            t = self._utter("complaint", lang, sentiment="negative")
            if t.text not in {x.text for x in turns} or len(turns) + 1 >= len(self.store.utterances.get(("complaint", lang), [])):
                turns.append(t)
        turns[-1].gold.handoff_expected = True
        return turns, None, True

    def _scenario_out_of_scope(self, lang: str):
        turns = [self._utter("out_of_scope", lang)]
        if self.rng.random() < 0.5:
            turns.append(self._utter(self.rng.choice(FAQ_INTENTS), lang))
        return turns, None, False

    def _scenario_chitchat(self, lang: str):
        return [self._utter("greeting", lang), self._utter("thanks", lang)], None, False
