"""Order actions, product facts and customer profiles on the shop tables (``bot.store.shop``).

The dialogue manager depends on the Protocols (``OrderRepository``, ``ProductCatalog``,
``CustomerDirectory``); the SQL classes implement them on an async session factory. Every change
returns an :class:`ActionResult` — ``ok`` or refused with a machine-readable ``reason`` — and the
eligibility rules live in one place (:meth:`SqlOrderRepository.check`) so the bot can refuse before
asking the customer to confirm.

>>> ActionResult(ok=False, action="cancel", order_id="1042", reason=SHIPPED).refused
True
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Literal, Protocol

from sqlalchemy import Table, bindparam, func, select
from sqlalchemy.ext.asyncio import async_sessionmaker

from bot.store.db import transactions
from bot.store.shop import CustomerRow, OrderRow, ProductRow, format_address

log = logging.getLogger(__name__)

# the order reads of a turn, as prebuilt Core statements (an ORM load costs several times the query itself)
_ORDERS: Table = OrderRow.__table__  # type: ignore[assignment]
ORDER_BY_ID = select(*_ORDERS.c).where(_ORDERS.c.id == bindparam("oid"))
ORDER_BY_TRACKING = select(*_ORDERS.c).where(func.upper(_ORDERS.c.tracking_number) == bindparam("tn"))
ORDERS_OF = select(*_ORDERS.c).where(_ORDERS.c.customer_id == bindparam("cid")).order_by(_ORDERS.c.placed_at.desc())

Action = Literal["cancel", "change_address", "return", "exchange"]
PRE_SHIPMENT = frozenset({"pending", "processing", "placed", "confirmed", "paid", "on_hold"})
IN_TRANSIT = frozenset({"shipped", "in_transit", "out_for_delivery"})
AFTER_RETURN = frozenset({"return_requested", "exchange_requested", "returned", "refunded"})
DEFAULT_RETURN_WINDOW_DAYS = 30

# refusal reasons
NOT_FOUND, SHIPPED, CANCELLED, NOT_DELIVERED, OUTSIDE_WINDOW, ALREADY_REQUESTED, INVALID = (
    "not_found",
    "already_shipped",
    "already_cancelled",
    "not_delivered",
    "outside_window",
    "already_requested",
    "invalid",
)


# ----------------------------------------------------------------------------- views
@dataclass(frozen=True)
class OrderItem:
    product_id: str
    title: str
    quantity: int = 1
    price: float = 0.0
    size: str | None = None
    colour: str | None = None


@dataclass(frozen=True)
class OrderView:
    """One order as the dialogue sees it."""

    id: str
    customer_id: str | None
    email: str
    status: str
    placed_at: str
    shipped_at: str | None
    delivered_at: str | None
    eta: str | None
    carrier: str | None
    tracking_number: str | None
    shipping_address: str
    total: float
    currency: str
    items: tuple[OrderItem, ...] = ()
    refund_status: str | None = None
    refund_amount: float | None = None
    requests: tuple[dict[str, Any], ...] = ()

    @property
    def before_shipping(self) -> bool:
        return self.status in PRE_SHIPMENT

    def email_matches(self, email: str) -> bool:
        """Whether ``email`` is the order's (case and surrounding spaces ignored): the customer's proof."""
        return bool(email and self.email and self.email.lower() == email.strip().lower())

    def email_digest_matches(self, digest: str) -> bool:
        """``email_matches`` for an e-mail kept only as its ``email_digest`` (so no address sits in stored state)."""
        return bool(digest and self.email and email_digest(self.email) == digest)


def email_digest(email: str) -> str:
    """SHA-256 of the normalised address: enough to check it against an order later, not to read it back."""
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()


@dataclass(frozen=True)
class ActionResult:
    """Outcome of an order action: ``ok`` or refused with ``reason`` (and details such as the deadline)."""

    ok: bool
    action: str
    order_id: str
    reason: str | None = None
    order: OrderView | None = None
    detail: dict[str, Any] = field(default_factory=dict)

    @property
    def refused(self) -> bool:
        return not self.ok


@dataclass(frozen=True)
class ProductView:
    """A product's own data: the source of follow-up answers about the product in focus."""

    id: str
    title: str
    category: str
    price: float
    currency: str
    image: str = ""
    description: str = ""
    colours: tuple[str, ...] = ()
    sizes: tuple[str, ...] = ()
    in_stock: bool = True
    attributes: dict[str, Any] = field(default_factory=dict)
    variants: tuple[dict[str, Any], ...] = ()


