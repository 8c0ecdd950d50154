"""Open data (/du-lieu-mo/): the indicators are those figures_by_group computes for the same data, the
column names stay as published, CSV and JSON parse, the registry holds public fields only, bad parameters
give 400, anyone may download, and the number of queries does not grow with the data."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Any

import pytest
from django.http import StreamingHttpResponse
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from kttt.areas.models import AdminUnit
from kttt.indicators.figures import Figures
from kttt.indicators.open_data import figures_row
from kttt.indicators.queries import Scope, figures_by_group
from tests.conftest import Loader, lang_son

INDICATOR_COLUMNS = [
    "year", "province_code", "province_name", "area_level", "area_code", "area_name", "kind", "kind_name",
    "active", "new", "dissolved", "reporting", "missing", "members", "associate_members", "workers",
    "worker_members", "charter_capital", "total_capital", "revenue", "profit", "managers", "managers_trained",
    "avg_revenue", "avg_profit", "avg_income",
]  # fmt: skip
DIRECTORY_COLUMNS = [
    "code", "name", "kind", "kind_name", "sector", "sector_name", "established", "province_code",
    "province_name", "area_code", "area_name",
]  # fmt: skip


def org(code: str, established: str, **extra: str) -> dict[str, str]:
    return {"code": code, "established": established, **extra}


def report(code: str, year: int, **figures: int) -> dict[str, str]:
    return {"code": code, "year": str(year), **{k: str(v) for k, v in figures.items()}}


ORGS = [
    org("H1", "2001-03-01", area="Huyện Hữu Lũng", name='=HYPERLINK("x")'),
    org("H2", "2010-01-01", area="Tân Thành, Hữu Lũng", sector="van-tai"),
    org("H3", "2015-06-01", area="Huyện Cao Lộc", sector="xay-dung"),
    org("H4", "2002-01-01", area="Huyện Cao Lộc", dissolved="2017-05-01"),
    org("H5", "2017-01-01"),  # no area recorded
    org("Q1", "2000-01-01", kind="QTDND", sector="tin-dung", area="Huyện Lộc Bình"),
    org("T1", "2003-01-01", kind="THT", area="Huyện Hữu Lũng"),
    org("HN", "2005-01-01", province="1"),  # another province
]
ANNUAL = [
    report("H1", 2016, members=40, workers=10, charter_capital=300_000_000, revenue=200_000_000, avg_income=9_000_000),
    report("H4", 2016, members=60, workers=20, revenue=100_000_000, profit=-5_000_000),
    report("H1", 2017, members=45, workers=11, revenue=250_000_000, avg_income=10_000_000),
    report("H2", 2017, members=30, workers=8, revenue=300_000_000, avg_income=40_000_000, profit=7_000_000),
    report("H5", 2017, members=9),
    report("Q1", 2017, members=700, workers=6, charter_capital=4_000_000_000),
    report("T1", 2018, members=14, workers=2),
    report("HN", 2017, members=999, workers=99),
]


@pytest.fixture
def sample(load: Loader) -> None:
    load(organizations=ORGS, annual=ANNUAL)


def download(client: Client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200
    assert isinstance(response, StreamingHttpResponse)
    return b"".join(response.streaming_content).decode("utf-8")


def csv_rows(text: str) -> list[dict[str, str]]:
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


def expected_rows(year: int, scope: Scope) -> dict[tuple[str, str, str], dict[str, Any]]:
    """figures_by_group's figures of a year by (kind, area code, area name), as the rows write them."""
    by_key = figures_by_group(year, "area", scope)
    units = {str(u.pk): (u.code, u.name) for u in AdminUnit.objects.filter(pk__in=[g for _, g in by_key if g])}
    result = {}
    for (kind, group), figures in by_key.items():
        code, name = units.get(group, ("", ""))
        row = figures_row(figures)
        if any(row.values()):  # groups whose organisations have all gone before the year
            result[(kind, code, name)] = row
    return result


def as_text(row: dict[str, Any]) -> dict[str, str]:
    return {k: "" if v is None else str(v) for k, v in row.items()}


