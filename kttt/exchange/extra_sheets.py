"""The sheets of ratings, key-officer training and Support-Fund loans, as the importer sees them.

Their cells, references and the rules that need nothing stored are checked with the other sheets, before
anything is written (`VALIDATORS`, `cross_check`). The rules of the services that read stored records (a rating
scheme's eligibility, a borrower's status, a loan's balance) are checked by `write`, inside the import's
transaction once organisations and statuses are written: an error there adds to the validation's errors and
the importer rolls everything back, so a package is still written whole or not at all."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from kttt.exchange.columns import COLUMNS
from kttt.exchange.extra_loans import (
    validate_disbursement,
    validate_loan,
    validate_repayment,
    write_loans,
    write_payments,
)
from kttt.exchange.extra_ratings import check_annual_ratings, validate_assessment, write_assessments
from kttt.exchange.extra_training import check_annual_managers, validate_officer_training, write_officer_training
from kttt.exchange.reader import Cell, Sheet
from kttt.exchange.validate import Validation

if TYPE_CHECKING:
    from kttt.exchange.importer import Counts

Validator = Callable[[Validation, Sheet, int, dict[str, Cell]], None]

SHEETS = ("assessments", "officer_training", "loans", "disbursements", "repayments")
REQUIRED = {name: tuple(c.key for c in COLUMNS[name] if c.required) for name in SHEETS}
VALIDATORS: dict[str, Validator] = {
    "assessments": validate_assessment,
    "officer_training": validate_officer_training,
    "loans": validate_loan,  # before the payments, which name loans
    "disbursements": validate_disbursement,
    "repayments": validate_repayment,
}
STAGE_LABELS = {
    "assessments": "Kiểm tra xếp loại",
    "officer_training": "Kiểm tra đào tạo cán bộ",
    "loans": "Kiểm tra khoản vay",
    "disbursements": "Kiểm tra giải ngân",
    "repayments": "Kiểm tra trả nợ",
}
# Columns naming organisations besides code, union_code and member_code: the importer looks them up.
ORGANISATION_COLUMNS = ("borrower", "member_of")


def cross_check(validation: Validation, sheets: dict[str, Sheet]) -> None:
    """The annual sheet against stored assessments and training records: one truth for a year's rating and
    key officers."""
    annual = sheets.get("annual")
    if annual is not None:
        check_annual_ratings(validation, annual)
        check_annual_managers(validation, annual)


def write(validation: Validation) -> dict[str, Counts]:
    """Check the services' rules and write the further sheets; errors are added to `validation.errors`."""
    counts = {
        "assessments": write_assessments(validation),
        "officer_training": write_officer_training(validation),
        "loans": write_loans(validation),
    }
    counts["disbursements"], counts["repayments"] = write_payments(validation)
    return {name: c for name, c in counts.items() if c.created or c.updated or c.unchanged}
