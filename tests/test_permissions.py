"""The permission matrix: every role × every page × method → the status it must get. Scopes are decided in one
place (kttt.accounts.access); this table proves they reach every page. A meta-test fails when a named URL is
missing from the table.

Organisations: A and B in two communes of Lạng Sơn, C in Cao Bằng. Roles: anonymous; a signed-in person without
an account row ("none"); A's representative ("rep"); the commune officer of A's commune ("xa"); a province viewer
and a province officer of Lạng Sơn ("xem", "tinh"); the system administrator ("admin").
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import get_resolver, reverse

from kttt.accounts.access import Action, access, organisations
from kttt.accounts.models import Account, Role
from kttt.areas.models import AdminUnit, Level, Scheme
from kttt.exchange.models import ImportLog, Outcome
from kttt.plans.models import Plan
from kttt.registry.models import Organisation
from tests.conftest import Loader
from tests.test_web_access import named_urls

ROLES = ("anon", "none", "rep", "xa", "xem", "tinh", "admin")
LOGIN = 302  # sent to the login page
FIG_YEAR = 2025

# URL name → [(method, kwargs, statuses in the order of ROLES)]. kwargs naming "A", "B", "C" stand for the
# organisations' ids, "LOG" for an import log of the province officer, "PLAN" for a plan.
MATRIX: dict[str, list[tuple[str, dict[str, Any], str]]] = {
    "web:home": [("GET", {}, "302 302 302 302 302 302 302")],
    "web:login": [("GET", {}, "200 302 302 302 302 302 302")],  # a signed-in person is sent on
    "web:logout": [("POST", {}, "302 302 302 302 302 302 302")],
    "web:health": [("GET", {}, "200 200 200 200 200 200 200")],
    "indicators:dashboard": [("GET", {}, "302 200 200 200 200 200 200")],
    "indicators:public": [("GET", {}, "200 200 200 200 200 200 200")],
    "indicators:open_data": [("GET", {}, "200 200 200 200 200 200 200")],
    "indicators:open_data_file": [
        ("GET", {"dataset": "chi-tieu", "fmt": "csv"}, "200 200 200 200 200 200 200"),
    ],
    "registry:list": [("GET", {}, "302 200 200 200 200 200 200")],
    "registry:export": [("GET", {}, "302 200 200 200 200 200 200")],
    "registry:create": [
        ("GET", {}, "302 403 403 200 403 200 200"),
        ("POST", {}, "302 403 403 200 403 200 200"),
    ],
    "registry:detail": [
        ("GET", {"pk": "A"}, "302 404 200 200 200 200 200"),
        ("GET", {"pk": "B"}, "302 404 404 404 200 200 200"),
        ("GET", {"pk": "C"}, "302 404 404 404 404 404 200"),
    ],
    "registry:edit": [
        ("GET", {"pk": "A"}, "302 404 403 200 403 200 200"),
        ("POST", {"pk": "A"}, "302 404 403 200 403 200 200"),
        ("GET", {"pk": "B"}, "302 404 404 404 403 200 200"),
        ("GET", {"pk": "C"}, "302 404 404 404 404 404 200"),
    ],
    "registry:directory": [("GET", {}, "200 200 200 200 200 200 200")],
    "annual:edit": [
        ("GET", {"pk": "A", "year": FIG_YEAR}, "302 404 200 200 403 200 200"),
        ("POST", {"pk": "A", "year": FIG_YEAR}, "302 404 200 200 403 200 200"),
        ("GET", {"pk": "B", "year": FIG_YEAR}, "302 404 404 404 403 200 200"),
        ("GET", {"pk": "C", "year": FIG_YEAR}, "302 404 404 404 404 404 200"),
    ],
    "annual:step": [  # no step chosen: back to the figures page with a message; a wrong step is refused there
        ("POST", {"pk": "A", "year": FIG_YEAR}, "302 404 302 302 302 302 302"),
        ("POST", {"pk": "C", "year": FIG_YEAR}, "302 404 404 404 404 404 302"),
    ],
    "reports:page": [("GET", {}, "302 200 200 200 200 200 200")],
    "reports:download": [("GET", {}, "302 302 302 302 302 302 302")],  # without choices: back to the page
    "plans:list": [("GET", {}, "302 200 200 200 200 200 200")],
    "plans:detail": [("GET", {"pk": "PLAN"}, "302 200 200 200 200 200 200")],
    "exchange:upload": [("GET", {}, "302 403 200 200 403 200 200")],
    "exchange:log": [("GET", {"pk": "LOG"}, "302 404 404 404 404 200 200")],
    "exchange:templates": [("GET", {}, "302 200 200 200 200 200 200")],
    "exchange:template": [("GET", {"kind": "annual-htx"}, "302 200 200 200 200 200 200")],
    "exchange:export_annual": [("GET", {}, "302 200 200 200 200 200 200")],
    "exchange:export_records": [("GET", {"kind": "loans"}, "302 200 200 200 200 200 200")],
    "audit:list": [("GET", {}, "302 403 200 200 200 200 200")],
    # The API answers anonymous clients 401 where it needs a signed-in person (docs/api.md); its bodies are JSON,
    # and an empty one is a 400 for whoever may act. "code" kwargs are organisation codes, not ids.
    "api:docs": [("GET", {}, "200 200 200 200 200 200 200")],
    "api:schema": [("GET", {}, "200 200 200 200 200 200 200")],
    "api:organisations": [
        ("GET", {}, "200 200 200 200 200 200 200"),
        ("POST", {}, "401 403 403 400 403 400 400"),
    ],
    "api:organisation": [
        ("GET", {"code": "A"}, "200 404 200 200 200 200 200"),
        ("GET", {"code": "B"}, "200 404 404 404 200 200 200"),
        ("GET", {"code": "C"}, "200 404 404 404 404 404 200"),  # anonymous: the public directory
        ("PATCH", {"code": "A"}, "401 404 403 200 403 200 200"),
        ("PATCH", {"code": "B"}, "401 404 404 404 403 200 200"),
        ("PATCH", {"code": "C"}, "401 404 404 404 404 404 200"),
    ],
    "api:figures": [
        ("GET", {"code": "A", "year": FIG_YEAR}, "401 404 200 200 200 200 200"),
        ("PUT", {"code": "A", "year": FIG_YEAR}, "401 404 400 400 403 400 400"),
        ("GET", {"code": "B", "year": FIG_YEAR}, "401 404 404 404 200 200 200"),
        ("PUT", {"code": "B", "year": FIG_YEAR}, "401 404 404 404 403 400 400"),
        ("GET", {"code": "C", "year": FIG_YEAR}, "401 404 404 404 404 404 200"),
    ],
    "api:figures_step": [  # nothing entered yet: 400 for whoever may take the step
        ("POST", {"code": "A", "year": FIG_YEAR, "step": "submit"}, "401 404 400 400 403 400 400"),
        ("POST", {"code": "A", "year": FIG_YEAR, "step": "approve"}, "401 404 403 403 403 400 400"),
        ("POST", {"code": "A", "year": FIG_YEAR, "step": "reopen"}, "401 404 403 403 403 400 400"),
        ("POST", {"code": "C", "year": FIG_YEAR, "step": "submit"}, "401 404 404 404 404 404 400"),
    ],
    "api:indicators": [("GET", {}, "200 200 200 200 200 200 200")],
    "api:reporting": [("GET", {}, "200 200 200 200 200 200 200")],
    "api:plans": [("GET", {}, "401 200 200 200 200 200 200")],
    "api:plan": [("GET", {"pk": "PLAN"}, "401 200 200 200 200 200 200")],
    "api:reports": [("POST", {}, "401 400 400 400 400 400 400")],
}


def test_every_page_is_in_the_matrix() -> None:
    assert named_urls(get_resolver()) == set(MATRIX)


def _commune(index: int) -> AdminUnit:
    communes = AdminUnit.objects.filter(scheme=Scheme.FROM_2025, level=Level.COMMUNE, province__code="20")
    return communes.order_by("code")[index]


def _account(username: str, role: str, units: Sequence[AdminUnit] = (), org: Organisation | None = None) -> User:
    user = User.objects.create_user(username, password="x")
    account = Account.objects.create(user=user, role=role, organisation=org)
    account.units.set(units)
    return user


@pytest.fixture
def world(load: Loader) -> dict[str, Any]:
    first, second = _commune(0), _commune(1)
    load(
        organizations=[
            {"code": "A", "area": first.code, "established": "2025-08-01"},
            {"code": "B", "area": second.code, "established": "2025-08-01"},
            {"code": "C", "province": "4", "established": "2010-01-01"},
        ]
    )
    orgs = {org.code: org for org in Organisation.objects.all()}
    provinces = list(AdminUnit.objects.provinces().filter(code="20"))
    users: dict[str, User | None] = {
        "anon": None,
        "none": User.objects.create_user("none", password="x"),
        "rep": _account("rep", Role.REPRESENTATIVE, org=orgs["A"]),
        "xa": _account("xa", Role.COMMUNE_OFFICER, [first]),
        "xem": _account("xem", Role.PROVINCE_VIEWER, provinces),
        "tinh": _account("tinh", Role.PROVINCE_OFFICER, provinces),
        "admin": User.objects.create_superuser("admin", "", "x"),
    }
    log = ImportLog.objects.create(user=users["tinh"], file_name="a.xlsx", outcome=Outcome.COMMITTED)
    plan = Plan.objects.create(name="Kế hoạch 2021–2030", province=provinces[0], start_year=2021, end_year=2030)
    ids = {code: org.pk for code, org in orgs.items()} | {"LOG": log.pk, "PLAN": plan.pk}
    return {"users": users, "ids": ids, "orgs": orgs, "communes": [first, second]}


CASES = [
    pytest.param(name, method, kwargs, role, int(status), id=f"{name}-{method}-{kwargs}-{role}")
    for name, rows in MATRIX.items()
    for method, kwargs, statuses in rows
    for role, status in zip(ROLES, statuses.split(), strict=True)
]


@pytest.mark.parametrize(("name", "method", "kwargs", "role", "status"), CASES)
def test_the_matrix(
    client: Client, world: dict[str, Any], name: str, method: str, kwargs: dict[str, Any], role: str, status: int
) -> None:
    user = world["users"][role]
    if user is not None:
        client.force_login(user)
    resolved = {key: value if key == "code" else world["ids"].get(value, value) for key, value in kwargs.items()}
    url = reverse(name, kwargs=resolved)
    if method in ("GET", "POST"):
        response = client.get(url) if method == "GET" else client.post(url, {})
    else:  # the API's PUT and PATCH, with an empty JSON body
        response = client.generic(method, url, "{}", content_type="application/json")
    assert response.status_code == status, f"{role} {method} {url}"
    if status == LOGIN and role == "anon" and name not in ("web:home", "web:logout"):
        assert response["Location"].startswith(reverse("web:login"))


@pytest.mark.parametrize(
    ("role", "visible", "changeable", "enterable"),
    [
        ("none", "", "", ""),
        ("rep", "A", "", "A"),
        ("xa", "A", "A", "A"),
        ("xem", "AB", "", ""),
        ("tinh", "AB", "AB", "AB"),
        ("admin", "ABC", "ABC", "ABC"),
    ],
)
def test_each_role_sees_and_changes_its_own_scope(
    world: dict[str, Any], role: str, visible: str, changeable: str, enterable: str
) -> None:
    user = world["users"][role]
    for action, expected in ((Action.VIEW, visible), (Action.CHANGE, changeable), (Action.ENTER, enterable)):
        codes = "".join(sorted(organisations(user, action).values_list("code", flat=True)))
        assert codes == expected, (role, action)
        assert "".join(c for c, org in sorted(world["orgs"].items()) if access(user).covers(org, action)) == expected


def test_the_registry_list_shows_only_the_scope(client: Client, world: dict[str, Any]) -> None:
    client.force_login(world["users"]["xa"])
    html = client.get(reverse("registry:list")).content.decode()
    assert f'href="/to-chuc/{world["ids"]["A"]}/"' in html
    assert f'href="/to-chuc/{world["ids"]["B"]}/"' not in html and f'href="/to-chuc/{world["ids"]["C"]}/"' not in html


def test_the_export_holds_only_the_scope(client: Client, world: dict[str, Any]) -> None:
    client.force_login(world["users"]["xem"])
    response = client.get(reverse("registry:export"), {"format": "csv"})
    lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()  # type: ignore[attr-defined]
    assert sorted(line.split(",")[0] for line in lines[1:]) == ["A", "B"]


def test_pages_hide_the_actions_a_role_may_not_take(client: Client, world: dict[str, Any]) -> None:
    edit = reverse("registry:edit", kwargs={"pk": world["ids"]["A"]})
    detail = reverse("registry:detail", kwargs={"pk": world["ids"]["A"]})
    client.force_login(world["users"]["xem"])
    html = client.get(detail).content.decode()
    assert edit not in html and "/so-lieu/" not in html
    assert reverse("registry:create") not in client.get(reverse("registry:list")).content.decode()
    client.force_login(world["users"]["xa"])
    assert edit in client.get(detail).content.decode()


def test_a_commune_officer_cannot_move_an_organisation_out_of_their_commune(
    client: Client, world: dict[str, Any]
) -> None:
    client.force_login(world["users"]["xa"])
    org = world["orgs"]["A"]
    data = {
        "action": "save",
        "code": "A",
        "name": org.name,
        "kind": org.kind,
        "sector": org.sector,
        "province": org.province_id,
        "area": _commune(1).code,
        "established": "01/08/2025",
    }
    response = client.post(reverse("registry:edit", kwargs={"pk": org.pk}), data)
    assert response.status_code == 200 and "địa bàn bạn phụ trách" in response.content.decode()
    org.refresh_from_db()
    assert org.area_id == _commune(0).pk
