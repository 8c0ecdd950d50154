"""Ranking HTX among their peers: ranks, percentiles and a composite score per HTX.

- Ranks are competition ranks ("1, 2, 2, 4"): tied HTX share the best rank of the tie and the next HTX
  skips the places they took. Larger is better on every figure.
- An HTX that did not report a figure has no rank on it ("chưa có số liệu") and comes after every HTX
  that did; ranks count only the HTX that reported the figure ("thứ 2/31" = second of 31 reporting).
- The percentile of a value among its peers is the percent of reporting peers with a strictly lower
  value plus half of those with the same value (itself included): the lowest of four distinct values is
  at 12.5, the highest at 87.5, and an HTX alone in its group at 50.
- The composite score is the mean of an HTX's percentiles over the figures it reported. An HTX needs
  at least three of the five figures to receive a composite and an overall rank; the others are listed
  last, unranked.
"""

from __future__ import annotations

import bisect
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from kttt.indicators.queries import Scope
from kttt.ranking.queries import PeerRow, peers

FIGURES: tuple[str, ...] = ("revenue", "profit", "avg_income", "member_growth", "rating")
FIGURE_LABELS = {
    "revenue": "Doanh thu",
    "profit": "Lợi nhuận",
    "avg_income": "Thu nhập bình quân",
    "member_growth": "Tăng thành viên",
    "rating": "Xếp loại",
}
MIN_FIGURES = 3


def competition_ranks(values: Sequence[float | None]) -> list[int | None]:
    """Competition ranks, largest first ("1, 2, 2, 4"); None for a missing value."""
    present = sorted((v for v in values if v is not None), reverse=True)
    first: dict[float, int] = {}
    for place, value in enumerate(present, start=1):
        first.setdefault(value, place)
    return [None if v is None else first[v] for v in values]


def percentile(value: float | None, values: Sequence[float | None]) -> float | None:
    """Percent of the reported `values` strictly below `value`, plus half of those equal to it."""
    known = sorted(v for v in values if v is not None)
    if value is None or not known:
        return None
    below = bisect.bisect_left(known, value)
    ties = bisect.bisect_right(known, value) - below
    return 100 * (below + ties / 2) / len(known)


def composite(percentiles: dict[str, float | None]) -> float | None:
    """The mean percentile over the figures reported, when there are at least three of them."""
    known = [p for p in percentiles.values() if p is not None]
    return statistics.fmean(known) if len(known) >= MIN_FIGURES else None


def figure(row: PeerRow, name: str) -> float | None:
    value: float | None = getattr(row, name)
    return value


@dataclass(frozen=True)
class Standing:
    """One HTX in its peer group."""

    row: PeerRow
    ranks: dict[str, int | None]
    percentiles: dict[str, float | None]
    composite: float | None
    rank: int | None


@dataclass(frozen=True)
class Ranking:
    year: int
    sector: str
    scope: Scope
    standings: list[Standing]  # by overall rank, unranked last, then by code
    reporting: dict[str, int]  # how many peers reported each figure
    medians: dict[str, float | None]

    def of(self, org_id: int) -> Standing | None:
        return next((s for s in self.standings if s.row.id == org_id), None)

    @property
    def ranked(self) -> int:
        return sum(1 for s in self.standings if s.rank is not None)


def rank_rows(year: int, sector: str, scope: Scope, rows: list[PeerRow]) -> Ranking:
    """Rank already-aggregated peer rows on each figure and overall."""
    columns = {name: [figure(row, name) for row in rows] for name in FIGURES}
    ranks = {name: competition_ranks(values) for name, values in columns.items()}
    shares = [{name: percentile(figure(row, name), columns[name]) for name in FIGURES} for row in rows]
    scores = [composite(p) for p in shares]
    overall = competition_ranks(scores)
    standings = [
        Standing(row, {name: ranks[name][i] for name in FIGURES}, shares[i], scores[i], overall[i])
        for i, row in enumerate(rows)
    ]
    standings.sort(key=lambda s: (s.rank is None, s.rank or 0, s.row.code))
    reporting = {name: sum(v is not None for v in values) for name, values in columns.items()}
    medians = {name: _median(values) for name, values in columns.items()}
    return Ranking(year, sector, scope, standings, reporting, medians)


def rank_peers(year: int, sector: str, scope: Scope) -> Ranking:
    return rank_rows(year, sector, scope, peers(year, sector, scope))


def _median(values: list[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return statistics.median(known) if known else None
