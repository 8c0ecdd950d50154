"""Low-level helpers for the Word renderer: styles, runs, drawn rules, fields and table properties.

python-docx covers most of the formatting; the few things it lacks (paragraph borders, header rows,
fields, East-Asian font attributes) are written here as raw WordprocessingML.
"""

from __future__ import annotations

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.table import Table as DocxTable
from docx.table import _Row
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run

FONT = "Times New Roman"
LANGUAGE = "vi-VN"
BODY_PT = 14
TABLE_PT = 12
FIRST_LINE_INDENT = Cm(1.27)
TABLE_STYLE = "KTTT Table Text"

# Elements that must follow <w:pBdr> inside <w:pPr> (schema order).
_AFTER_PBDR = (
    *("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct"),
    *("w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid"),
    *("w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc"),
    *("w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId"),
    *("w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange"),
)


def set_fonts(rpr: BaseOxmlElement, name: str = FONT) -> None:
    """Name the font for every script (ascii, hAnsi, eastAsia, cs) and drop theme fonts that would win."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{attr}"), None)
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{attr}"), name)


def configure_styles(document: Document) -> None:
    """Times New Roman 14 pt, single spacing and Vietnamese language everywhere, then the named styles."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr = defaults.find(qn("w:rPrDefault") + "/" + qn("w:rPr"))
        if rpr is not None:
            set_fonts(rpr)
            for lang in rpr.findall(qn("w:lang")):
                lang.set(qn("w:val"), LANGUAGE)
                lang.set(qn("w:eastAsia"), LANGUAGE)
        spacing = defaults.find(qn("w:pPrDefault") + "/" + qn("w:pPr") + "/" + qn("w:spacing"))
        if spacing is not None:
            spacing.attrib.clear()
            spacing.set(qn("w:after"), "0")
            spacing.set(qn("w:line"), "240")
            spacing.set(qn("w:lineRule"), "auto")
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    set_fonts(normal.element.get_or_add_rPr())
    _body_style(document.styles["Body Text"])
    for level in (1, 2, 3):
        _heading_style(document.styles[f"Heading {level}"], level)
    table_text = document.styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    table_text.base_style = normal
    table_text.font.size = Pt(TABLE_PT)
    table_text.paragraph_format.space_before = Pt(2)
    table_text.paragraph_format.space_after = Pt(2)


def _body_style(style: ParagraphStyle) -> None:
    fmt = style.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt.first_line_indent = FIRST_LINE_INDENT
    fmt.space_before = Pt(6)
    fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.MULTIPLE
    fmt.line_spacing = 1.15
    fmt.widow_control = True


def _heading_style(style: ParagraphStyle, level: int) -> None:
    """Headings look like body text in bold (level 3 and deeper also italic), never blue."""
    _body_style(style)
    style.paragraph_format.space_before = Pt(10 if level == 1 else 6)
    style.paragraph_format.keep_with_next = True
    rpr = style.element.get_or_add_rPr()
    set_fonts(rpr)
    color = rpr.find(qn("w:color"))
    if color is not None:
        rpr.remove(color)
    style.font.color.rgb = RGBColor(0, 0, 0)
    style.font.size = Pt(BODY_PT)
    style.font.bold = True
    style.font.italic = level >= 3


def add_text(paragraph: DocxParagraph, text: str, size: float, *, bold: bool = False, italic: bool = False) -> Run:
    """Append a run; newlines in `text` become line breaks. The paragraph mark gets the same size."""
    run = paragraph.add_run()
    for i, line in enumerate(text.split("\n")):
        if i:
            run.add_break()
        run.add_text(line)
    run.font.size = Pt(size)
    run.font.bold = bold or None  # None: as the style says
    run.font.italic = italic or None
    mark_size(paragraph, size)
    return run


