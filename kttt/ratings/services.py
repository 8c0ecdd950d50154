"""Recording a rating: validate, write the assessment and the yearly figures' class in one transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from kttt.annual.models import AnnualFigures, Rating
from kttt.audit.models import Action
from kttt.audit.services import Actor, diff, record, snapshot
from kttt.ratings.eligibility import check_eligible
from kttt.ratings.models import Assessment, Criterion, RatingScheme, Score
from kttt.ratings.queries import scheme_for
from kttt.ratings.wording import rating_from_wording
from kttt.registry.models import Organisation

Points = Mapping[str, Decimal | int | float | str]


def record_assessment(
    org: Organisation,
    year: int,
    scores: Points | None = None,
    reported_class: str | None = None,
    *,
    actor: Actor = None,
) -> Assessment:
    """Record `org`'s rating for `year`, from criterion scores (code → points; the class is derived) or
    from a reported class in any known wording. The scheme is the one in force on 31/12 of the year; with
    none in force only a reported class is accepted. Sets AnnualFigures.rating for the org-year."""
    if (scores is None) == (reported_class is None):
        raise ValidationError("Cần nhập điểm theo tiêu chí hoặc xếp loại theo báo cáo (chỉ một trong hai).")
    scheme = scheme_for(org, dt.date(year, 12, 31))
    if scheme is not None:
        check_eligible(org, year, scheme)
    if scores is not None:
        if scheme is None:
            raise ValidationError(
                f"Không có bộ tiêu chí xếp loại nào có hiệu lực ngày 31/12/{year} cho {org.get_kind_display()}: "
                "chỉ ghi nhận được xếp loại theo báo cáo."
            )
        points = validated_points(scheme, scores)
        total = sum(points.values(), Decimal(0))
        return _write(org, year, scheme, scheme.classify(total), actor, total=total, points=points)
    assert reported_class is not None
    return _write(org, year, scheme, rating_from_wording(reported_class), actor, wording=reported_class)


def validated_points(scheme: RatingScheme, scores: Points) -> dict[Criterion, Decimal]:
    """Every criterion of the scheme scored, each within 0..max_points; unknown codes refused."""
    criteria = {c.code: c for c in scheme.criteria.all()}
    errors: list[str] = []
    unknown = sorted(set(scores) - set(criteria))
    if unknown:
        errors.append(f"Tiêu chí không có trong {scheme.instrument}: {', '.join(unknown)}.")
    missing = [code for code in criteria if code not in scores]
    if missing:
        errors.append(f"Chưa chấm điểm tiêu chí: {', '.join(missing)} ({scheme.instrument}).")
    points: dict[Criterion, Decimal] = {}
    for code, value in scores.items():
        if code not in criteria:
            continue
        criterion, number = criteria[code], Decimal(str(value))
        if not Decimal(0) <= number <= criterion.max_points:
            errors.append(f"Điểm {code} là {number}, ngoài khoảng 0–{criterion.max_points:g} ({scheme.instrument}).")
        points[criterion] = number
    if errors:
        raise ValidationError(errors)
    return points


@transaction.atomic
def _write(
    org: Organisation,
    year: int,
    scheme: RatingScheme | None,
    rating: Rating,
    actor: Actor,
    *,
    total: Decimal | None = None,
    points: dict[Criterion, Decimal] | None = None,
    wording: str = "",
) -> Assessment:
    stored = Assessment.objects.select_for_update().filter(organisation=org, year=year).first()
    before = _state(stored) if stored else {}
    assessment, created = Assessment.objects.update_or_create(
        organisation=org,
        year=year,
        defaults=dict(scheme=scheme, total=total, rating=rating, reported_wording=wording),
    )
    assessment.scores.all().delete()
    Score.objects.bulk_create(Score(assessment=assessment, criterion=c, points=p) for c, p in (points or {}).items())
    sync_figures(assessment)
    record(actor, Action.CREATE if created else Action.UPDATE, assessment, diff(before, _state(assessment)))
    return assessment


AUDITED_FIELDS = ("scheme", "total", "rating", "reported_wording")


def _state(assessment: Assessment) -> dict[str, object]:
    """What the audit trail compares: the class, the total and every criterion's points."""
    scores = assessment.scores.select_related("criterion").order_by("criterion__order", "criterion__code")
    points = {score.criterion.code: str(score.points) for score in scores}
    return snapshot(assessment, AUDITED_FIELDS) | ({"scores": points} if points else {})


def sync_figures(assessment: Assessment) -> None:
    """Copy the assessment's class into the yearly figures, creating the row when missing."""
    AnnualFigures.objects.update_or_create(
        organisation=assessment.organisation, year=assessment.year, defaults={"rating": assessment.rating}
    )


@transaction.atomic
def rescore(assessment: Assessment, *, actor: Actor = None) -> None:
    """Re-derive total and class after scores were edited (in the admin), and sync the yearly figures."""
    if assessment.scheme is None or not assessment.scores.exists():
        return
    before = snapshot(assessment, ("total", "rating"))
    total = sum((s.points for s in assessment.scores.all()), Decimal(0))
    assessment.total = total
    assessment.rating = assessment.scheme.classify(total)
    assessment.save(update_fields=["total", "rating", "recorded_at"])
    sync_figures(assessment)
    if changes := diff(before, snapshot(assessment, ("total", "rating"))):
        record(actor, Action.UPDATE, assessment, changes, reason="Tính lại từ điểm các tiêu chí.")
