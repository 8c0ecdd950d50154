"""Filters that write numbers, money and changes the Vietnamese way: 1.810; 274 tỷ đồng; +4.377; 35,1%."""

from __future__ import annotations

from django import template

from kttt.numbers import number
from kttt.reports.phrasing import money

register = template.Library()

DASH = "–"  # shown for a figure nobody reported; pages explain it as "chưa có số liệu"


@register.filter
def num(value: int | float | None, digits: int = 0) -> str:
    """1810 → 1.810; 3.5 with digits=1 → 3,5."""
    return DASH if value is None else number(value, digits)


@register.filter
def vnd(value: int | float | None) -> str:
    """Money in the unit a reader expects: 274 tỷ đồng, 900 triệu đồng, 50.000 đồng."""
    return DASH if value is None else money(value).text


@register.filter
def vnd_in(value: int | float | None, unit: str) -> str:
    """Money in a fixed unit for tables: {{ x|vnd_in:"triệu" }} → 900; {{ x|vnd_in:"tỷ" }} → 274,0."""
    if value is None:
        return DASH
    if unit == "tỷ":
        return number(value / 1e9, 1)
    if unit == "triệu":
        return number(value / 1e6, 0)
    return number(value)


@register.filter
def signed(value: int | float | None, digits: int = 0) -> str:
    """A difference with its sign: +4.377, −237, 0."""
    if value is None:
        return DASH
    text = number(abs(value), digits)
    return f"+{text}" if value > 0 else (f"−{text}" if value < 0 else text)


@register.filter
def percent(value: float | None, digits: int = 1) -> str:
    """A share or ratio as a percentage: 0.351 → 35,1%."""
    return DASH if value is None else f"{number(value * 100, digits)}%"


@register.filter
def times(value: float | None) -> str:
    """A ratio as a multiple: 3.0 → ×3,00."""
    return DASH if value is None else f"×{number(value, 2)}"


@register.filter
def trend(value: int | float | None) -> str:
    """A CSS class for the sign of a change: up, down or flat."""
    if value is None or value == 0:
        return "flat"
    return "up" if value > 0 else "down"
