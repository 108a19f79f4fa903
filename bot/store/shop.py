"""The demo store's own data as ORM tables: customers, products and orders (items as JSON).

The tables live on ``bot.store.db.Base`` next to the conversation tables. They are seeded from the
store's JSONL files (``customers.jsonl``, ``products.jsonl``, ``orders.jsonl`` and ``store.json``)
into an empty database by :func:`seed_store`; seeding twice is a no-op, so orders the bot changed
(cancelled, returned) keep their state across restarts.

The loaders accept the minimal and the richer demo-store row forms (``id``/``order_id``,
``colour``/``color``, variants with options...), keeping the whole row in ``data``.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from sqlalchemy import JSON, Float, Integer, String, Text, func, select, text
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlalchemy.orm import Mapped, mapped_column

from bot.store.db import Base

log = logging.getLogger(__name__)

CUSTOMERS_FILE = "customers.jsonl"
PRODUCTS_FILE = "products.jsonl"
ORDERS_FILE = "orders.jsonl"
STORE_FILE = "store.json"


class CustomerRow(Base):
    __tablename__ = "shop_customers"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(200), default="", index=True)
    language: Mapped[str] = mapped_column(String(8), default="en")
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class ProductRow(Base):
    __tablename__ = "shop_products"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    title: Mapped[str] = mapped_column(String(300), default="")
    category: Mapped[str] = mapped_column(String(200), default="")
    price: Mapped[float] = mapped_column(Float, default=0.0)
    currency: Mapped[str] = mapped_column(String(8), default="USD")
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class OrderRow(Base):
    __tablename__ = "shop_orders"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    customer_id: Mapped[str | None] = mapped_column(String(64), index=True, nullable=True)
    email: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(32), default="processing")
    placed_at: Mapped[str] = mapped_column(String(32), default="")
    shipped_at: Mapped[str | None] = mapped_column(String(32), nullable=True)
    delivered_at: Mapped[str | None] = mapped_column(String(32), nullable=True)
    eta: Mapped[str | None] = mapped_column(String(32), nullable=True)
    carrier: Mapped[str | None] = mapped_column(String(64), nullable=True)
    tracking_number: Mapped[str | None] = mapped_column(String(64), nullable=True)
    shipping_address: Mapped[str] = mapped_column(Text, default="")
    total: Mapped[float] = mapped_column(Float, default=0.0)
    currency: Mapped[str] = mapped_column(String(8), default="USD")
    items: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    refund: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    requests: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list, doc="returns, exchanges...")
    version: Mapped[int] = mapped_column(Integer, default=1)
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


SHOP_TABLES = (CustomerRow.__tablename__, ProductRow.__tablename__, OrderRow.__tablename__)


# ----------------------------------------------------------------------------- row normalisation
def _first(row: dict[str, Any], *keys: str, default: Any = None) -> Any:
    for k in keys:
        if row.get(k) not in (None, ""):
            return row[k]
    return default


def _float(value: Any) -> float:
    try:
        return float(str(value).replace(",", "").lstrip("$€¥"))
    except (TypeError, ValueError):
        return 0.0


def format_address(value: Any) -> str:
    """An address given as text or as a dict of parts, as one line."""
    if isinstance(value, dict):
        keys = (
            "name",
            "line1",
            "street",
            "line2",
            "city",
            "state",
            "region",
            "postal_code",
            "zip",
            "country",
        )
        parts = [str(value[k]) for k in keys if value.get(k)]
        return ", ".join(parts) or ", ".join(str(v) for v in value.values() if v)
    return str(value or "")


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _date(value: Any) -> str | None:
    return str(value)[:10] if value not in (None, "") else None


def customer_row(row: dict[str, Any]) -> CustomerRow:
    return CustomerRow(
        id=str(_first(row, "id", "customer_id")),
        name=str(_first(row, "name", "full_name", default="")),
        email=str(_first(row, "email", default="")).lower(),
        language=str(_first(row, "language", "lang", default="en")),
        data=row,
    )


def product_row(row: dict[str, Any]) -> ProductRow:
    variants = [v for v in row.get("variants") or [] if isinstance(v, dict)]
    price = _first(row, "price")
    if price is None and variants:
        price = (
            min(_float(v.get("price")) for v in variants if v.get("price") is not None)
            if any(v.get("price") is not None for v in variants)
            else 0.0
        )
    category = row.get("category") or ""
    if isinstance(category, list):
        category = " > ".join(map(str, category))
    return ProductRow(
        id=str(_first(row, "id", "product_id", "sku")),
        title=str(_first(row, "title", "name", default="")),
        category=str(category),
        price=_float(price),
        currency=str(row.get("currency") or "USD"),
        data=row,
    )


def order_row(row: dict[str, Any]) -> OrderRow:
    oid = str(_first(row, "order_id", "id", "number", "order_number")).lstrip("#")
    shipping, refund, ret = (_dict(row.get(k)) for k in ("shipping", "refund", "return"))
    if not refund and ret.get("refund_amount") is not None:
        refund = {
            "status": "refunded" if ret.get("refunded_at") else "pending",
            "amount": ret["refund_amount"],
        }
    if not refund and row.get("refund_status"):
        refund = {"status": row["refund_status"], "amount": row.get("refund_amount")}
    items = [dict(i) for i in row.get("items") or [] if isinstance(i, dict)]
    return OrderRow(
        id=oid,
        customer_id=_first(row, "customer_id", "customer"),
        email=str(_first(row, "email", default="")).lower(),
        status=str(_first(row, "status", default="processing")).lower(),
        placed_at=_date(_first(row, "placed_at", "created_at", "order_date", "date")) or "",
        shipped_at=_date(_first(row, "shipped_at", "ship_date", default=shipping.get("shipped_at"))),
        delivered_at=_date(
            _first(row, "delivered_at", "delivery_date", default=shipping.get("delivered_at"))
        ),
        eta=_date(_first(row, "eta", "estimated_delivery", "expected_delivery", default=shipping.get("eta"))),
        carrier=_first(row, "carrier", default=shipping.get("carrier")),
        tracking_number=_first(row, "tracking_number", "tracking", default=shipping.get("tracking_number")),
        shipping_address=format_address(
            _first(row, "shipping_address", "address", default=shipping.get("address"))
        ),
        total=_float(
            _first(
                row,
                "total",
                "amount",
                default=sum(
                    _float(i.get("price", i.get("unit_price"))) * int(i.get("quantity", i.get("qty", 1)) or 1)
                    for i in items
                ),
            )
        ),
        currency=str(row.get("currency") or "USD"),
        items=items,
        refund=refund,
        requests=[{"type": "return", **ret}] if ret else [],
        data=row,
    )


# ----------------------------------------------------------------------------- seeding
def read_jsonl(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def read_store_config(store_dir: Path) -> dict[str, Any]:
    """``store.json`` (name, currency, ``return_window_days``, ``demo_today``...), or {} if absent."""
    path = Path(store_dir) / STORE_FILE
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


SEED_LOCK_ID = 0x5B0C  # pg_advisory_xact_lock key of seed_store (bot.store.database uses 0x5B0B for migrations)

async def seed_store(session_factory: async_sessionmaker, store_dir: Path) -> dict[str, int]:
    """Create the shop tables and load the store's JSONL files if the tables are empty.

    Idempotent: a database that already holds orders is left as it is. Returns rows inserted per table.
    Safe when several server processes start at once on PostgreSQL: a transaction-scoped advisory lock lets
    one seed while the others wait, then find the rows and skip.
    """
    store_dir = Path(store_dir)
    async with session_factory() as session:
        conn = await session.connection()
        if conn.dialect.name == "postgresql":  # released by the commit below
            await conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": SEED_LOCK_ID})
        await conn.run_sync(
            lambda sync: Base.metadata.create_all(sync, tables=[Base.metadata.tables[t] for t in SHOP_TABLES])
        )
        existing = (await session.execute(select(func.count()).select_from(OrderRow))).scalar_one()
        existing += (await session.execute(select(func.count()).select_from(ProductRow))).scalar_one()
        if existing:
            log.info("event=seed_skipped reason=not_empty store=%s", store_dir)
            await session.commit()
            return {"customers": 0, "products": 0, "orders": 0}
        customers = [customer_row(r) for r in read_jsonl(store_dir / CUSTOMERS_FILE)]
        products = [product_row(r) for r in read_jsonl(store_dir / PRODUCTS_FILE)]
        orders = [order_row(r) for r in read_jsonl(store_dir / ORDERS_FILE)]
        emails = {c.id: c.email for c in customers}
        for o in orders:
            if not o.email and o.customer_id in emails:
                o.email = emails[o.customer_id]
        session.add_all([*customers, *products, *orders])
        await session.commit()
    counts = {"customers": len(customers), "products": len(products), "orders": len(orders)}
    log.info("event=seeded store=%s customers=%d products=%d orders=%d", store_dir, *counts.values())
    return counts
