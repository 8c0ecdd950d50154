"""The deadline for a year's report, by the regime in force (domain.md, "Annual reporting"). Dated data: a
regime applies when its deadline for the year falls on or after the day it took effect.

- 2012 law (NĐ 193/2013 as amended by NĐ 107/2017): by 15 January of the next year, for the previous year.
- 2023 law (Law 17/2023, in force 1/7/2024; TT 09/2024/TT-BKHĐT Art. 6): by 15 December of the year itself
  (the reporting period runs from 15 December of the previous year to 14 December).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Regime:
    effective: dt.date  # the day the rules took effect
    month: int
    day: int
    next_year: bool  # the deadline falls in the year after the reporting year
    citation: str

    def deadline(self, year: int) -> dt.date:
        return dt.date(year + 1 if self.next_year else year, self.month, self.day)


REGIMES = (  # newest first
    Regime(dt.date(2024, 7, 1), 12, 15, False, "Thông tư 09/2024/TT-BKHĐT, Điều 6 (Luật Hợp tác xã 2023)"),
    Regime(dt.date(2013, 7, 1), 1, 15, True, "Nghị định 193/2013/NĐ-CP, sửa đổi bởi Nghị định 107/2017/NĐ-CP"),
)


def regime_for(year: int) -> Regime:
    """The regime whose deadline for `year` falls while it is in force (the oldest one for early years)."""
    return next((r for r in REGIMES if r.deadline(year) >= r.effective), REGIMES[-1])


def deadline(year: int) -> dt.date:
    return regime_for(year).deadline(year)
