"""Benchmark: indicator snapshots against DuckDB running the same aggregates over the same rows.

Two cases, on whatever data DATABASE_URL holds (`bench/run` loads the national demo):
- national by province: kttt.indicators.queries.snapshot(year, by="province"), 63 provinces;
- one province by commune: the province with the most organisations, after the 2025 reform (new communes).

The rows the snapshot reads (organisations, the year's yearly figures, union links) are copied once into an
in-memory DuckDB database; the timed DuckDB part runs the aggregates the snapshot runs — per kind and per group:
organisations counted on 31/12, sums of the yearly figures of the organisations active then, union members —
and fetches the results. The two answers are compared figure by figure, so the speed of light is the speed of
the same answer. Prints the medians, the ratio and the targets (≤ 2× DuckDB and ≤ 100 ms).
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import django

RUNS = 15
TARGET_MS = 100.0
TARGET_RATIO = 2.0
NATIONAL_YEAR, PROVINCE_YEAR = 2024, 2025
SUMS = (
    "members", "associate_members", "workers", "worker_members", "charter_capital", "total_capital", "revenue",
    "profit", "managers", "managers_trained",
)  # fmt: skip
ORG_COLUMNS = (
    "id", "kind", "sector", "established", "dissolved", "former_province_id", "current_province_id",
    "former_district_id", "current_commune_id", "area_id",
)  # fmt: skip
LINK_COLUMNS = ("union_id", "member_id", "joined", "left")


@dataclass
class Case:
    name: str
    year: int
    by: str
    province: Any  # AdminUnit or None
    scope_column: str | None
    group_column: str


def median_ms(run: Callable[[], object]) -> tuple[float, object]:
    result = run()  # warm: caches, query plans
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        result = run()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), result


def load_duckdb() -> Any:
    """Copy the rows a snapshot reads — every organisation, yearly row and union link — into an in-memory
    DuckDB database, through CSV files (not timed)."""
    import csv
    import tempfile

    import duckdb
    from django.db import connection

    duck = duckdb.connect()
    tables = {
        "org": ("registry_organisation", ORG_COLUMNS),
        "links": ("registry_unionmembership", LINK_COLUMNS),
        "af": ("annual_annualfigures", ("organisation_id", "year", *SUMS, "avg_income")),
    }
    types = {"established": "DATE", "dissolved": "DATE", "joined": "DATE", "left": "DATE", "kind": "VARCHAR"}
    types |= {"sector": "VARCHAR"}
    with tempfile.TemporaryDirectory() as tmp:
        for name, (table, columns) in tables.items():
            path = f"{tmp}/{name}.csv"
            with open(path, "w", newline="", encoding="utf-8") as file, connection.cursor() as cursor:
                writer = csv.writer(file)
                cursor.execute(f"SELECT {', '.join(connection.ops.quote_name(c) for c in columns)} FROM {table}")
                while batch := cursor.fetchmany(50_000):
                    writer.writerows(batch)
            spec = ", ".join(f"'{c}': '{types.get(c, 'BIGINT')}'" for c in columns)
            duck.execute(f"CREATE TABLE {name} AS SELECT * FROM read_csv('{path}', header=false, columns={{{spec}}})")
    return duck


def duck_snapshot(duck: Any, case: Case) -> dict[tuple[str, str], dict[str, Any]]:
    """The snapshot's aggregates in DuckDB: per kind, and per kind and group."""
    result: dict[tuple[str, str], dict[str, Any]] = {}
    for group in ("''", f"coalesce(CAST(o.{case.group_column} AS VARCHAR), '')"):
        for key, values in _duck_grouping(duck, case, group).items():
            result.setdefault(key, {}).update(values)
    return result


def _duck_grouping(duck: Any, case: Case, group: str) -> dict[tuple[str, str], dict[str, Any]]:
    day, start = dt.date(case.year, 12, 31), dt.date(case.year, 1, 1)
    kind = "CASE WHEN {p}.kind = 'QTDND' THEN 'HTX' ELSE {p}.kind END"
    scope = f" AND {{p}}.{case.scope_column} = {case.province.pk}" if case.province is not None else ""
    active = "{p}.established <= $day AND ({p}.dissolved IS NULL OR {p}.dissolved > $day)"
    out: dict[tuple[str, str], dict[str, Any]] = {}
    counts = duck.execute(
        f"""SELECT {kind.format(p="o")}, {group}, count(*) FILTER (WHERE o.dissolved IS NULL OR o.dissolved > $day),
        count(*) FILTER (WHERE o.established >= $start),
        count(*) FILTER (WHERE o.dissolved >= $start AND o.dissolved <= $day)
        FROM org o WHERE o.established <= $day{scope.format(p="o")} GROUP BY ALL""",
        {"day": day, "start": start},
    ).fetchall()
    for k, g, n_active, n_new, n_gone in counts:
        out.setdefault((k, g), {}).update(active=n_active, new=n_new, dissolved=n_gone)
    sums = ", ".join(f"sum(a.{f}), count(a.{f})" for f in SUMS)
    both = "a.avg_income IS NOT NULL AND a.workers IS NOT NULL"
    reports = duck.execute(
        f"""SELECT {kind.format(p="o")}, {group}, count(*), {sums},
        sum(a.avg_income * a.workers) FILTER (WHERE {both}), sum(a.workers) FILTER (WHERE {both})
        FROM af a JOIN org o ON o.id = a.organisation_id
        WHERE a.year = $year AND {active.format(p="o")}{scope.format(p="o")} GROUP BY ALL""",
        {"day": day, "year": case.year},
    ).fetchall()
    for row in reports:
        values: dict[str, Any] = {"reporting": row[2]}
        for i, name in enumerate(SUMS):
            values[name] = None if row[3 + 2 * i] is None else int(row[3 + 2 * i])
        out.setdefault((row[0], row[1]), {}).update(values)
    links = duck.execute(
        f"""SELECT {kind.format(p="o")}, {group}, count(DISTINCT l.member_id)
        FROM links l JOIN org o ON o.id = l.union_id JOIN org m ON m.id = l.member_id
        WHERE l.joined <= $day AND (l."left" IS NULL OR l."left" > $day)
        AND {active.format(p="o")} AND {active.format(p="m")}{scope.format(p="o")} GROUP BY ALL""",
        {"day": day},
    ).fetchall()
    for k, g, n in links:
        out.setdefault((k, g), {})["union_members"] = n
    return out


