r"""Tab-separated rows: one table row per line, cells separated by tabs.

What text exported from Word or a web page gives for a table, e.g.::

    一、本年新收政府信息公开申请数量\t\t1\t0\t0\t0\t0\t0\t1\t
"""

from __future__ import annotations

import re
from functools import lru_cache

from .base import Block, Grid, split_cells

__all__ = ["TabExtractor", "tab_score"]


# Two non-empty cells: something, a tab, and something after it.
_TWO_CELLS = re.compile(r"\S.*\t.*\S")


# Two extractors (tab, ocr-split) ask for this score on every table block; a block hashes once.
@lru_cache(maxsize=16)
def tab_score(block: Block) -> float:
    """Share of the block's non-blank lines that hold two or more tab-separated cells."""
    filled = multi = 0
    for line in block.lines:
        if line and not line.isspace():
            filled += 1
            if _TWO_CELLS.search(line) is not None:
                multi += 1
    return multi / filled if filled else 0.0


class TabExtractor:
    """Read one row per line, splitting cells at tabs; blank lines are skipped."""

    name = "tab"
    priority = 10

    def score(self, block: Block) -> float:
        """Share of non-blank lines with two or more tab-separated cells."""
        return tab_score(block)

    def extract(self, block: Block) -> Grid:
        """One :class:`Row` per non-blank line."""
        return tuple(
            split_cells(line, start)
            for line, start in zip(block.lines, block.line_starts, strict=True)
            if line.strip()
        )
