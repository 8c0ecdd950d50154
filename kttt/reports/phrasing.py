"""How official Vietnamese reports write figures and changes.

- numbers: 1.810; 3,5 (Babel, locale vi);
- money in the unit a reader expects (tỷ đồng, triệu đồng, đồng) at a sensible precision, with "khoảng"
  in front when the printed value is rounded and never when it is exact;
- a change by its size and sign: "tăng 128 HTX", "giảm 237 thành viên", "tăng gấp 3 lần", "tăng 35,2%",
  "bằng 85,7%", "không đổi";
- a missing figure is "chưa có số liệu", never zero.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from kttt.numbers import number

MISSING = "chưa có số liệu"
UNITS = ((Decimal(10**9), "tỷ đồng"), (Decimal(10**6), "triệu đồng"), (Decimal(1), "đồng"))


@dataclass(frozen=True)
class Amount:
    """A value as printed, and whether printing it rounded the true value."""

    text: str
    exact: bool

    def __str__(self) -> str:
        return self.text if self.exact else f"khoảng {self.text}"


def _rounded(value: Decimal, digits: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)


def _digits_for(value: Decimal) -> int:
    """Three significant figures at most, and no decimals from 100 up: 274; 32,2; 7,45."""
    size = abs(value)
    return 0 if size >= 100 else (1 if size >= 10 else 2)


def _decimals(value: Decimal) -> int:
    """How many decimals it takes to write `value` without trailing zeros: 6,80 → 1."""
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def quantity(value: float | int, digits: int = 2) -> Amount:
    """A plain number rounded to at most `digits` decimals, trailing zeros dropped: 3,5; 1.810."""
    exact_value = Decimal(str(value))
    shown = _rounded(exact_value, digits)
    return Amount(number(float(shown), _decimals(shown)), shown == exact_value)


def money(value: float | int, unit: str | None = None) -> Amount:
    """VND in tỷ đồng from a billion, triệu đồng from a million, else đồng: 274 tỷ đồng; 900 triệu đồng."""
    exact_value = Decimal(str(value))
    divisor, name = next(((d, n) for d, n in UNITS if (unit is None and abs(exact_value) >= d) or n == unit), UNITS[-1])
    scaled = exact_value / divisor
    shown = _rounded(scaled, _digits_for(scaled))
    return Amount(f"{number(float(shown), _decimals(shown))} {name}", shown * divisor == exact_value)


def count_change(difference: int | None, noun: str = "") -> str:
    """A change in a count: "tăng 128 HTX", "giảm 237 thành viên", "không đổi"."""
    if difference is None:
        return MISSING
    if difference == 0:
        return "không đổi"
    verb = "tăng" if difference > 0 else "giảm"
    return f"{verb} {number(abs(difference))}" + (f" {noun}" if noun else "")


def ratio_change(now: float | None, then: float | None) -> str:
    """A change by ratio: "tăng gấp 3 lần" (≥ 2), "tăng 35,2%", "bằng 85,7%", "không đổi"."""
    if now is None or then is None:
        return MISSING
    if then == 0:
        return "không có số liệu kỳ gốc để so sánh" if now else "không đổi"
    ratio = Decimal(str(now)) / Decimal(str(then))
    if ratio == 1:
        return "không đổi"
    if ratio >= 2:
        times = quantity(float(ratio), 1)
        return f"tăng gấp {times} lần"
    # Percentages are read as rounded to the digit shown, so they never take "khoảng".
    percent = quantity(float((ratio - 1) * 100 if ratio > 1 else ratio * 100), 1).text
    if ratio > 1:
        return f"tăng {percent}%"
    return f"bằng {percent}%"
