"""Which records a measure's value comes from, so every figure of a plan can be checked by hand."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet

from kttt.annual.models import Rating
from kttt.indicators.queries import Scope, active_q, htx_figures, year_end
from kttt.plans.measures import established_in, organisations_of
from kttt.plans.models import Measure
from kttt.registry.models import Kind


@dataclass
class Explanation:
    rule: str  # how the value is counted, in Vietnamese
    codes: list[str] = field(default_factory=list)  # the organisations counted (the numerator, for shares)


NEW_KINDS = {Measure.NEW_HTX: Kind.HTX, Measure.NEW_THT: Kind.THT, Measure.NEW_LHHTX: Kind.LHHTX}
ACTIVE_KINDS = {Measure.HTX_ACTIVE: Kind.HTX, Measure.THT_ACTIVE: Kind.THT, Measure.LHHTX_ACTIVE: Kind.LHHTX}


def _day(day: dt.date) -> str:
    return f"{day:%d/%m/%Y}"


def explain(measure: Measure, scope: Scope, year: int, since: int | None = None) -> Explanation:
    """The rule and the organisation codes behind `measure` for the period since..year (or at 31/12/year)."""
    start, end = dt.date(since or year, 1, 1), year_end(year)
    if measure in NEW_KINDS:
        kind = NEW_KINDS[measure]
        rows = organisations_of(scope, kind).filter(established_in(year, since))
        return Explanation(f"{kind.label} có ngày thành lập từ {_day(start)} đến {_day(end)}", _codes(rows))
    if measure in ACTIVE_KINDS:
        kind = ACTIVE_KINDS[measure]
        rows = organisations_of(scope, kind).filter(active_q(end))
        return Explanation(f"{kind.label} đang hoạt động tại {_day(end)}", _codes(rows))
    figures = htx_figures(scope, year)
    if measure == Measure.HTX_MEMBERS:
        rule = f"Tổng số thành viên theo số liệu năm {year} của HTX đang hoạt động tại {_day(end)}"
        return Explanation(rule, _codes(figures.filter(members__isnull=False), "organisation__code"))
    if measure == Measure.SHARE_HTX_GOOD:
        rule = (
            f"Số HTX xếp loại tốt, khá năm {year} ÷ số HTX được xếp loại năm {year} "
            f"({figures.exclude(rating='').count()} HTX); danh sách là các HTX xếp loại tốt, khá"
        )
        good = figures.filter(Q(rating=Rating.GOOD) | Q(rating=Rating.FAIR))
        return Explanation(rule, _codes(good, "organisation__code"))
    if measure == Measure.SHARE_MANAGERS_TRAINED:
        rule = (
            f"Tổng cán bộ chủ chốt đã qua đào tạo ÷ tổng cán bộ chủ chốt, số liệu năm {year} "
            "của các HTX báo cáo cả hai chỉ tiêu"
        )
        reporting = figures.filter(managers__isnull=False, managers_trained__isnull=False)
        return Explanation(rule, _codes(reporting, "organisation__code"))
    return Explanation(
        f"HTX được giải ngân khoản vay Quỹ hỗ trợ phát triển HTX từ {_day(start)} đến {_day(end)} "
        "(theo sổ cho vay của Quỹ)"
    )


def _codes(rows: QuerySet[Any], column: str = "code") -> list[str]:
    return [str(code) for code in rows.order_by(column).values_list(column, flat=True)]
