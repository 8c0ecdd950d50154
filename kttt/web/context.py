"""Template context every page needs: the site's name and the navigation."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kttt.accounts.access import may_import
from kttt.audit.queries import can_view_audit

Who = Callable[[AbstractBaseUser | AnonymousUser], bool]


def everyone(user: AbstractBaseUser | AnonymousUser) -> bool:
    return True


def signed_in(user: AbstractBaseUser | AnonymousUser) -> bool:
    return user.is_authenticated


# (url name, label, who sees it in the menu).
NAVIGATION: tuple[tuple[str, Any, Who], ...] = (
    ("indicators:dashboard", _("Dashboard"), signed_in),
    ("registry:list", _("Organisations"), signed_in),
    ("reports:page", _("Reports"), signed_in),
    ("plans:list", _("Plans"), signed_in),
    ("exchange:upload", _("Import data"), may_import),
    ("audit:list", _("Audit trail"), can_view_audit),
    ("indicators:public", _("Public statistics"), everyone),
    ("registry:directory", _("Public directory"), everyone),
    ("indicators:open_data", _("Open data"), everyone),
)


def site(request: HttpRequest) -> dict[str, Any]:
    path = request.path
    items = [
        {"url": reverse(name), "label": label, "current": False} for name, label, who in NAVIGATION if who(request.user)
    ]
    # The longest matching address wins: /cong-khai/danh-ba/ is the directory, not also the statistics.
    matching = [item for item in items if path.startswith(str(item["url"]))]
    if matching:
        max(matching, key=lambda item: len(str(item["url"])))["current"] = True
    return {"navigation": items}
