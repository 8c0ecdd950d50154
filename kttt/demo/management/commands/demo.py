from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from kttt.accounts.demo import ensure_demo_accounts
from kttt.demo.generate import build_package
from kttt.exchange.importer import ImportFailed, import_sheets
from kttt.exchange.reader import sheets_from_rows
from kttt.plans.demo import load_demo_plans
from kttt.progress import ProgressBars
from kttt.registry.models import Organisation
from kttt.support.demo import load_demo_loans
from kttt.training.demo import load_demo_training

DEMO_USER, DEMO_PASSWORD = "admin", "kttt-demo"


class Command(BaseCommand):
    help = "Tạo (hoặc cập nhật) dữ liệu mẫu tỉnh Lạng Sơn 2003–2025 và tài khoản quản trị mẫu."

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", verbosity=0)
        self.stdout.write("Đang tạo dữ liệu mẫu tỉnh Lạng Sơn 2003–2025…")
        try:
            package = build_package()
            with ProgressBars() as bars:
                result = import_sheets(sheets_from_rows(package), progress=bars)
        except ImportFailed as failed:
            for problem in failed.result.errors[:20]:
                self.stderr.write(str(problem))
            raise CommandError("Dữ liệu mẫu không hợp lệ; không ghi gì.") from failed
        codes = [row["code"] for row in package["organizations"]]
        Organisation.objects.filter(code__in=codes, is_demo=False).update(is_demo=True)
        self.stdout.write("Đang tạo khoản vay, khóa đào tạo cán bộ và kế hoạch mẫu…")
        load_demo_loans()
        load_demo_training()
        load_demo_plans()
        for name, counts in result.counts.items():
            self.stdout.write(
                f"  {name}: thêm {counts.created}, cập nhật {counts.updated}, không đổi {counts.unchanged}"
            )
        self.ensure_admin()

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
