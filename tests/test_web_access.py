"""Every page needs a login except the public ones; a meta-test keeps the table complete."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

# URL name → (kwargs, public?). Every named URL outside the admin must be listed here.
PAGES: dict[str, tuple[dict[str, Any], bool]] = {
    "web:home": ({}, True),
    "web:login": ({}, True),
    "web:logout": ({}, True),
    "indicators:dashboard": ({}, False),
    "indicators:public": ({}, True),
    "indicators:open_data": ({}, True),
    "indicators:open_data_file": ({"dataset": "chi-tieu", "fmt": "csv"}, True),
    "registry:list": ({}, False),
    "registry:export": ({}, False),
    "registry:create": ({}, False),
    "registry:detail": ({"pk": 1}, False),
    "registry:edit": ({"pk": 1}, False),
    "registry:directory": ({}, True),
    "annual:edit": ({"pk": 1, "year": 2018}, False),
    "annual:step": ({"pk": 1, "year": 2018}, False),
    "reports:page": ({}, False),
    "reports:download": ({}, False),
    "plans:list": ({}, False),
    "plans:detail": ({"pk": 1}, False),
    "exchange:upload": ({}, False),
    "exchange:log": ({"pk": 1}, False),
    "exchange:templates": ({}, False),
    "exchange:template": ({"kind": "annual-htx"}, False),
    "exchange:export_annual": ({}, False),
    "exchange:export_records": ({"kind": "loans"}, False),
    "audit:list": ({}, False),
    "api:docs": ({}, True),
    "api:schema": ({}, True),
    "api:organisations": ({}, True),
    "api:organisation": ({"code": "X"}, True),
    "api:figures": ({"code": "X", "year": 2018}, False),
    "api:figures_step": ({"code": "X", "year": 2018, "step": "submit"}, False),
    "api:indicators": ({}, True),
    "api:plans": ({}, False),
    "api:plan": ({"pk": 1}, False),
    "api:reports": ({}, False),
}
# The API's endpoints answer JSON, and 401 rather than a redirect to the login page: the permission matrix
# (tests/test_permissions.py) holds what each answers to each role.
API_ENDPOINTS = {name for name in PAGES if name.startswith("api:")} - {"api:docs", "api:schema"}


def named_urls(resolver: URLResolver, namespace: str = "") -> set[str]:
    names = set()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            names |= named_urls(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            names.add(f"{namespace}{entry.name}")
    return names


def test_every_page_is_in_the_table() -> None:
    assert named_urls(get_resolver()) == set(PAGES)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name", sorted(name for name, (_, public) in PAGES.items() if not public and name not in API_ENDPOINTS)
)
def test_private_pages_send_anonymous_visitors_to_the_login(client: Client, name: str) -> None:
    url = reverse(name, kwargs=PAGES[name][0])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("web:login") + "?next=")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name",
    sorted(
        name for name, (_, public) in PAGES.items() if public and name != "web:logout" and name not in API_ENDPOINTS
    ),
)
def test_public_pages_open_without_login(client: Client, name: str) -> None:
    response = client.get(reverse(name, kwargs=PAGES[name][0]), follow=True)
    assert response.status_code == 200
    assert response.redirect_chain == [] or not response.redirect_chain[-1][0].startswith(reverse("web:login"))


@pytest.mark.django_db
@pytest.mark.parametrize("staff", [False, True])
def test_the_admin_is_for_superusers_only(client: Client, staff: bool) -> None:
    officer = User.objects.create_user("officer", password="x-Strong-pass-1", is_staff=staff)
    client.force_login(officer)
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    officer.is_superuser = True
    officer.save()
    assert client.get("/admin/").status_code == 200
