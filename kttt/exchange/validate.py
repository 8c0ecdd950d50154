"""Validate data-package rows into typed records, collecting every problem with its place. The checks of values
(the `..._issues` functions) are shared with the web forms: a typed record and an imported row obey the same rules."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from kttt.annual.models import NUMBER_FIELDS, Rating
from kttt.areas.gazetteer import Gazetteer, Location, UnitNotFound
from kttt.exchange import cells
from kttt.exchange.columns import column_label
from kttt.exchange.reader import Cell, Sheet
from kttt.numbers import number as vn_number
from kttt.registry.models import Kind, Organisation, Sector, Status
from kttt.registry.services import end_date
from kttt.rules.checks import RuleBook

KIND_ALIASES = {
    "lh htx": "LHHTX",
    "lhhtx": "LHHTX",
    "tht": "THT",
    "htx": "HTX",
    "qtd": "QTDND",
    "qtdnd": "QTDND",
}
RATING_ALIASES = {"gioi": Rating.GOOD, "xuat sac": Rating.GOOD, "kem": Rating.WEAK}
UNION_MEMBER_KINDS = {Kind.HTX, Kind.QTDND}
SIGNED_FIELDS = {"profit"}


@dataclass
class Problem:
    sheet: str
    row: int
    column: str  # the column key (stable, for programs)
    message: str
    title: str = ""  # the column as the user sees it: letter and the header typed, e.g. "F (Số thành viên)"

    @property
    def shown_column(self) -> str:
        return self.title or self.column

    def __str__(self) -> str:
        place = f"{self.sheet}, dòng {self.row}" if self.row else self.sheet
        return f"{place}, cột {self.shown_column}: {self.message}" if self.column else f"{place}: {self.message}"


@dataclass(frozen=True)
class Issue:
    """A problem found by a check that the importer and the web forms share: blocking (an error) or a warning."""

    column: str
    message: str
    blocking: bool = True


@dataclass
class OrgRecord:
    code: str
    name: str
    kind: str
    sector: str
    established: dt.date
    dissolved: dt.date | None
    location: Location


@dataclass
class Known:
    """What validation knows of an organisation, from the package or the database."""

    kind: str
    established: dt.date
    dissolved: dt.date | None


@dataclass
class Validation:
    gazetteer: Gazetteer
    rules: RuleBook
    existing: dict[str, Organisation]
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    orgs: dict[str, OrgRecord] = field(default_factory=dict)
    statuses: dict[tuple[str, dt.date, str], str] = field(default_factory=dict)
    annual: dict[tuple[str, int], dict[str, Any]] = field(default_factory=dict)
    annual_rows: dict[tuple[str, int], tuple[str, int]] = field(default_factory=dict)  # (sheet label, row)
    links: dict[tuple[str, str, dt.date], dt.date | None] = field(default_factory=dict)
    invalid_codes: set[str] = field(default_factory=set)
    history: dict[str, list[tuple[dt.date, str]]] = field(default_factory=lambda: defaultdict(list))
    further: Any = None  # the rows of the ratings, training and loan sheets (kttt.exchange.extra_common.Records)

    def known(self, code: str) -> Known | None:
        """The organisation as it will be once the package is written: its kind, establishment, and
        end date from the dissolved column, the statuses sheet and what is already stored."""
        if code in self.orgs:
            rec = self.orgs[code]
            kind, established, ended = rec.kind, rec.established, rec.dissolved
        elif code in self.existing:
            org = self.existing[code]
            kind, established, ended = org.kind, org.established, org.dissolved
        else:
            return None
        if code in self.history:
            changes = self.history[code] + ([(ended, Status.DISSOLVED)] if ended else [])
            ended = end_date(changes)
        return Known(kind, established, ended)


def unknown_code(v: Validation, code: str) -> str:
    if code in v.invalid_codes:
        return f"Tổ chức mã “{code}” có lỗi ở trang organizations (xem lỗi của dòng đó)."
    return f"Không có tổ chức mã “{code}” trong gói dữ liệu hay trong cơ sở dữ liệu."


class RowReader:
    """Reads the cells of one row; a bad cell becomes a Problem and yields None."""

    def __init__(self, validation: Validation, sheet: Sheet, number: int, values: dict[str, Cell]):
        self.validation, self.sheet, self.number, self.values = validation, sheet, number, values
        self.ok = True

    def error(self, column: str, message: str) -> None:
        self.ok = False
        self.validation.errors.append(self.problem(column, message))

    def warn(self, column: str, message: str) -> None:
        self.validation.warnings.append(self.problem(column, message))

    def problem(self, column: str, message: str) -> Problem:
        return Problem(self.sheet.label, self.number, column, message, self.sheet.title(column))

    def report(self, issues: list[Issue]) -> None:
        for issue in issues:
            (self.error if issue.blocking else self.warn)(issue.column, issue.message)

    def text(self, column: str, *, required: bool = False, max_length: int = 255) -> str:
        value = cells.text(self.values.get(column))
        if required and not value:
            self.error(column, "Không được để trống.")
        elif len(value) > max_length:
            self.error(column, f"Dài quá {max_length} ký tự.")
        return value

    def parse(self, column: str, parser: Any, *args: Any, required: bool = False, **kwargs: Any) -> Any:
        raw = self.values.get(column)
        if required and cells.text(raw) == "":
            self.error(column, "Không được để trống.")
            return None
        try:
            return parser(raw, *args, **kwargs)
        except cells.CellError as exc:
            self.error(column, str(exc))
            return None


def require_columns(validation: Validation, sheet: Sheet, required: tuple[str, ...]) -> bool:
    missing = [c for c in required if c not in sheet.columns]
    if missing:
        names = ", ".join(f"{key} ({label})" if (label := column_label(sheet.name, key)) else key for key in missing)
        message = "Thiếu cột bắt buộc trong dòng tiêu đề (xem trang Hướng dẫn của mẫu nhập liệu)."
        validation.errors.append(Problem(sheet.label, sheet.header_row, ", ".join(missing), message, names))
    return not missing


def validate_organisation(v: Validation, sheet: Sheet, number: int, values: dict[str, Cell]) -> None:
    r = RowReader(v, sheet, number, values)
    code = r.text("code", required=True, max_length=40)
    name = r.text("name", required=True)
    kind = r.parse("kind", cells.choice, Kind.choices, "Loại hình", KIND_ALIASES, required=True)
    sector = r.parse("sector", cells.choice, Sector.choices, "Lĩnh vực", required=True)
    established = r.parse("established", cells.date, required=True)
    dissolved = r.parse("dissolved", cells.date)
    if established:
        r.report(establishment_issues(established, dissolved))
    if code in v.orgs:
        r.error("code", f"Mã “{code}” xuất hiện hai lần trong gói dữ liệu.")
    location = _locate(r, v.gazetteer, established or dt.date.today())
    if r.ok and location and kind and sector and established:
        v.orgs[code] = OrgRecord(code, name, kind, sector, established, dissolved, location)
    elif code:
        v.invalid_codes.add(code)


def _locate(r: RowReader, gazetteer: Gazetteer, day: dt.date) -> Location | None:
    province_text, area_text = r.text("province", required=True), r.text("area")
    if not province_text:
        return None
    try:
        province = gazetteer.province(province_text, day)
    except UnitNotFound as exc:
        r.error("province", str(exc))
        return None
    try:
        area = gazetteer.area(area_text, province, day) if area_text else None
    except UnitNotFound as exc:
        r.error("area", str(exc))
        return None
    return gazetteer.locate(province, area)


def validate_status(v: Validation, sheet: Sheet, number: int, values: dict[str, Cell]) -> None:
    r = RowReader(v, sheet, number, values)
    code = r.text("code", required=True)
    day = r.parse("date", cells.date, required=True)
    status = r.parse("status", cells.choice, Status.choices, "Trạng thái", required=True)
    note = r.text("note", max_length=2000)
    known = v.known(code) if code else None
    if code and known is None:
        r.error("code", unknown_code(v, code))
    elif known and day:
        r.report(status_date_issues(day, known.established))
    if r.ok and day and status:
        v.statuses[(code, day, status)] = note
        v.history[code].append((day, status))


def validate_annual(v: Validation, sheet: Sheet, number: int, values: dict[str, Cell]) -> None:
    r = RowReader(v, sheet, number, values)
    code = r.text("code", required=True)
    year = r.parse("year", cells.integer, required=True)
    known = v.known(code) if code else None
    if code and known is None:
        r.error("code", unknown_code(v, code))
    if year is not None and (out_of_range := year_range_issues(year)):
        r.report(out_of_range)
    elif known and year is not None:
        r.report(lifespan_issues(year, known.established, known.dissolved))
    if (code, year) in v.annual:
        r.error("year", f"Số liệu năm {year} của “{code}” xuất hiện hai lần.")
    figures: dict[str, Any] = {
        name: r.parse(name, cells.integer, allow_negative=name in SIGNED_FIELDS)
        for name in NUMBER_FIELDS
        if name in sheet.columns
    }
    # A column absent from the sheet leaves the stored value alone, so only present ones are read.
    if "rating" in sheet.columns:
        rating = values.get("rating")
        figures["rating"] = (
            r.parse("rating", cells.choice, Rating.choices, "Xếp loại", RATING_ALIASES) if (cells.text(rating)) else ""
        )
    if "source" in sheet.columns:
        figures["source"] = r.text("source", max_length=200)
    if "as_of" in sheet.columns:
        figures["as_of"] = r.parse("as_of", cells.date)
    if r.ok:
        r.report(consistency_issues(figures))
    if r.ok and known and year is not None:
        r.report(rule_issues(v.rules, known.kind, f"{code} năm {year}", year, figures))
    if r.ok and year is not None:
        v.annual[(code, year)] = figures
        v.annual_rows[(code, year)] = (sheet.label, number)


def establishment_issues(established: dt.date, dissolved: dt.date | None) -> list[Issue]:
    issues = []
    if dissolved and dissolved < established:
        issues.append(Issue("dissolved", "Ngày chấm dứt hoạt động trước ngày thành lập."))
    if established > dt.date.today():
        issues.append(Issue("established", "Ngày thành lập ở tương lai."))
    return issues


def status_date_issues(day: dt.date, established: dt.date) -> list[Issue]:
    if day < established:
        return [Issue("date", f"Ngày {day:%d/%m/%Y} trước ngày thành lập {established:%d/%m/%Y}.")]
    return []


def year_range_issues(year: int) -> list[Issue]:
    if not 1990 <= year <= dt.date.today().year:
        return [Issue("year", f"Năm {year} nằm ngoài khoảng 1990–{dt.date.today().year}.")]
    return []


def lifespan_issues(year: int, established: dt.date, dissolved: dt.date | None) -> list[Issue]:
    """Figures can only describe a year in which the organisation existed."""
    issues = []
    if year < established.year:
        issues.append(Issue("year", f"Năm {year} trước năm thành lập ({established:%d/%m/%Y})."))
    if dissolved and year > dissolved.year:
        issues.append(Issue("year", f"Năm {year} sau khi tổ chức đã chấm dứt hoạt động ({dissolved:%d/%m/%Y})."))
    return issues


# (part, whole, message) — a part can never exceed its whole. A whole may add up several figures:
# workers who are members can be official or (Law 17/2023) associate members.
CONSISTENCY: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("worker_members", ("workers",), "Số lao động là thành viên lớn hơn tổng số lao động thường xuyên."),
    ("worker_members", ("members", "associate_members"), "Số lao động là thành viên lớn hơn số thành viên."),
    ("managers_trained", ("managers",), "Số cán bộ đã qua đào tạo lớn hơn số cán bộ chủ chốt."),
    ("max_member_capital", ("charter_capital",), "Vốn góp của một thành viên lớn hơn vốn điều lệ."),
    ("foreign_capital", ("charter_capital",), "Vốn góp nước ngoài lớn hơn vốn điều lệ."),
)


def consistency_issues(figures: dict[str, Any]) -> list[Issue]:
    """Contradictions between the figures of one year (errors) and an income that looks mistyped (warning)."""
    issues = []
    for part, wholes, message in CONSISTENCY:
        if figures.get(part) is None or figures.get(wholes[0]) is None:
            continue
        whole = sum(figures.get(name) or 0 for name in wholes)
        if figures[part] > whole:
            issues.append(Issue(part, f"{message} ({vn_number(figures[part])} > {vn_number(whole)})"))
    income = figures.get("avg_income")
    if income is not None and 0 < income < 100_000:
        message = f"Thu nhập bình quân {income} đồng/người/năm quá thấp: có thể đã nhập theo triệu đồng?"
        issues.append(Issue("avg_income", message, blocking=False))
    return issues


# The figure a legal rule's finding is placed on; the capital-share rules not listed are about foreign capital.
RULE_COLUMNS = {"min-members": "members", "max-member-capital-share": "max_member_capital"}


def rule_issues(rules: RuleBook, kind: str, record: str, year: int, figures: dict[str, Any]) -> list[Issue]:
    """The legal rules in force on the figures' date (as_of, else 31/12): blocking or warnings as each rule says."""
    day = figures.get("as_of") or dt.date(year, 12, 31)
    issues = []
    for finding in rules.check_figures(kind, figures, day, record):
        rule = next(x for x in rules.rules if x.code == finding.rule)
        column = RULE_COLUMNS.get(rule.measure, "foreign_capital")
        issues.append(Issue(column, finding.message, finding.blocking))
    return issues


