"""The dashboard pages (/tong-quan/ for officers, /cong-khai/ for everyone): the figures shown are those
kttt.indicators.queries computes for the same data; the per-year aggregates of kttt.indicators.trends agree
with figures_by_group; bad parameters give a message; htmx gets fragments; query counts stay fixed."""

from __future__ import annotations

import datetime as dt
import html
import random
import re
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from pytest_django import DjangoAssertNumQueries

from kttt.areas.models import AdminUnit, Level
from kttt.indicators.figures import Figures
from kttt.indicators.queries import Scope, active_q, figures_by_group, snapshot, year_end
from kttt.indicators.tables import count_text, signed_text
from kttt.plans.models import Measure, Plan, TargetKind
from kttt.plans.progress import Status, plan_progress
from kttt.registry.models import Organisation
from kttt.web.templatetags.kttt import num, signed, times, vnd, vnd_in
from tests.conftest import Loader, lang_son, province_officer

D = dt.date


def org(code: str, established: str, **extra: str) -> dict[str, str]:
    return {"code": code, "established": established, **extra}


def report(code: str, year: int, **figures: int | str) -> dict[str, Any]:
    return {"code": code, "year": str(year), **{k: str(v) for k, v in figures.items()}}


ORGS = [
    org("H1", "2001-03-01", area="Huyện Hữu Lũng"),
    org("H2", "2010-01-01", area="Tân Thành, Hữu Lũng", sector="van-tai"),
    org("H3", "2015-06-01", area="Huyện Cao Lộc", sector="xay-dung"),
    org("H4", "2002-01-01", area="Huyện Cao Lộc", dissolved="2016-05-01"),
    org("H5", "2017-01-01", area="6628"),  # a commune of Đình Lập
    org("H6", "2018-02-01", area="Huyện Lộc Bình"),
    org("H7", "2002-06-01", area="Huyện Lộc Bình"),
    org("H8", "2012-06-01", area="Huyện Lộc Bình"),
    org("Q1", "2000-01-01", kind="QTDND", sector="tin-dung", area="Huyện Lộc Bình"),
    org("T1", "2003-01-01", kind="THT", area="Huyện Hữu Lũng"),
    org("T2", "2012-01-01", kind="THT", area="Huyện Cao Lộc"),
    org("L1", "2016-01-01", kind="LHHTX", area="Huyện Cao Lộc"),
    org("HN", "2005-01-01", province="1"),  # another province: never on Lạng Sơn's pages
]
MONEY = {"charter_capital": 2_000_000_000, "revenue": 900_000_000, "avg_income": 50_000_000}
ANNUAL = [
    report("H1", 2003, members=40, workers=10, charter_capital=300_000_000, revenue=200_000_000, avg_income=9_000_000),
    report("H4", 2003, members=60, workers=20, charter_capital=100_000_000, revenue=100_000_000, avg_income=11_000_000),
    report("H7", 2003, members=15, workers=4),
    report("Q1", 2003, members=500, workers=5, revenue=50_000_000),
    report("T1", 2003, members=12),
    *(report(c, 2017, members=20 + i, workers=5 + i, **MONEY) for i, c in enumerate(["H1", "H2", "H3", "H5", "Q1"])),
    report(
        "H1", 2018, members=50, workers=12, charter_capital=3_000_000_000, revenue=1_200_000_000, avg_income=60_000_000
    ),
    report("H2", 2018, members=30, workers=8, charter_capital=500_000_000, revenue=300_000_000, avg_income=40_000_000),
    report("H3", 2018, members=25, workers=30, charter_capital=800_000_000, revenue=700_000_000),
    report("H6", 2018, members=9, workers=3),
    report("H8", 2018, members=7, workers=2),
    report("Q1", 2018, members=700, workers=6, charter_capital=4_000_000_000, revenue=90_000_000),
    report("T1", 2018, members=14, workers=2),
    report("HN", 2018, members=999, workers=99),
]


@pytest.fixture
def officer(client: Client, django_user_model: type[User]) -> Client:
    client.force_login(province_officer("officer", password="x-Strong-pass-1"))
    return client


@pytest.fixture
def sample(load: Loader) -> None:
    load(organizations=ORGS, annual=ANNUAL)


def page(client: Client, query: str = "", path: str = "/tong-quan/", **headers: str) -> str:
    response = client.get(f"{path}?{query}", headers=headers)
    assert response.status_code == 200
    return response.content.decode()


