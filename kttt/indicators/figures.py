"""The figures of one group at the end of one year, and how two years compare."""

from __future__ import annotations

from dataclasses import dataclass, field

# Figures summed over the yearly reports of active organisations.
SUM_FIELDS = (
    "members",
    "associate_members",
    "workers",
    "worker_members",
    "charter_capital",
    "total_capital",
    "revenue",
    "profit",
    "managers",
    "managers_trained",
)


@dataclass
class Figures:
    active: int = 0  # established by 31/12 and not dissolved on or before it
    new: int = 0  # established during the year
    dissolved: int = 0  # dissolved or revoked during the year
    reporting: int = 0  # active organisations with a yearly report
    missing: int = 0  # active organisations without one: counted in `active`, not in the sums
    members: int | None = None
    associate_members: int | None = None
    workers: int | None = None
    worker_members: int | None = None
    charter_capital: int | None = None
    total_capital: int | None = None
    revenue: int | None = None
    profit: int | None = None
    managers: int | None = None
    managers_trained: int | None = None
    avg_revenue: float | None = None  # revenue ÷ organisations that reported revenue
    avg_profit: float | None = None
    avg_income: float | None = None  # Σ(income × workers) ÷ Σ workers, VND/person/year
    union_members: int | None = None  # distinct member HTX linked on 31/12 (unions only)
    reported: dict[str, int] = field(default_factory=dict)  # organisations that reported each figure

    def value(self, name: str) -> int | float | None:
        result: int | float | None = getattr(self, name)
        return result

    def empty(self) -> bool:
        """Nothing counted: no organisation active, established, dissolved or reporting, no union member."""
        return not (self.active or self.new or self.dissolved or self.reporting or self.union_members)


COMPARED = (
    "active",
    "new",
    "dissolved",
    *SUM_FIELDS,
    "avg_revenue",
    "avg_profit",
    "avg_income",
    "union_members",
)


@dataclass
class Change:
    difference: int | float | None
    ratio: float | None


def compare(year: Figures, baseline: Figures) -> dict[str, Change]:
    result = {}
    for name in COMPARED:
        now, then = year.value(name), baseline.value(name)
        if now is None or then is None:
            result[name] = Change(None, None)
            continue
        ratio = now / then if then else None
        result[name] = Change(now - then, ratio)
    return result
