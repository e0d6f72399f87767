"""The consistency rules of the format (勾稽关系), checked on one report.

=====  ====================================================================================
rule   statement (FORMAT.md)
=====  ====================================================================================
R1     every column: new_received + carried_over == results.total + carried_forward
R2     every column: results.total == the sum of the result rows (23 rows; 21 where
       （六）其他处理 is the 2019 format's single row)
R3     every row of section 三: total == the sum of the six applicant columns
R4     each group of section 四: total == upheld + corrected + other + pending
R5     counts are non-negative; fees are non-negative. In the 2019 format's section 二,
       本年增/减 (``change``) may be negative; the other counts and 采购总金额 may not
=====  ====================================================================================

The rules apply to both formats (FORMAT.md): section 三 and 四 are the same but for the
shape of （六）其他处理, which the rules take as printed.

Each broken rule is one finding per broken column, row or group (code ``R1`` … ``R5``,
severity error), naming the printed labels and the numbers that disagree, with the JSON
path and source place of the total concerned. A rule that cannot be checked because some
of its cells are blank is reported as such (``R1-unchecked`` …, severity info), not as
broken. Where every cell of a rule is blank, nothing was printed to check, and nothing is
reported.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal

from .labels import (
    ACTIVE_DISCLOSURE_2019_COLUMN_LABELS,
    ACTIVE_DISCLOSURE_2019_ROWS,
    ACTIVE_DISCLOSURE_COLUMN_LABELS,
    ACTIVE_DISCLOSURE_ROWS,
    APPLICATION_COLUMN_LABELS,
    APPLICATION_COLUMNS,
    APPLICATION_ROWS,
    APPLICATION_ROWS_2019,
    REVIEW_LITIGATION_LABELS,
    RowSpec,
)
from .model import (
    ActiveDisclosure2019,
    ApplicantCounts,
    CaseOutcomes,
    Finding,
    Report,
    Severity,
    finding_at,
)

__all__ = ["RULES", "check_report"]

#: The rules this module checks, by code.
RULES: dict[str, str] = {
    "R1": "new_received + carried_over == results.total + carried_forward, in every column",
    "R2": "results.total == the sum of the result rows, in every column",
    "R3": "total == the sum of the six applicant columns, in every row of section 三",
    "R4": "total == upheld + corrected + other + pending, in each group of section 四",
    "R5": "counts and fees are not negative (本年增/减 may be)",
}

_SIX = APPLICATION_COLUMNS[:6]
_CASE_PARTS = ("upheld", "corrected", "other", "pending")
#: Counts of the 2019 format's section 二 that may be negative: 本年增/减.
_SIGNED = frozenset({"change"})


def _result_parts(specs: tuple[RowSpec, ...]) -> tuple[RowSpec, ...]:
    return tuple(s for s in specs if s.path[0] == "results" and s.path != ("results", "total"))


#: Section 三's rows and its result rows, by whether （六） is one row (the 2019 format's
#: shape) or three.
_SHAPES = {
    single: (rows, _result_parts(rows))
    for single, rows in ((True, APPLICATION_ROWS_2019), (False, APPLICATION_ROWS))
}


def check_report(report: Report) -> list[Finding]:
    """The findings of rules R1–R5 on ``report`` (either format)."""
    findings: list[Finding] = []
    specs, parts = _SHAPES[isinstance(report.applications.results.other_handling, ApplicantCounts)]
    rows = dict(_rows(report, specs))
    _r1(report, rows, findings)
    _r2(report, rows, parts, findings)
    _r3(report, rows, specs, findings)
    _r4(report, findings)
    _r5(report, rows, specs, findings)
    return findings


def _rows(
    report: Report, specs: tuple[RowSpec, ...]
) -> Iterator[tuple[tuple[str, ...], ApplicantCounts]]:
    for spec in specs:
        value: object = report.applications
        for key in spec.path:
            value = getattr(value, key)
        assert isinstance(value, ApplicantCounts)
        yield spec.path, value


def _terms(values: Sequence[int | None]) -> str:
    return " + ".join("blank" if v is None else str(v) for v in values)


def _check(
    report: Report,
    findings: list[Finding],
    code: str,
    left: Sequence[int | None],
    right: Sequence[int | None],
    describe: Callable[[], tuple[str, str, str, str]],
) -> None:
    """Compare two sums of cells; report a break, or a check that blanks prevent.

    ``describe`` gives (path, subject, left name, right name), only when there is something
    to report: reports are checked by the thousand, and most rules hold.
    """
    if None in left or None in right:
        if all(v is None for v in left) and all(v is None for v in right):
            return
        path, subject, left_name, right_name = describe()
        findings.append(
            finding_at(
                report,
                f"{code}-unchecked",
                Severity.INFO,
                f"{subject}: {code} cannot be checked, a cell is blank: "
                f"{left_name} = {_terms(left)}, {right_name} = {_terms(right)}",
                path,
            )
        )
        return
    a, b = sum(left), sum(right)  # type: ignore[arg-type]
    if a != b:
        path, subject, left_name, right_name = describe()
        findings.append(
            finding_at(
                report,
                code,
                Severity.ERROR,
                f"{subject}: {left_name} = {_show(left, a)}, {right_name} = {_show(right, b)}",
                path,
            )
        )


def _show(values: Sequence[int | None], total: int) -> str:
    return str(total) if len(values) == 1 else f"{_terms(values)} = {total}"


def _column(name: str) -> str:
    return f"column {APPLICATION_COLUMN_LABELS[name]} ({name})"


def _r1(report: Report, rows: dict[tuple[str, ...], ApplicantCounts], out: list[Finding]) -> None:
    new, over = rows[("new_received",)], rows[("carried_over",)]
    total, forward = rows[("results", "total")], rows[("carried_forward",)]
    for c in APPLICATION_COLUMNS:
        _check(
            report,
            out,
            "R1",
            (getattr(new, c), getattr(over, c)),
            (getattr(total, c), getattr(forward, c)),
            lambda c=c: (  # type: ignore[misc]
                f"$.applications.results.total.{c}",
                _column(c),
                "new_received + carried_over",
                "results.total + carried_forward",
            ),
        )


def _r2(
    report: Report,
    rows: dict[tuple[str, ...], ApplicantCounts],
    parts: tuple[RowSpec, ...],
    out: list[Finding],
) -> None:
    total = rows[("results", "total")]
    parts_rows = [rows[spec.path] for spec in parts]
    for c in APPLICATION_COLUMNS:
        _check(
            report,
            out,
            "R2",
            (getattr(total, c),),
            [getattr(row, c) for row in parts_rows],
            lambda c=c: (  # type: ignore[misc]
                f"$.applications.results.total.{c}",
                _column(c),
                "results.total (总计)",
                f"the sum of the {len(parts_rows)} result rows",
            ),
        )


def _r3(
    report: Report,
    rows: dict[tuple[str, ...], ApplicantCounts],
    specs: tuple[RowSpec, ...],
    out: list[Finding],
) -> None:
    for spec in specs:
        row = rows[spec.path]
        _check(
            report,
            out,
            "R3",
            (row.total,),
            (
                row.natural_person,
                row.commercial,
                row.research,
                row.social_welfare,
                row.legal_service,
                row.other,
            ),
            lambda spec=spec: (  # type: ignore[misc]
                f"$.applications.{'.'.join(spec.path)}.total",
                f"row {spec.printed} ({'.'.join(spec.path)})",
                "总计 (total)",
                "the sum of the six applicant columns",
            ),
        )


def _r4(report: Report, out: list[Finding]) -> None:
    for group in ("review", "litigation_direct", "litigation_after_review"):
        cases: CaseOutcomes = getattr(report.review_litigation, group)
        _check(
            report,
            out,
            "R4",
            (cases.total,),
            (cases.upheld, cases.corrected, cases.other, cases.pending),
            lambda group=group: (  # type: ignore[misc]
                f"$.review_litigation.{group}.total",
                f"{REVIEW_LITIGATION_LABELS[group]} ({group})",
                "总计 (total)",
                " + ".join(REVIEW_LITIGATION_LABELS[p] for p in _CASE_PARTS),
            ),
        )


def _r5(
    report: Report,
    rows: dict[tuple[str, ...], ApplicantCounts],
    specs: tuple[RowSpec, ...],
    out: list[Finding],
) -> None:
    def negative(path: str, label: str, value: int | Decimal | None) -> None:
        out.append(finding_at(report, "R5", Severity.ERROR, f"{label}: {value} is negative", path))

    active = report.active_disclosure
    if isinstance(active, ActiveDisclosure2019):
        for spec in ACTIVE_DISCLOSURE_2019_ROWS:
            key = spec.path[0]
            cells = getattr(active, key)
            for field in spec.columns:
                value = getattr(cells, field)
                if field not in _SIGNED and value is not None and value < 0:
                    negative(
                        f"$.active_disclosure.{key}.{field}",
                        f"{spec.printed} {ACTIVE_DISCLOSURE_2019_COLUMN_LABELS[field]} "
                        f"({key}.{field})",
                        value,
                    )
    else:
        for spec in ACTIVE_DISCLOSURE_ROWS:
            key = spec.path[0]
            if spec.width == 1:
                value = getattr(active, key)
                if value is not None and value < 0:
                    negative(f"$.active_disclosure.{key}", f"{spec.printed} ({key})", value)
                continue
            docs = getattr(active, key)
            for field, column in ACTIVE_DISCLOSURE_COLUMN_LABELS.items():
                value = getattr(docs, field)
                if value is not None and value < 0:
                    negative(
                        f"$.active_disclosure.{key}.{field}",
                        f"{spec.printed} {column} ({key}.{field})",
                        value,
                    )
    for spec in specs:
        row = rows[spec.path]
        for c in APPLICATION_COLUMNS:
            value = getattr(row, c)
            if value is not None and value < 0:
                key = ".".join(spec.path)
                negative(
                    f"$.applications.{key}.{c}",
                    f"row {spec.printed} ({key}), {_column(c)}",
                    value,
                )
    for group in ("review", "litigation_direct", "litigation_after_review"):
        cases = getattr(report.review_litigation, group)
        for field in (*_CASE_PARTS, "total"):
            value = getattr(cases, field)
            if value is not None and value < 0:
                negative(
                    f"$.review_litigation.{group}.{field}",
                    f"{REVIEW_LITIGATION_LABELS[group]} {REVIEW_LITIGATION_LABELS[field]}",
                    value,
                )
