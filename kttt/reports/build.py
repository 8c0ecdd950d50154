"""Build a report (annual, multi-year review, mid-year) from the indicators. Renderers lay it out."""

from __future__ import annotations

from kttt.indicators.figures import Figures
from kttt.indicators.queries import Snapshot, snapshot
from kttt.reports import narrative
from kttt.reports.document import Block, Paragraph, Report, Section
from kttt.reports.midyear import build_midyear
from kttt.reports.options import ReportOptions, letterhead, scope_names
from kttt.reports.plans import plan_section
from kttt.reports.series import Series, load_series
from kttt.reports.tables import area_chart, area_table, kind_table, sector_table, series_charts, series_tables

ROMAN = ("I", "II", "III", "IV", "V", "VI")


def build_report(options: ReportOptions) -> Report:
    if options.variant == "midyear":
        return build_midyear(options)
    series = load_series(options)
    now = series.at(options.year)
    compared = options.compared_year
    base = series.at(compared) if compared is not None else None
    whole, within, unit = scope_names(options)
    where = narrative.Where(whole, within)
    sections: list[Section] = [
        Section(
            f"I. TÌNH HÌNH PHÁT TRIỂN KINH TẾ TẬP THỂ ĐẾN HẾT NĂM {options.year}",
            subsections=_by_kind(options, series, now, base, compared, where),
        ),
        Section("II. SỐ LIỆU CHI TIẾT", _detail_blocks(options, series, now)),
    ]
    if plans := plan_section(options, "III. TIẾN ĐỘ THỰC HIỆN CÁC CHỈ TIÊU KẾ HOẠCH"):
        sections.append(plans)
    notes: list[Block] = [Paragraph(text) for text in _data_notes(options, now)]
    sections.append(Section(f"{ROMAN[len(sections)]}. GHI CHÚ VỀ SỐ LIỆU", notes))
    return Report(
        letterhead=letterhead(options),
        kind_label="BÁO CÁO",
        title=_title(options, unit),
        sections=sections,
        variant=options.variant,
        year=options.year,
        baseline=options.baseline,
    )


def _title(options: ReportOptions, unit: str) -> str:
    area = f"trên địa bàn {unit}"
    if options.variant == "review" and options.baseline is not None:
        span = options.year - options.baseline
        return f"Tổng kết {span} năm phát triển kinh tế tập thể {area} (giai đoạn {options.baseline}–{options.year})"
    return f"Tình hình phát triển kinh tế tập thể năm {options.year} {area}"


def _by_kind(
    options: ReportOptions,
    series: Series,
    now: Snapshot,
    base: Snapshot | None,
    compared: int | None,
    where: narrative.Where,
) -> list[Section]:
    sections = []
    number = 1
    if "THT" in options.kinds:
        new = (
            [series.at(y).kind("THT").total.year.new for y in series.years if y > series.years[0]]
            if options.variant == "review"
            else None
        )
        text = narrative.tht_paragraph(_f(now, "THT") or Figures(), _f(base, "THT"), options.year, compared, new, where)
        sections.append(Section(f"{number}. Tổ hợp tác", [Paragraph(text)]))
        number += 1
    if "HTX" in options.kinds:
        text = narrative.htx_paragraph(_f(now, "HTX") or Figures(), _f(base, "HTX"), options.year, compared, where)
        sections.append(Section(f"{number}. Hợp tác xã", [Paragraph(text)]))
        number += 1
    if "LHHTX" in options.kinds:
        sentence = narrative.union_sentence(_f(now, "LHHTX") or Figures(), options.year, where)
        sections.append(Section(f"{number}. Liên hiệp hợp tác xã", [Paragraph(sentence)]))
        number += 1
    baseline = options.baseline
    if options.variant == "annual" and baseline is not None and baseline != compared:
        totals = {k: f for k in options.kinds if (f := _f(now, k)) is not None}
        then = {k: f for k in options.kinds if (f := _f(series.at(baseline), k)) is not None}
        text = narrative.baseline_sentence(totals, then, baseline)
        sections.append(Section(f"{number}. So sánh với năm {baseline}", [Paragraph(text)]))
    return sections


def _f(snap: Snapshot | None, kind: str) -> Figures | None:
    if snap is None:
        return None
    block = next((b for b in snap.kinds if b.kind == kind), None)
    return block.total.year if block else None


def _detail_blocks(options: ReportOptions, series: Series, now: Snapshot) -> list[Block]:
    by_area = snapshot(options.year, by="area", province=options.province, area=options.area)
    by_sector = snapshot(options.year, by="sector", province=options.province, area=options.area)
    blocks: list[Block] = [
        kind_table(options, now, series.at(options.first_year) if options.baseline else None),
        area_table(options, by_area),
        area_chart(options, by_area),
        sector_table(options, by_sector),
    ]
    blocks += series_tables(options, series)
    blocks += series_charts(options, series)
    return blocks


def _data_notes(options: ReportOptions, now: Snapshot) -> list[str]:
    notes = [
        f"Số liệu tổng hợp từ cơ sở dữ liệu kinh tế tập thể (hệ thống KTTT) tại thời điểm 31/12/{options.year}, "
        "theo hồ sơ từng tổ chức; tổ chức đang hoạt động là tổ chức đã thành lập và chưa giải thể, "
        "chưa bị thu hồi giấy chứng nhận đến ngày 31/12 của năm.",
        "Doanh thu bình quân tính trên số tổ chức có báo cáo doanh thu; thu nhập bình quân của người lao động "
        "là bình quân gia quyền theo số lao động thường xuyên.",
    ]
    for block in now.kinds:
        if block.kind in options.kinds and block.total.year.missing:
            notes.append(
                f"{block.total.year.missing} {narrative.SHORT[block.kind]} đang hoạt động chưa báo cáo số liệu "
                f"năm {options.year}: được tính vào số tổ chức nhưng không tính vào các chỉ tiêu tổng hợp."
            )
    return notes
