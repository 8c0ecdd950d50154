"""Size classes: the member-only TT 01/2020 scheme, then Decree 113/2024 by sector group."""

from __future__ import annotations

import datetime as dt

import pytest

from kttt.ratings.models import SizeTier
from kttt.registry.models import Sector
from kttt.rules.sizes import SECTOR_GROUPS, classify

BN = 1_000_000_000
TT01_DAY = dt.date(2022, 6, 30)
ND113_DAY = dt.date(2025, 1, 1)
pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("members", "tier"),
    [(0, "sieu-nho"), (49, "sieu-nho"), (50, "nho"), (300, "nho"), (301, "vua"), (1000, "vua"), (1001, "lon")],
)
def test_tt01_classifies_by_members_only(members: int, tier: str) -> None:
    size = classify("thuong-mai", members, None, None, TT01_DAY)
    assert size is not None and size.tier == SizeTier(tier)
    assert size.rule.scheme == "tt01-2020"


@pytest.mark.parametrize(
    ("members", "revenue", "capital", "tier"),
    [
        (300, 50 * BN, None, "lon"),
        (300, None, 10 * BN, "lon"),
        (299, 50 * BN, 10 * BN, "vua"),
        (300, 50 * BN - 1, 10 * BN - 1, "vua"),
        (200, 10 * BN, 0, "vua"),
        (200, 0, 5 * BN, "vua"),
        (199, 100 * BN, 100 * BN, "nho"),
        (200, 10 * BN - 1, 5 * BN - 1, "nho"),
        (50, 2 * BN, 0, "nho"),
        (50, 0, 1 * BN, "nho"),
        (49, 100 * BN, 100 * BN, "sieu-nho"),
        (50, 2 * BN - 1, 1 * BN - 1, "sieu-nho"),
        (0, 0, 0, "sieu-nho"),
    ],
)
def test_decree_113_agriculture_needs_members_and_revenue_or_capital(
    members: int, revenue: int | None, capital: int | None, tier: str
) -> None:
    size = classify("nong-nghiep", members, revenue, capital, ND113_DAY)
    assert size is not None and size.tier == SizeTier(tier)
    assert size.rule.scheme == "nd113-2024" and size.rule.verified


def test_industry_large_is_verified_and_lower_tiers_provisional() -> None:
    large = classify("xay-dung", 100, 80 * BN, None, ND113_DAY)
    assert large is not None and large.tier == SizeTier.LARGE and large.rule.verified
    lower = classify("cong-nghiep", 99, 80 * BN, None, ND113_DAY)
    assert lower is not None and lower.tier != SizeTier.LARGE and not lower.rule.verified


@pytest.mark.parametrize(
    ("day", "scheme", "tier"),
    [(dt.date(2024, 10, 31), "tt01-2020", "vua"), (dt.date(2024, 11, 1), "nd113-2024", "nho")],
)
def test_decree_113_takes_over_on_1_november_2024(day: dt.date, scheme: str, tier: str) -> None:
    size = classify("nong-nghiep", 350, 3 * BN, 2 * BN, day)
    assert size is not None and (size.rule.scheme, size.tier) == (scheme, SizeTier(tier))


@pytest.mark.parametrize(
    ("members", "revenue", "capital", "day"),
    [
        (None, 1, 1, ND113_DAY),  # members unknown
        (300, None, 9 * BN, ND113_DAY),  # the missing revenue could still make it "lớn"
        (100, 0, 0, dt.date(2020, 3, 31)),  # no scheme in force yet
    ],
)
def test_it_returns_none_when_it_cannot_decide(
    members: int | None, revenue: int | None, capital: int | None, day: dt.date
) -> None:
    assert classify("nong-nghiep", members, revenue, capital, day) is None


def test_small_membership_is_micro_even_without_money_figures() -> None:
    size = classify("nong-nghiep", 49, None, None, ND113_DAY)
    assert size is not None and size.tier == SizeTier.MICRO


def test_every_registry_sector_has_a_group() -> None:
    assert set(SECTOR_GROUPS) == set(Sector.values)
