"""Format table cells the Vietnamese way; shared by the Markdown, Word and PDF renderers."""

from __future__ import annotations

from kttt.numbers import number
from kttt.reports.document import Cell, CellKind

MISSING = "–"


def format_cell(value: Cell, kind: CellKind) -> str:
    if value is None:
        return MISSING
    if isinstance(value, str):
        return value
    if kind == "money_mn":
        return number(value / 1_000_000)
    if kind == "money_bn":
        return number(value / 1_000_000_000, 1)
    if kind == "decimal":  # one decimal when there is one: 120; 65,5
        return number(value, 0 if round(value, 1) == round(value) else 1)
    if kind == "ratio":
        return number(value, 2)
    if kind == "percent":
        return number(value * 100, 1) + "%"
    if kind == "change":
        sign = "+" if value > 0 else ("−" if value < 0 else "")
        return sign + number(abs(value))
    return number(value)
