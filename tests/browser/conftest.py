"""Browser tests: Playwright drives Debian's Chromium against a live KTTT server.

Screenshots of every page visited land in var/screenshots/ (desktop and phone) for people to look at."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from playwright.sync_api import Browser, Page, ViewportSize, sync_playwright

from kttt.exchange.importer import import_sheets
from kttt.exchange.reader import sheets_from_rows

# Playwright's sync API runs an event loop in this thread; Django refuses ORM calls there unless told.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("KTTT_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP: ViewportSize = {"width": 1366, "height": 900}
PHONE: ViewportSize = {"width": 390, "height": 844}
SHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=DESKTOP, locale="vi-VN", accept_downloads=True)
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    yield tab
    context.close()


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=PHONE, locale="vi-VN", is_mobile=True, has_touch=True)
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    yield tab
    context.close()


def shoot(page: Page, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def fits_the_screen(page: Page) -> bool:
    """Nothing wider than the viewport: wide tables scroll inside their own box, the page does not."""
    width: Any = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    return int(width) <= 1


def load_rows(**sheets: list[dict[str, Any]]) -> None:
    """Import through the real importer (it raises on any invalid row)."""
    import_sheets(sheets_from_rows(sheets))
