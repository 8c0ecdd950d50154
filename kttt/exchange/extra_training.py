"""The officer_training sheet: an organisation's key officers for a year and how many are trained, by level,
checked and written as kttt.training.services.record_officers does, with the yearly figures' managers and
managers_trained kept in step. The annual sheet's managers never contradict a training record."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError

from kttt.exchange import cells
from kttt.exchange.extra_common import (
    Place,
    TrainingRow,
    figures_in_step,
    new_counts,
    organisation,
    records,
    report,
    same,
    save,
    stored_by_year,
    year_checks,
)
from kttt.exchange.extra_ratings import annual_rows
from kttt.exchange.reader import Cell, Sheet
from kttt.exchange.validate import Known, RowReader, Validation
from kttt.registry.models import Organisation
from kttt.training.models import OfficerTraining, check_organisation
from kttt.training.services import check_officers

if TYPE_CHECKING:
    from kttt.exchange.importer import Counts

FIELDS = ["officers", "trained_basic", "trained_higher", "source"]


def validate_officer_training(v: Validation, sheet: Sheet, number: int, values: dict[str, Cell]) -> None:
    r = RowReader(v, sheet, number, values)
    code = r.text("code", required=True)
    year = r.parse("year", cells.integer, required=True)
    known = organisation(r, "code", code)
    officers, basic, higher = (
        r.parse(name, cells.integer, required=True) for name in ("officers", "trained_basic", "trained_higher")
    )
    source = r.text("source", max_length=200)
    year_checks(r, year, known)
    if r.ok and known is not None and year is not None:
        _organisation_rules(r, known, code, year)
    if officers is not None and basic is not None and higher is not None:
        try:
            check_officers(officers, basic, higher)
        except ValidationError as exc:
            report(r, exc, "trained_basic")
        _against_annual(r, v.annual.get((code, year or 0), {}), officers, basic + higher)
    rows = records(v).training
    if (code, year) in rows:
        r.error("year", f"Số liệu đào tạo cán bộ năm {year} của “{code}” xuất hiện hai lần.")
    if r.ok and year is not None:
        rows[(code, year)] = TrainingRow(Place(sheet, number, values), officers, basic, higher, source)


def _organisation_rules(r: RowReader, known: Known, code: str, year: int) -> None:
    """The service's rules on the organisation, as it will be once the package is written."""
    org = Organisation(code=code, kind=known.kind, established=known.established, dissolved=known.dissolved)
    try:
        check_organisation(org, year)
    except ValidationError as exc:
        report(r, exc, "code")


def _against_annual(r: RowReader, figures: dict[str, Any], officers: int, trained: int) -> None:
    for name, value, what in (
        ("managers", officers, "cán bộ chủ chốt"),
        ("managers_trained", trained, "cán bộ đã qua đào tạo"),
    ):
        if figures.get(name) is not None and figures[name] != value:
            column = "officers" if name == "managers" else "trained_basic"
            r.error(column, f"Trang Số liệu năm ghi {figures[name]} {what}, khác với {value} ở trang này.")


def check_annual_managers(v: Validation, sheet: Sheet) -> None:
    """The annual sheet's managers may not contradict a training record stored and not replaced by this package."""
    keys = {
        key: place
        for place, key in annual_rows(sheet)
        if {"managers", "managers_trained"} & set(v.annual.get(key, {})) and key not in records(v).training
    }
    if not keys:
        return
    stored = OfficerTraining.objects.filter(
        organisation__code__in={code for code, _ in keys}, year__in={year for _, year in keys}
    ).select_related("organisation")
    for record in stored:
        key = (record.organisation.code, record.year)
        if key not in keys:
            continue
        figures = v.annual[key]
        for name, value in (("managers", record.officers), ("managers_trained", record.trained)):
            if name in figures and figures[name] != value:
                keys[key].reader(v).error(
                    name,
                    f"Năm {record.year} của “{key[0]}” đã có số liệu đào tạo cán bộ ({record.officers} cán bộ "
                    f"chủ chốt, {record.trained} đã qua đào tạo); sửa ở trang Đào tạo cán bộ (officer_training).",
                )


def write_officer_training(v: Validation) -> Counts:
    rows = records(v).training
    if not rows:
        return new_counts()
    orgs, stored = stored_by_year(OfficerTraining, rows)
    new, changed, unchanged = [], [], 0
    steps, sources = {}, {}
    for (code, year), row in rows.items():
        org = orgs[code]
        old = stored.get((org.pk, year))
        source = row.source or (old.source if old else "")  # as the service: a blank source keeps the stored one
        wanted = dict(officers=row.officers, trained_basic=row.basic, trained_higher=row.higher, source=source)
        if old is None:
            new.append(OfficerTraining(organisation=org, year=year, **wanted))
        elif not same(old, wanted):
            for name, value in wanted.items():
                setattr(old, name, value)
            changed.append(old)
        else:
            unchanged += 1
        steps[(org.pk, year)] = {"managers": row.officers, "managers_trained": row.basic + row.higher}
        sources[(org.pk, year)] = {"source": source}
    counts = save(OfficerTraining, new, changed, FIELDS, unchanged)
    figures_in_step(steps, on_create=sources)
    return counts
