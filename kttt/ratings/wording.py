"""How a reported rating, in whatever wording, maps onto the four classes of TT 01/2020."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from kttt.annual.models import Rating
from kttt.text import fold

# Older schemes and reports used "giỏi" and "xuất sắc" for the top class and "kém" for the bottom one;
# TT 01/2020 calls them "tốt" and "yếu". Keys are folded (no diacritics, lower case), so "Xuất sắc",
# "XUAT SAC" and "xuất sắc" all match. "Khá, giỏi" in a target means khá + tốt.
WORDING: dict[str, Rating] = {
    "tot": Rating.GOOD,
    "gioi": Rating.GOOD,
    "xuat sac": Rating.GOOD,
    "kha": Rating.FAIR,
    "trung binh": Rating.AVERAGE,
    "trung-binh": Rating.AVERAGE,
    "yeu": Rating.WEAK,
    "kem": Rating.WEAK,
    "yeu kem": Rating.WEAK,
}


def rating_from_wording(text: str) -> Rating:
    """The class a reported wording means; a Vietnamese ValidationError when the wording is unknown."""
    key = fold(text).removeprefix("loai ").strip()
    try:
        return WORDING[key]
    except KeyError:
        raise ValidationError(
            f"Không nhận ra xếp loại “{text}”: dùng tốt (giỏi, xuất sắc), khá, trung bình hoặc yếu (kém).",
            code="unknown-rating",
        ) from None
