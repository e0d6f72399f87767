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
Documents (:mod:`.documents`, ``pip install 'govreport[testing-documents]'``)
    :func:`render_html`, :func:`render_docx`, :func:`render_pdf`
    (:data:`DOCUMENT_RENDERERS`) make a web page, a Word file or a PDF (with a CJK font
    generated and embedded) from a report; :func:`rendered_documents` draws
    ``(bytes, expected report)`` pairs to fuzz the readers.
Conformance (:mod:`.conformance`)
    :func:`check_extractor` tests a plugin in one call; :func:`report_differences`
    compares a parsed report with the one expected.

``st.from_type(Report)`` draws :func:`reports` (registered through Hypothesis' entry point).
"""

from __future__ import annotations

from .conformance import Conformance, check_extractor, report_differences
from .documents import (
    CHARSETS,
    DOCUMENT_RENDERERS,
    RenderedDocument,
    render_docx,
    render_html,
    render_pdf,
    rendered_documents,
)
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
    "CHARSETS",
    "DOCUMENT_RENDERERS",
    "RENDERERS",
    "RULES",
    "Conformance",
    "Noise",
    "Rendered",
    "RenderedDocument",
    "TableRenderer",
    "applicant_counts",
    "check_extractor",
    "counts",
    "noises",
    "printed_labels",
    "printed_rows",
    "render",
    "render_cell_per_line",
    "render_docx",
    "render_html",
    "render_ocr_split",
    "render_pdf",
    "render_report",
    "render_tab",
    "rendered_documents",
    "rendered_reports",
    "report_differences",
    "reports",
]
