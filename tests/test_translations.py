"""The interface is Vietnamese: every string marked for translation has a Vietnamese translation."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.core.management import call_command
from django.test import Client
from django.utils import translation

APPS = sorted(path.parent.parent.parent.parent for path in Path("kttt").glob("*/locale/vi/LC_MESSAGES/django.po"))


def untranslated(po: Path) -> list[str]:
    with po.open("rb") as f:
        catalogue = read_po(f, locale="vi")
    return [str(m.id) for m in catalogue if m.id and (not m.string or m.fuzzy)]


def test_the_web_app_has_a_catalogue() -> None:
    assert Path("kttt/web") in APPS


@pytest.mark.parametrize("app", APPS, ids=str)
def test_every_string_in_the_code_is_translated(app: Path, tmp_path: Path) -> None:
    """Extract the strings from a copy of the app as `makemessages` would, and find any without Vietnamese."""
    copy = tmp_path / app.name
    shutil.copytree(app, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    here = os.getcwd()
    os.chdir(copy)
    try:
        call_command("makemessages", locale=["vi"], no_obsolete=True, no_location=True, verbosity=0)
    finally:
        os.chdir(here)
    assert untranslated(copy / "locale/vi/LC_MESSAGES/django.po") == []


def test_pages_speak_vietnamese(client: Client) -> None:
    with translation.override("vi"):
        html = client.get("/dang-nhap/").content.decode()
    assert "Chuyển đến nội dung chính" in html and "Skip to content" not in html
