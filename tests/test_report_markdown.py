"""Markdown rendering of a report, and the Decree 30 place-and-date line."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from kttt.reports.dates import place_and_date
from kttt.reports.document import Paragraph, Table
from kttt.reports.markdown import render_markdown
from tests.report_sample import HTX_TEXT, THT_TEXT, TITLE, sample_report


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2019, 5, 14), "Lạng Sơn, ngày 14 tháng 5 năm 2019"),
        (dt.date(2025, 2, 5), "Lạng Sơn, ngày 05 tháng 02 năm 2025"),
        (dt.date(2025, 1, 9), "Lạng Sơn, ngày 09 tháng 01 năm 2025"),
        (dt.date(2025, 3, 1), "Lạng Sơn, ngày 01 tháng 3 năm 2025"),
        (dt.date(2024, 12, 10), "Lạng Sơn, ngày 10 tháng 12 năm 2024"),
        (dt.date(2024, 10, 31), "Lạng Sơn, ngày 31 tháng 10 năm 2024"),
    ],
)
def test_place_and_date_pads_day_below_10_and_month_below_3(day: dt.date, expected: str) -> None:
    assert place_and_date("Lạng Sơn", day) == expected


def test_header_title_and_signature() -> None:
    text = render_markdown(sample_report())
    for expected in [
        "**ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN**",
        "Số:        /BC-UBND",
        "**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**",
        "**Độc lập - Tự do - Hạnh phúc**",
        "*Lạng Sơn, ngày 14 tháng 5 năm 2019*",
        "# BÁO CÁO\n",
        f"**{TITLE}**",
        "***Nơi nhận:***\n- Bộ Tài chính;\n- Thường trực Tỉnh ủy;\n- Lưu: VT, KT.",
        "**TM. ỦY BAN NHÂN DÂN**",
        "**CHỦ TỊCH**",
        "**Nguyễn Văn A**",
    ]:
        assert expected in text
    assert text.index("CỘNG HÒA") < text.index("# BÁO CÁO") < text.index("Nơi nhận") < text.index("Nguyễn Văn A")


def test_every_paragraph_and_heading_levels() -> None:
    report = sample_report()
    text = render_markdown(report)
    paragraphs = [b.text for s in report.walk() for b in s.blocks if isinstance(b, Paragraph)]
    assert THT_TEXT in paragraphs and HTX_TEXT in paragraphs
    for paragraph in paragraphs:
        assert paragraph in text
    assert "**Những hạn chế:**" in text
    assert "\n## I. TÌNH HÌNH PHÁT TRIỂN KINH TẾ TẬP THỂ\n" in text
    assert "\n### 1. Tổ hợp tác\n" in text
    assert "\n## II. ĐÁNH GIÁ CHUNG\n" in text


def test_table_is_a_pipe_table_with_vietnamese_numbers() -> None:
    text = render_markdown(sample_report())
    lines = text.splitlines()
    assert "**Bảng 1. Hợp tác xã theo địa bàn, cuối năm 2018**" in lines
    head = lines.index(
        "| Địa bàn | Số HTX | Thành viên (người) | Vốn điều lệ (tỷ đồng) | Doanh thu bình quân (triệu đồng) "
        "| So với 2003 | Tỷ lệ khá, tốt | Gấp (lần) |"
    )
    assert lines[head + 1] == "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    assert lines[head + 2] == "| Thành phố Lạng Sơn | 40 | 812 | 61,5 | 1.250 | +22 | 62,5% | 3,10 |"
    assert lines[head + 3] == "| Huyện Đình Lập | 9 | 101 | – | 420 | −2 | – | – |"
    assert lines[head + 4] == (
        "| **Tổng số** | **49** | **913** | **61,5** | **1.101** | **+20** | **60,0%** | **3,00** |"
    )
    assert lines[head + 5] == ""
    assert lines[head + 6] == "*2 HTX chưa báo cáo vốn điều lệ.*"


def test_charts_are_image_links() -> None:
    text = render_markdown(sample_report())
    assert "![Số tổ chức kinh tế tập thể, 2003–2018](so_luong.svg)" in text
    assert "![Doanh thu bình quân một HTX](doanh_thu.svg)" in text
    assert "![Số HTX theo địa bàn](dia_ban.svg)" in text


def test_markdown_syntax_in_data_is_escaped() -> None:
    report = sample_report()
    report.letterhead.signer_name = "Nguyễn <script>alert(1)</script>"
    table = report.tables()[0]
    table.rows[0][0] = "A | B *x*"
    report.sections[1].blocks.append(Paragraph("1. Không phải danh sách"))
    text = render_markdown(report)
    assert "<script>" not in text
    assert "**Nguyễn \\<script\\>alert(1)\\</script\\>**" in text
    assert "| A \\| B \\*x\\* | 40 |" in text
    assert "\n1\\. Không phải danh sách\n" in text


def test_short_rows_are_padded_and_table_without_total() -> None:
    report = sample_report()
    table = next(b for s in report.walk() for b in s.blocks if isinstance(b, Table))
    table.rows = [["Xã A", 1]]
    table.total = None
    table.note = ""
    text = render_markdown(report)
    assert "| Xã A | 1 |  |  |  |  |  |  |" in text
    assert "Tổng số" not in text
    assert not re.search(r"^\*2 HTX", text, re.MULTILINE)
