"""Rating schemes and size classes as dated data, and the assessments recorded under them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models

from kttt.annual.models import Rating
from kttt.registry.models import Organisation, Sector


def _in_force(valid_from: dt.date | None, valid_to: dt.date | None, day: dt.date) -> bool:
    return (valid_from is None or valid_from <= day) and (valid_to is None or valid_to >= day)


class RatingScheme(models.Model):
    code = models.SlugField("mã", max_length=40, unique=True)
    name = models.CharField("tên", max_length=200)
    instrument = models.CharField("văn bản", max_length=200)
    valid_from = models.DateField("hiệu lực từ", null=True, blank=True)
    valid_to = models.DateField("hiệu lực đến", null=True, blank=True)
    kinds = models.CharField("áp dụng cho loại hình", max_length=60, help_text="Mã loại hình, cách nhau bởi dấu phẩy")
    sector = models.CharField(
        "chỉ áp dụng cho lĩnh vực",
        max_length=16,
        choices=Sector.choices,
        blank=True,
        help_text="Để trống nếu áp dụng cho mọi lĩnh vực",
    )
    good_min = models.DecimalField("điểm tối thiểu loại Tốt", max_digits=5, decimal_places=2)
    fair_min = models.DecimalField("điểm tối thiểu loại Khá", max_digits=5, decimal_places=2)
    average_min = models.DecimalField("điểm tối thiểu loại Trung bình", max_digits=5, decimal_places=2)
    min_operating_months = models.PositiveSmallIntegerField("số tháng hoạt động tối thiểu", default=12)
    max_suspended_days = models.PositiveSmallIntegerField(
        "số ngày tạm ngừng tối đa trong năm",
        null=True,
        blank=True,
        help_text="Để trống nếu văn bản không quy định",
    )
    verified = models.BooleanField("đã kiểm chứng nguồn", default=True)
    note = models.TextField("ghi chú", blank=True)

    class Meta:
        verbose_name = "bộ tiêu chí xếp loại"
        verbose_name_plural = "bộ tiêu chí xếp loại (theo thời gian hiệu lực)"
        ordering = ["valid_from", "code"]

    def __str__(self) -> str:
        return f"{self.name} ({self.instrument})"

    @property
    def kind_list(self) -> list[str]:
        return [k.strip() for k in self.kinds.split(",") if k.strip()]

    def in_force_on(self, day: dt.date) -> bool:
        return _in_force(self.valid_from, self.valid_to, day)

    def classify(self, total: Decimal) -> Rating:
        """The class a total earns under this scheme's thresholds."""
        if total >= self.good_min:
            return Rating.GOOD
        if total >= self.fair_min:
            return Rating.FAIR
        if total >= self.average_min:
            return Rating.AVERAGE
        return Rating.WEAK


class Criterion(models.Model):
    scheme = models.ForeignKey(
        RatingScheme, verbose_name="bộ tiêu chí", on_delete=models.CASCADE, related_name="criteria"
    )
    code = models.CharField("mã tiêu chí", max_length=10)
    group = models.CharField("nhóm", max_length=120, blank=True)
    label = models.CharField("nội dung", max_length=300)
    max_points = models.DecimalField(
        "điểm tối đa", max_digits=5, decimal_places=2, validators=[MinValueValidator(Decimal(0))]
    )
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    verified = models.BooleanField("đã kiểm chứng nguồn", default=True)

    class Meta:
        verbose_name = "tiêu chí"
        verbose_name_plural = "tiêu chí"
        ordering = ["scheme", "order", "code"]
        constraints = [models.UniqueConstraint(fields=["scheme", "code"], name="unique_criterion_per_scheme")]

    def __str__(self) -> str:
        return f"{self.code}. {self.label} ({self.max_points} điểm)"


