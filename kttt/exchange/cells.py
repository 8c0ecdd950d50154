"""Turn raw cells into typed values. Each parser raises CellError with a Vietnamese message."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from kttt.exchange.reader import Cell
from kttt.text import fold, nfc


class CellError(ValueError):
    pass


_GROUPED = re.compile(r"^-?\d{1,3}([.,\s])\d{3}(\1\d{3})*$")
# Vietnamese notation: dots (or spaces) group the thousands, a comma starts the decimals: 1.810,5.
_DECIMAL = re.compile(r"^-?(\d{1,3}([.\s]\d{3})+|\d+)(,\d+)?$")


def text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return nfc(str(cell))


def integer(cell: Cell, *, allow_negative: bool = False) -> int | None:
    """A whole number; blank is None (unknown). Accepts 1810, "1810", "1.810", "1,810", "1 810"."""
    if cell is None or (isinstance(cell, str) and not cell.strip()):
        return None
    if isinstance(cell, (bool, dt.date)):
        raise CellError(f"“{cell}” không phải là số.")
    if isinstance(cell, float):
        if not cell.is_integer():
            raise CellError(f"“{cell}” phải là số nguyên.")
        value = int(cell)
    elif isinstance(cell, int):
        value = cell
    else:
        raw = cell.strip().replace("\u00a0", " ")
        if re.fullmatch(r"-?\d+", raw):
            value = int(raw)
        elif _GROUPED.match(raw):
            value = int(re.sub(r"[.,\s]", "", raw))
        else:
            raise CellError(f"“{cell}” không phải là số nguyên (ví dụ đúng: 1810 hoặc 1.810).")
    if value < 0 and not allow_negative:
        raise CellError(f"“{cell}” không được âm.")
    return value


def decimal(cell: Cell, *, allow_negative: bool = False) -> Decimal | None:
    """A number that may have decimals, written the Vietnamese way: "1.810,5", "1810,5", "1.810"; blank is None."""
    if cell is None or (isinstance(cell, str) and not cell.strip()):
        return None
    if isinstance(cell, (bool, dt.date)):
        raise CellError(f"“{cell}” không phải là số.")
    if isinstance(cell, (int, float)):
        value = Decimal(str(cell))
    else:
        raw = cell.strip().replace("\u00a0", " ")
        if not _DECIMAL.match(raw):
            raise CellError(f"“{cell}” không phải là số (ví dụ đúng: 1810,5 hoặc 1.810,5).")
        value = Decimal(re.sub(r"[.\s]", "", raw).replace(",", "."))
    if value < 0 and not allow_negative:
        raise CellError(f"“{cell}” không được âm.")
    return value


def date(cell: Cell) -> dt.date | None:
    """A date from an Excel date, "dd/mm/yyyy" or "yyyy-mm-dd"; blank is None."""
    if cell is None or (isinstance(cell, str) and not cell.strip()):
        return None
    if isinstance(cell, dt.datetime):
        return cell.date()
    if isinstance(cell, dt.date):
        return cell
    raw = str(cell).strip()
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(raw, pattern).date()
        except ValueError:
            continue
    raise CellError(f"“{raw}” không phải là ngày hợp lệ (dùng dạng dd/mm/yyyy hoặc yyyy-mm-dd).")


def choice(cell: Cell, choices: list[tuple[str, str]], what: str, aliases: dict[str, str] | None = None) -> str:
    """A value of a TextChoices, given as its code or its Vietnamese label, with or without diacritics."""
    raw = text(cell)
    key = fold(raw)
    for value, label in choices:
        if key in (fold(value), fold(label)):
            return value
    if aliases and key in aliases:
        return aliases[key]
    allowed = ", ".join(f"{label} ({value})" for value, label in choices)
    raise CellError(f"{what} “{raw}” không hợp lệ. Giá trị cho phép: {allowed}.")
