"""Deterministic demo data package for Lạng Sơn, 2003–2025, calibrated on the published figures.

Sources of the calibration: the Lạng Sơn Party Committee's 15-year review of NQ 13-NQ/TW (14/5/2019) for
2003 and 2018; KH 180/KH-UBND (2022), KH 158/KH-UBND (2023), KH 178/KH-UBND and the provincial Liên minh
HTX (2024). Yearly control totals are fixed first; the population is simulated year by year; each year's
totals are then apportioned over the reporting organisations with exact integer apportionment.
"""

from __future__ import annotations

import datetime as dt
import random

from kttt.demo.figures import Calibration, Row, htx_year, tht_year, union_rows
from kttt.demo.names import NameMaker, assign_names
from kttt.demo.package import sheets
from kttt.demo.places import cover_new_communes, load_geography, place
from kttt.demo.population import (
    Episode,
    Link,
    Org,
    born,
    day_in,
    dissolve,
    new_org,
    pick,
    suspended_days,
)

SEED = 20190514
YEARS = range(2003, 2026)

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


LANG_SON = Calibration(
    average=AVERAGE,
    exact=EXACT,
    active={"HTX": HTX_ACTIVE, "THT": THT_ACTIVE},
    ratings=(RATING_2020, RATING_2025),
    member_exceptions=MEMBER_EXCEPTION_YEARS,
    capital_exception=CAPITAL_EXCEPTION_YEAR,
)


# Population.
def _sector(rng: random.Random, kind: str, year: int) -> str:
    table = HTX_SECTORS if kind == "HTX" else (THT_SECTORS_LATE if year >= 2019 else THT_SECTORS)
    return rng.choices(list(table), weights=list(table.values()))[0]


def _simulate(rng: random.Random, kind: str, active: dict[int, int], new_late: dict[int, int]) -> list[Org]:
    lower, upper = (20, 25) if kind == "HTX" else (30, 40)
    offset = 1 if kind == "HTX" else 0  # the people's credit fund is counted with the HTX
    founders = active[2003] - offset - new_late[2003]
    orgs = [new_org(rng, kind, _sector(rng, kind, 2000), day_in(rng, rng.randint(1994, 2002))) for _ in range(founders)]
    orgs += born(rng, kind, 2003, new_late[2003], _sector)
    for year in YEARS[1:]:
        alive = [org for org in orgs if org.active(year - 1)]
        new = new_late.get(year) or rng.randint(lower, upper)
        dissolve(rng, alive, len(alive) + new - (active[year] - offset), year)
        orgs += born(rng, kind, year, new, _sector)
    orgs.sort(key=lambda org: org.established)
    prefix = "LS-HTX" if kind == "HTX" else "LS-THT"
    for number, org in enumerate(orgs, start=1):
        org.code = f"{prefix}-{number:04d}"
    return orgs


def _special_orgs(rng: random.Random) -> list[Org]:
    fund = new_org(rng, "QTDND", "tin-dung", dt.date(1997, 6, 12))
    fund.code, fund.size, fund.growth, fund.name = "LS-QTD-01", 4.0, 0.01, "Quỹ tín dụng nhân dân Đồng Đăng"
    fund.trait |= {"members": 3.0, "workers": 0.2, "charter": 2.5, "revenue": 2.0, "managers": 7.0,
                   "labour": 0.06, "members_trend": 0.07, "workers_trend": 0.045,
                   "charter_trend": -0.02}  # fmt: skip
    unions = []
    for code, name, established in UNIONS:
        union = new_org(rng, "LHHTX", "nong-nghiep", established)
        union.code, union.name = code, name
        union.sector = "van-tai" if "Vận tải" in name else "nong-nghiep"
        union.trait["managers"] = float(rng.randint(3, 5))
        unions.append(union)
    return [fund, *unions]


# Unions, suspensions, missing reports.
def _union_links(rng: random.Random, htx: list[Org]) -> list[Link]:
    stable = [org for org in htx if org.kind == "HTX" and org.dissolved is None]
    farm = [org for org in stable if org.sector == "nong-nghiep"]
    taken: set[str] = set()
    (lh1, day1), (lh2, day2), (lh3, day3) = ((code, day) for code, _, day in UNIONS)
    old_farm = [org for org in farm if org.established < dt.date(2009, 1, 1)]
    first = pick(rng, old_farm, taken, 8)
    leaver = next(org for org in htx if org.established < day1 and org.dissolved and org.dissolved.year >= 2016)
    links = [Link(lh1, org.code, day1) for org in first[:5]]
    links.append(Link(lh1, leaver.code, day1, dt.date(2015, 9, 30)))
    links += [Link(lh1, org.code, day) for org, day in zip(first[5:], _days(2012, 2014, 2017), strict=True)]
    second = pick(rng, [org for org in farm if org.established < dt.date(2015, 1, 1)], taken, 5)
    links += [Link(lh2, org.code, day2) for org in second[:4]]
    links += [Link(lh2, first[2].code, dt.date(2017, 5, 10)), Link(lh2, second[4].code, dt.date(2018, 4, 2))]
    late = pick(rng, [org for org in farm if org.established < dt.date(2019, 1, 1)], taken, 2)
    links += [Link(lh1, org.code, day) for org, day in zip(late, _days(2020, 2024), strict=True)]
    transport = [org for org in stable if org.sector == "van-tai" and org.established < dt.date(2022, 1, 1)]
    third = pick(rng, transport, taken, 5)
    links += [Link(lh3, org.code, day3) for org in third[:4]]
    links.append(Link(lh3, third[4].code, dt.date(2025, 3, 18)))
    return links


def _days(*years: int) -> list[dt.date]:
    return [dt.date(year, 3 + index % 6, 10 + index) for index, year in enumerate(years)]


def _suspensions(rng: random.Random, htx: list[Org]) -> list[Episode]:
    episodes: list[Episode] = []
    used: set[str] = set()
    for year in SUSPENSION_YEARS:
        pool = [
            org for org in htx
            if org.kind == "HTX" and org.code not in used and org.established.year <= year - 1
            and (org.dissolved is None or org.dissolved.year >= year + 2)
        ]  # fmt: skip
        org = rng.choice(pool)
        used.add(org.code)
        start = day_in(rng, year, 31, 300)
        episodes.append((org.code, start, start + dt.timedelta(days=30 * rng.randint(2, 10))))
    return episodes


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


def _annual(
    rng: random.Random, groups: tuple[list[Org], list[Org], list[Org]], links: list[Link],
    episodes: list[Episode], missing: set[tuple[str, int]],
) -> list[Row]:  # fmt: skip
    htx, tht, unions = groups
    suspended = suspended_days(episodes)
    rows: list[Row] = []
    for year in YEARS:
        reporting = [o for o in htx if o.active(year) and (o.code, year) not in missing]
        rows += htx_year(rng, LANG_SON, year, reporting, suspended)
        rows += tht_year(rng, LANG_SON, year, [o for o in tht if o.active(year) and (o.code, year) not in missing])
        rows += union_rows(LANG_SON, year, unions, links)
    return sorted(rows, key=lambda row: (row["code"], row["year"]))


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
    return sheets(orgs, links, episodes) | {"annual": annual}
