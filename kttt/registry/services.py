"""Writes to the registry. Every path that changes an organisation goes through here.

The create/update/status functions check the same rules as the data-package importer (kttt.exchange.validate)
and raise ValidationError, keyed by field, when one is broken: the web forms call them, and so can any other
caller, without HTTP.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils.translation import gettext as _

from kttt.accounts.access import Action as Right
from kttt.accounts.access import User, access
from kttt.areas.gazetteer import Location, shared_gazetteer
from kttt.areas.models import REFORM_DATE, AdminUnit, Level
from kttt.audit.conflicts import check_version
from kttt.audit.models import Action
from kttt.audit.services import Actor, diff, record, record_created, snapshot
from kttt.registry.models import TERMINAL_STATUSES, Kind, Organisation, StatusChange, UnionMembership
from kttt.rules.checks import RuleBook
from kttt.rules.models import Measure


def apply_location(org: Organisation, location: Location) -> None:
    org.province = location.province
    org.area = location.area
    org.former_province = location.former_province
    org.current_province = location.current_province
    org.former_district = location.former_district
    org.current_commune = location.current_commune


def location_covered(user: User, data: OrganisationData) -> bool:
    """Whether the person may change an organisation at the place `data` puts it: a new seat or a move is
    checked as a saved organisation would be, on its derived location columns."""
    probe = Organisation()
    apply_location(probe, shared_gazetteer().locate(data.province, data.area))
    return access(user).covers(probe, Right.CHANGE)


def end_date(changes: Iterable[tuple[dt.date, str]]) -> dt.date | None:
    """The date an organisation stopped existing: its last dissolution or revocation, unless a later
    change (re-registration, resumption) brought it back."""
    ended: dt.date | None = None
    for day, status in sorted(changes):
        ended = day if status in TERMINAL_STATUSES else None
    return ended


def refresh_dissolved(org: Organisation) -> None:
    org.dissolved = end_date(org.status_changes.values_list("date", "status"))
    Organisation.objects.filter(pk=org.pk).update(dissolved=org.dissolved)


@dataclass(frozen=True)
class OrganisationData:
    """What an officer states about an organisation; the derived location columns are computed from it."""

    code: str
    name: str
    kind: str
    sector: str
    province: AdminUnit
    area: AdminUnit | None
    established: dt.date


@dataclass
class Review:
    """Errors by field name ("__all__" for the whole record) and warnings that do not stop a write."""

    errors: dict[str, list[str]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def error(self, name: str, message: str) -> None:
        self.errors.setdefault(name, []).append(message)

    def raise_errors(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)


def review_organisation(data: OrganisationData, org: Organisation | None = None) -> Review:
    """Check a new organisation (org None) or the new state of `org` against the registry's rules."""
    # The shared checks are imported inside functions: kttt.exchange.validate imports this module (end_date).
    from kttt.exchange.validate import establishment_issues

    review = Review()
    same_code = Organisation.objects.filter(code=data.code)
    taken = (same_code.exclude(pk=org.pk) if org else same_code).first()
    if not data.code:
        review.error("code", _("Enter the organisation's code."))
    elif taken:
        review.error("code", _("The code “%(code)s” is already used by %(name)s.") % {"code": data.code, "name": taken})
    for issue in establishment_issues(data.established, None):
        review.error("established", issue.message)
    _check_location(review, data)
    if org is not None:
        _check_history(review, org, data)
        _check_unions(review, org, data.kind)
        if data.kind != org.kind:
            _check_figures_under_kind(review, org, data.kind)
    elif data.kind == Kind.LHHTX:
        _remind_union_members(review, data.established)
    return review


def _check_location(review: Review, data: OrganisationData) -> None:
    """The province and the commune (or, before 1/7/2025, the district) must be units of the establishment date."""
    day, province, area = data.established, data.province, data.area
    if not province.in_force_on(day):
        review.error("province", _unit_not_in_force(province, day))
        return
    if area is None:
        return
    if area.level == Level.DISTRICT and day >= REFORM_DATE:
        review.error("area", _("From 1/7/2025 there are no districts: choose the new commune or ward."))
    elif not area.in_force_on(day):
        review.error("area", _unit_not_in_force(area, day))
    elif area.province_id != province.pk:
        message = _("%(area)s is not in %(province)s.") % {"area": area.name, "province": province.name}
        review.error("area", message)


