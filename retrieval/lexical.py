"""Lexical side of hybrid search: a tokenizer that works for English, Spanish and Chinese, and BM25.

Latin text is lower-cased and accent-folded (``envío`` -> ``envio``), SKU-like tokens are kept whole
and split (``DT-4000G2`` -> ``dt-4000g2``, ``dt``, ``4000g2``); CJK text becomes single characters
plus character bigrams, so Chinese needs no word segmenter.

>>> tokenize("¿Cuánto cuesta el envío?")
['cuanto', 'cuesta', 'envio']
>>> tokenize("退货政策")
['退', '货', '政', '策', '退货', '货政', '政策']
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

import numpy as np

_TOKEN_RE = re.compile(r"[a-z0-9]+(?:[-_./][a-z0-9]+)*|[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]+")
_CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")
STOPWORDS = frozenset(
    # English
    "a an the and or of to in on for at by with from is are was were be been it its this that these those "
    "i me my we our you your he she they them do does did can could would should will shall may might "
    "what which who whom how when where why there here have has had not no if as so than then about into "
    "please any some am"
    # Spanish
    " el la los las un una unos unas y o de del al en con por para es son fue ser que como cuando donde "
    "cual cuales mi mis tu tus su sus lo le les se me te nos yo usted ustedes hay puedo puede si no mas "
    "muy este esta estos estas eso esa ese".split()
)


def fold(text: str) -> str:
    """Lower-case and strip accents from Latin letters (NFKD, drop combining marks); CJK untouched."""
    text = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def has_cjk(text: str) -> bool:
    return _CJK_RE.search(text) is not None


def tokenize(text: str) -> list[str]:
    tokens: list[str] = []
    for m in _TOKEN_RE.finditer(fold(text)):
        tok = m.group()
        if _CJK_RE.match(tok):
            tokens += list(tok)
            tokens += [tok[i:i + 2] for i in range(len(tok) - 1)]
        elif tok not in STOPWORDS:
            tokens.append(tok)
            parts = re.split(r"[-_./]", tok)
            if len(parts) > 1:
                tokens += [p for p in parts if p and p not in STOPWORDS]
    return tokens


def identifiers(text: str) -> list[str]:
    """SKU-like tokens of ``text`` (letters/digits with at least one digit, 3+ characters), folded."""
    return [t for t in _TOKEN_RE.findall(fold(text)) if len(t) >= 3 and any(c.isdigit() for c in t)
            and not _CJK_RE.match(t)]


class LexicalIndex:
    """BM25 (``bm25s``) over documents in row order; scores for every row at once, so callers can
    mask rows by metadata filters and fuse with dense ranks."""

    def __init__(self, texts: Sequence[str], *, k1: float = 1.2, b: float = 0.75) -> None:
        import bm25s

        self.size = len(texts)
        self._bm25 = bm25s.BM25(k1=k1, b=b)
        # bm25s needs at least one token per document
        corpus = [tokenize(t) or ["\u2205"] for t in texts]
        if corpus:
            self._bm25.index(corpus, show_progress=False)

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of the query against every row (zeros when no query term is in the vocabulary)."""
        tokens = tokenize(query)
        if not tokens or self.size == 0:
            return np.zeros(self.size, dtype=np.float32)
        vocab = self._bm25.vocab_dict
        known = [t for t in tokens if t in vocab]
        if not known:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._bm25.get_scores(known), dtype=np.float32)
