"""Documents from known data: a report rendered as a web page, a Word file or a PDF.

The renderers of :mod:`.render` print a report as text; these print it as the documents
agencies publish, so that the readers of :mod:`govreport.readers` can be tested — and fuzzed
— on documents whose every value is known:

:func:`render_html`
    a web page: ``<meta charset>`` (UTF-8, or GB18030 bytes declared as GB2312, GBK or
    GB18030), the title and the sections as paragraphs, each table a real ``<table>`` with
    its merged cells as ``rowspan`` and ``colspan`` the way agencies print them (section
    三's header on three rows — 申请人情况 over 自然人, 法人或其他组织 over 商业企业 …, 总计 —
    the group labels such as （三）不予公开 in a cell spanning their numbered rows) and
    ``&nbsp;`` in blank cells. Standard library only.
:func:`render_docx`
    a Word file made with python-docx: paragraphs, and tables with the same merged cells.
:func:`render_pdf`
    a PDF made with fpdf2, with a TrueType font generated for the characters it prints
    (fontTools; no font file is needed or downloaded) and embedded with its ToUnicode map.
    Text is set in lines by position, paragraphs wrapped to the page; tables are drawn with
    ruling lines, label cells wrapped inside their cells, and a table that does not fit
    continues on the next page; every page has its number (``- 3 -``) at the foot.

Each takes a :class:`~govreport.model.Report` — any report :func:`.strategies.reports`
draws, blanks and all — and returns a :class:`RenderedDocument`: the bytes, and the report
:func:`govreport.parse` must read from them, findings aside. Table values, agency, year and
title are the report's own; the texts (letterhead, preface, sections 一, 五 and 六) are as
the document carries them (see each renderer). :func:`rendered_documents` draws such pairs
for property tests, and :data:`DOCUMENT_RENDERERS` names the renderers by input kind.

Noise (:class:`~govreport.testing.render.Noise`): ``fullwidth_digits``, ``brackets``,
``stray_spaces`` and ``label_variants`` print cells, labels, headings and the title as for
text; ``shapes`` varies where section 三's note on rule R1 stands (the corner cell, a row of
its own, nowhere) and section 四's shape (the format's three header rows over one row of
fifteen numbers, or a row per group with its label); ``layout`` is each kind's own
(markup, split paragraphs in cells, wrapped labels, stacked labels: see the renderers).
``bookmarks`` and ``line_breaks`` are artifacts of text and do nothing here.

Where a reader's text cannot tell a blank cell from layout, a blank prints as a mark
(``/``, ``—``): at the end of section 四's fifteen numbers, and in a group of section 四's
labelled shape that is blank throughout — as agencies print them. Everywhere else a blank
is an empty cell (``&nbsp;`` on a web page), or with ``label_variants``/``shapes`` noise a
mark now and then.

python-docx, fpdf2 and fontTools are imported only when a Word file or a PDF is made; the
extra ``govreport[testing-documents]`` installs them (and the readers' libraries).
"""

from __future__ import annotations

import html
import io
import random
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from types import MappingProxyType
from typing import Any, NamedTuple

import attrs
from attrs import evolve, frozen
from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from ..labels import (
    ACTIVE_DISCLOSURE_PARTS,
    ACTIVE_DISCLOSURE_ROWS,
    APPLICATION_COLUMNS,
    APPLICATION_HEADINGS,
    APPLICATION_ROWS,
    REVIEW_LITIGATION_KEYS,
    REVIEW_LITIGATION_LABELS,
)
from ..model import Report
from ..normalize import normalize
from . import _font
from .render import (
    _GROUP_HEADING,
    _NUMBERS,
    TABLE_KEYS,
    Noise,
    _column_headers,
    _group_headers,
    _heading,
    _noisy_text,
    _Printer,
    _row_of,
    _split_point,
    _title,
)
from .strategies import noise_choices
from .strategies import reports as _reports

__all__ = [
    "CHARSETS",
    "DOCUMENT_RENDERERS",
    "RenderedDocument",
    "render_docx",
    "render_html",
    "render_pdf",
    "rendered_documents",
]

#: The charsets :func:`render_html` declares; all but UTF-8 are written as GB18030 bytes.
CHARSETS: tuple[str, ...] = ("utf-8", "gb18030", "gbk", "gb2312")

_QUIET = Noise()
#: What the extra to install is called, for the error when a library is missing.
_EXTRA = "govreport[testing-documents]"

#: The text fields of a report, in printed order.
_TEXT_FIELDS = ("letterhead", "preface", "overview", "problems_and_improvements", "other_matters")
_SECTION_TEXTS = {1: "overview", 5: "problems_and_improvements", 6: "other_matters"}
#: Printed blanks a document shows (``&nbsp;`` is how a web page writes an empty cell).
_MARKS = ("/", "—", "-", "／", "——")
_WHITE = re.compile(r"[ \t\r\n\f\v]+")


