"""The registry of table extractors: the one list of layout names.

The built-in extractors are registered when this module loads. Users add
their own with :func:`register` (also usable as a class decorator). The CLI, the tests and
the fuzzing strategies all read this list.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar, overload

from .errors import ExtractorError
from .extractors import BUILTIN
from .extractors.base import Block, Extractor

__all__ = ["get", "names", "register", "registered", "unregister"]

_EXTRACTORS: dict[str, Extractor] = {}

T = TypeVar("T")


@overload
def register(extractor: type[T], *, replace: bool = False) -> type[T]: ...
@overload
def register(extractor: Extractor, *, replace: bool = False) -> Extractor: ...
@overload
def register(*, replace: bool = False) -> Callable[[type[T]], type[T]]: ...


def register(extractor: object = None, *, replace: bool = False) -> object:
    """Register an extractor instance, or (as a decorator) an extractor class.

    A class is instantiated without arguments. A name already registered is an
    :class:`~govreport.errors.ExtractorError` unless ``replace=True``.
    """
    if extractor is None:
        return lambda cls: register(cls, replace=replace)
    instance = extractor() if isinstance(extractor, type) else extractor
    if not isinstance(instance, Extractor):
        raise ExtractorError(
            "an extractor needs a name, a priority, score(block) and extract(block)",
            extractor=getattr(instance, "name", None),
        )
    name = instance.name
    if name in _EXTRACTORS and not replace:
        raise ExtractorError(
            "an extractor of this name is registered already; pass replace=True to replace it",
            extractor=name,
        )
    _EXTRACTORS[name] = instance
    return extractor


def unregister(name: str) -> None:
    """Remove the extractor called ``name``."""
    get(name)
    del _EXTRACTORS[name]


def get(name: str) -> Extractor:
    """The extractor called ``name``; an unknown name lists the known ones."""
    try:
        return _EXTRACTORS[name]
    except KeyError:
        known = ", ".join(sorted(_EXTRACTORS)) or "none"
        raise ExtractorError(f"no such extractor; known: {known}", extractor=name) from None


def names() -> tuple[str, ...]:
    """The names of the registered extractors, sorted."""
    return tuple(sorted(_EXTRACTORS))


def registered(only: Sequence[str] | None = None) -> tuple[Extractor, ...]:
    """The registered extractors (or those named in ``only``), best priority first."""
    chosen = list(_EXTRACTORS.values()) if only is None else [get(name) for name in only]
    return tuple(sorted(chosen, key=lambda e: -e.priority))


def rank(block: Block, candidates: Sequence[Extractor]) -> list[tuple[float, Extractor]]:
    """Score every candidate on ``block``, best first; a score of 1.0 stops the search."""
    scored: list[tuple[float, Extractor]] = []
    for extractor in candidates:
        score = float(extractor.score(block))
        scored.append((score, extractor))
        if score >= 1.0:
            break
    scored.sort(key=lambda pair: (-pair[0], -pair[1].priority))
    return scored


for _builtin in BUILTIN:
    register(_builtin)