@dataclass(frozen=True)
class CustomerProfile:
    id: str
    name: str
    email: str
    language: str
    orders: tuple[OrderView, ...] = ()
    data: dict[str, Any] = field(default_factory=dict)


# ----------------------------------------------------------------------------- protocols
class OrderRepository(Protocol):
    async def get(self, order_id: str) -> OrderView | None: ...
    async def orders_of(self, customer_id: str) -> list[OrderView]: ...
    async def by_tracking(self, tracking_number: str) -> OrderView | None: ...
    async def check(self, order_id: str, action: Action) -> ActionResult: ...
    async def cancel(self, order_id: str) -> ActionResult: ...
    async def change_address(self, order_id: str, address: str) -> ActionResult: ...
    async def request_return(self, order_id: str, reason: str = "", items: Sequence[str] = ()) -> ActionResult: ...
    async def request_exchange(self, order_id: str, wanted: str = "", items: Sequence[str] = ()) -> ActionResult: ...
    async def refund_status(self, order_id: str) -> ActionResult: ...


class ProductCatalog(Protocol):
    async def products(self, ids: list[str]) -> list[ProductView]: ...
    async def vocabulary(self) -> set[str]:
        """Lower-case words of product titles and categories (to spot a new product in a turn)."""
        ...

    async def named_in(self, text: str) -> list[ProductView]:
        """Products whose full title the text contains, in order of mention."""
        ...


class CustomerDirectory(Protocol):
    async def profile(self, customer_id: str) -> CustomerProfile | None: ...


# ----------------------------------------------------------------------------- row -> view
def _item(raw: dict[str, Any]) -> OrderItem:
    options = raw.get("options")
    opts: dict[str, Any] = options if isinstance(options, dict) else {}
    return OrderItem(
        product_id=str(raw.get("product_id") or raw.get("id") or raw.get("sku") or ""),
        title=str(raw.get("title") or raw.get("name") or ""),
        quantity=int(raw.get("quantity", raw.get("qty", 1)) or 1),
        price=float(raw.get("price") or raw.get("unit_price") or 0.0),
        size=raw.get("size") or opts.get("size"),
        colour=raw.get("colour") or raw.get("color") or opts.get("colour") or opts.get("color"),
    )


def order_view(row: Any) -> OrderView:
    """From an ORM ``OrderRow`` or a Core row of ``shop_orders``."""
    refund = row.refund or {}
    amount = refund.get("amount")
    return OrderView(
        id=row.id,
        customer_id=row.customer_id,
        email=row.email,
        status=row.status,
        placed_at=row.placed_at,
        shipped_at=row.shipped_at,
        delivered_at=row.delivered_at,
        eta=row.eta,
        carrier=row.carrier,
        tracking_number=row.tracking_number,
        shipping_address=row.shipping_address,
        total=row.total,
        currency=row.currency,
        items=tuple(_item(i) for i in row.items or []),
        refund_status=refund.get("status"),
        refund_amount=float(amount) if amount is not None else None,
        requests=tuple(row.requests or []),
    )


def _options(variant: dict[str, Any], *names: str) -> str | None:
    options = variant.get("options")
    opts: dict[str, Any] = options if isinstance(options, dict) else variant
    return next((str(opts[n]) for n in names if opts.get(n)), None)


def _as_list(value: Any) -> list[str]:
    if value in (None, ""):
        return []
    return [str(v) for v in value] if isinstance(value, list) else [s.strip() for s in str(value).split(",")]


def product_view(row: ProductRow) -> ProductView:
    d = row.data or {}
    variants = tuple(v for v in d.get("variants") or [] if isinstance(v, dict))
    attrs = dict(d.get("attributes") or {})
    if d.get("brand"):
        attrs.setdefault("brand", d["brand"])  # "who makes it?" is answered from the product's own data
    colours = _as_list(
        d.get("colours")
        or d.get("colors")
        or d.get("colour")
        or d.get("color")
        or attrs.get("colours")
        or attrs.get("colors")
        or attrs.get("colour")
        or attrs.get("color")
    )
    sizes = _as_list(d.get("sizes") or d.get("size") or attrs.get("sizes") or attrs.get("size"))
    colours += [c for v in variants if (c := _options(v, "colour", "color")) and c not in colours]
    sizes += [s for v in variants if (s := _options(v, "size")) and s not in sizes]
    if variants:
        in_stock = any(
            v.get("in_stock", v.get("available", (v.get("stock") or 0) > 0 if "stock" in v else True))
            for v in variants
        )
    else:
        stock = d.get("stock")
        in_stock = bool(d.get("in_stock", True if stock is None else float(stock) > 0))
    image = d.get("image") or (d.get("images") or [""])[0]
    return ProductView(
        id=row.id,
        title=row.title,
        category=row.category,
        price=row.price,
        currency=row.currency,
        image=str(image or ""),
        description=str(d.get("description") or ""),
        colours=tuple(dict.fromkeys(colours)),
        sizes=tuple(dict.fromkeys(sizes)),
        in_stock=in_stock,
        attributes=attrs,
        variants=variants,
    )


