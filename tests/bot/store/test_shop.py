"""Shop tables, seeding and the SQL order rules on the tiny store (and the demo store when generated)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.settings import DEMO_STORE_DIR
from bot.store.db import make_engine, make_sessionmaker
from bot.store.shop import read_store_config, seed_store
from bot.store.shop_repo import SqlCatalog, SqlCustomerDirectory, SqlOrderRepository

TINY_STORE = Path(__file__).resolve().parent.parent / "dialogue" / "data" / "tiny_store"


@pytest.fixture
async def sessions(tmp_path: Path):
    engine = make_engine(f"sqlite+aiosqlite:///{tmp_path / 'shop.db'}")
    yield make_sessionmaker(engine)
    await engine.dispose()


@pytest.fixture
async def repo(sessions) -> SqlOrderRepository:
    await seed_store(sessions, TINY_STORE)
    return SqlOrderRepository.from_store_config(sessions, read_store_config(TINY_STORE))


async def test_seed_is_idempotent(sessions) -> None:
    first = await seed_store(sessions, TINY_STORE)
    assert first == {"customers": 3, "products": 4, "orders": 8}
    assert await seed_store(sessions, TINY_STORE) == {"customers": 0, "products": 0, "orders": 0}


async def test_order_view_reads_demo_fields(repo: SqlOrderRepository) -> None:
    order = await repo.get("#1042")
    assert order and order.status == "shipped" and order.carrier == "UPS" and order.eta == "2026-11-22"
    assert (
        order.items[0].product_id == "P001"
        and order.items[0].price == 129.0
        and order.items[0].colour == "navy"
    )
    assert order.shipping_address.startswith("Emma Smith, 12 Maple Street")
    assert await repo.get("9999") is None
    assert [o.id for o in await repo.orders_of("C0001")] == ["1042", "1048", "1041", "1045"]


async def test_verify_ownership_by_email(repo: SqlOrderRepository) -> None:
    order = await repo.get("1042")
    assert order is not None and order.email_matches(" Emma.Smith@example.com ")
    assert not order.email_matches("fang.wang@example.com")
    assert not order.email_matches("")
    assert await repo.get("9999") is None  # an unknown order proves nothing: the dialogue says it is not found


async def test_cancel_only_before_shipping(repo: SqlOrderRepository) -> None:
    shipped = await repo.cancel("1042")
    assert shipped.refused and shipped.reason == "already_shipped"
    ok = await repo.cancel("1043")
    assert ok.ok and ok.order.status == "cancelled" and ok.order.refund_status == "processing"
    again = await repo.cancel("1043")
    assert again.reason == "already_cancelled" and (await repo.get("1043")).status == "cancelled"


async def test_change_address_only_before_shipping(repo: SqlOrderRepository) -> None:
    assert (await repo.change_address("1042", "1 New Road")).reason == "already_shipped"
    assert (await repo.change_address("1043", "  ")).reason == "invalid"
    ok = await repo.change_address("1043", "1 New Road, Portland")
    assert ok.ok and (await repo.get("1043")).shipping_address == "1 New Road, Portland"


async def test_returns_inside_the_window_only(repo: SqlOrderRepository) -> None:
    assert (await repo.check("1042", "return")).reason == "not_delivered"
    late = await repo.request_return("1045")
    assert late.reason == "outside_window" and late.detail == {"deadline": "2026-09-05", "window_days": 30}
    assert (await repo.request_return("1046")).reason == "already_requested"
    ok = await repo.request_return("1044", "too small")
    assert ok.ok and ok.detail["deadline"] == "2026-12-10"
    order = await repo.get("1044")
    assert order.status == "return_requested" and order.requests[-1]["reason"] == "too small"
    assert (await repo.request_exchange("1044", "size 43")).reason == "already_requested"


async def test_window_follows_today(sessions) -> None:
    await seed_store(sessions, TINY_STORE)
    later = SqlOrderRepository(sessions, return_window_days=30, today=lambda: date(2026, 12, 11))
    assert (await later.check("1044", "exchange")).reason == "outside_window"
    assert (await later.request_exchange("1044", "size 43")).refused


async def test_refund_status(repo: SqlOrderRepository) -> None:
    refunded = await repo.refund_status("1047")
    assert refunded.ok and refunded.order.refund_status == "refunded" and refunded.order.refund_amount == 79.0
    assert (await repo.refund_status("1046")).order.refund_status == "pending"
    assert (await repo.refund_status("9999")).reason == "not_found"


async def test_catalog_and_customer_directory(repo: SqlOrderRepository, sessions) -> None:
    catalog = SqlCatalog(sessions)
    jacket, boots = await catalog.products(["P001", "P003", "nope"])
    assert jacket.colours == ("navy", "red") and jacket.sizes == ("M", "L", "S") and jacket.in_stock
    assert jacket.attributes["waterproof"] is True and boots.title == "Summit Hiking Boots"
    assert {"ridge", "jacket", "footwear"} <= await catalog.vocabulary()
    named = await catalog.named_in("the TRAIL FLEECE JACKET or the Ridge Waterproof Shell Jacket?")
    assert [p.id for p in named] == ["P002", "P001"] and await catalog.named_in("a jacket") == []
    directory = SqlCustomerDirectory(sessions, repo)
    profile = await directory.profile("C0002")
    assert profile.name == "王芳" and [o.id for o in profile.orders] == ["1043", "1047"]
    assert (await directory.by_email("SOFIA.GARCIA@example.com")).id == "C0003"
    assert await directory.profile("C9999") is None


@pytest.mark.skipif(not (DEMO_STORE_DIR / "orders.jsonl").exists(), reason="demo store not generated yet")
async def test_demo_store_showcase_orders(sessions) -> None:
    counts = await seed_store(sessions, DEMO_STORE_DIR)
    assert counts["orders"] > 100 and counts["products"] > 20
    repo = SqlOrderRepository.from_store_config(sessions, read_store_config(DEMO_STORE_DIR))
    expected = {
        "1042": "shipped",
        "1043": "processing",
        "1046": "return_requested",
        "1047": "refunded",
        "1048": "cancelled",
    }
    for number, status in expected.items():
        assert (await repo.get(number)).status == status
    assert (await repo.check("1044", "return")).ok
    assert (await repo.check("1045", "return")).reason == "outside_window"
    assert (await repo.get("1042")).tracking_number


@pytest.fixture(params=["sqlite", "postgresql"])
async def any_repo(request: pytest.FixtureRequest, tmp_path: Path):
    """The tiny store's repository on SQLite and on this machine's real PostgreSQL (skipped when unreachable)."""
    url, drop = f"sqlite+aiosqlite:///{tmp_path / 'shop.db'}", None
    if request.param == "postgresql":
        import uuid

        try:
            import psycopg2

            admin = psycopg2.connect("postgresql://postgres@127.0.0.1:5432/postgres", connect_timeout=3)
        except Exception as e:  # noqa: BLE001
            pytest.skip(f"PostgreSQL unreachable: {e}")
        admin.autocommit = True
        name = f"shopbot_test_{uuid.uuid4().hex[:10]}"
        admin.cursor().execute(f"CREATE DATABASE {name}")
        url, drop = f"postgresql+asyncpg://postgres@127.0.0.1:5432/{name}", (admin, name)
    engine = make_engine(url)
    sessions = make_sessionmaker(engine)
    await seed_store(sessions, TINY_STORE)
    yield SqlOrderRepository.from_store_config(sessions, read_store_config(TINY_STORE))
    await engine.dispose()
    if drop:
        admin, name = drop
        admin.cursor().execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.close()


async def test_orders_by_tracking_number_and_returns_of_some_items(any_repo: SqlOrderRepository) -> None:
    shipped = await any_repo.get("1042")
    assert shipped.tracking_number
    assert (await any_repo.by_tracking(shipped.tracking_number.lower())).id == "1042"  # case does not matter
    assert await any_repo.by_tracking("1ZNOTAREALNUMBER00") is None
    delivered = await any_repo.get("1044")
    first = delivered.items[0].product_id
    ok = await any_repo.request_return("1044", "too small", [first])
    request = (await any_repo.get("1044")).requests[-1]
    assert ok.ok and (request["type"], request["reason"], request["items"]) == ("return", "too small", [first])
