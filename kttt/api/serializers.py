"""What the API reads and writes, as DRF serializers: they check the shape of a request (types, choices) and
describe it in the OpenAPI document. The rules themselves are the services' (kttt.registry.services,
kttt.annual.services, kttt.reports.options), the same as for the web pages and the importer."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from kttt.annual.models import FIGURES, NUMBER_FIELDS, Rating, State
from kttt.exchange.validate import SIGNED_FIELDS
from kttt.indicators.queries import GROUPINGS
from kttt.registry.models import Kind, Sector, Status
from kttt.reports.options import KINDS, VARIANTS
from kttt.reports.service import FORMATS

# The largest amount a figure may hold (BigIntegerField), so a huge number is a 400, not a database error.
MAX_AMOUNT = 2**63 - 1
MAX_COUNT = 2**31 - 1
COUNT_FIELDS = frozenset(name for name, _label, unit in FIGURES if unit == "người")


class UnitSerializer(serializers.Serializer[Any]):
    code = serializers.CharField()
    name = serializers.CharField()


class PublicOrganisationSerializer(serializers.Serializer[Any]):
    """The fields anyone may see (kttt.registry.queries.PUBLIC_FIELDS)."""

    code = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=Kind.choices)
    kind_label = serializers.CharField(source="get_kind_display")
    sector = serializers.ChoiceField(choices=Sector.choices)
    sector_label = serializers.CharField(source="get_sector_display")
    established = serializers.DateField()
    province = UnitSerializer()
    area = UnitSerializer(allow_null=True)


class OrganisationSerializer(PublicOrganisationSerializer):
    """An organisation as a signed-in person within its scope sees it."""

    dissolved = serializers.DateField(allow_null=True)
    status = serializers.ChoiceField(choices=Status.choices, required=False)
    former_district = UnitSerializer(allow_null=True)
    current_commune = UnitSerializer(allow_null=True)
    updated_at = serializers.DateTimeField()
    version = serializers.IntegerField(help_text="Phiên bản: gửi kèm khi sửa (PATCH) để không ghi đè thay đổi khác")


class PageSerializer(serializers.Serializer[Any]):
    """A page of a list: PAGE_SIZE items, with links to the neighbouring pages."""

    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)


class OrganisationPageSerializer(PageSerializer):
    results = OrganisationSerializer(many=True)


class PlanSummarySerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    name = serializers.CharField()
    province = UnitSerializer(allow_null=True)
    area = UnitSerializer(allow_null=True)
    start_year = serializers.IntegerField()
    end_year = serializers.IntegerField()
    document = serializers.DictField()
    targets = serializers.IntegerField(help_text="Số chỉ tiêu")


class PlanPageSerializer(PageSerializer):
    results = PlanSummarySerializer(many=True)


class OrganisationFilterSerializer(serializers.Serializer[Any]):
    """The filters of the organisation list. status, year and reported apply to signed-in people only: the
    public directory lists the organisations operating today."""

    q = serializers.CharField(required=False, max_length=100, help_text="Tên, mã, xã hoặc huyện (không cần dấu)")
    kind = serializers.ChoiceField(required=False, choices=[*Kind.values, "HTX+QTDND"])
    sector = serializers.ChoiceField(required=False, choices=Sector.values)
    province = serializers.CharField(required=False, max_length=10, help_text="Mã tỉnh (mã thống kê), ví dụ 20")
    status = serializers.ChoiceField(required=False, choices=Status.values)
    year = serializers.IntegerField(required=False, min_value=1945, max_value=9999, help_text="Hoạt động cuối năm")
    reported = serializers.ChoiceField(
        required=False, choices=["yes", "no"], help_text="Đã (yes) hoặc chưa (no) có số liệu năm `year`"
    )
    page = serializers.IntegerField(required=False, min_value=1)


class OrganisationWriteSerializer(serializers.Serializer[Any]):
    """A new organisation (POST) or the fields to change (PATCH). province and area are codes or names, read
    with the units in force on the establishment date, as the data-package importer reads them."""

    code = serializers.CharField(max_length=40, required=False, allow_blank=True, help_text="Trống: mã tự cấp")
    name = serializers.CharField(max_length=255)
    kind = serializers.ChoiceField(choices=Kind.choices)
    sector = serializers.ChoiceField(choices=Sector.choices)
    province = serializers.CharField(max_length=100, help_text="Mã hoặc tên tỉnh")
    area = serializers.CharField(max_length=200, help_text="Mã hoặc tên xã/phường (hoặc huyện cũ với hồ sơ cũ)")
    established = serializers.DateField()
    version = serializers.IntegerField(
        required=False, min_value=0, help_text="Phiên bản đã đọc (PATCH); đã có thay đổi sau đó thì bị từ chối (409)"
    )


class SavedOrganisationSerializer(serializers.Serializer[Any]):
    organisation = OrganisationSerializer()
    warnings = serializers.ListField(child=serializers.CharField())


def _figure_field(name: str) -> serializers.IntegerField:
    label = next(label for field, label, _unit in FIGURES if field == name)
    top = MAX_COUNT if name in COUNT_FIELDS else MAX_AMOUNT
    low = -MAX_AMOUNT if name in SIGNED_FIELDS else 0
    return serializers.IntegerField(required=False, allow_null=True, min_value=low, max_value=top, help_text=label)


class FiguresValuesSerializer(serializers.Serializer[Any]):
    """The figures of one organisation-year. A missing or null figure means "not reported", never zero."""

    rating = serializers.ChoiceField(choices=Rating.choices, required=False, allow_blank=True, allow_null=True)
    # A declared field named like Field.source: DRF's metaclass takes it out of the class, the stubs cannot know.
    source = serializers.CharField(  # type: ignore[assignment]
        max_length=200, required=False, allow_blank=True, allow_null=True
    )
    as_of = serializers.DateField(required=False, allow_null=True, help_text="Trống: 31/12 của năm")

    def get_fields(self) -> dict[str, serializers.Field[Any, Any, Any, Any]]:
        fields = super().get_fields()
        return {name: _figure_field(name) for name in NUMBER_FIELDS} | fields


class FiguresWriteSerializer(FiguresValuesSerializer):
    version = serializers.IntegerField(
        required=False, min_value=0, help_text="Phiên bản đã đọc (0: chưa có số liệu); khác thì bị từ chối (409)"
    )
    confirm_warnings = serializers.BooleanField(
        required=False, default=False, help_text="Đã kiểm tra các cảnh báo: lưu dù có cảnh báo"
    )


class FiguresSerializer(FiguresValuesSerializer):
    organisation = serializers.CharField(help_text="Mã tổ chức")
    year = serializers.IntegerField()
    state = serializers.ChoiceField(choices=State.choices, allow_null=True, help_text="null: chưa có số liệu")
    submitted_at = serializers.DateTimeField(allow_null=True)
    approved_at = serializers.DateTimeField(allow_null=True)
    version = serializers.IntegerField(help_text="Phiên bản (0: chưa có số liệu): gửi kèm khi lưu (PUT)")
    warnings = serializers.ListField(child=serializers.CharField(), required=False)


class FiguresStepSerializer(serializers.Serializer[Any]):
    reason = serializers.CharField(required=False, allow_blank=True, max_length=1000, help_text="Bắt buộc khi mở lại")


class IndicatorFilterSerializer(serializers.Serializer[Any]):
    province = serializers.CharField(required=False, max_length=10, help_text="Mã tỉnh; mặc định tỉnh của hệ thống")
    year = serializers.IntegerField(required=False, min_value=1900, max_value=9999)
    baseline = serializers.IntegerField(required=False, min_value=1900, max_value=9999, help_text="Năm gốc so sánh")
    area = serializers.CharField(required=False, max_length=20, help_text="Mã huyện cũ hoặc xã/phường")
    by = serializers.ChoiceField(required=False, choices=GROUPINGS, default="kind", help_text="Nhóm theo")


class PlanFilterSerializer(serializers.Serializer[Any]):
    as_of = serializers.IntegerField(required=False, min_value=1900, max_value=9999, help_text="Số liệu đến hết năm")


class ReportRequestSerializer(serializers.Serializer[Any]):
    """What the reports page and `kttt report` ask, checked by kttt.reports.options.checked_options."""

    year = serializers.IntegerField(min_value=1, max_value=9999)
    baseline = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=9999)
    province = serializers.CharField(required=False, allow_blank=True, max_length=100, help_text="Mã, tên hoặc all")
    area = serializers.CharField(required=False, allow_blank=True, max_length=200)
    kinds = serializers.ListField(child=serializers.ChoiceField(choices=KINDS), required=False)
    variant = serializers.ChoiceField(choices=VARIANTS, required=False, allow_null=True)
    format = serializers.ChoiceField(choices=FORMATS, default="docx")
