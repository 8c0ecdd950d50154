"""Places of Lạng Sơn (before and after 1/7/2025) and realistic Vietnamese names for the demo package."""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "areas" / "data"
PROVINCE = "20"

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
