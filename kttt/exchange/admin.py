from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from kttt.exchange.models import ImportLog


@admin.register(ImportLog)
class ImportLogAdmin(admin.ModelAdmin[ImportLog]):
    """The log is written by imports and undos only: it can be read here, never changed."""

    list_display = ["pk", "created_at", "file_name", "actor", "dry_run", "outcome", "error_count", "warning_count"]
    list_filter = ["outcome", "dry_run"]
    search_fields = ["file_name", "actor", "sha256"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
