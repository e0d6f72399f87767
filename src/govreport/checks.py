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

import struct
from collections.abc import Callable, Sequence
from decimal import Decimal
from itertools import chain
from operator import add, attrgetter, itemgetter
from typing import Any

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

_CASE_PARTS = ("upheld", "corrected", "other", "pending")
_GROUPS = ("review", "litigation_direct", "litigation_after_review")
#: Counts of the 2019 format's section 二 that may be negative: 本年增/减.
_SIGNED = frozenset({"change"})

# Reports are checked by the thousand, and most print every cell and keep every rule: each
# rule is first tested on all its cells at once with C-level getters, sums and comparisons
# (the getters built here, once), where a blank cell stops sum() or min() with a TypeError.
# Only a rule that fails that test is looked at column by column (row, group) to say why.

#: A row's seven cells, in the order of APPLICATION_COLUMNS, in one call.
_ROW_CELLS = attrgetter(*APPLICATION_COLUMNS)
#: A group of section 四: upheld, corrected, other, pending, total.
_CASE_CELLS = attrgetter(*_CASE_PARTS, "total")
_CASE_GROUPS = attrgetter(*_GROUPS)
_TOTAL_CELL = itemgetter(6)
_CASE_TOTAL = itemgetter(4)
#: The values of section 二 that may not be negative, by format (``True``: the 2019 format).
_ACTIVE_NAMES = {
    False: tuple(
        f"{spec.path[0]}.{name}" if spec.width > 1 else spec.path[0]
        for spec in ACTIVE_DISCLOSURE_ROWS
        for name in (ACTIVE_DISCLOSURE_COLUMN_LABELS if spec.width > 1 else ("",))
    ),
    True: tuple(
        f"{spec.path[0]}.{name}"
        for spec in ACTIVE_DISCLOSURE_2019_ROWS
        for name in spec.columns
        if name not in _SIGNED
    ),
}
_ACTIVE_CELLS = {in_2019: attrgetter(*names) for in_2019, names in _ACTIVE_NAMES.items()}
_ACTIVE_PATHS = {
    in_2019: tuple(tuple(name.split(".")) for name in names)
    for in_2019, names in _ACTIVE_NAMES.items()
}


#: The cells of a row or group (integers or ``None``), typed loosely: the fast tests sum
#: them as they are, and take the TypeError of a blank for a failed test.
_Cells = tuple[Any, ...]


def _result_parts(specs: tuple[RowSpec, ...]) -> tuple[RowSpec, ...]:
    return tuple(s for s in specs if s.path[0] == "results" and s.path != ("results", "total"))


class _Shape:
    """Section 三's rows in one shape of （六）: one row (the 2019 format's) or three."""

    def __init__(self, specs: tuple[RowSpec, ...]) -> None:
        self.specs = specs
        self.parts = _result_parts(specs)
        paths = [spec.path for spec in specs]
        self.paths = paths
        #: Every row of the table, in printed order, in one call.
        self.rows = attrgetter(*(".".join(path) for path in paths))
        self.new = paths.index(("new_received",))
        self.over = paths.index(("carried_over",))
        self.total = paths.index(("results", "total"))
        self.forward = paths.index(("carried_forward",))
        self.part_rows = itemgetter(*(paths.index(spec.path) for spec in self.parts))


#: Section 三's shape, by whether （六） is one row (the 2019 format's shape) or three.
_SHAPES = {
    single: _Shape(rows)
    for single, rows in ((True, APPLICATION_ROWS_2019), (False, APPLICATION_ROWS))
}


def _not_negative(rows: Sequence[_Cells]) -> bool:
    """No cell of ``rows`` is negative (blank cells are not)."""
    cells = chain.from_iterable(rows)  # one min() over every cell, not one per row
    try:
        return bool(min(cells) >= 0)
    except TypeError:  # a blank: filter(None, …) drops blanks (and zeros) first
        return bool(min(filter(None, chain.from_iterable(rows)), default=0) >= 0)


def check_report(report: Report) -> list[Finding]:
    """The findings of rules R1–R5 on ``report`` (either format)."""
    holds = _HOLDS[
        isinstance(report.applications.results.other_handling, ApplicantCounts),
        isinstance(report.active_disclosure, ActiveDisclosure2019),
    ]
    if holds(report):
        return []
    return _check_in_full(report)


