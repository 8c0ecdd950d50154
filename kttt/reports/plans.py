"""The report's section on plan progress: every plan of the report's province in force in its year."""

from __future__ import annotations

from kttt.plans.measures import MEASURES
from kttt.plans.models import Measure, Plan, TargetKind
from kttt.plans.progress import PlanProgress, TargetProgress, expected_value, plan_progress, target_progress
from kttt.reports.document import Cell, Column, Paragraph, Section, Table
from kttt.reports.options import ReportOptions


def plans_for(options: ReportOptions) -> list[Plan]:
    """Plans for the same province (either scheme, matched by code) or the country, running in the year."""
    plans = Plan.objects.filter(start_year__lte=options.year, end_year__gte=options.year, area__isnull=True)
    if options.province is None:
        return list(plans.filter(province__isnull=True))
    return list(plans.filter(province__code=options.province.code, province__level=options.province.level))


def plan_section(options: ReportOptions, heading: str) -> Section | None:
    if options.area is not None:
        return None  # plans are province-wide; an area report does not judge them
    plans = plans_for(options)
    if not plans:
        return None
    section = Section(heading)
    for number, plan in enumerate(plans, start=1):
        progress = plan_progress(plan, as_of=options.year, explained=False)  # the report lists no records
        section.blocks += [Paragraph(_intro(plan, options.year)), _table(progress, number)]
    return section


def _intro(plan: Plan, year: int) -> str:
    document = plan.document_title or plan.name
    dated = f" ngày {plan.document_date:%d/%m/%Y}" if plan.document_date else ""
    return (
        f"Thực hiện {document}{dated} (giai đoạn {plan.start_year}–{plan.end_year}), kết quả đến hết năm {year} "
        "so với các chỉ tiêu đề ra như sau (số liệu tính từ cơ sở dữ liệu, không nhập tay):"
    )


def _table(progress: PlanProgress, number: int) -> Table:
    end = progress.plan.end_year
    columns = [
        Column("Chỉ tiêu", "text"),
        Column("Đơn vị", "text"),
        Column(f"Mục tiêu đến {end}", "decimal"),
        Column(f"Thực hiện đến {progress.as_of}", "decimal"),
        Column(f"Kế hoạch đến {progress.as_of}", "decimal"),
        Column(f"Dự báo đến {end}", "decimal"),
        Column("Đánh giá", "text"),
    ]
    rows = [_row(p) for p in progress.targets]
    return Table(f"ke_hoach_{number}", f"Tiến độ thực hiện: {progress.plan.name}", columns, rows)


def _row(p: TargetProgress) -> list[Cell]:
    target = p.target
    unit = "%" if target.kind == TargetKind.SHARE else MEASURES[Measure(target.measure)].unit
    return [
        target.label,
        unit,
        float(target.value),
        p.actual,
        p.expected,
        p.projection,
        p.status.label,
    ]


# Mid-year table rows (kttt/reports/midyear.py ROWS keys) and the plan measures that give their yearly plan.
MIDYEAR_ROWS = {
    Measure.NEW_HTX: "htx_new",
    Measure.NEW_THT: "tht_new",
    Measure.HTX_ACTIVE: "htx_active",
    Measure.THT_ACTIVE: "tht_active",
    Measure.LHHTX_ACTIVE: "lhhtx_active",
}


def yearly_plan(options: ReportOptions) -> dict[str, float]:
    """The year's share of the plans in force: for an accumulated target, what its expected line adds in the
    year (e.g. 10 new HTX a year toward 120 by 2030); for a level target, its expected value at year end."""
    result: dict[str, float] = {}
    for plan in plans_for(options):
        for target in plan.targets.prefetch_related("milestones"):
            key = MIDYEAR_ROWS.get(Measure(target.measure))
            if key is None or key in result:
                continue
            if target.kind == TargetKind.CUMULATIVE:  # a line from 0 to the target: no records are read
                before = expected_value(target, options.year - 1, 0.0) if options.year > plan.start_year else 0.0
                now = expected_value(target, options.year, 0.0)
                now = None if now is None or before is None else now - before
            else:  # a line from the baseline, which may be computed from the records
                now = target_progress(target, options.year, explained=False).expected
            if now is not None:
                result[key] = now
    return result
