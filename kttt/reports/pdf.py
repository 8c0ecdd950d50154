"""Render a report as HTML laid out like a Decree 30/2020/NĐ-CP document, and as PDF through WeasyPrint.

The HTML is a standalone page (the web preview shows it as is); the PDF is the same HTML printed on A4.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterator, Mapping
from functools import cache
from html import escape
from importlib.resources import files

import weasyprint

from kttt.reports.cells import format_cell
from kttt.reports.dates import place_and_date
from kttt.reports.document import Block, Cell, Chart, Column, Letterhead, Paragraph, Report, Section, Table

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"

_ONE_LINE = 22  # characters of a bold 13pt body name that fit on one line of the left header column
_NUM = ' class="num"'
_SVG_START = re.compile(r"<svg\b", re.IGNORECASE)
_SVG_ID = re.compile(r"""\bid=(["'])(.+?)\1""")
_SVG_REF = re.compile(r"""(url\(\s*["']?#|href=["']#)""")


def render_pdf(report: Report, charts: Mapping[str, str | bytes]) -> bytes:
    """The report as an A4 PDF; charts maps Chart.key to SVG markup or PNG bytes. PNG lays out about
    a second faster than matplotlib's glyph-path SVG, which matters for the 2-second target."""
    pdf: bytes = weasyprint.HTML(string=render_html(report, charts)).write_pdf()
    return pdf


def render_html(report: Report, charts: Mapping[str, str | bytes]) -> str:
    """The report as a standalone HTML document; charts maps Chart.key to SVG markup (trusted, inlined)
    or to PNG bytes (embedded as a data URI).

    Every text of the report is escaped. A chart without SVG markup is a caller error.
    """
    missing = [chart.key for chart in report.charts() if chart.key not in charts]
    if missing:
        raise ValueError(f"no SVG for chart(s): {', '.join(missing)}")
    body = [_letterhead(report.letterhead), _title(report)]
    for section in report.sections:
        body.extend(_section(section, 2, charts))
    body.append(_closing(report.letterhead))
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="vi">',
            "<head>",
            '<meta charset="utf-8">',
            f"<title>{escape(report.kind_label)} {escape(report.title)}</title>",
            f"<style>\n{_css()}</style>",
            "</head>",
            "<body>",
            *body,
            "</body>",
            "</html>",
            "",
        ]
    )


@cache
def _css() -> str:
    return files("kttt.reports").joinpath("report.css").read_text(encoding="utf-8")


def _div(css_class: str, text: str) -> str:
    return f'<div class="{css_class}">{escape(text)}</div>'


def _balanced(text: str) -> str:
    """Escaped text broken into two lines of similar length when long ("ỦY BAN NHÂN DÂN<br>TỈNH LẠNG SƠN").

    Line breaks already in the text ("\\n") are kept as they are.
    """
    if "\n" in text or len(text) <= _ONE_LINE:
        return "<br>".join(escape(line) for line in text.split("\n"))
    words = text.split()
    splits = [(" ".join(words[:i]), " ".join(words[i:])) for i in range(1, len(words))]
    if not splits:
        return escape(text)
    first, rest = min(splits, key=lambda pair: abs(len(pair[0]) - len(pair[1])))
    return f"{escape(first)}<br>{escape(rest)}"


def _letterhead(letterhead: Letterhead) -> str:
    left = [f'<div class="issuing-body">{_balanced(letterhead.issuing_body)}</div>', '<div class="rule"></div>']
    if letterhead.parent_body:
        left.insert(0, f'<div class="parent-body">{_balanced(letterhead.parent_body)}</div>')
    right = [_div("national-title", NATIONAL_TITLE), f'<span class="motto">{escape(MOTTO)}</span>']
    date_line = place_and_date(letterhead.place, letterhead.date)
    return (
        '<table class="letterhead" role="presentation">\n'
        f'<tr><td class="left">{"".join(left)}</td><td class="right">{"".join(right)}</td></tr>\n'
        f'<tr class="numbers"><td class="left">{_div("number", letterhead.number)}</td>'
        f'<td class="right">{_div("place-date", date_line)}</td></tr>\n'
        "</table>"
    )