def _check_in_full(report: Report) -> list[Finding]:
    """:func:`check_report` rule by rule: what a report that breaks some rule is told."""
    findings: list[Finding] = []
    shape = _SHAPES[isinstance(report.applications.results.other_handling, ApplicantCounts)]
    objects: tuple[ApplicantCounts, ...] = shape.rows(report.applications)
    table: list[_Cells] = list(map(_ROW_CELLS, objects))
    groups: tuple[CaseOutcomes, ...] = _CASE_GROUPS(report.review_litigation)
    cases: list[_Cells] = list(map(_CASE_CELLS, groups))
    _r1(report, shape, table, findings)
    _r2(report, shape, table, findings)
    _r3(report, shape, table, findings)
    _r4(report, cases, findings)
    active = report.active_disclosure
    single = isinstance(active, ActiveDisclosure2019)
    if not _not_negative((*table, *cases, _ACTIVE_CELLS[single](active))):
        _r5(report, dict(zip(shape.paths, objects, strict=True)), shape.specs, findings)
    return findings


# --- every rule at once ---------------------------------------------------------------------
# A report whose every rule holds (most of them) is told so by one generated function per
# shape of section 三 and format of section 二 (four): it reads each cell once, with the
# interpreter's own attribute loads (several times cheaper than attrgetter's), and tests
# every rule on the numbers in plain arithmetic. Whatever it cannot vouch for (a blank, a
# negative or a non-integer count, a broken rule) it leaves to _check_in_full, which finds
# what there is to report; the tests compare the two on drawn reports.

#: Section 三 and 四's counts, checked in one call: struct packs only integers from 0 to
#: 2**64 - 1, and raises for a blank (None), a negative count or anything else.
_PACK_ERROR = struct.error


