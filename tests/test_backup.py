"""`kttt backup`: a copy that restores with the same rows on the engine in use (SQLite: the file opens as the
database; PostgreSQL: pg_restore into a new database), old backups pruned by --keep, the password never on
pg_dump's command line, and bad paths refused in Vietnamese with nothing written."""

from __future__ import annotations

import os
import re
import sqlite3
import stat
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from kttt.backups.backup import BackupError, dump_postgresql
from tests.conftest import BIN, kttt_environment

BACKUP_NAME = re.compile(r"^kttt-\d{8}-\d{6}\.sqlite3$")
postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="needs DATABASE_URL on PostgreSQL")


def kttt(data_dir: Path, database: Path, *args: str) -> subprocess.CompletedProcess[str]:
    environment = kttt_environment(data_dir, DATABASE_URL=f"sqlite:///{database}")
    command = [str(BIN / "kttt"), *args]
    return subprocess.run(command, env=environment, capture_output=True, text=True, timeout=120, check=False)


def sqlite_counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        tables = [name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {table: db.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] for table in tables}


def files_under(folder: Path) -> set[Path]:
    return set(folder.rglob("*"))


def test_a_sqlite_backup_opens_with_every_row(migrated_sqlite: Path, tmp_path: Path) -> None:
    done = kttt(tmp_path, migrated_sqlite, "backup")

    assert done.returncode == 0, done.stderr
    [copy] = (tmp_path / "backups").iterdir()
    assert BACKUP_NAME.match(copy.name)
    assert f"Đã sao lưu cơ sở dữ liệu vào {copy}" in done.stdout
    counts = sqlite_counts(migrated_sqlite)
    assert counts["areas_adminunit"] > 1000  # the migrations' administrative units: something to compare
    assert sqlite_counts(copy) == counts
    with sqlite3.connect(copy) as db:
        assert db.execute("PRAGMA journal_mode").fetchone() == ("delete",)  # one self-contained file
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600  # personal data and password hashes
    assert [path.name for path in copy.parent.iterdir()] == [copy.name]  # no partial file left behind


def test_keep_deletes_only_older_backups_of_the_same_engine(migrated_sqlite: Path, tmp_path: Path) -> None:
    folder = tmp_path / "sao-luu"
    folder.mkdir()
    kept = ["kttt-20240101-020000.sqlite3", "kttt-20230101-020000.dump", "kttt-ban-tay.sqlite3", "ghi-chu.txt"]
    deleted = ["kttt-20220101-020000.sqlite3", "kttt-20230101-020000.sqlite3"]
    for name in kept + deleted:
        (folder / name).write_text("x")

    done = kttt(tmp_path, migrated_sqlite, "backup", str(folder), "--keep", "2")

    assert done.returncode == 0, done.stderr
    names = {path.name for path in folder.iterdir()}
    [new] = names - set(kept)
    assert BACKUP_NAME.match(new)
    assert names == {new, *kept}
    assert done.stdout.count("Đã xóa bản sao lưu cũ") == 2


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("khong-co/kttt.sqlite3", "không tồn tại"),
        ("khong-co/", "không tồn tại"),  # a folder that is not there: not a file named like it
        ("tep.txt/kttt.sqlite3", "không phải là thư mục"),
        ("tep.txt", "đã có; kttt backup không ghi đè"),
    ],
)
def test_a_bad_path_is_refused_and_nothing_is_written(db: None, tmp_path: Path, path: str, message: str) -> None:
    (tmp_path / "tep.txt").write_text("giữ nguyên")
    before = files_under(tmp_path)

    with pytest.raises(CommandError, match=message):
        call_command("backup", f"{tmp_path}/{path}")

    assert files_under(tmp_path) == before
    assert (tmp_path / "tep.txt").read_text() == "giữ nguyên"


def test_keep_must_be_at_least_one(db: None, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="--keep phải là số nguyên từ 1 trở lên"):
        call_command("backup", str(tmp_path), keep=0)
    assert files_under(tmp_path) == set()


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's backup API only")
def test_sqlite_is_not_copied_inside_an_open_transaction(db: None, tmp_path: Path) -> None:
    # The test runs inside a transaction; the backup API would wait for it forever.
    with pytest.raises(CommandError, match="giữa một giao dịch đang mở"):
        call_command("backup", str(tmp_path / "kttt.sqlite3"))
    assert files_under(tmp_path) == set()


