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
    ("indicators:public", _("Public statistics"), False),
    ("registry:directory", _("Public directory"), False),
)


def site(request: HttpRequest) -> dict[str, Any]:
    signed_in = request.user.is_authenticated
    path = request.path
    items = []
    for name, label, private in NAVIGATION:
        if private and not signed_in:
            continue
        url = reverse(name)
        items.append({"url": url, "label": label, "current": path.startswith(url) and url != "/"})
    return {"navigation": items}
