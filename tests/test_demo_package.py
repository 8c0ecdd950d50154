"""The Lạng Sơn demo package: shape, determinism, and the published figures recomputed independently."""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from kttt.demo.generate import build_package

Row = dict[str, str]
DATA = Path(__file__).resolve().parent.parent / "kttt" / "areas" / "data"
REFORM = dt.date(2025, 7, 1)
COLUMNS = {
    "organizations": ["code", "name", "kind", "sector", "province", "area", "established", "dissolved"],
    "annual": [
        "code", "year", "members", "associate_members", "workers", "worker_members", "charter_capital",
        "total_capital", "revenue", "profit", "avg_income", "rating", "managers", "managers_trained",
        "max_member_capital", "foreign_capital", "source", "as_of",
    ],
    "union_members": ["union_code", "member_code", "joined", "left"],
    "statuses": ["code", "date", "status", "note"],
}  # fmt: skip
SECTORS = {
    "nong-nghiep",
    "cong-nghiep",
    "xay-dung",
    "van-tai",
    "thuong-mai",
    "tin-dung",
    "moi-truong",
    "khac",
}
HTX_KINDS = ("HTX", "QTDND")
MN = 1_000_000


@cache
def package() -> dict[str, list[Row]]:
    return build_package()


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def orgs() -> dict[str, Row]:
    return {row["code"]: row for row in package()["organizations"]}


def active(org: Row, year: int) -> bool:
    end = dt.date(year, 12, 31)
    return day(org["established"]) <= end and (not org["dissolved"] or day(org["dissolved"]) > end)


def year_rows(kinds: tuple[str, ...], year: int) -> list[Row]:
    """Year-`year` rows of the organisations of `kinds` active at 31/12."""
    by_code = orgs()
    return [
        row
        for row in package()["annual"]
        if row["year"] == str(year) and by_code[row["code"]]["kind"] in kinds and active(by_code[row["code"]], year)
    ]


def count(kinds: tuple[str, ...], year: int) -> int:
    return sum(1 for org in orgs().values() if org["kind"] in kinds and active(org, year))


def total(kinds: tuple[str, ...], year: int, column: str) -> int:
    return sum(int(row[column]) for row in year_rows(kinds, year) if row[column])


def average(kinds: tuple[str, ...], year: int, column: str) -> float:
    filled = [int(row[column]) for row in year_rows(kinds, year) if row[column]]
    return sum(filled) / len(filled)


def income(kinds: tuple[str, ...], year: int) -> float:
    pairs = [
        (int(row["avg_income"]), int(row["workers"]))
        for row in year_rows(kinds, year)
        if row["avg_income"] and row["workers"]
    ]
    return sum(i * w for i, w in pairs) / sum(w for _, w in pairs)


def new_per_year(kinds: tuple[str, ...], year: int) -> int:
    return sum(1 for org in orgs().values() if org["kind"] in kinds and day(org["established"]).year == year)


def union_members(year: int) -> int:
    end = dt.date(year, 12, 31)
    by_code = orgs()
    return len(
        {
            link["member_code"]
            for link in package()["union_members"]
            if active(by_code[link["union_code"]], year)
            and day(link["joined"]) <= end
            and (not link["left"] or day(link["left"]) > end)
        }
    )


def read_csv(name: str) -> list[Row]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


# ---------------------------------------------------------------------------------------------------------
def test_deterministic() -> None:
    assert build_package() == package()


def test_columns_and_string_values() -> None:
    data = package()
    assert set(data) in ({"organizations", "annual", "union_members"}, set(COLUMNS))
    for sheet, rows in data.items():
        assert rows, sheet
        for row in rows:
            assert list(row) == COLUMNS[sheet]
            assert all(isinstance(value, str) for value in row.values())


def test_codes_names_and_organisation_fields() -> None:
    rows = package()["organizations"]
    assert len({row["code"] for row in rows}) == len(rows)
    assert len({row["name"] for row in rows}) == len(rows)
    for row in rows:
        assert row["kind"] in {"THT", "HTX", "LHHTX", "QTDND"}
        assert row["sector"] in SECTORS
        assert row["province"] == "20"
        assert re.fullmatch(r"LS-(HTX-\d{4}|THT-\d{4}|LH-\d{2}|QTD-\d{2})", row["code"])
        assert "demo" not in row["name"].lower()
        assert not row["dissolved"] or day(row["dissolved"]) >= day(row["established"])
    funds = [row for row in rows if row["kind"] == "QTDND"]
    assert len(funds) == 1 and funds[0]["sector"] == "tin-dung"
    assert all(active(funds[0], year) for year in range(2003, 2026))


def test_number_formats() -> None:
    for row in package()["annual"]:
        for column in COLUMNS["annual"][2:]:
            if column not in {"rating", "source", "as_of", "profit"} and row[column]:
                assert row[column].isdigit(), (row["code"], row["year"], column)
        assert not row["profit"] or re.fullmatch(r"-?\d+", row["profit"])
        assert row["source"] == "Dữ liệu mẫu KTTT (demo)" and row["as_of"] == ""
        assert row["foreign_capital"] == ""


