from __future__ import annotations

import sys
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand
from django.db import connection, transaction

from kttt.indicators import facts


class Command(BaseCommand):
    help = (
        "Kiểm tra bảng số liệu tổng hợp theo năm (do trigger cơ sở dữ liệu cập nhật) với số liệu tính lại từ hồ sơ; "
        "--rebuild để tính lại toàn bộ bảng."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--rebuild", action="store_true", help="tính lại bảng từ hồ sơ và cài lại trigger")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["rebuild"]:
            with transaction.atomic():
                facts.install(connection, rebuild=True)
            self.stdout.write("Đã tính lại bảng số liệu tổng hợp theo năm từ hồ sơ và cài lại trigger.")
            return
        wrong = facts.differences(connection)
        if not wrong:
            self.stdout.write("Bảng số liệu tổng hợp theo năm khớp với số liệu tính lại từ hồ sơ.")
            return
        self.stderr.write(f"{len(wrong)} dòng của bảng số liệu tổng hợp không khớp với hồ sơ, ví dụ:")
        for key, stored, computed in wrong[:10]:
            named = dict(zip(facts.KEY, key, strict=True))
            changed = {n: (a, b) for n, a, b in zip(facts.VALUES, stored, computed, strict=True) if a != b}
            self.stderr.write(f"  {named}: (đang lưu, tính lại) {changed}")
        self.stderr.write("Chạy `kttt facts --rebuild` để tính lại.")
        sys.exit(1)
