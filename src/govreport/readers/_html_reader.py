"""The HTML parser of :mod:`govreport.readers.html`: markup to lines, tables to tab rows.

Apart from :mod:`.html` so that :mod:`html.parser` is imported only when a web page is read.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from ._lines import join_lines

_BLOCKS = frozenset(
    {
        *("p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "hr"),
        *("section", "article", "header", "footer", "title", "blockquote", "pre"),
        *("dt", "dd", "address", "center", "form"),
    }
)
_SKIP = frozenset({"script", "style", "head", "noscript", "template"})
_SPACES = re.compile(r"[ \t\r\n\f\v]+")


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
