"""Versioned geography (issue 2, deliverable 3; shared/domain.md §7).

Three tiers (province → district → commune) until 30/6/2025, two tiers (province → commune) from
1/7/2025: 63 provinces become 34 (Resolution 202/2025/QH15); Lạng Sơn is not merged and its 11 former
district-level units give way to 65 communes and wards (Resolution 1672/NQ-UBTVQH15).
"""

from __future__ import annotations

import datetime as dt

import pytest

from kttt.areas.gazetteer import Gazetteer, UnitNotFound, shared_gazetteer
from kttt.areas.models import AdminUnit, Level, Scheme
from kttt.indicators.queries import snapshot
from kttt.registry.models import Organisation
from kttt.text import fold
from tests.conftest import Loader

D = dt.date
LAST_DAY_OF_THREE_TIERS = D(2025, 6, 30)
FIRST_DAY_OF_TWO_TIERS = D(2025, 7, 1)
LANG_SON_DISTRICTS = {
    "178": "Thành phố Lạng Sơn",
    "180": "Huyện Tràng Định",
    "181": "Huyện Bình Gia",
    "182": "Huyện Văn Lãng",
    "183": "Huyện Cao Lộc",
    "184": "Huyện Văn Quan",
    "185": "Huyện Bắc Sơn",
    "186": "Huyện Hữu Lũng",
    "187": "Huyện Chi Lăng",
    "188": "Huyện Lộc Bình",
    "189": "Huyện Đình Lập",
}


@pytest.fixture
def gazetteer(db: None) -> Gazetteer:
    return shared_gazetteer()


def units(day: dt.date, level: str, province_code: str | None = None) -> list[AdminUnit]:
    qs = AdminUnit.objects.in_force(day).filter(level=level)
    if province_code is not None:
        qs = qs.filter(province__code=province_code)
    return list(qs)


def test_there_are_63_provinces_before_the_reform_and_34_after(db: None) -> None:
    assert AdminUnit.objects.filter(scheme=Scheme.BEFORE_2025, level=Level.PROVINCE).count() == 63
    assert AdminUnit.objects.filter(scheme=Scheme.FROM_2025, level=Level.PROVINCE).count() == 34


def test_lang_son_has_11_districts_before_and_65_communes_after(db: None) -> None:
    districts = AdminUnit.objects.filter(
        scheme=Scheme.BEFORE_2025, level=Level.DISTRICT, province__code="20"
    ).values_list("code", "name")
    assert dict(districts) == LANG_SON_DISTRICTS
    communes = AdminUnit.objects.filter(scheme=Scheme.FROM_2025, level=Level.COMMUNE, province__code="20")
    assert communes.count() == 65
    assert communes.filter(division_type="phường").count() == 4
    assert communes.filter(division_type="xã").count() == 61
    assert {"Phường Kỳ Lừa", "Phường Tam Thanh", "Phường Lương Văn Tri", "Phường Đông Kinh"} == set(
        communes.filter(division_type="phường").values_list("name", flat=True)
    )


@pytest.mark.parametrize(
    ("day", "provinces", "ls_districts", "ls_communes"),
    [
        (D(2018, 12, 31), 63, 11, 194),
        (LAST_DAY_OF_THREE_TIERS, 63, 11, 194),
        (FIRST_DAY_OF_TWO_TIERS, 34, 0, 65),
        (D(2026, 1, 1), 34, 0, 65),
    ],
)
def test_in_force_gives_the_units_of_the_day(
    db: None, day: dt.date, provinces: int, ls_districts: int, ls_communes: int
) -> None:
    assert len(units(day, Level.PROVINCE)) == provinces
    assert len(units(day, Level.DISTRICT, "20")) == ls_districts
    assert len(units(day, Level.COMMUNE, "20")) == ls_communes
    assert all(u.in_force_on(day) for u in units(day, Level.PROVINCE))


def test_a_unit_knows_whether_it_is_in_force(db: None) -> None:
    district = AdminUnit.objects.get(scheme=Scheme.BEFORE_2025, level=Level.DISTRICT, code="189")
    assert district.in_force_on(LAST_DAY_OF_THREE_TIERS)
    assert not district.in_force_on(FIRST_DAY_OF_TWO_TIERS)
    ward = AdminUnit.objects.get(scheme=Scheme.FROM_2025, name="Phường Kỳ Lừa")
    assert not ward.in_force_on(LAST_DAY_OF_THREE_TIERS)
    assert ward.in_force_on(FIRST_DAY_OF_TWO_TIERS)


