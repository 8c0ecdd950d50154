"""Effective models (issue 4, deliverable 5): ranks with ties, percentiles, composite, peer groups, shortlist.

Ranks are competition ranks ("1, 2, 2, 4"), largest first, over the HTX that reported the figure; an HTX
without the figure is unranked on it and listed last. The percentile of a value is the percent of
reporting peers strictly below it plus half of those equal to it (itself included).
"""

from __future__ import annotations

import pytest
from pytest_django import DjangoAssertNumQueries, Settings

from kttt.indicators.queries import Scope
from kttt.ranking.queries import PeerRow, peers
from kttt.ranking.rank import competition_ranks, composite, percentile, rank_peers, rank_rows
from kttt.ranking.shortlist import NotAPeer, peer_benchmark, shortlist
from kttt.registry.models import Organisation
from tests.conftest import Loader, lang_son

HUU_LUNG = "Tân Thành, Hữu Lũng"
M = 1_000_000  # đồng


def htx(code: str, **extra: str) -> dict[str, str]:
    return {"code": code, "established": "2015-01-01", **extra}


def figures(code: str, year: int = 2024, **values: object) -> dict[str, str]:
    return {"code": code, "year": str(year), **{k: str(v) for k, v in values.items()}}


def row(code: str, revenue: int | None = None, profit: int | None = None, income: int | None = None,
        growth: float | None = None, rating: int | None = None) -> PeerRow:  # fmt: skip
    return PeerRow(0, code, code, revenue, profit, income, growth, rating)


# ---- ranks, percentiles and the composite (no database) ----


def test_ties_share_the_best_rank_and_the_next_rank_skips() -> None:
    assert competition_ranks([10, 20, 20, 5]) == [3, 1, 1, 4]
    assert competition_ranks([7, 7, 7]) == [1, 1, 1]


def test_a_missing_value_has_no_rank() -> None:
    assert competition_ranks([None, 3, None, 9]) == [None, 2, None, 1]
    assert competition_ranks([None]) == [None]


@pytest.mark.parametrize(
    ("value", "values", "expected"),
    [
        (1, [1, 2, 3, 4], 12.5),
        (4, [1, 2, 3, 4], 87.5),
        (5, [5], 50.0),  # alone in its group
        (2, [1, 2, 2, 3], 50.0),  # one below, two tied: (1 + 2/2) / 4
        (3, [3, 3, 3, 3], 50.0),
        (3, [1, 2, 2, 3, None], 87.5),  # peers without the figure do not count
        (-5, [-5, 0, 10], 100 / 6),
        (None, [1, 2], None),
        (1, [None, None], None),
    ],
)
def test_percentile_counts_peers_below_and_half_of_ties(
    value: float | None, values: list[float | None], expected: float | None
) -> None:
    assert percentile(value, values) == (pytest.approx(expected) if expected is not None else None)


def test_the_composite_needs_three_figures() -> None:
    assert composite({"a": 10.0, "b": 20.0, "c": None, "d": None, "e": None}) is None
    assert composite({"a": 10.0, "b": 20.0, "c": 60.0, "d": None, "e": None}) == pytest.approx(30.0)
    assert composite(dict.fromkeys("abcde", 50.0)) == pytest.approx(50.0)


def test_htx_with_too_few_figures_are_listed_last_without_an_overall_rank() -> None:
    rows = [
        row("A", 100, 10, 50, 5.0, 4),
        row("B", 100, 10, 50, 5.0, 4),  # tied with A on everything
        row("C", 50, 5, 40, 0.0, 2),
        row("D", 999, 99),  # only two figures: unranked overall, though best on both
    ]
    ranking = rank_rows(2024, "nong-nghiep", Scope(), rows)
    assert [(s.row.code, s.rank) for s in ranking.standings] == [("A", 1), ("B", 1), ("C", 3), ("D", None)]
    d = ranking.standings[-1]
    assert d.ranks["revenue"] == 1 and d.ranks["rating"] is None and d.composite is None
    assert ranking.reporting == {"revenue": 4, "profit": 4, "avg_income": 3, "member_growth": 3, "rating": 3}
    assert ranking.ranked == 3


# ---- peer groups from the database ----


@pytest.fixture
def group(load: Loader) -> None:
    """Six agricultural HTX in Hữu Lũng with figures for 2023 and 2024."""
    load(
        organizations=[htx(f"H{i}", area=HUU_LUNG) for i in range(1, 7)],
        annual=[
            figures("H1", 2023, members=100),
            figures("H1", revenue=2400 * M, profit=300 * M, avg_income=62 * M, members=112, rating="tot"),
            figures("H2", 2023, members=50),
            figures("H2", revenue=3000 * M, profit=200 * M, avg_income=60 * M, members=50, rating="trung-binh"),
            figures("H3", 2023, members=40),
            figures("H3", revenue=1000 * M, profit=-10 * M, avg_income=70 * M, members=44, rating="kha"),
            figures("H4", 2023, members=30),
            figures("H4", revenue=900 * M, profit=50 * M, avg_income=40 * M, members=33, rating="kha"),
            figures("H5", 2023, members=30),
            figures("H5", revenue=800 * M, profit=40 * M, avg_income=54 * M, members=27, rating="tot"),
            figures("H6", revenue=700 * M, profit=30 * M, avg_income=53 * M, members=20, rating="kha"),
        ],
    )  # fmt: skip


