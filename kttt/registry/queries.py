"""Which organisations a person may see, and their status on a day. Every page and download reads through
`visible_to`, so a scope added later (accounts, issue 7) reaches all of them at once."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db.models import OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from kttt.registry.models import Organisation, Status, StatusChange

# Fields anyone may see about an organisation: no people, no figures below the organisation level.
PUBLIC_FIELDS = ("code", "name", "kind", "sector", "established", "province", "area")


def visible_to(user: AbstractBaseUser | AnonymousUser) -> QuerySet[Organisation]:
    """Officers see the whole registry; anonymous visitors see the public directory only."""
    if user.is_authenticated:
        return Organisation.objects.all()
    return public_directory()


def with_status(organisations: QuerySet[Organisation], day: dt.date | None = None) -> QuerySet[Organisation]:
    """Annotate `status`: the latest status change on or before `day` (today by default); active if none."""
    day = day or dt.date.today()
    latest = (
        StatusChange.objects.filter(organisation=OuterRef("pk"), date__lte=day)
        .order_by("-date", "-id")
        .values("status")[:1]
    )
    return organisations.annotate(status=Coalesce(Subquery(latest), Value(Status.ACTIVE.value)))


def public_directory(day: dt.date | None = None) -> QuerySet[Organisation]:
    """Organisations operating on `day` (today by default): established, not ended, not suspended."""
    day = day or dt.date.today()
    operating = Organisation.objects.filter(Q(dissolved__isnull=True) | Q(dissolved__gt=day), established__lte=day)
    active: QuerySet[Organisation] = with_status(operating, day).filter(status=Status.ACTIVE)  # type: ignore[misc]
    return active
