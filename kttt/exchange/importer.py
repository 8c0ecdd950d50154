"""Import a data package: validate every row first, then write everything in one transaction.

Importing the same package twice changes nothing: records are matched by organisation code
(and year, or union/member/joined date) and only real differences are written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from django.db import models, transaction

from kttt.accounts.access import Access
from kttt.annual.models import NUMBER_FIELDS, AnnualFigures, State
from kttt.annual.workflow import locked_message
from kttt.areas.gazetteer import shared_gazetteer
from kttt.exchange import extra_sheets
from kttt.exchange import validate as v
from kttt.exchange.reader import Sheet, read_package
from kttt.exchange.scope import check_scope
from kttt.registry.models import Organisation, Status, StatusChange, UnionMembership
from kttt.registry.services import apply_location, end_date
from kttt.rules.checks import RuleBook

Progress = Callable[[str, int, int], None]  # (stage label, done, total)

REQUIRED = {
    "organizations": ("code", "name", "kind", "sector", "province", "established"),
    "statuses": ("code", "date", "status"),
    "annual": ("code", "year"),
    "union_members": ("union_code", "member_code", "joined"),
    **extra_sheets.REQUIRED,
}
VALIDATORS = {
    "organizations": v.validate_organisation,
    "statuses": v.validate_status,
    "annual": v.validate_annual,
    "union_members": v.validate_link,
    **extra_sheets.VALIDATORS,
}
STAGE_LABELS = {
    "organizations": "Kiểm tra tổ chức",
    "statuses": "Kiểm tra trạng thái",
    "annual": "Kiểm tra số liệu năm",
    "union_members": "Kiểm tra thành viên liên hiệp",
    **extra_sheets.STAGE_LABELS,
}
ANNUAL_FIELDS = [*NUMBER_FIELDS, "rating", "source", "as_of"]


class Recorder(Protocol):
    """Told of every row the import writes, so the import can be undone (kttt.exchange.log)."""

    def created(self, model: type[models.Model], rows: Sequence[models.Model]) -> None: ...

    def updating(self, model: type[models.Model], rows: Sequence[models.Model]) -> None:
        """Called just before the rows are written, while the database still holds their previous values."""


_recorder: ContextVar[Recorder | None] = ContextVar("import_recorder", default=None)


@contextmanager
def recording(recorder: Recorder | None) -> Iterator[None]:
    token = _recorder.set(recorder)
    try:
        yield
    finally:
        _recorder.reset(token)


class ImportFailed(Exception):
    """The package has errors; nothing was written."""

    def __init__(self, result: ImportResult):
        super().__init__(f"{len(result.errors)} lỗi, không ghi gì vào cơ sở dữ liệu.")
        self.result = result


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass
class ImportResult:
    dry_run: bool
    errors: list[v.Problem] = field(default_factory=list)
    warnings: list[v.Problem] = field(default_factory=list)
    counts: dict[str, Counts] = field(default_factory=dict)


def import_package(
    path: Path,
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
    recorder: Recorder | None = None,
    allowed: Access | None = None,
) -> ImportResult:
    """Validate and (unless dry_run) write the package. Raises ImportFailed if any row has an error. `allowed`
    is the importing person's access (None: the system, from the command line)."""
    sheets = read_package(path)
    return import_sheets(sheets, dry_run=dry_run, progress=progress, recorder=recorder, allowed=allowed)


def import_sheets(
    sheets: dict[str, Sheet],
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
    recorder: Recorder | None = None,
    allowed: Access | None = None,
) -> ImportResult:
    validation = validate_package(sheets, progress)
    if allowed is not None:
        check_scope(validation, sheets, allowed)
    result = ImportResult(dry_run, validation.errors, validation.warnings)
    if validation.errors:
        raise ImportFailed(result)
    with transaction.atomic(), recording(recorder):
        result.counts = write(validation)
        # Ratings, training and loans: the services' rules that read stored records, checked as they are written.
        result.counts |= extra_sheets.write(validation)
        if validation.errors:
            raise ImportFailed(ImportResult(dry_run, validation.errors, validation.warnings))
        if dry_run:
            transaction.set_rollback(True)
    return result


