"""Reports as flat records: one dict per report, one column per value, for tables.

The column names are derived from the model, never typed out: the tables of a
:class:`~govreport.model.Report` are walked field by field, and each value's column is its
dotted JSON key as :func:`govreport.to_dict` writes it (``applications.new_received.total``,
``active_disclosure.fees``). Before them come the metadata columns: a few report fields
(``source``, ``title``, ``agency``, ``year``, ``format_version``, ``encoding``), the
extractor that read each table (``extractors.applications``), the number of findings of
each severity (``findings.error``) and, for a file that could not be parsed, ``error`` and
``error_kind``. :func:`columns` is the list; ``docs/batch.md`` documents every entry.

A field typed as a union of attrs classes (the 2021 and 2019 forms of a section) has the
union of its members' columns, in order: the first member's, then the new ones of the
next. A record fills the columns of the member the report holds and leaves the others
blank. A scalar member of a union is a column at the field's own key.

Values: a count is an ``int``, a blank cell ``None`` (never ``0``), a decimal (fees) a
:class:`~decimal.Decimal`, exact. :func:`to_dataframe` (extra ``govreport[pandas]``) makes
counts nullable integers (``Int64``) and decimals and texts strings, so no float ever holds
a fee; :func:`dataframe_meta` is the same empty frame, for ``dask.bag.Bag.to_dataframe``.

Findings have a table of their own, one row per finding: :data:`FINDING_COLUMNS`,
:func:`finding_rows`.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterable, Mapping
from decimal import Decimal
from enum import Enum
from functools import cache
from typing import TYPE_CHECKING, Any, Union

from attrs import fields, has

from .labels import TABLE_SECTIONS
from .model import Finding, Report, Severity

if TYPE_CHECKING:
    import pandas

__all__ = [
    "FINDING_COLUMNS",
    "METADATA_COLUMNS",
    "column_types",
    "columns",
    "dataframe_meta",
    "error_record",
    "finding_rows",
    "flat_columns",
    "flatten",
    "to_dataframe",
    "to_record",
    "to_records",
]

#: The report fields that are metadata columns, in this order (the texts of sections 一,
#: 五 and 六 are not columns: they are in the JSON output).
_REPORT_FIELDS = ("source", "title", "agency", "year", "format_version", "encoding")

#: The metadata columns, before the table columns: report fields, the extractor of each
#: table, the count of findings by severity, and why a file failed.
METADATA_COLUMNS: tuple[str, ...] = (
    *_REPORT_FIELDS,
    *(f"extractors.{table}" for table in TABLE_SECTIONS.values()),
    *(f"findings.{severity.value}" for severity in Severity),
    "error",
    "error_kind",
)

#: The columns of the findings table: the file, then the fields of a finding.
FINDING_COLUMNS: tuple[str, ...] = (
    "file",
    *(a.name for a in fields(Finding) if a.name != "source"),
)

# A walked attrs class: for each field, its name, its column, and — for a field holding
# attrs objects — the plan of each class it may hold.
_Plan = tuple[tuple[str, str, "Mapping[type, _Plan] | None"], ...]


def _members(annotation: Any) -> tuple[Any, ...]:
    """The types a field may hold, ``None`` left out: ``A | B | None`` → ``(A, B)``."""
    origin = typing.get_origin(annotation)
    if origin is Union or origin is types.UnionType:
        return tuple(t for t in typing.get_args(annotation) if t is not type(None))
    return (annotation,)


def _is_class(t: Any) -> bool:
    return isinstance(t, type) and has(t)


@cache
def _hints(cls: type) -> Mapping[str, Any]:
    return typing.get_type_hints(cls)


@cache
def _plan(cls: type, prefix: str) -> _Plan:
    """How to fill the columns of an attrs class whose values sit under ``prefix``."""
    hints = _hints(cls)
    plan = []
    for a in fields(cls):
        column = f"{prefix}{a.name}"
        classes = [t for t in _members(hints[a.name]) if _is_class(t)]
        nested = {t: _plan(t, f"{column}.") for t in classes} if classes else None
        plan.append((a.name, column, nested))
    return tuple(plan)


def _plan_columns(plan: _Plan, hints: Mapping[str, Any], out: dict[str, type]) -> None:
    for name, column, nested in plan:
        members = _members(hints[name])
        scalars = [t for t in members if not _is_class(t)]
        for member in members:
            if not _is_class(member):
                # One Python type per column; a union of scalars holds any of them.
                out.setdefault(column, scalars[0] if len(scalars) == 1 else object)
            elif nested is not None:
                _plan_columns(nested[member], _hints(member), out)


def flat_columns(cls: type, prefix: str = "") -> dict[str, type]:
    """The value columns of attrs class ``cls`` under ``prefix``, with the type of each.

    Nested classes give dotted names; a field typed as a union of classes gives the union
    of their columns in order, the first member's first. The type is ``int`` for a count,
    :class:`~decimal.Decimal` for a decimal, ``str`` for a text (``object`` for a mix).
    """
    out: dict[str, type] = {}
    _plan_columns(_plan(cls, prefix), _hints(cls), out)
    return out


def flatten(obj: Any, prefix: str = "") -> dict[str, Any]:
    """The values of attrs object ``obj`` by :func:`flat_columns`, blank ones ``None``.

    Of a field typed as a union of classes, the columns of the member ``obj`` holds are
    filled and the others left blank.
    """
    cls: type = type(obj)
    record = dict.fromkeys(flat_columns(cls, prefix))
    _fill(record, obj, _plan(cls, prefix))
    return record


@cache
def _report_plan() -> _Plan:
    """The plan of the fields of :class:`Report` that hold tables (attrs objects)."""
    return tuple(p for p in _plan(Report, "") if p[2] is not None)


@cache
def _column_types() -> Mapping[str, type]:
    hints = _hints(Report)
    out: dict[str, type] = {}
    for name in _REPORT_FIELDS:
        (kind,) = _members(hints[name])
        out[name] = kind
    out.update({c: str for c in METADATA_COLUMNS if c.startswith("extractors.")})
    out.update({c: int for c in METADATA_COLUMNS if c.startswith("findings.")})
    out.update(error=str, error_kind=str)
    _plan_columns(_report_plan(), hints, out)
    return types.MappingProxyType(out)


def columns() -> tuple[str, ...]:
    """Every column of a record, in order: :data:`METADATA_COLUMNS`, then the tables'."""
    return tuple(_column_types())


