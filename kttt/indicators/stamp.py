"""The data stamp: a value that changes with every committed write to the data dashboards read, kept by
database triggers, so a cache keyed by it is never stale whatever writes (forms, imports, the admin, bulk
updates, SQL by hand) — ADR 0009.

SQLite: a trigger per table and operation, run for each row, sets a new random value. SQLite writes one
transaction at a time anyway, so the stamp row adds no waiting.
PostgreSQL: a deferred constraint trigger per table runs when the transaction commits and sets a new random
value once per transaction (a transaction-local setting remembers it did), so the stamp row is locked only
while committing, not for the length of a long import.

Readers take the stamp before the data (`read_stamp` first): a change committed in between then lands under the
old stamp, which is never current again. Random values, not a counter, so that a rolled-back transaction's
value is not reused by the next one.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable, Hashable, Iterable
from typing import TypeVar

from django.apps.registry import Apps
from django.core.cache import caches
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.db.backends.base.base import BaseDatabaseWrapper

# The apps whose tables feed the dashboards and plan progress. The triggers are installed after every migrate
# (kttt.indicators.apps), so new tables get them, and so do tables SQLite rebuilt to alter them.
WATCHED_APPS = ("areas", "registry", "annual", "ratings", "training", "support", "plans", "rules")
STAMP_TABLE = "indicators_datastamp"
OPERATIONS = ("INSERT", "UPDATE", "DELETE")
T = TypeVar("T")

PG_FUNCTION = f"""
CREATE OR REPLACE FUNCTION kttt_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('kttt.stamped', true) IS DISTINCT FROM txid_current()::text THEN
    PERFORM set_config('kttt.stamped', txid_current()::text, true);
    UPDATE {STAMP_TABLE} SET value = (random() * 9.2e18)::bigint;
  END IF;
  RETURN NULL;
END $$"""


def watched_tables(apps: Apps) -> list[str]:
    return sorted(
        model._meta.db_table
        for label in WATCHED_APPS
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
    )


def trigger_name(table: str, operation: str = "") -> str:
    return f"kttt_stamp_{table}" + (f"_{operation.lower()}" if operation else "")


def install_triggers(db: BaseDatabaseWrapper, tables: Iterable[str]) -> None:
    """Create the triggers that are missing (SQLite) or all of them again (PostgreSQL)."""
    with db.cursor() as cursor:
        if db.vendor == "postgresql":
            cursor.execute(PG_FUNCTION)
        for table in tables:
            for statement in _trigger_sql(db.vendor, table):
                cursor.execute(statement)


def _trigger_sql(vendor: str, table: str) -> list[str]:
    if vendor == "sqlite":
        return [
            f'CREATE TRIGGER IF NOT EXISTS {trigger_name(table, op)} AFTER {op} ON "{table}" '
            f"BEGIN UPDATE {STAMP_TABLE} SET value = random(); END"
            for op in OPERATIONS
        ]
    if vendor == "postgresql":
        name = trigger_name(table)
        return [
            f'DROP TRIGGER IF EXISTS {name} ON "{table}"',
            f'CREATE CONSTRAINT TRIGGER {name} AFTER INSERT OR UPDATE OR DELETE ON "{table}" '
            "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION kttt_stamp()",
        ]
    raise ImproperlyConfigured(f"No data-stamp triggers for {vendor}: KTTT runs on SQLite and PostgreSQL.")


def installed_triggers() -> set[str]:
    """The names of the data-stamp triggers in the database."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'kttt_stamp_%'")
        else:
            cursor.execute("SELECT tgname FROM pg_trigger WHERE tgname LIKE 'kttt_stamp_%'")
        return {name for (name,) in cursor.fetchall()}


def ensure_stamp_row(db: BaseDatabaseWrapper) -> None:
    """The stamp's single row, created again if a flush emptied the table."""
    with db.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {STAMP_TABLE} WHERE id = 1")
        if not cursor.fetchone()[0]:
            cursor.execute(f"INSERT INTO {STAMP_TABLE} (id, value) VALUES (1, %s)", [secrets.randbits(62)])


def read_stamp() -> int:
    """The current stamp; read it before the data it keys. Without the row (emptied by hand), a new value on
    every call: nothing is served from the cache, rather than something stale."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT value FROM {STAMP_TABLE} WHERE id = 1")
        row = cursor.fetchone()
    return int(row[0]) if row else secrets.randbits(62)


def remembered(stamp: int | None, key: Hashable, compute: Callable[[], T]) -> T:
    """compute(), kept in the "pages" cache (shared by the server's workers) while the data stamp is `stamp`,
    read before the data compute reads; computed every time without a stamp. For what dashboard requests share
    below their cached parts: the lookups every request makes (the provinces, a province's data years and its
    areas) and the figures the pages of several years show (kttt.indicators.dashboard). Keyed by the stamp, so
    a value computed under an older stamp is never served under a newer one."""
    if stamp is None:
        return compute()
    cache = caches["pages"]
    name = "lookup:" + hashlib.sha256(repr((stamp, key)).encode()).hexdigest()
    found: T | None = cache.get(name)
    if found is None:
        found = compute()
        cache.set(name, found, 24 * 3600)
    return found