@pytest.mark.parametrize("text", ["Lạng Sơn", "lang son", "LẠNG SƠN", "20", "Tỉnh Lạng Sơn", " lạng  sơn "])
@pytest.mark.parametrize(
    ("day", "scheme"),
    [
        (D(2018, 12, 31), Scheme.BEFORE_2025),
        (LAST_DAY_OF_THREE_TIERS, Scheme.BEFORE_2025),
        (FIRST_DAY_OF_TWO_TIERS, Scheme.FROM_2025),
    ],
)
def test_a_province_resolves_by_code_or_name_to_the_unit_in_force(
    gazetteer: Gazetteer, text: str, day: dt.date, scheme: str
) -> None:
    province = gazetteer.province(text, day)
    assert (province.code, province.name, province.scheme) == ("20", "Tỉnh Lạng Sơn", scheme)


@pytest.mark.parametrize("text", ["Hà Nội", "ha noi", "HÀ NỘI", "Thành phố Hà Nội", "1"])
def test_a_centrally_run_city_resolves_by_its_name(gazetteer: Gazetteer, text: str) -> None:
    # "Hà Nội" is as much the city's name as "Lạng Sơn" is the province's.
    for day, scheme in ((D(2018, 12, 31), Scheme.BEFORE_2025), (D(2025, 12, 31), Scheme.FROM_2025)):
        province = gazetteer.province(text, day)
        assert (province.code, province.scheme) == ("1", scheme)


def test_an_unknown_province_gives_a_vietnamese_message(gazetteer: Gazetteer) -> None:
    with pytest.raises(UnitNotFound, match="Không tìm thấy tỉnh/thành phố “Xứ Mơ”"):
        gazetteer.province("Xứ Mơ", D(2018, 1, 1))


def test_folding_ignores_case_diacritics_and_spacing() -> None:
    assert fold("ĐÌNH LẬP") == fold("Đình Lập") == fold("dinh lap") == fold("  Đình   Lập ") == "dinh lap"
    assert fold("Hữu Lũng") == "huu lung"
    assert fold("Kỳ Lừa") == fold("KY LUA")
    # Decomposed input (as some keyboards and spreadsheets produce) folds the same way.
    assert fold("La\u0323ng So\u031bn") == "lang son"


@pytest.mark.parametrize("text", ["Phường Kỳ Lừa", "phuong ky lua", "Kỳ Lừa", "KY LUA", "6187"])
def test_a_new_commune_is_found_without_diacritics(gazetteer: Gazetteer, text: str) -> None:
    day = D(2025, 8, 1)
    unit = gazetteer.area(text, gazetteer.province("20", day), day)
    assert (unit.name, unit.scheme) == ("Phường Kỳ Lừa", Scheme.FROM_2025)


def test_an_organisation_is_found_by_a_folded_name(load: Loader) -> None:
    load(organizations=[{"code": "HTX-DL", "name": "Hợp tác xã Nông lâm Đình Lập", "established": "2010-01-01"}])
    for query in ("đình lập", "DINH LAP", "nong lam dinh", "htx-dl"):
        found = Organisation.objects.filter(search_name__contains=fold(query))
        assert list(found.values_list("code", flat=True)) == ["HTX-DL"], query


# (area as typed, established, area code, former district code, current commune name)
PLACEMENTS = [
    # An old commune: its district is known, its new commune comes from the conversion table.
    ("Tân Thành, Hữu Lũng", "2010-01-01", "6442", "186", "Xã Tân Thành"),
    ("6628", "2010-01-01", "6628", "189", "Xã Đình Lập"),
    ("Xã Đình Lập", "2015-05-05", "6628", "189", "Xã Đình Lập"),
    # Thị trấn Đình Lập (6613) kept its code as the new Xã Đình Lập.
    ("Thị trấn Đình Lập", "2015-05-05", "6613", "189", "Xã Đình Lập"),
    # A new commune after 1/7/2025, whose former communes all lay in one district.
    ("Tân Thành", "2025-08-01", "6445", "186", "Xã Tân Thành"),
    ("Xã Đình Lập", "2025-08-01", "6613", "189", "Xã Đình Lập"),
    ("dinh lap", "2025-08-01", "6613", "189", "Xã Đình Lập"),
]


