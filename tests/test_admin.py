from __future__ import annotations

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from tests.conftest import Loader

MODELS = sorted(
    (model._meta.app_label, model._meta.model_name)
    for model in admin.site._registry
    if model._meta.app_label not in {"auth"}
)

# Written by the system only (the import log, the audit trail): listed in the admin, never added or changed there.
READ_ONLY = {("exchange", "importlog"), ("audit", "entry")}


@pytest.fixture
def staff(client: Client, db: None) -> Client:
    client.force_login(User.objects.create_superuser("quantri", "", "mat-khau-dai-123"))
    return client


def test_every_kttt_model_has_an_admin() -> None:
    apps = {app for app, _ in MODELS}
    assert {"areas", "registry", "annual", "rules"} <= apps


@pytest.mark.parametrize(("app", "model"), MODELS)
def test_it_lists_and_offers_to_add(staff: Client, load: Loader, app: str, model: str) -> None:
    load(
        organizations=[{"code": "HTX-1", "established": "2015-03-01", "area": "Tân Thành, Hữu Lũng"}],
        annual=[{"code": "HTX-1", "year": "2018", "members": "9"}],
    )
    assert staff.get(reverse(f"admin:{app}_{model}_changelist")).status_code == 200
    if (app, model) in READ_ONLY:
        assert staff.get(reverse(f"admin:{app}_{model}_add")).status_code == 403
        return
    add = staff.get(reverse(f"admin:{app}_{model}_add"))
    assert add.status_code == 200
    # Foreign keys to the ~14,000 administrative units or thousands of organisations must be searched,
    # not offered as one enormous drop-down.
    assert add.content.count(b"<option") < 500, (app, model)


def test_the_admin_speaks_vietnamese(staff: Client) -> None:
    page = staff.get(reverse("admin:index")).content.decode()
    assert "Quản trị" in page
    assert "Tổ chức kinh tế tập thể" in page
    assert "Đăng xuất" in page and "Đổi mật khẩu" in page  # the site's wording, also in the admin


def test_an_organisation_page_shows_its_figures_and_derived_location(staff: Client, load: Loader) -> None:
    load(
        organizations=[{"code": "HTX-1", "established": "2015-03-01", "area": "Tân Thành, Hữu Lũng"}],
        annual=[{"code": "HTX-1", "year": "2018", "members": "9"}],
    )
    from kttt.registry.models import Organisation

    org = Organisation.objects.get(code="HTX-1")
    page = staff.get(reverse("admin:registry_organisation_change", args=[org.pk])).content.decode()
    assert "Huyện Hữu Lũng" in page
    assert "Số liệu hằng năm" in page or "số liệu năm" in page.lower()


def test_saving_in_the_admin_derives_the_location(staff: Client, load: Loader) -> None:
    from kttt.areas.models import AdminUnit
    from kttt.registry.models import Organisation

    commune = AdminUnit.objects.get(scheme="before-2025", level="commune", code="6628")
    province = commune.province
    assert province is not None
    data = {
        "code": "HTX-NEW",
        "name": "Hợp tác xã Mới",
        "kind": "HTX",
        "sector": "nong-nghiep",
        "province": province.pk,
        "area": commune.pk,
        "established": "01/02/2016",
        "status_changes-TOTAL_FORMS": "1",
        "status_changes-INITIAL_FORMS": "0",
        "status_changes-0-date": "31/12/2020",
        "status_changes-0-status": "giai-the",
        "annual_figures-TOTAL_FORMS": "0",
        "annual_figures-INITIAL_FORMS": "0",
        "member_links-TOTAL_FORMS": "0",
        "member_links-INITIAL_FORMS": "0",
    }
    response = staff.post(reverse("admin:registry_organisation_add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    org = Organisation.objects.get(code="HTX-NEW")
    assert org.former_district is not None and org.former_district.code == "189"
    assert org.current_commune is not None and org.current_commune.scheme == "2025"
    assert str(org.dissolved) == "2020-12-31"
    assert str(org.established) == "2016-02-01"  # day first, as Vietnamese officers write dates
