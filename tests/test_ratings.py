"""Recording ratings: thresholds, bounds, schemes by date, eligibility, wording, yearly figures."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from kttt.annual.models import AnnualFigures, Rating
from kttt.ratings.models import Assessment, Criterion, RatingScheme
from kttt.ratings.queries import scheme_for
from kttt.ratings.services import record_assessment
from kttt.ratings.wording import rating_from_wording
from kttt.registry.models import Organisation
from tests.conftest import Loader


def make_org(
    load: Loader, established: str = "2015-01-01", sector: str = "thuong-mai", **extra: object
) -> Organisation:
    load(organizations=[{"code": "A", "established": established, "sector": sector}], **extra)
    return Organisation.objects.get(code="A")


def spread(total: str, scheme_code: str = "tt01-2020") -> dict[str, Decimal]:
    """Scores for every criterion of the scheme adding up to `total`: criteria filled in order."""
    left, scores = Decimal(total), {}
    for criterion in Criterion.objects.filter(scheme__code=scheme_code).order_by("order"):
        scores[criterion.code] = min(left, criterion.max_points)
        left -= scores[criterion.code]
    assert left == 0
    return scores


@pytest.mark.parametrize(
    ("total", "expected"),
    [
        ("0", Rating.WEAK),
        ("49.99", Rating.WEAK),
        ("50", Rating.AVERAGE),
        ("64.99", Rating.AVERAGE),
        ("65", Rating.FAIR),
        ("79.99", Rating.FAIR),
        ("80", Rating.GOOD),
        ("100", Rating.GOOD),
    ],
)
def test_it_derives_the_class_from_the_total(load: Loader, total: str, expected: Rating) -> None:
    assessment = record_assessment(make_org(load), 2021, scores=spread(total))
    assert assessment.total == Decimal(total)
    assert assessment.rating == expected
    assert assessment.scheme is not None and assessment.scheme.code == "tt01-2020"
    assert assessment.scores.count() == 15


def test_the_seeded_tt01_scheme_adds_up_to_100_with_known_weights_verified(db: None) -> None:
    scheme = RatingScheme.objects.get(code="tt01-2020")
    criteria = {c.code: c for c in scheme.criteria.all()}
    assert sum(c.max_points for c in criteria.values()) == 100
    assert [criteria[f"TC{i}"].max_points for i in range(1, 10)] == [7, 6, 11, 6, 8, 6, 6, 6, 4]
    assert all(criteria[f"TC{i}"].verified for i in range(1, 10))
    assert not any(criteria[f"TC{i}"].verified for i in range(10, 16))
    tt09 = RatingScheme.objects.get(code="tt09-2017")
    assert tt09.criteria.count() == 6 and sum(c.max_points for c in tt09.criteria.all()) == 100


@pytest.mark.parametrize(("code", "points"), [("TC3", "11.01"), ("TC9", "-1"), ("TC99", "1")])
def test_it_refuses_scores_out_of_bounds_or_unknown(load: Loader, code: str, points: str) -> None:
    scores = {**spread("60"), code: Decimal(points)}
    with pytest.raises(ValidationError, match=code):
        record_assessment(make_org(load), 2021, scores=scores)
    assert not Assessment.objects.exists()


def test_it_refuses_a_missing_criterion(load: Loader) -> None:
    scores = spread("60")
    del scores["TC12"]
    with pytest.raises(ValidationError, match="Chưa chấm điểm tiêu chí: TC12"):
        record_assessment(make_org(load), 2021, scores=scores)


@pytest.mark.parametrize(
    ("day", "sector", "expected"),
    [
        (dt.date(2020, 3, 31), "thuong-mai", None),
        (dt.date(2020, 3, 31), "nong-nghiep", "tt09-2017"),
        (dt.date(2020, 4, 1), "thuong-mai", "tt01-2020"),
        (dt.date(2020, 4, 1), "nong-nghiep", "tt01-2020"),
        (dt.date(2025, 9, 17), "thuong-mai", "tt01-2020"),
        (dt.date(2025, 9, 18), "thuong-mai", None),
    ],
)
def test_it_picks_the_scheme_in_force(load: Loader, day: dt.date, sector: str, expected: str | None) -> None:
    scheme = scheme_for(make_org(load, sector=sector), day)
    assert (scheme.code if scheme else None) == expected


@pytest.mark.parametrize("year", [2019, 2025])
def test_without_a_scheme_only_a_reported_class_is_accepted(load: Loader, year: int) -> None:
    org = make_org(load)
    with pytest.raises(ValidationError, match=f"31/12/{year}"):
        record_assessment(org, year, scores=spread("90"))
    assessment = record_assessment(org, year, reported_class="Khá")
    assert assessment.scheme is None and assessment.total is None and assessment.rating == Rating.FAIR


def test_it_needs_scores_or_a_reported_class_not_both(load: Loader) -> None:
    org = make_org(load)
    with pytest.raises(ValidationError):
        record_assessment(org, 2021)
    with pytest.raises(ValidationError):
        record_assessment(org, 2021, scores=spread("90"), reported_class="tốt")


@pytest.mark.parametrize(
    ("established", "allowed"),
    [("2020-01-01", True), ("2020-01-02", False), ("2020-06-01", False)],
)
def test_it_refuses_organisations_operating_less_than_12_months(load: Loader, established: str, allowed: bool) -> None:
    org = make_org(load, established=established)
    if allowed:
        record_assessment(org, 2020, reported_class="tốt")
    else:
        with pytest.raises(ValidationError, match="chưa đủ 12 tháng"):
            record_assessment(org, 2020, reported_class="tốt")


@pytest.mark.parametrize(
    ("statuses", "allowed"),
    [
        ([("2021-03-01", "tam-ngung"), ("2021-05-01", "hoat-dong")], True),  # 2 months
        ([("2021-03-01", "tam-ngung"), ("2021-07-01", "hoat-dong")], False),  # 4 months
        ([("2021-10-01", "tam-ngung")], True),  # to year end: 92 days
        ([("2021-09-01", "tam-ngung")], False),  # to year end: 4 months
        ([("2020-11-01", "tam-ngung"), ("2021-03-01", "hoat-dong")], True),  # 2 months within 2021
        ([("2020-06-01", "tam-ngung"), ("2021-05-01", "hoat-dong")], False),  # 4 months within 2021
    ],
)
def test_it_refuses_organisations_suspended_more_than_3_months(
    load: Loader, statuses: list[tuple[str, str]], allowed: bool
) -> None:
    rows = [{"code": "A", "date": day, "status": status} for day, status in statuses]
    org = make_org(load, statuses=rows)
    if allowed:
        assert record_assessment(org, 2021, scores=spread("70")).rating == Rating.FAIR
    else:
        with pytest.raises(ValidationError, match="tạm ngừng hoạt động"):
            record_assessment(org, 2021, scores=spread("70"))
        assert not AnnualFigures.objects.filter(rating__gt="").exists()


@pytest.mark.parametrize(
    ("wording", "expected"),
    [
        ("Xuất sắc", Rating.GOOD),
        ("giỏi", Rating.GOOD),
        ("GIOI", Rating.GOOD),
        ("Tốt", Rating.GOOD),
        ("loại khá", Rating.FAIR),
        ("Trung bình", Rating.AVERAGE),
        ("trung-binh", Rating.AVERAGE),
        ("yếu", Rating.WEAK),
        ("Kém", Rating.WEAK),
    ],
)
def test_it_maps_older_wording_onto_classes(wording: str, expected: Rating) -> None:
    assert rating_from_wording(wording) == expected


def test_it_refuses_unknown_wording(load: Loader) -> None:
    with pytest.raises(ValidationError, match="Không nhận ra xếp loại"):
        record_assessment(make_org(load), 2021, reported_class="hạng A")


def test_it_sets_the_rating_in_the_yearly_figures(load: Loader) -> None:
    org = make_org(load, annual=[{"code": "A", "year": 2021, "members": 40, "rating": "yeu"}])
    record_assessment(org, 2021, scores=spread("85"))
    record_assessment(org, 2022, reported_class="giỏi")
    figures = {f.year: f for f in AnnualFigures.objects.filter(organisation=org)}
    assert figures[2021].rating == Rating.GOOD and figures[2021].members == 40
    assert figures[2022].rating == Rating.GOOD  # the row was created


def test_recording_again_replaces_the_assessment(load: Loader) -> None:
    org = make_org(load)
    record_assessment(org, 2021, scores=spread("85"))
    assessment = record_assessment(org, 2021, reported_class="trung bình")
    assert Assessment.objects.count() == 1
    assert assessment.scores.count() == 0 and assessment.total is None
    assert AnnualFigures.objects.get(organisation=org, year=2021).rating == Rating.AVERAGE
