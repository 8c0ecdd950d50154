"""The upload page /nhap-du-lieu/: check without writing, commit the same file, the log page and its undo."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from django.test import Client
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook
from pytest_django import Settings

from kttt.annual.models import AnnualFigures
from kttt.exchange.models import ImportLog, Outcome
from kttt.registry.models import Organisation

ORGS = [
    ["code", "name", "kind", "sector", "province", "area", "established"],
    ["HTX-W1", "Hợp tác xã Chè Bắc Sơn", "HTX", "nong-nghiep", "20", "", "15/03/2010"],
]
ANNUAL = [["code", "year", "members", "workers"], ["HTX-W1", 2018, 25, 10], ["HTX-W1", 2019, "nhiều", 10]]


def workbook(*, bad: bool = False) -> bytes:
    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for name, rows in (("organizations", ORGS), ("annual", ANNUAL if bad else ANNUAL[:2])):
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def officer(client: Client, db: None, settings: Settings, tmp_path: Path) -> Client:
    settings.DATA_DIR = tmp_path
    client.force_login(User.objects.create_user("canbo", password="x"))
    return client


def check(client: Client, data: bytes, name: str = "so-lieu.xlsx") -> Any:
    upload = SimpleUploadedFile(name, data)
    return client.post(reverse("exchange:upload"), {"file": upload, "check": ""})


def test_anonymous_visitors_are_sent_to_the_login(client: Client, db: None) -> None:
    for url in (reverse("exchange:upload"), reverse("exchange:log", kwargs={"pk": 1})):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("web:login"))


def test_the_page_offers_the_form(officer: Client) -> None:
    html = officer.get(reverse("exchange:upload")).content.decode()
    assert 'type="file"' in html and "Kiểm tra (không ghi)" in html


def test_a_check_shows_every_error_with_its_place_and_writes_nothing(officer: Client) -> None:
    response = check(officer, workbook(bad=True))
    html = response.content.decode()
    assert response.status_code == 200
    assert "trang annual" in html and "<td>members</td>" in html and re.search(r'<td class="num">3</td>', html)
    assert "Ghi vào cơ sở dữ liệu" not in html
    assert not Organisation.objects.exists()
    log = ImportLog.objects.get()
    assert (log.outcome, log.dry_run, log.error_count) == (Outcome.REFUSED, True, 1)
    assert log.user is not None and log.actor == "Web: canbo"


def test_a_clean_check_then_commit_writes_the_same_file_and_logs_it(officer: Client) -> None:
    html = check(officer, workbook()).content.decode()
    assert "Ghi vào cơ sở dữ liệu" in html and not Organisation.objects.exists()
    checked = ImportLog.objects.get()
    assert checked.outcome == Outcome.CHECKED and checked.counts["organizations"]["created"] == 1
    response = officer.post(reverse("exchange:upload"), {"log": checked.pk, "commit": ""})
    committed = ImportLog.objects.exclude(pk=checked.pk).get()
    assert response["Location"] == reverse("exchange:log", kwargs={"pk": committed.pk})
    assert committed.outcome == Outcome.COMMITTED and committed.sha256 == checked.sha256
    assert AnnualFigures.objects.get().members == 25
    page = officer.get(response["Location"]).content.decode()
    assert "Hoàn tác lần nhập này" in page and "Đã ghi" in page


def test_a_file_over_the_limit_is_refused_with_the_limit(officer: Client, settings: Settings) -> None:
    settings.KTTT_IMPORT_MAX_BYTES = 1000
    html = check(officer, workbook()).content.decode()
    with translation.override("vi"):
        assert str(filesizeformat(1000)) in html
    assert not Organisation.objects.exists()
    log = ImportLog.objects.get()
    assert log.outcome == Outcome.REFUSED and str(filesizeformat(1000)) in log.messages[0]["message"]


def test_the_size_limit_defaults_to_50_mb(officer: Client, settings: Settings) -> None:
    del settings.KTTT_IMPORT_MAX_BYTES
    from kttt.exchange.uploads import max_bytes

    assert max_bytes() == 50 * 1024 * 1024


def test_another_kind_of_file_is_refused(officer: Client) -> None:
    html = check(officer, b"%PDF-1.4", name="bao-cao.pdf").content.decode()
    assert "errors" in html or "error" in html
    assert ImportLog.objects.get().outcome == Outcome.REFUSED


def test_a_tampered_stored_file_is_refused_at_commit(officer: Client) -> None:
    check(officer, workbook())
    checked = ImportLog.objects.get()
    stored = Path(django_settings.DATA_DIR) / checked.stored_file
    stored.write_bytes(workbook(bad=True))
    response = officer.post(reverse("exchange:upload"), {"log": checked.pk, "commit": ""}, follow=True)
    assert "không khớp" in response.content.decode()
    assert not Organisation.objects.exists()
    refused = ImportLog.objects.exclude(pk=checked.pk).get()
    assert refused.outcome == Outcome.REFUSED and not refused.dry_run


def test_the_log_page_undoes_a_commit_with_a_reason(officer: Client) -> None:
    check(officer, workbook())
    officer.post(reverse("exchange:upload"), {"log": ImportLog.objects.get().pk, "commit": ""})
    committed = ImportLog.objects.get(outcome=Outcome.COMMITTED)
    url = reverse("exchange:log", kwargs={"pk": committed.pk})
    assert "error" in officer.post(url, {"reason": ""}).content.decode()  # a reason is required
    assert Organisation.objects.exists()
    response = officer.post(url, {"reason": "nhầm năm"}, follow=True)
    assert "Đã hoàn tác" in response.content.decode()
    assert not Organisation.objects.exists()
    committed.refresh_from_db()
    assert committed.outcome == Outcome.UNDONE and committed.undo_reason == "nhầm năm"
    assert committed.undone_by is not None and committed.undone_by.username == "canbo"
    again = officer.post(url, {"reason": "lần nữa"}, follow=True).content.decode()
    assert "Hoàn tác lần nhập này" not in again


def test_a_refused_undo_shows_why(officer: Client) -> None:
    check(officer, workbook())
    officer.post(reverse("exchange:upload"), {"log": ImportLog.objects.get().pk, "commit": ""})
    committed = ImportLog.objects.get(outcome=Outcome.COMMITTED)
    AnnualFigures.objects.update(members=30)
    url = reverse("exchange:log", kwargs={"pk": committed.pk})
    html = officer.post(url, {"reason": "thử"}, follow=True).content.decode()
    assert "đã được sửa sau lần nhập" in html
    assert Organisation.objects.exists()


def test_the_upload_page_lists_recent_imports(officer: Client) -> None:
    check(officer, workbook())
    html = officer.get(reverse("exchange:upload")).content.decode()
    log = ImportLog.objects.get()
    assert reverse("exchange:log", kwargs={"pk": log.pk}) in html and "so-lieu.xlsx" in html
