"""Keyboard mash ("asdfgh", "jjjjj", "qwerty uiop"): out of scope whatever the classifier says.

A fine-tuned classifier has to put such a turn somewhere, and short nonsense lands on short classes ("asdfgh" ->
goodbye). The rule lives here, in the understanding stage, so the dialogue and the offline evaluation of logged
turns see the same flag.
"""

from __future__ import annotations

import re

_CJK = re.compile(r"[\u3400-\u9fff]")
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_KEYBOARD_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
# four neighbouring keys; "erty" ends words ("property", "liberty"), "trew" is in "strewn"
_KEY_RUNS = tuple(
    run for r in _KEYBOARD_ROWS for run in (r[i : i + 4] for i in range(len(r) - 3)) if run not in ("erty", "wert")
)
_REPEATED = re.compile(r"^(\w)\1{3,}$")  # "jjjjj", not "hiiii"
_VOWEL = re.compile(r"[aeiouyáéíóúü]")


def _mashed(word: str) -> bool:
    """Four keys in a row of the keyboard ("asdf", "uiop", "lkjh"), one letter typed over and over, or five
    letters without a vowel ("xkcdq")."""
    if _REPEATED.search(word) or any(run in word or run[::-1] in word for run in _KEY_RUNS):
        return True
    return len(word) >= 5 and not _VOWEL.search(word)


def looks_like_gibberish(text: str) -> bool:
    """Latin letters only, and every word of three or more letters a keyboard mash.

    >>> looks_like_gibberish("asdfgh"), looks_like_gibberish("byeee"), looks_like_gibberish("order 1042")
    (True, False, False)
    """
    if _CJK.search(text) or re.search(r"\d", text):
        return False
    long_words = [w for w in (m.lower() for m in _WORD.findall(text)) if len(w) >= 3]
    return bool(long_words) and all(_mashed(w) for w in long_words)
