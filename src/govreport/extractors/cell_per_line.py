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
from bisect import bisect_left, bisect_right
from itertools import accumulate, compress, repeat
from operator import add, and_, eq, itemgetter, not_, sub

from .base import SPACES, Block, Grid, Row, make_rows, tabs_lead_lines

__all__ = ["CellPerLineExtractor"]

# A line that neither starts with a tab nor is empty: a blank line with white space, a cell's
# second line, or text between rows; the line break before it is part of the match.
_UNLED = re.compile(r"\n[^\t\n][^\n]*")
# A tab-led line whose cell has white space between its tab and its text.
_PADDED = re.compile(rf"\n\t[{SPACES}]")
# A tab-led line of white space: an empty cell. (The regular expression starts with its line
# break, so that the engine looks for line breaks and tabs only.)
_BLANK_PADDED = re.compile(rf"\n\t[{SPACES}]++(?![^\n])")


# After the spaces between tabs and text were moved before their tabs (see _read_rows), a tab
# still followed by white space: other white space between a tab and its text, or a blank cell.
_TAB_SPACE = re.compile(rf"\t[{SPACES}]")

# The text of the block last scored where every tab leads its line, alone, and the lines of it
# neither tab-led nor empty (matches of _UNLED in the text after a line break): the registry
# reads a block right after scoring it, and both need those lines. One entry, keyed by the
# text object itself (held here, so another text is never taken for it); a miss only costs
# the search again. (Replaced as a whole, so that a thread never reads half of it.)
_last_scan: tuple[str, list[re.Match[str]]] = ("", [])


def _unled(text: str) -> list[re.Match[str]]:
    """The matches of :data:`_UNLED` in ``text`` after a line break, kept for :meth:`extract`.

    For a ``text`` every tab of which leads its line, alone.
    """
    global _last_scan
    last_text, unled = _last_scan
    if last_text is not text:
        unled = list(_UNLED.finditer("\n" + text))
        _last_scan = (text, unled)
    return unled


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
        if tabs_lead_lines(text):  # told once per block: the tab score asked first
            led = text.count("\t")
            if not led:
                return 0.0  # no cell, and so no continuation line either
        else:
            if "\n\t" not in text and not text.startswith("\t"):
                return 0.0  # no cell, and so no continuation line either
            if _SINGLE.search(text) is None and not _single_first(text):
                # No tab-led line holds one cell (a tab table, some of whose lines start with
                # an empty cell): no line counts, not even one continuing a cell.
                return 0.0
            return _score_lines(block.lines)
        # Every tab leads its line, alone: tab-led lines are single cells, counted at C speed.
        # Only the lines that are neither tab-led nor empty (blank ones, a cell's second line)
        # are looked at, one match each (found after a line break put before the text, so that
        # the first line is found as the others): a non-blank one counts, and is a single
        # cell too when the line above it, past other such lines, is a cell.
        single = filled = led
        follows = False  # whether the line before the one looked at continues a cell
        end = -1  # where that line ends (after the line break put first), when looked at too
        for match in _unled(text):
            line = match[0]
            if line.isspace():  # the line break and white space: a blank line
                follows, end = False, match.end()
                continue
            filled += 1
            at = match.start()  # the line break before the line, in the text at `at - 1`
            if at != end:  # the line above is tab-led or empty, or there is none
                follows = at > 0 and text.startswith("\t", text.rfind("\n", 0, at - 1) + 1)
            single += follows
            end = match.end()
        return single / filled

    def extract(self, block: Block) -> Grid:
        """Rows of the cells between blank lines."""
        text = block._text
        if text is None:
            # The block was not made by from_text (its lines need not follow each other).
            return _extract_lines(block)
        last_text, unled = _last_scan
        if last_text is not text:  # not just scored
            if not tabs_lead_lines(text):
                # Some tab is not the first character of its line: line by line.
                return _extract_lines(block)
            unled = _unled(text)
        rows = _read_rows(text, block.start, unled)
        return rows if rows is not None else _extract_text(text, block.start)


