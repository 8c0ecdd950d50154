"""Sharing a control total over organisations in whole numbers, and interpolating yearly anchors."""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Callable, Sequence
from itertools import accumulate


def interpolate(anchors: dict[int, float], year: int) -> float:
    """Geometric interpolation between the anchor years; flat before the first and after the last."""
    years = sorted(anchors)
    if year <= years[0] or year >= years[-1]:
        return anchors[years[0] if year <= years[0] else years[-1]]
    low = max(y for y in years if y <= year)
    high = min(y for y in years if y >= year)
    if low == high:
        return anchors[low]
    return float(anchors[low] * (anchors[high] / anchors[low]) ** ((year - low) / (high - low)))


def _clamped_sum(
    weights: Sequence[float], floors: Sequence[int], tops: Sequence[int]
) -> Callable[[float], tuple[float, float]]:
    """Σ clamp(scale × weight, floor, top) and its slope to the right, as functions of scale."""
    starts = sorted((low / w, w, low) for w, low in zip(weights, floors, strict=True))
    stops = sorted((high / w, w, high) for w, high in zip(weights, tops, strict=True))
    start_keys, stop_keys = [key for key, _, _ in starts], [key for key, _, _ in stops]
    start_w, start_f = [0.0, *accumulate(w for _, w, _ in starts)], [0, *accumulate(f for _, _, f in starts)]
    stop_w, stop_t = [0.0, *accumulate(w for _, w, _ in stops)], [0, *accumulate(t for _, _, t in stops)]

    def filled(scale: float) -> tuple[float, float]:
        free, full = bisect_right(start_keys, scale), bisect_right(stop_keys, scale)
        slope = start_w[free] - stop_w[full]
        return start_f[-1] - start_f[free] + stop_t[full] + scale * slope, slope

    return filled


def apportion(
    total: int, weights: Sequence[float], floors: Sequence[int], ceilings: Sequence[int] | None = None
) -> list[int]:
    """Integers clamp(scale × weight, floor, ceiling) summing exactly to total (largest remainder)."""
    tops = list(ceilings) if ceilings is not None else [total] * len(weights)
    if not sum(floors) <= total <= sum(tops) or not weights:
        raise ValueError(f"cannot apportion {total} within [{sum(floors)}, {sum(tops)}]")
    filled = _clamped_sum(weights, floors, tops)
    bounds = [*zip(weights, floors, tops, strict=True)]
    breaks = sorted({low / w for w, low, _ in bounds} | {high / w for w, _, high in bounds})
    first, last = 0, len(breaks) - 1  # invariant: filled(breaks[first]) <= total
    while first < last:
        middle = (first + last + 1) // 2
        first, last = (middle, last) if filled(breaks[middle])[0] <= total else (first, middle - 1)
    value, slope = filled(breaks[first])
    scale = breaks[first] + ((total - value) / slope if slope > 0 else 0.0)
    exact = [min(max(scale * w, low), high) for w, low, high in bounds]
    result = [math.floor(value) for value in exact]
    for i in sorted(range(len(exact)), key=lambda i: (result[i] - exact[i], i))[: total - sum(result)]:
        result[i] += 1
    if sum(result) != total or any(not low <= r <= high for r, (_, low, high) in zip(result, bounds, strict=True)):
        raise ValueError(f"apportionment of {total} failed")
    return result
