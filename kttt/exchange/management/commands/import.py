from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from kttt.exchange.importer import ImportFailed, ImportResult, import_package
from kttt.exchange.reader import PackageError
from kttt.progress import ProgressBars

SHEET_LABELS = {
    "organizations": "Tổ chức",
    "statuses": "Trạng thái",
    "annual": "Số liệu năm",
    "union_members": "Thành viên liên hiệp",
}
MAX_LISTED = 200


class Command(BaseCommand):
    help = "Nhập một gói dữ liệu (thư mục CSV hoặc tệp .xlsx). Có lỗi thì không ghi gì."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("path", type=Path, help="thư mục chứa các tệp CSV, hoặc tệp .xlsx")
        parser.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không ghi vào cơ sở dữ liệu")

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", verbosity=0)
        try:
            with ProgressBars() as bars:
                result = import_package(options["path"], dry_run=options["dry_run"], progress=bars)
        except PackageError as exc:
            raise CommandError(str(exc)) from exc
        except ImportFailed as failed:
            self.report_problems(failed.result)
            raise CommandError(
                f"Gói dữ liệu có {len(failed.result.errors)} lỗi; không có gì được ghi vào cơ sở dữ liệu."
            ) from failed
        self.report_problems(result)
        self.stdout.write(summary(result))

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
