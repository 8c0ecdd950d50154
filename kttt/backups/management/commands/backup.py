"""kttt backup [PATH] [--keep N]: back up the database while the site runs (docs/cli.md, docs/deployment.md)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.utils import timezone

from kttt.backups.backup import BackupError, back_up, default_name, prune
from kttt.numbers import number


class Command(BaseCommand):
    help = (
        "Sao lưu cơ sở dữ liệu khi hệ thống đang chạy: SQLite được sao chép nhất quán, PostgreSQL được xuất bằng "
        "pg_dump -Fc. Mặc định ghi vào KTTT_DATA_DIR/backups/kttt-NĂMTHÁNGNGÀY-GIỜPHÚTGIÂY.sqlite3 (hoặc .dump)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", nargs="?", help="tệp sao lưu (chưa có), hoặc thư mục để ghi vào")
        parser.add_argument(
            "--keep",
            type=int,
            metavar="N",
            help="sau khi sao lưu, chỉ giữ N bản sao lưu mới nhất do kttt backup tạo trong cùng thư mục",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        keep: int | None = options["keep"]
        if keep is not None and keep < 1:
            raise CommandError("--keep phải là số nguyên từ 1 trở lên.")
        try:
            target = self.target(options["path"])
            size = back_up(connection, target)
            self.stdout.write(f"Đã sao lưu cơ sở dữ liệu vào {target} ({number(size / 1_000_000, 1)} MB).")
            if keep is not None:
                for old in prune(target.parent, connection, keep):
                    self.stdout.write(f"Đã xóa bản sao lưu cũ {old}.")
        except BackupError as exc:
            raise CommandError(str(exc)) from exc

    def target(self, given: str | None) -> Path:
        """PATH; a timestamped name inside PATH when it is a folder (or ends with "/"); by default one in
        DATA_DIR/backups/."""
        name = default_name(connection, timezone.localtime())
        if given is not None:
            path = Path(given)
            return path / name if path.is_dir() or given.endswith(os.sep) else path
        folder = Path(settings.DATA_DIR) / "backups"
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as exc:
            raise BackupError(f"Không tạo được thư mục sao lưu {folder}: {exc.strerror}.") from exc
        return folder / name
