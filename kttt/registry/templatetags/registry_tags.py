"""Template filters for registry pages: a status code as words and as a badge colour."""

from __future__ import annotations

from django import template

from kttt.registry.models import Status

register = template.Library()

BADGES: dict[str, str] = {
    Status.ACTIVE: "good",
    Status.SUSPENDED: "warn",
    Status.DISSOLVED: "bad",
    Status.REVOKED: "bad",
}


@register.filter
def status_label(code: str) -> str:
    return str(dict(Status.choices).get(code, code))


@register.filter
def status_badge(code: str) -> str:
    return BADGES.get(code, "")