def _unit_not_in_force(unit: AdminUnit, day: dt.date) -> str:
    """Names the units of the other scheme (before/after 1/7/2025), the usual cause of the mismatch."""
    if day >= REFORM_DATE:
        hint = _("after 1/7/2025 choose a unit of the new two-tier system")
    else:
        hint = _("before 1/7/2025 choose a unit of the former three-tier system")
    return _("%(unit)s was not in force on %(date)s: %(hint)s.") % {
        "unit": unit.name,
        "date": f"{day:%d/%m/%Y}",
        "hint": hint,
    }


def _check_history(review: Review, org: Organisation, data: OrganisationData) -> None:
    """A new establishment date may not leave earlier status changes, figures or union links before it."""
    from kttt.exchange.validate import lifespan_issues

    first = org.status_changes.order_by("date").first()
    if first and first.date < data.established:
        message = _("The status change of %(date)s (%(status)s) would come before the establishment date.")
        review.error("established", message % {"date": f"{first.date:%d/%m/%Y}", "status": first.get_status_display()})
    earliest = org.annual_figures.order_by("year").values_list("year", flat=True).first()
    if earliest is not None:
        for issue in lifespan_issues(earliest, data.established, None):
            review.error("established", _("Yearly figures are stored: %(problem)s") % {"problem": issue.message})
    links = UnionMembership.objects.filter(Q(union=org) | Q(member=org), joined__lt=data.established)
    if joined := links.order_by("joined").values_list("joined", flat=True).first():
        message = _("A union membership starts on %(date)s, before the establishment date.")
        review.error("established", message % {"date": f"{joined:%d/%m/%Y}"})


def _check_unions(review: Review, org: Organisation, kind: str) -> None:
    """Both cooperative laws define a union as founded by cooperatives (Law 2012 Art. 3(2); Law 2023 Art. 4(8)),
    so a kind that breaks an existing membership is refused, as the importer refuses such a link."""
    from kttt.exchange.validate import UNION_MEMBER_KINDS

    members = org.member_links.count()
    if members and kind != Kind.LHHTX:
        message = _("This union has %(count)s member cooperatives: it must stay a union of cooperatives.")
        review.error("kind", message % {"count": members})
    union = org.union_links.select_related("union").first()
    if union and kind not in UNION_MEMBER_KINDS:
        message = _("It is a member of %(union)s, and the members of a union must be cooperatives.")
        review.error("kind", message % {"union": union.union})


def _check_figures_under_kind(review: Review, org: Organisation, kind: str) -> None:
    """The legal thresholds depend on the kind: stored figures are checked again under the new one."""
    from kttt.exchange.validate import rule_issues

    rules = RuleBook.load()
    for row in org.annual_figures.order_by("year"):
        values = {name: getattr(row, name) for name in ("members", "charter_capital", "max_member_capital")}
        values |= {"foreign_capital": row.foreign_capital, "as_of": row.as_of}
        for issue in rule_issues(rules, kind, f"{org.code} năm {row.year}", row.year, values):
            if issue.blocking:
                review.error("kind", issue.message)
            else:
                review.warnings.append(issue.message)


def _remind_union_members(review: Review, established: dt.date) -> None:
    for rule in RuleBook.load().in_force(Measure.MIN_MEMBERS, Kind.LHHTX, established):
        message = _("A union needs at least %(count)s member cooperatives (%(citation)s): record its members.")
        review.warnings.append(message % {"count": f"{rule.threshold:.0f}", "citation": rule.citation})


# What an officer states about an organisation: the fields its audit entries show before and after.
STATED_FIELDS = ("code", "name", "kind", "sector", "province", "area", "established")
STATUS_FIELDS = ("date", "status", "document", "note")


