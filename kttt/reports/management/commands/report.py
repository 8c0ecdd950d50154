from __future__ import annotations

import datetime as dt
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from kttt.areas.gazetteer import UnitNotFound, shared_gazetteer
from kttt.reports.options import DEFAULT_KINDS, VARIANTS, ReportOptions, Variant
from kttt.reports.service import FORMATS, make_report

KINDS = ("THT", "HTX", "LHHTX", "QTDND")


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
        year, baseline = options["year"], options["baseline"]
        if not 1990 <= year <= dt.date.today().year:
            raise CommandError(f"Năm {year} không hợp lệ.")
        if baseline is not None and not 1990 <= baseline < year:
            raise CommandError(f"Năm gốc {baseline} phải trước năm báo cáo {year}.")
        kinds = tuple(k.strip().upper() for given in options["kind"] or [] for k in given.split(","))
        if unknown := [k for k in kinds if k not in KINDS]:
            raise CommandError(f"Loại hình không hợp lệ: {', '.join(unknown)} (dùng THT, HTX, LHHTX, QTDND).")
        variant: Variant = options["variant"] or ("review" if baseline else "annual")
        day = dt.date(year, 12, 31) if variant != "midyear" else dt.date(year, 6, 30)
        gazetteer = shared_gazetteer()
        try:
            text = options["province"] or settings.KTTT_DEFAULT_PROVINCE
            province = gazetteer.province_or_country(text, day)
            if options["area"] and province is None:
                raise CommandError("Chọn một tỉnh (--province) khi báo cáo cho một địa bàn (--area).")
            area = gazetteer.area(options["area"], province, day) if options["area"] and province else None
        except UnitNotFound as exc:
            raise CommandError(str(exc)) from exc
        return ReportOptions(year, baseline, province, area, kinds or DEFAULT_KINDS, variant, options["date"])
