"""Render a report in one of the formats officials use. The CLI and the web page both call this."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from kttt.reports.build import build_report
from kttt.reports.charts import render_charts
from kttt.reports.document import Report
from kttt.reports.docx import render_docx
from kttt.reports.markdown import render_markdown
from kttt.reports.options import ReportOptions
from kttt.reports.pdf import render_pdf
from kttt.reports.xlsx import render_xlsx

PDF_CHART_DPI = 150  # 16 cm wide: sharp in print, and quick for WeasyPrint to lay out
Format = Literal["md", "docx", "pdf", "xlsx"]
FORMATS: tuple[Format, ...] = ("md", "docx", "pdf", "xlsx")
CONTENT_TYPES = {
    "md": "text/markdown; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass
class RenderedReport:
    content: bytes
    # Files that go beside the main one (the charts of a Markdown report, as KEY.svg).
    attachments: dict[str, bytes] = field(default_factory=dict)


def render(report: Report, fmt: Format) -> RenderedReport:
    if fmt == "md":
        charts = render_charts(report, "svg")
        return RenderedReport(render_markdown(report).encode(), {f"{k}.svg": v for k, v in charts.items()})
    if fmt == "docx":
        return RenderedReport(render_docx(report, render_charts(report, "png")))
    if fmt == "pdf":
        return RenderedReport(render_pdf(report, render_charts(report, "png", dpi=PDF_CHART_DPI)))
    return RenderedReport(render_xlsx(report))


def make_report(options: ReportOptions, fmt: Format) -> RenderedReport:
    return render(build_report(options), fmt)
