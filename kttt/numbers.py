"""Numbers written the Vietnamese way: 1.810; 3,5; 274 tỷ đồng."""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Context, Decimal

from babel.numbers import format_decimal

# Python writes 1,234.5; Vietnamese writes 1.234,5.
_VIETNAMESE = str.maketrans({",": ".", ".": ","})
# Enough digits for any float (up to 309 before the point) and for the integers the registry holds.
_EXACT = Context(prec=1000, rounding=ROUND_HALF_EVEN)


def number(value: int | float | None, digits: int = 0, missing: str = "chưa có số liệu") -> str:
    """`value` with `digits` decimals, rounded half to even on its shortest decimal form, as Babel's
    format_decimal writes it for the "vi" locale (tests/test_numbers.py holds the two together). Done here
    because a dashboard or report writes thousands of numbers and Babel parses its pattern and locale on
    every call."""
    if value is None:
        return missing
    exact = Decimal(value) if isinstance(value, int) else Decimal(repr(float(value)))
    if not exact.is_finite():
        return str(format_decimal(value, format="#,##0" + ("." + "0" * digits if digits else ""), locale="vi"))
    rounded = exact.quantize(Decimal(1).scaleb(-digits), context=_EXACT)
    return f"{rounded:,.{digits}f}".translate(_VIETNAMESE)


def millions(value: int | float | None, digits: int = 0) -> str:
    """VND shown in millions (triệu đồng)."""
    return number(None if value is None else value / 1_000_000, digits)


def billions(value: int | float | None, digits: int = 1) -> str:
    """VND shown in billions (tỷ đồng)."""
    return number(None if value is None else value / 1_000_000_000, digits)