def column_types() -> Mapping[str, type]:
    """The Python type of each column's values: ``int``, ``Decimal`` or ``str``."""
    return _column_types()


def _fill(record: dict[str, Any], obj: Any, plan: _Plan) -> None:
    for name, column, nested in plan:
        value = getattr(obj, name)
        if value is None:
            continue  # every column starts blank
        if nested is None:
            record[column] = value
            continue
        sub = nested.get(type(value))
        if sub is not None:
            _fill(record, value, sub)
        elif column in record and not has(type(value)):
            record[column] = value  # the scalar member of a union such as `Decimal | Fees`
        else:  # a value the model's type does not allow: no silent guess
            raise TypeError(f"{column}: unexpected {type(value).__name__} value")


def _empty() -> dict[str, Any]:
    return dict.fromkeys(_column_types())


def to_record(report: Report) -> dict[str, Any]:
    """The report as one flat record: :func:`columns` as keys, blank cells ``None``."""
    record = _empty()
    for name in _REPORT_FIELDS:
        record[name] = getattr(report, name)
    for table in TABLE_SECTIONS.values():
        record[f"extractors.{table}"] = report.extractors.get(table)
    counts = dict.fromkeys(Severity, 0)
    for finding in report.findings:
        counts[finding.severity] += 1
    for severity, count in counts.items():
        record[f"findings.{severity.value}"] = count
    _fill(record, report, _report_plan())
    return record


def error_record(source: str, kind: str, message: str) -> dict[str, Any]:
    """The record of a file that could not be parsed: its name, the error and its kind."""
    record = _empty()
    record.update(source=source, error=message, error_kind=kind)
    return record


def to_records(reports: Iterable[Report]) -> list[dict[str, Any]]:
    """Each report as a flat record (:func:`to_record`)."""
    return [to_record(report) for report in reports]


def finding_rows(report: Report) -> list[tuple[Any, ...]]:
    """One row per finding of ``report``, in :data:`FINDING_COLUMNS` order.

    ``file`` is the finding's own source if it has one, else the report's; ``severity`` is
    its name (``"error"``); a place not known is ``None``.
    """
    return [
        (f.source or report.source, *(_plain(getattr(f, name)) for name in FINDING_COLUMNS[1:]))
        for f in report.findings
    ]


def _plain(value: Any) -> Any:
    return value.value if isinstance(value, Enum) else value


# --- pandas (extra govreport[pandas]) --------------------------------------------------------

_DTYPES = {int: "Int64", Decimal: "string", str: "string"}


def _dtypes() -> dict[str, str]:
    return {c: _DTYPES.get(t, "object") for c, t in _column_types().items()}


def _pandas() -> Any:
    try:
        import pandas
    except ImportError:
        raise ModuleNotFoundError(
            "DataFrames need pandas: pip install 'govreport[pandas]'", name="pandas"
        ) from None
    return pandas


def dataframe_meta() -> pandas.DataFrame:
    """An empty DataFrame with every column and its dtype: ``meta`` for Dask.

    Counts are ``Int64`` (nullable: a blank cell is ``<NA>``, never ``0``), decimals and
    texts ``string`` (a fee stays exact, as in the JSON).
    """
    pd = _pandas()

    return pd.DataFrame({c: pd.Series(dtype=d) for c, d in _dtypes().items()})


def to_dataframe(reports: Iterable[Report | Mapping[str, Any]]) -> pandas.DataFrame:
    """Reports (or their records) as a pandas DataFrame, one row each (extra ``pandas``).

    The columns are :func:`columns`, typed as :func:`dataframe_meta` says. Records may come
    from :func:`to_record` or :func:`error_record` (a batch's failed files).
    """
    pd = _pandas()

    rows = [to_record(r) if isinstance(r, Report) else r for r in reports]
    data = {}
    for column, dtype in _dtypes().items():
        values = [row.get(column) for row in rows]
        if dtype == "string":
            values = [None if v is None else str(v) for v in values]
        data[column] = pd.array(values, dtype=dtype)
    return pd.DataFrame(data, columns=list(data))
