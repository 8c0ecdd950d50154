"""The yearly fact table: indicator counts and sums per year, kind, sector and area, kept by database triggers in
the same transaction as every write to the organisations and their yearly figures — never stale (ADR 0010).

One row per (scheme, year, province, unit, kind, sector). Scheme 0 groups by the units before 1/7/2025 (province,
former district), scheme 1 by those after it (province, new commune); every organisation counts in both.
- Counts are kept as events, so that a new organisation touches three rows, not one per year it lives:
  `new_count` and `dissolved_count` at the years it was established and dissolved (as a snapshot counts them),
  `active_change` (+1 the year it becomes active on 31/12, −1 the year it stops) and, at year OPEN (9999),
  `active_open` (1 while it has no dissolution date). Active on 31/12 of Y = Σ active_open − Σ active_change
  of the years after Y, so the rows of years ≥ Y answer for Y: one index range.
- Sums: the yearly figures of organisations active on 31/12 of their year, as fill_from_reports reads them
  (sum and count of reports per figure; income per worker as Σ income × workers and Σ workers).

SQLite: row triggers. PostgreSQL: statement triggers over transition tables, one grouped upsert per statement
(a bulk insert of 1,000 yearly rows costs one). Both run one statement built here, so the two agree.
"""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured
from django.db.backends.base.base import BaseDatabaseWrapper

from kttt.indicators.figures import SUM_FIELDS

FACT_TABLE = "indicators_fact"
ORGANISATIONS, FIGURES = "registry_organisation", "annual_annualfigures"
KEY = ("scheme", "year", "province", "unit", "kind", "sector")  # the order of the unique index
EVENTS = ("new_count", "dissolved_count", "active_change", "active_open")
SUMS = (
    "reporting",
    *(f"sum_{f}" for f in SUM_FIELDS),
    *(f"n_{f}" for f in SUM_FIELDS),
    "income_total",
    "income_workers",
)
VALUES = (*EVENTS, *SUMS)
# (province column, unit column) of each scheme.
SCHEMES = {0: ("former_province_id", "former_district_id"), 1: ("current_province_id", "current_commune_id")}
ORG_COLUMNS = ("id", "kind", "sector", "established", "dissolved", *(c for pair in SCHEMES.values() for c in pair))
FIGURE_COLUMNS = ("id", "organisation_id", "year", *SUM_FIELDS, "avg_income")
TRIGGER_PREFIX = "kttt_fact_"
OPEN = 9999  # the year of the active_open rows: after every real year


def _year(vendor: str, column: str) -> str:
    if vendor == "sqlite":  # dates are ISO text
        return f"CAST(substr({column}, 1, 4) AS INTEGER)"
    return f"CAST(EXTRACT(YEAR FROM {column}) AS INTEGER)"


def _row(values: dict[str, str], key: tuple[str, ...]) -> str:
    """A SELECT list in the order KEY + VALUES; values not given are 0."""
    return ", ".join([*key, *(f"{values.get(name, '0')} AS {name}" for name in VALUES)])


def _key(scheme: int, year: str) -> tuple[str, ...]:
    province, unit = SCHEMES[scheme]
    return (f"{scheme} AS scheme", f"{year} AS year", f"COALESCE(o.{province}, 0) AS province",
            f"COALESCE(o.{unit}, 0) AS unit", "o.kind AS kind", "o.sector AS sector")  # fmt: skip


