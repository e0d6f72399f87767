"""How a reader joins the lines of a table cell: Chinese is not spaced.

A label that Word, a web page or a PDF prints over two lines of its cell (``结果`` then
``维持``; ``本年收费金额`` then ``（单位：万元）``) is one label: between two wide
characters (CJK and full-width punctuation) the line break is dropped; between other
characters (``Total`` then ``count``) it is a space.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

__all__ = ["join_lines"]


def _wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


def join_lines(lines: Iterable[str]) -> str:
    """The text of a cell from its lines (each already stripped; empty ones are skipped)."""
    out = ""
    for line in lines:
        if not line:
            continue
        if out and not (_wide(out[-1]) and _wide(line[0])):
            out += " "
        out += line
    return out
