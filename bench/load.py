"""Benchmark: the dashboard under load — 50 users for 60 s (locust) against KTTT served by gunicorn.

Serves DATABASE_URL with production settings (DEBUG off; HTTPS redirect and secure cookies off, since this is
plain HTTP on 127.0.0.1) through gunicorn as deployed (config/gunicorn.py) on a free local port, waits until
it answers, then runs bench/locustfile.py headless: each user reads the dashboard of one province (provinces
with organisations, spread over the users) every 1–3 s. Prints p50/p95 of every request and the error count
against the targets (p95 ≤ 150 ms, no errors), counted once every user has started. Usage: load.py [USERS] [SECONDS].

Two runs, one after the other, on the same server:
- cache cold: the rendered dashboard parts are cached under the data stamp (ADR 9), and the data just
  changed (bench/run imports just before), so the first reader of every province, year and part builds it;
- cache warm: the same load again, as after a quiet spell with no writes.
"""

from __future__ import annotations

import csv
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import django

TARGET_P95_MS = 150.0
ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def provinces() -> list[str]:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    from kttt.registry.models import Organisation

    codes = Organisation.objects.order_by().values_list("former_province__code", flat=True).distinct()
    return sorted(c for c in codes if c) or ["20"]


def wait_until_up(url: str, server: subprocess.Popen[bytes]) -> None:
    for _ in range(120):
        if server.poll() is not None:
            sys.exit(f"gunicorn stopped (exit {server.returncode})")
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    sys.exit(f"{url} did not answer")


def sign_in(host: str) -> str:
    """The session of the demo administrator, signed in through the login page."""
    import http.cookiejar
    import re
    import urllib.parse

    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with opener.open(f"{host}/dang-nhap/", timeout=60) as page:
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.read().decode())
    form = {"username": "admin", "password": "kttt-demo", "csrfmiddlewaretoken": token.group(1) if token else ""}
    request = urllib.request.Request(f"{host}/dang-nhap/", urllib.parse.urlencode(form).encode(), {"Referer": host})
    with opener.open(request, timeout=60):
        pass
    session = next((c.value for c in jar if c.name == "sessionid"), None)
    if session is None:
        sys.exit("Could not sign in as admin / kttt-demo: run `kttt demo` first.")
    return session


def main() -> None:
    users, seconds = (int(a) for a in (sys.argv[1:3] + ["50", "60"][len(sys.argv[1:3]) :]))
    port = free_port()
    env = os.environ | {
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "SECURE_HSTS_SECONDS": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DB_CONN_MAX_AGE": "600",
        "KTTT_BENCH_PROVINCES": ",".join(provinces()),
    }
    env["KTTT_BIND"] = f"127.0.0.1:{port}"
    pages = tempfile.TemporaryDirectory()  # the rendered parts' cache: empty at the start
    env["KTTT_PAGE_CACHE"] = pages.name
    workers = env.get("KTTT_WORKERS") or str(2 * len(os.sched_getaffinity(0)) + 1)
    # As deployed (config/gunicorn.py); the access log (stdout) is not kept.
    server = subprocess.Popen(
        [BIN / "gunicorn", "--config", "python:config.gunicorn"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL
    )
    try:
        host = f"http://127.0.0.1:{port}"
        wait_until_up(f"{host}/suc-khoe/", server)
        env["KTTT_BENCH_SESSION"] = sign_in(host)
        for cache in ("cache cold", "cache warm"):
            with tempfile.TemporaryDirectory() as tmp:
                subprocess.run(
                    [BIN / "locust", "-f", ROOT / "bench/locustfile.py", "--headless", "-u", str(users), "-r",
                     str(max(users // 5, 1)), "-t", f"{seconds}s", "--host", host, "--csv", f"{tmp}/load",
                     "--only-summary", "--loglevel", "WARNING", "--reset-stats"],
                    env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                )  # fmt: skip
                report(Path(tmp) / "load_stats.csv", users, seconds, workers, cache)
    finally:
        server.terminate()
        server.wait(30)
        pages.cleanup()


def report(stats: Path, users: int, seconds: int, workers: str, cache: str) -> None:
    from django.db import connection

    with stats.open(encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    print(f"{users} users, {seconds} s, gunicorn {workers} workers, {connection.vendor}, {cache}")
    print(f"{'request':<28}{'requests':>9}{'errors':>8}{'p50 ms':>8}{'p95 ms':>8}{'req/s':>8}")
    for row in rows:
        name = row["Name"] or "all"
        print(
            f"{name:<28}{row['Request Count']:>9}{row['Failure Count']:>8}{row['50%']:>8}{row['95%']:>8}"
            f"{float(row['Requests/s']):>8.1f}"
        )
    # The target is the dashboard page's; errors are counted over every request (sign-in and targets too).
    total = next(r for r in rows if r["Name"] == "/tong-quan/")
    p95, errors = float(total["95%"]), int(next(r for r in rows if r["Name"] == "Aggregated")["Failure Count"])
    met = "met" if p95 <= TARGET_P95_MS and errors == 0 else "MISSED"
    print(f"p95 {p95:.0f} ms (target ≤ {TARGET_P95_MS:.0f}), errors {errors} (target 0): {met}")
    print(f"BENCH|dashboard, {users} users {seconds} s, {cache}|{connection.vendor}|p95 {p95:.0f} ms, {errors} errors"
          f"|p50 {total['50%']} ms|{p95 / TARGET_P95_MS:.2f}|p95 ≤ {TARGET_P95_MS:.0f} ms, 0 errors|{met}")  # fmt: skip


if __name__ == "__main__":
    main()
