"""Plans with targets: what a province (or the country) set out to reach by the end of a period.

Targets hold only what the issuing document says; progress is always computed from records
(kttt/plans/progress.py), never typed in.
"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q

from kttt.areas.models import AdminUnit


class Measure(models.TextChoices):
    NEW_HTX = "new_htx", "HTX thành lập mới"
    NEW_THT = "new_tht", "THT thành lập mới"
    NEW_LHHTX = "new_lhhtx", "Liên hiệp HTX thành lập mới"
    HTX_ACTIVE = "htx_active", "HTX đang hoạt động"
    THT_ACTIVE = "tht_active", "THT đang hoạt động"
    LHHTX_ACTIVE = "lhhtx_active", "Liên hiệp HTX đang hoạt động"
    HTX_MEMBERS = "htx_members", "Thành viên HTX"
    SHARE_HTX_GOOD = "share_htx_good", "Tỷ lệ HTX xếp loại tốt, khá"
    SHARE_MANAGERS_TRAINED = "share_managers_trained", "Tỷ lệ cán bộ chủ chốt HTX đã qua đào tạo"
    HTX_WITH_FUND_LOANS = "htx_with_fund_loans", "HTX được vay vốn Quỹ hỗ trợ phát triển HTX"


class Comparator(models.TextChoices):
    AT_LEAST = "ge", "≥"
    AT_MOST = "le", "≤"


class TargetKind(models.TextChoices):
    CUMULATIVE = "cumulative", "Cộng dồn trong kỳ"
    LEVEL = "level", "Mức cuối kỳ"
    SHARE = "share", "Tỷ lệ cuối kỳ (%)"


class Plan(models.Model):
    name = models.CharField("tên kế hoạch", max_length=255, unique=True)
    province = models.ForeignKey(
        AdminUnit,
        verbose_name="tỉnh",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Để trống với kế hoạch toàn quốc",
    )
    area = models.ForeignKey(
        AdminUnit,
        verbose_name="địa bàn",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Huyện cũ hoặc xã/phường, nếu kế hoạch chỉ cho một địa bàn trong tỉnh",
    )
    start_year = models.PositiveSmallIntegerField("từ năm")
    end_year = models.PositiveSmallIntegerField("đến năm")
    document_number = models.CharField("số văn bản", max_length=100, blank=True)
    document_date = models.DateField("ngày ban hành", null=True, blank=True)
    document_title = models.CharField("trích yếu văn bản", max_length=500, blank=True)
    issuer = models.CharField("cơ quan ban hành", max_length=255, blank=True)
    note = models.TextField("ghi chú", blank=True)

    class Meta:
        verbose_name = "kế hoạch"
        verbose_name_plural = "kế hoạch, chương trình"
        ordering = ["-end_year", "name"]
        constraints = [
            models.CheckConstraint(condition=Q(end_year__gte=F("start_year")), name="plan_end_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.start_year}–{self.end_year})"


class Target(models.Model):
    plan = models.ForeignKey(Plan, verbose_name="kế hoạch", on_delete=models.CASCADE, related_name="targets")
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    label = models.CharField("chỉ tiêu", max_length=255)
    measure = models.CharField("chỉ số đo", max_length=32, choices=Measure.choices)
    comparator = models.CharField("so sánh", max_length=2, choices=Comparator.choices, default=Comparator.AT_LEAST)
    value = models.DecimalField("giá trị mục tiêu", max_digits=14, decimal_places=2)
    kind = models.CharField("loại chỉ tiêu", max_length=16, choices=TargetKind.choices)
    baseline_value = models.DecimalField(
        "giá trị năm gốc",
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Để trống để tính từ số liệu năm gốc",
    )
    baseline_year = models.PositiveSmallIntegerField(
        "năm gốc", null=True, blank=True, help_text="Để trống: năm trước năm bắt đầu kế hoạch"
    )
    note = models.TextField("ghi chú", blank=True)

    class Meta:
        verbose_name = "chỉ tiêu"
        verbose_name_plural = "chỉ tiêu"
        ordering = ["plan", "order", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(value__gte=0), name="target_value_not_negative"),
            models.CheckConstraint(
                condition=~Q(kind=TargetKind.SHARE) | Q(value__lte=100), name="target_share_at_most_100"
            ),
            models.CheckConstraint(
                condition=Q(baseline_value__isnull=True) | Q(baseline_value__gte=0),
                name="target_baseline_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def base_year(self) -> int:
        return self.baseline_year if self.baseline_year is not None else self.plan.start_year - 1


class Milestone(models.Model):
    """The value a target should have reached by the end of a year, when the plan says so."""

    target = models.ForeignKey(Target, verbose_name="chỉ tiêu", on_delete=models.CASCADE, related_name="milestones")
    year = models.PositiveSmallIntegerField("năm")
    value = models.DecimalField("giá trị", max_digits=14, decimal_places=2)

    class Meta:
        verbose_name = "mốc theo năm"
        verbose_name_plural = "mốc theo năm"
        ordering = ["target", "year"]
        constraints = [
            models.UniqueConstraint(fields=["target", "year"], name="unique_milestone_per_year"),
            models.CheckConstraint(condition=Q(value__gte=0), name="milestone_value_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.target} — {self.year}: {self.value}"
