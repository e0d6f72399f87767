"""The model's classes build as attrs declares them (their ``__init__`` is a quicker one)."""

from __future__ import annotations

import inspect

import attrs
import pytest

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
        return  # validators and a converter: attrs' own __init__
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
