"""Checks across reports: one agency over the years, and a government against its units.

:func:`check_series` takes the reports of one agency for consecutive years:

* ``S1``: last year's 结转下年度继续办理 (``carried_forward``) is this year's 上年结转
  (``carried_over``), column by column;
* ``S2``: normative documents (and regulations) stay continuous: last year's 现行有效件数
  plus this year's 本年制发件数 minus this year's 本年废止件数 is this year's 现行有效件数.
  Between two reports in the 2019 format, which counts no repealed documents, last year's
  对外公开总数量 plus this year's 本年新公开数量 is this year's 对外公开总数量. Between a
  report in the 2019 format and one in the 2021 format the counts are of different things
  (documents published, documents in force): S2 is not checked there (``S0``);
* ``S0`` (info): a year missing between two reports, or two reports for one year, where
  the rules above cannot be checked; or two consecutive reports in different formats,
  where S2 cannot.

:func:`check_rollup` takes a government's summary report and the reports of its units
(``U1``): each count of the parent equals the sum over the children, and so do the fees
and the amounts. Values are matched by their JSON path, so a value of one format has no
counterpart in a report of the other. 采购总金额 printed in different units (元, 万元) is
compared in yuan; where some reports print no unit and others do, it is not compared.

Differences are warnings: a unit may have been created or merged within the year, and
summaries are sometimes compiled differently. Each finding names the report it is about in
``source`` (the file name, if the report was read from one) and stands at the cell of that
report.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from itertools import pairwise

from .labels import (
    ACTIVE_DISCLOSURE_2019_COLUMN_LABELS,
    ACTIVE_DISCLOSURE_2019_ROWS,
    ACTIVE_DISCLOSURE_ROWS,
    AMOUNT_UNIT_YUAN,
    APPLICATION_COLUMN_LABELS,
    APPLICATION_COLUMNS,
    TABLE_SECTIONS,
)
from .model import ActiveDisclosure2019, Finding, Report, Severity, finding_at

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


_DOCUMENT_ROWS = tuple(s for s in ACTIVE_DISCLOSURE_ROWS if s.width == 3)
_DOCUMENT_ROWS_2019 = tuple(s for s in ACTIVE_DISCLOSURE_2019_ROWS if "new_made" in s.columns)


def _documents(previous: Report, current: Report, out: list[Finding]) -> None:
    if previous.format_version != current.format_version:
        out.append(
            _finding(
                current,
                "S0",
                Severity.INFO,
                f"{_name(previous)} is in the {previous.format_version} format and "
                f"{current.year}'s report in the {current.format_version} format, whose "
                "document counts are of different things; S2 not checked",
                "$.format_version",
            )
        )
        return
    if current.format_version == "2019":
        _documents_2019(previous, current, out)
        return
    for spec in _DOCUMENT_ROWS:
        key, label = spec.path[0], spec.printed
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


def _documents_2019(previous: Report, current: Report, out: list[Finding]) -> None:
    published = ACTIVE_DISCLOSURE_2019_COLUMN_LABELS["total_published"]
    new = ACTIVE_DISCLOSURE_2019_COLUMN_LABELS["new_published"]
    for spec in _DOCUMENT_ROWS_2019:
        key, label = spec.path[0], spec.printed
        before = getattr(previous.active_disclosure, key).total_published
        now = getattr(current.active_disclosure, key)
        if before is None or now.new_published is None or now.total_published is None:
            continue
        expected = before + now.new_published
        if expected != now.total_published:
            out.append(
                _finding(
                    current,
                    "S2",
                    Severity.WARNING,
                    f"{label} ({key}): last year's total_published ({published}) {before} + "
                    f"new_published ({new}) {now.new_published} = {expected}, but "
                    f"total_published is {now.total_published}",
                    f"$.active_disclosure.{key}.total_published",
                )
            )


#: Keys of the tables that describe a value rather than being one.
_NOT_VALUES = frozenset({"amount_unit"})
_AMOUNT = "$.active_disclosure.procurement.amount"


def leaf_values(report: Report) -> Iterator[tuple[str, int | Decimal | None]]:
    """Every table value of ``report`` with its JSON path, in printed order.

    The unit of an amount (``procurement.amount_unit``) is not a value and is left out.
    """
    from .serialize import to_dict

    data = to_dict(report)
    for table in TABLE_SECTIONS.values():
        yield from _leaves(data[table], f"$.{table}")


def _leaves(data: object, path: str) -> Iterator[tuple[str, int | Decimal | None]]:
    if isinstance(data, dict):
        for key, value in data.items():
            if key not in _NOT_VALUES:
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
    units = {
        r.active_disclosure.procurement.amount_unit
        for r in (parent, *children)
        if isinstance(r.active_disclosure, ActiveDisclosure2019)
        and r.active_disclosure.procurement.amount is not None
    }
    # One unit (or none printed anywhere): amounts as printed; several: in yuan, when every
    # report prints a unit it knows; otherwise they cannot be compared.
    in_yuan = len(units) > 1 and all(unit in AMOUNT_UNIT_YUAN for unit in units)
    comparable = len(units) <= 1 or in_yuan
    columns = [_values(child, in_yuan) for child in children]
    for path, value in _values(parent, in_yuan).items():
        if value is None or (path == _AMOUNT and not comparable):
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
        if path == _AMOUNT and in_yuan:
            note += " (amounts in 元)"
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


def _values(report: Report, in_yuan: bool) -> dict[str, int | Decimal | None]:
    """:func:`leaf_values` by path; with ``in_yuan``, 采购总金额 converted to yuan."""
    values = dict(leaf_values(report))
    active = report.active_disclosure
    amount = values.get(_AMOUNT)
    if in_yuan and amount is not None and isinstance(active, ActiveDisclosure2019):
        unit = active.procurement.amount_unit
        assert unit is not None  # in_yuan: every report printing an amount prints its unit
        values[_AMOUNT] = amount * AMOUNT_UNIT_YUAN[unit]
    return values