def test_areas_old_and_new_communes() -> None:
    whole = {
        row["old_commune_code"]: row["new_commune_code"]
        for row in read_csv("commune_mapping_2025.csv")
        if row["old_province_code"] == "20" and row["partly_merged"] == "0"
    }
    new = {row["code"] for row in read_csv("communes_2025.csv") if row["province_code"] == "20"}
    district = {row["code"]: row["district_code"] for row in read_csv("communes_before_2025.csv")}
    covered: set[str] = set()
    districts: Counter[str] = Counter()
    for org in package()["organizations"]:
        if day(org["established"]) >= REFORM:
            assert org["area"] in new
            commune = org["area"]
        else:
            assert org["area"] in whole
            commune = whole[org["area"]]
            districts[district[org["area"]]] += 1
        if active(org, 2025):
            covered.add(commune)
    assert covered == new
    assert len(districts) == 11
    assert districts["178"] > districts["189"] and districts["186"] > districts["181"]


def test_lifespan_and_completeness() -> None:
    by_code = orgs()
    seen: Counter[tuple[str, int]] = Counter()
    for row in package()["annual"]:
        org, year = by_code[row["code"]], int(row["year"])
        seen[(row["code"], year)] += 1
        assert 2003 <= year <= 2025
        assert year >= day(org["established"]).year
        assert not org["dissolved"] or year <= day(org["dissolved"]).year
    assert max(seen.values()) == 1
    for year in (2003, 2018, 2022, 2023, 2024):
        assert all((code, year) in seen for code, org in by_code.items() if active(org, year)), year
    missing = Counter(org["kind"] for code, org in by_code.items() if active(org, 2025) and (code, 2025) not in seen)
    assert 10 <= missing["HTX"] <= 20 and 15 <= missing["THT"] <= 25


def test_tht_2018_published_figures() -> None:
    assert count(("THT",), 2018) == 1810
    assert total(("THT",), 2018, "members") == 19510
    assert total(("THT",), 2003, "members") == 15133
    assert all(30 <= new_per_year(("THT",), year) <= 40 for year in range(2004, 2019))
    assert average(("THT",), 2018, "revenue") == 500 * MN
    assert 29.5 * MN <= income(("THT",), 2018) <= 30.5 * MN


def test_htx_2003_and_2018_published_figures() -> None:
    assert count(HTX_KINDS, 2018) == 220 and count(HTX_KINDS, 2003) == 92
    assert all(20 <= new_per_year(HTX_KINDS, year) <= 25 for year in range(2004, 2019))
    assert 273_500 * MN <= total(HTX_KINDS, 2018, "charter_capital") < 274_500 * MN
    assert total(HTX_KINDS, 2018, "members") == 3469 and total(HTX_KINDS, 2003, "members") == 3706
    assert total(HTX_KINDS, 2018, "workers") == 6056 and total(HTX_KINDS, 2003, "workers") == 4012
    assert average(HTX_KINDS, 2018, "revenue") == 900 * MN
    assert average(HTX_KINDS, 2003, "revenue") == 300 * MN
    assert 49.5 * MN <= income(HTX_KINDS, 2018) < 50.5 * MN
    assert 4.75 <= income(HTX_KINDS, 2018) / income(HTX_KINDS, 2003) < 5.25


def test_unions() -> None:
    assert count(("LHHTX",), 2018) == 2 and union_members(2018) == 13
    assert count(("LHHTX",), 2025) == 3
    links = package()["union_members"]
    assert any(link["left"] and day(link["left"]).year < 2018 for link in links)
    assert any(day(link["joined"]).year > 2018 for link in links if link["union_code"] != "LS-LH-03")
    by_code = orgs()
    for link in links:
        member, union = by_code[link["member_code"]], by_code[link["union_code"]]
        assert member["kind"] in HTX_KINDS and union["kind"] == "LHHTX"
        assert day(link["joined"]) >= max(day(member["established"]), day(union["established"]))
        end = day(link["left"]) if link["left"] else dt.date(2025, 12, 31)
        assert not member["dissolved"] or day(member["dissolved"]) > end
    for row in year_rows(("LHHTX",), 2018):
        linked = sum(
            1
            for link in links
            if link["union_code"] == row["code"]
            and day(link["joined"]) <= dt.date(2018, 12, 31)
            and (not link["left"] or day(link["left"]) > dt.date(2018, 12, 31))
        )
        assert int(row["members"]) == linked >= 4


