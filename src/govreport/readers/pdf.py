"""PDF files with a text layer: text and table cells by their positions on the page.

Needs the extra ``govreport[pdf]`` (pdfplumber, imported only when a PDF is read). On each
page the tables pdfplumber finds (by their ruling lines) become lines of tab-separated cells,
so the ``tab`` extractor reads them; the text outside the tables becomes lines, in reading
order from the top of the page. A table that continues on the next page simply goes on
there; the page number printed between its parts is reported (``page-number``) and skipped.
A cell's text wrapped over several lines is joined without spaces (Chinese is not spaced),
and a cell pdfplumber reports as merged (``None``) is an empty cell.

A scanned PDF, whose pages are images with no text layer, is a
:class:`~govreport.errors.DecodeError`: it needs OCR first. Places reported for a PDF report
are lines and columns of the extracted text.
"""

from __future__ import annotations

import io
from typing import Any

from ..errors import DecodeError

__all__ = ["looks_like_pdf", "pdf_to_text"]


def looks_like_pdf(data: bytes) -> bool:
    """Whether ``data`` is a PDF file (by its header)."""
    return data[:1024].lstrip().startswith(b"%PDF-")


def _cell(text: str | None) -> str:
    return "" if text is None else "".join(text.split("\n")).strip()


def _page_lines(page: Any) -> list[str]:
    tables = page.find_tables()
    boxes = [table.bbox for table in tables]

    def outside(obj: dict[str, Any]) -> bool:
        x = (obj.get("x0", 0) + obj.get("x1", 0)) / 2
        y = (obj.get("top", 0) + obj.get("bottom", 0)) / 2
        return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)

    # Pieces of the page in reading order: (top, lines).
    pieces: list[tuple[float, list[str]]] = []
    for table in tables:
        rows = ["\t".join(_cell(cell) for cell in row) for row in table.extract()]
        pieces.append((table.bbox[1], [row for row in rows if row.strip()]))
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
        pieces.append((top, ["".join(w["text"] for w in members)]))
    pieces.sort(key=lambda piece: piece[0])
    return [text for _, lines in pieces for text in lines]


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
