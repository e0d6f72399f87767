"""Reports to JSON data and back, through one cattrs converter.

Representation decisions, all made here:

* Keys are the attrs field names, which are the JSON keys of FORMAT.md; no renaming layer.
* A blank cell is ``null``, a printed zero is ``0``: ``None`` and ``0`` survive both ways.
* Decimals (the fees of section 二) are JSON *strings* as printed (``"0.35"``), so that no
  float ever touches a money amount; they are read back with :class:`~decimal.Decimal`.
* ``Report.provenance`` (where values were printed) describes the source document, not the
  report: it is not written, and a report read back has none.
* Reading back is strict: a count must be a JSON integer or ``null`` (``"5"``, ``5.0`` and
  ``true`` are errors), a text a string, a fee a decimal string, and both unknown and
  missing keys are errors (an absent cell is not a blank one). Every problem is
  reported at once in one :class:`~govreport.errors.DataError` naming the JSON path of the
  first (``$.applications.new_received.total``), the others listed in its message.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any

from attrs import fields, has, resolve_types
from cattrs import Converter, transform_error
from cattrs.errors import BaseValidationError
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from . import model
from .errors import DataError
from .model import Finding, Report, Severity

__all__ = ["configure_converter", "converter", "from_dict", "from_json", "to_dict", "to_json"]


def _strict_int(value: Any, _: Any) -> int:
    if type(value) is not int:
        raise TypeError(f"expected an integer, got {value!r}")
    return value


def _strict_str(value: Any, _: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected a string, got {value!r}")
    return value


_DECIMAL = re.compile(r"[-+]?\d+(?:\.\d+)?", re.ASCII)


def _decimal(value: Any, _: Any) -> Decimal:
    if not isinstance(value, str) or _DECIMAL.fullmatch(value) is None:
        raise TypeError(f'expected a decimal string such as "0.35", got {value!r}')
    return Decimal(value)


def _findings(value: Any, _: Any) -> tuple[Finding, ...]:
    if not isinstance(value, list):
        raise TypeError(f"expected an array of findings, got {value!r}")
    return tuple(converter.structure(value, list[Finding]))


def _missing_keys(data: Any, cls: type, path: str, problems: list[tuple[str, str]]) -> None:
    """Every key of an attrs class must be present: an absent key is not a blank cell."""
    if not isinstance(data, dict):
        problems.append((path, f"expected an object, got {type(data).__name__}"))
        return
    for a in fields(cls):
        if a.name == "provenance":
            continue
        if a.name not in data:
            problems.append((f"{path}.{a.name}", "missing key"))
        elif isinstance(a.type, type) and has(a.type):
            _missing_keys(data[a.name], a.type, f"{path}.{a.name}", problems)


def configure_converter(conv: Converter) -> None:
    """Teach ``conv`` govreport's representation (see the module docstring)."""
    conv.register_unstructure_hook(Decimal, str)
    conv.register_structure_hook(Decimal, _decimal)
    conv.register_structure_hook(int, _strict_int)
    conv.register_structure_hook(str, _strict_str)
    conv.register_unstructure_hook(Severity, lambda s: s.value)
    conv.register_structure_hook(Severity, lambda v, _: Severity(v))
    conv.register_structure_hook_func(lambda t: t == tuple[Finding, ...], _findings)
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


# Field types are strings under `from __future__ import annotations`; resolve them once so
# that the key check above can walk the classes.
for _cls in vars(model).values():
    if isinstance(_cls, type) and has(_cls):
        resolve_types(_cls)

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
    problems: list[tuple[str, str]] = []
    _missing_keys(data, Report, "$", problems)
    if problems:
        message = "; ".join(f"{message} @ {path}" for path, message in problems)
        raise DataError(message, path=problems[0][0])
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
