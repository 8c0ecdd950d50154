"""Organisation create/edit pages and the registry services behind them (issue: web application)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from kttt.annual.models import AnnualFigures
from kttt.areas.models import AdminUnit, Level, Scheme
from kttt.registry import services
from kttt.registry.models import Kind, Organisation, StatusChange
from kttt.registry.services import OrganisationData
from tests.conftest import Loader, lang_son, province_officer

D = dt.date
NEW_LANG_SON_DAY = D(2025, 8, 1)


@pytest.fixture
def officer(client: Client, db: None) -> Client:
    client.force_login(province_officer("canbo", password="x"))
    return client


@pytest.fixture
def htx(load: Loader) -> Organisation:
    """An HTX of Tân Thành (Hữu Lũng), established 2010, with figures for 2018."""
    load(
        organizations=[{"code": "HTX-A", "established": "2010-03-15", "area": "Tân Thành, Hữu Lũng"}],
        annual=[{"code": "HTX-A", "year": "2018", "members": "12", "workers": "20"}],
    )
    return Organisation.objects.get(code="HTX-A")


def new_org(**changes: str) -> dict[str, str]:
    return {
        "action": "save",
        "code": "HTX-NEW",
        "name": "Hợp tác xã Chè Hữu Lũng",
        "kind": "HTX",
        "sector": "nong-nghiep",
        "established": "15/03/2018",
        "province": str(lang_son().pk),
        "area": "Tân Thành, Hữu Lũng",
    } | changes


def edit_data(org: Organisation, **changes: str) -> dict[str, str]:
    return new_org(code=org.code, name=org.name, kind=org.kind, established=f"{org.established:%d/%m/%Y}") | changes


def page(response: Any) -> str:
    return str(response.content.decode())


@pytest.mark.parametrize("path", ["/to-chuc/them/", "/to-chuc/1/sua/"])
def test_anonymous_visitors_are_sent_to_the_login_page(client: Client, db: None, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/dang-nhap/")


def test_the_create_form_is_vietnamese_and_labels_every_input(officer: Client) -> None:
    html = page(officer.get("/to-chuc/them/"))
    assert "Thêm tổ chức" in html and "Ngày thành lập" in html
    for name in ("code", "name", "kind", "sector", "established", "province", "area"):
        assert f'<label for="id_{name}">' in html, name
    assert 'list="area-options"' in html and "<datalist" in html


def test_an_organisation_is_created_with_its_derived_location(officer: Client, db: None) -> None:
    response = officer.post("/to-chuc/them/", new_org())
    org = Organisation.objects.get(code="HTX-NEW")
    assert response.status_code == 302 and response["Location"] == f"/to-chuc/{org.pk}/"
    assert org.established == D(2018, 3, 15) and org.kind == Kind.HTX
    assert org.area is not None and org.area.name == "Xã Tân Thành" and org.area.scheme == Scheme.BEFORE_2025
    assert org.former_district is not None and org.former_district.name == "Huyện Hữu Lũng"
    assert org.current_commune is not None and org.current_commune.scheme == Scheme.FROM_2025
    assert org.former_province is not None and org.current_province is not None
    messages = page(officer.get(response["Location"]))
    assert "Đã thêm tổ chức" in messages


def test_the_province_of_the_other_system_is_replaced_by_its_twin_of_that_date(officer: Client, db: None) -> None:
    """Lạng Sơn exists before and after 1/7/2025 under the same code and name: the unit of the date is meant."""
    officer.post("/to-chuc/them/", new_org(province=str(lang_son(NEW_LANG_SON_DAY).pk)))
    org = Organisation.objects.get(code="HTX-NEW")
    assert org.province == lang_son()


def test_an_organisation_established_after_the_reform_is_placed_at_its_new_commune(officer: Client, db: None) -> None:
    data = new_org(established="01/08/2025", province=str(lang_son(NEW_LANG_SON_DAY).pk), area="tan thanh")
    officer.post("/to-chuc/them/", data)
    org = Organisation.objects.get(code="HTX-NEW")
    assert org.area == org.current_commune and org.area is not None and org.area.scheme == Scheme.FROM_2025
    assert org.former_district is not None and org.former_district.name == "Huyện Hữu Lũng"


def test_a_blank_code_takes_the_next_code_of_the_kind(officer: Client, load: Loader) -> None:
    load(organizations=[{"code": code, "established": "2010-01-01"} for code in ("LS-HTX-0041", "LS-HTX-0009", "X")])
    assert "HTX → LS-HTX-0042" in page(officer.get("/to-chuc/them/"))
    officer.post("/to-chuc/them/", new_org(code=""))
    assert Organisation.objects.filter(code="LS-HTX-0042", name="Hợp tác xã Chè Hữu Lũng").exists()
    assert services.suggest_code("THT") == "THT-0001"


# (what is changed, the Vietnamese message expected)
REFUSALS = [
    ({"code": "HTX-A"}, "Mã “HTX-A” đã được dùng cho"),
    ({"established": "01/01/2099"}, "Ngày thành lập ở tương lai."),
    ({"established": "31/02/2018"}, "“31/02/2018” không phải là ngày hợp lệ"),
    ({"area": "Phường Phúc Xá"}, "Không tìm thấy xã/phường/thị trấn hoặc huyện “Phường Phúc Xá” thuộc Tỉnh Lạng Sơn"),
    ({"area": "Phường Lương Văn Tri"}, "Phường Lương Văn Tri không có hiệu lực vào ngày 15/03/2018"),
    ({"established": "01/08/2025", "area": "Huyện Hữu Lũng"}, "là huyện cũ"),
    ({"area": ""}, "Trường này là bắt buộc."),
    ({"name": ""}, "Trường này là bắt buộc."),
]


@pytest.mark.parametrize(("changes", "message"), REFUSALS)
def test_bad_input_is_refused_with_a_message_and_nothing_is_written(
    officer: Client, htx: Organisation, changes: dict[str, str], message: str
) -> None:
    before = list(Organisation.objects.values_list("pk", "code", "name", "area_id"))
    response = officer.post("/to-chuc/them/", new_org(**changes))
    html = page(response)
    assert response.status_code == 200
    assert message in html
    assert "Chưa lưu được" in html
    assert list(Organisation.objects.values_list("pk", "code", "name", "area_id")) == before
    for value in filter(None, changes.values()):  # what was typed is kept
        assert f'value="{value}"' in html


def test_a_province_not_in_force_on_the_date_is_refused(officer: Client, db: None) -> None:
    yen_bai = AdminUnit.objects.get(level=Level.PROVINCE, scheme=Scheme.BEFORE_2025, name="Tỉnh Yên Bái")
    response = officer.post("/to-chuc/them/", new_org(established="01/08/2025", province=str(yen_bai.pk), area="x"))
    assert "Tỉnh Yên Bái không có hiệu lực vào ngày 01/08/2025" in page(response)
    assert not Organisation.objects.filter(code="HTX-NEW").exists()


def test_an_error_is_tied_to_its_input_for_screen_readers(officer: Client, htx: Organisation) -> None:
    html = page(officer.post("/to-chuc/them/", new_org(code="HTX-A")))
    tag = re.search(r'<input[^>]*name="code"[^>]*>', html)
    assert tag is not None
    assert 'aria-invalid="true"' in tag.group(0)
    assert "id_code_error" in tag.group(0) and 'id="id_code_error"' in html


def test_the_edit_page_shows_the_stored_values(officer: Client, htx: Organisation) -> None:
    html = page(officer.get(f"/to-chuc/{htx.pk}/sua/"))
    assert 'value="HTX-A"' in html and 'value="15/03/2010"' in html
    assert 'value="Xã Tân Thành, Hữu Lũng"' in html
    assert "Thêm thay đổi trạng thái" in html
    assert f"/to-chuc/{htx.pk}/so-lieu/2018/" in html


def test_an_edit_changes_the_organisation_and_its_derived_location(officer: Client, htx: Organisation) -> None:
    data = edit_data(htx, name="Hợp tác xã Chè Tân Thành", area="Huyện Cao Lộc")
    response = officer.post(f"/to-chuc/{htx.pk}/sua/", data)
    assert response.status_code == 302 and response["Location"] == f"/to-chuc/{htx.pk}/"
    htx.refresh_from_db()
    assert htx.name == "Hợp tác xã Chè Tân Thành"
    assert htx.former_district is not None and htx.former_district.name == "Huyện Cao Lộc"
    assert htx.current_commune is None  # placed at a district only
    assert "che tan thanh" in htx.search_name


def test_an_organisation_outside_the_registry_is_not_found(officer: Client, db: None) -> None:
    assert officer.get("/to-chuc/999999/sua/").status_code == 404


@pytest.mark.parametrize(
    ("established", "message"),
    [("01/01/2019", "Đã có số liệu năm: Năm 2018 trước năm thành lập (01/01/2019)."), ("01/01/2099", "tương lai")],
)
def test_an_edit_may_not_leave_figures_before_the_establishment(
    officer: Client, htx: Organisation, established: str, message: str
) -> None:
    response = officer.post(f"/to-chuc/{htx.pk}/sua/", edit_data(htx, established=established))
    assert message in page(response)
    htx.refresh_from_db()
    assert htx.established == D(2010, 3, 15)


def test_a_union_member_cannot_become_a_cooperative_group(load: Loader, officer: Client) -> None:
    load(
        organizations=[
            {"code": "HTX-M", "established": "2012-01-01", "area": "Tân Thành, Hữu Lũng"},
            {"code": "LH-1", "kind": "LHHTX", "established": "2014-05-01", "area": "Huyện Cao Lộc"},
        ],
        union_members=[{"union_code": "LH-1", "member_code": "HTX-M", "joined": "2014-05-01", "left": ""}],
    )
    member, union = Organisation.objects.get(code="HTX-M"), Organisation.objects.get(code="LH-1")
    html = page(officer.post(f"/to-chuc/{member.pk}/sua/", edit_data(member, kind="THT")))
    assert "thành viên của liên hiệp phải là hợp tác xã" in html
    html = page(officer.post(f"/to-chuc/{union.pk}/sua/", edit_data(union, kind="HTX", area="Huyện Cao Lộc")))
    assert "Liên hiệp đang có 1 hợp tác xã thành viên" in html
    assert set(Organisation.objects.values_list("kind", flat=True)) == {"HTX", "LHHTX"}


def test_a_new_union_is_reminded_of_the_minimum_number_of_members(officer: Client, db: None) -> None:
    response = officer.post("/to-chuc/them/", new_org(kind="LHHTX"), follow=True)
    assert "Liên hiệp hợp tác xã phải có ít nhất 4 hợp tác xã thành viên" in page(response)
    assert "Luật Hợp tác xã số 23/2012/QH13" in page(response)


def status(**changes: str) -> dict[str, str]:
    return {"action": "status", "status-date": "30/06/2020", "status-status": "giai-the", "status-document": ""} | {
        f"status-{k}": v for k, v in changes.items()
    }


def test_a_dissolution_sets_the_end_date(officer: Client, htx: Organisation) -> None:
    response = officer.post(f"/to-chuc/{htx.pk}/sua/", status(document="QĐ 12/QĐ-UBND"))
    assert response.status_code == 302
    htx.refresh_from_db()
    assert htx.dissolved == D(2020, 6, 30)
    change = StatusChange.objects.get(organisation=htx)
    assert (change.status, change.document) == ("giai-the", "QĐ 12/QĐ-UBND")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"date": "01/01/2009"}, "Ngày 01/01/2009 trước ngày thành lập 15/03/2010."),
        ({"date": "30/06/2017"}, "Đã có số liệu năm: Năm 2018 sau khi tổ chức đã chấm dứt hoạt động (30/06/2017)."),
        ({"date": "01/01/2099"}, "Ngày 01/01/2099 ở tương lai."),
        ({"status": ""}, "Trường này là bắt buộc."),
    ],
)
def test_a_bad_status_change_is_refused(
    officer: Client, htx: Organisation, changes: dict[str, str], message: str
) -> None:
    response = officer.post(f"/to-chuc/{htx.pk}/sua/", status(**changes))
    assert message in page(response)
    assert not StatusChange.objects.exists()
    htx.refresh_from_db()
    assert htx.dissolved is None


def test_the_location_lists_follow_the_date_and_province(officer: Client, db: None) -> None:
    """The htmx request behind the date and province inputs; the same lists without JavaScript by "refresh"."""
    old = lang_son()
    query = {"fragment": "location", "established": "01/08/2025", "province": str(old.pk)}
    html = page(officer.get("/to-chuc/them/", query, HTTP_HX_REQUEST="true"))
    options = html.split("<datalist")[1]
    assert '<option value="Phường Lương Văn Tri">' in options and "Huyện" not in options  # no districts after
    assert f'<option value="{lang_son(NEW_LANG_SON_DAY).pk}" selected>' in html
    html = page(officer.get("/to-chuc/them/", query | {"established": "01/01/2018"}, HTTP_HX_REQUEST="true"))
    assert '<option value="Xã Tân Thành, Hữu Lũng">' in html and '<option value="Huyện Hữu Lũng">' in html
    response = officer.post("/to-chuc/them/", new_org(action="refresh", established="01/08/2025"))
    assert response.status_code == 200 and '<option value="Phường Lương Văn Tri">' in page(response)
    assert not Organisation.objects.exists()


def data(code: str = "HTX-S", established: dt.date | None = None) -> OrganisationData:
    """What a caller without HTTP passes to the services: units resolved with the importer's gazetteer."""
    from kttt.areas.gazetteer import shared_gazetteer

    day = established or D(2018, 3, 15)
    gazetteer = shared_gazetteer()
    province = gazetteer.province("20", day)
    area = gazetteer.area("Tân Thành, Hữu Lũng", province, day)
    return OrganisationData(code, "HTX dịch vụ", "HTX", "nong-nghiep", province, area, day)