class RenderedDocument(NamedTuple):
    """A rendered document: its bytes, and the report :func:`govreport.parse` must read.

    ``report`` is what ``parse(data, check=False)`` gives, findings aside (as for
    :class:`~govreport.testing.render.Rendered`): compare them with
    :func:`~govreport.testing.report_differences`.
    """

    data: bytes
    report: Report


# --- The document, whatever its kind -----------------------------------------------------------


@frozen
class _Cell:
    """One printed cell: its text, the rows and columns it spans, and what it holds."""

    text: str = ""
    rows: int = 1
    cols: int = 1
    kind: str = "value"  # "header", "label" or "value"


@frozen
class _Table:
    """A table as markup prints it: rows of the cells that start in them, left to right."""

    section: int
    rows: tuple[tuple[_Cell, ...], ...]
    widths: tuple[float, ...]
    """The relative width of each column (for Word and PDF)."""


@frozen
class _Para:
    """A paragraph: its printed text, its role and the text it stands for.

    ``role`` is ``title``, ``heading`` or the name of the text field it belongs to;
    ``plain`` is the report's own line, which ``text`` prints with noise.
    """

    text: str
    role: str
    plain: str = ""


_Block = _Para | _Table


def _placed(table: _Table) -> list[tuple[int, int, _Cell]]:
    """``(row, column, cell)`` for every cell, columns counted as the merged grid has them."""
    taken: set[tuple[int, int]] = set()
    out = []
    for r, row in enumerate(table.rows):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            out.append((r, c, cell))
            taken.update((r + dr, c + dc) for dr in range(cell.rows) for dc in range(cell.cols))
            c += cell.cols
    return out


def _values_of(value: Any) -> list[Any]:
    """The printed values of a row of section 二: an attrs row's fields in order, or itself."""
    if attrs.has(type(value)):
        return [getattr(value, a.name) for a in attrs.fields(type(value))]
    return [value]


class _Cells:
    """Prints the cells of the three tables, with the noise asked for."""

    def __init__(self, p: _Printer) -> None:
        self.p = p

    def value(self, value: Any) -> _Cell:
        p = self.p
        if value is None:
            return _Cell(self.blank())
        if isinstance(value, Decimal):
            return _Cell(p.around(p.decimal(value)))
        return _Cell(p.around(p.count(value)))

    def blank(self) -> str:
        p = self.p
        if (p.noise.label_variants or p.noise.shapes) and p.chance(0.3):
            return p.rng.choice(_MARKS)
        return ""

    def mark(self) -> str:
        return self.p.rng.choice(_MARKS) if self.p.noise else "/"

    def header(self, text: str, **spans: int) -> _Cell:
        return _Cell(self.p.around(text), kind="header", **spans)

    def label(self, text: str, **spans: int) -> _Cell:
        return _Cell(self.p.around(text), kind="label", **spans)


def _spread(cells: list[_Cell], width: int) -> tuple[_Cell, ...]:
    """A row of ``width`` columns: its last cell spans the columns left over."""
    missing = width - sum(cell.cols for cell in cells)
    if missing > 0:
        cells[-1] = evolve(cells[-1], cols=cells[-1].cols + missing)
    return tuple(cells)


def _active_disclosure_table(report: Report, cells: _Cells) -> _Table:
    """Section 二 as one table: each part of 第二十条 a heading row, a header row, its rows."""
    data = report.active_disclosure
    specs = {spec.path[0]: spec for spec in ACTIVE_DISCLOSURE_ROWS}
    width = max(len(headers) for _, headers, _ in ACTIVE_DISCLOSURE_PARTS)
    rows: list[tuple[_Cell, ...]] = []
    for heading, headers, keys in ACTIVE_DISCLOSURE_PARTS:
        rows.append((cells.header(heading, cols=width),))
        rows.append(_spread([cells.header(h) for h in headers], width))
        for key in keys:
            label = cells.label(cells.p.wording(specs[key]))
            values = [cells.value(v) for v in _values_of(getattr(data, key))]
            rows.append(_spread([label, *values], width))
    return _Table(2, tuple(rows), (4.0, *[2.0] * (width - 1)))


