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
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Sequence
from functools import partial
from typing import IO, TYPE_CHECKING, Any, Protocol

from .model import Report
from .records import FINDING_COLUMNS, columns, error_record, finding_rows, to_record
from .serialize import to_dict

if TYPE_CHECKING:
    from .batch import Outcome

__all__ = [
    "FORMATS",
    "CsvWriter",
    "JsonArray",
    "JsonWriter",
    "JsonlWriter",
    "Writer",
    "XlsxWriter",
    "render_json",
    "render_jsonl",
    "render_rows",
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
    return json.dumps(to_dict(report), ensure_ascii=False)


class JsonArray:
    """A JSON array written element by element, laid out as ``json.dumps(..., indent=2)``.

    :meth:`add` takes an element's JSON as ``json.dumps(element, indent=2)`` gives it.
    """

    def __init__(self, out: IO[str]) -> None:
        self._out = out
        self._count = 0

    def add(self, text: str, *, nested: bool = False) -> None:
        """Write one element; ``nested``: ``text`` is already indented one level deeper."""
        if not nested:
            text = _nested(text, 2)
        self._out.write(("[\n  " if self._count == 0 else ",\n  ") + text)
        self._count += 1

    def close(self) -> None:
        """End the array (``[]`` if it is empty)."""
        self._out.write("\n]\n" if self._count else "[]\n")


class JsonWriter:
    """JSON to ``out``: the report's object alone (``single``), or an array of them.

    The array is written as the reports come; it is ``[]`` when none came.
    """

    def __init__(self, out: IO[str], *, single: bool) -> None:
        self._out = out
        self._array = None if single else JsonArray(out)

    @property
    def render(self) -> Callable[[Report], str]:
        """Indented JSON; one level deeper inside an array (indenting in the workers)."""
        return render_json if self._array is None else partial(render_json, level=1)

    def write(self, outcome: Outcome[Any]) -> None:
        """Write the report's object, if the file gave one."""
        if outcome.output is None:
            return
        if self._array is None:
            self._out.write(outcome.output + "\n")
        else:
            self._array.add(outcome.output, nested=True)

    def close(self) -> None:
        """End the array."""
        if self._array is not None:
            self._array.close()


class JsonlWriter:
    """One JSON object per line, for each file that gave a report."""

    render = staticmethod(render_jsonl)

    def __init__(self, out: IO[str]) -> None:
        self._out = out

    def write(self, outcome: Outcome[Any]) -> None:
        """Write the report's line, if the file gave one."""
        if outcome.output is not None:
            self._out.write(outcome.output + "\n")

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

    ``None`` is an empty cell; decimals are written as their exact text.
    """

    render = staticmethod(render_rows)

    def __init__(self, out: IO[str], findings: IO[str] | None = None) -> None:
        self._out = csv.writer(out, lineterminator="\n")
        self._out.writerow(columns())
        self._findings = None
        if findings is not None:
            self._findings = csv.writer(findings, lineterminator="\n")
            self._findings.writerow(FINDING_COLUMNS)

    def write(self, outcome: Outcome[Any]) -> None:
        """Write the file's row, and its findings' rows."""
        row, findings = _rows(outcome)
        self._out.writerow(row)
        if self._findings is not None:
            self._findings.writerows(findings)

    def close(self) -> None:
        """Nothing to finish: the caller closes the files."""


#: Characters that XML 1.0, and so an .xlsx file, cannot hold, each written as ``\xNN``.
_ILLEGAL_XML = {c: f"\\x{c:02x}" for c in (*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20))}


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
