"""How reports write figures and changes: table-driven, expectations from the phrasing rules."""

from __future__ import annotations

import pytest

from kttt.indicators.figures import Figures
from kttt.reports import narrative
from kttt.reports.phrasing import count_change, money, quantity, ratio_change


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (1810, "1.810"),
        (19510, "19.510"),
        (3.5, "3,5"),
        (1234567, "1.234.567"),
        (0, "0"),
        (2.999, "khoảng 3"),
        (3.0, "3"),
    ],
)
def test_numbers_are_written_the_vietnamese_way(value: float, text: str) -> None:
    assert str(quantity(value)) == text if "khoảng" not in text else str(quantity(value, 1)) == text


@pytest.mark.parametrize(
    ("vnd", "text"),
    [
        (274_000_000_000, "274 tỷ đồng"),
        (273_960_000_000, "khoảng 274 tỷ đồng"),
        (1_106_000_000_000, "1.106 tỷ đồng"),
        (32_200_000_000, "32,2 tỷ đồng"),
        (6_800_000_000, "6,8 tỷ đồng"),
        (900_000_000, "900 triệu đồng"),
        (899_600_000, "khoảng 900 triệu đồng"),
        (50_000_000, "50 triệu đồng"),
        (49_999_999.99, "khoảng 50 triệu đồng"),
        (7_450_000, "7,45 triệu đồng"),
        (150_000, "150.000 đồng"),
    ],
)
def test_money_is_written_in_sensible_units_with_khoang_only_when_rounded(vnd: float, text: str) -> None:
    assert str(money(vnd)) == text


@pytest.mark.parametrize(
    ("difference", "noun", "text"),
    [
        (128, "HTX", "tăng 128 HTX"),
        (-237, "thành viên", "giảm 237 thành viên"),
        (4377, "thành viên", "tăng 4.377 thành viên"),
        (0, "HTX", "không đổi"),
        (None, "HTX", "chưa có số liệu"),
    ],
)
def test_count_changes_by_sign(difference: int | None, noun: str, text: str) -> None:
    assert count_change(difference, noun) == text


@pytest.mark.parametrize(
    ("now", "then", "text"),
    [
        (900, 300, "tăng gấp 3 lần"),
        (600, 300, "tăng gấp 2 lần"),
        (50_000_000, 10_100_000, "tăng gấp khoảng 5 lần"),
        (389, 100, "tăng gấp khoảng 3,9 lần"),
        (135, 100, "tăng 35%"),
        (113.52, 100, "tăng 13,5%"),
        (85, 100, "bằng 85%"),
        (85.71, 100, "bằng 85,7%"),
        (100, 100, "không đổi"),
        (None, 100, "chưa có số liệu"),
        (100, None, "chưa có số liệu"),
    ],
)
def test_ratio_changes_by_size(now: float | None, then: float | None, text: str) -> None:
    assert ratio_change(now, then) == text


WHERE = narrative.Where()


def test_a_missing_figure_is_said_to_be_missing_never_zero() -> None:
    now = Figures(active=12, reporting=10, missing=2, members=None, workers=None, avg_revenue=None)
    text = narrative.htx_paragraph(now, None, 2020, None, WHERE)
    assert "chưa có số liệu" in text
    assert "2 HTX chưa báo cáo số liệu năm 2020" in text
    assert " 0 người" not in text and " 0 đồng" not in text


def test_an_area_with_no_organisations_gets_a_short_correct_sentence() -> None:
    assert "không có hợp tác xã nào" in narrative.htx_paragraph(Figures(), None, 2020, None, WHERE)
    assert "không có tổ hợp tác nào" in narrative.tht_paragraph(Figures(), None, 2020, None, [], WHERE)
    assert "chưa có Liên hiệp HTX nào" in narrative.union_sentence(Figures(), 2020, WHERE)


@pytest.mark.parametrize(
    ("counts", "text"),
    [
        ([30, 40, 35, 33], "bình quân hàng năm có khoảng 35 THT thành lập mới (từ 30 đến 40 THT/năm)"),
        ([30, 30], "bình quân hàng năm có 30 THT thành lập mới"),
        ([], ""),
    ],
)
def test_new_organisations_per_year(counts: list[int], text: str) -> None:
    assert narrative.new_per_year(counts, "THT") == text


@pytest.mark.parametrize(
    ("new", "dissolved", "text"),
    [
        (45, 12, "trong năm 2025 có 45 THT thành lập mới, 12 THT giải thể"),
        (3, 0, "trong năm 2025 có 3 THT thành lập mới"),
    ],
)
def test_an_annual_report_tells_the_years_own_new_and_dissolved(new: int, dissolved: int, text: str) -> None:
    assert narrative.new_in_year(Figures(new=new, dissolved=dissolved), "THT", 2025) == text
