"""The loans, disbursements and repayments sheets of Support-Fund lending, checked by the rules of
kttt.support.services (register_loan, approve, disburse, repay) against the records as they stand once the
package's organisations are written. An approved loan gets its quarterly repayment schedule, as approve() gives
it; an approval is never changed afterwards. Payments are checked in date order, each against the loan as the
payments before it left it, so a package holds a loan's whole history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError

from kttt.exchange import cells
from kttt.exchange.extra_common import (
    Approval,
    LoanRow,
    PaymentRow,
    Place,
    by_code,
    funds,
    new_counts,
    organisation,
    recorder,
    records,
    report,
    same,
    save,
    without,
)
from kttt.exchange.reader import Cell, Sheet
from kttt.exchange.validate import RowReader, Validation
from kttt.registry.models import Organisation
from kttt.support.models import Disbursement, Fund, Loan, Repayment, ScheduledRepayment
from kttt.support.rules import check_disbursement, check_repayment
from kttt.support.services import (
    MONTHS_PER_INSTALMENT,
    add_months,
    check_application,
    check_approval,
    check_not_approved,
    check_schedule,
    quarterly_schedule,
)

if TYPE_CHECKING:
    from kttt.exchange.importer import Counts

AMOUNTS = ("project_cost", "own_funds", "amount_requested", "term_months")
APPROVAL = ["approved_on", "amount_approved", "first_due"]
FIELDS = [
    "fund",
    "borrower",
    "borrower_member_name",
    "member_of",
    "purpose",
    *AMOUNTS,
    "applied_on",
    "interest_rate_percent_per_year",
    *APPROVAL,
]
# Where a refusal is shown: the column of the model field, or of the rule (ValidationError codes of the services).
FIELD_COLUMNS = {"interest_rate_percent_per_year": "interest_rate"}
RULE_COLUMNS = {
    "own-funds": "own_funds",
    "limit": "amount_requested",
    "approval-date": "approved_on",
    "approval-amount": "amount_approved",
}


def validate_loan(v: Validation, sheet: Sheet, number: int, values: dict[str, Cell]) -> None:
    r = RowReader(v, sheet, number, values)
    code = r.text("code", required=True, max_length=40)
    fund = _fund(r, v)
    borrower, member_of = r.text("borrower", max_length=40), r.text("member_of", max_length=40)
    for column, org_code in (("borrower", borrower), ("member_of", member_of)):
        organisation(r, column, org_code)
    application: dict[str, Any] = {
        "fund": fund,
        "borrower_member_name": r.text("borrower_member_name", max_length=200),
        "purpose": r.text("purpose", required=True, max_length=2000),
        **{name: r.parse(name, cells.integer, required=True) for name in AMOUNTS},
        "applied_on": r.parse("applied_on", cells.date, required=True),
        "interest_rate_percent_per_year": r.parse("interest_rate", cells.decimal, required=True),
    }
    approval = _approval(r)
    loans = records(v).loans
    if code in loans:
        r.error("code", f"Số hồ sơ vay “{code}” xuất hiện hai lần.")
    given = bool({"approved_on", "amount_approved"} & set(sheet.columns))
    if r.ok:
        loans[code] = LoanRow(Place(sheet, number, values), application, borrower, member_of, approval, given)
    elif code:
        records(v).invalid_loans.add(code)


def _fund(r: RowReader, v: Validation) -> Fund | None:
    name = r.text("fund", required=True)
    known = funds(v)
    if name and not known:
        r.error("fund", "Chưa có quỹ hỗ trợ phát triển HTX nào trong KTTT: thêm quỹ trong trang quản trị trước.")
    elif name:
        chosen = r.parse("fund", cells.choice, [(fund, fund) for fund in known], "Quỹ cho vay")
        return known[chosen] if chosen else None
    return None


def _approval(r: RowReader) -> Approval | None:
    on, amount = r.parse("approved_on", cells.date), r.parse("amount_approved", cells.integer)
    first_due = r.parse("first_due", cells.date)
    if on is None and amount is None:
        if first_due is not None:
            r.error("first_due", "Chỉ ghi kỳ trả nợ đầu tiên khi khoản vay đã được phê duyệt.")
        return None
    return Approval(on, amount, first_due)


def write_loans(v: Validation) -> Counts:
    rows = records(v).loans
    if not rows:
        return new_counts()
    orgs = by_code(code for row in rows.values() for code in (row.borrower, row.member_of) if code)
    stored = Loan.objects.in_bulk(list(rows), field_name="code")
    new: list[Loan] = []
    changed: list[Loan] = []
    approved: list[Loan] = []
    unchanged = 0
    for code, row in rows.items():
        loan, r = stored.get(code) or Loan(code=code), row.place.reader(v)
        before = _state(loan) if loan.pk else None
        _assign(loan, row, orgs)
        newly = _approve(r, loan, row)
        if before is not None and _state(loan) == before:
            unchanged += 1
        elif _checked(r, loan, newly):
            (changed if loan.pk else new).append(loan)
            approved += [loan] if newly else []
    counts = save(Loan, new, changed, FIELDS, unchanged)
    schedule = [
        ScheduledRepayment(loan=loan, due_date=i.due_date, principal=i.principal, interest=i.interest)
        for loan in approved
        for i in quarterly_schedule(loan)
    ]
    save(ScheduledRepayment, schedule, [], [], 0)
    return counts


def _state(loan: Loan) -> list[Any]:
    attnames = {f.name: f.attname for f in Loan._meta.concrete_fields}
    return [getattr(loan, attnames[name]) for name in FIELDS]


def _assign(loan: Loan, row: LoanRow, orgs: dict[str, Organisation]) -> None:
    for name, value in row.values.items():
        setattr(loan, name, value)
    loan.borrower = orgs[row.borrower] if row.borrower else None
    loan.member_of = orgs[row.member_of] if row.member_of else None


def _approve(r: RowReader, loan: Loan, row: LoanRow) -> bool:
    """Apply the row's approval to a loan not approved yet; True if it approves the loan now. A different
    approval of an approved loan is refused, as approve() refuses a second approval."""
    wanted = row.approval
    if not row.approval_given:
        return False
    if loan.approved_on is not None:
        first_due = (wanted.first_due or loan.first_due) if wanted else None
        if wanted is None or [wanted.on, wanted.amount, first_due] != [getattr(loan, f) for f in APPROVAL]:
            try:
                check_not_approved(loan)
            except ValidationError as exc:
                report(r, exc, "approved_on")
        return False
    if wanted is None:
        return False
    loan.approved_on, loan.amount_approved = wanted.on, wanted.amount
    loan.first_due = wanted.first_due or (add_months(wanted.on, MONTHS_PER_INSTALMENT) if wanted.on else None)
    return True


def _checked(r: RowReader, loan: Loan, newly: bool) -> bool:
    """The services' rules on the application, the approval and its schedule, then the model's own checks."""
    steps: list[tuple[Callable[[], None], str]] = [(lambda: check_application(loan), _borrower_column(loan))]
    if loan.approved_on is not None and loan.amount_approved is not None:
        on, amount = loan.approved_on, loan.amount_approved
        steps.append((lambda: check_approval(loan, on, amount), "approved_on"))
        if newly:
            steps.append((lambda: check_schedule(loan, quarterly_schedule(loan)), "first_due"))
    steps.append((loan.full_clean, "approved_on"))
    for step, column in steps:
        try:
            step()
        except ValidationError as exc:
            code = getattr(exc, "code", None)
            report(r, exc, RULE_COLUMNS.get(code or "", column), FIELD_COLUMNS)
            return False
    return r.ok


def _borrower_column(loan: Loan) -> str:
    return "member_of" if loan.borrower_id is None and loan.member_of_id is not None else "borrower"


# --- disbursements and repayments --------------------------------------------------------------------------


def _loan_code(r: RowReader, v: Validation) -> str:
    code = r.text("loan", required=True)
    found = records(v)
    if found.stored_loans is None:
        found.stored_loans = set(Loan.objects.values_list("code", flat=True))
    if code in found.invalid_loans:
        r.error("loan", f"Khoản vay “{code}” có lỗi ở trang loans (xem lỗi của dòng đó).")
    elif code and code not in found.loans and code not in found.stored_loans:
        r.error("loan", f"Không có khoản vay số “{code}” trong gói dữ liệu hay trong cơ sở dữ liệu.")
    return code


def _payment(v: Validation, sheet: Sheet, number: int, values: dict[str, Cell], amounts: dict[str, Any]) -> None:
    r = RowReader(v, sheet, number, values)
    code = _loan_code(r, v)
    day = r.parse("date", cells.date, required=True)
    rows = records(v).disbursements if sheet.name == "disbursements" else records(v).repayments
    if day is not None and (code, day) in rows:
        r.error("date", f"Khoản vay “{code}” có hai dòng ngày {day:%d/%m/%Y} trong trang này.")
    if r.ok and day is not None and None not in amounts.values():
        rows[(code, day)] = PaymentRow(Place(sheet, number, values), amounts)


def validate_disbursement(v: Validation, sheet: Sheet, number: int, values: dict[str, Cell]) -> None:
    r = RowReader(v, sheet, number, values)
    _payment(v, sheet, number, values, {"amount": r.parse("amount", cells.integer, required=True)})


def validate_repayment(v: Validation, sheet: Sheet, number: int, values: dict[str, Cell]) -> None:
    r = RowReader(v, sheet, number, values)
    amounts = {name: r.parse(name, cells.integer) or 0 for name in ("principal", "interest")}  # blank: nothing paid
    _payment(v, sheet, number, values, amounts if r.ok else {"principal": None})


Payment = type[Disbursement] | type[Repayment]
CHECKS: dict[Payment, tuple[Callable[[Loan, dt.date, dict[str, int]], None], str]] = {
    Disbursement: (lambda loan, day, a: check_disbursement(loan, day, a["amount"]), "amount"),
    Repayment: (lambda loan, day, a: check_repayment(loan, day, a["principal"], a["interest"]), "principal"),
}


def write_payments(v: Validation) -> tuple[Counts, Counts]:
    """Disbursements and repayments in date order (a disbursement before a repayment of the same day)."""
    found = records(v)
    items = sorted(
        [(day, 0, code, row, Disbursement) for (code, day), row in found.disbursements.items()]
        + [(day, 1, code, row, Repayment) for (code, day), row in found.repayments.items()],
        key=lambda item: item[:3],
    )
    counts = {Disbursement: new_counts(), Repayment: new_counts()}
    loans = Loan.objects.in_bulk({code for _, _, code, _, _ in items}, field_name="code")
    stored: dict[tuple[Payment, int, dt.date], Disbursement | Repayment] = {}
    for model in (Disbursement, Repayment):
        stored |= {(model, p.loan_id, p.date): p for p in model._default_manager.filter(loan__in=loans.values())}
    for day, _, code, row, model in items:
        if code not in loans:  # the loan's own row was refused, and said so
            continue
        loan = loans[code]
        old = stored.get((model, loan.pk, day))
        if old is not None and same(old, row.amounts):
            counts[model].unchanged += 1
            continue
        check, column = CHECKS[model]
        try:
            with without(old):
                check(loan, day, row.amounts)
        except ValidationError as exc:
            report(row.place.reader(v), exc, column)
            continue
        _write_payment(model, loan, day, row.amounts, old)
        counts[model].created += old is None
        counts[model].updated += old is not None
    return counts[Disbursement], counts[Repayment]


def _write_payment(model: Payment, loan: Loan, day: dt.date, amounts: dict[str, int], old: Any) -> None:
    rec = recorder()
    if old is None:
        created = model._default_manager.create(loan=loan, date=day, **amounts)
        if rec is not None:
            rec.created(model, [created])
        return
    if rec is not None:
        rec.updating(model, [old])
    for name, value in amounts.items():
        setattr(old, name, value)
    old.save(update_fields=list(amounts))