@pytest.fixture
def fake_pg_dump(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A pg_dump on PATH that records its arguments and PGPASSWORD/PGSSLMODE and writes its --file."""
    folder = tmp_path / "bin"
    folder.mkdir()
    script = folder / "pg_dump"
    script.write_text(
        "#!/bin/sh\n"
        f'printf "%s\\n" "$@" > {tmp_path}/arguments\n'
        f'printf "%s %s" "$PGPASSWORD" "$PGSSLMODE" > {tmp_path}/environment\n'
        'for a in "$@"; do case "$a" in --file=*) echo archive > "${a#--file=}";; esac; done\n'
    )
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}:{os.environ['PATH']}")
    return tmp_path


def test_pg_dump_gets_the_password_in_its_environment_only(fake_pg_dump: Path) -> None:
    database = {"NAME": "kttt", "USER": "kttt", "PASSWORD": "mat-khau-bi-mat", "HOST": "db.local", "PORT": 5433}
    dump_postgresql({**database, "OPTIONS": {"sslmode": "require"}}, fake_pg_dump / "out.dump")

    arguments = (fake_pg_dump / "arguments").read_text().splitlines()
    assert "mat-khau-bi-mat" not in " ".join(arguments)
    assert (fake_pg_dump / "environment").read_text() == "mat-khau-bi-mat require"
    assert {"--format=custom", "--no-password", "--host=db.local", "--port=5433", "--username=kttt"} <= set(arguments)
    assert arguments[-1] == "--dbname=kttt"
    assert (fake_pg_dump / "out.dump").read_text() == "archive\n"


def test_a_missing_pg_dump_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(BackupError, match=r"Không tìm thấy chương trình pg_dump\. Cài gói postgresql-client"):
        dump_postgresql({"NAME": "kttt"}, tmp_path / "out.dump")
    assert files_under(tmp_path) == set()


@postgresql_only
def test_a_postgresql_backup_without_pg_dump_writes_nothing(
    db: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    with pytest.raises(CommandError, match="pg_dump"):
        call_command("backup", str(tmp_path))
    assert files_under(tmp_path) == set()


def server(database: str) -> dict[str, Any]:
    """psycopg's connection arguments for another database on the test's PostgreSQL server."""
    settings = connection.settings_dict
    return {
        "dbname": database,
        "user": settings["USER"],
        "password": settings["PASSWORD"],
        "host": settings["HOST"],
        "port": settings["PORT"],
    }


def row_counts(cursor: Any, tables: list[str]) -> dict[str, int]:
    counts = {}
    for table in tables:
        cursor.execute(f'SELECT count(*) FROM "{table}"')
        counts[table] = cursor.fetchone()[0]
    return counts


@pytest.fixture
def scratch_database() -> Iterator[str]:
    """An empty database on the test's server, dropped afterwards."""
    name = f"kttt_restore_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(**server("postgres"), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield name
    finally:
        with psycopg.connect(**server("postgres"), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@postgresql_only
def test_a_postgresql_backup_restores_with_every_row(db: None, tmp_path: Path, scratch_database: str) -> None:
    call_command("backup", str(tmp_path))
    [archive] = tmp_path.iterdir()
    assert re.match(r"^kttt-\d{8}-\d{6}\.dump$", archive.name)

    listing = subprocess.run(["pg_restore", "--list", str(archive)], capture_output=True, text=True, check=True)
    assert "TABLE DATA public areas_adminunit" in listing.stdout
    settings = connection.settings_dict
    restore = ["pg_restore", "--no-owner", "--exit-on-error", f"--dbname={scratch_database}", str(archive)]
    options = [("host", "HOST"), ("port", "PORT"), ("username", "USER")]
    restore += [f"--{flag}={settings[key]}" for flag, key in options if settings[key]]
    environment = {**os.environ, "PGPASSWORD": settings["PASSWORD"] or ""}
    done = subprocess.run(restore, env=environment, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr

    tables = connection.introspection.table_names()
    with connection.cursor() as cursor:
        counts = row_counts(cursor, tables)
    with psycopg.connect(**server(scratch_database)) as restored:
        assert row_counts(restored.cursor(), tables) == counts
    assert counts["areas_adminunit"] > 1000
