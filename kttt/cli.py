"""The `kttt` command: Django's management commands under one name, with KTTT's settings.

kttt serve | demo | import PATH [--dry-run] | indicators --year Y ... | migrate | createsuperuser
"""

from __future__ import annotations

import os
import sys

from django.db import DatabaseError


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.core.management import execute_from_command_line

    args = ["kttt", *(sys.argv[1:] if argv is None else argv)]
    try:
        execute_from_command_line(args)
    except DatabaseError as exc:
        print(f"Lỗi cơ sở dữ liệu: {exc}".strip(), file=sys.stderr)
        print(
            "Kiểm tra DATABASE_URL và chạy `kttt migrate` nếu cơ sở dữ liệu chưa được khởi tạo.",
            file=sys.stderr,
        )
        sys.exit(2)
    except KeyboardInterrupt:
        sys.exit(130)


if __name__ == "__main__":
    main()
