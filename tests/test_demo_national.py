"""The national demo data (`kttt demo --national`): the plan against the national figures, a scaled-down
country generated without the database, and a small slice imported through the importer."""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections import Counter, defaultdict
from functools import cache
from pathlib import Path

import pytest

from kttt.demo.ahead import packages_ahead
from kttt.demo.load import import_demo
from kttt.demo.national import national_packages, provinces
from kttt.demo.national_plan import FUNDS, HTX, THT, UNIONS, national_path, national_plan
from kttt.demo.package import Package
from kttt.registry.models import Organisation
from tests.test_demo_package import package as lang_son_package

Row = dict[str, str]
DATA = Path(__file__).resolve().parent.parent / "kttt" / "areas" / "data"
REFORM = dt.date(2025, 7, 1)
SCALE = 0.03
LANG_SON_COUNTS = {  # HTX (with the credit fund), THT and unions of the Lạng Sơn package at 31/12
    2019: (258, 1480, 2),
    2024: (497, 310, 3),
    2025: (530, 330, 3),
}
HTX_KINDS = ("HTX", "QTDND")


@cache
def scaled_country() -> dict[str, Package]:
    """Every province but Lạng Sơn, at 3 % of its size: about 3,600 organisations and 50,000 yearly rows."""
    return dict(national_packages([code for code in provinces() if code != "20"], scale=SCALE))


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def active(org: Row, year: int) -> bool:
    end = dt.date(year, 12, 31)
    return day(org["established"]) <= end and (not org["dissolved"] or day(org["dissolved"]) > end)


def organisations() -> dict[str, Row]:
    return {org["code"]: org for package in scaled_country().values() for org in package["organizations"]}


def year_rows(kinds: tuple[str, ...], year: int) -> list[Row]:
    orgs = organisations()
    return [
        row
        for package in scaled_country().values()
        for row in package["annual"]
        if row["year"] == str(year) and orgs[row["code"]]["kind"] in kinds and active(orgs[row["code"]], year)
    ]


def mean(kinds: tuple[str, ...], year: int, column: str) -> float:
    values = [int(row[column]) for row in year_rows(kinds, year)]
    return sum(values) / len(values)


def read_csv(name: str) -> list[Row]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


# The plan, at full scale -------------------------------------------------------------------------------------
def test_the_plan_adds_up_to_the_national_figures() -> None:
    plans = national_plan().values()
    for year, (htx, tht, unions) in LANG_SON_COUNTS.items():
        assert sum(p.htx[year] + p.funds[year] for p in plans) + htx == national_path(HTX, year)
        assert sum(p.tht[year] for p in plans) + tht == national_path(THT, year)
        assert sum(p.unions[year] for p in plans) + unions == national_path(UNIONS, year)
        assert sum(p.funds[year] for p in plans) + 1 == national_path(FUNDS, year)
    assert [national_path(HTX, year) for year in (2019, 2024, 2025)] == [23_280, 33_335, 35_041]
    assert [national_path(THT, year) for year in (2022, 2024)] == [71_000, 63_650]
    assert [national_path(UNIONS, year) for year in (2019, 2024, 2025)] == [75, 152, 164]
    assert all(national_path(THT, year) > national_path(THT, year + 1) for year in range(2019, 2025))


