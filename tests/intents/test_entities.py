"""Rule-based entities in English, Chinese and Spanish."""

from __future__ import annotations

import pytest

from intents.entities import extract_entities


def found(text: str) -> list[tuple[str, str]]:
    return [(e.type, e.value) for e in extract_entities(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Where is order #1042?", [("order_number", "1042")]),
    ("my order number is 10423", [("order_number", "10423")]),
    ("#1042", [("order_number", "1042")]),
    ("order no. 55210 hasn't arrived", [("order_number", "55210")]),
    ("订单1042在哪里", [("order_number", "1042")]),
    ("订单号：204233 还没发货", [("order_number", "204233")]),
    ("¿Dónde está mi pedido 5521?", [("order_number", "5521")]),
    ("mi número de pedido es 55123", [("order_number", "55123")]),
    ("pedido nº 33451", [("order_number", "33451")]),
    ("order 1042 and order 1043", [("order_number", "1042"), ("order_number", "1043")]),
    ("order 12345678", []),
    ("I bought 3 items", []),
])
def test_order_numbers(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("email me at John.Doe@Example.com", [("email", "john.doe@example.com")]),
    ("我的邮箱是 wang.li@qq.com", [("email", "wang.li@qq.com")]),
    ("call me at +1 415-555-0132", [("phone", "+14155550132")]),
    ("(415) 555-0132", [("phone", "4155550132")]),
    ("我的手机13812345678", [("phone", "13812345678")]),
    ("mi teléfono es +34 612 345 678", [("phone", "+34612345678")]),
    ("mi correo: ana_g+shop@correo.es y mi móvil 612 34 56 78",
     [("email", "ana_g+shop@correo.es"), ("phone", "612345678")]),
])
def test_emails_and_phones(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(("text", "value"), [
    ("tracking 1Z999AA10123456784", "1Z999AA10123456784"),
    ("USPS 9400111899223817565121 says delivered", "9400111899223817565121"),
    ("京东快递 JD0012345678901 没动", "JD0012345678901"),
    ("运单号 SF1234567890123", "SF1234567890123"),
    ("el número de seguimiento es LX123456789CN", "LX123456789CN"),
    ("tracking number 123456789012", "123456789012"),
    ("快递单号：773012345678901", "773012345678901"),
])
def test_tracking_numbers(text: str, value: str) -> None:
    assert found(text) == [("tracking_number", value)]


@pytest.mark.parametrize(("text", "expected"), [
    ("shoes under $100", [("price_range", "..100")]),
    ("anything below 50 dollars?", [("price_range", "..50")]),
    ("between 50 and 80 dollars", [("price_range", "50..80")]),
    ("$50-$80 please", [("price_range", "50..80")]),
    ("more than 30 euros", [("price_range", "30..")]),
    ("100元以下的鞋", [("price_range", "..100")]),
    ("100到200元的外套", [("price_range", "100..200")]),
    ("价格低于300元", [("price_range", "..300")]),
    ("menos de 50 euros", [("price_range", "..50")]),
    ("entre 20 y 40 euros", [("price_range", "20..40")]),
    ("it costs $49.99", [("amount", "49.99")]),
    ("I paid 200元", [("amount", "200")]),
    ("me cobraron 35,50 €", [("amount", "35.50")]),
    ("it arrives in 2-3 days", []),
    ("less than 2 weeks ago", []),
])
def test_amounts_and_price_ranges(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("size M", [("size", "M")]),
    ("do you have it in XL?", [("size", "XL")]),
    ("size 9.5 running shoes", [("size", "9.5")]),
    ("US 10", [("size", "10")]),
    ("in medium please", [("size", "M")]),
    ("talla M", [("size", "M")]),
    ("talla 42", [("size", "42")]),
    ("la quiero en talla grande", [("size", "L")]),
    ("M码", [("size", "M")]),
    ("42码的鞋", [("size", "42")]),
    ("我要大号", [("size", "L")]),
    ("I'm fine, thanks", []),
    ("what sizes?", []),  # not size S
    ("¿qué tallas hay?", []),
    ("sizes: M", [("size", "M")]),
])
def test_sizes(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("a red shirt", [("colour", "red")]),
    ("grey or gray?", [("colour", "grey"), ("colour", "grey")]),
    ("camisa roja", [("colour", "red")]),
    ("zapatos negros", [("colour", "black")]),
    ("azul marino", [("colour", "navy")]),
    ("蓝色的裙子", [("colour", "blue")]),
    ("有没有粉红色", [("colour", "pink")]),
    ("我明白了", []),
    ("redeem my voucher", []),
])
def test_colours(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text) == expected


def test_mixed_message_spans_are_exact() -> None:
    text = "Order #1042: I want the blue one in size L, under $60, email a@b.co"
    ents = extract_entities(text)
    assert [(e.type, e.value) for e in ents] == [
        ("order_number", "1042"), ("colour", "blue"), ("size", "L"), ("price_range", "..60"), ("email", "a@b.co")]
    assert all(text[e.start : e.end] == e.text for e in ents)
