"""Legacy Vietnamese encodings (TCVN3/ABC, VNI-Windows) are detected and converted to Unicode NFC.

The encoders below are written independently of kttt.exchange.legacy: TCVN3 from the published byte chart
(listed in byte order), VNI from base letter + diacritic/tone mark bytes. Each test encodes Unicode text to
legacy bytes and decodes them the way the file reader sees them (cp1252, or latin-1 for openpyxl cells).
"""

from __future__ import annotations

import unicodedata

import pytest

from kttt.exchange.legacy import Converted, Encoding, describe, to_unicode

GRAVE, ACUTE, HOOK, TILDE, DOT = "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"
CIRCUMFLEX, BREVE, HORN = "\u0302", "\u0306", "\u031b"
TONES = (GRAVE, HOOK, TILDE, ACUTE, DOT)

# TCVN 5712:1993 VN3 (ABC) code chart, byte -> letter.
TCVN3_CHART: dict[int, str] = {
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
    0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ",
    0xB5: "à", 0xB6: "ả", 0xB7: "ã", 0xB8: "á", 0xB9: "ạ",
    0xBB: "ằ", 0xBC: "ẳ", 0xBD: "ẵ", 0xBE: "ắ",
    0xC6: "ặ", 0xC7: "ầ", 0xC8: "ẩ", 0xC9: "ẫ", 0xCA: "ấ", 0xCB: "ậ",
    0xCC: "è", 0xCE: "ẻ", 0xCF: "ẽ", 0xD0: "é", 0xD1: "ẹ",
    0xD2: "ề", 0xD3: "ể", 0xD4: "ễ", 0xD5: "ế", 0xD6: "ệ",
    0xD7: "ì", 0xD8: "ỉ", 0xDC: "ĩ", 0xDD: "í", 0xDE: "ị",
    0xDF: "ò", 0xE1: "ỏ", 0xE2: "õ", 0xE3: "ó", 0xE4: "ọ",
    0xE5: "ồ", 0xE6: "ổ", 0xE7: "ỗ", 0xE8: "ố", 0xE9: "ộ",
    0xEA: "ờ", 0xEB: "ở", 0xEC: "ỡ", 0xED: "ớ", 0xEE: "ợ",
    0xEF: "ù", 0xF1: "ủ", 0xF2: "ũ", 0xF3: "ú", 0xF4: "ụ",
    0xF5: "ừ", 0xF6: "ử", 0xF7: "ữ", 0xF8: "ứ", 0xF9: "ự",
    0xFA: "ỳ", 0xFB: "ỷ", 0xFC: "ỹ", 0xFD: "ý", 0xFE: "ỵ",
}  # fmt: skip
TCVN3_BYTES = {letter: byte for byte, letter in TCVN3_CHART.items()}

# VNI-Windows mark bytes (lower case; a capital uses the byte 0x20 lower).
VNI_TONE = {GRAVE: 0xF8, ACUTE: 0xF9, HOOK: 0xFB, TILDE: 0xF5, DOT: 0xEF}
VNI_CIRCUMFLEX = {None: 0xE2, GRAVE: 0xE0, ACUTE: 0xE1, HOOK: 0xE5, TILDE: 0xE3, DOT: 0xE4}
VNI_BREVE = {None: 0xEA, GRAVE: 0xE8, ACUTE: 0xE9, HOOK: 0xFA, TILDE: 0xFC, DOT: 0xEB}
VNI_I = {GRAVE: 0xEC, ACUTE: 0xED, HOOK: 0xE6, TILDE: 0xF3, DOT: 0xF2}
VNI_HORN = {"o": 0xF4, "u": 0xF6}  # ơ, ư are single bytes; tones follow as for plain vowels
VNI_Y_DOT, VNI_D_STROKE = 0xEE, 0xF1


def _letters() -> list[str]:
    vowels = ["a", "a" + BREVE, "a" + CIRCUMFLEX, "e", "e" + CIRCUMFLEX, "i"]
    vowels += ["o", "o" + CIRCUMFLEX, "o" + HORN, "u", "u" + HORN, "y"]
    toned = [unicodedata.normalize("NFC", vowel + tone) for vowel in vowels for tone in TONES]
    return toned + [unicodedata.normalize("NFC", v) for v in vowels if len(v) > 1] + ["đ"]


LOWER = _letters()
UPPER = [letter.upper() for letter in LOWER]


def tcvn3(text: str, *, vntimeh: bool = False) -> bytes:
    """Encode as an ABC keyboard would; with `vntimeh`, Vietnamese capitals are typed as the lower-case bytes
    that the .VnTimeH font draws as capitals."""
    out = bytearray()
    for char in text:
        if vntimeh and char.lower() in TCVN3_BYTES:
            out.append(TCVN3_BYTES[char.lower()])
        elif char in TCVN3_BYTES:
            out.append(TCVN3_BYTES[char])
        else:
            out += char.encode("ascii")
    return bytes(out)


def _vni_char(char: str) -> bytes:
    shift = 0x20 if char != char.lower() else 0
    if char.lower() == "đ":
        return bytes([VNI_D_STROKE - shift])
    decomposed = unicodedata.normalize("NFD", char)
    base, marks = decomposed[0], decomposed[1:]
    tone = next((m for m in marks if m in TONES), None)
    modifier = next((m for m in marks if m not in TONES), None)
    if base.lower() == "i" and tone:
        return bytes([VNI_I[tone] - shift])
    if base.lower() == "y" and tone == DOT:
        return bytes([VNI_Y_DOT - shift])
    if modifier == HORN:
        head, tail = bytes([VNI_HORN[base.lower()] - shift]), [VNI_TONE[tone]] if tone else []
    elif modifier == CIRCUMFLEX:
        head, tail = base.encode("ascii"), [VNI_CIRCUMFLEX[tone]]
    elif modifier == BREVE:
        head, tail = base.encode("ascii"), [VNI_BREVE[tone]]
    else:
        head, tail = base.encode("ascii"), [VNI_TONE[tone]] if tone else []
    return head + bytes(mark - shift for mark in tail)


