"""Detect text typed with legacy Vietnamese fonts (TCVN3/ABC, VNI-Windows) and convert it to Unicode.

Officers' old workbooks and CSV files were typed with 8-bit fonts: the file holds Windows-1252 bytes that
only the font draws as Vietnamese letters. Read by openpyxl, or decoded as cp1252/latin-1, such a cell
shows as "Hîp t¸c x· N«ng nghiÖp" (TCVN3) or "Hôïp taùc xaõ Noâng nghieäp" (VNI). ``to_unicode``
recognises both and converts the whole cell; any other text is only normalised to NFC.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final, Literal

Encoding = Literal["TCVN3", "VNI"]


@dataclass(frozen=True)
class Converted:
    text: str  # Unicode NFC, stripped of nothing else
    encoding: Encoding | None  # which legacy encoding was detected and converted, None if already Unicode


# ---------------------------------------------------------------------------------------------------
# Code charts. Every vowel row lists the letter without tone, then huyền (grave), hỏi (hook),
# ngã (tilde), sắc (acute), nặng (dot below).
# ---------------------------------------------------------------------------------------------------

# TCVN 5712:1993 VN3 ("ABC", fonts .VnTime, .VnArial), as byte values. Untoned a e i o u y are plain ASCII.
# The base font has lower-case letters only, plus the seven capitals Ă Â Ê Ô Ơ Ư Đ; other capitals come
# from the .VnTimeH fonts, which reuse the lower-case byte values and therefore decode to lower case.
_TCVN3_CHART: Final[tuple[tuple[str, bytes], ...]] = (
    ("àảãáạ", b"\xb5\xb6\xb7\xb8\xb9"),
    ("ăằẳẵắặ", b"\xa8\xbb\xbc\xbd\xbe\xc6"),
    ("âầẩẫấậ", b"\xa9\xc7\xc8\xc9\xca\xcb"),
    ("èẻẽéẹ", b"\xcc\xce\xcf\xd0\xd1"),
    ("êềểễếệ", b"\xaa\xd2\xd3\xd4\xd5\xd6"),
    ("ìỉĩíị", b"\xd7\xd8\xdc\xdd\xde"),
    ("òỏõóọ", b"\xdf\xe1\xe2\xe3\xe4"),
    ("ôồổỗốộ", b"\xab\xe5\xe6\xe7\xe8\xe9"),
    ("ơờởỡớợ", b"\xac\xea\xeb\xec\xed\xee"),
    ("ùủũúụ", b"\xef\xf1\xf2\xf3\xf4"),
    ("ưừửữứự", b"\xad\xf5\xf6\xf7\xf8\xf9"),
    ("ỳỷỹýỵ", b"\xfa\xfb\xfc\xfd\xfe"),
    ("đ", b"\xae"),
    ("ĂÂÊÔƠƯĐ", b"\xa1\xa2\xa3\xa4\xa5\xa6\xa7"),
)

# VNI-Windows (fonts VNI-Times, VNI-Helve), as the cp1252 characters a reader shows: an ASCII base letter
# followed by one mark byte (â/ê/ô and ă take a combined "hat + tone" byte); i, ơ, ư, đ and ỵ have bytes of
# their own. Capitals use the upper-case Latin-1 twin of every byte (0x20 lower), so only lower case is
# listed and case is taken from the first character when decoding.
_VNI_CHART: Final[tuple[tuple[str, tuple[str, ...]], ...]] = (
    ("aàảãáạ", ("a", "aø", "aû", "aõ", "aù", "aï")),
    ("ăằẳẵắặ", ("aê", "aè", "aú", "aü", "aé", "aë")),
    ("âầẩẫấậ", ("aâ", "aà", "aå", "aã", "aá", "aä")),
    ("eèẻẽéẹ", ("e", "eø", "eû", "eõ", "eù", "eï")),
    ("êềểễếệ", ("eâ", "eà", "eå", "eã", "eá", "eä")),
    ("iìỉĩíị", ("i", "ì", "æ", "ó", "í", "ò")),
    ("oòỏõóọ", ("o", "oø", "oû", "oõ", "où", "oï")),
    ("ôồổỗốộ", ("oâ", "oà", "oå", "oã", "oá", "oä")),
    ("ơờởỡớợ", ("ô", "ôø", "ôû", "ôõ", "ôù", "ôï")),
    ("uùủũúụ", ("u", "uø", "uû", "uõ", "uù", "uï")),
    ("ưừửữứự", ("ö", "öø", "öû", "öõ", "öù", "öï")),
    ("yỳỷỹýỵ", ("y", "yø", "yû", "yõ", "yù", "î")),
    ("đ", ("ñ",)),
)

# Vietnamese syllable structure (tone marks removed): onset, vowel nucleus, final consonant. Nuclei that
# already end in a semivowel (ai, ao, ...) take no final consonant.
_ONSETS: Final = "ngh ng nh ch gh gi kh ph qu th tr b c d đ g h k l m n p r s t v x"
_OPEN_NUCLEI: Final = "a ă â e ê i o ô ơ u ư y oa oă oe oo uâ uê uy uơ iê yê uô ươ uyê"
_CLOSED_NUCLEI: Final = (
    "ai ao au ay âu ây eo êu ia iu oi ôi ơi ua ui ưa ưi ưu iêu yêu oai oay oao oeo uôi ươi ươu uây uya uyu"
)
_CODAS: Final = "ng nh ch c m n p t"

_DESCRIPTIONS: Final[dict[Encoding, str]] = {
    "TCVN3": "TCVN3 (ABC, phông .VnTime)",
    "VNI": "VNI-Windows (phông VNI-Times)",
}


# ---------------------------------------------------------------------------------------------------
# Tables derived from the charts
# ---------------------------------------------------------------------------------------------------


def _tcvn3_table() -> dict[int, str]:
    # TCVN3 uses only 0xA1-0xFE, where cp1252, latin-1 and Unicode agree, so byte value == code point.
    return {byte: letter for letters, codes in _TCVN3_CHART for letter, byte in zip(letters, codes, strict=True)}


def _vni_table() -> dict[str, str]:
    # Identity rows (plain "a", and "ì"/"í" which VNI shares with Unicode) need no rewriting.
    return {
        seq: letter for letters, seqs in _VNI_CHART for letter, seq in zip(letters, seqs, strict=True) if seq != letter
    }


def _untoned_letters() -> dict[str, tuple[str, bool]]:
    # Lower-case Vietnamese letter -> (letter without tone, carries a tone?), for the syllable check.
    return {letter: (letters[0], index > 0) for letters, _ in _VNI_CHART[:-1] for index, letter in enumerate(letters)}


def _alternation(words: str) -> str:
    # Longest first, so that "ngh" is tried before "ng" and "n".
    return "|".join(sorted(words.split(), key=len, reverse=True))


_TCVN3: Final = _tcvn3_table()
_VNI: Final = _vni_table()
_VNI_PATTERN: Final = re.compile("|".join(sorted(map(re.escape, _VNI), key=len, reverse=True)), re.IGNORECASE)
_UNTONED: Final = _untoned_letters()
_SYLLABLE: Final = re.compile(
    rf"(?:{_alternation(_ONSETS)})?"
    rf"(?:(?:{_alternation(_OPEN_NUCLEI)})(?:{_alternation(_CODAS)})?|(?:{_alternation(_CLOSED_NUCLEI)}))"
)
# A "word" for scoring: letters and digits plus every Latin-1 symbol, because TCVN3 draws letters with
# symbol code points ("t¸c", "x·"); the soft hyphen U+00AD is TCVN3's ư.
_WORD: Final = re.compile(r"[\w\xa1-\xff]+")
_ASCII_CONSONANT: Final = re.compile(r"[b-df-hj-np-tv-xzB-DF-HJ-NP-TV-XZ]")
# Characters cp1252 puts at 0x80-0x9F (smart quotes, dashes...): a cp1252-decoded legacy file may hold them.
_CP1252_EXTRA: Final = frozenset(bytes(range(0x80, 0xA0)).decode("cp1252", errors="ignore"))


# ---------------------------------------------------------------------------------------------------
# Decoding
# ---------------------------------------------------------------------------------------------------


def _decode_tcvn3(text: str) -> str:
    return text.translate(_TCVN3)


def _vni_letter(match: re.Match[str]) -> str:
    sequence = match.group()
    letter = _VNI[sequence.lower()]
    # VNI capitals are "A" + "Ù" etc.; follow the base letter so a stray lower-case mark byte still works.
    return letter.upper() if sequence[0].isupper() else letter


def _decode_vni(text: str) -> str:
    return _VNI_PATTERN.sub(_vni_letter, text)


_DECODERS: Final[dict[Encoding, Callable[[str], str]]] = {"TCVN3": _decode_tcvn3, "VNI": _decode_vni}


# ---------------------------------------------------------------------------------------------------
# Detection
# ---------------------------------------------------------------------------------------------------


def _is_syllable(word: str) -> bool:
    """True if `word` (any case) spells one well-formed Vietnamese syllable with at most one tone."""
    base: list[str] = []
    tones = 0
    for char in word.lower():
        plain, toned = _UNTONED.get(char, (char, False))
        base.append(plain)
        tones += toned
    return tones <= 1 and _SYLLABLE.fullmatch("".join(base)) is not None


def _ordinary_case(word: str) -> bool:
    # Legacy text puts capital Latin-1 letters mid-word ("nghiÖp", "tÝn"); real words are lower, UPPER or Title.
    return word in {word.lower(), word.upper(), word[:1].upper() + word[1:].lower()}


def _score(text: str, decode: Callable[[str], str]) -> int:
    """Words that only read as Vietnamese once decoded, minus words that the decoding turns into garbage."""
    support = against = 0
    for word in _WORD.findall(text):
        decoded = decode(word)
        if decoded == word:
            continue  # nothing this encoding would change: no evidence either way
        if not _is_syllable(decoded):
            against += 1
        elif _ASCII_CONSONANT.search(word) and not (_ordinary_case(word) and _is_syllable(word)):
            # A word that is already valid Unicode Vietnamese ("Nông", "Hòa") is ambiguous and proves
            # nothing. Without an ASCII consonant a word is too weak to count: a lone symbol ("½") or a
            # foreign vowel cluster (French "où" reads as VNI "ó").
            support += 1
    return support - against


def _could_be_legacy(text: str) -> bool:
    # Legacy fonts live in single bytes: a character outside cp1252 (ợ, đ, a combining mark of NFD text)
    # proves the cell is Unicode already, so a mixed cell is never half-converted.
    has_high = False
    for char in text:
        if ord(char) > 0xFF and char not in _CP1252_EXTRA:
            return False
        has_high = has_high or ord(char) > 0x7F
    return has_high


def _detect(text: str) -> Encoding | None:
    if not _could_be_legacy(text):
        return None
    scores = {encoding: _score(text, decode) for encoding, decode in _DECODERS.items()}
    ranked = sorted(scores.values(), reverse=True)
    if ranked[0] <= 0 or ranked[0] == ranked[1]:
        return None  # no net evidence, or both encodings fit equally well: leave the text alone
    return max(scores, key=scores.__getitem__)


# ---------------------------------------------------------------------------------------------------
# Public interface
# ---------------------------------------------------------------------------------------------------


def to_unicode(text: str) -> Converted:
    """Detect TCVN3 or VNI-Windows text (as it appears after a cp1252/latin-1 decoding or in an Excel cell
    typed with a legacy font) and convert it; always return NFC."""
    if text.isascii():
        return Converted(text, None)  # already NFC, and legacy text always has a byte above 0x7F
    encoding = _detect(text)
    if encoding is not None:
        text = _DECODERS[encoding](text)
    return Converted(unicodedata.normalize("NFC", text), encoding)


def describe(encoding: Encoding) -> str:
    """Vietnamese phrase for messages, e.g. 'TCVN3 (ABC, phông .VnTime)' / 'VNI-Windows (phông VNI-Times)'."""
    return _DESCRIPTIONS[encoding]
