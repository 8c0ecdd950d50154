"""Reading the audit trail, and who may read it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.utils import timezone

from kttt.accounts.access import Action, access
from kttt.audit.models import Entry
from kttt.registry.models import Organisation


def can_view_audit(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Whoever may see some organisations may read their audit trail (kttt.accounts.access)."""
    allowed = access(user)
    return allowed.everything or allowed.where(Action.VIEW) is not None


def entries() -> QuerySet[Entry]:
    return Entry.objects.select_related("actor", "organisation")


def visible_entries(user: AbstractBaseUser | AnonymousUser) -> QuerySet[Entry]:
    """The administrator reads every entry (logins, imports, records of any area); anyone else the entries of
    the organisations they may see."""
    allowed = access(user)
    if allowed.everything:
        return entries()
    return entries().filter(organisation__in=allowed.organisations(Action.VIEW))


def organisation_history(org: Organisation) -> QuerySet[Entry]:
    """The entries of one organisation, latest first (the index on organisation, at)."""
    return entries().filter(organisation=org)


@dataclass(frozen=True)
class EntryFilters:
    organisation: str = ""  # the organisation's code
    user: str = ""  # a user name, as recorded (also a deleted account's, or one typed at a failed login)
    action: str = ""
    since: dt.date | None = None
    until: dt.date | None = None


def filtered(rows: QuerySet[Entry], filters: EntryFilters) -> QuerySet[Entry]:
    if filters.organisation:
        rows = rows.filter(organisation__code__iexact=filters.organisation)
    if filters.user:
        rows = rows.filter(Q(actor__username__iexact=filters.user) | Q(actor_name__iexact=filters.user))
    if filters.action:
        rows = rows.filter(action=filters.action)
    # Whole local days, as datetimes so that the index on `at` serves the range.
    if filters.since:
        rows = rows.filter(at__gte=_day_start(filters.since))
    if filters.until:
        rows = rows.filter(at__lt=_day_start(filters.until + dt.timedelta(days=1)))
    return rows


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))