class Assessment(models.Model):
    """One organisation's rating for one year: criterion scores (class derived), or a reported class alone."""

    organisation = models.ForeignKey(
        Organisation, verbose_name="tổ chức", on_delete=models.CASCADE, related_name="assessments"
    )
    year = models.PositiveSmallIntegerField("năm")
    scheme = models.ForeignKey(
        RatingScheme, verbose_name="bộ tiêu chí", on_delete=models.PROTECT, null=True, blank=True
    )
    total = models.DecimalField("tổng điểm", max_digits=6, decimal_places=2, null=True, blank=True)
    rating = models.CharField("xếp loại", max_length=16, choices=Rating.choices)
    reported_wording = models.CharField(
        "xếp loại theo báo cáo", max_length=60, blank=True, help_text="Cách ghi gốc khi chỉ biết xếp loại"
    )
    recorded_at = models.DateTimeField("ghi nhận lúc", auto_now=True)

    class Meta:
        verbose_name = "kết quả xếp loại"
        verbose_name_plural = "kết quả xếp loại"
        ordering = ["organisation", "year"]
        constraints = [models.UniqueConstraint(fields=["organisation", "year"], name="unique_assessment_per_year")]

    def __str__(self) -> str:
        return f"{self.organisation.code} — {self.year}: {self.get_rating_display()}"


class Score(models.Model):
    assessment = models.ForeignKey(Assessment, verbose_name="kết quả", on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, verbose_name="tiêu chí", on_delete=models.PROTECT)
    points = models.DecimalField("điểm", max_digits=5, decimal_places=2, validators=[MinValueValidator(Decimal(0))])

    class Meta:
        verbose_name = "điểm tiêu chí"
        verbose_name_plural = "điểm theo tiêu chí"
        ordering = ["assessment", "criterion__order"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "criterion"], name="unique_score_per_criterion"),
            models.CheckConstraint(condition=models.Q(points__gte=0), name="score_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.criterion.code}: {self.points}"


class SizeTier(models.TextChoices):
    MICRO = "sieu-nho", "Siêu nhỏ"
    SMALL = "nho", "Nhỏ"
    MEDIUM = "vua", "Vừa"
    LARGE = "lon", "Lớn"


# Largest first: the classifier returns the first tier whose conditions are met.
TIER_ORDER = (SizeTier.LARGE, SizeTier.MEDIUM, SizeTier.SMALL, SizeTier.MICRO)


class SectorGroup(models.TextChoices):
    AGRICULTURE = "nong-nghiep", "Nông, lâm nghiệp và thủy sản"
    INDUSTRY = "cong-nghiep-xay-dung", "Công nghiệp – xây dựng"
    SERVICES = "thuong-mai-dich-vu", "Thương mại – dịch vụ và lĩnh vực khác"


class SizeClassRule(models.Model):
    """One tier of one size scheme: at least `min_members` official members AND (when money thresholds are
    set) revenue ≥ `min_revenue` OR total capital ≥ `min_total_capital`."""

    scheme = models.SlugField("mã cách phân loại", max_length=40)
    instrument = models.CharField("văn bản", max_length=200)
    valid_from = models.DateField("hiệu lực từ", null=True, blank=True)
    valid_to = models.DateField("hiệu lực đến", null=True, blank=True)
    sector_group = models.CharField(
        "nhóm lĩnh vực", max_length=24, choices=SectorGroup.choices, blank=True, help_text="Để trống: mọi lĩnh vực"
    )
    tier = models.CharField("quy mô", max_length=10, choices=SizeTier.choices)
    min_members = models.PositiveIntegerField("số thành viên chính thức tối thiểu", default=0)
    min_revenue = models.BigIntegerField("doanh thu tối thiểu (đồng)", null=True, blank=True)
    min_total_capital = models.BigIntegerField("tổng nguồn vốn tối thiểu (đồng)", null=True, blank=True)
    verified = models.BooleanField("đã kiểm chứng nguồn", default=True)
    note = models.TextField("ghi chú", blank=True)

    class Meta:
        verbose_name = "ngưỡng quy mô"
        verbose_name_plural = "ngưỡng quy mô hợp tác xã (theo thời gian hiệu lực)"
        ordering = ["scheme", "sector_group", "-min_members"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "sector_group", "tier"], name="unique_size_tier"),
        ]

    def __str__(self) -> str:
        group = self.get_sector_group_display() or "mọi lĩnh vực"
        return f"{self.get_tier_display()} — {group} ({self.instrument})"

    def in_force_on(self, day: dt.date) -> bool:
        return _in_force(self.valid_from, self.valid_to, day)

    @property
    def needs_money(self) -> bool:
        return self.min_revenue is not None or self.min_total_capital is not None
