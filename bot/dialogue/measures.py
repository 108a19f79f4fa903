"""Numbers a customer asks of a product ("for -10 °C", "about 30 litres", "a tent for two") against each product's
own fields: which recommendations fit, and, when none does, the closest ones with the bot saying so.

Each card then shows its own value ("rated to -7 °C", "28 L", "3 people"), taken from the product's data.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from bot.dialogue import cues
from bot.dialogue.messages import say
from bot.dialogue.ports import BotReply, CitationOut, RecommendationRequest
from bot.dialogue.product_facts import numeric
from bot.dialogue.turn import Turn
from bot.store.shop_repo import ProductView
from retrieval.types import Suggestion

_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "uno": 1, "una": 1, "dos": 2,
                 "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5,
                 "六": 6}
_LITRES = re.compile(r"(?<![A-Za-z0-9.,])(\d{1,3}(?:[.,]\d+)?)\s*-?\s*(?:l|litres?|liters?|litros?|升)(?![a-z])", re.IGNORECASE)
_PERSONS = re.compile(
    rf"(?<![A-Za-z0-9])(\d|{'|'.join(_NUMBER_WORDS)})\s*(?:个)?\s*-?\s*(?:persons?|people|personas?|人)(?![a-z])", re.IGNORECASE
)


def litres_in(text: str) -> float | None:
    """"a backpack of about 30 litres", "28L", "30 litros", "30升"."""
    m = _LITRES.search(text)
    return float(m.group(1).replace(",", ".")) if m else None


def persons_in(text: str) -> float | None:
    """"a 2-person tent", "for two people", "para cuatro personas", "两个人用"."""
    m = _PERSONS.search(text)
    if not m:
        return None
    word = m.group(1).lower()
    return float(_NUMBER_WORDS.get(word, word if word.isdigit() else 0)) or None


@dataclass(frozen=True)
class Measure:
    """A number asked of a product: where the product keeps it, what fits, and what is closest when nothing does."""

    name: str  # message keys: closest_<name>, <name>_value
    key: str  # attribute key in the product data (or its prefix before "_": temp -> temp_c)
    parse: Callable[[str], float | None]
    fits: Callable[[float, float], bool]  # (product's value, wanted)
    order: Callable[[float, float], float]  # sort key when nothing fits


MEASURES = (
    Measure("temp", "temp", cues.temperature_in, lambda v, w: v <= w, lambda v, w: v),  # warmest first
    Measure("litres", "capacity_l", litres_in, lambda v, w: abs(v - w) <= 0.2 * w, lambda v, w: abs(v - w)),
    Measure("persons", "capacity_persons", persons_in, lambda v, w: w <= v <= w + 1, lambda v, w: abs(v - w)),
)


def asked(text: str) -> tuple[Measure, float] | None:
    """The first number the turn asks of a product, with its measure."""
    return next(((m, v) for m in MEASURES if (v := m.parse(text)) is not None), None)


def _wanted(turn: Turn) -> tuple[Measure, float] | None:
    """The number this turn asks, or, for a refinement that asks none ("anything cheaper?" after "a sleeping bag
    for -10 °C"), the one the last recommendation asked. A request that is not a refinement forgets it."""
    found = asked(turn.text)
    last = turn.state.extra.get("last_measure")
    if found is None and last and cues.only_refines(turn.text):
        found = next(((m, float(last[1])) for m in MEASURES if m.name == last[0]), None)
    if found:
        turn.state.extra["last_measure"] = [found[0].name, found[1]]
    else:
        turn.state.extra.pop("last_measure", None)
    return found


def value_of(p: ProductView, measure: Measure) -> float | None:
    """The product's own value of ``measure`` (``temp_c`` for temp), if its data has one."""
    return numeric(next((v for k, v in p.attributes.items() if k == measure.key or k.startswith(f"{measure.key}_")),
                        None))


def answer(p: ProductView, text: str, language: str) -> BotReply | None:
    """"零下5度能用吗？" / "is it big enough for 3 people?" about one product: yes or no from its own value, cited;
    None when the turn asks no number or the product's data does not have it."""
    found = asked(text)
    value = value_of(p, found[0]) if found else None
    if found is None or value is None:
        return None
    measure, wanted = found
    shown, asked_for = (say(f"{measure.name}_value", language, value=f"{v:g}") for v in (value, wanted))
    key = "measure_fits" if measure.fits(value, wanted) else "measure_misses"
    return BotReply(text=say(key, language, title=p.title, value=shown, wanted=asked_for), kind="answer",
                    citations=[CitationOut(id=p.id, title=p.title, kind="product", snippet=f"{measure.key}: {value:g}")])


async def every_fitting(turn: Turn, request: RecommendationRequest) -> list[Suggestion]:
    """Every product the request admits, in relevance order: pages past the diversified cards (two per brand)."""
    wide: list[Suggestion] = []
    for _ in range(4):
        page = await turn.call("recommend", turn.deps.recommender.recommend, request.model_copy(
            update={"k": 30, "exclude": [*request.exclude, *(s.product_id for s in wide)]}))
        fresh = [s for s in page if s.product_id not in {w.product_id for w in wide}]
        if not fresh:
            break
        wide += fresh
    return wide


async def measured(turn: Turn, request: RecommendationRequest) -> tuple[list[Suggestion], str, dict[str, str]] | None:
    """The recommendations that fit the number the turn asks, or the last request asked when this turn only
    narrows it (with the usual intro: key ""), else the closest ones
    with the intro that says none fits and its facts; each card's reason is its own value. None when the turn asks
    no number or no candidate's data has it."""
    found = _wanted(turn)
    if found is None:
        return None
    measure, wanted = found
    wide = await every_fitting(turn, request)
    products = {p.id: p for p in await turn.timed("catalog", turn.deps.catalog.products([s.product_id for s in wide]))}
    valued = [(v, s) for s in wide if (p := products.get(s.product_id)) and (v := value_of(p, measure)) is not None]
    if not valued:
        return None
    fit = [(v, s) for v, s in valued if measure.fits(v, wanted)]
    chosen = fit or sorted(valued, key=lambda vs: measure.order(vs[0], wanted))
    cards = [replace(s, reason=turn.say(f"{measure.name}_value", value=f"{v:g}")) for v, s in chosen[: request.k]]
    return (cards, "", {}) if fit else (cards, f"closest_{measure.name}", {"value": f"{wanted:g}"})
