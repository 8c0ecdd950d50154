"""Plan progress as JSON (schema in docs/plans.md) and as plain Vietnamese text."""

from __future__ import annotations

from typing import Any

from kttt.numbers import number
from kttt.plans.measures import MEASURES
from kttt.plans.models import Measure, Plan, Target, TargetKind
from kttt.plans.progress import PlanProgress, TargetProgress

TEXT_CODES_LIMIT = 50


def plan_json(plan: Plan) -> dict[str, Any]:
    return {
        "id": plan.pk,
        "name": plan.name,
        "province": {"code": plan.province.code, "name": plan.province.name} if plan.province else None,
        "area": {"code": plan.area.code, "name": plan.area.name} if plan.area else None,
        "start_year": plan.start_year,
        "end_year": plan.end_year,
        "document": {
            "number": plan.document_number,
            "date": plan.document_date.isoformat() if plan.document_date else None,
            "title": plan.document_title,
            "issuer": plan.issuer,
        },
    }


def to_json(progress: PlanProgress) -> dict[str, Any]:
    return {
        "plan": plan_json(progress.plan),
        "as_of": progress.as_of,
        "targets": [_target_json(t) for t in progress.targets],
    }


def _target_json(p: TargetProgress) -> dict[str, Any]:
    t = p.target
    info = MEASURES[Measure(t.measure)]
    explanation = p.explanation
    return {
        "order": t.order,
        "label": t.label,
        "measure": t.measure,
        "unit": info.unit,
        "kind": t.kind,
        "comparator": t.comparator,
        "value": float(t.value),
        "baseline": {"year": p.baseline_year, "value": p.baseline, "computed": p.baseline_computed},
        "milestones": [{"year": m.year, "value": float(m.value)} for m in t.milestones.all()],
        "actual": p.actual,
        "expected": p.expected,
        "projection": p.projection,
        "status": p.status.value,
        "status_label": p.status.label,
        "series": [{"year": s.year, "value": s.value, "cumulative": s.cumulative} for s in p.series],
        "records": {
            "rule": explanation.rule if explanation else "",
            "count": len(explanation.codes) if explanation else 0,
            "codes": explanation.codes if explanation else [],
        },
    }


def _fmt(target: Target, value: float | None) -> str:
    if target.kind == TargetKind.SHARE:
        return number(value, 1, missing="—") + ("%" if value is not None else "")
    return number(value, 0, missing="—")


def plan_header(plan: Plan) -> list[str]:
    where = str(plan.area or plan.province or "Toàn quốc")
    signed = f"ngày {plan.document_date:%d/%m/%Y}" if plan.document_date else "chưa rõ ngày"
    return [
        f"Kế hoạch: {plan.name} ({plan.start_year}–{plan.end_year}) — phạm vi: {where}",
        f"Văn bản: {plan.document_title or '—'}, số {plan.document_number or '—'}, {signed}"
        + (f", {plan.issuer}" if plan.issuer else ""),
    ]


COLUMNS = ("Chỉ tiêu", "Mục tiêu", "Gốc", "Thực hiện", "Kế hoạch đến nay", "Dự báo", "Trạng thái")


def to_text(progress: PlanProgress) -> str:
    plan = progress.plan
    lines = [*plan_header(plan), f"Số liệu đến 31/12/{progress.as_of}; dự báo đến năm {plan.end_year}.", ""]
    rows = [_text_row(i, p) for i, p in enumerate(progress.targets, start=1)]
    widths = [max(len(row[k]) for row in [list(COLUMNS), *rows]) for k in range(len(COLUMNS))]
    for row in [list(COLUMNS), *rows]:
        lines.append(
            "  ".join(
                cell.ljust(w) if k == 0 else cell.rjust(w) for k, (cell, w) in enumerate(zip(row, widths, strict=True))
            ).rstrip()
        )
    lines += ["", "Căn cứ số liệu:"]
    for i, p in enumerate(progress.targets, start=1):
        lines += _trace(i, p)
    return "\n".join(lines) + "\n"


def _text_row(i: int, p: TargetProgress) -> list[str]:
    t = p.target
    return [
        f"{i}. {t.label}",
        f"{t.get_comparator_display()} {_fmt(t, float(t.value))}",
        f"{_fmt(t, p.baseline)} ({p.baseline_year})",
        _fmt(t, p.actual),
        _fmt(t, p.expected),
        _fmt(t, p.projection),
        p.status.label,
    ]


def _trace(i: int, p: TargetProgress) -> list[str]:
    t = p.target
    kind = TargetKind(t.kind).label.lower()
    series = "; ".join(
        f"{s.year}: {_fmt(t, s.value)}" + (f" (cộng dồn {_fmt(t, s.cumulative)})" if s.cumulative is not None else "")
        for s in p.series
    )
    lines = [f"{i}. {t.label} — {kind}; chỉ số: {MEASURES[Measure(t.measure)].label}", f"   Theo năm: {series or '—'}"]
    if p.explanation is not None:
        codes = p.explanation.codes
        shown = ", ".join(codes[:TEXT_CODES_LIMIT]) + (
            f" … (và {number(len(codes) - TEXT_CODES_LIMIT)} tổ chức khác)" if len(codes) > TEXT_CODES_LIMIT else ""
        )
        lines.append(f"   {p.explanation.rule}: {number(len(codes))} tổ chức" + (f" — {shown}" if codes else ""))
    return lines
