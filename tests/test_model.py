"""The model's classes build as attrs declares them (their ``__init__`` is a quicker one)."""

from __future__ import annotations

import contextlib
import functools
import inspect
from collections.abc import Callable
from types import MappingProxyType
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from govreport import model

CLASSES = [
    cls
    for cls in vars(model).values()
    if isinstance(cls, type) and attrs.has(cls) and cls.__module__ == model.__name__
]


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__name__)
def test_init_takes_the_fields_as_keywords_with_their_defaults(cls: type) -> None:
    parameters = list(inspect.signature(cls).parameters.values())
    declared = [a for a in attrs.fields(cls) if a.init]
    assert [p.name for p in parameters] == [a.name for a in declared]
    for p, a in zip(parameters, declared, strict=True):
        if cls is not model.Place:
            assert p.kind is inspect.Parameter.KEYWORD_ONLY
        if isinstance(a.default, attrs.Factory):  # type: ignore[arg-type]
            continue
        expected = inspect.Parameter.empty if a.default is attrs.NOTHING else a.default
        assert p.default is expected


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__name__)
def test_init_sets_every_field_and_the_object_stays_frozen(cls: type) -> None:
    if cls is model.Report:
        return  # its validators refuse such values: see the tests of validators below
    values = {a.name: object() for a in attrs.fields(cls)}
    made = cls(**values)
    assert {name: getattr(made, name) for name in values} == values
    assert made == cls(**values)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        made.x = 1
    with pytest.raises(TypeError, match="unexpected keyword argument 'nope'"):
        cls(**values, nope=1)


def test_a_missing_required_keyword_is_named() -> None:
    with pytest.raises(TypeError, match=r"Finding.__init__\(\) missing 1 required .*'message'"):
        model.Finding(code="R1", severity=model.Severity.ERROR)  # type: ignore[call-arg]


