"""The mid-year report: actual at 30/6, an estimate for 31/12, and the share of the year's plan."""

from __future__ import annotations

import datetime as dt

from kttt.indicators.figures import Figures
from kttt.indicators.queries import Scope, figures_by_group
from kttt.numbers import number
from kttt.reports.document import Cell, Column, Paragraph, Report, Section, Table
from kttt.reports.options import ReportOptions, letterhead, scope_names
from kttt.reports.plans import yearly_plan

# (key, label, unit, kind, figure) — the rows of the mid-year table. `key` is how a plan names a target.
ROWS = (
    ("tht_active", "Số tổ hợp tác", "THT", "THT", "active"),
    ("tht_new", "Tổ hợp tác thành lập mới", "THT", "THT", "new"),
    ("htx_active", "Số hợp tác xã", "HTX", "HTX", "active"),
    ("htx_new", "Hợp tác xã thành lập mới", "HTX", "HTX", "new"),
    ("htx_dissolved", "Hợp tác xã giải thể", "HTX", "HTX", "dissolved"),
    ("lhhtx_active", "Số liên hiệp hợp tác xã", "LH HTX", "LHHTX", "active"),
)


def build_midyear(options: ReportOptions) -> Report:
    year = options.year
    scope = Scope(options.province, options.area)
    june = _totals(figures_by_group(year, "kind", scope, day=dt.date(year, 6, 30)))
    last = _totals(figures_by_group(year - 1, "kind", scope))
    plan = dict(options.plan) or yearly_plan(options)
    rows: list[list[Cell]] = []
    for key, label, unit, kind, figure in ROWS:
        if kind not in options.kinds:
            continue
        actual = getattr(june.get(kind, Figures()), figure)
        estimate = _estimate(june.get(kind, Figures()), last.get(kind, Figures()), figure)
        target = plan.get(key)
        rows.append([label, unit, target, actual, estimate, estimate / target if target else None])
    table = Table(
        "giua_nam",
        f"Bảng 1. Kết quả thực hiện 6 tháng đầu năm {year} và ước thực hiện cả năm",
        [
            Column("Chỉ tiêu", "text"),
            Column("Đơn vị", "text"),
            Column(f"Kế hoạch năm {year}", "count"),
            Column(f"Thực hiện đến 30/6/{year}", "count"),
            Column(f"Ước thực hiện 31/12/{year}", "count"),
            Column("Ước đạt so với kế hoạch", "percent"),
        ],
        rows,
        note=_note(bool(plan)),
    )
    whole, _, unit = scope_names(options)
    text = _summary(june, year, whole)
    return Report(
        letterhead=letterhead(options),
        kind_label="BÁO CÁO",
        title=f"Tình hình thực hiện kế hoạch phát triển kinh tế tập thể 6 tháng đầu năm {year} "
        f"và ước thực hiện cả năm {year} trên địa bàn {unit}",
        sections=[Section("I. KẾT QUẢ THỰC HIỆN 6 THÁNG ĐẦU NĂM", [Paragraph(text), table])],
        variant="midyear",
        year=year,
        baseline=options.baseline,
    )


def _totals(groups: dict[tuple[str, str], Figures]) -> dict[str, Figures]:
    return {kind: figures for (kind, _), figures in groups.items()}


def _estimate(june: Figures, last_year: Figures, figure: str) -> int:
    """The second half of the year is assumed to repeat the first: flows double, stocks move on."""
    if figure in ("new", "dissolved"):
        return 2 * int(getattr(june, figure))
    return june.active + june.new - june.dissolved if june.active else last_year.active


def _summary(june: dict[str, Figures], year: int, whole: str) -> str:
    tht, htx = june.get("THT", Figures()), june.get("HTX", Figures())
    return (
        f"Đến ngày 30/6/{year}, {whole} có {number(tht.active)} tổ hợp tác và {number(htx.active)} hợp tác xã "
        f"đang hoạt động; 6 tháng đầu năm có {number(htx.new)} HTX và {number(tht.new)} THT thành lập mới, "
        f"{number(htx.dissolved)} HTX giải thể."
    )


def _note(has_plan: bool) -> str:
    plan = (
        " Kế hoạch năm lấy từ các kế hoạch đang có hiệu lực trong hệ thống (phần của năm trên lộ trình đến "
        "năm cuối kỳ); chỉ tiêu không có trong kế hoạch để trống."
        if has_plan
        else " Chưa có kế hoạch năm được nhập vào hệ thống nên cột kế hoạch để trống."
    )
    return "Ước thực hiện cả năm: số thành lập mới và giải thể 6 tháng cuối năm ước bằng 6 tháng đầu năm." + plan
