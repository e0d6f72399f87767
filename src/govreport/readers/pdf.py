"""PDF files with a text layer: text and table cells by their positions on the page.

Needs the extra ``govreport[pdf]`` (pdfplumber, imported only when a PDF is read). On each
page the tables pdfplumber finds (by their ruling lines) become lines of tab-separated cells,
so the ``tab`` extractor reads them; the text outside the tables becomes lines, in reading
order from the top of the page. A table that continues on the next page simply goes on
there. A page number alone at the foot (or the head) of a page (``- 3 -``, ``第3页``) is
the page's, not the report's: it is left out, so that it neither splits a table nor ends up
in a section's text.

A cell's text wrapped over several lines is joined without spaces between Chinese
characters (Chinese is not spaced), with a space elsewhere. A merged cell is one cell, as
for Word and web pages (:mod:`.docx`, :mod:`.html`): the slots it covers to its right are no
cells, and a row it reaches below has one empty cell in its place. So every cell of a row is
a cell the page prints, and the parser can tell an empty cell (a blank) from a merged one
even at the edge of a row.

A scanned PDF, whose pages are images with no text layer, is a
:class:`~govreport.errors.DecodeError`: it needs OCR first. Places reported for a PDF report
are lines and columns of the extracted text.
"""

from __future__ import annotations

import io
from typing import Any

from ..cells import is_page_number
from ..errors import DecodeError
from ._lines import join_lines

__all__ = ["looks_like_pdf", "pdf_to_text"]


def looks_like_pdf(data: bytes) -> bool:
    """Whether ``data`` is a PDF file (by its header)."""
    return data[:1024].lstrip().startswith(b"%PDF-")


_TOLERANCE = 1.0  # points: pdfplumber snaps the ruling lines of one table together


def _cell(text: str) -> str:
    return join_lines(line.strip() for line in text.split("\n"))


def _table_lines(table: Any) -> list[str]:
    """The rows of a pdfplumber table as tab-separated cells, merged cells counted once.

    pdfplumber gives ``None`` for every grid slot where no cell starts. Such a slot is left
    out when the cell covering it starts in a column to its left (a merged cell is one
    cell), and is an empty cell when that cell starts in its column, on a row above.
    """
    columns = sorted({cell[0] for cell in table.cells})
    lines = []
    for row, texts in zip(table.rows, table.extract(), strict=True):
        top = row.bbox[1]
        cells = []
        for column, (bbox, text) in enumerate(zip(row.cells, texts, strict=True)):
            if bbox is not None:
                cells.append(_cell(text or ""))
                continue
            x = columns[column]
            covering = [
                c
                for c in table.cells
                if c[0] - _TOLERANCE <= x < c[2] - _TOLERANCE
                and c[1] - _TOLERANCE <= top < c[3] - _TOLERANCE
            ]
            if not any(c[0] < x - _TOLERANCE for c in covering):
                cells.append("")
        line = "\t".join(cells)
        if line.strip():
            lines.append(line)
    return lines


def _page_lines(page: Any) -> list[str]:
    tables = page.find_tables()
    boxes = [table.bbox for table in tables]

    def outside(obj: dict[str, Any]) -> bool:
        x = (obj.get("x0", 0) + obj.get("x1", 0)) / 2
        y = (obj.get("top", 0) + obj.get("bottom", 0)) / 2
        return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)

    # Pieces of the page in reading order: (top, lines, whether it is a table).
    pieces: list[tuple[float, list[str], bool]] = []
    for table in tables:
        pieces.append((table.bbox[1], _table_lines(table), True))
    words = page.filter(outside).extract_words(keep_blank_chars=True)
    # Words on one line overlap it vertically; a full stop set low (`。`) still does.
    lines: list[tuple[float, float, list[dict[str, Any]]]] = []
    for word in words:
        for i, (top, bottom, members) in enumerate(lines):
            if word["top"] < bottom - 1 and word["bottom"] > top + 1:
                members.append(word)
                lines[i] = (min(top, word["top"]), max(bottom, word["bottom"]), members)
                break
        else:
            lines.append((word["top"], word["bottom"], [word]))
    for top, _, members in lines:
        members.sort(key=lambda w: w["x0"])
        pieces.append((top, ["".join(w["text"] for w in members)], False))
    pieces.sort(key=lambda piece: piece[0])
    # The page's own number, at its foot or its head: a line of text, not a table row.
    for end in (-1, 0):
        if pieces and not pieces[end][2] and is_page_number(pieces[end][1][0].strip()):
            pieces.pop(end)
    return [text for _, lines, _ in pieces for text in lines]


def pdf_to_text(data: bytes) -> str:
    """The report text of a PDF with a text layer.

    Raises :class:`~govreport.errors.DecodeError` for a PDF that cannot be opened or has no
    text (a scan), and :class:`ModuleNotFoundError` naming the extra when pdfplumber is
    missing.
    """
    try:
        import pdfplumber
    except ModuleNotFoundError as exc:  # pragma: no cover - depends on the environment
        raise ModuleNotFoundError(
            "reading PDF files needs pdfplumber: pip install 'govreport[pdf]'"
        ) from exc
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:
        raise DecodeError(f"not a readable PDF file: {exc}", offset=0) from None
    with pdf:
        lines: list[str] = []
        for page in pdf.pages:
            lines.extend(_page_lines(page))
    if not any(line.strip() for line in lines):
        raise DecodeError(
            "this PDF has no text layer (a scan?): run OCR on it first", offset=0, encoding=None
        )
    return "\n".join(lines) + "\n"
