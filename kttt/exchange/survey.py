"""A quick look at the worksheets of an .xlsx (regular expressions over the XML, no tree built) to choose how
to read their values.

calamine (Rust) reads values about ten times faster than openpyxl but holds each worksheet as a full grid
from A1 to its last cell, and aborts the whole process when that grid cannot be allocated: a two-cell file
naming A1 and XFD1048576 would take a web worker down. It also reads an error value (#N/A) as an empty cell,
and keeps no formulas. So calamine is used only when the survey shows every worksheet small enough, without
formulas and without error values; openpyxl streams the others.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

# A worksheet grid calamine may hold: 100,000 rows × 50 columns. A larger sheet is streamed by openpyxl.
MAX_GRID_CELLS = 5_000_000
WORKSHEET_TYPE = "/relationships/worksheet"
_NAME = rb"<(?:[^\s<>/!?:]+:)?"  # an element, with or without a namespace prefix
# A formula, an error value, or a cell whose first attribute is not its reference (readers then place it
# after the previous one, which the extent below would not see): any of these is read by openpyxl. The
# patterns may also match elsewhere; that only sends a workbook to the slower reader.
_NOT_PLAIN = (
    re.compile(_NAME + rb"f[\s>/]"),
    re.compile(rb"""t\s*=\s*["']e["']"""),
    re.compile(_NAME + rb"c(?:[>/]|\s+(?!r\s*=))"),
)
# Separate searches starting with a literal are several times faster than one alternation.
_REFERENCE = rb"""r\s*=\s*["']\s*"""
_LONG_ROWS = re.compile(_REFERENCE + rb"[A-Za-z]*([0-9]{6,})")  # row 100000 and beyond
_LONG_COLUMNS = re.compile(_REFERENCE + rb"([A-Za-z]{2,})[0-9]")  # column AA and beyond


@dataclass
class Survey:
    plain: bool = True  # values only, in grids of a safe size: what calamine reads exactly as openpyxl would


def survey(path: Path) -> Survey:
    try:
        with zipfile.ZipFile(path) as archive:
            return Survey(all(_plain(archive.read(name)) for name in _worksheet_parts(archive)))
    except (KeyError, OSError, zipfile.BadZipFile, ElementTree.ParseError):
        return Survey(False)  # openpyxl will read it, or say why it cannot


def _worksheet_parts(archive: zipfile.ZipFile) -> set[str]:
    """The worksheet parts the workbook names, and any file in xl/worksheets/ (a reader may find those
    by another route). A named part missing from the archive raises KeyError."""
    names = set(archive.namelist())
    parts = {n for n in names if n.startswith("xl/worksheets/") and n.endswith(".xml")}
    relations = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    for relation in relations:
        if not relation.get("Type", "").endswith(WORKSHEET_TYPE):
            continue
        target = relation.get("Target", "")
        name = target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
        if name not in names:
            raise KeyError(name)
        parts.add(name)
    return parts


def _plain(xml: bytes) -> bool:
    """No formula, no error value, every cell with its reference, and a grid from A1 of at most
    MAX_GRID_CELLS. Rows below 100000 and columns before AA need no counting."""
    if any(pattern.search(xml) for pattern in _NOT_PLAIN):
        return False
    rows = max((int(digits) for digits in _LONG_ROWS.findall(xml)), default=99_999)
    columns = max((_column(letters) for letters in set(_LONG_COLUMNS.findall(xml))), default=26)
    return rows * columns <= MAX_GRID_CELLS


def _column(letters: bytes) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + letter - ord("A") + 1
    return number
