"""Numbers written the Vietnamese way: 1.810; 3,5; 274 tỷ đồng."""

from __future__ import annotations

from babel.numbers import format_decimal


def number(value: int | float | None, digits: int = 0, missing: str = "chưa có số liệu") -> str:
    if value is None:
        return missing
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return str(format_decimal(value, format=pattern, locale="vi"))


def millions(value: int | float | None, digits: int = 0) -> str:
    """VND shown in millions (triệu đồng)."""
    return number(None if value is None else value / 1_000_000, digits)


def billions(value: int | float | None, digits: int = 1) -> str:
    """VND shown in billions (tỷ đồng)."""
    return number(None if value is None else value / 1_000_000_000, digits)
