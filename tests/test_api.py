"""The REST API (/api/v1/): scopes, token and session authentication, validation through the services, the
workflow, pagination, filters and throttling. The permission matrix (tests/test_permissions.py) lists every
endpoint × role × method; these tests check what the answers hold."""

# ruff: noqa: F811  (the `world` fixture of tests/test_permissions.py is imported, and each test names it)

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse
from rest_framework.authtoken.models import Token

from kttt.annual.models import AnnualFigures, State
from kttt.audit.models import Entry
from kttt.registry.models import Organisation
from tests.test_permissions import FIG_YEAR, _commune, world  # noqa: F401  (world: organisations A, B, C, accounts)

World = dict[str, Any]


def _as(client: Client, world: World, role: str) -> Client:
    client.force_login(world["users"][role])
    return client


def _token(user: User) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Token {Token.objects.create(user=user).key}"}


def _codes(response: Any) -> list[str]:
    return sorted(row["code"] for row in response.json()["results"])


def _put(client: Client, url: str, body: dict[str, Any]) -> Any:
    return client.put(url, json.dumps(body), content_type="application/json")


def _figures_url(code: str, year: int = FIG_YEAR, step: str = "") -> str:
    kwargs: dict[str, Any] = {"code": code, "year": year}
    return (
        reverse("api:figures_step", kwargs=kwargs | {"step": step}) if step else reverse("api:figures", kwargs=kwargs)
    )


@pytest.mark.parametrize(
    ("role", "codes"),
    [("anon", "ABC"), ("none", ""), ("rep", "A"), ("xa", "A"), ("xem", "AB"), ("tinh", "AB"), ("admin", "ABC")],
)
def test_the_list_holds_the_person_s_scope(client: Client, world: World, role: str, codes: str) -> None:
    if role != "anon":
        _as(client, world, role)
    response = client.get(reverse("api:organisations"))
    assert response.status_code == 200
    assert "".join(_codes(response)) == codes


def test_anonymous_visitors_see_the_public_fields_only(client: Client, world: World) -> None:
    row = client.get(reverse("api:organisations")).json()["results"][0]
    assert set(row) == {
        "code",
        "name",
        "kind",
        "kind_label",
        "sector",
        "sector_label",
        "established",
        "province",
        "area",
    }
    detail = client.get(reverse("api:organisation", kwargs={"code": "C"})).json()
    assert "dissolved" not in detail and "status" not in detail


def test_a_token_signs_a_program_in_without_a_session(client: Client, world: World) -> None:
    headers = _token(world["users"]["xa"])
    response = client.get(reverse("api:organisations"), **headers)  # type: ignore[arg-type]
    assert _codes(response) == ["A"]
    assert response.json()["results"][0]["status"] == "hoat-dong"
    bad = client.get(reverse("api:plans"), HTTP_AUTHORIZATION="Token not-a-token")
    assert bad.status_code == 401


def test_private_endpoints_answer_401_with_the_scheme_to_use(client: Client, world: World) -> None:
    response = client.get(reverse("api:plans"))
    assert response.status_code == 401 and response["WWW-Authenticate"] == "Token"
    assert "đăng nhập" in response.json()["detail"].lower() or response.json()["detail"]


def test_filters_and_pages(client: Client, world: World) -> None:
    _as(client, world, "admin")
    url = reverse("api:organisations")
    assert _codes(client.get(url, {"province": "4"})) == ["C"]
    assert _codes(client.get(url, {"province": "20"})) == ["A", "B"]
    assert _codes(client.get(url, {"q": "hop tac xa c"})) == ["C"]
    assert _codes(client.get(url, {"year": "2015"})) == ["C"]  # A and B were established in 2025
    assert _codes(client.get(url, {"year": "2024", "reported": "yes"})) == []
    page = client.get(url).json()
    assert page["count"] == 3 and page["next"] is None and page["previous"] is None
    assert client.get(url, {"kind": "XYZ"}).status_code == 400
    assert client.get(url, {"page": 9}).status_code == 404


def test_reading_one_organisation_follows_the_scope(client: Client, world: World) -> None:
    _as(client, world, "xa")
    assert client.get(reverse("api:organisation", kwargs={"code": "A"})).json()["code"] == "A"
    assert client.get(reverse("api:organisation", kwargs={"code": "B"})).status_code == 404


def _new(area: str, **fields: Any) -> dict[str, Any]:
    return (
        {"name": "Hợp tác xã Mới", "kind": "HTX", "sector": "nong-nghiep", "province": "20", "area": area}
        | {"established": "2025-09-01"}
        | fields
    )


