"""Inserting many rows that nobody reads back at once (an import's undo records and audit entries)."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connections, router
from django.db.models import Model

BATCH = 1000


def insert_many(model: type[Model], objects: Sequence[Model], batch_size: int = BATCH) -> None:
    """INSERT the objects with executemany, without reading back their keys. Values are prepared as
    bulk_create prepares them (pre_save, get_db_prep_save); bulk_create's per-value compiling and per-row SQL
    are most of its cost, and an import writes two such rows for every row it writes."""
    if not objects:
        return
    using = router.db_for_write(model)
    connection = connections[using]
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    marks = ", ".join(["%s"] * len(fields))  # one parameter per column
    sql = f"INSERT INTO {connection.ops.quote_name(model._meta.db_table)} ({columns}) VALUES ({marks})"
    with connection.cursor() as cursor:
        for start in range(0, len(objects), batch_size):
            rows = [
                [f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields]
                for obj in objects[start : start + batch_size]
            ]
            cursor.executemany(sql, rows)


def refresh_statistics() -> None:
    """After many rows were written. SQLite's query planner picks join orders from the statistics that ANALYZE
    gathers, and has none until asked. Without them, a province's reporting counts read every yearly row of the
    year instead of the province's (45 ms instead of 9 nationally). PRAGMA optimize analyses only the tables this
    connection used whose statistics are missing or well out of date, so it is cheap when nothing grew much.
    PostgreSQL's autovacuum keeps its statistics itself."""
    connection = connections[router.db_for_write(Model)]
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA optimize")