# ----------------------------------------------------------------------------- SQL implementation
class SqlOrderRepository:
    """Orders on the shop tables. ``today`` defaults to store.json's ``demo_today``, else the real date."""

    def __init__(
        self,
        session_factory: async_sessionmaker,
        *,
        return_window_days: int = DEFAULT_RETURN_WINDOW_DAYS,
        today: Callable[[], date] | None = None,
    ) -> None:
        self.session_factory = session_factory
        self.tx = transactions(session_factory.kw["bind"])  # reads on every order turn: Core, one function
        self.return_window_days = return_window_days
        self.today = today or date.today

    @classmethod
    def from_store_config(
        cls, session_factory: async_sessionmaker, config: dict[str, Any]
    ) -> SqlOrderRepository:
        demo_today = config.get("demo_today")
        fixed = date.fromisoformat(str(demo_today)[:10]) if demo_today else None
        return cls(
            session_factory,
            return_window_days=int(config.get("return_window_days", DEFAULT_RETURN_WINDOW_DAYS)),
            today=(lambda: fixed) if fixed else None,
        )  # type: ignore[return-value]

    # ---- reads
    async def get(self, order_id: str) -> OrderView | None:
        params = {"oid": normalise_order_id(order_id)}
        return await self.tx.read(lambda c: (row := c.execute(ORDER_BY_ID, params).first()) and order_view(row))

    async def by_tracking(self, tracking_number: str) -> OrderView | None:
        """The order a carrier's tracking number belongs to (case-insensitive), if any."""
        params = {"tn": tracking_number.strip().upper()}
        return await self.tx.read(lambda c: (row := c.execute(ORDER_BY_TRACKING, params).first()) and order_view(row))

    async def orders_of(self, customer_id: str) -> list[OrderView]:
        return await self.tx.read(lambda c: [order_view(r) for r in c.execute(ORDERS_OF, {"cid": customer_id})])

    async def refund_status(self, order_id: str) -> ActionResult:
        order = await self.get(order_id)
        if order is None:
            return ActionResult(False, "refund_status", order_id, NOT_FOUND)
        return ActionResult(True, "refund_status", order.id, order=order)

    # ---- rules
    def _eligibility(self, order: OrderView, action: Action) -> tuple[str | None, dict[str, Any]]:
        if order.status in ("cancelled", "canceled"):
            return CANCELLED, {}
        if action in ("cancel", "change_address"):
            return (None, {}) if order.before_shipping else (SHIPPED, {"status": order.status})
        if order.status in AFTER_RETURN or any(
            r.get("type") in ("return", "exchange") for r in order.requests
        ):
            return ALREADY_REQUESTED, {}
        if order.status != "delivered":
            return NOT_DELIVERED, {"status": order.status}
        delivered = date.fromisoformat(order.delivered_at or order.eta or order.placed_at)
        deadline = delivered + timedelta(days=self.return_window_days)
        detail = {"deadline": deadline.isoformat(), "window_days": self.return_window_days}
        if self.today() > deadline:
            return OUTSIDE_WINDOW, detail
        return None, detail

    async def check(self, order_id: str, action: Action) -> ActionResult:
        """Whether ``action`` is allowed on the order now, without changing anything."""
        order = await self.get(order_id)
        if order is None:
            return ActionResult(False, action, order_id, NOT_FOUND)
        reason, detail = self._eligibility(order, action)
        return ActionResult(reason is None, action, order.id, reason, order, detail)

    async def _apply(self, order_id: str, action: Action, change: Callable[[OrderRow], None]) -> ActionResult:
        async with self.tx.writing(), self.session_factory() as session, session.begin():
            row = await session.get(OrderRow, normalise_order_id(order_id), with_for_update=True)
            if row is None:
                return ActionResult(False, action, order_id, NOT_FOUND)
            reason, detail = self._eligibility(order_view(row), action)
            if reason is None:
                change(row)
                row.version = (row.version or 1) + 1
            result = ActionResult(reason is None, action, row.id, reason, order_view(row), detail)
        log.info("event=order_action action=%s order=%s ok=%s reason=%s", action, order_id, result.ok, reason)
        return result

    async def cancel(self, order_id: str) -> ActionResult:
        def change(row: OrderRow) -> None:
            row.status = "cancelled"
            row.refund = {
                "status": "processing",
                "amount": row.total,
                "requested_at": self.today().isoformat(),
            }

        return await self._apply(order_id, "cancel", change)

    async def change_address(self, order_id: str, address: str) -> ActionResult:
        if not address.strip():
            return ActionResult(False, "change_address", order_id, INVALID)

        def change(row: OrderRow) -> None:
            row.shipping_address = format_address(address.strip())

        return await self._apply(order_id, "change_address", change)

    async def _request(self, order_id: str, action: Action, note: dict[str, Any]) -> ActionResult:
        def change(row: OrderRow) -> None:
            row.requests = [*(row.requests or []), {"type": action, "at": self.today().isoformat(), **note}]
            row.status = "return_requested" if action == "return" else "exchange_requested"

        return await self._apply(order_id, action, change)

    async def request_return(self, order_id: str, reason: str = "", items: Sequence[str] = ()) -> ActionResult:
        """``items``: the product ids returned (none: the whole order)."""
        return await self._request(order_id, "return", {"reason": reason, **({"items": list(items)} if items else {})})

    async def request_exchange(self, order_id: str, wanted: str = "", items: Sequence[str] = ()) -> ActionResult:
        return await self._request(order_id, "exchange", {"wanted": wanted, **({"items": list(items)} if items else {})})