def text(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def kpi(body: str, key: str) -> str:
    """A key figure's card without its title: "7 kể cả … so với 2017: +1 (×1,17) so với 2003: …"."""
    match = re.search(rf'<article class="kpi" id="kpi-{key}">\s*<h3>.*?</h3>(.*?)</article>', body, re.S)
    assert match, key
    return text(match.group(1))


def table(body: str, table_id: str) -> list[list[str]]:
    """The rows of a table's body (and foot), each as its cells' text."""
    match = re.search(rf'<table id="{table_id}">(.*?)</table>', body, re.S)
    assert match, table_id
    rows = re.findall(r"<tr>(.*?)</tr>", match.group(1).split("</thead>")[-1], re.S)
    return [[text(cell) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)] for row in rows]


def headers(body: str, table_id: str) -> str:
    match = re.search(rf'<table id="{table_id}">.*?<thead>(.*?)</thead>', body, re.S)
    assert match
    return match.group(1)


# --- Access ---------------------------------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_from_the_dashboard_to_the_login(client: Client, db: None) -> None:
    response = client.get("/tong-quan/?year=2018")
    assert response.status_code == 302
    assert response["Location"].startswith("/dang-nhap/?next=")


def test_anonymous_visitors_see_the_public_dashboard_without_links_into_the_registry(
    client: Client, sample: None
) -> None:
    body = page(client, "year=2018&baseline=2003", "/cong-khai/")
    assert "Số liệu công khai: Tỉnh Lạng Sơn" in body
    htx = snapshot(2018, 2003, province=lang_son()).kind("HTX").total
    assert num(htx.year.active) in kpi(body, "htx")
    assert 'href="/to-chuc/' not in body and 'href="/ke-hoach/' not in body
    assert "H1" not in text(body)  # no organisation is named


# --- Figures --------------------------------------------------------------------------------------------------


def test_key_figures_are_those_of_the_snapshot_with_their_changes(officer: Client, sample: None) -> None:
    body = page(officer, "year=2018&baseline=2003")
    now = snapshot(2018, 2003, province=lang_son())
    before = snapshot(2018, 2017, province=lang_son())
    for key, kind in (("tht", "THT"), ("htx", "HTX"), ("lhhtx", "LHHTX")):
        row, previous = now.kind(kind).total, before.kind(kind).total
        assert row.change is not None and previous.change is not None
        shown = kpi(body, key)
        assert shown.startswith(f"{num(row.year.active)} ")
        assert f"so với 2017: {signed(previous.change['active'].difference)}" in shown
        assert f"so với 2003: {signed(row.change['active'].difference)}" in shown
    htx, previous = now.kind("HTX").total, before.kind("HTX").total
    assert htx.change is not None and previous.change is not None
    assert htx.year.active == 8  # H1–H3, H5–H8 and the credit fund; not H4 (dissolved), not HN
    assert kpi(body, "members").startswith(f"{num(htx.year.members)} người")
    assert f"so với 2003: {signed(htx.change['members'].difference)} ({times(htx.change['members'].ratio)})" in (
        kpi(body, "members")
    )
    assert kpi(body, "capital").startswith(vnd(htx.year.charter_capital))
    assert kpi(body, "revenue").startswith(vnd(htx.year.avg_revenue))
    assert kpi(body, "income").startswith(f"{vnd(htx.year.avg_income)}/người/năm")
    assert f"({times(previous.change['avg_income'].ratio)})" in kpi(body, "income")


def test_the_trend_tables_hold_figures_by_group_of_every_year(officer: Client, sample: None) -> None:
    body = page(officer, "year=2018&baseline=2003")
    scope = Scope(lang_son())
    counts, people = table(body, "chart-counts"), table(body, "chart-people")
    assert [row[0] for row in counts] == [str(y) for y in range(2003, 2019)]
    for (year, tht, htx), (_, members, workers) in zip(counts, people, strict=True):
        totals = figures_by_group(int(year), "kind", scope)
        assert (tht, htx) == (num(totals[("THT", "")].active), num(totals[("HTX", "")].active))
        assert (members, workers) == (num(totals[("HTX", "")].members), num(totals[("HTX", "")].workers))
    money = dict((row[0], row[1:]) for row in table(body, "chart-money"))
    capital = figures_by_group(2018, "kind", scope)[("HTX", "")].charter_capital
    assert capital is not None and money["2018"][0] == num(capital / 1e9, 1)
    assert money["2010"] == ["–", "–"]  # nobody reported that year


