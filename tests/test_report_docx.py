"""The Word renderer: Decree 30/2020/NĐ-CP layout, Vietnamese numbers, every block of the report."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from collections.abc import Iterator

import matplotlib
import pytest
from docx import Document as open_docx
from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph

from kttt.reports.document import Paragraph, Report
from kttt.reports.docx import column_widths, render_docx
from tests.report_sample import TITLE, sample_report

matplotlib.use("Agg")


def tiny_png() -> bytes:
    from matplotlib import pyplot

    figure = pyplot.figure(figsize=(1.6, 0.9), dpi=20)
    figure.gca().plot([1, 3, 2])
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    pyplot.close(figure)
    return buffer.getvalue()


def render(report: Report) -> Document:
    png = tiny_png()
    data = render_docx(report, {chart.key: png for chart in report.charts()})
    return open_docx(io.BytesIO(data))


@pytest.fixture(scope="module")
def doc() -> Document:
    return render(sample_report())


def flat(text: str) -> str:
    return " ".join(text.split())


def cell_paragraphs(table: DocxTable) -> Iterator[DocxParagraph]:
    for row in table.rows:
        for cell in row.cells:
            yield from cell.paragraphs


def all_texts(document: Document) -> list[str]:
    texts = [p.text for p in document.paragraphs]
    texts += [p.text for table in document.tables for p in cell_paragraphs(table)]
    return [flat(text) for text in texts]


def test_page_is_a4_portrait_with_decree_margins(doc: Document) -> None:
    section = doc.sections[0]
    assert section.page_width is not None and section.page_height is not None
    assert section.page_width.cm == pytest.approx(21, abs=0.01)
    assert section.page_height.cm == pytest.approx(29.7, abs=0.01)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [m.cm if m is not None else None for m in margins] == pytest.approx([2, 2, 3, 2], abs=0.01)


def test_normal_style_is_times_new_roman_for_every_script(doc: Document) -> None:
    normal = doc.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    assert normal.font.size is not None and normal.font.size.pt == 14
    fonts = normal.element.rPr.find(qn("w:rFonts"))
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        assert fonts.get(qn(f"w:{attr}")) == "Times New Roman"


def test_body_paragraphs_are_justified_with_first_line_indent(doc: Document) -> None:
    body = doc.styles["Body Text"].paragraph_format
    assert body.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert body.first_line_indent is not None and 1.0 <= body.first_line_indent.cm <= 1.3
    assert body.line_spacing is not None and 1.15 <= body.line_spacing <= 1.5


def test_header_block(doc: Document) -> None:
    head = doc.tables[0]
    left = flat(" ".join(p.text for p in head.columns[0].cells[0].paragraphs))
    right = [flat(p.text) for cell in head.columns[1].cells for p in cell.paragraphs]
    assert left == "ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN"
    assert right[:2] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert flat(head.cell(1, 0).text) == "Số: /BC-UBND"
    assert flat(head.cell(1, 1).text) == "Lạng Sơn, ngày 14 tháng 5 năm 2019"
    assert head.cell(1, 1).paragraphs[0].runs[0].italic
    assert head.cell(0, 0).paragraphs[0].runs[0].bold
    borders = head._tbl.xpath(".//w:pBdr/w:bottom")
    assert len(borders) == 2  # the lines under the issuing body and under the motto


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        (dt.date(2025, 2, 5), "Lạng Sơn, ngày 05 tháng 02 năm 2025"),
        (dt.date(2019, 5, 14), "Lạng Sơn, ngày 14 tháng 5 năm 2019"),
        (dt.date(2024, 1, 10), "Lạng Sơn, ngày 10 tháng 01 năm 2024"),
        (dt.date(2024, 12, 9), "Lạng Sơn, ngày 09 tháng 12 năm 2024"),
    ],
)
def test_date_line_leading_zeros(date: dt.date, expected: str) -> None:
    """Decree 30: days below 10 and months below 3 are written with a leading zero."""
    report = sample_report()
    report.letterhead.date = date
    assert flat(render(report).tables[0].cell(1, 1).text) == expected


def test_parent_body_is_shown_above_the_issuing_body() -> None:
    report = sample_report()
    report.letterhead = dataclasses.replace(report.letterhead, parent_body="Bộ Tài chính")
    first = render(report).tables[0].cell(0, 0).paragraphs[0]
    assert first.text == "BỘ TÀI CHÍNH"
    assert not first.runs[0].bold


def test_kind_and_title(doc: Document) -> None:
    texts = [flat(p.text) for p in doc.paragraphs]
    kind = texts.index("BÁO CÁO")
    assert texts[kind + 1] == TITLE
    for paragraph in doc.paragraphs[kind : kind + 2]:
        assert paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER
        assert all(run.bold for run in paragraph.runs)


def test_headings_and_paragraphs(doc: Document) -> None:
    styles = {flat(p.text): p.style.name for p in doc.paragraphs if p.style is not None}
    assert styles["I. TÌNH HÌNH PHÁT TRIỂN KINH TẾ TẬP THỂ"] == "Heading 1"
    assert styles["1. Tổ hợp tác"] == "Heading 2"
    report = sample_report()
    paragraphs = [b for s in report.walk() for b in s.blocks if isinstance(b, Paragraph)]
    assert paragraphs
    for block in paragraphs:
        assert styles[flat(block.text)] == "Body Text"
    bold = next(p for p in doc.paragraphs if p.text == "Những hạn chế:")
    assert bold.runs[0].bold


def test_table_with_vietnamese_numbers(doc: Document) -> None:
    texts = all_texts(doc)
    assert "Bảng 1. Hợp tác xã theo địa bàn, cuối năm 2018" in texts
    assert "2 HTX chưa báo cáo vốn điều lệ." in texts
    grid = doc.tables[1]
    rows = [[flat(cell.text) for cell in row.cells] for row in grid.rows]
    assert rows[0][:3] == ["Địa bàn", "Số HTX", "Thành viên (người)"]
    assert rows[1] == ["Thành phố Lạng Sơn", "40", "812", "61,5", "1.250", "+22", "62,5%", "3,10"]
    assert rows[2] == ["Huyện Đình Lập", "9", "101", "–", "420", "−2", "–", "–"]
    assert rows[3] == ["Tổng số", "49", "913", "61,5", "1.101", "+20", "60,0%", "3,00"]


def test_table_layout(doc: Document) -> None:
    grid = doc.tables[1]
    header, first, *_, total = grid.rows
    assert header._tr.trPr.find(qn("w:tblHeader")) is not None
    assert first._tr.trPr is None or first._tr.trPr.find(qn("w:tblHeader")) is None
    assert all(run.bold for cell in header.cells for run in cell.paragraphs[0].runs[:1])
    assert all(run.bold for cell in total.cells for run in cell.paragraphs[0].runs)
    assert not any(run.bold for cell in first.cells for run in cell.paragraphs[0].runs)
    assert first.cells[0].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.LEFT
    assert first.cells[3].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert first.cells[3].paragraphs[0].runs[0].font.size.pt == 12
    assert grid.style is not None and grid.style.name == "Table Grid"
    assert first.cells[0].paragraphs[0].paragraph_format.keep_with_next  # a short table stays on one page


def test_column_widths_fill_the_text_width() -> None:
    table = sample_report().tables()[0]
    widths = column_widths(table)
    assert sum(widths) == pytest.approx(16, abs=0.05)
    assert widths[0] == max(widths)  # the area names


def test_charts_are_embedded(doc: Document) -> None:
    report = sample_report()
    assert len(doc.inline_shapes) == len(report.charts()) == 3
    for shape in doc.inline_shapes:
        assert 15 <= shape.width.cm <= 16
    texts = all_texts(doc)
    for chart in report.charts():
        assert chart.title in texts


def test_a_missing_chart_picture_is_an_error() -> None:
    with pytest.raises(KeyError, match="so_luong"):
        render_docx(sample_report(), {})


def test_recipients_and_signature(doc: Document) -> None:
    closing = doc.tables[-1]
    left = [flat(p.text) for p in closing.cell(0, 0).paragraphs]
    right = [flat(p.text) for p in closing.cell(0, 1).paragraphs]
    assert left == ["Nơi nhận:", "- Bộ Tài chính;", "- Thường trực Tỉnh ủy;", "- Lưu: VT, KT."]
    assert right == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn A"]
    assert closing.cell(0, 0).paragraphs[0].runs[0].italic
    assert all(p.runs[0].bold for p in closing.cell(0, 1).paragraphs)


def test_page_numbers_from_page_two(doc: Document) -> None:
    section = doc.sections[0]
    assert section.different_first_page_header_footer
    assert "PAGE" in "".join(section.header._element.itertext())
    assert not section.first_page_header.is_linked_to_previous
    assert "PAGE" not in "".join(section.first_page_header._element.itertext())


def test_core_properties(doc: Document) -> None:
    props = doc.core_properties
    assert props.title == TITLE
    assert props.author == "ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN"
    assert props.language == "vi-VN"
    assert "python-docx" not in (props.comments or "")
