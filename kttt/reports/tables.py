"""The tables and charts of a report, from snapshots of the indicators."""

from __future__ import annotations

from kttt.indicators.queries import Row, Snapshot
from kttt.reports.document import Block, Cell, Chart, Column, Series, Table
from kttt.reports.options import ReportOptions
from kttt.reports.series import Series as YearSeries
from kttt.text import fold

KIND_SHORT = {"THT": "THT", "HTX": "HTX", "LHHTX": "LH HTX", "QTDND": "QTDND"}


def _kinds(options: ReportOptions, snap: Snapshot) -> list[str]:
    return [b.kind for b in snap.kinds if b.kind in options.kinds or (b.kind == "QTDND" and "HTX" in options.kinds)]


def kind_table(options: ReportOptions, now: Snapshot, base: Snapshot | None) -> Table:
    columns = [
        Column("Loại hình", "text"),
        Column(f"Số tổ chức {options.year}", "count"),
    ]
    if base is not None:
        columns += [Column(f"Số tổ chức {base.year}", "count"), Column("Tăng, giảm", "change")]
    # New and dissolved organisations are in Bảng 5, reports not yet received in the notes.
    columns += [
        Column("Thành viên", "count", "người"),
        Column("Lao động", "count", "người"),
        Column("Vốn điều lệ", "money_bn", "tỷ đồng"),
        Column("Doanh thu bình quân", "money_mn", "triệu đồng"),
        Column("Thu nhập bình quân", "money_mn", "tr.đ/người/năm"),
    ]
    rows: list[list[Cell]] = []
    for kind in _kinds(options, now):
        f = now.kind(kind).total.year
        row: list[Cell] = [now.kind(kind).label, f.active]
        if base is not None:
            b = base.kind(kind).total.year
            row += [b.active, f.active - b.active]
        row += [
            f.members,
            f.workers,
            f.charter_capital,
            f.avg_revenue,
            f.avg_income,
        ]
        rows.append(row)
    return Table("tong_hop", f"Bảng 1. Tổng hợp theo loại hình, năm {options.year}", columns, rows)


def _group_table(key: str, title: str, first: str, snap: Snapshot, options: ReportOptions) -> Table:
    kinds = _kinds(options, snap)
    columns = [Column(first, "text"), *[Column(f"Số {KIND_SHORT[k]}", "count") for k in kinds]]
    has_htx = "HTX" in kinds
    if has_htx:
        columns += [
            Column("Thành viên HTX", "count", "người"),
            Column("Lao động HTX", "count", "người"),
            Column("Doanh thu bình quân HTX", "money_mn", "triệu đồng"),
        ]
    groups: dict[str, dict[str, Row]] = {}
    labels: dict[str, str] = {}
    for kind in kinds:
        for row in snap.kind(kind).groups:
            groups.setdefault(row.key, {})[kind] = row
            labels[row.key] = row.label
    rows: list[list[Cell]] = []
    for group in sorted(groups, key=lambda g: fold(labels[g])):
        cells: list[Cell] = [labels[group], *[_active(groups[group].get(k)) for k in kinds]]
        if has_htx:
            htx = groups[group].get("HTX")
            cells += [htx.year.members, htx.year.workers, htx.year.avg_revenue] if htx else [None, None, None]
        rows.append(cells)
    total: list[Cell] = ["Tổng số", *[snap.kind(k).total.year.active for k in kinds]]
    if has_htx:
        t = snap.kind("HTX").total.year
        total += [t.members, t.workers, t.avg_revenue]
    return Table(key, title, columns, rows, total)


def _active(row: Row | None) -> int:
    return row.year.active if row else 0


def area_table(options: ReportOptions, snap: Snapshot) -> Table:
    unit = "xã, phường" if options.year >= 2025 else "huyện, thành phố"
    return _group_table(
        "theo_dia_ban",
        f"Bảng 2. Tổ chức kinh tế tập thể theo đơn vị hành chính ({unit}), cuối năm {options.year}",
        "Địa bàn",
        snap,
        options,
    )


