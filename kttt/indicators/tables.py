"""Dashboard tables: figures by area and by sector, sortable by any column, with cells already written the
Vietnamese way (formatting here rather than in the template keeps a 65-commune table fast)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kttt.annual.timeliness import Timeliness
from kttt.areas.models import short_name
from kttt.indicators.figures import Figures
from kttt.registry.models import Kind
from kttt.text import fold
from kttt.web.templatetags.kttt import num, signed, vnd_in

EMPTY = Figures()


@dataclass(frozen=True)
class Column:
    key: str
    label: str | Promise
    value: Callable[[Mapping[str, Figures]], int | float | None]
    money: bool = False  # written in tỷ đồng


def count_text(value: int | float | None, digits: int = 0) -> str:
    """The num filter, with a fast path for whole numbers that gives the same text (1.810; -237): a page can
    hold a thousand numbers and Babel takes some 10 µs for each."""
    if isinstance(value, int) and not digits:
        return f"{value:,}".replace(",", ".")
    return num(value, digits)


def signed_text(value: int | None) -> str:
    """The signed filter, with the fast path of count_text: +4.377, −237, 0."""
    if value is None:
        return signed(None)
    text = count_text(abs(value))
    return f"+{text}" if value > 0 else (f"−{text}" if value < 0 else text)


def kinds() -> list[str]:
    """The kinds a dashboard counts apart: people's credit funds are HTX unless configured otherwise."""
    funds = [] if settings.KTTT_COUNT_QTDND_AS_HTX else [Kind.QTDND.value]
    return [Kind.THT.value, Kind.HTX.value, *funds, Kind.LHHTX.value]


def _count(kind: str) -> Callable[[Mapping[str, Figures]], int]:
    return lambda by_kind: by_kind.get(kind, EMPTY).active


def _htx(name: str) -> Callable[[Mapping[str, Figures]], int | float | None]:
    return lambda by_kind: by_kind.get(Kind.HTX, EMPTY).value(name)


def columns() -> list[Column]:
    result = [
        Column("tht", _("Cooperative groups"), _count(Kind.THT)),
        Column("htx", _("Cooperatives"), _count(Kind.HTX)),
    ]
    if not settings.KTTT_COUNT_QTDND_AS_HTX:
        result.append(Column("qtdnd", _("People's credit funds"), _count(Kind.QTDND)))
    return [
        *result,
        Column("lhhtx", _("Unions of cooperatives"), _count(Kind.LHHTX)),
        Column("members", _("Cooperative members"), _htx("members")),
        Column("workers", _("Cooperative workers"), _htx("workers")),
        Column("capital", _("Charter capital (billion VND)"), _htx("charter_capital"), money=True),
        Column("revenue", _("Revenue (billion VND)"), _htx("revenue"), money=True),
        Column("missing", _("Cooperatives not reported"), _htx("missing")),
    ]


def sort_keys() -> set[str]:
    return {"name", *(c.key for c in columns())}


@dataclass
class Header:
    key: str
    label: str | Promise
    numeric: bool
    url: str
    aria_sort: str = ""  # "ascending" / "descending" on the column the table is sorted by


@dataclass
class TableRow:
    key: str
    label: str
    cells: list[str]
    values: dict[str, int | float | None] = field(default_factory=dict)


@dataclass
class Table:
    headers: list[Header]
    rows: list[TableRow]
    total: TableRow | None = None


def build_table(
    groups: Mapping[str, Mapping[str, Figures]],
    labels: Mapping[str, str],
    total: Mapping[str, Figures] | None,
    sort: str,
    link: Callable[[str], str],
    name_label: str | Promise,
) -> Table:
    """One row per group (key → figures by kind), ordered by `sort` ("capital", "-htx"…); `link(sort)` gives
    the address of the table ordered another way."""
    cols = columns()
    rows = [_row(key, labels.get(key, str(_("Area not known"))), by_kind, cols) for key, by_kind in groups.items()]
    _sort_rows(rows, sort or "name")
    headers = [_header("name", name_label, False, sort, link)]
    headers += [_header(c.key, c.label, True, sort, link) for c in cols]
    return Table(headers, rows, _row("", str(_("Total")), total, cols) if total is not None else None)


def _row(key: str, label: str, by_kind: Mapping[str, Figures], cols: list[Column]) -> TableRow:
    values = {c.key: c.value(by_kind) for c in cols}
    cells = [vnd_in(values[c.key], "tỷ") if c.money else count_text(values[c.key]) for c in cols]
    return TableRow(key, label, cells, values)


