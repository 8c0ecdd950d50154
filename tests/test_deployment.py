"""Deployment (docs/deployment.md): gunicorn serves KTTT with the shipped configuration the way nginx reaches it;
the shipped systemd unit, environment file and the settings table name only variables KTTT reads, so none of
them can drift from config/settings.py and config/gunicorn.py; the health check answers without a login."""

from __future__ import annotations

import ast
import http.client
import json
import re
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.files.storage import storages
from django.db import OperationalError, connection
from django.test import Client

from kttt.web.storage import StaticFilesStorage
from tests.conftest import BIN, kttt_environment

REPO = Path(__file__).resolve().parent.parent
DEPLOY = REPO / "deploy"
VISITOR = "203.0.113.7"  # a documentation address (RFC 5737), as nginx would pass it in X-Real-IP


def variables_read(path: Path) -> set[str]:
    """The environment variables a settings module reads: os.environ.get("X"), os.environ["X"], envbool("X", …),
    envlist("X", …), os.environ.setdefault("X", …)."""
    readers = {"os.environ.get", "envbool", "envlist", "os.environ.setdefault"}
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        # Only literal names: the helpers envbool and envlist themselves pass a parameter on.
        if isinstance(node, ast.Call) and ast.unparse(node.func) in readers and isinstance(node.args[0], ast.Constant):
            names.add(str(node.args[0].value))
        if isinstance(node, ast.Subscript) and ast.unparse(node.value) == "os.environ":
            names.add(str(ast.literal_eval(node.slice)))
    return names


READ = variables_read(REPO / "config" / "settings.py") | variables_read(REPO / "config" / "gunicorn.py")


def test_the_variables_kttt_reads_are_found() -> None:
    assert {"SECRET_KEY", "DATABASE_URL", "SECURE_PROXY_SSL_HEADER", "KTTT_BIND", "KTTT_TIMEOUT"} <= READ
    assert "DJANGO_SETTINGS_MODULE" not in READ


def environment_file_names(text: str) -> dict[str, bool]:
    """NAME → whether it is set (True) or only shown commented out (False)."""
    return {name: not hash for hash, name in re.findall(r"^(#?)([A-Z][A-Z0-9_]*)=", text, re.MULTILINE)}


def test_the_environment_file_names_only_variables_kttt_reads() -> None:
    names = environment_file_names((DEPLOY / "kttt.env").read_text())
    assert set(names) - READ == set()
    required = {"SECRET_KEY", "ALLOWED_HOSTS", "CSRF_TRUSTED_ORIGINS", "DATABASE_URL", "KTTT_DATA_DIR"}
    assert {name for name, is_set in names.items() if is_set} >= required | {"SECURE_PROXY_SSL_HEADER", "KTTT_BIND"}


@pytest.mark.parametrize("unit", sorted(path.name for path in DEPLOY.glob("*.service")))
def test_the_systemd_units_take_kttts_settings_and_name_no_other_variable(unit: str) -> None:
    text = (DEPLOY / unit).read_text()
    assert "EnvironmentFile=/etc/kttt/kttt.env\n" in text
    inline = re.findall(r"^Environment=(.*)$", text, re.MULTILINE)
    names = {assignment.split("=")[0].strip('"') for line in inline for assignment in line.split()}
    assert names - READ == set()
    assert re.search(r"^ExecStart=/opt/kttt/current/\.venv/bin/(gunicorn|kttt) ", text, re.MULTILINE)


