"""The Lạng Sơn plan of the 2019 article against the demo data (issue 4: "Done when")."""

from __future__ import annotations

import io
import json
import re

import pytest
from django.core.management import call_command

from kttt.plans.demo import LANG_SON_PLAN, NATIONAL_PLAN, load_demo_plans
from kttt.plans.models import Plan
from kttt.plans.progress import Status

pytestmark = pytest.mark.django_db

# With the demo registry: 42–57 new HTX a year since 2019, few new THT until 2023, one new union,
# ratings khá + tốt 55% → 68% over 2020–2025, trained officers ≈60% in 2025.
EXPECTED = [
    ("Hỗ trợ thành lập mới 120 HTX", Status.REACHED),
    ("Hỗ trợ thành lập mới 250 THT", Status.ON_TRACK),
    ("Thành lập mới từ 8 liên hiệp HTX trở lên", Status.AT_RISK),
    ("50% số HTX hoạt động khá, giỏi", Status.REACHED),
    ("Ít nhất 65% cán bộ chủ chốt HTX được đào tạo chuyên môn", Status.ON_TRACK),
]
LOANS = "100 HTX được vay vốn từ Quỹ hỗ trợ phát triển HTX"


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("plan", *args, stdout=out)
    return out.getvalue()


def test_the_lang_son_plan_shows_its_six_targets_with_a_status(demo: str) -> None:
    load_demo_plans()
    load_demo_plans()  # idempotent: upserted by name
    assert sorted(Plan.objects.values_list("name", flat=True)) == sorted([LANG_SON_PLAN, NATIONAL_PLAN])
    assert [p.targets.count() for p in Plan.objects.order_by("start_year")] == [6, 4]

    listing = run("list")
    assert "Phát triển kinh tế tập thể tỉnh Lạng Sơn đến năm 2030 (2019–2030) — phạm vi: Tỉnh Lạng Sơn" in listing
    assert "số —, ngày 14/05/2019" in listing

    text = run("progress", "lang son")
    rows = [re.split(r"\s{2,}", line) for line in text.splitlines() if re.match(r"\d\. ", line)][:6]
    statuses = {str(s.label) for s in Status}
    assert [(row[0], row[-1]) for row in rows[:5]] == [
        (f"{i}. {label}", status.label) for i, (label, status) in enumerate(EXPECTED, start=1)
    ]
    assert rows[5][0] == f"6. {LOANS}" and rows[5][-1] in statuses
    assert all(len(row) == 7 for row in rows)  # label, target, baseline, actual, expected, projection, status

    data = json.loads(run("progress", "Phát triển kinh tế tập thể tỉnh Lạng Sơn đến năm 2030", "--json"))
    assert data["as_of"] == 2025
    new_htx = data["targets"][0]
    assert new_htx["actual"] == sum(point["value"] for point in new_htx["series"][1:])  # 2019–2025
    assert new_htx["records"]["count"] == new_htx["actual"]
    assert data["targets"][3]["baseline"]["year"] == 2020  # no ratings before Circular 01/2020
