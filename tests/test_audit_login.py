"""Logins in the audit trail, and login throttling: after KTTT_LOGIN_MAX_FAILURES failures for a user name or from
an address, attempts are refused (without checking the password) until the lockout has passed."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone
from pytest_django import Settings

from kttt.audit.models import Action, Entry

LOGIN, PASSWORD = "/dang-nhap/", "mat-khau-dai-123"
WRONG = "mật khẩu chính xác"  # Django's message for a wrong user name or password


@pytest.fixture
def officer(db: None) -> User:
    return User.objects.create_user("canbo", password=PASSWORD)


def attempt(client: Client, username: str, password: str, ip: str = "10.0.0.1") -> str:
    response = client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)
    return response.content.decode() if response.status_code == 200 else response["Location"]


def later(minutes: int) -> mock._patch[mock.MagicMock]:
    """The clock of the throttling and of the login page, `minutes` from now."""
    now = timezone.now() + dt.timedelta(minutes=minutes)
    return mock.patch("django.utils.timezone.now", return_value=now)


def test_a_failed_login_is_recorded_without_the_password(client: Client, officer: User) -> None:
    attempt(client, "canbo", "sai-mat-khau-XYZ")
    entry = Entry.objects.get(action=Action.LOGIN_FAILED, actor_name="canbo")
    assert (entry.actor, entry.actor_name, entry.ip, entry.object_id) == (None, "canbo", "10.0.0.1", str(officer.pk))
    assert "sai-mat-khau-XYZ" not in f"{entry.changes} {entry.reason} {entry.object_repr}"


def test_login_and_logout_are_recorded(client: Client, officer: User) -> None:
    assert attempt(client, "canbo", PASSWORD) == "/"
    client.post("/dang-xuat/")
    actions = list(Entry.objects.filter(actor=officer).order_by("id").values_list("action", "ip"))
    assert actions == [(Action.LOGIN, "10.0.0.1"), (Action.LOGOUT, "127.0.0.1")]


def test_a_user_name_is_locked_after_repeated_failures_then_released(client: Client, officer: User) -> None:
    for n in range(5):
        assert WRONG in attempt(client, "canbo", "sai", ip=f"10.0.0.{n}")
    html = attempt(client, "CanBo", PASSWORD, ip="10.0.1.1")  # even the right password, from elsewhere
    assert "Đăng nhập sai quá nhiều lần" in html and "Vui lòng thử lại sau" in html and "15 phút" in html
    failures = Entry.objects.filter(action=Action.LOGIN_FAILED, actor_name__iexact="canbo")
    assert failures.count() == 5  # the refused attempt is not checked
    assert not Entry.objects.filter(action=Action.LOGIN, actor=officer).exists()
    with later(14):
        assert "Đăng nhập sai quá nhiều lần" in attempt(client, "canbo", PASSWORD, ip="10.0.1.1")
    with later(16):
        assert attempt(client, "canbo", PASSWORD, ip="10.0.1.1") == "/"


def test_an_address_is_locked_after_repeated_failures(client: Client, officer: User) -> None:
    for n in range(5):
        attempt(client, f"nguoi-{n}", "sai")
    assert "Đăng nhập sai quá nhiều lần" in attempt(client, "canbo", PASSWORD)
    assert attempt(client, "canbo", PASSWORD, ip="10.0.0.2") == "/"


def test_a_successful_login_clears_the_count_of_the_user_name(
    client: Client, officer: User, settings: Settings
) -> None:
    settings.KTTT_LOGIN_MAX_FAILURES_PER_IP = 100
    for _ in range(4):
        attempt(client, "canbo", "sai")
    assert attempt(client, "canbo", PASSWORD) == "/"
    client.post("/dang-xuat/")
    attempt(client, "canbo", "sai")
    assert attempt(client, "canbo", PASSWORD) == "/"


def test_the_limits_are_settings(client: Client, officer: User, settings: Settings) -> None:
    settings.KTTT_LOGIN_MAX_FAILURES, settings.KTTT_LOGIN_LOCKOUT_MINUTES = 2, 60
    attempt(client, "canbo", "sai")
    attempt(client, "canbo", "sai", ip="10.0.0.9")
    assert "60 phút" in attempt(client, "canbo", PASSWORD, ip="10.0.0.8")
