"""The simulated organisations of the demo data: their traits, births, dissolutions and union links."""

from __future__ import annotations

import datetime as dt
import math
import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

FIRST_YEAR = 2003  # organisations older than this are as old as it, for their growth paths

Episode = tuple[str, dt.date, dt.date]  # (code, suspended from, resumed on)
SectorChooser = Callable[[random.Random, str, int], str]  # (rng, kind, year) -> sector


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
    province: str = ""  # the province code written in the package ("" where the package has one province)

    def active(self, year: int) -> bool:
        end = dt.date(year, 12, 31)
        return self.established <= end and (self.dissolved is None or self.dissolved > end)

    def weight(self, year: int, trait: str) -> float:
        """Relative size for one figure: size factor, own growth path, and a ramp-up in the first years."""
        age = year - max(self.established.year, FIRST_YEAR)
        ramp = 0.7 if year == self.established.year else (0.88 if year == self.established.year + 1 else 1.0)
        trend = self.growth + self.trait.get(f"{trait}_trend", 0.0)
        return self.size * self.trait[trait] * math.exp(trend * age) * ramp


@dataclass(frozen=True)
class Link:
    union: str
    member: str
    joined: dt.date
    left: dt.date | None = None


def day_in(rng: random.Random, year: int, first: int = 0, last: int = 364) -> dt.date:
    return dt.date(year, 1, 1) + dt.timedelta(days=rng.randint(first, last))


def new_org(rng: random.Random, kind: str, sector: str, established: dt.date) -> Org:
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


def born(rng: random.Random, kind: str, year: int, count: int, sectors: SectorChooser) -> list[Org]:
    dates = sorted(day_in(rng, year) for _ in range(count))
    return [new_org(rng, kind, sectors(rng, kind, year), day) for day in dates]


def dissolve(rng: random.Random, alive: list[Org], count: int, year: int) -> None:
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
        org.dissolved = edge.get(number) or day_in(rng, year)


def pick(rng: random.Random, pool: list[Org], taken: set[str], count: int) -> list[Org]:
    """`count` organisations of the pool not taken yet, marked as taken."""
    free = [org for org in pool if org.code not in taken]
    chosen = rng.sample(free, count)
    taken.update(org.code for org in chosen)
    return chosen


def suspended_days(episodes: list[Episode]) -> Counter[tuple[str, int]]:
    days: Counter[tuple[str, int]] = Counter()
    for code, start, end in episodes:
        for year in range(start.year, end.year + 1):
            low, high = max(start, dt.date(year, 1, 1)), min(end, dt.date(year + 1, 1, 1))
            days[(code, year)] += (high - low).days
    return days


def iso(day: dt.date | None) -> str:
    return day.isoformat() if day else ""
