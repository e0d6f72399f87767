"""Many reports at once: find the files, parse them one at a time or in processes, in order.

:func:`find_files` turns what a user names — files, folders (walked recursively, in sorted
order, hidden entries skipped) and glob patterns (``**`` included) — into paths, lazily.
:func:`outcomes` parses them and yields one :class:`Outcome` per path, in input order,
never raising for a bad file: a file that cannot be read, decoded or parsed becomes an
outcome whose :attr:`Outcome.error` says why (:class:`ErrorKind`) and where. With
``jobs > 1`` the files are parsed in a pool of processes with a bounded number of files in
flight, so memory stays flat however many files there are; what each worker sends back is
what ``render`` made of the report (a JSON text, a row), not the report itself.
:class:`Summary` counts outcomes for the end of a batch.

:func:`read_record` is the building block for other schedulers (Dask, see
``docs/batch.md``): one path in, one flat record out (:mod:`govreport.records`), errors
included as a record with its ``error`` column.
"""

from __future__ import annotations

import os
import sys
from collections import Counter, deque
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping, Sequence
from enum import StrEnum
from functools import partial
from itertools import chain, islice
from operator import attrgetter
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

from attrs import field, frozen

from .errors import DecodeError, ExtractorError, GovReportError, SkeletonError, caret_lines
from .extractors.base import Extractor
from .labels import TABLE_SECTIONS
from .model import Report, Severity
from .pipeline import parse_file

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

__all__ = [
    "ErrorKind",
    "FileError",
    "Outcome",
    "Summary",
    "count_files",
    "find_files",
    "is_batch_input",
    "outcomes",
    "read",
    "read_record",
]

T = TypeVar("T")


# --- Finding the files -------------------------------------------------------------------------

_MAGIC = frozenset("*?[")


def _is_pattern(name: str) -> bool:
    return not _MAGIC.isdisjoint(name)


_NAME = attrgetter("name")


def _walk(folder: str) -> Iterator[str]:
    """The files under ``folder``, depth first, each folder's entries in sorted order."""
    try:
        entries = sorted(os.scandir(folder), key=_NAME)
    except OSError:
        yield folder  # reported as unreadable when it is read
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue  # .git, .DS_Store and friends
        if entry.is_dir(follow_symlinks=False):  # a link to a folder could make a loop
            yield from _walk(entry.path)
        elif entry.is_file():
            yield entry.path


def is_batch_input(name: str | os.PathLike[str]) -> bool:
    """Whether ``name`` names a folder or a glob pattern rather than one file."""
    name = os.fspath(name)
    return os.path.isdir(name) or (_is_pattern(name) and not os.path.exists(name))


def find_files(inputs: Iterable[str | os.PathLike[str]]) -> Iterator[str]:
    """The files that ``inputs`` name, in order, lazily.

    A file is itself; a folder is every file under it (recursively, sorted by name, hidden
    files and folders left out, links to folders not followed); a name with ``*``, ``?``
    or ``[`` is a glob pattern (``**`` matches any depth), its matches sorted, matched
    folders walked. A name that is none of these is passed on as it is, so that reading it
    reports the problem with its name; so is a pattern that matches nothing. A file named
    twice is read twice.
    """
    for item in inputs:
        name = os.fspath(item)
        if os.path.isdir(name):
            yield from _walk(name)
        elif is_batch_input(name):
            import glob  # only for a pattern: the one-file command line does without

            matches = sorted(glob.glob(name, recursive=True))
            if not matches:
                yield name
            for match in matches:
                if os.path.isdir(match):
                    yield from _walk(match)
                else:
                    yield match
        else:
            yield name


def count_files(inputs: Iterable[str | os.PathLike[str]]) -> int:
    """How many paths :func:`find_files` gives for ``inputs`` (for a progress bar's total)."""
    return sum(1 for _ in find_files(inputs))


# --- One file ----------------------------------------------------------------------------------


class ErrorKind(StrEnum):
    """Why a file gave no report."""

    UNREADABLE = "unreadable"
    """The file could not be read: missing, a folder, no permission."""
    UNDECODABLE = "undecodable"
    """Its bytes are not text in any encoding (binary, damaged, a scanned PDF)."""
    NOT_A_REPORT = "not-a-report"
    """Text without the skeleton of a report (title and six numbered sections)."""
    NO_EXTRACTOR = "no-extractor"
    """No table layout could read one of its tables (with ``--extractor`` pinned)."""
    MISSING_EXTRA = "missing-extra"
    """A Word or PDF file, and the extra that reads it is not installed."""
    INVALID = "invalid"
    """Any other error govreport raised about the file."""
    INTERNAL = "internal-error"
    """govreport failed on the file (a bug: please report it with the file)."""


