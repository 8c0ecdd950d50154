"""Peer groups for the effective-model ranking: one row per active HTX of a sector, read in one query.

A peer group is the HTX (people's credit funds included when KTTT_COUNT_QTDND_AS_HTX is set) active on
31/12 of the year, of one sector, within a scope (a province and optionally one area). The figures are
those reported for the year; member growth compares members with the previous year's report.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Case, F, FilteredRelation, FloatField, IntegerField, Max, Q, Value, When
from django.db.models.functions import Cast

from kttt.annual.models import AnnualFigures, Rating
from kttt.areas.models import REFORM_DATE, AdminUnit
from kttt.indicators.queries import Scope, active_q, reported_kind, year_end
from kttt.registry.models import Kind, Organisation

# Ratings as numbers, so that a better rating ranks higher.
RATING_SCORES = {Rating.GOOD.value: 4, Rating.FAIR.value: 3, Rating.AVERAGE.value: 2, Rating.WEAK.value: 1}
SCORE_LABELS = {score: Rating(value).label for value, score in RATING_SCORES.items()}
# Below this many HTX an area is too small to compare with, and the whole province is used instead.
MIN_AREA_PEERS = 5


@dataclass(frozen=True)
class PeerRow:
    """One HTX and its figures for the year; None means "not reported"."""

    id: int
    code: str
    name: str
    revenue: int | None
    profit: int | None
    avg_income: int | None
    member_growth: float | None  # percent, members of Y against Y−1
    rating: int | None  # 4 tốt, 3 khá, 2 trung bình, 1 yếu
    members: int | None = None
    members_before: int | None = None


@dataclass(frozen=True)
class PeerGroup:
    """Which organisations an HTX was compared with, and whether the area was too small."""

    scope: Scope
    label: str
    fallback: bool


def peers(year: int, sector: str, scope: Scope) -> list[PeerRow]:
    """Every HTX of the peer group with its figures for `year`, ordered by code. One query."""
    day = year_end(year)
    rating = Case(
        *(When(now__rating=value, then=Value(score)) for value, score in RATING_SCORES.items()),
        default=None,
        output_field=IntegerField(),
    )
    growth = Case(
        When(
            Q(before__members__gt=0, now__members__isnull=False),
            then=(Cast("now__members", FloatField()) - F("before__members")) * 100.0 / F("before__members"),
        ),
        default=None,
        output_field=FloatField(),
    )
    rows = (
        Organisation.objects.filter(active_q(day), scope.q(), sector=sector)
        .annotate(reported=reported_kind())
        .filter(reported=Kind.HTX)
        .annotate(
            now=FilteredRelation("annual_figures", condition=Q(annual_figures__year=year)),
            before=FilteredRelation("annual_figures", condition=Q(annual_figures__year=year - 1)),
        )
        .annotate(score=rating, growth=growth)
        .order_by("code")
        .values_list(
            "id", "code", "name", "now__revenue", "now__profit", "now__avg_income", "growth", "score",
            "now__members", "before__members",
        )
    )  # fmt: skip
    return [PeerRow(*row) for row in rows]


def latest_year(sector: str) -> int | None:
    """The latest year for which any HTX of the sector reported figures."""
    found = AnnualFigures.objects.filter(organisation__sector=sector).aggregate(year=Max("year"))["year"]
    return int(found) if found is not None else None


def is_peer(org: Organisation, year: int) -> bool:
    """Whether the organisation is ranked at all that year: an HTX (as reported) active on 31/12."""
    return (
        Organisation.objects.filter(active_q(year_end(year)), pk=org.pk)
        .annotate(reported=reported_kind())
        .filter(reported=Kind.HTX)
        .exists()
    )


def peer_group(org: Organisation, year: int) -> PeerGroup:
    """The HTX an organisation is compared with: its sector in its former district (before the 2025
    reform) or its commune (from 1/7/2025); the whole province when that area has fewer than five."""
    after = year_end(year) >= REFORM_DATE
    province = org.current_province if after else org.former_province
    area: AdminUnit | None = org.current_commune if after else org.former_district
    if area is not None:
        local = Scope(province, area)
        if len(peers(year, org.sector, local)) >= MIN_AREA_PEERS:
            return PeerGroup(local, area.name, fallback=False)
    return PeerGroup(Scope(province), province.name if province else "toàn quốc", fallback=area is not None)