def test_tht_after_decree_77() -> None:
    counts = {year: count(("THT",), year) for year in range(2018, 2026)}
    assert counts[2019] < counts[2018] and counts[2020] < counts[2019] and counts[2021] < counts[2020]
    assert (counts[2022], counts[2023], counts[2024]) == (226, 250, 310)
    assert 320 <= counts[2025] <= 340
    for year, members in ((2022, 2902), (2023, 4650), (2024, 3550)):
        assert abs(total(("THT",), year, "members") - members) <= members * 0.01
    for year, revenue in ((2022, 600), (2023, 600), (2024, 650)):
        assert abs(average(("THT",), year, "revenue") - revenue * MN) <= 10 * MN
        assert 30 * MN <= income(("THT",), year) <= 40 * MN


def test_htx_after_2018() -> None:
    assert all(40 <= new_per_year(HTX_KINDS, year) <= 60 for year in range(2019, 2026))
    assert count(HTX_KINDS, 2024) == 497
    assert 520 <= count(HTX_KINDS, 2025) <= 540
    assert total(HTX_KINDS, 2024, "members") == 6280
    assert total(HTX_KINDS, 2024, "workers") == 8556
    assert total(HTX_KINDS, 2024, "worker_members") == 5520
    assert total(HTX_KINDS, 2024, "charter_capital") == 1_106_000 * MN
    dissolved = Counter(
        day(org["dissolved"]).year for org in orgs().values() if org["kind"] == "HTX" and org["dissolved"]
    )
    assert all(dissolved[year] <= 15 for year in range(2019, 2026))


def test_htx_rows_respect_the_law_and_each_other() -> None:
    by_code = orgs()
    below_minimum = over_cap = 0
    for row in package()["annual"]:
        kind, year = by_code[row["code"]]["kind"], int(row["year"])
        if kind not in HTX_KINDS:
            continue
        members, workers, worker_members = (
            int(row["members"]),
            int(row["workers"]),
            int(row["worker_members"]),
        )
        below_minimum += members < (5 if year >= 2024 else 7)
        assert worker_members <= min(workers, members)
        assert 3 <= int(row["managers"]) <= 7 and int(row["managers_trained"]) <= int(row["managers"])
        charter = int(row["charter_capital"])
        over_cap += int(row["max_member_capital"]) > charter * (0.3 if year >= 2024 else 0.2)
        assert int(row["total_capital"]) >= charter
        assert not row["rating"] or year >= 2020
    assert below_minimum <= 3 and over_cap <= 3


def test_tht_and_union_rows() -> None:
    by_code = orgs()
    for row in package()["annual"]:
        kind, year = by_code[row["code"]]["kind"], int(row["year"])
        if kind == "THT":
            assert int(row["members"]) >= (3 if year <= 2018 else 2)
            assert int(row["worker_members"]) <= min(int(row["workers"]), int(row["members"]))
            assert row["rating"] == "" and row["charter_capital"] == ""
        if kind == "LHHTX":
            assert int(row["members"]) >= (3 if year >= 2024 else 4)
            assert int(row["max_member_capital"]) <= int(row["charter_capital"]) * 0.3


def test_ratings_and_training() -> None:
    for year in range(2020, 2026):
        ratings = Counter(row["rating"] for row in year_rows(HTX_KINDS, year) if row["rating"])
        assert set(ratings) <= {"tot", "kha", "trung-binh", "yeu"}
        share = (ratings["tot"] + ratings["kha"]) / sum(ratings.values())
        assert 0.5 <= share <= 0.75, year
    assert all(row["rating"] == "" for row in year_rows(HTX_KINDS, 2019))
    trained = {
        year: total(HTX_KINDS, year, "managers_trained") / total(HTX_KINDS, year, "managers") for year in (2010, 2025)
    }
    assert 0.2 <= trained[2010] <= 0.4 and 0.5 <= trained[2025] <= 0.7


def test_statuses() -> None:
    rows = package().get("statuses", [])
    by_code = orgs()
    episodes: dict[str, list[Row]] = {}
    for row in rows:
        assert row["status"] in {"tam-ngung", "hoat-dong"}
        episodes.setdefault(row["code"], []).append(row)
    assert len(episodes) >= 5
    for code, events in episodes.items():
        assert [event["status"] for event in events] == ["tam-ngung", "hoat-dong"]
        start, end = day(events[0]["date"]), day(events[1]["date"])
        assert by_code[code]["kind"] in HTX_KINDS
        assert day(by_code[code]["established"]) < start < end <= start + dt.timedelta(days=366)
        assert not by_code[code]["dissolved"] or end < day(by_code[code]["dissolved"])


def test_dissolution_edges() -> None:
    dates = [day(org["dissolved"]) for org in orgs().values() if org["dissolved"]]
    assert any((d.month, d.day) == (1, 1) for d in dates)
    assert any((d.month, d.day) == (12, 31) for d in dates)


@pytest.mark.parametrize("year", [2010, 2015, 2020, 2021])
def test_interpolated_years_are_smooth(year: int) -> None:
    for kinds in (HTX_KINDS, ("THT",)):
        ratio = average(kinds, year, "revenue") / average(kinds, year - 1, "revenue")
        assert 0.9 <= ratio <= 1.3, (kinds, year)
