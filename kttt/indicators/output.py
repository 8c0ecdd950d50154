"""Indicator snapshots as JSON (schema in docs/indicators.md) and as a plain-text table."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from kttt.indicators.figures import Change, Figures
from kttt.indicators.queries import Row, Snapshot, year_end
from kttt.numbers import billions, millions, number


def to_json(snap: Snapshot) -> dict[str, Any]:
    return {
        "year": snap.year,
        "as_of": year_end(snap.year).isoformat(),
        "baseline": snap.baseline,
        "baseline_as_of": year_end(snap.baseline).isoformat() if snap.baseline else None,
        "province": {"code": snap.province.code, "name": snap.province.name} if snap.province else None,
        "by": snap.by,
        "kinds": {
            block.kind: {
                "label": block.label,
                **_row_json(block.total),
                "groups": [_row_json(r) for r in block.groups],
            }
            for block in snap.kinds
        },
    }


def _row_json(row: Row) -> dict[str, Any]:
    data: dict[str, Any] = {"key": row.key, "label": row.label, "year": asdict(row.year)}
    if row.baseline is not None:
        data["baseline"] = asdict(row.baseline)
        data["change"] = {name: asdict(change) for name, change in (row.change or {}).items()}
    return data


Formatter = Callable[[int | float | None], str]
LINES: tuple[tuple[str, str, Formatter], ...] = (
    ("active", "Số tổ chức đang hoạt động", number),
    ("new", "Thành lập mới trong năm", number),
    ("dissolved", "Giải thể, thu hồi trong năm", number),
    ("missing", "Chưa báo cáo số liệu năm", number),
    ("members", "Thành viên", number),
    ("workers", "Lao động thường xuyên", number),
    ("worker_members", "  trong đó là thành viên", number),
    ("charter_capital", "Vốn điều lệ (tỷ đồng)", billions),
    ("revenue", "Tổng doanh thu (tỷ đồng)", billions),
    ("avg_revenue", "Doanh thu bình quân (triệu đồng/tổ chức)", millions),
    ("avg_profit", "Lợi nhuận bình quân (triệu đồng/tổ chức)", millions),
    ("avg_income", "Thu nhập bình quân (triệu đồng/người/năm)", lambda v: millions(v, 1)),
    ("union_members", "HTX thành viên của liên hiệp", number),
)


def to_text(snap: Snapshot) -> str:
    where = snap.province.name if snap.province else "Toàn quốc"
    title = f"Chỉ tiêu kinh tế tập thể — {where} — cuối năm {snap.year}"
    out = [title + (f" so với năm {snap.baseline}" if snap.baseline else ""), ""]
    for block in snap.kinds:
        if not block.total.year.active and not (block.total.baseline and block.total.baseline.active):
            continue
        out.append(f"{block.label.upper()}")
        out.extend(_table(block.total, snap))
        for group in block.groups:
            out.append(f"  • {group.label}: {_group_line(group.year)}")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def _table(row: Row, snap: Snapshot) -> list[str]:
    lines = []
    for name, label, fmt in LINES:
        if name == "union_members" and row.year.union_members is None:
            continue
        now = fmt(_value(row.year, name))
        line = f"  {label:<44} {now:>16}"
        if row.baseline is not None and row.change is not None:
            then = fmt(_value(row.baseline, name))
            line += f"   năm {snap.baseline}: {then:>14}{_change(row.change.get(name), fmt)}"
        lines.append(line)
    return lines


def _value(figures: Figures, name: str) -> int | float | None:
    return figures.missing if name == "missing" else figures.value(name)


def _change(change: Change | None, fmt: Formatter) -> str:
    if change is None or change.difference is None:
        return ""
    sign = "+" if change.difference > 0 else ("−" if change.difference < 0 else "±")
    ratio = f", gấp {number(change.ratio, 2)} lần" if change.ratio else ""
    return f"   ({sign}{fmt(abs(change.difference))}{ratio})"


def _group_line(figures: Figures) -> str:
    revenue = figures.avg_revenue
    return (
        f"{number(figures.active)} tổ chức, {number(figures.members)} thành viên, {number(figures.workers)} lao động, "
        "doanh thu bình quân " + (f"{millions(revenue)} triệu đồng" if revenue is not None else "chưa có số liệu")
    )