def _applications_table(report: Report, cells: _Cells) -> _Table:
    """Section 三: three header rows, then every row with its numbered, merged labels."""
    p = cells.p
    heading, legal, note = APPLICATION_HEADINGS
    columns = APPLICATION_COLUMNS
    lead = 3  # label columns: 三、本年度办理结果 | （三）不予公开 | 1.属于国家秘密

    def col(name: str, **spans: int) -> _Cell:
        variants = _column_headers(name)
        if p.noise.label_variants and len(variants) > 1 and p.chance(0.5):
            return cells.header(p.rng.choice(variants[1:]), **spans)
        return cells.header(variants[0], **spans)

    placement = p.rng.randrange(3) if p.noise.shapes else 0
    rows: list[tuple[_Cell, ...]] = []
    if placement == 1:
        rows.append((cells.header(note, cols=lead + len(columns)),))
    corner = cells.header(note, rows=3, cols=lead) if placement == 0 else _Cell("", 3, lead)
    rows.append((corner, cells.header(heading, cols=len(columns))))
    rows.append(
        (
            col(columns[0], rows=2),
            cells.header(legal, cols=len(columns) - 2),
            col(columns[-1], rows=2),
        )
    )
    rows.append(tuple(col(name) for name in columns[1:-1]))
    # How many rows each merged label spans: 三、本年度办理结果 over every row below it,
    # （三）不予公开 over its numbered rows.
    spans = Counter(spec.path[0] for spec in APPLICATION_ROWS if len(spec.path) > 1)
    spans.update(spec.path[1] for spec in APPLICATION_ROWS if len(spec.path) > 2)
    seen: set[str] = set()
    for spec in APPLICATION_ROWS:
        path = spec.path
        top, mid, item = _NUMBERS[path]
        row: list[_Cell] = []
        if len(path) == 1:
            row.append(cells.label(p.top_number(top) + p.wording(spec), cols=lead))
        else:
            if path[0] not in seen:
                seen.add(path[0])
                text = p.top_number(top) + _GROUP_HEADING[path[0]]
                row.append(cells.label(text, rows=spans[path[0]]))
            if len(path) == 2:
                row.append(cells.label(p.bracket_number(mid) + p.wording(spec), cols=lead - 1))
            else:
                if path[1] not in seen:
                    seen.add(path[1])
                    text = p.bracket_number(mid) + _GROUP_HEADING[path[1]]
                    row.append(cells.label(text, rows=spans[path[1]]))
                row.append(cells.label(p.item_number(item) + p.wording(spec)))
        counts = _row_of(report, path)
        row.extend(cells.value(getattr(counts, name)) for name in columns)
        rows.append(tuple(row))
    return _Table(3, tuple(rows), (1.6, 2.6, 5.4, *[1.4] * len(columns)))


def _review_litigation_table(report: Report, cells: _Cells) -> _Table:
    """Section 四: the format's header rows over fifteen numbers, or a row per group."""
    p = cells.p
    data = report.review_litigation
    groups = list(dict.fromkeys(group for group, _ in REVIEW_LITIGATION_KEYS))
    outcomes = [name for group, name in REVIEW_LITIGATION_KEYS if group == groups[0]]
    per = len(outcomes)
    values = [cells.value(getattr(getattr(data, g), f)) for g, f in REVIEW_LITIGATION_KEYS]
    chunks = [values[i : i + per] for i in range(0, len(values), per)]
    labelled = p.noise.shapes and p.chance(0.5)
    # The reader's text cannot tell an empty cell at the end of the run of numbers (or a
    # group's row without any number) from layout: those blanks are printed marks.
    if not values[-1].text:
        values[-1] = chunks[-1][-1] = evolve(values[-1], text=cells.mark())
    if labelled:
        for chunk in chunks:
            if not any(cell.text for cell in chunk):
                chunk[0] = evolve(chunk[0], text=cells.mark())
    names = [cells.header(REVIEW_LITIGATION_LABELS[name]) for name in outcomes]
    if labelled:
        rows: list[tuple[_Cell, ...]] = [(_Cell("", cols=2), *names)]
        parents: dict[str, list[str]] = {}
        for group in groups:
            parts = _group_headers(group)
            parents.setdefault(parts[0], []).append(group)
        done: set[str] = set()
        for group, chunk in zip(groups, chunks, strict=True):
            parts = _group_headers(group)
            if len(parts) == 1:
                rows.append((cells.header(parts[0], cols=2), *chunk))
                continue
            head: list[_Cell] = []
            if parts[0] not in done:
                done.add(parts[0])
                head.append(cells.header(parts[0], rows=len(parents[parts[0]])))
            rows.append((*head, cells.header(parts[1]), *chunk))
        return _Table(4, tuple(rows), (2.0, 3.6, *[1.6] * per))
    top: list[_Cell] = []
    second: list[_Cell] = []
    third: list[_Cell] = []
    covered: dict[str, int] = Counter(_group_headers(g)[0] for g in groups)
    for group in groups:
        parts = _group_headers(group)
        if len(parts) == 1:
            top.append(cells.header(parts[0], cols=per))
            second.extend(cells.header(REVIEW_LITIGATION_LABELS[n], rows=2) for n in outcomes)
            continue
        if parts[0] in covered:
            top.append(cells.header(parts[0], cols=per * covered.pop(parts[0])))
        second.append(cells.header(parts[1], cols=per))
        third.extend(cells.header(REVIEW_LITIGATION_LABELS[n]) for n in outcomes)
    rows = [tuple(top), tuple(second), tuple(third), tuple(values)]
    return _Table(4, tuple(rows), tuple([1.0] * len(values)))


