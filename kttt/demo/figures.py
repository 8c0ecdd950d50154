"""Yearly figures of the simulated organisations: each year's control totals, fixed by a calibration, are
apportioned over the organisations that report, so the totals are exact and the spread looks real."""

from __future__ import annotations

import datetime as dt
import math
import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from kttt.demo.apportion import apportion, interpolate
from kttt.demo.population import Link, Org

SOURCE = "Dữ liệu mẫu KTTT (demo)"
ANNUAL_COLUMNS = (
    "code", "year", "members", "associate_members", "workers", "worker_members", "charter_capital",
    "total_capital", "revenue", "profit", "avg_income", "rating", "managers", "managers_trained",
    "max_member_capital", "foreign_capital", "source", "as_of",
)  # fmt: skip

Row = dict[str, str]
Shares = tuple[float, float, float]  # tốt, khá, trung bình (the rest: yếu)


def trained_share(year: int) -> float:
    """Share of key officers trained: 20 % in 2003, 30 % in 2010, 60 % in 2025 (the Lạng Sơn path)."""
    return 0.2 + 0.1 * (year - 2003) / 7 if year <= 2010 else 0.3 + 0.3 * (year - 2010) / 15


@dataclass(frozen=True)
class Calibration:
    """What fixes the yearly totals of one province: published totals (`exact`, hit exactly) and averages per
    reporting organisation (`average`, interpolated between anchor years). Money in million VND, except incomes
    (đồng per worker) and THT profit (thousand đồng). A published total also serves as an anchor of the
    average, divided by the number of organisations `active` that year."""

    average: dict[tuple[str, str], dict[int, float]]
    exact: dict[tuple[str, str], dict[int, int]] = field(default_factory=dict)
    active: dict[str, dict[int, int]] = field(default_factory=dict)
    ratings: tuple[Shares, Shares] = ((0.15, 0.40, 0.33), (0.25, 0.43, 0.25))  # 2020 and 2025, linear between
    trained: Callable[[int], float] = trained_share
    member_exceptions: tuple[int, ...] = ()  # years with one HTX below the legal minimum
    capital_exception: int | None = None  # a year with one HTX whose largest member holds more than 20 %

    def mean(self, kind: str, figure: str, year: int) -> float:
        return interpolate(self.average[(kind, figure)], year)

    def total(self, kind: str, figure: str, year: int, count: int) -> int:
        exact = self.exact.get((kind, figure), {})
        return exact[year] if year in exact else round(interpolate(self._anchors(kind, figure), year) * count)

    def _anchors(self, kind: str, figure: str) -> dict[int, float]:
        derived = {year: total / self.active[kind][year] for year, total in self.exact.get((kind, figure), {}).items()}
        return self.average.get((kind, figure), {}) | derived


def _weights(rng: random.Random, orgs: list[Org], year: int, trait: str) -> list[float]:
    return [org.weight(year, trait) * math.exp(rng.gauss(0, 0.04)) for org in orgs]


def _incomes(rng: random.Random, target: int, orgs: list[Org], workers: list[int]) -> list[int]:
    """Per-organisation incomes whose worker-weighted mean is `target` (to within a few đồng)."""
    raw = [org.trait["income"] * math.exp(rng.gauss(0, 0.03)) for org in orgs]
    scale = target * sum(workers) / sum(r * w for r, w in zip(raw, workers, strict=True))
    incomes = [round(r * scale / 1000) * 1000 for r in raw]
    top = max(range(len(orgs)), key=lambda i: (workers[i], -i))
    residual = target * sum(workers) - sum(i * w for i, w in zip(incomes, workers, strict=True))
    incomes[top] += round(residual / workers[top])
    return incomes


def _trained(cal: Calibration, year: int, managers: int, offset: float) -> int:
    return min(managers, max(0, round(managers * (cal.trained(year) + offset))))


def _ratings(
    rng: random.Random, cal: Calibration, year: int, orgs: list[Org], suspended: Counter[tuple[str, int]]
) -> list[str]:
    """TT 01/2020 classes from 2020; not for HTX under 12 months old or stopped over 3 months that year."""
    labels = [""] * len(orgs)
    if year < 2020:
        return labels
    progress = (year - 2020) / 5
    shares = [low + (high - low) * progress for low, high in zip(*cal.ratings, strict=True)]
    eligible = [i for i, org in enumerate(orgs) if org.established.year < year and suspended[(org.code, year)] <= 92]
    scores = {i: orgs[i].trait["quality"] + rng.gauss(0, 0.3) for i in eligible}
    ranked = sorted(eligible, key=lambda i: (-scores[i], i))
    bounds = [round(len(ranked) * sum(shares[: k + 1])) for k in range(3)]
    for position, i in enumerate(ranked):
        labels[i] = ("tot", "kha", "trung-binh", "yeu")[sum(1 for bound in bounds if position >= bound)]
    return labels


def _rows(year: int, orgs: list[Org], columns: dict[str, list[str]]) -> list[Row]:
    rows = []
    for i, org in enumerate(orgs):
        row = dict.fromkeys(ANNUAL_COLUMNS, "") | {"code": org.code, "year": str(year), "source": SOURCE}
        rows.append(row | {name: values[i] for name, values in columns.items()})
    return rows


