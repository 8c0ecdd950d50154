"""Submission and approval of yearly figures: saved → submitted → approved (locked) → reopened with a reason; who
may take each step; the deadline of the regime in force; imports cannot change approved figures."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any
from unittest.mock import patch

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kttt.annual import services, workflow
from kttt.annual.models import AnnualFigures, State
from kttt.audit.models import Action, Entry
from kttt.exchange.importer import ImportFailed, import_sheets
from kttt.exchange.reader import sheets_from_rows
from kttt.rules.deadlines import deadline
from tests.test_permissions import world  # noqa: F401  (the fixture: organisations A, B, C and the accounts)

YEAR = 2025


@pytest.mark.parametrize(
    ("year", "due"),
    [
        (2012, dt.date(2013, 1, 15)),  # the 2012 law: 15 January of the next year
        (2023, dt.date(2024, 1, 15)),  # still the 2012 rules on 15/1/2024
        (2024, dt.date(2024, 12, 15)),  # Law 17/2023 in force from 1/7/2024: 15 December of the year
        (2030, dt.date(2030, 12, 15)),
    ],
)
def test_the_deadline_follows_the_regime_in_force(year: int, due: dt.date) -> None:
    assert deadline(year) == due


def _at(day: dt.date) -> Any:
    moment = timezone.make_aware(dt.datetime.combine(day, dt.time(10)))
    return patch("django.utils.timezone.now", return_value=moment)


def test_the_whole_path_with_each_step_by_its_role(world: dict[str, Any]) -> None:  # noqa: F811
    a, users = world["orgs"]["A"], world["users"]
    services.save_figures(a, YEAR, {"members": 12}, users["rep"])
    with pytest.raises(PermissionDenied):
        workflow.submit(a, YEAR, users["xem"])  # a viewer may not submit
    with _at(dt.date(2025, 12, 10)):
        row = workflow.submit(a, YEAR, users["rep"])
    assert row.state == State.SUBMITTED and row.submitted_by == users["rep"] and workflow.on_time(row)
    with pytest.raises(PermissionDenied):
        workflow.approve(a, YEAR, users["rep"])  # the cooperative may not approve its own figures
    with pytest.raises(PermissionDenied):
        workflow.approve(a, YEAR, users["xa"])  # nor the commune officer
    row = workflow.approve(a, YEAR, users["tinh"])
    assert row.state == State.APPROVED and row.approved_by == users["tinh"]
    with pytest.raises(ValidationError, match="đã được phê duyệt"):
        services.save_figures(a, YEAR, {"members": 13}, users["tinh"])
    assert AnnualFigures.objects.get(organisation=a, year=YEAR).members == 12
    with pytest.raises(ValidationError, match="lý do"):
        workflow.reopen(a, YEAR, "  ", users["tinh"])
    row = workflow.reopen(a, YEAR, "Sai số thành viên", users["tinh"])
    assert row.state == State.SAVED and row.approved_at is None
    services.save_figures(a, YEAR, {"members": 13}, users["rep"])
    steps = list(Entry.objects.filter(organisation=a).order_by("id").values_list("action", "reason"))
    assert [s for s, _ in steps if s in (Action.SUBMIT, Action.APPROVE, Action.REOPEN)] == [
        Action.SUBMIT,
        Action.APPROVE,
        Action.REOPEN,
    ]
    assert ("reopen", "Sai số thành viên") in steps


def test_a_late_submission_is_marked_late(world: dict[str, Any]) -> None:  # noqa: F811
    a, rep = world["orgs"]["A"], world["users"]["rep"]
    services.save_figures(a, YEAR, {"members": 12}, rep)
    with _at(dt.date(2025, 12, 16)):
        row = workflow.submit(a, YEAR, rep)
    assert workflow.on_time(row) is False
    assert "quá hạn" in str(Entry.objects.get(action=Action.SUBMIT).changes["state"][1])


def test_changing_submitted_figures_sends_them_back_to_saved(world: dict[str, Any]) -> None:  # noqa: F811
    a, rep = world["orgs"]["A"], world["users"]["rep"]
    services.save_figures(a, YEAR, {"members": 12}, rep)
    workflow.submit(a, YEAR, rep)
    services.save_figures(a, YEAR, {"members": 12}, rep)  # nothing changed: still submitted
    assert AnnualFigures.objects.get(organisation=a, year=YEAR).state == State.SUBMITTED
    services.save_figures(a, YEAR, {"members": 14}, rep)
    assert AnnualFigures.objects.get(organisation=a, year=YEAR).state == State.SAVED


def test_only_saved_figures_can_be_submitted_and_only_submitted_approved(world: dict[str, Any]) -> None:  # noqa: F811
    a, users = world["orgs"]["A"], world["users"]
    with pytest.raises(ValidationError, match="Chưa có số liệu"):
        workflow.submit(a, YEAR, users["rep"])
    services.save_figures(a, YEAR, {"members": 12}, users["rep"])
    with pytest.raises(ValidationError, match="Chỉ phê duyệt"):
        workflow.approve(a, YEAR, users["tinh"])
    workflow.submit(a, YEAR, users["rep"])
    with pytest.raises(ValidationError, match="đang ở tình trạng"):
        workflow.submit(a, YEAR, users["rep"])


def test_an_import_cannot_change_approved_figures(world: dict[str, Any], tmp_path: Path) -> None:  # noqa: F811
    a, users = world["orgs"]["A"], world["users"]
    services.save_figures(a, YEAR, {"members": 12}, users["tinh"])
    workflow.submit(a, YEAR, users["tinh"])
    workflow.approve(a, YEAR, users["tinh"])
    same = sheets_from_rows({"annual": [{"code": "A", "year": str(YEAR), "members": "12"}]})
    assert import_sheets(same).counts["annual"].unchanged == 1
    changed = sheets_from_rows({"annual": [{"code": "A", "year": str(YEAR), "members": "20"}]})
    with pytest.raises(ImportFailed) as failed:
        import_sheets(changed)
    (error,) = failed.value.result.errors
    assert (error.sheet, error.row) == ("annual.csv", 2) and "phê duyệt" in error.message
    assert AnnualFigures.objects.get(organisation=a, year=YEAR).members == 12


def test_the_figures_page_offers_the_steps_the_person_may_take(client: Client, world: dict[str, Any]) -> None:  # noqa: F811
    a, users = world["orgs"]["A"], world["users"]
    services.save_figures(a, YEAR, {"members": 12}, users["rep"])
    page = reverse("annual:edit", kwargs={"pk": a.pk, "year": YEAR})
    step = reverse("annual:step", kwargs={"pk": a.pk, "year": YEAR})
    client.force_login(users["rep"])
    html = client.get(page).content.decode()
    assert 'value="submit"' in html and 'value="approve"' not in html
    assert client.post(step, {"step": "submit"})["Location"] == page
    assert client.post(step, {"step": "approve"}).status_code == 403
    client.force_login(users["tinh"])
    html = client.get(page).content.decode()
    assert 'value="approve"' in html and 'name="reason"' in html
    client.post(step, {"step": "approve"})
    response = client.post(step, {"step": "reopen", "reason": ""}, follow=True)
    assert "Cần ghi lý do" in response.content.decode()
    assert AnnualFigures.objects.get(organisation=a, year=YEAR).state == State.APPROVED


def test_the_dashboard_counts_reports_submitted_on_time_late_and_approved(
    client: Client,
    world: dict[str, Any],  # noqa: F811
) -> None:
    users, orgs = world["users"], world["orgs"]
    for code in ("A", "B"):
        services.save_figures(orgs[code], YEAR, {"members": 10}, users["tinh"])
    with _at(dt.date(2025, 12, 1)):
        workflow.submit(orgs["A"], YEAR, users["tinh"])
    with _at(dt.date(2026, 1, 5)):
        workflow.submit(orgs["B"], YEAR, users["tinh"])
    workflow.approve(orgs["A"], YEAR, users["tinh"])
    client.force_login(users["tinh"])
    response = client.get(reverse("indicators:dashboard"), {"province": "20", "year": str(YEAR)})
    board = response.context["board"]
    (htx,) = [c for c in board.completeness if c.kind == "HTX"]
    assert (htx.submitted, htx.on_time, htx.late, htx.approved) == (2, 1, 1, 1)
    assert board.deadline == dt.date(2025, 12, 15)
    assert "Đã gửi: 2 (đúng hạn 1, quá hạn 1); đã phê duyệt: 1" in response.content.decode()
    rows = {row.label: row for row in board.reporting.rows}
    first = rows[world["communes"][0].name]
    assert (first.active, first.reported, first.submitted, first.on_time, first.approved) == (1, 1, 1, 1, 1)
    api = client.get(reverse("api:reporting"), {"province": "20", "year": str(YEAR)}).json()
    assert api["deadline"] == "15/12/2025" and "09/2024" in api["regime"]
    by_area = {row["area"]: row for row in api["areas"]}
    second = by_area[world["communes"][1].name]
    assert (second["submitted"], second["on_time"], second["late"], second["approved"]) == (1, 0, 1, 0)
