"""The ``govreport`` command line: ``govreport parse FILE...``.

Output goes to stdout, errors to stderr as ``FILE:LINE:COLUMN: error: message`` (the place
of the problem in the file where one is known). The exit status is 0 when every file parsed
and 1 when any did not; 2 is a usage error.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import TextIO

from . import __version__
from .errors import DataError, DecodeError, GovReportError, SkeletonError
from .pipeline import parse_file
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
    parse.add_argument("files", nargs="+", metavar="FILE", help="report files (text)")
    parse.add_argument(
        "--format", choices=("json", "jsonl"), default="json", help="output format (json)"
    )
    return parser


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


def _parse(files: Sequence[str], fmt: str, out: TextIO, err: TextIO) -> int:
    status = 0
    reports = []
    for path in files:
        try:
            report = parse_file(path)
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
        return _parse(args.files, args.format, sys.stdout, sys.stderr)
    raise AssertionError(args.command)  # pragma: no cover - argparse rejects other commands
