"""The dashboard of the Lạng Sơn demo data shows what `kttt indicators --year 2018 --baseline 2003` computes, and
answers "which districts grew most between 2003 and 2018?"."""

from __future__ import annotations

import io
import json
import re
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from kttt.web.templatetags.kttt import num, signed, times, vnd
from tests.conftest import province_officer
from tests.test_web_dashboard import kpi, page, table

pytestmark = pytest.mark.django_db


def indicators(**options: Any) -> dict[str, Any]:
    out = io.StringIO()
    call_command("indicators", json=True, stdout=out, **options)
    result: dict[str, Any] = json.loads(out.getvalue())
    return result


@pytest.fixture
def officer(demo: str, client: Client) -> Client:
    client.force_login(province_officer("dashboard-reader", password="x-Strong-pass-1"))
    return client


def test_the_2018_review_figures_are_on_the_dashboard(officer: Client) -> None:
    body = page(officer, "year=2018&baseline=2003")
    kinds = indicators(year=2018, baseline=2003)["kinds"]
    htx, tht = kinds["HTX"], kinds["THT"]
    assert (htx["year"]["active"], htx["change"]["active"]["difference"]) == (220, 128)
    assert kpi(body, "htx").startswith("220 ") and "so với 2003: +128" in kpi(body, "htx")
    assert kpi(body, "tht").startswith(f"{num(tht['year']['active'])} ")  # 1.810
    members = kpi(body, "members")
    assert members.startswith(f"{num(htx['year']['members'])} người")  # 3.469
    assert f"so với 2003: {signed(htx['change']['members']['difference'])}" in members  # −237
    assert kpi(body, "capital").startswith(vnd(htx["year"]["charter_capital"]))  # 274 tỷ đồng
    income = kpi(body, "income")
    assert income.startswith(vnd(htx["year"]["avg_income"])) and times(htx["change"]["avg_income"]["ratio"]) in income


def test_the_districts_that_grew_most_between_2003_and_2018(officer: Client) -> None:
    body = page(officer, "year=2018&baseline=2003")
    now = indicators(year=2018, by="former-district")["kinds"]["HTX"]["groups"]
    then = {
        g["label"]: g["year"]["active"] for g in indicators(year=2003, by="former-district")["kinds"]["HTX"]["groups"]
    }
    change = {g["label"]: g["year"]["active"] - then.get(g["label"], 0) for g in now}
    ranked = [(row[1], row[4]) for row in table(body, "growth")]
    assert dict(ranked) == {label: signed(diff) for label, diff in change.items()}
    assert ranked[0][1] == signed(max(change.values()))
    assert len(ranked) == 11  # the eleven districts and cities of Lạng Sơn before 2025
    chart = re.search(r'aria-labelledby="growth-title">.*?<svg(.*?)</svg>', body, re.S)
    assert chart and ranked[0][0] in chart.group(1)
