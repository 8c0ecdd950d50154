"""Load for bench/load.py: officers reading the dashboard of their province.

Each simulated officer is signed in (bench/load.py signs in once, as the demo administrator, and gives every
user that session: officers sign in once a day, and password hashing is slow by design), keeps one province
(a GSO code from KTTT_BENCH_PROVINCES) and, every 1–3 s, opens the dashboard for a year — the page, then the
plan targets the page fetches with htmx once shown — as a browser does.
"""

from __future__ import annotations

import os
import random

from locust import HttpUser, between, task

PROVINCES = os.environ.get("KTTT_BENCH_PROVINCES", "20").split(",")
YEARS = (2018, 2020, 2022, 2024, 2025)


class Reader(HttpUser):
    wait_time = between(1, 3)

    def on_start(self) -> None:
        self.province = random.choice(PROVINCES)
        self.client.cookies.set("sessionid", os.environ["KTTT_BENCH_SESSION"])

    @task
    def dashboard(self) -> None:
        query = f"?province={self.province}&year={random.choice(YEARS)}"
        page: tuple[str, str, dict[str, str]] = (f"/tong-quan/{query}", "/tong-quan/", {})
        # The page asks for the plan targets with htmx once shown.
        targets = (f"/tong-quan/{query}&part=targets", "(targets)", {"HX-Request": "true"})
        for url, name, headers in (page, targets):
            with self.client.get(url, name=name, headers=headers, allow_redirects=False, catch_response=True) as answer:
                if answer.status_code != 200:
                    answer.failure(f"answered {answer.status_code}")
