"""The lending rules known at release (sources: shared domain reference §6), loaded by the initial
migration. The statutory maximum loan, term and interest were not found in any source: no rows are
seeded for them, and a row added in the admin is enforced from its first day in force."""

from __future__ import annotations

from typing import Any

D45 = "Nghị định số 45/2021/NĐ-CP về thành lập, tổ chức và hoạt động của Quỹ hỗ trợ phát triển hợp tác xã"

RULES: list[dict[str, Any]] = [
    dict(
        code="von-tu-co-20-nd45",
        measure="von-tu-co-toi-thieu",
        value=20,
        valid_from=None,
        instrument=D45,
        article="Điều 22",
        verified=True,
        source="thuvienphapluat.vn, hỏi đáp 53808",
        # The Decree's own start date and the pre-2021 regime were not checked, so the rule applies to
        # every date until an officer records the earlier rule.
        note="Chưa kiểm chứng ngày hiệu lực và quy định trước năm 2021; đang áp dụng cho mọi thời điểm.",
    ),
    dict(
        code="no-xau-90-ngay",
        measure="ngay-qua-han-no-xau",
        value=90,
        valid_from=None,
        instrument="Thông lệ phân loại nợ của ngân hàng (nợ quá hạn trên 90 ngày xếp vào nợ xấu)",
        verified=False,
        note="Chưa tìm thấy quy định riêng của Quỹ; điều chỉnh khi có văn bản.",
    ),
]
