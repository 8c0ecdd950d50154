"""Places of Lạng Sơn (before and after 1/7/2025) and realistic Vietnamese names for the demo package."""

from __future__ import annotations

import csv
import datetime as dt
import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

DATA_DIR = Path(__file__).resolve().parent.parent / "areas" / "data"
PROVINCE = "20"
REFORM = dt.date(2025, 7, 1)  # two-tier local government: the new communes
# Share of organisations by former district (more in the city and the lowland districts).
DISTRICT_WEIGHTS = {
    "178": 13, "180": 8, "181": 5, "182": 8, "183": 11, "184": 9, "185": 8, "186": 13, "187": 11,
    "188": 10, "189": 4,
}  # fmt: skip

_PREFIXES = ("Thị trấn ", "Phường ", "Xã ", "xã ", "Huyện ", "Thành phố ", "Thị xã ")


@dataclass(frozen=True)
class Commune:
    code: str
    name: str  # short name, without "Xã "/"Phường "/"Thị trấn "
    division: str  # "xã", "phường", "thị trấn"
    district: str  # former district code ("" for the communes created on 1/7/2025)
    new_code: str  # the commune it belongs to from 1/7/2025


@dataclass(frozen=True)
class Geography:
    old: dict[str, Commune]  # former communes that passed whole into one new commune
    new: dict[str, Commune]  # communes from 1/7/2025
    districts: dict[str, str]  # former district code -> short name
    by_district: dict[str, list[str]]  # former district code -> codes of its eligible old communes


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


def load_geography() -> Geography:
    """Read the GSO unit lists for province 20 (Lạng Sơn)."""
    whole: dict[str, str] = {}
    for row in _read("commune_mapping_2025.csv"):
        if row["old_province_code"] == PROVINCE and row["partly_merged"] == "0":
            whole[row["old_commune_code"]] = row["new_commune_code"]
    old: dict[str, Commune] = {}
    by_district: dict[str, list[str]] = {}
    for row in _read("communes_before_2025.csv"):
        if row["province_code"] == PROVINCE and row["code"] in whole:
            unit = Commune(
                row["code"],
                short_name(row["name"]),
                row["division_type"],
                row["district_code"],
                whole[row["code"]],
            )
            old[unit.code] = unit
            by_district.setdefault(unit.district, []).append(unit.code)
    new = {
        row["code"]: Commune(row["code"], short_name(row["name"]), row["division_type"], "", row["code"])
        for row in _read("communes_2025.csv")
        if row["province_code"] == PROVINCE
    }
    districts = {
        row["code"]: short_name(row["name"])
        for row in _read("districts_before_2025.csv")
        if row["province_code"] == PROVINCE
    }
    return Geography(old, new, districts, by_district)


# Words that make a cooperative's name, by sector.
# fmt: off
HTX_BODIES: dict[str, tuple[str, ...]] = {
    "nong-nghiep": (
        "Nông nghiệp", "Dịch vụ nông nghiệp", "Nông lâm nghiệp", "Chè", "Hồi", "Quế", "Hồi quế", "Na",
        "Thạch đen", "Rau an toàn", "Chăn nuôi lợn", "Chăn nuôi gia cầm", "Dược liệu", "Mật ong",
        "Cây ăn quả", "Hồng không hạt", "Quýt", "Thủy sản", "Lâm nghiệp", "Khoai môn", "Ba kích",
        "Nông nghiệp Công nghệ cao", "Sản xuất và Kinh doanh nông sản", "Nông sản sạch", "Trồng trọt",
        "Nông nghiệp và Dịch vụ tổng hợp", "Chè dưới tán hồi", "Chăn nuôi trâu bò", "Nấm", "Đào",
    ),
    "thuong-mai": (
        "Dịch vụ tổng hợp", "Thương mại và Dịch vụ", "Thương mại Dịch vụ", "Dịch vụ Du lịch",
        "Dịch vụ điện năng", "Kinh doanh điện", "Dịch vụ Thương mại tổng hợp", "Du lịch cộng đồng",
    ),
    "van-tai": (
        "Vận tải", "Vận tải hành khách", "Vận tải và Dịch vụ", "Dịch vụ vận tải", "Vận tải hàng hóa",
        "Vận tải Thương mại",
    ),
    "xay-dung": (
        "Xây dựng", "Vật liệu xây dựng", "Xây dựng và Thương mại", "Khai thác đá", "Xây dựng tổng hợp",
        "Gạch không nung",
    ),
    "cong-nghiep": (
        "Mây tre đan", "Chế biến nông lâm sản", "Cơ khí", "Chế biến gỗ", "Tiểu thủ công nghiệp",
        "Dệt thổ cẩm", "Chế biến thạch đen", "Chế biến tinh dầu hồi", "Sản xuất miến dong",
    ),
    "moi-truong": (
        "Môi trường", "Vệ sinh môi trường", "Nước sạch", "Dịch vụ môi trường và đô thị",
        "Môi trường và Nước sạch",
    ),
    "khac": ("Dịch vụ việc làm", "Dịch vụ", "Phát triển cộng đồng", "Dịch vụ văn hóa"),
}
THT_ACTIVITIES: dict[str, tuple[str, ...]] = {
    "nong-nghiep": (
        "chăn nuôi", "chăn nuôi lợn", "chăn nuôi gà", "chăn nuôi trâu bò", "trồng hồi", "trồng quế",
        "trồng chè", "trồng na", "trồng thạch đen", "trồng rau an toàn", "sản xuất rau an toàn", "trồng rừng",
        "trồng cây ăn quả", "nuôi ong", "nuôi cá", "trồng thuốc lá", "trồng khoai lang", "trồng mía",
        "sản xuất lúa", "trồng dưa hấu", "trồng hồng", "trồng quýt", "dịch vụ nông nghiệp", "trồng hoa",
        "trồng dược liệu", "trồng nấm", "trồng bí", "khuyến nông", "sản xuất giống",
    ),
    "cong-nghiep": ("mây tre đan", "dệt thổ cẩm", "sửa chữa cơ khí", "chế biến nông sản", "làm miến"),
    "xay-dung": ("xây dựng", "vật liệu xây dựng", "khai thác cát sỏi"),
    "van-tai": ("vận tải", "xe công nông", "vận chuyển hàng hóa"),
    "thuong-mai": ("dịch vụ tổng hợp", "thu mua nông sản", "kinh doanh nông sản"),
    "moi-truong": ("nước sạch", "thu gom rác", "vệ sinh môi trường"),
    "khac": ("dịch vụ", "văn nghệ"),
}

