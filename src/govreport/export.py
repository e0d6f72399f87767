"""Writers for a batch's reports: JSON, JSON Lines, CSV and Excel, one report at a time.

Each writer has a ``render`` function, which turns one report into what the writer needs
(a JSON text, a row and its findings' rows) and which runs where the report was parsed (a
worker process, in a batch with ``--jobs``), and ``write(outcome)``, which writes one
:class:`~govreport.batch.Outcome` at once, so that nothing piles up in memory:

* ``json``: one object for a single file, else an array streamed object by object, laid
  out exactly as ``json.dumps(reports, indent=2)`` would (two-space indent, Chinese kept);
* ``jsonl``: one object per line;
* ``csv``: a header of :func:`govreport.records.columns`, then one row per file — a file
  that failed is a row too, with its ``error`` and ``error_kind`` — and, if asked for, the
  findings in a second CSV file with :data:`govreport.records.FINDING_COLUMNS`;
* ``xlsx`` (extra ``govreport[xlsx]``, openpyxl in write-only mode): the same two tables as
  the sheets ``reports`` and ``findings``; a table longer than a sheet's 1,048,576 rows goes
  on in ``reports (2)``, ``reports (3)``, … each with the header.

JSON writes only the files that gave a report (the CLI reports the others on stderr). In
CSV and Excel a blank cell is an empty cell, never ``0``, and a decimal is its exact text
(``0.35``), never a float.

The JSON and CSV writers take a text stream, or a byte stream (a file opened ``"wb"``,
``sys.stdout.buffer``) to which they write UTF-8: then ``render`` encodes in the worker,
and the main process of a batch only copies bytes, instead of decoding each report's text
from the worker and encoding it again.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from typing import IO, TYPE_CHECKING, Any, Protocol, TextIO, cast

from .model import Report
from .records import FINDING_COLUMNS, columns, error_record, finding_rows, to_record
from .serialize import to_dict, to_json

if TYPE_CHECKING:
    from .batch import Outcome

__all__ = [
    "BUFFER",
    "FORMATS",
    "CsvWriter",
    "JsonArray",
    "JsonWriter",
    "JsonlWriter",
    "Stream",
    "Utf8Stream",
    "Writer",
    "XlsxWriter",
    "render_json",
    "render_jsonl",
    "render_rows",
    "utf8_stream",
]

#: The output formats, by name.
FORMATS = ("json", "jsonl", "csv", "xlsx")

Rows = tuple[tuple[Any, ...], list[tuple[Any, ...]]]
"""A report as a row of :func:`~govreport.records.columns` and the rows of its findings."""


class Writer(Protocol):
    """Writes outcomes one by one; ``render`` makes their output where reports are parsed."""

    @property
    def render(self) -> Callable[[Report], Any]:
        """Turns one report into what :meth:`write` writes (picklable)."""

    def write(self, outcome: Outcome[Any]) -> None:
        """Write one file's outcome."""

    def close(self) -> None:
        """Finish the output (close the array, save the workbook)."""


# --- JSON ------------------------------------------------------------------------------------


def _nested(text: str, spaces: int) -> str:
    """Indented JSON ``text`` moved ``spaces`` to the right, as an element of an array."""
    # JSON strings hold no raw newline: every newline starts a line of the layout.
    return text.replace("\n", "\n" + " " * spaces) if spaces else text


def render_json(report: Report, *, indent: int = 2, level: int = 0) -> str:
    """The report as JSON indented by ``indent``, nested ``level`` deep (as in an array)."""
    return _nested(json.dumps(to_dict(report), ensure_ascii=False, indent=indent), indent * level)


def render_jsonl(report: Report) -> str:
    """The report as JSON on one line."""
    return to_json(report)


def _jsonl_line(report: Report) -> str:
    return render_jsonl(report) + "\n"


# --- Text or bytes ---------------------------------------------------------------------------


class Utf8Stream:
    """A byte stream to a text stream's file, and that text stream's error handler.

    What :func:`utf8_stream` gives; the writers encode for it as the text stream would.
    """

    def __init__(self, out: IO[bytes], errors: str) -> None:
        self.out = out
        self.errors = errors
        self.write = out.write
        self.flush = out.flush


