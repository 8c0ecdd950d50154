"""Backups of the database (docs/deployment.md): a consistent online copy of SQLite through sqlite3's backup API,
a `pg_dump -Fc` archive of PostgreSQL. A backup is written to a hidden partial file in the target folder and
linked under its name only when complete, so a failed or interrupted backup never leaves a file that looks good.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper

SUFFIXES = {"sqlite": ".sqlite3", "postgresql": ".dump"}
# Only files with exactly this name are ever deleted by `--keep`: the names `kttt backup` gives.
BACKUP_NAME = re.compile(r"^kttt-\d{8}-\d{6}\.(sqlite3|dump)$")
# Connection options of DATABASE_URL (?sslmode=require) that pg_dump takes from the environment (PGSSLMODE, …).
LIBPQ_OPTIONS = {"sslmode", "sslrootcert", "sslcert", "sslkey", "passfile", "service"}


class BackupError(Exception):
    """A backup that could not be made; the message is for people, in Vietnamese."""


def suffix(connection: BaseDatabaseWrapper) -> str:
    if connection.vendor not in SUFFIXES:
        raise BackupError(f"kttt backup chỉ sao lưu SQLite và PostgreSQL, không sao lưu {connection.vendor}.")
    return SUFFIXES[connection.vendor]


def default_name(connection: BaseDatabaseWrapper, when: datetime) -> str:
    return f"kttt-{when:%Y%m%d-%H%M%S}{suffix(connection)}"


def back_up(connection: BaseDatabaseWrapper, target: Path) -> int:
    """Write a backup of the database to `target`, a file that must not exist yet; return its size in bytes."""
    suffix(connection)
    folder = target.parent
    if not folder.exists():
        raise BackupError(f"Thư mục {folder} không tồn tại.")
    if not folder.is_dir():
        raise BackupError(f"{folder} không phải là thư mục.")
    if target.exists() or target.is_symlink():
        raise BackupError(f"Tệp {target} đã có; kttt backup không ghi đè tệp có sẵn.")
    try:
        # mkstemp creates the file readable by its owner only: a backup holds personal data and password hashes.
        handle, name = tempfile.mkstemp(prefix=".kttt-backup-", suffix=".partial", dir=folder)
    except OSError as exc:
        raise BackupError(f"Không ghi được vào thư mục {folder}: {exc.strerror}.") from exc
    os.close(handle)
    partial = Path(name)
    try:
        if connection.vendor == "sqlite":
            copy_sqlite(connection, partial)
        else:
            dump_postgresql(connection.settings_dict, partial)
        publish(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return target.stat().st_size


def copy_sqlite(connection: BaseDatabaseWrapper, partial: Path) -> None:
    """Copy the database page by page while the site runs: in WAL mode the copy is one read transaction, so it
    is consistent and writers are not blocked."""
    if connection.in_atomic_block:
        # The backup API would wait forever for this connection's own write transaction to end.
        raise BackupError("Không sao lưu được SQLite giữa một giao dịch đang mở.")
    connection.ensure_connection()
    copy = sqlite3.connect(partial)
    try:
        connection.connection.backup(copy)
        # A self-contained file: no -wal/-shm beside it when it is opened or copied elsewhere.
        copy.execute("PRAGMA journal_mode=DELETE")
        (check,) = copy.execute("PRAGMA quick_check").fetchone()
    except sqlite3.Error as exc:
        raise BackupError(f"Sao lưu SQLite thất bại: {exc}.") from exc
    finally:
        copy.close()
    if check != "ok":
        raise BackupError(f"Bản sao SQLite bị lỗi khi kiểm tra: {check}.")


def dump_postgresql(database: Mapping[str, Any], partial: Path) -> None:
    """`pg_dump -Fc` with the connection settings of DATABASE_URL; the password goes in PGPASSWORD, never on the
    command line, where every user of the machine could read it."""
    program = shutil.which("pg_dump")
    if program is None:
        raise BackupError(
            "Không tìm thấy chương trình pg_dump. Cài gói postgresql-client "
            "(apt-get install postgresql-client) rồi chạy lại."
        )
    command = [program, "--format=custom", "--no-password", f"--file={partial}"]
    if database.get("HOST"):
        command.append(f"--host={database['HOST']}")
    if database.get("PORT"):
        command.append(f"--port={database['PORT']}")
    if database.get("USER"):
        command.append(f"--username={database['USER']}")
    command.append(f"--dbname={database['NAME']}")
    environment = dict(os.environ)
    if database.get("PASSWORD"):
        environment["PGPASSWORD"] = str(database["PASSWORD"])
    for option, value in database.get("OPTIONS", {}).items():
        if option in LIBPQ_OPTIONS:
            environment[f"PG{option.upper()}"] = str(value)
    done = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BackupError(f"pg_dump thất bại (mã thoát {done.returncode}): {done.stderr.strip()}")


def publish(partial: Path, target: Path) -> None:
    """Give the finished backup its name, never replacing a file that appeared meanwhile."""
    try:
        os.link(partial, target)
    except FileExistsError as exc:
        raise BackupError(f"Tệp {target} đã có; kttt backup không ghi đè tệp có sẵn.") from exc
    except OSError:
        # A file system without hard links (some network shares): check, then rename.
        if target.exists():
            raise BackupError(f"Tệp {target} đã có; kttt backup không ghi đè tệp có sẵn.") from None
        partial.rename(target)


def prune(folder: Path, connection: BaseDatabaseWrapper, keep: int) -> list[Path]:
    """Delete all but the `keep` newest backups of this database engine in `folder` (by their timestamped
    names; files named otherwise are never touched). Return the deleted files."""
    ours = sorted(
        (path for path in folder.iterdir() if BACKUP_NAME.match(path.name) and path.suffix == suffix(connection)),
        key=lambda path: path.name,
        reverse=True,
    )
    old = ours[keep:]
    for path in old:
        path.unlink()
    return old
