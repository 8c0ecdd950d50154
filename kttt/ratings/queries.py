"""Reads over rating schemes and ratings: which scheme applies, and the share rated khá or tốt."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q

from kttt.annual.models import Rating
from kttt.indicators.queries import Scope, htx_figures
from kttt.ratings.models import RatingScheme
from kttt.registry.models import Organisation


def scheme_for(org: Organisation, day: dt.date) -> RatingScheme | None:
    """The scheme in force on `day` for the organisation's kind; a scheme for its sector wins over a
    general one (TT 09/2017 for agricultural HTX)."""
    schemes = [
        s
        for s in RatingScheme.objects.filter(Q(sector="") | Q(sector=org.sector))
        if org.kind in s.kind_list and s.in_force_on(day)
    ]
    schemes.sort(key=lambda s: s.sector == "")
    return schemes[0] if schemes else None


def share_good(scope: Scope, year: int) -> tuple[int, int, float | None]:
    """(rated tốt or khá, rated, percentage) over HTX active on 31/12 of `year` within `scope`, from the
    reported class in the yearly figures; people's credit funds count as HTX when configured so. The
    percentage is None when nobody was rated. One SQL aggregate."""
    totals = (
        htx_figures(scope, year)
        .exclude(rating="")
        .aggregate(rated=Count("id"), good=Count("id", filter=Q(rating__in=[Rating.GOOD, Rating.FAIR])))
    )
    good, rated = int(totals["good"]), int(totals["rated"])
    return good, rated, (100 * good / rated if rated else None)
