"""Reports to JSON data and back, through one cattrs converter.

Representation decisions, all made here:

* Keys are the attrs field names, which are the JSON keys of FORMAT.md; no renaming layer.
* A blank cell is ``null``, a printed zero is ``0``: ``None`` and ``0`` survive both ways.
* Decimals (the fees of section 二) are JSON *strings* as printed (``"0.35"``), so that no
  float ever touches a money amount; they are read back with :class:`~decimal.Decimal`.
* ``Report.provenance`` (where values were printed) describes the source document, not the
  report: it is not written, and a report read back has none.
* The two formats: ``active_disclosure`` is read as the section 二 of the report's
  ``format_version`` (:data:`~govreport.model.ACTIVE_DISCLOSURE_TYPES`: the 2019 format's
  keys under ``"2019"``, the 2021 format's under ``"2021"``; any other version is an
  error), and ``results.other_handling`` by its keys: the seven column keys of one row
  (the 2019 format's single （六） row), else the 2021 format's three rows.
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
from functools import cache
from typing import Any, get_args

from attrs import fields, has, resolve_types
from cattrs import Converter, transform_error
from cattrs.errors import BaseValidationError
from cattrs.fns import identity
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from . import model
from ._json_writer import Unsupported, Writer, make_writer
from .errors import DataError
from .model import (
    ACTIVE_DISCLOSURE_TYPES,
    FORMAT_VERSIONS,
    ActiveDisclosure,
    ActiveDisclosure2019,
    ApplicantCounts,
    Finding,
    OtherHandling,
    Report,
    Severity,
)

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


_OTHER_HANDLING = OtherHandling | ApplicantCounts
# Both shapes have a key `other` (a column, a row): the other keys tell them apart.
_ROW_KEYS = frozenset(a.name for a in fields(ApplicantCounts)) - {
    a.name for a in fields(OtherHandling)
}


def _other_handling_class(value: Any) -> type[OtherHandling | ApplicantCounts]:
    """（六）其他处理 by its keys: one row (column keys such as ``total``) or the three rows."""
    if isinstance(value, dict) and not _ROW_KEYS.isdisjoint(value):
        return ApplicantCounts
    return OtherHandling


def _field_class(cls: type, name: str, kind: Any, data: dict[str, Any]) -> type | None:
    """The attrs class a field's value is read as (``None`` for a plain value)."""
    if cls is Report and name == "active_disclosure":
        version = data.get("format_version")
        return ACTIVE_DISCLOSURE_TYPES.get(version) if isinstance(version, str) else None
    if kind == _OTHER_HANDLING:
        return _other_handling_class(data[name])
    return kind if isinstance(kind, type) and has(kind) else None


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
            continue
        kind = _field_class(cls, a.name, a.type, data)
        if kind is not None:
            _missing_keys(data[a.name], kind, f"{path}.{a.name}", problems)


def _format_problems(data: Any, problems: list[tuple[str, str]]) -> None:
    if isinstance(data, dict) and "format_version" in data:
        version = data["format_version"]
        if not isinstance(version, str) or version not in FORMAT_VERSIONS:
            known = ", ".join(f'"{v}"' for v in FORMAT_VERSIONS)
            problems.append(("$.format_version", f"expected one of {known}, got {version!r}"))


def _structure_as(conv: Converter, kind: type) -> Any:
    def structure(value: Any, _: Any) -> Any:
        return conv.structure(value, kind)

    return structure


def _report_structure_fn(conv: Converter) -> Any:
    """Read a report, its section 二 in the shape its ``format_version`` names."""
    by_version = {
        version: make_dict_structure_fn(
            Report,
            conv,
            _cattrs_forbid_extra_keys=True,
            provenance=override(omit=True),
            active_disclosure=override(struct_hook=_structure_as(conv, kind)),
        )
        for version, kind in ACTIVE_DISCLOSURE_TYPES.items()
    }
    default = by_version[str(fields(Report).format_version.default)]

    def structure(data: Any, cls: type) -> Report:
        version = data.get("format_version") if isinstance(data, dict) else None
        return by_version.get(version if isinstance(version, str) else "", default)(data, cls)

    return structure


#: The fields whose value is one of several attrs classes (section 二 of either format,
#: （六）其他处理 of either shape).
_UNIONS = (ActiveDisclosure | ActiveDisclosure2019, _OTHER_HANDLING)


