"""Every import is logged (checked, committed or refused), and a committed import can be undone as a whole.

While an import writes, a ChangeRecorder notes the primary keys of the rows it creates and the previous values of
the rows it updates; they are stored as ImportChange rows in the same transaction. Undo deletes what was created
and restores what was updated, unless a row has changed since (it no longer looks as the import left it).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.contrib.auth.models import User
from django.db import models, transaction
from django.utils import timezone

from kttt.accounts.access import Access
from kttt.annual.models import AnnualFigures
from kttt.bulk import insert_many, refresh_statistics
from kttt.exchange.audit import record_import, record_undo
from kttt.exchange.importer import ImportFailed, ImportResult, Progress, import_package
from kttt.exchange.models import ImportChange, ImportLog, Outcome
from kttt.exchange.reader import PackageError
from kttt.exchange.validate import Problem
from kttt.ratings.models import Assessment
from kttt.registry.models import Organisation, StatusChange, UnionMembership
from kttt.support.models import Disbursement, Loan, Repayment, ScheduledRepayment
from kttt.training.models import OfficerTraining

MAX_MESSAGES = 200  # errors, and as many warnings, kept in the log
CHUNK = 500  # stay under SQLite's bound-parameter limit
# Undo deletes in this order: rows that point at organisations before the organisations.
UNDO_ORDER: tuple[type[models.Model], ...] = (
    Repayment,
    Disbursement,
    ScheduledRepayment,
    Loan,
    OfficerTraining,
    Assessment,
    UnionMembership,
    AnnualFigures,
    StatusChange,
    Organisation,
)
MODELS = {model._meta.label_lower: model for model in UNDO_ORDER}
Snapshot = dict[str, Any]


class UndoRefused(Exception):
    """The import cannot be undone (message in Vietnamese); nothing was changed."""


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date | dt.time):  # datetimes too, with their microseconds and time zone
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def snapshot(obj: models.Model) -> Snapshot:
    """Every stored column of the row, as JSON values."""
    return {f.attname: _plain(getattr(obj, f.attname)) for f in obj._meta.concrete_fields}


def snapshots(model: type[models.Model], pks: Iterable[int]) -> dict[int, Snapshot]:
    pks = list(pks)
    names = [f.attname for f in model._meta.concrete_fields]
    found: dict[int, Snapshot] = {}
    for start in range(0, len(pks), CHUNK):
        # Values, not model instances: an import snapshots every row it wrote.
        for row in model._default_manager.filter(pk__in=pks[start : start + CHUNK]).values(*names):
            found[row[model._meta.pk.attname]] = {name: _plain(row[name]) for name in names}
    return found


class ChangeRecorder:
    """Collects what an import writes (importer.Recorder), then stores it as ImportChange rows."""

    def __init__(self) -> None:
        self.created_pks: dict[type[models.Model], set[int]] = defaultdict(set)
        self.before: dict[type[models.Model], dict[int, Snapshot]] = defaultdict(dict)

    def created(self, model: type[models.Model], rows: Sequence[models.Model]) -> None:
        if any(row.pk is None for row in rows):
            raise RuntimeError("The database did not return the keys of the created rows; undo needs them.")
        self.created_pks[model].update(row.pk for row in rows)

    def updating(self, model: type[models.Model], rows: Sequence[models.Model]) -> None:
        known = self.created_pks[model] | set(self.before[model])
        self.before[model].update(snapshots(model, {row.pk for row in rows} - known))

    def save(self, log: ImportLog) -> list[ImportChange]:
        """Store what was collected; the stored changes (for the audit trail, without reading them back)."""
        changes = []
        for model in UNDO_ORDER:
            label = model._meta.label_lower
            created, before = self.created_pks[model], self.before[model]
            after = snapshots(model, created | set(before))
            changes += [
                ImportChange(log=log, model=label, object_pk=pk, action="created", after=after[pk]) for pk in created
            ]
            changes += [
                ImportChange(log=log, model=label, object_pk=pk, action="updated", before=old, after=after[pk])
                for pk, old in before.items()
            ]
        insert_many(ImportChange, changes)
        return changes


@dataclass
class FileInfo:
    name: str
    sha256: str
    size: int


def describe(path: Path) -> FileInfo:
    """Name, SHA-256 and size of a package: one file, or a folder of CSV files (hashed with their names)."""
    digest, size = hashlib.sha256(), 0
    files = sorted(p for p in path.iterdir() if p.is_file()) if path.is_dir() else [path] if path.is_file() else []
    for file in files:
        if path.is_dir():
            digest.update(file.name.encode() + b"\0")
        with file.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
                size += len(chunk)
    return FileInfo(path.name, digest.hexdigest() if files else "", size)


@dataclass
class Attempt:
    """One logged import: its log, the importer's result (None when the file could not be read at all)."""

    log: ImportLog
    result: ImportResult | None

    @property
    def refused(self) -> bool:
        return self.log.outcome == Outcome.REFUSED