def validate_package(sheets: dict[str, Sheet], progress: Progress | None = None) -> v.Validation:
    codes = {
        str(values.get(col) or "").strip()
        for sheet in sheets.values()
        for _, values in sheet.rows
        for col in ("code", "union_code", "member_code", *extra_sheets.ORGANISATION_COLUMNS)
    }
    validation = v.Validation(shared_gazetteer(), RuleBook.load(), existing_organisations(codes - {""}))
    # What the reader noticed (title rows, extra columns, encodings, macros …) comes first among the warnings.
    validation.warnings.extend(
        v.Problem(note.sheet, note.row, note.column, note.message)
        for sheet in sheets.values()
        for note in sheet.warnings
    )
    for name, validator in VALIDATORS.items():
        sheet = sheets.get(name)
        if sheet is None or not v.require_columns(validation, sheet, REQUIRED[name]):
            continue
        for done, (number, values) in enumerate(sheet.rows, start=1):
            validator(validation, sheet, number, values)
            if progress and (done % 500 == 0 or done == len(sheet.rows)):
                progress(STAGE_LABELS[name], done, len(sheet.rows))
    extra_sheets.cross_check(validation, sheets)
    return validation


def existing_organisations(codes: Iterable[str]) -> dict[str, Organisation]:
    codes = list(codes)
    found: dict[str, Organisation] = {}
    for start in range(0, len(codes), 500):  # stay under SQLite's bound-parameter limit
        found.update(Organisation.objects.in_bulk(codes[start : start + 500], field_name="code"))
    return found


def write(validation: v.Validation) -> dict[str, Counts]:
    orgs, org_counts = write_organisations(validation)
    return {
        "organizations": org_counts,
        "statuses": write_statuses(validation, orgs),
        "annual": write_annual(validation, orgs),
        "union_members": write_links(validation, orgs),
    }


ORG_FIELDS = [
    "name",
    "kind",
    "sector",
    "established",
    "province_id",
    "area_id",
    "former_province_id",
    "current_province_id",
    "former_district_id",
    "current_commune_id",
]


def write_organisations(validation: v.Validation) -> tuple[dict[str, Organisation], Counts]:
    counts = Counts()
    orgs = dict(validation.existing)
    new: list[Organisation] = []
    changed: list[Organisation] = []
    for code, rec in validation.orgs.items():
        org = orgs.get(code) or Organisation(code=code)
        before = [getattr(org, f, None) for f in ORG_FIELDS]
        org.name, org.kind, org.sector, org.established = rec.name, rec.kind, rec.sector, rec.established
        apply_location(org, rec.location)
        org.refresh_search_name()
        if org.pk is None:
            new.append(org)
        elif before != [getattr(org, f) for f in ORG_FIELDS]:
            org.version += 1
            changed.append(org)
        else:
            counts.unchanged += 1
        orgs[code] = org
    _save(Organisation, new, changed, [f.removesuffix("_id") for f in ORG_FIELDS] + ["search_name", "version"], counts)
    return orgs, counts


def write_statuses(validation: v.Validation, orgs: dict[str, Organisation]) -> Counts:
    wanted = dict(validation.statuses)
    dated = {(code, day) for code, day, _ in wanted}
    for code, rec in validation.orgs.items():
        # The organizations sheet's "dissolved" column is a dissolution unless the statuses sheet
        # says more precisely what happened on that day (e.g. revocation).
        if rec.dissolved and (code, rec.dissolved) not in dated:
            wanted[(code, rec.dissolved, Status.DISSOLVED)] = ""
    touched = {orgs[code].pk for code, _, _ in wanted}
    existing = {
        (s.organisation_id, s.date, s.status): s for s in StatusChange.objects.filter(organisation_id__in=touched)
    }
    counts, new, changed = Counts(), [], []
    for (code, day, status), note in wanted.items():
        found = existing.get((orgs[code].pk, day, status))
        if found is None:
            new.append(StatusChange(organisation=orgs[code], date=day, status=status, note=note))
        elif note and found.note != note:
            found.note = note
            changed.append(found)
        else:
            counts.unchanged += 1
    _save(StatusChange, new, changed, ["note"], counts)
    refresh_dissolved_dates(touched)
    return counts


