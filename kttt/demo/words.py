"""The words of organisation names in each region of the country (the national demo data). Lạng Sơn keeps
its own words (kttt.demo.names); the northern uplands borrow its village names."""

from __future__ import annotations

from kttt.demo.names import LANG_SON_WORDS, Words

# fmt: off
_OTHER_HTX_BODIES: dict[str, tuple[str, ...]] = {
    "thuong-mai": (
        "Dịch vụ tổng hợp", "Thương mại và Dịch vụ", "Thương mại Dịch vụ", "Dịch vụ Du lịch",
        "Dịch vụ điện năng", "Kinh doanh điện", "Dịch vụ Thương mại tổng hợp", "Du lịch cộng đồng", "Chợ",
    ),
    "van-tai": (
        "Vận tải", "Vận tải hành khách", "Vận tải và Dịch vụ", "Dịch vụ vận tải", "Vận tải hàng hóa",
        "Vận tải Thương mại", "Vận tải thủy", "Taxi",
    ),
    "xay-dung": (
        "Xây dựng", "Vật liệu xây dựng", "Xây dựng và Thương mại", "Khai thác đá", "Xây dựng tổng hợp",
        "Gạch không nung", "Khai thác cát",
    ),
    "cong-nghiep": (
        "Mây tre đan", "Chế biến nông lâm sản", "Cơ khí", "Chế biến gỗ", "Tiểu thủ công nghiệp",
        "Dệt may", "Gốm", "Làng nghề", "Chế biến thực phẩm", "Thêu ren", "Mộc",
    ),
    "moi-truong": (
        "Môi trường", "Vệ sinh môi trường", "Nước sạch", "Dịch vụ môi trường và đô thị",
        "Môi trường và Nước sạch", "Cấp nước",
    ),
    "khac": ("Dịch vụ việc làm", "Dịch vụ", "Phát triển cộng đồng", "Dịch vụ văn hóa"),
}
_FARMING = (
    "Nông nghiệp", "Dịch vụ nông nghiệp", "Nông nghiệp và Dịch vụ tổng hợp", "Sản xuất và Kinh doanh nông sản",
    "Nông sản sạch", "Trồng trọt", "Chăn nuôi", "Chăn nuôi gia cầm", "Rau an toàn", "Cây ăn quả",
    "Nông nghiệp Công nghệ cao", "Dược liệu", "Nấm", "Mật ong", "Giống cây trồng", "Nông nghiệp hữu cơ",
    "Dịch vụ thủy lợi", "Nông nghiệp Xanh", "Nông nghiệp sinh thái",
)
_OTHER_THT_ACTIVITIES: dict[str, tuple[str, ...]] = {
    "cong-nghiep": ("mây tre đan", "sửa chữa cơ khí", "chế biến nông sản", "làm nghề mộc", "dệt may"),
    "xay-dung": ("xây dựng", "vật liệu xây dựng", "khai thác cát sỏi"),
    "van-tai": ("vận tải", "vận chuyển hàng hóa", "đò ngang"),
    "thuong-mai": ("dịch vụ tổng hợp", "thu mua nông sản", "kinh doanh nông sản"),
    "moi-truong": ("nước sạch", "thu gom rác", "vệ sinh môi trường"),
    "khac": ("dịch vụ", "văn nghệ"),
}
_TENDING = (
    "chăn nuôi", "chăn nuôi lợn", "chăn nuôi gà", "chăn nuôi bò", "trồng rau an toàn", "sản xuất rau an toàn",
    "trồng cây ăn quả", "nuôi ong", "nuôi cá", "dịch vụ nông nghiệp", "trồng hoa", "trồng nấm",
    "sản xuất giống", "khuyến nông", "sản xuất lúa",
)
# Crops and trades each region is known for (added to the common words above).
_LOCAL: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {  # region -> (HTX bodies, THT activities)
    "uplands": (
        ("Chè", "Quế", "Hồi", "Thảo quả", "Mận", "Cam", "Dong riềng", "Lâm nghiệp", "Chăn nuôi trâu bò"),
        ("trồng chè", "trồng quế", "trồng rừng", "trồng cam", "trồng mận", "chăn nuôi trâu bò"),
    ),
    "red-river": (
        ("Lúa gạo", "Rau màu", "Hoa cây cảnh", "Vải thiều", "Nhãn", "Thủy sản", "Sản xuất lúa giống"),
        ("trồng rau màu", "trồng hoa", "nuôi cá", "sản xuất lúa chất lượng cao", "trồng cây cảnh"),
    ),
    "north-central": (
        ("Lạc", "Cam", "Chè", "Thủy sản", "Nước mắm", "Muối", "Lúa giống", "Dịch vụ nghề cá"),
        ("trồng lạc", "trồng cam", "khai thác hải sản", "làm muối", "trồng chè", "nuôi tôm"),
    ),
    "south-central": (
        ("Thủy sản", "Hải sản", "Muối", "Nho", "Thanh long", "Tỏi", "Dịch vụ nghề cá", "Xoài"),
        ("khai thác hải sản", "nuôi tôm", "làm muối", "trồng nho", "trồng thanh long", "nuôi dê"),
    ),
    "highlands": (
        ("Cà phê", "Hồ tiêu", "Sầu riêng", "Mắc ca", "Rau hoa", "Chè", "Bơ", "Cà phê bền vững"),
        ("trồng cà phê", "trồng hồ tiêu", "trồng sầu riêng", "trồng rau hoa", "trồng bơ", "trồng mắc ca"),
    ),
    "southeast": (
        ("Cao su", "Điều", "Hồ tiêu", "Rau sạch", "Sầu riêng", "Chôm chôm", "Bò sữa"),
        ("trồng cao su", "trồng điều", "trồng hồ tiêu", "trồng rau sạch", "nuôi bò sữa"),
    ),
    "mekong": (
        ("Lúa gạo", "Trái cây", "Xoài", "Bưởi", "Dừa", "Thủy sản", "Tôm", "Khóm", "Sầu riêng", "Cánh đồng lớn"),
        ("sản xuất lúa", "trồng xoài", "trồng bưởi", "trồng dừa", "nuôi tôm", "nuôi cá tra", "trồng khóm"),
    ),
}
_KINH_NORTH = (
    "Đông", "Đoài", "Thượng", "Hạ", "Trung", "An Lạc", "Phú Thọ", "Đồng Tâm", "Tân Lập", "Đại Đồng", "Yên Phú",
    "Văn Xá", "Phương Đình", "Hòa Bình", "Thống Nhất", "Quyết Tiến", "Minh Khai", "Đồng Tiến", "Thanh Xuân",
    "Phú Mỹ", "Nam Sơn", "Bắc Sơn", "Đông Hòa", "Tây Hồ", "Xuân Lai", "An Phú", "Ngọc Lâm", "Kim Sơn",
)
_KINH_SOUTH = (
    "Tân Hòa", "Bình Phú", "Long Thạnh", "Mỹ Hưng", "Phú Lợi", "Tân Thành", "Bình An", "Long Hòa", "Mỹ Lợi",
    "Thạnh Phú", "Hòa Hưng", "An Thạnh", "Phước Lộc", "Tân Qui", "Vĩnh Hòa", "Long Mỹ", "Thới An", "Bình Thạnh",
    "Phú Hòa", "Tân Phước", "Mỹ Thuận", "Hưng Lợi", "An Bình", "Long Phú",
)
_HIGHLAND_FIRST = ("Plei", "Kon", "Đăk", "Ea", "Krông")
_HIGHLAND_SECOND = (
    "Ja", "Ktul", "Tơ Pang", "H'Ding", "Kmăng", "Rơ", "Pông", "Klong", "Bông", "Tur", "Ngo", "Jut", "Kroa", "Yang",
)
# fmt: on


