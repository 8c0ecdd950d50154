"""The organisations of one generated province: births and dissolutions that hit its yearly counts, the
traits that make national figures look national (large old cooperatives and credit funds), union links."""

from __future__ import annotations

import datetime as dt
import random

from kttt.demo.population import Link, Org, born, day_in, dissolve, new_org, pick

HTX_SECTORS = {
    "nong-nghiep": 68, "thuong-mai": 9, "cong-nghiep": 8, "van-tai": 6, "xay-dung": 4, "moi-truong": 3, "khac": 2,
}  # fmt: skip
THT_SECTORS = {
    "nong-nghiep": 85, "thuong-mai": 5, "cong-nghiep": 4, "xay-dung": 2, "van-tai": 2, "moi-truong": 1, "khac": 1,
}  # fmt: skip
FOUNDED_FROM = {"HTX": 1997, "QTDND": 1994, "THT": 1998}  # the oldest organisations still registered
NEW_AT_LEAST = {"HTX": 0.02, "QTDND": 0.0, "THT": 0.01}  # each year, as a share of those active
CODE_DIGITS = {"HTX": 5, "QTDND": 3, "THT": 5}
# Revenue and regular workers by sector, relative to an agricultural HTX.
SECTOR_REVENUE = {"nong-nghiep": 0.8, "thuong-mai": 1.6, "cong-nghiep": 1.4, "van-tai": 1.8, "xay-dung": 1.8}
SECTOR_WORKERS = {"nong-nghiep": 0.8, "thuong-mai": 1.2, "cong-nghiep": 1.5, "van-tai": 2.5, "xay-dung": 1.8}


def dissolution_rate(kind: str, year: int) -> float:
    """Share of last year's organisations dissolved during `year` (more while the 2012 law re-registered HTX)."""
    if kind == "QTDND":
        return 0.002
    if kind == "THT":
        return 0.004 if year <= 2018 else 0.008
    return 0.012 if year <= 2012 else 0.02 if year <= 2018 else 0.007


def sector(rng: random.Random, kind: str, year: int) -> str:
    if kind == "QTDND":
        return "tin-dung"
    table = HTX_SECTORS if kind == "HTX" else THT_SECTORS
    return rng.choices(list(table), weights=list(table.values()))[0]


def simulate(rng: random.Random, kind: str, active: dict[int, int], prefix: str) -> list[Org]:
    """Organisations of one kind whose number active at 31/12 is `active[year]` every year (as long as enough are
    old enough to be dissolved), numbered by establishment date."""
    years = sorted(active)
    first = years[0]
    newcomers = 0 if kind == "QTDND" else round(active[first] * 0.06)
    orgs = [
        new_org(rng, kind, sector(rng, kind, first - 1), day_in(rng, rng.randint(FOUNDED_FROM[kind], first - 1)))
        for _ in range(active[first] - newcomers)
    ]
    orgs += born(rng, kind, first, newcomers, sector)
    for year in years[1:]:
        alive = [org for org in orgs if org.active(year - 1)]
        gone = round(len(alive) * dissolution_rate(kind, year))
        new = max(active[year] - len(alive) + gone, round(len(alive) * NEW_AT_LEAST[kind]))
        dissolve(rng, alive, len(alive) + new - active[year], year)
        orgs += born(rng, kind, year, new, sector)
    orgs.sort(key=lambda org: org.established)
    for number, org in enumerate(orgs, start=1):
        org.code = f"{prefix}-{number:0{CODE_DIGITS[kind]}d}"
    return orgs


def shape(rng: random.Random, org: Org) -> None:
    """National traits: the agricultural HTX that go back to the old collectives count their members by the
    hundred, newer ones by the dozen; credit funds have over a thousand members and few workers."""
    if org.kind == "QTDND":
        org.trait |= {
            "members": rng.lognormvariate(3.7, 0.4), "workers": 0.35, "charter": 4.0, "revenue": 5.0,
            "labour": 0.06, "margin": rng.gauss(0.12, 0.03), "managers": 7.0,
        }  # fmt: skip
    elif org.kind == "HTX":
        old_collective = org.sector == "nong-nghiep" and org.established < dt.date(2003, 1, 1)
        org.trait["members"] *= rng.lognormvariate(2.0, 0.6) if old_collective else rng.lognormvariate(0, 0.5)
        org.trait["revenue"] *= SECTOR_REVENUE.get(org.sector, 1.0)
        org.trait["workers"] *= SECTOR_WORKERS.get(org.sector, 1.0)
        org.trait["margin"] = rng.gauss(0.10, 0.04)


def unions(rng: random.Random, counts: dict[int, int], prefix: str) -> list[Org]:
    """The unions active at 31/12 of each year (none is dissolved), numbered by establishment date."""
    first = min(counts)
    days = [day_in(rng, rng.randint(2000, first - 1)) for _ in range(counts[first])]
    for year in sorted(counts)[1:]:
        days += sorted(day_in(rng, year) for _ in range(counts[year] - counts[year - 1]))
    unions = []
    for number, day in enumerate(sorted(days), start=1):
        sector = rng.choices(("nong-nghiep", "van-tai", "thuong-mai", "cong-nghiep"), weights=(75, 10, 10, 5))[0]
        union = new_org(rng, "LHHTX", sector, day)
        union.code, union.trait["managers"] = f"{prefix}-{number:03d}", float(rng.randint(3, 5))
        unions.append(union)
    return unions


def union_links(rng: random.Random, unions: list[Org], htx: list[Org], last_year: int) -> list[Link]:
    """Each union is founded by 4–8 HTX (of its own sector when there are enough), others join later and a few
    leave; a member HTX stays in business and belongs to one union only."""
    stable = [org for org in htx if org.dissolved is None]
    taken: set[str] = set()
    links: list[Link] = []
    for union in unions:
        free = [org for org in stable if org.established < union.established and org.code not in taken]
        alike = [org for org in free if org.sector == union.sector]
        wanted = rng.randint(4, 8)
        founders = pick(rng, alike if len(alike) >= wanted else free, taken, min(wanted, len(free)))
        links += [Link(union.code, org.code, union.established) for org in founders]
        if len(founders) >= 5 and union.established.year < last_year and rng.random() < 0.15:
            gone = links.pop()
            left = day_in(rng, rng.randint(union.established.year + 1, last_year))
            links.append(Link(gone.union, gone.member, gone.joined, left))
        for year in range(union.established.year + 1, last_year + 1):
            day = day_in(rng, year)
            later = [org for org in stable if org.established < day and org.code not in taken]
            if later and rng.random() < 0.15:
                links += [Link(union.code, org.code, day) for org in pick(rng, later, taken, 1)]
    return links