_KINDS: tuple[tuple[type[BaseException], ErrorKind], ...] = (
    (OSError, ErrorKind.UNREADABLE),
    (DecodeError, ErrorKind.UNDECODABLE),
    (SkeletonError, ErrorKind.NOT_A_REPORT),
    (ExtractorError, ErrorKind.NO_EXTRACTOR),
    (ImportError, ErrorKind.MISSING_EXTRA),
    (GovReportError, ErrorKind.INVALID),
)


@frozen(kw_only=True)
class FileError:
    """Why one file gave no report, and where in it (``line``/``column`` when known)."""

    kind: ErrorKind
    message: str
    line: int | None = None
    column: int | None = None
    source_line: str | None = None
    """The source line at ``line``, for a caret under ``column``."""

    @classmethod
    def from_exception(cls, exc: BaseException) -> FileError:
        """The error for ``exc``, raised while reading one file."""
        kind = next((k for t, k in _KINDS if isinstance(exc, t)), ErrorKind.INTERNAL)
        if isinstance(exc, SkeletonError):
            return cls(
                kind=kind,
                message=exc.message,
                line=exc.line,
                column=exc.column,
                source_line=exc.source_line,
            )
        if isinstance(exc, OSError):
            return cls(kind=kind, message=f"cannot read: {exc.strerror or exc}")
        if kind is ErrorKind.INTERNAL:
            return cls(kind=kind, message=f"internal error: {type(exc).__name__}: {exc}")
        return cls(kind=kind, message=str(exc))

    def describe(self) -> str:
        """The message with its place, on one line: ``line 2, column 11: …``."""
        if self.line is None:
            return self.message
        column = f", column {self.column}" if self.column is not None else ""
        return f"line {self.line}{column}: {self.message}"

    def error_line(self, path: str) -> str:
        """``PATH:LINE:COLUMN: error: message``, and the source line with a caret if known."""
        place = path
        if self.line is not None:
            place += f":{self.line}"
            if self.column is not None:
                place += f":{self.column}"
        text = f"{place}: error: {self.message}"
        if self.source_line is not None and self.column is not None:
            text += "\n" + caret_lines(self.source_line, self.column)
        return text


@frozen(kw_only=True)
class Outcome(Generic[T]):
    """What became of one file: what ``render`` made of its report, or why there is none.

    Besides the rendered ``output``, an outcome keeps what a batch summary counts: the
    format version, the extractor of each table and the number of error findings.
    """

    path: str
    output: T | None = None
    error: FileError | None = None
    format_version: str | None = None
    extractors: Mapping[str, str] = field(factory=dict)
    error_findings: int = 0

    @property
    def ok(self) -> bool:
        """Whether the file gave a report."""
        return self.error is None


def _report(report: Report) -> Report:
    return report


@overload
def read(path: str, *, extractors: Sequence[str | Extractor] | None = None) -> Outcome[Report]: ...
@overload
def read(
    path: str,
    *,
    render: Callable[[Report], T],
    extractors: Sequence[str | Extractor] | None = None,
) -> Outcome[T]: ...
def read(
    path: str,
    *,
    render: Callable[[Report], Any] = _report,
    extractors: Sequence[str | Extractor] | None = None,
) -> Outcome[Any]:
    """Parse the file at ``path`` into an :class:`Outcome`; never raises for a bad file.

    ``render`` turns the report into the outcome's ``output`` (by default the report
    itself); an exception from parsing or rendering becomes the outcome's error.
    """
    try:
        report = parse_file(path, extractors=extractors)
        output = render(report)
    except Exception as exc:  # one bad file must not stop a batch: it is its outcome
        return Outcome(path=path, error=FileError.from_exception(exc))
    return Outcome(
        path=path,
        output=output,
        format_version=report.format_version,
        extractors=dict(report.extractors),
        error_findings=sum(f.severity is Severity.ERROR for f in report.findings),
    )


def read_record(
    path: str, *, extractors: Sequence[str | Extractor] | None = None
) -> dict[str, Any]:
    """The flat record of the report at ``path``; never raises for a bad file.

    A file that gives no report is a record with its ``source``, ``error`` and
    ``error_kind`` and every value blank. Made for schedulers such as Dask:
    ``dask.bag.from_sequence(paths).map(read_record)`` (see ``docs/batch.md``).
    """
    from .records import error_record, to_record

    outcome = read(path, render=to_record, extractors=extractors)
    if outcome.error is not None:
        return error_record(path, outcome.error.kind.value, outcome.error.describe())
    assert outcome.output is not None
    return outcome.output


