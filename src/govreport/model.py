"""The typed report: frozen attrs classes whose field names are the JSON keys of FORMAT.md.

Representation, not judgement: a field holds what the source printed. A blank cell is
``None``, a printed zero is ``0``; the fees of section 二 are a :class:`~decimal.Decimal`,
never a float. Validators guard types only (and that a report's ``format_version`` names
the shape its section 二 has). Domain rules (totals, non-negative counts) are left to the
checks, because real reports break them and must still be representable.

Two formats exist (FORMAT.md): section 二 is :class:`ActiveDisclosure` in the 2021 format
and :class:`ActiveDisclosure2019` in the 2019 format; （六）其他处理 of section 三 is the
three rows of :class:`OtherHandling` in the 2021 format and one :class:`ApplicantCounts`
row in the 2019 format (and in the 2021-format reports that still print it that way).

Every class is ``@frozen(kw_only=True)``: a row has seven integer fields of the same type,
and keywords keep them from being transposed silently.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from enum import StrEnum
from types import MappingProxyType
from typing import Any, TypeVar

from attrs import NOTHING, Attribute, Factory, field, fields, frozen
from attrs.validators import get_disabled

__all__ = [
    "ACTIVE_DISCLOSURE_TYPES",
    "FORMAT_VERSIONS",
    "ActiveDisclosure",
    "ActiveDisclosure2019",
    "ApplicantCounts",
    "Applications",
    "CaseOutcomes",
    "Count",
    "Denied",
    "DocumentCounts",
    "DocumentCounts2019",
    "FeeItems",
    "Finding",
    "ItemCounts",
    "NotProcessed",
    "OtherHandling",
    "Place",
    "Procurement",
    "Provenance",
    "Report",
    "Results",
    "ReviewLitigation",
    "Severity",
    "UnableToProvide",
    "finding_at",
]

Count = int | None
"""A table cell: an integer as printed, or ``None`` where the cell was blank."""


def _frozen_mapping(value: Mapping[str, Any]) -> Mapping[str, Any]:
    return MappingProxyType(dict(value))


_T = TypeVar("_T")


def _writable(cls: type[_T]) -> type[_T]:
    """A subclass of ``cls`` adding nothing, whose objects take plain attribute stores.

    The makers below set a frozen class's fields as attrs does, bypassing its
    ``__setattr__``. Through a slot's own setter (``member.__set__``, a method wrapper) each
    field costs a C call that packs its two arguments into a tuple and unpacks them again: a
    report sets a few hundred fields so. Here the object is made as (or turned into) this
    subclass, whose ``__setattr__`` and ``__delattr__`` are ``object``'s (both: a class that
    overrides either is written to through Python), its fields are stored by the
    interpreter's own slot stores, and its class is set back to ``cls``. The subclass adds
    no slot, so the two share one layout, as Python checks at every assignment of
    ``__class__`` (and here once, so that a class without that layout fails at once). One
    is made per class (:data:`_WRITABLE`), when the first maker or ``__init__`` needs it.
    """
    writable = type(
        cls.__name__,
        (cls,),
        {
            "__slots__": (),
            "__setattr__": object.__setattr__,
            "__delattr__": object.__delattr__,
            "__module__": cls.__module__,
            "__qualname__": f"{cls.__qualname__}.<writable>",
        },
    )
    probe: Any = object.__new__(writable)
    probe.__class__ = cls
    return writable


#: The writable subclass of each class that has one (see :func:`_writable`), shared by its
#: ``__init__`` and its makers: making a class costs as much as a few hundred stores save.
_WRITABLE: dict[type, type] = {}

#: The setter of an object's ``__class__``, for an object whose class refuses stores.
_SET_CLASS = object.__dict__["__class__"].__set__


class _Setters:
    """The generated code that sets the fields of one class, as attrs does (see :func:`_writable`).

    ``convert`` holds each field's factory or converter call, run first, in field order;
    ``stores`` the store of each field, ``setters`` the same through the slots' setters (for
    an object of a subclass, which must keep its class); ``checks`` the validators, run after
    every field is set (see :meth:`validate`). The namespace the code runs in is ``names``.
    """

    def __init__(self, cls: type) -> None:
        writable = _WRITABLE.get(cls)
        if writable is None:
            writable = _WRITABLE.setdefault(cls, _writable(cls))
        self.names: dict[str, Any] = {
            "_cls": cls,
            "_writable": writable,
            "_validators_disabled": get_disabled,
        }
        self.convert: list[str] = []
        self.stores: list[str] = []
        self.setters: list[str] = []
        self.checks: list[str] = []
        self.cls = cls

    def field(self, i: int, a: Attribute[Any], target: str, value: str) -> None:
        """Set field ``a`` (the ``i``-th) of ``target`` to ``value``.

        The value is converted first if the field has a converter; its validator, if any,
        is checked after every field is set.
        """
        if a.converter is not None:
            self.names[f"_convert{i}"] = a.converter
            self.convert.append(f"    {value} = _convert{i}({value})")
        self.stores.append(f"    {target}.{a.name} = {value}")
        self.names[f"_set{i}"] = self.cls.__dict__[a.name].__set__
        self.setters.append(f"    _set{i}({target}, {value})")
        if a.validator is not None:
            self.names[f"_validate{i}"] = a.validator
            self.names[f"_field{i}"] = a
            self.checks.append(f"        _validate{i}({target}, _field{i}, {value})")

    def validate(self) -> list[str]:
        """The validators, run after the fields are set unless validators are disabled."""
        if not self.checks:
            return []
        return ["    if not _validators_disabled():", *self.checks]


def _quick_init(cls: type[_T]) -> type[_T]:
    """Give a frozen attrs class an ``__init__`` setting its slots directly, once it is used.

    Every report builds a dozen or more of these objects. attrs' own ``__init__`` sets each
    field through ``object.__setattr__`` bound to the new object, a C call that checks its
    arguments and looks the name up on the class every time; stores to the object as its
    writable subclass (see :func:`_writable`) cost neither. The parameters, defaults and
    their order (and so the errors for a missing or unknown argument) are attrs'; so are
    converters, factories (a new value for each object) and validators (run after every
    field is set, in order, unless validators are disabled). An object of a subclass of
    ``cls`` keeps its class: its fields are set through the slots' setters. attrs' fields,
    repr, equality and hash are left as they are.

    The quicker ``__init__`` is compiled at the first call with arguments; until then
    attrs' own makes the objects (the same objects). Compiling costs about as much as a
    hundred calls save, and most classes make only their default object (on import) in a
    process that reads one report, so that run compiles only what it uses. The signature
    shown (``inspect.signature``) is attrs' all along.
    """
    attrs_init = cls.__init__

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        if not args and not kwargs:
            attrs_init(self)
        elif vars(cls)["__init__"] is __init__:  # still the stub (no other thread compiled it)
            _compile_init(cls, attrs_init)(self, *args, **kwargs)
        else:
            vars(cls)["__init__"](self, *args, **kwargs)

    __init__.__qualname__ = f"{cls.__qualname__}.__init__"
    __init__.__wrapped__ = attrs_init  # type: ignore[attr-defined]
    cls.__init__ = __init__  # type: ignore[method-assign]
    return cls


def _compile_init(cls: type, attrs_init: Callable[..., None]) -> Callable[..., None]:
    """Compile and install the quicker ``__init__`` of ``cls`` (see :func:`_quick_init`)."""
    setters = _Setters(cls)
    namespace = setters.names
    namespace["NOTHING"] = NOTHING
    namespace["_set_class"] = _SET_CLASS
    attributes = fields(cls)
    kw_only = {a.kw_only for a in attributes}
    if len(kw_only) > 1:
        raise TypeError(f"{cls.__name__} mixes keyword-only and positional fields")
    params: list[str] = []
    for i, a in enumerate(attributes):
        if not a.init:
            raise TypeError(f"{cls.__name__}.{a.name} is not set by __init__")
        if isinstance(a.default, Factory):  # type: ignore[arg-type]
            if a.default.takes_self:
                raise TypeError(f"{cls.__name__}.{a.name} has a factory taking self")
            namespace[f"_factory{i}"] = a.default.factory
            params.append(f"{a.name}=NOTHING")
            setters.convert.append(f"    if {a.name} is NOTHING:\n        {a.name} = _factory{i}()")
        elif a.default is NOTHING:
            params.append(a.name)
        else:
            namespace[f"_default{i}"] = a.default
            params.append(f"{a.name}=_default{i}")
        setters.field(i, a, "self", a.name)
    star = "*, " if kw_only == {True} else ""
    lines = [
        *setters.convert,
        "    if type(self) is _cls:",
        # The frozen class refuses a store, even of its class: the class's own setter.
        "        _set_class(self, _writable)",
        *(f"    {line}" for line in setters.stores),
        "        self.__class__ = _cls",
        "    else:",
        *(f"    {line}" for line in setters.setters or ["    pass"]),
        *setters.validate(),
    ]
    source = f"def __init__(self, {star}{', '.join(params)}):\n" + "\n".join(lines) + "\n"
    exec(compile(source, f"<{cls.__name__}.__init__>", "exec"), namespace)
    init: Callable[..., None] = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__annotations__ = dict(attrs_init.__annotations__)
    cls.__init__ = init  # type: ignore[misc]
    return init


def _plain_defaults(cls: type) -> tuple[Any, ...]:
    """Each field's default, in order: what a maker's caller gives for a field it lacks.

    For internal use with :func:`_positional`, whose makers take every field. A field
    without a default, or whose default is a factory (a new value for each object, which
    one value given for all would not be), is refused.
    """
    attributes = fields(cls)
    for a in attributes:
        if a.default is NOTHING or isinstance(a.default, Factory):  # type: ignore[arg-type]
            raise TypeError(f"{cls.__name__}.{a.name} has no plain default")
    return tuple(a.default for a in attributes)


def _positional(
    cls: type[_T], names: tuple[str, ...] | None = None, *, checked: bool = False
) -> Callable[..., _T]:
    """A function making ``cls(**fields)`` from every field's value in order, for internal use.

    With ``names``, the fields must be those, in that order (checked here): the order the
    caller's values come in.

    attrs' ``__init__`` of a frozen class is called with keywords (a dict made per call)
    and sets each field through ``object.__setattr__`` bound to the new object; the
    parser makes dozens of these objects per report, and storing the fields of the new
    object made as its writable subclass (see :func:`_writable`) costs a fraction of that.
    Every field is given, so defaults do not matter. A class with a validator or converter
    is refused (checked here), so that the object is the one its constructor makes; with
    ``checked``, it is taken, and the maker converts and validates as the class's
    ``__init__`` does (see :func:`_quick_init`): a keyword call of a class costs about twice
    the keywords' own dict, and a report's constructor takes seventeen.
    """
    setters = _Setters(cls)
    setters.names["_new"] = object.__new__
    attributes = fields(cls)  # type: ignore[arg-type]
    if names is not None and tuple(a.name for a in attributes) != names:
        raise TypeError(f"{cls.__name__}'s fields are not {', '.join(names)}, in that order")
    for i, a in enumerate(attributes):
        if not a.init or (not checked and (a.validator or a.converter)):
            raise TypeError(f"{cls.__name__}.{a.name} is not a plain field")
        setters.field(i, a, "made", f"v{i}")
    params = ", ".join(f"v{i}" for i in range(len(attributes)))
    lines = [
        *setters.convert,
        "    made = _new(_writable)",
        *setters.stores,
        "    made.__class__ = _cls",
        *setters.validate(),
    ]
    body = "".join(f"{line}\n" for line in lines)
    source = f"def make({params}):\n{body}    return made\n"
    exec(compile(source, f"<make {cls.__name__}>", "exec"), setters.names)
    make: Callable[..., _T] = setters.names["make"]
    return make


# --- Section 二: active disclosure ------------------------------------------------------


@_quick_init
@frozen(kw_only=True)
class DocumentCounts:
    """One 第二十条第（一）项 row: documents issued, repealed and in force this year."""

    issued: Count = None
    repealed: Count = None
    in_force: Count = None


@_quick_init
@frozen(kw_only=True)
class ActiveDisclosure:
    """Section 二, 主动公开政府信息情况 (2021 format)."""

    regulations: DocumentCounts = DocumentCounts()
    normative_documents: DocumentCounts = DocumentCounts()
    licensing: Count = None
    punishment: Count = None
    enforcement: Count = None
    fees: Decimal | None = None
    """行政事业性收费 in units of 10,000 yuan (万元), as printed."""


@_quick_init
@frozen(kw_only=True)
class DocumentCounts2019:
    """A 2019-format 第二十条第（一）项 row: 本年新制作数量, 本年新公开数量, 对外公开总数量."""

    new_made: Count = None
    new_published: Count = None
    total_published: Count = None


@_quick_init
@frozen(kw_only=True)
class ItemCounts:
    """A 2019-format row of items: 上一年项目数量, 本年增/减 (may be negative), 处理决定数量."""

    previous_year_items: Count = None
    change: Count = None
    decisions: Count = None


@_quick_init
@frozen(kw_only=True)
class FeeItems:
    """The 2019 format's 行政事业性收费 row: 上一年项目数量 and 本年增/减 (may be negative)."""

    previous_year_items: Count = None
    change: Count = None


