"""Deterministic demo data for the whole country, one package per province (before 1/7/2025), 2003–2025.

Lạng Sơn is always its own calibrated package (kttt.demo.generate), so its reports keep matching the
published figures; the other 62 provinces are generated here on the national plan (kttt.demo.national_plan):
organisations simulated year by year to hit each province's counts, placed in communes of the province in
force on their establishment date, named after them, and given yearly figures apportioned from national
averages (shared domain reference §8) scaled by the province's wealth. Each province draws from its own seeded
generator, so a slice of provinces is the same as in the whole.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from kttt.demo import generate as lang_son
from kttt.demo.figures import Calibration, Row, htx_year, tht_year, union_rows
from kttt.demo.names import NameMaker, assign_names
from kttt.demo.national_orgs import shape, simulate, union_links, unions
from kttt.demo.national_plan import SEED, YEARS, ProvincePlan, national_plan
from kttt.demo.package import Package, sheets
from kttt.demo.places import PROVINCE as LANG_SON
from kttt.demo.places import REFORM, Spread, load_geographies
from kttt.demo.population import Episode, Link, Org, day_in, suspended_days
from kttt.demo.words import REGION_WORDS

# National averages per reporting organisation (money in million VND; income in đồng per worker per year;
# THT profit in thousand đồng): MPI 12/2024 and MoF 768/BC-BTC (2025); earlier years are plausible paths.
AVERAGE: dict[tuple[str, str], dict[int, float]] = {
    ("HTX", "members"): {2003: 420, 2012: 300, 2018: 235, 2022: 202, 2024: 174, 2025: 171},
    ("HTX", "workers"): {2003: 17, 2018: 22, 2024: 27, 2025: 27.5},
    ("HTX", "wm_share"): {2003: 0.025, 2018: 0.06, 2024: 0.1},  # members who are regular workers
    ("HTX", "charter"): {2003: 300, 2018: 1300, 2024: 2027, 2025: 2150},
    ("HTX", "revenue"): {2003: 800, 2010: 1400, 2018: 2500, 2024: 3550, 2025: 4560},
    ("HTX", "income"): {2003: 9e6, 2010: 20e6, 2018: 42e6, 2024: 59e6, 2025: 64e6},
    ("THT", "members"): {2003: 12, 2018: 13.5, 2024: 14.8, 2025: 15},
    ("THT", "revenue"): {2003: 120, 2018: 420, 2024: 600, 2025: 640},
    ("THT", "income"): {2003: 6e6, 2018: 30e6, 2024: 40e6, 2025: 42e6},
    ("THT", "profit"): {2003: 8e3, 2018: 30e3, 2024: 45e3, 2025: 48e3},
}
MONEY = {("HTX", "charter"), ("HTX", "revenue"), ("THT", "revenue"), ("THT", "profit")}
INCOME = {("HTX", "income"), ("THT", "income")}
RATINGS = ((0.15, 0.42, 0.30), (0.30, 0.48, 0.16))  # 2020, 2025: 78 % khá/tốt in 2025 (MoF 768/BC-BTC)
SUSPENDED_SHARE = 0.003  # of the HTX, each year
MISSING_SHARE = {2025: 0.03}  # not yet reported; other years: a few THT
MISSING_THT = 0.004


def trained_share(year: int) -> float:
    """Key officers trained: 71 % in 2024 (46.6 % elementary/intermediate, 24.7 % college/university)."""
    return 0.25 + 0.15 * (year - 2003) / 7 if year <= 2010 else 0.4 + 0.31 * (year - 2010) / 14


def calibration(plan: ProvincePlan) -> Calibration:
    def factor(key: tuple[str, str]) -> float:
        return plan.money if key in MONEY else plan.income if key in INCOME else 1.0

    average = {key: {year: value * factor(key) for year, value in anchors.items()} for key, anchors in AVERAGE.items()}
    return Calibration(average, ratings=RATINGS, trained=trained_share)


@dataclass(frozen=True)
class Population:
    """The organisations of one province, with their lifetimes, places and names."""

    htx: list[Org]
    funds: list[Org]
    tht: list[Org]
    unions: list[Org]

    @property
    def everyone(self) -> list[Org]:
        return [*self.funds, *self.unions, *self.htx, *self.tht]


def population(plan: ProvincePlan, seed: int = SEED) -> Population:
    """Simulate, place and name the organisations of one province (not Lạng Sơn)."""
    prefix = f"T{int(plan.code):02d}"
    rng = random.Random(f"{seed}-{plan.code}-population")
    people = Population(
        simulate(rng, "HTX", plan.htx, f"{prefix}-HTX"),
        simulate(rng, "QTDND", plan.funds, f"{prefix}-QTD"),
        simulate(rng, "THT", plan.tht, f"{prefix}-THT"),
        unions(rng, plan.unions, f"{prefix}-LH"),
    )
    for org in people.everyone:
        shape(rng, org)
    geo = load_geographies()[plan.code]
    spread = Spread(random.Random(f"{seed}-{plan.code}-places"), geo)
    for org in people.everyone:
        org.area = spread.area(org)
        org.province = geo.new[org.area].province if org.established >= REFORM else plan.code
    names = NameMaker(random.Random(f"{seed}-{plan.code}-names"), REGION_WORDS[plan.region])
    assign_names(names, geo, people.everyone)
    return people


def province_package(plan: ProvincePlan, years: range = YEARS, seed: int = SEED) -> Package:
    """The data package of one province (not Lạng Sơn)."""
    people = population(plan, seed)
    rng = random.Random(f"{seed}-{plan.code}-figures")
    links = union_links(rng, people.unions, people.htx, years[-1])
    episodes = _suspensions(rng, people.htx, years)
    missing = _missing(rng, people.htx, people.tht, {link.member for link in links}, years)
    groups = ([*people.funds, *people.htx], people.tht, people.unions)
    annual = _annual(rng, calibration(plan), groups, links, episodes, missing, years)
    package = sheets(people.everyone, links, episodes) | {"annual": annual}
    return {name: rows for name, rows in package.items() if rows}  # an empty sheet would lack its header


def _suspensions(rng: random.Random, htx: list[Org], years: range) -> list[Episode]:
    """A few HTX stop for some months each year (from the second year on) and resume."""
    episodes: list[Episode] = []
    used: set[str] = set()
    for year in years[1:-1]:
        pool = [
            org for org in htx
            if org.code not in used and org.established.year <= year - 1
            and (org.dissolved is None or org.dissolved.year >= year + 2)
        ]  # fmt: skip
        for org in rng.sample(pool, min(len(pool), round(len(pool) * SUSPENDED_SHARE + rng.random()))):
            used.add(org.code)
            start = day_in(rng, year, 31, 300)
            episodes.append((org.code, start, start + dt.timedelta(days=30 * rng.randint(2, 10))))
    return episodes


def _missing(
    rng: random.Random, htx: list[Org], tht: list[Org], linked: set[str], years: range
) -> set[tuple[str, int]]:
    missing: set[tuple[str, int]] = set()
    for year in years:
        for group, share in ((htx, MISSING_SHARE.get(year, 0.0)), (tht, MISSING_SHARE.get(year, MISSING_THT))):
            pool = [
                org.code for org in group
                if org.active(year) and org.code not in linked and org.established.year < year
            ]  # fmt: skip
            missing.update((code, year) for code in rng.sample(pool, round(len(pool) * share)))
    return missing


def _annual(
    rng: random.Random, cal: Calibration, groups: tuple[list[Org], list[Org], list[Org]], links: list[Link],
    episodes: list[Episode], missing: set[tuple[str, int]], years: range,
) -> list[Row]:  # fmt: skip
    htx, tht, unions = groups
    suspended = suspended_days(episodes)
    rows: list[Row] = []
    for year in years:
        reporting = [o for o in htx if o.active(year) and (o.code, year) not in missing]
        if reporting:
            rows += htx_year(rng, cal, year, reporting, suspended)
        reporting = [o for o in tht if o.active(year) and (o.code, year) not in missing]
        if reporting:
            rows += tht_year(rng, cal, year, reporting)
        rows += union_rows(cal, year, unions, links)
    return sorted(rows, key=lambda row: (row["code"], row["year"]))


def provinces() -> list[str]:
    """The GSO codes of the 63 provinces before 1/7/2025, in code order."""
    return sorted(load_geographies(), key=int)


def national_packages(
    codes: Iterable[str] | None = None, years: range = YEARS, scale: float = 1.0, seed: int = SEED
) -> Iterator[tuple[str, Package]]:
    """(province code, package) for each province asked (all 63 by default), one at a time so that only one
    province is in memory. Lạng Sơn is always its calibrated package, whatever the years and scale."""
    plans = national_plan(scale, years, seed)
    for code in codes if codes is not None else provinces():
        yield code, lang_son.build_package() if code == LANG_SON else province_package(plans[code], years, seed)
