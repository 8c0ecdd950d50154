from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

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


def lang_son(day: dt.date = dt.date(2024, 12, 31)) -> Any:
    """The province of Lạng Sơn (code 20) in force on `day` (the pre-2025 unit by default)."""
    from kttt.areas.models import AdminUnit

    return AdminUnit.objects.provinces().in_force(day).get(code="20")


def lang_son_scope(day: dt.date = dt.date(2024, 12, 31)) -> Any:
    from kttt.indicators.queries import Scope

    return Scope(lang_son(day))


def province_officer(username: str = "canbo", province: str = "20", **fields: Any) -> Any:
    """A signed-in person's user with the role of province officer for a province (by default Lạng Sơn):
    the units of that code in both schemes, so records before and after 1/7/2025 are covered."""
    from django.contrib.auth.models import User

    from kttt.accounts.models import Account, Role
    from kttt.areas.models import AdminUnit

    user = User.objects.create_user(username, **fields)
    account = Account.objects.create(user=user, role=Role.PROVINCE_OFFICER)
    account.units.set(AdminUnit.objects.provinces().filter(code=province))
    return user