_TABLES: dict[int, Callable[[Report, _Cells], _Table]] = {
    2: _active_disclosure_table,
    3: _applications_table,
    4: _review_litigation_table,
}


def _lines(text: str) -> list[str]:
    return text.split("\n") if text else []


def _compose(report: Report, noise: Noise, rng: random.Random) -> tuple[list[_Block], str]:
    """The paragraphs and tables of ``report`` in printed order, and the title it carries."""
    if report.format_version != "2021":
        raise ValueError(
            f"documents are rendered in the 2021 format; this report is in the "
            f"{report.format_version} format"
        )
    # Bookmarks and line ends are artifacts of text exports, not of documents.
    p = _Printer(evolve(noise, bookmarks=False, line_breaks=False), rng)
    cells = _Cells(p)

    def texts(field: str, text: str) -> list[_Block]:
        return [_Para(_noisy_text(line, p), field, line) for line in _lines(text)]

    blocks = texts("letterhead", report.letterhead)
    title_lines, title = _title(report, p)
    blocks += [_Para(line, "title", line) for line in title_lines]
    blocks += texts("preface", report.preface)
    for number in range(1, 7):
        blocks.append(_Para(_heading(number, p), "heading"))
        field = _SECTION_TEXTS.get(number)
        if field is not None:
            blocks += texts(field, getattr(report, field))
        else:
            blocks.append(_TABLES[number](report, cells))
    return blocks, title


def _plain(blocks: Sequence[_Block], field: str) -> list[str]:
    """The report's own lines of the text field ``field``."""
    return [b.plain for b in blocks if isinstance(b, _Para) and b.role == field]


def _expected(report: Report, title: str, texts: Mapping[str, str], encoding: str | None) -> Report:
    """The report ``parse`` gives of a document, findings aside.

    Table values are the report's own, texts as the document carries them, and every table
    is read by ``tab`` (the readers give tab-separated rows).
    """
    return evolve(
        report,
        title=title,
        letterhead=texts["letterhead"],
        preface=texts["preface"],
        overview=texts["overview"],
        problems_and_improvements=texts["problems_and_improvements"],
        other_matters=texts["other_matters"],
        encoding=encoding,
        source=None,
        extractors={key: "tab" for key in TABLE_KEYS.values()},
        findings=(),
        provenance=None,
    )


def _seeded(rng: random.Random | None) -> random.Random:
    return rng if rng is not None else random.Random(0)


def _require(module: str, package: str, what: str) -> Any:
    import importlib

    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as exc:
        raise ModuleNotFoundError(
            f"making {what} needs {package}: pip install '{_EXTRA}'", name=exc.name
        ) from exc


# --- HTML ----------------------------------------------------------------------------------------


def _collapsed(line: str) -> str:
    return _WHITE.sub(" ", line).strip()


def _html_text(lines: Sequence[str]) -> str:
    """A text field as a web page carries it: a paragraph a line, white space collapsed."""
    return "\n".join(c for c in map(_collapsed, lines) if c)


def _html_cell(cell: _Cell, p: _Printer, layout: bool) -> str:
    tag = "th" if cell.kind == "header" and layout and p.chance(0.5) else "td"
    attributes = ""
    if cell.rows > 1:
        attributes += f' rowspan="{cell.rows}"'
    if cell.cols > 1:
        attributes += f' colspan="{cell.cols}"'
    if layout and p.chance(0.3):
        attributes += ' valign="middle" style="border:1px solid #000;padding:2px"'
    if not cell.text.strip():
        body = "&nbsp;" if not layout or p.chance(0.6) else ""
        if layout and p.chance(0.3):
            body = f"<p>{body}</p>"
        return f"<{tag}{attributes}>{body}</{tag}>"
    text = html.escape(cell.text, quote=False)
    if cell.kind != "value" and layout and p.chance(0.2):
        split = _split_point(cell.text, p.rng)
        if split is not None:  # a label broken with <br> where the editor pressed Enter
            head, tail = cell.text[:split], cell.text[split:]
            text = html.escape(head, quote=False) + "<br>" + html.escape(tail, quote=False)
    if layout and p.chance(0.4):
        text = p.rng.choice(
            (
                '<p align="center">{}</p>',
                '<span style="font-family:仿宋_GB2312;font-size:12pt">{}</span>',
                '<p style="text-align:center"><span>{}</span></p>',
            )
        ).format(text)
    return f"<{tag}{attributes}>{text}</{tag}>"


def _html_table(table: _Table, p: _Printer, layout: bool) -> list[str]:
    out = ['<table border="1" cellspacing="0" cellpadding="0" style="border-collapse:collapse">']
    if layout and p.chance(0.5):
        out.append("<tbody>")
    for row in table.rows:
        cells = [_html_cell(cell, p, layout) for cell in row]
        out.append("<tr>" + ("\n  " if layout else "").join(cells) + "</tr>")
    if out[1:2] == ["<tbody>"]:
        out.append("</tbody>")
    out.append("</table>")
    return out


