"""Writing the audit trail. Every service that changes data calls `record` inside its own transaction, so the
entry is written exactly when the change is (pretix's log_action, not signals).

    before = snapshot(org, FIELDS)
    ... change org ...
    record(actor, Action.UPDATE, org, diff(before, snapshot(org, FIELDS)))
"""

from __future__ import annotations

import datetime as dt
import getpass
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser, User
from django.db import models
from django.http import HttpRequest

from kttt.audit.models import Action, Entry
from kttt.registry.models import Organisation

# Who acted: the signed-in user, or None for the system (the command line, the demo data, a migration).
Actor = AbstractBaseUser | AnonymousUser | None
Snapshot = dict[str, Any]
Changes = dict[str, list[Any]]

SYSTEM = "hệ thống"
MAX_REPR = 255


def plain(value: Any) -> Any:
    """A value as JSON can keep it: dates ISO, Decimals as text, related rows by their name."""
    if isinstance(value, dt.date | dt.time):  # datetimes too
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, Mapping):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set):
        return [plain(item) for item in value]
    return value


def snapshot(obj: models.Model, fields: Iterable[str] | None = None) -> Snapshot:
    """The named fields of `obj` (by default every stored field but the key and the automatic timestamps) as
    JSON values. A related row is kept by its name, which stays readable after the row is gone."""
    if fields is None:
        fields = [
            f.name
            for f in obj._meta.concrete_fields
            if not f.primary_key and not getattr(f, "auto_now", False) and not getattr(f, "auto_now_add", False)
        ]
    return {name: plain(getattr(obj, name)) for name in fields}


def _empty(value: Any) -> bool:
    return value is None or value == ""


def diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> Changes:
    """{field: [before, after]} for every field that differs; a field missing on one side counts as empty
    (so diff({}, snapshot(obj)) lists what a new record was created with)."""
    changes: Changes = {}
    for name in [*before, *(name for name in after if name not in before)]:
        old, new = before.get(name), after.get(name)
        if old != new and not (_empty(old) and _empty(new)):
            changes[name] = [old, new]
    return changes


def actor_name(actor: Actor) -> str:
    if isinstance(actor, AbstractBaseUser):
        return actor.get_username()
    return SYSTEM


def cli_actor() -> str:
    """Who ran a command: "CLI: " and the system user."""
    try:
        return f"CLI: {getpass.getuser()}"
    except (KeyError, OSError):  # no user name in a bare container
        return "CLI"


def client_ip(request: HttpRequest | None) -> str | None:
    """The visitor's address. Behind a reverse proxy REMOTE_ADDR is the proxy's own, so the header the proxy
    sets is named in KTTT_CLIENT_IP_HEADER; of a list (X-Forwarded-For), the last address is the one the
    proxy saw, the only one it vouches for."""
    if request is None:
        return None
    header = settings.KTTT_CLIENT_IP_HEADER
    value = request.META.get(header, "") if header else ""
    value = value.split(",")[-1].strip() or request.META.get("REMOTE_ADDR", "")
    return value or None


def organisation_of(obj: models.Model | None) -> Organisation | None:
    """The organisation a record belongs to, when it has one (the organisation itself, or its `organisation`)."""
    if isinstance(obj, Organisation):
        return obj
    related = getattr(obj, "organisation", None)
    return related if isinstance(related, Organisation) else None


def record(
    actor: Actor,
    action: Action | str,
    obj: models.Model | None,
    changes: Changes | None = None,
    reason: str = "",
    organisation: Organisation | None = None,
    request: HttpRequest | None = None,
    *,
    name: str = "",
) -> Entry:
    """Append one entry. `name` overrides the recorded actor name (the CLI's "CLI: root", a typed user name)."""
    user = actor if isinstance(actor, User) and actor.pk is not None else None
    return Entry.objects.create(
        actor=user,
        actor_name=(name or actor_name(actor))[:150],
        action=Action(action),
        object_label=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        object_repr=str(obj)[:MAX_REPR] if obj is not None else "",
        organisation=organisation or organisation_of(obj),
        changes=plain(changes or {}),
        reason=reason,
        ip=client_ip(request),
    )


def record_created(actor: Actor, obj: models.Model, fields: Iterable[str] | None = None, **kwargs: Any) -> Entry:
    """An entry for a new record, with the values it was created with."""
    return record(actor, Action.CREATE, obj, diff({}, snapshot(obj, fields)), **kwargs)
