"""A hand-made report for renderer tests: every kind of block, Vietnamese text, missing cells."""

from __future__ import annotations

import datetime as dt

from kttt.reports.document import Chart, Column, Letterhead, Paragraph, Report, Section, Series, Table

TITLE = "Tổng kết 15 năm thực hiện Nghị quyết số 13-NQ/TW về kinh tế tập thể trên địa bàn tỉnh Lạng Sơn"
THT_TEXT = (
    "Tính đến hết năm 2018, toàn tỉnh có 1.810 THT với 19.510 thành viên, tăng 4.377 thành viên so với "
    "năm 2003; doanh thu bình quân 1 THT đạt 500 triệu đồng/năm."
)
HTX_TEXT = (
    "Hết năm 2018, toàn tỉnh có 220 HTX, tăng 128 HTX so với năm 2003, tổng số vốn điều lệ là 274 tỷ đồng; "
    "thu nhập bình quân đạt khoảng 50 triệu đồng/người/năm."
)


def sample_report() -> Report:
    letterhead = Letterhead(
        parent_body="",
        issuing_body="ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN",
        number="Số:        /BC-UBND",
        place="Lạng Sơn",
        date=dt.date(2019, 5, 14),
        recipients=["- Bộ Tài chính;", "- Thường trực Tỉnh ủy;", "- Lưu: VT, KT."],
        signer_authority="TM. ỦY BAN NHÂN DÂN",
        signer_title="CHỦ TỊCH",
        signer_name="Nguyễn Văn A",
    )
    by_area = Table(
        key="theo_dia_ban",
        title="Bảng 1. Hợp tác xã theo địa bàn, cuối năm 2018",
        columns=[
            Column("Địa bàn", "text"),
            Column("Số HTX", "count"),
            Column("Thành viên", "count", "người"),
            Column("Vốn điều lệ", "money_bn", "tỷ đồng"),
            Column("Doanh thu bình quân", "money_mn", "triệu đồng"),
            Column("So với 2003", "change"),
            Column("Tỷ lệ khá, tốt", "percent"),
            Column("Gấp", "ratio", "lần"),
        ],
        rows=[
            ["Thành phố Lạng Sơn", 40, 812, 61_500_000_000, 1_250_000_000, 22, 0.625, 3.1],
            ["Huyện Đình Lập", 9, 101, None, 420_000_000, -2, None, None],
        ],
        total=["Tổng số", 49, 913, 61_500_000_000, 1_101_000_000, 20, 0.6, 3.0],
        note="2 HTX chưa báo cáo vốn điều lệ.",
    )
    counts = Chart(
        key="so_luong",
        title="Số tổ chức kinh tế tập thể, 2003–2018",
        categories=[str(y) for y in range(2003, 2019)],
        series=[
            Series("Tổ hợp tác", [1550 + 17 * i for i in range(16)]),
            Series("Hợp tác xã", [92 + 8 * i for i in range(16)]),
        ],
        unit="tổ chức",
    )
    revenue = Chart(
        key="doanh_thu",
        title="Doanh thu bình quân một HTX",
        categories=["2003", "2008", "2013", "2018"],
        series=[Series("Hợp tác xã", [300e6, 450e6, None, 900e6])],
        unit="triệu đồng",
        scale=1e6,
        style="bar",
    )
    areas = Chart(
        key="dia_ban",
        title="Số HTX theo địa bàn",
        categories=["Thành phố Lạng Sơn", "Huyện Hữu Lũng", "Huyện Đình Lập"],
        series=[Series("Hợp tác xã", [40, 31, 9])],
        unit="HTX",
        style="barh",
    )
    return Report(
        letterhead=letterhead,
        kind_label="BÁO CÁO",
        title=TITLE,
        variant="review",
        year=2018,
        baseline=2003,
        sections=[
            Section(
                "I. TÌNH HÌNH PHÁT TRIỂN KINH TẾ TẬP THỂ",
                subsections=[
                    Section(
                        "1. Tổ hợp tác",
                        [
                            Paragraph(THT_TEXT),
                            counts,
                        ],
                    ),
                    Section(
                        "2. Hợp tác xã",
                        [
                            Paragraph(HTX_TEXT),
                            by_area,
                            revenue,
                            areas,
                        ],
                    ),
                ],
            ),
            Section(
                "II. ĐÁNH GIÁ CHUNG",
                [Paragraph("Những hạn chế:", bold=True), Paragraph("Số liệu còn thiếu.")],
            ),
        ],
    )
