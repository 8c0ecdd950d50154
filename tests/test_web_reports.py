"""The reports page: a form checked as the CLI checks it, a preview on the page, downloads in four formats.

The figures are computed here from the rows loaded, not read back from the report code.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from kttt.numbers import number
from tests.conftest import Loader, province_officer

if TYPE_CHECKING:  # the test client's response type exists only in django-stubs
    from django.test.client import _MonkeyPatchedWSGIResponse as Response

PAGE, DOWNLOAD = "/bao-cao/", "/bao-cao/tai-ve/"

ORGANISATIONS = [
    {"code": "H1", "established": "2012-03-01", "area": "Huyện Cao Lộc"},
    {"code": "H2", "established": "2016-05-01", "area": "Huyện Đình Lập"},
    {"code": "H3", "established": "2014-01-01", "dissolved": "2017-06-30", "area": "Huyện Cao Lộc"},
    {"code": "T1", "kind": "THT", "established": "2015-01-01", "area": "Huyện Cao Lộc"},
]
FIGURES = ("members", "workers", "revenue", "charter_capital")
ANNUAL = [
    {"code": "H1", "year": "2018", **dict(zip(FIGURES, ("12", "20", "900000000", "1500000000"), strict=True))},
    {"code": "H2", "year": "2018", **dict(zip(FIGURES, ("9", "8", "500000000", "500000000"), strict=True))},
    {"code": "T1", "year": "2018", **dict(zip(FIGURES, ("5", "5", "100000000", ""), strict=True))},
]
FIRST_YEAR, LAST_YEAR = 2012, 2018  # the earliest establishment, the latest yearly figures


def active(kind: str, year: int, area: str | None = None) -> list[dict[str, str]]:
    end = dt.date(year, 12, 31).isoformat()
    return [
        o
        for o in ORGANISATIONS
        if o.get("kind", "HTX") == kind
        and o["established"] <= end
        and not ("dissolved" in o and o["dissolved"] <= end)
        and (area is None or o["area"] == area)
    ]


def total(field: str, codes: list[str], year: int = 2018) -> int:
    return sum(int(row[field]) for row in ANNUAL if row["code"] in codes and row["year"] == str(year) and row[field])


HTX_2018 = [o["code"] for o in active("HTX", 2018)]
HTX_MEMBERS = total("members", HTX_2018)
HTX_WORKERS = total("workers", HTX_2018)
HTX_CAPITAL = total("charter_capital", HTX_2018)
HTX_AVG_REVENUE = total("revenue", HTX_2018) / len(HTX_2018)  # every active HTX reported its revenue


@pytest.fixture
def officer(load: Loader, client: Client) -> Client:
    load(organizations=ORGANISATIONS, annual=ANNUAL)
    client.force_login(province_officer("can-bo", password="x"))
    return client


def query(**changes: Any) -> Any:
    return {"year": 2018, "province": "20", "variant": "annual", "format": "docx", **changes}


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def page_text(response: Response) -> str:
    return flat(re.sub(r"<[^>]+>", " ", response.content.decode()))


# --- access -----------------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("url", [PAGE, DOWNLOAD])
def test_anonymous_visitors_are_sent_to_the_login(client: Client, url: str) -> None:
    response = client.get(url, query())
    assert response.status_code == 302
    assert response["Location"].startswith("/dang-nhap/?next=")


def test_the_page_offers_the_form_with_the_defaults(officer: Client) -> None:
    response = officer.get(PAGE)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Báo cáo kinh tế tập thể" in html and "Xem trước" in html and "Tải về" in html
    assert f'value="{LAST_YEAR}"' in html  # the latest year with records
    assert re.search(r'<option value="20" selected>Tỉnh Lạng Sơn', html)
    for variant in ("Báo cáo năm", "Báo cáo tổng kết nhiều năm", "Báo cáo 6 tháng đầu năm"):
        assert variant in html
    assert '<label for="id_year">' in html and "<legend>Loại báo cáo</legend>" in html
    assert "Huyện Cao Lộc" in html  # suggested areas: the former districts of the province in 2018


def test_a_download_without_a_query_goes_back_to_the_form(officer: Client) -> None:
    response = officer.get(DOWNLOAD)
    assert response.status_code == 302 and response["Location"] == PAGE


# --- preview ----------------------------------------------------------------------------------------------


def test_the_preview_shows_the_narrative_and_the_tables(officer: Client) -> None:
    response = officer.get(PAGE, query(action="preview"))
    text = page_text(response)
    assert response.status_code == 200
    assert f"toàn tỉnh có {len(HTX_2018)} HTX" in text
    assert f"số thành viên tham gia HTX là {number(HTX_MEMBERS)} người" in text
    assert "Bảng 1. Tổng hợp theo loại hình, năm 2018" in text
    html = response.content.decode()
    assert '<th scope="col"' in html and '<th scope="row">Hợp tác xã</th>' in html
    assert '<svg class="chart"' in html  # charts drawn as SVG, not by matplotlib
    assert "<!doctype html>" in html  # without htmx, the whole page


def test_a_link_without_a_province_shows_and_uses_the_default_province(officer: Client) -> None:
    response = officer.get(PAGE, {"year": "2018", "action": "preview"})
    html = response.content.decode()
    assert re.search(r'<option value="20" selected>Tỉnh Lạng Sơn', html)
    assert "Lạng Sơn" in page_text(response)


def test_htmx_gets_only_the_form_and_the_preview(officer: Client) -> None:
    response = officer.get(PAGE, query(action="preview"), HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="workspace"') and "<!doctype html>" not in html
    assert f"toàn tỉnh có {len(HTX_2018)} HTX" in flat(html)
    assert "HX-Request" in response["Vary"]


def test_without_a_variant_a_baseline_makes_a_review_as_in_the_cli(officer: Client) -> None:
    text = page_text(officer.get(PAGE, {"year": "2018", "baseline": "2016", "province": "20"}))
    assert "Tổng kết 2 năm phát triển kinh tế tập thể" in text
    assert "Tình hình phát triển kinh tế tập thể năm 2018" in page_text(officer.get(PAGE, {"year": "2018"}))


def test_a_review_compares_with_the_baseline(officer: Client) -> None:
    text = page_text(officer.get(PAGE, query(variant="review", baseline=2016)))
    then = len(active("HTX", 2016))
    assert "Tổng kết 2 năm phát triển kinh tế tập thể" in text
    assert f"giảm {then - len(HTX_2018)} HTX so với năm 2016" in text


def test_an_area_report_names_the_area(officer: Client) -> None:
    text = page_text(officer.get(PAGE, query(area="Huyện Cao Lộc")))
    assert f"toàn huyện Cao Lộc có {len(active('HTX', 2018, 'Huyện Cao Lộc'))} HTX" in text


def test_the_area_suggestions_follow_the_province_and_the_year(officer: Client) -> None:
    before = officer.get(PAGE, {"part": "areas", "year": "2018", "province": "20"}).content.decode()
    assert before.startswith('<datalist id="area-options"') and "Huyện Đình Lập" in before
    after = officer.get(PAGE, {"part": "areas", "year": "2025", "province": "20"}).content.decode()
    assert "Huyện" not in after and "Xã " in after  # no districts after 1/7/2025: the new communes


# --- downloads --------------------------------------------------------------------------------------------


def download(client: Client, fmt: str, **changes: Any) -> Response:
    response = client.get(DOWNLOAD, query(format=fmt, **changes))
    assert response.status_code == 200, response.content[:500]
    return response


def disposition(response: Response) -> tuple[str, str]:
    header = response["Content-Disposition"]
    assert header.startswith("attachment; ")
    plain = re.search(r'filename="([^"]+)"', header)
    encoded = re.search(r"filename\*=UTF-8''(\S+)", header)
    assert plain and encoded, header
    return plain[1], unquote(encoded[1])


def test_word_download_has_the_figures(officer: Client) -> None:
    response = download(officer, "docx")
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert disposition(response) == (
        "bao-cao-kinh-te-tap-the-nam-2018-tinh-lang-son.docx",
        "Báo cáo kinh tế tập thể năm 2018 – tỉnh Lạng Sơn.docx",
    )
    document = Document(io.BytesIO(response.content))
    body = flat(" ".join(p.text for p in document.paragraphs))
    assert f"toàn tỉnh có {len(HTX_2018)} HTX" in body
    rows = [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]
    htx = next(row for row in rows if row[0] == "Hợp tác xã")
    assert htx[1] == number(len(HTX_2018))
    assert number(HTX_MEMBERS) in htx and number(HTX_WORKERS) in htx
    assert number(HTX_AVG_REVENUE / 1e6) in htx


def test_excel_download_holds_the_figures_as_numbers(officer: Client) -> None:
    response = download(officer, "xlsx")
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert disposition(response)[1].endswith("năm 2018 – tỉnh Lạng Sơn.xlsx")
    rows = list(load_workbook(io.BytesIO(response.content))["tong_hop"].iter_rows(values_only=True))
    head = next(row for row in rows if row and row[0] == "Loại hình")
    htx = dict(zip(head, next(row for row in rows if row and row[0] == "Hợp tác xã"), strict=True))

    def cell(label: str) -> Any:
        return next(value for name, value in htx.items() if str(name).startswith(label))

    assert cell("Số tổ chức 2018") == len(HTX_2018)
    assert (cell("Thành viên"), cell("Lao động")) == (HTX_MEMBERS, HTX_WORKERS)
    assert cell("Vốn điều lệ") == pytest.approx(HTX_CAPITAL / 1e9)  # the sheet's unit is tỷ đồng
    assert cell("Doanh thu bình quân") == pytest.approx(HTX_AVG_REVENUE / 1e6)  # triệu đồng


def test_pdf_download_has_the_figures(officer: Client) -> None:
    response = download(officer, "pdf", variant="review", baseline=2016)
    assert response["Content-Type"] == "application/pdf"
    assert disposition(response) == (
        "bao-cao-tong-ket-kinh-te-tap-the-2016-2018-tinh-lang-son.pdf",
        "Báo cáo tổng kết kinh tế tập thể 2016–2018 – tỉnh Lạng Sơn.pdf",
    )
    reader = PdfReader(io.BytesIO(response.content))
    text = flat(" ".join(page.extract_text() or "" for page in reader.pages))
    assert f"toàn tỉnh có {len(HTX_2018)} HTX" in text
    assert f"{number(HTX_MEMBERS)} người" in text


def test_markdown_download_is_a_zip_with_its_charts(officer: Client) -> None:
    response = download(officer, "md")
    assert response["Content-Type"] == "application/zip"
    stem = "Báo cáo kinh tế tập thể năm 2018 – tỉnh Lạng Sơn"
    assert disposition(response)[1] == f"{stem}.zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    markdown = flat(archive.read(f"{stem}.md").decode())
    assert f"toàn tỉnh có {len(HTX_2018)} HTX" in markdown
    assert "(so_luong.svg)" in markdown and "so_luong.svg" in archive.namelist()  # the links resolve


def test_markdown_without_charts_is_one_file(officer: Client) -> None:
    response = download(officer, "md", variant="midyear")  # the mid-year report has a table, no chart
    assert response["Content-Type"] == "text/markdown; charset=utf-8"
    assert disposition(response)[1] == "Báo cáo kinh tế tập thể 6 tháng đầu năm 2018 – tỉnh Lạng Sơn.md"
    assert "6 tháng đầu năm 2018" in flat(response.content.decode())


# --- validation: the same rules as the CLI, in Vietnamese, never a 500 ------------------------------------

ERRORS = [
    ({"variant": "review", "baseline": 2018}, "Năm gốc 2018 phải trước năm báo cáo 2018."),
    ({"variant": "review", "baseline": 2020}, "Năm gốc 2020 phải trước năm báo cáo 2018."),
    ({"year": 2019}, f"Chưa có số liệu năm 2019: cơ sở dữ liệu có số liệu từ năm {FIRST_YEAR} đến năm {LAST_YEAR}."),
    ({"year": 2010}, f"Chưa có số liệu năm 2010: cơ sở dữ liệu có số liệu từ năm {FIRST_YEAR} đến năm {LAST_YEAR}."),
    ({"baseline": 2005}, f"Chưa có số liệu năm gốc 2005: cơ sở dữ liệu có số liệu từ năm {FIRST_YEAR}."),
    ({"year": 1800}, "Năm 1800 không hợp lệ."),
    ({"year": 99999}, "Năm 99999 không hợp lệ."),
    ({"year": "hai nghìn"}, "Nhập năm bằng chữ số, ví dụ 2018."),
    ({"year": ""}, "Nhập năm báo cáo."),
    ({"variant": "review"}, "Báo cáo tổng kết nhiều năm cần so sánh với một năm gốc: hãy nhập năm gốc."),
    ({"area": "Xã Không Có"}, "Không tìm thấy xã/phường/thị trấn hoặc huyện “Xã Không Có” thuộc Tỉnh Lạng Sơn."),
    ({"area": "Huyện Cao Lộc", "province": "all"}, "Chọn một tỉnh, thành phố khi báo cáo cho một địa bàn trong tỉnh."),
    ({"province": "999"}, "Chọn một tỉnh, thành phố trong danh sách."),
    ({"variant": "yearly"}, "Hãy chọn một lựa chọn hợp lệ."),
    ({"kind": "ABC"}, "Hãy chọn một lựa chọn hợp lệ."),
]


@pytest.mark.parametrize(("changes", "message"), ERRORS, ids=[m[:40] for _, m in ERRORS])
def test_every_mistake_is_explained_on_the_page(officer: Client, changes: dict[str, Any], message: str) -> None:
    shown = officer.get(PAGE, query(**changes))
    assert shown.status_code == 200
    assert message in page_text(shown)
    assert 'role="alert"' in shown.content.decode() and 'id="preview"' not in shown.content.decode()
    refused = officer.get(DOWNLOAD, query(**changes))
    assert refused.status_code == 400 and "Content-Disposition" not in refused
    assert message in page_text(refused)
    partial = officer.get(PAGE, query(**changes), HTTP_HX_REQUEST="true")
    assert partial.status_code == 200 and message in page_text(partial)


def test_every_mistake_is_listed_at_once(officer: Client) -> None:
    text = page_text(officer.get(PAGE, query(year=2019, baseline=2020, area="Xã Không Có")))
    assert "Chưa có số liệu năm 2019" in text and "Không tìm thấy xã/phường" in text
    assert "Năm gốc 2020 phải trước năm báo cáo 2019." in text


def test_a_field_in_error_says_so_to_screen_readers(officer: Client) -> None:
    html = officer.get(PAGE, query(year=2019)).content.decode()
    year_input = re.search(r"<input[^>]*id=\"id_year\"[^>]*>", html)
    assert year_input and 'aria-invalid="true"' in year_input[0] and "id_year_error" in year_input[0]
    assert 'id="id_year_error"' in html


def test_the_cli_refuses_what_the_page_refuses(officer: Client, tmp_path: Any) -> None:
    with pytest.raises(CommandError, match="Chưa có số liệu năm 2019"):
        call_command("report", "--year", "2019", "-o", str(tmp_path / "r.md"), stdout=io.StringIO())
    with pytest.raises(CommandError, match="Năm gốc 2018 phải trước năm báo cáo 2018"):
        call_command("report", "--year", "2018", "--baseline", "2018", "-o", str(tmp_path / "r.md"))
    assert not (tmp_path / "r.md").exists()
