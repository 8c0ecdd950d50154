"""Vietnamese text helpers shared by search, import and name matching."""

import unicodedata
from functools import lru_cache

# A cell starting with one of these is run as a formula by Excel, LibreOffice and their CSV import: exports
# keep such text as text (an apostrophe in CSV, a quote prefix in XLSX).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@lru_cache(maxsize=1 << 16)  # names are sorted by it on every page: the same few thousand again and again
def fold(text: str) -> str:
    """Casefold and strip diacritics so "ĐÌNH LẬP", "Đình Lập" and "dinh lap" compare equal."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    return " ".join(text.casefold().split())


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip()