def validate_link(v: Validation, sheet: Sheet, number: int, values: dict[str, Cell]) -> None:
    r = RowReader(v, sheet, number, values)
    union_code, member_code = r.text("union_code", required=True), r.text("member_code", required=True)
    joined, left = r.parse("joined", cells.date, required=True), r.parse("left", cells.date)
    union, member = v.known(union_code), v.known(member_code)
    # Both laws define a union as founded by cooperatives (Law 2012 Art. 3(2); Law 2023 Art. 4(8)).
    if union_code and (union is None or union.kind != Kind.LHHTX):
        r.error(
            "union_code",
            f"“{union_code}” không phải là một liên hiệp HTX đã có trong gói dữ liệu hoặc hệ thống.",
        )
    if member_code and (member is None or member.kind not in UNION_MEMBER_KINDS):
        r.error(
            "member_code",
            f"“{member_code}” không phải là một HTX đã có: thành viên của liên hiệp phải là HTX.",
        )
    if joined and left and left < joined:
        r.error("left", "Ngày ra khỏi liên hiệp trước ngày gia nhập.")
    for who, known, column in ((union_code, union, "union_code"), (member_code, member, "member_code")):
        if joined and known and joined < known.established:
            r.error("joined", f"Ngày gia nhập trước ngày thành lập của “{who}” ({known.established:%d/%m/%Y}).")
        if joined and known and known.dissolved and joined >= known.dissolved:
            r.error(column, f"“{who}” đã chấm dứt hoạt động từ {known.dissolved:%d/%m/%Y}.")
    if r.ok and joined:
        v.links[(union_code, member_code, joined)] = left
