"""Which organisations a person may see, and their status on a day. Every page and download reads through
`visible_to`, so the person's scope (kttt.accounts.access) reaches all of them at once."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from kttt.accounts.access import Action, organisations
from kttt.annual.models import AnnualFigures
from kttt.areas.models import AdminUnit, Scheme, short_name
from kttt.indicators.queries import Scope, active_q, year_end
from kttt.registry.models import Organisation, Status, StatusChange
from kttt.text import fold

if TYPE_CHECKING:
    from kttt.registry.filters import Filters

# Fields anyone may see about an organisation: no people, no figures below the organisation level.
PUBLIC_FIELDS = ("code", "name", "kind", "sector", "established", "province", "area")

# Column orderings behind the sortable headers. Names sort by their folded form, so "Đình Lập" sits among
# the D's on SQLite and PostgreSQL alike; the code breaks ties so pages never overlap.
ORDERINGS: dict[str, tuple[str, ...]] = {
    "name": ("search_name", "code"),
    "code": ("code",),
    "kind": ("kind", "search_name", "code"),
    "established": ("established", "code"),
    "area": ("area__search_name", "search_name", "code"),
}


def visible_to(user: AbstractBaseUser | AnonymousUser) -> QuerySet[Organisation]:
    """The organisations a signed-in person may see (their scope, kttt.accounts.access); anonymous visitors
    see the public directory only."""
    if user.is_authenticated:
        return organisations(user, Action.VIEW)
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


def search(organisations: QuerySet[Organisation], text: str) -> QuerySet[Organisation]:
    """Organisations whose name or code, or whose commune or former district, contains `text` — without
    regard to case or diacritics. "huyện Đình Lập" also finds the district stored as "dinh lap"."""
    key = fold(text)
    if not key:
        return organisations
    place = fold(short_name(key))
    return organisations.filter(
        Q(search_name__contains=key)
        | Q(area__search_name__contains=place)
        | Q(former_district__search_name__contains=place)
        | Q(current_commune__search_name__contains=place)
    )


def narrowed(organisations: QuerySet[Organisation], filters: Filters) -> QuerySet[Organisation]:
    """The filters both the list and the public directory have: search, kind, sector, province, area."""
    found = search(organisations, filters.q)
    if filters.kind:
        found = found.filter(kind__in=filters.kind.split("+"))  # "HTX+QTDND": both, as the statistics count
    if filters.sector:
        found = found.filter(sector=filters.sector)
    return found.filter(Scope(filters.province, filters.area).q()).order_by(*ordering(filters.sort))


def status_day(filters: Filters) -> dt.date:
    """The day statuses are read on: the end of the chosen year, or today."""
    return year_end(filters.year) if filters.year else dt.date.today()


def filtered(organisations: QuerySet[Organisation], filters: Filters) -> QuerySet[Organisation]:
    """The list's filters applied, with `status` annotated on the filters' day, in the chosen order."""
    day = status_day(filters)
    found = with_status(narrowed(organisations, filters), day)
    if filters.status:
        found = found.filter(established__lte=day, status=filters.status)  # type: ignore[misc]
    elif filters.year:
        found = found.filter(active_q(day))
    if filters.year and filters.reported:
        entered = Exists(AnnualFigures.objects.filter(organisation=OuterRef("pk"), year=filters.year))
        found = found.filter(entered if filters.reported == "yes" else ~entered)
    return found


def ordering(sort: str) -> tuple[str, ...]:
    descending = sort.startswith("-")
    fields = ORDERINGS.get(sort.removeprefix("-"), ORDERINGS["name"])
    return tuple(f"-{f}" for f in fields) if descending else fields


def list_rows(organisations: QuerySet[Organisation]) -> QuerySet[Organisation]:
    """What a table row shows besides the organisation itself: its commune and former district."""
    return organisations.select_related("area", "former_district", "current_commune")


def province_options(organisations: QuerySet[Organisation]) -> list[AdminUnit]:
    """Provinces the organisations lie in, one per name: the unit in force today, plus former provinces
    (merged on 1/7/2025) under their old names. One query."""
    units = AdminUnit.objects.filter(
        Q(pk__in=organisations.values("current_province")) | Q(pk__in=organisations.values("former_province"))
    ).order_by("search_name", "scheme")  # "2025" sorts before "before-2025": the current unit wins a shared name
    seen: set[str] = set()
    options = []
    for unit in units:
        if unit.search_name not in seen:
            seen.add(unit.search_name)
            options.append(unit)
    return options


def area_options(organisations: QuerySet[Organisation], province: AdminUnit) -> list[AdminUnit]:
    """The former districts and the new communes where organisations of `province` lie. One query."""
    inside = organisations.filter(Scope(province).q())
    units = AdminUnit.objects.filter(
        Q(pk__in=inside.values("former_district")) | Q(pk__in=inside.values("current_commune"))
    )
    return sorted(units, key=lambda u: (u.scheme != Scheme.BEFORE_2025, u.search_name, u.code))


def with_revocation(organisations: QuerySet[Organisation]) -> QuerySet[Organisation]:
    """Annotate `revoked`: whether the organisation ended by revocation rather than dissolution."""
    revoked = StatusChange.objects.filter(
        organisation=OuterRef("pk"), date=OuterRef("dissolved"), status=Status.REVOKED
    )
    return organisations.annotate(revoked=Exists(revoked))
