"""Resolve administrative units by code or name, and derive an organisation's location in both schemes.

The whole unit table (~20,000 rows) is held in memory for the duration of an import, so resolving
tens of thousands of rows costs a handful of queries.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Count, Max

from kttt.areas.models import (
    REFORM_DATE,
    AdminUnit,
    CommuneMapping,
    Level,
    ProvinceMapping,
    Scheme,
    scheme_on,
)
from kttt.text import fold

WHOLE_COUNTRY = frozenset({"all", "toan quoc", "toan-quoc", "ca nuoc"})


class UnitNotFound(ValueError):
    """A unit could not be resolved; the message is Vietnamese and meant for the person who typed it."""


@dataclass(frozen=True)
class Location:
    province: AdminUnit
    area: AdminUnit | None
    former_province: AdminUnit | None
    current_province: AdminUnit | None
    former_district: AdminUnit | None
    current_commune: AdminUnit | None


@dataclass
class AreaIndex:
    """The units of one province (both schemes), by code or folded full name, and by short name."""

    exact: dict[str, list[AdminUnit]] = field(default_factory=lambda: defaultdict(list))
    short: dict[str, list[AdminUnit]] = field(default_factory=lambda: defaultdict(list))


_shared: dict[tuple[object, ...], Gazetteer] = {}


def shared_gazetteer() -> Gazetteer:
    """A Gazetteer reused while the unit tables stay the same (they change only by migration or admin)."""
    units = AdminUnit.objects.aggregate(n=Count("id"), last=Max("id"))
    key = (connection.settings_dict["NAME"], units["n"], units["last"], CommuneMapping.objects.count())
    if key not in _shared:
        _shared.clear()
        _shared[key] = Gazetteer()
    return _shared[key]


def forget_shared_gazetteer() -> None:
    _shared.clear()


class Gazetteer:
    def __init__(self) -> None:
        self.units: dict[int, AdminUnit] = {u.pk: u for u in AdminUnit.objects.all()}
        self.children: dict[int, list[AdminUnit]] = defaultdict(list)
        for unit in self.units.values():
            # Fill the relation caches from memory so that no lookup below touches the database.
            if unit.parent_id is not None:
                unit.parent = self.units[unit.parent_id]
            if unit.province_id is not None:
                unit.province = self.units[unit.province_id]
            if unit.province_id is not None and unit.level != Level.PROVINCE:
                self.children[unit.province_id].append(unit)
        self.province_index: dict[str, list[AdminUnit]] = defaultdict(list)
        for unit in self.units.values():
            if unit.level == Level.PROVINCE:
                for key in {unit.code, unit.search_name, fold(unit.name)}:
                    self.province_index[key].append(unit)
        self._area_indexes: dict[int, AreaIndex] = {}
        self.primary_new: dict[int, int] = {}
        self.old_of_new: dict[int, list[int]] = defaultdict(list)
        for old_id, new_id, primary in CommuneMapping.objects.values_list("old_id", "new_id", "primary"):
            if primary:
                self.primary_new[old_id] = new_id
            self.old_of_new[new_id].append(old_id)
        self.new_provinces: dict[int, list[int]] = defaultdict(list)
        self.old_provinces: dict[int, list[int]] = defaultdict(list)
        for old_id, new_id in ProvinceMapping.objects.values_list("old_id", "new_id"):
            self.new_provinces[old_id].append(new_id)
            self.old_provinces[new_id].append(old_id)

    def province(self, text: str, day: dt.date | None = None) -> AdminUnit:
        """A province by GSO code or name; when both schemes have it, the one in force on `day`."""
        key = fold(text)
        if not key:
            raise UnitNotFound("Thiếu tỉnh/thành phố.")
        found = self.province_index.get(text.strip(), []) or self.province_index.get(key, [])
        if not found:
            raise UnitNotFound(f"Không tìm thấy tỉnh/thành phố “{text}” (nhập mã hoặc tên tỉnh).")
        return self._prefer_in_force(found, day or dt.date.today())

    def province_or_country(self, text: str, day: dt.date) -> AdminUnit | None:
        """A province, or None for the whole country when asked for "all" / "toàn quốc"."""
        return None if fold(text) in WHOLE_COUNTRY else self.province(text, day)

    def area(self, text: str, province: AdminUnit, day: dt.date) -> AdminUnit:
        """A commune (or, for records before 1/7/2025, a district) of `province`, by code or name.

        Units in force on `day` are preferred; the other scheme is tried next, so an old organisation
        may be placed at its new commune and a new one at a former commune. "Tân Lập, Hữu Lũng"
        narrows a name shared by several communes to one district.
        """
        name, _, parent = (part.strip() for part in text.partition(","))
        if not fold(name):
            raise UnitNotFound("Thiếu địa bàn.")
        index = self._area_index(province)
        # "Huyện Đình Lập" names one unit exactly; a bare "Đình Lập" may name the district, the town and
        # the commune, so full names are tried first.
        candidates = index.exact.get(name, []) or index.exact.get(fold(name), []) or index.short.get(fold(name), [])
        if day >= REFORM_DATE and candidates and all(u.level == Level.DISTRICT for u in candidates):
            raise UnitNotFound(f"“{text}” là huyện cũ; từ 1/7/2025 không còn cấp huyện, hãy nhập xã/phường mới.")
        if day >= REFORM_DATE:
            candidates = [u for u in candidates if u.level == Level.COMMUNE]
        if parent:
            candidates = [u for u in candidates if u.parent and u.parent.search_name == fold(parent)]
        if not candidates:
            what = "xã/phường" if day >= REFORM_DATE else "xã/phường/thị trấn hoặc huyện"
            raise UnitNotFound(f"Không tìm thấy {what} “{text}” thuộc {province.name}.")
        in_scheme = [u for u in candidates if u.scheme == scheme_on(day)] or candidates
        if len(in_scheme) > 1:
            options = "; ".join(f"{u.name} (mã {u.code}, {u.parent})" for u in in_scheme[:5])
            raise UnitNotFound(
                f"Tên “{text}” trùng với nhiều đơn vị: {options}. Hãy nhập mã đơn vị, hoặc thêm tên huyện sau dấu phẩy."
            )
        return in_scheme[0]

    def locate(self, province: AdminUnit, area: AdminUnit | None) -> Location:
        if area is not None:
            province = self.units[area.province_id] if area.province_id else province
        former_district = current_commune = None
        if area is not None and area.scheme == Scheme.BEFORE_2025:
            former_district = area if area.level == Level.DISTRICT else area.parent
            new_id = self.primary_new.get(area.pk) if area.level == Level.COMMUNE else None
            current_commune = self.units[new_id] if new_id else None
        elif area is not None:
            current_commune = area
            former_district = self._former_district_of(area)
        former_province: AdminUnit | None
        current_province: AdminUnit | None
        if province.scheme == Scheme.BEFORE_2025:
            former_province = province
            current_province = (
                self.units[current_commune.province_id]
                if current_commune and current_commune.province_id
                else self._single(self.new_provinces[province.pk])
            )
        else:
            current_province = province
            former_province = (
                self.units[former_district.province_id]
                if former_district and former_district.province_id
                else self._single(self.old_provinces[province.pk])
            )
        return Location(province, area, former_province, current_province, former_district, current_commune)

    def _former_district_of(self, commune: AdminUnit) -> AdminUnit | None:
        """The former district of a new commune, when all the old communes it absorbed lay in one."""
        districts = {self.units[old].parent_id for old in self.old_of_new.get(commune.pk, [])}
        if len(districts) == 1:
            (district_id,) = districts
            return self.units[district_id] if district_id else None
        same_code = [o for o in self.old_of_new.get(commune.pk, []) if self.units[o].code == commune.code]
        return self.units[self.units[same_code[0]].parent_id or 0] if same_code else None

    def _area_index(self, province: AdminUnit) -> AreaIndex:
        if province.pk not in self._area_indexes:
            related = {province.pk, *self.new_provinces[province.pk], *self.old_provinces[province.pk]}
            index = AreaIndex()
            for unit in (u for pid in related for u in self.children.get(pid, [])):
                for key in {unit.code, fold(unit.name)}:
                    index.exact[key].append(unit)
                index.short[unit.search_name].append(unit)
            self._area_indexes[province.pk] = index
        return self._area_indexes[province.pk]

    def _single(self, ids: list[int]) -> AdminUnit | None:
        return self.units[ids[0]] if len(ids) == 1 else None

    @staticmethod
    def _prefer_in_force(found: list[AdminUnit], day: dt.date) -> AdminUnit:
        in_force = [u for u in found if u.in_force_on(day)]
        return (in_force or found)[0]
