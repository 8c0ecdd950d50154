"""Deterministic demo data package for Lạng Sơn, 2003–2025, calibrated on the published figures.

Sources of the calibration: the Lạng Sơn Party Committee's 15-year review of NQ 13-NQ/TW (14/5/2019) for
2003 and 2018; KH 180/KH-UBND (2022), KH 158/KH-UBND (2023), KH 178/KH-UBND and the provincial Liên minh
HTX (2024). Yearly control totals are fixed first; the population is simulated year by year; each year's
totals are then apportioned over the reporting organisations with exact integer apportionment.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import accumulate

from kttt.demo.names import NameMaker, assign_names, cover_new_communes, load_geography, place

SEED = 20190514
SOURCE = "Dữ liệu mẫu KTTT (demo)"
YEARS = range(2003, 2026)
PROVINCE = "20"

ORG_COLUMNS = ("code", "name", "kind", "sector", "province", "area", "established", "dissolved")
ANNUAL_COLUMNS = (
    "code", "year", "members", "associate_members", "workers", "worker_members", "charter_capital",
    "total_capital", "revenue", "profit", "avg_income", "rating", "managers", "managers_trained",
    "max_member_capital", "foreign_capital", "source", "as_of",
)  # fmt: skip
UNION_COLUMNS = ("union_code", "member_code", "joined", "left")
STATUS_COLUMNS = ("code", "date", "status", "note")

Row = dict[str, str]
Package = dict[str, list[Row]]

# Control totals. Counts are organisations active at 31/12 (HTX include the people's credit fund).
HTX_ACTIVE = dict(zip(YEARS, (
    92, 99, 106, 113, 120, 127, 134, 142, 150, 158, 166, 176, 187, 198, 209, 220,
    258, 300, 345, 395, 447, 497, 530,
), strict=True))  # fmt: skip
HTX_NEW_LATE = {2003: 8, 2019: 42, 2020: 46, 2021: 49, 2022: 55, 2023: 57, 2024: 56, 2025: 45}
THT_ACTIVE = {year: round(1550 + 260 * (year - 2003) / 15) for year in range(2003, 2019)} | {
    2019: 1480, 2020: 820, 2021: 340, 2022: 226, 2023: 250, 2024: 310, 2025: 330,
}  # fmt: skip
THT_NEW_LATE = {2003: 35, 2019: 12, 2020: 8, 2021: 10, 2022: 15, 2023: 38, 2024: 72, 2025: 45}

# Published totals, hit exactly (money in million VND).
EXACT: dict[tuple[str, str], dict[int, int]] = {
    ("HTX", "members"): {2003: 3706, 2018: 3469, 2024: 6280},
    ("HTX", "workers"): {2003: 4012, 2018: 6056, 2024: 8556},
    ("HTX", "worker_members"): {2024: 5520},
    ("HTX", "charter"): {2018: 274_000, 2024: 1_106_000},
    ("THT", "members"): {2003: 15133, 2018: 19510, 2022: 2902, 2023: 4650, 2024: 3550},
}
# Averages per reporting organisation; geometric interpolation between the anchor years.
AVERAGE: dict[tuple[str, str], dict[int, float]] = {
    ("HTX", "members"): {2025: 12.8},
    ("HTX", "workers"): {2025: 17.4},
    ("HTX", "wm_share"): {2003: 0.62, 2018: 0.7, 2025: 0.88},  # members who are regular workers
    ("HTX", "charter"): {2003: 350.0, 2025: 2300.0},
    ("HTX", "revenue"): {2003: 300.0, 2018: 900.0, 2024: 1500.0, 2025: 1600.0},
    ("HTX", "income"): {2003: 10e6, 2018: 50e6, 2024: 60e6, 2025: 62e6},
    ("THT", "members"): {2025: 11.8},
    ("THT", "revenue"): {2003: 150.0, 2018: 500.0, 2022: 600.0, 2023: 600.0, 2024: 650.0, 2025: 680.0},
    ("THT", "income"): {2003: 7e6, 2018: 30e6, 2022: 33e6, 2023: 35e6, 2024: 37e6, 2025: 38e6},
    ("THT", "profit"): {2003: 9e3, 2018: 28e3, 2022: 30e3, 2023: 35e3, 2024: 40e3, 2025: 42e3},  # '000 VND
}
# Share of HTX rated tốt / khá / trung bình (rest: yếu), interpolated linearly from 2020 to 2025.
RATING_2020, RATING_2025 = (0.15, 0.40, 0.33), (0.25, 0.43, 0.25)
# Rows not (yet) reported: year -> (HTX, THT). Calibrated years are complete.
MISSING = {2008: (0, 5), 2013: (0, 4), 2020: (0, 6), 2025: (15, 20)}
SUSPENSION_YEARS = (2012, 2015, 2017, 2019, 2020, 2021, 2022, 2023, 2024, 2024)
MEMBER_EXCEPTION_YEARS = (2016, 2021)  # one HTX below the legal minimum, flagged by the system
CAPITAL_EXCEPTION_YEAR = 2019  # one HTX whose largest member holds more than 20 %

HTX_SECTORS = {
    "nong-nghiep": 52, "thuong-mai": 14, "van-tai": 10, "xay-dung": 8, "cong-nghiep": 8, "moi-truong": 6,
    "khac": 2,
}  # fmt: skip
THT_SECTORS = {
    "nong-nghiep": 80, "cong-nghiep": 6, "thuong-mai": 4, "xay-dung": 3, "van-tai": 3, "moi-truong": 3,
    "khac": 1,
}  # fmt: skip
THT_SECTORS_LATE = {"nong-nghiep": 93, "moi-truong": 4, "thuong-mai": 2, "cong-nghiep": 1}
UNIONS = (
    ("LS-LH-01", "Liên hiệp HTX Nông nghiệp Lạng Sơn", dt.date(2010, 8, 20)),
    ("LS-LH-02", "Liên hiệp HTX Nông sản an toàn Xứ Lạng", dt.date(2016, 11, 15)),
    ("LS-LH-03", "Liên hiệp HTX Vận tải Lạng Sơn", dt.date(2023, 10, 5)),
)


@dataclass
class Org:
    code: str
    kind: str
    sector: str
    established: dt.date
    dissolved: dt.date | None = None
    area: str = ""
    name: str = ""
    size: float = 1.0
    growth: float = 0.0
    trait: dict[str, float] = field(default_factory=dict)

    def active(self, year: int) -> bool:
        end = dt.date(year, 12, 31)
        return self.established <= end and (self.dissolved is None or self.dissolved > end)

    def weight(self, year: int, trait: str) -> float:
        """Relative size for one figure: size factor, own growth path, and a ramp-up in the first years."""
        age = year - max(self.established.year, YEARS[0])
        ramp = 0.7 if year == self.established.year else (0.88 if year == self.established.year + 1 else 1.0)
        trend = self.growth + self.trait.get(f"{trait}_trend", 0.0)
        return self.size * self.trait[trait] * math.exp(trend * age) * ramp


@dataclass(frozen=True)
class Link:
    union: str
    member: str
    joined: dt.date
    left: dt.date | None = None


def _interp(anchors: dict[int, float], year: int) -> float:
    years = sorted(anchors)
    if year <= years[0] or year >= years[-1]:
        return anchors[years[0] if year <= years[0] else years[-1]]
    low = max(y for y in years if y <= year)
    high = min(y for y in years if y >= year)
    if low == high:
        return anchors[low]
    return float(anchors[low] * (anchors[high] / anchors[low]) ** ((year - low) / (high - low)))


def _anchors(kind: str, figure: str) -> dict[int, float]:
    active = HTX_ACTIVE if kind == "HTX" else THT_ACTIVE
    derived = {year: total / active[year] for year, total in EXACT.get((kind, figure), {}).items()}
    return AVERAGE.get((kind, figure), {}) | derived


def _total(kind: str, figure: str, year: int, count: int) -> int:
    exact = EXACT.get((kind, figure), {})
    return exact[year] if year in exact else round(_interp(_anchors(kind, figure), year) * count)


def _clamped_sum(
    weights: Sequence[float], floors: Sequence[int], tops: Sequence[int]
) -> Callable[[float], tuple[float, float]]:
    """Σ clamp(scale × weight, floor, top) and its slope to the right, as functions of scale."""
    starts = sorted((low / w, w, low) for w, low in zip(weights, floors, strict=True))
    stops = sorted((high / w, w, high) for w, high in zip(weights, tops, strict=True))
    start_keys, stop_keys = [key for key, _, _ in starts], [key for key, _, _ in stops]
    start_w, start_f = [0.0, *accumulate(w for _, w, _ in starts)], [0, *accumulate(f for _, _, f in starts)]
    stop_w, stop_t = [0.0, *accumulate(w for _, w, _ in stops)], [0, *accumulate(t for _, _, t in stops)]

    def filled(scale: float) -> tuple[float, float]:
        free, full = bisect_right(start_keys, scale), bisect_right(stop_keys, scale)
        slope = start_w[free] - stop_w[full]
        return start_f[-1] - start_f[free] + stop_t[full] + scale * slope, slope

    return filled


def apportion(
    total: int, weights: Sequence[float], floors: Sequence[int], ceilings: Sequence[int] | None = None
) -> list[int]:
    """Integers clamp(scale × weight, floor, ceiling) summing exactly to total (largest remainder)."""
    tops = list(ceilings) if ceilings is not None else [total] * len(weights)
    if not sum(floors) <= total <= sum(tops) or not weights:
        raise ValueError(f"cannot apportion {total} within [{sum(floors)}, {sum(tops)}]")
    filled = _clamped_sum(weights, floors, tops)
    bounds = [*zip(weights, floors, tops, strict=True)]
    breaks = sorted({low / w for w, low, _ in bounds} | {high / w for w, _, high in bounds})
    first, last = 0, len(breaks) - 1  # invariant: filled(breaks[first]) <= total
    while first < last:
        middle = (first + last + 1) // 2
        first, last = (middle, last) if filled(breaks[middle])[0] <= total else (first, middle - 1)
    value, slope = filled(breaks[first])
    scale = breaks[first] + ((total - value) / slope if slope > 0 else 0.0)
    exact = [min(max(scale * w, low), high) for w, low, high in bounds]
    result = [math.floor(value) for value in exact]
    for i in sorted(range(len(exact)), key=lambda i: (result[i] - exact[i], i))[: total - sum(result)]:
        result[i] += 1
    if sum(result) != total or any(not low <= r <= high for r, (_, low, high) in zip(result, bounds, strict=True)):
        raise ValueError(f"apportionment of {total} failed")
    return result


# Population.
def _day(rng: random.Random, year: int, first: int = 0, last: int = 364) -> dt.date:
    return dt.date(year, 1, 1) + dt.timedelta(days=rng.randint(first, last))


def _new_org(rng: random.Random, kind: str, sector: str, established: dt.date) -> Org:
    share = rng.uniform(0.05, 0.185)
    org = Org("", kind, sector, established, size=rng.lognormvariate(0, 0.55))
    org.growth = max(-0.04, min(0.04, rng.gauss(0, 0.02)))
    org.trait = {
        "members": rng.lognormvariate(0, 0.25),
        "workers": rng.lognormvariate(0, 0.3 if kind == "HTX" else 0.15),
        "charter": rng.lognormvariate(0, 0.35),
        "revenue": rng.lognormvariate(0, 0.35),
        "income": rng.lognormvariate(0, 0.18),
        "margin": rng.gauss(0.07, 0.035) if kind == "HTX" else rng.uniform(0.03, 0.1),
        "total": 1.0 + rng.lognormvariate(-0.7, 0.5),
        "share": share,
        "share_2024": share if rng.random() < 0.75 else rng.uniform(0.2, 0.285),
        "managers": float(max(3, min(7, round(4 + 1.4 * math.log(org.size) + rng.uniform(-0.8, 0.8))))),
        "quality": rng.gauss(0, 1),
        "trained": rng.uniform(-0.2, 0.2),
        "associates": rng.uniform(0.1, 0.5) if rng.random() < 0.4 else 0.0,
        "labour": rng.uniform(0.55, 1.0),
    }
    return org


def _sector(rng: random.Random, kind: str, year: int) -> str:
    table = HTX_SECTORS if kind == "HTX" else (THT_SECTORS_LATE if year >= 2019 else THT_SECTORS)
    return rng.choices(list(table), weights=list(table.values()))[0]


def _born(rng: random.Random, kind: str, year: int, count: int) -> list[Org]:
    dates = sorted(_day(rng, year) for _ in range(count))
    return [_new_org(rng, kind, _sector(rng, kind, year), day) for day in dates]


def _dissolve(rng: random.Random, alive: list[Org], count: int, year: int) -> None:
    """Dissolve `count` organisations during `year`, weaker ones first; one on 1/1 and one on 31/12."""
    candidates = [org for org in alive if org.established.year <= year - 2]
    keys: list[tuple[float, int]] = []
    for index, org in enumerate(candidates):
        weight = 1 / org.size
        if org.kind == "THT" and org.sector != "nong-nghiep" and 2019 <= year <= 2022:
            weight *= 4  # Decree 77/2019: the non-agricultural groups mostly ceased
        keys.append((rng.random() ** (1 / weight), index))
    chosen = [candidates[index] for _, index in sorted(keys, reverse=True)[:count]]
    for number, org in enumerate(chosen):
        edge = {0: dt.date(year, 1, 1), 1: dt.date(year, 12, 31)}
        org.dissolved = edge.get(number) or _day(rng, year)


def _simulate(rng: random.Random, kind: str, active: dict[int, int], new_late: dict[int, int]) -> list[Org]:
    lower, upper = (20, 25) if kind == "HTX" else (30, 40)
    offset = 1 if kind == "HTX" else 0  # the people's credit fund is counted with the HTX
    founders = active[2003] - offset - new_late[2003]
    orgs = [_new_org(rng, kind, _sector(rng, kind, 2000), _day(rng, rng.randint(1994, 2002))) for _ in range(founders)]
    orgs += _born(rng, kind, 2003, new_late[2003])
    for year in YEARS[1:]:
        alive = [org for org in orgs if org.active(year - 1)]
        new = new_late.get(year) or rng.randint(lower, upper)
        _dissolve(rng, alive, len(alive) + new - (active[year] - offset), year)
        orgs += _born(rng, kind, year, new)
    orgs.sort(key=lambda org: org.established)
    prefix = "LS-HTX" if kind == "HTX" else "LS-THT"
    for number, org in enumerate(orgs, start=1):
        org.code = f"{prefix}-{number:04d}"
    return orgs


def _special_orgs(rng: random.Random) -> list[Org]:
    fund = _new_org(rng, "QTDND", "tin-dung", dt.date(1997, 6, 12))
    fund.code, fund.size, fund.growth, fund.name = "LS-QTD-01", 4.0, 0.01, "Quỹ tín dụng nhân dân Đồng Đăng"
    fund.trait |= {"members": 3.0, "workers": 0.2, "charter": 2.5, "revenue": 2.0, "managers": 7.0,
                   "labour": 0.06, "members_trend": 0.07, "workers_trend": 0.045,
                   "charter_trend": -0.02}  # fmt: skip
    unions = []
    for code, name, established in UNIONS:
        union = _new_org(rng, "LHHTX", "nong-nghiep", established)
        union.code, union.name = code, name
        union.sector = "van-tai" if "Vận tải" in name else "nong-nghiep"
        union.trait["managers"] = float(rng.randint(3, 5))
        unions.append(union)
    return [fund, *unions]


# Unions, suspensions, missing reports.
def _pick(rng: random.Random, pool: list[Org], taken: set[str], count: int) -> list[Org]:
    free = [org for org in pool if org.code not in taken]
    chosen = rng.sample(free, count)
    taken.update(org.code for org in chosen)
    return chosen


def _union_links(rng: random.Random, htx: list[Org]) -> list[Link]:
    stable = [org for org in htx if org.kind == "HTX" and org.dissolved is None]
    farm = [org for org in stable if org.sector == "nong-nghiep"]
    taken: set[str] = set()
    (lh1, day1), (lh2, day2), (lh3, day3) = ((code, day) for code, _, day in UNIONS)
    old_farm = [org for org in farm if org.established < dt.date(2009, 1, 1)]
    first = _pick(rng, old_farm, taken, 8)
    leaver = next(org for org in htx if org.established < day1 and org.dissolved and org.dissolved.year >= 2016)
    links = [Link(lh1, org.code, day1) for org in first[:5]]
    links.append(Link(lh1, leaver.code, day1, dt.date(2015, 9, 30)))
    links += [Link(lh1, org.code, day) for org, day in zip(first[5:], _days(2012, 2014, 2017), strict=True)]
    second = _pick(rng, [org for org in farm if org.established < dt.date(2015, 1, 1)], taken, 5)
    links += [Link(lh2, org.code, day2) for org in second[:4]]
    links += [Link(lh2, first[2].code, dt.date(2017, 5, 10)), Link(lh2, second[4].code, dt.date(2018, 4, 2))]
    late = _pick(rng, [org for org in farm if org.established < dt.date(2019, 1, 1)], taken, 2)
    links += [Link(lh1, org.code, day) for org, day in zip(late, _days(2020, 2024), strict=True)]
    transport = [org for org in stable if org.sector == "van-tai" and org.established < dt.date(2022, 1, 1)]
    third = _pick(rng, transport, taken, 5)
    links += [Link(lh3, org.code, day3) for org in third[:4]]
    links.append(Link(lh3, third[4].code, dt.date(2025, 3, 18)))
    return links


def _days(*years: int) -> list[dt.date]:
    return [dt.date(year, 3 + index % 6, 10 + index) for index, year in enumerate(years)]


def _suspensions(rng: random.Random, htx: list[Org]) -> list[tuple[str, dt.date, dt.date]]:
    episodes: list[tuple[str, dt.date, dt.date]] = []
    used: set[str] = set()
    for year in SUSPENSION_YEARS:
        pool = [
            org for org in htx
            if org.kind == "HTX" and org.code not in used and org.established.year <= year - 1
            and (org.dissolved is None or org.dissolved.year >= year + 2)
        ]  # fmt: skip
        org = rng.choice(pool)
        used.add(org.code)
        start = _day(rng, year, 31, 300)
        episodes.append((org.code, start, start + dt.timedelta(days=30 * rng.randint(2, 10))))
    return episodes


def _suspended_days(episodes: list[tuple[str, dt.date, dt.date]]) -> Counter[tuple[str, int]]:
    days: Counter[tuple[str, int]] = Counter()
    for code, start, end in episodes:
        for year in range(start.year, end.year + 1):
            low, high = max(start, dt.date(year, 1, 1)), min(end, dt.date(year + 1, 1, 1))
            days[(code, year)] += (high - low).days
    return days


def _missing(rng: random.Random, htx: list[Org], tht: list[Org], linked: set[str]) -> set[tuple[str, int]]:
    missing: set[tuple[str, int]] = set()
    for year, counts in MISSING.items():
        for group, count in zip((htx, tht), counts, strict=True):
            pool = [
                org.code for org in group
                if org.active(year) and org.kind != "QTDND" and org.code not in linked
                and org.established.year < year
            ]  # fmt: skip
            missing.update((code, year) for code in rng.sample(pool, count))
    return missing


# Yearly figures.
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


def _trained(year: int, managers: int, offset: float) -> int:
    share = 0.2 + 0.1 * (year - 2003) / 7 if year <= 2010 else 0.3 + 0.3 * (year - 2010) / 15
    return min(managers, max(0, round(managers * (share + offset))))


def _ratings(rng: random.Random, year: int, orgs: list[Org], suspended: Counter[tuple[str, int]]) -> list[str]:
    """TT 01/2020 classes from 2020; not for HTX under 12 months old or stopped over 3 months that year."""
    labels = [""] * len(orgs)
    if year < 2020:
        return labels
    progress = (year - 2020) / 5
    shares = [low + (high - low) * progress for low, high in zip(RATING_2020, RATING_2025, strict=True)]
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


def _htx_counts(rng: random.Random, year: int, orgs: list[Org]) -> tuple[list[int], list[int], list[int]]:
    count = len(orgs)
    weights = _weights(rng, orgs, year, "members")
    members = apportion(_total("HTX", "members", year, count), weights, [5 if year >= 2024 else 7] * count)
    if year in MEMBER_EXCEPTION_YEARS:
        low = min(range(count), key=lambda i: (members[i], i if year % 2 else -i))
        high = max(range(count), key=lambda i: (members[i], -i))
        members[low], members[high] = members[low] - 1, members[high] + 1
    share = _interp(AVERAGE[("HTX", "wm_share")], year)
    labour = EXACT[("HTX", "worker_members")].get(year, round(share * sum(members)))
    weights = [m * org.trait["labour"] for m, org in zip(members, orgs, strict=True)]
    worker_members = apportion(labour, weights, [0] * count, members)
    hired = apportion(_total("HTX", "workers", year, count) - labour, _weights(rng, orgs, year, "workers"), [0] * count)
    return members, [w + h for w, h in zip(worker_members, hired, strict=True)], worker_members


def _htx_year(rng: random.Random, year: int, orgs: list[Org], suspended: Counter[tuple[str, int]]) -> list[Row]:
    count = len(orgs)
    members, workers, worker_members = _htx_counts(rng, year, orgs)
    charter = apportion(_total("HTX", "charter", year, count), _weights(rng, orgs, year, "charter"), [20] * count)
    revenue = apportion(_total("HTX", "revenue", year, count), _weights(rng, orgs, year, "revenue"), [10] * count)
    incomes = _incomes(rng, round(_interp(AVERAGE[("HTX", "income")], year)), orgs, workers)
    exception = next(i for i, org in enumerate(orgs) if org.kind == "HTX") if year == CAPITAL_EXCEPTION_YEAR else -1
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
        "managers_trained": [_trained(year, m, org.trait["trained"])
                             for m, org in zip(managers, orgs, strict=True)],
    }  # fmt: skip
    text = {name: [str(value) for value in values] for name, values in columns.items()}
    text["rating"] = _ratings(rng, year, orgs, suspended)
    text["associate_members"] = [
        str(round(m * org.trait["associates"])) if year >= 2024 else "" for m, org in zip(members, orgs, strict=True)
    ]
    return _rows(year, orgs, text)


def _tht_year(rng: random.Random, year: int, orgs: list[Org]) -> list[Row]:
    count = len(orgs)
    weights = _weights(rng, orgs, year, "members")
    members = apportion(_total("THT", "members", year, count), weights, [3 if year <= 2018 else 2] * count)
    workers = [max(2, round(m * org.trait["workers"])) for m, org in zip(members, orgs, strict=True)]
    revenue = apportion(_total("THT", "revenue", year, count), _weights(rng, orgs, year, "revenue"), [5] * count)
    profit_weights = [r * org.trait["margin"] for r, org in zip(revenue, orgs, strict=True)]
    profit = apportion(_total("THT", "profit", year, count), profit_weights, [0] * count)
    columns = {
        "members": members, "workers": workers,
        "worker_members": [min(m, w) for m, w in zip(members, workers, strict=True)],
        "revenue": [r * 1_000_000 for r in revenue], "profit": [p * 1000 for p in profit],
        "total_capital": [max(1, round(0.4 * r * org.trait["charter"])) * 1_000_000
                          for r, org in zip(revenue, orgs, strict=True)],
        "avg_income": _incomes(rng, round(_interp(AVERAGE[("THT", "income")], year)), orgs, workers),
    }  # fmt: skip
    return _rows(year, orgs, {name: [str(value) for value in values] for name, values in columns.items()})


def _union_rows(year: int, unions: list[Org], links: list[Link]) -> list[Row]:
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
            "avg_income": round(_interp(AVERAGE[("HTX", "income")], year) * 1.1 / 1000) * 1000,
            "managers": managers, "managers_trained": _trained(year, managers, 0.15),
            "max_member_capital": math.floor(charter * 1000 * 0.25) * 1000,
        }  # fmt: skip
        rows += _rows(year, [union], {name: [str(value)] for name, value in values.items()})
    return rows


def _annual(
    rng: random.Random, groups: tuple[list[Org], list[Org], list[Org]], links: list[Link],
    episodes: list[tuple[str, dt.date, dt.date]], missing: set[tuple[str, int]],
) -> list[Row]:  # fmt: skip
    htx, tht, unions = groups
    suspended = _suspended_days(episodes)
    rows: list[Row] = []
    for year in YEARS:
        rows += _htx_year(rng, year, [o for o in htx if o.active(year) and (o.code, year) not in missing], suspended)
        rows += _tht_year(rng, year, [o for o in tht if o.active(year) and (o.code, year) not in missing])
        rows += _union_rows(year, unions, links)
    return sorted(rows, key=lambda row: (row["code"], row["year"]))


def _iso(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


def _sheets(orgs: list[Org], links: list[Link], episodes: list[tuple[str, dt.date, dt.date]]) -> Package:
    organizations = [
        {"code": org.code, "name": org.name, "kind": org.kind, "sector": org.sector, "province": PROVINCE,
         "area": org.area, "established": _iso(org.established), "dissolved": _iso(org.dissolved)}
        for org in sorted(orgs, key=lambda org: org.code)
    ]  # fmt: skip
    members = [
        {"union_code": link.union, "member_code": link.member,
         "joined": _iso(link.joined), "left": _iso(link.left)}
        for link in sorted(links, key=lambda link: (link.union, link.joined, link.member))
    ]  # fmt: skip
    statuses: list[Row] = []
    for code, start, end in sorted(episodes):
        statuses.append({"code": code, "date": _iso(start), "status": "tam-ngung",
                         "note": "Tạm ngừng hoạt động để củng cố tổ chức, sắp xếp lại sản xuất"})  # fmt: skip
        statuses.append({"code": code, "date": _iso(end), "status": "hoat-dong",
                         "note": "Hoạt động trở lại sau thời gian tạm ngừng"})  # fmt: skip
    return {"organizations": organizations, "union_members": members, "statuses": statuses}


def build_package() -> dict[str, list[dict[str, str]]]:
    """Deterministic Lạng Sơn demo data package, 2003–2025."""
    rng = random.Random(SEED)
    geo = load_geography()
    htx = _simulate(rng, "HTX", HTX_ACTIVE, HTX_NEW_LATE)
    tht = _simulate(rng, "THT", THT_ACTIVE, THT_NEW_LATE)
    fund, *unions = _special_orgs(rng)
    orgs = [fund, *unions, *htx, *tht]
    place(rng, geo, orgs)
    cover_new_communes(rng, geo, orgs)
    assign_names(NameMaker(random.Random(SEED + 1)), geo, orgs)
    figures = random.Random(SEED + 2)
    links = _union_links(figures, htx)
    episodes = _suspensions(figures, htx)
    linked = {link.member for link in links}
    missing = _missing(figures, [fund, *htx], tht, linked)
    annual = _annual(figures, ([fund, *htx], tht, unions), links, episodes, missing)
    return _sheets(orgs, links, episodes) | {"annual": annual}