def refresh_dissolved_dates(org_ids: set[int]) -> None:
    history: dict[int, list[tuple[dt.date, str]]] = {pk: [] for pk in org_ids}
    for pk, day, status in StatusChange.objects.filter(organisation_id__in=org_ids).values_list(
        "organisation_id", "date", "status"
    ):
        history[pk].append((day, status))
    stale = []
    for org in Organisation.objects.filter(pk__in=org_ids).only("pk", "dissolved"):
        ended = end_date(history[org.pk])
        if org.dissolved != ended:
            org.dissolved = ended
            stale.append(org)
    if (recorder := _recorder.get()) is not None and stale:
        recorder.updating(Organisation, stale)
    Organisation.objects.bulk_update(stale, ["dissolved"], batch_size=500)


def write_annual(validation: v.Validation, orgs: dict[str, Organisation]) -> Counts:
    ids = {orgs[code].pk for code, _ in validation.annual}
    years = {year for _, year in validation.annual}
    existing = {
        (f.organisation_id, f.year): f for f in AnnualFigures.objects.filter(organisation_id__in=ids, year__in=years)
    }
    counts, new, changed = Counts(), [], []
    for (code, year), figures in validation.annual.items():
        row = existing.get((orgs[code].pk, year))
        if row is None:
            new.append(AnnualFigures(organisation=orgs[code], year=year, **_defaults(figures)))
        elif _assign(row, figures):
            if row.state == State.APPROVED:
                sheet, number = validation.annual_rows[(code, year)]
                message = locked_message(row) + " Bỏ dòng này khỏi tệp, hoặc đề nghị mở lại rồi nhập lại."
                validation.errors.append(v.Problem(sheet, number, "year", message))
            row.state = State.SAVED  # changed after submission: to be submitted again
            row.version += 1
            changed.append(row)
        else:
            counts.unchanged += 1
    return _save(AnnualFigures, new, changed, [*ANNUAL_FIELDS, "state", "version"], counts)


def _defaults(figures: dict[str, Any]) -> dict[str, Any]:
    return {name: figures.get(name) for name in NUMBER_FIELDS} | {
        "rating": figures.get("rating") or "",
        "source": figures.get("source") or "",
        "as_of": figures.get("as_of"),
    }


def _assign(row: AnnualFigures, figures: dict[str, Any]) -> bool:
    """Copy the package's values onto the row; True if anything changed. Columns absent from the
    package keep their stored values."""
    changed = False
    for name, value in _defaults(figures).items():
        if name not in figures:
            continue
        if getattr(row, name) != value:
            setattr(row, name, value)
            changed = True
    return changed


def write_links(validation: v.Validation, orgs: dict[str, Organisation]) -> Counts:
    unions = {orgs[u].pk for u, _, _ in validation.links}
    existing = {
        (link.union_id, link.member_id, link.joined): link
        for link in UnionMembership.objects.filter(union_id__in=unions)
    }
    counts, new, changed = Counts(), [], []
    for (union, member, joined), left in validation.links.items():
        link = existing.get((orgs[union].pk, orgs[member].pk, joined))
        if link is None:
            new.append(UnionMembership(union=orgs[union], member=orgs[member], joined=joined, left=left))
        elif link.left != left:
            link.left = left
            changed.append(link)
        else:
            counts.unchanged += 1
    return _save(UnionMembership, new, changed, ["left"], counts)


def _save(model: Any, new: list[Any], changed: list[Any], fields: list[str], counts: Counts) -> Counts:
    """Write the new and changed rows in batches and complete the counts."""
    recorder = _recorder.get()
    model.objects.bulk_create(new, batch_size=1000)
    if recorder is not None:
        recorder.created(model, new)
        recorder.updating(model, changed)
    model.objects.bulk_update(changed, fields, batch_size=500)
    counts.created, counts.updated = len(new), len(changed)
    return counts