@_quick_init
@frozen(kw_only=True)
class Procurement:
    """第二十条第（九）项 政府集中采购 (2019 format): 采购项目数量 and 采购总金额.

    ``amount`` is the decimal as printed, in ``amount_unit``: the unit as printed in the
    amount's cell or its column's header (``"元"``, ``"万元"``), ``None`` where none is.
    """

    items: Count = None
    amount: Decimal | None = None
    amount_unit: str | None = None


_DOCS_2019 = DocumentCounts2019()
_ITEMS = ItemCounts()


@_quick_init
@frozen(kw_only=True)
class ActiveDisclosure2019:
    """Section 二, 主动公开政府信息情况 (2019 format: reports for 2019 and 2020)."""

    regulations: DocumentCounts2019 = _DOCS_2019
    normative_documents: DocumentCounts2019 = _DOCS_2019
    licensing: ItemCounts = _ITEMS
    other_services: ItemCounts = _ITEMS
    """其他对外管理服务事项."""
    punishment: ItemCounts = _ITEMS
    enforcement: ItemCounts = _ITEMS
    fees: FeeItems = FeeItems()
    procurement: Procurement = Procurement()


# --- Section 三: applications -------------------------------------------------------------


@_quick_init
@frozen(kw_only=True)
class ApplicantCounts:
    """One row of section 三: the six applicant columns and their printed total."""

    natural_person: Count = None
    commercial: Count = None
    research: Count = None
    social_welfare: Count = None
    legal_service: Count = None
    other: Count = None
    total: Count = None