def test_the_table_by_area_holds_figures_by_group_of_the_districts(officer: Client, sample: None) -> None:
    body = page(officer, "year=2018&baseline=2003")
    groups = figures_by_group(2018, "area", Scope(lang_son()))
    names = {str(u.pk): u.name for u in AdminUnit.objects.filter(pk__in=[int(g) for _, g in groups if g])}
    rows = {row[0]: row[1:] for row in table(body, "by-area")}
    for (kind, key), figures in groups.items():
        cells = rows[names[key]]
        if kind == "HTX":
            assert cells[1] == num(figures.active)
            assert cells[3:8] == [
                num(figures.members),
                num(figures.workers),
                vnd_in(figures.charter_capital, "tỷ"),
                vnd_in(figures.revenue, "tỷ"),
                num(figures.missing),
            ]
        if kind == "THT":
            assert cells[0] == num(figures.active)
    total = snapshot(2018, province=lang_son()).kind("HTX").total.year
    assert rows["Tổng số"][1] == num(total.active) and rows["Tổng số"][3] == num(total.members)
    # All the districts of the province are not listed, only those with organisations.
    assert "Huyện Bình Gia" not in rows


def test_the_areas_that_grew_most_are_ranked_by_the_change_in_cooperatives(officer: Client, sample: None) -> None:
    body = page(officer, "year=2018&baseline=2003")
    scope = Scope(lang_son())
    now, then = figures_by_group(2018, "former-district", scope), figures_by_group(2003, "former-district", scope)
    keys = {g for _, g in (*now, *then)}
    change = {g: now.get(("HTX", g), Figures()).active - then.get(("HTX", g), Figures()).active for g in keys}
    names = {str(u.pk): u.name for u in AdminUnit.objects.filter(pk__in=[int(g) for g in keys])}
    shown = [(row[1], row[4]) for row in table(body, "growth")]
    assert dict(shown) == {names[g]: signed(change[g]) for g in keys}
    differences = [int(diff.replace("−", "-")) for _, diff in shown]
    assert differences == sorted(differences, reverse=True)
    # H6 and H8 joined H7 and the credit fund in Lộc Bình; Hữu Lũng and Đình Lập gained one, Cao Lộc none.
    assert shown[0] == ("Huyện Lộc Bình", "+2")
    assert "Địa bàn phát triển nhanh nhất, 2003–2018" in body
    assert "Chọn năm so sánh" in page(officer, "year=2018&baseline=")


def test_reporting_completeness_counts_the_active_organisations_without_figures(officer: Client, sample: None) -> None:
    body = text(page(officer, "year=2018"))
    snap = snapshot(2018, province=lang_son())
    for kind, short in (("THT", "THT"), ("HTX", "HTX"), ("LHHTX", "LH HTX")):
        total = snap.kind(kind).total.year
        assert f"{num(total.missing)} {short} chưa báo cáo năm 2018" in body
    assert snap.kind("HTX").total.year.missing == 2  # H5 and H7
    missing = {row[0]: row[1:] for row in table(page(officer, "year=2018"), "missing")}
    assert set(missing) == {"Huyện Đình Lập", "Huyện Lộc Bình", "Huyện Cao Lộc"}  # H5; H7; T2 and L1
    assert missing["Huyện Lộc Bình"][1] == "1 / 4"  # HTX not reported / active


def test_officers_can_open_the_list_of_those_that_have_not_reported(officer: Client, sample: None) -> None:
    body = page(officer, "year=2018")
    links = [html.unescape(href) for href in re.findall(r'href="(/to-chuc/\?[^"]*reported=no[^"]*)"', body)]
    htx = next(link for link in links if "kind=HTX%2BQTDND" in link)  # HTX as counted: with credit funds
    listed = officer.get(htx).context["page"].object_list
    active = Organisation.objects.filter(active_q(year_end(2018)), Scope(lang_son()).q(), kind__in=["HTX", "QTDND"])
    expected = {o.code for o in active if not o.annual_figures.filter(year=2018).exists()}
    assert {o.code for o in listed} == expected and len(expected) == snapshot(2018, province=lang_son()).kind(
        "HTX"
    ).total.year.missing
    assert "reported=no" not in page(officer, "year=2018", path="/cong-khai/")  # the public page links nowhere