def vni(text: str) -> bytes:
    return b"".join(_vni_char(char) for char in text)


def test_letter_inventory() -> None:
    assert len(LOWER) == 67 and len(set(LOWER)) == 67
    assert all(len(letter) == 1 for letter in LOWER + UPPER)
    assert len(LOWER) + len(UPPER) == 134


def test_encoders_match_published_samples() -> None:
    # The samples from the issue: how the same phrase looks after a cp1252 decoding.
    assert tcvn3("Hợp tác xã Nông nghiệp").decode("cp1252") == "Hîp t¸c x· N«ng nghiÖp"
    assert vni("Hợp tác xã Nông nghiệp").decode("cp1252") == "Hôïp taùc xaõ Noâng nghieäp"


CARRIER = "Hợp tác xã Nông nghiệp"  # gives the detector evidence around a lone letter, as in a real cell


@pytest.mark.parametrize("letter", LOWER + [c for c in UPPER if c in TCVN3_BYTES])
def test_tcvn3_letter(letter: str) -> None:
    phrase = f"{CARRIER} {letter}"
    assert to_unicode(tcvn3(phrase).decode("cp1252")) == Converted(phrase, "TCVN3")


@pytest.mark.parametrize("letter", LOWER + UPPER)
def test_vni_letter(letter: str) -> None:
    phrase = f"{CARRIER} {letter}"
    assert to_unicode(vni(phrase).decode("cp1252")) == Converted(phrase, "VNI")


@pytest.mark.parametrize("letter", LOWER + UPPER)
def test_vni_letter_inside_upper_case_cell(letter: str) -> None:
    phrase = f"{CARRIER.upper()} {letter}"
    assert to_unicode(vni(phrase).decode("cp1252")) == Converted(phrase, "VNI")


PHRASES = [
    "Hợp tác xã Nông nghiệp Đình Lập",
    "Tổ hợp tác",
    "Liên hiệp hợp tác xã",
    "Quỹ tín dụng nhân dân Lộc Bình",
    "Thành phố Lạng Sơn",
    "Hợp tác xã dịch vụ tổng hợp Quảng Ninh: người lao động, thu nhập 12,5 triệu đồng/tháng",
]
ENCODERS = {"TCVN3": tcvn3, "VNI": vni}


@pytest.mark.parametrize("codec", ["cp1252", "latin-1"])
@pytest.mark.parametrize("encoding", ["TCVN3", "VNI"])
@pytest.mark.parametrize("phrase", PHRASES)
def test_phrase(phrase: str, encoding: Encoding, codec: str) -> None:
    assert to_unicode(ENCODERS[encoding](phrase).decode(codec)) == Converted(phrase, encoding)


@pytest.mark.parametrize("phrase", PHRASES)
def test_vni_upper_case_phrase(phrase: str) -> None:
    assert to_unicode(vni(phrase.upper()).decode("cp1252")) == Converted(phrase.upper(), "VNI")


def test_tcvn3_vntimeh_capitals_come_back_lower_case() -> None:
    # .VnTimeH draws lower-case byte values as capitals; the bytes cannot tell, so letters come back lower case.
    legacy = tcvn3("HỢP TÁC XÃ NÔNG NGHIỆP", vntimeh=True).decode("cp1252")
    assert legacy == "HîP T¸C X· N«NG NGHIÖP"
    assert to_unicode(legacy) == Converted("HợP TáC Xã NôNG NGHIệP", "TCVN3")
    # Typed without caps lock, as most .VnTimeH users did: the whole cell reads as lower case.
    legacy = tcvn3("hợp tác xã nông nghiệp đình lập", vntimeh=True).decode("cp1252")
    assert to_unicode(legacy) == Converted("hợp tác xã nông nghiệp đình lập", "TCVN3")


@pytest.mark.parametrize(
    "text",
    [
        "Hợp tác xã Nông nghiệp Đình Lập",
        "HỢP TÁC XÃ NÔNG NGHIỆP ĐÌNH LẬP",
        "Tổ hợp tác Cà Mau",
        "Tây Ninh",
        "Hòa Bình",
        "Nông",
        "HTX-01",
        "Cao Loc",
        "Agricultural cooperative founded in 2015",
        "12345",
        "1.234,56",
        "nguyen.van.a@example.com",
        "José",
        "Café",
        "José García, Crème brûlée, Müller, naïve",
        "Où est la gare ?",
        "Share ½ cup",
        "«Bonjour»",
        "© 2024 — “quoted”",
        "   ",
    ],
)
def test_unicode_and_plain_text_unchanged(text: str) -> None:
    assert to_unicode(text) == Converted(text, None)


def test_nfd_becomes_nfc() -> None:
    text = "Hợp tác xã Nông nghiệp Đình Lập"
    decomposed = unicodedata.normalize("NFD", text)
    assert decomposed != text
    assert to_unicode(decomposed) == Converted(text, None)


def test_mixed_cell_is_never_half_converted() -> None:
    # Unicode letters prove the cell is Unicode; the legacy-looking part stays as it is.
    text = "Hợp tác xã N«ng nghiÖp"
    assert to_unicode(text) == Converted(text, None)


def test_empty() -> None:
    assert to_unicode("") == Converted("", None)


def test_describe() -> None:
    assert describe("TCVN3") == "TCVN3 (ABC, phông .VnTime)"
    assert describe("VNI") == "VNI-Windows (phông VNI-Times)"