def test_indicators_are_figures_by_group_of_every_year(client: Client, sample: None) -> None:
    rows = csv_rows(download(client, "/du-lieu-mo/chi-tieu.csv?province=20&from=2015&to=2018"))
    assert list(rows[0]) == INDICATOR_COLUMNS
    assert {row["year"] for row in rows} == {"2015", "2016", "2017", "2018"}
    for year in (2015, 2016, 2017, 2018):
        expected = {key: as_text(row) for key, row in expected_rows(year, Scope(lang_son())).items()}
        got = {
            (r["kind"], r["area_code"], r["area_name"]): {k: r[k] for k in figures_row(Figures())}
            for r in rows
            if r["year"] == str(year) and any(r[k] not in ("", "0") for k in figures_row(Figures()))
        }
        assert got == expected, year
    assert {(r["province_code"], r["province_name"], r["area_level"]) for r in rows} == {
        ("20", "Tỉnh Lạng Sơn", "huyen")
    }
    assert "HN" not in str(rows) and not any(r["members"] == "999" for r in rows)
    assert {r["kind"] for r in rows} == {"HTX", "THT"}  # people's credit funds counted as HTX by default
    profit = next(r for r in rows if r["year"] == "2016" and r["area_name"] == "Huyện Cao Lộc")
    assert profit["profit"] == "-5000000"  # a negative number is not mistaken for a formula


def test_from_2025_areas_are_the_new_communes(client: Client, load: Loader) -> None:
    load(
        organizations=[org("OLD", "2010-01-01", area="Huyện Cao Lộc"), org("NEW", "2025-09-01", area="Phường Kỳ Lừa")],
        annual=[report("NEW", 2025, members=11), report("OLD", 2024, members=5), report("OLD", 2025, members=6)],
    )
    rows = csv_rows(download(client, "/du-lieu-mo/chi-tieu.csv?from=2024&to=2025"))
    before = [r for r in rows if r["year"] == "2024"]
    after = [r for r in rows if r["year"] == "2025"]
    assert {(r["area_level"], r["area_name"], r["members"]) for r in before} == {("huyen", "Huyện Cao Lộc", "5")}
    assert {r["area_level"] for r in after} == {"xa"} and "Phường Kỳ Lừa" in {r["area_name"] for r in after}
    scope = Scope(lang_son(dt.date(2025, 12, 31)))
    expected = {key: as_text(row) for key, row in expected_rows(2025, scope).items()}
    assert {
        (r["kind"], r["area_code"], r["area_name"]): {k: r[k] for k in figures_row(Figures())} for r in after
    } == expected


def test_json_holds_the_same_rows_with_metadata(client: Client, sample: None) -> None:
    query = "?from=2016&to=2017"
    data = json.loads(download(client, f"/du-lieu-mo/chi-tieu.json{query}"))
    rows = csv_rows(download(client, f"/du-lieu-mo/chi-tieu.csv{query}"))
    assert [as_text(row) for row in data["rows"]] == [{k: v.removeprefix("'") for k, v in r.items()} for r in rows]
    assert [c["name"] for c in data["columns"]] == INDICATOR_COLUMNS
    assert all(c["description"] and c["type"] in {"integer", "number", "string"} for c in data["columns"])
    assert "CC BY 4.0" in data["licence"] and data["source"] and data["generated_at"]
    assert data["parameters"] == {"province": "20", "from": 2016, "to": 2017}
    assert isinstance(data["rows"][0]["active"], int) and isinstance(data["rows"][0]["year"], int)


