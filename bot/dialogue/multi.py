"""Turns that ask two things at once ("where is order 1042? and do you ship to Canada?") get an answer to each.

Only explicit questions are split: two or more clauses ending in a question mark. Each clause is understood on
its own (one batched call) and answered by its own handler, in the same conversation state; a clause that may
ask the customer for something (an order request) goes last, so the customer's next message answers it. When
one intent is said twice (questions of the store's data aside), a clause is not understood, or two are order
requests (one open request at a time), the turn is handled whole, as before.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from bot.dialogue import answers, lexicon, orders
from bot.dialogue.ports import BotReply
from bot.dialogue.turn import Handler, Turn

# a clause ends at a question mark; a statement before a question stays with it ("It's a gift. Can I return it?")
_QUESTION = re.compile(r"[^?？]*[?？]+")
_AND = re.compile(r"^(?:(?:and|also|y|también)\b|还有|另外)[\s,，]*", re.IGNORECASE)
_MIN_WORDS, _MIN_CJK = 2, 3
MAX_QUESTIONS = 3


def questions(text: str) -> list[str]:
    """The turn's questions when it asks two or more (each long enough to stand alone), else []."""
    found = list(_QUESTION.finditer(text))
    parts = [_AND.sub("", m.group(0).strip(" ,;、，").lstrip("¿¡ ")) for m in found]
    if len(parts) < 2 or len(parts) > MAX_QUESTIONS or _stands_alone(text[found[-1].end():]):
        return []  # "… where is 1042? my e-mail is …": what follows the questions belongs to them all
    if not all(_stands_alone(p) for p in parts):
        return []  # "really? why?" is one thought, not two requests
    return parts


def _stands_alone(text: str) -> bool:
    return len(lexicon.words(text)) >= _MIN_WORDS or len(lexicon.CJK_RE.findall(text)) >= _MIN_CJK


def _answers(key: str, handlers: Mapping[str, Handler]) -> bool:
    """Handlers that answer a question from the store's data (FAQ, policies, a product's facts)."""
    return key == "policy" or handlers[key] in (answers.handle_faq, answers.handle_product)


def _leans(text: str) -> bool:
    """A question that leans on the one before: "how long does it take?", "¿cuánto cuesta?", "多少钱？"."""
    return lexicon.has_reference(text) or lexicon.only_asks_attribute(text)


def _asks_back(key: str) -> bool:
    """Handlers that may leave a question open (an order number, an e-mail): answered last."""
    return key in orders.ORDER_INTENTS or key == "policy"


async def answer_each(turn: Turn, parts: list[str], route: Callable[[Turn], str],
                      handlers: Mapping[str, Handler]) -> bool:
    """Answer each question of ``parts`` with its own handler, the replies in ``turn``; False (nothing done) when
    the turn is better handled whole: one intent said twice (questions of the store's data aside), a clause the
    model did not understand, or two order requests.

    A clause that leans on a store question before it ("do you ship to Australia? how long does it take?") is
    answered with it, as a store question (after a product question its "it" is the product in focus); an answer
    already given in this turn (the same words) is not repeated, and what the bot asks back comes after every
    answer."""
    deps = turn.deps
    preds = await turn.call("understand", deps.understander.predict, parts, fallback_language=turn.lang)
    clauses = [Turn(deps=deps, state=turn.state, text=p, pred=pred, lang=turn.lang, annotation=turn.annotation,
                    carried=turn.carried) for p, pred in zip(parts, preds)]
    keyed = [(route(c), i, c) for i, c in enumerate(clauses)]
    for i in range(1, len(keyed)):
        (before, _, prev), (_, _, clause) = keyed[i - 1], keyed[i]
        if _leans(clause.text) and (before == "policy" or handlers[before] is answers.handle_faq):
            # "¿hacen envíos a Argentina? ¿cuánto cuesta?": the price of the shipping, not of the card in focus
            clause.text = f"{prev.text} {clause.text}"
            keyed[i] = (before, i, clause)
    if any(c.pred.out_of_scope or k == "out_of_scope" for k, _, c in keyed):
        return False
    if len({c.pred.intent for c in clauses}) < 2 and not all(_answers(k, handlers) for k, _, _ in keyed):
        return False  # "hi? hello?": one thing said twice; "how heavy is it? is it washable?" are two questions
    requests = sum(k in orders.ORDER_INTENTS for k, _, _ in keyed)
    if requests and sum(_asks_back(k) for k, _, _ in keyed) > 1:
        return False  # "where is order 1044? can I return it?": one open order request at a time, the turn whole
    keyed.sort(key=lambda kic: _asks_back(kic[0]))  # stable: the clauses that may ask something back go last
    turn.annotation.handler = "+".join(k for k, _, _ in keyed)
    replies: list[BotReply] = []
    for key, _, clause in keyed:
        clause.routed = key
        await handlers[key](clause)
        replies += [r for r in clause.replies if r.text not in {s.text for s in replies}]
        if clause.handoff is not None:
            turn.handoff = clause.handoff
            break
    # the answers first, then what the bot asks back ("tell me the order number if you want me to do it")
    turn.replies += sorted(replies, key=lambda r: r.kind in ("clarify", "confirm"))
    return True
