"""The extractor protocol and the data it works on: a block of lines in, rows of cells out.

Extractors know layout, not meaning. They turn the lines of one table section into rows of
raw cells, each with its offset in the text; which printed label means which row of the
format is decided afterwards, in one place (:mod:`govreport.labels`).
"""

from __future__ import annotations

import re
from itertools import accumulate, repeat
from operator import add
from typing import NamedTuple, Protocol, runtime_checkable

from attrs import frozen

from ..cells import is_value_like

__all__ = ["Block", "Extractor", "Grid", "Row", "split_cells"]


@frozen(kw_only=True, cache_hash=True)
class Block:
    """The lines of one table section (二, 三 or 四) of the normalized text.

    ``lines[i]`` starts at offset ``line_starts[i]`` of the normalized text; lines keep
    their tabs and spaces and have no line break.
    """

    section: int
    start: int
    end: int
    lines: tuple[str, ...]
    line_starts: tuple[int, ...]

    @classmethod
    def from_text(cls, text: str, start: int, end: int, *, section: int) -> Block:
        """The block of ``text[start:end]``."""
        lines = tuple(text[start:end].split("\n"))
        # Each line starts one past the end of the one before, summed at C speed.
        starts = tuple(accumulate(map(add, map(len, lines), repeat(1)), initial=start))[:-1]
        return cls(section=section, start=start, end=end, lines=lines, line_starts=starts)


class Row(NamedTuple):
    """One table row as printed: cell texts (stripped) and where each starts in the text.

    An empty string is an empty cell; for an empty cell the offset is where it would be.
    (A named tuple rather than an attrs class: a report has hundreds of rows, and a tuple
    is the cheapest immutable record Python builds.)
    """

    cells: tuple[str, ...]
    starts: tuple[int, ...]


Grid = tuple[Row, ...]
"""The rows of one table block, in printed order."""


@runtime_checkable
class Extractor(Protocol):
    """A table layout reader.

    ``score`` says how well the layout fits a block, in [0, 1] (1.0 wins at once); the
    extractor with the highest score reads the block, ``priority`` breaking ties (higher
    first). ``extract`` returns the block's rows of cells.
    """

    name: str
    priority: int

    def score(self, block: Block) -> float:
        """How well this layout fits ``block``, from 0 (not at all) to 1 (certainly)."""
        ...

    def extract(self, block: Block) -> Grid:
        """The rows of ``block``."""
        ...


# A tab-separated cell that starts with white space (a space, a form feed at a page end): only
# then are cell starts moved past it, one regular-expression test per line.
_PADDED = re.compile(r"(?:^|\t)[^\S\t]")


def split_cells(line: str, start: int, sep: str = "\t") -> Row:
    """Split one line at ``sep`` into a :class:`Row`, cells stripped, offsets kept."""
    pieces = line.split(sep)
    cells = tuple(map(str.strip, pieces))
    # Offsets of the pieces, computed in C: each piece starts after the previous one and its
    # separator. Only a piece with leading white space needs its cell's start moved.
    starts = list(accumulate(map(add, map(len, pieces), repeat(len(sep))), initial=start))
    if sep != "\t" or _PADDED.search(line) is not None:
        for i, piece in enumerate(pieces):
            if piece[:1].isspace() and cells[i]:
                starts[i] += len(piece) - len(piece.lstrip())
    del starts[-1]
    return Row(cells, tuple(starts))


def has_values(row: Row) -> bool:
    """Whether any cell of ``row`` holds a number or a printed blank."""
    return any(is_value_like(cell) for cell in row.cells)
