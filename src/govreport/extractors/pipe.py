r"""Markdown pipe tables: one row per line, cells between ``|``.

What document converters that write Markdown (pandoc, markitdown, many web-page and docx
tools) give for a table::

    | 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |
    |---|---|---|---|
    | 规章 | 0 | 0 | 0 |

The delimiter row under a table's first row (``|---|:---:|``) is skipped; the pipes at the
ends of a row are optional, as Markdown has them (``规章 | 0 | 0 | 0``, once a table has
begun). An escaped pipe (``\|``) is a character of its cell; ``<br>`` (a line break inside a
cell) and emphasis around a whole cell (``**总计**``) are markup, not text. Lines outside
the tables (``第二十条第（一）项`` printed as a paragraph between two tables) are rows of one
cell, so that nothing is dropped.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from .base import Block, Grid, Row

__all__ = ["PipeExtractor", "pipe_score", "render_pipe"]

# A pipe that separates cells: not escaped with a backslash.
_PIPE = re.compile(r"(?<!\\)\|")
# A cell of a delimiter row: dashes with optional alignment colons.
_DELIMITER_CELL = re.compile(r"\s*:?-+:?\s*")
_STRICT_DELIMITER_CELL = re.compile(r"\s*(?::-+:?|:?-{3,}:?)\s*")
# Markup inside a cell that is not its text.
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_EMPHASIS = re.compile(r"(\*\*|__|\*)(.+?)\1")


def _is_pipe_row(line: str) -> bool:
    stripped = line.strip()
    return stripped.startswith("|") or (stripped.endswith("|") and not stripped.endswith("\\|"))


def _is_delimiter(pieces: Sequence[str], *, second: bool) -> bool:
    """Whether a row's cells make a delimiter row (``---``, ``:---:``).

    Right under a table's first row, where Markdown puts it, ``-`` is enough; elsewhere the
    cells need three dashes or a colon, since ``-`` alone is a printed blank cell.
    """
    pattern = _DELIMITER_CELL if second else _STRICT_DELIMITER_CELL
    return bool(pieces) and all(pattern.fullmatch(piece) for piece in pieces)


def _pieces(line: str) -> tuple[list[str], list[int]]:
    """The raw cell texts of a pipe row and where each begins in ``line``."""
    bounds = [m.start() for m in _PIPE.finditer(line)]
    edges = [-1, *bounds, len(line)]
    pieces = [line[a + 1 : b] for a, b in itertools.pairwise(edges)]
    starts = [a + 1 for a in edges[:-1]]
    # The pipes at the ends of the row enclose it: what lies outside them is no cell.
    if bounds and not line[: bounds[0]].strip():
        del pieces[0], starts[0]
    if bounds and not line[bounds[-1] + 1 :].strip():
        del pieces[-1], starts[-1]
    return pieces, starts


def _cell(piece: str) -> tuple[str, int]:
    """A cell's text without markup, and where its text begins within ``piece``."""
    text = piece.strip()
    lead = len(piece) - len(piece.lstrip()) if text else 0
    if "\\|" in text:
        text = text.replace("\\|", "|")
    if "<" in text:
        text = _BREAK.sub("", text).strip()
    if "*" in text or "_" in text:
        whole = _EMPHASIS.fullmatch(text)
        if whole is not None:
            text = whole.group(2).strip()
    return text, lead


def pipe_score(block: Block) -> float:
    """Share of the block's non-blank lines that are pipe rows; halved without a delimiter row.

    A Markdown table always has its delimiter row; pipes without one may be anything.
    """
    if "|" not in block.text:
        return 0.0  # no pipe row, whatever the number of non-blank lines
    filled = rows = 0
    delimited = False
    for line in block.lines:
        if not line or line.isspace():
            continue
        filled += 1
        if "|" in line and _is_pipe_row(line):
            rows += 1
            if not delimited and "-" in line:
                delimited = _is_delimiter(_pieces(line)[0], second=False)
    if not filled:
        return 0.0
    return rows / filled if delimited else rows / filled / 2


class PipeExtractor:
    """Read Markdown pipe tables, one row per line; delimiter rows are skipped."""

    name = "pipe"
    priority = 5

    def score(self, block: Block) -> float:
        """Share of non-blank lines that are pipe rows, halved if no delimiter row is seen."""
        return pipe_score(block)

    def extract(self, block: Block) -> Grid:
        """One :class:`Row` per non-blank line; a line outside the tables is one cell."""
        rows: list[Row] = []
        lines, line_starts = block.lines, block.line_starts
        table_rows = 0  # rows of the table being read; 0 outside a table
        for i, (line, start) in enumerate(zip(lines, line_starts, strict=True)):
            if not line or line.isspace():
                table_rows = 0  # a blank line ends a table
                continue
            if "|" in line:
                pieces, starts = _pieces(line)
                if table_rows and _is_delimiter(pieces, second=table_rows == 1):
                    continue
                following = lines[i + 1] if i + 1 < len(lines) else ""
                if (
                    table_rows
                    or _is_pipe_row(line)
                    or ("|" in following and _is_delimiter(_pieces(following)[0], second=True))
                ):
                    table_rows += 1
                    texts: list[str] = []
                    offsets: list[int] = []
                    for piece, at in zip(pieces, starts, strict=True):
                        text, lead = _cell(piece)
                        texts.append(text)
                        offsets.append(start + at + lead)
                    rows.append(Row(tuple(texts), tuple(offsets)))
                    continue
            table_rows = 0
            text = line.strip()
            rows.append(Row((text,), (start + line.find(text[:1]),)))
        return tuple(rows)

    def render(self, rows: Sequence[Sequence[str]]) -> str:
        """The inverse of :meth:`extract`: ``rows`` of cell texts as one Markdown table."""
        return render_pipe(rows)


def render_pipe(rows: Sequence[Sequence[str]]) -> str:
    """``rows`` of cell texts as one Markdown pipe table, its delimiter row after the first."""
    lines = []
    for i, row in enumerate(rows):
        cells = [cell.strip().replace("|", "\\|") for cell in row]
        lines.append("| " + " | ".join(cells) + " |")
        if i == 0:
            lines.append("|" + "---|" * max(1, len(cells)))
    return "\n".join(lines)
