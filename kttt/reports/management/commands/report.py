from __future__ import annotations

import datetime as dt
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from kttt.reports.options import VARIANTS, InvalidOptions, ReportOptions, checked_options
from kttt.reports.service import FORMATS, make_report


class Command(BaseCommand):
    help = "Viết báo cáo kinh tế tập thể (Markdown, Word, PDF hoặc Excel) từ cơ sở dữ liệu."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--year", type=int, required=True, help="năm báo cáo")
        parser.add_argument("--baseline", type=int, help="năm gốc để so sánh (báo cáo tổng kết)")
        parser.add_argument(
            "--province", help=f"mã hoặc tên tỉnh (mặc định {settings.KTTT_DEFAULT_PROVINCE}); 'all' cho cả nước"
        )
        parser.add_argument("--area", help="chỉ một địa bàn: huyện cũ (trước 2025) hoặc xã/phường")
        parser.add_argument("--kind", action="append", help="loại hình: THT, HTX, LHHTX (có thể lặp lại)")
        parser.add_argument(
            "--variant",
            choices=VARIANTS,
            help="annual: báo cáo năm; review: tổng kết nhiều năm; midyear: 6 tháng (mặc định: review nếu "
            "có --baseline, ngược lại annual)",
        )
        parser.add_argument("--format", choices=FORMATS, help="định dạng (mặc định theo đuôi tệp -o)")
        parser.add_argument("-o", "--output", type=Path, required=True, help="tệp kết quả")
        parser.add_argument("--date", type=dt.date.fromisoformat, help="ngày ký văn bản (yyyy-mm-dd), mặc định hôm nay")

    def handle(self, *args: Any, **options: Any) -> None:
        output: Path = options["output"]
        fmt = next((f for f in FORMATS if f == (options["format"] or output.suffix.lstrip(".").lower())), None)
        if fmt is None:
            raise CommandError(f"Không rõ định dạng của “{output.name}”: dùng --format md, docx, pdf hoặc xlsx.")
        report_options = self.report_options(options)
        rendered = make_report(report_options, fmt)
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_bytes(rendered.content)
        for name, content in rendered.attachments.items():
            (output.parent / name).write_bytes(content)
        self.stdout.write(f"Đã ghi {output} ({len(rendered.content):,} byte).".replace(",", "."))

    def report_options(self, options: dict[str, Any]) -> ReportOptions:
        try:
            return checked_options(
                year=options["year"],
                baseline=options["baseline"],
                province=options["province"] or "",
                area=options["area"] or "",
                kinds=options["kind"] or [],
                variant=options["variant"],
                issued=options["date"],
            )
        except InvalidOptions as exc:
            raise CommandError(exc.message) from exc
