"""Benchmark: importing the national demo data as data packages, against a raw bulk insert of the same rows.

Against DATABASE_URL, which must hold no organisations (bench/run gives it a fresh database). Steps:
1. `kttt demo --national`'s packages (kttt.demo.national, 63 provinces, 2003–2025) are written as CSV data
   packages, one folder per province (not timed).
2. Raw: each package is read and validated (not timed), then its organisations, status changes, yearly rows
   and union links are written with bulk_create in one transaction (timed). Then everything is deleted.
3. Import: each folder goes through the import as `kttt import FOLDER` runs it — reading, validation, upsert,
   the import log with its undo records and the audit trail (timed).
The database is left with the national data, the demo loans, training, plans and accounts, for the benchmarks
that follow. Prints both times, the ratio and the target (≤ 3× raw).
"""

from __future__ import annotations

import csv
import os
import sys
import tempfile
import time
from pathlib import Path

import django

TARGET_RATIO = 3.0


def write_packages(folder: Path) -> list[Path]:
    from kttt.demo.national import national_packages

    folders = []
    for code, package in national_packages():
        target = folder / f"tinh-{code}"
        target.mkdir()
        for sheet, rows in package.items():
            with (target / f"{sheet}.csv").open("w", encoding="utf-8", newline="") as file:
                writer = csv.DictWriter(file, fieldnames=list(rows[0]))
                writer.writeheader()
                writer.writerows(rows)
        folders.append(target)
        print(f"\r  packages written: {len(folders)}", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    return folders


def raw_insert(folder: Path) -> tuple[float, int]:
    """Validate the package (not timed), then bulk_create its rows (timed): seconds and yearly rows."""
    from django.db import transaction

    from kttt.annual.models import AnnualFigures
    from kttt.exchange.importer import _defaults, validate_package
    from kttt.exchange.reader import read_package
    from kttt.registry.models import Organisation, StatusChange, UnionMembership
    from kttt.registry.services import apply_location

    validation = validate_package(read_package(folder))
    assert not validation.errors, validation.errors[:5]
    start = time.perf_counter()
    with transaction.atomic():
        orgs = {}
        for code, rec in validation.orgs.items():
            org = Organisation(code=code, name=rec.name, kind=rec.kind, sector=rec.sector)
            org.established, org.dissolved = rec.established, rec.dissolved
            apply_location(org, rec.location)
            org.refresh_search_name()
            orgs[code] = org
        Organisation.objects.bulk_create(orgs.values(), batch_size=1000)
        StatusChange.objects.bulk_create(
            (StatusChange(organisation=orgs[code], date=day, status=status, note=note)
             for (code, day, status), note in validation.statuses.items()),
            batch_size=1000,
        )  # fmt: skip
        AnnualFigures.objects.bulk_create(
            (AnnualFigures(organisation=orgs[code], year=year, **_defaults(figures))
             for (code, year), figures in validation.annual.items()),
            batch_size=1000,
        )  # fmt: skip
        UnionMembership.objects.bulk_create(
            (UnionMembership(union=orgs[union], member=orgs[member], joined=joined, left=left)
             for (union, member, joined), left in validation.links.items()),
            batch_size=1000,
        )  # fmt: skip
    return time.perf_counter() - start, len(validation.annual)


def delete_all() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        for table in ("annual_annualfigures", "registry_statuschange", "registry_unionmembership"):
            cursor.execute(f"DELETE FROM {table}")
        cursor.execute("DELETE FROM registry_organisation")


def logged_import(folder: Path) -> float:
    from kttt.exchange.log import describe, logged_import, new_log

    start = time.perf_counter()
    attempt = logged_import(folder, new_log(describe(folder), dry_run=False, actor="bench"))
    seconds = time.perf_counter() - start
    if attempt.refused or attempt.result is None:
        sys.exit(f"{folder.name}: the import was refused: {attempt.log.messages[:5]}")
    return seconds


def finish_demo() -> None:
    """What `kttt demo --national` adds after the packages: loans, training, plans, accounts."""
    from django.db import connection

    from kttt.demo.management.commands.demo import Command
    from kttt.plans.demo import load_demo_plans
    from kttt.registry.models import Organisation
    from kttt.support.demo import load_demo_loans
    from kttt.training.demo import load_demo_training

    Organisation.objects.update(is_demo=True)
    load_demo_loans()
    load_demo_training()
    load_demo_plans()
    Command().ensure_admin()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # what autovacuum does shortly after a bulk load


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    from django.db import connection

    from kttt.registry.models import Organisation

    if Organisation.objects.exists():
        sys.exit("The database already holds organisations: this benchmark needs an empty one.")
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        folders = write_packages(Path(tmp))
        print(f"  63 packages generated and written in {time.perf_counter() - start:.0f} s")
        raw, rows = 0.0, 0
        for folder in folders:
            seconds, count = raw_insert(folder)
            raw, rows = raw + seconds, rows + count
        organisations = Organisation.objects.count()
        delete_all()
        imported = 0.0
        for n, folder in enumerate(folders, start=1):
            imported += logged_import(folder)
            print(f"\r  imported: {n}/{len(folders)} provinces, {imported:.0f} s", end="", file=sys.stderr, flush=True)
        print(file=sys.stderr)
    finish_demo()
    ratio = imported / raw
    met = "met" if ratio <= TARGET_RATIO else "MISSED"
    print(f"{organisations:,} organisations, {rows:,} yearly rows")
    print(
        f"raw bulk insert {raw:.1f} s; import {imported:.1f} s; ratio {ratio:.2f} (target ≤ {TARGET_RATIO:.0f}×): {met}"
    )
    print(f"BENCH|national import, {rows:,} yearly rows|{connection.vendor}|{imported:.0f} s|raw {raw:.0f} s"
          f"|{ratio:.2f}|≤ 3× raw|{met}")  # fmt: skip


if __name__ == "__main__":
    main()
