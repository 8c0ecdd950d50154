"""Submission and approval of a year's figures: saved → submitted → approved (locked) → reopened with a reason
(back to saved). Who may take each step is the person's scope (kttt.accounts.access): whoever may enter the
figures submits them (the cooperative's representative, the commune or province officer); whoever may approve
(the province officer, the administrator) approves and reopens. Each step is in the audit trail."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from kttt.accounts.access import REFUSALS, access
from kttt.accounts.access import Action as Right
from kttt.annual.models import AnnualFigures, State
from kttt.audit.models import Action
from kttt.audit.services import Actor, record
from kttt.registry.models import Organisation
from kttt.rules.deadlines import deadline

STEP_FIELDS = ("state", "submitted_at", "submitted_by", "approved_at", "approved_by")


def submit(org: Organisation, year: int, actor: Actor = None) -> AnnualFigures:
    with transaction.atomic():
        row = _row(org, year, actor, Right.ENTER)
        if row.state != State.SAVED:
            raise ValidationError(f"Số liệu năm {year} của {org.code} đang ở tình trạng “{row.get_state_display()}”.")
        before = row.get_state_display()
        row.state, row.submitted_at, row.submitted_by = State.SUBMITTED, timezone.now(), _user(actor)
        row.version += 1
        row.save(update_fields=[*STEP_FIELDS, "version", "updated_at"])
        late = " (quá hạn)" if timezone.localdate(row.submitted_at) > deadline(year) else ""
        record(actor, Action.SUBMIT, row, {"state": [before, row.get_state_display() + late]})
        return row


def approve(org: Organisation, year: int, actor: Actor = None) -> AnnualFigures:
    with transaction.atomic():
        row = _row(org, year, actor, Right.APPROVE)
        if row.state != State.SUBMITTED:
            raise ValidationError(
                f"Chỉ phê duyệt được số liệu đã gửi; số liệu năm {year} của {org.code} đang ở tình trạng "
                f"“{row.get_state_display()}”."
            )
        before = row.get_state_display()
        row.state, row.approved_at, row.approved_by = State.APPROVED, timezone.now(), _user(actor)
        row.version += 1
        row.save(update_fields=[*STEP_FIELDS, "version", "updated_at"])
        record(actor, Action.APPROVE, row, {"state": [before, row.get_state_display()]})
        return row


def reopen(org: Organisation, year: int, reason: str, actor: Actor = None) -> AnnualFigures:
    """Send submitted or approved figures back to be corrected; the reason is required and kept."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": ["Cần ghi lý do mở lại số liệu."]})
    with transaction.atomic():
        row = _row(org, year, actor, Right.APPROVE)
        if row.state == State.SAVED:
            raise ValidationError(f"Số liệu năm {year} của {org.code} chưa được gửi nên không cần mở lại.")
        before = row.get_state_display()
        row.state, row.approved_at, row.approved_by = State.SAVED, None, None
        row.version += 1
        row.save(update_fields=[*STEP_FIELDS, "version", "updated_at"])
        record(actor, Action.REOPEN, row, {"state": [before, row.get_state_display()]}, reason=reason)
        return row


def locked_message(row: AnnualFigures) -> str:
    return (
        f"Số liệu năm {row.year} của {row.organisation.code} đã được phê duyệt nên không sửa được; "
        "cán bộ cấp tỉnh cần mở lại (ghi rõ lý do) trước khi sửa."
    )


def on_time(row: AnnualFigures) -> bool | None:
    """Whether the figures were submitted by the deadline of the regime in force; None if not submitted."""
    if row.submitted_at is None:
        return None
    return timezone.localdate(row.submitted_at) <= deadline(row.year)


def _row(org: Organisation, year: int, actor: Actor, right: Right) -> AnnualFigures:
    if isinstance(actor, AbstractBaseUser) and not access(actor).covers(org, right):
        raise PermissionDenied(REFUSALS[right])
    row = AnnualFigures.objects.select_for_update().filter(organisation=org, year=year).first()
    if row is None:
        raise ValidationError(f"Chưa có số liệu năm {year} của {org.code}: hãy nhập và lưu số liệu trước.")
    row.organisation = org
    return row


def _user(actor: Actor) -> User | None:
    return actor if isinstance(actor, User) else None


def deadline_of(year: int) -> dt.date:
    return deadline(year)
