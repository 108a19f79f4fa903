"""PII redaction: Luhn-checked card numbers, emails and phone numbers, in en/zh/es text."""

from __future__ import annotations

import pytest

from bot.store.redact import luhn_ok, redact


@pytest.mark.parametrize(("text", "expected"), [
    ("my card is 4111 1111 1111 1111", "my card is [card]"),
    ("card 5500-0000-0000-0004 please", "card [card] please"),
    ("amex 378282246310005.", "amex [card]."),
    ("write to ana.lopez+shop@example.co.uk", "write to [email]"),
    ("call me on +34 612 345 678", "call me on [phone]"),
    ("(555) 123-4567 after 5pm", "[phone] after 5pm"),
    ("我的电话是13812345678，邮箱ana@example.com", "我的电话是[phone]，邮箱[email]"),
    ("mi tarjeta es 4012888888881881", "mi tarjeta es [card]"),
])
def test_redacts(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize("text", [
    "order A1001 costs 19.99 EUR", "4111 1111 1111 1112 is not a valid card", "delivered 2024-05-01 at 10:30",
    "size 42, qty 3", "订单号 A1001", "pedido #100234",
])
def test_keeps_what_is_not_pii(text: str) -> None:
    assert redact(text) == text


def test_luhn() -> None:
    assert luhn_ok("4111111111111111") and not luhn_ok("4111111111111112")
