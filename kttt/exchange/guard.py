"""Look at a file before any parser does: refuse what is empty, too big, not what its name says, locked by a
password or built to exhaust memory; note what is ignored (macros). Every refusal is a PackageError in
Vietnamese, raised before anything is read, so nothing is written."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from django.conf import settings

from kttt.exchange.errors import Note, PackageError
from kttt.numbers import number

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Excel 97-2003 (.xls) and encrypted Office files
ZIP_MAGIC = b"PK\x03\x04"
ENCRYPTED = "EncryptedPackage".encode("utf-16-le")  # the stream a password-protected .xlsx keeps
UNPACKED_FACTOR = 10  # a workbook may unpack to at most this many times the byte limit
MAX_RATIO = 200  # no real worksheet compresses this well; a zip bomb does
RATIO_FLOOR = 10 * 1024 * 1024  # the ratio is only judged on members larger than this
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


def max_bytes() -> int:
    return int(getattr(settings, "KTTT_IMPORT_MAX_BYTES", 50 * 1024 * 1024))


def max_rows() -> int:
    return int(getattr(settings, "KTTT_IMPORT_MAX_ROWS", 500_000))


def megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.0f} MB" if size >= 1024 * 1024 else f"{number(size)} byte"


def check_file(path: Path) -> list[Note]:
    """Refuse the file (PackageError) or return the notes on what will be ignored."""
    size = path.stat().st_size
    if size == 0:
        raise PackageError(f"Tệp {path.name} rỗng (0 byte).")
    if size > max_bytes():
        raise PackageError(
            f"Tệp {path.name} quá lớn ({megabytes(size)}); giới hạn là {megabytes(max_bytes())} "
            "(KTTT_IMPORT_MAX_BYTES). Hãy chia thành nhiều tệp nhỏ hơn."
        )
    suffix = path.suffix.lower()
    with path.open("rb") as handle:
        head = handle.read(8)
    if suffix in WORKBOOK_SUFFIXES:
        return _check_workbook(path, head)
    if suffix == ".xls" and head != OLE_MAGIC:
        raise PackageError(f"Tệp {path.name} không phải là tệp Excel 97-2003 (.xls) dù có đuôi .xls.")
    if suffix == ".csv" and (head.startswith(ZIP_MAGIC) or head == OLE_MAGIC):
        raise PackageError(f"Tệp {path.name} là một tệp Excel chứ không phải CSV: hãy đổi đuôi tệp cho đúng.")
    return []


def _check_workbook(path: Path, head: bytes) -> list[Note]:
    if head == OLE_MAGIC:
        if ENCRYPTED in path.read_bytes():
            raise PackageError(
                f"Tệp {path.name} được bảo vệ bằng mật khẩu nên không đọc được. Hãy mở tệp trong Excel, "
                "bỏ mật khẩu (Tệp → Thông tin → Bảo vệ sổ làm việc → Mã hóa bằng mật khẩu) rồi gửi lại."
            )
        raise PackageError(
            f"Tệp {path.name} là tệp Excel 97-2003 nhưng lại có đuôi {path.suffix}: hãy đổi đuôi thành .xls "
            "hoặc lưu lại dưới dạng .xlsx."
        )
    if not head.startswith(ZIP_MAGIC) or not zipfile.is_zipfile(path):
        raise PackageError(
            f"Tệp {path.name} không phải là tệp Excel (.xlsx) dù có đuôi {path.suffix}: có thể đây là tệp "
            "khác bị đổi tên. Hãy mở bằng Excel và lưu lại dưới dạng .xlsx."
        )
    with zipfile.ZipFile(path) as archive:
        infos = archive.infolist()
        names = {info.filename for info in infos}
        if "[Content_Types].xml" not in names or not any(n.startswith("xl/") for n in names):
            raise PackageError(f"Tệp {path.name} là tệp nén (zip) chứ không phải sổ làm việc Excel (.xlsx).")
        _check_unpacked(path, infos)
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        return [Note(path.name, 0, "", "Tệp có macro (VBA); macro không được chạy và đã được bỏ qua.")]
    return []


def _check_unpacked(path: Path, infos: list[zipfile.ZipInfo]) -> None:
    limit = max_bytes() * UNPACKED_FACTOR
    total = sum(info.file_size for info in infos)
    bomb = any(
        info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1) for info in infos
    )
    if total > limit or bomb:
        raise PackageError(
            f"Tệp {path.name} khi giải nén chiếm {megabytes(total)} (giới hạn {megabytes(limit)}, tỷ lệ nén "
            f"tối đa {MAX_RATIO}:1): tệp bất thường, có thể là tệp độc hại, nên không được đọc."
        )


def has_formulas(path: Path) -> bool:
    """Whether any worksheet of an .xlsx has a formula (read without parsing the XML)."""
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if not (name.startswith("xl/worksheets/") and name.endswith(".xml")):
                continue
            with archive.open(name) as member:
                tail = b""
                while chunk := member.read(1024 * 1024):
                    if _FORMULA.search(tail + chunk):
                        return True
                    tail = chunk[-8:]
    return False


def row_limit_error(label: str) -> PackageError:
    return PackageError(
        f"Gói dữ liệu có quá nhiều dòng: đến {label} đã vượt giới hạn {number(max_rows())} dòng "
        "(KTTT_IMPORT_MAX_ROWS). Hãy chia thành nhiều tệp nhỏ hơn."
    )