def kttt_figures(snapshot: Any) -> dict[tuple[str, str], dict[str, Any]]:
    names = ("active", "new", "dissolved", "reporting", *SUMS, "union_members")
    result = {}
    for block in snapshot.kinds:
        for key, row in [("", block.total), *((r.key, r) for r in block.groups)]:
            result[(block.kind, key)] = {n: getattr(row.year, n) for n in names}
    return result


def differences(ours: dict[tuple[str, str], dict[str, Any]], duck: dict[tuple[str, str], dict[str, Any]]) -> int:
    """Figures that differ between the two answers (groups only one side has count when non-zero)."""
    wrong = 0
    for key in set(ours) | set(duck):
        a, b = ours.get(key, {}), duck.get(key, {})
        for name in set(a) | set(b):
            if (a.get(name) or 0) != (b.get(name) or 0):
                wrong += 1
                if wrong <= 5:
                    print(f"    differs: {key} {name}: kttt {a.get(name)} duckdb {b.get(name)}", file=sys.stderr)
    return wrong


def cases() -> list[Case]:
    from django.db.models import Count

    from kttt.areas.models import AdminUnit
    from kttt.registry.models import Organisation

    biggest = (
        Organisation.objects.values("current_province").annotate(n=Count("id")).order_by("-n").first() or {}
    ).get("current_province")
    province = AdminUnit.objects.get(pk=biggest) if biggest else None
    return [
        Case("national by province", NATIONAL_YEAR, "province", None, None, "former_province_id"),
        Case(f"{province.name if province else '?'} by commune", PROVINCE_YEAR, "area", province,
             "current_province_id", "current_commune_id"),
    ]  # fmt: skip


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    from django.db import connection
    from django.test import override_settings

    from kttt.indicators.queries import snapshot

    duck = load_duckdb()
    print(f"{'snapshot':<36}{'kttt ms':>9}{'duckdb ms':>11}{'ratio':>7}{'target':>14}  same figures")
    for case in cases():
        ours_ms, ours = median_ms(lambda c=case: snapshot(c.year, by=c.by, province=c.province))  # type: ignore[misc]
        duck_ms, theirs = median_ms(lambda c=case: duck_snapshot(duck, c))  # type: ignore[misc]
        wrong = differences(kttt_figures(ours), theirs)  # type: ignore[arg-type]
        ratio = ours_ms / duck_ms
        met = "met" if ours_ms <= TARGET_MS and ratio <= TARGET_RATIO else "MISSED"
        same = "yes" if not wrong else f"NO ({wrong} differ)"
        print(f"{case.name:<36}{ours_ms:>9.1f}{duck_ms:>11.1f}{ratio:>7.2f}   ≤2×, ≤100 ms {met:<7} {same}")
        print(f"BENCH|snapshot, {case.name}|{connection.vendor}|{ours_ms:.1f} ms|DuckDB {duck_ms:.1f} ms|{ratio:.2f}"
              f"|≤ 2× and ≤ {TARGET_MS:.0f} ms|{met}")  # fmt: skip
        with override_settings(KTTT_USE_FACTS=False):  # for comparison: the same snapshot from the records
            records_ms, _ = median_ms(lambda c=case: snapshot(c.year, by=c.by, province=c.province))  # type: ignore[misc]
        print(f"{'  without the fact table':<36}{records_ms:>9.1f}{duck_ms:>11.1f}{records_ms / duck_ms:>7.2f}")
        print(f"BENCH|  same, from the records (KTTT_USE_FACTS=0)|{connection.vendor}|{records_ms:.1f} ms"
              f"|DuckDB {duck_ms:.1f} ms|{records_ms / duck_ms:.2f}|for comparison|")  # fmt: skip
    sys.stdout.flush()


if __name__ == "__main__":
    main()