def test_the_settings_table_lists_every_variable_kttt_reads() -> None:
    rows = re.findall(r"^\| (`[A-Z].*?) \|", (REPO / "docs" / "deployment.md").read_text(), re.MULTILINE)
    documented = {name for row in rows for name in re.findall(r"`([A-Z][A-Z0-9_]*)`", row)}
    assert documented == READ


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class Server:
    """gunicorn on 127.0.0.1:port; get() sends the headers nginx adds (deploy/nginx-kttt.conf)."""

    def __init__(self, process: subprocess.Popen[str], port: int) -> None:
        self.process, self.port = process, port

    def get(self, path: str, behind_nginx: bool = True) -> tuple[int, dict[str, str], bytes]:
        headers = {"X-Forwarded-Proto": "https", "X-Real-IP": VISITOR} if behind_nginx else {}
        client = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            client.request("GET", path, headers=headers)
            response = client.getresponse()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
        finally:
            client.close()

    def wait_until_up(self) -> None:
        deadline = time.monotonic() + 60  # a limit on waiting, not a measurement
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"gunicorn stopped (exit {self.process.returncode}): {self.process.communicate()}")
            try:
                self.get("/suc-khoe/")
                return
            except OSError:
                time.sleep(0.1)
        pytest.fail("gunicorn did not answer")


@pytest.fixture
def gunicorn(migrated_sqlite: Path, tmp_path: Path) -> Iterator[Server]:
    """gunicorn as deploy/kttt.service starts it: the shipped configuration, production settings as in
    deploy/kttt.env, started outside the repository."""
    port = free_port()
    environment = kttt_environment(
        tmp_path,
        DATABASE_URL=f"sqlite:///{migrated_sqlite}",
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO,https",
        KTTT_CLIENT_IP_HEADER="HTTP_X_REAL_IP",
        KTTT_BIND=f"127.0.0.1:{port}",
        KTTT_WORKERS="1",
    )
    command = [str(BIN / "gunicorn"), "--config", "python:config.gunicorn"]
    process = subprocess.Popen(
        command, env=environment, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    server = Server(process, port)
    try:
        server.wait_until_up()
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_gunicorn_serves_the_pages_and_static_files(gunicorn: Server) -> None:
    status, headers, _ = gunicorn.get("/")
    assert (status, headers["location"]) == (302, "/cong-khai/")

    status, headers, body = gunicorn.get("/cong-khai/")
    assert status == 200, body[:2000]
    assert "strict-transport-security" in headers  # production settings, seen as HTTPS through the proxy header
    stylesheet = re.search(rb'href="(/static/[^"]+\.css)"', body)
    assert stylesheet, body[:2000]

    status, headers, body = gunicorn.get(stylesheet.group(1).decode())
    assert (status, headers["content-type"].split(";")[0]) == (200, "text/css")
    assert body

    status, headers, _ = gunicorn.get("/cong-khai/", behind_nginx=False)
    assert (status, headers["location"]) == (301, f"https://127.0.0.1:{gunicorn.port}/cong-khai/")

    gunicorn.process.terminate()
    log, _ = gunicorn.process.communicate(timeout=30)
    assert re.search(rf'^{VISITOR} \[.*\] "GET /cong-khai/ HTTP/1.1" 200 \d+ \d+ms', log, re.MULTILINE), log


def test_static_names_are_hashed_once_collectstatic_has_written_its_manifest(tmp_path: Path) -> None:
    assert isinstance(storages["staticfiles"], StaticFilesStorage)  # the storage collectstatic runs with
    assert StaticFilesStorage(location=tmp_path).url("web/kttt.css") == "/static/web/kttt.css"

    manifest = {"version": "1.1", "paths": {"web/kttt.css": "web/kttt.5aa5a80f146d.css"}, "hash": "0"}
    (tmp_path / "staticfiles.json").write_text(json.dumps(manifest))
    assert StaticFilesStorage(location=tmp_path).url("web/kttt.css") == "/static/web/kttt.5aa5a80f146d.css"


def test_the_health_check_answers_without_a_login(client: Client, db: None) -> None:
    response = client.get("/suc-khoe/")
    assert (response.status_code, response.content) == (200, b"ok\n")
    assert "no-cache" in response["Cache-Control"]


def test_the_health_check_says_when_the_database_is_unreachable(
    client: Client, db: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    def unreachable() -> None:
        raise OperationalError("server closed the connection")

    with monkeypatch.context() as patch:  # undone before the test database is rolled back
        patch.setattr(connection, "ensure_connection", unreachable)
        response = client.get("/suc-khoe/")
    assert response.status_code == 503
    assert response.content.decode() == "Không kết nối được cơ sở dữ liệu.\n"
