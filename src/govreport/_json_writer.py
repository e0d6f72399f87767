"""JSON text of attrs objects written directly, as ``json.dumps(converter.unstructure(obj))``.

:func:`govreport.to_json` spent most of its time building the dicts of ``to_dict`` and
then walking them again in the C encoder, item by item. A report's shape is fixed by its
classes, so here each class (and each combination of the classes of its union fields) gets
one generated function that reads every value of the object with Python's fast attribute
loads and drops the values' JSON between the fixed text of the document (every key, brace
and separator, made once) in one ``str.join``. The per-value work left runs in C: one type
check of all counts, string escaping by :mod:`json`'s own function, and a lookup of the
text of each row of counts, since most rows of most reports are all zeros or all blank. A
row of a frozen class that is the very object of that class written last, or last written
twice in a row (the parser shares one row of zeros), is not even read: its text is the one
written then.

The writer follows the converter rather than restating it: a field is written the way the
converter's hook for its type says (``identity`` hooks are plain JSON values, attrs classes
nested objects, the union fields by their value's class, ...). A field type, hook or value
it does not know raises :class:`Unsupported` (when the writer is made or when it runs), and
the caller falls back to the converter and :mod:`json`: the fast path either writes exactly
those bytes or nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from decimal import Decimal
from enum import Enum
from json.encoder import encode_basestring
from types import MappingProxyType, NoneType
from typing import Any, get_args

from attrs import fields, frozen, has
from cattrs import Converter
from cattrs.fns import identity

__all__ = ["Unsupported", "make_writer"]

Writer = Callable[[Any], str]


class Unsupported(Exception):
    """A type or value the fast writer does not write: use the converter and :mod:`json`."""


# What ``json.dumps(..., ensure_ascii=False)`` writes for a string: the same C function
# its encoder calls (``ensure_ascii=False`` selects ``encode_basestring``), so quotes,
# backslashes, control characters and lone surrogates come out exactly as there.
_enc = encode_basestring

#: The classes an ``identity``-hooked count may hold at run time: JSON writes an exact
#: ``int`` as ``str(int)`` and ``None`` as ``null``; anything else (``bool``, ``float``,
#: an ``int`` subclass, a string in a count) is left to the slow path.
_COUNT_CLASSES = frozenset({int, NoneType})


class _CountTexts(dict[Any, str]):
    """The JSON of a count (``null``, ``"12"``), looked up in C for the common ones.

    Only for values already known to be an exact ``int`` or ``None`` (``True == 1`` would
    find ``"1"``). Counts are mostly small, so the small ones are made once (a bounded
    table); any other is converted on the spot, as JSON does, and not kept.
    """

    def __missing__(self, value: int) -> str:
        return str(value)


_count_texts = _CountTexts({None: "null"})
_count_text = _count_texts.__getitem__


def _fill_count_texts() -> None:
    # Made with the first writer, not on import: importing govreport should not pay.
    if len(_count_texts) == 1:
        _count_texts.update((i, str(i)) for i in range(-128, 4096))


#: Types whose ``identity`` hook writes an integer or ``null``, and a string or ``null``.
_COUNT_TYPES: tuple[Any, ...] = (int, int | None)
_TEXT_TYPES: tuple[Any, ...] = (str, str | None)


def _decimal(value: Any) -> str:
    # The converter writes a Decimal as its str (a JSON string); a blank fee is null.
    if value is None:
        return "null"
    if value.__class__ is not Decimal:
        raise Unsupported(value)
    return _enc(str(value))


def _mapping(value: Any) -> str:
    # The converter's hook for Mapping[str, str] is `dict`: JSON writes it in order.
    if value.__class__ is not MappingProxyType and value.__class__ is not dict:
        raise Unsupported(value)
    if not value:
        return "{}"
    # A report's mapping is its extractors by table: a few layouts, so the same few mappings
    # (by their items, in order) in report after report; their text is kept, bounded.
    items = tuple(value.items())
    text = _mapping_texts.get(items)
    if text is None:
        # encode_basestring refuses a key or value that is not a string (TypeError): the
        # caller falls back, and JSON's own rules for such keys apply there.
        text = "{" + ", ".join([_enc(k) + ": " + _enc(v) for k, v in items]) + "}"
        if len(_mapping_texts) < _MAPPINGS_KEPT:
            _mapping_texts[items] = text
    return text


#: The text of mappings written (their items, in order, are the key), and how many are kept.
_mapping_texts: dict[tuple[tuple[Any, Any], ...], str] = {}
_MAPPINGS_KEPT = 256


def _sequence(write: Writer) -> Writer:
    def sequence(value: Any) -> str:
        if value.__class__ is not tuple and value.__class__ is not list:
            raise Unsupported(value)
        if not value:
            return "[]"
        return "[" + ", ".join(map(write, value)) + "]"

    return sequence


def _enum(kind: type[Enum]) -> Writer:
    # An enum is written as its value (the converter's hook is `lambda s: s.value`).
    def enum(value: Any) -> str:
        if value.__class__ is not kind:
            raise Unsupported(value)
        return _enc(value.value)

    return enum


class _RowTexts(dict[tuple[Any, ...], str]):
    """The JSON of rows of one class whose fields are all counts, by their values.

    Most rows of a report are all zeros or all blank, in every report: their text is
    made once. Keys are tuples of exact ``int`` and ``None`` only (checked before any
    lookup: ``(True,)`` would find ``(1,)``). Bounded: past ``_ROWS_KEPT`` rows a new
    row is written but not kept.

    For a frozen class, the writer also keeps the last row object it wrote and its text in
    ``last`` (one pair, replaced at once): the parser shares one object between the rows
    of zeros of every report, so the writer tells most rows by identity, without reading
    their fields. An object of a frozen class cannot change, so neither can its text.
    A row written again right after itself is also kept in ``pinned``, until another is:
    rows read from a table are written once each, so the shared row of zeros stays there
    while they come and go in ``last`` (a row of zeros after a row of numbers is no miss).
    """

    def __init__(self, keys: list[str]) -> None:
        super().__init__()
        # What comes before each value: "{" or ", ", then the key.
        self.heads = ["{" + keys[0], *(", " + k for k in keys[1:])]
        #: The last row object written and its text; at first a pair no row is.
        self.last: list[tuple[object, str]] = [(object(), "")]
        #: The last row object written twice in a row and its text, pinned until another is.
        self.pinned: list[tuple[object, str]] = [(object(), "")]

    def __missing__(self, row: tuple[Any, ...]) -> str:
        values = map(_count_text, row)
        text = "".join([h + v for h, v in zip(self.heads, values, strict=True)]) + "}"
        if len(self) < _ROWS_KEPT:
            self[row] = text
        return text


@frozen
class _Frozen:
    """A frozen attrs class, for its ``__setattr__`` (see :func:`_is_frozen`)."""


def _is_frozen(cls: type) -> bool:
    """Whether ``cls`` is a frozen attrs class: its objects never change once made."""
    return cls.__setattr__ is _Frozen.__setattr__  # type: ignore[comparison-overlap]


#: How many distinct rows of one class :class:`_RowTexts` keeps.
_ROWS_KEPT = 1024


class _Builder:
    """The generated source of one writer: template text, values, helper names."""

    def __init__(
        self,
        converter: Converter,
        omitted: Mapping[type, Collection[str]],
        rows: dict[type, _RowTexts],
    ) -> None:
        self.converter = converter
        self.omitted = omitted
        self.rows = rows
        # Literal JSON text, and None where a value goes.
        self.template: list[str | None] = []
        # The expression of each value of the template, in order.
        self.slots: list[str] = []
        # The counts, read into one tuple `c` and type-checked at once.
        self.counts: list[str] = []
        self.lines: list[str] = []
        self.names: dict[str, Any] = {}
        self.locals = 0

    def helper(self, value: Any) -> str:
        name = f"_h{len(self.names)}"
        self.names[name] = value
        return name

    def literal(self, text: str) -> None:
        self.template.append(text)

    def slot(self, expr: str) -> None:
        self.template.append(None)
        self.slots.append(expr)

    def is_count(self, kind: Any) -> bool:
        return self.converter.get_unstructure_hook(kind) is identity and kind in _COUNT_TYPES

    def obj(self, cls: type, expr: str, chosen: Mapping[str, type], path: str) -> None:
        """Write the attrs object ``expr`` of class ``cls`` as a JSON object."""
        names = [a for a in fields(cls) if a.name not in self.omitted.get(cls, ())]
        if not names:
            self.literal("{}")
            return
        local = f"o{self.locals}"
        self.locals += 1
        self.lines.append(f"    {local} = {expr}")
        if all(self.is_count(a.type) for a in names):
            # A row of counts: its text by its values, made once for the common rows.
            if cls not in self.rows:
                self.rows[cls] = _RowTexts([_enc(a.name) + ": " for a in names])
            texts = self.rows[cls]
            if _is_frozen(cls):
                # The row pinned or the row written last, again (most often the shared
                # row of zeros): its text without a look at its fields (the last, written
                # twice in a row, is pinned); else the row read, its counts checked (in
                # C), its text looked up and kept as the last.
                last, lookup = self.helper(texts.last), self.helper(texts)
                pinned = self.helper(texts.pinned)
                values = "".join(f"{local}.{a.name}, " for a in names)
                text = f"t{local}"
                self.lines += [
                    f"    if (e := {pinned}[0])[0] is {local}:",
                    f"        {text} = e[1]",
                    f"    elif (e := {last}[0])[0] is {local}:",
                    f"        {text} = e[1]",
                    f"        {pinned}[0] = e",
                    "    else:",
                    f"        v = ({values})",
                    "        if not _COUNT_CLASSES.issuperset(map(type, v)):",
                    "            raise Unsupported(v)",
                    f"        {last}[0] = {local}, ({text} := {lookup}[v])",
                ]
                self.slot(text)
                return
            start = len(self.counts)
            self.counts += [f"{local}.{a.name}" for a in names]
            self.slot(f"{self.helper(self.rows[cls].__getitem__)}(c[{start}:{len(self.counts)}])")
            return
        self.literal("{")
        for i, a in enumerate(names):
            self.literal((", " if i else "") + _enc(a.name) + ": ")
            self.value(a.type, f"{local}.{a.name}", chosen, f"{path}.{a.name}")
        self.literal("}")

    def value(self, kind: Any, expr: str, chosen: Mapping[str, type], path: str) -> None:
        """Write the field ``expr`` declared as ``kind`` as the converter would."""
        hook = self.converter.get_unstructure_hook(kind)
        if self.is_count(kind):
            self.counts.append(expr)
            self.slot(f"_count(c[{len(self.counts) - 1}])")
        elif hook is identity and kind in _TEXT_TYPES:
            self.slot(f"'null' if (v := {expr}) is None else _enc(v)")
        elif isinstance(kind, type) and has(kind):
            self.obj(kind, expr, chosen, path)
        elif path in chosen:
            self.obj(chosen[path], expr, chosen, path)
        elif kind == Decimal | None and hook(Decimal("1.5")) == "1.5":
            self.slot(f"_decimal({expr})")
        elif isinstance(kind, type) and issubclass(kind, Enum):
            if not all(hook(m) is m.value and isinstance(m.value, str) for m in kind):
                raise Unsupported(kind)
            self.slot(f"{self.helper(_enum(kind))}({expr})")
        elif kind == Mapping[str, str] and hook is dict:
            self.slot(f"_mapping({expr})")
        elif getattr(kind, "__origin__", None) is tuple and len(get_args(kind)) == 2:
            item, ellipsis = get_args(kind)
            if ellipsis is not Ellipsis or not (isinstance(item, type) and has(item)):
                raise Unsupported(kind)
            write = make_writer(item, self.converter, self.omitted, unions=())
            self.slot(f"{self.helper(_sequence(write))}({expr})")
        else:
            raise Unsupported(kind)

    def compile(self, name: str) -> Writer:
        body = list(self.lines)
        body.append(f"    c = ({''.join(e + ', ' for e in self.counts)})")
        # Every count checked at once (in C) before any is looked up by its value.
        body.append("    if not _COUNT_CLASSES.issuperset(map(type, c)):")
        body.append("        raise Unsupported(c)")
        # The template's text between the values, the values dropped in between (in C).
        body.append("    parts = _parts.copy()")
        body.append(f"    parts[1::2] = ({''.join('(' + e + '), ' for e in self.slots)})")
        body.append('    return "".join(parts)')
        # Text at the even places, a value's place at the odd ones: parts[1::2] = values.
        parts: list[str | None] = [""]
        for piece in self.template:
            if piece is None:
                parts += (None, "")
            else:
                parts[-1] = f"{parts[-1]}{piece}"
        namespace: dict[str, Any] = {
            "_parts": parts,
            "_enc": _enc,
            "_count": _count_text,
            "_decimal": _decimal,
            "_mapping": _mapping,
            "_COUNT_CLASSES": _COUNT_CLASSES,
            "Unsupported": Unsupported,
            **self.names,
        }
        source = f"def {name}(o):\n" + "\n".join(body) + "\n"
        exec(compile(source, f"<json writer {name}>", "exec"), namespace)
        write: Writer = namespace[name]
        return write


def _union_paths(cls: type, unions: Collection[Any], path: str = "") -> dict[str, tuple[type, ...]]:
    """The fields under ``cls`` whose value is one of several attrs classes, by path."""
    found: dict[str, tuple[type, ...]] = {}
    for a in fields(cls):
        here = f"{path}.{a.name}"
        if a.type in unions:
            members = get_args(a.type)
            if not all(isinstance(m, type) and has(m) for m in members):
                raise Unsupported(a.type)
            # A union inside a member would make the shapes nest: not written here.
            if any(_union_paths(m, unions) for m in members):
                raise Unsupported(a.type)
            found[here] = members
        elif isinstance(a.type, type) and has(a.type):
            found.update(_union_paths(a.type, unions, here))
    return found


def make_writer(
    cls: type,
    converter: Converter,
    omitted: Mapping[type, Collection[str]],
    unions: Collection[Any],
) -> Writer:
    """A function writing an object of attrs class ``cls`` as ``converter`` then JSON would.

    ``omitted`` names the fields the converter leaves out of each class, ``unions`` the
    union types whose value is written by its own class. The function raises
    :class:`Unsupported` for a value it cannot write exactly (an unexpected class or
    type); making it raises :class:`Unsupported` for a class it cannot write at all.
    """
    _fill_count_texts()
    paths = _union_paths(cls, unions)
    rows: dict[type, _RowTexts] = {}
    if not paths:
        builder = _Builder(converter, omitted, rows)
        builder.obj(cls, "o", {}, "")
        return builder.compile(f"write_{cls.__name__}")
    # One writer per combination of the union fields' classes, chosen by those classes.
    variants: dict[tuple[type, ...], Writer] = {}
    combos: list[tuple[type, ...]] = [()]
    for members in paths.values():
        combos = [(*combo, m) for combo in combos for m in members]
    for combo in combos:
        builder = _Builder(converter, omitted, rows)
        builder.obj(cls, "o", dict(zip(paths, combo, strict=True)), "")
        variants[combo] = builder.compile(f"write_{cls.__name__}_{len(variants)}")
    # The dispatch reads each union field by its path from the object.
    exprs = [f"o{p}.__class__" for p in paths]
    source = (
        "def dispatch(o):\n"
        f"    variant = _variants.get(({''.join(e + ', ' for e in exprs)}))\n"
        "    if variant is None:\n"
        "        raise Unsupported(o)\n"
        "    return variant(o)\n"
    )
    namespace: dict[str, Any] = {"_variants": variants, "Unsupported": Unsupported}
    exec(compile(source, f"<json writer {cls.__name__}>", "exec"), namespace)
    dispatch: Writer = namespace["dispatch"]
    return dispatch
