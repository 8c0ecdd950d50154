from __future__ import annotations

import json
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from kttt.plans.models import Plan
from kttt.plans.output import plan_header, to_json, to_text
from kttt.plans.progress import plan_progress
from kttt.text import fold


class Command(BaseCommand):
    help = "Kế hoạch phát triển kinh tế tập thể: danh sách kế hoạch và tiến độ thực hiện các chỉ tiêu."

    def add_arguments(self, parser: ArgumentParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, title="lệnh")
        actions.add_parser("list", help="liệt kê các kế hoạch")
        progress = actions.add_parser("progress", help="tiến độ thực hiện các chỉ tiêu của một kế hoạch")
        progress.add_argument("plan", help="mã số (id) hoặc tên kế hoạch, không cần gõ dấu")
        progress.add_argument("--as-of", type=int, dest="as_of", help="năm đánh giá (số liệu tại 31/12)")
        progress.add_argument("--json", action="store_true", help="in kết quả dạng JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "list":
            self.list_plans()
            return
        plan = find_plan(options["plan"])
        as_of = options["as_of"]
        if as_of is not None and not 1990 <= as_of <= 2100:
            raise CommandError(f"Năm {as_of} không hợp lệ.")
        progress = plan_progress(plan, as_of)
        if options["json"]:
            self.stdout.write(json.dumps(to_json(progress), ensure_ascii=False, indent=2))
        else:
            self.stdout.write(to_text(progress), ending="")

    def list_plans(self) -> None:
        plans = Plan.objects.select_related("province", "area").order_by("id")
        if not plans:
            self.stdout.write("Chưa có kế hoạch nào.")
        for plan in plans:
            header = plan_header(plan)
            self.stdout.write(f"[{plan.pk}] {header[0].removeprefix('Kế hoạch: ')}")
            self.stdout.write(f"    {header[1]}; {plan.targets.count()} chỉ tiêu")


def find_plan(text: str) -> Plan:
    """A plan by id, by exact folded name, or by a folded fragment of its name when only one matches."""
    text = text.strip()
    if text.isdigit():
        plan = Plan.objects.select_related("province", "area").filter(pk=int(text)).first()
        if plan is not None:
            return plan
    key = fold(text)
    plans = list(Plan.objects.select_related("province", "area"))
    exact = [p for p in plans if fold(p.name) == key]
    partial = exact or [p for p in plans if key and key in fold(p.name)]
    if len(partial) == 1:
        return partial[0]
    if partial:
        names = "; ".join(f"[{p.pk}] {p.name}" for p in partial)
        raise CommandError(f"Có nhiều kế hoạch khớp với “{text}”: {names}. Hãy nhập mã số kế hoạch.")
    raise CommandError(f"Không tìm thấy kế hoạch “{text}”. Dùng `kttt plan list` để xem danh sách.")
