"""The indicators of every year from the first year of a report to its year."""

from __future__ import annotations

from dataclasses import dataclass

from kttt.indicators.figures import Figures
from kttt.indicators.queries import Snapshot, snapshots_by_kind
from kttt.reports.options import ReportOptions


@dataclass
class Series:
    years: list[int]
    snapshots: dict[int, Snapshot]

    def at(self, year: int) -> Snapshot:
        return self.snapshots[year]

    def figures(self, kind: str) -> list[Figures]:
        return [_total(self.snapshots[y], kind) for y in self.years]


def _total(snap: Snapshot, kind: str) -> Figures:
    block = next((b for b in snap.kinds if b.kind == kind), None)
    return block.total.year if block else Figures()


def load_series(options: ReportOptions) -> Series:
    """One snapshot per year, plus the compared year if outside the range: the figures of all of them from one
    query, union members counted year by year."""
    years = list(range(min(options.first_year, options.year), options.year + 1))
    wanted = set(years)
    if options.compared_year is not None:
        wanted.add(options.compared_year)
    return Series(years, snapshots_by_kind(sorted(wanted), options.province, options.area))