def test_peers_read_the_year_and_member_growth_in_one_query(
    group: None, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    scope = Scope(lang_son())
    with django_assert_num_queries(1):
        rows = {r.code: r for r in peers(2024, "nong-nghiep", scope)}
    assert rows["H1"].revenue == 2_400_000_000 and rows["H1"].rating == 4
    assert rows["H1"].member_growth == pytest.approx(12.0)
    assert rows["H5"].member_growth == pytest.approx(-10.0)
    assert rows["H6"].member_growth is None  # no report for 2023


def test_growth_is_unknown_when_last_year_had_no_members(load: Loader) -> None:
    load(organizations=[htx("Z")], annual=[figures("Z", 2023, members=0), figures("Z", members=10)])
    assert peers(2024, "nong-nghiep", Scope())[0].member_growth is None


def test_the_peer_group_is_active_htx_of_the_sector(load: Loader) -> None:
    load(
        organizations=[
            htx("IN"),
            htx("GONE", dissolved="2024-12-31"),
            htx("LATE", established="2025-01-01"),
            htx("SHOP", sector="thuong-mai"),
            htx("GROUP", kind="THT"),
        ]
    )
    assert [r.code for r in peers(2024, "nong-nghiep", Scope(lang_son()))] == ["IN"]


@pytest.mark.parametrize(("as_htx", "expected"), [(True, ["FUND", "HTX"]), (False, ["HTX"])])
def test_credit_funds_are_peers_when_counted_as_htx(
    load: Loader, settings: Settings, as_htx: bool, expected: list[str]
) -> None:
    load(organizations=[htx("FUND", kind="QTDND", sector="tin-dung"), htx("HTX", sector="tin-dung")])
    settings.KTTT_COUNT_QTDND_AS_HTX = as_htx
    assert [r.code for r in peers(2024, "tin-dung", Scope())] == expected


def test_an_area_scope_keeps_its_own_htx(load: Loader) -> None:
    load(organizations=[htx("HL", area=HUU_LUNG), htx("DL", area="Huyện Đình Lập")])
    district = Organisation.objects.get(code="HL").former_district
    assert district is not None
    assert [r.code for r in peers(2024, "nong-nghiep", Scope(lang_son(), district))] == ["HL"]


def test_the_benchmark_compares_with_the_district_when_it_has_five_peers(group: None) -> None:
    result = peer_benchmark(Organisation.objects.get(code="H1"), 2024)
    assert not result.group.fallback
    assert result.group.label == "Huyện Hữu Lũng"
    assert len(result.ranking.standings) == 6
    assert result.standing.ranks["revenue"] == 2
    assert result.standing.percentiles["revenue"] == pytest.approx(100 * 4.5 / 6)


def test_the_benchmark_falls_back_to_the_province_for_a_small_district(group: None, load: Loader) -> None:
    load(organizations=[htx("DL", area="Huyện Đình Lập")], annual=[figures("DL", revenue=5000 * M)])
    result = peer_benchmark(Organisation.objects.get(code="DL"), 2024)
    assert result.group.fallback
    assert result.group.label == "Tỉnh Lạng Sơn"
    assert len(result.ranking.standings) == 7
    assert result.standing.ranks["revenue"] == 1 and result.standing.composite is None


def test_only_an_active_htx_has_a_benchmark(load: Loader) -> None:
    load(organizations=[htx("T", kind="THT")])
    with pytest.raises(NotAPeer):
        peer_benchmark(Organisation.objects.get(code="T"), 2024)


def test_the_shortlist_keeps_profitable_well_rated_growing_htx_paying_the_median(group: None) -> None:
    # Median income 57 million: H2 is rated trung bình, H3 made a loss, H4 pays below the median,
    # H5 lost members, H6 has no members figure for 2023.
    found = shortlist(2024, "nong-nghiep", Scope(lang_son()))
    assert [c.standing.row.code for c in found] == ["H1"]
    assert found[0].reasons == [
        "Doanh thu 2,4 tỷ đồng, đứng thứ 2/6 trong ngành nông nghiệp",
        "lợi nhuận 300 triệu đồng",
        "thu nhập bình quân 62 triệu đồng/người/năm, cao hơn trung vị 9%",
        "xếp loại Tốt",
        "thành viên tăng 12%",
    ]


def test_the_rating_filter_applies_only_when_the_year_has_ratings(load: Loader) -> None:
    load(
        organizations=[htx("A"), htx("B")],
        annual=[
            figures("A", 2023, members=10),
            figures("B", 2023, members=10),
            figures("A", revenue=900, profit=100, avg_income=60, members=11),
            figures("B", revenue=800, profit=100, avg_income=50, members=10),
        ],
    )
    found = shortlist(2024, "nong-nghiep", Scope())
    assert [c.standing.row.code for c in found] == ["A"]  # B pays below the median of 55
    assert "xếp loại" not in "; ".join(found[0].reasons)


def test_the_shortlist_is_cut_at_top(group: None, load: Loader) -> None:
    assert shortlist(2024, "nong-nghiep", Scope(), top=1)[0].standing.row.code == "H1"
    assert rank_peers(2024, "nong-nghiep", Scope()).ranked == 6
