"""Keyboard mash is out of scope in the understanding stage, so the dialogue and offline evaluation agree."""

from __future__ import annotations

import pytest

from intents.gibberish import looks_like_gibberish


@pytest.mark.parametrize("text", ["asdfgh", "jjjjj", "qwerty uiop", "lkjhg", "xkcdq", "ASDF!!"])
def test_keyboard_mash_is_gibberish(text: str) -> None:
    assert looks_like_gibberish(text)


@pytest.mark.parametrize("text", ["byeee", "hiiii", "ok", "no", "property", "strewn", "order 1042", "退货",
                                  "asdf 我的订单", "rhythm", "¿qué tal?", "liberty"])
def test_words_and_short_replies_are_not(text: str) -> None:
    assert not looks_like_gibberish(text)
