"""Cooperative Development Support Fund loans (Decree 45/2021/NĐ-CP): funds, loans, disbursements,
the repayment schedule and repayments. Balances and statuses are derived (see status.py), never stored."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import models
from django.db.models import Q

from kttt.areas.models import AdminUnit
from kttt.registry.models import Organisation


class FundLevel(models.TextChoices):
    NATIONAL = "trung-uong", "Trung ương"
    PROVINCIAL = "tinh", "Cấp tỉnh"


class Fund(models.Model):
    name = models.CharField("tên quỹ", max_length=255, unique=True)
    level = models.CharField("cấp", max_length=16, choices=FundLevel.choices)
    province = models.ForeignKey(
        AdminUnit,
        verbose_name="tỉnh",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Chỉ với quỹ cấp tỉnh",
    )
    established = models.DateField("ngày thành lập", null=True, blank=True)
    note = models.TextField("ghi chú", blank=True)

    class Meta:
        verbose_name = "quỹ hỗ trợ phát triển HTX"
        verbose_name_plural = "quỹ hỗ trợ phát triển HTX"
        ordering = ["level", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(level=FundLevel.NATIONAL, province__isnull=True)
                | Q(level=FundLevel.PROVINCIAL, province__isnull=False),
                name="fund_province_matches_level",
                violation_error_message="Quỹ cấp tỉnh phải có tỉnh; quỹ trung ương không gắn với tỉnh.",
            )
        ]

    def __str__(self) -> str:
        return self.name


# Money is whole VND in BigIntegerFields: the fund lends and collects in đồng, so there is nothing to round.
class Loan(models.Model):
    code = models.CharField("số hồ sơ vay", max_length=40, unique=True)
    fund = models.ForeignKey(Fund, verbose_name="quỹ", on_delete=models.PROTECT, related_name="loans")
    # Two borrower forms (Decree 45/2021, Art. 22): an organisation with legal personality, or a member
    # person of a THT/HTX recorded by name under the organisation it belongs to.
    borrower = models.ForeignKey(
        Organisation,
        verbose_name="tổ chức vay",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="support_loans",
    )
    borrower_member_name = models.CharField("thành viên vay", max_length=200, blank=True)
    member_of = models.ForeignKey(
        Organisation,
        verbose_name="thành viên của THT/HTX",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="member_support_loans",
    )
    purpose = models.TextField("dự án, phương án vay vốn")
    project_cost = models.BigIntegerField("tổng vốn dự án (đồng)")
    own_funds = models.BigIntegerField("vốn tự có (đồng)")
    amount_requested = models.BigIntegerField("số tiền đề nghị vay (đồng)")
    applied_on = models.DateField("ngày nộp hồ sơ", db_index=True)
    approved_on = models.DateField("ngày phê duyệt", null=True, blank=True)
    amount_approved = models.BigIntegerField("số tiền được duyệt (đồng)", null=True, blank=True)
    term_months = models.PositiveSmallIntegerField("thời hạn vay (tháng)")
    interest_rate_percent_per_year = models.DecimalField("lãi suất (%/năm)", max_digits=5, decimal_places=2)
    first_due = models.DateField("kỳ trả nợ đầu tiên", null=True, blank=True)

    class Meta:
        verbose_name = "khoản vay Quỹ hỗ trợ phát triển HTX"
        verbose_name_plural = "khoản vay Quỹ hỗ trợ phát triển HTX"
        ordering = ["applied_on", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(borrower__isnull=False, borrower_member_name="", member_of__isnull=True)
                | (Q(borrower__isnull=True, member_of__isnull=False) & ~Q(borrower_member_name="")),
                name="loan_one_borrower_form",
                violation_error_message="Người vay là một tổ chức hoặc một thành viên của THT/HTX, không được cả hai.",
            ),
            models.CheckConstraint(
                condition=Q(project_cost__gt=0, own_funds__gte=0, amount_requested__gt=0, term_months__gt=0),
                name="loan_positive_amounts",
            ),
            models.CheckConstraint(
                condition=Q(approved_on__isnull=True, amount_approved__isnull=True)
                | Q(approved_on__isnull=False, amount_approved__gt=0),
                name="loan_approval_complete",
                violation_error_message="Phê duyệt cần cả ngày phê duyệt và số tiền được duyệt.",
            ),
            models.CheckConstraint(
                condition=Q(interest_rate_percent_per_year__gte=0), name="loan_interest_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.borrower_label}"

    @property
    def borrower_label(self) -> str:
        if self.borrower_id is not None:
            return str(self.borrower)
        return f"{self.borrower_member_name}, thành viên {self.member_of}"

    @property
    def own_funds_share(self) -> Decimal:
        """Own funds as a percentage of the project cost."""
        return Decimal(self.own_funds) * 100 / Decimal(self.project_cost)

    def approved_by(self, day: dt.date) -> bool:
        return self.approved_on is not None and self.approved_on <= day


class Disbursement(models.Model):
    loan = models.ForeignKey(Loan, verbose_name="khoản vay", on_delete=models.CASCADE, related_name="disbursements")
    date = models.DateField("ngày giải ngân")
    amount = models.BigIntegerField("số tiền giải ngân (đồng)")

    class Meta:
        verbose_name = "lần giải ngân"
        verbose_name_plural = "giải ngân"
        ordering = ["loan", "date", "id"]
        indexes = [models.Index(fields=["date", "loan"], name="disbursement_date_idx")]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="disbursement_positive")]

    def __str__(self) -> str:
        return f"Giải ngân {self.date:%d/%m/%Y}"


class ScheduledRepayment(models.Model):
    loan = models.ForeignKey(Loan, verbose_name="khoản vay", on_delete=models.CASCADE, related_name="schedule")
    due_date = models.DateField("hạn trả")
    principal = models.BigIntegerField("gốc phải trả (đồng)")
    interest = models.BigIntegerField("lãi dự kiến (đồng)", default=0)

    class Meta:
        verbose_name = "kỳ trả nợ theo lịch"
        verbose_name_plural = "lịch trả nợ"
        ordering = ["loan", "due_date"]
        constraints = [
            models.UniqueConstraint(fields=["loan", "due_date"], name="unique_schedule_due_date"),
            models.CheckConstraint(condition=Q(principal__gte=0, interest__gte=0), name="schedule_not_negative"),
        ]

    def __str__(self) -> str:
        return f"Hạn {self.due_date:%d/%m/%Y}"


class Repayment(models.Model):
    loan = models.ForeignKey(Loan, verbose_name="khoản vay", on_delete=models.CASCADE, related_name="repayments")
    date = models.DateField("ngày trả")
    principal = models.BigIntegerField("gốc đã trả (đồng)", default=0)
    interest = models.BigIntegerField("lãi đã trả (đồng)", default=0)

    class Meta:
        verbose_name = "lần trả nợ"
        verbose_name_plural = "trả nợ"
        ordering = ["loan", "date", "id"]
        indexes = [models.Index(fields=["loan", "date"], name="repayment_loan_date_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(principal__gte=0, interest__gte=0) & (Q(principal__gt=0) | Q(interest__gt=0)),
                name="repayment_positive",
            )
        ]

    def __str__(self) -> str:
        return f"Trả nợ {self.date:%d/%m/%Y}"


class Measure(models.TextChoices):
    OWN_FUNDS_MIN_SHARE = "von-tu-co-toi-thieu", "Vốn tự có tối thiểu (% tổng vốn dự án)"
    BAD_DEBT_DAYS = "ngay-qua-han-no-xau", "Quá hạn trên số ngày này là nợ xấu"
    MAX_LOAN_AMOUNT = "muc-vay-toi-da", "Mức cho vay tối đa (đồng)"
    MAX_TERM_MONTHS = "thoi-han-toi-da", "Thời hạn vay tối đa (tháng)"
    MAX_INTEREST_RATE = "lai-suat-toi-da", "Lãi suất tối đa (%/năm)"


class LoanRuleQuerySet(models.QuerySet["LoanRule"]):
    def in_force(self, measure: str, day: dt.date) -> LoanRule | None:
        """The rule for `measure` in force on `day`: the one that started latest, if periods overlap."""
        return (
            self.filter(measure=measure)
            .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day))
            .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
            .order_by(models.F("valid_from").desc(nulls_last=True), "-id")
            .first()
        )

    def value_on(self, measure: str, day: dt.date) -> Decimal:
        """A value the derivations cannot do without (e.g. the bad-debt days)."""
        rule = self.in_force(measure, day)
        if rule is None:
            raise LookupError(f"Chưa có quy định «{Measure(measure).label}» có hiệu lực ngày {day:%d/%m/%Y}.")
        return Decimal(rule.value)


class LoanRule(models.Model):
    """A lending threshold with its validity period, so a loan is judged by the rule in force on the day
    it was applied for, approved or disbursed. Officers may correct the values in the admin."""

    code = models.SlugField("mã quy định", max_length=60, unique=True)
    measure = models.CharField("chỉ tiêu", max_length=40, choices=Measure.choices)
    value = models.DecimalField("giá trị", max_digits=16, decimal_places=2)
    valid_from = models.DateField("hiệu lực từ", null=True, blank=True)
    valid_to = models.DateField("hiệu lực đến", null=True, blank=True)
    instrument = models.CharField("văn bản", max_length=200)
    article = models.CharField("điều khoản", max_length=120, blank=True)
    verified = models.BooleanField("đã kiểm chứng nguồn", default=True)
    source = models.CharField("nguồn tham khảo", max_length=300, blank=True)
    note = models.TextField("ghi chú", blank=True)

    objects = LoanRuleQuerySet.as_manager()

    class Meta:
        verbose_name = "quy định cho vay"
        verbose_name_plural = "quy định cho vay (theo thời gian hiệu lực)"
        ordering = ["measure", "valid_from"]

    def __str__(self) -> str:
        return f"{self.get_measure_display()}: {self.value} ({self.citation})"

    @property
    def citation(self) -> str:
        return f"{self.article} {self.instrument}" if self.article else self.instrument
