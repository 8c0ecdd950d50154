"""The assessments sheet: one organisation's rating for one year, recorded as the ratings service records a
reported class (kttt.ratings.services.record_assessment): the wording read by the service, the scheme in force on
31/12 of the year, its eligibility rules, and the yearly figures' rating kept in step.

The annual sheet's rating and the assessment never disagree: a rating of both sheets for the same year must be
the same, and an annual rating that contradicts a stored assessment is refused (the assessment is changed on
this sheet). Scores per criterion are entered in the admin; an assessment scored there keeps its class."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError

from kttt.annual.models import Rating
from kttt.exchange import cells
from kttt.exchange.extra_common import (
    AssessmentRow,
    Place,
    figures_in_step,
    new_counts,
    organisation,
    records,
    report,
    save,
    stored_by_year,
    year_checks,
)
from kttt.exchange.reader import Cell, Sheet
from kttt.exchange.validate import RowReader, Validation
from kttt.ratings.eligibility import check_eligible
from kttt.ratings.models import Assessment, RatingScheme
from kttt.ratings.queries import scheme_for
from kttt.ratings.wording import rating_from_wording
from kttt.registry.models import Organisation

if TYPE_CHECKING:
    from kttt.exchange.importer import Counts


def _class(r: RowReader, column: str, text: str) -> Rating | None:
    try:
        return rating_from_wording(text)
    except ValidationError as exc:
        report(r, exc, column)
        return None


def validate_assessment(v: Validation, sheet: Sheet, number: int, values: dict[str, Cell]) -> None:
    r = RowReader(v, sheet, number, values)
    code = r.text("code", required=True)
    year = r.parse("year", cells.integer, required=True)
    known = organisation(r, "code", code)
    typed = r.text("rating", required=True, max_length=60)
    rating = _class(r, "rating", typed) if typed else None
    wording = r.text("reported_wording", max_length=60)
    if wording and rating and (said := _class(r, "reported_wording", wording)) and said != rating:
        r.error("reported_wording", f"“{wording}” là loại {said.label}, khác với cột Xếp loại ({rating.label}).")
    year_checks(r, year, known)
    rows = records(v).assessments
    if (code, year) in rows:
        r.error("year", f"Xếp loại năm {year} của “{code}” xuất hiện hai lần.")
    annual = v.annual.get((code, year), {})
    if rating and annual.get("rating") and annual["rating"] != rating:
        other = Rating(annual["rating"]).label
        r.error(
            "rating", f"Trang Số liệu năm ghi xếp loại năm {year} của “{code}” là {other}, khác với {rating.label}."
        )
    if r.ok and rating and year is not None:
        rows[(code, year)] = AssessmentRow(Place(sheet, number, values), rating, typed, wording)


def annual_rows(sheet: Sheet) -> Iterator[tuple[Place, tuple[str, int]]]:
    """The rows of the annual sheet with their (code, year); rows whose year does not read are left out."""
    for number, values in sheet.rows:
        try:
            year = cells.integer(values.get("year"))
        except cells.CellError:
            continue
        if year is not None:
            yield Place(sheet, number, values), (cells.text(values.get("code")), year)


def check_annual_ratings(v: Validation, sheet: Sheet) -> None:
    """An annual rating may not contradict an assessment stored for that year and not replaced by this package."""
    keys = {
        key: place
        for place, key in annual_rows(sheet)
        if "rating" in v.annual.get(key, {}) and key not in records(v).assessments
    }
    if not keys:
        return
    stored = Assessment.objects.filter(
        organisation__code__in={code for code, _ in keys}, year__in={year for _, year in keys}
    ).select_related("organisation")
    for assessment in stored:
        key = (assessment.organisation.code, assessment.year)
        if key in keys and v.annual[key]["rating"] != assessment.rating:
            keys[key].reader(v).error(
                "rating",
                f"Năm {assessment.year} của “{key[0]}” đã có kết quả xếp loại {assessment.get_rating_display()}; "
                "sửa xếp loại ở trang Xếp loại (assessments) để số liệu năm và kết quả xếp loại không lệch nhau.",
            )


def write_assessments(v: Validation) -> Counts:
    rows = records(v).assessments
    if not rows:
        return new_counts()
    orgs, stored = stored_by_year(Assessment, rows)
    schemes: dict[tuple[str, str, int], RatingScheme | None] = {}
    new: list[Assessment] = []
    changed: list[Assessment] = []
    unchanged = 0
    for (code, year), row in rows.items():
        org, r = orgs[code], row.place.reader(v)
        old = stored.get((org.pk, year))
        if old is not None and old.total is not None:  # scored per criterion in the admin
            if old.rating != row.rating:
                r.error("rating", _scored(old))
            unchanged += 1
            continue
        if (org.kind, org.sector, year) not in schemes:
            schemes[(org.kind, org.sector, year)] = scheme_for(org, dt.date(year, 12, 31))
        scheme = schemes[(org.kind, org.sector, year)]
        wording = row.wording or (old.reported_wording if old and old.rating == row.rating else row.typed)
        wanted = {"scheme_id": scheme.pk if scheme else None, "rating": row.rating, "reported_wording": wording}
        if old is not None and all(getattr(old, name) == value for name, value in wanted.items()):
            unchanged += 1
        elif _eligible(r, org, year, scheme):
            assessment = old or Assessment(organisation=org, year=year)
            for name, value in wanted.items():
                setattr(assessment, name, value)
            (changed if old else new).append(assessment)
    counts = save(Assessment, new, changed, ["scheme", "rating", "reported_wording"], unchanged)
    figures_in_step({(orgs[code].pk, year): {"rating": row.rating} for (code, year), row in rows.items()})
    return counts


def _eligible(r: RowReader, org: Organisation, year: int, scheme: RatingScheme | None) -> bool:
    if scheme is None:
        return True
    try:
        check_eligible(org, year, scheme)
    except ValidationError as exc:
        report(r, exc, "year")
        return False
    return True


def _scored(old: Assessment) -> str:
    return (
        f"Kết quả xếp loại năm {old.year} đã được chấm điểm theo tiêu chí ({old.total:g} điểm, "
        f"{old.get_rating_display()}); sửa điểm trong trang quản trị, không sửa xếp loại từ tệp nhập."
    )
