"""Benchmark: one province's review report (2018 vs 2003), in each format.

Run with `bench/run`, or alone against DATABASE_URL: `report.py [GSO province code]` (by default the province
with the most organisations). Prints the median of several runs per format against the target of 2 s.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import time

import django

TARGET_SECONDS = 2.0
RUNS = 5


def biggest_province() -> str:
    from django.db.models import Count

    from kttt.registry.models import Organisation

    found = Organisation.objects.values("former_province__code").annotate(n=Count("id")).order_by("-n").first()
    return str(found["former_province__code"]) if found else "20"


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    from django.db import connection

    from kttt.areas.gazetteer import shared_gazetteer
    from kttt.reports.build import build_report
    from kttt.reports.options import ReportOptions
    from kttt.reports.service import FORMATS, make_report

    code = sys.argv[1] if len(sys.argv) > 1 else biggest_province()
    province = shared_gazetteer().province(code, dt.date(2018, 12, 31))
    print(province.name)
    options = ReportOptions(2018, 2003, province, variant="review")
    build_report(options)  # warm caches (fonts, matplotlib, templates) outside the timings
    print(f"{'format':<8}{'median s':>10}{'min s':>8}{'target s':>10}{'ratio':>8}  size")
    for fmt in FORMATS:
        times, size = [], 0
        for _ in range(RUNS):
            start = time.perf_counter()
            size = len(make_report(options, fmt).content)
            times.append(time.perf_counter() - start)
        median = statistics.median(times)
        ratio = median / TARGET_SECONDS
        print(f"{fmt:<8}{median:>10.2f}{min(times):>8.2f}{TARGET_SECONDS:>10.1f}{ratio:>8.2f}  {size:,} B")
        met = "met" if median <= TARGET_SECONDS else "MISSED"
        print(f"BENCH|report {fmt}, {province.short_name}|{connection.vendor}|{median:.2f} s||{ratio:.2f}"
              f"|≤ {TARGET_SECONDS:.0f} s|{met}")  # fmt: skip
    sys.stdout.flush()


if __name__ == "__main__":
    main()
