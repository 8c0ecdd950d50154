from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.core.management import call_command
from pytest_django import DjangoDbBlocker

from kttt.exchange.importer import ImportResult, import_sheets
from kttt.exchange.reader import sheets_from_rows

Loader = Callable[..., ImportResult]

ORG_DEFAULTS = {"kind": "HTX", "sector": "nong-nghiep", "province": "20", "area": "", "dissolved": ""}


@pytest.fixture
def load(db: None) -> Loader:
    """Import rows through the real data-package importer: load(organizations=[...], annual=[...])."""

    def run(*, dry_run: bool = False, **sheets: list[dict[str, Any]]) -> ImportResult:
        data: dict[str, list[dict[str, Any]]] = {}
        for name, rows in sheets.items():
            if name == "organizations":
                rows = [{"name": f"Hợp tác xã {row['code']}", **ORG_DEFAULTS, **row} for row in rows]
            data[name] = rows
        return import_sheets(sheets_from_rows(data), dry_run=dry_run)

    return run


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[str]:
    """The Lạng Sơn demo data, loaded for one test module through `kttt demo` (run twice, so the output
    is that of the second, idempotent run) and removed afterwards."""
    from django.db import connection

    from kttt.plans.models import Plan
    from kttt.registry.models import Organisation
    from kttt.support.models import Fund, Loan

    # pytest-django sets up the test database only when a collected test is marked for it: modules using
    # this fixture carry `pytestmark = pytest.mark.django_db`. Never write into a real database.
    name = str(connection.settings_dict["NAME"])
    assert name.startswith("test_") or "memorydb" in name, f"the demo fixture needs the test database, not {name}"
    with django_db_blocker.unblock():
        call_command("demo", stdout=io.StringIO())
        again = io.StringIO()
        call_command("demo", stdout=again)
        yield again.getvalue()
        # Loans protect the organisations they were made to, so they go first.
        Loan.objects.all().delete()
        Fund.objects.all().delete()
        Plan.objects.all().delete()
        Organisation.objects.all().delete()