def _errors(out: IO[Any] | Utf8Stream) -> str | None:
    """The error handler of the UTF-8 that ``out`` takes; ``None`` if it takes text.

    A file opened for bytes takes ``surrogateescape``, as standard output does in a POSIX
    locale: a file name that is not UTF-8 (its bytes decoded by the OS as lone surrogates)
    is written back as the bytes it has, instead of failing the batch.
    """
    if isinstance(out, Utf8Stream):
        return out.errors
    return "surrogateescape" if isinstance(out, (io.BufferedIOBase, io.RawIOBase)) else None


def _json_errors(out: IO[Any] | Utf8Stream) -> str | None:
    r"""The error handler for JSON in UTF-8 to ``out``; ``None`` if it takes text.

    In JSON a lone surrogate (a file name that is not UTF-8) is written as its escape
    (``\udcff``), which reads back as the same string: the file stays UTF-8 and valid JSON.
    Surrogates stand only inside JSON strings, where ``backslashreplace`` gives that escape.
    """
    return None if _errors(out) is None else "backslashreplace"


def _utf8(text: str, errors: str) -> bytes | str:
    """``text`` in UTF-8; text that cannot be encoded stays text (see :func:`_put`)."""
    try:
        return text.encode("utf-8", errors)
    except UnicodeEncodeError:  # a lone surrogate, from a file name in another encoding
        return text


def _encoded(render: Callable[[Report], str], errors: str, report: Report) -> bytes | str:
    """What ``render`` makes of ``report``, in UTF-8 (see :func:`_utf8`)."""
    return _utf8(render(report), errors)


def _as(errors: str | None, data: bytes | str) -> bytes | str:
    """``data`` as a stream takes it: text (``errors`` is ``None``) or UTF-8.

    Text that could not be encoded where it was made fails here, in the main process, as
    it would in a text stream.
    """
    if errors is None:
        return data if isinstance(data, str) else data.decode()
    return data if isinstance(data, bytes) else data.encode("utf-8", errors)


def _put(out: Any, errors: str | None, data: bytes | str) -> None:
    """Write ``data`` to ``out``, which takes text (``errors`` is ``None``) or UTF-8."""
    out.write(_as(errors, data))


#: The buffer of a byte stream that a batch writes to: a report's few KiB at a time would
#: be a system call each.
BUFFER = 1 << 20


def utf8_stream(out: TextIO) -> Utf8Stream | None:
    """A byte stream to ``out``'s file, if UTF-8 written to it is what ``out`` would write.

    ``None`` for another encoding, and for a terminal (which shows text line by line).
    Whatever was written to ``out`` is flushed first; flush the byte stream before
    writing to ``out`` again.
    """
    import codecs

    buffer: IO[bytes] | None = getattr(out, "buffer", None)
    if (
        buffer is None
        or out.isatty()
        or os.linesep != "\n"  # a text stream writes os.linesep for "\n"
        or codecs.lookup(out.encoding).name != "utf-8"
    ):
        return None
    out.flush()
    errors = out.errors or "strict"
    try:
        fd = out.fileno()
    except (OSError, ValueError):  # no file underneath (a capture in tests)
        return Utf8Stream(buffer, errors)
    return Utf8Stream(open(fd, "wb", buffering=BUFFER, closefd=False), errors)


Stream = IO[str] | IO[bytes] | Utf8Stream
"""Where a writer writes: a text stream, or a byte stream that gets UTF-8."""


class JsonArray:
    """A JSON array written element by element, laid out as ``json.dumps(..., indent=2)``.

    :meth:`add` takes an element's JSON as ``json.dumps(element, indent=2)`` gives it
    (in UTF-8 for a byte stream, when it is ``nested``).
    """

    def __init__(self, out: Stream) -> None:
        self._out = out
        self._errors = _json_errors(out)
        self._count = 0

    def add(self, text: str | bytes, *, nested: bool = False) -> None:
        """Write one element; ``nested``: ``text`` is already indented one level deeper."""
        if not nested:
            assert isinstance(text, str)
            text = _nested(text, 2)
        text = _as(self._errors, text)  # failing before the comma, as a text stream would
        _put(self._out, self._errors, "[\n  " if self._count == 0 else ",\n  ")
        _put(self._out, self._errors, text)
        self._count += 1

    def close(self) -> None:
        """End the array (``[]`` if it is empty)."""
        _put(self._out, self._errors, "\n]\n" if self._count else "[]\n")