def _union_unstructure_fn(conv: Converter, union: Any) -> Any:
    """Unstructure a value of ``union`` with the hook of its class, found in a dict.

    cattrs' own union hook dispatches on the value's class through its hook registry on
    every call; the classes are known, so their hooks are looked up once here.
    """
    hooks = {cls: conv.get_unstructure_hook(cls) for cls in get_args(union)}

    def unstructure(value: Any) -> Any:
        hook = hooks.get(value.__class__)
        return conv.unstructure(value) if hook is None else hook(value)

    return unstructure


#: The fields the converter does not write, by class (see the module docstring).
_OMITTED: dict[type, tuple[str, ...]] = {Report: ("provenance",)}


def _omit(cls: type) -> dict[str, Any]:
    # The overrides leaving out the fields _OMITTED names: the fast JSON writer reads the
    # same table, so the two cannot disagree on what is written.
    return {name: override(omit=True) for name in _OMITTED.get(cls, ())}


#: Optional types whose values JSON holds as they are: no unstructuring to do.
_PLAIN_OPTIONALS: tuple[Any, ...] = (int | None, str | None)


def configure_converter(conv: Converter) -> None:
    """Teach ``conv`` govreport's representation (see the module docstring)."""
    conv.register_unstructure_hook(Decimal, str)
    conv.register_structure_hook(Decimal, _decimal)
    conv.register_structure_hook(int, _strict_int)
    conv.register_structure_hook(str, _strict_str)
    conv.register_unstructure_hook(Severity, lambda s: s.value)
    # A blank-or-count cell (`int | None`) or a blank-or-text one is written as it is. Said
    # so, cattrs reads the attribute straight into the dict in the code it generates
    # instead of calling a None-check hook for each of a report's hundreds of cells.
    conv.register_unstructure_hook_func(lambda t: t in _PLAIN_OPTIONALS, identity)
    conv.register_structure_hook(Severity, lambda v, _: Severity(v))
    conv.register_structure_hook_func(lambda t: t == tuple[Finding, ...], _findings)
    # cattrs asks for the hook of each attrs-typed field without keeping it, so a class's
    # code would be generated again for every field of its type (ApplicantCounts 26 times
    # on a report's first conversion): cattrs' own factory, run once per class.
    conv.register_unstructure_hook_factory(has, cache(conv.gen_unstructure_attrs_fromdict))
    # Hook factories, not hooks: cattrs generates the code for a class when it is first
    # converted, so importing govreport (and the CLI, which never reads JSON back) does not
    # pay for code generation it may not use.
    conv.register_unstructure_hook_factory(
        lambda cls: cls is Report,
        lambda cls: make_dict_unstructure_fn(Report, conv, **_omit(Report)),
    )
    conv.register_structure_hook_factory(
        lambda cls: cls is Report, lambda cls: _report_structure_fn(conv)
    )
    conv.register_unstructure_hook_factory(
        lambda t: t in _UNIONS, lambda t: _union_unstructure_fn(conv, t)
    )
    conv.register_structure_hook_func(
        lambda t: t == _OTHER_HANDLING,
        lambda value, _: conv.structure(value, _other_handling_class(value)),
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


#: The encoder of :func:`to_json` without indent, made once: ``json.dumps`` would make one
#: per call, and check the data for cycles (which cattrs' output of a report cannot have).
_ENCODER = json.JSONEncoder(ensure_ascii=False, check_circular=False)


@cache
def _writer() -> Writer | None:
    """The fast writer of reports, made on first use; ``None`` if it cannot write them."""
    try:
        return make_writer(Report, converter, _OMITTED, _UNIONS)
    except Unsupported:
        return None


def to_json(report: Report, *, indent: int | None = None) -> str:
    """The report as a JSON document (UTF-8 text, Chinese kept as is)."""
    if indent is None:
        # The writer gives the bytes of the encoder below without building to_dict's
        # dicts; for any value it cannot write exactly it gives way to the encoder.
        write = _writer()
        if write is not None and report.__class__ is Report:
            try:
                return write(report)
            except Exception:  # whatever it is, the encoder decides
                pass
        return _ENCODER.encode(to_dict(report))
    return json.dumps(to_dict(report), ensure_ascii=False, indent=indent)


def from_dict(data: Any) -> Report:
    """The report described by JSON data from :func:`to_dict`; :class:`DataError` if not."""
    problems: list[tuple[str, str]] = []
    _format_problems(data, problems)
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
