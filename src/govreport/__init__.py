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

import importlib
from typing import TYPE_CHECKING, Any

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

if TYPE_CHECKING:
    from .checks import check_report
    from .crosschecks import check_rollup, check_series
    from .metrics import Indicators, indicators
    from .model import (
        ActiveDisclosure,
        ActiveDisclosure2019,
        ApplicantCounts,
        Applications,
        CaseOutcomes,
        Denied,
        DocumentCounts,
        DocumentCounts2019,
        FeeItems,
        Finding,
        ItemCounts,
        NotProcessed,
        OtherHandling,
        Place,
        Procurement,
        Report,
        Results,
        ReviewLitigation,
        Severity,
        UnableToProvide,
    )
    from .pipeline import parse, parse_file
    from .records import to_dataframe, to_records
    from .registry import register
    from .serialize import from_dict, from_json, to_dict, to_json

# The rest of the API is imported when first used: `import govreport` stays cheap for
# what needs only part of it (the errors, the model for Hypothesis' entry point), and the
# dependencies (cattrs; Lark, which only a report the skeleton tables reject needs) load with
# the parts that use them.
_LAZY: dict[str, str] = {
    **dict.fromkeys(("check_report",), ".checks"),
    **dict.fromkeys(("check_rollup", "check_series"), ".crosschecks"),
    **dict.fromkeys(("Indicators", "indicators"), ".metrics"),
    **dict.fromkeys(
        (
            "ActiveDisclosure",
            "ActiveDisclosure2019",
            "ApplicantCounts",
            "Applications",
            "CaseOutcomes",
            "Denied",
            "DocumentCounts",
            "DocumentCounts2019",
            "FeeItems",
            "Finding",
            "ItemCounts",
            "NotProcessed",
            "OtherHandling",
            "Place",
            "Procurement",
            "Report",
            "Results",
            "ReviewLitigation",
            "Severity",
            "UnableToProvide",
        ),
        ".model",
    ),
    **dict.fromkeys(("parse", "parse_file"), ".pipeline"),
    **dict.fromkeys(("to_dataframe", "to_records"), ".records"),
    **dict.fromkeys(("register",), ".registry"),
    **dict.fromkeys(("from_dict", "from_json", "to_dict", "to_json"), ".serialize"),
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'govreport' has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


__version__ = "0.1.0"

__all__ = [
    "ActiveDisclosure",
    "ActiveDisclosure2019",
    "ApplicantCounts",
    "Applications",
    "CaseOutcomes",
    "CellError",
    "DataError",
    "DecodeError",
    "Denied",
    "DocumentCounts",
    "DocumentCounts2019",
    "ExtractorError",
    "FeeItems",
    "Finding",
    "FindingError",
    "GovReportError",
    "Indicators",
    "ItemCounts",
    "NotProcessed",
    "OtherHandling",
    "Place",
    "Procurement",
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
    "to_dataframe",
    "to_dict",
    "to_json",
    "to_records",
]