def events(vendor: str, orgs: str, sign: int) -> list[str]:
    """SELECTs of the count events of the organisations in `orgs` (a table or subquery with ORG_COLUMNS)."""
    born, gone = _year(vendor, "o.established"), _year(vendor, "o.dissolved")
    lives = f"o.dissolved IS NULL OR {gone} > {born}"  # active on 31/12 of some year
    established = {"new_count": str(sign), "active_change": f"CASE WHEN {lives} THEN {sign} ELSE 0 END"}
    dissolved = {
        "dissolved_count": f"CASE WHEN {gone} >= {born} THEN {sign} ELSE 0 END",
        "active_change": f"CASE WHEN {gone} > {born} THEN {-sign} ELSE 0 END",
    }
    still = {"active_open": f"CASE WHEN o.dissolved IS NULL THEN {sign} ELSE 0 END"}
    parts: list[str] = []
    for scheme in SCHEMES:
        parts += [
            f"SELECT {_row(established, _key(scheme, born))} FROM {orgs} o",
            f"SELECT {_row(dissolved, _key(scheme, gone))} FROM {orgs} o WHERE o.dissolved IS NOT NULL",
            f"SELECT {_row(still, _key(scheme, str(OPEN)))} FROM {orgs} o",
        ]
    return parts


def sums(vendor: str, figures: str, orgs: str, sign: int) -> list[str]:
    """SELECTs of the yearly figures in `figures` (FIGURE_COLUMNS) of the organisations in `orgs`, each counted
    when its organisation is active on 31/12 of the figures' year."""
    values = {"reporting": str(sign)}
    for name in SUM_FIELDS:
        values[f"sum_{name}"] = f"{sign} * COALESCE(f.{name}, 0)"
        values[f"n_{name}"] = f"CASE WHEN f.{name} IS NULL THEN 0 ELSE {sign} END"
    both = "f.avg_income IS NOT NULL AND f.workers IS NOT NULL"
    values["income_total"] = f"CASE WHEN {both} THEN {sign} * f.avg_income * f.workers ELSE 0 END"
    values["income_workers"] = f"CASE WHEN {both} THEN {sign} * f.workers ELSE 0 END"
    born, gone = _year(vendor, "o.established"), _year(vendor, "o.dissolved")
    active = f"{born} <= f.year AND (o.dissolved IS NULL OR {gone} > f.year)"
    return [
        f"SELECT {_row(values, _key(scheme, 'f.year'))} FROM {figures} f JOIN {orgs} o ON o.id = f.organisation_id "
        f"WHERE {active}"
        for scheme in SCHEMES
    ]


def _grouped(parts: list[str]) -> str:
    """The rows of `parts` summed per fact key."""
    totals = ", ".join(f"SUM({name})" for name in VALUES)
    return f"SELECT {', '.join(KEY)}, {totals} FROM ({' UNION ALL '.join(parts)}) AS d GROUP BY {', '.join(KEY)}"


def upsert(parts: list[str]) -> str:
    """One statement adding the rows of `parts` to the fact table, grouped by its key first (PostgreSQL refuses
    to update a row twice in one statement)."""
    updates = ", ".join(f"{name} = {FACT_TABLE}.{name} + excluded.{name}" for name in VALUES)
    return (
        f"INSERT INTO {FACT_TABLE} ({', '.join(KEY + VALUES)}) {_grouped(parts)} "
        f"ON CONFLICT ({', '.join(KEY)}) DO UPDATE SET {updates}"
    )


def _from_scratch(vendor: str) -> list[str]:
    """The parts of every organisation and every yearly row."""
    return events(vendor, ORGANISATIONS, 1) + sums(vendor, FIGURES, ORGANISATIONS, 1)


def rebuild_sql(vendor: str) -> list[str]:
    """The fact table computed again from the organisations and their yearly figures."""
    return [f"DELETE FROM {FACT_TABLE}", upsert(_from_scratch(vendor))]


def _statement(vendor: str, table: str, operation: str, old: str, new: str) -> str:
    """What a trigger on `table` runs: the old rows' contributions taken away, the new rows' added."""
    parts = []
    signs = {"INSERT": [(new, 1)], "DELETE": [(old, -1)], "UPDATE": [(old, -1), (new, 1)]}[operation]
    for rows, sign in signs:
        if table == ORGANISATIONS:
            parts += events(vendor, rows, sign)
            if operation != "INSERT":  # a new organisation has no yearly figures yet
                parts += sums(vendor, FIGURES, rows, sign)
        else:
            parts += sums(vendor, rows, ORGANISATIONS, sign)
    return upsert(parts)