def create_organisation(data: OrganisationData, *, actor: Actor = None) -> Organisation:
    """Write a new organisation with its derived location columns. Raises ValidationError, writing nothing."""
    with transaction.atomic():
        review_organisation(data).raise_errors()
        org = Organisation(is_demo=False)
        _assign(org, data)
        record_created(actor, org, STATED_FIELDS)
        return org


def update_organisation(
    org: Organisation, data: OrganisationData, *, actor: Actor = None, version: int | None = None
) -> Organisation:
    """Change an organisation's stated fields and recompute its derived location columns. `version`: the version
    the person read; a change made since is not overwritten (kttt.audit.conflicts.Conflict)."""
    with transaction.atomic():
        stored = Organisation.objects.select_for_update().get(pk=org.pk)
        check_version(stored, version)
        review_organisation(data, org).raise_errors()
        before = snapshot(stored, STATED_FIELDS)
        org.version = stored.version
        _assign(org, data)
        if changes := diff(before, snapshot(org, STATED_FIELDS)):
            Organisation.objects.filter(pk=org.pk).update(version=F("version") + 1)
            org.version += 1
            record(actor, Action.UPDATE, org, changes)
        return org


def _assign(org: Organisation, data: OrganisationData) -> None:
    org.code, org.name, org.kind, org.sector = data.code, data.name, data.kind, data.sector
    org.established = data.established
    apply_location(org, shared_gazetteer().locate(data.province, data.area))
    try:
        with transaction.atomic():
            org.save()
    except IntegrityError as exc:  # the same code saved meanwhile by someone else
        message = _("The code “%(code)s” is already used by another organisation.") % {"code": data.code}
        raise ValidationError({"code": [message]}) from exc


def review_status_change(org: Organisation, day: dt.date, status: str) -> Review:
    """A status change must fall in the organisation's life and must not end it before what is recorded later."""
    from kttt.exchange.validate import lifespan_issues, status_date_issues

    review = Review()
    if day > dt.date.today():
        review.error("date", _("The date %(date)s is in the future.") % {"date": f"{day:%d/%m/%Y}"})
    for issue in status_date_issues(day, org.established):
        review.error("date", issue.message)
    if org.status_changes.filter(date=day, status=status).exists():
        review.error("status", _("This status change is already recorded for that date."))
    history = [*org.status_changes.values_list("date", "status"), (day, status)]
    ended = end_date(history)
    if ended is not None:
        later = org.annual_figures.filter(year__gt=ended.year).order_by("year").values_list("year", flat=True)
        for year in later[:1]:
            for issue in lifespan_issues(year, org.established, ended):
                review.error("date", _("Yearly figures are stored: %(problem)s") % {"problem": issue.message})
        links = UnionMembership.objects.filter(Q(union=org) | Q(member=org), joined__gte=ended)
        if links.exists():
            review.error("date", _("A union membership starts on or after this end date."))
    return review


def add_status_change(
    org: Organisation, day: dt.date, status: str, document: str = "", note: str = "", *, actor: Actor = None
) -> StatusChange:
    """Append a status change and refresh the derived end date (dissolved). Raises ValidationError."""
    with transaction.atomic():
        review_status_change(org, day, status).raise_errors()
        change = StatusChange.objects.create(organisation=org, date=day, status=status, document=document, note=note)
        refresh_dissolved(org)
        record_created(actor, change, STATUS_FIELDS, organisation=org)
        return change


_NUMBERED = re.compile(r"^(.*?)(\d+)$")


def suggest_code(kind: str) -> str:
    """The next free code in the numbering most used for this kind ("LS-HTX-0779" after "LS-HTX-0778")."""
    codes = Organisation.objects.filter(kind=kind).values_list("code", flat=True)
    numbered = [(m.group(1), m.group(2)) for code in codes if (m := _NUMBERED.match(code))]
    if not numbered:
        return f"{kind}-0001"
    prefix = Counter(p for p, _ in numbered).most_common(1)[0][0]
    digits = [d for p, d in numbered if p == prefix]
    width, number = max(len(d) for d in digits), max(int(d) for d in digits) + 1
    while Organisation.objects.filter(code=f"{prefix}{number:0{width}d}").exists():
        number += 1
    return f"{prefix}{number:0{width}d}"
