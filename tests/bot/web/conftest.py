"""Browser-test fixtures: the real app under uvicorn in a subprocess (killable, restartable) and
Debian's chromium driven by Playwright's sync API.

The app runs with the rule-based :mod:`fake_dialogue` so the tests are fast and deterministic;
``real_server`` runs the production dialogue on a tiny trained model stack (:mod:`real_stack`).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from web_support import CHROMIUM, LAUNCH_ARGS, AppServer  # noqa: E402


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: the browser tests need Debian's chromium "
                    "(`make browser` or `apt-get install -y chromium`)", pytrace=False)
    return CHROMIUM


@pytest.fixture(scope="module")
def browser(chromium_path: Path) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(chromium_path), args=LAUNCH_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def app_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    server = AppServer(tmp_path_factory.mktemp("web-app"))
    server.start()
    yield server
    server.stop()


@pytest.fixture
def fresh_server(tmp_path: Path) -> Iterator[AppServer]:
    server = AppServer(tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def real_server(tiny_base_model_dir: Path, test_cache: Path,
                tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    """The app with the production dialogue on the tiny store and a tiny trained model stack."""
    from real_stack import STORE, build_stack

    env = build_stack(test_cache, tiny_base_model_dir)
    server = AppServer(tmp_path_factory.mktemp("web-real"), args=["--real", "--store", str(STORE)], env=env)
    server.start(timeout=180)
    yield server
    server.stop()


@pytest.fixture
def new_page(browser: object) -> Iterator[object]:
    """A factory of pages, each in its own context (own storage); closed after the test, which
    fails if a page threw an uncaught script error."""
    contexts = []
    errors: list[str] = []

    def make(locale: str = "en-US", width: int = 1280, height: int = 820, timezone: str | None = None) -> object:
        ctx = browser.new_context(  # type: ignore[attr-defined]
            locale=locale, viewport={"width": width, "height": height}, reduced_motion="reduce", timezone_id=timezone)
        ctx.set_default_timeout(15_000)
        contexts.append(ctx)
        page = ctx.new_page()
        page.dialogs = []  # type: ignore[attr-defined]
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))  # type: ignore[attr-defined]
        return page

    yield make
    for ctx in contexts:
        ctx.close()
    assert errors == [], f"uncaught script errors: {errors}"


