"""The import log: every import of a data package, from the command line or the web, and what it changed."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Outcome(models.TextChoices):
    CHECKED = "checked", "Đã kiểm tra (không ghi)"
    COMMITTED = "committed", "Đã ghi"
    REFUSED = "refused", "Bị từ chối"
    UNDONE = "undone", "Đã hoàn tác"


class ImportLog(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người nhập",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor = models.CharField("người thực hiện", max_length=150, blank=True, help_text="Ví dụ: “CLI: root”")
    created_at = models.DateTimeField("lúc", auto_now_add=True, db_index=True)
    file_name = models.CharField("tên tệp", max_length=255)
    sha256 = models.CharField("mã băm SHA-256", max_length=64, blank=True)
    size = models.BigIntegerField("kích thước (byte)", default=0)
    dry_run = models.BooleanField("chạy thử", default=False)
    outcome = models.CharField("kết quả", max_length=16, choices=Outcome.choices)
    counts = models.JSONField("số bản ghi", default=dict, blank=True, help_text="Mỗi trang: thêm, cập nhật, không đổi")
    error_count = models.PositiveIntegerField("số lỗi", default=0)
    warning_count = models.PositiveIntegerField("số cảnh báo", default=0)
    messages = models.JSONField("các lỗi và cảnh báo đầu tiên", default=list, blank=True)
    stored_file = models.CharField(
        "tệp đã lưu",
        max_length=500,
        blank=True,
        help_text="Đường dẫn trong thư mục dữ liệu, để ghi đúng tệp đã kiểm tra",
    )
    undone_at = models.DateTimeField("hoàn tác lúc", null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người hoàn tác",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    undone_actor = models.CharField("hoàn tác bởi", max_length=150, blank=True)
    undo_reason = models.TextField("lý do hoàn tác", blank=True)

    class Meta:
        verbose_name = "lần nhập dữ liệu"
        verbose_name_plural = "nhật ký nhập dữ liệu"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"#{self.pk} {self.file_name} ({self.get_outcome_display()})"


class ImportChange(models.Model):
    """One row an import wrote: created (undo deletes it) or updated (undo restores `before`). `after` is the row
    as the import left it; undo refuses when the row no longer looks like that."""

    class Action(models.TextChoices):
        CREATED = "created", "Thêm"
        UPDATED = "updated", "Cập nhật"

    log = models.ForeignKey(ImportLog, verbose_name="lần nhập", on_delete=models.CASCADE, related_name="changes")
    model = models.CharField("bảng", max_length=100)
    object_pk = models.BigIntegerField("khóa")
    action = models.CharField("thao tác", max_length=8, choices=Action.choices)
    before = models.JSONField("giá trị trước", null=True, blank=True)
    after = models.JSONField("giá trị sau", null=True, blank=True)

    class Meta:
        verbose_name = "thay đổi do nhập dữ liệu"
        verbose_name_plural = "thay đổi do nhập dữ liệu"
        ordering = ["log", "id"]
        indexes = [models.Index(fields=["model", "object_pk"], name="import_change_object_idx")]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.model} #{self.object_pk}"