# --- Many files --------------------------------------------------------------------------------

#: Files sent to a worker at once: enough to make the cost of a round trip (a few threads
#: and pipes in the main process) small, few enough that the progress bar moves, memory
#: stays small and the two workers finish a batch together.
CHUNK = 64
#: Chunks in flight per worker: workers never wait for work, and a slow consumer (a slow
#: disk) does not make results pile up in memory.
IN_FLIGHT = 3

Packed = tuple[Any, FileError | None, str | None, Mapping[str, str], int]
"""An :class:`Outcome` without its path, as a worker sends it back."""


def _read_chunk(paths: Sequence[str], work: Callable[[str], Outcome[T]]) -> list[Packed]:
    # Tuples, not outcomes: the main process, which competes with the workers for the
    # cores, unpickles a tuple several times faster than an attrs object, and it knows
    # the paths already.
    return [
        (o.output, o.error, o.format_version, o.extractors, o.error_findings)
        for o in map(work, paths)
    ]


def _unpack(paths: Sequence[str], packed: Sequence[Packed]) -> list[Outcome[Any]]:
    return [
        Outcome(
            path=path,
            output=output,
            error=error,
            format_version=version,
            extractors=extractors,
            error_findings=errors,
        )
        for path, (output, error, version, extractors, errors) in zip(paths, packed, strict=True)
    ]


def _start_worker() -> None:
    import gc
    import signal

    # Ctrl-C reaches every process of the group; the parent alone decides what to do.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # What the worker inherited (modules, grammar, tables) lives as long as it does: out
    # of the collector's sight, a collection neither walks it nor copies its pages.
    gc.freeze()


def _chunks(paths: Iterator[str], size: int) -> Iterator[list[str]]:
    while chunk := list(islice(paths, size)):
        yield chunk


@overload
def outcomes(
    paths: Iterable[str],
    *,
    extractors: Sequence[str | Extractor] | None = None,
    jobs: int = 1,
) -> Generator[Outcome[Report], None, None]: ...
@overload
def outcomes(
    paths: Iterable[str],
    *,
    render: Callable[[Report], T],
    extractors: Sequence[str | Extractor] | None = None,
    jobs: int = 1,
) -> Generator[Outcome[T], None, None]: ...
def outcomes(
    paths: Iterable[str],
    *,
    render: Callable[[Report], Any] = _report,
    extractors: Sequence[str | Extractor] | None = None,
    jobs: int = 1,
) -> Generator[Outcome[Any], None, None]:
    """One :class:`Outcome` per path, in the order of ``paths``, read :func:`read` by read.

    With ``jobs > 1`` the files are parsed in ``jobs`` worker processes, a few chunks of
    :data:`CHUNK` files in flight per worker, and ``paths`` is consumed only as fast as
    results are; ``render`` then runs in the workers, and it and its output must be
    picklable (a module-level function, or a :func:`functools.partial` of one). A report
    itself cannot cross processes: render it (:func:`govreport.to_json`,
    :func:`govreport.records.to_record`) or use ``jobs=1``. A worker that dies (a crash in
    a reader library) costs only the file that killed it, an ``internal-error`` outcome;
    the batch goes on in a new pool.
    """
    work = partial(read, render=render, extractors=extractors)
    pending = iter(paths)
    head = [p for _, p in zip(range(2), pending, strict=False)]
    if jobs <= 1 or len(head) < 2:  # a pool for one file only costs time
        for path in chain(head, pending):
            yield work(path)
        return
    yield from _pooled(_chunks(chain(head, pending), CHUNK), work, jobs)


class _Workers(Generic[T]):
    """A process pool reading chunks of files, which can be started again if it breaks."""

    def __init__(self, jobs: int, work: Callable[[str], Outcome[T]]) -> None:
        self.jobs = jobs
        self.work = work
        self.pool = self._start()

    def _start(self) -> ProcessPoolExecutor:
        from concurrent.futures import ProcessPoolExecutor

        # A worker forked while buffered output waits in the parent would write it again
        # when it exits (multiprocessing flushes the standard streams of its children).
        sys.stdout.flush()
        sys.stderr.flush()
        context = None
        if sys.platform == "linux":
            import multiprocessing

            # Forked workers start at once with every module imported (the default from
            # Python 3.14 on, forkserver, would import them again in each worker).
            context = multiprocessing.get_context("fork")
        return ProcessPoolExecutor(
            max_workers=self.jobs, mp_context=context, initializer=_start_worker
        )

    def submit(self, chunk: list[str]) -> Future[list[Packed]]:
        return self.pool.submit(_read_chunk, chunk, self.work)

    def restart(self) -> None:
        self.close()
        self.pool = self._start()

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def _pooled(
    chunks: Iterator[list[str]], work: Callable[[str], Outcome[T]], jobs: int
) -> Generator[Outcome[T], None, None]:
    workers = _Workers(jobs, work)
    window: deque[tuple[list[str], Future[list[Packed]]]] = deque()
    try:
        for chunk in chunks:
            window.append((chunk, workers.submit(chunk)))
            while len(window) >= jobs * IN_FLIGHT:
                yield from _oldest(window, workers)
        while window:
            yield from _oldest(window, workers)
    finally:
        workers.close()


