"""The example plans: Lạng Sơn's programme to 2030 (from the 15-year review of NQ 13-NQ/TW, 14/5/2019)
and the national targets of Resolution 20-NQ/TW (16/6/2022). Baselines are left blank, so they are
computed from the records like every other figure."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from kttt.areas.gazetteer import shared_gazetteer
from kttt.areas.models import AdminUnit
from kttt.plans.models import Comparator, Measure, Plan, Target, TargetKind

LANG_SON_PLAN = "Phát triển kinh tế tập thể tỉnh Lạng Sơn đến năm 2030"
NATIONAL_PLAN = "Nghị quyết 20-NQ/TW: phát triển kinh tế tập thể đến năm 2030"


@dataclass(frozen=True)
class TargetSpec:
    label: str
    measure: Measure
    value: int
    kind: TargetKind
    comparator: Comparator = Comparator.AT_LEAST


LANG_SON_TARGETS = (
    TargetSpec("Hỗ trợ thành lập mới 120 HTX", Measure.NEW_HTX, 120, TargetKind.CUMULATIVE),
    TargetSpec("Hỗ trợ thành lập mới 250 THT", Measure.NEW_THT, 250, TargetKind.CUMULATIVE),
    TargetSpec("Thành lập mới từ 8 liên hiệp HTX trở lên", Measure.NEW_LHHTX, 8, TargetKind.CUMULATIVE),
    TargetSpec("50% số HTX hoạt động khá, giỏi", Measure.SHARE_HTX_GOOD, 50, TargetKind.SHARE),
    TargetSpec(
        "Ít nhất 65% cán bộ chủ chốt HTX được đào tạo chuyên môn", Measure.SHARE_MANAGERS_TRAINED, 65, TargetKind.SHARE
    ),
    TargetSpec(
        "100 HTX được vay vốn từ Quỹ hỗ trợ phát triển HTX", Measure.HTX_WITH_FUND_LOANS, 100, TargetKind.CUMULATIVE
    ),
)

NATIONAL_TARGETS = (
    TargetSpec("Khoảng 140.000 THT", Measure.THT_ACTIVE, 140_000, TargetKind.LEVEL),
    TargetSpec("Khoảng 45.000 HTX", Measure.HTX_ACTIVE, 45_000, TargetKind.LEVEL),
    TargetSpec("Khoảng 340 liên hiệp HTX", Measure.LHHTX_ACTIVE, 340, TargetKind.LEVEL),
    # The resolution says "trên 60%"; targets compare with ≥, which differs only at exactly 60%.
    TargetSpec("Trên 60% tổ chức kinh tế tập thể xếp loại tốt, khá", Measure.SHARE_HTX_GOOD, 60, TargetKind.SHARE),
)


def load_demo_plans() -> None:
    """Create or refresh the two example plans; running it again changes nothing."""
    with transaction.atomic():
        signed = dt.date(2019, 5, 14)
        _upsert(
            LANG_SON_PLAN,
            LANG_SON_TARGETS,
            province=shared_gazetteer().province("20", signed),
            start_year=2019,
            end_year=2030,
            # The article gives no document number, so none is invented.
            document_number="—",
            document_date=signed,
            document_title="Kết luận Hội nghị tổng kết 15 năm thực hiện Nghị quyết 13-NQ/TW",
            issuer="Tỉnh ủy Lạng Sơn",
            note="Nguồn: bài “Tổng kết 15 năm thực hiện Nghị quyết Trung ương 5, khoá IX”, langson.gov.vn, 20/9/2019.",
        )
        _upsert(
            NATIONAL_PLAN,
            NATIONAL_TARGETS,
            province=None,
            start_year=2022,
            end_year=2030,
            document_number="20-NQ/TW",
            document_date=dt.date(2022, 6, 16),
            document_title=(
                "Nghị quyết số 20-NQ/TW của Hội nghị Trung ương 5 khóa XIII về tiếp tục đổi mới, phát triển "
                "và nâng cao hiệu quả kinh tế tập thể trong giai đoạn mới"
            ),
            issuer="Ban Chấp hành Trung ương Đảng",
            note="Số liệu toàn quốc đã công bố (không phải từ hồ sơ trong hệ thống): xem domain.md §8.",
        )


def _upsert(name: str, specs: tuple[TargetSpec, ...], province: AdminUnit | None, **fields: object) -> None:
    plan, _ = Plan.objects.update_or_create(name=name, defaults={"province": province, "area": None, **fields})
    plan.targets.all().delete()
    Target.objects.bulk_create(
        Target(
            plan=plan,
            order=order,
            label=spec.label,
            measure=spec.measure,
            comparator=spec.comparator,
            value=Decimal(spec.value),
            kind=spec.kind,
        )
        for order, spec in enumerate(specs, start=1)
    )