class _Source:
    """The lines of a generated function that read a report's cells into local names."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.names: dict[tuple[str, ...], str] = {(): "report"}

    def load(self, path: tuple[str, ...]) -> str:
        """The local name holding the value at ``path`` below the report, read once."""
        name = self.names.get(path)
        if name is None:
            parent = self.load(path[:-1])
            name = self.names[path] = f"v{len(self.names)}"
            self.lines.append(f"    {name} = {parent}.{path[-1]}")
        return name


def _all_hold(shape: _Shape, active: tuple[tuple[str, ...], ...]) -> Callable[[Report], bool]:
    """A function telling whether every rule holds in a report of this shape and format.

    ``active``: the paths below section 二 of the values that may not be negative.

    Section 三 and section 四 are each tested on their own. One whose every count is 0 (an
    office that had no application, no case) keeps every rule: the function remembers that
    object, and a report that holds the very same one again (the parser shares one section
    三 of zeros, and one section 四, between reports) skips reading it. Its objects are
    frozen, their counts integers: what held for it holds still.
    """
    source = _Source()
    rows = [
        [source.load(("applications", *spec.path, c)) for c in APPLICATION_COLUMNS]
        for spec in shape.specs
    ]
    applications = source.lines
    source.lines = []
    cases = [
        [source.load(("review_litigation", group, f)) for f in (*_CASE_PARTS, "total")]
        for group in _GROUPS
    ]
    review = source.lines
    source.lines = []
    signed = [source.load(("active_disclosure", *path)) for path in active]
    r5 = " and ".join(f"({v} is None or {v} >= 0)" for v in signed)  # blanks are no numbers
    tests = [f"{' + '.join(row[:6])} == {row[6]}" for row in rows]  # R3
    parts = [rows[shape.paths.index(spec.path)] for spec in shape.parts]
    total, new, over, forward = (
        rows[i] for i in (shape.total, shape.new, shape.over, shape.forward)
    )
    # R1 and R2 in the six applicant columns: in the last, the total column, they follow
    # from those and R3 (a row's total is the sum of its six columns), tested on every row.
    for c in range(len(APPLICATION_COLUMNS) - 1):
        tests.append(f"{' + '.join(row[c] for row in parts)} == {total[c]}")  # R2
        tests.append(f"{new[c]} + {over[c]} == {total[c]} + {forward[c]}")  # R1
    r4 = [f"{' + '.join(case[:4])} == {case[4]}" for case in cases]
    counts = [v for row in rows for v in row]
    case_counts = [v for case in cases for v in case]

    def part(lines: list[str], values: list[str], rules: list[str], n: int) -> str:
        # The part read (its first line), then, unless it is the part held last time (slot
        # n), its counts read and packed (struct raises for a blank, a negative or a
        # non-integer count) and its rules tested; all 0, it is held (kept in slot n).
        first, *rest = lines
        loaded = source.names[(("applications", "review_litigation")[n],)]
        return (
            f"{first}\n"
            f"    if {loaded} is not _held[{n}]:\n"
            + "".join(f"    {line}\n" for line in rest)
            + "        try:\n"
            f"            packed = _pack{n}({', '.join(values)})\n"
            "        except _PACK_ERROR:\n"
            "            return False\n"
            f"        if packed == _ZEROS{n}:\n"
            f"            _held[{n}] = {loaded}\n"
            f"        elif not ({' and '.join(rules)}):\n"
            "            return False\n"
        )

    code = (
        "def holds(report):\n"
        + part(applications, counts, tests, 0)
        + part(review, case_counts, r4, 1)
        + "".join(f"{line}\n" for line in source.lines)
        + f"    return {r5}\n"
    )
    pack, case_pack = (struct.Struct(f"{len(v)}Q").pack for v in (counts, case_counts))
    namespace: dict[str, Any] = {
        "_pack0": pack,
        "_pack1": case_pack,
        "_PACK_ERROR": _PACK_ERROR,
        "_ZEROS0": pack(*[0] * len(counts)),
        "_ZEROS1": case_pack(*[0] * len(case_counts)),
        # The parts last found all zeros (at first, nothing is).
        "_held": [object(), object()],
    }
    exec(compile(code, f"<rules {len(rows)} rows>", "exec"), namespace)
    holds: Callable[[Report], bool] = namespace["holds"]
    return holds


class _Tests(dict[tuple[bool, bool], Callable[[Report], bool]]):
    """The generated tests, by (（六） is one row, section 二 is the 2019 format's).

    Each is made when first asked for: importing govreport does not pay for compiling them.
    """

    def __missing__(self, key: tuple[bool, bool]) -> Callable[[Report], bool]:
        single, in_2019 = key
        holds = self[key] = _all_hold(_SHAPES[single], _ACTIVE_PATHS[in_2019])
        return holds


_HOLDS = _Tests()


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


def _r1(
    report: Report,
    shape: _Shape,
    table: list[_Cells],
    out: list[Finding],
) -> None:
    new, over = table[shape.new], table[shape.over]
    total, forward = table[shape.total], table[shape.forward]
    try:
        if list(map(add, new, over)) == list(map(add, total, forward)):
            return
    except TypeError:  # a blank cell
        pass
    for c, a, b, x, y in zip(APPLICATION_COLUMNS, new, over, total, forward, strict=True):
        if a is not None and b is not None and x is not None and y is not None and a + b == x + y:
            continue
        _check(
            report,
            out,
            "R1",
            (a, b),
            (x, y),
            lambda c=c: (  # type: ignore[misc]
                f"$.applications.results.total.{c}",
                _column(c),
                "new_received + carried_over",
                "results.total + carried_forward",
            ),
        )


def _r2(
    report: Report,
    shape: _Shape,
    table: list[_Cells],
    out: list[Finding],
) -> None:
    total = table[shape.total]
    # The result rows' cells column by column: zip(*rows) transposes in C.
    columns: list[_Cells] = list(zip(*shape.part_rows(table), strict=True))
    try:
        if list(map(sum, columns)) == list(total):
            return
    except TypeError:  # a blank cell
        pass
    count = len(shape.parts)
    for c, value, column in zip(APPLICATION_COLUMNS, total, columns, strict=True):
        if value is not None and None not in column and value == sum(column):
            continue
        _check(
            report,
            out,
            "R2",
            (value,),
            list(column),
            lambda c=c: (  # type: ignore[misc]
                f"$.applications.results.total.{c}",
                _column(c),
                "results.total (总计)",
                f"the sum of the {count} result rows",
            ),
        )


def _parts_sum_to_totals(rows: Sequence[_Cells], total_of: Callable[[_Cells], Any]) -> bool:
    """Whether in every row the cells other than its total sum to the total (no blank).

    At C speed: the parts sum to the total where the whole row sums to twice the total.
    """
    totals = list(map(total_of, rows))
    try:
        return list(map(sum, rows)) == list(map(add, totals, totals))
    except TypeError:  # a blank cell
        return False


def _r3(
    report: Report,
    shape: _Shape,
    table: list[_Cells],
    out: list[Finding],
) -> None:
    if _parts_sum_to_totals(table, _TOTAL_CELL):
        return
    for spec, row in zip(shape.specs, table, strict=True):
        six = row[:6]
        if None not in row and sum(six) == row[6]:
            continue
        _check(
            report,
            out,
            "R3",
            (row[6],),
            six,
            lambda spec=spec: (  # type: ignore[misc]
                f"$.applications.{'.'.join(spec.path)}.total",
                f"row {spec.printed} ({'.'.join(spec.path)})",
                "总计 (total)",
                "the sum of the six applicant columns",
            ),
        )


def _r4(report: Report, cases: list[_Cells], out: list[Finding]) -> None:
    if _parts_sum_to_totals(cases, _CASE_TOTAL):
        return
    for group, values in zip(_GROUPS, cases, strict=True):
        parts = values[:4]
        if None not in values and sum(parts) == values[4]:
            continue
        _check(
            report,
            out,
            "R4",
            (values[4],),
            parts,
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