def test_the_dashboard_of_a_district_shows_its_communes(officer: Client, sample: None) -> None:
    district = AdminUnit.objects.get(level=Level.DISTRICT, name="Huyện Hữu Lũng", scheme="before-2025")
    body = page(officer, f"year=2018&baseline=2003&area={district.pk}")
    htx = snapshot(2018, 2003, province=lang_son(), area=district).kind("HTX").total
    assert htx.year.active == 2
    assert kpi(body, "htx").startswith("2 ")
    rows = {row[0]: row for row in table(body, "by-area")}
    assert set(rows) == {"Xã Tân Thành", "Huyện Hữu Lũng (chưa ghi xã)", "Tổng số"}


def test_after_the_reform_areas_are_the_new_communes(officer: Client, load: Loader) -> None:
    load(
        organizations=[org("OLD", "2010-01-01", area="Huyện Cao Lộc"), org("NEW", "2025-09-01", area="Phường Kỳ Lừa")],
        annual=[report("NEW", 2025, members=11), report("OLD", 2024, members=5)],
    )
    body = page(officer, "")
    assert "Số liệu tại ngày 31/12/2025" in body  # the latest year with figures
    assert "Xã, phường" in body
    commune = AdminUnit.objects.get(level=Level.COMMUNE, name="Phường Kỳ Lừa", scheme="2025")
    assert f'<option value="{commune.pk}">Phường Kỳ Lừa</option>' in body
    body = page(officer, f"year=2025&area={commune.pk}")
    htx = snapshot(2025, province=lang_son(D(2025, 12, 31)), area=commune).kind("HTX").total.year
    assert kpi(body, "members").startswith(f"{num(htx.members)} người") and htx.members == 11


def test_default_year_is_the_latest_with_figures_and_baseline_2003(officer: Client, sample: None) -> None:
    body = page(officer)
    assert "Số liệu tại ngày 31/12/2018; so sánh với năm 2003" in body
    assert page(officer, "baseline=").count("so sánh với năm") == 0


def test_the_baseline_defaults_to_the_first_year_with_figures_after_2003(officer: Client, load: Loader) -> None:
    load(organizations=[org("A", "2001-01-01")], annual=[report("A", 2010, members=1), report("A", 2015, members=2)])
    assert "Số liệu tại ngày 31/12/2015; so sánh với năm 2010" in page(officer)


# --- Parameters -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("year=abc", "Không có số liệu năm “abc”; đang hiển thị năm 2018."),
        ("year=1850", "Không có số liệu năm “1850”"),
        ("year=2018&baseline=2018", "Năm so sánh (2018) phải trước năm xem số liệu (2018)."),
        ("year=2010&baseline=2017", "Năm so sánh (2017) phải trước năm xem số liệu (2010)."),
        ("baseline=19x", "Không có số liệu của năm so sánh “19x”."),
        ("area=99999999", "Không có huyện “99999999” thuộc Tỉnh Lạng Sơn năm 2018; đang hiển thị toàn tỉnh."),
        ("area=abc", "Không có huyện “abc”"),
        ("province=999", "Không có tỉnh, thành phố mã “999”; đang hiển thị tỉnh mặc định."),
        ("sort=bogus", "Không sắp xếp được bảng theo “bogus”"),
        ("sort_sector=-x", "Không sắp xếp được bảng theo “-x”"),
    ],
)
def test_bad_parameters_give_a_message_and_a_page(officer: Client, sample: None, query: str, message: str) -> None:
    body = page(officer, query)
    assert message in html.unescape(body)
    assert 'id="kpi-htx"' in body


def test_a_commune_of_2025_asked_about_2018_is_refused(officer: Client, sample: None) -> None:
    commune = AdminUnit.objects.get(level=Level.COMMUNE, name="Phường Kỳ Lừa", scheme="2025")
    body = html.unescape(page(officer, f"year=2018&area={commune.pk}"))
    assert f"Không có huyện “{commune.pk}” thuộc Tỉnh Lạng Sơn năm 2018" in body


# --- Sorting, htmx ----------------------------------------------------------------------------------------------


