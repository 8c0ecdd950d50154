"""The paragraphs of a report, written from the indicators in the words officials use."""

from __future__ import annotations

from kttt.indicators.figures import Figures
from kttt.numbers import number
from kttt.reports.phrasing import MISSING, count_change, money, quantity, ratio_change


class Where:
    """How the text names the scope: "toàn tỉnh" / "trên địa bàn tỉnh", or an area's own name."""

    def __init__(self, whole: str = "toàn tỉnh", within: str = "trên địa bàn tỉnh"):
        self.whole, self.within = whole, within


SHORT = {"THT": "THT", "HTX": "HTX", "LHHTX": "Liên hiệp HTX", "QTDND": "QTDND"}


def _people(value: int | None, noun: str = "người") -> str:
    return MISSING if value is None else f"{number(value)} {noun}"


def compare_count(now: Figures, base: Figures | None, base_year: int | None, name: str, noun: str) -> str:
    if base is None or base_year is None:
        return ""
    a, b = now.value(name), base.value(name)
    if a is None or b is None:
        return ""
    return f", {count_change(int(a) - int(b), noun)} so với năm {base_year}"


def compare_ratio(now: Figures, base: Figures | None, base_year: int | None, name: str) -> str:
    if base is None or base_year is None or now.value(name) is None or base.value(name) is None:
        return ""
    return f", {ratio_change(now.value(name), base.value(name))} so với năm {base_year}"


def missing_note(figures: Figures, short: str, year: int) -> str:
    if figures.missing <= 0:
        return ""
    return f" ({number(figures.missing)} {short} chưa báo cáo số liệu năm {year})"


def new_in_year(figures: Figures, short: str, year: int) -> str:
    """ "trong năm 2025 có 45 THT thành lập mới, 12 THT giải thể"."""
    dissolved = f", {number(figures.dissolved)} {short} giải thể" if figures.dissolved else ""
    return f"trong năm {year} có {number(figures.new)} {short} thành lập mới{dissolved}"


def new_per_year(counts: list[int], short: str) -> str:
    """ "bình quân hàng năm có khoảng 35 THT thành lập mới (từ 30 đến 40 THT/năm)"."""
    if not counts:
        return ""
    low, high = min(counts), max(counts)
    average = quantity(sum(counts) / len(counts), 0)
    shown, approx = average.text, "" if average.exact else "khoảng "
    spread = f" (từ {number(low)} đến {number(high)} {short}/năm)" if low != high else ""
    return f"bình quân hàng năm có {approx}{shown} {short} thành lập mới{spread}"


def tht_paragraph(
    now: Figures, base: Figures | None, year: int, base_year: int | None, new: list[int] | None, where: Where
) -> str:
    """The THT paragraph; `new` holds the yearly counts of new THT over a review period, or None for an
    annual report, which tells the year's own new and dissolved THT instead."""
    if now.active == 0:
        return f"Tính đến hết năm {year}, {where.within} không có tổ hợp tác nào đang hoạt động."
    parts = [
        f"Tính đến hết năm {year}, {where.whole} có {number(now.active)} THT "
        f"với {_people(now.members, 'thành viên')}"
        + compare_count(now, base, base_year, "members", "thành viên")
        + missing_note(now, "THT", year)
    ]
    if new_text := (new_per_year(new, "THT") if new is not None else new_in_year(now, "THT", year)):
        parts.append(new_text)
    parts.append(f"doanh thu bình quân 1 THT đạt {_money(now.avg_revenue)}/năm")
    parts.append(f"thu nhập bình quân người lao động trong THT {_income(now.avg_income, prefix='')}")
    return "; ".join(parts) + "."


def htx_paragraph(now: Figures, base: Figures | None, year: int, base_year: int | None, where: Where) -> str:
    if now.active == 0:
        return f"Hết năm {year}, {where.within} không có hợp tác xã nào đang hoạt động."
    first = (
        f"Đối với các HTX, hết năm {year}, {where.whole} có {number(now.active)} HTX"
        + compare_count(now, base, base_year, "active", "HTX")
        + f", tổng số vốn điều lệ là {_money(now.charter_capital)}"
        + f"; số thành viên tham gia HTX là {_people(now.members)}"
        + compare_count(now, base, base_year, "members", "thành viên")
        + missing_note(now, "HTX", year)
        + "."
    )
    second = (
        f"Tổng số người lao động thường xuyên trong HTX là {_people(now.workers)}"
        + compare_count(now, base, base_year, "workers", "người")
        + f"; doanh thu bình quân của 1 HTX đạt {_money(now.avg_revenue)}"
        + compare_ratio(now, base, base_year, "avg_revenue")
        + f"; thu nhập bình quân của thành viên, người lao động trong 1 HTX {_income(now.avg_income)}"
        + compare_ratio(now, base, base_year, "avg_income")
        + "."
    )
    return f"{first} {second}"


def union_sentence(now: Figures, year: int, where: Where) -> str:
    if now.active == 0:
        return f"Đến hết năm {year}, {where.within} chưa có Liên hiệp HTX nào."
    members = "" if now.union_members is None else f" với {number(now.union_members)} HTX thành viên"
    return f"{where.within[:1].upper()}{where.within[1:]} có {number(now.active)} Liên hiệp HTX{members}."


def _money(value: float | None) -> str:
    return MISSING if value is None else str(money(value))


def _income(value: float | None, prefix: str = "đạt ") -> str:
    if value is None:
        return MISSING
    amount = money(value, "triệu đồng")
    text = amount.text.removesuffix(" triệu đồng") + " triệu đồng/người/năm"
    return f"{prefix}{text}" if amount.exact else f"{prefix}khoảng {text}"


def baseline_sentence(now: dict[str, Figures], base: dict[str, Figures], base_year: int) -> str:
    """For an annual report that also looks back to a baseline year: one sentence per kind."""
    parts = []
    for kind, noun in (("THT", "THT"), ("HTX", "HTX"), ("LHHTX", "Liên hiệp HTX")):
        if kind not in now or kind not in base:
            continue
        parts.append(f"số {noun} {count_change(now[kind].active - base[kind].active, noun)}")
    htx_now, htx_base = now.get("HTX"), base.get("HTX")
    if htx_now and htx_base:
        parts.append(f"số thành viên HTX {count_change(_diff(htx_now.members, htx_base.members), 'người')}")
        parts.append(f"doanh thu bình quân 1 HTX {ratio_change(htx_now.avg_revenue, htx_base.avg_revenue)}")
    return f"So với năm {base_year}: " + "; ".join(parts) + "." if parts else ""


def _diff(a: int | None, b: int | None) -> int | None:
    return None if a is None or b is None else a - b
