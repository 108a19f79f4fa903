"""PII redaction for stored transcripts and logs: card numbers (Luhn-checked), emails, phone numbers.

The live dialogue always receives the raw text; only what is written to the database or logged goes
through :func:`redact` (when ``Settings.redact_pii`` is on).

>>> redact("card 4111 1111 1111 1111, mail ana@example.com, call +34 612 345 678")
'card [card], mail [email], call [phone]'
"""

from __future__ import annotations

import re

CARD = "[card]"
EMAIL = "[email]"
PHONE = "[phone]"

_EMAIL_RE = re.compile(r"[A-Za-z0-9._%+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}")
# 13-19 digits, optionally grouped by single spaces or dashes.
CARD_RE = re.compile(r"(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])")
# An optional +, then digits with the separators people type; 9-15 digits in total (checked below).
_PHONE_RE = re.compile(r"(?<![A-Za-z0-9_+])\+?\(?\d[\d ().-]{6,}\d(?![A-Za-z0-9_])")


def luhn_ok(digits: str) -> bool:
    """True when ``digits`` passes the Luhn checksum used by payment cards."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _card(m: re.Match[str]) -> str:
    digits = re.sub(r"\D", "", m.group(0))
    return CARD if 13 <= len(digits) <= 19 and luhn_ok(digits) else m.group(0)


def _phone(m: re.Match[str]) -> str:
    n = sum(ch.isdigit() for ch in m.group(0))
    return PHONE if 9 <= n <= 15 else m.group(0)


def redact(text: str) -> str:
    """Replace card numbers, email addresses and phone numbers with placeholders."""
    if not text:
        return text
    text = _EMAIL_RE.sub(EMAIL, text)
    text = CARD_RE.sub(_card, text)
    return _PHONE_RE.sub(_phone, text)