def _html_paragraph(block: _Para, p: _Printer, layout: bool) -> str:
    text = html.escape(block.text, quote=False)
    if block.role == "title":
        return f'<p style="text-align:center"><strong>{text}</strong></p>'
    if block.role == "heading":
        if layout and p.chance(0.5):
            return f"<h3>{text}</h3>"
        return f"<p><strong>{text}</strong></p>"
    if not block.text.strip():
        return "<p>&nbsp;</p>" if layout and p.chance(0.5) else ""
    if layout and p.chance(0.3):
        return f'<div style="text-indent:2em"><span>{text}</span></div>'
    return f'<p style="text-indent:2em">{text}</p>'


def render_html(
    report: Report,
    *,
    charset: str = "utf-8",
    noise: Noise = _QUIET,
    rng: random.Random | None = None,
) -> RenderedDocument:
    """``report`` as an agency's web page, and the report parsing its bytes must give.

    ``charset`` is declared in ``<meta charset>`` (with ``layout`` noise sometimes in
    ``<meta http-equiv="Content-Type">``): ``"utf-8"`` writes UTF-8 bytes, ``"gb18030"``,
    ``"gbk"`` and ``"gb2312"`` GB18030 bytes (:data:`CHARSETS`), as Chinese sites do.
    Texts come back one paragraph a line, without blank lines and with runs of white space
    collapsed, as a browser shows them. ``layout`` noise: ``<th>`` header cells, cell text
    in ``<p>`` and ``<span>``, labels broken with ``<br>``, empty cells without ``&nbsp;``,
    attributes and white space in the markup, empty paragraphs, ``<div>`` paragraphs.

    Example (from the repository's root)::

        import govreport
        from govreport.testing import render_html, report_differences

        report = govreport.parse_file("tests/fixtures/seeds/000_fac155a733d850ab.txt")
        data, expected = render_html(report, charset="gb2312")
        assert report_differences(govreport.parse(data, check=False), expected) == []
    """
    if charset.lower() not in CHARSETS:
        raise ValueError(f"charset {charset!r}: choose one of {', '.join(CHARSETS)}")
    rng = _seeded(rng)
    blocks, title = _compose(report, noise, rng)
    p = _Printer(noise, rng)
    layout = noise.layout
    if layout and p.chance(0.4):
        meta = f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">'
    else:
        meta = f'<meta charset="{charset}">'
    page = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN">',
        "<head>",
        meta,
        f"<title>{html.escape(title, quote=False)}</title>",
        "<style>table{border-collapse:collapse} td{border:1px solid #000}</style>",
        "<script>var _hmt = _hmt || []; document.write('<td>0</td>');</script>",
        "</head>",
        "<body>",
        '<div class="article-content">',
    ]
    for block in blocks:
        if isinstance(block, _Table):
            page += _html_table(block, p, layout)
        else:
            markup = _html_paragraph(block, p, layout)
            if markup:
                page.append(markup)
    page += ["</div>", "</body>", "</html>", ""]
    markup_text = "\n".join(page)
    gb = charset.lower() != "utf-8"
    data = markup_text.encode("gb18030" if gb else "utf-8")
    texts = {f: _html_text(_plain(blocks, f)) for f in _TEXT_FIELDS}
    return RenderedDocument(data, _expected(report, title, texts, "gb18030" if gb else "utf-8"))


# --- Word ----------------------------------------------------------------------------------------


def _docx_fill(cell: Any, text: str, p: _Printer, kind: str, layout: bool) -> None:
    split = _split_point(text, p.rng) if kind != "value" and layout and p.chance(0.2) else None
    if split is None:
        cell.text = text
        return
    # A label typed as two paragraphs in its cell (the reader joins them with a space).
    cell.text = text[:split]
    cell.add_paragraph(text[split:])


def render_docx(
    report: Report, *, noise: Noise = _QUIET, rng: random.Random | None = None
) -> RenderedDocument:
    """``report`` as a Word file (python-docx), and the report parsing its bytes must give.

    Paragraphs a line, and each table a Word table (style ``Table Grid``) whose merged cells
    are merged as in :func:`render_html`. Texts come back line for line, blank lines too.
    ``layout`` noise: labels typed as two paragraphs in their cell, empty paragraphs around
    headings and tables. Needs python-docx (``pip install 'govreport[testing-documents]'``).

    Example, in a property test::

        from hypothesis import given

        import govreport
        from govreport.testing import render_docx, report_differences, reports

        @given(reports(formats=("2021",)))
        def test_word_files_read_back(report: govreport.Report) -> None:
            data, expected = render_docx(report)
            assert report_differences(govreport.parse(data, check=False), expected) == []
    """
    docx = _require("docx", "python-docx", "Word files")
    rng = _seeded(rng)
    blocks, title = _compose(report, noise, rng)
    p = _Printer(noise, rng)
    layout = noise.layout
    document = docx.Document()
    for block in blocks:
        if isinstance(block, _Table):
            if layout and p.chance(0.3):
                document.add_paragraph("")
            _docx_table(document, block, p, layout)
            continue
        if block.role == "heading" and layout and p.chance(0.3):
            document.add_paragraph("")
        paragraph = document.add_paragraph()
        run = paragraph.add_run(block.text)
        if block.role in ("title", "heading"):
            run.bold = True
        if block.role == "title":
            paragraph.alignment = 1  # centred
    out = io.BytesIO()
    document.save(out)
    texts = {f: "\n".join(_plain(blocks, f)) for f in _TEXT_FIELDS}
    return RenderedDocument(out.getvalue(), _expected(report, title, texts, None))


