"""Where the demo organisations sit: the communes of a province before and after 1/7/2025, read from the GSO
unit lists in kttt/areas/data, and the placing of organisations in them."""

from __future__ import annotations

import csv
import datetime as dt
import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Protocol

DATA_DIR = Path(__file__).resolve().parent.parent / "areas" / "data"
PROVINCE = "20"
REFORM = dt.date(2025, 7, 1)  # two-tier local government: the new communes
# Share of organisations by former district of Lạng Sơn (more in the city and the lowland districts).
DISTRICT_WEIGHTS = {
    "178": 13, "180": 8, "181": 5, "182": 8, "183": 11, "184": 9, "185": 8, "186": 13, "187": 11,
    "188": 10, "189": 4,
}  # fmt: skip
# Elsewhere, how much more often an organisation sits in a commune of each kind (farming is rural).
DIVISION_WEIGHTS = {"xã": 1.0, "thị trấn": 0.8, "phường": 0.3, "đặc khu": 0.5}

_PREFIXES = ("Thị trấn ", "Phường ", "Xã ", "xã ", "Huyện ", "Thành phố ", "Thị xã ", "Tỉnh ", "Đặc khu ")


@dataclass(frozen=True)
class Commune:
    code: str
    name: str  # short name, without "Xã "/"Phường "/"Thị trấn "
    division: str  # "xã", "phường", "thị trấn"
    district: str  # former district code ("" for the communes created on 1/7/2025)
    new_code: str  # the commune it belongs to from 1/7/2025
    province: str = ""  # the province it belongs to (the new province for the communes from 1/7/2025)


@dataclass(frozen=True)
class Geography:
    old: dict[str, Commune]  # former communes that passed whole into one new commune
    new: dict[str, Commune]  # communes from 1/7/2025 (of the province's former territory)
    districts: dict[str, str]  # former district code -> short name
    by_district: dict[str, list[str]]  # former district code -> codes of its eligible old communes
    code: str = PROVINCE  # the province (code before 1/7/2025)
    name: str = ""  # its short name


class Placed(Protocol):
    """What placing and naming need from an organisation."""

    kind: str
    sector: str
    established: dt.date
    area: str
    name: str

    def active(self, year: int) -> bool: ...


def short_name(name: str) -> str:
    for prefix in _PREFIXES:
        if name.startswith(prefix):
            name = name[len(prefix) :]
            break
    return name.replace("NT ", "Nông trường ")


def _read(file: str) -> list[dict[str, str]]:
    with (DATA_DIR / file).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def load_geography(province: str = PROVINCE) -> Geography:
    """The communes of one province (by its code before 1/7/2025)."""
    return load_geographies()[province]


@cache
def load_geographies() -> dict[str, Geography]:
    """Every province before 1/7/2025, by GSO code. Only former communes that passed whole into one new
    commune are used, so an organisation's new commune is never in doubt; nor are the few whose code is also
    a district's code in the same province (the gazetteer could not tell them apart by code)."""
    mapping = _read("commune_mapping_2025.csv")
    whole = {row["old_commune_code"]: row["new_commune_code"] for row in mapping if row["partly_merged"] == "0"}
    territory: dict[str, set[str]] = {}
    for row in mapping:
        territory.setdefault(row["old_province_code"], set()).add(row["new_commune_code"])
    districts: dict[str, dict[str, str]] = {}
    for row in _read("districts_before_2025.csv"):
        districts.setdefault(row["province_code"], {})[row["code"]] = short_name(row["name"])
    old: dict[str, dict[str, Commune]] = {}
    by_district: dict[str, dict[str, list[str]]] = {}
    for row in _read("communes_before_2025.csv"):
        province, code = row["province_code"], row["code"]
        if code not in whole or code in districts[province]:
            continue
        unit = Commune(code, short_name(row["name"]), row["division_type"], row["district_code"], whole[code], province)
        old.setdefault(province, {})[code] = unit
        by_district.setdefault(province, {}).setdefault(unit.district, []).append(code)
    new = {
        row["code"]: Commune(row["code"], short_name(row["name"]), row["division_type"], "", row["code"], province)
        for row in _read("communes_2025.csv")
        if (province := row["province_code"])
    }
    return {
        row["code"]: Geography(
            old.get(row["code"], {}),
            {code: new[code] for code in sorted(territory.get(row["code"], ()), key=int)},
            districts.get(row["code"], {}),
            by_district.get(row["code"], {}),
            row["code"],
            short_name(row["name"]),
        )
        for row in _read("provinces_before_2025.csv")
    }


def place(rng: random.Random, geo: Geography, orgs: Sequence[Placed]) -> None:
    """Lạng Sơn: old commune (weighted by former district) before 1/7/2025, new commune from that day."""
    districts = list(DISTRICT_WEIGHTS)
    new_codes = sorted(geo.new)
    for org in orgs:
        if org.kind == "QTDND":
            org.area = next(c.code for c in geo.old.values() if c.name == "Đồng Đăng")
        elif org.kind == "LHHTX":
            org.area = rng.choice(geo.by_district["178"])
        elif org.established >= REFORM:
            org.area = rng.choice(new_codes)
        else:
            district = rng.choices(districts, weights=list(DISTRICT_WEIGHTS.values()))[0]
            org.area = rng.choice(geo.by_district[district])


def cover_new_communes(rng: random.Random, geo: Geography, orgs: Sequence[Placed]) -> None:
    """Move a few organisations so that every new commune has one active after 1/7/2025."""

    def new_commune(org: Placed) -> str:
        return geo.old[org.area].new_code if org.area in geo.old else org.area

    late = [org for org in orgs if org.active(2025) and org.kind in ("HTX", "THT")]
    counts = Counter(new_commune(org) for org in late)
    for code in sorted(geo.new):
        if counts[code]:
            continue
        donors = [org for org in late if org.established < REFORM and counts[new_commune(org)] > 4]
        donor = rng.choice(donors)
        counts[new_commune(donor)] -= 1
        donor.area = rng.choice(sorted(c for c in geo.old if geo.old[c].new_code == code))
        counts[code] += 1


class Spread:
    """Any province: former districts drawn with uneven weights, then communes (rural ones more often);
    unions sit in the first district (the provincial capital), and organisations founded from 1/7/2025 in
    a new commune of the province's former territory."""

    def __init__(self, rng: random.Random, geo: Geography) -> None:
        self.rng, self.geo = rng, geo
        self.districts = sorted(geo.by_district, key=int)
        self.district_weights = [
            rng.lognormvariate(0, 0.45) * sum(DIVISION_WEIGHTS[geo.old[c].division] for c in geo.by_district[d])
            for d in self.districts
        ]
        self.new_codes = sorted(geo.new, key=int)

    def area(self, org: Placed) -> str:
        if org.established >= REFORM:
            return self.rng.choice(self.new_codes)
        if org.kind == "LHHTX":
            return self.rng.choice(self.geo.by_district[self.districts[0]])
        district = self.rng.choices(self.districts, weights=self.district_weights)[0]
        communes = self.geo.by_district[district]
        weights = [DIVISION_WEIGHTS[self.geo.old[c].division] for c in communes]
        return self.rng.choices(communes, weights=weights)[0]