def mark_size(paragraph: DocxParagraph, size: float) -> None:
    """Size the paragraph mark, which otherwise keeps the 14 pt style size and can heighten the line."""
    ppr = paragraph._p.get_or_add_pPr()
    rpr = ppr.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        ppr.insert_element_before(rpr, "w:sectPr", "w:pPrChange")
    for tag in ("w:sz", "w:szCs"):
        for old in rpr.findall(qn(tag)):
            rpr.remove(old)
        element = OxmlElement(tag)
        element.set(qn("w:val"), str(round(size * 2)))
        rpr.append(element)


def rule(paragraph: DocxParagraph, length: float, room: float) -> None:
    """Turn an empty paragraph into a centred horizontal line `length` cm long, in `room` cm of width."""
    ppr = paragraph._p.get_or_add_pPr()
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for attr, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "auto")):
        bottom.set(qn(f"w:{attr}"), value)
    border.append(bottom)
    ppr.insert_element_before(border, *_AFTER_PBDR)
    side = Cm(max(room - length, 0) / 2)
    fmt = paragraph.paragraph_format
    fmt.left_indent = side
    fmt.right_indent = side
    fmt.first_line_indent = Cm(0)
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(4)
    mark_size(paragraph, 1)


def add_page_field(paragraph: DocxParagraph, size: float) -> None:
    """Append a PAGE field (current page number)."""
    instruction = [("begin", None), (None, " PAGE "), ("separate", None), (None, "2"), ("end", None)]
    for kind, text in instruction:
        run = paragraph.add_run()
        run.font.size = Pt(size)
        if kind is not None:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            run.add_text(text or "")


def row_flags(row: _Row, *, header: bool = False) -> None:
    """Keep a row on one page; a header row is repeated at the top of each page."""
    trpr = row._tr.get_or_add_trPr()
    for tag in ("w:cantSplit", "w:tblHeader") if header else ("w:cantSplit",):
        if trpr.find(qn(tag)) is None:
            trpr.append(OxmlElement(tag))


def keep_together(table: DocxTable) -> None:
    """Keep a short table on one page (Word's way: every row but the last keeps with the next)."""
    for row in table.rows[:-1]:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.keep_with_next = True


def set_widths(table: DocxTable, widths: list[float]) -> None:
    """Fixed column widths in cm (Word reads the cell widths, LibreOffice the grid)."""
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Cm(width)


_EM = {" ": 0.25, ",": 0.25, ".": 0.25, "-": 0.33, "(": 0.33, ")": 0.33, "/": 0.28, "%": 0.9}


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """Rough width in cm of one line of Times New Roman (per-character averages over Vietnamese text)."""
    em = 0.0
    for char in text:
        if char.isdigit():
            em += 0.5
        elif char.isupper():
            em += 0.71 if bold else 0.68
        elif char.isalpha():
            em += 0.49 if bold else 0.45
        else:
            em += _EM.get(char, 0.55)
    return em * size * 2.54 / 72


def balanced_lines(text: str, size: float, room: float, *, bold: bool = False, most: int = 3) -> str:
    """Break `text` into the fewest lines (up to `most`) of similar length that fit `room` cm.

    Explicit newlines are kept as they are; when nothing fits, the text is split into `most` lines.
    """
    words = text.split()
    if "\n" in text or not words:
        return text
    lines = [text]
    for count in range(1, min(len(words), most) + 1):
        lines = _split(words, count, size, bold)
        if _widest(lines, size, bold) <= room:
            break
    return "\n".join(lines)


def _split(words: list[str], count: int, size: float, bold: bool) -> list[str]:
    """`words` in `count` lines, making the widest line as narrow as possible."""
    if count <= 1:
        return [" ".join(words)]
    best: list[str] = []
    for cut in range(1, len(words) - count + 2):
        lines = [" ".join(words[:cut]), *_split(words[cut:], count - 1, size, bold)]
        if not best or _widest(lines, size, bold) < _widest(best, size, bold):
            best = lines
    return best


def _widest(lines: list[str], size: float, bold: bool) -> float:
    return max(text_width(line, size, bold=bold) for line in lines)