def sector_table(options: ReportOptions, snap: Snapshot) -> Table:
    return _group_table(
        "theo_linh_vuc",
        f"Bảng 3. Tổ chức kinh tế tập thể theo lĩnh vực, cuối năm {options.year}",
        "Lĩnh vực",
        snap,
        options,
    )


def series_tables(options: ReportOptions, series: YearSeries) -> list[Block]:
    kinds = [k for k in ("THT", "HTX", "LHHTX") if k in options.kinds]
    years = series.years
    counts = Table(
        "chuoi_thoi_gian",
        f"Bảng 4. Diễn biến giai đoạn {years[0]}–{years[-1]}",
        [
            Column("Năm", "text"),
            *[Column(f"Số {KIND_SHORT[k]}", "count") for k in kinds],
            Column("Thành viên HTX", "count", "người"),
            Column("Lao động HTX", "count", "người"),
            Column("Vốn điều lệ HTX", "money_bn", "tỷ đồng"),
            Column("Doanh thu bình quân HTX", "money_mn", "triệu đồng"),
            Column("Thu nhập bình quân HTX", "money_mn", "triệu đồng/người/năm"),
        ],
        [[str(y), *[series.at(y).kind(k).total.year.active for k in kinds], *_htx_money(series, y)] for y in years],
    )
    flows = Table(
        "thanh_lap_giai_the",
        f"Bảng 5. Thành lập mới và giải thể theo năm, {years[0]}–{years[-1]}",
        [Column("Năm", "text")]
        + [Column(f"{KIND_SHORT[k]} {what}", "count") for k in kinds for what in ("thành lập", "giải thể")],
        [
            [
                str(y),
                *[
                    v
                    for k in kinds
                    for v in (series.at(y).kind(k).total.year.new, series.at(y).kind(k).total.year.dissolved)
                ],
            ]
            for y in years
        ],
    )
    return [counts, flows]


def _htx_money(series: YearSeries, year: int) -> list[Cell]:
    f = series.at(year).kind("HTX").total.year
    return [f.members, f.workers, f.charter_capital, f.avg_revenue, f.avg_income]


def series_charts(options: ReportOptions, series: YearSeries) -> list[Block]:
    years = [str(y) for y in series.years]
    kinds = [k for k in ("THT", "HTX", "LHHTX") if k in options.kinds]
    label = {"THT": "Tổ hợp tác", "HTX": "Hợp tác xã", "LHHTX": "Liên hiệp HTX"}
    tht, htx = series.figures("THT"), series.figures("HTX")
    return [
        Chart(
            "so_luong",
            "Số tổ chức kinh tế tập thể đang hoạt động",
            years,
            [Series(label[k], [float(f.active) for f in series.figures(k)]) for k in kinds],
            "tổ chức",
        ),
        Chart(
            "thanh_vien_lao_dong",
            "Thành viên và lao động",
            years,
            [
                Series("Thành viên THT", [_num(f.members) for f in tht]),
                Series("Thành viên HTX", [_num(f.members) for f in htx]),
                Series("Lao động thường xuyên HTX", [_num(f.workers) for f in htx]),
            ],
            "người",
        ),
        Chart(
            "doanh_thu_thu_nhap",
            "Doanh thu bình quân và thu nhập bình quân",
            years,
            [
                Series("Doanh thu bình quân 1 HTX", [_num(f.avg_revenue) for f in htx]),
                Series("Doanh thu bình quân 1 THT", [_num(f.avg_revenue) for f in tht]),
                Series("Thu nhập bình quân/người/năm (HTX)", [_num(f.avg_income) for f in htx]),
            ],
            "triệu đồng",
            scale=1e6,
        ),
    ]


def area_chart(options: ReportOptions, snap: Snapshot) -> Chart:
    rows = sorted(snap.kind("HTX").groups, key=lambda r: r.year.active, reverse=True) if "HTX" in options.kinds else []
    return Chart(
        "dia_ban",
        f"Số hợp tác xã theo địa bàn, cuối năm {options.year}",
        [r.label for r in rows],
        [Series("Hợp tác xã", [float(r.year.active) for r in rows])],
        "HTX",
        style="barh",
    )


def _num(value: int | float | None) -> float | None:
    return None if value is None else float(value)
