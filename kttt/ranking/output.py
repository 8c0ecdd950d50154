"""The ranking, the shortlist and a peer benchmark as plain text (Vietnamese) and as JSON (English keys)."""

from __future__ import annotations

from typing import Any

from kttt.numbers import millions, number
from kttt.ranking.queries import SCORE_LABELS, PeerRow
from kttt.ranking.rank import FIGURE_LABELS, FIGURES, MIN_FIGURES, Ranking, Standing
from kttt.ranking.shortlist import Benchmark, Candidate, growth_phrase, sector_phrase
from kttt.reports.phrasing import MISSING, money

DASH = "–"
RATING_CODES = {score: code for code, score in {"tot": 4, "kha": 3, "trung-binh": 2, "yeu": 1}.items()}
COLUMNS = (
    ("Hạng", 5),
    ("Mã", 14),
    ("Tên", 36),
    ("Doanh thu (tr.đ)", 17),
    ("Lợi nhuận (tr.đ)", 17),
    ("TNBQ (tr.đ/ng/năm)", 19),
    ("Tăng TV (%)", 12),
    ("Xếp loại", 11),
    ("Điểm", 6),
)


def cell(row: PeerRow, name: str, missing: str = DASH) -> str:
    """One figure written the Vietnamese way; money in millions of đồng in the table."""
    value = getattr(row, name)
    if value is None:
        return missing
    if name == "rating":
        return str(SCORE_LABELS[value])
    if name == "member_growth":
        return number(value, 1)
    return millions(value)


def _line(values: list[str]) -> str:
    parts = []
    for (_, width), value in zip(COLUMNS, values, strict=True):
        text = value if len(value) <= width else value[: width - 1] + "…"
        parts.append(text.ljust(width) if width in (14, 36, 11) else text.rjust(width))
    return "  ".join(parts).rstrip()


def heading(ranking: Ranking, place: str) -> list[str]:
    return [
        f"Mô hình hiệu quả — {sector_phrase(ranking.sector)}, {place}, năm {ranking.year}",
        f"Nhóm so sánh: {len(ranking.standings)} HTX đang hoạt động tại 31/12/{ranking.year}; "
        f"{ranking.ranked} HTX được xếp hạng (cần có ít nhất {MIN_FIGURES}/5 chỉ tiêu).",
        "Xếp hạng đồng hạng kiểu thi đấu (1, 2, 2, 4); điểm tổng hợp = trung bình phân vị các chỉ tiêu có số liệu.",
    ]


def to_text(ranking: Ranking, candidates: list[Candidate], place: str) -> str:
    lines = [*heading(ranking, place), "", _line([title for title, _ in COLUMNS])]
    for s in ranking.standings:
        figures = [cell(s.row, name) for name in FIGURES]
        score = DASH if s.composite is None else number(s.composite, 1)
        lines.append(_line([str(s.rank or DASH), s.row.code, s.row.name, *figures, score]))
    lines.append(f"({DASH}: {MISSING}; HTX không có hạng khi có dưới {MIN_FIGURES}/5 chỉ tiêu.)")
    lines += ["", f"Đề xuất nhân rộng ({len(candidates)} HTX):"]
    if not candidates:
        lines.append("  Không có HTX nào đạt đủ các tiêu chí.")
    for i, c in enumerate(candidates, start=1):
        row = c.standing.row
        lines.append(f"  {i}. {row.name} ({row.code}) — hạng {c.standing.rank}/{ranking.ranked}")
        lines.append(f"     {'; '.join(c.reasons)}.")
    lines.append(
        "  Tiêu chí: xếp loại Tốt/Khá (khi năm đó có xếp loại), có lãi, thu nhập bình quân không thấp hơn "
        "trung vị nhóm, thành viên không giảm."
    )
    return "\n".join(lines) + "\n"


def _figures_json(s: Standing) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for name in FIGURES:
        value = getattr(s.row, name)
        if name == "rating" and value is not None:
            value = RATING_CODES[value]
        result[name] = {"value": value, "rank": s.ranks[name], "percentile": s.percentiles[name]}
    return result


def standing_json(s: Standing) -> dict[str, Any]:
    return {
        "rank": s.rank,
        "code": s.row.code,
        "name": s.row.name,
        "composite": s.composite,
        "figures": _figures_json(s),
    }


def to_json(ranking: Ranking, candidates: list[Candidate], place: dict[str, Any]) -> dict[str, Any]:
    return {
        "year": ranking.year,
        "sector": ranking.sector,
        **place,
        "peers": len(ranking.standings),
        "ranked": ranking.ranked,
        "min_figures": MIN_FIGURES,
        "reporting": ranking.reporting,
        "medians": ranking.medians,
        "ranking": [standing_json(s) for s in ranking.standings],
        "shortlist": [{**standing_json(c.standing), "reasons": c.reasons} for c in candidates],
    }


def benchmark_text(b: Benchmark) -> str:
    ranking, s = b.ranking, b.standing
    group = f"{len(ranking.standings)} HTX {sector_phrase(ranking.sector)} tại {b.group.label}"
    if b.group.fallback:
        group += " (địa bàn của HTX có dưới 5 HTX cùng ngành nên so với toàn tỉnh)"
    lines = [
        f"Đối sánh {b.organisation.name} ({b.organisation.code}), năm {ranking.year}",
        f"Nhóm so sánh: {group}.",
        "",
    ]
    for name in FIGURES:
        rank = s.ranks[name]
        place = f"thứ {rank}/{ranking.reporting[name]}" if rank else MISSING
        share = s.percentiles[name]
        pct = f"phân vị {number(share, 1)}" if share is not None else ""
        lines.append(f"  {FIGURE_LABELS[name]}: {_benchmark_value(s.row, name)}; {place}" + (f"; {pct}" if pct else ""))
    score = MISSING if s.composite is None else f"{number(s.composite, 1)} — hạng {s.rank}/{ranking.ranked}"
    lines.append(f"  Điểm tổng hợp: {score}")
    return "\n".join(lines) + "\n"


def _benchmark_value(row: PeerRow, name: str) -> str:
    value = getattr(row, name)
    if value is None:
        return MISSING
    if name == "member_growth":
        return growth_phrase(value)
    if name == "rating":
        return str(SCORE_LABELS[value])
    return money(value).text + ("/người/năm" if name == "avg_income" else "")


def benchmark_json(b: Benchmark) -> dict[str, Any]:
    return {
        "year": b.ranking.year,
        "sector": b.ranking.sector,
        "group": {"label": b.group.label, "fallback_to_province": b.group.fallback, "peers": len(b.ranking.standings)},
        **standing_json(b.standing),
        "ranked": b.ranking.ranked,
    }
