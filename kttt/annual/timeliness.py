"""How many of a year's reports were submitted, on time against the deadline of the regime in force, and
approved: per kind (as the statistics count them), for a scope. One query."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from kttt.annual.models import AnnualFigures, State
from kttt.indicators.queries import Scope, reported_kind
from kttt.rules.deadlines import deadline


@dataclass(kw_only=True)
class Timeliness:
    """Reports submitted (kttt.annual.workflow), of which on time and approved. Also the base of the dashboard's
    completeness and reporting rows."""

    submitted: int = 0
    on_time: int = 0
    approved: int = 0

    @property
    def late(self) -> int:
        return self.submitted - self.on_time


def timeliness(scope: Scope, year: int) -> dict[str, Timeliness]:
    """Per kind, for the whole scope."""
    return {kind: counts for (_group, kind), counts in timeliness_by(scope, year, None).items()}


def timeliness_by(scope: Scope, year: int, column: str | None) -> dict[tuple[str, str], Timeliness]:
    """Per (group, kind): the group is the value of an Organisation `column` as text ("" when None or empty)."""
    due = deadline(year)
    end_of_due = timezone.make_aware(dt.datetime.combine(due + dt.timedelta(days=1), dt.time.min))
    group = f"organisation__{column}" if column else None
    rows = (
        AnnualFigures.objects.filter(scope.q("organisation__"), year=year)
        .annotate(counted_kind=reported_kind("organisation__"))
        .values("counted_kind", *([group] if group else []))
        .annotate(
            submitted=Count("pk", filter=Q(submitted_at__isnull=False)),
            on_time=Count("pk", filter=Q(submitted_at__lt=end_of_due)),
            approved=Count("pk", filter=Q(state=State.APPROVED)),
        )
    )
    return {
        (str(row[group] or "") if group else "", row["counted_kind"]): Timeliness(
            submitted=row["submitted"], on_time=row["on_time"], approved=row["approved"]
        )
        for row in rows
    }
