"""Size classes of a cooperative (siêu nhỏ, nhỏ, vừa, lớn) from the dated table in kttt.ratings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q

from kttt.ratings.models import TIER_ORDER, SectorGroup, SizeClassRule, SizeTier
from kttt.registry.models import Sector

# Decree 113/2024 sets thresholds per sector group. The draft decree's groups: (a) agriculture, forestry,
# fisheries; (b) mining, manufacturing, power and gas, water supply, waste treatment, construction;
# (c) trade, services and everything else. The registry's environment sector is mostly waste collection
# and water supply, hence (b); transport and credit are services, hence (c).
SECTOR_GROUPS: dict[str, SectorGroup] = {
    Sector.AGRICULTURE: SectorGroup.AGRICULTURE,
    Sector.INDUSTRY: SectorGroup.INDUSTRY,
    Sector.CONSTRUCTION: SectorGroup.INDUSTRY,
    Sector.ENVIRONMENT: SectorGroup.INDUSTRY,
    Sector.TRANSPORT: SectorGroup.SERVICES,
    Sector.TRADE: SectorGroup.SERVICES,
    Sector.CREDIT: SectorGroup.SERVICES,
    Sector.OTHER: SectorGroup.SERVICES,
}


@dataclass(frozen=True)
class SizeClass:
    tier: SizeTier
    rule: SizeClassRule


def rules_in_force(sector: str, day: dt.date) -> list[SizeClassRule]:
    """The tiers in force on `day` for the sector's group (or for all sectors), largest first."""
    group = SECTOR_GROUPS.get(sector, SectorGroup.SERVICES)
    rules = SizeClassRule.objects.filter(Q(sector_group="") | Q(sector_group=group))
    in_force = [r for r in rules if r.in_force_on(day)]
    return sorted(in_force, key=lambda r: TIER_ORDER.index(SizeTier(r.tier)))


def classify(
    sector: str, members: int | None, revenue: int | None, total_capital: int | None, day: dt.date
) -> SizeClass | None:
    """The size tier on `day`: at least the tier's official members AND (revenue OR total capital at
    least its thresholds, when it has any). None when no scheme is in force or the data cannot decide."""
    rules = rules_in_force(sector, day)
    if not rules or members is None:
        return None
    for rule in rules:
        if members < rule.min_members:
            continue
        met = _money_met(rule, revenue, total_capital)
        if met is None:
            return None
        if met:
            return SizeClass(SizeTier(rule.tier), rule)
    return None


def _money_met(rule: SizeClassRule, revenue: int | None, total_capital: int | None) -> bool | None:
    """Whether revenue OR total capital reaches the rule's thresholds; None when a missing figure could
    still decide it."""
    if not rule.needs_money:
        return True
    pairs = [(revenue, rule.min_revenue), (total_capital, rule.min_total_capital)]
    if any(value is not None and floor is not None and value >= floor for value, floor in pairs):
        return True
    if any(value is None and floor is not None for value, floor in pairs):
        return None
    return False
