"""The registry: every THT, HTX, union and people's credit fund, its location and status history."""

from __future__ import annotations

import datetime as dt

from django.db import models

from kttt.areas.models import AdminUnit
from kttt.text import fold


class Kind(models.TextChoices):
    THT = "THT", "Tổ hợp tác"
    HTX = "HTX", "Hợp tác xã"
    LHHTX = "LHHTX", "Liên hiệp hợp tác xã"
    QTDND = "QTDND", "Quỹ tín dụng nhân dân"


class Sector(models.TextChoices):
    AGRICULTURE = "nong-nghiep", "Nông nghiệp"
    INDUSTRY = "cong-nghiep", "Công nghiệp – tiểu thủ công nghiệp"
    CONSTRUCTION = "xay-dung", "Xây dựng"
    TRANSPORT = "van-tai", "Vận tải"
    TRADE = "thuong-mai", "Thương mại – dịch vụ"
    CREDIT = "tin-dung", "Quỹ tín dụng"
    ENVIRONMENT = "moi-truong", "Môi trường"
    OTHER = "khac", "Khác"


class Status(models.TextChoices):
    ACTIVE = "hoat-dong", "Hoạt động"
    SUSPENDED = "tam-ngung", "Tạm ngừng hoạt động"
    DISSOLVED = "giai-the", "Giải thể"
    REVOKED = "thu-hoi", "Bị thu hồi giấy chứng nhận đăng ký"


# Statuses that end an organisation's life: it no longer counts as active from that date.
TERMINAL_STATUSES = frozenset({Status.DISSOLVED, Status.REVOKED})


def derived_unit(label: str) -> models.ForeignKey[AdminUnit | None, AdminUnit | None]:
    """A unit derived from the organisation's location when it is written (see docs/geography.md)."""
    return models.ForeignKey(
        AdminUnit,
        verbose_name=label,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )


class Organisation(models.Model):
    code = models.CharField("mã tổ chức", max_length=40, unique=True)
    name = models.CharField("tên", max_length=255)
    kind = models.CharField("loại hình", max_length=8, choices=Kind.choices, db_index=True)
    sector = models.CharField("lĩnh vực", max_length=16, choices=Sector.choices, default=Sector.OTHER)
    province = models.ForeignKey(
        AdminUnit,
        verbose_name="tỉnh",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Tỉnh nơi đặt trụ sở (theo đơn vị hành chính tại thời điểm ghi nhận)",
    )
    area = models.ForeignKey(
        AdminUnit,
        verbose_name="địa bàn",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Xã/phường (hoặc chỉ huyện đối với hồ sơ cũ) nơi đặt trụ sở",
    )
    # Derived from province/area when saved through the services, so roll-ups group with plain joins.
    former_province = derived_unit("tỉnh (trước 1/7/2025)")
    current_province = derived_unit("tỉnh (từ 1/7/2025)")
    former_district = derived_unit("huyện cũ")
    current_commune = derived_unit("xã/phường (từ 1/7/2025)")
    established = models.DateField("ngày thành lập", db_index=True)
    dissolved = models.DateField(
        "ngày chấm dứt hoạt động",
        null=True,
        blank=True,
        db_index=True,
        editable=False,
        help_text="Ngày giải thể hoặc bị thu hồi, lấy từ lịch sử trạng thái",
    )
    is_demo = models.BooleanField("dữ liệu mẫu", default=False)
    # Raised by one at every change, so a form or an API client that read version N cannot overwrite a change
    # made since (kttt.audit.conflicts).
    version = models.PositiveIntegerField("phiên bản", default=1, editable=False)
    search_name = models.CharField(max_length=255, editable=False, db_index=True)
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    class Meta:
        verbose_name = "tổ chức kinh tế tập thể"
        verbose_name_plural = "tổ chức kinh tế tập thể"
        ordering = ["code"]
        indexes = [models.Index(fields=["kind", "established", "dissolved"], name="org_active_idx")]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    def save(self, *args: object, **kwargs: object) -> None:
        self.refresh_search_name()
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def refresh_search_name(self) -> None:
        """Bulk writes skip save(), so importers call this themselves."""
        self.search_name = fold(f"{self.name} {self.code}")

    def active_on(self, day: dt.date) -> bool:
        return self.established <= day and (self.dissolved is None or self.dissolved > day)


class StatusChange(models.Model):
    organisation = models.ForeignKey(
        Organisation, verbose_name="tổ chức", on_delete=models.CASCADE, related_name="status_changes"
    )
    date = models.DateField("ngày")
    status = models.CharField("trạng thái", max_length=16, choices=Status.choices)
    document = models.CharField("văn bản", max_length=200, blank=True)
    note = models.TextField("ghi chú", blank=True)

    class Meta:
        verbose_name = "thay đổi trạng thái"
        verbose_name_plural = "lịch sử trạng thái"
        ordering = ["organisation", "date", "id"]
        constraints = [models.UniqueConstraint(fields=["organisation", "date", "status"], name="unique_status_change")]

    def __str__(self) -> str:
        return f"{self.get_status_display()} từ {self.date:%d/%m/%Y}"


class UnionMembership(models.Model):
    """A member HTX of a union of cooperatives (liên hiệp HTX), with the dates it joined and left."""

    union = models.ForeignKey(
        Organisation, verbose_name="liên hiệp HTX", on_delete=models.CASCADE, related_name="member_links"
    )
    member = models.ForeignKey(
        Organisation, verbose_name="HTX thành viên", on_delete=models.CASCADE, related_name="union_links"
    )
    joined = models.DateField("ngày gia nhập")
    left = models.DateField("ngày ra khỏi", null=True, blank=True)

    class Meta:
        verbose_name = "thành viên liên hiệp HTX"
        verbose_name_plural = "thành viên liên hiệp HTX"
        ordering = ["union", "joined"]
        constraints = [
            models.UniqueConstraint(fields=["union", "member", "joined"], name="unique_union_membership"),
            models.CheckConstraint(
                condition=models.Q(left__isnull=True) | models.Q(left__gte=models.F("joined")),
                name="union_membership_left_after_joined",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} ∈ {self.union}"