_VILLAGE_FIRST = (
    "Nà", "Khuổi", "Bản", "Pò", "Còn", "Pác", "Lũng", "Khòn", "Phai", "Co", "Kéo", "Nặm", "Bó", "Khau",
    "Tồng", "Pàn", "Nà", "Khun",
)
_VILLAGE_SECOND = (
    "Lải", "Pàn", "Cáy", "Mò", "Sla", "Ngần", "Hin", "Piầng", "Slăng", "Mạ", "Tèo", "Lù", "Lạn", "Rọ", "Vằn",
    "Phìn", "Luông", "Thâm", "Nưa", "Quang", "Cạn", "Khoang", "Mần", "Đon", "Hà", "Riềng",
)
_VILLAGE_KINH = (
    "Đồng Tâm", "Tân Lập", "Trung Tâm", "Hòa Bình", "Thống Nhất", "Tân Sơn", "Đồng Tiến", "Minh Khai",
    "Quyết Tiến", "Rừng Thông", "Làng Mới", "Đoàn Kết",
)
# fmt: on


class NameMaker:
    """Draws unique names; every call returns a name never returned before."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()

    def _take(self, candidates: list[str]) -> str:
        for name in candidates:
            if name not in self.used:
                self.used.add(name)
                return name
        number = 2
        while f"{candidates[0]} {number}" in self.used:
            number += 1
        self.used.add(f"{candidates[0]} {number}")
        return f"{candidates[0]} {number}"

    def fixed(self, name: str) -> str:
        return self._take([name])

    def htx(self, sector: str, commune: Commune, district: str) -> str:
        prefix = "Hợp tác xã " if self.rng.random() < 0.22 else "HTX "
        bodies = list(HTX_BODIES[sector])
        self.rng.shuffle(bodies)
        places = [commune.name]
        if district:
            places.insert(0 if self.rng.random() < 0.18 else 1, district)
        return self._take([f"{prefix}{body} {place}" for place in places for body in bodies])

    def village(self) -> str:
        if self.rng.random() < 0.2:
            return self.rng.choice(_VILLAGE_KINH)
        return f"{self.rng.choice(_VILLAGE_FIRST)} {self.rng.choice(_VILLAGE_SECOND)}"

    def tht(self, sector: str, commune: Commune) -> str:
        activities = list(THT_ACTIVITIES[sector])
        self.rng.shuffle(activities)
        village = self.village()
        hamlet = "thôn" if village.startswith("Bản") or self.rng.random() < 0.75 else "bản"
        forms = [f"{hamlet} {village}", village, f"{commune.division} {commune.name}"]
        first = self.rng.choices(forms, weights=(60, 20, 20))[0]
        places = [first] + [form for form in forms if form != first]
        return self._take([f"Tổ hợp tác {activity} {place}" for place in places for activity in activities])


def place(rng: random.Random, geo: Geography, orgs: Sequence[Placed]) -> None:
    """Old commune (weighted by former district) before 1/7/2025, new commune from that day."""
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


def assign_names(names: NameMaker, geo: Geography, orgs: Sequence[Placed]) -> None:
    """Name every organisation after its commune or former district; fixed names are kept (and reserved)."""
    for org in orgs:
        if org.name:
            org.name = names.fixed(org.name)
            continue
        commune = geo.old.get(org.area) or geo.new[org.area]
        district = geo.districts.get(commune.district, "")
        org.name = names.htx(org.sector, commune, district) if org.kind == "HTX" else names.tht(org.sector, commune)
