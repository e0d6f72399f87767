r"""One cell per line: each cell on its own line starting with a tab, rows between blank lines.

What some docx-to-text tools give for a table::

    \t一、本年新收政府信息公开申请数量
    \t41
    \t1
    …
    <blank line>
    \t二、上年结转政府信息公开申请数量

A line without the leading tab continues the cell above it (a header cell printed on two
lines, ``\t商业`` then ``企业``); ``\t`` alone is an empty cell, not a row break.
"""

from __future__ import annotations

import re
from itertools import accumulate, compress, repeat
from operator import add, and_, contains, eq, not_, sub

from .base import SPACES, Block, Grid, Row, make_rows

__all__ = ["CellPerLineExtractor"]

# A line that neither starts with a tab nor is empty: a blank line with white space, a cell's
# second line, or text between rows; the line break before it is part of the match.
_UNLED = re.compile(r"\n[^\t\n][^\n]*")
# A tab-led line whose cell has white space between its tab and its text.
_PADDED = re.compile(rf"\n\t[{SPACES}]")


# A tab-led line after the first whose only tab is its first character: a single cell. (Found
# from its line break and tab at C speed; the possessive `*+` gives up at once at a second tab.)
_SINGLE = re.compile(r"\n\t[^\t\n]*+(?![^\n])")


def _single_first(text: str) -> bool:
    """Whether the first line of ``text`` is a single tab-led cell (its only tab leads it)."""
    if not text.startswith("\t"):
        return False
    tab = text.find("\t", 1)
    return tab < 0 or "\n" in text[:tab]


class CellPerLineExtractor:
    """Read rows separated by blank lines, one tab-led cell per line."""

    name = "cell-per-line"
    priority = 10

    def score(self, block: Block) -> float:
        """Share of non-blank lines that are a single tab-led cell (or continue one)."""
        text = block.text
        led = text.count("\n\t") + text.startswith("\t")
        if not led:
            return 0.0  # no cell, and so no continuation line either
        if text.count("\t") != led:
            if _SINGLE.search(text) is None and not _single_first(text):
                # No tab-led line holds one cell (a tab table, some of whose lines start with
                # an empty cell): no line counts, not even one continuing a cell.
                return 0.0
            return _score_lines(block.lines)
        # Every tab leads its line, alone: tab-led lines are single cells, counted at C speed.
        # Only the lines that are neither tab-led nor empty (blank ones, a cell's second line)
        # are looked at, one match each: a non-blank one counts, and is a single cell too
        # when the line above it, past other such lines, is a cell.
        single = filled = led
        follows = False  # whether the line before the one looked at continues a cell
        end = -1  # where that line ends, when it was looked at too
        first = text.partition("\n")[0]
        if first and first[0] != "\t" and not first.isspace():
            filled += 1  # the block's first line is text: no cell above it
            end = len(first)
        for match in _UNLED.finditer(text):
            line = match[0]
            if line.isspace():  # the line break and white space: a blank line
                follows, end = False, match.end()
                continue
            filled += 1
            if match.start() != end:  # the line above is tab-led or empty
                follows = text.startswith("\t", text.rfind("\n", 0, match.start()) + 1)
            single += follows
            end = match.end()
        return single / filled

    def extract(self, block: Block) -> Grid:
        """Rows of the cells between blank lines."""
        text = block._text
        if text is None or text.count("\t") != text.count("\n\t") + text.startswith("\t"):
            # Some tab is not the first character of its line, or the block was not made by
            # from_text (its lines need not follow each other): line by line.
            return _extract_lines(block)
        return _extract_text(text, block.start)