def message_row(problem: Problem, level: str) -> dict[str, Any]:
    """A problem as shown and kept: the column as the user sees it (letter and header)."""
    p = problem
    return {"level": level, "sheet": p.sheet, "row": p.row, "column": p.shown_column, "message": p.message}


def message_rows(problems: list[Problem], level: str) -> list[dict[str, Any]]:
    return [message_row(p, level) for p in problems[:MAX_MESSAGES]]


def fill(log: ImportLog, result: ImportResult, outcome: Outcome) -> None:
    log.outcome = outcome
    log.counts = {name: vars(counts).copy() for name, counts in result.counts.items()}
    log.error_count, log.warning_count = len(result.errors), len(result.warnings)
    log.messages = message_rows(result.errors, "error") + message_rows(result.warnings, "warning")


def refuse(log: ImportLog, message: str) -> ImportLog:
    """Log an import refused before its rows could be checked (unreadable file, too large, tampered with)."""
    log.outcome, log.error_count = Outcome.REFUSED, 1
    log.messages = [{"level": "error", "sheet": log.file_name, "row": 0, "column": "", "message": message}]
    log.save()
    return log


def new_log(info: FileInfo, *, dry_run: bool, actor: str, user: User | None = None) -> ImportLog:
    return ImportLog(user=user, actor=actor, file_name=info.name, sha256=info.sha256, size=info.size, dry_run=dry_run)


def logged_import(
    path: Path, log: ImportLog, *, progress: Progress | None = None, allowed: Access | None = None
) -> Attempt:
    """Import the package at `path` (a dry run if log.dry_run) and save the log, whatever the outcome. `allowed`:
    the importing person's access (None: the system)."""
    try:
        with transaction.atomic():
            recorder = None if log.dry_run else ChangeRecorder()
            result = import_package(path, dry_run=log.dry_run, progress=progress, recorder=recorder, allowed=allowed)
            fill(log, result, Outcome.CHECKED if log.dry_run else Outcome.COMMITTED)
            log.save()
            if recorder is not None:
                record_import(log, recorder.save(log))
    except ImportFailed as failed:
        log.pk = None
        fill(log, failed.result, Outcome.REFUSED)
        log.save()
        return Attempt(log, failed.result)
    except PackageError as exc:
        log.pk = None
        return Attempt(refuse(log, str(exc)), None)
    if not log.dry_run:
        refresh_statistics()
    return Attempt(log, result)


def describe_row(model: type[models.Model], pk: int) -> str:
    obj = model._default_manager.filter(pk=pk).first()
    return f"{model._meta.verbose_name} “{obj}”" if obj else f"{model._meta.verbose_name} #{pk}"


def _values(row: Snapshot | None) -> Snapshot:
    """A row's values without its version: an undo moves the version on, so an earlier import's rows compare by
    their values once the later import is undone."""
    return {k: v for k, v in (row or {}).items() if k != "version"}


def check_undoable(log: ImportLog, changes: list[ImportChange]) -> None:
    if log.outcome == Outcome.UNDONE:
        when = timezone.localtime(log.undone_at).strftime("%H:%M %d/%m/%Y") if log.undone_at else ""
        raise UndoRefused(f"Lần nhập #{log.pk} đã được hoàn tác {('lúc ' + when) if when else 'trước đó'}.")
    if log.outcome != Outcome.COMMITTED:
        raise UndoRefused(f"Lần nhập #{log.pk} không ghi gì vào cơ sở dữ liệu nên không có gì để hoàn tác.")
    later = later_import(log, changes)
    if later is not None:
        raise UndoRefused(f"Lần nhập #{later} sau đó đã thay đổi cùng dữ liệu; hãy hoàn tác lần nhập #{later} trước.")
    for label, group in group_changes(changes).items():
        model = MODELS[label]
        current = snapshots(model, [c.object_pk for c in group])
        for change in group:
            if change.object_pk not in current:
                what = describe_row(model, change.object_pk)
                raise UndoRefused(f"{what[:1].upper()}{what[1:]} đã bị xóa sau lần nhập #{log.pk}.")
            if _values(current[change.object_pk]) != _values(change.after):
                what = describe_row(model, change.object_pk)
                raise UndoRefused(
                    f"{what[:1].upper()}{what[1:]} đã được sửa sau lần nhập #{log.pk}; "
                    "không hoàn tác để khỏi mất thay đổi đó."
                )


