"""Web pages: the text of an HTML report, its tables as tab-separated rows.

Most reports are published as web pages. This reader turns one into the text the parser
reads:

* the encoding comes from the bytes (a BOM), then ``<meta charset>`` or
  ``<meta http-equiv="Content-Type" content="…; charset=…">``, then
  :func:`govreport.decode.decode`; a declared encoding the bytes do not follow is a
  :class:`~govreport.errors.DecodeError` with the offset, never a lossy decode;
* each table row becomes one line of tab-separated cells, so the ``tab`` extractor reads
  it like any tab-separated table. A merged cell is one cell, as Word's tab export of a
  table prints it: the slots a ``colspan`` covers to its right are no cells, and each row a
  ``rowspan`` reaches below it has one empty cell in its place, which keeps the columns of
  those rows where they are. So every cell of a row is a cell the page prints, and the
  parser can tell an empty cell (a blank: ``&nbsp;``) from a merged one even at the edge
  of a row. Line breaks inside a cell (``<br>``, ``<p>``) are dropped between Chinese
  characters (``结果<br>维持`` is ``结果维持``) and are spaces elsewhere;
* block elements (``p``, ``div``, ``br``, ``h1``–``h6``, ``li``, …) end lines, and the text
  outside tables goes to the skeleton as usual; ``script``, ``style`` and ``head`` are
  skipped.

It needs nothing beyond the standard library (:mod:`html.parser`). Places reported for an
HTML report are lines and columns of this text, not of the markup.
"""

from __future__ import annotations

import codecs
import re
from html.parser import HTMLParser

from ..decode import decode
from ..errors import DecodeError
from ._lines import join_lines

__all__ = ["html_to_text", "looks_like_html"]

_BLOCKS = frozenset(
    {
        *("p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "hr"),
        *("section", "article", "header", "footer", "title", "blockquote", "pre"),
        *("dt", "dd", "address", "center", "form"),
    }
)
_SKIP = frozenset({"script", "style", "head", "noscript", "template"})
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_SPACES = re.compile(r"[ \t\r\n\f\v]+")
_HTML_START = re.compile(
    rb"\s*(?:<!doctype\s+html|<html|<head|<meta|<body|<table|<div|<p[\s>])", re.I
)


def looks_like_html(data: bytes) -> bool:
    """Whether ``data`` is an HTML document (by its content, not a file name)."""
    start = data[:1024].lstrip(b"\xef\xbb\xbf")
    return _HTML_START.match(start) is not None


def _declared_encoding(data: bytes) -> str | None:
    m = _META_CHARSET.search(data[:4096])
    if m is None:
        return None
    name = m.group(1).decode("ascii").lower()
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    # GB2312 and GBK pages routinely use characters only GB18030 (their superset) names.
    return "gb18030" if codec in {"gb2312", "gbk", "gb18030"} else codec


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        decoded = decode(data)
        return decoded.text, decoded.encoding
    declared = _declared_encoding(data)
    if declared is None:
        decoded = decode(data)
        return decoded.text, decoded.encoding
    try:
        return data.decode(declared), declared
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 4].hex(" ")
        raise DecodeError(
            f"the page declares charset {declared}, but byte {exc.start} ({bad}) is not "
            f"valid in it",
            offset=exc.start,
            encoding=declared,
        ) from None


class _Table:
    """The rows of one table, cells placed in a grid with their spans.

    A grid slot holds a cell's text, ``""`` for the slot of a row that a ``rowspan``
    reaches (an empty cell), or ``None`` for a slot a ``colspan`` covers (no cell).
    """

    def __init__(self) -> None:
        self.grid: dict[tuple[int, int], str | None] = {}
        self.row = -1
        self.col = 0
        self.cell: list[list[str]] | None = None  # the lines of the open cell
        self.span = (1, 1)

    def start_row(self) -> None:
        self.row += 1
        self.col = 0

    def start_cell(self, rowspan: int, colspan: int) -> None:
        if self.row < 0:
            self.start_row()
        while (self.row, self.col) in self.grid:
            self.col += 1
        self.cell = [[]]
        self.span = (rowspan, colspan)

    def write(self, data: str) -> None:
        if self.cell is not None:
            self.cell[-1].append(data)

    def break_line(self) -> None:
        if self.cell is not None:
            self.cell.append([])

    def end_cell(self) -> None:
        if self.cell is None:
            return
        text = join_lines(_SPACES.sub(" ", "".join(line)).strip() for line in self.cell)
        rowspan, colspan = self.span
        for r in range(rowspan):
            for c in range(colspan):
                slot: str | None = None
                if c == 0:
                    slot = text if r == 0 else ""
                self.grid[(self.row + r, self.col + c)] = slot
        self.col += colspan
        self.cell = None

    def lines(self) -> list[str]:
        if not self.grid:
            return []
        rows = max(r for r, _ in self.grid) + 1
        cols = max(c for _, c in self.grid) + 1
        out = []
        for r in range(rows):
            slots = [self.grid.get((r, c), "") for c in range(cols)]
            cells = [cell for cell in slots if cell is not None]
            if any(cells):
                out.append("\t".join(cells))
        return out


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 1000))
    except ValueError:
        return 1


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.tables: list[_Table] = []
        self.skipping = 0

    def _end_line(self) -> None:
        line = _SPACES.sub(" ", "".join(self.current)).strip()
        if line:
            self.lines.append(line)
        self.current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skipping += 1
            return
        table = self.tables[-1] if self.tables else None
        if tag == "table":
            if table is None:
                self._end_line()
            else:
                table.end_cell()  # a table inside a cell: its text joins the outer table
            self.tables.append(_Table())
        elif table is not None and tag == "tr":
            table.end_cell()
            table.start_row()
        elif table is not None and tag in ("td", "th"):
            table.end_cell()
            values = dict(attrs)
            table.start_cell(_span(values.get("rowspan")), _span(values.get("colspan")))
        elif table is not None and tag in _BLOCKS and table.cell is not None:
            table.break_line()
        elif tag in _BLOCKS:
            self._end_line()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in _SKIP:
            self.skipping -= 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
            return
        table = self.tables[-1] if self.tables else None
        if table is None:
            if tag in _BLOCKS:
                self._end_line()
            return
        if tag in ("td", "th"):
            table.end_cell()
        elif tag in _BLOCKS:
            table.break_line()
        elif tag == "table":
            table.end_cell()
            self.tables.pop()
            lines = table.lines()
            if self.tables and self.tables[-1].cell is not None:
                self.tables[-1].write(" ".join(lines))
            else:
                self.lines.extend(lines)

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        if self.tables:
            table = self.tables[-1]
            table.write(data)
            # text between cells (white space in the markup) is not part of the table
            return
        self.current.append(data)

    def text(self) -> str:
        while self.tables:
            table = self.tables.pop()
            table.end_cell()
            self.lines.extend(table.lines())
        self._end_line()
        return "\n".join(self.lines) + "\n"


def html_to_text(data: bytes) -> tuple[str, str]:
    """The report text of an HTML page, and the encoding its bytes were decoded with."""
    markup, encoding = _decode(data)
    reader = _Reader()
    reader.feed(markup)
    reader.close()
    return reader.text(), encoding
