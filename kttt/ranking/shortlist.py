"""The shortlist of models worth replicating, with the reasons in Vietnamese, and one HTX's benchmark.

An HTX makes the shortlist when it has an overall rank and also:
- is rated tốt or khá (only when some HTX of the group was rated that year);
- made a profit (> 0);
- pays its workers at least the median income per worker of its peers;
- did not lose members (its member count is known for both years and did not fall).
"""

from __future__ import annotations

from dataclasses import dataclass

from kttt.indicators.queries import Scope
from kttt.ranking.queries import RATING_SCORES, SCORE_LABELS, PeerGroup, is_peer, peer_group
from kttt.ranking.rank import Ranking, Standing, rank_peers
from kttt.registry.models import Organisation, Sector
from kttt.reports.phrasing import money, quantity

GOOD_ENOUGH = RATING_SCORES["kha"]


@dataclass(frozen=True)
class Candidate:
    standing: Standing
    reasons: list[str]


@dataclass(frozen=True)
class Benchmark:
    """Where one HTX stands among its peers, and which peers they were."""

    organisation: Organisation
    group: PeerGroup
    ranking: Ranking
    standing: Standing


class NotAPeer(ValueError):
    pass


def shortlist(year: int, sector: str, scope: Scope, top: int = 10, ranking: Ranking | None = None) -> list[Candidate]:
    """The best-ranked HTX that pass every filter, at most `top`, each with its reasons."""
    ranking = ranking or rank_peers(year, sector, scope)
    rated = ranking.reporting["rating"] > 0
    chosen = [s for s in ranking.standings if s.rank is not None and _passes(s, ranking, rated)]
    return [Candidate(s, reasons(s, ranking)) for s in chosen[:top]]


def _passes(standing: Standing, ranking: Ranking, rated: bool) -> bool:
    row, median = standing.row, ranking.medians["avg_income"]
    return (
        (not rated or (row.rating or 0) >= GOOD_ENOUGH)
        and (row.profit or 0) > 0
        and row.avg_income is not None
        and median is not None
        and row.avg_income >= median
        and row.member_growth is not None
        and row.member_growth >= 0
    )


def reasons(standing: Standing, ranking: Ranking) -> list[str]:
    """Why an HTX stands out: "Doanh thu 2,4 tỷ đồng, đứng thứ 2/31 trong ngành nông nghiệp", …"""
    row, sector = standing.row, sector_phrase(ranking.sector)
    found = []
    if row.revenue is not None:
        place = f"{standing.ranks['revenue']}/{ranking.reporting['revenue']}"
        found.append(f"Doanh thu {money(row.revenue).text}, đứng thứ {place} trong {sector}")
    if row.profit is not None:
        found.append(f"lợi nhuận {money(row.profit).text}")
    if row.avg_income is not None:
        found.append(
            f"thu nhập bình quân {money(row.avg_income).text}/người/năm{_against_median(row.avg_income, ranking)}"
        )
    if row.rating is not None:
        found.append(f"xếp loại {SCORE_LABELS[row.rating]}")
    if row.member_growth is not None:
        found.append(f"thành viên {growth_phrase(row.member_growth)}")
    if found:
        found[0] = found[0][0].upper() + found[0][1:]
    return found


def _against_median(value: int, ranking: Ranking) -> str:
    median = ranking.medians["avg_income"]
    if not median:
        return ""
    change = (value - median) * 100 / median
    if abs(change) < 0.5:
        return ", bằng trung vị"
    side = "cao hơn" if change > 0 else "thấp hơn"
    return f", {side} trung vị {quantity(abs(change), 0).text}%"


def growth_phrase(percent: float) -> str:
    if abs(percent) < 0.05:
        return "không đổi"
    return f"{'tăng' if percent > 0 else 'giảm'} {quantity(abs(percent), 1).text}%"


def sector_phrase(sector: str) -> str:
    label = str(Sector(sector).label)
    return f"ngành {label[0].lower()}{label[1:]}"


def peer_benchmark(org: Organisation, year: int) -> Benchmark:
    """An HTX's percentile on each figure among the HTX of its sector and area (see `peer_group`)."""
    if not is_peer(org, year):
        raise NotAPeer(f"{org} không phải HTX đang hoạt động tại 31/12/{year}, không có nhóm để so sánh.")
    group = peer_group(org, year)
    ranking = rank_peers(year, org.sector, group.scope)
    standing = ranking.of(org.pk)
    assert standing is not None  # an active HTX of the sector is always in its own peer group
    return Benchmark(org, group, ranking, standing)
