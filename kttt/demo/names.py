"""Realistic Vietnamese names for the demo organisations, after their commune or former district."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

from kttt.demo.places import Commune, Geography, Placed

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
UNION_THEMES: dict[str, tuple[str, ...]] = {
    "nong-nghiep": (
        "Nông nghiệp", "Dịch vụ nông nghiệp", "Nông sản an toàn", "Sản xuất và Tiêu thụ nông sản",
        "Nông nghiệp Công nghệ cao", "Nông nghiệp và Phát triển nông thôn", "Nông nghiệp sạch",
    ),
    "van-tai": ("Vận tải", "Vận tải hành khách", "Vận tải và Dịch vụ"),
    "thuong-mai": ("Thương mại và Dịch vụ", "Dịch vụ tổng hợp", "Thương mại"),
    "cong-nghiep": ("Tiểu thủ công nghiệp", "Làng nghề", "Chế biến nông sản"),
}
# fmt: on


@dataclass(frozen=True)
class Words:
    """The words of one region's names: HTX name bodies and THT activities by sector, and village names
    (a hamlet word, then either a Kinh name or a first and second syllable)."""

    htx_bodies: dict[str, tuple[str, ...]]
    tht_activities: dict[str, tuple[str, ...]]
    village_first: tuple[str, ...]
    village_second: tuple[str, ...]
    village_kinh: tuple[str, ...]
    kinh_share: float = 0.2
    hamlets: tuple[str, str] = ("thôn", "bản")
    first_hamlet_share: float = 0.75


LANG_SON_WORDS = Words(HTX_BODIES, THT_ACTIVITIES, _VILLAGE_FIRST, _VILLAGE_SECOND, _VILLAGE_KINH)


class NameMaker:
    """Draws unique names; every call returns a name never returned before."""

    def __init__(self, rng: random.Random, words: Words = LANG_SON_WORDS) -> None:
        self.rng = rng
        self.words = words
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
        bodies = list(self.words.htx_bodies[sector])
        self.rng.shuffle(bodies)
        places = [commune.name]
        if district:
            places.insert(0 if self.rng.random() < 0.18 else 1, district)
        return self._take([f"{prefix}{body} {place}" for place in places for body in bodies])

    def village(self) -> str:
        words = self.words
        if self.rng.random() < words.kinh_share:
            return self.rng.choice(words.village_kinh)
        return f"{self.rng.choice(words.village_first)} {self.rng.choice(words.village_second)}"

    def tht(self, sector: str, commune: Commune) -> str:
        activities = list(self.words.tht_activities[sector])
        self.rng.shuffle(activities)
        village = self.village()
        first_hamlet, other_hamlet = self.words.hamlets
        share = self.words.first_hamlet_share
        hamlet = first_hamlet if village.startswith("Bản") or self.rng.random() < share else other_hamlet
        forms = [f"{hamlet} {village}", village, f"{commune.division} {commune.name}"]
        first = self.rng.choices(forms, weights=(60, 20, 20))[0]
        places = [first] + [form for form in forms if form != first]
        return self._take([f"Tổ hợp tác {activity} {place}" for place in places for activity in activities])

    def fund(self, commune: Commune) -> str:
        return self._take([f"Quỹ tín dụng nhân dân {commune.name}"])

    def union(self, sector: str, province: str, district: str) -> str:
        themes = list(UNION_THEMES.get(sector, UNION_THEMES["nong-nghiep"]))
        self.rng.shuffle(themes)
        places = [province, district] if district else [province]
        return self._take([f"Liên hiệp HTX {theme} {place}" for place in places for theme in themes])


def assign_names(names: NameMaker, geo: Geography, orgs: Sequence[Placed]) -> None:
    """Name every organisation after its commune or former district; fixed names are kept (and reserved)."""
    for org in orgs:
        if org.name:
            org.name = names.fixed(org.name)
            continue
        commune = geo.old.get(org.area) or geo.new[org.area]
        district = geo.districts.get(commune.district, "")
        if org.kind == "HTX":
            org.name = names.htx(org.sector, commune, district)
        elif org.kind == "THT":
            org.name = names.tht(org.sector, commune)
        elif org.kind == "QTDND":
            org.name = names.fund(commune)
        else:
            org.name = names.union(org.sector, geo.name, district)
