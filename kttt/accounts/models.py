"""Who a signed-in person is for KTTT: a role and the area (provinces, communes) or the organisation it covers.
The system administrator is a Django superuser and needs no account row."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from kttt.areas.models import AdminUnit
from kttt.registry.models import Organisation


class Role(models.TextChoices):
    PROVINCE_OFFICER = "can-bo-tinh", "Cán bộ cấp tỉnh"
    PROVINCE_VIEWER = "xem-tinh", "Người xem cấp tỉnh"
    COMMUNE_OFFICER = "can-bo-xa", "Cán bộ cấp xã"
    REPRESENTATIVE = "dai-dien", "Đại diện tổ chức"


class Account(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name="người dùng", on_delete=models.CASCADE, related_name="account"
    )
    role = models.CharField("vai trò", max_length=16, choices=Role.choices)
    units = models.ManyToManyField(
        AdminUnit,
        verbose_name="địa bàn",
        blank=True,
        related_name="+",
        help_text="Tỉnh (vai trò cấp tỉnh) hoặc xã, phường (cán bộ cấp xã) được phụ trách",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name="tổ chức",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="representatives",
        help_text="Chỉ với vai trò đại diện tổ chức",
    )

    class Meta:
        verbose_name = "phân quyền"
        verbose_name_plural = "phân quyền"

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()}"
