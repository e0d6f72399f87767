"""The exceptions govreport raises, all under one root, :class:`GovReportError`.

::

    GovReportError
    ├── DecodeError     (also ValueError)  bytes that cannot become text, with the offset
    ├── SkeletonError   (also ValueError)  no readable report skeleton; line, column, expected
    ├── CellError       (also ValueError)  a value that is not a count; JSON path and place
    ├── DataError       (also ValueError)  JSON data that is not a report; JSON path
    ├── ExtractorError                     an extractor plugin failed; names the plugin
    ├── FindingError    (also ValueError)  one error finding, raised in strict mode
    └── ReportErrors    (ExceptionGroup)   strict mode: every problem of a report at once

Places are 1-based lines and columns of the *decoded source text* (not of any normalized
copy), counted in characters. Messages are English and quote the printed Chinese text; where
a source line is known, ``str(error)`` shows it with a caret placed by display width, since
a CJK character takes two columns on a terminal.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import Finding, Report

__all__ = [
    "CARET_WINDOW",
    "CellError",
    "DataError",
    "DecodeError",
    "ExtractorError",
    "FindingError",
    "GovReportError",
    "ReportErrors",
    "SkeletonError",
    "caret_lines",
]


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def caret_lines(source_line: str, column: int) -> str:
    """Render ``source_line`` with a caret under the 1-based ``column``.

    Tabs are shown as single spaces so that the caret stays under its character, and wide
    (CJK) characters count two terminal columns. A long line (text scraped from a web page
    may hold a whole report) is cut to a window of :data:`CARET_WINDOW` characters on each
    side of the column, the cuts marked with ``…``.
    """
    shown = source_line.replace("\t", " ")
    index = max(column - 1, 0)
    start = max(index - CARET_WINDOW, 0)
    end = index + CARET_WINDOW
    head = "…" if start else ""
    tail = "…" if end < len(shown) else ""
    pad = _display_width(head + shown[start:index])
    return f"    {head}{shown[start:end]}{tail}\n    {' ' * pad}^"


#: Characters shown on each side of the column by :func:`caret_lines`.
CARET_WINDOW = 40


class GovReportError(Exception):
    """Root of every error govreport raises on purpose."""


class DecodeError(GovReportError, ValueError):
    """Bytes that cannot be decoded as text without losing characters.

    ``offset`` is the 0-based byte offset of the first byte that could not be decoded under
    the most plausible encoding, which is named in ``encoding`` (``None`` when the bytes look
    binary rather than like text in any encoding).
    """

    def __init__(self, message: str, *, offset: int, encoding: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset
        self.encoding = encoding

    def __str__(self) -> str:
        return f"byte {self.offset}: {self.message}"


class _PlacedError(GovReportError, ValueError):
    """An error with a line and column in the source text."""

    def __init__(
        self,
        message: str,
        *,
        line: int | None,
        column: int | None,
        source_line: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column
        self.source_line = source_line

    def _place(self) -> str:
        if self.line is None:
            return ""
        if self.column is None:
            return f"line {self.line}: "
        return f"line {self.line}, column {self.column}: "

    def __str__(self) -> str:
        text = f"{self._place()}{self.message}"
        if self.source_line is not None and self.column is not None:
            text += "\n" + caret_lines(self.source_line, self.column)
        return text


class SkeletonError(_PlacedError):
    """The text has no readable report skeleton (title and six numbered sections).

    ``expected`` names what the parser was looking for at ``line``/``column``, for example
    ``"the heading of section 四 (政府信息公开行政复议、行政诉讼情况)"``.
    """

    def __init__(
        self,
        message: str,
        *,
        line: int | None,
        column: int | None,
        expected: str,
        source_line: str | None = None,
    ) -> None:
        super().__init__(message, line=line, column=column, source_line=source_line)
        self.expected = expected


class CellError(_PlacedError):
    """A table cell that holds something other than a count (or a blank).

    ``path`` is the JSON path of the cell, such as ``$.applications.new_received.total``;
    ``text`` is the cell as printed.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str,
        text: str,
        line: int | None,
        column: int | None,
        source_line: str | None = None,
    ) -> None:
        super().__init__(message, line=line, column=column, source_line=source_line)
        self.path = path
        self.text = text

    def _place(self) -> str:
        return f"{super()._place()}{self.path}: "


class DataError(GovReportError, ValueError):
    """JSON data that does not describe a report; ``path`` is where, e.g. ``$.year``."""

    def __init__(self, message: str, *, path: str) -> None:
        super().__init__(message)
        self.message = message
        self.path = path

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class ExtractorError(GovReportError):
    """A table extractor failed, or was asked for by a name no extractor has."""

    def __init__(self, message: str, *, extractor: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.extractor = extractor

    def __str__(self) -> str:
        return f"extractor {self.extractor!r}: {self.message}" if self.extractor else self.message


class FindingError(GovReportError, ValueError):
    """An error finding of a report, as an exception (strict mode).

    ``finding`` is the :class:`~govreport.model.Finding`: its code, message, JSON path and
    place.
    """

    def __init__(self, finding: Finding) -> None:
        super().__init__(finding.message)
        self.finding = finding

    def __str__(self) -> str:
        f = self.finding
        place = ""
        if f.line is not None:
            place = f"line {f.line}, column {f.column}: " if f.column else f"line {f.line}: "
        path = f" @ {f.path}" if f.path else ""
        return f"{place}{f.code} {f.message}{path}"


class ReportErrors(ExceptionGroup[GovReportError], GovReportError):
    """Every problem of one report at once: ``parse(..., strict=True)`` raises this.

    ``exceptions`` holds one :class:`FindingError` per error finding; ``report`` is the
    report as it was read, findings and all, for those who want to look anyway.
    """

    report: Report | None

    def __new__(
        cls, message: str, errors: Sequence[GovReportError], report: Report | None = None
    ) -> ReportErrors:
        """A group of ``errors`` about ``report``."""
        self = super().__new__(cls, message, errors)
        self.report = report
        return self

    def __init__(
        self, message: str, errors: Sequence[GovReportError], report: Report | None = None
    ) -> None:
        super().__init__(message, errors)

    def derive(self, excs: Sequence[GovReportError]) -> ReportErrors:  # type: ignore[override]
        """A group of ``excs`` with this group's message and report (for ``split``)."""
        return ReportErrors(self.message, excs, self.report)