@pytest.mark.parametrize(("area", "established", "code", "district", "commune"), PLACEMENTS)
def test_an_organisation_is_located_in_both_schemes(
    load: Loader, area: str, established: str, code: str, district: str, commune: str
) -> None:
    load(organizations=[{"code": "X", "established": established, "area": area}])
    org = Organisation.objects.get(code="X")
    assert org.area is not None and org.area.code == code
    assert org.former_district is not None
    assert org.former_district.code == district
    assert org.former_district.level == Level.DISTRICT
    assert org.current_commune is not None
    assert org.current_commune.name == commune
    assert org.current_commune.scheme == Scheme.FROM_2025
    assert org.former_province is not None and org.former_province.scheme == Scheme.BEFORE_2025
    assert org.current_province is not None and org.current_province.scheme == Scheme.FROM_2025
    assert org.former_province.code == org.current_province.code == "20"


def test_an_old_record_placed_at_a_district_has_no_new_commune(load: Loader) -> None:
    load(organizations=[{"code": "X", "established": "2010-01-01", "area": "Huyện Đình Lập"}])
    org = Organisation.objects.get(code="X")
    assert org.former_district is not None and org.former_district.code == "189"
    assert org.current_commune is None


def test_an_organisation_without_area_still_has_its_province_in_both_schemes(load: Loader) -> None:
    load(organizations=[{"code": "X", "established": "2010-01-01", "area": ""}])
    org = Organisation.objects.get(code="X")
    assert org.former_province is not None and org.former_province.scheme == Scheme.BEFORE_2025
    assert org.current_province is not None and org.current_province.scheme == Scheme.FROM_2025
    assert org.former_district is None and org.current_commune is None


def test_a_commune_of_another_province_is_not_found(gazetteer: Gazetteer) -> None:
    day = D(2018, 1, 1)
    with pytest.raises(UnitNotFound, match="Không tìm thấy"):
        gazetteer.area("Phường Phúc Xá", gazetteer.province("20", day), day)


GROUPING_ORGS = [
    {"code": "A", "established": "2010-01-01", "area": "Tân Thành, Hữu Lũng"},
    {"code": "B", "established": "2011-01-01", "area": "Xã Hồ Sơn"},  # Hữu Lũng too
    {"code": "C", "established": "2012-01-01", "area": "6628"},  # Đình Lập
    {"code": "D", "established": "2013-01-01", "area": "Huyện Cao Lộc"},  # district only
    {"code": "E", "established": "2025-08-01", "area": "Tân Thành"},  # new commune (Hữu Lũng)
]


def group_counts(year: int, by: str) -> dict[str, int]:
    blocks = snapshot(year, by=by).kind("HTX")  # type: ignore[arg-type]
    return {row.label: row.year.active for row in blocks.groups}


def test_grouping_by_area_gives_the_units_of_the_year(load: Loader) -> None:
    load(organizations=GROUPING_ORGS)
    assert group_counts(2024, "area") == {"Huyện Hữu Lũng": 2, "Huyện Đình Lập": 1, "Huyện Cao Lộc": 1}
    # Xã Hồ Sơn became part of the new Xã Hữu Lũng; a record placed only at a district has no new
    # commune.
    assert group_counts(2025, "area") == {
        "Xã Tân Thành": 2,
        "Xã Hữu Lũng": 1,
        "Xã Đình Lập": 1,
        "Chưa xác định địa bàn": 1,
    }


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (2024, {"Huyện Hữu Lũng": 2, "Huyện Đình Lập": 1, "Huyện Cao Lộc": 1}),
        (2025, {"Huyện Hữu Lũng": 3, "Huyện Đình Lập": 1, "Huyện Cao Lộc": 1}),
    ],
)
def test_grouping_by_former_district_works_for_any_year(load: Loader, year: int, expected: dict[str, int]) -> None:
    load(organizations=GROUPING_ORGS)
    assert group_counts(year, "former-district") == expected