def _extract_text(text: str, start: int) -> Grid:
    """The rows of ``text`` (at offset ``start``) where every tab leads its line, alone.

    Split at the line breaks before tabs, the text falls into one piece per tab-led line:
    its cell, followed by the lines up to the next tab-led line when there are any (blank
    lines, a cell's second line). Cells and offsets of all pieces are computed at C speed;
    only pieces with a line break are looked at one by one, rows of the cells between them
    being slices.
    """
    # The first piece is what stands before the first tab-led line, after a line break put
    # before the text (so that a first line with a tab splits like the others): "" if
    # nothing, else a line break and the lines.
    pieces = ("\n" + text).split("\n\t")
    # Piece k >= 1 starts right after its line's tab: one past the line break and tab after
    # the piece before it.
    at = list(accumulate(map(add, map(len, pieces), repeat(2)), initial=start - 1))
    cells = list(map(str.strip, pieces))
    if (text.startswith("\t") and text[1:2].isspace()) or _PADDED.search(text) is not None:
        # A cell starts after its piece's leading white space: len(rstrip) - len(strip) is
        # that white space, and 0 for a blank piece (its cell stays where it is).
        begins = list(map(add, at, map(sub, map(len, map(str.rstrip, pieces)), map(len, cells))))
    else:
        begins = at[:-1]
    row_cells: list[list[str]] = []
    row_starts: list[list[int]] = []
    open_cells: list[str] = []  # the open row, once a cell's second line changed it
    open_starts: list[int] = []
    run = 1  # the first piece of the open row not yet in `open_cells`
    for k in compress(range(len(pieces)), map(contains, pieces, repeat("\n"))):
        piece = pieces[k]
        cut = piece.index("\n")
        offset = at[k] + cut + 1  # where the piece's second line starts
        if k:  # the piece's first line is its cell
            cell = cells[k] = piece[:cut].strip()
            if not cell:
                # An empty cell stands right after its tab. (A cell with text starts after the
                # white space that starts its piece, as computed above.)
                begins[k] = at[k]
        upto = k + 1 if k else 1
        rest = piece[cut + 1 :]
        if not rest or rest.isspace():
            # Only blank lines follow (the common case): they close the open row.
            if open_cells:
                row_cells.append(open_cells + cells[run:upto])
                row_starts.append(open_starts + begins[run:upto])
                open_cells, open_starts = [], []
            elif run < upto:
                row_cells.append(cells[run:upto])
                row_starts.append(begins[run:upto])
            run = upto
            continue
        for line in rest.split("\n"):
            cell = line.strip()
            open_cells += cells[run:upto]
            open_starts += begins[run:upto]
            run = upto
            if not cell:  # a blank line closes the open row
                if open_cells:
                    row_cells.append(open_cells)
                    row_starts.append(open_starts)
                    open_cells, open_starts = [], []
            elif open_cells:
                # A cell printed over two lines: `\t商业` then `企业`.
                if not open_cells[-1]:
                    open_starts[-1] = offset + len(line) - len(line.lstrip())
                open_cells[-1] += cell
            else:
                row_cells.append([cell])
                row_starts.append([offset + len(line) - len(line.lstrip())])
            offset += len(line) + 1
    open_cells += cells[run:]
    open_starts += begins[run:]
    if open_cells:
        row_cells.append(open_cells)
        row_starts.append(open_starts)
    return tuple(make_rows(map(tuple, row_cells), map(tuple, row_starts)))


def _score_lines(lines: tuple[str, ...]) -> float:
    """The score of lines where some tab is not the first character of its line."""
    led = list(map(str.startswith, lines, repeat("\t")))
    # Tab-led lines are counted at C speed; only the other lines (blank lines and the few
    # that continue a cell) are looked at one by one. A tab-led line is a single cell
    # when it has no other tab; ``singles[i]`` counts those among the first ``i`` lines.
    one_tab = map(eq, map(str.count, lines, repeat("\t")), repeat(1))
    singles = list(accumulate(map(and_, led, one_tab), initial=0))
    single = singles[-1]
    blanks = 0
    previous_cell = False
    after = 0  # the line after the last one looked at
    for i in compress(range(len(lines)), map(not_, led)):
        if singles[i] > singles[after]:
            previous_cell = True  # a single cell since the last line looked at
        after = i + 1
        line = lines[i]
        if not line or line.isspace():
            blanks += 1
            previous_cell = False
        elif previous_cell and "\t" not in line:
            single += 1  # a continuation line
    filled = len(lines) - blanks
    return single / filled if filled else 0.0


def _extract_lines(block: Block) -> Grid:
    """The rows of lines where some tab is not the first character of its line."""
    lines, line_starts = block.lines, block.line_starts
    texts = tuple(map(str.strip, lines))
    begins = list(
        map(sub, map(add, line_starts, map(len, lines)), map(len, map(str.lstrip, lines)))
    )
    if sum(map(str.isspace, lines)) != lines.count("\t"):
        # An empty cell with white space after its tab: it stands right after the tab.
        for i in compress(range(len(lines)), map(str.isspace, lines)):
            if lines[i].startswith("\t"):
                begins[i] = line_starts[i] + 1
    rows: list[Row] = []
    cells: list[str] = []
    starts: list[int] = []
    after = 0  # the line after the last one visited
    for i in compress(range(len(lines)), map(not_, map(str.startswith, lines, repeat("\t")))):
        if after < i:
            cells += texts[after:i]
            starts += begins[after:i]
        after = i + 1
        text = texts[i]
        if not text:
            if cells:
                rows.append(Row(tuple(cells), tuple(starts)))
                cells, starts = [], []
        elif cells:
            # A cell printed over two lines: `\t商业` then `企业`.
            if not cells[-1]:
                starts[-1] = begins[i]
            cells[-1] += text
        else:
            rows.append(Row((text,), (begins[i],)))
    cells += texts[after:]
    starts += begins[after:]
    if cells:
        rows.append(Row(tuple(cells), tuple(starts)))
    return tuple(rows)
