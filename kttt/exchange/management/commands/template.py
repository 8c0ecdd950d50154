from __future__ import annotations

import datetime as dt
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from kttt.areas.gazetteer import UnitNotFound, shared_gazetteer
from kttt.exchange.templates import TEMPLATES, UnknownTemplate, template_workbook


class Command(BaseCommand):
    help = "Ghi một mẫu Excel để nhập liệu (tiêu đề tiếng Việt, danh sách chọn, trang hướng dẫn)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("kind", help=f"loại mẫu: {', '.join(TEMPLATES)}")
        parser.add_argument("-o", "--output", type=Path, required=True, help="tệp .xlsx sẽ ghi")
        parser.add_argument("--province", default="", help="mã hoặc tên tỉnh (mặc định KTTT_DEFAULT_PROVINCE)")
        parser.add_argument("--year", type=int, default=None, help="năm của số liệu (mặc định năm trước)")

    def handle(self, *args: Any, **options: Any) -> None:
        kind: str = options["kind"]
        if kind not in TEMPLATES:
            raise CommandError(str(UnknownTemplate(kind)))
        year: int = options["year"] or dt.date.today().year - 1
        if not 1990 <= year <= dt.date.today().year + 1:
            raise CommandError(f"Năm {year} không hợp lệ.")
        call_command("migrate", verbosity=0)
        try:
            province = shared_gazetteer().province_or_country(
                options["province"] or settings.KTTT_DEFAULT_PROVINCE, dt.date(year, 12, 31)
            )
        except UnitNotFound as exc:
            raise CommandError(str(exc)) from exc
        output: Path = options["output"]
        try:
            output.write_bytes(template_workbook(kind, year, province))
        except OSError as exc:
            raise CommandError(f"Không ghi được {output}: {exc.strerror}") from exc
        self.stdout.write(f"Đã ghi mẫu {kind} vào {output}.")
