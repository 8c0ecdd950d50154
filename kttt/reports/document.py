"""A report as plain data: the builder fills it, each renderer (md, docx, pdf, xlsx) lays it out.

Keeping the content in one structure is what guarantees that the Word file, the PDF and the workbook
say the same thing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

# How a table cell is to be shown. Values stay numbers (Excel gets real numbers); renderers format them.
#   text     a string
#   count    a whole number: 1.810
#   money_mn VND shown in millions: 900 (triệu đồng)
#   money_bn VND shown in billions with one decimal: 274,0 (tỷ đồng)
#   ratio    a multiplier with two decimals: 3,00 (lần)
#   percent  a share 0..1 shown as 65,0%
#   change   a signed whole number: +128 / −237
#   decimal  a number with at most one decimal: 120; 68,1 (a plan table mixing counts and percents)
CellKind = Literal["text", "count", "money_mn", "money_bn", "ratio", "percent", "change", "decimal"]
Cell = str | int | float | None


@dataclass
class Column:
    label: str
    kind: CellKind = "count"
    unit: str = ""  # shown under the label, e.g. "triệu đồng"


@dataclass
class Table:
    key: str  # short identifier, also the Excel sheet name (≤ 31 characters)
    title: str
    columns: list[Column]
    rows: list[list[Cell]]
    total: list[Cell] | None = None  # an optional closing "Tổng số" row
    note: str = ""  # e.g. "Nguồn: …; 12 HTX chưa báo cáo."


@dataclass
class Series:
    name: str
    values: list[float | None]


@dataclass
class Chart:
    key: str  # file name stem
    title: str
    categories: list[str]  # x axis (years) or bar labels (areas)
    series: list[Series]
    unit: str  # y-axis label, e.g. "triệu đồng"
    style: Literal["line", "bar", "barh"] = "line"
    scale: float = 1.0  # values are divided by this before plotting (1e6 for triệu đồng)


@dataclass
class Paragraph:
    text: str
    bold: bool = False


Block = Paragraph | Table | Chart


@dataclass
class Section:
    heading: str  # "I. KẾT QUẢ …" — numbering is part of the heading text
    blocks: list[Block] = field(default_factory=list)
    subsections: list[Section] = field(default_factory=list)


@dataclass
class Letterhead:
    """The Decree 30/2020/NĐ-CP header, place-and-date line, recipients and signature block."""

    parent_body: str  # cơ quan chủ quản (may be empty), e.g. ""
    issuing_body: str  # cơ quan ban hành, e.g. "ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN"
    number: str  # "Số: …/BC-UBND"
    place: str  # "Lạng Sơn"
    date: dt.date
    recipients: list[str]  # "Nơi nhận:" lines, e.g. "- Bộ Tài chính;"
    signer_authority: str  # "TM. ỦY BAN NHÂN DÂN" / "KT. CHỦ TỊCH"
    signer_title: str  # "PHÓ CHỦ TỊCH"
    signer_name: str


@dataclass
class Report:
    letterhead: Letterhead
    kind_label: str  # "BÁO CÁO"
    title: str  # "Tình hình phát triển kinh tế tập thể năm 2018 …"
    sections: list[Section]
    variant: Literal["annual", "review", "midyear"] = "annual"
    year: int = 0
    baseline: int | None = None

    def tables(self) -> list[Table]:
        return [b for s in self.walk() for b in s.blocks if isinstance(b, Table)]

    def charts(self) -> list[Chart]:
        return [b for s in self.walk() for b in s.blocks if isinstance(b, Chart)]

    def walk(self) -> list[Section]:
        """Every section, depth first, in reading order."""
        result: list[Section] = []

        def visit(section: Section) -> None:
            result.append(section)
            for sub in section.subsections:
                visit(sub)

        for section in self.sections:
            visit(section)
        return result
