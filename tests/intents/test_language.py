"""Language detection: deterministic, CJK by script, short text falls back to the conversation language."""

from __future__ import annotations

import pytest

from intents.language import detect_language


@pytest.mark.parametrize(("text", "lang"), [
    ("where is my order", "en"), ("I want to return these shoes please", "en"), ("cancel my order", "en"),
    ("Where is my order #1042?", "en"), ("tracking number please", "en"),
    ("¿dónde está mi pedido?", "es"), ("quiero devolver estos zapatos", "es"), ("mi paquete no ha llegado", "es"),
    ("necesito ayuda con mi cuenta", "es"), ("no me llegó", "es"),
    ("我的订单在哪里", "zh"), ("我要退货 order 1042", "zh"), ("iPhone 手机壳", "zh"), ("還沒收到貨", "zh"),
])
def test_detects_served_languages(text: str, lang: str) -> None:
    assert detect_language(text) == lang
    assert detect_language(text, fallback="zh" if lang != "zh" else "en") == lang


@pytest.mark.parametrize("text", ["ok", "1042", "thx", "#1042", "a@b.com", "??", "", "k"])
def test_short_text_falls_back(text: str) -> None:
    assert detect_language(text, fallback="es") == "es"
    assert detect_language(text, fallback="zh") == "zh"
    assert detect_language(text) == "en"


def test_deterministic() -> None:
    texts = ["pedido", "status update needed", "la orden", "gracias por todo", "merci beaucoup"]
    first = [detect_language(t, fallback="zh") for t in texts]
    assert all([detect_language(t, fallback="zh") for t in texts] == first for _ in range(5))