def _read_rows(text: str, start: int, unled: list[re.Match[str]]) -> Grid | None:
    r"""The rows of ``text`` (at offset ``start``) where every tab leads its line, alone.

    ``unled`` are its lines neither tab-led nor empty (see :func:`_unled`). None when the
    text needs :func:`_extract_text`: white space other than spaces between a tab and its
    text, a blank cell with spaces after its tab, or a blank line of white space.

    The text is split at its tabs: each piece is a tab-led line's cell and what follows it
    up to the next tab (its line break, a cell's second line, empty lines). Spaces between
    a tab and its text are first moved before the tab, in place (``\t 0`` becomes a space,
    then ``\t0``): each cell then starts right after its tab, and the pieces' lengths,
    summed at C speed, place every cell. A row is the cells between two empty lines: as
    many as the tabs between two line breaks in a row.
    """
    moved = text.replace("\t ", " \t")
    if moved is not text:
        while "\t " in moved:  # more than one space
            moved = moved.replace("\t ", " \t")
        if " \t\n" in moved or moved.endswith(" \t"):
            return None  # a blank cell with spaces after its tab: it stands right after it
    if _TAB_SPACE.search(moved) is not None:
        return None
    pieces = moved.split("\t")
    # pieces[0] is the text before the first tab; each other piece starts after its tab.
    begins = tuple(accumulate(map(add, map(len, pieces), repeat(1)), initial=start))
    cells = tuple(map(str.strip, pieces))
    # Lines of text between the rows (after an empty line, or after another such line, or
    # first): each a row of its own, kept with the piece it is in.
    own: list[tuple[int, Row]] = []
    if unled:
        # A cell's second line (`\t商业` then `企业`) is in its cell's piece, line breaks and
        # all: the piece's lines up to an empty one are stripped and joined; a line of text
        # after an empty one, in the piece too, is left out of the cell.
        fixed_cells = list(cells)
        fixed_begins: list[int] | None = None  # copied only if a start moves (seldom)
        done = 0  # the last piece fixed
        after = -1  # where the last line of text between the rows ends
        for match in unled:
            line = match[0]  # the line and the line break before it
            if line.isspace():
                return None  # a blank line
            at = match.start()  # the line break before the line, in the text at `at - 1`
            k = text.count("\t", 0, at)  # the line's piece (the line starts at `at`)
            alone = at < 2 or text[at - 2] == "\n" or at == after
            begin = start + match.end() - 1 - len(line.lstrip())  # where the line's text starts
            if alone:
                own.append((k, Row((line.strip(),), (begin,))))
                after = match.end()
            if k == done:
                continue  # a piece fixed already (or the text before the first tab)
            done = k
            lines = pieces[k].split("\n")
            if "" in lines[1:]:
                del lines[lines.index("", 1) :]
            fixed_cells[k] = "".join(map(str.strip, lines))
            if not alone and not lines[0].strip():
                # An empty cell continued: its text starts on its second line.
                if fixed_begins is None:
                    fixed_begins = list(begins)
                fixed_begins[k] = begin
        cells = tuple(fixed_cells)
        if fixed_begins is not None:
            begins = tuple(fixed_begins)
    # Cells per row: the tabs between two empty lines (an empty line is two line breaks in a
    # row; runs of them leave chunks without a tab, which are no row).
    sizes = list(map(str.count, moved.split("\n\n"), repeat("\t")))
    bounds = list(accumulate(compress(sizes, sizes), initial=1))
    if len(bounds) > 2:
        # Every row's cells, and then their starts, sliced in one call each.
        rows_of = itemgetter(*map(slice, bounds, bounds[1:]))
        rows = tuple(make_rows(rows_of(cells), rows_of(begins)))
    elif len(bounds) == 2:  # one row (itemgetter would give it alone, not in a tuple)
        rows = (Row(cells[1 : bounds[1]], begins[1 : bounds[1]]),)
    else:
        rows = ()
    if own:
        # Each line between the rows goes before the rows of the pieces after its own.
        grid = list(rows)
        for k, row in reversed(own):
            grid.insert(bisect_right(bounds, k), row)
        rows = tuple(grid)
    return rows


def _extract_text(text: str, start: int) -> Grid:
    """The rows of ``text`` (at offset ``start``) where every tab leads its line, alone.

    The general way of :func:`_read_rows`, for the lines that it does not read.

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
