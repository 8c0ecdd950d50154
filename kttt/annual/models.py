"""Yearly figures of one organisation. A blank field means "not reported", never zero."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from django.conf import settings
from django.db import models

from kttt.registry.models import Organisation


class Rating(models.TextChoices):
    GOOD = "tot", "Tốt"
    FAIR = "kha", "Khá"
    AVERAGE = "trung-binh", "Trung bình"
    WEAK = "yeu", "Yếu"


# (field name, Vietnamese label, unit) for every figure; the importer, admin and indicators use it.
FIGURES: tuple[tuple[str, str, str], ...] = (
    ("members", "Thành viên (chính thức)", "người"),
    ("associate_members", "Thành viên liên kết", "người"),
    ("workers", "Lao động thường xuyên", "người"),
    ("worker_members", "Lao động thường xuyên là thành viên", "người"),
    ("charter_capital", "Vốn điều lệ", "đồng"),
    ("total_capital", "Tổng nguồn vốn", "đồng"),
    ("revenue", "Doanh thu", "đồng"),
    ("profit", "Lợi nhuận trước thuế", "đồng"),
    ("avg_income", "Thu nhập bình quân của lao động", "đồng/người/năm"),
    ("managers", "Cán bộ quản lý chủ chốt", "người"),
    ("managers_trained", "Cán bộ chủ chốt đã qua đào tạo", "người"),
    ("max_member_capital", "Vốn góp lớn nhất của một thành viên", "đồng"),
    ("foreign_capital", "Vốn góp của nhà đầu tư nước ngoài", "đồng"),
)
NUMBER_FIELDS = tuple(name for name, _, _ in FIGURES)


def _count(label: str) -> models.PositiveIntegerField[int | None, int | None]:
    return models.PositiveIntegerField(label, null=True, blank=True)


def _money(label: str) -> models.BigIntegerField[int | None, int | None]:
    return models.BigIntegerField(label, null=True, blank=True, help_text="đồng")


class State(models.TextChoices):
    """Where a year's figures are in their reporting: saved (by whoever enters them), submitted by the
    organisation or the commune, approved (locked) by the province; reopened with a reason goes back to saved."""

    SAVED = "da-luu", "Đã lưu, chưa gửi"
    SUBMITTED = "da-gui", "Đã gửi, chờ phê duyệt"
    APPROVED = "da-duyet", "Đã phê duyệt"


class AnnualFigures(models.Model):
    organisation = models.ForeignKey(
        Organisation, verbose_name="tổ chức", on_delete=models.CASCADE, related_name="annual_figures"
    )
    year = models.PositiveSmallIntegerField("năm")
    members = _count("thành viên chính thức")
    associate_members = _count("thành viên liên kết")
    workers = _count("lao động thường xuyên")
    worker_members = _count("lao động thường xuyên là thành viên")
    charter_capital = _money("vốn điều lệ")
    total_capital = _money("tổng nguồn vốn")
    revenue = _money("doanh thu")
    profit = _money("lợi nhuận trước thuế")
    avg_income = _money("thu nhập bình quân (đồng/người/năm)")
    rating = models.CharField("xếp loại", max_length=16, choices=Rating.choices, blank=True)
    managers = _count("cán bộ quản lý chủ chốt")
    managers_trained = _count("cán bộ chủ chốt đã qua đào tạo")
    max_member_capital = _money("vốn góp lớn nhất của một thành viên")
    foreign_capital = _money("vốn góp của nhà đầu tư nước ngoài")
    source = models.CharField("nguồn số liệu", max_length=200, blank=True)
    as_of = models.DateField("số liệu tại ngày", null=True, blank=True)
    state = models.CharField("tình trạng", max_length=10, choices=State.choices, default=State.SAVED)
    version = models.PositiveIntegerField("phiên bản", default=1, editable=False)  # see Organisation.version
    submitted_at = models.DateTimeField("gửi lúc", null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người gửi",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_at = models.DateTimeField("phê duyệt lúc", null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người phê duyệt",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    class Meta:
        verbose_name = "số liệu năm"
        verbose_name_plural = "số liệu hằng năm"
        ordering = ["organisation", "year"]
        constraints = [models.UniqueConstraint(fields=["organisation", "year"], name="unique_figures_per_year")]
        indexes = [models.Index(fields=["year", "organisation"], name="figures_year_idx")]

    def __str__(self) -> str:
        return f"{self.organisation.code} — {self.year}"

    @property
    def reference_date(self) -> dt.date:
        """The date the figures describe, and so the date whose law applies to them."""
        return self.as_of or dt.date(self.year, 12, 31)


class FiguresDraft(models.Model):
    """What an officer typed into the yearly-figures form, kept unchecked so the work is not lost. A draft is
    never read by statistics: only AnnualFigures are, and saving the figures deletes the draft."""

    organisation = models.ForeignKey(
        Organisation, verbose_name="tổ chức", on_delete=models.CASCADE, related_name="figures_drafts"
    )
    year = models.PositiveSmallIntegerField("năm")
    data = models.JSONField("nội dung đã nhập", default=dict, help_text="Các ô của biểu mẫu, đúng như đã gõ")
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người lưu",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    saved_at = models.DateTimeField("lưu lúc", auto_now=True)

    # How the audit trail names the typed fields kept in `data`: as the figures they are drafts of.
    audit_labels: ClassVar[dict[str, str]] = {f.name: str(f.verbose_name) for f in AnnualFigures._meta.concrete_fields}

    class Meta:
        verbose_name = "bản nháp số liệu năm"
        verbose_name_plural = "bản nháp số liệu năm"
        ordering = ["organisation", "year"]
        constraints = [models.UniqueConstraint(fields=["organisation", "year"], name="unique_figures_draft_per_year")]

    def __str__(self) -> str:
        return f"{self.organisation.code} — {self.year} (nháp)"