_ROW = ApplicantCounts()


@_quick_init
@frozen(kw_only=True)
class Denied:
    """（三）不予公开: the eight grounds for refusing disclosure."""

    state_secret: ApplicantCounts = _ROW
    prohibited_by_law: ApplicantCounts = _ROW
    security_stability: ApplicantCounts = _ROW
    third_party_rights: ApplicantCounts = _ROW
    internal_affairs: ApplicantCounts = _ROW
    process_information: ApplicantCounts = _ROW
    enforcement_files: ApplicantCounts = _ROW
    administrative_query: ApplicantCounts = _ROW


@_quick_init
@frozen(kw_only=True)
class UnableToProvide:
    """（四）无法提供."""

    not_held: ApplicantCounts = _ROW
    needs_creation: ApplicantCounts = _ROW
    still_unclear: ApplicantCounts = _ROW


@_quick_init
@frozen(kw_only=True)
class NotProcessed:
    """（五）不予处理."""

    complaint: ApplicantCounts = _ROW
    repeated: ApplicantCounts = _ROW
    publication: ApplicantCounts = _ROW
    excessive: ApplicantCounts = _ROW
    confirmation: ApplicantCounts = _ROW


@_quick_init
@frozen(kw_only=True)
class OtherHandling:
    """（六）其他处理 (2021 format: three rows)."""

    overdue_correction: ApplicantCounts = _ROW
    unpaid_fee: ApplicantCounts = _ROW
    other: ApplicantCounts = _ROW


