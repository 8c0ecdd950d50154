"""Recognise sheets, files and header cells however they are written: the English key or the Vietnamese
label, with or without diacritics, in any case, with any punctuation; and find the header row under title
rows."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from kttt.exchange.columns import COLUMNS, SHEET_LABELS, Column
from kttt.text import fold

HEADER_SEARCH_ROWS = 20  # the header row is looked for among the first rows of a sheet
COUNT_PREFIXES = ("tong so ", "so ")
_PARENTHESES = re.compile(r"\([^)]*\)")
_NOT_WORD = re.compile(r"[^0-9a-z]+")


def normalise(text: object) -> str:
    """ "Mã tổ chức", "MA TO CHUC", "ma_to_chuc", " Mã  tổ chức: " → "ma to chuc"."""
    folded = fold(str(text).replace("\ufeff", ""))
    return " ".join(_NOT_WORD.sub(" ", folded).split())


def _forms(text: str) -> set[str]:
    """A header and the same header without its parenthesised note: "Vốn điều lệ (đồng)" → also "Vốn điều lệ";
    and without a leading "Số" or "Tổng số", as officers often write: "Số thành viên" → also "thành viên"."""
    forms = {form for form in (normalise(text), normalise(_PARENTHESES.sub(" ", text))) if form}
    return forms | {form.removeprefix(prefix) for form in forms for prefix in COUNT_PREFIXES if form.startswith(prefix)}


def sheet_name(title: str) -> str | None:
    """The data-package sheet a worksheet title or a CSV file name stands for, if any."""
    wanted = _forms(title)
    for name, label in SHEET_LABELS.items():
        if wanted & (_forms(name) | _forms(label)):
            return name
    return None


def _column_forms(column: Column) -> set[str]:
    """The key, the label, and the label's first part: "Tỉnh, thành phố" is also "Tỉnh"."""
    return _forms(column.key) | _forms(column.label) | _forms(column.label.split(",")[0])


def match_column(sheet: str, header: object) -> str | None:
    """The key of the column of `sheet` a header cell names, if any."""
    if header is None or not str(header).strip():
        return None
    wanted = _forms(str(header))
    return next((c.key for c in COLUMNS[sheet] if wanted & _column_forms(c)), None)


def _is_header(sheet: str, values: Sequence[object]) -> bool:
    keys = {match_column(sheet, v) for v in values} - {None}
    required = {c.key for c in COLUMNS[sheet] if c.required}
    return len(keys) >= 2 and bool(keys & required)


def _is_continuation(sheet: str, values: Sequence[object]) -> bool:
    """A row right under the header whose every filled cell is a header too: the English keys a template
    writes under the Vietnamese labels, or the lower half of a two-row header with merged cells."""
    filled = [v for v in values if v is not None and str(v).strip()]
    return bool(filled) and all(match_column(sheet, v) for v in filled)


@dataclass
class Header:
    """Where the header is (index into the rows searched), how many rows it takes, and each position's key."""

    index: int
    height: int
    keys: list[str | None]
    headers: list[str] = field(default_factory=list)  # the header text as written, per position


def find_header(sheet: str, rows: Sequence[Sequence[object]]) -> Header:
    """The first row among the first HEADER_SEARCH_ROWS that names enough columns (the first row if none
    does, so that the missing columns are reported), with a continuation row under it merged in."""
    searched = rows[:HEADER_SEARCH_ROWS]
    index = next((i for i, values in enumerate(searched) if _is_header(sheet, values)), 0)
    top = list(rows[index]) if rows else []
    height = 1
    below = list(rows[index + 1]) if index + 1 < len(rows) else []
    if below and _is_continuation(sheet, below):
        height = 2
        top += [None] * (len(below) - len(top))
    keys: list[str | None] = []
    headers: list[str] = []
    for position, value in enumerate(top):
        key = match_column(sheet, value)
        text = "" if value is None else str(value).strip()
        if key is None and height == 2 and position < len(below) and match_column(sheet, below[position]):
            key = match_column(sheet, below[position])
            text = str(below[position]).strip()
        keys.append(key)
        headers.append(text)
    return Header(index, height, keys, headers)
