"""Query counts: what a page, download or API call costs in SQL queries does not grow with the rows it shows.

Every URL of the table is fetched in a small world — six organisations: an HTX, a THT and a people's credit fund
in one commune, a union, an HTX founded after 1/7/2025 and one in another province, with the figures, ratings,
training, loans, status changes and audit entries of 2022–2025 — and again once the world has grown to six times
the organisations over seven districts and four new communes, with twice the years and more union links, loans,
courses, audit entries and imports, many of them of the organisations the detail pages show. The grown count may
not exceed the small one (no URL needs an allowance), and the small one may not exceed the table's ceiling, the
count measured when the table was written, so that a new constant query is noticed as well as a query per row.
A meta-test fails when a named URL is neither in the table nor in the commented list of URLs that read no data.

Plans cost queries per plan, target and year (kttt.plans.progress measures each year, ~30 queries for a plan of
three targets): the world keeps one plan, so the plan pages and the dashboards' targets are held to their ceiling.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import get_resolver, reverse
from pytest_django import Settings

from kttt.areas.models import AdminUnit, Level, Scheme
from kttt.audit.models import Action
from kttt.audit.services import record
from kttt.exchange.models import ImportLog, Outcome
from kttt.registry.models import Organisation
from kttt.support.models import Fund, FundLevel
from kttt.training.models import Attendance, TrainingCourse
from tests.conftest import Loader, lang_son, province_officer
from tests.test_permissions import MATRIX, _commune
from tests.test_web_access import named_urls
from tests.test_web_plans import plan_with_targets

FUNDS = ("Quỹ Hỗ trợ phát triển HTX tỉnh Lạng Sơn", "Quỹ Hỗ trợ phát triển HTX Trung ương")
SMALL_YEARS = range(2022, 2026)
EARLIER_YEARS = range(2018, 2022)  # the grown world's: the latest year, which pages show by default, stays
LITERALS = re.compile(r"\b\d+\b|'[^']*'")
COLUMNS = re.compile(r"^SELECT .*? FROM", re.S)


@dataclass(frozen=True)
class Case:
    """A URL as a role fetches it, and the queries it took in the small world when the table was written."""

    name: str
    ceiling: int
    kwargs: dict[str, Any] = field(default_factory=dict)
    query: str = ""
    role: str = "tinh"  # the province officer of Lạng Sơn; "anon" for public pages, "admin" for the superuser

    def __str__(self) -> str:
        kwargs = ",".join(f"{key}={value}" for key, value in self.kwargs.items())
        return f"{self.name}({kwargs})?{self.query} as {self.role}"


# Values in braces name the world's records (World.ids): {HTX}, {THT} and {LH} are organisations' ids, {PLAN} a plan,
# {LOG} an import log; {province} is Lạng Sơn before 1/7/2025 (the registry's filters take units' ids), {district}
# and {commune} the focal organisations' former district and the new commune of the HTXs founded after 1/7/2025.
CASES = [
    # Dashboards: session, user and scope (the menu), the data stamp, the parameters, the aggregates; targets: per
    # target and year.
    Case("indicators:dashboard", 14),
    Case("indicators:dashboard", 14, query="year=2024&baseline=2022"),
    Case("indicators:dashboard", 15, query="year=2024&baseline=2022&area={district}"),
    Case("indicators:dashboard", 14, query="year=2025&area={commune}"),
    Case("indicators:dashboard", 37, query="year=2024&part=targets"),
    Case("indicators:public", 11, role="anon"),
    Case("indicators:public", 12, query="year=2024&baseline=2022&area={district}", role="anon"),
    Case("indicators:public", 37, query="part=targets", role="anon"),
    # Open data: the dictionary reads nothing; a dataset is read in a fixed number of aggregates.
    Case("indicators:open_data", 0, role="anon"),
    Case("indicators:open_data_file", 7, {"dataset": "chi-tieu", "fmt": "csv"}, role="anon"),
    Case("indicators:open_data_file", 7, {"dataset": "chi-tieu", "fmt": "json"}, "from=2018", role="anon"),
    Case("indicators:open_data_file", 2, {"dataset": "danh-ba", "fmt": "csv"}, role="anon"),
    Case("indicators:open_data_file", 2, {"dataset": "danh-ba", "fmt": "json"}, role="anon"),
    # The registry.
    Case("registry:list", 7),
    Case("registry:list", 7, query="q=htx&kind=HTX%2BQTDND&sector=nong-nghiep&sort=-established"),
    Case("registry:list", 7, query="year=2024&reported=yes&status=hoat-dong&sort=area"),
    Case("registry:list", 8, query="province={province}&area={district}&year=2023&reported=yes"),
    Case("registry:list", 5, role="admin"),
    Case("registry:export", 6),
    Case("registry:export", 6, query="format=csv&year=2024"),
    Case("registry:export", 4, query="format=csv", role="admin"),
    Case("registry:create", 13),
    Case("registry:edit", 9, {"pk": "{HTX}"}),
    Case("registry:detail", 14, {"pk": "{HTX}"}),
    Case("registry:detail", 14, {"pk": "{THT}"}),
    Case("registry:detail", 14, {"pk": "{LH}"}),
    Case("registry:directory", 3, role="anon"),
    Case("registry:directory", 5, query="q=htx&kind=HTX&province={province}&area={district}", role="anon"),
    Case("registry:directory", 2, query="format=csv", role="anon"),
    Case("annual:edit", 7, {"pk": "{HTX}", "year": 2025}),
    # Reports and plans.
    Case("reports:page", 8),
    Case("reports:page", 8, query="year=2024&province=20&part=areas"),
    Case("reports:page", 64, query="year=2024&baseline=2022&province=20&variant=annual"),
    Case("reports:download", 61, query="year=2024&baseline=2022&province=20&variant=annual&format=xlsx"),
    Case("reports:download", 37, query="year=2024&province=20&area={district_name}&variant=annual&format=docx"),
    Case("plans:list", 37),
    Case("plans:detail", 37, {"pk": "{PLAN}"}),
    # Spreadsheet exchange.
    Case("exchange:upload", 4),
    Case("exchange:upload", 3, role="admin"),
    Case("exchange:log", 4, {"pk": "{LOG}"}),
    Case("exchange:templates", 6),
    Case("exchange:template", 6, {"kind": "all"}),
    Case("exchange:export_annual", 7, query="form=htx&year=2024"),
    Case("exchange:export_annual", 7, query="form=tht&year=2023"),
    Case("exchange:export_records", 7, {"kind": "assessments"}, "year=2024"),
    Case("exchange:export_records", 7, {"kind": "officer-training"}, "year=2024"),
    Case("exchange:export_records", 10, {"kind": "loans"}, "year=2025"),
    # The audit trail.
    Case("audit:list", 5),
    Case("audit:list", 4, role="admin"),
    Case("audit:list", 5, query="organisation=HTX-1&action=update"),
    # The API.
    Case("api:organisations", 5),
    Case("api:organisations", 5, query="year=2024&reported=yes&province=20"),
    Case("api:organisations", 4, role="admin"),
    Case("api:organisations", 2, role="anon"),
    Case("api:organisation", 4, {"code": "HTX-1"}),
    Case("api:organisation", 1, {"code": "HTX-1"}, role="anon"),
    Case("api:figures", 5, {"code": "HTX-1", "year": 2024}),
    Case("api:indicators", 9, role="anon"),
    Case("api:indicators", 16, query="year=2024&baseline=2022&by=area", role="anon"),
    Case("api:indicators", 15, query="year=2024&area={district}&by=sector", role="anon"),
    Case("api:reporting", 6, role="anon"),
    Case("api:reporting", 7, query="year=2024&area={district}", role="anon"),
    Case("api:plans", 6),
    Case("api:plan", 36, {"pk": "{PLAN}"}),
]

# Named URLs left out of the table: they read no rows whose number could grow, or do not answer GET.
NOT_COUNTED = {
    "web:home": "a redirect to the dashboard",
    "web:login": "the sign-in form",
    "web:logout": "POST only",
    "web:health": "the health check for monitoring: SELECT 1, no rows",
    "annual:step": "POST only (a step of the yearly figures' workflow)",
    "api:docs": "a page written from the settings",
    "api:schema": "the OpenAPI document, written from the code",
    "api:figures_step": "POST only (a step of the yearly figures' workflow)",
    "api:reports": "POST only; it writes the report reports:download writes, counted above",
}


def test_every_named_url_is_counted_or_left_out_with_a_reason() -> None:
    counted = {case.name for case in CASES}
    assert not counted & set(NOT_COUNTED)
    assert named_urls(get_resolver()) == counted | set(NOT_COUNTED)
    for name, reason in NOT_COUNTED.items():
        if reason.startswith("POST only"):
            assert all(method != "GET" for method, _kwargs, _statuses in MATRIX[name]), name


def test_no_url_costs_more_queries_as_the_rows_grow(load: Loader, settings: Settings) -> None:
    settings.KTTT_API_ANON_RATE = settings.KTTT_API_USER_RATE = ""  # no throttling: each URL is asked three times
    world = small_world(load)
    clients = {role: client_of(user) for role, user in world.users.items()}
    for case in CASES:  # unmeasured: caches kept between requests (the gazetteer) fill as on a running server
        fetch(clients[case.role], world, case)
    small = [fetch(clients[case.role], world, case) for case in CASES]
    grow(load, world)
    grown = [fetch(clients[case.role], world, case) for case in CASES]
    problems = [
        f"{case}: {len(before)} queries in the small world (ceiling {case.ceiling}), {len(after)} grown"
        + (f"; repeated: {most_repeated(after)}" if len(after) > len(before) else "")
        for case, before, after in zip(CASES, small, grown, strict=True)
        if len(before) > case.ceiling or len(after) > len(before)
    ]
    assert not problems, "\n".join(problems)


# --- requests --------------------------------------------------------------------------------------------------


def client_of(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def fetch(client: Client, world: World, case: Case) -> list[str]:
    """The SQL of the request, a streamed response read to its end."""
    kwargs = {key: str(value).format(**world.ids) for key, value in case.kwargs.items()}
    url = reverse(case.name, kwargs=kwargs)
    query = case.query.format(**world.ids)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(f"{url}?{query}" if query else url)
        if response.streaming:
            b"".join(response.streaming_content)  # type: ignore[attr-defined]
    assert response.status_code == 200, f"{case}: {response.status_code}"
    return [q["sql"] for q in captured.captured_queries]


def most_repeated(queries: list[str]) -> str:
    """The statement asked most often, its values left out: what an N+1 repeats."""
    sql, times = Counter(LITERALS.sub("?", query) for query in queries).most_common(1)[0]
    return f"{times}× {COLUMNS.sub('SELECT … FROM', sql, count=1)[:200]}"


# --- the world -------------------------------------------------------------------------------------------------


@dataclass
class World:
    users: dict[str, User | None]
    ids: dict[str, Any]


def small_world(load: Loader) -> World:
    """HTX-1, THT-1 and QTD-1 in a commune, the union LH-1 (HTX-1 a member), an HTX founded after 1/7/2025 and one
    in Cao Bằng; the figures, ratings, training, member loans and a loan with its payments of 2022–2025; a course,
    an audit entry each, an import and a plan."""
    Fund.objects.create(name=FUNDS[0], level=FundLevel.PROVINCIAL, province=lang_son())
    Fund.objects.create(name=FUNDS[1], level=FundLevel.NATIONAL)
    place = communes()[0][0]
    load(organizations=[{"code": "LH-1", "kind": "LHHTX", "area": place.code, "established": "2015-01-01"}])
    load(**records("", [place], SMALL_YEARS, "LH-1", FUNDS[0]))
    load(organizations=[founded_2025("HTX-MOI", 0), {"code": "CB-1", "province": "4", "established": "2015-01-01"}])
    officer = province_officer("tinh", password="x")
    admin = User.objects.create_superuser("admin", "", "x")
    orgs = {org.code: org for org in Organisation.objects.all()}
    attend(orgs, "K-1", dt.date(2023, 5, 1), ["HTX-1", "THT-1"])
    audit(officer, orgs.values())
    log = ImportLog.objects.create(user=officer, file_name="goi-du-lieu.xlsx", outcome=Outcome.COMMITTED)
    ids: dict[str, Any] = {"HTX": orgs["HTX-1"].pk, "THT": orgs["THT-1"].pk, "LH": orgs["LH-1"].pk, "LOG": log.pk}
    ids |= {"PLAN": plan_with_targets().pk, "province": lang_son().pk, "commune": orgs["HTX-MOI"].area_id}
    ids |= {"district": place.parent_id, "district_name": place.parent.name if place.parent else ""}
    return World({"anon": None, "tinh": officer, "admin": admin}, ids)


def grow(load: Loader, world: World) -> None:
    """Five times the organisations: in another commune of the focal district, in six more districts, in new
    communes and in Cao Bằng, some dissolved or revoked; the years 2018–2021 for the focal organisations, more
    union links, member loans, courses, audit entries (of other people and of the system too) and imports."""
    by_district = communes()
    load(organizations=[{"code": "G-LH", "kind": "LHHTX", "area": by_district[1][0].code, "established": "2015-01-01"}])
    load(**records("G-", [by_district[0][1], *(c[0] for c in by_district[1:4])], range(2018, 2026), "LH-1", FUNDS[1]))
    load(**records("G2-", [c[0] for c in by_district[4:7]], SMALL_YEARS, "G-LH", FUNDS[0]))
    load(**records("", [by_district[0][0]], EARLIER_YEARS, "LH-1"))
    load(
        organizations=[
            *(founded_2025(f"HTX-MOI-{n}", n // 2) for n in range(1, 7)),
            *({"code": f"CB-{n}", "province": "4", "established": "2016-01-01"} for n in range(2, 6)),
        ],
        union_members=[{"union_code": "G-LH", "member_code": "HTX-1", "joined": "2019-01-01"}],
        statuses=[
            {"code": "G-HTX-2", "date": "01/06/2023", "status": "giai-the", "note": ""},
            {"code": "G-HTX-3", "date": "01/06/2024", "status": "thu-hoi", "note": ""},
            {"code": "HTX-1", "date": "01/02/2019", "status": "tam-ngung", "note": ""},
            {"code": "HTX-1", "date": "01/08/2019", "status": "hoat-dong", "note": ""},
        ],
    )
    orgs = {org.code: org for org in Organisation.objects.all()}
    for n in range(2, 6):
        attend(orgs, f"K-{n}", dt.date(2019 + n, 5, 1), ["HTX-1", "THT-1", "LH-1", f"G-HTX-{n - 1}"])
    officer, admin = world.users["tinh"], world.users["admin"]
    other = province_officer("tinh-2", password="x")
    for actor in (officer, other, None):
        audit(actor, orgs.values())
    for actor in (officer, admin, None):
        record(actor, Action.LOGIN, None, name="" if actor else "khach")
    for n in range(6):
        user = officer if n % 2 else admin
        ImportLog.objects.create(user=user, file_name=f"goi-{n}.xlsx", outcome=Outcome.UNDONE, undone_by=other)


def communes() -> list[list[AdminUnit]]:
    """The communes of Lạng Sơn before 1/7/2025, by district."""
    units = AdminUnit.objects.filter(scheme=Scheme.BEFORE_2025, level=Level.COMMUNE, province__code="20")
    by_district: dict[int | None, list[AdminUnit]] = {}
    for unit in units.select_related("parent").order_by("parent__code", "code"):
        by_district.setdefault(unit.parent_id, []).append(unit)
    return list(by_district.values())


def founded_2025(code: str, commune: int) -> dict[str, str]:
    return {"code": code, "area": _commune(commune).code, "established": "2025-08-01"}


def records(
    prefix: str, places: list[AdminUnit], years: range, union: str, fund: str = ""
) -> dict[str, list[dict[str, str]]]:
    """An HTX, a THT and a QTDND in each place (founded in 2015), with figures, ratings and training for every
    year; the HTXs members of `union`; a loan to a member of each HTX and THT every year, and a loan from `fund`
    to each HTX with its payments; the first THT suspended for half of the second year."""
    orgs = []
    for n, place in enumerate(places, start=1):
        orgs += [
            {"code": f"{prefix}HTX-{n}", "area": place.code, "established": "2015-01-01"},
            {"code": f"{prefix}THT-{n}", "kind": "THT", "area": place.code, "established": "2015-01-01"},
            {"code": f"{prefix}QTD-{n}", "kind": "QTDND", "sector": "tin-dung", "area": place.code,
             "established": "2015-01-01"},
        ]  # fmt: skip
    codes = [org["code"] for org in orgs]
    htxs = [code for code in codes if "HTX-" in code]
    sheets: dict[str, list[dict[str, str]]] = {
        "organizations": orgs,
        "annual": [figures(code, year, n) for n, code in enumerate(codes) for year in years],
        "assessments": [{"code": code, "year": str(year), "rating": "Khá"} for code in htxs for year in years],
        "officer_training": [
            {"code": code, "year": str(year), "officers": "7", "trained_basic": "3", "trained_higher": "2"}
            for code in htxs
            for year in years
        ],
        "union_members": [{"union_code": union, "member_code": code, "joined": "2016-01-01"} for code in htxs],
        "statuses": [
            {"code": f"{prefix}THT-1", "date": f"01/03/{years[1]}", "status": "tam-ngung"},
            {"code": f"{prefix}THT-1", "date": f"01/09/{years[1]}", "status": "hoat-dong"},
        ],
        "loans": [
            loan(f"V-{code}-{year}", FUNDS[0], dt.date(year, 4, 1), member_of=code)
            for code in codes
            if "QTD-" not in code
            for year in years
        ],
        "disbursements": [],
        "repayments": [],
    }
    for code in htxs if fund else []:
        applied = dt.date(years[0], 2, 3)
        sheets["loans"].append(loan(f"V-{code}", fund, applied, borrower=code))
        sheets["disbursements"] += [
            {"loan": f"V-{code}", "date": f"{applied + dt.timedelta(days=10):%d/%m/%Y}", "amount": "300.000.000"},
            {"loan": f"V-{code}", "date": f"{applied + dt.timedelta(days=30):%d/%m/%Y}", "amount": "100.000.000"},
        ]
        repaid = applied + dt.timedelta(days=110)
        sheets["repayments"].append(
            {"loan": f"V-{code}", "date": f"{repaid:%d/%m/%Y}", "principal": "50.000.000", "interest": "4.800.000"}
        )
    return {name: rows for name, rows in sheets.items() if rows}  # the importer refuses a sheet without rows


def figures(code: str, year: int, n: int) -> dict[str, str]:
    values = {
        "members": 10 + n + year % 7,
        "workers": 3 + n,
        "charter_capital": 500_000_000 + 10_000_000 * n,
        "revenue": 900_000_000 + 1_000_000 * year,
        "profit": 20_000_000 - 1_000_000 * n,
        "avg_income": 40_000_000 + 100_000 * n,
    }
    return {"code": code, "year": str(year), "rating": "Khá", **{name: str(v) for name, v in values.items()}}


def loan(code: str, fund: str, applied: dt.date, borrower: str = "", member_of: str = "") -> dict[str, str]:
    """A loan of 400 million đồng over two years: to `borrower`, approved a week later; or to a member of
    `member_of`, not yet approved."""
    approved = f"{applied + dt.timedelta(days=7):%d/%m/%Y}" if borrower else ""
    return {
        "code": code,
        "fund": fund,
        "borrower": borrower,
        "borrower_member_name": "Nguyễn Văn An" if member_of else "",
        "member_of": member_of,
        "purpose": "Mở rộng xưởng chế biến chè",
        "project_cost": "1.000.000.000",
        "own_funds": "300.000.000",
        "amount_requested": "400.000.000",
        "applied_on": f"{applied:%d/%m/%Y}",
        "term_months": "24",
        "interest_rate": "4,8",
        "approved_on": approved,
        "amount_approved": "400.000.000" if borrower else "",
    }


def attend(orgs: dict[str, Organisation], code: str, start: dt.date, attendees: list[str]) -> None:
    course = TrainingCourse.objects.create(
        code=code, title="Quản trị hợp tác xã", organiser="Liên minh HTX tỉnh", start=start, end=start
    )
    for org_code in attendees:
        Attendance.objects.create(course=course, organisation=orgs[org_code], attendees=3)


def audit(actor: User | None, orgs: Iterable[Organisation]) -> None:
    for org in orgs:
        changes: dict[str, list[Any]] = {"name": [f"{org.name} (cũ)", org.name], "established": ["2014", "2015"]}
        record(actor, Action.UPDATE, org, changes)
