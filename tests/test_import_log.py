"""The import log and undo (issue: spreadsheet exchange): every import is logged, a committed one can be undone."""

from __future__ import annotations

import csv
import io
import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import models

from kttt.annual.models import AnnualFigures
from kttt.audit.models import Action as AuditAction
from kttt.audit.models import Entry
from kttt.exchange.log import Attempt, UndoRefused, describe, logged_import, new_log, undo_import
from kttt.exchange.models import ImportChange, ImportLog, Outcome
from kttt.registry.models import Organisation, StatusChange, UnionMembership
from tests.conftest import BIN, ORG_DEFAULTS, kttt_environment

MODELS: tuple[type[models.Model], ...] = (Organisation, StatusChange, AnnualFigures, UnionMembership)

BASE: dict[str, list[dict[str, Any]]] = {
    "organizations": [
        {"code": "HTX-A", "established": "2010-03-15"},
        {"code": "LH-1", "kind": "LHHTX", "established": "2014-05-01"},
    ],
    "statuses": [{"code": "HTX-A", "date": "2012-01-01", "status": "tam-ngung", "note": "lũ"}],
    "annual": [{"code": "HTX-A", "year": "2018", "members": "10", "workers": "5"}],
    "union_members": [{"union_code": "LH-1", "member_code": "HTX-A", "joined": "2014-06-01", "left": ""}],
}
# Touches every sheet with both an update of a BASE row and a new row.
SECOND: dict[str, list[dict[str, Any]]] = {
    "organizations": [
        {"code": "HTX-A", "name": "Hợp tác xã Chè mới", "established": "2010-03-15"},
        {"code": "LH-1", "kind": "LHHTX", "established": "2014-05-01"},
        {"code": "HTX-B", "established": "2015-01-01"},
    ],
    "statuses": [
        {"code": "HTX-A", "date": "2012-01-01", "status": "tam-ngung", "note": "lũ lớn"},
        {"code": "HTX-A", "date": "2021-01-01", "status": "giai-the", "note": ""},
        {"code": "HTX-B", "date": "2016-01-01", "status": "tam-ngung", "note": ""},
    ],
    "annual": [
        {"code": "HTX-A", "year": "2018", "members": "12", "workers": "5"},
        {"code": "HTX-A", "year": "2019", "members": "11", "workers": "5"},
        {"code": "HTX-B", "year": "2018", "members": "7", "workers": "3"},
    ],
    "union_members": [
        {"union_code": "LH-1", "member_code": "HTX-A", "joined": "2014-06-01", "left": "2020-01-01"},
        {"union_code": "LH-1", "member_code": "HTX-B", "joined": "2015-06-01", "left": ""},
    ],
}


