"""Turn raw cells into typed values. Each parser raises CellError with a Vietnamese message."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from functools import lru_cache

from kttt.exchange.errors import Cell
from kttt.text import fold, nfc


class CellError(ValueError):
    pass


_GROUPED = re.compile(r"^-?\d{1,3}([.,\s])\d{3}(\1\d{3})*$")
# Vietnamese notation: dots (or spaces) group the thousands, a comma starts the decimals: 1.810,5.
_DECIMAL_VI = re.compile(r"^-?(\d{1,3}([.\s]\d{3})+|\d+)(,\d+)?$")
# English notation: commas (or spaces) group the thousands, a point starts the decimals: 1,810.5.
_DECIMAL_EN = re.compile(r"^-?(\d{1,3}([,\s]\d{3})+|\d+)\.\d+$")
# One separator followed by exactly three digits: thousands (1810) in one notation, decimals (1,81) in the other.
_AMBIGUOUS = re.compile(r"^(-?[1-9]\d{0,2})[.,](\d{3})$")
_EXCEL_SERIAL = re.compile(r"^\d{5}$")  # a date cell saved as its number of days since 1900 (1927–2173)
_WHOLE = re.compile(r"-?\d+")
_SEPARATORS = re.compile(r"[.,\s]")


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
        if _WHOLE.fullmatch(raw):
            value = int(raw)
        elif _GROUPED.match(raw):
            value = int(_SEPARATORS.sub("", raw))
        else:
            raise CellError(f"“{cell}” không phải là số nguyên (ví dụ đúng: 1810 hoặc 1.810).")
    if value < 0 and not allow_negative:
        raise CellError(f"“{cell}” không được âm.")
    return value


def decimal(cell: Cell, *, allow_negative: bool = False) -> Decimal | None:
    """A number that may have decimals, written the Vietnamese way ("1.810,5", "1810,5") or the English way
    ("1,810.5"); blank is None. "1.810" and "1,810" read both ways, so they are refused with a question."""
    if cell is None or (isinstance(cell, str) and not cell.strip()):
        return None
    if isinstance(cell, (bool, dt.date)):
        raise CellError(f"“{cell}” không phải là số.")
    value = Decimal(str(cell)) if isinstance(cell, (int, float)) else _decimal_text(cell)
    if value < 0 and not allow_negative:
        raise CellError(f"“{cell}” không được âm.")
    return value


def _decimal_text(cell: str) -> Decimal:
    """Vietnamese "1.810,5" or English "1,810.5"; a text that reads both ways ("1.810", "1,810") is refused."""
    raw = cell.strip().replace("\u00a0", " ")
    if ambiguous := _AMBIGUOUS.match(raw):
        whole, fraction = ambiguous[1] + ambiguous[2], f"{ambiguous[1]},{ambiguous[2].rstrip('0') or '0'}"
        raise CellError(
            f"“{cell}” không rõ là {whole} (dấu phân cách hàng nghìn) hay {fraction} (dấu thập phân): "
            f"hãy viết {whole} hoặc {fraction}."
        )
    if _DECIMAL_VI.match(raw):
        return Decimal(re.sub(r"[.\s]", "", raw).replace(",", "."))
    if _DECIMAL_EN.match(raw):
        return Decimal(re.sub(r"[,\s]", "", raw))
    raise CellError(f"“{cell}” không phải là số (ví dụ đúng: 1810,5 hoặc 1.810,5).")


def _excel_serial(cell: int | float | str) -> dt.date:
    """A date Excel shows as a number (the cell lost its date format): days since 30/12/1899."""
    days = float(cell)
    if not 1 <= days < 2_958_466:
        raise CellError(f"“{cell}” không phải là ngày hợp lệ (dùng dạng dd/mm/yyyy hoặc yyyy-mm-dd).")
    return (dt.datetime(1899, 12, 30) + dt.timedelta(days=days)).date()


def date(cell: Cell) -> dt.date | None:
    """A date from an Excel date (or its serial number), "dd/mm/yyyy" or "yyyy-mm-dd"; blank is None."""
    if cell is None or (isinstance(cell, str) and not cell.strip()):
        return None
    if isinstance(cell, dt.datetime):
        return cell.date()
    if isinstance(cell, dt.date):
        return cell
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        return _excel_serial(cell)
    raw = str(cell).strip()
    if _EXCEL_SERIAL.match(raw):
        return _excel_serial(raw)
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d %H:%M:%S"):
        try:
            return dt.datetime.strptime(raw, pattern).date()
        except ValueError:
            continue
    raise CellError(f"“{raw}” không phải là ngày hợp lệ (dùng dạng dd/mm/yyyy hoặc yyyy-mm-dd).")


def choice(cell: Cell, choices: list[tuple[str, str]], what: str, aliases: dict[str, str] | None = None) -> str:
    """A value of a TextChoices, given as its code or its Vietnamese label, with or without diacritics."""
    raw = text(cell)
    key = fold(raw)
    if (value := _folded(tuple(choices)).get(key)) is not None:
        return value
    if aliases and key in aliases:
        return aliases[key]
    allowed = ", ".join(f"{label} ({value})" for value, label in choices)
    raise CellError(f"{what} “{raw}” không hợp lệ. Giá trị cho phép: {allowed}.")


@lru_cache(maxsize=32)
def _folded(choices: tuple[tuple[str, str], ...]) -> dict[str, str]:
    """Each choice's code and label, folded, → the code; the first choice wins, as in the order given.
    Folded once per set of choices rather than for every cell of a 100,000-row import."""
    folded: dict[str, str] = {}
    for value, label in choices:
        folded.setdefault(fold(value), value)
        folded.setdefault(fold(label), value)
    return folded