@_quick_init
@frozen(kw_only=True)
class Results:
    """三、本年度办理结果.

    ``other_handling`` is the 2021 format's three rows (:class:`OtherHandling`), or the
    single row the 2019 format prints (:class:`ApplicantCounts`).
    """

    granted: ApplicantCounts = _ROW
    partially_granted: ApplicantCounts = _ROW
    denied: Denied = Denied()
    unable_to_provide: UnableToProvide = UnableToProvide()
    not_processed: NotProcessed = NotProcessed()
    other_handling: OtherHandling | ApplicantCounts = OtherHandling()
    total: ApplicantCounts = _ROW


@_quick_init
@frozen(kw_only=True)
class Applications:
    """Section 三, 收到和处理政府信息公开申请情况."""

    new_received: ApplicantCounts = _ROW
    carried_over: ApplicantCounts = _ROW
    results: Results = Results()
    carried_forward: ApplicantCounts = _ROW


# --- Section 四: review and litigation ---------------------------------------------------


@_quick_init
@frozen(kw_only=True)
class CaseOutcomes:
    """Five numbers: 结果维持, 结果纠正, 其他结果, 尚未审结, 总计."""

    upheld: Count = None
    corrected: Count = None
    other: Count = None
    pending: Count = None
    total: Count = None


