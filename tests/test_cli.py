"""`kttt indicators` (issue 2, deliverables 2 and 8): JSON with the documented keys, groupings, text."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from pytest_django import Settings

from tests.conftest import Loader

ORGS = [
    {"code": "THT-1", "kind": "THT", "established": "2001-01-01", "area": "Tân Thành, Hữu Lũng"},
    {"code": "THT-2", "kind": "THT", "established": "2015-01-01", "area": "6628", "sector": "van-tai"},
    {"code": "HTX-1", "established": "2002-01-01", "area": "Huyện Cao Lộc"},
    {"code": "HTX-2", "established": "2012-01-01", "area": "6628"},
    {"code": "HTX-3", "established": "2010-01-01", "dissolved": "2018-12-31"},
    {"code": "LH-1", "kind": "LHHTX", "established": "2014-01-01", "area": "Huyện Hữu Lũng"},
    {"code": "HTX-HN", "established": "2010-01-01", "province": "1"},
]
ANNUAL = [
    {"code": "THT-1", "year": "2003", "members": "40", "revenue": "100000000"},
    {"code": "THT-1", "year": "2018", "members": "1000", "workers": "12", "revenue": "500000000"},
    {"code": "THT-2", "year": "2018", "members": "810", "workers": "8", "revenue": "500000000"},
    {"code": "HTX-1", "year": "2003", "members": "30", "charter_capital": "1000000000"},
    {
        "code": "HTX-1",
        "year": "2018",
        "members": "25",
        "workers": "20",
        "charter_capital": "200000000000",
        "revenue": "900000000",
        "avg_income": "50000000",
    },
    {"code": "HTX-HN", "year": "2018", "members": "5000"},
]
LINKS = [
    {"union_code": "LH-1", "member_code": "HTX-1", "joined": "2014-01-01"},
    {"union_code": "LH-1", "member_code": "HTX-2", "joined": "2014-01-01"},
]
FIGURE_KEYS = {
    "active",
    "new",
    "dissolved",
    "members",
    "workers",
    "charter_capital",
    "revenue",
    "avg_revenue",
    "avg_income",
    "missing",
    "union_members",
}


@pytest.fixture
def registry(load: Loader, settings: Settings) -> None:
    settings.KTTT_COUNT_QTDND_AS_HTX = True
    load(organizations=ORGS, annual=ANNUAL, union_members=LINKS)


def indicators(**options: Any) -> str:
    out = io.StringIO()
    call_command("indicators", stdout=out, **options)
    return out.getvalue()


def indicators_json(**options: Any) -> Any:
    return json.loads(indicators(json=True, **options))


def test_the_json_has_the_documented_keys(registry: None) -> None:
    data = indicators_json(year=2018, baseline=2003)
    assert {"year", "as_of", "baseline", "province", "by", "kinds"} <= set(data)
    assert (data["year"], data["as_of"], data["baseline"], data["by"]) == (2018, "2018-12-31", 2003, "kind")
    assert data["province"]["code"] == "20"
    assert set(data["kinds"]) == {"THT", "HTX", "LHHTX"}
    for kind in ("THT", "HTX", "LHHTX"):
        block = data["kinds"][kind]
        assert {"year", "baseline", "change"} <= set(block), kind
        assert set(block["year"]) >= FIGURE_KEYS, kind
        assert set(block["baseline"]) >= FIGURE_KEYS, kind
        assert FIGURE_KEYS - {"missing"} <= set(block["change"]), kind
        for change in block["change"].values():
            assert set(change) == {"difference", "ratio"}


def test_the_json_carries_the_figures(registry: None) -> None:
    kinds = indicators_json(year=2018, baseline=2003)["kinds"]
    tht = kinds["THT"]
    assert (tht["year"]["active"], tht["year"]["members"]) == (2, 1810)
    assert tht["baseline"]["members"] == 40
    assert tht["change"]["members"] == {"difference": 1770, "ratio": pytest.approx(1810 / 40)}
    assert tht["year"]["avg_revenue"] == pytest.approx(500_000_000)
    htx = kinds["HTX"]["year"]
    # HTX-3 was dissolved on 31/12/2018; HTX-HN is in Hà Nội, outside the default province.
    assert (htx["active"], htx["dissolved"], htx["missing"]) == (2, 1, 1)
    assert htx["charter_capital"] == 200_000_000_000
    assert htx["avg_income"] == pytest.approx(50_000_000)
    assert kinds["HTX"]["change"]["active"] == {"difference": 1, "ratio": pytest.approx(2.0)}
    unions = kinds["LHHTX"]["year"]
    assert (unions["active"], unions["union_members"]) == (1, 2)


def test_the_json_without_a_baseline(registry: None) -> None:
    data = indicators_json(year=2018)
    assert data["baseline"] is None
    assert data["kinds"]["HTX"]["year"]["active"] == 2
    assert "change" not in data["kinds"]["HTX"]


def test_the_province_can_be_all_of_vietnam(registry: None) -> None:
    data = indicators_json(year=2018, province="all")
    assert data["province"] is None
    assert data["kinds"]["HTX"]["year"]["active"] == 3
    assert data["kinds"]["HTX"]["year"]["members"] == 5025


@pytest.mark.parametrize("province", ["Lạng Sơn", "lang son", "20"])
def test_the_province_can_be_named(registry: None, province: str) -> None:
    data = indicators_json(year=2025, province=province)
    assert data["province"] == {"code": "20", "name": "Tỉnh Lạng Sơn"}
    assert data["kinds"]["HTX"]["year"]["active"] == 2


def groups(data: Any, kind: str) -> dict[str, int]:
    return {g["label"]: g["year"]["active"] for g in data["kinds"][kind]["groups"]}


@pytest.mark.parametrize(
    ("by", "year", "expected_tht"),
    [
        ("kind", 2018, {}),
        ("sector", 2018, {"Nông nghiệp": 1, "Vận tải": 1}),
        ("area", 2018, {"Huyện Hữu Lũng": 1, "Huyện Đình Lập": 1}),
        ("area", 2025, {"Xã Tân Thành": 1, "Xã Đình Lập": 1}),
        ("former-district", 2018, {"Huyện Hữu Lũng": 1, "Huyện Đình Lập": 1}),
        ("former-district", 2025, {"Huyện Hữu Lũng": 1, "Huyện Đình Lập": 1}),
        ("province", 2018, {"Tỉnh Lạng Sơn": 2}),
        ("province", 2025, {"Tỉnh Lạng Sơn": 2}),
    ],
)
def test_every_grouping_works(registry: None, by: str, year: int, expected_tht: dict[str, int]) -> None:
    data = indicators_json(year=year, by=by)
    assert data["by"] == by
    assert groups(data, "THT") == expected_tht
    if by != "kind":
        htx = data["kinds"]["HTX"]
        assert sum(groups(data, "HTX").values()) == htx["year"]["active"]


def test_grouping_by_area_with_a_baseline_compares_each_group(registry: None) -> None:
    data = indicators_json(year=2018, baseline=2003, by="area")
    rows = {g["label"]: g for g in data["kinds"]["THT"]["groups"]}
    assert rows["Huyện Hữu Lũng"]["baseline"]["members"] == 40
    assert rows["Huyện Hữu Lũng"]["change"]["members"]["difference"] == 960
    assert rows["Huyện Đình Lập"]["baseline"]["active"] == 0


def test_an_unknown_province_fails_with_a_vietnamese_message(registry: None) -> None:
    with pytest.raises(CommandError, match="Không tìm thấy tỉnh/thành phố “Xứ Mơ”"):
        indicators(year=2018, province="Xứ Mơ")


@pytest.mark.parametrize("year", [1800, 3000])
def test_an_impossible_year_fails(registry: None, year: int) -> None:
    with pytest.raises(CommandError, match="không hợp lệ"):
        indicators(year=year)


def test_an_unknown_grouping_is_refused(registry: None) -> None:
    with pytest.raises(CommandError, match="district"):
        call_command("indicators", "--year", "2018", "--by", "district", stdout=io.StringIO())


def test_the_text_output_formats_numbers_the_vietnamese_way(registry: None) -> None:
    text = indicators(year=2018, baseline=2003)
    assert "Lạng Sơn" in text
    assert "1.810" in text  # THT members
    assert "1810" not in text
    assert "1,810" not in text
    assert "+1.770" in text  # THT members against 2003
    assert "200,0" in text  # HTX charter capital, in billions with a decimal comma
    assert "TỔ HỢP TÁC" in text and "HỢP TÁC XÃ" in text


def test_the_text_output_lists_the_groups(registry: None) -> None:
    text = indicators(year=2018, by="former-district")
    assert "Huyện Hữu Lũng" in text
    assert "Huyện Đình Lập" in text
