"""Administrative units with validity periods, and the 1/7/2025 old→new mapping.

Before 1/7/2025 Vietnam had three tiers (province → district → commune); from that date two
(province → commune). Both schemes are stored side by side; a unit's validity period says which
one was in force on a given date, so any year can be grouped by the units of its own time.
"""

from __future__ import annotations

import datetime as dt

from django.db import models

from kttt.text import fold

# Resolution 202/2025/QH15 and the commune resolutions of the National Assembly Standing Committee:
# the two-tier local government starts on this date.
REFORM_DATE = dt.date(2025, 7, 1)
LAST_DAY_BEFORE_REFORM = dt.date(2025, 6, 30)


class Scheme(models.TextChoices):
    BEFORE_2025 = "before-2025", "Ba cấp (đến 30/6/2025)"
    FROM_2025 = "2025", "Hai cấp (từ 1/7/2025)"


class Level(models.TextChoices):
    PROVINCE = "province", "Tỉnh, thành phố trực thuộc trung ương"
    DISTRICT = "district", "Huyện, quận, thị xã, thành phố thuộc tỉnh"
    COMMUNE = "commune", "Xã, phường, thị trấn, đặc khu"


def scheme_on(day: dt.date) -> Scheme:
    return Scheme.FROM_2025 if day >= REFORM_DATE else Scheme.BEFORE_2025


class AdminUnitQuerySet(models.QuerySet["AdminUnit"]):
    def in_force(self, day: dt.date) -> AdminUnitQuerySet:
        return self.filter(
            models.Q(valid_from__isnull=True) | models.Q(valid_from__lte=day),
            models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=day),
        )

    def provinces(self) -> AdminUnitQuerySet:
        return self.filter(level=Level.PROVINCE)


class AdminUnit(models.Model):
    scheme = models.CharField("hệ thống đơn vị", max_length=16, choices=Scheme.choices)
    level = models.CharField("cấp", max_length=16, choices=Level.choices)
    code = models.CharField("mã", max_length=10, help_text="Mã đơn vị hành chính của Tổng cục Thống kê")
    name = models.CharField("tên", max_length=120)
    division_type = models.CharField("loại đơn vị", max_length=40)
    parent = models.ForeignKey(
        "self", verbose_name="thuộc", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    province = models.ForeignKey(
        "self", verbose_name="tỉnh", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    valid_from = models.DateField("hiệu lực từ", null=True, blank=True)
    valid_to = models.DateField("hiệu lực đến", null=True, blank=True)
    search_name = models.CharField(max_length=120, editable=False, db_index=True)

    objects = AdminUnitQuerySet.as_manager()

    class Meta:
        verbose_name = "đơn vị hành chính"
        verbose_name_plural = "đơn vị hành chính"
        ordering = ["scheme", "level", "code"]
        constraints = [models.UniqueConstraint(fields=["scheme", "level", "code"], name="unique_unit_code_per_scheme")]

    def __str__(self) -> str:
        if self.province is not None and self.province_id != self.pk:
            return f"{self.name} ({self.province.short_name})"
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        self.search_name = fold(self.short_name)
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def short_name(self) -> str:
        """The name without its division type: "Huyện Đình Lập" → "Đình Lập"."""
        return short_name(self.name, self.division_type)

    def in_force_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or self.valid_to >= day)


# Unit-type words that open official names. A city's type is "thành phố trung ương" while its name
# is "Thành phố Hà Nội", so the prefix is matched on the name, not taken from the type.
NAME_PREFIXES = ("thành phố", "tỉnh", "quận", "huyện", "thị xã", "phường", "thị trấn", "xã", "đặc khu")


def short_name(name: str, division_type: str = "") -> str:
    """The name without its unit type: "Huyện Đình Lập" → "Đình Lập", "Thành phố Hà Nội" → "Hà Nội"."""
    folded = fold(name)
    for prefix in (division_type.strip(), *NAME_PREFIXES):
        if prefix and folded.startswith(fold(prefix) + " "):
            return name[len(prefix) :].strip()
    return name


class CommuneMapping(models.Model):
    """One row of the 2025 conversion table: an old commune became (part of) a new commune."""

    old = models.ForeignKey(AdminUnit, on_delete=models.CASCADE, related_name="mapped_to", verbose_name="xã cũ")
    new = models.ForeignKey(AdminUnit, on_delete=models.CASCADE, related_name="mapped_from", verbose_name="xã mới")
    partly_merged = models.BooleanField("chỉ một phần sáp nhập", default=False)
    # An old commune split between several new ones has one primary target: the new unit that kept
    # its code, otherwise the first listed. Records that give only the old commune follow it.
    primary = models.BooleanField("đơn vị mới chính", default=True)

    class Meta:
        verbose_name = "chuyển đổi xã (1/7/2025)"
        verbose_name_plural = "bảng chuyển đổi xã (1/7/2025)"
        constraints = [models.UniqueConstraint(fields=["old", "new"], name="unique_commune_mapping")]

    def __str__(self) -> str:
        return f"{self.old} → {self.new}"


class ProvinceMapping(models.Model):
    old = models.ForeignKey(AdminUnit, on_delete=models.CASCADE, related_name="+", verbose_name="tỉnh cũ")
    new = models.ForeignKey(AdminUnit, on_delete=models.CASCADE, related_name="+", verbose_name="tỉnh mới")

    class Meta:
        verbose_name = "chuyển đổi tỉnh (1/7/2025)"
        verbose_name_plural = "bảng chuyển đổi tỉnh (1/7/2025)"
        constraints = [models.UniqueConstraint(fields=["old", "new"], name="unique_province_mapping")]

    def __str__(self) -> str:
        return f"{self.old} → {self.new}"
