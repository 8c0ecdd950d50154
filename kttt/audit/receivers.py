"""Logins, failed logins and logouts, from Django's authentication signals. This is authentication, not change
logging: the signals are the only place these events are known. The password is never kept."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from kttt.audit.models import Action
from kttt.audit.services import record


@receiver(user_logged_in, dispatch_uid="kttt.audit.login")
def logged_in(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    record(user, Action.LOGIN, user, request=request)


@receiver(user_logged_out, dispatch_uid="kttt.audit.logout")
def logged_out(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if user is not None:
        record(user, Action.LOGOUT, user, request=request)


@receiver(user_login_failed, dispatch_uid="kttt.audit.login_failed")
def login_failed(sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any) -> None:
    users = get_user_model()
    typed = str(credentials.get(users.USERNAME_FIELD) or "")
    # The account the attempt was against, when it exists: its history shows the attempts.
    target = users._default_manager.filter(**{users.USERNAME_FIELD: typed}).first() if typed else None
    record(None, Action.LOGIN_FAILED, target, request=request, name=typed or "?")