def test_the_registry_holds_public_fields_of_operating_organisations_only(client: Client, sample: None) -> None:
    rows = csv_rows(download(client, "/du-lieu-mo/danh-ba.csv"))
    assert list(rows[0]) == DIRECTORY_COLUMNS
    assert [r["code"] for r in rows] == ["H1", "H2", "H3", "H5", "Q1", "T1"]  # not dissolved H4, not Hà Nội
    h1 = rows[0]
    assert h1["name"] == '\'=HYPERLINK("x")'  # formula-injection-safe
    assert h1["established"] == "2001-03-01" and h1["area_name"] == "Huyện Hữu Lũng" and h1["province_code"] == "20"
    assert h1["kind_name"] == "Hợp tác xã"
    data = json.loads(download(client, "/du-lieu-mo/danh-ba.json"))
    assert data["rows"][0]["name"] == '=HYPERLINK("x")'  # JSON is not a spreadsheet: the value as it is
    assert [c["name"] for c in data["columns"]] == DIRECTORY_COLUMNS
    assert all(set(row) == set(DIRECTORY_COLUMNS) for row in data["rows"])
    other = csv_rows(download(client, "/du-lieu-mo/danh-ba.csv?province=1"))
    assert [r["code"] for r in other] == ["HN"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("province=99", "Không có tỉnh, thành phố mã “99”."),
        ("from=abc", "“abc” không phải là một năm"),
        ("to=20155", "(tham số “to”)"),
        ("from=1800", "không phải là một năm từ 1990"),
        ("from=2018&to=2010", "Năm đầu (2018) sau năm cuối (2010)."),
    ],
)
def test_bad_parameters_give_400_with_a_message(client: Client, db: None, query: str, message: str) -> None:
    for dataset in ("chi-tieu", "danh-ba"):
        response = client.get(f"/du-lieu-mo/{dataset}.csv?{query}")
        assert response.status_code == 400
        assert message in response.content.decode()


@pytest.mark.parametrize("path", ["/du-lieu-mo/chi-tieu.xml", "/du-lieu-mo/bao-cao.csv", "/du-lieu-mo/chi-tieu"])
def test_unknown_datasets_and_formats_are_not_found(client: Client, db: None, path: str) -> None:
    assert client.get(path).status_code == 404


def test_the_data_dictionary_lists_every_column_and_the_licence(client: Client, db: None) -> None:
    response = client.get("/du-lieu-mo/")
    assert response.status_code == 200  # anonymous
    body = response.content.decode()
    assert "Dữ liệu mở" in body and "Giấy phép" in body and "CC BY 4.0" in body
    for name in [*INDICATOR_COLUMNS, *DIRECTORY_COLUMNS]:
        assert f"<code>{name}</code>" in body
    for link in (
        "/du-lieu-mo/chi-tieu.csv",
        "/du-lieu-mo/chi-tieu.json",
        "/du-lieu-mo/danh-ba.csv",
        "/du-lieu-mo/danh-ba.json",
    ):
        assert f'href="{link}"' in body
    assert "Tổng số thành viên chính thức" in body and "đồng/người/năm" in body


def test_the_public_dashboard_links_to_open_data(client: Client, sample: None) -> None:
    assert 'href="/du-lieu-mo/"' in client.get("/cong-khai/").content.decode()


def test_the_licence_comes_from_the_settings(client: Client, db: None, settings: Any) -> None:
    settings.KTTT_OPEN_DATA_LICENCE = "Giấy phép thử"
    assert "Giấy phép thử" in client.get("/du-lieu-mo/").content.decode()
    assert json.loads(download(client, "/du-lieu-mo/danh-ba.json"))["licence"] == "Giấy phép thử"


@pytest.mark.parametrize(("query", "queries"), [("from=2015&to=2018", 3), ("from=2024&to=2025", 4), ("", 4)])
def test_queries_do_not_grow_with_the_data(
    client: Client, load: Loader, django_assert_num_queries: DjangoAssertNumQueries, query: str, queries: int
) -> None:
    for size in (1, 30):
        codes = [f"S{size}-{n}" for n in range(size)]
        load(
            organizations=[
                org(code, "2010-01-01", area="Huyện Cao Lộc" if n % 2 else "Huyện Lộc Bình")
                for n, code in enumerate(codes)
            ],
            annual=[report(code, year, members=3) for code in codes for year in (2015, 2017, 2024)],
        )
        with django_assert_num_queries(queries):
            download(client, f"/du-lieu-mo/chi-tieu.csv?{query}")
        with django_assert_num_queries(2):  # the province, the organisations
            download(client, "/du-lieu-mo/danh-ba.json")
