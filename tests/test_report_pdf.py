"""HTML and PDF rendering of a report (Decree 30/2020/NĐ-CP layout, WeasyPrint)."""

from __future__ import annotations

import io
import re
import unicodedata

import matplotlib
import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from kttt.reports.document import Chart, Report
from kttt.reports.pdf import render_html, render_pdf
from tests.report_sample import THT_TEXT, TITLE, sample_report

matplotlib.use("svg")
import matplotlib.pyplot as plt

HOSTILE = "Nguyễn <script>alert(1)</script> & Co"
TINY_SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect id="r" width="10" height="5"/></svg>'


def chart_svg(chart: Chart) -> str:
    fig, ax = plt.subplots(figsize=(4, 2.5))
    for series in chart.series:
        values = [float("nan") if v is None else v / chart.scale for v in series.values]
        ax.plot(chart.categories, values, label=series.name)
    ax.set_ylabel(chart.unit)
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg")
    plt.close(fig)
    return buffer.getvalue()


def svgs(report: Report) -> dict[str, str]:
    return {chart.key: chart_svg(chart) for chart in report.charts()}


@pytest.fixture(scope="module")
def pdf() -> PdfReader:
    report = sample_report()
    return PdfReader(io.BytesIO(render_pdf(report, svgs(report))))


def page_text(reader: PdfReader) -> str:
    text = "\n".join(page.extract_text() for page in reader.pages)
    return unicodedata.normalize("NFC", re.sub(r"[ \t]+", " ", text))


def test_html_is_a_standalone_vietnamese_document() -> None:
    html = render_html(sample_report(), {key: TINY_SVG for key in ("so_luong", "doanh_thu", "dia_ban")})
    assert html.startswith("<!DOCTYPE html>")
    assert '<html lang="vi">' in html and '<meta charset="utf-8">' in html
    assert "@page" in html and "counter(page)" in html
    assert '<div class="national-title">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</div>' in html
    assert '<div class="place-date">Lạng Sơn, ngày 14 tháng 5 năm 2019</div>' in html
    assert "ỦY BAN NHÂN DÂN<br>TỈNH LẠNG SƠN" in html
    assert f"<p>{THT_TEXT}</p>" in html
    assert '<td class="num">61,5</td>' in html and '<td class="num">−2</td>' in html
    assert '<tr class="total"><td>Tổng số</td>' in html
    assert "<thead>" in html


def test_html_escapes_report_text() -> None:
    report = sample_report()
    report.letterhead.signer_name = HOSTILE
    report.tables()[0].rows[0][0] = "A < B & C"
    html = render_html(report, svgs(report))
    assert "<script>" not in html
    assert "Nguyễn &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in html
    assert "<td>A &lt; B &amp; C</td>" in html


def test_charts_are_inlined_with_their_own_ids() -> None:
    report = sample_report()
    html = render_html(report, svgs(report))
    assert html.count("<svg") == 3
    assert "<?xml" not in html and "<!DOCTYPE svg" not in html
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids))
    assert 'id="so_luong-figure_1"' in html and 'id="dia_ban-figure_1"' in html
    assert "<figcaption>Số HTX theo địa bàn</figcaption>" in html
    tiny = render_html(report, {"so_luong": TINY_SVG, "doanh_thu": TINY_SVG, "dia_ban": TINY_SVG})
    assert 'id="doanh_thu-r"' in tiny


def test_missing_chart_is_an_error() -> None:
    with pytest.raises(ValueError, match="dia_ban"):
        render_html(sample_report(), {"so_luong": TINY_SVG, "doanh_thu": TINY_SVG})


def test_pdf_is_a4_with_several_pages(pdf: PdfReader) -> None:
    assert len(pdf.pages) >= 2
    for page in pdf.pages:
        assert float(page.mediabox.width) == pytest.approx(595, abs=1)
        assert float(page.mediabox.height) == pytest.approx(842, abs=1)


def test_pdf_text_keeps_vietnamese_diacritics(pdf: PdfReader) -> None:
    text = page_text(pdf)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert "BÁO CÁO" in text
    assert "1.810 THT" in text
    assert "Lạng Sơn, ngày 14 tháng 5 năm 2019" in text
    assert "Nguyễn Văn A" in text
    flat = " ".join(text.split())
    assert TITLE in flat


def test_pdf_numbers_pages_from_the_second(pdf: PdfReader) -> None:
    first, second = (page.extract_text().splitlines() for page in pdf.pages[:2])
    assert "1" not in first
    assert "2" in second


def test_pdf_embeds_a_times_compatible_font(pdf: PdfReader) -> None:
    names: set[str] = set()
    for page in pdf.pages:
        resources = page["/Resources"].get_object()
        assert isinstance(resources, DictionaryObject)
        fonts = resources["/Font"].get_object()
        assert isinstance(fonts, DictionaryObject)
        names.update(str(font.get_object()["/BaseFont"]) for font in fonts.values())
    assert any("Liberation" in name or "Times" in name for name in names), names
