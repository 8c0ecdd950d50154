"""National control totals of the demo data and their split over the 62 provinces other than Lạng Sơn.

Counts are organisations active at 31/12 over the whole country, Lạng Sơn included (its calibrated package is
kept as it is, and the other provinces share the rest). HTX include the people's credit funds, as the
national statistics count them. Sources (shared domain reference §8): HTX 23,280 (2019, kinhtedothi.vn),
26,040 (2020), 27,342 (2021), 29,378 (2022), 31,364 (2023), 33,335 (12/2024, MPI), 35,041 (2025, MoF
768/BC-BTC); unions 75 (2019), 125 (2022), 152 (2024), 164 (2025); THT 71,000 (2022) and 63,650 (12/2024).
Before 2019 the paths are plausible guesses (no national series was found).

The THT path is a choice: the 104,861 THT reported for 2019 cannot sit beside ≈33,000 HTX in a registry of
about 100,000 organisations, so the groups here grow from 26,000 (2003) to a peak of 74,000 (2019) and then
decline, as the non-agricultural groups lapsed under Decree 77/2019 and groups turned into HTX, through the
published 71,000 (2022) to 63,650 (2024) and 62,400 (2025). About 97,000 organisations are active at the end
of 2024; with those dissolved along the way, about 123,000 have existed over 2003–2025.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from kttt.demo import generate as lang_son
from kttt.demo.apportion import apportion, interpolate
from kttt.demo.places import DIVISION_WEIGHTS, load_geographies
from kttt.demo.places import PROVINCE as LANG_SON

SEED = 20250701
YEARS = range(2003, 2026)


HTX = {2003: 14_500, 2008: 16_500, 2013: 18_800, 2018: 22_000, 2019: 23_280, 2020: 26_040, 2021: 27_342,
       2022: 29_378, 2023: 31_364, 2024: 33_335, 2025: 35_041}  # fmt: skip
FUNDS = {2003: 900, 2010: 1_050, 2018: 1_180, 2025: 1_180}  # people's credit funds, counted with the HTX
THT = {2003: 26_000, 2019: 74_000, 2020: 73_000, 2021: 72_000, 2022: 71_000, 2023: 67_300, 2024: 63_650,
       2025: 62_400}  # fmt: skip
UNIONS = {2003: 20, 2008: 28, 2013: 45, 2018: 68, 2019: 75, 2020: 88, 2021: 105, 2022: 125, 2023: 140,
          2024: 152, 2025: 164}  # fmt: skip

# Regions: (HTX, THT, credit funds, money, income) relative weights. The deltas have most HTX and nearly all
# people's credit funds; the Mekong and the highlands most cooperative groups; the south-east the largest
# businesses and incomes.
REGIONS: dict[str, tuple[float, float, float, float, float]] = {
    "uplands": (1.0, 0.7, 0.3, 0.6, 0.8),
    "red-river": (1.6, 0.6, 2.5, 1.2, 1.1),
    "north-central": (1.3, 0.9, 2.0, 0.8, 0.9),
    "south-central": (0.9, 1.0, 0.5, 0.9, 0.95),
    "highlands": (1.2, 1.4, 0.6, 1.0, 0.95),
    "southeast": (0.8, 0.8, 0.5, 1.5, 1.25),
    "mekong": (1.0, 2.2, 0.6, 1.0, 1.0),
}
REGION_OF: dict[str, tuple[str, ...]] = {
    "uplands": ("2", "4", "6", "8", "10", "11", "12", "14", "15", "17", "19", "20", "24", "25"),
    "red-river": ("1", "22", "26", "27", "30", "31", "33", "34", "35", "36", "37"),
    "north-central": ("38", "40", "42", "44", "45", "46"),
    "south-central": ("48", "49", "51", "52", "54", "56", "58", "60"),
    "highlands": ("62", "64", "66", "67", "68"),
    "southeast": ("70", "72", "74", "75", "77", "79"),
    "mekong": ("80", "82", "83", "84", "86", "87", "89", "91", "92", "93", "94", "95", "96"),
}
# Provinces known for many cooperatives, beyond what their size and region give.
DENSE = {"1": 1.4, "34": 1.4, "36": 1.3, "38": 1.2, "40": 1.2, "66": 1.2, "89": 1.2}


@dataclass(frozen=True)
class ProvincePlan:
    """One province's organisations active at 31/12 of each year, and how rich its businesses are."""

    code: str
    region: str
    htx: dict[int, int]  # HTX proper (without the credit funds)
    funds: dict[int, int]
    tht: dict[int, int]
    unions: dict[int, int]
    money: float  # revenue and capital, relative to the national average
    income: float  # income per worker, relative to the national average


def national_path(anchors: dict[int, int], year: int) -> int:
    return round(interpolate({y: float(v) for y, v in anchors.items()}, year))