def test_a_commune_officer_creates_in_their_commune_only(client: Client, world: World) -> None:
    _as(client, world, "xa")
    url = reverse("api:organisations")
    outside = client.post(url, _new(_commune(1).code, code="N2"), content_type="application/json")
    assert outside.status_code == 403 and "địa bàn" in outside.json()["detail"]
    created = client.post(url, _new(_commune(0).code, code="N1"), content_type="application/json")
    assert created.status_code == 201, created.json()
    assert created.json()["organisation"]["area"]["code"] == _commune(0).code
    org = Organisation.objects.get(code="N1")
    assert Entry.objects.filter(object_id=org.pk, actor=world["users"]["xa"]).exists()  # audited by the service


def test_creating_checks_the_registry_rules(client: Client, world: World) -> None:
    _as(client, world, "tinh")
    url = reverse("api:organisations")
    taken = client.post(url, _new(_commune(0).code, code="A"), content_type="application/json")
    assert taken.status_code == 400 and "code" in taken.json()
    nowhere = client.post(url, _new("Không có xã này"), content_type="application/json")
    assert nowhere.status_code == 400 and "area" in nowhere.json()
    assert client.post(url, {}, content_type="application/json").json().keys() >= {"name", "kind", "established"}


def test_patch_changes_the_given_fields_and_keeps_the_scope(client: Client, world: World) -> None:
    _as(client, world, "xa")
    url = reverse("api:organisation", kwargs={"code": "A"})
    renamed = client.patch(url, {"name": "HTX Đổi tên"}, content_type="application/json")
    assert renamed.status_code == 200 and renamed.json()["organisation"]["name"] == "HTX Đổi tên"
    moved = client.patch(url, {"area": _commune(1).code}, content_type="application/json")
    assert moved.status_code == 403
    assert Organisation.objects.get(code="A").area_id == _commune(0).pk
    _as(client, world, "xem")
    assert client.patch(url, {"name": "X"}, content_type="application/json").status_code == 403


def test_a_representative_enters_only_their_own_figures(client: Client, world: World) -> None:
    _as(client, world, "rep")
    saved = _put(client, _figures_url("A"), {"members": 9, "workers": 12, "source": "báo cáo của HTX"})
    assert saved.status_code == 200, saved.json()
    assert saved.json()["members"] == 9 and saved.json()["state"] == State.SAVED
    assert client.get(_figures_url("A")).json()["workers"] == 12
    assert _put(client, _figures_url("B"), {"members": 9}).status_code == 404


def test_a_viewer_reads_figures_but_may_not_write_them(client: Client, world: World) -> None:
    _as(client, world, "xem")
    assert client.get(_figures_url("A")).json()["state"] is None  # nothing entered yet
    assert _put(client, _figures_url("A"), {"members": 9}).status_code == 403
    assert not AnnualFigures.objects.exists()


def test_figures_are_checked_as_on_the_figures_page(client: Client, world: World) -> None:
    _as(client, world, "tinh")
    contradiction = _put(client, _figures_url("A"), {"workers": 5, "worker_members": 8})
    assert contradiction.status_code == 400 and "worker_members" in contradiction.json()
    assert _put(client, _figures_url("A"), {"members": -1}).status_code == 400
    assert _put(client, _figures_url("A"), {}).status_code == 400
    assert client.get(_figures_url("A", 2019)).status_code == 404  # before the establishment


def test_warnings_must_be_confirmed(client: Client, world: World) -> None:
    _as(client, world, "admin")
    org = world["orgs"]["C"]
    AnnualFigures.objects.create(organisation=org, year=2023, members=10)
    jump = _put(client, _figures_url("C", 2024), {"members": 500})
    assert jump.status_code == 400 and jump.json()["warnings"]
    confirmed = _put(client, _figures_url("C", 2024), {"members": 500, "confirm_warnings": True})
    assert confirmed.status_code == 200 and confirmed.json()["warnings"]


def test_the_workflow_steps_follow_the_rights(client: Client, world: World) -> None:
    _as(client, world, "rep")
    _put(client, _figures_url("A"), {"members": 9})
    assert client.post(_figures_url("A", step="approve")).status_code == 403
    assert client.post(_figures_url("A", step="submit")).json()["state"] == State.SUBMITTED
    _as(client, world, "tinh")
    assert client.post(_figures_url("A", step="approve")).json()["state"] == State.APPROVED
    locked = _put(client, _figures_url("A"), {"members": 10})
    assert locked.status_code == 400 and "phê duyệt" in json.dumps(locked.json(), ensure_ascii=False)
    assert client.post(_figures_url("A", step="reopen"), {}, content_type="application/json").status_code == 400
    reopened = client.post(_figures_url("A", step="reopen"), {"reason": "Sai số thành viên"})
    assert reopened.json()["state"] == State.SAVED
    assert client.post(_figures_url("A", step="dance")).status_code == 404