def test_grouping_by_province_gives_the_province_of_the_year(load: Loader) -> None:
    load(organizations=[*GROUPING_ORGS, {"code": "H", "established": "2010-01-01", "province": "1"}])
    assert group_counts(2024, "province") == {"Tỉnh Lạng Sơn": 4, "Thành phố Hà Nội": 1}
    assert group_counts(2025, "province") == {"Tỉnh Lạng Sơn": 5, "Thành phố Hà Nội": 1}


def test_grouping_across_the_reform_keys_by_units_of_each_scheme(load: Loader) -> None:
    load(organizations=GROUPING_ORGS)
    snap = snapshot(2025, baseline=2024, by="area")
    keys = {row.key for row in snap.kind("HTX").groups}
    units = AdminUnit.objects.filter(pk__in=[int(k) for k in keys if k])
    # The groups of the year are the new communes; those of the baseline are the former districts.
    assert {u.scheme for u in units} == {Scheme.FROM_2025, Scheme.BEFORE_2025}
    by_label = {row.label: row for row in snap.kind("HTX").groups}
    assert by_label["Huyện Hữu Lũng"].year.active == 0
    assert by_label["Huyện Hữu Lũng"].baseline is not None
    assert by_label["Huyện Hữu Lũng"].baseline.active == 2
    assert by_label["Xã Đình Lập"].year.active == 1


@pytest.mark.parametrize("text", ["Huyện Hữu Lũng", "186"])
def test_a_district_is_refused_after_the_reform(gazetteer: Gazetteer, text: str) -> None:
    day = FIRST_DAY_OF_TWO_TIERS
    with pytest.raises(UnitNotFound, match="1/7/2025"):
        gazetteer.area(text, gazetteer.province("20", day), day)
    before = LAST_DAY_OF_THREE_TIERS
    assert gazetteer.area(text, gazetteer.province("20", before), before).code == "186"


def test_an_old_commune_split_between_new_ones_follows_its_first_listed_target(load: Loader) -> None:
    # Xã Bính Xá (6622, Đình Lập) was split between the new Xã Đình Lập (6613, listed first) and
    # Xã Kiên Mộc (6625); neither kept its code.
    load(organizations=[{"code": "X", "established": "2010-01-01", "area": "6622"}])
    org = Organisation.objects.get()
    assert org.current_commune is not None
    assert (org.current_commune.code, org.current_commune.name) == ("6613", "Xã Đình Lập")
    assert org.former_district is not None and org.former_district.code == "189"


def test_an_organisation_of_a_merged_province_is_grouped_in_its_new_province(load: Loader) -> None:
    # Hà Giang (2) became part of Tuyên Quang (8) on 1/7/2025 (Resolution 202/2025/QH15).
    load(organizations=[{"code": "HG", "established": "2010-01-01", "province": "Hà Giang"}])
    org = Organisation.objects.get()
    assert org.former_province is not None and org.former_province.name == "Tỉnh Hà Giang"
    assert org.current_province is not None and org.current_province.name == "Tỉnh Tuyên Quang"
    assert group_counts(2024, "province") == {"Tỉnh Hà Giang": 1}
    assert group_counts(2025, "province") == {"Tỉnh Tuyên Quang": 1}
    tuyen_quang = AdminUnit.objects.provinces().in_force(D(2025, 12, 31)).get(code="8")
    assert snapshot(2025, province=tuyen_quang).kind("HTX").total.year.active == 1


@pytest.mark.parametrize(
    ("established", "area_name", "area_scheme"),
    [("2010-01-01", "Xã Hòa Sơn", Scheme.BEFORE_2025), ("2025-08-01", "Xã Tân Thành", Scheme.FROM_2025)],
)
def test_a_code_is_read_in_the_scheme_of_the_establishment_date(
    load: Loader, established: str, area_name: str, area_scheme: str
) -> None:
    # 6445 was Xã Hòa Sơn (Hữu Lũng) before 1/7/2025 and is the new Xã Tân Thành from then on.
    load(organizations=[{"code": "X", "established": established, "area": "6445"}])
    org = Organisation.objects.get()
    assert org.area is not None
    assert (org.area.name, org.area.scheme) == (area_name, area_scheme)
    assert org.current_commune is not None and org.current_commune.name == "Xã Tân Thành"
    assert org.former_district is not None and org.former_district.code == "186"
