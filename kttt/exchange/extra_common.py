"""What the ratings, training and loan sheets share: their validated rows, where each row came from (rules that
need stored records are checked while writing, and their errors still name the sheet, row and column), and
writing through the import's recorder so that the import can be undone as a whole."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, transaction
from django.utils import timezone

from kttt.annual.models import AnnualFigures
from kttt.exchange.reader import Cell, Sheet
from kttt.exchange.validate import Known, RowReader, Validation, lifespan_issues, unknown_code, year_range_issues
from kttt.registry.models import Organisation
from kttt.support.models import Fund

if TYPE_CHECKING:
    from kttt.exchange.importer import Counts, Recorder


@dataclass(frozen=True)
class Place:
    """A row of a sheet, kept to report what the rules find while the package is written."""

    sheet: Sheet
    number: int
    values: dict[str, Cell]

    def reader(self, validation: Validation) -> RowReader:
        return RowReader(validation, self.sheet, self.number, self.values)


@dataclass
class AssessmentRow:
    place: Place
    rating: str
    typed: str  # the rating as written, kept as the reported wording when no wording is given
    wording: str


@dataclass
class TrainingRow:
    place: Place
    officers: int
    basic: int
    higher: int
    source: str


@dataclass
class Approval:
    on: dt.date | None  # both or neither, as the model requires; full_clean says so otherwise
    amount: int | None
    first_due: dt.date | None


@dataclass
class LoanRow:
    place: Place
    values: dict[str, Any]  # Loan field → value, the application only
    borrower: str
    member_of: str
    approval: Approval | None
    approval_given: bool  # the sheet has the approval columns (absent columns keep the stored approval)


@dataclass
class PaymentRow:
    place: Place
    amounts: dict[str, int]  # Disbursement.amount, or Repayment.principal and .interest


@dataclass
class Records:
    assessments: dict[tuple[str, int], AssessmentRow] = field(default_factory=dict)
    training: dict[tuple[str, int], TrainingRow] = field(default_factory=dict)
    loans: dict[str, LoanRow] = field(default_factory=dict)
    disbursements: dict[tuple[str, dt.date], PaymentRow] = field(default_factory=dict)
    repayments: dict[tuple[str, dt.date], PaymentRow] = field(default_factory=dict)
    invalid_loans: set[str] = field(default_factory=set)
    funds: dict[str, Fund] | None = None
    stored_loans: set[str] | None = None


def records(validation: Validation) -> Records:
    if validation.further is None:
        validation.further = Records()
    assert isinstance(validation.further, Records)
    return validation.further


def funds(validation: Validation) -> dict[str, Fund]:
    """The funds by name, read once per import."""
    found = records(validation)
    if found.funds is None:
        found.funds = {fund.name: fund for fund in Fund.objects.all()}
    return found.funds


def organisation(r: RowReader, column: str, code: str) -> Known | None:
    """The organisation a row names, from the package or the database; an error when there is none."""
    known = r.validation.known(code) if code else None
    if code and known is None:
        r.error(column, unknown_code(r.validation, code))
    return known


def report(r: RowReader, exc: ValidationError, column: str, columns: Mapping[str, str] | None = None) -> None:
    """A service's refusal as errors of the row: on the column of the field it names, else on `column`."""
    if hasattr(exc, "error_dict"):
        for name, messages in exc.message_dict.items():
            target = column if name == NON_FIELD_ERRORS else (columns or {}).get(name, name)
            for message in messages:
                r.error(target, message)
    else:
        for message in exc.messages:
            r.error(column, message)


@contextmanager
def without(row: models.Model | None) -> Iterator[None]:
    """Run a check as if `row` were not stored (a payment being replaced), then put everything back."""
    if row is None:
        yield
        return
    savepoint = transaction.savepoint()
    try:
        type(row)._default_manager.filter(pk=row.pk).delete()
        yield
    finally:
        transaction.savepoint_rollback(savepoint)


def recorder() -> Recorder | None:
    # Imported here, not at the top: the importer imports the modules of these sheets for their validators.
    from kttt.exchange import importer

    return importer._recorder.get()


def new_counts(created: int = 0, updated: int = 0, unchanged: int = 0) -> Counts:
    from kttt.exchange.importer import Counts

    return Counts(created, updated, unchanged)


def save(model: Any, new: Sequence[Any], changed: Sequence[Any], fields: list[str], unchanged: int) -> Counts:
    """Write new and changed rows in batches, telling the recorder; stamps `auto_now` fields bulk_update skips."""
    now = timezone.now()
    stamps = [f.name for f in model._meta.concrete_fields if getattr(f, "auto_now", False)]
    for row in changed:
        for name in stamps:
            setattr(row, name, now)
    model.objects.bulk_create(new, batch_size=1000)
    if (rec := recorder()) is not None:
        rec.created(model, new)
        rec.updating(model, changed)
    if changed:
        model.objects.bulk_update(changed, [*fields, *stamps], batch_size=500)
    return new_counts(len(new), len(changed), unchanged)


def by_code(codes: Iterable[str]) -> dict[str, Organisation]:
    codes = sorted(set(codes))
    found: dict[str, Organisation] = {}
    for start in range(0, len(codes), 500):  # stay under SQLite's bound-parameter limit
        found.update(Organisation.objects.in_bulk(codes[start : start + 500], field_name="code"))
    return found


def stored_by_year(model: Any, rows: Iterable[tuple[str, int]]) -> tuple[dict[str, Organisation], dict[Any, Any]]:
    """The organisations named by (code, year) keys, and the stored rows of `model` for them, keyed by
    (organisation id, year)."""
    keys = list(rows)
    orgs = by_code(code for code, _ in keys)
    years = {year for _, year in keys}
    found = model.objects.filter(organisation__in=orgs.values(), year__in=years)
    return orgs, {(row.organisation_id, row.year): row for row in found}


def figures_in_step(
    wanted: Mapping[tuple[int, int], dict[str, Any]], on_create: Mapping[tuple[int, int], dict[str, Any]] | None = None
) -> None:
    """Set fields of the yearly figures, (organisation id, year) → {field: value}, creating a missing row (with
    the `on_create` values too), as the ratings and training services keep the yearly figures in step."""
    if not wanted:
        return
    ids, years = {pk for pk, _ in wanted}, {year for _, year in wanted}
    stored = {
        (f.organisation_id, f.year): f for f in AnnualFigures.objects.filter(organisation_id__in=ids, year__in=years)
    }
    new, changed, fields = [], [], sorted({name for values in wanted.values() for name in values})
    for (pk, year), values in wanted.items():
        row = stored.get((pk, year))
        if row is None:
            extra = (on_create or {}).get((pk, year), {})
            new.append(AnnualFigures(organisation_id=pk, year=year, **extra, **values))
        elif not same(row, values):
            for name, value in values.items():
                setattr(row, name, value)
            changed.append(row)
    save(AnnualFigures, new, changed, fields, 0)


def same(row: models.Model, values: Mapping[str, Any]) -> bool:
    return all(getattr(row, name) == value for name, value in values.items())


def year_checks(r: RowReader, year: int | None, known: Known | None) -> None:
    """The checks the yearly figures get: a plausible year within the organisation's life."""
    if year is None:
        return
    if out_of_range := year_range_issues(year):
        r.report(out_of_range)
    elif known is not None:
        r.report(lifespan_issues(year, known.established, known.dissolved))