def test_indicators_are_public(client: Client, world: World) -> None:
    AnnualFigures.objects.create(organisation=world["orgs"]["A"], year=FIG_YEAR, members=7)
    body = client.get(reverse("api:indicators"), {"province": "20", "year": str(FIG_YEAR)}).json()
    assert body["year"] == FIG_YEAR and body["province"]["code"] == "20"
    assert body["kinds"]["HTX"]["year"]["active"] == 2 and body["kinds"]["HTX"]["year"]["members"] == 7
    by_area = client.get(reverse("api:indicators"), {"province": "20", "year": str(FIG_YEAR), "by": "area"}).json()
    assert len(by_area["kinds"]["HTX"]["groups"]) == 2
    assert client.get(reverse("api:indicators"), {"by": "colour"}).status_code == 400
    assert client.get(reverse("api:indicators"), {"year": 1800}).status_code == 400


def test_plans_and_their_progress(client: Client, world: World) -> None:
    _as(client, world, "none")
    plans = client.get(reverse("api:plans")).json()
    assert plans["count"] == 1 and plans["results"][0]["name"] == "Kế hoạch 2021–2030"
    plan = client.get(reverse("api:plan", kwargs={"pk": world["ids"]["PLAN"]})).json()
    assert plan["plan"]["id"] == world["ids"]["PLAN"] and plan["targets"] == []
    assert client.get(reverse("api:plan", kwargs={"pk": world["ids"]["PLAN"]}), {"as_of": 2040}).status_code == 400


def test_a_report_is_written_as_on_the_reports_page(client: Client, world: World) -> None:
    _as(client, world, "xa")
    url = reverse("api:reports")
    response = client.post(url, {"year": FIG_YEAR, "province": "20", "format": "md"}, content_type="application/json")
    assert response.status_code == 200, response.content[:300]
    assert "attachment" in response["Content-Disposition"]
    if response["Content-Type"] == "application/zip":
        assert any(name.endswith(".md") for name in zipfile.ZipFile(io.BytesIO(response.content)).namelist())
    else:
        assert response.content.decode().startswith("#") or "Báo cáo" in response.content.decode()
    wrong = client.post(url, {"year": 2000, "baseline": 2001, "format": "pdf"}, content_type="application/json")
    assert wrong.status_code == 400 and {"year", "baseline"} <= set(wrong.json())


@override_settings(KTTT_API_ANON_RATE="3/min")
def test_anonymous_clients_are_throttled(client: Client, world: World) -> None:
    cache.clear()
    url = reverse("api:indicators")
    statuses = [client.get(url, {"province": "20"}).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    client.force_login(world["users"]["xem"])
    assert client.get(url, {"province": "20"}).status_code == 200  # signed-in people have their own rate
    cache.clear()


def test_the_docs_page_explains_tokens_and_links_the_schema(client: Client, db: None) -> None:
    html = client.get(reverse("api:docs")).content.decode()
    assert reverse("api:schema") in html and "kttt token" in html and "Authorization: Token" in html


def test_the_token_command_prints_a_token(world: World) -> None:
    out = io.StringIO()
    call_command("token", "xa", stdout=out)
    key = out.getvalue().strip()
    assert Token.objects.get(user=world["users"]["xa"]).key == key
    again = io.StringIO()
    call_command("token", "xa", "--reset", stdout=again)
    assert again.getvalue().strip() != key
    call_command("token", "xa", stdout=io.StringIO())  # printed again: nothing changes, nothing is recorded


def test_creating_or_replacing_a_token_is_audited_without_the_key(world: World) -> None:
    from kttt.audit.models import Entry

    user = world["users"]["xa"]
    keys = []
    for arguments in (["xa"], ["xa"], ["xa", "--reset"]):
        out = io.StringIO()
        call_command("token", *arguments, stdout=out)
        keys.append(out.getvalue().strip())
    entries = list(Entry.objects.filter(object_label="auth.user", object_id=str(user.pk)).order_by("id"))
    assert [e.reason for e in entries] == ["kttt token", "kttt token --reset"]  # the second run only printed
    assert [e.changes for e in entries] == [
        {"token API": ["", "token mới"]},
        {"token API": ["token cũ (đã hủy)", "token mới"]},
    ]
    assert all(e.actor_name.startswith("CLI") and e.object_repr == user.username for e in entries)
    stored = [str(value) for e in entries for value in (e.changes, e.object_repr, e.object_id, e.reason)]
    assert not any(key in text for key in keys for text in stored)
