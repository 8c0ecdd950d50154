"""Benchmark: server time of the web pages on the demo data (Django's test client, no network).

Run with `bench/run` (a fresh SQLite database with the demo data), or alone against DATABASE_URL (default
var/kttt.sqlite3). The database is only read: sessions live in signed cookies, the login does not record
its time, and SQLite connections are switched to query-only. Prints p50 and p95 of several requests per page
against the issue's target of 150 ms.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from typing import Any

import django

TARGET_MS = 150.0
WARM_UP = 5
RUNS = 50
PAGES = (
    "/tong-quan/",
    "/tong-quan/?year=2018&baseline=2003",
    # Plan targets are fetched by the dashboard in a second request once the page is shown.
    "/tong-quan/?part=targets",
    "/tong-quan/?year=2018&baseline=2003&part=targets",
    "/cong-khai/",
    "/to-chuc/",  # the registry list
    "/to-chuc/?q=dinh+lap&kind=HTX&year=2018",  # an unaccented search with filters
    "/cong-khai/danh-ba/",
)


def read_only(sender: Any, connection: Any, **kwargs: Any) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA query_only = ON")
        elif connection.vendor == "postgresql":
            cursor.execute("SET default_transaction_read_only = on")


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import update_last_login
    from django.contrib.auth.signals import user_logged_in
    from django.db.backends.signals import connection_created
    from django.test import Client

    settings.SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
    user_logged_in.disconnect(update_last_login, dispatch_uid="update_last_login")
    connection_created.connect(read_only)
    user = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
    if user is None:
        sys.exit("No superuser in the database: run `kttt demo` first.")
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    # CPU time beside wall time: on a busy machine the wall time also counts the time spent waiting for a CPU.
    print(f"{'page':<52}{'p50 ms':>8}{'p95 ms':>8}{'target':>8}{'ratio':>7}{'cpu p50':>9}")
    for page in PAGES:
        for _ in range(WARM_UP):
            status = client.get(page).status_code
        if status != 200:
            print(f"{page:<52}  (answers {status}, not measured)")
            continue
        times, cpu = [], []
        for _ in range(RUNS):
            start, start_cpu = time.perf_counter(), time.process_time()
            client.get(page)
            times.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
        p50, p95 = statistics.median(times), statistics.quantiles(times, n=20, method="inclusive")[18]
        row = f"{page:<52}{p50:>8.1f}{p95:>8.1f}{TARGET_MS:>8.0f}{p95 / TARGET_MS:>7.2f}"
        print(f"{row}{statistics.median(cpu):>9.1f}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
