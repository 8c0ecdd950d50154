"""Key-officer training: per organisation and year, how many key officers (cán bộ quản lý chủ chốt) it has
and how many are trained, by level; and the training courses organised for cooperatives, with attendance."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q

from kttt.registry.models import Kind, Organisation

# Kinds with key officers to train: a THT has a representative, not a board, and reports none.
TRAINED_KINDS = frozenset({Kind.HTX, Kind.QTDND, Kind.LHHTX})


class TrainingLevel(models.TextChoices):
    BASIC = "so-cap-trung-cap", "Sơ cấp, trung cấp"
    HIGHER = "cao-dang-dai-hoc", "Cao đẳng, đại học"
    # Short courses (a few days) build skills but confer no qualification, so they never make an
    # officer count as trained.
    SHORT = "boi-duong", "Bồi dưỡng ngắn hạn"


def check_organisation(org: Organisation, year: int) -> None:
    """Refuse organisations without key officers, and years outside the organisation's life."""
    if org.kind not in TRAINED_KINDS:
        raise ValidationError(
            f"{org.code} là {org.get_kind_display().lower()}: chỉ HTX, liên hiệp HTX và quỹ tín dụng nhân dân "
            "có cán bộ quản lý chủ chốt."
        )
    last = org.dissolved.year if org.dissolved else None
    if year < org.established.year or (last is not None and year > last):
        life = f"{org.established.year}–{last}" if last else f"từ năm {org.established.year}"
        raise ValidationError(f"Năm {year} nằm ngoài thời gian hoạt động của {org.code} ({life}).")


class OfficerTraining(models.Model):
    """The split by level of the trained key officers; AnnualFigures holds the same totals (kept in step
    by services.record_officers)."""

    organisation = models.ForeignKey(
        Organisation, verbose_name="tổ chức", on_delete=models.CASCADE, related_name="officer_training"
    )
    year = models.PositiveSmallIntegerField("năm")
    officers = models.PositiveIntegerField("cán bộ quản lý chủ chốt")
    trained_basic = models.PositiveIntegerField("đã qua đào tạo sơ cấp, trung cấp")
    trained_higher = models.PositiveIntegerField("đã qua đào tạo cao đẳng, đại học")
    source = models.CharField("nguồn số liệu", max_length=200, blank=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    class Meta:
        verbose_name = "đào tạo cán bộ chủ chốt (năm)"
        verbose_name_plural = "đào tạo cán bộ chủ chốt theo năm"
        ordering = ["organisation", "year"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year"], name="unique_officer_training_per_year"),
            models.CheckConstraint(
                condition=Q(officers__gte=F("trained_basic") + F("trained_higher")),
                name="officers_trained_within_officers",
                violation_error_message="Số cán bộ đã qua đào tạo không được lớn hơn số cán bộ chủ chốt.",
            ),
        ]
        indexes = [models.Index(fields=["year", "organisation"], name="officer_training_year_idx")]

    def __str__(self) -> str:
        return f"{self.organisation.code} — {self.year}"

    @property
    def trained(self) -> int:
        return self.trained_basic + self.trained_higher

    def clean(self) -> None:
        if self.organisation_id is not None and self.year is not None:
            check_organisation(self.organisation, self.year)


class TrainingCourse(models.Model):
    code = models.CharField("mã khóa học", max_length=40, unique=True)
    title = models.CharField("tên khóa học, chủ đề", max_length=255)
    organiser = models.CharField("đơn vị tổ chức", max_length=255)
    level = models.CharField("trình độ", max_length=20, choices=TrainingLevel.choices, default=TrainingLevel.SHORT)
    start = models.DateField("ngày bắt đầu", db_index=True)
    end = models.DateField("ngày kết thúc")
    place = models.CharField("địa điểm", max_length=255, blank=True)
    note = models.TextField("ghi chú", blank=True)

    class Meta:
        verbose_name = "khóa đào tạo, bồi dưỡng"
        verbose_name_plural = "khóa đào tạo, bồi dưỡng"
        ordering = ["-start", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gte=F("start")),
                name="course_ends_after_start",
                violation_error_message="Ngày kết thúc khóa học phải từ ngày bắt đầu trở đi.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.start:%d/%m/%Y})"


class Attendance(models.Model):
    """How many people one organisation sent to one course; names are optional, one per line."""

    course = models.ForeignKey(
        TrainingCourse, verbose_name="khóa học", on_delete=models.CASCADE, related_name="attendance"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name="tổ chức", on_delete=models.CASCADE, related_name="course_attendance"
    )
    attendees = models.PositiveIntegerField("số người tham gia")
    names = models.TextField("họ tên người tham gia", blank=True, help_text="Mỗi dòng một người (không bắt buộc)")

    class Meta:
        verbose_name = "tham gia khóa học"
        verbose_name_plural = "tham gia khóa học"
        ordering = ["course", "organisation"]
        constraints = [
            models.UniqueConstraint(fields=["course", "organisation"], name="unique_attendance_per_course"),
            models.CheckConstraint(
                condition=Q(attendees__gte=1),
                name="attendance_at_least_one",
                violation_error_message="Số người tham gia phải ít nhất là 1.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation.code}: {self.attendees} người"

    @property
    def name_list(self) -> list[str]:
        return [line.strip() for line in self.names.splitlines() if line.strip()]

    def clean(self) -> None:
        if self.attendees is not None and len(self.name_list) > self.attendees:
            raise ValidationError(f"Danh sách có {len(self.name_list)} người, nhiều hơn số người tham gia.")
        if self.organisation_id is None or self.course_id is None:
            return
        org, day = self.organisation, self.course.start
        if org.kind not in TRAINED_KINDS:
            raise ValidationError(f"{org.code} không phải HTX, liên hiệp HTX hay quỹ tín dụng nhân dân.")
        if not org.active_on(day):
            raise ValidationError(f"{org.code} không hoạt động vào ngày khai giảng {day:%d/%m/%Y}.")