def _docx_table(document: Any, table: _Table, p: _Printer, layout: bool) -> None:
    placed = _placed(table)
    height = max(r + cell.rows for r, _, cell in placed)
    width = max(c + cell.cols for _, c, cell in placed)
    grid = document.add_table(rows=height, cols=width)
    grid.style = "Table Grid"
    # Every cell looked up once, before any merge (``Table.cell`` walks the whole table).
    cells = [list(row.cells) for row in grid.rows]
    for r, c, cell in placed:
        target = cells[r][c]
        if cell.rows > 1 or cell.cols > 1:
            target = target.merge(cells[r + cell.rows - 1][c + cell.cols - 1])
        if cell.text:
            _docx_fill(target, cell.text, p, cell.kind, layout)


# --- PDF -----------------------------------------------------------------------------------------

_PT = 25.4 / 72  # millimetres per point
_PAGE_W, _PAGE_H = 210.0, 297.0
_LEFT, _TOP, _BOTTOM = 25.0, 25.0, 28.0
_TEXT_W = _PAGE_W - 2 * _LEFT
_FOOT_Y = _PAGE_H - 14.0
_SIZES = {"title": 16.0, "heading": 12.0, "text": 10.5, "cell": 10.5, "foot": 9.0}
_PAD = 1.2  # mm inside a cell, every side
_MIN_ROW = 6.5  # mm
_ASCII_WORD = re.compile(r"[0-9A-Za-z.,%]")


def _width(text: str, size: float) -> float:
    """The width of ``text`` set in the generated font at ``size`` points, in mm."""
    return sum(_font.advance(ch) for ch in text) * size * _PT


def _wrap(text: str, width: float, size: float, *, indent: float = 0.0) -> list[str]:
    """``text`` broken into lines no wider than ``width`` mm (the first indented).

    Chinese breaks between any two characters; a run of ASCII letters and digits (a
    number, ``2024``) is not broken unless it alone is wider than a line. Lines are
    stripped of the spaces at their ends, as a PDF's text gives them back.
    """
    lines: list[str] = []
    line = ""
    room = width - indent
    for ch in text:
        if line and _width(line + ch, size) > room:
            cut = len(line)
            if _ASCII_WORD.match(ch):
                while cut > 0 and _ASCII_WORD.match(line[cut - 1]):
                    cut -= 1
                if cut == 0:
                    cut = len(line)
            lines.append(line[:cut])
            line = line[cut:]
            room = width
        line += ch
    lines.append(line)
    return [stripped for stripped in (piece.strip() for piece in lines) if stripped]


