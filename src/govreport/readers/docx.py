"""Word files: the paragraphs and tables of a ``.docx`` report, in document order.

Needs the extra ``govreport[docx]`` (python-docx). Each paragraph is a line; each table row
is a line of tab-separated cells, so the ``tab`` extractor reads it like any tab-separated
table. A merged cell is one cell, as Word's own tab export prints it: a cell merged across
columns (``gridSpan``) is one cell, and a row that a cell merged down (``vMerge``) reaches
has one empty cell in its place, which keeps the columns of that row where they are. So
every cell of a row is a cell the document prints, and the parser can tell an empty cell
(a blank) from a merged one even at the edge of a row. Line breaks inside a cell (between
its paragraphs, or within one) are dropped between Chinese characters (``结果`` + ``维持``
is ``结果维持``) and are spaces elsewhere. A table nested in a cell is flattened into that
cell's text.

Places reported for a Word report are lines and columns of this text.
"""

from __future__ import annotations

import io
import re
from typing import Any

from ..errors import DecodeError
from ._lines import join_lines

__all__ = ["docx_to_text", "looks_like_docx"]

_SPACES = re.compile(r"\s+")


def looks_like_docx(data: bytes) -> bool:
    """Whether ``data`` is a Word (OOXML) document: a ZIP holding ``word/document.xml``."""
    if not data.startswith(b"PK\x03\x04"):
        return False
    import zipfile  # only for a ZIP: a one-file CLI run on a text file does without it

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def _cell_text(cell: Any) -> str:
    lines = [line for paragraph in cell.paragraphs for line in paragraph.text.split("\n")]
    for table in cell.tables:
        lines.extend(" ".join(row) for row in _rows(table))
    return join_lines(_SPACES.sub(" ", line).strip() for line in lines)


def _rows(table: Any) -> list[list[str]]:
    rows: list[list[str]] = []
    above: list[Any] = []
    for row in table.rows:
        cells = list(row.cells)
        texts = []
        for i, cell in enumerate(cells):
            # The same cell object again: a slot covered by a merge (to the left, or above).
            if i > 0 and cells[i - 1]._tc is cell._tc:
                continue  # the same cell, spanning columns: one cell
            merged_up = i < len(above) and above[i]._tc is cell._tc
            texts.append("" if merged_up else _cell_text(cell))
        above = cells
        rows.append(texts)
    return rows


def docx_to_text(data: bytes) -> str:
    """The report text of a Word document.

    Raises :class:`~govreport.errors.DecodeError` for bytes that are not a readable
    ``.docx``, and :class:`ModuleNotFoundError` naming the extra when python-docx is missing.
    """
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph
    except ModuleNotFoundError as exc:  # pragma: no cover - depends on the environment
        raise ModuleNotFoundError(
            "reading .docx needs python-docx: pip install 'govreport[docx]'"
        ) from exc
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:
        raise DecodeError(f"not a readable .docx file: {exc}", offset=0) from None
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            lines.append(block.text)
        elif isinstance(block, Table):
            lines.extend("\t".join(row) for row in _rows(block))
    return "\n".join(lines) + "\n"
