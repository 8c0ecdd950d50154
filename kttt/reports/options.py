"""What a report is about, and the letterhead it carries (Decree 30/2020 header and signature)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from django.conf import settings
from django.db.models import Max, Min
from django.utils.translation import gettext as _

from kttt.annual.models import AnnualFigures
from kttt.areas.gazetteer import UnitNotFound, shared_gazetteer
from kttt.areas.models import AdminUnit, short_name
from kttt.registry.models import Organisation
from kttt.reports.document import Letterhead

Variant = Literal["annual", "review", "midyear"]
VARIANTS: tuple[Variant, ...] = ("annual", "review", "midyear")
DEFAULT_KINDS = ("THT", "HTX", "LHHTX")
KINDS = ("THT", "HTX", "LHHTX", "QTDND")
FIRST_YEAR = 1990  # the earliest report year the CLI has always accepted


@dataclass
class ReportOptions:
    year: int
    baseline: int | None = None
    province: AdminUnit | None = None
    area: AdminUnit | None = None
    kinds: tuple[str, ...] = DEFAULT_KINDS
    variant: Variant = "annual"
    issued: dt.date | None = None  # the date on the document; default today
    plan: Mapping[str, float] = field(default_factory=dict)  # mid-year targets by indicator, when known

    @property
    def first_year(self) -> int:
        """The first year of the time series: the baseline, else five years back."""
        return self.baseline if self.baseline is not None else self.year - 4

    @property
    def compared_year(self) -> int | None:
        """The year the narrative compares with: the baseline of a review, else the previous year."""
        if self.variant == "review":
            return self.baseline
        return self.year - 1


def scope_names(options: ReportOptions) -> tuple[str, str, str]:
    """(whole, within, unit): "toàn tỉnh", "trên địa bàn tỉnh", "tỉnh Lạng Sơn" — or the area's own words."""
    unit = options.area or options.province
    if unit is None:
        return "cả nước", "trên phạm vi cả nước", "cả nước"
    named = f"{unit.name[:1].lower()}{unit.name[1:]}"  # "Huyện Đình Lập" → "huyện Đình Lập"
    if options.area is not None:
        return f"toàn {named}", f"trên địa bàn {named}", named
    kind = "thành phố" if unit.division_type.startswith("thành phố") else "tỉnh"
    return f"toàn {kind}", f"trên địa bàn {kind}", named


def letterhead(options: ReportOptions) -> Letterhead:
    """The header and signature block, from settings where a province configured them."""
    config: Mapping[str, str] = getattr(settings, "KTTT_REPORT", {})
    province = options.province
    default_body = f"ỦY BAN NHÂN DÂN {province.name.upper()}" if province else "BỘ TÀI CHÍNH"
    recipients = config.get("recipients") or (
        "- Bộ Tài chính;|- Thường trực Tỉnh ủy;|- Thường trực HĐND tỉnh;|- Chủ tịch, các Phó Chủ tịch UBND tỉnh;"
        "|- Liên minh Hợp tác xã tỉnh;|- Các sở, ban, ngành liên quan;|- Lưu: VT, KT."
    )
    return Letterhead(
        parent_body=config.get("parent_body", ""),
        issuing_body=config.get("issuing_body") or default_body,
        number=config.get("number") or "Số:        /BC-UBND",
        place=config.get("place") or (short_name(province.name) if province else "Hà Nội"),
        date=options.issued or dt.date.today(),
        recipients=[line.strip() for line in recipients.split("|") if line.strip()],
        signer_authority=config.get("signer_authority") or "TM. ỦY BAN NHÂN DÂN",
        signer_title=config.get("signer_title") or "CHỦ TỊCH",
        signer_name=config.get("signer_name", ""),
    )


Problem = tuple[str, str]  # (the option at fault: year, baseline, province, area, kind; a Vietnamese message)


