from __future__ import annotations

import json
from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from kttt.areas.gazetteer import UnitNotFound, shared_gazetteer
from kttt.areas.models import AdminUnit
from kttt.exchange.cells import CellError, choice
from kttt.indicators.queries import Scope, year_end
from kttt.ranking import output
from kttt.ranking.queries import latest_year
from kttt.ranking.rank import rank_peers
from kttt.ranking.shortlist import NotAPeer, peer_benchmark, shortlist
from kttt.registry.models import Organisation, Sector
from kttt.text import fold

# "cong nghiep" for "cong-nghiep": codes typed with spaces instead of hyphens.
SECTOR_ALIASES = {fold(value.replace("-", " ")): value for value in Sector.values}


class Command(BaseCommand):
    help = "Xếp hạng HTX theo lĩnh vực và địa bàn, đề xuất mô hình hiệu quả để nhân rộng; đối sánh một HTX."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--sector", help="lĩnh vực: mã hoặc tên, có dấu hoặc không (vd. “nông nghiệp”)")
        parser.add_argument("--area", help="huyện cũ hoặc xã/phường (vd. “Hữu Lũng”); mặc định cả tỉnh")
        parser.add_argument(
            "--province", default=None, help=f"mã hoặc tên tỉnh (mặc định {settings.KTTT_DEFAULT_PROVINCE})"
        )
        parser.add_argument("--year", type=int, help="năm (mặc định năm gần nhất có số liệu)")
        parser.add_argument("--top", type=int, default=10, help="số HTX tối đa được đề xuất (mặc định 10)")
        parser.add_argument("--code", help="mã một HTX: đối sánh HTX đó với các HTX cùng ngành, cùng địa bàn")
        parser.add_argument("--json", action="store_true", help="in kết quả dạng JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["code"]:
            self._benchmark(options["code"], options["year"], options["json"])
            return
        if not options["sector"]:
            raise CommandError("Cần chọn lĩnh vực (--sector) hoặc một HTX (--code).")
        if options["top"] < 1:
            raise CommandError("--top phải là số nguyên dương.")
        sector = parse_sector(options["sector"])
        year = _year(options["year"], latest_year(sector))
        scope = _scope(options["province"], options["area"], year)
        ranking = rank_peers(year, sector, scope)
        candidates = shortlist(year, sector, scope, options["top"], ranking)
        if options["json"]:
            place = {"province": _unit_json(scope.province), "area": _unit_json(scope.area)}
            self.stdout.write(json.dumps(output.to_json(ranking, candidates, place), ensure_ascii=False, indent=2))
        else:
            self.stdout.write(output.to_text(ranking, candidates, _place(scope)))

    def _benchmark(self, code: str, year: int | None, as_json: bool) -> None:
        org = Organisation.objects.filter(code__iexact=code.strip()).first()
        if org is None:
            raise CommandError(f"Không tìm thấy tổ chức có mã “{code}”.")
        year = _year(year, latest_year(org.sector))
        try:
            result = peer_benchmark(org, year)
        except NotAPeer as exc:
            raise CommandError(str(exc)) from exc
        if as_json:
            self.stdout.write(json.dumps(output.benchmark_json(result), ensure_ascii=False, indent=2))
        else:
            self.stdout.write(output.benchmark_text(result))


def parse_sector(text: str) -> str:
    try:
        return choice(text, Sector.choices, "Lĩnh vực", SECTOR_ALIASES)
    except CellError as exc:
        raise CommandError(str(exc)) from exc


def _year(year: int | None, latest: int | None) -> int:
    if year is None:
        if latest is None:
            raise CommandError("Chưa có số liệu năm nào của lĩnh vực này; hãy nhập --year.")
        return latest
    if not 1990 <= year <= 2100:
        raise CommandError(f"Năm {year} không hợp lệ.")
    return year


def _scope(province_text: str | None, area_text: str | None, year: int) -> Scope:
    day = year_end(year)
    try:
        province = shared_gazetteer().province(province_text or settings.KTTT_DEFAULT_PROVINCE, day)
        area = shared_gazetteer().area(area_text, province, day) if area_text else None
    except UnitNotFound as exc:
        raise CommandError(str(exc)) from exc
    return Scope(province, area)


def _place(scope: Scope) -> str:
    names = [unit.name for unit in (scope.area, scope.province) if unit is not None]
    return ", ".join(names) or "toàn quốc"


def _unit_json(unit: AdminUnit | None) -> dict[str, str] | None:
    return None if unit is None else {"code": unit.code, "name": unit.name}
