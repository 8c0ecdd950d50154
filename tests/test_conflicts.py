"""No lost updates: two people edit the same record; the second save is refused with what the first changed, and
nothing is written until the second person saves again having seen it."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from kttt.annual import services, workflow
from kttt.annual.models import AnnualFigures
from kttt.audit.conflicts import Conflict
from kttt.exchange.importer import import_sheets
from kttt.exchange.reader import sheets_from_rows
from kttt.registry.models import Organisation
from kttt.registry.services import OrganisationData, update_organisation
from tests.conftest import Loader, province_officer

YEAR = 2024


@pytest.fixture
def org(load: Loader) -> Organisation:
    load(
        organizations=[
            {"code": "HTX-A", "name": "Hợp tác xã Chè", "area": "Huyện Cao Lộc", "established": "2010-03-15"}
        ]
    )
    return Organisation.objects.get(code="HTX-A")


def _data(org: Organisation, name: str) -> OrganisationData:
    return OrganisationData(org.code, name, org.kind, org.sector, org.province, org.area, org.established)


def test_a_stale_organisation_save_is_refused_with_the_change_made_since(org: Organisation) -> None:
    lan, minh = province_officer("lan", first_name="Lan"), province_officer("minh")
    read = org.version
    update_organisation(org, _data(org, "Hợp tác xã Chè Tân Thành"), actor=lan, version=read)
    stale = Organisation.objects.get(pk=org.pk)
    stale.version = read
    with pytest.raises(Conflict) as refused:
        update_organisation(stale, _data(stale, "HTX Chè"), actor=minh, version=read)
    message = refused.value.messages[0]
    assert "lan" in message and "Hợp tác xã Chè → Hợp tác xã Chè Tân Thành" in message
    assert Organisation.objects.get(pk=org.pk).name == "Hợp tác xã Chè Tân Thành"
    saved = update_organisation(stale, _data(stale, "HTX Chè"), actor=minh, version=refused.value.current)
    assert saved.name == "HTX Chè" and saved.version == read + 2


def test_saving_without_changes_keeps_the_version(org: Organisation) -> None:
    before = org.version
    update_organisation(org, _data(org, org.name), version=before)
    assert Organisation.objects.get(pk=org.pk).version == before


def test_stale_figures_are_refused_and_new_figures_made_meanwhile_too(org: Organisation) -> None:
    services.save_figures(org, YEAR, {"members": 10}, version=0)  # read when there were none: fine
    with pytest.raises(Conflict):
        services.save_figures(org, YEAR, {"members": 11}, version=0)  # someone stored figures meanwhile
    row = AnnualFigures.objects.get(organisation=org, year=YEAR)
    services.save_figures(org, YEAR, {"members": 12}, version=row.version)
    with pytest.raises(Conflict) as refused:
        services.save_figures(org, YEAR, {"members": 13}, version=row.version)
    assert "10 → 12" in refused.value.messages[0]
    assert AnnualFigures.objects.get(organisation=org, year=YEAR).members == 12


def test_imports_and_workflow_steps_move_the_version_on(org: Organisation) -> None:
    read = org.version
    import_sheets(sheets_from_rows({"organizations": [{**_row(org), "name": "HTX Chè mới"}]}))
    stale = Organisation.objects.get(pk=org.pk)
    with pytest.raises(Conflict):
        update_organisation(stale, _data(stale, "HTX khác"), version=read)
    services.save_figures(org, YEAR, {"members": 10})
    row = AnnualFigures.objects.get(organisation=org, year=YEAR)
    workflow.submit(org, YEAR)
    with pytest.raises(Conflict):
        services.save_figures(org, YEAR, {"members": 11}, version=row.version)


def _row(org: Organisation) -> dict[str, Any]:
    return {
        "code": org.code,
        "name": org.name,
        "kind": org.kind,
        "sector": org.sector,
        "province": "20",
        "area": "Huyện Cao Lộc",
        "established": org.established.isoformat(),
        "dissolved": "",
    }


def test_two_officers_editing_the_same_page(client: Client, org: Organisation) -> None:
    url = reverse("registry:edit", kwargs={"pk": org.pk})
    first, second = Client(), Client()
    first.force_login(province_officer("lan"))
    second.force_login(province_officer("minh"))

    def form(client: Client) -> dict[str, str]:
        html = client.get(url).content.decode()
        version = re.search(r'name="version" value="(\d+)"', html)
        assert version is not None
        return {
            "action": "save",
            "version": version.group(1),
            "code": org.code,
            "kind": org.kind,
            "sector": org.sector,
            "province": str(org.province_id),
            "area": org.area.code if org.area else "",
            "established": org.established.strftime("%d/%m/%Y"),
        }

    mine, theirs = form(first), form(second)
    assert first.post(url, mine | {"name": "HTX Chè Lan sửa"}).status_code == 302
    response = second.post(url, theirs | {"name": "HTX Chè Minh sửa"})
    html = response.content.decode()
    assert response.status_code == 200 and "trong lúc bạn sửa" in html and "HTX Chè Lan sửa" in html
    assert 'value="HTX Chè Minh sửa"' in html  # what the second officer typed is kept
    assert Organisation.objects.get(pk=org.pk).name == "HTX Chè Lan sửa"
    current = re.search(r'name="version" value="(\d+)"', html)
    assert current is not None and int(current.group(1)) == Organisation.objects.get(pk=org.pk).version
    again = second.post(url, theirs | {"name": "HTX Chè Minh sửa", "version": current.group(1)})
    assert again.status_code == 302 and Organisation.objects.get(pk=org.pk).name == "HTX Chè Minh sửa"


def test_the_api_refuses_a_stale_write_with_409(client: Client, org: Organisation) -> None:
    client.force_login(province_officer("lan"))
    detail = reverse("api:organisation", kwargs={"code": org.code})
    read = client.get(detail).json()["version"]
    update_organisation(org, _data(org, "HTX đổi tên"), version=read)  # someone else, meanwhile
    stale = client.patch(detail, json.dumps({"name": "HTX của Lan", "version": read}), content_type="application/json")
    assert stale.status_code == 409 and "HTX đổi tên" in stale.json()["detail"]
    assert Organisation.objects.get(pk=org.pk).name == "HTX đổi tên"
    fresh = {"name": "HTX của Lan", "version": stale.json()["version"]}
    assert client.patch(detail, json.dumps(fresh), content_type="application/json").status_code == 200
    figures = reverse("api:figures", kwargs={"code": org.code, "year": YEAR})
    assert client.get(figures).json()["version"] == 0
    services.save_figures(org, YEAR, {"members": 10})  # someone else, meanwhile
    late = client.put(figures, json.dumps({"members": 11, "version": 0}), content_type="application/json")
    assert late.status_code == 409 and AnnualFigures.objects.get(organisation=org, year=YEAR).members == 10
