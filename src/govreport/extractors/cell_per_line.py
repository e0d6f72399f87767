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

from .base import Block, Grid, Row

__all__ = ["CellPerLineExtractor"]


class CellPerLineExtractor:
    """Read rows separated by blank lines, one tab-led cell per line."""

    name = "cell-per-line"
    priority = 10

    def score(self, block: Block) -> float:
        """Share of non-blank lines that are a single tab-led cell (or continue one)."""
        filled = single = 0
        previous_cell = False
        for line in block.lines:
            if line.startswith("\t"):
                filled += 1
                if line.find("\t", 1) < 0:
                    single += 1
                    previous_cell = True
            elif not line.strip():
                previous_cell = False
            else:
                filled += 1
                if previous_cell and "\t" not in line:
                    single += 1  # a continuation line
        return single / filled if filled else 0.0

    def extract(self, block: Block) -> Grid:
        """Rows of the cells between blank lines."""
        rows: list[Row] = []
        cells: list[str] = []
        starts: list[int] = []

        def close() -> None:
            if cells:
                rows.append(Row(tuple(cells), tuple(starts)))
                cells.clear()
                starts.clear()

        for line, start in zip(block.lines, block.line_starts, strict=True):
            if line.startswith("\t"):
                stripped = line.strip()  # the cell after the tab, stripped
                cells.append(stripped)
                starts.append(start + line.find(stripped[:1], 1) if stripped else start + 1)
            elif not line.strip():
                close()
            elif cells:
                # A cell printed over two lines: `\t商业` then `企业`.
                stripped = line.strip()
                if not cells[-1]:
                    starts[-1] = start + line.find(stripped[:1])
                cells[-1] += stripped
            else:
                stripped = line.strip()
                cells.append(stripped)
                starts.append(start + line.find(stripped[:1]))
                close()
        close()
        return tuple(rows)
