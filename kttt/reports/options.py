"""What a report is about, and the letterhead it carries (Decree 30/2020 header and signature)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from django.conf import settings

from kttt.areas.models import AdminUnit, short_name
from kttt.reports.document import Letterhead

Variant = Literal["annual", "review", "midyear"]
VARIANTS: tuple[Variant, ...] = ("annual", "review", "midyear")
DEFAULT_KINDS = ("THT", "HTX", "LHHTX")


@dataclass
class ReportOptions:
    year: int
    baseline: int | None = None
    province: AdminUnit | None = None
    area: AdminUnit | None = None
    kinds: tuple[str, ...] = DEFAULT_KINDS
    variant: Variant = "annual"
    issued: dt.date | None = None  # the date on the document; default today
    plan: Mapping[str, float] = field(default_factory=dict)  # mid-year targets by indicator, when known

    @property
    def first_year(self) -> int:
        """The first year of the time series: the baseline, else five years back."""
        return self.baseline if self.baseline is not None else self.year - 4

    @property
    def compared_year(self) -> int | None:
        """The year the narrative compares with: the baseline of a review, else the previous year."""
        if self.variant == "review":
            return self.baseline
        return self.year - 1


def scope_names(options: ReportOptions) -> tuple[str, str, str]:
    """(whole, within, unit): "toàn tỉnh", "trên địa bàn tỉnh", "tỉnh Lạng Sơn" — or the area's own words."""
    unit = options.area or options.province
    if unit is None:
        return "cả nước", "trên phạm vi cả nước", "cả nước"
    named = f"{unit.name[:1].lower()}{unit.name[1:]}"  # "Huyện Đình Lập" → "huyện Đình Lập"
    if options.area is not None:
        return f"toàn {named}", f"trên địa bàn {named}", named
    kind = "thành phố" if unit.division_type.startswith("thành phố") else "tỉnh"
    return f"toàn {kind}", f"trên địa bàn {kind}", named


def letterhead(options: ReportOptions) -> Letterhead:
    """The header and signature block, from settings where a province configured them."""
    config: Mapping[str, str] = getattr(settings, "KTTT_REPORT", {})
    province = options.province
    default_body = f"ỦY BAN NHÂN DÂN {province.name.upper()}" if province else "BỘ TÀI CHÍNH"
    recipients = config.get("recipients") or (
        "- Bộ Tài chính;|- Thường trực Tỉnh ủy;|- Thường trực HĐND tỉnh;|- Chủ tịch, các Phó Chủ tịch UBND tỉnh;"
        "|- Liên minh Hợp tác xã tỉnh;|- Các sở, ban, ngành liên quan;|- Lưu: VT, KT."
    )
    return Letterhead(
        parent_body=config.get("parent_body", ""),
        issuing_body=config.get("issuing_body") or default_body,
        number=config.get("number") or "Số:        /BC-UBND",
        place=config.get("place") or (short_name(province.name) if province else "Hà Nội"),
        date=options.issued or dt.date.today(),
        recipients=[line.strip() for line in recipients.split("|") if line.strip()],
        signer_authority=config.get("signer_authority") or "TM. ỦY BAN NHÂN DÂN",
        signer_title=config.get("signer_title") or "CHỦ TỊCH",
        signer_name=config.get("signer_name", ""),
    )