class InvalidOptions(ValueError):
    """A report that cannot be written as asked, with every reason found (the messages are Vietnamese and
    meant for the person who asked; each names the option at fault so that a form can place it)."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        self.message = "\n".join(message for _, message in problems)
        super().__init__(self.message)


def report_day(year: int, variant: Variant) -> dt.date:
    """The day the figures are taken at, which also decides the units in force (districts before 7/2025)."""
    return dt.date(year, 6, 30) if variant == "midyear" else dt.date(year, 12, 31)


def data_years() -> tuple[int, int] | None:
    """The first and last years the records speak of, in the whole database: an organisation established,
    or yearly figures. None when the database is empty."""
    founded = Organisation.objects.aggregate(first=Min("established"), last=Max("established"))
    figures = AnnualFigures.objects.aggregate(first=Min("year"), last=Max("year"))
    firsts = [y for y in (founded["first"] and founded["first"].year, figures["first"]) if y is not None]
    lasts = [y for y in (founded["last"] and founded["last"].year, figures["last"]) if y is not None]
    return (min(firsts), max(lasts)) if firsts and lasts else None


def checked_options(
    *,
    year: int,
    baseline: int | None = None,
    province: str = "",
    area: str = "",
    kinds: Sequence[str] = (),
    variant: Variant | None = None,
    issued: dt.date | None = None,
) -> ReportOptions:
    """Options from what a person typed (the CLI and the web form check the same way), or InvalidOptions.

    `province` is a GSO code or name ("all" for the country; empty: KTTT_DEFAULT_PROVINCE), `area` a former
    district, a new commune or an old commune of it, `kinds` THT/HTX/LHHTX/QTDND (also "THT,HTX")."""
    chosen: Variant = variant or ("review" if baseline else "annual")
    problems = _year_problems(year, baseline, chosen)
    wanted = tuple(k.strip().upper() for given in kinds for k in given.split(",") if k.strip())
    if unknown := [k for k in wanted if k not in KINDS]:
        problems.append(("kind", f"Loại hình không hợp lệ: {', '.join(unknown)} (dùng THT, HTX, LHHTX, QTDND)."))
    unit = place = None
    if FIRST_YEAR <= year <= dt.date.today().year:  # the year says which units were in force
        unit, place = _scope(province, area, report_day(year, chosen), problems)
    if problems:
        raise InvalidOptions(problems)
    return ReportOptions(year, baseline, unit, place, wanted or DEFAULT_KINDS, chosen, issued)


def _scope(
    province: str, area: str, day: dt.date, problems: list[Problem]
) -> tuple[AdminUnit | None, AdminUnit | None]:
    """The province (None: the whole country) and the area asked for, as units in force on `day`."""
    gazetteer = shared_gazetteer()
    try:
        unit = gazetteer.province_or_country(province or settings.KTTT_DEFAULT_PROVINCE, day)
    except UnitNotFound as exc:
        problems.append(("province", str(exc)))
        return None, None
    if area and unit is None:
        problems.append(("area", _("Choose a province to report on one of its areas.")))
    try:
        return unit, gazetteer.area(area, unit, day) if area and unit else None
    except UnitNotFound as exc:
        problems.append(("area", str(exc)))
        return unit, None


def _year_problems(year: int, baseline: int | None, variant: Variant) -> list[Problem]:
    problems: list[Problem] = []
    year_ok = FIRST_YEAR <= year <= dt.date.today().year
    baseline_ok = baseline is None or FIRST_YEAR <= baseline < year
    if not year_ok:
        problems.append(("year", f"Năm {year} không hợp lệ."))
    if not baseline_ok:
        problems.append(("baseline", f"Năm gốc {baseline} phải trước năm báo cáo {year}."))
    if variant == "review" and baseline is None:
        problems.append(("baseline", _("A multi-year review compares with a baseline year: enter one.")))
    if not year_ok:
        return problems  # whether an impossible year has data is beside the point
    span = data_years()
    if span is None:
        return [*problems, ("year", _("The database holds no records yet: import data before writing a report."))]
    first, last = span
    if not first <= year <= last:
        message = _("There are no data for %(year)s: the records cover %(first)s to %(last)s.")
        problems.append(("year", message % {"year": year, "first": first, "last": last}))
    if baseline is not None and baseline_ok and baseline < first:
        message = _("There are no data for the baseline year %(year)s: the records start in %(first)s.")
        problems.append(("baseline", message % {"year": baseline, "first": first}))
    return problems
