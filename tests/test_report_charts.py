"""Chart images: sizes, Vietnamese number formatting, categories kept as text, missing data."""

from __future__ import annotations

import re
import struct
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor

import pytest

from kttt.reports.charts import NO_DATA, render_chart, render_charts
from kttt.reports.document import Chart, Series
from tests.report_sample import sample_report

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def chart(key: str) -> Chart:
    return next(c for c in sample_report().charts() if c.key == key)


def png_size(data: bytes) -> tuple[int, int]:
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def svg_texts(data: bytes) -> list[str]:
    """Text drawn as glyph paths is preceded by a comment holding the string."""
    ET.fromstring(data)  # well-formed XML
    return [t.strip() for t in re.findall(r"<!--(.*?)-->", data.decode("utf-8"), flags=re.S)]


@pytest.mark.parametrize("key", ["so_luong", "doanh_thu", "dia_ban"])
def test_png_is_16_by_8_cm_at_200_dpi(key: str) -> None:
    data = render_chart(chart(key), "png")
    assert data.startswith(PNG_SIGNATURE)
    assert png_size(data) == (1260, 630)


def test_svg_has_vietnamese_ticks_and_years_as_text() -> None:
    texts = svg_texts(render_chart(chart("so_luong"), "svg"))
    assert "1.500" in texts and "1.000" in texts
    assert "1,500" not in texts
    assert [str(y) for y in range(2003, 2019)] == [t for t in texts if re.fullmatch(r"\d{4}", t)]
    assert not any(re.fullmatch(r"2\.0\d\d", t) for t in texts)  # no "2.003"
    assert {"tổ chức", "Tổ hợp tác", "Hợp tác xã"} <= set(texts)
    # The title is the document's caption, not drawn into the image (it would show twice).
    assert "Số tổ chức kinh tế tập thể, 2003–2018" not in texts


def test_values_are_divided_by_scale() -> None:
    texts = svg_texts(render_chart(chart("doanh_thu"), "svg"))
    assert {"300", "450", "900", "–"} <= set(texts)  # bar labels in triệu đồng; the missing year is "–"
    assert not any("000.000" in t for t in texts)


def test_decimal_ticks_use_a_comma() -> None:
    ratio = Chart("gap", "Gấp bao nhiêu lần", ["2016", "2017", "2018"], [Series("Gấp", [1.0, 2.2, 3.5])], "lần")
    texts = svg_texts(render_chart(ratio, "svg"))
    assert "1,5" in texts and "0,0" in texts
    assert not any(re.fullmatch(r"\d+\.\d", t) for t in texts)


def test_barh_keeps_long_labels_and_grows_for_many_areas() -> None:
    areas = [f"Huyện số {i} có tên rất dài để kiểm tra việc xuống dòng" for i in range(12)]
    ranking = Chart("xep_hang", "Xếp hạng địa bàn", areas, [Series("HTX", list(range(12, 0, -1)))], "HTX", "barh")
    width, height = png_size(render_chart(ranking, "png"))
    assert width == 1260 and height > 630
    joined = " ".join(svg_texts(render_chart(ranking, "svg")))
    assert "Huyện số 11" in joined and "xuống dòng" in joined


@pytest.mark.parametrize("style", ["line", "bar", "barh"])
def test_missing_values_do_not_crash(style: str) -> None:
    gaps = Chart(
        "gaps",
        "Có năm thiếu số liệu",
        ["2016", "2017", "2018"],
        [Series("A", [1.0, None, 3.0]), Series("B", [None, 2.0, None])],
        "HTX",
        style,  # type: ignore[arg-type]
    )
    assert render_chart(gaps, "png").startswith(PNG_SIGNATURE)
    assert "B" in svg_texts(render_chart(gaps, "svg"))  # legend for two series


@pytest.mark.parametrize(
    "series",
    [[], [Series("Hợp tác xã", [None, None])]],
    ids=["no series", "all missing"],
)
def test_no_data_says_so(series: list[Series]) -> None:
    empty = Chart("trong", "Chưa có gì", ["2017", "2018"], series, "HTX")
    assert NO_DATA in svg_texts(render_chart(empty, "svg"))
    assert png_size(render_chart(empty, "png")) == (1260, 630)


def test_series_length_must_match_categories() -> None:
    bad = Chart("sai", "Sai", ["2017", "2018"], [Series("A", [1.0])], "HTX")
    with pytest.raises(ValueError, match="1 values for 2 categories"):
        render_chart(bad, "png")


def test_output_is_deterministic() -> None:
    for fmt in ("png", "svg"):
        assert render_chart(chart("so_luong"), fmt) == render_chart(chart("so_luong"), fmt)
    assert b"<dc:date>" not in render_chart(chart("so_luong"), "svg")


def test_render_charts_covers_the_report_and_is_thread_safe() -> None:
    report = sample_report()
    sequential = render_charts(report, "png")
    assert list(sequential) == ["so_luong", "doanh_thu", "dia_ban"]
    with ThreadPoolExecutor(max_workers=4) as pool:
        parallel = list(pool.map(lambda c: render_chart(c, "png"), report.charts() * 2))
    assert parallel == [*sequential.values()] * 2
