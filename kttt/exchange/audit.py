"""Imports in the audit trail: one entry for the import (or its undo) as a whole, and one per row it created or
changed, with the values before and after, linked to the organisation the row belongs to, so that an
organisation's history shows what imports did to it like any edit on a page."""

from __future__ import annotations

from collections import defaultdict

from django.apps import apps

from kttt.audit.models import Action, Entry
from kttt.audit.services import diff, record
from kttt.bulk import insert_many
from kttt.exchange.models import ImportChange, ImportLog

# How to reach the organisation a row belongs to, per model (the default: its `organisation`).
ORGANISATION_PATHS = {
    "registry.organisation": "pk",
    "registry.unionmembership": "union_id",
    "support.loan": "borrower_id",
    "support.disbursement": "loan__borrower_id",
    "support.repayment": "loan__borrower_id",
    "support.scheduledrepayment": "loan__borrower_id",
}
BATCH = 1000


def record_import(log: ImportLog, changes: list[ImportChange]) -> None:
    reason = f"Nhập tệp {log.file_name} (nhật ký nhập #{log.pk}, SHA-256 {log.sha256[:12]}…)"
    counts = {sheet: [None, counts] for sheet, counts in log.counts.items()}
    record(log.user, Action.IMPORT, log, counts, reason=reason, name=log.actor)
    _row_entries(log, changes, Action.IMPORT, reason, undo=False)


def record_undo(log: ImportLog, changes: list[ImportChange], deleted: int, restored: int) -> None:
    reason = f"Hoàn tác lần nhập #{log.pk} ({log.file_name}): {log.undo_reason}".rstrip(": ")
    summary = {"deleted": [None, deleted], "restored": [None, restored]}
    record(log.undone_by, Action.UNDO, log, summary, reason=reason, name=log.undone_actor)
    _row_entries(log, changes, Action.UNDO, reason, undo=True)


def _row_entries(log: ImportLog, changes: list[ImportChange], action: Action, reason: str, *, undo: bool) -> None:
    """An entry per row; the organisation of rows deleted by an undo is looked up before they go."""
    organisations = _organisations(changes)
    user, name = (log.undone_by, log.undone_actor) if undo else (log.user, log.actor)
    entries = []
    for change in changes:
        before, after = change.before or {}, change.after or {}
        entries.append(
            Entry(
                actor=user,
                actor_name=(name or (user.get_username() if user else "hệ thống"))[:150],
                action=action,
                object_label=change.model,
                object_id=str(change.object_pk),
                object_repr=_label(change),
                organisation_id=organisations.get((change.model, change.object_pk)),
                changes=diff(after, before) if undo else diff(before, after),
                reason=reason,
            )
        )
    insert_many(Entry, entries, BATCH)


def _organisations(changes: list[ImportChange]) -> dict[tuple[str, int], int | None]:
    """The organisation of each changed row: a column of the row itself when its values say (most rows, and no
    query), otherwise looked up."""
    by_model: dict[str, list[int]] = defaultdict(list)
    found: dict[tuple[str, int], int | None] = {}
    for change in changes:
        column = ORGANISATION_PATHS.get(change.model, "organisation_id")
        values = change.after or change.before or {}
        if column == "pk":
            found[(change.model, change.object_pk)] = change.object_pk
        elif column in values:
            found[(change.model, change.object_pk)] = values[column]
        else:
            by_model[change.model].append(change.object_pk)
    for label, pks in by_model.items():
        model = apps.get_model(label)
        path = ORGANISATION_PATHS.get(label, "organisation_id")
        for start in range(0, len(pks), BATCH):
            rows = model._default_manager.filter(pk__in=pks[start : start + BATCH]).values_list("pk", path)
            found.update(((label, pk), org) for pk, org in rows)
    return found


def _label(change: ImportChange) -> str:
    model = apps.get_model(change.model)
    return f"{model._meta.verbose_name} #{change.object_pk}"[:255]
