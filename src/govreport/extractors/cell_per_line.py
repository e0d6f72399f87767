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
from collections.abc import Iterator
from itertools import accumulate, compress, repeat
from operator import add, and_, eq, not_, sub

from .base import SPACES, Block, Grid, Row

__all__ = ["CellPerLineExtractor"]

# The line break before a line that does not start with a tab (an empty line, a blank one, a
# cell's second line), and before a line whose cell has white space between its tab and text.
_UNLED = re.compile(r"\n(?!\t)")
_PADDED = re.compile(rf"\n\t[{SPACES}]+(?=\S)")
_SPACE = re.compile(f"[{SPACES}]")


def _lines_after(block: Block, breaks: Iterator[re.Match[str]]) -> list[int]:
    """The indexes of the lines that follow ``breaks`` (matches at line breaks of its text)."""
    positions = map(re.Match.start, breaks)
    if block._text is not None:
        # Lines that follow each other: the line after the break at position p starts at
        # block.start + p + 1, found among the line starts by bisection, at C speed.
        at = map(add, positions, repeat(block.start + 1))
        return list(map(bisect_left, repeat(block.line_starts), at))
    text = block.text
    return [text.count("\n", 0, p) + 1 for p in positions]


def _lead(line: str) -> int:
    return len(line) - len(line.lstrip())


class CellPerLineExtractor:
    """Read rows separated by blank lines, one tab-led cell per line."""

    name = "cell-per-line"
    priority = 10

    def score(self, block: Block) -> float:
        """Share of non-blank lines that are a single tab-led cell (or continue one)."""
        text, lines = block.text, block.lines
        led = text.count("\n\t") + text.startswith("\t")
        if not led:
            return 0.0  # no cell, and so no continuation line either
        if text.count("\t") != led:
            return _score_lines(lines)
        # Every tab leads its line, alone: tab-led lines are single cells, counted at C speed;
        # only the lines that are neither tab-led nor empty (blank ones, a cell's second
        # line) are looked at one by one.
        single = led
        blanks = len(lines) - led
        others = _lines_after(block, _UNLED.finditer(text))
        if lines[0][:1] != "\t":
            others.insert(0, 0)
        for i in others:
            line = lines[i]
            if not line or line.isspace():
                continue
            blanks -= 1
            # A cell's second line when the line above it, past other such lines, is a cell.
            j = i - 1
            while j >= 0 and lines[j] and not lines[j].isspace() and lines[j][0] != "\t":
                j -= 1
            if j >= 0 and lines[j][:1] == "\t":
                single += 1
        filled = len(lines) - blanks
        return single / filled if filled else 0.0

    def extract(self, block: Block) -> Grid:
        """Rows of the cells between blank lines."""
        text, lines, line_starts = block.text, block.lines, block.line_starts
        if text.count("\t") != text.count("\n\t") + text.startswith("\t"):
            return _extract_lines(block)
        # Every tab leads its line, alone. Each line's text, and where a tab-led line's cell
        # begins (right after its tab, unless white space follows it), for all lines at C
        # speed; the loop below only visits the lines that do not start with a tab (blank
        # lines, a cell's second line), rows of the tab-led cells between them being slices.
        texts = tuple(map(str.strip, lines))
        begins = list(map(add, line_starts, repeat(1)))
        if _SPACE.search(text) is not None:
            for i in _lines_after(block, _PADDED.finditer(text)):
                begins[i] += _lead(lines[i]) - 1
            first = lines[0]
            if first[:1] == "\t" and first[1:2].isspace() and texts[0]:
                begins[0] += _lead(first) - 1
        starts_of = tuple(begins)
        unled = _lines_after(block, _UNLED.finditer(text))
        if lines[0][:1] != "\t":
            unled.insert(0, 0)
        rows: list[Row] = []
        cells: list[str] = []  # the open row, once a cell's second line changed it
        starts: list[int] = []
        run = 0  # the first tab-led line of the open row not yet in `cells`
        for i in unled:
            cell = texts[i]
            if not cell:  # a blank line closes the open row
                if cells:
                    cells += texts[run:i]
                    starts += starts_of[run:i]
                    rows.append(Row(tuple(cells), tuple(starts)))
                    cells, starts = [], []
                elif run < i:
                    rows.append(Row(texts[run:i], starts_of[run:i]))
                run = i + 1
                continue
            cells += texts[run:i]
            starts += starts_of[run:i]
            run = i + 1
            if cells:
                # A cell printed over two lines: `\t商业` then `企业`.
                if not cells[-1]:
                    starts[-1] = line_starts[i] + _lead(lines[i])
                cells[-1] += cell
            else:
                rows.append(Row((cell,), (line_starts[i] + _lead(lines[i]),)))
        cells += texts[run:]
        starts += starts_of[run:]
        if cells:
            rows.append(Row(tuple(cells), tuple(starts)))
        return tuple(rows)


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
