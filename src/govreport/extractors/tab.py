r"""Tab-separated rows: one table row per line, cells separated by tabs.

What text exported from Word or a web page gives for a table, e.g.::

    一、本年新收政府信息公开申请数量\t\t1\t0\t0\t0\t0\t0\t1\t
"""

from __future__ import annotations

from itertools import repeat
from operator import contains

from .base import Block, Grid, _set_tab_score, stripped_lines, tab_rows, tabs_lead_lines

__all__ = ["TabExtractor", "tab_score"]


def tab_score(block: Block) -> float:
    """Share of the block's non-blank lines that hold two or more tab-separated cells.

    Computed once per block: the tab and ocr-split layouts both score with it.
    """
    if block._tab_score is not None:
        return block._tab_score
    score = _tab_score(block)
    _set_tab_score(block, score)  # the class is frozen: set by the slot's setter
    return score


def _tab_score(block: Block) -> float:
    text = block.text
    if tabs_lead_lines(text):
        return 0.0  # no line holds two cells (cell-per-line blocks)
    # Counted over all lines at C speed: a line is blank when it strips to nothing, and holds
    # two cells when a tab stands inside its stripped text (non-space before and after it).
    stripped = stripped_lines(block)
    filled = len(stripped) - stripped.count("")
    multi = sum(map(contains, stripped, repeat("\t")))
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
        return tab_rows(block)
