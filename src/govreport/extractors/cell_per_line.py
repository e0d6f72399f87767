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
from operator import add, and_, eq, not_, sub

from .base import SPACES, Block, Grid, Row

__all__ = ["CellPerLineExtractor"]

# White space other than tabs and line breaks; such white space after a cell's tab, before its
# text (its line break marked \x00, see _unled).
_SPACE = re.compile(f"[{SPACES}]")
_PADDED = re.compile(rf"\x00[{SPACES}]+(?=[^\s\x00])")


def _unled(text: str, marked: str) -> list[int]:
    r"""The indexes of the lines of ``text`` that do not start with a tab, in order.

    ``marked`` is ``text`` with each line break before a tab replaced by ``\x00``, so
    that the line breaks left in it, found at C speed, are those of the lines wanted.
    """
    found = [] if text[:1] == "\t" else [0]
    line = at = 0
    while (position := marked.find("\n", at)) >= 0:
        line += marked.count("\x00", at, position) + 1
        found.append(line)
        at = position + 1
    return found


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
        if text.count("\t") != led or "\x00" in text:
            return _score_lines(lines)
        # Every tab leads its line, alone: tab-led lines are single cells, counted at C speed;
        # only the other lines (blank ones, a cell's second line) are looked at, if any but
        # empty lines.
        blanks = lines.count("")
        if blanks + led == len(lines):
            return 1.0
        single = led
        for i in _unled(text, text.replace("\n\t", "\x00")):
            line = lines[i]
            if not line:
                continue  # counted above
            if line.isspace():
                blanks += 1
                continue
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
        if text.count("\t") != text.count("\n\t") + text.startswith("\t") or "\x00" in text:
            return _extract_lines(block)
        # Every tab leads its line, alone. Each line's text, and where a tab-led line's cell
        # begins (right after its tab, unless white space follows it), for all lines at C
        # speed; the loop below only visits the lines that do not start with a tab (blank
        # lines, a cell's second line), the runs of cells between them taken as slices.
        marked = text.replace("\n\t", "\x00")
        texts = tuple(map(str.strip, lines))
        begins = list(map(add, line_starts, repeat(1)))
        if _SPACE.search(text) is not None:
            first = lines[0]
            if first[:1] == "\t" and first[1:2].isspace() and texts[0]:
                begins[0] += _lead(first) - 1
            # Each padded cell's line: the tab-led lines (line breaks marked) before it.
            line = at = 0
            for match in _PADDED.finditer(marked):
                position = match.start()
                line += marked.count("\x00", at, position) + marked.count("\n", at, position) + 1
                at = position + 1
                begins[line] += match.end() - position - 1
        rows: list[Row] = []
        cells: list[str] = []
        starts: list[int] = []
        after = 0  # the line after the last one visited
        for i in _unled(text, marked):
            if after < i:
                cells += texts[after:i]
                starts += begins[after:i]
            after = i + 1
            cell = texts[i]
            if not cell:
                if cells:
                    rows.append(Row(tuple(cells), tuple(starts)))
                    cells, starts = [], []
            elif cells:
                # A cell printed over two lines: `\t商业` then `企业`.
                if not cells[-1]:
                    starts[-1] = line_starts[i] + _lead(lines[i])
                cells[-1] += cell
            else:
                rows.append(Row((cell,), (line_starts[i] + _lead(lines[i]),)))
        cells += texts[after:]
        starts += begins[after:]
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
    # Where each line's text begins: its end less the length of its text and what follows.
    ends = map(add, line_starts, map(len, lines))
    begins = list(map(sub, ends, map(len, map(str.lstrip, lines))))
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
