"""The page routes (bot.server.pages) without a browser: what is served, escaping, and the widget budget."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from bot.server.pages import STATIC_DIR, mount_pages
from bot.settings import Settings

STORE = Path(__file__).resolve().parent / "store"
WIDGET_TAG = re.compile(r'<script src="/widget\.js" data-shopbot-url=""[^>]*defer></script>')


def client(store_dir: Path, tmp_path: Path) -> TestClient:
    app = FastAPI()
    mount_pages(app, Settings(cache_dir=tmp_path, store_dir=store_dir))
    return TestClient(app)


def test_store_page_shows_products_and_embeds_the_widget_with_one_tag(tmp_path: Path) -> None:
    r = client(STORE, tmp_path).get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "<title>Harbor &amp; Pine</title>" in r.text
    assert r.text.count('class="product"') == 8
    assert "Trailblazer Rain Jacket" in r.text and "$89.00" in r.text
    assert len(WIDGET_TAG.findall(r.text)) == 1


def test_store_page_escapes_catalogue_text_and_the_customer_id(tmp_path: Path) -> None:
    store = tmp_path / "store"
    store.mkdir()
    row = {"id": 'X"1', "title": "<script>alert(1)</script>", "category": "<b>", "price": 1, "currency": "USD"}
    (store / "products.jsonl").write_text(json.dumps(row) + "\n")
    c = client(store, tmp_path)
    page = c.get("/").text
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'data-product-id="X&quot;1"' in page
    assert 'data-shopbot-customer="C-7"' in c.get("/", params={"customer": "C-7"}).text
    assert "data-shopbot-customer" not in c.get("/", params={"customer": '"><script>x</script>'}).text


def test_agent_page_widget_script_and_static_files_are_served(tmp_path: Path) -> None:
    c = client(STORE, tmp_path)
    agent = c.get("/agent")
    assert agent.status_code == 200 and 'id="signin-form"' in agent.text
    js = c.get("/widget.js")
    assert js.status_code == 200 and "javascript" in js.headers["content-type"]
    assert js.headers["access-control-allow-origin"] == "*"  # embeddable from the store's origin
    for path in ("/static/widget.css", "/static/agent.js", "/static/agent.css", "/static/products/placeholder.svg"):
        assert c.get(path).status_code == 200, path


def test_widget_stays_small() -> None:
    size = (STATIC_DIR / "widget.js").stat().st_size + (STATIC_DIR / "widget.css").stat().st_size
    assert size < 50_000, size


@pytest.mark.parametrize("name", ["widget.js", "agent.js", "store.js"])
def test_scripts_never_write_html(name: str) -> None:
    """Data reaches the DOM through textContent only: no HTML sinks anywhere in the scripts."""
    source = (STATIC_DIR / name).read_text(encoding="utf-8")
    sinks = re.findall(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function", source)
    assert sinks == []
