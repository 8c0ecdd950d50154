"""Dates as Vietnamese administrative documents write them (Decree 30/2020/NĐ-CP)."""

from __future__ import annotations

from datetime import date


def place_and_date(place: str, day: date) -> str:
    """The place-and-date line: "Lạng Sơn, ngày 05 tháng 02 năm 2025".

    Days below 10 and months below 3 take a leading zero; other months do not ("tháng 5").
    """
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"
