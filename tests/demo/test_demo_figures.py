"""`kttt demo` then `kttt indicators … --json` reproduces the figures the Lạng Sơn review published
(article of 14/5/2019, and domain.md §8 for later years). Expected values are the published ones."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from django.core.management import call_command
from pytest_django import DjangoDbBlocker

from kttt.registry.models import Organisation

# The module-scoped `demo` fixture needs the test database set up (see tests/conftest.py).
pytestmark = pytest.mark.django_db

MN, BN = 1_000_000, 1_000_000_000


def indicators(**options: Any) -> dict[str, Any]:
    out = io.StringIO()
    call_command("indicators", json=True, stdout=out, **options)
    result: dict[str, Any] = json.loads(out.getvalue())
    return result


@pytest.fixture(scope="module")
def review(demo: str, django_db_blocker: DjangoDbBlocker) -> dict[str, Any]:
    with django_db_blocker.unblock():
        return indicators(year=2018, baseline=2003)


def test_running_demo_twice_changes_nothing(demo: str) -> None:
    lines = [line for line in demo.splitlines() if "không đổi" in line]
    assert len(lines) == 4
    assert all("thêm 0, cập nhật 0," in line for line in lines), lines


def test_tht_end_of_2018(review: dict[str, Any]) -> None:
    tht = review["kinds"]["THT"]
    assert tht["year"]["active"] == 1810
    assert tht["year"]["members"] == 19510
    assert tht["change"]["members"]["difference"] == 4377
    assert round(tht["year"]["avg_revenue"] / MN) == 500
    assert round(tht["year"]["avg_income"] / MN) == 30


def test_htx_end_of_2018_against_2003(review: dict[str, Any]) -> None:
    htx = review["kinds"]["HTX"]
    year, change = htx["year"], htx["change"]
    assert (year["active"], change["active"]["difference"]) == (220, 128)
    assert round(year["charter_capital"] / BN) == 274
    assert (year["members"], change["members"]["difference"]) == (3469, -237)
    assert (year["workers"], change["workers"]["difference"]) == (6056, 2044)
    assert round(year["avg_revenue"] / MN) == 900
    assert round(change["avg_revenue"]["ratio"]) == 3
    assert round(year["avg_income"] / MN) == 50
    assert round(change["avg_income"]["ratio"]) == 5
    assert year["missing"] == 0


def test_two_unions_with_thirteen_member_htx(review: dict[str, Any]) -> None:
    unions = review["kinds"]["LHHTX"]["year"]
    assert (unions["active"], unions["union_members"]) == (2, 13)


def test_thirty_to_forty_new_tht_a_year(demo: str) -> None:
    for year in range(2004, 2019):
        assert 30 <= indicators(year=year)["kinds"]["THT"]["year"]["new"] <= 40, year


@pytest.mark.parametrize(("year", "published"), [(2022, 226), (2023, 250), (2024, 310)])
def test_tht_fall_after_decree_77(demo: str, year: int, published: int) -> None:
    assert indicators(year=year)["kinds"]["THT"]["year"]["active"] == pytest.approx(published, rel=0.03)


def test_htx_in_2024(demo: str) -> None:
    htx = indicators(year=2024)["kinds"]["HTX"]["year"]
    assert 480 <= htx["active"] <= 500  # "gần 500 HTX"
    assert htx["members"] == pytest.approx(6280, rel=0.01)
    assert htx["workers"] == pytest.approx(8556, rel=0.01)
    assert htx["worker_members"] == pytest.approx(5520, rel=0.01)
    assert htx["charter_capital"] / BN == pytest.approx(1106, rel=0.01)


def test_areas_are_former_districts_then_new_communes(demo: str) -> None:
    def groups(year: int) -> set[str]:
        data = indicators(year=year, by="area")
        return {g["key"] for block in data["kinds"].values() for g in block["groups"] if g["year"]["active"]}

    assert len(groups(2024)) == 11
    assert len(groups(2025)) == 65
    assert "" not in groups(2025)
    former = indicators(year=2025, by="former-district")
    assert len({g["key"] for b in former["kinds"].values() for g in b["groups"]} - {""}) == 11


def test_demo_organisations_are_marked(demo: str) -> None:
    assert not Organisation.objects.filter(is_demo=False).exists()
    assert Organisation.objects.filter(is_demo=True).count() > 2500
