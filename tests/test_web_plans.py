"""The plans pages show what kttt.plans.progress computes, for every target, in a fixed number of queries."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from pytest_django import DjangoAssertNumQueries

from kttt.numbers import number
from kttt.plans.models import Measure, Milestone, Plan, Target, TargetKind
from kttt.plans.progress import PlanProgress, Status, plan_progress
from tests.conftest import Loader, lang_son, province_officer

if TYPE_CHECKING:  # the test client's response type exists only in django-stubs
    from django.test.client import _MonkeyPatchedWSGIResponse as Response

LIST = "/ke-hoach/"

ORGANISATIONS = [
    {"code": "A", "established": "2018-05-01"},
    {"code": "B", "established": "2019-02-01"},
    {"code": "C", "established": "2019-11-30"},
    {"code": "D", "established": "2020-06-01"},
    {"code": "E", "established": "2021-03-01"},
    {"code": "T", "kind": "THT", "established": "2020-01-01"},
]
# Queries a page makes besides what progress.plan_progress makes for its plans: the session and the user,
# the plan rows; plan_progress's own per-plan queries (targets, milestones, the last year with records)
# are made once per page (per scope for the last year) instead of once per plan.
PAGE_OVERHEAD = 4  # and the user's scope (kttt.accounts.access), for the menu


def plan_with_targets(name: str = "Phát triển HTX tỉnh Lạng Sơn 2019–2025") -> Plan:
    plan = Plan.objects.create(
        name=name,
        province=lang_son(),
        start_year=2019,
        end_year=2025,
        document_number="12/NQ-HĐND",
        document_title="Nghị quyết về phát triển kinh tế tập thể",
        issuer="HĐND tỉnh Lạng Sơn",
    )
    new = Target.objects.create(
        plan=plan, order=1, label="Thành lập mới 7 HTX", measure=Measure.NEW_HTX, value=7, kind=TargetKind.CUMULATIVE
    )
    Milestone.objects.create(target=new, year=2020, value=Decimal(2))
    Target.objects.create(
        plan=plan, order=2, label="Có 10 HTX hoạt động", measure=Measure.HTX_ACTIVE, value=10, kind=TargetKind.LEVEL
    )
    Target.objects.create(
        plan=plan,
        order=3,
        label="60% HTX xếp loại tốt, khá",
        measure=Measure.SHARE_HTX_GOOD,
        value=60,
        kind=TargetKind.SHARE,
    )
    return plan


@pytest.fixture
def officer(load: Loader, client: Client) -> Client:
    load(organizations=ORGANISATIONS)
    client.force_login(province_officer("can-bo", password="x"))
    return client


def text_of(response: Response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def shown(value: float | None, share: bool = False) -> str:
    """As the page writes a figure: 1.234; 4,7; 55,2% (the report's plan table does the same)."""
    if value is None:
        return "–"
    if share:
        return f"{number(value, 1)}%"
    return number(value, 0 if round(value, 1) == round(value) else 1)


def rows(response: Response) -> list[list[str]]:
    """The cells of the targets table, as text."""
    table = re.search(r'<table class="targets">.*?</table>', response.content.decode(), re.S)
    assert table, "no targets table"
    body = table[0].split("<tbody>")[1]
    cells = [re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S) for row in body.split("</tr>") if "<t" in row]
    return [[re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", cell)).strip() for cell in row] for row in cells]


# --- access -----------------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("url", [LIST, "/ke-hoach/1/"])
def test_anonymous_visitors_are_sent_to_the_login(client: Client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/dang-nhap/?next=")


def test_an_unknown_plan_is_not_found(officer: Client) -> None:
    assert officer.get("/ke-hoach/999/").status_code == 404


# --- the list ---------------------------------------------------------------------------------------------


def test_the_list_shows_each_plan_with_its_scope_period_and_statuses(officer: Client) -> None:
    plan = plan_with_targets()
    empty = Plan.objects.create(name="Kế hoạch toàn quốc chưa có chỉ tiêu", start_year=2022, end_year=2030)
    response = officer.get(LIST)
    text = text_of(response)
    assert response.status_code == 200
    assert f'href="/ke-hoach/{plan.pk}/"' in response.content.decode()
    assert f'href="/ke-hoach/{empty.pk}/"' in response.content.decode()
    assert "Tỉnh Lạng Sơn" in text and "2019–2025" in text and "Toàn quốc" in text and "2022–2030" in text
    progress = plan_progress(plan)
    counts: dict[Status, int] = {}
    for target in progress.targets:
        counts[target.status] = counts.get(target.status, 0) + 1
    for status, count in counts.items():
        assert f"{status.label}: {count}" in text
    assert f"Số chỉ tiêu {len(progress.targets)}" in text
    assert f"31/12/{progress.as_of}" in text
    assert "Chưa có chỉ tiêu." in text  # the plan without targets


def test_the_list_says_when_there_is_no_plan(officer: Client) -> None:
    assert "Chưa có kế hoạch nào." in text_of(officer.get(LIST))


# --- one plan ---------------------------------------------------------------------------------------------


def check_table(response: Response, progress: PlanProgress) -> None:
    table = rows(response)
    assert len(table) == len(progress.targets)
    for row, p in zip(table, progress.targets, strict=True):
        share = p.target.kind == TargetKind.SHARE
        label, baseline, goal, actual, expected, projection, status, _bar = row
        assert label.startswith(p.target.label)
        assert baseline.startswith(shown(p.baseline, share)) and f"({p.baseline_year})" in baseline
        assert goal == f"≥ {shown(float(p.target.value), share)}"
        assert (actual, expected, projection) == (
            shown(p.actual, share),
            shown(p.expected, share),
            shown(p.projection, share),
        )
        assert status == p.status.label


def test_the_plan_page_shows_what_progress_computes(officer: Client) -> None:
    plan = plan_with_targets()
    response = officer.get(f"/ke-hoach/{plan.pk}/")
    assert response.status_code == 200
    progress = plan_progress(plan)
    assert progress.as_of == 2021  # the last year with records (E, established in 2021)
    check_table(response, progress)
    text = text_of(response)
    assert "Nghị quyết về phát triển kinh tế tập thể, số 12/NQ-HĐND — HĐND tỉnh Lạng Sơn" in text
    assert "Các chỉ tiêu: số liệu đến 31/12/2021, dự báo đến năm 2025" in text


def test_the_figures_follow_the_records(officer: Client) -> None:
    """Independently of the progress code: new HTX from 1/1/2019 to 31/12/2021 are B, C, D and E; the line
    to 7 passes the milestone; 5 HTX are active at the end of 2021; nobody rated any HTX."""
    plan = plan_with_targets()
    new, level, share = rows(officer.get(f"/ke-hoach/{plan.pk}/"))
    assert new[3] == "4" and new[6] == "Đúng tiến độ"  # 4 ≥ 7 × 3/7 = 3
    assert level[3] == "5" and level[1].startswith("1 ")  # A alone at the end of 2018
    assert share[3] == "–" and share[6] == "Chưa có số liệu"
    assert new[7].endswith("57%")  # 4 of the 7 new HTX: rounded down, so 100% only when reached


def test_each_target_has_a_chart_and_its_records(officer: Client) -> None:
    plan = plan_with_targets()
    html = officer.get(f"/ke-hoach/{plan.pk}/").content.decode()
    assert html.count('<svg class="chart"') == 2  # the share has no data: no empty chart
    assert "<title>Thành lập mới 7 HTX: thực hiện và lộ trình kế hoạch đến năm 2025</title>" in html
    assert "Chưa có số liệu: cơ sở dữ liệu chưa có giá trị nào cho chỉ tiêu này" in html
    assert "Căn cứ số liệu thực hiện: 4 tổ chức" in html and "B, C, D, E" in html
    assert 'role="progressbar"' in html and 'aria-valuenow="57"' in html
    assert '<th scope="col">' in html and '<th scope="row">' in html


def test_the_as_of_year_can_be_chosen(officer: Client) -> None:
    plan = plan_with_targets()
    response = officer.get(f"/ke-hoach/{plan.pk}/", {"as_of": 2019})
    check_table(response, plan_progress(plan, as_of=2019))
    assert '<option value="2019" selected>2019</option>' in response.content.decode()
    assert "số liệu đến 31/12/2019" in text_of(response)


@pytest.mark.parametrize("year", ["2030", "1990", "năm ngoái"])
def test_a_year_without_figures_is_refused_in_vietnamese(officer: Client, year: str) -> None:
    plan = plan_with_targets()
    response = officer.get(f"/ke-hoach/{plan.pk}/", {"as_of": year})
    assert response.status_code == 200
    assert "Chưa có số liệu cho năm này: hãy chọn một năm trong danh sách." in text_of(response)
    check_table(response, plan_progress(plan))  # the default year instead


def test_a_plan_without_targets_says_so(officer: Client) -> None:
    plan = Plan.objects.create(name="Kế hoạch trống", province=lang_son(), start_year=2019, end_year=2025)
    response = officer.get(f"/ke-hoach/{plan.pk}/")
    assert response.status_code == 200
    assert "Kế hoạch này chưa có chỉ tiêu." in text_of(response)
    assert '<table class="targets">' not in response.content.decode()


# --- queries ----------------------------------------------------------------------------------------------


def progress_queries(plan: Plan) -> int:
    with CaptureQueriesContext(connection) as captured:
        plan_progress(plan)
    return len(captured)


def test_the_plan_page_asks_only_what_progress_needs(
    officer: Client, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    plan = plan_with_targets()
    needed = progress_queries(plan)
    with django_assert_max_num_queries(needed + PAGE_OVERHEAD):
        officer.get(f"/ke-hoach/{plan.pk}/")
    # 2 (session, user) + 1 (the user's scope, for the menu) + 3 (plan, targets, milestones) + 2 (last year with
    # records) + 17 for the three targets over 2018–2021 (a measure per year, the period total, the records behind
    # the actual).
    with django_assert_max_num_queries(25):
        officer.get(f"/ke-hoach/{plan.pk}/")


def test_the_list_asks_only_what_progress_needs(
    officer: Client, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    plans = [plan_with_targets(f"Kế hoạch {n}") for n in range(3)]
    Plan.objects.create(name="Kế hoạch chưa có chỉ tiêu", start_year=2022, end_year=2030)
    needed = sum(progress_queries(plan) for plan in plans)
    with django_assert_max_num_queries(needed + PAGE_OVERHEAD):
        officer.get(LIST)
    # 2 + 1 + 3 + 4 (the last year for each of the two scopes) + 3 × 17: the same three targets per plan.
    with django_assert_max_num_queries(61):
        officer.get(LIST)
