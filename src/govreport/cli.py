"""The ``govreport`` command line: ``govreport parse PATH...`` and ``govreport check PATH...``.

A PATH is a file, a folder (every file under it, recursively) or a glob pattern. Files are
parsed one at a time — in ``--jobs N`` processes if asked — and written as they come, so
memory stays flat however many there are. On a terminal a progress bar runs on stderr
(``--progress``/``--no-progress`` to choose); a batch of more than one file ends with a
summary on stderr (``--summary``/``--no-summary`` to choose): files found, parsed, with
error findings, failed by kind, the layout of each table and the format versions.

``parse`` writes JSON (one object for a single file, else an array), JSON Lines, CSV or
Excel to stdout or ``--output``; a file that cannot be parsed is reported on stderr as
``FILE:LINE:COLUMN: error: message`` (the place where one is known) and the batch goes on.
Its exit status is 0 when every file parsed and 1 when any did not.

``check`` prints one line per finding shown, ``FILE:LINE:COLUMN: SEVERITY CODE message``,
then a one-line count of the findings shown (or ``--format json``). Its exit status is 0
for no error findings, 1 when there are some, 2 when a file could not be read or parsed.

Usage errors exit with 2; an interrupted batch (Ctrl-C) exits with 130.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from functools import partial
from typing import Any, NoReturn, TextIO

from . import __version__
from .batch import Outcome, Summary, count_files, find_files, is_batch_input, outcomes
from .export import (
    BUFFER,
    FORMATS,
    CsvWriter,
    JsonArray,
    JsonlWriter,
    JsonWriter,
    Writer,
    XlsxWriter,
    utf8_stream,
)
from .model import Report, Severity
from .registry import names
from .serialize import converter

__all__ = ["main"]


def _batch_options(command: argparse.ArgumentParser, layouts: Sequence[str]) -> None:
    command.add_argument(
        "inputs",
        nargs="+",
        metavar="PATH",
        help="report files, folders (read recursively) or glob patterns such as 'a/**/*.txt'",
    )
    command.add_argument(
        "--extractor",
        action="append",
        choices=layouts,
        metavar="LAYOUT",
        help=f"read tables only with this layout (repeatable): {', '.join(layouts)}",
    )
    command.add_argument(
        "-j",
        "--jobs",
        type=_jobs,
        default=1,
        metavar="N",
        help="parse in N processes (0: one per core; default 1)",
    )
    command.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="show a progress bar on stderr (default: when stderr is a terminal)",
    )
    command.add_argument(
        "--summary",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="end with a summary of the batch on stderr (default: for more than one file)",
    )


def _jobs(text: str) -> int:
    try:
        jobs = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of processes: {text!r}") from None
    if jobs < 0:
        raise argparse.ArgumentTypeError(f"not a number of processes: {text!r}")
    return jobs or os.cpu_count() or 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="govreport",
        description="Read 政府信息公开工作年度报告 (government information-disclosure annual "
        "reports) into JSON.",
    )
    parser.add_argument("--version", action="version", version=f"govreport {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    layouts = names()  # the registry is the one list of layout names
    parse = commands.add_parser(
        "parse",
        help="parse report files and write their data",
        description="Parse report files and write their data: JSON (one object for one "
        "file, else an array), JSON Lines, or CSV and Excel with one row per report "
        "(columns: docs/batch.md). Exit status: 0 every file parsed, 1 some did not.",
    )
    _batch_options(parse, layouts)
    parse.add_argument("--format", choices=FORMATS, default="json", help="output format (json)")
    parse.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    parse.add_argument(
        "--findings",
        metavar="FILE",
        help="with --format csv: write the findings, one row each, to FILE (default with "
        "--output OUT.csv: OUT.findings.csv next to it)",
    )
    check = commands.add_parser(
        "check",
        help="check report files: one line per finding, linter style",
        description="Check report files against the format's rules (R1–R5, N1) and report "
        "what could not be read: one line per finding, FILE:LINE:COLUMN: SEVERITY CODE "
        "message, then a count of the findings shown. Exit status: 0 no errors, 1 errors "
        "found, 2 a file could not be read or parsed.",
    )
    _batch_options(check, layouts)
    check.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (text)"
    )
    check.add_argument(
        "--severity",
        choices=[s.value for s in Severity],
        default=Severity.INFO.value,
        help="show findings of this severity and worse (info: all); the count at the end "
        "counts the findings shown",
    )
    return parser


# --- Running a batch -------------------------------------------------------------------------


class _Stderr:
    """stderr during a batch: messages, above a progress bar when one is shown."""

    def __init__(self, err: TextIO, inputs: Sequence[str], show_bar: bool | None) -> None:
        self._err = err
        self._bar: Any = None
        if show_bar is None:
            show_bar = err.isatty()
        if show_bar:
            from tqdm import tqdm  # only when a bar is shown: the one-file CLI stays fast

            # No monitor thread: worker processes are forked, and a thread forked with
            # them could hold a lock.
            tqdm.monitor_interval = 0
            # A terminal that says it has no size (a bare pty) is taken as 80 × 24: tqdm
            # would draw no bar on a screen of no rows.
            sized = _has_size(err)
            self._bar = tqdm(
                total=count_files(inputs),
                file=err,
                unit="file",
                dynamic_ncols=sized,
                ncols=None if sized else 80,
                nrows=None if sized else 24,
                mininterval=0.25,
            )

    def message(self, text: str) -> None:
        if self._bar is not None:
            self._bar.write(text, file=self._err)
        else:
            print(text, file=self._err)

    def step(self) -> None:
        if self._bar is not None:
            self._bar.update()

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()


def _has_size(stream: TextIO) -> bool:
    try:
        size = os.get_terminal_size(stream.fileno())
    except (OSError, ValueError, AttributeError):
        return False
    return size.columns > 0 and size.lines > 0


def _run(
    args: argparse.Namespace,
    render: Callable[[Report], Any],
    handle: Callable[[Outcome[Any]], None],
    err: TextIO,
) -> Summary:
    """Read every file ``args.inputs`` names; hand each outcome to ``handle`` in order."""
    summary = Summary()
    stderr = _Stderr(err, args.inputs, args.progress)
    try:
        for outcome in outcomes(
            find_files(args.inputs), render=render, extractors=args.extractor, jobs=args.jobs
        ):
            summary.add(outcome)
            if outcome.error is not None:
                stderr.message(outcome.error.error_line(outcome.path))
            handle(outcome)
            stderr.step()
    finally:
        stderr.close()
    return summary


def _print_summary(args: argparse.Namespace, summary: Summary, err: TextIO) -> None:
    wanted = summary.found > 1 if args.summary is None else args.summary
    if wanted:
        for text in summary.lines():
            print(text, file=err)


# --- parse -----------------------------------------------------------------------------------


def _findings_path(args: argparse.Namespace) -> str | None:
    """Where CSV findings go: ``--findings``, else ``OUT.findings.csv`` beside ``-o OUT.csv``."""
    if args.findings is not None:
        return str(args.findings)
    output = args.output
    if args.format != "csv" or output is None:
        return None
    if os.path.exists(output) and not os.path.isfile(output):
        return None  # -o /dev/stdout: there is no "next to it"
    return f"{os.path.splitext(output)[0]}.findings.csv"


def _parse(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if args.findings is not None and args.format != "csv":
        _usage(f"--findings is for --format csv: {args.format} output holds the findings")
    if args.format == "xlsx" and args.output is None and out.isatty():
        _usage("xlsx output is binary: write it with --output FILE, or redirect stdout")
    single = len(args.inputs) == 1 and not is_batch_input(args.inputs[0])
    with ExitStack() as files:

        def opened(path: str, mode: str = "w") -> Any:
            """``path`` opened for writing, or a usage error before any file is read."""
            try:
                if "b" in mode:
                    # Large writes: a report's few KiB at a time would be a system call each.
                    return files.enter_context(open(path, mode, buffering=BUFFER))
                return files.enter_context(open(path, mode, encoding="utf-8", newline=""))
            except OSError as exc:
                _usage(f"cannot write {path}: {exc.strerror or exc}")
                raise  # pragma: no cover - _usage exits

        writer: Writer
        if args.format == "xlsx":
            writer = XlsxWriter(opened(args.output, "wb") if args.output else out.buffer)
        else:
            # Bytes: the writers then get UTF-8 encoded in the workers (see export).
            target = opened(args.output, "wb") if args.output else utf8_stream(out) or out
            files.callback(target.flush)  # before stdout's own buffer, at exit
            if args.format == "json":
                writer = JsonWriter(target, single=single)
            elif args.format == "jsonl":
                writer = JsonlWriter(target)
            else:
                findings = _findings_path(args)
                writer = CsvWriter(target, opened(findings, "wb") if findings else None)
        summary = _run(args, writer.render, writer.write, err)
        writer.close()
    _print_summary(args, summary, err)
    return 1 if summary.failed else 0


def _usage(message: str) -> NoReturn:
    _parser().error(message)


# --- check -----------------------------------------------------------------------------------

_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def _check_render(report: Report, *, least: Severity, fmt: str) -> tuple[list[Any], list[int]]:
    """The findings of ``report`` shown at ``least``, and how many of each severity.

    The findings are lines for text output and objects for json.
    """
    shown = [f for f in report.findings if _RANK[f.severity] <= _RANK[least]]
    counts = [sum(f.severity is s for f in shown) for s in Severity]
    if fmt == "json":
        return [converter.unstructure(f) for f in shown], counts
    lines = []
    for f in shown:
        place = str(report.source)
        if f.line is not None:
            place += f":{f.line}" + (f":{f.column}" if f.column is not None else "")
        lines.append(f"{place}: {f.severity.value} {f.code} {f.message}\n")
    return lines, counts


def _check(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    least = Severity(args.severity)
    counts = dict.fromkeys(Severity, 0)
    documents = JsonArray(out) if args.format == "json" else None

    def handle(outcome: Outcome[tuple[list[Any], list[int]]]) -> None:
        shown, numbers = outcome.output or ([], [0] * len(Severity))
        for severity, number in zip(Severity, numbers, strict=True):
            counts[severity] += number
        if documents is None:
            out.writelines(shown)
            return
        document: dict[str, Any] = {"file": outcome.path}
        if outcome.error is not None:
            document["error"] = outcome.error.describe()
        document["findings"] = shown
        documents.add(json.dumps(document, ensure_ascii=False, indent=2))

    render = partial(_check_render, least=least, fmt=args.format)
    summary = _run(args, render, handle, err)
    failed = sum(summary.failed.values())
    # The count is of the findings shown: a severity below --severity is not counted.
    words = {Severity.ERROR: "error(s)", Severity.WARNING: "warning(s)", Severity.INFO: "info"}
    line = f"{summary.found} file(s) checked: " + ", ".join(
        f"{counts[s]} {words[s]}" for s in Severity if _RANK[s] <= _RANK[least]
    )
    line += f"; {failed} could not be read" if failed else ""
    if documents is not None:
        documents.close()
        _print_summary(args, summary, err)
        print(line, file=err)
    else:
        out.write(line + "\n")
        _print_summary(args, summary, err)
    if failed:
        return 2
    return 1 if counts[Severity.ERROR] else 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit status."""
    if argv is None:
        # Run as the program: what is loaded by now lives until exit, so the cyclic GC need
        # not walk it at each full collection nor at exit (~5% of a one-file run).
        gc.freeze()
    args = _parser().parse_args(argv)
    try:
        if args.command == "parse":
            return _parse(args, sys.stdout, sys.stderr)
        if args.command == "check":
            return _check(args, sys.stdout, sys.stderr)
    except KeyboardInterrupt:
        print("govreport: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`govreport parse … | head`): stop quietly. Python would
        # fail again flushing stdout at exit, so stdout is pointed at nothing.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    raise AssertionError(args.command)  # pragma: no cover - argparse rejects other commands
