"""The ``govreport`` command line: ``govreport parse FILE...`` and ``govreport check FILE...``.

``parse`` prints JSON to stdout; a file that cannot be parsed is reported on stderr as
``FILE:LINE:COLUMN: error: message`` (the place where one is known). Its exit status is 0
when every file parsed and 1 when any did not.

``check`` prints one line per finding, ``FILE:LINE:COLUMN: SEVERITY CODE message``, then a
summary (or ``--format json``). Its exit status is 0 for no error findings, 1 when there
are some, 2 when a file could not be read or parsed. Usage errors exit with 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import TextIO

from . import __version__
from .errors import DataError, DecodeError, GovReportError, SkeletonError
from .model import Severity
from .pipeline import parse_file
from .registry import names
from .serialize import to_dict

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="govreport",
        description="Read 政府信息公开工作年度报告 (government information-disclosure annual "
        "reports) into JSON.",
    )
    parser.add_argument("--version", action="version", version=f"govreport {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    parse = commands.add_parser(
        "parse",
        help="parse report files and print their JSON",
        description="Parse report files and print their JSON: one object for one file, an "
        "array for several (json), or one object per line (jsonl).",
    )
    layouts = names()  # the registry is the one list of layout names
    parse.add_argument("files", nargs="+", metavar="FILE", help="report files (text)")
    parse.add_argument(
        "--format", choices=("json", "jsonl"), default="json", help="output format (json)"
    )
    parse.add_argument(
        "--extractor",
        action="append",
        choices=layouts,
        metavar="LAYOUT",
        help=f"read tables only with this layout (repeatable): {', '.join(layouts)}",
    )
    check = commands.add_parser(
        "check",
        help="check report files: one line per finding, linter style",
        description="Check report files against the format's rules (R1–R5, N1) and report "
        "what could not be read: one line per finding, FILE:LINE:COLUMN: SEVERITY CODE "
        "message, then a summary. Exit status: 0 no errors, 1 errors found, 2 a file could "
        "not be read or parsed.",
    )
    check.add_argument("files", nargs="+", metavar="FILE", help="report files (text)")
    check.add_argument(
        "--extractor",
        action="append",
        choices=layouts,
        metavar="LAYOUT",
        help="read tables only with this layout (repeatable)",
    )
    check.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (text)"
    )
    check.add_argument(
        "--severity",
        choices=[s.value for s in Severity],
        default=Severity.INFO.value,
        help="show findings of this severity and worse (info: all)",
    )
    return parser


_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def _check(
    files: Sequence[str],
    fmt: str,
    least: Severity,
    extractors: Sequence[str] | None,
    out: TextIO,
    err: TextIO,
) -> int:
    counts = dict.fromkeys(Severity, 0)
    unreadable = 0
    documents: list[dict[str, object]] = []
    for path in files:
        try:
            report = parse_file(path, extractors=extractors)
        except GovReportError as exc:
            unreadable += 1
            print(_error_line(path, exc), file=err)
            documents.append({"file": path, "error": str(exc), "findings": []})
            continue
        except OSError as exc:
            unreadable += 1
            print(f"{path}: error: cannot read: {exc.strerror or exc}", file=err)
            documents.append({"file": path, "error": f"cannot read: {exc}", "findings": []})
            continue
        shown = [f for f in report.findings if _RANK[f.severity] <= _RANK[least]]
        for finding in report.findings:
            counts[finding.severity] += 1
        if fmt == "json":
            data = to_dict(report)["findings"]
            kept = [d for d, f in zip(data, report.findings, strict=True) if f in shown]
            documents.append({"file": path, "findings": kept})
            continue
        for f in shown:
            place = path
            if f.line is not None:
                place += f":{f.line}" + (f":{f.column}" if f.column is not None else "")
            out.write(f"{place}: {f.severity.value} {f.code} {f.message}\n")
    summary = (
        f"{len(files)} file(s) checked: {counts[Severity.ERROR]} error(s), "
        f"{counts[Severity.WARNING]} warning(s), {counts[Severity.INFO]} info"
        + (f"; {unreadable} could not be read" if unreadable else "")
    )
    if fmt == "json":
        out.write(json.dumps(documents, ensure_ascii=False, indent=2) + "\n")
        print(summary, file=err)
    else:
        out.write(summary + "\n")
    if unreadable:
        return 2
    return 1 if counts[Severity.ERROR] else 0


def _error_line(path: str, exc: GovReportError) -> str:
    """``path:line:column: error: message`` with as much of the place as is known."""
    place = path
    message = str(exc)
    if isinstance(exc, SkeletonError):
        if exc.line is not None:
            place += f":{exc.line}"
            if exc.column is not None:
                place += f":{exc.column}"
        message = exc.message
        if exc.source_line is not None and exc.column is not None:
            from .errors import caret_lines

            message += "\n" + caret_lines(exc.source_line, exc.column)
    elif isinstance(exc, DecodeError):
        message = f"byte {exc.offset}: {exc.message}"
    elif isinstance(exc, DataError):
        message = f"{exc.path}: {exc.message}"
    return f"{place}: error: {message}"


def _parse(
    files: Sequence[str], fmt: str, extractors: Sequence[str] | None, out: TextIO, err: TextIO
) -> int:
    status = 0
    reports = []
    for path in files:
        try:
            report = parse_file(path, extractors=extractors)
        except GovReportError as exc:
            print(_error_line(path, exc), file=err)
            status = 1
            continue
        except OSError as exc:
            print(f"{path}: error: cannot read: {exc.strerror or exc}", file=err)
            status = 1
            continue
        data = to_dict(report)
        if fmt == "jsonl":
            out.write(json.dumps(data, ensure_ascii=False) + "\n")
        else:
            reports.append(data)
    if fmt == "json" and reports:
        document = reports[0] if len(files) == 1 else reports
        out.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    return status


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit status."""
    args = _parser().parse_args(argv)
    if args.command == "parse":
        return _parse(args.files, args.format, args.extractor, sys.stdout, sys.stderr)
    if args.command == "check":
        severity = Severity(args.severity)
        return _check(args.files, args.format, severity, args.extractor, sys.stdout, sys.stderr)
    raise AssertionError(args.command)  # pragma: no cover - argparse rejects other commands
