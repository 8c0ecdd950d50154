"""The upload page /nhap-du-lieu/: check without writing, commit the same file, the log page and its undo."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path
from typing import Any
from unittest.mock import patch

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.template.defaultfilters import filesizeformat
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import Workbook
from pytest_django import Settings

from kttt.annual.models import AnnualFigures
from kttt.exchange.models import ImportLog, Outcome
from kttt.registry.models import Organisation
from tests.conftest import province_officer

ORGS = [
    ["code", "name", "kind", "sector", "province", "area", "established"],
    ["HTX-W1", "Hợp tác xã Chè Bắc Sơn", "HTX", "nong-nghiep", "20", "", "15/03/2010"],
]
ANNUAL: list[list[Any]] = [
    ["code", "year", "members", "workers"],
    ["HTX-W1", 2018, 25, 10],
    ["HTX-W1", 2019, "nhiều", 10],
]


def workbook(*, bad: bool = False, members: int = 25) -> bytes:
    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    annual = [ANNUAL[0], [*ANNUAL[1][:2], members, *ANNUAL[1][3:]], *ANNUAL[2:]]
    for name, rows in (("organizations", ORGS), ("annual", annual if bad else annual[:2])):
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def officer(client: Client, db: None, settings: Settings, tmp_path: Path) -> Client:
    settings.DATA_DIR = tmp_path
    client.force_login(province_officer("canbo", password="x"))
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
    assert "trang annual" in html and "<td>C (members)</td>" in html and re.search(r'<td class="num">3</td>', html)
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


def test_old_checked_uploads_are_cleaned_and_committed_ones_kept(officer: Client) -> None:
    check(officer, workbook())  # checked, then committed: the file is the record of what was imported
    officer.post(reverse("exchange:upload"), {"log": ImportLog.objects.get().pk, "commit": ""})
    check(officer, workbook(members=30))  # checked only, never committed
    committed = ImportLog.objects.get(outcome=Outcome.COMMITTED)
    stale_log = ImportLog.objects.filter(outcome=Outcome.CHECKED).exclude(stored_file=committed.stored_file).get()
    kept, stale = (Path(django_settings.DATA_DIR) / log.stored_file for log in (committed, stale_log))
    assert kept.is_file() and stale.is_file() and kept != stale
    out = io.StringIO()
    call_command("import", "--clean-uploads", "7", stdout=out)  # nothing is a week old yet
    assert "Đã xóa 0" in out.getvalue() and stale.is_file()
    with patch("django.utils.timezone.now", return_value=timezone.now() + dt.timedelta(days=8)):
        call_command("import", "--clean-uploads", "7", stdout=out)
    assert not stale.exists() and kept.is_file() and "Đã xóa 1" in out.getvalue()
    stale_log.refresh_from_db()
    assert stale_log.stored_file == ""
    # Committing the cleaned check asks for the file again and writes nothing.
    response = officer.post(reverse("exchange:upload"), {"log": stale_log.pk, "commit": ""}, follow=True)
    assert "không còn được lưu" in response.content.decode() and AnnualFigures.objects.get().members == 25
