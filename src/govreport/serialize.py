"""Reports to JSON data and back, through one cattrs converter.

Representation decisions, all made here:

* Keys are the attrs field names, which are the JSON keys of FORMAT.md; no renaming layer.
* A blank cell is ``null``, a printed zero is ``0``: ``None`` and ``0`` survive both ways.
* Decimals (the fees of section 二) are JSON *strings* as printed (``"0.35"``), so that no
  float ever touches a money amount; they are read back with :class:`~decimal.Decimal`.
* ``Report.provenance`` (where values were printed) describes the source document, not the
  report: it is not written, and a report read back has none.
* Reading back is strict: a count must be a JSON integer or ``null`` (``"5"``, ``5.0`` and
  ``true`` are errors), a text a string, and unknown keys are errors. Every problem is
  reported at once in one :class:`~govreport.errors.DataError` naming the JSON path of the
  first (``$.applications.new_received.total``), the others listed in its message.
"""

from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation
from typing import Any

from cattrs import Converter, transform_error
from cattrs.errors import BaseValidationError
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from .errors import DataError
from .model import Report, Severity

__all__ = ["configure_converter", "converter", "from_dict", "from_json", "to_dict", "to_json"]


def _strict_int(value: Any, _: Any) -> int:
    if type(value) is not int:
        raise TypeError(f"expected an integer, got {value!r}")
    return value


def _strict_str(value: Any, _: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected a string, got {value!r}")
    return value


def _decimal(value: Any, _: Any) -> Decimal:
    if not isinstance(value, str | int) or isinstance(value, bool):
        raise TypeError(f'expected a decimal string such as "0.35", got {value!r}')
    try:
        result = Decimal(value)
    except InvalidOperation:
        raise ValueError(f"{value!r} is not a decimal number") from None
    if not result.is_finite():
        raise ValueError(f"{value!r} is not a finite decimal number")
    return result


def configure_converter(conv: Converter) -> None:
    """Teach ``conv`` govreport's representation (see the module docstring)."""
    conv.register_unstructure_hook(Decimal, str)
    conv.register_structure_hook(Decimal, _decimal)
    conv.register_structure_hook(int, _strict_int)
    conv.register_structure_hook(str, _strict_str)
    conv.register_unstructure_hook(Severity, lambda s: s.value)
    conv.register_structure_hook(Severity, lambda v, _: Severity(v))
    # Hook factories, not hooks: cattrs generates the code for a class when it is first
    # converted, so importing govreport (and the CLI, which never reads JSON back) does not
    # pay for code generation it may not use.
    conv.register_unstructure_hook_factory(
        lambda cls: cls is Report,
        lambda cls: make_dict_unstructure_fn(Report, conv, provenance=override(omit=True)),
    )
    conv.register_structure_hook_factory(
        lambda cls: cls is Report,
        lambda cls: make_dict_structure_fn(
            Report, conv, _cattrs_forbid_extra_keys=True, provenance=override(omit=True)
        ),
    )


def make_converter() -> Converter:
    """A new converter configured for reports."""
    conv = Converter(forbid_extra_keys=True, detailed_validation=True)
    configure_converter(conv)
    return conv


#: The converter :func:`to_dict` and :func:`from_dict` use.
converter = make_converter()


def to_dict(report: Report) -> dict[str, Any]:
    """The report as JSON-ready data (dicts, lists, strings, integers, ``None``)."""
    data: dict[str, Any] = converter.unstructure(report)
    return data


def to_json(report: Report, *, indent: int | None = None) -> str:
    """The report as a JSON document (UTF-8 text, Chinese kept as is)."""
    return json.dumps(to_dict(report), ensure_ascii=False, indent=indent)


def from_dict(data: Any) -> Report:
    """The report described by JSON data from :func:`to_dict`; :class:`DataError` if not."""
    if not isinstance(data, dict):
        raise DataError(f"expected a JSON object, got {type(data).__name__}", path="$")
    try:
        return converter.structure(data, Report)
    except BaseValidationError as exc:
        messages = transform_error(exc, path="$")
        first = messages[0]
        path = first.rpartition(" @ ")[2] if " @ " in first else "$"
        raise DataError("; ".join(messages), path=path) from None


def from_json(text: str | bytes) -> Report:
    """The report in a JSON document from :func:`to_json`."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataError(
            f"not JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}", path="$"
        ) from None
    return from_dict(data)
