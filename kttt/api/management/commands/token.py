"""kttt token USERNAME [--reset]: print the API token of an account, creating it if needed (docs/api.md). A token
created or replaced is written to the audit trail (who ran the command, for which account; never the key)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from rest_framework.authtoken.models import Token

from kttt.audit.models import Action
from kttt.audit.services import cli_actor, record

AUDITED = "token API"  # the name of the change in the audit trail


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
        with transaction.atomic():
            replaced = bool(options["reset"]) and Token.objects.filter(user=user).delete()[0] > 0
            token, created = Token.objects.get_or_create(user=user)
            if created:
                before = "token cũ (đã hủy)" if replaced else ""
                reason = "kttt token --reset" if options["reset"] else "kttt token"
                record(None, Action.UPDATE, user, {AUDITED: [before, "token mới"]}, reason=reason, name=cli_actor())
        self.stdout.write(token.key)
