"""Production settings: `check --deploy` is clean with production environment variables, there is no default
secret key, every response carries a Content-Security-Policy that the pages keep to, CSRF is enforced and
passwords are validated."""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from pytest_django import Settings

REPO = Path(__file__).resolve().parent.parent


def manage(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """manage.py in a fresh process with only the given environment (and PATH): no test settings leak in."""
    environment = {
        "PATH": os.environ.get("PATH", ""),
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "KTTT_DATA_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path}/kttt.sqlite3",
        **env,
    }
    command = [sys.executable, str(REPO / "manage.py"), *args]
    return subprocess.run(command, env=environment, cwd=REPO, capture_output=True, text=True, timeout=300, check=False)


PRODUCTION = {"ALLOWED_HOSTS": "kttt.langson.gov.vn", "SECURE_PROXY_SSL_HEADER": "HTTP_X_FORWARDED_PROTO,https"}


def test_the_deployment_check_is_clean_with_production_variables(tmp_path: Path) -> None:
    done = manage(
        tmp_path, "check", "--deploy", "--fail-level", "WARNING", SECRET_KEY=secrets.token_urlsafe(50), **PRODUCTION
    )
    assert done.returncode == 0, done.stderr
    assert "no issues" in done.stdout


def test_production_has_no_default_secret_key(tmp_path: Path) -> None:
    done = manage(tmp_path, "check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert done.returncode != 0
    assert "security.W009" in done.stderr


def test_debug_alone_runs_with_a_local_key(tmp_path: Path) -> None:
    done = manage(tmp_path, "check", DEBUG="true")
    assert done.returncode == 0, done.stderr


def test_every_response_carries_the_security_headers(client: Client, db: None) -> None:
    response = client.get("/cong-khai/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_with_debug_the_policy_only_reports(client: Client, db: None, settings: Settings) -> None:
    settings.DEBUG = True
    response = client.get("/cong-khai/")
    assert "Content-Security-Policy" not in response and "Content-Security-Policy-Report-Only" in response


INLINE = re.compile(r"<script(?![^>]*\ssrc=)[^>]*>|<style[\s>]|\sstyle=|\son[a-z]+=", re.IGNORECASE)


@pytest.mark.parametrize("template", sorted(REPO.glob("kttt/*/templates/**/*.html")), ids=lambda p: p.name)
def test_templates_have_no_inline_scripts_or_styles(template: Path) -> None:
    """The policy allows no inline code: styles and scripts belong in static files."""
    text = re.sub(r"\{#.*?#\}|\{% comment %\}.*?\{% endcomment %\}", "", template.read_text(), flags=re.DOTALL)
    assert INLINE.findall(text) == []


def test_forms_need_the_csrf_token(db: None) -> None:
    client = Client(enforce_csrf_checks=True)
    assert client.post("/dang-nhap/", {"username": "a", "password": "b"}).status_code == 403


@pytest.mark.parametrize("password", ["ngan-9", "1234567890123", "password123", "canbo-langson"])
def test_weak_passwords_are_refused(db: None, password: str) -> None:
    from django.contrib.auth.models import User

    with pytest.raises(ValidationError):
        validate_password(password, User(username="canbo-langson"))
    validate_password("Rung-tre-xanh-2026", User(username="canbo-langson"))
