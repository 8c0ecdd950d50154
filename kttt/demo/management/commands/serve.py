from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Chạy KTTT trên máy này (mặc định http://127.0.0.1:8000). Triển khai thật: xem docs/deployment.md."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000", help="địa chỉ:cổng")

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", verbosity=0)
        self.stdout.write(f"KTTT đang chạy tại http://{options['addrport']}/ — nhấn Ctrl+C để dừng.")
        call_command("runserver", options["addrport"], use_reloader=False)