def _sort_rows(rows: list[TableRow], sort: str) -> None:
    key, descending = sort.removeprefix("-"), sort.startswith("-")
    rows.sort(key=lambda r: _name_key(r.label), reverse=descending and key == "name")
    if key == "name":
        return
    known = [r for r in rows if r.values.get(key) is not None]
    unknown = [r for r in rows if r.values.get(key) is None]
    known.sort(key=lambda r: r.values[key] or 0, reverse=descending)
    rows[:] = known + unknown  # unknown figures last whichever way the column is sorted


def _name_key(label: str) -> str:
    """Areas are looked up by name, not by type: "Xã Ba Sơn" before "Phường Đông Kinh"."""
    return fold(short_name(label))


def _header(key: str, label: str | Promise, numeric: bool, sort: str, link: Callable[[str], str]) -> Header:
    current, descending = (sort or "name").removeprefix("-"), (sort or "name").startswith("-")
    if current == key:
        aria = "descending" if descending else "ascending"
        following = key if descending else f"-{key}"
    else:
        aria = ""
        # Numbers are most often read largest first; names from A.
        following = f"-{key}" if numeric else key
    return Header(key, label, numeric, link(following), aria)


@dataclass
class Growth:
    label: str
    htx_then: int
    htx_now: int
    members_then: int | None
    members_now: int | None

    @property
    def htx_change(self) -> int:
        return self.htx_now - self.htx_then

    @property
    def members_change(self) -> int | None:
        if self.members_now is None or self.members_then is None:
            return None
        return self.members_now - self.members_then

    @property
    def cells(self) -> list[str]:
        """HTX then and now, the change, the change in members: written for the ranking table."""
        return [
            count_text(self.htx_then),
            count_text(self.htx_now),
            signed_text(self.htx_change),
            signed_text(self.members_change),
        ]


def growth(
    now: Mapping[str, Mapping[str, Figures]], then: Mapping[str, Mapping[str, Figures]], labels: Mapping[str, str]
) -> list[Growth]:
    """Areas ranked by the change in the number of HTX, then in HTX members, largest first."""
    rows = []
    for key in set(now) | set(then):
        a, b = now.get(key, {}).get(Kind.HTX, EMPTY), then.get(key, {}).get(Kind.HTX, EMPTY)
        rows.append(Growth(labels.get(key, str(_("Area not known"))), b.active, a.active, b.members, a.members))
    rows.sort(key=lambda g: _name_key(g.label))
    rows.sort(key=lambda g: (g.htx_change, g.members_change or 0), reverse=True)
    return rows


@dataclass
class Completeness(Timeliness):
    kind: str
    label: str
    active: int
    reporting: int
    list_url: str = ""  # the registry list of those that have not reported (officers only)

    @property
    def missing(self) -> int:
        return self.active - self.reporting

    @property
    def short(self) -> str:
        """The abbreviation officials write: THT, HTX, LH HTX."""
        return "LH HTX" if self.kind == Kind.LHHTX else self.kind

    @property
    def cell(self) -> str:
        """ "3 / 12": not reported of active, for the table of areas."""
        return f"{count_text(self.missing)} / {count_text(self.active)}" if self.active else count_text(self.missing)

    @property
    def percent(self) -> int:
        """The share that reported, for the progress bar (0 when nothing is active)."""
        return round(100 * self.reporting / self.active) if self.active else 0


def completeness(groups: Mapping[str, Mapping[str, Figures]]) -> list[Completeness]:
    """Per kind, how many active organisations have (and have not) reported for the year."""
    result = []
    for kind in kinds():
        active = sum(by_kind.get(kind, EMPTY).active for by_kind in groups.values())
        reporting = sum(by_kind.get(kind, EMPTY).reporting for by_kind in groups.values())
        result.append(Completeness(kind, Kind(kind).label, active, reporting))
    return result


@dataclass
class MissingRow:
    label: str
    by_kind: list[Completeness]

    @property
    def missing(self) -> int:
        return sum(c.missing for c in self.by_kind)


def missing_by_area(groups: Mapping[str, Mapping[str, Figures]], labels: Mapping[str, str]) -> list[MissingRow]:
    """The areas with organisations that have not reported, most missing first."""
    rows = [
        MissingRow(labels.get(key, str(_("Area not known"))), completeness({key: by_kind}))
        for key, by_kind in groups.items()
    ]
    rows = [r for r in rows if r.missing]
    rows.sort(key=lambda r: _name_key(r.label))
    rows.sort(key=lambda r: r.missing, reverse=True)
    return rows