def _htx_counts(
    rng: random.Random, cal: Calibration, year: int, orgs: list[Org]
) -> tuple[list[int], list[int], list[int]]:
    count = len(orgs)
    weights = _weights(rng, orgs, year, "members")
    members = apportion(cal.total("HTX", "members", year, count), weights, [5 if year >= 2024 else 7] * count)
    if year in cal.member_exceptions:
        low = min(range(count), key=lambda i: (members[i], i if year % 2 else -i))
        high = max(range(count), key=lambda i: (members[i], -i))
        members[low], members[high] = members[low] - 1, members[high] + 1
    share = cal.mean("HTX", "wm_share", year)
    labour = cal.exact.get(("HTX", "worker_members"), {}).get(year, round(share * sum(members)))
    weights = [m * org.trait["labour"] for m, org in zip(members, orgs, strict=True)]
    worker_members = apportion(labour, weights, [0] * count, members)
    total = cal.total("HTX", "workers", year, count)
    hired = apportion(total - labour, _weights(rng, orgs, year, "workers"), [0] * count)
    return members, [w + h for w, h in zip(worker_members, hired, strict=True)], worker_members


def htx_year(
    rng: random.Random, cal: Calibration, year: int, orgs: list[Org], suspended: Counter[tuple[str, int]]
) -> list[Row]:
    """The rows of the HTX (and people's credit funds) reporting for `year`."""
    count = len(orgs)
    members, workers, worker_members = _htx_counts(rng, cal, year, orgs)
    charter = apportion(cal.total("HTX", "charter", year, count), _weights(rng, orgs, year, "charter"), [20] * count)
    revenue = apportion(cal.total("HTX", "revenue", year, count), _weights(rng, orgs, year, "revenue"), [10] * count)
    incomes = _incomes(rng, round(cal.mean("HTX", "income", year)), orgs, workers)
    exception = next(i for i, org in enumerate(orgs) if org.kind == "HTX") if year == cal.capital_exception else -1
    shares = [
        0.23 if i == exception else org.trait["share_2024" if year >= 2024 else "share"] for i, org in enumerate(orgs)
    ]
    managers = [int(org.trait["managers"]) for org in orgs]
    columns = {
        "members": members, "workers": workers, "worker_members": worker_members, "avg_income": incomes,
        "charter_capital": [c * 1_000_000 for c in charter], "revenue": [r * 1_000_000 for r in revenue],
        "total_capital": [round(c * org.trait["total"]) * 1_000_000
                          for c, org in zip(charter, orgs, strict=True)],
        "profit": [round(r * (org.trait["margin"] + rng.gauss(0, 0.01)) * 1000) * 1000
                   for r, org in zip(revenue, orgs, strict=True)],
        "max_member_capital": [math.floor(c * 1000 * s) * 1000 for c, s in zip(charter, shares, strict=True)],
        "managers": managers,
        "managers_trained": [_trained(cal, year, m, org.trait["trained"])
                             for m, org in zip(managers, orgs, strict=True)],
    }  # fmt: skip
    text = {name: [str(value) for value in values] for name, values in columns.items()}
    text["rating"] = _ratings(rng, cal, year, orgs, suspended)
    text["associate_members"] = [
        str(round(m * org.trait["associates"])) if year >= 2024 else "" for m, org in zip(members, orgs, strict=True)
    ]
    return _rows(year, orgs, text)


def tht_year(rng: random.Random, cal: Calibration, year: int, orgs: list[Org]) -> list[Row]:
    """The rows of the cooperative groups reporting for `year`."""
    count = len(orgs)
    weights = _weights(rng, orgs, year, "members")
    members = apportion(cal.total("THT", "members", year, count), weights, [3 if year <= 2018 else 2] * count)
    workers = [max(2, round(m * org.trait["workers"])) for m, org in zip(members, orgs, strict=True)]
    revenue = apportion(cal.total("THT", "revenue", year, count), _weights(rng, orgs, year, "revenue"), [5] * count)
    profit_weights = [r * org.trait["margin"] for r, org in zip(revenue, orgs, strict=True)]
    profit = apportion(cal.total("THT", "profit", year, count), profit_weights, [0] * count)
    columns = {
        "members": members, "workers": workers,
        "worker_members": [min(m, w) for m, w in zip(members, workers, strict=True)],
        "revenue": [r * 1_000_000 for r in revenue], "profit": [p * 1000 for p in profit],
        "total_capital": [max(1, round(0.4 * r * org.trait["charter"])) * 1_000_000
                          for r, org in zip(revenue, orgs, strict=True)],
        "avg_income": _incomes(rng, round(cal.mean("THT", "income", year)), orgs, workers),
    }  # fmt: skip
    return _rows(year, orgs, {name: [str(value) for value in values] for name, values in columns.items()})


def union_rows(cal: Calibration, year: int, unions: list[Org], links: list[Link]) -> list[Row]:
    """The rows of the unions active at the end of `year`; their members are the HTX linked then."""
    end = dt.date(year, 12, 31)
    rows = []
    for union in (union for union in unions if union.active(year)):
        members = sum(
            1 for link in links
            if link.union == union.code and link.joined <= end and (link.left is None or link.left > end)
        )  # fmt: skip
        charter = round(1200 * union.trait["charter"] * 1.09 ** (year - union.established.year) + 150 * members)
        revenue = round(charter * 2.2 * union.trait["revenue"])
        managers = int(union.trait["managers"])
        values = {
            "members": members, "workers": 4 + members // 2,
            "charter_capital": charter * 1_000_000,
            "total_capital": round(charter * union.trait["total"]) * 1_000_000,
            "revenue": revenue * 1_000_000, "profit": round(revenue * 0.05 * 1000) * 1000,
            "avg_income": round(cal.mean("HTX", "income", year) * 1.1 / 1000) * 1000,
            "managers": managers, "managers_trained": _trained(cal, year, managers, 0.15),
            "max_member_capital": math.floor(charter * 1000 * 0.25) * 1000,
        }  # fmt: skip
        rows += _rows(year, [union], {name: [str(value)] for name, value in values.items()})
    return rows
