"""The upload page: check a data package (nothing written), then commit the same file; the import log and undo."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kttt.accounts.access import access, may_import
from kttt.exchange.log import Attempt, FileInfo, UndoRefused, logged_import, message_row, new_log, refuse, undo_import
from kttt.exchange.models import ImportLog, Outcome
from kttt.exchange.uploads import SUFFIXES, matches, max_bytes, store, stored_path, upload_name

RECENT = 20
SHEET_LABELS = {
    "organizations": _("Organisations"),
    "statuses": _("Status changes"),
    "annual": _("Yearly figures"),
    "union_members": _("Union members"),
    "assessments": _("Ratings"),
    "officer_training": _("Key-officer training"),
    "loans": _("Support-Fund loans"),
    "disbursements": _("Disbursements"),
    "repayments": _("Repayments"),
}
OUTCOME_TONES = {Outcome.CHECKED: "", Outcome.COMMITTED: "good", Outcome.REFUSED: "bad", Outcome.UNDONE: "warn"}


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Data file"),
        help_text=_("An Excel workbook (.xlsx, .xls) or one CSV file of the data package."),
    )

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        if not upload_name(upload).lower().endswith(SUFFIXES):
            raise forms.ValidationError(_("Only .xlsx, .xls and .csv files can be imported."))
        if (upload.size or 0) > max_bytes():
            raise forms.ValidationError(
                _("The file is too large (%(size)s); the limit is %(limit)s.")
                % {"size": filesizeformat(upload.size or 0), "limit": filesizeformat(max_bytes())}
            )
        return upload


class CommitForm(forms.Form):
    log = forms.IntegerField(widget=forms.HiddenInput)


class UndoForm(forms.Form):
    reason = forms.CharField(label=_("Reason for the undo"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))


def signed_in(request: HttpRequest) -> User | None:
    user: AbstractBaseUser | AnonymousUser = request.user
    return user if isinstance(user, User) else None


def actor_of(request: HttpRequest) -> str:
    user = signed_in(request)
    return f"Web: {user.get_username()}" if user else "Web"


def count_rows(log: ImportLog) -> list[dict[str, Any]]:
    return [{"label": SHEET_LABELS.get(name, name), **counts} for name, counts in log.counts.items()]


def problem_rows(attempt: Attempt) -> list[dict[str, Any]]:
    """Every error and warning of the check (the log keeps only the first ones)."""
    if attempt.result is None:
        return list(attempt.log.messages)
    return [
        message_row(p, level)
        for level, problems in (("error", attempt.result.errors), ("warning", attempt.result.warnings))
        for p in problems
    ]


def visible_logs(request: HttpRequest) -> QuerySet[ImportLog]:
    """The administrator sees every import; anyone else the imports they made."""
    logs = ImportLog.objects.select_related("user", "undone_by")
    return logs if access(request.user).everything else logs.filter(user_id=request.user.pk or 0)


def recent_logs(request: HttpRequest) -> list[ImportLog]:
    return list(visible_logs(request)[:RECENT])


def upload(request: HttpRequest) -> HttpResponse:
    if not may_import(request.user):
        raise PermissionDenied("Tài khoản của bạn không được nhập dữ liệu (chỉ được xem).")
    if request.method == "POST" and "log" in request.POST:
        return commit(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    context: dict[str, Any] = {"form": form, "limit": max_bytes()}
    if request.method == "POST":
        if form.is_valid():
            context |= check(request, form.cleaned_data["file"])
        elif isinstance(file := request.FILES.get("file"), UploadedFile):
            info = FileInfo(upload_name(file), "", file.size or 0)
            refuse(new_log(info, dry_run=True, actor=actor_of(request), user=signed_in(request)), form_error(form))
    context["recent"] = recent_logs(request)
    return render(request, "exchange/upload.html", context)


def form_error(form: UploadForm) -> str:
    return " ".join(str(error) for error in form.errors.get("file", []))


def check(request: HttpRequest, upload: UploadedFile) -> dict[str, Any]:
    info, relative = store(upload)
    log = new_log(info, dry_run=True, actor=actor_of(request), user=signed_in(request))
    log.stored_file = relative
    attempt = logged_import(Path(settings.DATA_DIR) / relative, log, allowed=access(request.user))
    return {
        "attempt": attempt,
        "counts": count_rows(attempt.log),
        "problems": problem_rows(attempt),
        "can_commit": not attempt.refused,
        "commit_form": CommitForm(initial={"log": attempt.log.pk}),
    }


def commit(request: HttpRequest) -> HttpResponse:
    form = CommitForm(request.POST)
    if not form.is_valid():
        return redirect("exchange:upload")
    checked = get_object_or_404(
        visible_logs(request), pk=form.cleaned_data["log"], dry_run=True, outcome=Outcome.CHECKED
    )
    info = FileInfo(checked.file_name, checked.sha256, checked.size)
    log = new_log(info, dry_run=False, actor=actor_of(request), user=signed_in(request))
    log.stored_file = checked.stored_file
    path = stored_path(checked.stored_file)
    if path is None or not matches(path, checked.sha256):
        reason = (
            gettext("The checked file is no longer kept on the server (checked files are removed after a few days).")
            if path is None
            else gettext("The stored file no longer matches the checked one (its SHA-256 differs).")
        )
        refuse(log, reason + " " + gettext("Upload it again."))
        messages.error(request, gettext("Nothing was written:") + " " + reason)
        return redirect("exchange:log", log.pk)
    attempt = logged_import(path, log, allowed=access(request.user))
    if attempt.refused:
        messages.error(request, gettext("Nothing was written: the file has errors now (see below)."))
    else:
        messages.success(request, gettext("The data was written to the database."))
    return redirect("exchange:log", attempt.log.pk)


def log_detail(request: HttpRequest, pk: int) -> HttpResponse:
    log = get_object_or_404(visible_logs(request), pk=pk)
    can_undo = log.outcome == Outcome.COMMITTED
    form = UndoForm(request.POST if request.method == "POST" else None)
    if can_undo and form.is_bound and form.is_valid():
        try:
            undone = undo_import(log, signed_in(request), actor=actor_of(request), reason=form.cleaned_data["reason"])
        except UndoRefused as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                gettext("The import was undone: %(deleted)d rows deleted, %(restored)d rows restored.")
                % {"deleted": undone.deleted, "restored": undone.restored},
            )
        return redirect("exchange:log", log.pk)
    context = {
        "log": log,
        "tone": OUTCOME_TONES.get(Outcome(log.outcome), ""),
        "counts": count_rows(log),
        "problems": log.messages,
        "hidden": log.error_count + log.warning_count - len(log.messages),
        "can_undo": can_undo,
        "form": form,
    }
    return render(request, "exchange/log.html", context)
