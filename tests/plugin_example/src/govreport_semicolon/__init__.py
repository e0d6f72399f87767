"""Tables printed as semicolon-separated rows: ``规章;0;0;0``, one row per line.

A cell that holds a semicolon itself (``&nbsp;``, as text scraped from web pages prints a
blank cell) is quoted: ``"&nbsp;"``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from govreport.extractors import Block, Grid, Row

__all__ = ["SemicolonExtractor"]

# One cell and the semicolon after it: a quoted cell, or anything up to the next semicolon.
# The second alternative matches whatever the first does not, so every line splits.
_CELL = re.compile(r'[ \t]*"(?P<quoted>[^"]*)"[ \t]*(?=;|$)|(?P<plain>[^;]*)')


class SemicolonExtractor:
    """Read one table row per line, cells separated by semicolons."""

    name = "semicolon"
    priority = 20

    def score(self, block: Block) -> float:
        """The share of the block's non-blank lines that hold a semicolon."""
        lines = [line for line in block.lines if line.strip()]
        if not lines:
            return 0.0
        return sum(";" in line for line in lines) / len(lines)

    def extract(self, block: Block) -> Grid:
        """One row per non-blank line; each cell stripped, with the offset of its text."""
        return tuple(
            _split(line, start)
            for line, start in zip(block.lines, block.line_starts, strict=True)
            if line.strip()
        )

    @staticmethod
    def render(rows: Sequence[Sequence[str]]) -> str:
        """The inverse of :meth:`extract`, for ``govreport.testing``: rows as text."""
        return "\n".join(";".join(f'"{c}"' if ";" in c else c for c in row) for row in rows)


def _split(line: str, start: int) -> Row:
    cells: list[str] = []
    starts: list[int] = []
    pos = 0
    while True:
        match = _CELL.match(line, pos)
        assert match is not None  # the plain alternative matches anywhere
        group = "quoted" if match["quoted"] is not None else "plain"
        raw = match[group]
        text = raw.strip()
        cells.append(text)
        starts.append(start + match.start(group) + (raw.index(text[0]) if text else 0))
        pos = match.end()
        if pos >= len(line):
            return Row(tuple(cells), tuple(starts))
        pos += 1  # the semicolon
        if pos == len(line):  # a semicolon at the end: an empty last cell
            cells.append("")
            starts.append(start + pos)
            return Row(tuple(cells), tuple(starts))
