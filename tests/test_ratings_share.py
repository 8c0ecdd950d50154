"""The share of HTX rated khá or tốt: an indicator over the yearly figures."""

from __future__ import annotations

import pytest
from django.test import override_settings
from pytest_django import DjangoAssertNumQueries

from kttt.indicators.queries import Scope
from kttt.ratings.queries import share_good
from tests.conftest import Loader, lang_son

ORGS = [
    {"code": "A", "established": "2010-01-01"},
    {"code": "B", "established": "2010-01-01"},
    {"code": "C", "established": "2010-01-01"},
    {"code": "D", "established": "2010-01-01"},
    {"code": "GONE", "established": "2010-01-01", "dissolved": "2021-06-01"},
    {"code": "QTD", "kind": "QTDND", "established": "2010-01-01"},
    {"code": "THT", "kind": "THT", "established": "2010-01-01"},
    {"code": "HN", "established": "2010-01-01", "province": "1"},
]
RATINGS = {"A": "tot", "B": "kha", "C": "yeu", "D": "", "GONE": "tot", "QTD": "kha", "THT": "tot", "HN": "yeu"}


@pytest.fixture
def rated(load: Loader) -> None:
    load(organizations=ORGS, annual=[{"code": c, "year": 2021, "rating": r} for c, r in RATINGS.items()])


def test_it_counts_active_rated_htx_with_credit_funds(
    rated: None, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    with django_assert_num_queries(1):
        good, total, share = share_good(Scope(), 2021)
    # A, B, QTD good; C, HN rated weak; D unrated, GONE dissolved, THT not an HTX.
    assert (good, total) == (3, 5)
    assert share == pytest.approx(60)


def test_it_respects_the_scope(rated: None) -> None:
    good, count, share = share_good(Scope(lang_son()), 2021)
    assert (good, count, share) == (3, 4, 75.0)


@override_settings(KTTT_COUNT_QTDND_AS_HTX=False)
def test_credit_funds_can_be_left_out(rated: None) -> None:
    good, count, share = share_good(Scope(lang_son()), 2021)
    assert (good, count) == (2, 3)
    assert share == pytest.approx(200 / 3)


def test_no_ratings_means_no_share(rated: None) -> None:
    assert share_good(Scope(), 2020) == (0, 0, None)
