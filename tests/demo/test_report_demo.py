"""`kttt demo && kttt report --year 2018 --baseline 2003` writes the review the Lạng Sơn article is,
with the figures as the article writes them, in every format."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

# The module-scoped `demo` fixture needs the test database set up (see tests/conftest.py).
pytestmark = pytest.mark.django_db

# As the article writes them (domain: shared/source/article-langson-2019.txt).
ARTICLE = [
    "1.810 THT",
    "19.510 thành viên",
    "tăng 4.377 thành viên",
    "220 HTX",
    "tăng 128 HTX",
    "274 tỷ đồng",
    "3.469",
    "giảm 237",
    "6.056",
    "tăng 2.044",
    "900 triệu đồng",
    "gấp 3 lần",
    "50 triệu đồng/người/năm",
    "gấp khoảng 5 lần",
    "2 Liên hiệp HTX với 13 HTX thành viên",
]


def report(tmp_path: Path, name: str, *args: str) -> Path:
    out = tmp_path / name
    call_command("report", "--year", "2018", "--baseline", "2003", "-o", str(out), *args, stdout=io.StringIO())
    return out


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_markdown_has_every_figure_of_the_article(demo: str, tmp_path: Path) -> None:
    text = flat(report(tmp_path, "r.md").read_text(encoding="utf-8"))
    for phrase in ARTICLE:
        assert phrase in text, phrase
    assert "khoảng 274" not in text and "khoảng 900" not in text  # exact figures carry no "khoảng"
    assert (tmp_path / "so_luong.svg").exists()


def test_word_document_has_every_figure_and_the_tables(demo: str, tmp_path: Path) -> None:
    document = Document(str(report(tmp_path, "r.docx")))
    texts = [p.text for p in document.paragraphs]
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    body = flat(" ".join(texts + cells))
    for phrase in ARTICLE:
        assert phrase in body, phrase
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in body
    assert "ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN" in body
    assert "Tổng kết 15 năm" in body
    assert len(document.inline_shapes) == 4  # the four charts


def test_pdf_matches_the_word_document(demo: str, tmp_path: Path) -> None:
    reader = PdfReader(str(report(tmp_path, "r.pdf")))
    text = flat(" ".join(page.extract_text() or "" for page in reader.pages))
    for phrase in ARTICLE:
        assert phrase in text, phrase


def test_workbook_holds_the_tables_as_numbers(demo: str, tmp_path: Path) -> None:
    book = load_workbook(report(tmp_path, "r.xlsx"))
    assert {"tong_hop", "theo_dia_ban", "theo_linh_vuc", "chuoi_thoi_gian", "thanh_lap_giai_the"} <= set(
        book.sheetnames
    )
    rows = list(book["tong_hop"].iter_rows(values_only=True))
    htx = next(row for row in rows if row and row[0] == "Hợp tác xã")
    assert htx[1:4] == (220, 92, 128)
    years = [row[0] for row in book["chuoi_thoi_gian"].iter_rows(values_only=True)]
    assert "2003" in years and "2018" in years


def test_an_area_report_names_the_area(demo: str, tmp_path: Path) -> None:
    text = report(tmp_path, "dl.md", "--area", "Huyện Đình Lập").read_text(encoding="utf-8")
    assert "huyện Đình Lập" in text
    assert "toàn tỉnh" not in text


def test_an_area_without_organisations_gives_a_short_correct_report(demo: str, tmp_path: Path) -> None:
    out = tmp_path / "empty.md"
    call_command("report", "--year", "2018", "--province", "1", "-o", str(out), stdout=io.StringIO())
    text = out.read_text(encoding="utf-8")
    assert "không có hợp tác xã nào" in text
    assert "không có tổ hợp tác nào" in text


def test_annual_and_midyear_variants(demo: str, tmp_path: Path) -> None:
    annual = tmp_path / "a.md"
    call_command("report", "--year", "2024", "--baseline", "2018", "--variant", "annual", "-o", str(annual))
    text = flat(annual.read_text(encoding="utf-8"))
    assert "so với năm 2023" in text and "So với năm 2018" in text
    mid = tmp_path / "m.xlsx"
    call_command("report", "--year", "2025", "--variant", "midyear", "-o", str(mid))
    rows = {row[0]: row for row in load_workbook(mid)["giua_nam"].iter_rows(values_only=True)}
    assert "Số hợp tác xã" in rows
    # The article's plan: 120 new HTX over 2019–2030, i.e. 10 a year on a straight path.
    assert rows["Hợp tác xã thành lập mới"][2] == pytest.approx(10)


def test_reports_tell_the_progress_of_the_plans_in_force(demo: str, tmp_path: Path) -> None:
    assert "TIẾN ĐỘ THỰC HIỆN" not in report(tmp_path, "r2018.md").read_text(encoding="utf-8")  # before 2019
    out = tmp_path / "p.md"
    call_command("report", "--year", "2024", "-o", str(out), stdout=io.StringIO())
    text = flat(out.read_text(encoding="utf-8"))
    assert "TIẾN ĐỘ THỰC HIỆN CÁC CHỈ TIÊU KẾ HOẠCH" in text
    for label in ("Hỗ trợ thành lập mới 120 HTX", "100 HTX được vay vốn từ Quỹ hỗ trợ phát triển HTX"):
        assert label in text
    statuses = ("Đã đạt", "Đúng tiến độ", "Chậm tiến độ", "Có nguy cơ không đạt")
    assert sum(text.count(s) for s in statuses) >= 6


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "odt"], "invalid choice"),
        (["--area", "Không Có Xã Này"], "Không tìm thấy"),
        (["--kind", "ABC"], "Loại hình không hợp lệ"),
    ],
)
def test_bad_requests_are_refused_with_a_clear_message(
    demo: str, tmp_path: Path, args: list[str], message: str
) -> None:
    with pytest.raises((CommandError, SystemExit)) as caught:
        call_command("report", "--year", "2018", "-o", str(tmp_path / "x.md"), *args, stderr=io.StringIO())
    assert message in str(caught.value) or isinstance(caught.value, SystemExit)
    assert not (tmp_path / "x.md").exists()