def later_import(log: ImportLog, changes: list[ImportChange]) -> int | None:
    """A later committed (not undone) import that wrote one of the same rows."""
    for label, group in group_changes(changes).items():
        pks = [c.object_pk for c in group]
        for start in range(0, len(pks), CHUNK):
            found = (
                ImportChange.objects.filter(
                    log__outcome=Outcome.COMMITTED,
                    log__pk__gt=log.pk,
                    model=label,
                    object_pk__in=pks[start : start + CHUNK],
                )
                .values_list("log_id", flat=True)
                .first()
            )
            if found is not None:
                return found
    return None


def group_changes(changes: Iterable[ImportChange]) -> dict[str, list[ImportChange]]:
    groups: dict[str, list[ImportChange]] = defaultdict(list)
    for change in changes:
        groups[change.model].append(change)
    return groups


def restore(model: type[models.Model], changes: list[ImportChange]) -> int:
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    rows = []
    for change in changes:
        assert change.before is not None
        row = model(pk=change.object_pk)
        for f in fields:
            setattr(row, f.attname, f.to_python(change.before[f.attname]))
        if "version" in change.before and change.after is not None:
            # The values go back; the version moves on, so a form read before the undo cannot overwrite it.
            row.version = int(change.after["version"]) + 1  # type: ignore[attr-defined]
        rows.append(row)
    model._default_manager.bulk_update(rows, [f.name for f in fields], batch_size=500)  # no auto_now: exact
    return len(rows)


def delete_created(model: type[models.Model], pks: list[int], log: ImportLog) -> int:
    if model in (Organisation, Loan):  # deleting them would take rows added since with them
        for rel in model._meta.related_objects:
            if rel.on_delete is models.SET_NULL:  # kept when the row goes (the audit trail): nothing is lost
                continue
            related = rel.related_model._default_manager.filter(**{f"{rel.field.name}__in": pks})  # type: ignore[union-attr]
            if related.exists():
                raise UndoRefused(
                    f"Sau lần nhập #{log.pk} đã có thêm {rel.related_model._meta.verbose_name} "  # type: ignore[union-attr]
                    f"cho {model._meta.verbose_name} do lần nhập này tạo ra; không hoàn tác để khỏi mất dữ liệu đó."
                )
    deleted = 0
    for start in range(0, len(pks), CHUNK):
        deleted += model._default_manager.filter(pk__in=pks[start : start + CHUNK]).delete()[0]
    return deleted


@dataclass
class Undone:
    deleted: int
    restored: int


def _counts(changes: list[ImportChange]) -> tuple[int, int]:
    """What an undo will do: delete the created rows, restore the updated ones."""
    created = sum(1 for c in changes if c.action == ImportChange.Action.CREATED)
    return created, len(changes) - created


def undo_import(log: ImportLog, user: User | None = None, *, actor: str = "", reason: str = "") -> Undone:
    """Reverse a committed import in one transaction, or raise UndoRefused and change nothing."""
    with transaction.atomic():
        log = ImportLog.objects.select_for_update().get(pk=log.pk)
        changes = list(log.changes.all())
        check_undoable(log, changes)
        groups = group_changes(changes)
        undone = Undone(0, 0)
        log.outcome, log.undone_at, log.undone_by = Outcome.UNDONE, timezone.now(), user
        log.undone_actor, log.undo_reason = actor, reason
        # Written first: the organisations of the rows the undo deletes are looked up while they exist.
        record_undo(log, changes, *_counts(changes))
        for model in UNDO_ORDER:
            group = groups.get(model._meta.label_lower, [])
            created = [c.object_pk for c in group if c.action == ImportChange.Action.CREATED]
            undone.deleted += delete_created(model, created, log) if created else 0
        for model in UNDO_ORDER:
            updated = [c for c in groups.get(model._meta.label_lower, []) if c.action == ImportChange.Action.UPDATED]
            undone.restored += restore(model, updated) if updated else 0
        log.save(update_fields=["outcome", "undone_at", "undone_by", "undone_actor", "undo_reason"])
    return undone
