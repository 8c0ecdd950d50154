"""The SVG charts: escaped labels, Vietnamese numbers, gaps for missing values, legends that wrap."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET

from kttt.web.svg import Line, bar_chart, line_chart, nice_ceiling, value_axis

NS = {"svg": "http://www.w3.org/2000/svg"}


def test_axis_maximum_is_a_round_number_at_or_above_the_data() -> None:
    for value, expected in [(0, 1.0), (7, 10.0), (180, 200.0), (220, 250.0), (1810, 2000.0), (0.3, 0.5)]:
        assert nice_ceiling(value) == expected


def test_value_axis_has_round_steps_just_above_the_data() -> None:
    for value, expected in [(25.0, (25.0, 5)), (900.0, (1000.0, 4)), (18.0, (20.0, 4)), (1810.0, (2000.0, 4))]:
        assert value_axis(value) == expected
    for value in (0.7, 3.0, 37.0, 220.0, 6056.0, 274e9):
        top, intervals = value_axis(value)
        step = top / intervals
        assert top >= value and step / 10 ** math.floor(math.log10(step)) in {1, 2, 2.5, 5}


def test_line_chart_is_valid_svg_with_title_description_and_gaps() -> None:
    svg = line_chart("Số HTX <2018>", [2016, 2017, 2018], [Line("HTX & THT", [1810.0, None, 220.0])], "tổ chức")
    root = ET.fromstring(svg)
    assert root.find("svg:title", NS) is not None and root.find("svg:title", NS).text == "Số HTX <2018>"  # type: ignore[union-attr]
    # A missing year breaks the line: two one-point segments, no polyline through 2017.
    assert len(root.findall("svg:polyline", NS)) == 2
    assert "1.810" in svg and "HTX &amp; THT" in svg


def test_long_legends_wrap_onto_more_rows_and_make_the_chart_taller() -> None:
    short = line_chart("t", [2018, 2019], [Line("A", [1, 2])])
    names = [f"Một chuỗi số liệu có tên rất dài số {n}" for n in range(4)]
    long = line_chart("t", [2018, 2019], [Line(name, [1, 2]) for name in names])
    height = [int(re.search(r'viewBox="0 0 640 (\d+)"', svg).group(1)) for svg in (short, long)]  # type: ignore[union-attr]
    assert height[1] > height[0]
    xs = [float(x) for x in re.findall(r'<rect x="([\d.]+)" y="[\d.-]+" width="12"', long)]
    assert all(x + 16 + 7 * len(names[0]) <= 640 for x in xs)


def test_bar_chart_writes_missing_values_as_words_not_zero() -> None:
    svg = bar_chart("Tăng số HTX", [("Huyện Đình Lập", 12.0), ("Huyện <Lộc Bình>", None)])
    ET.fromstring(svg)
    assert "chưa có số liệu" in svg and "&lt;Lộc Bình&gt;" in svg


def test_a_fall_is_drawn_left_of_the_zero_line_and_never_as_a_sliver() -> None:
    svg = bar_chart("Thay đổi số HTX", [("Tăng", 10.0), ("Giảm", -5.0)])
    bars = re.findall(r'<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)"', svg)
    (x_up, w_up), (x_down, w_down) = ((float(x), float(w)) for x, w in bars)
    assert x_down + w_down == x_up  # both start at the zero line
    assert w_down > 10 and abs(w_up / w_down - 2) < 0.01
    assert "−5" in svg or "-5" in svg