class JsonWriter:
    """JSON to ``out``: the report's object alone (``single``), or an array of them.

    The array is written as the reports come; it is ``[]`` when none came.
    """

    def __init__(self, out: Stream, *, single: bool) -> None:
        self._out = out
        self._errors = _json_errors(out)
        self._array = None if single else JsonArray(out)

    @property
    def render(self) -> Callable[[Report], str | bytes]:
        """Indented JSON; one level deeper inside an array (indenting in the workers).

        In UTF-8 for a byte stream (encoding in the workers too).
        """
        render: Callable[[Report], str] = (
            render_json if self._array is None else partial(render_json, level=1)
        )
        return render if self._errors is None else partial(_encoded, render, self._errors)

    def write(self, outcome: Outcome[Any]) -> None:
        """Write the report's object, if the file gave one."""
        if outcome.output is None:
            return
        if self._array is None:
            _put(self._out, self._errors, outcome.output)
            _put(self._out, self._errors, "\n")
        else:
            self._array.add(outcome.output, nested=True)

    def close(self) -> None:
        """End the array."""
        if self._array is not None:
            self._array.close()


class JsonlWriter:
    """One JSON object per line, for each file that gave a report."""

    def __init__(self, out: Stream) -> None:
        self._out = out
        self._errors = _json_errors(out)

    @property
    def render(self) -> Callable[[Report], str | bytes]:
        """JSON on one line; for a byte stream the line, newline included, in UTF-8.

        (Encoded in the workers, in one piece: one write for each report.)
        """
        if self._errors is None:
            return render_jsonl
        return partial(_encoded, _jsonl_line, self._errors)

    def write(self, outcome: Outcome[Any]) -> None:
        """Write the report's line, if the file gave one."""
        if outcome.output is None:
            return
        _put(self._out, self._errors, outcome.output)
        if self._errors is None:
            _put(self._out, None, "\n")

    def close(self) -> None:
        """Nothing to finish."""


# --- Tables ----------------------------------------------------------------------------------


def render_rows(report: Report) -> Rows:
    """The report's row and the rows of its findings.

    The row's values are in :func:`~govreport.records.columns` order.
    """
    return tuple(to_record(report).values()), finding_rows(report)


def _rows(outcome: Outcome[Any]) -> Rows:
    """The row of a file and its findings' rows; a failed file's row holds its error."""
    if outcome.output is not None:
        rows: Rows = outcome.output
        return rows
    assert outcome.error is not None
    record = error_record(outcome.path, outcome.error.kind.value, outcome.error.describe())
    return tuple(record.values()), []


class CsvWriter:
    """CSV: a header and one row per file to ``out``; findings to ``findings`` if given.

    ``None`` is an empty cell; decimals are written as their exact text. For a byte
    stream, the workers make the rows into CSV text in UTF-8.
    """

    def __init__(self, out: Stream, findings: Stream | None = None) -> None:
        self._out = _Table(out)
        self._out.write([columns()])
        self._findings = None
        if findings is not None:
            self._findings = _Table(findings)
            self._findings.write([FINDING_COLUMNS])

    @property
    def render(self) -> Callable[[Report], Any]:
        """Rows (:func:`render_rows`); CSV text in UTF-8 for a byte stream."""
        if self._out.errors is None:
            return render_rows
        findings = None if self._findings is None else self._findings.errors or "strict"
        return partial(_render_csv, errors=self._out.errors, findings=findings)

    def write(self, outcome: Outcome[Any]) -> None:
        """Write the file's row, and its findings' rows."""
        if outcome.output is not None and self._out.errors is not None:
            row, findings = outcome.output
            self._out.put(row)
            if self._findings is not None:
                self._findings.put(findings)
            return
        row, finding_rows = _rows(outcome)
        self._out.write([row])
        if self._findings is not None:
            self._findings.write(finding_rows)

    def close(self) -> None:
        """Nothing to finish: the caller closes the files."""