_CASES = CaseOutcomes()


@_quick_init
@frozen(kw_only=True)
class ReviewLitigation:
    """Section 四, 政府信息公开行政复议、行政诉讼情况."""

    review: CaseOutcomes = _CASES
    litigation_direct: CaseOutcomes = _CASES
    litigation_after_review: CaseOutcomes = _CASES


# --- Findings and places -------------------------------------------------------------------


class Severity(StrEnum):
    """How much a finding matters: ``error`` means a value is wrong or missing."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@_quick_init
@frozen(kw_only=True)
class Finding:
    """Something about the source worth telling: a broken rule, text that was not read.

    ``code`` is stable and documented; ``message`` is English and quotes the printed text.
    ``path`` is the JSON path of the cell concerned (``$.applications.new_received.total``)
    or ``None``; ``line``/``column`` are 1-based places in the decoded source text.
    """

    code: str
    severity: Severity
    message: str
    path: str | None = None
    line: int | None = None
    column: int | None = None
    source: str | None = None
    """The report file concerned, for findings about several reports (series, roll-ups)."""


@_quick_init
@frozen
class Place:
    """A 1-based line and column in the decoded source text."""

    line: int
    column: int


class Provenance:
    """Where each value of a report was printed, resolved to source places on demand.

    ``cells`` maps the JSON path of a table row (``$.applications.new_received``) to the
    names of its fields and the offset of each value cell in the normalized text (``None``
    where a value was not read); ``texts`` maps the name of each text field (``overview``)
    to the offset where its text starts; ``locate`` turns such an offset into a
    :class:`Place`. Places are computed only when asked for, so parsing pays nothing for them.
    """

    __slots__ = ("_cells", "_locate", "_texts")

    def __init__(
        self,
        cells: Mapping[str, tuple[tuple[str, ...], tuple[int | None, ...]]],
        locate: Callable[[int], Place],
        texts: Mapping[str, int] | None = None,
    ) -> None:
        self._cells = cells
        self._locate = locate
        self._texts = texts or {}

    def text_place(self, field: str, index: int) -> Place | None:
        """Where character ``index`` of the text field ``field`` (``overview``) stood."""
        start = self._texts.get(field)
        return None if start is None else self._locate(start + index)

    def place(self, path: str) -> Place | None:
        """Where the value at JSON ``path`` was printed, or ``None`` if it was not read."""
        row = self._cells.get(path)
        if row is not None and len(row[0]) == 1:
            offset = row[1][0]
        else:
            parent, _, name = path.rpartition(".")
            row = self._cells.get(parent)
            if row is None or name not in row[0]:
                return None
            offset = row[1][row[0].index(name)]
        return None if offset is None else self._locate(offset)

    def paths(self) -> list[str]:
        """The JSON paths of every value cell that was read."""
        out = []
        for row, (names, offsets) in self._cells.items():
            if len(names) == 1:
                if offsets[0] is not None:
                    out.append(row)
                continue
            out.extend(f"{row}.{n}" for n, o in zip(names, offsets, strict=True) if o is not None)
        return out


# --- The report ----------------------------------------------------------------------------

#: The class of section 二 in each format a report can be in: ``"2021"``
#: (国办公开办函〔2021〕30号, reports for 2021 on) and ``"2019"`` (〔2019〕60号, reports for
#: 2019 and 2020).
ACTIVE_DISCLOSURE_TYPES: Mapping[str, type[ActiveDisclosure | ActiveDisclosure2019]] = (
    MappingProxyType({"2019": ActiveDisclosure2019, "2021": ActiveDisclosure})
)

#: The values of :attr:`Report.format_version`.
FORMAT_VERSIONS: tuple[str, ...] = tuple(ACTIVE_DISCLOSURE_TYPES)


def _format_version(_: object, attribute: Any, value: str) -> None:
    if value not in ACTIVE_DISCLOSURE_TYPES:
        known = ", ".join(repr(v) for v in FORMAT_VERSIONS)
        raise ValueError(f"format_version must be one of {known}, not {value!r}")


def _active_disclosure(report: Any, attribute: Any, value: object) -> None:
    # The JSON of section 二 is read back by the format_version: the two must agree.
    expected = ACTIVE_DISCLOSURE_TYPES.get(report.format_version)
    if expected is not None and type(value) is not expected:
        raise TypeError(
            f"a report in the {report.format_version} format holds section 二 as "
            f"{expected.__name__}, not {type(value).__name__}"
        )


@_quick_init
@frozen(kw_only=True)
class Report:
    """One parsed 政府信息公开工作年度报告.

    Table fields follow FORMAT.md. Besides them the report keeps the title as printed, the
    text of sections 一, 五 and 六 (and any preface between title and section 一), the
    encoding the bytes were decoded with, and for each table the name of the extractor that
    read it. ``findings`` tells what the parser noticed (text it could not place, cells it
    could not read). ``provenance`` knows where each value was printed (see :meth:`place`);
    it describes the source, not the report, so it takes no part in equality and is not
    serialized.
    """

    title: str | None = None
    agency: str | None = None
    year: int | None = None
    format_version: str = field(default="2021", validator=_format_version)
    """``"2021"`` or ``"2019"`` (:data:`FORMAT_VERSIONS`): the format section 二 is printed in."""
    letterhead: str = ""
    preface: str = ""
    overview: str = ""
    active_disclosure: ActiveDisclosure | ActiveDisclosure2019 = field(
        default=ActiveDisclosure(), validator=_active_disclosure
    )
    applications: Applications = Applications()
    review_litigation: ReviewLitigation = ReviewLitigation()
    problems_and_improvements: str = ""
    other_matters: str = ""
    encoding: str | None = None
    source: str | None = None
    extractors: Mapping[str, str] = field(factory=dict, converter=_frozen_mapping)
    findings: tuple[Finding, ...] = ()
    provenance: Provenance | None = field(default=None, eq=False, repr=False)

    def place(self, path: str) -> Place | None:
        """Where the value at JSON ``path`` (``$.applications.new_received.total``) stood."""
        return None if self.provenance is None else self.provenance.place(path)


def finding_at(
    report: Report,
    code: str,
    severity: Severity,
    message: str,
    path: str,
    *,
    source: str | None = None,
) -> Finding:
    """A finding about the cell at JSON ``path`` of ``report``, placed where it was printed."""
    place = report.place(path)
    return Finding(
        code=code,
        severity=severity,
        message=message,
        path=path,
        line=place.line if place else None,
        column=place.column if place else None,
        source=source,
    )
