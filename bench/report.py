"""Benchmark: one province's review report (2018 vs 2003) from the demo data, in each format.

Run with `bench/run` (it prepares a fresh SQLite database with the demo data). Prints the median of
several runs per format against the issue's target of 2 s.
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


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    from kttt.areas.gazetteer import shared_gazetteer
    from kttt.reports.build import build_report
    from kttt.reports.options import ReportOptions
    from kttt.reports.service import FORMATS, make_report

    province = shared_gazetteer().province("20", dt.date(2018, 12, 31))
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
    sys.stdout.flush()


if __name__ == "__main__":
    main()
