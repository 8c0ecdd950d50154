from __future__ import annotations

import datetime as dt
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from kttt.audit.services import cli_actor
from kttt.exchange.columns import SHEET_LABELS
from kttt.exchange.importer import ImportResult
from kttt.exchange.log import UndoRefused, describe, logged_import, new_log, undo_import
from kttt.exchange.models import ImportLog
from kttt.exchange.uploads import remove_stale
from kttt.progress import ProgressBars

MAX_LISTED = 200
RECENT = 20


class Command(BaseCommand):
    help = (
        "Nhập một gói dữ liệu (thư mục CSV hoặc tệp .xlsx). Có lỗi thì không ghi gì. Mỗi lần nhập được ghi nhật ký; "
        "--list xem các lần nhập gần đây, --undo hoàn tác một lần nhập."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("path", type=Path, nargs="?", help="thư mục chứa các tệp CSV, hoặc tệp .xlsx")
        parser.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không ghi vào cơ sở dữ liệu")
        parser.add_argument("--list", action="store_true", help="liệt kê các lần nhập gần đây")
        parser.add_argument("--undo", type=int, metavar="LOG_ID", help="hoàn tác lần nhập có số nhật ký này")
        parser.add_argument("--reason", default="", help="lý do hoàn tác (với --undo)")
        parser.add_argument(
            "--clean-uploads",
            type=int,
            metavar="DAYS",
            help="xóa các tệp tải lên chỉ được kiểm tra (chưa ghi) từ DAYS ngày trước trở về trước",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", verbosity=0)
        if options["list"]:
            self.stdout.write(recent_list())
        elif options["undo"] is not None:
            self.undo(options["undo"], options["reason"])
        elif options["clean_uploads"] is not None:
            self.clean_uploads(options["clean_uploads"])
        elif options["path"] is not None:
            self.run_import(options["path"], options["dry_run"])
        else:
            raise CommandError("Cho biết tệp hoặc thư mục cần nhập, hoặc dùng --list, --undo hay --clean-uploads.")

    def run_import(self, path: Path, dry_run: bool) -> None:
        log = new_log(describe(path), dry_run=dry_run, actor=cli_actor())
        with ProgressBars() as bars:
            attempt = logged_import(path, log, progress=bars)
        if attempt.result is None:
            raise CommandError(attempt.log.messages[0]["message"])
        self.report_problems(attempt.result)
        if attempt.refused:
            raise CommandError(
                f"Gói dữ liệu có {len(attempt.result.errors)} lỗi; không có gì được ghi vào cơ sở dữ liệu "
                f"(nhật ký #{attempt.log.pk})."
            )
        self.stdout.write(summary(attempt.result))
        self.stdout.write(f"Nhật ký lần nhập: #{attempt.log.pk}.")

    def clean_uploads(self, days: int) -> None:
        if days < 0:
            raise CommandError("Số ngày của --clean-uploads không được âm.")
        removed = remove_stale(dt.timedelta(days=days), timezone.now())
        for folder in removed:
            self.stdout.write(f"Đã xóa {folder}")
        self.stdout.write(f"Đã xóa {len(removed)} tệp tải lên chưa được ghi (cũ hơn {days} ngày).")

    def undo(self, pk: int, reason: str) -> None:
        log = ImportLog.objects.filter(pk=pk).first()
        if log is None:
            raise CommandError(f"Không có lần nhập #{pk} trong nhật ký.")
        try:
            undone = undo_import(log, actor=cli_actor(), reason=reason)
        except UndoRefused as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Đã hoàn tác lần nhập #{pk}: xóa {undone.deleted} bản ghi, khôi phục {undone.restored} bản ghi."
        )

    def report_problems(self, result: ImportResult) -> None:
        for problem in result.errors[:MAX_LISTED]:
            self.stderr.write(f"LỖI  {problem}")
        for problem in result.warnings[:MAX_LISTED]:
            self.stderr.write(f"CẢNH BÁO  {problem}")
        hidden = max(0, len(result.errors) - MAX_LISTED) + max(0, len(result.warnings) - MAX_LISTED)
        if hidden:
            self.stderr.write(f"... và {hidden} dòng nữa.")


def summary(result: ImportResult) -> str:
    head = "Kiểm tra xong (chạy thử, không ghi gì):" if result.dry_run else "Đã nhập xong:"
    lines = [head]
    for name, counts in result.counts.items():
        if counts.created or counts.updated or counts.unchanged:
            add, update = ("sẽ thêm", "sẽ cập nhật") if result.dry_run else ("thêm", "cập nhật")
            lines.append(
                f"  {SHEET_LABELS[name]}: {add} {counts.created}, {update} {counts.updated}, "
                f"không đổi {counts.unchanged}"
            )
    if result.warnings:
        lines.append(f"  {len(result.warnings)} cảnh báo (xem ở trên).")
    return "\n".join(lines)


def recent_list() -> str:
    logs = list(ImportLog.objects.all()[:RECENT])
    if not logs:
        return "Chưa có lần nhập nào."
    lines = []
    for log in logs:
        counts = log.counts.values()
        written = sum(c.get("created", 0) + c.get("updated", 0) for c in counts)
        lines.append(
            f"#{log.pk}  {timezone.localtime(log.created_at):%d/%m/%Y %H:%M}  {log.get_outcome_display()}  "
            f"{log.file_name}  ({log.actor or '–'}; {written} bản ghi thêm/cập nhật, "
            f"{log.error_count} lỗi, {log.warning_count} cảnh báo)"
        )
    return "\n".join(lines)
