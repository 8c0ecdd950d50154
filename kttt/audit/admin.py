"""The audit trail in the admin: read-only. And AuditedAdmin, which records what a superuser changes through
the admin pages of other models (their forms and inlines), as the services record theirs."""

from __future__ import annotations

from typing import Any, TypeVar

from django.contrib import admin
from django.db import models
from django.db.models import QuerySet
from django.forms import BaseModelFormSet, ModelForm
from django.http import HttpRequest

from kttt.audit.models import Action, Entry
from kttt.audit.services import diff, record, snapshot

M = TypeVar("M", bound=models.Model)


@admin.register(Entry)
class EntryAdmin(admin.ModelAdmin[Entry]):
    list_display = ["at", "actor_name", "action", "object_repr", "organisation", "ip"]
    list_filter = ["action", "at"]
    search_fields = ["actor_name", "object_repr", "organisation__code", "reason"]
    list_select_related = ["organisation"]
    date_hierarchy = "at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Entry | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Entry | None = None) -> bool:
        return False


def _stored(obj: models.Model) -> models.Model | None:
    """The row as the database has it, before the admin saves the form's values over it."""
    return type(obj)._default_manager.filter(pk=obj.pk).first() if obj.pk is not None else None


def _field_names(model: type[models.Model]) -> list[str]:
    return [f.name for f in model._meta.concrete_fields if not f.primary_key]


def _record_deleted(request: HttpRequest, obj: models.Model) -> None:
    """Recorded before the row goes: the entry keeps its key and values, and may name the organisation being
    deleted (the link is cleared with it)."""
    record(request.user, Action.DELETE, obj, diff(snapshot(obj, _field_names(type(obj))), {}), request=request)


class AuditedAdmin(admin.ModelAdmin[M]):
    """Records every add, change and delete made in this admin page, inlines included."""

    def save_model(self, request: HttpRequest, obj: M, form: ModelForm[M], change: bool) -> None:
        stored = _stored(obj) if change else None
        fields = _field_names(type(obj))
        before = snapshot(stored, fields) if stored is not None else {}
        super().save_model(request, obj, form, change)
        action = Action.UPDATE if change else Action.CREATE
        changes = diff(before, snapshot(obj, fields))
        if changes or not change:
            record(request.user, action, obj, changes, request=request)

    def delete_model(self, request: HttpRequest, obj: M) -> None:
        _record_deleted(request, obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[M]) -> None:
        for obj in queryset:
            _record_deleted(request, obj)
        super().delete_queryset(request, queryset)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        if not isinstance(formset, BaseModelFormSet):
            super().save_formset(request, form, formset, change)
            return
        model = formset.model
        fields = _field_names(model)
        before = {
            f.instance.pk: snapshot(stored, fields)
            for f in formset.forms
            if f.instance.pk is not None and f.has_changed() and (stored := _stored(f.instance)) is not None
        }
        for deleted in formset.deleted_forms:
            if deleted.instance.pk is not None:
                _record_deleted(request, deleted.instance)
        super().save_formset(request, form, formset, change)
        for obj in formset.new_objects:
            record(request.user, Action.CREATE, obj, diff({}, snapshot(obj, fields)), request=request)
        for obj, _names in formset.changed_objects:
            changes = diff(before.get(obj.pk, {}), snapshot(obj, fields))
            if changes:
                record(request.user, Action.UPDATE, obj, changes, request=request)
