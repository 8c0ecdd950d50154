"""Rating schemes and size classes known at release (shared domain reference §2 and §4). Loaded by
migrations; officers may correct them in the admin. Rows marked verified=False are provisional: their
values were not found in any source and were chosen so the scheme adds up — replace them when the text
is at hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

TT01 = "Thông tư số 01/2020/TT-BKHĐT"
TT09 = "Thông tư số 09/2017/TT-BNNPTNT"
ND113 = "Nghị định số 113/2024/NĐ-CP"

FINANCE = "I. Tài chính"
GOVERNANCE = "II. Quản trị và năng lực"
MEMBERS = "III–IV. Thành viên và cộng đồng"

# TC10–TC15 share 40 points; the split is not in any source we found. 7,7,7,7,6,6 is provisional:
# the first four criteria concern members directly, so they carry the extra point each.
TT01_CRITERIA: list[tuple[str, str, str, int, bool]] = [
    ("TC1", FINANCE, "Vốn hoạt động", 7, True),
    ("TC2", FINANCE, "Tài sản", 6, True),
    ("TC3", FINANCE, "Kết quả hoạt động sản xuất, kinh doanh trong năm", 11, True),
    ("TC4", FINANCE, "Trích lập các quỹ", 6, True),
    ("TC5", GOVERNANCE, "Tuân thủ quy định của pháp luật", 8, True),
    ("TC6", GOVERNANCE, "Giải quyết tranh chấp, khiếu nại", 6, True),
    ("TC7", GOVERNANCE, "Trình độ của cán bộ quản lý", 6, True),
    ("TC8", GOVERNANCE, "Chính sách đối với thành viên và người lao động", 6, True),
    ("TC9", GOVERNANCE, "Ứng dụng công nghệ, xây dựng thương hiệu, liên kết chuỗi giá trị", 4, True),
    ("TC10", MEMBERS, "Mức độ tham gia của thành viên", 7, False),
    ("TC11", MEMBERS, "Lợi ích của thành viên", 7, False),
    ("TC12", MEMBERS, "Sản phẩm, dịch vụ cung ứng cho thành viên", 7, False),
    ("TC13", MEMBERS, "Thông tin, truyền thông, đào tạo", 7, False),
    ("TC14", MEMBERS, "Tác động tích cực tới cộng đồng", 6, False),
    ("TC15", MEMBERS, "Khen thưởng trong năm", 6, False),
]

# TT 09/2017 names six criteria; their weights were not found. Provisional weights summing to 100.
TT09_CRITERIA: list[tuple[str, str, str, int, bool]] = [
    ("TC1", "", "Doanh thu và kết quả hoạt động", 25, False),
    ("TC2", "", "Lợi ích của thành viên", 20, False),
    ("TC3", "", "Vốn hoạt động", 15, False),
    ("TC4", "", "Quy mô thành viên và tác động tới cộng đồng", 15, False),
    ("TC5", "", "Khen thưởng", 10, False),
    ("TC6", "", "Sự hài lòng của thành viên", 15, False),
]

SCHEMES: list[dict[str, Any]] = [
    dict(
        code="tt01-2020",
        name="Phân loại và đánh giá hợp tác xã",
        instrument=TT01,
        valid_from=dt.date(2020, 4, 1),
        valid_to=dt.date(2025, 9, 17),
        kinds="HTX",
        sector="",
        max_suspended_days=92,
        note="Bãi bỏ từ 18/9/2025 bởi Thông tư 78/2025/TT-BTC. Điểm của TC10–TC15 là tạm tính.",
        criteria=TT01_CRITERIA,
    ),
    dict(
        code="tt09-2017",
        name="Phân loại và đánh giá hợp tác xã nông nghiệp",
        instrument=TT09,
        valid_from=dt.date(2017, 6, 1),
        valid_to=dt.date(2020, 3, 31),
        kinds="HTX",
        sector="nong-nghiep",
        max_suspended_days=None,
        verified=False,
        note=(
            "Ngày hiệu lực và ngày hết hiệu lực chưa kiểm chứng (giả định thay thế bởi TT 01/2020). "
            "Trọng số 6 tiêu chí là tạm tính. HTX bị xử phạt hành chính trong năm xếp loại Yếu."
        ),
        criteria=TT09_CRITERIA,
    ),
]
THRESHOLDS = dict(good_min=Decimal(80), fair_min=Decimal(65), average_min=Decimal(50))

BN = 1_000_000_000
TT01_FROM, TT01_TO = dt.date(2020, 4, 1), dt.date(2024, 10, 31)
ND113_FROM = dt.date(2024, 11, 1)


def _size(
    scheme: str,
    group: str,
    tier: str,
    members: int,
    revenue: float | None,
    capital: float | None,
    verified: bool = True,
) -> dict[str, Any]:
    tt01 = scheme == "tt01-2020"
    return dict(
        scheme=scheme,
        instrument=TT01 if tt01 else ND113,
        valid_from=TT01_FROM if tt01 else ND113_FROM,
        valid_to=TT01_TO if tt01 else None,
        sector_group=group,
        tier=tier,
        min_members=members,
        min_revenue=None if revenue is None else int(revenue * BN),
        min_total_capital=None if capital is None else int(capital * BN),
        verified=verified,
        note="" if verified else "Ngưỡng tạm tính, chưa kiểm chứng từ văn bản gốc; cấu hình được.",
    )


SIZE_RULES: list[dict[str, Any]] = [
    # TT 01/2020: members only. siêu nhỏ < 50; nhỏ 50–300; vừa > 300–1.000; lớn > 1.000.
    _size("tt01-2020", "", "lon", 1001, None, None),
    _size("tt01-2020", "", "vua", 301, None, None),
    _size("tt01-2020", "", "nho", 50, None, None),
    _size("tt01-2020", "", "sieu-nho", 0, None, None),
    # Decree 113/2024, agriculture (verified).
    _size("nd113-2024", "nong-nghiep", "lon", 300, 50, 10),
    _size("nd113-2024", "nong-nghiep", "vua", 200, 10, 5),
    _size("nd113-2024", "nong-nghiep", "nho", 50, 2, 1),
    _size("nd113-2024", "nong-nghiep", "sieu-nho", 0, None, None),
    # Industry–construction: only "lớn" is verified.
    _size("nd113-2024", "cong-nghiep-xay-dung", "lon", 100, 80, 20),
    _size("nd113-2024", "cong-nghiep-xay-dung", "vua", 50, 30, 10, verified=False),
    _size("nd113-2024", "cong-nghiep-xay-dung", "nho", 20, 5, 2, verified=False),
    _size("nd113-2024", "cong-nghiep-xay-dung", "sieu-nho", 0, None, None, verified=False),
    # Trade–services and other: nothing verified.
    _size("nd113-2024", "thuong-mai-dich-vu", "lon", 100, 100, 20, verified=False),
    _size("nd113-2024", "thuong-mai-dich-vu", "vua", 50, 30, 10, verified=False),
    _size("nd113-2024", "thuong-mai-dich-vu", "nho", 20, 5, 1, verified=False),
    _size("nd113-2024", "thuong-mai-dich-vu", "sieu-nho", 0, None, None, verified=False),
]