def _declared(checked: list[tuple[str, object]]) -> tuple[type, type]:
    """One attrs class with every kind of field _quick_init takes, twice: as attrs makes it
    and with the quicker ``__init__``."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        checked.append((attribute.name, value))
        if value == "bad":
            raise ValueError(f"{attribute.name} is bad")

    def declare() -> type:
        @attrs.frozen(kw_only=True)
        class Declared:
            plain: object = None
            checked: object = attrs.field(default="ok", validator=check)
            converted: object = attrs.field(factory=list, converter=tuple)
            required: object = attrs.field(validator=check)

        return Declared

    return declare(), model._quick_init(declare())


def _outcome(
    build: Callable[[], object], cls: type, checked: list[tuple[str, object]], validate: bool
) -> tuple[object, list[tuple[str, object]]]:
    """What ``build`` made (its class is ``cls``? its fields) or raised, and what it validated."""
    checked.clear()
    with attrs.validators.disabled() if not validate else contextlib.nullcontext():
        try:
            made: Any = build()
            outcome: object = (made.__class__ is cls, attrs.asdict(made))
        except (TypeError, ValueError) as error:
            outcome = (type(error), str(error).replace(cls.__qualname__, "C"))
    return outcome, list(checked)


_KWARGS: list[dict[str, object]] = [
    {"required": 1},
    {"required": "bad"},
    {"required": 2, "checked": "bad"},
    {"required": 3, "converted": [1, 2], "plain": 4},
]


@pytest.mark.parametrize("kwargs", [*_KWARGS, {"checked": 5}, {"required": 6, "nope": 7}])
@pytest.mark.parametrize("validate", [True, False])
def test_the_quicker_init_converts_makes_and_validates_as_attrs_does(
    kwargs: dict[str, object], validate: bool
) -> None:
    checked: list[tuple[str, object]] = []
    results = [
        _outcome(functools.partial(cls, **kwargs), cls, checked, validate)
        for cls in _declared(checked)
    ]
    assert results[0] == results[1]


def test_the_quicker_init_keeps_the_class_of_a_subclass() -> None:
    # The class's own objects are written as its writable subclass and turned back; an
    # object of a subclass keeps its class, its fields set through the slots' setters.
    checked: list[tuple[str, object]] = []
    made, quick = _declared(checked)

    class Sub(quick):  # type: ignore[valid-type,misc]
        __slots__ = ()

    sub = Sub(required=1, converted=[2])
    assert type(sub) is Sub
    assert attrs.asdict(sub) == attrs.asdict(made(required=1, converted=[2]))
    assert checked == [("checked", "ok"), ("required", 1)] * 2
    assert type(quick(required=1)) is quick
    assert type(model.Place(1, 2)) is model.Place


@pytest.mark.parametrize("validate", [True, False])
def test_the_quicker_init_is_compiled_at_the_first_call_with_arguments(validate: bool) -> None:
    # attrs' __init__ makes the objects of a call without arguments until a call with some
    # compiles the quicker one; the objects are the same, and so is the signature shown.
    checked: list[tuple[str, object]] = []

    def declare() -> type:
        @attrs.frozen(kw_only=True)
        class Declared:
            plain: object = None
            converted: object = attrs.field(factory=list, converter=tuple)
            checked: object = attrs.field(
                default="ok", validator=lambda _, a, v: checked.append((a.name, v))
            )

        return Declared

    made = declare()
    declared: type = model._quick_init(declare())
    signature = inspect.signature(made)
    assert inspect.signature(declared) == signature
    stub = vars(declared)["__init__"]
    cases: list[dict[str, object]] = [{}, {}, {"plain": 1}, {}, {"checked": 2, "converted": [3]}]
    inits = []
    for kwargs in cases:
        results = [
            _outcome(functools.partial(cls, **kwargs), cls, checked, validate)
            for cls in (made, declared)
        ]
        assert results[0] == results[1]
        inits.append(vars(declared)["__init__"])
    assert inits[:2] == [stub, stub]  # no arguments: attrs' __init__
    assert stub not in inits[2:]
    assert inspect.signature(declared) == signature


# Report's validators refuse such values: see the tests of validators below.
@pytest.mark.parametrize(
    "cls", [c for c in CLASSES if c is not model.Report], ids=lambda cls: cls.__name__
)
def test_the_models_quicker_inits_make_what_attrs_makes(cls: type) -> None:
    values = {a.name: object() for a in attrs.fields(cls)}
    objects = [cls(**values) for _ in range(3)]
    init = vars(cls)["__init__"]
    assert init.__name__ == "__init__" and not hasattr(init, "__wrapped__")
    assert all(o == objects[0] and type(o) is cls for o in objects)


def test_a_factory_makes_a_new_value_for_each_object() -> None:
    one, other = model.Report(), model.Report()
    assert one.extractors == other.extractors == {}
    made, quick = _declared([])
    assert quick(required=1).converted == made(required=1).converted == ()


def test_report_validators_run_and_can_be_disabled() -> None:
    with pytest.raises(ValueError, match="format_version must be one of"):
        model.Report(format_version="2000")
    with pytest.raises(TypeError, match="holds section 二 as ActiveDisclosure2019"):
        model.Report(format_version="2019", active_disclosure=model.ActiveDisclosure())
    with attrs.validators.disabled():
        assert model.Report(format_version="2000").format_version == "2000"
    report = model.Report(extractors={"二": "tab"})
    assert type(report.extractors) is MappingProxyType
    assert report.extractors == {"二": "tab"}


def test_place_takes_its_fields_by_position_or_keyword() -> None:
    assert model.Place(1, 2) == model.Place(line=1, column=2) == model.Place(1, column=2)
    assert (model.Place(3, 4).line, model.Place(3, 4).column) == (3, 4)
    with pytest.raises(TypeError, match="missing 1 required positional argument: 'column'"):
        model.Place(1)  # type: ignore[call-arg]


def test_a_positional_maker_makes_what_the_constructor_makes() -> None:
    @attrs.frozen
    class Defaulted:
        a: int = 0
        b: tuple[int, ...] = attrs.field(factory=tuple)

    make = model._positional(Defaulted, ("a", "b"))
    made = make(1, (2,))
    assert type(made) is Defaulted
    assert made == Defaulted(a=1, b=(2,))
    assert repr(made) == repr(Defaulted(a=1, b=(2,)))
    assert hash(made) == hash(Defaulted(a=1, b=(2,)))
    with pytest.raises(TypeError):
        make(1)  # every field is given: none takes its default


@pytest.mark.parametrize("kwargs", _KWARGS)
@pytest.mark.parametrize("validate", [True, False])
def test_a_checked_positional_maker_converts_and_validates_as_the_constructor(
    kwargs: dict[str, object], validate: bool
) -> None:
    checked: list[tuple[str, object]] = []
    made_by_attrs, quick = _declared(checked)
    make: Callable[..., object] = model._positional(
        quick, ("plain", "checked", "converted", "required"), checked=True
    )
    full = {"plain": None, "checked": "ok", "converted": [], **kwargs}
    results = [
        _outcome(lambda: made_by_attrs(**full), made_by_attrs, checked, validate),
        _outcome(lambda: make(*full.values()), quick, checked, validate),
    ]
    assert results[0] == results[1]


def test_the_pipelines_report_maker_is_the_reports_constructor() -> None:
    from govreport import pipeline

    names = tuple(a.name for a in attrs.fields(model.Report))
    values = {a.name: getattr(model.Report(), a.name) for a in attrs.fields(model.Report)}
    values["extractors"] = {"二": "tab"}
    made = pipeline._make_report(*(values[name] for name in names))
    assert made == model.Report(**values)
    assert type(made.extractors) is MappingProxyType
    with pytest.raises(ValueError, match="format_version must be one of"):
        pipeline._make_report(*({**values, "format_version": "2000"}[n] for n in names))
    wrong = {**values, "format_version": "2019"}
    with pytest.raises(TypeError, match="holds section 二 as ActiveDisclosure2019"):
        pipeline._make_report(*(wrong[name] for name in names))
    finding = pipeline._make_finding("R1", model.Severity.ERROR, "m", "$.x", 1, 2, None)
    assert finding == model.Finding(
        code="R1", severity=model.Severity.ERROR, message="m", path="$.x", line=1, column=2
    )


def test_a_positional_maker_refuses_other_fields_or_another_order() -> None:
    @attrs.frozen
    class Validated:
        a: int = attrs.field(validator=lambda *_: None)

    @attrs.frozen
    class Converted:
        a: int = attrs.field(converter=int)

    @attrs.frozen
    class Uninitialized:
        a: int = attrs.field(init=False, default=0)

    for cls in (Validated, Converted, Uninitialized):
        with pytest.raises(TypeError, match="not a plain field"):
            model._positional(cls)
    with pytest.raises(TypeError, match="fields are not b, a, in that order"):
        model._positional(model.Place, ("b", "a"))


@given(st.lists(st.one_of(st.none(), st.integers(0, 10**6)), min_size=7, max_size=7))
def test_the_tables_makers_follow_the_columns(values: list[int | None]) -> None:
    from govreport import tables
    from govreport.labels import APPLICATION_COLUMNS

    assert tables._make_counts(*values) == model.ApplicantCounts(
        **dict(zip(APPLICATION_COLUMNS, values, strict=True))
    )
    assert tables._make_cases(*values[:5]) == model.CaseOutcomes(
        **dict(zip(tables._CASE_FIELDS, values[:5], strict=True))
    )
    assert tables._make_documents(*values[:3]) == model.DocumentCounts(
        issued=values[0], repealed=values[1], in_force=values[2]
    )


def test_section_twos_maker_follows_its_rows() -> None:
    from govreport import tables

    assert tables._make_active(*tables._ACTIVE_DEFAULTS) == model.ActiveDisclosure()
    counts = model.DocumentCounts(issued=1, repealed=2, in_force=3)
    made = tables._make_active(counts, counts, 4, 5, 6, None)
    assert made == model.ActiveDisclosure(
        regulations=counts, normative_documents=counts, licensing=4, punishment=5, enforcement=6
    )
    assert type(made) is model.ActiveDisclosure


def test_plain_defaults_are_the_fields_defaults_and_refuse_factories_and_no_default() -> None:
    @attrs.frozen
    class Plain:
        a: int = 1
        b: object = None

    @attrs.frozen
    class Made:
        a: int = 1
        b: list[int] = attrs.field(factory=list)

    @attrs.frozen
    class Required:
        a: int

    assert model._plain_defaults(Plain) == (1, None)
    with pytest.raises(TypeError, match=r"Made\.b has no plain default"):
        model._plain_defaults(Made)
    with pytest.raises(TypeError, match=r"Required\.a has no plain default"):
        model._plain_defaults(Required)