def _oldest(
    window: deque[tuple[list[str], Future[list[Packed]]]], workers: _Workers[T]
) -> list[Outcome[T]]:
    """The outcomes of the oldest chunk in flight; if a worker died, mend the pool first.

    A dead worker breaks the whole pool, and it is not known which file killed it: the
    oldest chunk is read again one file per task in a new pool, so that only a file that
    kills a worker is lost (an ``internal-error`` outcome), and the chunks behind it that
    had not finished are sent again.
    """
    from concurrent.futures.process import BrokenProcessPool

    chunk, future = window.popleft()
    try:
        return _unpack(chunk, future.result())
    except BrokenProcessPool:
        pass
    workers.restart()
    results: list[Outcome[T]] = []
    for path in chunk:
        try:
            results.extend(_unpack([path], workers.submit([path]).result()))
        except BrokenProcessPool:
            results.append(_died(path))
            workers.restart()
    for i, (queued, done) in enumerate(window):
        if done.cancelled() or done.exception() is not None:
            window[i] = (queued, workers.submit(queued))
    return results


def _died(path: str) -> Outcome[Any]:
    return Outcome(
        path=path,
        error=FileError(
            kind=ErrorKind.INTERNAL,
            message="internal error: the worker process reading this file died",
        ),
    )


# --- The summary -------------------------------------------------------------------------------


class Summary:
    """Counts of a batch's outcomes, for its end.

    Files found, parsed, with error findings, failed by kind; the extractor of each table
    and the format versions of the reports parsed.
    """

    def __init__(self) -> None:
        self.found = 0
        self.failed: Counter[ErrorKind] = Counter()
        # The reports parsed, by what is counted of each: (format version, extractor of
        # each table, whether it has error findings). A batch has few such kinds, so one
        # count per report is all that adding one costs; the totals are made from them.
        self._kinds: Counter[tuple[str | None, tuple[tuple[str, str], ...], bool]] = Counter()

    def add(self, outcome: Outcome[Any]) -> None:
        """Count one outcome."""
        self.found += 1
        if outcome.error is not None:
            self.failed[outcome.error.kind] += 1
            return
        key = (
            outcome.format_version,
            tuple(outcome.extractors.items()),
            outcome.error_findings > 0,
        )
        self._kinds[key] += 1

    @property
    def parsed(self) -> int:
        """Files that gave a report."""
        return self._kinds.total()

    @property
    def with_errors(self) -> int:
        """Reports with error findings."""
        return sum(n for (_, _, errors), n in self._kinds.items() if errors)

    @property
    def versions(self) -> Counter[str]:
        """Reports by format version."""
        versions: Counter[str] = Counter()
        for (version, _, _), n in self._kinds.items():
            if version is not None:
                versions[version] += n
        return versions

    @property
    def layouts(self) -> dict[str, Counter[str]]:
        """Reports by the extractor of each table, every table of the format listed."""
        layouts: dict[str, Counter[str]] = {t: Counter() for t in TABLE_SECTIONS.values()}
        for (_, extractors, _), n in self._kinds.items():
            for table, name in extractors:
                layouts.setdefault(table, Counter())[name] += n
        return layouts

    def lines(self) -> list[str]:
        """The summary as text lines, for stderr at the end of a batch."""

        def counts(counter: Mapping[Any, int]) -> str:
            ordered = sorted(counter.items(), key=lambda kv: (-kv[1], str(kv[0])))
            return ", ".join(f"{k} {n}" for k, n in ordered) or "none"

        failed = self.failed.total()
        out = [
            f"{self.found} file(s) found: {self.parsed} parsed "
            f"({self.with_errors} with error findings), {failed} failed"
        ]
        if failed:
            out.append(f"  failed: {counts(self.failed)}")
        if self.parsed:
            out.append(f"  format_version: {counts(self.versions)}")
            out.extend(f"  layout of {t}: {counts(c)}" for t, c in self.layouts.items())
        return out
