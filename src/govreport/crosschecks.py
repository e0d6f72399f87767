"""Checks across reports: one agency over the years, and a government against its units.

:func:`check_series` takes the reports of one agency for consecutive years:

* ``S1``: last year's 结转下年度继续办理 (``carried_forward``) is this year's 上年结转
  (``carried_over``), column by column;
* ``S2``: normative documents (and regulations) stay continuous: last year's 现行有效件数
  plus this year's 本年制发件数 minus this year's 本年废止件数 is this year's 现行有效件数;
* ``S0`` (info): a year missing between two reports, or two reports for one year, where
  the rules above cannot be checked.

:func:`check_rollup` takes a government's summary report and the reports of its units
(``U1``): each count of the parent equals the sum over the children, and so do the fees.

Differences are warnings: a unit may have been created or merged within the year, and
summaries are sometimes compiled differently. Each finding names the report it is about in
``source`` (the file name, if the report was read from one) and stands at the cell of that
report.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from itertools import pairwise

from .labels import APPLICATION_COLUMN_LABELS, APPLICATION_COLUMNS, TABLE_SECTIONS
from .model import Finding, Report, Severity, finding_at

__all__ = ["check_rollup", "check_series", "leaf_values"]


def _finding(report: Report, code: str, severity: Severity, message: str, path: str) -> Finding:
    return finding_at(report, code, severity, message, path, source=report.source)


def _name(report: Report) -> str:
    return report.source or f"{report.agency or 'report'} {report.year or ''}".strip()


def check_series(reports: Iterable[Report]) -> list[Finding]:
    """Findings S0–S2 for the reports of one agency over consecutive years (any order)."""
    ordered = sorted(reports, key=lambda r: (r.year is None, r.year or 0))
    findings: list[Finding] = []
    undated = [r for r in ordered if r.year is None]
    for report in undated:
        findings.append(
            _finding(report, "S0", Severity.INFO, "the report has no year; not in the series", "$")
        )
    dated = [r for r in ordered if r.year is not None]
    for previous, current in pairwise(dated):
        assert previous.year is not None and current.year is not None
        if current.year != previous.year + 1:
            gap = (
                f"two reports for {current.year}"
                if current.year == previous.year
                else f"no report between {previous.year} and {current.year}"
            )
            findings.append(
                _finding(current, "S0", Severity.INFO, f"{gap}; S1 and S2 not checked", "$.year")
            )
            continue
        _carry(previous, current, findings)
        _documents(previous, current, findings)
    return findings


def _carry(previous: Report, current: Report, out: list[Finding]) -> None:
    before = previous.applications.carried_forward
    now = current.applications.carried_over
    for c in APPLICATION_COLUMNS:
        a, b = getattr(before, c), getattr(now, c)
        if a is None or b is None or a == b:
            continue
        out.append(
            _finding(
                current,
                "S1",
                Severity.WARNING,
                f"column {APPLICATION_COLUMN_LABELS[c]} ({c}): {current.year}'s carried_over "
                f"(上年结转) is {b}, but {_name(previous)} carried_forward (结转下年度) {a}",
                f"$.applications.carried_over.{c}",
            )
        )


def _documents(previous: Report, current: Report, out: list[Finding]) -> None:
    for key, label in (("regulations", "规章"), ("normative_documents", "行政规范性文件")):
        before = getattr(previous.active_disclosure, key)
        now = getattr(current.active_disclosure, key)
        values = (before.in_force, now.issued, now.repealed, now.in_force)
        if any(v is None for v in values):
            continue
        expected = before.in_force + now.issued - now.repealed
        if expected != now.in_force:
            out.append(
                _finding(
                    current,
                    "S2",
                    Severity.WARNING,
                    f"{label} ({key}): last year's in_force {before.in_force} + issued "
                    f"{now.issued} - repealed {now.repealed} = {expected}, but in_force is "
                    f"{now.in_force}",
                    f"$.active_disclosure.{key}.in_force",
                )
            )


def leaf_values(report: Report) -> Iterator[tuple[str, int | Decimal | None]]:
    """Every table value of ``report`` with its JSON path, in printed order."""
    from .serialize import to_dict

    data = to_dict(report)
    for table in TABLE_SECTIONS.values():
        yield from _leaves(data[table], f"$.{table}")


def _leaves(data: object, path: str) -> Iterator[tuple[str, int | Decimal | None]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _leaves(value, f"{path}.{key}")
    elif isinstance(data, str):
        yield path, Decimal(data)
    else:
        assert data is None or isinstance(data, int)
        yield path, data


def check_rollup(parent: Report, children: Sequence[Report]) -> list[Finding]:
    """U1: each value of ``parent`` against the sum over ``children``.

    A value that is blank in the parent, or in every child, is not checked; blanks in some
    children count as nothing printed (reported in the message when the sums differ).
    """
    findings: list[Finding] = []
    columns = [dict(leaf_values(child)) for child in children]
    for path, value in leaf_values(parent):
        if value is None:
            continue
        parts = [column.get(path) for column in columns]
        printed = [p for p in parts if p is not None]
        if not printed:
            continue
        total = sum(printed, Decimal(0)) if isinstance(value, Decimal) else sum(printed)
        if total == value:
            continue
        blanks = len(parts) - len(printed)
        note = f" ({blanks} of them blank)" if blanks else ""
        findings.append(
            _finding(
                parent,
                "U1",
                Severity.WARNING,
                f"{path[2:]}: the summary prints {value}, its {len(children)} units sum to "
                f"{total}{note}",
                path,
            )
        )
    return findings
