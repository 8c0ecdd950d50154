from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kttt.exchange.importer import ImportResult, import_sheets
from kttt.exchange.reader import sheets_from_rows

Loader = Callable[..., ImportResult]
BIN = Path(sys.executable).parent  # the virtual environment's scripts: kttt, gunicorn

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


def kttt_environment(data_dir: Path, **env: str) -> dict[str, str]:
    """The environment of a `kttt` or gunicorn process of its own: production settings (only what is given, no test
    settings), SQLite in data_dir."""
    return {
        "PATH": os.environ.get("PATH", ""),
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "SECRET_KEY": "kttt-test-suite-only-not-a-secret-5d2e8a",
        "KTTT_DATA_DIR": str(data_dir),
        "DATABASE_URL": f"sqlite:///{data_dir / 'kttt.sqlite3'}",
        **env,
    }


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite database file brought up to date by `kttt migrate` (administrative units and legal rules loaded),
    shared by the tests that run KTTT in processes of their own; they must not change it."""
    data_dir = tmp_path_factory.mktemp("migrated")
    done = subprocess.run(
        [str(BIN / "kttt"), "migrate", "--verbosity", "0"],
        env=kttt_environment(data_dir),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return data_dir / "kttt.sqlite3"
