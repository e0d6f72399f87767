"""The parse, stage by stage: bytes → text → normalized text → skeleton → tables → Report.

Each stage lives in its own module; this one only runs them in order and gathers what they
noticed into the report's findings.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from .checks import check_report
from .decode import decode
from .errors import ExtractorError, FindingError, ReportErrors
from .extractors.base import Block, Extractor, Grid
from .labels import TABLE_SECTIONS
from .model import (
    ActiveDisclosure,
    ActiveDisclosure2019,
    Applications,
    Finding,
    Provenance,
    Report,
    ReviewLitigation,
    Severity,
    _positional,
)
from .narrative import check_narrative, stated_figures
from .normalize import Normalized, normalize
from .readers.docx import docx_to_text, looks_like_docx
from .readers.html import html_to_text, looks_like_html
from .readers.pdf import looks_like_pdf, pdf_to_text
from .registry import resolve, select
from .skeleton import Skeleton, describe_section, find_skeleton
from .tables import (
    Notes,
    detect_format,
    note_format_year,
    read_active_disclosure,
    read_active_disclosure_2019,
    read_applications,
    read_review_litigation,
)

__all__ = ["parse", "parse_file"]


def parse(
    source: str | bytes,
    *,
    extractors: Sequence[str | Extractor] | None = None,
    source_name: str | None = None,
    check: bool = True,
    strict: bool = False,
) -> Report:
    """Parse one report from its text or its bytes.

    Bytes are decoded first (UTF-8 with or without BOM, GB18030/GBK, UTF-16, …; see
    :func:`govreport.decode.decode`); bytes of a web page are read as HTML, its tables as
    tab-separated rows (:mod:`govreport.readers.html`), those of a Word file as its
    paragraphs and tables (:mod:`govreport.readers.docx`, extra ``govreport[docx]``), and
    those of a PDF as its text and table cells by position (:mod:`govreport.readers.pdf`,
    extra ``govreport[pdf]``); the reader is chosen by the content, not the file name.

    ``extractors`` pins the table layouts to try, by registered name (or as extractor
    objects, registered or not); by default every registered extractor is scored on every
    table. A plugin that fails on a table is reported as an ``extractor-failed`` finding
    and the next best reads the table.
    ``source_name`` is kept on the report as :attr:`Report.source`. With ``check`` (the
    default) the consistency rules R1–R5 and N1 are checked and their findings added
    (:mod:`govreport.checks`, :mod:`govreport.narrative`).

    With ``strict=True``, a report with any error finding raises one
    :class:`~govreport.errors.ReportErrors` group holding a
    :class:`~govreport.errors.FindingError` for each; without it the report comes back with
    its findings.

    Raises :class:`~govreport.errors.DecodeError` for bytes that are not text,
    :class:`~govreport.errors.SkeletonError` for text without a report skeleton and
    :class:`~govreport.errors.ExtractorError` for an unknown extractor name (or when every
    pinned extractor fails on a table). Problems inside
    the tables do not raise: they are :attr:`Report.findings`.
    """
    candidates = resolve(extractors)
    if isinstance(source, bytes):
        if not _may_be_a_document(source):
            # Most inputs are text: none of the readers below would take them.
            decoded = decode(source)
            text, encoding = decoded.text, decoded.encoding
        elif looks_like_html(source):
            # A web page, whatever its file is called: its tables become tab rows.
            text, encoding = html_to_text(source)
        elif looks_like_docx(source):
            text, encoding = docx_to_text(source), None
        elif looks_like_pdf(source):
            text, encoding = pdf_to_text(source), None
        else:
            decoded = decode(source)
            text, encoding = decoded.text, decoded.encoding
    else:
        text, encoding = source, None
    doc = normalize(text)
    skeleton = find_skeleton(doc)
    # The figures the preface and section 一 state help read digits that ran together;
    # they are looked for only when some did.
    notes = Notes(lambda: stated_figures(doc.text[: skeleton.sections[1].heading_start]))
    chosen: dict[str, str] = {}
    grids: dict[int, Grid] = {}
    for section in skeleton.sections[1:4]:
        block = Block.from_text(
            doc.text, section.body_start, section.body_end, section=section.number
        )
        name, grid = _extract(block, candidates, notes)
        chosen[TABLE_SECTIONS[section.number]] = name
        grids[section.number] = grid

    sections = skeleton.sections
    offsets = {
        2: sections[1].heading_start,
        3: sections[2].heading_start,
        4: sections[3].heading_start,
    }
    # The format is what the tables print (section 二, section 三's （六） to corroborate),
    # never what the year suggests; a year of the other format is only told.
    format_version = detect_format(grids[2], grids[3])
    note_format_year(
        format_version, skeleton.title.year if skeleton.title else None, notes, offsets[2]
    )
    read_active = (
        read_active_disclosure_2019 if format_version == "2019" else read_active_disclosure
    )
    active = read_active(grids[2], notes, offsets[2])
    applications = read_applications(grids[3], notes, offsets[3], format_version=format_version)
    review = read_review_litigation(grids[4], notes, offsets[4])

    for number, offset in skeleton.repeated_headings:
        notes.note(
            "repeated-heading",
            Severity.WARNING,
            f"the heading of {describe_section(number)} appears again after its section "
            "began; read as text",
            offset=offset,
        )
    report = _report(
        doc,
        skeleton,
        notes,
        encoding=encoding,
        source_name=source_name,
        format_version=format_version,
        chosen=chosen,
        active_disclosure=active,
        applications=applications,
        review_litigation=review,
    )
    if check:
        extra = check_report(report) + check_narrative(report)
        if extra:
            # The checks need the built report, and the report is not yet anyone else's:
            # its findings are completed in place rather than by building it again
            # (attrs.evolve would rerun __init__, its converter and validators). Frozen
            # classes set their own fields so (a Report is not hashable: nothing is cached).
            object.__setattr__(report, "findings", report.findings + tuple(extra))
    if strict:
        _raise_errors(report)
    return report


#: What the readers' formats can begin with, once byte order marks and white space are
#: left out: HTML ``<``, PDF ``%`` (``%PDF-``) and a Word file's ZIP ``P`` (``PK``).
_DOCUMENT_STARTS = frozenset(b"<%P")
#: The bytes looks_like_html and looks_like_pdf pass over before those: those of a UTF-8
#: byte order mark, and ASCII white space.
_LEADING = b"\xef\xbb\xbf \t\n\r\x0b\x0c"


def _may_be_a_document(data: bytes) -> bool:
    """Whether ``data`` may be HTML, a Word file or a PDF (``False``: it is none of them).

    A necessary condition of :func:`looks_like_html`, :func:`looks_like_docx` and
    :func:`looks_like_pdf`, tested at the cost of one strip of the first kilobyte: a text
    report is told so without their three tests (a regular expression among them).
    """
    start = data[:1024].lstrip(_LEADING)
    return not start or start[0] in _DOCUMENT_STARTS


def _raise_errors(report: Report) -> None:
    errors = [FindingError(f) for f in report.findings if f.severity is Severity.ERROR]
    if errors:
        name = report.source or "the report"
        raise ReportErrors(f"{name}: {len(errors)} error finding(s)", list(errors), report)


def parse_file(
    path: str | os.PathLike[str],
    *,
    extractors: Sequence[str | Extractor] | None = None,
    check: bool = True,
    strict: bool = False,
) -> Report:
    """Parse the report in the file at ``path`` (its bytes are decoded as for :func:`parse`)."""
    with open(path, "rb") as f:
        data = f.read()
    return parse(
        data, extractors=extractors, source_name=os.fspath(path), check=check, strict=strict
    )


def _extract(block: Block, candidates: Sequence[Extractor], notes: Notes) -> tuple[str, Grid]:
    """Read ``block`` with the best-scoring extractor; one that fails yields to the next.

    A plugin that raises, or returns a score or rows that make no sense, is reported as an
    ``extractor-failed`` finding naming it and the error (see :func:`registry.select`).
    """
    failures: list[ExtractorError] = []

    def failed(error: ExtractorError) -> None:
        failures.append(error)
        notes.note(
            "extractor-failed",
            Severity.WARNING,
            f"{error}; the table was read without it",
            offset=block.start,
        )

    try:
        extractor, grid = select(block, candidates, failed=failed)
    except ExtractorError:
        reasons = "; ".join(str(error) for error in failures)
        raise ExtractorError(
            f"no extractor could read the table of {describe_section(block.section)}: {reasons}",
            extractor=candidates[0].name if len(candidates) == 1 else None,
        ) from None
    return extractor.name, grid


def _report(
    doc: Normalized,
    skeleton: Skeleton,
    notes: Notes,
    *,
    encoding: str | None,
    source_name: str | None,
    format_version: str,
    chosen: dict[str, str],
    active_disclosure: ActiveDisclosure | ActiveDisclosure2019,
    applications: Applications,
    review_litigation: ReviewLitigation,
) -> Report:
    text = doc.text
    sections = skeleton.sections
    title = skeleton.title
    if title is None:
        notes.note(
            "no-title",
            Severity.WARNING,
            "no title (`<agency> <year>年政府信息公开工作年度报告`) before section 一; "
            "agency and year are unknown",
            offset=0,
        )
        letterhead = ""
        preface_start = 0
    else:
        letterhead = text[: title.letterhead_end].strip()
        preface_start = title.end
    # Each text is kept stripped, and where it starts for places in it: the preface, then
    # the bodies of sections 一, 五 and 六.
    kept = []
    text_starts: dict[str, int] = {}
    for name, start, end in (
        ("preface", preface_start, skeleton.front_end),
        ("overview", sections[0].body_start, sections[0].body_end),
        ("problems_and_improvements", sections[4].body_start, sections[4].body_end),
        ("other_matters", sections[5].body_start, sections[5].body_end),
    ):
        piece = text[start:end]
        stripped = piece.lstrip()
        text_starts[name] = start + len(piece) - len(stripped)
        kept.append(stripped.rstrip())
    preface, overview, problems, other = kept
    # Text outside the six sections is kept (letterhead, preface) and said, not dropped.
    if letterhead:
        _note_outside(notes, "letterhead", letterhead, len(text) - len(text.lstrip()))
    if preface:
        _note_outside(notes, "preface", preface, text_starts["preface"])

    findings = []
    for code, severity, message, path, offset in notes.findings:
        if offset is None:
            findings.append(_make_finding(code, severity, message, path, None, None, None))
        else:
            place = doc.place(offset)
            findings.append(
                _make_finding(code, severity, message, path, place.line, place.column, None)
            )
    return _make_report(
        title.title if title else None,
        title.agency if title else None,
        title.year if title else None,
        format_version,
        letterhead,
        preface,
        overview,
        active_disclosure,
        applications,
        review_litigation,
        problems,
        other,
        encoding,
        source_name,
        chosen,
        tuple(findings),
        Provenance(notes.offsets, doc.place, text_starts),
    )


# The report and its findings, made from their fields in order (see model._positional): a
# keyword call of a class passes its keywords through two dicts, and a report has seventeen.
# The report's converter and validators run as its constructor runs them.
_make_report = _positional(
    Report,
    (
        "title",
        "agency",
        "year",
        "format_version",
        "letterhead",
        "preface",
        "overview",
        "active_disclosure",
        "applications",
        "review_litigation",
        "problems_and_improvements",
        "other_matters",
        "encoding",
        "source",
        "extractors",
        "findings",
        "provenance",
    ),
    checked=True,
)
_make_finding = _positional(
    Finding, ("code", "severity", "message", "path", "line", "column", "source")
)


def _note_outside(notes: Notes, name: str, value: str, offset: int) -> None:
    """Say that text before section 一 was kept as the letterhead or the preface."""
    shown = value if len(value) <= 60 else f"{value[:60]}… ({len(value)} characters)"
    notes.note(
        "outside-sections",
        Severity.INFO,
        f"text before section 一 kept as the {name}: {shown!r}",
        offset=offset,
    )
