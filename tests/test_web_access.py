"""The admin is for superusers only. What every other page and API endpoint answers to each role, anonymous
visitors included, is the permission matrix of tests/test_permissions.py, which also fails when a named URL is
missing from it; `named_urls` lists them."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import URLPattern, URLResolver


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
