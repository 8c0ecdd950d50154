"""Which rows of a package the person importing may write. Every organisation a row names must be in their
scope for the sheet's action (kttt.accounts.access): a commune officer imports only their communes'
organisations, a cooperative's representative only its own figures. A row outside the scope is an error with
its place, like any bad cell, so the whole package is refused and nothing is written. An organisation the
package moves must be in scope both where it was and where it goes. Imports from the command line run as the
system and are not limited."""

from __future__ import annotations

from kttt.accounts.access import Access, Action
from kttt.exchange import cells
from kttt.exchange.reader import Sheet
from kttt.exchange.validate import Problem, Validation
from kttt.registry.models import Organisation
from kttt.registry.services import apply_location

SHEET_ACTIONS = {
    "organizations": Action.CHANGE,
    "statuses": Action.CHANGE,
    "union_members": Action.CHANGE,
    "annual": Action.ENTER,
    "officer_training": Action.ENTER,
    "assessments": Action.CHANGE,  # ratings are given by the authorities, not entered by the cooperative
    "loans": Action.APPROVE,  # the Support Fund's records: province officers
    "disbursements": Action.APPROVE,
    "repayments": Action.APPROVE,
}
CODE_COLUMNS = {"union_members": ("union_code", "member_code"), "loans": ("borrower", "member_of")}
VERBS = {
    Action.CHANGE: "thêm hoặc sửa tổ chức",
    Action.ENTER: "nhập số liệu",
    Action.APPROVE: "ghi khoản vay và phê duyệt",
}


def check_scope(validation: Validation, sheets: dict[str, Sheet], allowed: Access) -> None:
    for name, sheet in sheets.items():
        action = SHEET_ACTIONS.get(name)
        if action is None or not sheet.rows:
            continue
        if not allowed.may(action):
            message = f"Tài khoản của bạn không được {VERBS[action]}: không nhập được trang này."
            validation.errors.append(Problem(sheet.label, 0, "", message))
            continue
        for number, values in sheet.rows:
            for column in CODE_COLUMNS.get(name, ("code",)):
                code = cells.text(values.get(column))
                if code and not all(allowed.covers(org, action) for org in _places(validation, code)):
                    message = (
                        f"Tổ chức “{code}” nằm ngoài phạm vi tài khoản của bạn: bạn chỉ {VERBS[action]} "
                        "được trong địa bàn (hoặc tổ chức) mình phụ trách."
                    )
                    validation.errors.append(Problem(sheet.label, number, column, message, sheet.title(column)))


def _places(validation: Validation, code: str) -> list[Organisation]:
    """The organisation as stored and as the package states it (its new location), whichever exist."""
    found = []
    stored = validation.existing.get(code)
    if stored is not None:
        found.append(stored)
    if (record := validation.orgs.get(code)) is not None:
        stated = Organisation(pk=stored.pk if stored else None, code=code)
        apply_location(stated, record.location)
        found.append(stated)
    return found
