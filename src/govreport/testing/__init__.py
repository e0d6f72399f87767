"""Test kit for govreport and for extractor plugins (``pip install 'govreport[testing]'``).

Imports Hypothesis, which the core of govreport never does.

Strategies (:mod:`.strategies`)
    :func:`reports` (consistent by default, ``broken=`` to break rules),
    :func:`counts`, :func:`applicant_counts`, :func:`printed_labels`, :func:`noises`,
    :func:`rendered_reports` — ``(text, expected report)`` pairs for any registered layout.
Renderers (:mod:`.render`)
    :func:`render_report` / :func:`render` print a report in a layout, with :class:`Noise`;
    :func:`render_tab`, :func:`render_cell_per_line`, :func:`render_ocr_split`
    (:data:`RENDERERS`) are the inverses of the built-in extractors.
Conformance (:mod:`.conformance`)
    :func:`check_extractor` tests a plugin in one call; :func:`report_differences`
    compares a parsed report with the one expected.

``st.from_type(Report)`` draws :func:`reports` (registered through Hypothesis' entry point).
"""

from __future__ import annotations

from .conformance import Conformance, check_extractor, report_differences
from .render import (
    RENDERERS,
    Noise,
    Rendered,
    TableRenderer,
    printed_rows,
    render,
    render_cell_per_line,
    render_ocr_split,
    render_report,
    render_tab,
)
from .strategies import (
    RULES,
    applicant_counts,
    counts,
    noises,
    printed_labels,
    rendered_reports,
    reports,
)

__all__ = [
    "RENDERERS",
    "RULES",
    "Conformance",
    "Noise",
    "Rendered",
    "TableRenderer",
    "applicant_counts",
    "check_extractor",
    "counts",
    "noises",
    "printed_labels",
    "printed_rows",
    "render",
    "render_cell_per_line",
    "render_ocr_split",
    "render_report",
    "render_tab",
    "rendered_reports",
    "report_differences",
    "reports",
]