def region_of(province: str) -> str:
    return next(region for region, codes in REGION_OF.items() if province in codes)


def _lang_son(years: range) -> dict[str, dict[int, int]]:
    """Lạng Sơn's own counts, taken off the national totals."""
    unions = {year: sum(1 for _, _, day in lang_son.UNIONS if day.year <= year) for year in years}
    return {
        "htx": {year: lang_son.HTX_ACTIVE[year] - 1 for year in years},
        "funds": dict.fromkeys(years, 1),
        "tht": {year: lang_son.THT_ACTIVE[year] for year in years},
        "unions": unions,
    }


def _weights(rng: random.Random) -> dict[str, tuple[float, float, float, float, float, float]]:
    """Per province: HTX, THT, fund weights, a yearly drift of its share, money and income factors."""
    rural = {
        code: sum(DIVISION_WEIGHTS[c.division] for c in geo.old.values()) for code, geo in load_geographies().items()
    }
    weights = {}
    for code in sorted(rural, key=int):
        htx, tht, funds, money, income = REGIONS[region_of(code)]
        dense = DENSE.get(code, 1.0)
        weights[code] = (
            rural[code] * htx * dense * rng.lognormvariate(0, 0.3),
            rural[code] * tht * rng.lognormvariate(0, 0.35),
            rural[code] * funds * rng.lognormvariate(0, 0.3),
            rng.gauss(0, 0.012),
            money * rng.lognormvariate(0, 0.15),
            income * rng.lognormvariate(0, 0.08),
        )
    return weights


def _split(total: dict[int, int], weights: dict[str, float], drift: dict[str, float]) -> dict[str, dict[int, int]]:
    codes = list(weights)
    shares = {year: [weights[c] * math.exp(drift[c] * (year - 2014)) for c in codes] for year in total}
    counts = {year: apportion(total[year], shares[year], [0] * len(codes)) for year in total}
    return {c: {year: counts[year][i] for year in total} for i, c in enumerate(codes)}


def _split_unions(total: dict[int, int], weights: dict[str, float]) -> dict[str, dict[int, int]]:
    """Unions are not dissolved here: each province's count never falls."""
    codes, previous = list(weights), [0] * len(weights)
    counts = {}
    for year in sorted(total):
        previous = apportion(total[year], [weights[c] for c in codes], previous)
        counts[year] = previous
    return {c: {year: counts[year][i] for year in total} for i, c in enumerate(codes)}


def national_plan(scale: float = 1.0, years: range = YEARS, seed: int = SEED) -> dict[str, ProvincePlan]:
    """The plan of every province but Lạng Sơn; `scale` shrinks every count (for tests), rounding per province."""
    ls = _lang_son(years)
    weights = {code: w for code, w in _weights(random.Random(seed)).items() if code != LANG_SON}
    drift = {code: w[3] for code, w in weights.items()}
    rest = {
        "funds": {y: national_path(FUNDS, y) - ls["funds"][y] for y in years},
        "tht": {y: national_path(THT, y) - ls["tht"][y] for y in years},
        "unions": {y: national_path(UNIONS, y) - ls["unions"][y] for y in years},
    }
    rest["htx"] = {y: national_path(HTX, y) - national_path(FUNDS, y) - ls["htx"][y] for y in years}
    split = {
        "htx": _split(rest["htx"], {c: w[0] for c, w in weights.items()}, drift),
        "tht": _split(rest["tht"], {c: w[1] for c, w in weights.items()}, drift),
        "funds": _split(rest["funds"], {c: w[2] for c, w in weights.items()}, drift),
        "unions": _split_unions(rest["unions"], {c: w[0] for c, w in weights.items()}),
    }
    money = _normalised({c: w[4] for c, w in weights.items()}, split["htx"], years[-1])
    income = _normalised({c: w[5] for c, w in weights.items()}, split["htx"], years[-1])

    def scaled(path: dict[int, int]) -> dict[int, int]:
        return {year: round(count * scale) for year, count in path.items()}

    return {
        code: ProvincePlan(
            code,
            region_of(code),
            htx=scaled(split["htx"][code]),
            funds=scaled(split["funds"][code]),
            tht=scaled(split["tht"][code]),
            unions=scaled(split["unions"][code]),
            money=money[code],
            income=income[code],
        )
        for code in weights
    }


def _normalised(factors: dict[str, float], counts: dict[str, dict[int, int]], year: int) -> dict[str, float]:
    """Factors whose mean, weighted by the HTX of `year`, is 1: the national averages stay the calibrated ones."""
    mean = sum(factors[c] * counts[c][year] for c in factors) / sum(counts[c][year] for c in factors)
    return {c: f / mean for c, f in factors.items()}
