"""Everything the organisation page shows, read in a fixed number of queries however long its history."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from kttt.annual.models import FIGURES, NUMBER_FIELDS, AnnualFigures
from kttt.numbers import number
from kttt.ratings.models import Assessment
from kttt.registry.models import Organisation, StatusChange, UnionMembership
from kttt.registry.queries import with_status
from kttt.rules.checks import Finding, RuleBook
from kttt.rules.models import Severity
from kttt.support.models import Loan
from kttt.support.status import LoanStatus, with_state
from kttt.training.models import Attendance, OfficerTraining
from kttt.web.svg import Line, line_chart
from kttt.web.templatetags.kttt import DASH

MILLION = 1_000_000
# Badge classes: how worrying each loan status is.
LOAN_BADGES = {
    LoanStatus.CURRENT: "good",
    LoanStatus.REPAID: "good",
    LoanStatus.OVERDUE: "warn",
    LoanStatus.BAD_DEBT: "bad",
}


@dataclass(frozen=True)
class FigureColumn:
    name: str
    label: str
    unit: str
    money: bool = False
    digits: int = 0

    def show(self, value: int | None) -> str:
        if value is None:
            return DASH
        return number(value / MILLION if self.money else value, self.digits)


def figure_columns() -> list[FigureColumn]:
    """Every yearly figure; money in millions of đồng so that a row of thirteen figures stays readable."""
    million = _("million đồng")
    columns = []
    for name, label, unit in FIGURES:
        money = unit.startswith("đồng")
        shown = unit.replace("đồng", million, 1) if money else unit
        columns.append(FigureColumn(name, label, shown, money, 1 if name == "avg_income" else 0))
    return columns


@dataclass(frozen=True)
class RuleWarning:
    year: int
    finding: Finding

    @property
    def badge(self) -> str:
        return "bad" if self.finding.severity == Severity.ERROR else "warn"

    @property
    def label(self) -> str:
        return _("Error") if self.finding.severity == Severity.ERROR else _("Warning")


@dataclass
class YearRow:
    figures: AnnualFigures
    cells: list[str]
    warnings: int = 0


@dataclass
class Profile:
    organisation: Organisation
    history: list[StatusChange]
    columns: list[FigureColumn]
    years: list[YearRow]
    warnings: list[RuleWarning]
    unions: list[UnionMembership]
    members: list[UnionMembership]
    assessments: list[Assessment]
    training: list[OfficerTraining]
    courses: list[Attendance]
    loans: list[Any]
    next_year: int | None
    charts: list[tuple[str, SafeString]] = field(default_factory=list)
    loans_without_state: bool = False


def profile_queryset(organisations: QuerySet[Organisation]) -> QuerySet[Organisation]:
    """The organisation with its units and today's status, in one query."""
    return with_status(organisations).select_related(
        "province", "area", "area__parent", "former_province", "current_province", "former_district",
        "current_commune",
    )  # fmt: skip


def build_profile(org: Organisation, today: dt.date) -> Profile:
    """Nine queries: history, figures, rules, union links, ratings, training, courses, the loans and their rule."""
    figures = list(org.annual_figures.order_by("year"))
    columns = figure_columns()
    warnings = rule_warnings(org, figures)
    per_year = Counter(w.year for w in warnings)
    linked = UnionMembership.objects.filter(Q(union=org) | Q(member=org)).select_related("union", "member")
    links = list(linked.order_by("joined"))
    loans, without_state = organisation_loans(org, today)
    return Profile(
        organisation=org,
        history=list(org.status_changes.order_by("date", "id")),
        columns=columns,
        years=[YearRow(f, [c.show(getattr(f, c.name)) for c in columns], per_year.get(f.year, 0)) for f in figures],
        warnings=warnings,
        unions=[link for link in links if link.member_id == org.pk],
        members=[link for link in links if link.union_id == org.pk],
        assessments=list(Assessment.objects.filter(organisation=org).select_related("scheme").order_by("year")),
        training=list(OfficerTraining.objects.filter(organisation=org).order_by("year")),
        courses=list(Attendance.objects.filter(organisation=org).select_related("course").order_by("-course__start")),
        loans=loans,
        loans_without_state=without_state,
        next_year=next_year(org, [f.year for f in figures], today),
        charts=charts(figures),
    )


def rule_warnings(org: Organisation, figures: list[AnnualFigures]) -> list[RuleWarning]:
    """The legal rules in force on each year's date, applied to that year's figures (one query)."""
    book = RuleBook.load()
    found = []
    for row in figures:
        values = {name: getattr(row, name) for name in NUMBER_FIELDS}
        record = _("Year %(year)s") % {"year": row.year}
        found += [RuleWarning(row.year, f) for f in book.check_figures(org.kind, values, row.reference_date, record)]
    return found


def organisation_loans(org: Organisation, today: dt.date) -> tuple[list[Any], bool]:
    """Loans to the organisation or to its members, with their state today. Without a bad-debt rule in
    force the state cannot be derived; the loans are listed without it rather than hiding them."""
    loans = Loan.objects.filter(Q(borrower=org) | Q(member_of=org)).select_related("fund")
    try:
        rows = list(with_state(loans, today).order_by("applied_on", "code"))
    except LookupError:
        return list(loans.order_by("applied_on", "code")), True
    for loan in rows:
        loan.status_label = LoanStatus(loan.status).label
        loan.badge = LOAN_BADGES.get(loan.status, "")
    return rows, False


def next_year(org: Organisation, years: list[int], today: dt.date) -> int | None:
    """The first year after the last one reported (or the founding year), if the organisation was still
    operating then and the year has begun; None when every year is in."""
    last = min(today.year, org.dissolved.year if org.dissolved else today.year)
    candidate = years[-1] + 1 if years else org.established.year
    return candidate if candidate <= last else None


def charts(figures: list[AnnualFigures]) -> list[tuple[str, SafeString]]:
    """Members and workers, and revenue, over the years; nothing to draw before two years are in."""
    if len(figures) < 2:
        return []
    # Every year from the first to the last, so that a year without figures shows as a gap in the line.
    by_year = {f.year: f for f in figures}
    years = list(range(figures[0].year, figures[-1].year + 1))

    def series(name: str, scale: float = 1) -> list[float | None]:
        values = [getattr(by_year[y], name) if y in by_year else None for y in years]
        return [None if v is None else v / scale for v in values]

    people_title, money_title = _("Members and regular workers"), _("Revenue (million đồng)")
    lines = [Line(_("Members"), series("members")), Line(_("Regular workers"), series("workers"))]
    people = line_chart(people_title, years, lines, _("people"))
    money = line_chart(money_title, years, [Line(_("Revenue"), series("revenue", MILLION))], _("million đồng"))
    return [(people_title, people), (money_title, money)]