class _Pdf:
    """Lays the blocks out on A4 pages with fpdf2, keeping the lines each text field gets."""

    def __init__(self, fpdf: Any, chars: set[str], p: _Printer) -> None:
        self.pdf = fpdf.FPDF(format="A4", unit="mm")
        self.pdf.set_auto_page_break(False)
        self.pdf.add_font("govreport-cjk", fname=str(_font.font_file(chars)))
        self.pdf.set_line_width(0.3)
        self.p = p
        self.layout = p.noise.layout
        self.pages = 0
        self.y = 0.0
        self.texts: dict[str, list[str]] = {f: [] for f in _TEXT_FIELDS}
        self.new_page()

    # pages

    def new_page(self) -> None:
        if self.pages:
            self.footer()
        self.pdf.add_page()
        self.pages += 1
        self.y = _TOP

    def footer(self) -> None:
        number = f"- {self.pages} -" if not self.layout or self.p.chance(0.5) else f"-{self.pages}-"
        self.set_size(_SIZES["foot"])
        self.pdf.text((_PAGE_W - _width(number, _SIZES["foot"])) / 2, _FOOT_Y, number)

    def finish(self) -> bytes:
        self.footer()
        return bytes(self.pdf.output())

    @property
    def limit(self) -> float:
        return _PAGE_H - _BOTTOM

    def set_size(self, size: float) -> None:
        self.pdf.set_font("govreport-cjk", size=size)

    def baseline(self, top: float, size: float) -> float:
        """Where to set a line whose box starts at ``top`` (the font's ascent below it)."""
        return top + 0.88 * size * _PT

    # text

    def paragraph(self, block: _Para) -> None:
        role = block.role
        size = _SIZES.get(role, _SIZES["text"])
        if role == "title":
            while _width(block.text, size) > _TEXT_W and size > 6:
                size -= 0.5
            lines = [block.text.strip()] if block.text.strip() else []
        elif role == "heading":
            lines = _wrap(block.text, _TEXT_W, size)
        else:
            lines = _wrap(block.text, _TEXT_W, size, indent=2 * size * _PT)
        step = size * _PT * (1.9 if role == "title" else 1.6)
        for i, line in enumerate(lines):
            if self.y + step > self.limit:
                self.new_page()
            self.set_size(size)
            if role == "title":
                x = (_PAGE_W - _width(line, size)) / 2
            elif role == "heading" or i > 0:
                x = _LEFT
            else:
                x = _LEFT + 2 * size * _PT
            self.pdf.text(x, self.baseline(self.y, size), line)
            self.y += step
            if role in self.texts:
                # What the page shows of the report's line (noise such as full-width
                # digits is undone by normalization, as in any parse).
                self.texts[role].append(normalize(line).text)
        if role in ("title", "heading"):
            self.y += 1.5

    # tables

    def table(self, table: _Table) -> None:
        size = _SIZES["cell"]
        placed = _placed(table)
        count = max(r + cell.rows for r, _, cell in placed)
        total = sum(table.widths)
        xs = [_LEFT]
        for w in table.widths:
            xs.append(xs[-1] + w / total * _TEXT_W)
        line_h = size * _PT * 1.25
        # The lines of each cell, and each row's height.
        wrapped: dict[tuple[int, int], list[str]] = {}
        needed: dict[tuple[int, int], float] = {}
        heights = [_MIN_ROW] * count
        for r, c, cell in placed:
            room = xs[c + cell.cols] - xs[c] - 2 * _PAD
            lines = [cell.text.strip()] if cell.kind == "value" else _wrap(cell.text, room, size)
            lines = [line for line in lines if line]
            wrapped[(r, c)] = lines
            needed[(r, c)] = len(lines) * line_h + 2 * _PAD
            if cell.rows == 1:
                heights[r] = max(heights[r], needed[(r, c)])
        for r, c, cell in placed:
            if cell.rows > 1:
                span = sum(heights[r : r + cell.rows])
                if span < needed[(r, c)]:
                    heights[r + cell.rows - 1] += needed[(r, c)] - span
        # Rows never break; a row that does not fit starts a page, and so does the first row
        # of a merged cell whose text would not fit in the part of it left on this page.
        # Pages are counted from this one (0); nothing is drawn before every row is placed.
        y = self.y + 1.0
        page = 0
        tops: dict[int, tuple[int, float]] = {}  # row -> (page, top)
        first_on_page = -1  # the table starts down this page: it can move to the next
        r = 0
        while r < count:
            if y + heights[r] > self.limit and r > first_on_page:
                restart, moved = r, True
                while moved:  # moving the break up may split another merged cell
                    moved = False
                    for r0, c0, cell in placed:
                        split = first_on_page < r0 < restart < r0 + cell.rows
                        if split and sum(heights[r0:restart]) < needed[(r0, c0)] - 0.01:
                            restart, moved = r0, True
                page += 1
                y = _TOP
                first_on_page = r = restart
                continue
            tops[r] = (page, y)
            y += heights[r]
            r += 1
        # The parts of each cell, page by page: (page, top, height).
        parts: dict[tuple[int, int], list[tuple[int, float, float]]] = {}
        for r0, c0, cell in placed:
            pieces: list[tuple[int, float, float]] = []
            for row in range(r0, r0 + cell.rows):
                on, top = tops[row]
                if pieces and pieces[-1][0] == on:
                    pieces[-1] = (on, pieces[-1][1], pieces[-1][2] + heights[row])
                else:
                    pieces.append((on, top, heights[row]))
            parts[(r0, c0)] = pieces
        for on in range(page + 1):
            if on:
                self.new_page()
            for r0, c0, cell in placed:
                x0, x1 = xs[c0], xs[c0 + cell.cols]
                for i, (where, top, height) in enumerate(parts[(r0, c0)]):
                    if where != on:
                        continue
                    self.pdf.rect(x0, top, x1 - x0, height)
                    if i == 0:
                        self._cell_text(wrapped[(r0, c0)], cell, x0, x1, top, height, size, line_h)
        self.y = y + 4.0

    def _cell_text(
        self,
        lines: list[str],
        cell: _Cell,
        x0: float,
        x1: float,
        top: float,
        height: float,
        size: float,
        line_h: float,
    ) -> None:
        if not lines:
            return
        room = x1 - x0 - 2 * _PAD
        if cell.kind == "value":
            while _width(lines[0], size) > room and size > 3:
                size -= 0.5  # a number is never wrapped: it is set smaller
        self.set_size(size)
        block = len(lines) * line_h
        y = top + max(_PAD, (height - block) / 2)
        for line in lines:
            w = _width(line, size)
            x = x0 + _PAD if cell.kind == "label" else x0 + (x1 - x0 - w) / 2
            self.pdf.text(x, self.baseline(y, size) + (line_h - size * _PT) / 2, line)
            y += line_h


