"""Yearly figures entry page, its drafts and the annual services behind it (issue: web application)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from kttt.annual import services
from kttt.annual.models import NUMBER_FIELDS, AnnualFigures, FiguresDraft
from kttt.indicators.queries import figures_by_group
from kttt.registry.forms import NumberField
from kttt.registry.models import Organisation
from tests.conftest import Loader, lang_son, province_officer

D = dt.date


@pytest.fixture
def officer(client: Client, db: None) -> Client:
    client.force_login(province_officer("canbo", first_name="Lan", password="x"))
    return client


@pytest.fixture
def htx(load: Loader) -> Organisation:
    """An HTX established 2010 with figures for 2018; 2019 is not reported yet."""
    load(
        organizations=[{"code": "HTX-A", "established": "2010-03-15", "area": "Tân Thành, Hữu Lũng"}],
        annual=[
            {
                "code": "HTX-A",
                "year": "2018",
                "members": "12",
                "workers": "20",
                "revenue": "900000000",
                "charter_capital": "274000000000",
            }
        ],
    )
    return Organisation.objects.get(code="HTX-A")


def url(org: Organisation, year: int) -> str:
    return f"/to-chuc/{org.pk}/so-lieu/{year}/"


def figures(action: str = "save", **values: str) -> dict[str, str]:
    """A plausible 2019 report after the 2018 one of the fixture, changed by `values`."""
    base = {"members": "13", "workers": "21", "revenue": "950.000.000", "charter_capital": "274.000.000.000"}
    return {"action": action} | dict.fromkeys(NUMBER_FIELDS, "") | base | values


def page(response: Any) -> str:
    return str(response.content.decode())


def test_anonymous_visitors_are_sent_to_the_login_page(client: Client, htx: Organisation) -> None:
    response = client.get(url(htx, 2019))
    assert response.status_code == 302 and response["Location"].startswith("/dang-nhap/")


def test_the_form_shows_every_figure_with_last_years_value_beside_it(officer: Client, htx: Organisation) -> None:
    html = page(officer.get(url(htx, 2019)))
    assert "Số liệu năm 2019" in html
    for name in NUMBER_FIELDS:
        assert f'<label for="id_{name}">' in html and f'id="id_{name}_previous"' in html, name
    assert "12 người" in html and "900.000.000 đồng (900 triệu đồng)" in html
    assert "274.000.000.000 đồng (274 tỷ đồng)" in html
    assert "Đơn vị tính: đồng" in html
    tag = re.search(r'<input[^>]*name="members"[^>]*>', html)
    assert tag is not None and "id_members_previous" in tag.group(0)  # read out with the input
    assert "Lưu nháp" in html and "Lưu số liệu" in html


def test_stored_figures_are_shown_grouped_the_vietnamese_way(officer: Client, htx: Organisation) -> None:
    html = page(officer.get(url(htx, 2018)))
    assert 'value="274.000.000.000"' in html and 'value="12"' in html


def test_vietnamese_numbers_are_read(officer: Client, load: Loader) -> None:
    load(organizations=[{"code": "HTX-N", "established": "2010-01-01"}])
    org = Organisation.objects.get(code="HTX-N")
    data = figures(members="1.810", workers="2000", worker_members="1.500", charter_capital="274.000.000.000")
    response = officer.post(url(org, 2019), data | {"revenue": "", "profit": "-5.000.000"})
    assert response.status_code == 302 and response["Location"] == f"/to-chuc/{org.pk}/"
    row = AnnualFigures.objects.get(organisation=org, year=2019)
    assert (row.members, row.workers, row.charter_capital, row.profit) == (1810, 2000, 274_000_000_000, -5_000_000)
    assert row.revenue is None  # blank is "not reported", never zero


def test_the_number_field_reads_decimals_only_where_allowed() -> None:
    assert NumberField().clean("1.810") == 1810
    assert NumberField().clean("274.000.000.000") == 274_000_000_000
    assert NumberField(decimal_places=1).clean("1.810,5") == Decimal("1810.5")
    with pytest.raises(ValidationError, match="không phải là số nguyên"):
        NumberField().clean("1.810,5")
    with pytest.raises(ValidationError, match="không được âm"):
        NumberField().clean("-3")
    assert NumberField().prepare_value(1810) == "1.810"


def warnings_digest(html: str) -> str:
    found = re.search(r'name="warnings_seen" value="([0-9a-f]+)"', html)
    assert found is not None
    return found.group(1)


def test_a_tenfold_jump_warns_and_needs_confirmation(officer: Client, htx: Organisation) -> None:
    response = officer.post(url(htx, 2019), figures(revenue="9.500.000.000"))
    html = page(response)
    assert response.status_code == 200
    assert "Doanh thu tăng từ 900.000.000 lên 9.500.000.000 (gấp 10,6 lần) so với năm 2018" in html
    assert "Tôi đã kiểm tra các cảnh báo" in html
    assert not AnnualFigures.objects.filter(year=2019).exists()
    unticked = figures(revenue="9.500.000.000") | {"warnings_seen": warnings_digest(html)}
    assert officer.post(url(htx, 2019), unticked).status_code == 200
    stale = unticked | {"warnings_seen": "0", "confirm": "on"}  # ticked for other warnings
    assert officer.post(url(htx, 2019), stale).status_code == 200
    assert not AnnualFigures.objects.filter(year=2019).exists()
    response = officer.post(url(htx, 2019), unticked | {"confirm": "on"})
    assert response.status_code == 302
    assert AnnualFigures.objects.get(year=2019).revenue == 9_500_000_000


def test_a_legal_rule_warns_with_its_law_and_article(officer: Client, htx: Organisation) -> None:
    html = page(officer.post(url(htx, 2019), figures(members="6", worker_members="")))
    assert "có 6 thành viên, dưới mức tối thiểu 7 theo khoản 1 Điều 3, Luật Hợp tác xã số 23/2012/QH13" in html
    assert not AnnualFigures.objects.filter(year=2019).exists()


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"workers": "10", "worker_members": "11"}, "Số lao động là thành viên lớn hơn tổng số lao động thường xuyên."),
        ({"managers": "3", "managers_trained": "5"}, "Số cán bộ đã qua đào tạo lớn hơn số cán bộ chủ chốt."),
        ({"members": "mười"}, "“mười” không phải là số nguyên"),
        ({"as_of": "01/01/2009"}, "Ngày 01/01/2009 tổ chức chưa được thành lập"),
    ],
)
def test_a_contradiction_is_refused_and_nothing_is_written(
    officer: Client, htx: Organisation, values: dict[str, str], message: str
) -> None:
    before = list(AnnualFigures.objects.values_list())
    response = officer.post(url(htx, 2019), figures(**values) | {"confirm": "on"})
    html = page(response)
    assert response.status_code == 200 and message in html and "Chưa lưu được" in html
    assert list(AnnualFigures.objects.values_list()) == before
    for value in values.values():
        assert f'value="{value}"' in html  # what was typed is kept


@pytest.mark.parametrize(
    ("year", "message"),
    [(2099, "Năm 2099 nằm ngoài khoảng 1990–"), (2009, "Năm 2009 trước năm thành lập (15/03/2010).")],
)
def test_a_year_outside_the_organisations_life_is_explained(
    officer: Client, htx: Organisation, year: int, message: str
) -> None:
    response = officer.get(url(htx, year))
    assert response.status_code == 404 and message in page(response)
    assert officer.post(url(htx, year), figures()).status_code == 404
    assert not AnnualFigures.objects.filter(year=year).exists()


def test_a_year_after_the_dissolution_is_explained(officer: Client, load: Loader) -> None:
    load(organizations=[{"code": "THT-1", "kind": "THT", "established": "2016-01-01", "dissolved": "2020-06-30"}])
    org = Organisation.objects.get(code="THT-1")
    assert "sau khi tổ chức đã chấm dứt hoạt động (30/06/2020)" in page(officer.get(url(org, 2021)))


def test_a_draft_keeps_invalid_text_and_is_reloaded(officer: Client, htx: Organisation) -> None:
    response = officer.post(url(htx, 2019), figures("draft", members="mười hai", workers="", source="Phiếu điều tra"))
    assert response.status_code == 302 and response["Location"] == url(htx, 2019)
    draft = FiguresDraft.objects.get(organisation=htx, year=2019)
    assert draft.data["members"] == "mười hai" and draft.data["workers"] == ""
    assert draft.saved_by is not None and draft.saved_by.username == "canbo"
    assert not AnnualFigures.objects.filter(year=2019).exists()
    html = page(officer.get(url(htx, 2019)))
    assert "Bản nháp lưu lúc" in html and "Người lưu: Lan" in html
    assert 'value="mười hai"' in html and 'value="Phiếu điều tra"' in html
    assert "Trường này" not in html and "Chưa lưu được" not in html  # a draft is not checked when reloaded


def test_a_draft_does_not_count_and_saving_the_figures_removes_it(officer: Client, htx: Organisation) -> None:
    def htx_members_2019() -> int | None:
        return figures_by_group(2019, "kind", lang_son())[("HTX", "")].members

    officer.post(url(htx, 2019), figures("draft", members="40"))
    assert htx_members_2019() is None
    response = officer.post(url(htx, 2019), figures(members="40", workers="45", worker_members="30") | {"confirm": ""})
    assert response.status_code == 302
    assert not FiguresDraft.objects.exists()
    assert htx_members_2019() == 40


def test_a_draft_can_be_discarded(officer: Client, htx: Organisation) -> None:
    officer.post(url(htx, 2019), figures("draft"))
    officer.post(url(htx, 2019), {"action": "discard"})
    assert not FiguresDraft.objects.exists()


def test_the_services_work_without_http(htx: Organisation) -> None:
    values: dict[str, Any] = {"members": 12, "workers": 20, "worker_members": 25, "revenue": 9_000_000_000}
    with pytest.raises(ValidationError) as refused:
        services.save_figures(htx, 2019, values)
    assert "worker_members" in refused.value.message_dict
    review = services.review_figures(htx, 2019, values | {"worker_members": 5}, services.previous_figures(htx, 2019))
    assert [w.column for w in review.warnings] == ["revenue"] and review.errors == []
    services.save_draft(htx, 2019, {"members": "?"}, None)
    row = services.save_figures(htx, 2019, values | {"worker_members": 5, "as_of": D(2019, 12, 31)})
    assert row.revenue == 9_000_000_000 and not FiguresDraft.objects.exists()
    services.save_figures(htx, 2019, {"revenue": 950_000_000})  # absent values keep what is stored
    row.refresh_from_db()
    assert (row.members, row.revenue) == (12, 950_000_000)
    assert services.year_problem(htx, 2009) is not None and services.year_problem(htx, 2019) is None
    assert services.figure_years(htx)[-1] == 2010
