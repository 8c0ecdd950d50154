"""The organisations and their yearly figures through the API. HTTP only: the querysets come from
kttt.registry.queries.visible_to, the scopes from kttt.accounts.access, the checks and writes from the services
the web pages use. Outside the person's view scope an organisation answers 404, in view but outside the
action's scope 403 (ADR 8); anonymous visitors read the public directory only."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.decorators import api_view, permission_classes
from rest_framework.exceptions import NotAuthenticated, PermissionDenied
from rest_framework.exceptions import ValidationError as BadRequest
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from kttt.accounts.access import REFUSALS, Action, access, require
from kttt.annual import services as annual
from kttt.annual import workflow
from kttt.annual.models import AnnualFigures
from kttt.api import serializers as s
from kttt.areas.gazetteer import UnitNotFound, shared_gazetteer
from kttt.audit.conflicts import Conflict
from kttt.registry import services
from kttt.registry.editing import OUT_OF_SCOPE
from kttt.registry.filters import Filters
from kttt.registry.models import Organisation
from kttt.registry.queries import filtered, list_rows, narrowed, visible_to, with_status

RELATED = ("province", "area", "former_district", "current_commune")
# Who may take each step of the workflow (kttt.annual.workflow checks it again).
STEPS = {"submit": Action.ENTER, "approve": Action.APPROVE, "reopen": Action.APPROVE}
NOT_FOUND = OpenApiResponse(description="Không có, hoặc nằm ngoài phạm vi được xem")
REFUSED = OpenApiResponse(description="Được xem nhưng không được làm việc này")
UNAUTHENTICATED = OpenApiResponse(description="Chưa đăng nhập (cần token hoặc phiên đăng nhập)")
CONFLICT = OpenApiResponse(
    description="Hồ sơ đã bị thay đổi sau phiên bản đã đọc (version): không lưu; đọc lại rồi gửi lại với version mới"
)


def _filters(request: Request) -> tuple[Filters, str]:
    query = s.OrganisationFilterSerializer(data=request.query_params)
    query.is_valid(raise_exception=True)
    data = query.validated_data
    signed_in = request.user.is_authenticated
    filters = Filters(
        q=data.get("q", ""),
        kind=data.get("kind", ""),
        sector=data.get("sector", ""),
        status=data.get("status", "") if signed_in else "",
        year=data.get("year") if signed_in else None,
        reported=data.get("reported", "") if signed_in and data.get("year") else "",
        sort="code",
    )
    return filters, data.get("province", "")


def _in_province(organisations: QuerySet[Organisation], code: str) -> QuerySet[Organisation]:
    """A province by its GSO code, in either scheme of units (before and from 1/7/2025)."""
    if not code:
        return organisations
    return organisations.filter(Q(former_province__code=code) | Q(current_province__code=code))


@extend_schema(
    methods=["GET"],
    parameters=[s.OrganisationFilterSerializer],
    responses={200: s.OrganisationPageSerializer},
    operation_id="organisations_list",
    summary="Danh sách tổ chức trong phạm vi được xem (người chưa đăng nhập: danh bạ công khai)",
)
@extend_schema(
    methods=["POST"],
    request=s.OrganisationWriteSerializer,
    responses={201: s.SavedOrganisationSerializer, 401: UNAUTHENTICATED, 403: REFUSED},
    summary="Thêm tổ chức (kiểm tra như trang web, ghi nhật ký)",
)
@login_not_required
@api_view(["GET", "POST"])
@permission_classes([AllowAny])
def organisation_list(request: Request) -> Response:
    if request.method == "POST":
        return _create(request)
    filters, province = _filters(request)
    organisations = visible_to(request.user)
    if request.user.is_authenticated:
        found = filtered(organisations, filters)
        serializer: type[s.PublicOrganisationSerializer] = s.OrganisationSerializer
    else:  # the public directory, already annotated with today's status
        found = narrowed(organisations, filters)
        serializer = s.PublicOrganisationSerializer
    paginator = PageNumberPagination()
    page = (
        paginator.paginate_queryset(list_rows(_in_province(found, province)).select_related("province"), request) or []
    )
    return paginator.get_paginated_response(serializer(page, many=True).data)


@extend_schema(
    methods=["GET"],
    responses={200: s.OrganisationSerializer, 404: NOT_FOUND},
    summary="Một tổ chức (người chưa đăng nhập: các trường công khai)",
)
@extend_schema(
    methods=["PATCH"],
    request=s.OrganisationWriteSerializer(partial=True),
    responses={
        200: s.SavedOrganisationSerializer,
        401: UNAUTHENTICATED,
        403: REFUSED,
        404: NOT_FOUND,
        409: CONFLICT,
    },
    summary="Sửa thông tin tổ chức (gửi kèm version đã đọc để không ghi đè thay đổi của người khác)",
)
@login_not_required
@api_view(["GET", "PATCH"])
@permission_classes([AllowAny])
def organisation_detail(request: Request, code: str) -> Response:
    if request.method == "PATCH":
        _signed_in(request)
        return _update(request, _visible(request, code))
    if not request.user.is_authenticated:
        return Response(s.PublicOrganisationSerializer(_visible(request, code)).data)
    org = get_object_or_404(with_status(visible_to(request.user)).select_related(*RELATED), code=code)
    return Response(s.OrganisationSerializer(org).data)


def _signed_in(request: Request) -> None:
    """Writes need a signed-in person even where reading is public: 401, with the scheme to use."""
    if not request.user.is_authenticated:
        raise NotAuthenticated("Cần đăng nhập: gửi token (Authorization: Token …) hoặc dùng phiên đăng nhập.")


def _visible(request: Request, code: str) -> Organisation:
    return get_object_or_404(visible_to(request.user).select_related(*RELATED), code=code)


def _create(request: Request) -> Response:
    _signed_in(request)
    if not access(request.user).may(Action.CHANGE):
        raise PermissionDenied(REFUSALS[Action.CHANGE])
    body = s.OrganisationWriteSerializer(data=request.data)
    body.is_valid(raise_exception=True)
    data = _record(body.validated_data)
    return _write(request, data, None, lambda: services.create_organisation(data, actor=request.user))


def _update(request: Request, org: Organisation) -> Response:
    require(request.user, Action.CHANGE, org)
    body = s.OrganisationWriteSerializer(data=request.data, partial=True)
    body.is_valid(raise_exception=True)
    stated = {
        "code": org.code,
        "name": org.name,
        "kind": org.kind,
        "sector": org.sector,
        "province": org.province.code,
        "area": org.area.code if org.area else "",
        "established": org.established,
    }
    data = _record(stated | body.validated_data, org)
    version = body.validated_data.get("version")
    return _write(
        request, data, org, lambda: services.update_organisation(org, data, actor=request.user, version=version)
    )


def _record(values: dict[str, Any], org: Organisation | None = None) -> services.OrganisationData:
    """Resolve the province and area typed as codes or names with the units in force on the establishment date
    (for an unchanged place, the organisation's own units)."""
    day: dt.date = values["established"]
    gazetteer = shared_gazetteer()
    errors: dict[str, list[str]] = {}
    province = area = None
    unchanged = org is not None and values["province"] == org.province.code
    try:
        province = org.province if org is not None and unchanged else gazetteer.province(values["province"], day)
    except UnitNotFound as exc:
        errors["province"] = [str(exc)]
    if province is not None and values.get("area"):
        try:
            same = org is not None and unchanged and org.area is not None and values["area"] == org.area.code
            area = org.area if org is not None and same else gazetteer.area(values["area"], province, day)
        except UnitNotFound as exc:
            errors["area"] = [str(exc)]
    elif province is not None and org is None:
        errors["area"] = ["Cần nhập xã/phường (hoặc huyện cũ) nơi đặt trụ sở."]
    if errors or province is None:
        raise BadRequest(errors)
    code = values.get("code") or services.suggest_code(values["kind"])
    return services.OrganisationData(
        code, values["name"], values["kind"], values["sector"], province, area, values["established"]
    )


def _write(request: Request, data: services.OrganisationData, org: Organisation | None, save: Any) -> Response:
    if not services.location_covered(request.user, data):
        raise PermissionDenied(OUT_OF_SCOPE)
    warnings = services.review_organisation(data, org).warnings
    try:
        saved: Organisation = save()
    except Conflict as conflict:
        return conflict_response(conflict)
    except ValidationError as exc:
        raise BadRequest(_messages(exc)) from exc
    saved = with_status(Organisation.objects.filter(pk=saved.pk)).select_related(*RELATED).get()
    body = {"organisation": s.OrganisationSerializer(saved).data, "warnings": warnings}
    return Response(body, status=status.HTTP_201_CREATED if org is None else status.HTTP_200_OK)


def _messages(exc: ValidationError) -> dict[str, list[str]] | list[str]:
    """A service's ValidationError as DRF's error body: by field when it names fields."""
    if hasattr(exc, "error_dict"):
        return {name: [str(m) for m in messages] for name, messages in exc.message_dict.items()}
    return [str(m) for m in exc.messages]


# --- yearly figures -------------------------------------------------------------------------------------------


@extend_schema(
    methods=["GET"],
    responses={200: s.FiguresSerializer, 401: UNAUTHENTICATED, 404: NOT_FOUND},
    summary="Số liệu một năm của một tổ chức (state null: chưa có số liệu)",
)
@extend_schema(
    methods=["PUT"],
    request=s.FiguresWriteSerializer,
    responses={200: s.FiguresSerializer, 401: UNAUTHENTICATED, 403: REFUSED, 404: NOT_FOUND, 409: CONFLICT},
    summary="Lưu số liệu năm: kiểm tra như trang nhập số liệu; cảnh báo cần xác nhận (confirm_warnings)",
)
@login_not_required
@api_view(["GET", "PUT"])
def figures(request: Request, code: str, year: int) -> Response:
    org = _visible(request, code)
    require(request.user, Action.ENTER if request.method == "PUT" else Action.VIEW, org)
    if problem := annual.year_problem(org, year):
        raise Http404(problem)
    if request.method == "GET":
        return Response(_figures_data(org, year))
    body = s.FiguresWriteSerializer(data=request.data)
    body.is_valid(raise_exception=True)
    given = body.validated_data
    values = {name: given.get(name) for name in annual.VALUE_FIELDS}
    if all(values[name] in (None, "") for name in annual.VALUE_FIELDS):
        raise BadRequest({"non_field_errors": ["Chưa có số liệu nào: nhập ít nhất một chỉ tiêu."]})
    review = annual.review_figures(org, year, values, annual.previous_figures(org, year))
    if review.errors:
        raise BadRequest(review.error_dict())
    warnings = [f"{issue.column}: {issue.message}" for issue in review.warnings]
    if warnings and not given.get("confirm_warnings"):
        message = "Số liệu có cảnh báo: kiểm tra rồi gửi lại với confirm_warnings=true để lưu."
        raise BadRequest({"non_field_errors": [message], "warnings": warnings})
    try:
        annual.save_figures(org, year, values, request.user, version=given.get("version"))
    except Conflict as conflict:
        return conflict_response(conflict)
    except ValidationError as exc:  # approved (locked), or the organisation or last year changed meanwhile
        raise BadRequest(_messages(exc)) from exc
    return Response(_figures_data(org, year) | {"warnings": warnings})


def _figures_data(org: Organisation, year: int) -> dict[str, Any]:
    row = AnnualFigures.objects.filter(organisation=org, year=year).first()
    data: dict[str, Any] = {"organisation": org.code, "year": year}
    data |= {name: getattr(row, name) if row else None for name in annual.VALUE_FIELDS}
    data["as_of"] = row.as_of.isoformat() if row and row.as_of else None
    data["state"] = row.state if row else None
    data["submitted_at"] = row.submitted_at if row else None
    data["approved_at"] = row.approved_at if row else None
    data["version"] = row.version if row else 0
    return dict(s.FiguresSerializer(data).data)


def conflict_response(conflict: Conflict) -> Response:
    """409: someone changed the record after the version the client read; nothing was written."""
    return Response({"detail": conflict.messages[0], "version": conflict.current}, status=status.HTTP_409_CONFLICT)


@extend_schema(
    operation_id="organisations_figures_step",
    parameters=[OpenApiParameter("step", str, OpenApiParameter.PATH, enum=sorted(STEPS))],
    request=s.FiguresStepSerializer,
    responses={200: s.FiguresSerializer, 400: OpenApiResponse(description="Không đúng bước"), 403: REFUSED},
    summary="Gửi (submit), phê duyệt (approve) hoặc mở lại có lý do (reopen) số liệu năm",
)
@login_not_required
@api_view(["POST"])
def figures_step(request: Request, code: str, year: int, step: str) -> Response:
    org = _visible(request, code)
    if step not in STEPS:
        raise Http404("Bước không hợp lệ: submit, approve hoặc reopen.")
    require(request.user, STEPS[step], org)
    body = s.FiguresStepSerializer(data=request.data)
    body.is_valid(raise_exception=True)
    try:
        if step == "submit":
            workflow.submit(org, year, request.user)
        elif step == "approve":
            workflow.approve(org, year, request.user)
        else:
            workflow.reopen(org, year, body.validated_data.get("reason", ""), request.user)
    except ValidationError as exc:
        raise BadRequest(_messages(exc)) from exc
    return Response(_figures_data(org, year))
