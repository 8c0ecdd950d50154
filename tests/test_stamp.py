"""The data stamp (kttt.indicators.stamp) and the dashboard parts cached by it (kttt.indicators.cached): every
watched table has its triggers; every kind of write — ORM save, bulk insert, queryset update and delete, SQL by
hand — changes the stamp; a cached dashboard shows a change as soon as it is committed."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from django.apps import apps
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from kttt.annual.models import AnnualFigures
from kttt.indicators.stamp import OPERATIONS, installed_triggers, read_stamp, trigger_name, watched_tables
from kttt.registry.models import Organisation, StatusChange
from tests.conftest import Loader, province_officer

LOCAL_CACHE = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "test-stamp"},
}


def committed_stamp() -> int:
    """The stamp as the next transaction will see it. On PostgreSQL the triggers run at commit, once per
    transaction: inside the test's transaction, run them now and let the next write count again."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            cursor.execute("SELECT set_config('kttt.stamped', '', true)")
    return read_stamp()


def test_every_watched_table_has_its_triggers(db: None) -> None:
    tables = watched_tables(apps)
    assert {"registry_organisation", "annual_annualfigures", "plans_target", "areas_adminunit"} <= set(tables)
    if connection.vendor == "sqlite":
        expected = {trigger_name(table, op) for table in tables for op in OPERATIONS}
    else:
        expected = {trigger_name(table) for table in tables}
    assert expected - installed_triggers() == set()


@pytest.fixture
def world(load: Loader) -> Iterator[None]:
    load(
        organizations=[{"code": "H1", "established": "2010-01-01"}, {"code": "H2", "established": "2012-01-01"}],
        annual=[{"code": "H1", "year": "2024", "members": "40"}],
    )
    yield


def _save() -> None:
    org = Organisation.objects.get(code="H1")
    org.name = "Hợp tác xã Đổi tên"
    org.save()


def _bulk_insert() -> None:
    AnnualFigures.objects.bulk_create([AnnualFigures(organisation=Organisation.objects.get(code="H2"), year=2024)])


def _update() -> None:
    AnnualFigures.objects.filter(year=2024).update(members=41)


def _delete() -> None:
    AnnualFigures.objects.filter(year=2024).delete()


def _status() -> None:
    StatusChange.objects.create(organisation=Organisation.objects.get(code="H2"), date="2020-01-01", status="giai-the")


def _sql() -> None:
    with connection.cursor() as cursor:
        cursor.execute("UPDATE registry_organisation SET sector = 'khac' WHERE code = 'H2'")


@pytest.mark.parametrize("write", [_save, _bulk_insert, _update, _delete, _status, _sql])
def test_every_kind_of_write_changes_the_stamp(world: None, write: Callable[[], None]) -> None:
    before = committed_stamp()
    assert committed_stamp() == before  # reading changes nothing
    write()
    assert committed_stamp() != before


def test_writes_elsewhere_leave_the_stamp_alone(world: None) -> None:
    before = committed_stamp()
    province_officer()  # users and accounts are not dashboard data
    assert committed_stamp() == before


def _members_shown(client: Client) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/tong-quan/", {"year": "2024"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    return response.content.decode(), len(queries)


@override_settings(CACHES=LOCAL_CACHE)
def test_a_cached_dashboard_shows_a_change_once_it_is_committed(world: None, client: Client) -> None:
    from django.core.cache import caches

    caches["pages"].clear()
    client.force_login(province_officer())
    first, computed = _members_shown(client)
    again, cached = _members_shown(client)
    assert again == first and cached < computed  # the second answer comes from the cache
    AnnualFigures.objects.filter(year=2024).update(members=4321)
    committed_stamp()
    changed, recomputed = _members_shown(client)
    assert recomputed == computed
    assert "4.321" in changed and "4.321" not in first


@override_settings(CACHES=LOCAL_CACHE)
def test_the_dashboards_lookups_are_kept_until_the_data_changes(world: None) -> None:
    from django.core.cache import caches
    from django.http import QueryDict

    from kttt.indicators.params import resolve

    caches["pages"].clear()
    before = committed_stamp()
    assert resolve(QueryDict(""), before).years[-1] == 2024
    with CaptureQueriesContext(connection) as queries:
        kept = resolve(QueryDict("year=2024"), before)
    assert len(queries) == 0 and kept.years[-1] == 2024 and kept.areas
    AnnualFigures.objects.create(organisation=Organisation.objects.get(code="H2"), year=2025, members=7)
    after = committed_stamp()
    assert after != before
    assert resolve(QueryDict(""), after).years[-1] == 2025  # the new year is offered at once
    assert resolve(QueryDict(""), None).years[-1] == 2025  # without a stamp nothing is kept


def test_each_years_dashboard_is_the_same_with_the_figures_kept_for_the_others(world: None, client: Client) -> None:
    """The totals of every year and the comparison year's areas are kept once for all the years' pages
    (kttt.indicators.dashboard.build): each page must be the one computed afresh."""
    from django.core.cache import caches

    AnnualFigures.objects.create(organisation=Organisation.objects.get(code="H2"), year=2022, members=9)
    client.force_login(province_officer())
    queries = [{"year": "2024"}, {"year": "2022"}, {"year": "2024", "baseline": "2022"}, {"year": "2023"}]

    def bodies() -> list[str]:
        answers = [client.get("/tong-quan/", q, headers={"HX-Request": "true"}) for q in queries]
        assert all(a.status_code == 200 for a in answers)
        return [a.content.decode() for a in answers]

    afresh = bodies()  # the test settings keep no parts
    with override_settings(CACHES=LOCAL_CACHE):
        caches["pages"].clear()
        assert bodies() == afresh
        assert bodies() == afresh  # and from the parts kept


def test_a_flushed_stamp_table_gets_its_row_back_and_serves_nothing_stale(db: None) -> None:
    from kttt.indicators.apps import after_migrate
    from kttt.indicators.models import DataStamp

    DataStamp.objects.all().delete()
    assert read_stamp() != read_stamp()  # without the row, every request computes afresh
    after_migrate(apps.get_app_config("indicators"), using="default")  # as after a flush
    assert DataStamp.objects.filter(pk=1).exists() and read_stamp() == read_stamp()
