"""Audit entries as people read them: Vietnamese field labels (the models' verbose names), choice labels,
dates written d/m/Y and numbers with Vietnamese separators."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from kttt.audit.models import Entry
from kttt.numbers import number

DASH = "–"


@dataclass(frozen=True)
class ShownChange:
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class ShownEntry:
    entry: Entry
    changes: list[ShownChange]


def shown(rows: Iterable[Entry]) -> list[ShownEntry]:
    return [ShownEntry(entry, shown_changes(entry)) for entry in rows]


def shown_changes(entry: Entry) -> list[ShownChange]:
    model = _model(entry.object_label)
    changes: Mapping[str, Any] = entry.changes if isinstance(entry.changes, dict) else {}
    result = []
    for name, pair in changes.items():
        before, after = pair if isinstance(pair, list) and len(pair) == 2 else (None, pair)
        field = _field(model, name)
        result.append(ShownChange(_label(model, field, name), value_text(field, before), value_text(field, after)))
    return result


def _model(label: str) -> type[models.Model] | None:
    try:
        return apps.get_model(label) if label else None
    except (LookupError, ValueError):
        return None


def _field(model: type[models.Model] | None, name: str) -> Any:
    try:
        return model._meta.get_field(name) if model is not None else None
    except FieldDoesNotExist:
        return None


def _label(model: type[models.Model] | None, field: Any, name: str) -> str:
    if isinstance(field, models.Field):
        return str(capfirst(field.verbose_name))
    if isinstance(field, models.ForeignObjectRel) and field.related_model is not None:
        return str(capfirst(field.related_model._meta.verbose_name_plural))  # type: ignore[union-attr]
    # Keys that are not fields of the model (the figures inside a draft) may be named by the model.
    extra: Mapping[str, str] = getattr(model, "audit_labels", {})
    return str(capfirst(extra.get(name, name)))


def value_text(field: Any, value: Any) -> str:
    if value is None or value == "" or value == [] or value == {}:
        return DASH
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(field, models.Field) and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, int | float):
        return number(value, 0 if isinstance(value, int) else 2)
    if isinstance(value, str):
        return _date_text(field, value)
    if isinstance(value, Mapping):
        return "; ".join(f"{key}: {value_text(None, item)}" for key, item in value.items())
    if isinstance(value, list):
        return ", ".join(value_text(None, item) for item in value)
    return str(value)


def _date_text(field: Any, value: str) -> str:
    """ISO dates and times (as snapshots keep them) written the Vietnamese way."""
    try:
        if isinstance(field, models.DateTimeField):
            return f"{timezone.localtime(dt.datetime.fromisoformat(value)):%H:%M %d/%m/%Y}"
        if isinstance(field, models.DateField):
            return f"{dt.date.fromisoformat(value):%d/%m/%Y}"
    except ValueError:
        pass
    return value
