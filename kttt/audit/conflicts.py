"""No lost updates. A form (or an API client) carries the version of the record it was read at; saving checks it
and, when someone changed the record meanwhile, refuses with what they changed — from the audit trail, since
every change that raised the version was recorded there."""

from __future__ import annotations

from typing import cast

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.http import QueryDict
from django.utils import timezone

from kttt.audit.display import shown
from kttt.audit.models import Entry

MAX_SHOWN = 5


class Conflict(ValidationError):
    """The record changed since the person read it; nothing was written. `current` is its version now."""

    def __init__(self, message: str, current: int):
        super().__init__(message, code="conflict")
        self.current = current


def check_version(obj: models.Model, expected: int | None) -> None:
    """Raise Conflict if `obj` (locked for update by the caller) is no longer at the `expected` version."""
    current: int = getattr(obj, "version")  # noqa: B009 (the models that use this declare it)
    if expected is None or expected == current:
        return
    raise Conflict(conflict_message(obj, expected, current), current)


def conflict_message(obj: models.Model, expected: int, current: int) -> str:
    since = list(
        Entry.objects.filter(object_label=obj._meta.label_lower, object_id=str(obj.pk))
        .select_related("actor")
        .order_by("-id")[: min(max(current - expected, 1), MAX_SHOWN)]
    )
    parts = []
    for item in reversed(shown(since)):
        when = timezone.localtime(item.entry.at).strftime("%H:%M %d/%m/%Y")
        what = "; ".join(f"{c.label}: {c.before} → {c.after}" for c in item.changes) or item.entry.get_action_display()
        parts.append(f"{item.entry.actor_name} lúc {when} ({what})")
    who = " ".join(parts) if parts else "một người khác"
    return (
        f"Không lưu: trong lúc bạn sửa, hồ sơ đã được thay đổi bởi {who}. Trang đang hiện những gì bạn vừa nhập; "
        "hãy đối chiếu rồi bấm Lưu lần nữa nếu vẫn muốn ghi giá trị của mình."
    )


def offer_overwrite(form: forms.Form, conflict: Conflict) -> None:
    """Show the conflict on the form, which keeps what the person typed and now carries the current version:
    saving again, having seen the other change, overwrites it."""
    form.add_error(None, conflict)
    data = cast(QueryDict, form.data).copy()
    data["version"] = str(conflict.current)
    form.data = data
