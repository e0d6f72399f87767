r"""Tab-separated rows whose labels OCR broke apart.

Text recognised from a scanned table keeps the tabs between cells but breaks long labels:
inside a cell (``6. 属于四类过 程性信息``) and across lines, the tail of a label landing on a
line of its own below the row it belongs to::

    5. 属于三类内\t\t0\t0\t0\t0\t0\t0\t0\t
    \t部事务信息\t\t\t\t\t\t\t

This extractor reads rows as :mod:`.tab` does, then joins such a tail line to the label of
the row above it. A tail is a line without values whose text does not open a new row with a
row number (``6.`` ``（七）`` ``四、``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import compress, count, islice, repeat
from operator import contains, not_

from ..cells import is_value_like
from .base import Block, Grid, Row, stripped_lines, tab_rows
from .tab import tab_score

__all__ = ["OcrSplitExtractor"]

# The numbering that opens a row of the format: `一、` `（一）` `(七)` `四)` `1.` `2、`.
_ROW_NUMBER = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.]|[（(]?[一二三四五六七八九十]+[）)]|\d+[.、])"
)

# A space inside a word: OCR's mark, `属于四类过 程性信息`. Only whether it is found counts
# (not where): written to start with a space, the engine jumps from space to space instead of
# trying every character; the look-behind then asks for the character before it. It is found
# in the same texts as `[\u4e00-\u9fff] +[\u4e00-\u9fff]`.
_BROKEN_WORD = re.compile(r" (?<=[\u4e00-\u9fff] ) *[\u4e00-\u9fff]")


def _is_tail(row: Row) -> bool:
    cells = row.cells
    # One cell with text, counted at C speed: most rows have several and are no tail.
    if len(cells) - cells.count("") != 1:
        return False
    text = next(filter(None, cells))
    return not is_value_like(text) and _ROW_NUMBER.match(text) is None


def _label_index(row: Row) -> int | None:
    """Index of the last text cell before the first value of ``row``; ``None`` if none.

    ``None`` also when the row has no value (:func:`~.base.has_values`): no label of a row
    of values to join a tail to.
    """
    cells = row.cells
    values = list(map(is_value_like, cells))  # cached per cell text, at C speed
    if True not in values:
        return None
    first = values.index(True)
    # The text cells before the first value, the last first.
    return next(compress(range(first - 1, -1, -1), reversed(cells[:first])), None)


def _marked_label(line: str, at: int) -> bool:
    """Whether ``line`` has a value, and OCR's mark in a cell before the first one.

    ``at`` is where the line's first mark (:data:`_BROKEN_WORD`) is. A value (a number, a
    printed blank) holds no Chinese character, and so no mark: the cell of the first mark is
    no value, and the first value is after it when none is before.
    """
    pieces = line.split("\t")
    k = line.count("\t", 0, at)  # the piece of the first mark
    for piece in pieces[:k]:
        if is_value_like(piece.strip()):
            return False  # a value first: every mark is after it
    for piece in pieces[k + 1 :]:
        if is_value_like(piece.strip()):
            break
    else:
        return False  # no value: not a row of values
    return True


class OcrSplitExtractor:
    """Tab rows, with the label tails that OCR put on lines of their own joined back."""

    name = "ocr-split"
    priority = 5

    def score(self, block: Block) -> float:
        """The tab score, when labels of value rows show OCR's mark; half of it otherwise.

        The mark is a space inside a word (``属于四类过 程性信息``), in two or more labels of
        rows that carry values. Tails alone are no evidence: a plain tab table has header
        lines (``第二十条第（五）项``) after rows of values too.
        """
        base = tab_score(block)
        text = block.text
        first = _BROKEN_WORD.search(text) if base >= 0.5 else None
        if first is None:
            return base / 2  # no mark anywhere (it lies within a line): one search tells
        lines = block.lines
        # The lines before the first mark's have none: when the lines are the text split at
        # its line breaks (a block made by from_text), they are skipped by a count at C speed.
        skip = 0 if block._text is None else text.count("\n", 0, first.start())
        marks = 0
        for line in islice(lines, skip, None):
            mark = _BROKEN_WORD.search(line)
            if mark is not None and "\t" in line and _marked_label(line, mark.start()):
                marks += 1
                if marks >= 2:
                    return min(1.0, base + 0.05)
        return base / 2

    def extract(self, block: Block) -> Grid:
        """Tab rows; a tail line is joined to the label of the value row above it."""
        grid = tab_rows(block)
        # Only a row with one cell of text can be a tail (see _is_tail). Rows are the block's
        # lines that do not strip to nothing, and a stripped line holds two cells of text
        # exactly when a tab stands inside it: the rows with one are found among the
        # stripped lines at C speed, and the rows between them are kept as they are.
        printed = list(filter(None, stripped_lines(block)))
        if len(printed) != len(grid):  # not the rows tab_rows reads: look at each
            singles: Iterable[int] = range(len(grid))
        else:
            singles = list(compress(count(), map(not_, map(contains, printed, repeat("\t")))))
            if not singles:
                return grid
        rows = list(grid)
        joined = 0  # tails joined so far: row i of grid is rows[i - joined]
        for i in singles:
            at = i - joined
            row = rows[at]
            if at and _is_tail(row):
                previous = rows[at - 1]
                index = _label_index(previous)
                if index is not None:
                    tail = next(cell for cell in row.cells if cell)
                    cells = list(previous.cells)
                    cells[index] += tail
                    rows[at - 1] = Row(cells=tuple(cells), starts=previous.starts)
                    del rows[at]
                    joined += 1
        return tuple(rows)
