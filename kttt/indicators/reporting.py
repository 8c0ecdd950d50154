"""Reporting of a year's figures per area: organisations active at the end of the year, those with figures,
reports submitted (on time or late against the deadline of the regime in force) and approved. The dashboard
and the API (/api/v1/reporting/) show the same rows."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from kttt.annual.timeliness import Timeliness, timeliness_by
from kttt.indicators.figures import Figures
from kttt.indicators.params import Params
from kttt.rules.deadlines import regime_for


@dataclass
class ReportingRow(Timeliness):
    key: str  # the area's id as text ("" for organisations without one)
    label: str
    active: int = 0
    reported: int = 0

    @property
    def missing(self) -> int:
        return self.active - self.reported


@dataclass
class Reporting:
    year: int
    deadline: str  # dd/mm/yyyy
    citation: str
    rows: list[ReportingRow] = field(default_factory=list)


def reporting_by_area(
    params: Params,
    column: str,
    groups: Mapping[str, Mapping[str, Figures]],
    labels: Mapping[str, str],
    counts: Mapping[tuple[str, str], Timeliness] | None = None,
) -> Reporting:
    """`groups`: the year's figures per area key and kind (as the dashboard reads them); `counts`: the
    submissions per (area key, kind), read here (one query) unless given."""
    regime = regime_for(params.year)
    if counts is None:
        counts = timeliness_by(params.scope, params.year, column)
    rows = {key: ReportingRow(key, labels.get(key, key)) for key in groups}
    for key, by_kind in groups.items():
        for figures in by_kind.values():
            rows[key].active += figures.active
            rows[key].reported += figures.reporting
    for (key, _kind), submitted in counts.items():
        row = rows.setdefault(key, ReportingRow(key, labels.get(key, key)))
        row.submitted += submitted.submitted
        row.on_time += submitted.on_time
        row.approved += submitted.approved
    ordered = sorted((r for r in rows.values() if r.active or r.submitted), key=lambda r: (-r.missing, r.label))
    return Reporting(params.year, regime.deadline(params.year).strftime("%d/%m/%Y"), regime.citation, ordered)
