"""{% can "change" org as may_edit %}: whether the signed-in person may do an action (to an organisation, or to
any organisation when none is given). Pages hide what the person may not do; the views refuse it anyway."""

from __future__ import annotations

from typing import Any

from django import template

from kttt.accounts.access import Action, access
from kttt.registry.models import Organisation

register = template.Library()


@register.simple_tag(takes_context=True)
def can(context: dict[str, Any], action: str, org: Organisation | None = None) -> bool:
    request = context.get("request")
    if request is None:
        return False
    allowed = access(request.user)
    return allowed.covers(org, Action(action)) if org is not None else allowed.may(Action(action))
