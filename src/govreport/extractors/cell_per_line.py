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
from bisect import bisect_left
from itertools import accumulate, compress, repeat
from operator import add, and_, eq, not_, sub

from .base import SPACES, Block, Grid, Row, make_rows

__all__ = ["CellPerLineExtractor"]

# A line that neither starts with a tab nor is empty: a blank line with white space, a cell's
# second line, or text between rows; the line break before it is part of the match.
_UNLED = re.compile(r"\n[^\t\n][^\n]*")
# A tab-led line whose cell has white space between its tab and its text.
_PADDED = re.compile(rf"\n\t[{SPACES}]")
# A tab-led line of white space: an empty cell. (The regular expression starts with its line
# break, so that the engine looks for line breaks and tabs only.)
_BLANK_PADDED = re.compile(rf"\n\t[{SPACES}]++(?![^\n])")


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

    Every line's cell and offset are computed at C speed, a tab-led line's cell being the
    line stripped (its tab and white space gone). Rows are the runs of tab-led lines between
    the other lines: empty lines are found with ``list.index``, the few other ones (blank
    lines of white space, a cell's second line, text between rows) with a regular
    expression; only those lines are looked at one by one.
    """
    lines = text.split("\n")
    n = len(lines)
    # A line break put before the text, so that the first line is found as the others.
    lined = "\n" + text
    if _PADDED.search(lined) is not None:
        # Some cell has white space between its tab and its text. base[j] is one before line
        # j starts, and so base[j + 1] where it ends: a line's text starts as many
        # characters before its end as its stripped-left line has (a blank cell's, right
        # after its tab: just before the end; see below for one with white space).
        shift = -1
        base = tuple(accumulate(map(add, map(len, lines), repeat(1)), initial=start - 1))
        left = tuple(map(str.lstrip, lines))
        begins = tuple(map(sub, base[1:], map(len, left)))
        cells = tuple(map(str.rstrip, left))
        if _BLANK_PADDED.search(lined) is not None:
            # A blank cell with white space after its tab stands right after the tab.
            fixed = list(begins)
            for match in _BLANK_PADDED.finditer(lined):
                j = bisect_left(base, match.start() + start - 1)
                fixed[j] = base[j] + 2
            begins = tuple(fixed)
    else:
        # Every tab-led line's cell starts right after its tab: base[j] is one past line j's
        # start.
        shift = 1
        base = tuple(accumulate(map(add, map(len, lines), repeat(1)), initial=start + 1))
        begins = base
        cells = tuple(map(str.strip, lines))
    # The lines neither tab-led nor empty, by index, with whether each is blank: few, if any.
    # (A match starts at the line break before its line, in `lined` where the line starts.)
    others = [
        (bisect_left(base, match.start() + start + shift), match[0].isspace())
        for match in _UNLED.finditer(lined)
    ]
    others.append((n, True))  # never reached: an empty line is found at n (see below)
    row_cells: list[tuple[str, ...]] = []
    row_starts: list[tuple[int, ...]] = []
    # The open row's cells before line `at`, once a cell's second line changed them.
    open_cells: tuple[str, ...] = ()
    open_starts: tuple[int, ...] = ()
    lines.append("")  # so that index() finds an empty line at the end
    at = 0  # the first line not yet in a row or in `open_cells`
    other = 0
    after, blank = others[0]
    while True:
        j = lines.index("", at)
        if after < j:
            j = after
            other += 1
            if not blank:
                # A cell's second line (`\t商业` then `企业`), or text of its own.
                line = lines[j]
                cell = line.strip()
                begin = base[j] - 1 + len(line) - len(line.lstrip()) if shift > 0 else begins[j]
                if open_cells or at < j:
                    row = open_cells + cells[at:j]
                    starts = open_starts + begins[at:j]
                    if not row[-1]:
                        starts = (*starts[:-1], begin)
                    open_cells = (*row[:-1], row[-1] + cell)
                    open_starts = starts
                else:
                    row_cells.append((cell,))
                    row_starts.append((begin,))
                at = j + 1
                after, blank = others[other]
                continue
            after, blank = others[other]
        # An empty or blank line, or the end: it closes the open row.
        if open_cells:
            row_cells.append(open_cells + cells[at:j])
            row_starts.append(open_starts + begins[at:j])
            open_cells = open_starts = ()
        elif at < j:
            row_cells.append(cells[at:j])
            row_starts.append(begins[at:j])
        if j >= n:
            break
        at = j + 1
    return tuple(make_rows(row_cells, row_starts))


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