def _chars(blocks: Sequence[_Block]) -> set[str]:
    chars: set[str] = set("- 0123456789")
    for block in blocks:
        if isinstance(block, _Para):
            chars.update(block.text)
        else:
            for row in block.rows:
                for cell in row:
                    chars.update(cell.text)
    return chars


def render_pdf(
    report: Report, *, noise: Noise = _QUIET, rng: random.Random | None = None
) -> RenderedDocument:
    """``report`` as a PDF with a text layer (fpdf2), and the report parsing it must give.

    A4 pages; the title centred, headings and paragraphs set line by line, paragraphs
    wrapped to the text width (a first-line indent of two characters); tables drawn with
    ruling lines, label and header cells wrapped inside their cells (section 三's
    ``三、本年度办理结果`` stacked in its narrow column), values centred, and a table that
    does not fit continues on the next page (section 三's usually does) — rows are never
    split, and a merged label starts a page rather than lose its text to the next. Every
    page ends with its number (``- 2 -``). The font is generated for the characters
    printed (:mod:`._font`) and embedded, so the PDF reads back on a machine with no CJK
    font. Texts come back as the lines the page shows: a paragraph wrapped over lines is
    those lines. ``layout`` noise: page numbers as ``-2-``.

    Needs fpdf2 and fontTools (``pip install 'govreport[testing-documents]'``).

    Example (from the repository's root; the file opens in any PDF viewer)::

        from pathlib import Path

        from attrs import evolve

        import govreport
        from govreport.testing import Noise, render_pdf, report_differences

        report = govreport.parse_file("tests/fixtures/seeds/004_26e628ebac378d18.txt")
        data, expected = render_pdf(report, noise=Noise(layout=True))
        Path("report.pdf").write_bytes(data)
        parsed = govreport.parse_file("report.pdf", check=False)
        assert report_differences(parsed, evolve(expected, source="report.pdf")) == []
    """
    fpdf = _require("fpdf", "fpdf2", "PDF files")
    _require("fontTools", "fonttools", "PDF files")
    rng = _seeded(rng)
    blocks, title = _compose(report, noise, rng)
    p = _Printer(noise, rng)
    layout = _Pdf(fpdf, _chars(blocks), p)
    for block in blocks:
        if isinstance(block, _Table):
            layout.table(block)
        else:
            layout.paragraph(block)
    data = layout.finish()
    texts = {f: "\n".join(lines) for f, lines in layout.texts.items()}
    return RenderedDocument(data, _expected(report, title, texts, None))


# --- All kinds -----------------------------------------------------------------------------------

#: The document renderers by input kind: ``render(report, *, noise=, rng=)``.
DOCUMENT_RENDERERS: Mapping[str, Callable[..., RenderedDocument]] = MappingProxyType(
    {"html": render_html, "docx": render_docx, "pdf": render_pdf}
)


def rendered_documents(
    kind: str = "html",
    *,
    noise: bool | Noise = True,
    reports: SearchStrategy[Report] | None = None,
) -> SearchStrategy[RenderedDocument]:
    """``(bytes, expected report)`` pairs: reports rendered as documents of ``kind``.

    ``kind`` is ``"html"``, ``"docx"`` or ``"pdf"`` (:data:`DOCUMENT_RENDERERS`); web pages
    are drawn in each of :data:`CHARSETS`. ``noise`` is ``True`` for every kind of noise at
    random, ``False`` for none, or a :class:`~govreport.testing.render.Noise` whose kinds
    switched on may be drawn. ``reports`` draws the reports (by default
    :func:`~govreport.testing.strategies.reports` in the 2021 format, the one the document
    renderers print). The expected report is what ``parse(data, check=False)`` gives,
    findings aside.
    """
    if kind not in DOCUMENT_RENDERERS:
        raise ValueError(f"no document kind {kind!r}; kinds: {', '.join(DOCUMENT_RENDERERS)}")
    render = DOCUMENT_RENDERERS[kind]
    source = reports if reports is not None else _reports(formats=("2021",))
    noise_strategy = noise_choices(noise)

    @st.composite
    def _documents(draw: st.DrawFn) -> RenderedDocument:
        report = draw(source)
        chosen = draw(noise_strategy)
        seed = draw(st.integers(0, 2**32 - 1))
        options: dict[str, Any] = {}
        if kind == "html":
            options["charset"] = draw(st.sampled_from(CHARSETS))
        return render(report, noise=chosen, rng=random.Random(seed), **options)

    return _documents()