def test_a_few_provinces_are_dense_and_most_medium() -> None:
    plans = national_plan()
    assert len(plans) == 62 and "20" not in plans
    sizes = sorted(p.htx[2024] + p.funds[2024] + p.tht[2024] for p in plans.values())
    median = sizes[len(sizes) // 2]
    assert sizes[-1] > 3 * median
    assert sum(1 for size in sizes if median / 2.5 <= size <= 2 * median) >= 45
    assert sum(1 for size in sizes if size > 2 * median) <= 10


# A scaled-down country, generated only ------------------------------------------------------------------------
def test_generation_is_deterministic_and_a_slice_is_the_same_as_in_the_whole() -> None:
    again = dict(national_packages(["1", "2", "89"], scale=SCALE))
    assert again == {code: scaled_country()[code] for code in ("1", "2", "89")}
    assert dict(national_packages(["2"], scale=SCALE)) == {"2": scaled_country()["2"]}


def test_lang_son_keeps_its_calibrated_package() -> None:
    assert dict(national_packages(["20"], scale=SCALE)) == {"20": lang_son_package()}


def test_counts_follow_the_scaled_plan() -> None:
    plans, years = national_plan(SCALE), (2003, 2019, 2024, 2025)
    for code, package in scaled_country().items():
        kinds = Counter((org["kind"], year) for org in package["organizations"] for year in years if active(org, year))
        plan = plans[code]
        for year in years:
            expected = (plan.htx[year], plan.funds[year], plan.tht[year], plan.unions[year])
            assert tuple(kinds[(kind, year)] for kind in ("HTX", "QTDND", "THT", "LHHTX")) == expected, (code, year)


def test_figures_are_of_the_national_order() -> None:
    million = 1_000_000
    assert 0.85 * 3550 * million <= mean(HTX_KINDS, 2024, "revenue") <= 1.15 * 3550 * million
    assert 0.85 * 4560 * million <= mean(HTX_KINDS, 2025, "revenue") <= 1.15 * 4560 * million
    assert 160 <= mean(HTX_KINDS, 2024, "members") <= 190  # >5.8 million members of 33,335 HTX
    assert 24 <= mean(HTX_KINDS, 2024, "workers") <= 30  # 897,109 regular workers
    assert 13.5 <= mean(("THT",), 2024, "members") <= 16  # 944,587 members of 63,650 THT
    rows = year_rows(HTX_KINDS, 2024)
    income = sum(int(r["avg_income"]) * int(r["workers"]) for r in rows) / sum(int(r["workers"]) for r in rows)
    assert 53 * million <= income <= 65 * million  # 59 million per worker
    rated = Counter(row["rating"] for row in year_rows(HTX_KINDS, 2025) if row["rating"])
    assert 0.75 <= (rated["tot"] + rated["kha"]) / sum(rated.values()) <= 0.81  # 78.1 % khá/tốt


def test_sectors() -> None:
    htx = [org for org in organisations().values() if org["kind"] in HTX_KINDS and active(org, 2023)]
    sectors = Counter(org["sector"] for org in htx)
    assert 0.58 <= sectors["nong-nghiep"] / len(htx) <= 0.74  # 20,710 of 31,364 in 2023
    assert sectors["tin-dung"] == sum(1 for org in htx if org["kind"] == "QTDND")


def test_codes_are_unique_and_carry_the_province() -> None:
    codes: Counter[str] = Counter()
    for province, package in scaled_country().items():
        for org in package["organizations"]:
            codes[org["code"]] += 1
            assert re.fullmatch(rf"T{int(province):02d}-(HTX-\d{{5}}|THT-\d{{5}}|QTD-\d{{3}}|LH-\d{{3}})", org["code"])
    assert max(codes.values()) == 1


def test_every_organisation_sits_in_a_commune_of_its_province_in_force_when_it_was_established() -> None:
    old = {row["code"]: row["province_code"] for row in read_csv("communes_before_2025.csv")}
    new = {row["code"]: row["province_code"] for row in read_csv("communes_2025.csv")}
    territory = defaultdict(set)  # old province -> the new communes its communes went into
    for row in read_csv("commune_mapping_2025.csv"):
        territory[row["old_province_code"]].add(row["new_commune_code"])
    after = 0
    for province, package in scaled_country().items():
        for org in package["organizations"]:
            if day(org["established"]) < REFORM:
                assert org["province"] == province and old[org["area"]] == province, org
            else:
                after += 1
                assert org["area"] in territory[province] and org["province"] == new[org["area"]], org
    assert after > 10


def test_yearly_rows_fall_within_each_organisation_s_life() -> None:
    orgs = organisations()
    seen: Counter[tuple[str, int]] = Counter()
    for package in scaled_country().values():
        for row in package["annual"]:
            org, year = orgs[row["code"]], int(row["year"])
            seen[(row["code"], year)] += 1
            assert day(org["established"]).year <= year <= (day(org["dissolved"]).year if org["dissolved"] else 2025)
    assert max(seen.values()) == 1
    expected = sum(1 for org in orgs.values() for year in range(2003, 2026) if active(org, year))
    assert 0.97 * expected <= len(seen) <= expected  # a few reports missing, most in 2025


def test_union_members_are_cooperatives_of_the_province_in_business() -> None:
    packages = dict(national_packages(["1", "38"], scale=0.3))  # unions are few: a larger scale
    orgs = {org["code"]: org for package in packages.values() for org in package["organizations"]}
    links = [link for package in packages.values() for link in package["union_members"]]
    assert len({link["union_code"] for link in links}) >= 4
    for link in links:
        union, member = orgs[link["union_code"]], orgs[link["member_code"]]
        assert union["kind"] == "LHHTX" and member["kind"] == "HTX" and not member["dissolved"]
        assert link["union_code"][:3] == link["member_code"][:3]
        assert day(link["joined"]) >= max(day(union["established"]), day(member["established"]))


def test_packages_built_ahead_are_the_same() -> None:
    assert list(packages_ahead(["48", "2"], scale=SCALE)) == [(c, scaled_country()[c]) for c in ("48", "2")]


# A slice, imported ---------------------------------------------------------------------------------------------
@pytest.mark.django_db
def test_a_slice_imports_without_problems_and_again_unchanged() -> None:
    slice_ = {code: scaled_country()[code] for code in ("1", "2")}  # Hà Nội; Hà Giang, merged into Tuyên Quang
    for package in slice_.values():
        result = import_demo(package)
        assert not result.errors and not result.warnings
        assert result.counts["annual"].created == len(package["annual"]) > 500
    for package in slice_.values():
        counts = import_demo(package).counts
        assert all(count.created == count.updated == 0 for count in counts.values())
    orgs = Organisation.objects.filter(code__startswith="T02-")
    assert orgs.count() == len(slice_["2"]["organizations"]) == orgs.filter(is_demo=True).count()
    assert set(orgs.values_list("former_province__name", flat=True)) == {"Tỉnh Hà Giang"}
    assert set(orgs.values_list("current_province__name", flat=True)) == {"Tỉnh Tuyên Quang"}
