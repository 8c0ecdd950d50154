"""`kttt plan list` and `kttt plan progress PLAN [--as-of Y] [--json]`."""

from __future__ import annotations

import io
import json
import re
from decimal import Decimal
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from kttt.plans.models import Measure, Plan, TargetKind
from tests.conftest import Loader


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("plan", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def plan(load: Loader) -> Plan:
    load(
        organizations=[{"code": f"N{i:02}", "established": f"{2019 + i % 3}-03-01"} for i in range(60)],
        annual=[{"code": f"N0{i}", "year": "2021", "rating": r} for i, r in enumerate(["tot", "kha", "yeu"])],
    )
    plan = Plan.objects.create(
        name="Phát triển HTX Đình Lập", start_year=2019, end_year=2030, document_number="12/KH-UBND"
    )
    plan.targets.create(label="Thành lập mới 120 HTX", measure=Measure.NEW_HTX, value=Decimal(120), kind="cumulative")
    plan.targets.create(label="Tỷ lệ HTX tốt, khá", measure=Measure.SHARE_HTX_GOOD, value=Decimal(50), kind="share")
    return plan


def test_the_list_shows_every_plan(plan: Plan) -> None:
    out = run("list")
    assert f"[{plan.pk}] Phát triển HTX Đình Lập (2019–2030)" in out
    assert "số 12/KH-UBND" in out
    assert "2 chỉ tiêu" in out


def test_an_empty_list_says_so(db: None) -> None:
    assert "Chưa có kế hoạch nào" in run("list")


@pytest.mark.parametrize("name", ["phat trien htx dinh lap", "PHÁT TRIỂN HTX ĐÌNH LẬP", "dinh lap", "{pk}"])
def test_a_plan_is_found_by_id_or_by_name_without_diacritics(plan: Plan, name: str) -> None:
    out = run("progress", name.format(pk=plan.pk), "--as-of", "2021")
    assert "Số liệu đến 31/12/2021" in out
    assert "1. Thành lập mới 120 HTX" in out


def test_the_text_has_a_row_per_target_with_vietnamese_numbers(plan: Plan) -> None:
    lines = run("progress", str(plan.pk), "--as-of", "2021").splitlines()
    row = next(line for line in lines if line.startswith("1. Thành lập mới 120 HTX"))
    # 60 new in 2019–2021; expected 120 × 3/12 = 30; projection 60 + 20 × 9 = 240.
    assert re.split(r"\s{2,}", row) == [
        "1. Thành lập mới 120 HTX",
        "≥ 120",
        "0 (2018)",
        "60",
        "30",
        "240",
        "Đúng tiến độ",
    ]
    share = next(line for line in lines if line.startswith("2. Tỷ lệ HTX tốt, khá"))
    assert re.split(r"\s{2,}", share)[1:4] == [
        "≥ 50,0%",
        "— (2018)",
        "66,7%",
    ]  # ratings start too late to be a baseline
    assert share.endswith("Đã đạt")
    assert "Hợp tác xã có ngày thành lập từ 01/01/2019 đến 31/12/2021: 60 tổ chức — N00, N01" in "\n".join(lines)


def test_the_text_lists_at_most_50_codes_and_the_json_all(plan: Plan) -> None:
    text = run("progress", str(plan.pk), "--as-of", "2021")
    assert "N49" in text
    assert "N50" not in text
    assert "(và 10 tổ chức khác)" in text
    data = json.loads(run("progress", str(plan.pk), "--as-of", "2021", "--json"))
    assert len(data["targets"][0]["records"]["codes"]) == 60


def test_the_json_has_stable_keys(plan: Plan) -> None:
    data: dict[str, Any] = json.loads(run("progress", str(plan.pk), "--as-of", "2021", "--json"))
    assert set(data) == {"plan", "as_of", "targets"}
    assert data["plan"]["document"]["number"] == "12/KH-UBND"
    target = data["targets"][0]
    assert set(target) == {
        "order", "label", "measure", "unit", "kind", "comparator", "value", "baseline", "milestones",
        "actual", "expected", "projection", "status", "status_label", "series", "records",
    }  # fmt: skip
    assert (target["actual"], target["expected"], target["projection"]) == (60, 30, 240)
    assert (target["status"], target["status_label"]) == ("dung-tien-do", "Đúng tiến độ")
    assert target["baseline"] == {"year": 2018, "value": 0, "computed": True}
    assert target["series"][1] == {"year": 2019, "value": 20, "cumulative": 20}
    assert data["targets"][1]["status"] == "da-dat"


def test_the_as_of_year_defaults_to_the_latest_year_with_records(plan: Plan) -> None:
    assert json.loads(run("progress", str(plan.pk), "--json"))["as_of"] == 2021


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["progress", "không có"], "Không tìm thấy kế hoạch “không có”"),
        (["progress", "htx", "--as-of", "1800"], "Năm 1800 không hợp lệ"),
    ],
)
def test_errors_are_in_vietnamese(plan: Plan, args: list[str], message: str) -> None:
    with pytest.raises(CommandError, match=message):
        run(*args)


def test_an_ambiguous_name_asks_for_the_id(plan: Plan) -> None:
    Plan.objects.create(name="Phát triển HTX Lộc Bình", start_year=2021, end_year=2025)
    with pytest.raises(CommandError, match="Có nhiều kế hoạch khớp"):
        run("progress", "phat trien htx")


def test_a_kind_is_a_text_choice(db: None) -> None:
    assert TargetKind("share").label == "Tỷ lệ cuối kỳ (%)"
