"""Template context every page needs: the site's name and the navigation."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# (url name, label, whether it needs a login).
NAVIGATION = (
    ("indicators:dashboard", _("Dashboard"), True),
    ("registry:list", _("Organisations"), True),
    ("reports:page", _("Reports"), True),
    ("plans:list", _("Plans"), True),
    ("exchange:upload", _("Import data"), True),
    ("indicators:public", _("Public statistics"), False),
    ("registry:directory", _("Public directory"), False),
    ("indicators:open_data", _("Open data"), False),
)


def site(request: HttpRequest) -> dict[str, Any]:
    signed_in = request.user.is_authenticated
    path = request.path
    items = [
        {"url": reverse(name), "label": label, "current": False}
        for name, label, private in NAVIGATION
        if signed_in or not private
    ]
    # The longest matching address wins: /cong-khai/danh-ba/ is the directory, not also the statistics.
    matching = [item for item in items if path.startswith(str(item["url"]))]
    if matching:
        max(matching, key=lambda item: len(str(item["url"])))["current"] = True
    return {"navigation": items}
