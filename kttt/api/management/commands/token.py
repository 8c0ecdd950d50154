"""kttt token USERNAME [--reset]: print the API token of an account, creating it if needed (docs/api.md)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from rest_framework.authtoken.models import Token


class Command(BaseCommand):
    help = "In token API của một tài khoản (tạo nếu chưa có); --reset thay token mới."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="tên đăng nhập")
        parser.add_argument("--reset", action="store_true", help="hủy token cũ, tạo token mới")

    def handle(self, *args: Any, **options: Any) -> None:
        user = get_user_model().objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"Không có tài khoản “{options['username']}”.")
        if not user.is_active:
            raise CommandError(f"Tài khoản “{user.get_username()}” đã bị khóa.")
        if options["reset"]:
            Token.objects.filter(user=user).delete()
        token, _created = Token.objects.get_or_create(user=user)
        self.stdout.write(token.key)
