"""Indicator semantics at the end of a year (issue 2, deliverable 8).

Active at the end of Y: established ≤ 31/12/Y and not dissolved on or before 31/12/Y. Sums are over
the year-Y figures of active organisations; averages count only organisations that reported the
figure; income per worker is weighted by workers; union members are distinct member HTX on 31/12/Y.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pytest_django import DjangoAssertNumQueries, Settings

from kttt.areas.models import AdminUnit
from kttt.indicators.figures import Figures
from kttt.indicators.queries import Grouping, figures_by_group, snapshot
from kttt.registry.models import Organisation
from tests.conftest import Loader, lang_son

D = dt.date


def totals(year: int, kind: str = "HTX", province: AdminUnit | None = None) -> Figures:
    return snapshot(year, province=province).kind(kind).total.year


def org(code: str, established: str, **extra: str) -> dict[str, str]:
    return {"code": code, "established": established, **extra}


def test_an_organisation_dissolved_on_31_december_is_not_active_but_counts_as_dissolved(load: Loader) -> None:
    load(
        organizations=[
            org("GONE", "2010-01-01", dissolved="2018-12-31"),
            org("STAY", "2010-01-01"),
        ],
        annual=[
            {"code": "GONE", "year": "2018", "members": "100", "workers": "50", "revenue": "1000"},
            {"code": "STAY", "year": "2018", "members": "10", "workers": "5", "revenue": "300"},
        ],
    )
    y2018 = totals(2018)
    assert (y2018.active, y2018.new, y2018.dissolved) == (1, 0, 1)
    # The sums are those of the organisations active at the end of the year.
    assert (y2018.members, y2018.workers, y2018.revenue) == (10, 5, 300)
    assert y2018.missing == 0
    y2017 = totals(2017)
    assert (y2017.active, y2017.dissolved) == (2, 0)
    y2019 = totals(2019)
    assert (y2019.active, y2019.dissolved) == (1, 0)


def test_an_organisation_dissolved_on_30_december_or_1_january(load: Loader) -> None:
    load(
        organizations=[
            org("DEC30", "2010-01-01", dissolved="2018-12-30"),
            org("JAN1", "2010-01-01", dissolved="2019-01-01"),
        ]
    )
    y2018 = totals(2018)
    assert (y2018.active, y2018.dissolved) == (1, 1)  # JAN1 still active on 31/12/2018
    y2019 = totals(2019)
    assert (y2019.active, y2019.dissolved) == (0, 1)


def test_an_organisation_established_on_1_january_is_new_and_active(load: Loader) -> None:
    load(organizations=[org("JAN", "2018-01-01"), org("OLD", "2017-12-31")])
    y2018 = totals(2018)
    assert (y2018.active, y2018.new) == (2, 1)
    y2017 = totals(2017)
    assert (y2017.active, y2017.new) == (1, 1)  # only OLD, established on the last day of 2017


def test_an_organisation_established_on_31_december_is_active_that_year(load: Loader) -> None:
    load(
        organizations=[org("LATE", "2018-12-31")],
        annual=[{"code": "LATE", "year": "2018", "members": "7"}],
    )
    y2018 = totals(2018)
    assert (y2018.active, y2018.new, y2018.members) == (1, 1, 7)
    assert totals(2017).active == 0


def test_an_organisation_born_and_dissolved_in_the_same_year(load: Loader) -> None:
    load(organizations=[org("SHORT", "2018-02-01", dissolved="2018-11-30")])
    y2018 = totals(2018)
    assert (y2018.active, y2018.new, y2018.dissolved) == (0, 1, 1)


def test_an_active_organisation_without_figures_counts_as_active_and_missing(load: Loader) -> None:
    load(
        organizations=[org("A", "2010-01-01"), org("B", "2010-01-01"), org("C", "2010-01-01")],
        annual=[
            {"code": "A", "year": "2018", "members": "10", "workers": "4", "charter_capital": "1000"},
            {"code": "B", "year": "2017", "members": "99", "workers": "99", "charter_capital": "9999"},
        ],
    )
    y2018 = totals(2018)
    assert y2018.active == 3
    assert y2018.missing == 2  # B reported only for 2017, C never
    assert y2018.reporting == 1
    assert (y2018.members, y2018.workers, y2018.charter_capital) == (10, 4, 1000)


def test_no_figures_at_all_leave_the_sums_unknown(load: Loader) -> None:
    load(organizations=[org("A", "2010-01-01")])
    y2018 = totals(2018)
    assert (y2018.active, y2018.missing) == (1, 1)
    assert y2018.members is None
    assert y2018.revenue is None
    assert y2018.avg_revenue is None
    assert y2018.avg_income is None


def test_a_blank_revenue_is_left_out_of_the_average_revenue(load: Loader) -> None:
    load(
        organizations=[org(c, "2010-01-01") for c in "ABCD"],
        annual=[
            {"code": "A", "year": "2018", "revenue": "900000000"},
            {"code": "B", "year": "2018", "revenue": ""},
            {"code": "C", "year": "2018", "revenue": "300000000"},
            {"code": "D", "year": "2018", "revenue": "0"},
        ],
    )
    y2018 = totals(2018)
    assert y2018.revenue == 1_200_000_000
    # A, C and D reported revenue (D reported zero, which is a figure); B is unknown.
    assert y2018.avg_revenue == pytest.approx(400_000_000)
    assert y2018.active == 4


def test_income_per_worker_is_weighted_by_workers(load: Loader) -> None:
    load(
        organizations=[org(c, "2010-01-01") for c in "ABCDE"],
        annual=[
            {"code": "A", "year": "2018", "avg_income": "50000000", "workers": "10"},
            {"code": "B", "year": "2018", "avg_income": "30000000", "workers": "30"},
            {"code": "C", "year": "2018", "avg_income": "90000000", "workers": ""},
            {"code": "D", "year": "2018", "avg_income": "", "workers": "100"},
        ],
    )
    y2018 = totals(2018)
    # (50 mn × 10 + 30 mn × 30) ÷ (10 + 30); C and D each lack one of the two figures.
    assert y2018.avg_income == pytest.approx(35_000_000)
    assert y2018.workers == 140  # D's workers still count in the sum of workers


UNION_ORGS = [
    org("LH-1", "2010-01-01", kind="LHHTX"),
    org("LH-2", "2010-01-01", kind="LHHTX"),
    *(org(f"M{i}", "2010-01-01") for i in range(1, 8)),
    org("M-GONE", "2010-01-01", dissolved="2018-10-01"),
]
UNION_LINKS = [
    {"union_code": "LH-1", "member_code": "M1", "joined": "2015-01-01", "left": ""},
    {"union_code": "LH-1", "member_code": "M2", "joined": "2015-01-01", "left": "2018-06-30"},
    {"union_code": "LH-1", "member_code": "M3", "joined": "2015-01-01", "left": "2018-12-31"},
    {"union_code": "LH-1", "member_code": "M4", "joined": "2015-01-01", "left": ""},
    {"union_code": "LH-2", "member_code": "M4", "joined": "2016-01-01", "left": ""},
    {"union_code": "LH-2", "member_code": "M5", "joined": "2018-12-31", "left": ""},
    {"union_code": "LH-2", "member_code": "M6", "joined": "2019-01-01", "left": ""},
    {"union_code": "LH-2", "member_code": "M7", "joined": "2015-01-01", "left": "2019-01-01"},
    {"union_code": "LH-2", "member_code": "M-GONE", "joined": "2015-01-01", "left": ""},
]


def test_union_members_are_the_distinct_member_htx_linked_on_31_december(load: Loader) -> None:
    load(organizations=UNION_ORGS, union_members=UNION_LINKS)
    unions = totals(2018, "LHHTX")
    assert unions.active == 2
    # M1, M4 (in both unions, counted once), M5 (joined on 31/12), M7 (leaves on 1/1/2019).
    # Not M2 (left 30/6), M3 (left on 31/12: not a member from that day), M6 (joins in 2019),
    # M-GONE (dissolved in 2018).
    assert unions.union_members == 4
    assert totals(2017, "LHHTX").union_members == 6  # M1, M2, M3, M4, M7, M-GONE
    assert totals(2019, "LHHTX").union_members == 4  # M1, M4, M5, M6
    # Member HTX are HTX: they are counted among the HTX, not among the unions.
    assert totals(2018, "HTX").active == 7


def test_union_members_per_union_area_count_each_member_once_per_group(load: Loader) -> None:
    load(
        organizations=[
            org("LH-1", "2010-01-01", kind="LHHTX", area="Huyện Hữu Lũng"),
            org("LH-2", "2010-01-01", kind="LHHTX", area="Huyện Cao Lộc"),
            org("M1", "2010-01-01"),
            org("M2", "2010-01-01"),
        ],
        union_members=[
            {"union_code": "LH-1", "member_code": "M1", "joined": "2015-01-01"},
            {"union_code": "LH-1", "member_code": "M2", "joined": "2015-01-01"},
            {"union_code": "LH-2", "member_code": "M1", "joined": "2015-01-01"},
        ],
    )
    groups = {row.label: row.year.union_members for row in snapshot(2018, by="area").kind("LHHTX").groups}
    assert groups == {"Huyện Hữu Lũng": 2, "Huyện Cao Lộc": 1}
    assert totals(2018, "LHHTX").union_members == 2


QTDND_ORGS = [
    org("H1", "2010-01-01"),
    org("H2", "2010-01-01"),
    org("Q1", "2010-01-01", kind="QTDND", sector="tin-dung"),
]
QTDND_ANNUAL = [
    {"code": "H1", "year": "2018", "members": "10"},
    {"code": "H2", "year": "2018", "members": "20"},
    {"code": "Q1", "year": "2018", "members": "500"},
]


def test_a_credit_fund_counts_as_an_htx_when_configured(load: Loader, settings: Settings) -> None:
    settings.KTTT_COUNT_QTDND_AS_HTX = True
    load(organizations=QTDND_ORGS, annual=QTDND_ANNUAL)
    snap = snapshot(2018)
    assert [block.kind for block in snap.kinds if block.kind == "QTDND"] == []
    htx = snap.kind("HTX").total.year
    assert (htx.active, htx.members) == (3, 530)


def test_a_credit_fund_is_counted_apart_when_configured(load: Loader, settings: Settings) -> None:
    settings.KTTT_COUNT_QTDND_AS_HTX = False
    load(organizations=QTDND_ORGS, annual=QTDND_ANNUAL)
    snap = snapshot(2018)
    htx = snap.kind("HTX").total.year
    assert (htx.active, htx.members) == (2, 30)
    fund = snap.kind("QTDND").total.year
    assert (fund.active, fund.members) == (1, 500)


def test_a_credit_fund_member_of_a_union_counts_when_funds_count_as_htx(load: Loader, settings: Settings) -> None:
    settings.KTTT_COUNT_QTDND_AS_HTX = True
    load(
        organizations=[*QTDND_ORGS, org("LH", "2010-01-01", kind="LHHTX")],
        union_members=[
            {"union_code": "LH", "member_code": "Q1", "joined": "2015-01-01"},
            {"union_code": "LH", "member_code": "H1", "joined": "2015-01-01"},
        ],
    )
    assert totals(2018, "LHHTX").union_members == 2


def test_the_comparison_with_a_baseline_gives_difference_and_ratio(load: Loader) -> None:
    load(
        organizations=[
            org("A", "2001-01-01"),
            org("B", "2002-06-01"),
            org("C", "2010-01-01"),
            org("D", "2015-01-01"),
            org("E", "2018-03-01"),
        ],
        annual=[
            {"code": "A", "year": "2003", "members": "40", "revenue": "200000000"},
            {"code": "B", "year": "2003", "members": "60", "revenue": "100000000"},
            {"code": "A", "year": "2018", "members": "50", "revenue": "900000000"},
            {"code": "C", "year": "2018", "members": "30", "revenue": "300000000"},
            {"code": "D", "year": "2018", "members": "20", "revenue": "600000000"},
        ],
    )
    row = snapshot(2018, baseline=2003).kind("HTX").total
    assert row.baseline is not None and row.change is not None
    assert (row.year.active, row.baseline.active) == (5, 2)
    assert row.change["active"].difference == 3
    assert row.change["active"].ratio == pytest.approx(2.5)
    assert (row.year.members, row.baseline.members) == (100, 100)
    assert row.change["members"].difference == 0
    assert row.change["members"].ratio == pytest.approx(1.0)
    # Average revenue: 1.8 bn ÷ 3 reporting = 600 mn in 2018; 300 mn ÷ 2 = 150 mn in 2003.
    assert row.year.avg_revenue == pytest.approx(600_000_000)
    assert row.baseline.avg_revenue == pytest.approx(150_000_000)
    assert row.change["avg_revenue"].difference == pytest.approx(450_000_000)
    assert row.change["avg_revenue"].ratio == pytest.approx(4.0)
    assert row.change["new"].difference == 1 - 0
    assert (row.year.missing, row.baseline.missing) == (2, 0)


def test_a_comparison_with_an_unknown_figure_has_no_difference(load: Loader) -> None:
    load(organizations=[org("A", "2001-01-01")], annual=[{"code": "A", "year": "2018", "members": "9"}])
    row = snapshot(2018, baseline=2003).kind("HTX").total
    assert row.change is not None
    assert row.change["members"].difference is None
    assert row.change["members"].ratio is None
    assert row.change["active"].difference == 0


def test_no_baseline_means_no_comparison(load: Loader) -> None:
    load(organizations=[org("A", "2001-01-01")])
    row = snapshot(2018).kind("HTX").total
    assert row.baseline is None
    assert row.change is None


@pytest.mark.parametrize("year", [2018, 2025])
def test_a_province_scope_leaves_out_other_provinces(load: Loader, year: int) -> None:
    load(
        organizations=[
            org("LS-1", "2010-01-01"),
            org("LS-2", "2010-01-01", area="6628"),
            org("HN-1", "2010-01-01", province="1"),
            org("HN-2", "2010-01-01", province="Thành phố Hà Nội"),
        ],
        annual=[
            {"code": "LS-1", "year": str(year), "members": "10"},
            {"code": "HN-1", "year": str(year), "members": "1000"},
        ],
    )
    scoped = totals(year, province=lang_son(D(year, 12, 31)))
    assert (scoped.active, scoped.members, scoped.missing) == (2, 10, 1)
    everywhere = totals(year)
    assert (everywhere.active, everywhere.members) == (4, 1010)


def test_a_province_scope_uses_the_province_of_either_scheme(load: Loader) -> None:
    load(organizations=[org("LS-1", "2010-01-01"), org("LS-NEW", "2025-09-01", area="Phường Kỳ Lừa")])
    for day in (D(2018, 12, 31), D(2025, 12, 31)):
        # The province of 2025 asked about 2018, and the other way round.
        assert totals(2018, province=lang_son(day)).active == 1
        assert totals(2025, province=lang_son(day)).active == 2


def test_figures_by_group_keys_by_kind_and_group(load: Loader) -> None:
    load(
        organizations=[
            org("A", "2010-01-01", sector="nong-nghiep"),
            org("B", "2010-01-01", sector="van-tai"),
            org("C", "2010-01-01", sector="van-tai"),
            org("T", "2010-01-01", kind="THT", sector="van-tai"),
        ],
        annual=[
            {"code": "B", "year": "2018", "members": "8"},
            {"code": "C", "year": "2018", "members": "9"},
            {"code": "T", "year": "2018", "members": "3"},
        ],
    )
    groups = figures_by_group(2018, "sector", None)
    assert groups[("HTX", "nong-nghiep")].active == 1
    assert groups[("HTX", "nong-nghiep")].missing == 1
    assert groups[("HTX", "van-tai")].active == 2
    assert groups[("HTX", "van-tai")].members == 17
    assert groups[("THT", "van-tai")].members == 3
    by_kind = figures_by_group(2018, "kind", None)
    assert by_kind[("HTX", "")].active == 3


def make_orgs(load: Loader, prefix: str, n: int) -> None:
    areas = ["Tân Thành, Hữu Lũng", "6628", "Huyện Cao Lộc", ""]
    load(
        organizations=[
            org(f"{prefix}{i}", f"{2005 + i % 15}-01-01", area=areas[i % 4], kind=["HTX", "THT"][i % 2])
            for i in range(n)
        ]
        + [org(f"{prefix}LH", "2010-01-01", kind="LHHTX")],
        annual=[
            {"code": f"{prefix}{i}", "year": str(year), "members": str(7 + i), "workers": str(i)}
            for i in range(n)
            for year in (2003, 2018)
            if 2005 + i % 15 <= year
        ],
        union_members=[
            {"union_code": f"{prefix}LH", "member_code": f"{prefix}{i}", "joined": "2016-01-01"}
            for i in range(0, n, 2)
            if i % 15 <= 10
        ],
    )


GROUPINGS: list[Grouping] = ["kind", "sector", "area", "former-district", "province"]


def test_the_number_of_queries_does_not_grow_with_the_organisations(
    load: Loader, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    province = lang_son(D(2018, 12, 31))
    make_orgs(load, "S", 4)
    few: dict[str, int] = {}
    for by in GROUPINGS:
        with CaptureQueriesContext(connection) as captured:
            snapshot(2018, baseline=2003, by=by, province=province)
        few[by] = len(captured.captured_queries)
    make_orgs(load, "L", 60)
    assert Organisation.objects.count() == 66
    for by in GROUPINGS:
        with django_assert_max_num_queries(few[by]):
            snap = snapshot(2018, baseline=2003, by=by, province=province)
        assert snap.kind("HTX").total.year.active == 30  # 2 + 30 HTX, less the two established in 2019


def test_a_suspended_organisation_is_active_and_a_revoked_one_dissolved(load: Loader) -> None:
    load(
        organizations=[org("PAUSED", "2010-01-01"), org("REVOKED", "2010-01-01"), org("OK", "2010-01-01")],
        statuses=[
            {"code": "PAUSED", "date": "2018-03-01", "status": "tam-ngung"},
            {"code": "REVOKED", "date": "2018-09-01", "status": "thu-hoi"},
        ],
    )
    y2018 = totals(2018)
    assert (y2018.active, y2018.dissolved) == (2, 1)


def test_a_revocation_later_annulled_never_ended_the_organisation(load: Loader) -> None:
    # docs/data-package.md: a dissolved HTX cannot come back (a new one is registered), so a later
    # "hoat-dong" after a revocation means the revocation was annulled: it existed throughout.
    load(
        organizations=[org("BACK", "2010-01-01"), org("OK", "2010-01-01")],
        statuses=[
            {"code": "BACK", "date": "2018-05-01", "status": "thu-hoi"},
            {"code": "BACK", "date": "2019-03-01", "status": "hoat-dong"},
        ],
    )
    assert Organisation.objects.get(code="BACK").dissolved is None
    for year in (2017, 2018, 2019):
        assert (totals(year).active, totals(year).dissolved) == (2, 0), year


def test_a_revocation_not_annulled_ends_the_organisation(load: Loader) -> None:
    load(
        organizations=[org("GONE", "2010-01-01"), org("OK", "2010-01-01")],
        statuses=[{"code": "GONE", "date": "2018-05-01", "status": "thu-hoi"}],
    )
    y2018 = totals(2018)
    assert (y2018.active, y2018.dissolved) == (1, 1)


def test_a_ratio_against_a_zero_baseline_is_null(load: Loader) -> None:
    load(organizations=[org("A", "2010-01-01", kind="THT")])
    row = snapshot(2018, baseline=2003).kind("THT").total
    assert row.change is not None
    assert row.change["active"].difference == 1
    assert row.change["active"].ratio is None
