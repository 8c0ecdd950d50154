"""kttt.numbers.number writes numbers as Babel's "vi" locale does, without Babel's cost per call."""

from __future__ import annotations

from babel.numbers import format_decimal
from hypothesis import given
from hypothesis import strategies as st

from kttt.numbers import billions, millions, number


def babel(value: int | float, digits: int) -> str:
    return str(format_decimal(value, format="#,##0" + ("." + "0" * digits if digits else ""), locale="vi"))


# Babel itself fails beyond 28 significant digits (its decimal context); the registry's figures stay far below.
@given(st.floats(-1e24, 1e24) | st.sampled_from([float("nan"), float("inf"), -float("inf")]), st.integers(0, 3))
def test_floats_as_babel_writes_them(value: float, digits: int) -> None:
    assert number(value, digits) == babel(value, digits)


@given(st.integers(-(10**25), 10**25), st.integers(0, 2))
def test_integers_as_babel_writes_them(value: int, digits: int) -> None:
    assert number(value, digits) == babel(value, digits)


def test_vietnamese_separators_and_rounding() -> None:
    assert number(1810) == "1.810"
    assert number(3.5, 1) == "3,5"
    assert number(-1234.5, 1) == "-1.234,5"
    assert number(0.15, 1) == "0,2"  # half to even on the decimal 0.15, not on the binary 0.1499…
    assert number(2.25, 1) == "2,2"
    assert number(None) == "chưa có số liệu"
    assert millions(274_400_000_000) == "274.400"
    assert billions(274_400_000_000) == "274,4"


def test_beyond_babel() -> None:
    assert number(10**40) == "10" + ".000" * 13
