"""Benchmark: importing 100,000 yearly rows (5,000 organisations × 20 years in Lạng Sơn) as a data package.

Run with `bench/run` (a throwaway SQLite database), or alone against DATABASE_URL — it never touches
organisations other than its own (codes starting with BENCH-), and deletes them before every case. The
package is written once as a CSV folder and as an .xlsx workbook (openpyxl write_only), then imported with
kttt.exchange.importer.import_package: a dry run and a commit of each. The baseline is a raw
AnnualFigures.objects.bulk_create of the same values, once the organisations exist. Prints, per case, the
seconds against the issue's targets: 30 s, and at most 3× the raw bulk insert.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import django

ORGANISATIONS = 5_000
YEARS = range(2005, 2025)  # 20 years: 100,000 yearly rows
PREFIX = "BENCH-"
TARGET_SECONDS = 30.0
TARGET_RATIO = 3.0
ORG_COLUMNS = ["code", "name", "kind", "sector", "province", "area", "established"]
ANNUAL_COLUMNS = [
    "code", "year", "members", "associate_members", "workers", "worker_members", "charter_capital",
    "total_capital", "revenue", "profit", "avg_income", "managers", "managers_trained", "rating",
]  # fmt: skip
SECTORS = ["nong-nghiep", "nong-nghiep", "thuong-mai", "cong-nghiep", "van-tai", "xay-dung", "moi-truong"]
RATINGS = ["tot", "kha", "trung-binh", "yeu"]

Row = list[Any]


def area_names() -> list[str]:
    """Lạng Sơn's communes before 1/7/2025 from the gazetteer, as the data package writes them: the name,
    narrowed with the district where another commune of the province shares it."""
    from kttt.areas.models import AdminUnit, Level
    from kttt.text import fold

    province = AdminUnit.objects.provinces().in_force(dt.date(2004, 12, 31)).get(code="20")
    communes = list(AdminUnit.objects.filter(province=province, level=Level.COMMUNE).select_related("parent"))
    folded = [fold(c.short_name) for c in communes]
    names = []
    for commune, key in zip(communes, folded, strict=True):
        shared = folded.count(key) > 1 and commune.parent is not None
        names.append(f"{commune.name}, {commune.parent.short_name}" if shared and commune.parent else commune.name)
    return names


def organisation_rows(areas: list[str]) -> list[Row]:
    rng = random.Random(20)
    rows = []
    for n in range(ORGANISATIONS):
        kind = "THT" if n % 4 == 3 else "HTX"
        established = dt.date(2000 + n % 5, 1 + n % 12, 1 + n % 28)
        name = f"{'Tổ hợp tác' if kind == 'THT' else 'Hợp tác xã'} dịch vụ số {n + 1}"
        rows.append([f"{PREFIX}{n:05d}", name, kind, rng.choice(SECTORS), "20", areas[n % len(areas)], established])
    return rows


def annual_rows(organisations: list[Row]) -> list[Row]:
    rng = random.Random(2024)
    rows = []
    for org in organisations:
        for year in YEARS:
            members = rng.randint(7, 300)
            workers = rng.randint(3, 60)
            managers = rng.randint(3, 9)
            charter = rng.randint(1, 500) * 10_000_000
            rows.append([
                org[0], year, members, rng.randint(0, 50), workers, rng.randint(0, min(workers, members)), charter,
                charter + rng.randint(0, 500) * 10_000_000, rng.randint(0, 20_000) * 1_000_000,
                rng.randint(-500, 2_000) * 1_000_000, rng.randint(30, 120) * 1_000_000, managers,
                rng.randint(0, managers), rng.choice(RATINGS),
            ])  # fmt: skip
    return rows


def write_csv(folder: Path, organisations: list[Row], annual: list[Row]) -> Path:
    folder.mkdir()
    for name, header, rows in (("organizations", ORG_COLUMNS, organisations), ("annual", ANNUAL_COLUMNS, annual)):
        with (folder / f"{name}.csv").open("w", encoding="utf-8-sig", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(header)
            writer.writerows(_text(row) for row in rows)
    return folder


def _text(row: Row) -> Row:
    return [value.isoformat() if isinstance(value, dt.date) else value for value in row]


def write_xlsx(path: Path, organisations: list[Row], annual: list[Row]) -> Path:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    for name, header, rows in (("organizations", ORG_COLUMNS, organisations), ("annual", ANNUAL_COLUMNS, annual)):
        sheet = book.create_sheet(name)
        sheet.append(header)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def delete_bench_rows() -> None:
    from kttt.annual.models import AnnualFigures
    from kttt.registry.models import Organisation, StatusChange, UnionMembership

    AnnualFigures.objects.filter(organisation__code__startswith=PREFIX).delete()
    StatusChange.objects.filter(organisation__code__startswith=PREFIX).delete()
    UnionMembership.objects.filter(member__code__startswith=PREFIX).delete()
    Organisation.objects.filter(code__startswith=PREFIX).delete()


def timed(run: Callable[[], object]) -> float:
    delete_bench_rows()
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def import_case(path: Path, dry_run: bool) -> Callable[[], object]:
    from kttt.exchange.importer import ImportFailed, import_package

    def run() -> object:
        try:
            result = import_package(path, dry_run=dry_run)
        except ImportFailed as failed:
            for problem in failed.result.errors[:10]:
                print("   ", problem, file=sys.stderr)
            raise
        created = sum(counts.created for counts in result.counts.values())
        assert dry_run or created >= ORGANISATIONS + len(YEARS) * ORGANISATIONS, result.counts
        return result

    return run


def raw_bulk_insert(organisations_package: Path, annual: list[Row]) -> float:
    """The organisations through the importer (not timed), then the yearly rows with bulk_create (timed)."""
    from django.db import transaction

    from kttt.annual.models import AnnualFigures
    from kttt.exchange.importer import import_package
    from kttt.registry.models import Organisation

    delete_bench_rows()
    import_package(organisations_package)
    ids = dict(Organisation.objects.filter(code__startswith=PREFIX).values_list("code", "id"))
    fields = ANNUAL_COLUMNS[1:]
    start = time.perf_counter()
    with transaction.atomic():
        rows = (AnnualFigures(organisation_id=ids[row[0]], **dict(zip(fields, row[1:], strict=True))) for row in annual)
        AnnualFigures.objects.bulk_create(rows, batch_size=2_000)
    return time.perf_counter() - start


def cases(folder: Path, organisations: list[Row], annual: list[Row]) -> Iterator[tuple[str, Callable[[], float]]]:
    csv_package = write_csv(folder / "csv", organisations, annual)
    xlsx_package = write_xlsx(folder / "package.xlsx", organisations, annual)
    orgs_only = write_csv(folder / "orgs", organisations, [])
    (orgs_only / "annual.csv").unlink()
    yield "raw bulk_create (annual only)", lambda: raw_bulk_insert(orgs_only, annual)
    for label, path in (("CSV", csv_package), ("xlsx", xlsx_package)):
        yield f"{label} dry run", timer(path, dry_run=True)
        yield f"{label} commit", timer(path, dry_run=False)


def timer(path: Path, dry_run: bool) -> Callable[[], float]:
    return lambda: timed(import_case(path, dry_run))


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    organisations = organisation_rows(area_names())
    annual = annual_rows(organisations)
    print(f"{len(organisations):,} organisations, {len(annual):,} yearly rows (Lạng Sơn, {YEARS[0]}–{YEARS[-1]})")
    print(f"{'case':<32}{'seconds':>9}{'target s':>10}{'× raw':>8}{'≤ 3×':>6}")
    raw = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for label, run in cases(Path(tmp), organisations, annual):
            seconds = run()
            raw = raw or seconds
            ratio = seconds / raw
            verdict = "ok" if seconds <= TARGET_SECONDS and ratio <= TARGET_RATIO else "SLOW"
            print(f"{label:<32}{seconds:>9.1f}{TARGET_SECONDS:>10.0f}{ratio:>8.1f}{verdict:>6}", flush=True)
    delete_bench_rows()


if __name__ == "__main__":
    main()
