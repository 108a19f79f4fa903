"""The web pages: the demo store at ``/`` (which embeds the widget with one tag), the agent panel
at ``/agent``, the widget script at ``/widget.js`` and the static assets under ``/static``.

The demo store is rendered server-side from the store's ``products.jsonl`` so it works without a
build step; every catalogue value is HTML-escaped.

>>> from fastapi import FastAPI
>>> from bot.settings import Settings
>>> app = FastAPI()
>>> mount_pages(app, Settings(cache_dir="/tmp/sb"))
"""

from __future__ import annotations

import html
import logging
import re
from pathlib import Path
from string import Template
from typing import Any

from fastapi import APIRouter, FastAPI
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.staticfiles import StaticFiles

from bot.settings import Settings
from bot.store.shop import PRODUCTS_FILE, read_jsonl, read_store_config

log = logging.getLogger(__name__)

WEB_DIR = Path(__file__).resolve().parent.parent / "web"
STATIC_DIR = WEB_DIR / "static"
STORE_TEMPLATE = "index.html"
AGENT_PAGE = "agent.html"
WIDGET_JS = "widget.js"
PLACEHOLDER_IMAGE = "/static/products/placeholder.svg"
DEMO_PRODUCTS = 8
NO_CACHE = {"Cache-Control": "no-cache"}
CUSTOMER_ID = re.compile(r"[A-Za-z0-9_.-]{1,64}")


def product_image(row: dict[str, Any]) -> str:
    """A same-origin image for a catalogue row: its own ``/static`` image, the category's
    placeholder (``static/products/<category>.svg``) or the generic placeholder."""
    image = str(row.get("image") or "")
    if image.startswith("/static/") and (STATIC_DIR / image.removeprefix("/static/")).is_file():
        return image
    slug = re.sub(r"[^a-z0-9]+", "-", str(row.get("category") or "").lower()).strip("-")
    if slug and (STATIC_DIR / "products" / f"{slug}.svg").is_file():
        return f"/static/products/{slug}.svg"
    return PLACEHOLDER_IMAGE


def _showcase(rows: list[dict[str, Any]], n: int) -> list[dict[str, Any]]:
    """Up to ``n`` products, one per category first so the shelf looks varied."""
    picked: list[dict[str, Any]] = []
    seen: set[Any] = set()
    for row in rows:
        if row.get("category") not in seen:
            picked.append(row)
            seen.add(row.get("category"))
    picked += [r for r in rows if r not in picked]
    return picked[:n]


def _price(value: Any, currency: str) -> str:
    try:
        amount = f"{float(value):,.2f}"
    except (TypeError, ValueError):
        return ""
    return {"USD": "$", "EUR": "\u20ac", "GBP": "\u00a3", "CNY": "\u00a5"}.get(currency, currency + " ") + amount


def render_store_page(settings: Settings, customer_id: str | None = None) -> str:
    """The demo store's HTML: a few products from the catalogue and the one widget tag.

    ``customer_id`` plays the store's signed-in shopper (``/?customer=C-7``); a real store would
    set ``data-shopbot-customer`` from its own session."""
    esc = html.escape
    config = read_store_config(Path(settings.store_dir))
    path = Path(settings.store_dir) / PRODUCTS_FILE
    rows = read_jsonl(path) if path.is_file() else []
    cards = []
    for row in _showcase(rows, DEMO_PRODUCTS):
        pid = str(row.get("id") or row.get("product_id") or row.get("sku") or "")
        title = str(row.get("title") or row.get("name") or pid)
        currency = str(row.get("currency") or config.get("currency") or "USD")
        cards.append(
            f'<article class="product" id="product-{esc(pid)}" data-product-id="{esc(pid)}">'
            f'<img src="{esc(product_image(row))}" alt="" loading="lazy">'
            f'<div class="info"><span class="cat">{esc(str(row.get("category") or ""))}</span>'
            f"<h3>{esc(title)}</h3>"
            f'<span class="price">{esc(_price(row.get("price"), currency))}</span></div></article>'
        )
    if not cards:
        cards.append('<p class="empty">The catalogue is empty: add products to products.jsonl.</p>')
    template = Template((WEB_DIR / STORE_TEMPLATE).read_text(encoding="utf-8"))
    customer_attr = ""
    if customer_id and CUSTOMER_ID.fullmatch(customer_id):
        customer_attr = f' data-shopbot-customer="{esc(customer_id)}"'
    return template.safe_substitute(store_name=esc(str(config.get("name") or "Demo Store")),
                                    products="\n".join(cards), customer_attr=customer_attr)


def build_router(settings: Settings) -> APIRouter:
    """The page routes (the static files are mounted separately by :func:`mount_pages`)."""
    router = APIRouter()

    @router.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def store_page(customer: str | None = None) -> HTMLResponse:
        return HTMLResponse(render_store_page(settings, customer), headers=NO_CACHE)

    @router.get("/agent", include_in_schema=False)
    async def agent_page() -> FileResponse:
        return FileResponse(WEB_DIR / AGENT_PAGE, media_type="text/html", headers=NO_CACHE)

    @router.get("/widget.js", include_in_schema=False)
    async def widget_script() -> FileResponse:
        return FileResponse(STATIC_DIR / WIDGET_JS, media_type="text/javascript",
                            headers={**NO_CACHE, "Access-Control-Allow-Origin": "*"})

    return router


def mount_pages(app: FastAPI, settings: Settings) -> None:
    """Add the pages and ``/static`` to ``app`` (called by the app factory)."""
    app.include_router(build_router(settings))
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    log.debug("event=pages_mounted static=%s", STATIC_DIR)