def test_the_services_work_without_http(db: None) -> None:
    org = services.create_organisation(data())
    assert org.pk and org.former_district is not None and org.current_commune is not None
    with pytest.raises(ValidationError) as refused:
        services.create_organisation(data())
    assert "đã được dùng" in str(refused.value.message_dict["code"])
    services.update_organisation(org, data(established=D(2019, 1, 1)))
    assert Organisation.objects.get(pk=org.pk).established == D(2019, 1, 1)
    services.add_status_change(org, D(2021, 5, 1), "thu-hoi", "QĐ 1")
    services.add_status_change(org, D(2022, 5, 1), "hoat-dong")  # re-registered
    assert Organisation.objects.get(pk=org.pk).dissolved is None
    with pytest.raises(ValidationError):
        services.add_status_change(org, D(2022, 5, 1), "hoat-dong")
    AnnualFigures.objects.create(organisation=org, year=2023)
    with pytest.raises(ValidationError):
        services.add_status_change(org, D(2022, 12, 1), "giai-the")
    assert Organisation.objects.get(pk=org.pk).dissolved is None


def test_a_commune_of_another_province_is_refused_by_the_service(db: None) -> None:
    from kttt.areas.gazetteer import shared_gazetteer

    gazetteer, day = shared_gazetteer(), D(2018, 3, 15)
    ha_noi = gazetteer.province("Hà Nội", day)
    outside = dataclasses.replace(data(), area=gazetteer.area("Phường Phúc Xá", ha_noi, day))
    with pytest.raises(ValidationError, match="Phường Phúc Xá không thuộc Tỉnh Lạng Sơn"):
        services.create_organisation(outside)
    assert not Organisation.objects.exists()


def test_a_new_kind_rechecks_the_stored_figures_against_its_legal_rules(load: Loader, officer: Client) -> None:
    load(
        organizations=[{"code": "THT-1", "kind": "THT", "established": "2015-01-01", "area": "Huyện Cao Lộc"}],
        annual=[{"code": "THT-1", "year": "2018", "members": "3"}],
    )
    org = Organisation.objects.get(code="THT-1")
    response = officer.post(f"/to-chuc/{org.pk}/sua/", edit_data(org, kind="HTX", area="Huyện Cao Lộc"), follow=True)
    assert "THT-1 năm 2018: có 3 thành viên, dưới mức tối thiểu 7" in page(response)  # a warning, after saving
    assert Organisation.objects.get(pk=org.pk).kind == "HTX"