def _title(report: Report) -> str:
    return (
        f'<h1><span class="kind">{escape(report.kind_label)}</span>'
        f'<span class="title">{escape(report.title)}</span><span class="rule"></span></h1>'
    )


def _section(section: Section, level: int, charts: Mapping[str, str | bytes]) -> Iterator[str]:
    tag = f"h{min(level, 6)}"
    yield f"<section>\n<{tag}>{escape(section.heading)}</{tag}>"
    for block in section.blocks:
        yield _block(block, charts)
    for sub in section.subsections:
        yield from _section(sub, level + 1, charts)
    yield "</section>"


def _block(block: Block, charts: Mapping[str, str | bytes]) -> str:
    if isinstance(block, Paragraph):
        return f'<p class="bold">{escape(block.text)}</p>' if block.bold else f"<p>{escape(block.text)}</p>"
    if isinstance(block, Table):
        return _table(block)
    return _chart(block, charts[block.key])


def _table(table: Table) -> str:
    head = "".join(_header_cell(column) for column in table.columns)
    rows = [_row(row, table.columns, "") for row in table.rows]
    if table.total is not None:
        rows.append(_row(table.total, table.columns, ' class="total"'))
    html = (
        f'<p class="table-title">{escape(table.title)}</p>\n<table class="data">\n'
        f"<thead><tr>{head}</tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>"
    )
    if table.note:
        html += f'\n<p class="note">{escape(table.note)}</p>'
    return html


def _header_cell(column: Column) -> str:
    unit = f'<span class="unit">({escape(column.unit)})</span>' if column.unit else ""
    return f'<th scope="col">{escape(column.label)}{unit}</th>'


def _row(row: list[Cell], columns: list[Column], attributes: str) -> str:
    padded = row + [""] * (len(columns) - len(row))
    cells = [
        f"<td{_NUM if column.kind != 'text' else ''}>{escape(format_cell(value, column.kind))}</td>"
        for value, column in zip(padded, columns, strict=False)
    ]
    return f"<tr{attributes}>{''.join(cells)}</tr>"


def _chart(chart: Chart, image: str | bytes) -> str:
    if isinstance(image, bytes):
        markup = f'<img src="data:image/png;base64,{base64.b64encode(image).decode()}" alt="{escape(chart.title)}">'
    else:
        markup = _inline_svg(image, chart.key)
    return f'<figure class="chart">\n{markup}\n<figcaption>{escape(chart.title)}</figcaption>\n</figure>'


def _inline_svg(svg: str, key: str) -> str:
    """SVG markup ready to sit inside HTML: no XML prologue, ids prefixed so that charts cannot clash."""
    start = _SVG_START.search(svg)
    if start is None:
        raise ValueError(f"chart {key!r}: not SVG markup")
    prefix = re.sub(r"[^\w-]", "_", key) + "-"
    markup = _SVG_ID.sub(lambda m: f"id={m[1]}{prefix}{m[2]}{m[1]}", svg[start.start() :])
    return _SVG_REF.sub(lambda m: m[1] + prefix, markup)


def _closing(letterhead: Letterhead) -> str:
    recipients = "".join(_div("recipient", line) for line in letterhead.recipients)
    signature = [
        _div("signer-authority", letterhead.signer_authority),
        _div("signer-title", letterhead.signer_title),
        '<div class="signature-space"></div>',
        _div("signer-name", letterhead.signer_name),
    ]
    return (
        '<table class="closing" role="presentation"><tr>\n'
        f'<td class="recipients"><div class="heading">Nơi nhận:</div>{recipients}</td>\n'
        f'<td class="signature">{"".join(signature)}</td>\n'
        "</tr></table>"
    )
