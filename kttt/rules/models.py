"""Legal thresholds as dated data: code asks what was in force on a date, never hard-codes a number."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import models


class Measure(models.TextChoices):
    MIN_MEMBERS = "min-members", "Số thành viên tối thiểu"
    MAX_MEMBER_CAPITAL_SHARE = "max-member-capital-share", "Tỷ lệ vốn góp tối đa của một thành viên (%)"
    MAX_FOREIGN_CAPITAL_SHARE = "max-foreign-capital-share", "Tổng tỷ lệ vốn góp nước ngoài tối đa (%)"


class Severity(models.TextChoices):
    ERROR = "error", "Lỗi — không cho ghi"
    WARNING = "warning", "Cảnh báo — vẫn ghi"


class LegalRule(models.Model):
    code = models.SlugField("mã quy định", max_length=60, unique=True)
    measure = models.CharField("chỉ tiêu", max_length=40, choices=Measure.choices)
    kinds = models.CharField(
        "áp dụng cho loại hình",
        max_length=60,
        help_text="Mã loại hình, cách nhau bởi dấu phẩy, ví dụ HTX,QTDND",
    )
    value = models.DecimalField("ngưỡng", max_digits=12, decimal_places=2)
    valid_from = models.DateField("hiệu lực từ", null=True, blank=True)
    valid_to = models.DateField("hiệu lực đến", null=True, blank=True)
    instrument = models.CharField("văn bản", max_length=200)
    article = models.CharField("điều khoản", max_length=120, blank=True)
    severity = models.CharField("mức độ", max_length=10, choices=Severity.choices, default=Severity.WARNING)
    verified = models.BooleanField("đã kiểm chứng nguồn", default=True)
    source = models.CharField("nguồn tham khảo", max_length=300, blank=True)
    consequence = models.CharField(
        "hệ quả khi vi phạm", max_length=300, blank=True, help_text="Được nêu kèm cảnh báo cho cán bộ"
    )
    note = models.TextField("ghi chú", blank=True)

    class Meta:
        verbose_name = "quy định pháp luật"
        verbose_name_plural = "quy định pháp luật (theo thời gian hiệu lực)"
        ordering = ["measure", "kinds", "valid_from"]

    def __str__(self) -> str:
        return f"{self.get_measure_display()} {self.kinds}: {self.value} ({self.citation})"

    @property
    def citation(self) -> str:
        return f"{self.article}, {self.instrument}" if self.article else self.instrument

    @property
    def kind_list(self) -> list[str]:
        return [k.strip() for k in self.kinds.split(",") if k.strip()]

    def in_force_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or self.valid_to >= day)

    @property
    def threshold(self) -> Decimal:
        return Decimal(self.value)