def test_the_table_by_area_sorts_by_any_column(officer: Client, sample: None) -> None:
    body = page(officer, "year=2018&sort=-htx")
    rows = table(body, "by-area")[:-1]
    htx = [int(row[2]) for row in rows]
    assert htx == sorted(htx, reverse=True) and len(set(htx)) > 1
    head = headers(body, "by-area")
    assert re.search(r'<th scope="col" class="num" aria-sort="descending"><a class="sort" id="by-area-htx"', head)
    assert "sort=htx" in re.search(r'id="by-area-htx" href="([^"]+)"', head).group(1)  # type: ignore[union-attr]
    names = [row[0] for row in table(page(officer, "year=2018&sort=-name"), "by-area")[:-1]]
    assert names == ["Huyện Lộc Bình", "Huyện Hữu Lũng", "Huyện Đình Lập", "Huyện Cao Lộc"]
    members = [row[4] for row in table(page(officer, "year=2018&sort=members"), "by-area")[:-1]]
    assert [int(m.replace(".", "")) for m in members if m != "–"] == sorted(
        int(m.replace(".", "")) for m in members if m != "–"
    )
    assert members[-1] == "–"  # Đình Lập: nothing reported, last whichever the order


def test_the_table_by_sector_sorts_on_its_own(officer: Client, sample: None) -> None:
    body = page(officer, "year=2018&sort=-htx&sort_sector=-members")
    sectors = [row[0] for row in table(body, "by-sector")[:-1]]
    assert sectors[0] == "Quỹ tín dụng"  # 700 members
    assert 'name="sort" value="-htx"' in body and 'name="sort_sector" value="-members"' in body


def test_htmx_gets_the_body_only(officer: Client, sample: None) -> None:
    response = officer.get("/tong-quan/?year=2018&sort=-htx", headers={"HX-Request": "true"})
    body = response.content.decode()
    assert "<html" not in body and "<header" not in body
    assert body.lstrip().startswith('<div class="page-head">')
    assert 'id="kpi-htx"' in body and 'id="by-area"' in body
    assert "HX-Request" in response["Vary"]
    restore = officer.get("/tong-quan/", headers={"HX-Request": "true", "HX-History-Restore-Request": "true"})
    assert "<html" in restore.content.decode()
    assert "<html" in page(officer, "year=2018")


def test_the_filters_work_with_and_without_javascript(officer: Client, sample: None) -> None:
    body = page(officer, "year=2018")
    form = re.search(r'<form class="filters"(.*?)</form>', body, re.S)
    assert form
    assert 'method="get"' in form.group(1) and 'hx-get="/tong-quan/"' in form.group(1)
    assert 'hx-target="#dashboard-body"' in form.group(1) and 'hx-push-url="true"' in form.group(1)
    assert '<button type="submit"' in form.group(1)
    for name in ("province", "year", "baseline", "area"):
        assert f'<label for="f-{name}">' in form.group(1) and f'id="f-{name}" name="{name}"' in form.group(1)


# --- Plan targets ---------------------------------------------------------------------------------------------


def make_plan(province: AdminUnit, start: int = 2016, end: int = 2020, name: str = "Kế hoạch phát triển HTX") -> Plan:
    plan = Plan.objects.create(name=name, province=province, start_year=start, end_year=end)
    plan.targets.create(label="Có 10 HTX", measure=Measure.HTX_ACTIVE, value=Decimal(10), kind=TargetKind.LEVEL)
    plan.targets.create(label="Thành lập 4 HTX", measure=Measure.NEW_HTX, value=Decimal(4), kind=TargetKind.CUMULATIVE)
    return plan


def test_plan_targets_show_actual_against_goal_with_a_link_for_officers(officer: Client, sample: None) -> None:
    plan = make_plan(lang_son())
    body = page(officer, "year=2018&part=targets")
    assert f'href="/ke-hoach/{plan.pk}/"' in body
    rows = {row[0]: row for row in table_rows_of_targets(body)}
    for progress in plan_progress(plan, 2018).targets:
        assert progress.actual is not None
        assert rows[progress.target.label][1:3] == [num(progress.actual), f"≥ {num(float(progress.target.value))}"]
        assert Status(progress.status).label in rows[progress.target.label][4]
    assert rows["Có 10 HTX"][1] == "8"
    public = page(Client(), "year=2018&part=targets", "/cong-khai/")
    assert "Kế hoạch phát triển HTX" in public and "/ke-hoach/" not in public


def table_rows_of_targets(body: str) -> list[list[str]]:
    match = re.search(r"<tbody>(.*?)</tbody>", body, re.S)
    assert match
    rows = re.findall(r"<tr>(.*?)</tr>", match.group(1), re.S)
    return [[text(c) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r, re.S)] for r in rows]


