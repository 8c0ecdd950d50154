"""Writes of yearly figures and of their drafts. The checks are those of the data-package importer
(kttt.exchange.validate) plus the year-on-year comparison that only an officer typing one record can act on."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kttt.annual.models import FIGURES, NUMBER_FIELDS, AnnualFigures, FiguresDraft, State
from kttt.annual.workflow import locked_message
from kttt.audit.conflicts import Conflict, check_version
from kttt.audit.models import Action
from kttt.audit.services import Actor, diff, record, snapshot
from kttt.exchange.validate import Issue, consistency_issues, lifespan_issues, rule_issues, year_range_issues
from kttt.numbers import number
from kttt.registry.models import Organisation
from kttt.rules.checks import RuleBook

TEXT_FIELDS = ("rating", "source")
VALUE_FIELDS = (*NUMBER_FIELDS, *TEXT_FIELDS, "as_of")

# A figure that grew or shrank tenfold in a year is more often a slip than news: a zero too many or too few,
# or an amount typed in millions instead of đồng. Such jumps warn (the officer confirms); they never block,
# since a new contract or a merger can really do it.
JUMP_FACTOR = 10
JUMP_FIELDS = ("members", "charter_capital", "total_capital", "revenue")

LABELS = {name: label for name, label, _unit in FIGURES}
UNITS = {name: unit for name, _label, unit in FIGURES}


@dataclass
class FiguresReview:
    """Blocking problems and warnings, each placed on the figure (column) it concerns."""

    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)

    def add(self, issues: list[Issue]) -> None:
        for issue in issues:
            (self.errors if issue.blocking else self.warnings).append(issue)

    def error_dict(self) -> dict[str, list[str]]:
        errors: dict[str, list[str]] = {}
        for issue in self.errors:
            errors.setdefault(issue.column, []).append(issue.message)
        return errors


def year_problem(org: Organisation, year: int) -> str | None:
    """Why figures cannot be entered for this year at all (the importer's messages), or None."""
    issues = year_range_issues(year) or lifespan_issues(year, org.established, org.dissolved)
    return " ".join(issue.message for issue in issues) or None


def figure_years(org: Organisation) -> list[int]:
    """The years the organisation existed in, latest first: the years that can have figures."""
    last = min(dt.date.today().year, org.dissolved.year if org.dissolved else dt.date.today().year)
    return [year for year in range(last, max(org.established.year, 1990) - 1, -1)]


def previous_figures(org: Organisation, year: int) -> AnnualFigures | None:
    return AnnualFigures.objects.filter(organisation=org, year=year - 1).first()


def review_figures(
    org: Organisation, year: int, values: dict[str, Any], previous: AnnualFigures | None = None
) -> FiguresReview:
    """Every check of one organisation-year: contradictions and blocking legal rules are errors; jumps from last
    year, warning rules (with their law and article) and an implausible income are warnings."""
    review = FiguresReview()
    if problem := year_problem(org, year):
        review.errors.append(Issue("year", problem))
        return review
    review.add(consistency_issues(values))
    review.add(_as_of_issues(org, year, values.get("as_of")))
    review.add(rule_issues(RuleBook.load(), org.kind, f"{org.code} năm {year}", year, values))
    if previous is not None:
        review.add(jump_issues(values, previous))
    return review


def _as_of_issues(org: Organisation, year: int, day: dt.date | None) -> list[Issue]:
    if day is None:
        return []
    if day > dt.date.today():
        return [Issue("as_of", _("The date %(date)s is in the future.") % {"date": f"{day:%d/%m/%Y}"})]
    if day < org.established or (org.dissolved is not None and day >= org.dissolved):
        message = _("On %(date)s the organisation did not exist: it was established on %(established)s.")
        if org.dissolved is not None and day >= org.dissolved:
            message = _("On %(date)s the organisation did not exist: it ceased to operate on %(ended)s.")
        dates = {"date": f"{day:%d/%m/%Y}", "established": f"{org.established:%d/%m/%Y}"}
        return [Issue("as_of", message % (dates | {"ended": f"{org.dissolved:%d/%m/%Y}" if org.dissolved else ""}))]
    if day.year != year:
        message = _("The figures are dated %(date)s, outside the year %(year)s: check the date or the year.")
        return [Issue("as_of", message % {"date": f"{day:%d/%m/%Y}", "year": year}, blocking=False)]
    return []


def jump_issues(values: dict[str, Any], previous: AnnualFigures) -> list[Issue]:
    """Warn when a figure is JUMP_FACTOR times (or 1/JUMP_FACTOR of) last year's."""
    issues = []
    for name in JUMP_FIELDS:
        now, before = values.get(name), getattr(previous, name)
        if now is None or not before or before < 0 or now < 0:
            continue
        if now >= before * JUMP_FACTOR or now * JUMP_FACTOR <= before:
            issues.append(Issue(name, _jump_message(name, before, now, previous.year), blocking=False))
    return issues


def _jump_message(name: str, before: int, now: int, year: int) -> str:
    change = {"figure": LABELS[name], "before": number(before), "after": number(now), "year": year}
    change["unit"] = UNITS[name]
    if now > before:
        message = _(
            "%(figure)s rose from %(before)s to %(after)s (×%(factor)s) since %(year)s: check the unit (%(unit)s) "
            "and the number of digits."
        )
        return message % (change | {"factor": number(now / before, 1)})
    message = _(
        "%(figure)s fell from %(before)s to %(after)s since %(year)s: check the unit (%(unit)s) and the number "
        "of digits."
    )
    return message % change


def save_figures(
    org: Organisation, year: int, values: dict[str, Any], actor: Actor = None, *, version: int | None = None
) -> AnnualFigures:
    """Write the figures of one organisation-year and delete its draft, in one transaction. Values absent from
    `values` keep what is stored. Raises ValidationError, keyed by figure, on a blocking problem. `actor`, the
    officer saving, is named in the audit trail. `version`: the version of the stored figures the person read (0:
    there were none); a change made since is not overwritten (kttt.audit.conflicts.Conflict)."""
    with transaction.atomic():
        review = review_figures(org, year, values, previous_figures(org, year))
        if review.errors:
            raise ValidationError(review.error_dict())
        row = AnnualFigures.objects.select_for_update().filter(organisation=org, year=year).first()
        if row is not None:
            check_version(row, version)
        elif version:  # read when there were figures: they were deleted meanwhile
            raise Conflict("Không lưu: số liệu năm này vừa bị xóa bởi một người khác; hãy mở lại trang.", 0)
        row = row or AnnualFigures(organisation=org, year=year)
        if row.state == State.APPROVED:
            raise ValidationError(locked_message(row))
        before = snapshot(row, VALUE_FIELDS) if row.pk else {}
        for name in VALUE_FIELDS:
            if name in values:
                blank = "" if name in TEXT_FIELDS else None
                setattr(row, name, blank if values[name] is None else values[name])
        created = row.pk is None
        changes = diff(before, snapshot(row, VALUE_FIELDS))
        if changes and row.state == State.SUBMITTED:  # changed after submission: to be submitted again
            changes["state"] = [row.get_state_display(), State.SAVED.label]
            row.state = State.SAVED
        if changes and not created:
            row.version += 1
        row.save()
        if created or changes:
            record(actor, Action.CREATE if created else Action.UPDATE, row, changes)
        _delete_draft(org, year, actor, "Số liệu đã được lưu.")
        return row


def save_draft(org: Organisation, year: int, data: dict[str, str], actor: Actor = None) -> FiguresDraft:
    """Keep exactly what was typed, unchecked; one draft per organisation and year, the latest wins."""
    saved_by = actor if isinstance(actor, AbstractBaseUser) else None
    with transaction.atomic():
        stored = FiguresDraft.objects.select_for_update().filter(organisation=org, year=year).first()
        before = dict(stored.data) if stored else {}
        draft, created = FiguresDraft.objects.update_or_create(
            organisation=org, year=year, defaults={"data": data, "saved_by": saved_by}
        )
        record(actor, Action.CREATE if created else Action.UPDATE, draft, diff(before, data))
    return draft


def discard_draft(org: Organisation, year: int, actor: Actor = None) -> None:
    with transaction.atomic():
        _delete_draft(org, year, actor)


def _delete_draft(org: Organisation, year: int, actor: Actor, reason: str = "") -> None:
    for draft in FiguresDraft.objects.filter(organisation=org, year=year):
        record(actor, Action.DELETE, draft, diff(dict(draft.data), {}), reason)
        draft.delete()
