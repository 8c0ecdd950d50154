"""KTTT in Chromium, the way people use it: a new officer logs in, finds a cooperative by an unaccented search,
corrects a year's figures, sees the dashboard change and downloads the report; a visitor reads the public
pages without logging in; every page fits a phone.

One test function on purpose: a live server needs a transactional test, whose teardown empties the database
— including the administrative units and legal rules the migrations load — so a second one would start
from nothing. pytest-django runs transactional tests last, so this one still sees them."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from playwright.sync_api import Page, expect

from kttt.indicators.queries import figures_by_group
from kttt.numbers import number
from kttt.registry.models import Organisation
from tests.browser.conftest import fits_the_screen, load_rows, shoot
from tests.conftest import province_officer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NAME = "Hợp tác xã Nông sản Đình Lập"
PASSWORD = "Mat-khau-2026!"


def org(code: str, name: str, area: str, kind: str = "HTX") -> dict[str, Any]:
    return {"code": code, "name": name, "kind": kind, "sector": "nong-nghiep", "province": "20", "area": area,
            "established": "2010-03-01", "dissolved": ""}  # fmt: skip


def figures(code: str, year: int, members: int) -> dict[str, Any]:
    return {"code": code, "year": year, "members": members, "workers": members + 5, "revenue": 900_000_000}


@pytest.fixture
def records() -> None:
    load_rows(
        organizations=[
            org("DL-01", NAME, "Huyện Đình Lập"),
            org("CL-01", "Hợp tác xã Dịch vụ Cao Lộc", "Huyện Cao Lộc"),
            org("CL-02", "Tổ hợp tác Rau sạch Cao Lộc", "Huyện Cao Lộc", kind="THT"),
        ],
        annual=[figures("DL-01", 2017, 18), figures("DL-01", 2018, 20), figures("CL-01", 2018, 30)],
    )


def htx_members(year: int) -> int | None:
    return figures_by_group(year, "kind", None)[("HTX", "")].members


def log_in(page: Page, base: str, next_path: str) -> None:
    page.goto(base + next_path)
    expect(page).to_have_url(re.compile(r"/dang-nhap/"))
    shoot(page, "login")
    page.get_by_label("Tên đăng nhập").fill("canbo.tinh")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page).to_have_url(re.compile(re.escape(next_path) + "$"))


def test_kttt_in_a_browser(live_server: Any, page: Page, phone: Page, records: None, tmp_path: Path) -> None:
    province_officer("canbo.tinh", password=PASSWORD, first_name="Cán bộ", last_name="Tỉnh")
    public_pages(page, live_server.url)
    officer_path(page, live_server.url, tmp_path)
    for path in PHONE_PAGES:
        fits_a_phone(phone, live_server.url, path)


def officer_path(page: Page, base: str, tmp_path: Path) -> None:
    log_in(page, base, "/to-chuc/")

    # Find the cooperative without typing any diacritics.
    page.get_by_role("searchbox").fill("dinh lap")
    page.get_by_role("searchbox").press("Enter")
    results = page.locator("#results")
    expect(results).to_contain_text(NAME)
    expect(results).not_to_contain_text("Cao Lộc")
    shoot(page, "registry-search")
    results.get_by_role("link", name=NAME).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(NAME)
    shoot(page, "organisation")

    # Correct the 2018 figures: 20 members were in fact 35.
    before = htx_members(2018)
    page.locator('a[href$="/so-lieu/2018/"]').first.click()
    expect(page.locator("#id_members")).to_have_value(re.compile(r"^20$"))
    page.locator("#id_members").fill("35")
    shoot(page, "figures-form")
    page.get_by_role("button", name="Lưu số liệu").click()
    if page.locator("#id_confirm").count():  # warnings shown: the officer confirms having checked them
        page.locator("#id_confirm").check()
        page.get_by_role("button", name="Lưu số liệu").click()
    expect(page.locator(".messages")).to_be_visible()
    organisation = Organisation.objects.get(code="DL-01")
    assert organisation.annual_figures.get(year=2018).members == 35
    after = htx_members(2018)
    assert before is not None and after == before + 15

    # The dashboard shows the corrected total.
    page.goto(f"{base}/tong-quan/?year=2018&baseline=2017&province=20")
    expect(page.locator("main")).to_contain_text(number(after))
    shoot(page, "dashboard")

    # Download the report for 2018 as Word and read it.
    page.goto(f"{base}/bao-cao/")
    page.locator("#id_year").fill("2018")
    page.locator("#id_baseline").fill("2017")
    page.locator("input[name=format][value=docx]").check()
    with page.expect_download() as download:
        page.get_by_role("button", name="Tải về").click()
    path = tmp_path / "report.docx"
    download.value.save_as(path)
    assert download.value.suggested_filename.endswith(".docx")
    text = "\n".join(p.text for p in Document(str(path)).paragraphs)
    assert "2018" in text and "hợp tác xã" in text.lower()


def public_pages(page: Page, base: str) -> None:
    page.goto(base + "/")
    expect(page).to_have_url(re.compile(r"/cong-khai/$"))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    shoot(page, "public-dashboard")
    page.goto(base + "/cong-khai/danh-ba/?q=DINH+LAP")
    expect(page.locator("main table")).to_contain_text(NAME)
    expect(page.locator("main table")).not_to_contain_text("Cao Lộc")
    shoot(page, "public-directory")
    # Nothing private is reachable from there.
    assert page.locator('a[href^="/to-chuc/"]').count() == 0


PHONE_PAGES = ["/cong-khai/", "/cong-khai/danh-ba/", "/dang-nhap/", "/tong-quan/?year=2018&baseline=2017", "/to-chuc/",
               "ORG", "FIGURES", "/bao-cao/", "/ke-hoach/", "/to-chuc/them/", "EDIT",
               "/du-lieu-mo/", "/nhap-du-lieu/", "/mau-nhap-lieu/"]  # fmt: skip


def fits_a_phone(phone: Page, base: str, path: str) -> None:
    pk = Organisation.objects.get(code="DL-01").pk
    path = {"ORG": f"/to-chuc/{pk}/", "FIGURES": f"/to-chuc/{pk}/so-lieu/2018/", "EDIT": f"/to-chuc/{pk}/sua/"}.get(
        path, path
    )
    phone.goto(base + path)
    if "/dang-nhap/" in phone.url and path != "/dang-nhap/":
        log_in(phone, base, path)
    expect(phone.get_by_role("heading", level=1)).to_be_visible()
    name = re.sub(r"[^a-z0-9]+", "-", path.split("?")[0]).strip("-") or "home"
    shoot(phone, f"phone-{name}")
    assert fits_the_screen(phone), f"{path} is wider than a phone"