class SqlCatalog:
    """Product facts by id, in the order asked."""

    def __init__(self, session_factory: async_sessionmaker) -> None:
        self.session_factory = session_factory
        self._vocabulary: set[str] | None = None
        self._titles: list[tuple[str, str]] | None = None

    async def named_in(self, text: str) -> list[ProductView]:
        if self._titles is None:
            async with self.session_factory() as session:
                rows = (await session.execute(select(ProductRow.id, ProductRow.title))).all()
            self._titles = sorted(((t.lower(), i) for i, t in rows if t), key=lambda r: -len(r[0]))
        low, found = text.lower(), []
        for title, pid in self._titles:  # longest first, so "Trail Shoe GTX" wins over "Trail Shoe"
            at = low.find(title)
            if at >= 0:
                found.append((at, pid))
                low = low[:at] + " " * len(title) + low[at + len(title) :]
        return await self.products([pid for _, pid in sorted(found)])

    async def vocabulary(self) -> set[str]:
        if self._vocabulary is None:
            async with self.session_factory() as session:
                rows = (await session.execute(select(ProductRow.title, ProductRow.category))).all()
            self._vocabulary = {w.lower() for t, c in rows for w in re.findall(r"[^\W\d_]{3,}", f"{t} {c}")}
        return self._vocabulary

    async def products(self, ids: list[str]) -> list[ProductView]:
        if not ids:
            return []
        async with self.session_factory() as session:
            rows = (await session.execute(select(ProductRow).where(ProductRow.id.in_(ids)))).scalars().all()
        by_id = {r.id: product_view(r) for r in rows}
        return [by_id[i] for i in ids if i in by_id]

    async def all(self) -> list[ProductView]:
        async with self.session_factory() as session:
            rows = (await session.execute(select(ProductRow).order_by(ProductRow.id))).scalars().all()
        return [product_view(r) for r in rows]


class SqlCustomerDirectory:
    """The agent panel's customer card: profile plus orders, newest first."""

    def __init__(self, session_factory: async_sessionmaker, orders: SqlOrderRepository) -> None:
        self.session_factory = session_factory
        self.orders = orders

    async def profile(self, customer_id: str) -> CustomerProfile | None:
        async with self.session_factory() as session:
            row = await session.get(CustomerRow, customer_id)
        if row is None:
            return None
        return CustomerProfile(
            id=row.id,
            name=row.name,
            email=row.email,
            language=row.language,
            orders=tuple(await self.orders.orders_of(customer_id)),
            data=row.data or {},
        )

    async def by_email(self, email: str) -> CustomerProfile | None:
        async with self.session_factory() as session:
            row = (
                (await session.execute(select(CustomerRow).where(CustomerRow.email == email.strip().lower())))
                .scalars()
                .first()
            )
        return await self.profile(row.id) if row else None


def normalise_order_id(order_id: str) -> str:
    return str(order_id).strip().lstrip("#").strip()


__all__ = [
    "ActionResult",
    "CustomerDirectory",
    "CustomerProfile",
    "OrderItem",
    "OrderRepository",
    "OrderView",
    "ProductCatalog",
    "ProductView",
    "SqlCatalog",
    "SqlCustomerDirectory",
    "SqlOrderRepository",
]