def test_plans_are_loaded_after_the_page_and_said_missing_briefly(officer: Client, sample: None) -> None:
    body = page(officer, "year=2018")
    assert 'hx-trigger="load"' in body and "part=targets" in body
    fragment = page(officer, "year=2018&part=targets", HX_Request="true")
    assert "<html" not in fragment
    assert "Tỉnh chưa có kế hoạch nào đang thực hiện trong năm 2018." in fragment
    make_plan(lang_son(), 2019, 2030, "Kế hoạch sau")
    make_plan(lang_son(), 2011, 2015, "Kế hoạch trước")
    make_plan(AdminUnit.objects.provinces().get(code="1", scheme="before-2025"), 2016, 2020, "Kế hoạch Hà Nội")
    assert "chưa có kế hoạch" in page(officer, "year=2018&part=targets")  # none in force in 2018 in Lạng Sơn
    make_plan(lang_son(D(2025, 12, 31)), 2016, 2020)  # the province of 2025 is the same province
    assert "chưa có kế hoạch" not in page(officer, "year=2018&part=targets")
    assert "<html" in page(officer, "year=2018&part=targets")  # without JavaScript: a page of its own


# --- Queries --------------------------------------------------------------------------------------------------


def many(load: Loader, prefix: str, n: int) -> None:
    areas = ["Tân Thành, Hữu Lũng", "6628", "Huyện Cao Lộc", "Huyện Lộc Bình", ""]
    load(
        organizations=[
            org(f"{prefix}{i}", f"{2001 + i % 18}-01-01", area=areas[i % 5], kind=["HTX", "THT", "QTDND"][i % 3])
            for i in range(n)
        ],
        annual=[
            report(f"{prefix}{i}", year, members=5 + i, workers=i, revenue=1000 * i)
            for i in range(n)
            for year in (2003, 2010, 2017, 2018)
            if 2001 + i % 18 <= year
        ],
    )


QUERIES = "year=2018&baseline=2003&sort=-members"


def test_the_number_of_queries_does_not_grow_with_organisations_or_years(
    officer: Client, load: Loader, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    many(load, "S", 6)
    district = AdminUnit.objects.get(name="Huyện Hữu Lũng", scheme="before-2025")
    pages = [
        ("/tong-quan/", "year=2018&baseline=2003&sort=-members"),
        ("/tong-quan/", "year=2018&baseline=2003&area=" + str(district.pk)),
        ("/tong-quan/", ""),
        ("/cong-khai/", "year=2010&baseline=2003"),
    ]
    few = []
    for path, query in pages:
        with CaptureQueriesContext(connection) as captured:
            page(officer, query, path)
        few.append(len(captured))
    # Session, user and the user's scope (for the menu), the data stamp, three for the parameters, six aggregates,
    # the reports' timeliness, names of the communes of a district.
    assert max(few) <= 15
    many(load, "L", 80)
    for (path, query), count in zip(pages, few, strict=True):
        with django_assert_max_num_queries(count):
            page(officer, query, path)


def test_the_plan_targets_take_a_fixed_number_of_queries(
    officer: Client, load: Loader, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    many(load, "S", 6)
    make_plan(lang_son())
    with CaptureQueriesContext(connection) as few:
        page(officer, "year=2018&part=targets")
    many(load, "L", 80)
    with django_assert_max_num_queries(len(few)):
        page(officer, "year=2018&part=targets")


# --- Formatting, language -------------------------------------------------------------------------------------


def test_the_fast_number_texts_are_those_of_the_filters() -> None:
    rng = random.Random(7)
    for value in [0, 1, -1, 999, 1000, -1234, 1_810, 10**12, *(rng.randrange(-(10**10), 10**10) for _ in range(500))]:
        assert count_text(value) == num(value)
        assert signed_text(value) == signed(value)
    assert count_text(None) == num(None) and signed_text(None) == signed(None)
    assert count_text(3.25, 1) == num(3.25, 1)


def test_the_dashboard_speaks_vietnamese(officer: Client, sample: None) -> None:
    body = text(page(officer, "year=2018&baseline=2003"))
    for english in ("Key figures", "Trends", "Cooperatives", "Comparison year", "billion VND", "Which areas"):
        assert english not in body
    for vietnamese in ("Chỉ tiêu chủ yếu cuối năm 2018", "Năm so sánh", "Hợp tác xã", "Tổ hợp tác", "Vốn điều lệ"):
        assert vietnamese in body
