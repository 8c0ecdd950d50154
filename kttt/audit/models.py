"""The audit trail: who did what to which record, when, and the values before and after. Append-only."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone


class Action(models.TextChoices):
    CREATE = "create", "Thêm"
    UPDATE = "update", "Sửa"
    DELETE = "delete", "Xóa"
    IMPORT = "import", "Nhập dữ liệu"
    UNDO = "undo", "Hoàn tác"
    SUBMIT = "submit", "Gửi"
    APPROVE = "approve", "Phê duyệt"
    REOPEN = "reopen", "Mở lại"
    LOGIN = "login", "Đăng nhập"
    LOGIN_FAILED = "login_failed", "Đăng nhập không thành công"
    LOGOUT = "logout", "Đăng xuất"


class AppendOnly(Exception):
    """An audit entry was about to be changed or deleted."""


class EntryQuerySet(models.QuerySet["Entry"]):
    """Bulk updates and deletes are refused too. (Deleting a user or an organisation still clears the entries'
    links to it: Django does that through the base manager, and the names and labels of the entry remain.)"""

    def update(self, **kwargs: Any) -> int:
        raise AppendOnly("Nhật ký thay đổi không được sửa.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnly("Nhật ký thay đổi không được xóa.")


class Entry(models.Model):
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người thực hiện",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Kept as written at the time, so the entry still names the person after the account is renamed or deleted;
    # for a failed login, the user name that was typed.
    actor_name = models.CharField("tên người thực hiện", max_length=150)
    at = models.DateTimeField("lúc", default=timezone.now)
    action = models.CharField("thao tác", max_length=16, choices=Action.choices)
    object_label = models.CharField(
        "loại đối tượng", max_length=100, blank=True, help_text="Ví dụ: registry.organisation"
    )
    object_id = models.CharField("mã đối tượng", max_length=64, blank=True)
    object_repr = models.CharField("đối tượng", max_length=255, blank=True)
    organisation = models.ForeignKey(
        "registry.Organisation",
        verbose_name="tổ chức",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_entries",
    )
    changes = models.JSONField("thay đổi", default=dict, blank=True, help_text="{trường: [trước, sau]}")
    reason = models.TextField("lý do", blank=True)
    ip = models.GenericIPAddressField("địa chỉ IP", null=True, blank=True)

    objects = EntryQuerySet.as_manager()

    class Meta:
        verbose_name = "mục nhật ký"
        verbose_name_plural = "nhật ký thay đổi"
        ordering = ["-at", "-id"]
        # Entries are only ever read: no add, change or delete permission exists to be granted.
        default_permissions = ("view",)
        indexes = [
            models.Index(fields=["organisation", "at"], name="audit_organisation_idx"),
            models.Index(fields=["actor", "at"], name="audit_actor_idx"),
            models.Index(fields=["action", "at"], name="audit_action_idx"),  # counting failed logins
        ]

    def __str__(self) -> str:
        return f"{self.actor_name} — {self.get_action_display()} — {self.object_repr}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnly("Nhật ký thay đổi không được sửa.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnly("Nhật ký thay đổi không được xóa.")