def _csv_text(rows: Iterable[Sequence[Any]]) -> str:
    """``rows`` as CSV text, as :class:`CsvWriter` writes them (each ending in a newline)."""
    text = io.StringIO()
    csv.writer(text, lineterminator="\n").writerows(rows)
    return text.getvalue()


def _render_csv(
    report: Report, *, errors: str, findings: str | None
) -> tuple[bytes | str, bytes | str]:
    """The report's CSV line and its findings' lines, in UTF-8 (see :func:`_utf8`).

    ``errors`` and ``findings``: the error handlers of the two streams (``None``: no
    findings stream, no findings' lines).
    """
    row = _utf8(_csv_text([tuple(to_record(report).values())]), errors)
    if findings is None:
        return row, b""
    return row, _utf8(_csv_text(finding_rows(report)), findings)


class _Table:
    """A CSV stream: rows written by :mod:`csv` to text, as CSV text in UTF-8 to bytes."""

    def __init__(self, out: Stream) -> None:
        self.out = out
        self.errors = _errors(out)
        self._rows = None
        if self.errors is None:
            self._rows = csv.writer(cast("IO[str]", out), lineterminator="\n")

    def put(self, text: bytes | str) -> None:
        """Write rows already made into CSV text."""
        _put(self.out, self.errors, text)

    def write(self, rows: Iterable[Sequence[Any]]) -> None:
        """Write ``rows``."""
        if self._rows is None:
            self.put(_csv_text(rows))
        else:
            self._rows.writerows(rows)


#: Characters that XML 1.0, and so an .xlsx file, cannot hold, each written as ``\xNN``;
#: and the lone surrogates U+DC80 to U+DCFF, which stand for the bytes of a file name that is
#: not UTF-8 (decoded by the OS with ``surrogateescape``), each written as the byte it stands
#: for (``\xff``).
_ILLEGAL_XML = {
    **{c: f"\\x{c:02x}" for c in (*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20))},
    **{c: f"\\x{c - 0xDC00:02x}" for c in range(0xDC80, 0xDD00)},
}


def _cell(value: Any) -> Any:
    if value is None or isinstance(value, int):
        return value
    return str(value).translate(_ILLEGAL_XML)  # a Decimal stays exact as text


class _Sheets:
    """Rows appended to a write-only sheet, going on in a new sheet when one is full."""

    #: Rows of an Excel sheet, header included.
    MAX_ROWS = 1_048_576

    def __init__(self, book: Any, title: str, header: Sequence[str]) -> None:
        self._book = book
        self._title = title
        self._header = list(header)
        self._sheets = 0
        self._rows = 0
        self._sheet: Any = None
        self._next()

    def _next(self) -> None:
        self._sheets += 1
        name = self._title if self._sheets == 1 else f"{self._title} ({self._sheets})"
        self._sheet = self._book.create_sheet(name)
        self._sheet.append(self._header)
        self._rows = 1

    def append(self, row: Sequence[Any]) -> None:
        if self._rows >= self.MAX_ROWS:
            self._next()
        self._sheet.append([_cell(v) for v in row])
        self._rows += 1


class XlsxWriter:
    """An Excel workbook: sheets ``reports`` (one row per file) and ``findings``.

    Written with openpyxl in write-only mode (rows go to temporary files as they come) and
    saved to ``target`` — a path or a binary file open for writing — by :meth:`close`.
    """

    render = staticmethod(render_rows)

    def __init__(self, target: str | IO[bytes]) -> None:
        try:
            from openpyxl import Workbook
        except ImportError:
            raise ModuleNotFoundError(
                "Excel output needs openpyxl: pip install 'govreport[xlsx]'", name="openpyxl"
            ) from None
        self._target = target
        self._book = Workbook(write_only=True)
        self._reports = _Sheets(self._book, "reports", columns())
        self._findings = _Sheets(self._book, "findings", FINDING_COLUMNS)

    def write(self, outcome: Outcome[Any]) -> None:
        """Append the file's row, and its findings' rows."""
        row, findings = _rows(outcome)
        self._reports.append(row)
        for finding in findings:
            self._findings.append(finding)

    def close(self) -> None:
        """Save the workbook."""
        self._book.save(self._target)
