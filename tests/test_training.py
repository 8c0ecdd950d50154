"""Key-officer training (issue 4, deliverables 3 and 9): the officer records and their rules, the yearly
figures kept in step, the share trained by level and scope, and the courses summary."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from kttt.annual.models import AnnualFigures
from kttt.indicators.queries import Scope
from kttt.plans.measures import share_managers_trained
from kttt.registry.models import Organisation
from kttt.training import services
from kttt.training.models import OfficerTraining, TrainingCourse, TrainingLevel
from kttt.training.queries import Share, courses_summary, share_trained
from tests.conftest import Loader, lang_son_scope

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def orgs(load: Loader) -> dict[str, Organisation]:
    rows = [
        {"code": "A", "established": "2015-01-01"},
        {"code": "B", "established": "2015-01-01"},
        {"code": "GONE", "established": "2015-01-01", "dissolved": "2021-06-30"},
        {"code": "QTD", "kind": "QTDND", "established": "2015-01-01"},
        {"code": "LH", "kind": "LHHTX", "established": "2015-01-01"},
        {"code": "THT", "kind": "THT", "established": "2015-01-01"},
        {"code": "HN", "established": "2015-01-01", "province": "1"},
    ]
    load(organizations=rows, annual=[{"code": "A", "year": "2022", "members": "12", "managers": "3"}])
    return {o.code: o for o in Organisation.objects.all()}


def course(code: str = "K-1", start: dt.date | None = None, days: int = 3) -> TrainingCourse:
    start = start or D(2022, 5, 10)
    return services.record_course(
        code=code,
        title="Chuyển đổi số trong HTX",
        organiser="Liên minh Hợp tác xã tỉnh Lạng Sơn",
        level=TrainingLevel.SHORT,
        start=start,
        end=start + dt.timedelta(days=days - 1),
        place="Thành phố Lạng Sơn",
    )


@pytest.mark.parametrize(
    ("code", "year", "officers", "basic", "higher", "message"),
    [
        ("A", 2022, 5, 4, 2, r"lớn hơn số cán bộ chủ chốt \(5\)"),
        ("A", 2022, 5, -1, 0, "không được âm"),
        ("THT", 2022, 3, 1, 0, "tổ hợp tác"),
        ("A", 2014, 5, 1, 1, r"Năm 2014 nằm ngoài thời gian hoạt động của A \(từ năm 2015\)"),
        ("GONE", 2022, 5, 1, 1, r"Năm 2022 nằm ngoài thời gian hoạt động của GONE \(2015–2021\)"),
    ],
)
def test_it_refuses_invalid_officer_records(
    orgs: dict[str, Organisation], code: str, year: int, officers: int, basic: int, higher: int, message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        services.record_officers(orgs[code], year, officers, basic, higher)
    assert not OfficerTraining.objects.exists()
    assert AnnualFigures.objects.filter(organisation__code=code, year=year).count() == (code == "A" and year == 2022)


def test_the_year_an_organisation_is_dissolved_still_counts(orgs: dict[str, Organisation]) -> None:
    record = services.record_officers(orgs["GONE"], 2021, 4, 2, 1)
    assert record.trained == 3


def test_it_keeps_the_yearly_figures_in_step(orgs: dict[str, Organisation]) -> None:
    services.record_officers(orgs["A"], 2022, 5, 2, 1, source="Báo cáo HTX")
    figures = AnnualFigures.objects.get(organisation=orgs["A"], year=2022)
    assert (figures.managers, figures.managers_trained, figures.members) == (5, 3, 12)  # other figures kept

    services.record_officers(orgs["A"], 2022, 6, 3, 2)  # a correction replaces the record
    record = OfficerTraining.objects.get(organisation=orgs["A"], year=2022)
    assert (record.officers, record.trained_basic, record.trained_higher, record.source) == (6, 3, 2, "Báo cáo HTX")
    figures.refresh_from_db()
    assert (figures.managers, figures.managers_trained) == (6, 5)

    services.record_officers(orgs["B"], 2023, 4, 1, 0, source="Điều tra")  # no yearly figures yet: created
    created = AnnualFigures.objects.get(organisation=orgs["B"], year=2023)
    assert (created.managers, created.managers_trained, created.members, created.source) == (4, 1, None, "Điều tra")


def test_share_trained_by_level_and_scope(
    orgs: dict[str, Organisation], django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    services.record_officers(orgs["A"], 2022, 5, 2, 1)
    services.record_officers(orgs["B"], 2022, 5, 1, 0)
    services.record_officers(orgs["QTD"], 2022, 6, 3, 3)  # a people's credit fund counts as an HTX
    services.record_officers(orgs["LH"], 2022, 4, 4, 0)  # a union does not
    services.record_officers(orgs["GONE"], 2021, 4, 4, 0)  # nor an HTX dissolved before the year's end
    services.record_officers(orgs["HN"], 2022, 4, 0, 0)  # another province
    scope = lang_son_scope()
    with django_assert_num_queries(1):
        assert share_trained(scope, 2022) == Share(10, 16, 62.5)
    assert share_trained(scope, 2022, TrainingLevel.BASIC) == Share(6, 16, 37.5)
    assert share_trained(scope, 2022, TrainingLevel.HIGHER) == Share(4, 16, 25.0)
    assert share_trained(scope, 2022, TrainingLevel.SHORT) == Share(0, 16, 0.0)
    assert share_trained(Scope(), 2022) == Share(10, 20, 50.0)
    assert share_trained(scope, 2021) == Share(0, 0, None)  # GONE was dissolved in 2021: no HTX left
    # The plans' target reads the yearly figures, which the service kept in step.
    assert share_managers_trained(scope, 2022) == 62.5


def test_share_trained_without_credit_funds_when_configured(
    orgs: dict[str, Organisation], settings: pytest.FixtureRequest
) -> None:
    settings.KTTT_COUNT_QTDND_AS_HTX = False  # type: ignore[attr-defined]
    services.record_officers(orgs["A"], 2022, 5, 2, 1)
    services.record_officers(orgs["QTD"], 2022, 6, 3, 3)
    assert share_trained(lang_son_scope(), 2022) == Share(3, 5, 60.0)


def test_courses_summary_counts_courses_attendees_and_distinct_htx(
    orgs: dict[str, Organisation], django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    first, second = course("K-1", D(2022, 5, 10)), course("K-2", D(2023, 3, 1))
    services.add_attendance(first, orgs["A"], 2, "Hoàng Văn Lâm\nVi Thị Mai")
    services.add_attendance(first, orgs["QTD"], 1)
    services.add_attendance(first, orgs["LH"], 3)  # attendees count, but a union is not an HTX
    services.add_attendance(first, orgs["HN"], 4)  # another province
    services.add_attendance(second, orgs["A"], 1)  # A again: one HTX reached
    course("K-3", D(2024, 1, 5))  # nobody from the scope attended
    scope = lang_son_scope()
    with django_assert_num_queries(1):
        summary = courses_summary(scope, D(2022, 1, 1), D(2024, 12, 31))
    assert (summary.courses, summary.attendees, summary.htx) == (2, 7, 2)
    whole = courses_summary(Scope(), D(2022, 1, 1), D(2024, 12, 31))
    assert (whole.courses, whole.attendees, whole.htx) == (2, 11, 3)
    late = courses_summary(scope, D(2023, 3, 1), D(2023, 3, 1))  # both ends included
    assert (late.courses, late.attendees, late.htx) == (1, 1, 1)


@pytest.mark.parametrize(
    ("code", "attendees", "names", "message"),
    [
        ("THT", 1, "", "không phải HTX"),
        ("GONE", 1, "", "không hoạt động vào ngày khai giảng 10/05/2022"),
        ("A", 0, "", "ít nhất là 1"),
        ("A", 1, "Hoàng Văn Lâm\nVi Thị Mai", "nhiều hơn số người tham gia"),
    ],
)
def test_it_refuses_invalid_attendance(
    orgs: dict[str, Organisation], code: str, attendees: int, names: str, message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        services.add_attendance(course(), orgs[code], attendees, names)


def test_an_organisation_attends_a_course_once(orgs: dict[str, Organisation]) -> None:
    first = course()
    services.add_attendance(first, orgs["A"], 1)
    with pytest.raises(ValidationError, match="đã có trong danh sách"):
        services.add_attendance(first, orgs["A"], 2)


def test_a_course_ends_after_it_starts(db: None) -> None:
    with pytest.raises(ValidationError, match="trước ngày bắt đầu"):
        course(days=0)
    course("K-1")
    with pytest.raises(ValidationError, match=r"đã tồn tại|already exists"):
        course("K-1")


def test_the_admin_saves_officer_records_through_the_service(orgs: dict[str, Organisation], client: Client) -> None:
    client.force_login(User.objects.create_superuser("quantri", "", "mat-khau-dai-123"))
    data = {"organisation": orgs["A"].pk, "year": 2022, "officers": 5, "trained_basic": 3, "trained_higher": 1}
    response = client.post(reverse("admin:training_officertraining_add"), {**data, "source": "Nhập tay"})
    assert response.status_code == 302
    figures = AnnualFigures.objects.get(organisation=orgs["A"], year=2022)
    assert (figures.managers, figures.managers_trained) == (5, 4)
    refused = client.post(reverse("admin:training_officertraining_add"), {**data, "year": 2023, "officers": 3})
    assert refused.status_code == 200 and "lớn hơn số cán bộ chủ chốt" in refused.content.decode()
