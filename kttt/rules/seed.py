"""The legal thresholds known at release (sources: shared domain reference §2). Loaded by a migration;
officers may correct them in the admin. Values marked verified=False were not confirmed in any source."""

from __future__ import annotations

import datetime as dt
from typing import Any

LAW_2012 = "Luật Hợp tác xã số 23/2012/QH13"
LAW_2023 = "Luật Hợp tác xã số 17/2023/QH15"
D77 = "Nghị định số 77/2019/NĐ-CP về tổ hợp tác"
D151 = "Nghị định số 151/2007/NĐ-CP về tổ chức và hoạt động của tổ hợp tác"

DISSOLUTION_2012 = (
    "Duy trì dưới mức tối thiểu 12 tháng liên tục là căn cứ giải thể bắt buộc (Điều 54 Luật Hợp tác xã 2012)."
)

LAW_2012_FROM, LAW_2012_TO = dt.date(2013, 7, 1), dt.date(2024, 6, 30)
LAW_2023_FROM = dt.date(2024, 7, 1)
D77_FROM = dt.date(2019, 11, 25)

RULES: list[dict[str, Any]] = [
    # Minimum members. Too few members is a ground for compulsory dissolution after 12 consecutive
    # months (2012 law, Art. 54), not a reason to refuse the record: warnings.
    dict(
        code="htx-min-members-2012",
        measure="min-members",
        kinds="HTX,QTDND",
        value=7,
        valid_from=LAW_2012_FROM,
        valid_to=LAW_2012_TO,
        instrument=LAW_2012,
        article="khoản 1 Điều 3",
        consequence=DISSOLUTION_2012,
    ),
    dict(
        code="htx-min-members-2023",
        measure="min-members",
        kinds="HTX,QTDND",
        value=5,
        valid_from=LAW_2023_FROM,
        valid_to=None,
        instrument=LAW_2023,
        article="khoản 7 Điều 4",
    ),
    dict(
        code="lhhtx-min-members-2012",
        measure="min-members",
        kinds="LHHTX",
        value=4,
        valid_from=LAW_2012_FROM,
        valid_to=LAW_2012_TO,
        instrument=LAW_2012,
        article="khoản 2 Điều 3",
        consequence=DISSOLUTION_2012,
    ),
    dict(
        code="lhhtx-min-members-2023",
        measure="min-members",
        kinds="LHHTX",
        value=3,
        valid_from=LAW_2023_FROM,
        valid_to=None,
        instrument=LAW_2023,
        article="khoản 8 Điều 4",
        verified=False,
        note="Số HTX thành viên tối thiểu của liên hiệp theo Luật 2023 chưa được kiểm chứng từ văn bản gốc.",
    ),
    dict(
        code="tht-min-members-151",
        measure="min-members",
        kinds="THT",
        value=3,
        valid_from=None,
        valid_to=D77_FROM - dt.timedelta(days=1),
        instrument=D151,
        article="",
        verified=False,
        note="Ngày bắt đầu hiệu lực của Nghị định 151/2007 chưa được kiểm chứng.",
    ),
    dict(
        code="tht-min-members-77",
        measure="min-members",
        kinds="THT",
        value=2,
        valid_from=D77_FROM,
        valid_to=LAW_2012_TO,
        instrument=D77,
        article="",
    ),
    dict(
        code="tht-min-members-2023",
        measure="min-members",
        kinds="THT",
        value=2,
        valid_from=LAW_2023_FROM,
        valid_to=None,
        instrument=LAW_2023,
        article="khoản 21 Điều 4",
    ),
    # Capital caps on one member's contribution, as a share of charter capital.
    dict(
        code="htx-member-capital-2012",
        measure="max-member-capital-share",
        kinds="HTX,QTDND",
        value=20,
        valid_from=LAW_2012_FROM,
        valid_to=LAW_2012_TO,
        instrument=LAW_2012,
        article="Điều 17",
    ),
    dict(
        code="lhhtx-member-capital-2012",
        measure="max-member-capital-share",
        kinds="LHHTX",
        value=30,
        valid_from=LAW_2012_FROM,
        valid_to=LAW_2012_TO,
        instrument=LAW_2012,
        article="Điều 17",
    ),
    dict(
        code="htx-member-capital-2023",
        measure="max-member-capital-share",
        kinds="HTX,QTDND",
        value=30,
        valid_from=LAW_2023_FROM,
        valid_to=None,
        instrument=LAW_2023,
        article="",
    ),
    dict(
        code="lhhtx-member-capital-2023",
        measure="max-member-capital-share",
        kinds="LHHTX",
        value=40,
        valid_from=LAW_2023_FROM,
        valid_to=None,
        instrument=LAW_2023,
        article="",
    ),
    dict(
        code="foreign-capital-2023",
        measure="max-foreign-capital-share",
        kinds="HTX,QTDND,LHHTX",
        value=30,
        valid_from=LAW_2023_FROM,
        valid_to=None,
        instrument=LAW_2023,
        article="",
    ),
]