def trigger_sql(vendor: str) -> list[str]:
    """Statements that (re)create the fact triggers on both tables."""
    if vendor not in ("sqlite", "postgresql"):
        raise ImproperlyConfigured(f"No fact triggers for {vendor}: KTTT runs on SQLite and PostgreSQL.")
    statements = []
    for table, columns in ((ORGANISATIONS, ORG_COLUMNS), (FIGURES, FIGURE_COLUMNS)):
        counted = columns[1:]  # a change to any other column changes no figure
        for operation in ("INSERT", "UPDATE", "DELETE"):
            name = f"{TRIGGER_PREFIX}{table}_{operation.lower()}"
            if vendor == "sqlite":
                old, new = (f"(SELECT {', '.join(f'{side}.{c} AS {c}' for c in columns)})" for side in ("OLD", "NEW"))
                when = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in counted)
                event = f"UPDATE OF {', '.join(counted)} ON {table} FOR EACH ROW WHEN {when}"
                statements += [
                    f"DROP TRIGGER IF EXISTS {name}",
                    f"CREATE TRIGGER {name} AFTER {event if operation == 'UPDATE' else f'{operation} ON {table}'} "
                    f"BEGIN {_statement(vendor, table, operation, old, new)}; END",
                ]
                continue
            old, new = "kttt_old", "kttt_new"
            if operation == "UPDATE":  # only the rows whose counted columns changed
                changed = " OR ".join(f"o.{c} IS DISTINCT FROM n.{c}" for c in counted)
                moved = f"FROM kttt_old o JOIN kttt_new n ON n.id = o.id WHERE {changed}"
                old, new = f"(SELECT o.* {moved})", f"(SELECT n.* {moved})"
            referencing = {"INSERT": "NEW TABLE AS kttt_new", "DELETE": "OLD TABLE AS kttt_old",
                           "UPDATE": "OLD TABLE AS kttt_old NEW TABLE AS kttt_new"}[operation]  # fmt: skip
            statements += [
                f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                f"{_statement(vendor, table, operation, old, new)}; RETURN NULL; END $$",
                f"DROP TRIGGER IF EXISTS {name} ON {table}",
                f"CREATE TRIGGER {name} AFTER {operation} ON {table} REFERENCING {referencing} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION {name}()",
            ]
    return statements


def install(db: BaseDatabaseWrapper, *, rebuild: bool) -> None:
    """(Re)create the triggers and, when asked, compute the table again (after migrations: their data
    changes ran without the triggers of this version)."""
    with db.cursor() as cursor:
        for statement in trigger_sql(db.vendor):
            cursor.execute(statement)
        if rebuild:
            for statement in rebuild_sql(db.vendor):
                cursor.execute(statement)


def differences(db: BaseDatabaseWrapper) -> list[tuple[tuple[object, ...], tuple[int, ...], tuple[int, ...]]]:
    """(key, stored values, values computed again) of every row on which the fact table and a computation from
    scratch disagree; rows with only zeros count as absent. Empty when the table is right."""
    with db.cursor() as cursor:
        cursor.execute(_grouped(_from_scratch(db.vendor)))
        computed = {tuple(r[: len(KEY)]): tuple(int(v) for v in r[len(KEY) :]) for r in cursor.fetchall()}
        cursor.execute(f"SELECT {', '.join(KEY + VALUES)} FROM {FACT_TABLE}")
        stored = {tuple(r[: len(KEY)]): tuple(int(v) for v in r[len(KEY) :]) for r in cursor.fetchall()}
    zero = (0,) * len(VALUES)
    found = []
    for key in sorted(set(computed) | set(stored), key=repr):
        mine, theirs = stored.get(key, zero), computed.get(key, zero)
        if mine != theirs:
            found.append((key, mine, theirs))
    return found
