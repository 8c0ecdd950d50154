"""Uploaded packages are kept on the server between the check and the commit, under DATA_DIR/imports/<sha256>/,
so the commit writes exactly the file that was checked (its hash is verified again). A committed file stays as the
record of what was imported; a file only checked (or refused) is removed by `kttt import --clean-uploads` once it
is older than a few days."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.text import get_valid_filename

from kttt.exchange.log import FileInfo, describe
from kttt.exchange.models import ImportLog, Outcome

SUFFIXES = (".xlsx", ".xls", ".csv")
DEFAULT_MAX_BYTES = 50 * 1024 * 1024


def max_bytes() -> int:
    return int(getattr(settings, "KTTT_IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES))


def imports_dir() -> Path:
    return Path(settings.DATA_DIR) / "imports"


def upload_name(upload: UploadedFile) -> str:
    return Path(upload.name or "goi-du-lieu").name


def store(upload: UploadedFile) -> tuple[FileInfo, str]:
    """Write the upload under its hash; returns its description and its path relative to DATA_DIR."""
    digest, data = hashlib.sha256(), bytearray()
    for chunk in upload.chunks():
        digest.update(chunk)
        data += chunk
    sha256 = digest.hexdigest()
    name = get_valid_filename(upload_name(upload)) or "goi-du-lieu"
    folder = imports_dir() / sha256
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(bytes(data))
    return FileInfo(upload_name(upload), sha256, len(data)), str(Path("imports") / sha256 / name)


def stored_path(relative: str) -> Path | None:
    """The stored file, if it is still there and inside the imports folder."""
    if not relative:
        return None
    path = (Path(settings.DATA_DIR) / relative).resolve()
    if not path.is_file() or imports_dir().resolve() not in path.parents:
        return None
    return path


def matches(path: Path, sha256: str) -> bool:
    return describe(path).sha256 == sha256


def remove_stale(older_than: dt.timedelta, now: dt.datetime) -> list[str]:
    """Delete the stored uploads no committed import refers to and not used for `older_than`; returns their
    folders (relative to DATA_DIR). Their logs stay, without the stored file (a commit then asks for the file)."""
    root = imports_dir()
    if not root.is_dir():
        return []
    cutoff, removed = now - older_than, []
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        relative = str(Path("imports") / folder.name)
        logs = ImportLog.objects.filter(stored_file__startswith=relative + "/")
        if logs.filter(outcome__in=[Outcome.COMMITTED, Outcome.UNDONE]).exists():
            continue
        latest = max([log.created_at for log in logs], default=None)
        touched = dt.datetime.fromtimestamp(folder.stat().st_mtime, tz=dt.UTC)
        if max(latest or touched, touched) >= cutoff:
            continue
        shutil.rmtree(folder)
        logs.update(stored_file="")
        removed.append(relative)
    return removed
