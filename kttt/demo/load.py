"""Importing demo packages: through the importer like any data package (every row validated, one transaction
per package), then marked as demo data."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

from kttt.bulk import refresh_statistics
from kttt.demo.package import Package
from kttt.exchange.importer import Counts, ImportResult, Progress, import_sheets
from kttt.exchange.reader import sheets_from_rows
from kttt.registry.models import Organisation


def import_demo(package: Package, progress: Progress | None = None) -> ImportResult:
    """Import one package (raises ImportFailed, and writes nothing, if a row has an error)."""
    result = import_sheets(sheets_from_rows(package), progress=progress)
    codes = [row["code"] for row in package["organizations"]]
    for start in range(0, len(codes), 500):  # stay under SQLite's bound-parameter limit
        Organisation.objects.filter(code__in=codes[start : start + 500], is_demo=False).update(is_demo=True)
    refresh_statistics()
    return result


def add_counts(totals: dict[str, Counts], counts: dict[str, Counts]) -> None:
    for sheet, count in counts.items():
        total = totals.setdefault(sheet, Counts())
        total.created += count.created
        total.updated += count.updated
        total.unchanged += count.unchanged


@contextmanager
def collector_paused() -> Iterator[None]:
    """A province's rows and records live until it is written; meanwhile the cyclic garbage collector would scan
    them again and again (a fifth of the import time). Reference counting still frees nearly everything, and
    one collection afterwards frees the rest."""
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        gc.collect()
