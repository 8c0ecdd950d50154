from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from kttt.accounts.demo import ensure_demo_accounts
from kttt.demo.ahead import packages_ahead
from kttt.demo.generate import build_package
from kttt.demo.load import add_counts, collector_paused, import_demo
from kttt.demo.national import provinces
from kttt.demo.package import Package
from kttt.demo.places import load_geographies
from kttt.exchange.importer import Counts, ImportFailed, ImportResult
from kttt.numbers import number
from kttt.plans.demo import load_demo_plans
from kttt.progress import ProgressBars, StepBar
from kttt.support.demo import load_demo_loans
from kttt.training.demo import load_demo_training

DEMO_USER, DEMO_PASSWORD = "admin", "kttt-demo"


class Command(BaseCommand):
    help = (
        "Tạo (hoặc cập nhật) dữ liệu mẫu tỉnh Lạng Sơn 2003–2025 (với --national: cả nước, 63 tỉnh) "
        "và tài khoản quản trị mẫu."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--national",
            action="store_true",
            help="Dữ liệu mẫu cả nước: 63 tỉnh (Lạng Sơn giữ nguyên dữ liệu mẫu của tỉnh), khoảng 1,7 triệu dòng "
            "số liệu năm; nhập lần lượt từng tỉnh.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", verbosity=0)
        if options["national"]:
            self.stdout.write("Đang tạo dữ liệu mẫu cả nước (63 tỉnh, 2003–2025), nhập lần lượt từng tỉnh…")
            counts = self.load_national()
        else:
            self.stdout.write("Đang tạo dữ liệu mẫu tỉnh Lạng Sơn 2003–2025…")
            with ProgressBars() as bars:
                counts = self.load(build_package(), bars).counts
        self.stdout.write("Đang tạo khoản vay, khóa đào tạo cán bộ và kế hoạch mẫu…")
        load_demo_loans()
        load_demo_training()
        load_demo_plans()
        for name, count in counts.items():
            self.stdout.write(f"  {name}: thêm {count.created}, cập nhật {count.updated}, không đổi {count.unchanged}")
        self.ensure_admin()

    def load(
        self, package: Package, progress: ProgressBars | None = None, refused: str = "Dữ liệu mẫu không hợp lệ"
    ) -> ImportResult:
        try:
            return import_demo(package, progress)
        except ImportFailed as failed:
            for problem in failed.result.errors[:20]:
                self.stderr.write(str(problem))
            raise CommandError(f"{refused}; không ghi gì.") from failed

    def load_national(self) -> dict[str, Counts]:
        """Every province in turn, each in its own transaction: a failure keeps the provinces already written."""
        totals: dict[str, Counts] = {}
        organisations = rows = 0
        names = {code: geo.name for code, geo in load_geographies().items()}
        with StepBar(len(provinces()), "Nhập dữ liệu mẫu", "tỉnh") as bar:
            for code, package in packages_ahead():
                refused = f"Dữ liệu mẫu của {names[code]} không hợp lệ (các tỉnh trước đó đã được ghi)"
                with collector_paused():
                    add_counts(totals, self.load(package, refused=refused).counts)
                organisations += len(package["organizations"])
                rows += len(package["annual"])
                bar.advance(f"{names[code]}: {number(organisations)} tổ chức, {number(rows)} dòng số liệu năm")
        return totals

    def ensure_admin(self) -> None:
        users = get_user_model()
        if not users.objects.filter(username=DEMO_USER).exists():
            users.objects.create_superuser(DEMO_USER, "", DEMO_PASSWORD)
        self.stdout.write(
            f"Tài khoản quản trị mẫu: {DEMO_USER} / {DEMO_PASSWORD} "
            "(chỉ dùng cho dữ liệu mẫu — đổi mật khẩu trước khi dùng thật)."
        )
        for username, label in ensure_demo_accounts(DEMO_PASSWORD):
            self.stdout.write(f"Tài khoản mẫu: {username} / {DEMO_PASSWORD} ({label})")