def _words(
    region: str,
    *,
    kinh: tuple[str, ...] = _KINH_NORTH,
    first: tuple[str, ...] = LANG_SON_WORDS.village_first,
    second: tuple[str, ...] = LANG_SON_WORDS.village_second,
    kinh_share: float = 1.0,
    hamlets: tuple[str, str] = ("thôn", "xóm"),
    first_hamlet_share: float = 0.7,
) -> Words:
    bodies, activities = _LOCAL[region]
    return Words(
        {"nong-nghiep": _FARMING + bodies, **_OTHER_HTX_BODIES},
        {"nong-nghiep": _TENDING + activities, **_OTHER_THT_ACTIVITIES},
        first,
        second,
        kinh,
        kinh_share,
        hamlets,
        first_hamlet_share,
    )


REGION_WORDS: dict[str, Words] = {
    "uplands": _words("uplands", kinh_share=0.3, hamlets=("thôn", "bản"), first_hamlet_share=0.6),
    "red-river": _words("red-river"),
    "north-central": _words("north-central"),
    "south-central": _words("south-central", hamlets=("thôn", "thôn")),
    "highlands": _words(
        "highlands", first=_HIGHLAND_FIRST, second=_HIGHLAND_SECOND, kinh_share=0.5, hamlets=("thôn", "buôn")
    ),
    "southeast": _words("southeast", kinh=_KINH_SOUTH, hamlets=("ấp", "ấp")),
    "mekong": _words("mekong", kinh=_KINH_SOUTH, hamlets=("ấp", "ấp")),
}