def write_package(folder: Path, sheets: dict[str, list[dict[str, Any]]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in sheets.items():
        if name == "organizations":
            rows = [{"name": f"Hợp tác xã {row['code']}", **ORG_DEFAULTS, **row} for row in rows]
        columns = list(dict.fromkeys(key for row in rows for key in row))
        with (folder / f"{name}.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, columns)
            writer.writeheader()
            writer.writerows(rows)
    return folder


def run(folder: Path, *, dry_run: bool = False) -> Attempt:
    return logged_import(folder, new_log(describe(folder), dry_run=dry_run, actor="test"))


def state() -> dict[str, list[dict[str, Any]]]:
    """Every row of every table an import writes, every column but the version (which only moves on)."""
    return {
        model.__name__: [
            {k: v for k, v in row.items() if k != "version"} for row in model._default_manager.order_by("pk").values()
        ]
        for model in MODELS
    }


@pytest.fixture
def base(db: None, tmp_path: Path) -> ImportLog:
    attempt = run(write_package(tmp_path / "base", BASE))
    assert attempt.log.outcome == Outcome.COMMITTED
    return attempt.log


def test_a_commit_is_logged_with_its_counts_hash_and_changes(base: ImportLog, tmp_path: Path) -> None:
    assert base.counts["organizations"] == {"created": 2, "updated": 0, "unchanged": 0}
    assert len(base.sha256) == 64 and base.size > 0 and base.file_name == "base"
    assert not base.dry_run and base.actor == "test"
    assert base.changes.filter(action="created").count() == 5  # 2 organisations, a status, figures, a link
    assert describe(tmp_path / "base").sha256 == base.sha256


def test_a_commit_leaves_the_query_planner_statistics_on_sqlite(migrated_sqlite: Path, tmp_path: Path) -> None:
    """PRAGMA optimize after the commit: without statistics SQLite joins a province's reports the slow way round.
    (In a process of its own: the test connection's transactions roll the statistics back.)"""
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(migrated_sqlite, data / "kttt.sqlite3")
    package = write_package(tmp_path / "base", BASE)
    done = subprocess.run(
        [str(BIN / "kttt"), "import", str(package)], env=kttt_environment(data), capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    with sqlite3.connect(data / "kttt.sqlite3") as db:
        analysed = {name for (name,) in db.execute("SELECT DISTINCT tbl FROM sqlite_stat1")}
    assert "annual_annualfigures" in analysed


def test_a_dry_run_is_logged_and_writes_nothing(db: None, tmp_path: Path) -> None:
    attempt = run(write_package(tmp_path / "pkg", BASE), dry_run=True)
    assert attempt.log.outcome == Outcome.CHECKED and attempt.log.dry_run
    assert attempt.log.counts["annual"]["created"] == 1
    assert all(not rows for rows in state().values())
    assert not ImportChange.objects.exists()


def test_a_refused_import_is_logged_with_its_errors(db: None, tmp_path: Path) -> None:
    bad = {**BASE, "annual": [{"code": "HTX-A", "year": "2018", "members": "nhiều"}]}
    attempt = run(write_package(tmp_path / "bad", bad))
    log = ImportLog.objects.get()
    assert attempt.refused and log.outcome == Outcome.REFUSED and log.error_count == 1
    assert log.messages[0]["sheet"] == "annual.csv" and log.messages[0]["row"] == 2
    assert log.messages[0]["column"].endswith("(members)")
    assert all(not rows for rows in state().values())


def test_an_unreadable_package_is_logged_as_refused(db: None, tmp_path: Path) -> None:
    attempt = run(tmp_path / "khong-co.xlsx")
    assert attempt.refused and attempt.result is None
    assert "Không tìm thấy" in attempt.log.messages[0]["message"]


def test_undo_restores_exactly_the_previous_state(base: ImportLog, tmp_path: Path) -> None:
    before = state()
    second = run(write_package(tmp_path / "second", SECOND)).log
    assert second.outcome == Outcome.COMMITTED
    for sheet in ("organizations", "statuses", "annual", "union_members"):
        assert second.counts[sheet]["created"] >= 1 and second.counts[sheet]["updated"] == 1, sheet
    assert Organisation.objects.get(code="HTX-A").dissolved is not None
    undone = undo_import(second, actor="test", reason="nhầm tệp")
    assert (undone.deleted, undone.restored) == (6, 4)
    assert state() == before
    second.refresh_from_db()
    assert second.outcome == Outcome.UNDONE and second.undone_at and second.undo_reason == "nhầm tệp"


def test_undo_restores_an_end_date_set_by_a_status_alone(base: ImportLog, tmp_path: Path) -> None:
    before = state()
    status = {"code": "HTX-A", "date": "2021-01-01", "status": "giai-the", "note": ""}
    second = run(write_package(tmp_path / "second", {"statuses": [status]})).log
    assert Organisation.objects.get(code="HTX-A").dissolved is not None
    assert second.changes.filter(model="registry.organisation", action="updated").count() == 1
    undo_import(second)
    assert state() == before


def test_undo_of_the_first_import_empties_the_tables(base: ImportLog) -> None:
    undo_import(base)
    assert all(not rows for rows in state().values())


def test_undo_is_refused_when_already_undone(base: ImportLog) -> None:
    undo_import(base)
    with pytest.raises(UndoRefused, match="đã được hoàn tác"):
        undo_import(base)


def test_undo_is_refused_after_a_later_edit(base: ImportLog) -> None:
    figures = AnnualFigures.objects.get()
    figures.members = 99
    figures.save()
    after_edit = state()
    with pytest.raises(UndoRefused, match="đã được sửa sau lần nhập"):
        undo_import(base)
    assert state() == after_edit
    assert ImportLog.objects.get(pk=base.pk).outcome == Outcome.COMMITTED


def test_undo_is_refused_when_a_later_import_touched_the_same_rows(base: ImportLog, tmp_path: Path) -> None:
    second = run(write_package(tmp_path / "second", SECOND)).log
    with pytest.raises(UndoRefused, match=f"#{second.pk}"):
        undo_import(base)
    undo_import(second)
    undo_import(base)  # once the later import is undone, the earlier one can be
    assert all(not rows for rows in state().values())


def test_undo_is_refused_when_records_were_added_to_a_created_organisation(base: ImportLog) -> None:
    org = Organisation.objects.get(code="HTX-A")
    AnnualFigures.objects.create(organisation=org, year=2020, members=3)
    with pytest.raises(UndoRefused, match="số liệu năm"):
        undo_import(base)


def test_a_dry_run_log_cannot_be_undone(db: None, tmp_path: Path) -> None:
    log = run(write_package(tmp_path / "pkg", BASE), dry_run=True).log
    with pytest.raises(UndoRefused, match="không ghi gì"):
        undo_import(log)


# --- The command line -------------------------------------------------------------------------------


def command(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_command_logs_dry_runs_commits_and_refusals(db: None, tmp_path: Path) -> None:
    package = write_package(tmp_path / "pkg", BASE)
    command(str(package), "--dry-run")
    out, _ = command(str(package))
    committed = ImportLog.objects.latest("pk")
    assert f"Nhật ký lần nhập: #{committed.pk}" in out
    bad = write_package(tmp_path / "bad", {"annual": [{"code": "HTX-A", "year": "2018", "members": "nhiều"}]})
    with pytest.raises(CommandError, match=f"nhật ký #{committed.pk + 1}"):
        command(str(bad))
    outcomes = list(ImportLog.objects.order_by("pk").values_list("outcome", "dry_run"))
    assert outcomes == [(Outcome.CHECKED, True), (Outcome.COMMITTED, False), (Outcome.REFUSED, False)]
    assert all(log.actor.startswith("CLI") for log in ImportLog.objects.all())


def test_the_command_lists_and_undoes(db: None, tmp_path: Path) -> None:
    command(str(write_package(tmp_path / "pkg", BASE)))
    number = str(ImportLog.objects.get().pk)  # ids keep counting across tests on PostgreSQL
    out, _ = command("--list")
    assert f"#{number}" in out and "Đã ghi" in out and "pkg" in out
    out, _ = command("--undo", number, "--reason", "thử")
    assert f"Đã hoàn tác lần nhập #{number}" in out
    assert not Organisation.objects.exists()
    with pytest.raises(CommandError, match="đã được hoàn tác"):
        command("--undo", number)
    with pytest.raises(CommandError, match="Không có lần nhập #9"):
        command("--undo", "9")
    assert ImportLog.objects.get().undo_reason == "thử"


def test_the_command_needs_a_path_or_an_option(db: None) -> None:
    with pytest.raises(CommandError, match="--list"):
        command()


def test_imports_and_undos_are_in_the_audit_trail_row_by_row(base: ImportLog, tmp_path: Path) -> None:
    whole = Entry.objects.get(action=AuditAction.IMPORT, object_label="exchange.importlog", object_id=str(base.pk))
    assert whole.actor_name == "test" and whole.changes["organizations"][1]["created"] == 2
    second = run(write_package(tmp_path / "second", SECOND)).log
    org = Organisation.objects.get(code="HTX-A")
    rows = Entry.objects.filter(action=AuditAction.IMPORT, organisation=org, reason__contains=f"#{second.pk},")
    renamed = rows.get(object_label="registry.organisation")
    assert renamed.changes["name"] == ["Hợp tác xã HTX-A", "Hợp tác xã Chè mới"]
    figures = [entry.changes.get("members") for entry in rows.filter(object_label="annual.annualfigures")]
    assert [10, 12] in figures  # 2018 updated (a new year was created too)
    undo_import(second, actor="test", reason="nhầm tệp")
    reverted = Entry.objects.get(action=AuditAction.UNDO, object_label="registry.organisation", object_id=str(org.pk))
    assert reverted.changes["name"] == ["Hợp tác xã Chè mới", "Hợp tác xã HTX-A"] and "nhầm tệp" in reverted.reason
    created = Organisation.objects.filter(code="HTX-B").exists()
    assert not created and Entry.objects.filter(action=AuditAction.UNDO, object_repr__contains="#").count() >= 6
