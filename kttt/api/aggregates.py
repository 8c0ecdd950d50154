"""Indicators, plans and reports through the API: the JSON the `kttt indicators` and `kttt plan` commands write,
and the files the reports page downloads. HTTP only; the figures come from kttt.indicators, kttt.plans and
kttt.reports. Aggregated statistics are public (ADR 8); plans and reports need a signed-in person, as on the web."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.decorators import api_view, permission_classes
from rest_framework.exceptions import ValidationError as BadRequest
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from kttt.api import serializers as s
from kttt.indicators.dashboard import area_column, area_labels
from kttt.indicators.figures import Figures
from kttt.indicators.output import to_json as indicators_json
from kttt.indicators.params import resolve
from kttt.indicators.queries import snapshot
from kttt.indicators.reporting import reporting_by_area
from kttt.indicators.trends import yearly_figures
from kttt.plans.output import plan_json
from kttt.plans.output import to_json as plan_progress_json
from kttt.plans.pages import as_of_years, default_year, plans_with_targets, progress_of
from kttt.plans.progress import latest_year, plan_scope
from kttt.reports.options import InvalidOptions, checked_options
from kttt.reports.service import make_report
from kttt.reports.views import attachment, file_stem, packed


@extend_schema(
    parameters=[s.IndicatorFilterSerializer],
    responses={200: OpenApiTypes.OBJECT},
    summary="Chỉ tiêu tổng hợp của một tỉnh (hoặc một địa bàn) cuối một năm, so với năm gốc",
    description="Cấu trúc như `kttt indicators --json` (docs/indicators.md); `messages` ghi các tham số không dùng "
    "được và giá trị mặc định đã thay.",
)
@login_not_required
@api_view(["GET"])
@permission_classes([AllowAny])
def indicators(request: Request) -> Response:
    query = s.IndicatorFilterSerializer(data=request.query_params)
    query.is_valid(raise_exception=True)
    params = resolve(request.query_params)
    snap = snapshot(params.year, params.baseline, query.validated_data["by"], params.province, params.area)
    area = {"code": params.area.code, "name": params.area.name} if params.area else None
    return Response(indicators_json(snap) | {"area": area, "years": params.years, "messages": params.messages})


@extend_schema(
    responses={200: s.PlanPageSerializer},
    operation_id="plans_list",
    summary="Các kế hoạch, chương trình (mỗi trang 50)",
)
@login_not_required
@api_view(["GET"])
def plan_list(request: Request) -> Response:
    paginator = PageNumberPagination()
    page = paginator.paginate_queryset(plans_with_targets().order_by("pk"), request) or []
    return paginator.get_paginated_response([_plan_summary(plan) for plan in page])


def _plan_summary(plan: Any) -> dict[str, Any]:
    return plan_json(plan) | {"targets": len(plan.targets.all())}


@extend_schema(
    parameters=[s.PlanFilterSerializer],
    responses={200: OpenApiTypes.OBJECT, 404: OpenApiResponse(description="Không có kế hoạch này")},
    summary="Một kế hoạch với tiến độ từng chỉ tiêu: thực tế, kỳ vọng, dự báo, đánh giá",
    description="Cấu trúc như `kttt plan --json` (docs/plans.md).",
)
@login_not_required
@api_view(["GET"])
def plan_detail(request: Request, pk: int) -> Response:
    query = s.PlanFilterSerializer(data=request.query_params)
    query.is_valid(raise_exception=True)
    plan = get_object_or_404(plans_with_targets(), pk=pk)
    latest = latest_year(plan_scope(plan))
    as_of = query.validated_data.get("as_of") or default_year(plan, latest)
    if as_of not in (years := as_of_years(plan, latest)):
        raise BadRequest({"as_of": [f"Chưa có số liệu năm {as_of}: chọn một năm từ {years[-1]} đến {years[0]}."]})
    (progress,) = progress_of([plan], as_of)
    return Response(plan_progress_json(progress))


@extend_schema(
    request=s.ReportRequestSerializer,
    responses={
        (200, "application/octet-stream"): OpenApiTypes.BINARY,
        400: OpenApiResponse(description="Tùy chọn không hợp lệ, theo từng tùy chọn"),
    },
    summary="Viết báo cáo như trang Báo cáo và trả về tệp (docx, pdf, xlsx; md kèm biểu đồ là tệp zip)",
)
@login_not_required
@api_view(["POST"])
def report(request: Request) -> HttpResponse:
    body = s.ReportRequestSerializer(data=request.data)
    body.is_valid(raise_exception=True)
    data = body.validated_data
    try:
        options = checked_options(
            year=data["year"],
            baseline=data.get("baseline"),
            province=data.get("province", ""),
            area=data.get("area", ""),
            kinds=data.get("kinds", ()),
            variant=data.get("variant"),
        )
    except InvalidOptions as exc:
        errors: dict[str, list[str]] = {}
        for option, message in exc.problems:
            errors.setdefault(option, []).append(message)
        raise BadRequest(errors) from exc
    fmt = data["format"]
    content, content_type, name = packed(make_report(options, fmt), fmt, file_stem(options))
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = attachment(name)
    return response


@extend_schema(
    parameters=[s.IndicatorFilterSerializer],
    responses={200: OpenApiTypes.OBJECT},
    summary="Tình hình gửi báo cáo năm theo địa bàn: có số liệu, đã gửi (đúng hạn, quá hạn), đã phê duyệt",
    description="Hạn gửi theo quy định có hiệu lực: 15/01 năm sau (Luật HTX 2012), 15/12 của năm (Luật HTX 2023, "
    "Thông tư 09/2024). Các dòng như bảng “Báo cáo theo địa bàn” của trang tổng quan.",
)
@login_not_required
@api_view(["GET"])
@permission_classes([AllowAny])
def reporting(request: Request) -> Response:
    query = s.IndicatorFilterSerializer(data=request.query_params)
    query.is_valid(raise_exception=True)
    params = resolve(request.query_params)
    column = area_column(params) or "current_commune_id"
    yearly = yearly_figures(params.scope, [params.year], column, fields=("members",))
    groups: dict[str, dict[str, Figures]] = defaultdict(dict)
    for (kind, group), figures in yearly.get(params.year, {}).items():
        groups[group][kind] = figures
    report = reporting_by_area(params, column, groups, area_labels(params, groups))
    areas = [
        {"area": row.label, "area_id": int(row.key) if row.key.isdigit() else None}
        | {name: getattr(row, name) for name in ("active", "reported", "submitted", "on_time", "late", "approved")}
        for row in report.rows
    ]
    body = {"province": params.province.code, "year": report.year, "deadline": report.deadline}
    return Response(body | {"regime": report.citation, "areas": areas, "messages": params.messages})
