"""govreport: Chinese 政府信息公开工作年度报告 as typed, validated data.

>>> import govreport
>>> report = govreport.parse_file("report.txt")          # doctest: +SKIP
>>> report.applications.new_received.total                # doctest: +SKIP
103
>>> govreport.to_json(report)                             # doctest: +SKIP

A blank cell is ``None``, a printed zero is ``0``; what the parser could not read is in
``report.findings``, with its place.
"""

from __future__ import annotations

from .checks import check_report
from .crosschecks import check_rollup, check_series
from .errors import (
    CellError,
    DataError,
    DecodeError,
    ExtractorError,
    FindingError,
    GovReportError,
    ReportErrors,
    SkeletonError,
)
from .indicators import Indicators, indicators
from .model import (
    ActiveDisclosure,
    ApplicantCounts,
    Applications,
    CaseOutcomes,
    Denied,
    DocumentCounts,
    Finding,
    NotProcessed,
    OtherHandling,
    Place,
    Report,
    Results,
    ReviewLitigation,
    Severity,
    UnableToProvide,
)
from .pipeline import parse, parse_file
from .registry import register
from .serialize import from_dict, from_json, to_dict, to_json

__version__ = "0.1.0"

__all__ = [
    "ActiveDisclosure",
    "ApplicantCounts",
    "Applications",
    "CaseOutcomes",
    "CellError",
    "DataError",
    "DecodeError",
    "Denied",
    "DocumentCounts",
    "ExtractorError",
    "Finding",
    "FindingError",
    "GovReportError",
    "Indicators",
    "NotProcessed",
    "OtherHandling",
    "Place",
    "Report",
    "ReportErrors",
    "Results",
    "ReviewLitigation",
    "Severity",
    "SkeletonError",
    "UnableToProvide",
    "__version__",
    "check_report",
    "check_rollup",
    "check_series",
    "from_dict",
    "from_json",
    "indicators",
    "parse",
    "parse_file",
    "register",
    "to_dict",
    "to_json",
]
