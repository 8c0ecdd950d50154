from __future__ import annotations

import json
from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from kttt.areas.gazetteer import UnitNotFound, shared_gazetteer
from kttt.indicators.output import to_json, to_text
from kttt.indicators.queries import GROUPINGS, snapshot, year_end


class Command(BaseCommand):
    help = "Tổng hợp chỉ tiêu kinh tế tập thể cuối năm, so với năm gốc, theo loại hình/lĩnh vực/địa bàn."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--year", type=int, required=True, help="năm báo cáo (số liệu tại 31/12)")
        parser.add_argument("--baseline", type=int, help="năm gốc để so sánh")
        parser.add_argument(
            "--province",
            default=None,
            help=f"mã hoặc tên tỉnh (mặc định {settings.KTTT_DEFAULT_PROVINCE}); 'all' để lấy toàn quốc",
        )
        parser.add_argument("--by", choices=GROUPINGS, default="kind", help="nhóm theo")
        parser.add_argument("--json", action="store_true", help="in kết quả dạng JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        year, baseline = options["year"], options["baseline"]
        for value in (year, baseline):
            if value is not None and not 1990 <= value <= 2100:
                raise CommandError(f"Năm {value} không hợp lệ.")
        text = options["province"] or settings.KTTT_DEFAULT_PROVINCE
        try:
            province = shared_gazetteer().province_or_country(text, year_end(year))
        except UnitNotFound as exc:
            raise CommandError(str(exc)) from exc
        snap = snapshot(year, baseline, options["by"], province)
        if options["json"]:
            self.stdout.write(json.dumps(to_json(snap), ensure_ascii=False, indent=2))
        else:
            self.stdout.write(to_text(snap))
