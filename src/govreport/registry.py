"""The registry of table extractors: the one list of layout names.

The built-in extractors are registered when this module loads. Users add their own in
process with :func:`register` (also a class decorator), and installed packages add theirs
through the entry-point group ``govreport.extractors`` (:data:`ENTRY_POINT_GROUP`)::

    [project.entry-points."govreport.extractors"]
    pipe = "govreport_pipe:PipeExtractor"

Entry points are loaded lazily, once, the first time the registry is used (any function of
this module, and so the first :func:`govreport.parse`), never by ``import govreport``. An
entry point names an extractor class (instantiated without arguments) or instance. One that
cannot be loaded (an import error, an object that is not an extractor, a name taken already)
is left out: the parse goes on without it, an :class:`ExtractorWarning` says why, and
:func:`load_failures` lists it.

A plugin is not trusted at parse time either. :func:`checked_score` and :func:`checked_grid`
call it and check what it returns (a score that is a number in [0, 1]; rows that are
:class:`~govreport.extractors.Row` of strings with offsets inside the block); anything else,
or an exception, becomes an :class:`~govreport.errors.ExtractorError` naming the plugin,
which :func:`select` reports and steps past. The CLI, the tests and the fuzzing strategies of
:mod:`govreport.testing` all read :func:`names`.
"""

from __future__ import annotations

import math
import os
import sys
import threading
import warnings
from collections.abc import Callable, Iterable, Sequence
from itertools import chain
from operator import attrgetter, itemgetter
from typing import TYPE_CHECKING, TypeVar, overload

from attrs import frozen

from .errors import ExtractorError
from .extractors import BUILTIN
from .extractors.base import Block, Extractor, Grid, Row

if TYPE_CHECKING:
    from importlib.metadata import EntryPoint

__all__ = [
    "ENTRY_POINT_GROUP",
    "ExtractorWarning",
    "LoadFailure",
    "as_extractor",
    "checked_grid",
    "checked_score",
    "get",
    "load_failures",
    "names",
    "rank",
    "register",
    "registered",
    "resolve",
    "select",
    "unregister",
]

#: The entry-point group installed packages register extractors under.
ENTRY_POINT_GROUP = "govreport.extractors"

_EXTRACTORS: dict[str, Extractor] = {}
_BUILTIN = frozenset(map(id, BUILTIN))
_FAILURES: list[LoadFailure] = []
# Re-entrant: a plugin module may call register() (its decorator) while it is being loaded.
_LOCK = threading.RLock()
_discovered = False
_PRIORITY = attrgetter("priority")

T = TypeVar("T")

OnFailure = Callable[[ExtractorError], None]
"""What :func:`select` and :func:`rank` call with the error of an extractor that failed."""


class ExtractorWarning(UserWarning):
    """An installed extractor plugin could not be loaded; the registry goes on without it."""


@frozen(kw_only=True)
class LoadFailure:
    """An entry point of :data:`ENTRY_POINT_GROUP` that could not be registered.

    ``entry_point`` is as declared (``pipe = govreport_pipe:PipeExtractor``),
    ``distribution`` the installed package that declares it (``None`` if unknown), and
    ``error`` what went wrong.
    """

    name: str
    entry_point: str
    distribution: str | None
    error: str


# --- Registering ------------------------------------------------------------------------------


def as_extractor(extractor: object) -> Extractor:
    """The extractor ``extractor`` stands for (a class is instantiated), checked.

    It needs a non-empty string ``name``, an integer ``priority``, ``score(block)`` and
    ``extract(block)``; otherwise :class:`~govreport.errors.ExtractorError`.
    """
    instance = extractor() if isinstance(extractor, type) else extractor
    name = getattr(instance, "name", None)
    if not isinstance(instance, Extractor):
        raise ExtractorError(
            "an extractor needs a name, a priority, score(block) and extract(block)",
            extractor=name if isinstance(name, str) else None,
        )
    if not isinstance(name, str) or not name.strip():
        raise ExtractorError(f"an extractor's name must be a non-empty string, not {name!r}")
    priority = instance.priority
    if isinstance(priority, bool) or not isinstance(priority, int):
        raise ExtractorError(
            f"priority must be an integer, not {_show(priority)}", extractor=instance.name
        )
    return instance


def _add(instance: Extractor, *, replace: bool) -> None:
    name = instance.name
    if name in _EXTRACTORS and not replace:
        raise ExtractorError(
            "an extractor of this name is registered already; pass replace=True to replace it",
            extractor=name,
        )
    _EXTRACTORS[name] = instance


@overload
def register(extractor: type[T], *, replace: bool = False) -> type[T]: ...
@overload
def register(extractor: Extractor, *, replace: bool = False) -> Extractor: ...
@overload
def register(*, replace: bool = False) -> Callable[[type[T]], type[T]]: ...


def register(extractor: object = None, *, replace: bool = False) -> object:
    """Register an extractor instance, or (as a decorator) an extractor class.

    A class is instantiated without arguments; the decorator gives the class back. A name
    already registered (by govreport, by an installed plugin or by an earlier call) is an
    :class:`~govreport.errors.ExtractorError` unless ``replace=True``. So is something that
    is not an extractor: it needs a string ``name``, an integer ``priority``,
    ``score(block)`` and ``extract(block)``.
    """
    if extractor is None:
        return lambda cls: register(cls, replace=replace)
    instance = as_extractor(extractor)
    with _LOCK:
        _discover()
        _add(instance, replace=replace)
    return extractor


def unregister(name: str) -> None:
    """Remove the extractor called ``name``; an unknown name lists the known ones."""
    with _LOCK:
        get(name)
        del _EXTRACTORS[name]


# --- Entry points -----------------------------------------------------------------------------


def entry_points(group: str) -> Iterable[EntryPoint]:
    """The installed entry points of ``group``, as :func:`importlib.metadata.entry_points`.

    Importing importlib.metadata and reading every installed distribution's metadata is
    about a sixth of a one-file CLI run, and most installations hold no govreport plugin.
    So the metadata folders it would read are looked at first, at C speed: when no
    ``entry_points.txt`` among them names the group, it would find no entry point either.
    """
    if not _may_declare(group):
        return ()
    from importlib.metadata import entry_points as installed

    return installed(group=group)


# What importlib.metadata's read_text() takes for "this distribution has no such file".
_NO_FILE = (FileNotFoundError, IsADirectoryError, NotADirectoryError, PermissionError)


def _may_declare(group: str) -> bool:
    """Whether :func:`importlib.metadata.entry_points` could find entry points of ``group``.

    It asks every finder on ``sys.meta_path`` that has ``find_distributions``; the standard
    one (``PathFinder``) reads ``entry_points.txt`` in each ``*.dist-info`` and ``*.egg-info``
    folder of each ``sys.path`` folder (and ``EGG-INFO`` in a ``*.egg`` folder), as UTF-8.
    This says False only when that is all there is and none of those files names the group;
    anything else (another finder, a zip file on the path, a file that does not decode or
    cannot be read) is left to importlib.metadata, to find or fail on as it does.
    """
    from importlib.machinery import PathFinder

    for finder in sys.meta_path:
        if finder is not PathFinder and getattr(finder, "find_distributions", None):
            return True
    for entry in sys.path:
        if not isinstance(entry, str):
            return True
        folder = entry or "."
        try:
            children = os.listdir(folder)
        except OSError:
            if os.path.exists(folder):
                return True  # a zip file: importlib.metadata reads the archive
            continue
        egg = os.path.basename(entry).lower().endswith(".egg")
        for child in children:
            low = child.lower()
            if not (low.endswith((".dist-info", ".egg-info")) or (egg and low == "egg-info")):
                continue
            try:
                with open(os.path.join(folder, child, "entry_points.txt"), "rb") as file:
                    data = file.read()
            except _NO_FILE:
                continue
            except OSError:
                return True
            try:
                if group in data.decode("utf-8"):
                    return True
            except UnicodeDecodeError:
                return True
    return False


def _discover() -> None:
    """Load the entry points of :data:`ENTRY_POINT_GROUP`, once."""
    global _discovered
    if _discovered:
        return
    with _LOCK:
        if _discovered:
            return
        # Set first: a plugin that registers itself while it loads comes back in here.
        _discovered = True
        try:
            found: Iterable[EntryPoint] = entry_points(group=ENTRY_POINT_GROUP)
        except Exception as exc:  # a broken installation's metadata must not break parsing
            _failed("*", f"the group {ENTRY_POINT_GROUP}", None, _describe(exc))
            return
        # Installed order is arbitrary; sorting makes "the first of two equal names wins"
        # the same on every machine.
        for entry in sorted(found, key=lambda e: (_distribution(e) or "", e.name, e.value)):
            _load(entry)


def _distribution(entry: EntryPoint) -> str | None:
    dist = getattr(entry, "dist", None)
    return None if dist is None else str(dist.name)


def _load(entry: EntryPoint) -> None:
    declared = f"{entry.name} = {entry.value}"
    before = dict(_EXTRACTORS)
    try:
        loaded = entry.load()
        instance = as_extractor(loaded)
    except Exception as exc:
        _failed(entry.name, declared, _distribution(entry), _describe(exc))
        return
    name = instance.name
    registered_now = _EXTRACTORS.get(name)
    if (
        registered_now is not None
        and before.get(name) is not registered_now
        and type(registered_now) is type(instance)
    ):
        return  # the plugin's module registered this class itself (@govreport.register)
    if name in _EXTRACTORS:
        _failed(
            entry.name,
            declared,
            _distribution(entry),
            f"an extractor named {name!r} is registered already",
        )
        return
    _EXTRACTORS[name] = instance


def _failed(name: str, declared: str, distribution: str | None, error: str) -> None:
    failure = LoadFailure(name=name, entry_point=declared, distribution=distribution, error=error)
    _FAILURES.append(failure)
    source = f" (from {distribution})" if distribution else ""
    warnings.warn(
        f"govreport: the extractor plugin {declared!r}{source} was not loaded: {error}",
        ExtractorWarning,
        stacklevel=4,
    )


def load_failures() -> tuple[LoadFailure, ...]:
    """The entry points that could not be registered, in the order they were tried."""
    _discover()
    return tuple(_FAILURES)


# --- Looking up -------------------------------------------------------------------------------


def get(name: str) -> Extractor:
    """The extractor called ``name``; an unknown name lists the known ones."""
    _discover()
    try:
        return _EXTRACTORS[name]
    except KeyError:
        known = ", ".join(sorted(_EXTRACTORS)) or "none"
        message = f"no such extractor; known: {known}"
        for failure in _FAILURES:
            if failure.name == name:
                message += f" (the plugin {failure.entry_point!r} failed to load: {failure.error})"
        raise ExtractorError(message, extractor=name) from None


def names() -> tuple[str, ...]:
    """The names of the registered extractors, sorted."""
    _discover()
    return tuple(sorted(_EXTRACTORS))


def registered(only: Sequence[str] | None = None) -> tuple[Extractor, ...]:
    """The registered extractors (or those named in ``only``), best priority first."""
    _discover()
    chosen = _EXTRACTORS.values() if only is None else [get(name) for name in only]
    return _by_priority(chosen)


def _by_priority(chosen: Iterable[Extractor]) -> tuple[Extractor, ...]:
    """``chosen`` best priority first, in their order among equals.

    A stable sort in reverse keeps equals in order too; sorting by the attribute itself
    (not a lambda) is half the cost, once per parse.
    """
    return tuple(sorted(chosen, key=_PRIORITY, reverse=True))


def resolve(
    only: str | Extractor | Sequence[str | Extractor] | None = None,
) -> tuple[Extractor, ...]:
    """The extractors to try, best priority first: all registered ones, or those given.

    ``only`` holds registered names and/or extractor objects (an object need not be
    registered: :func:`govreport.testing.check_extractor` pins the one it tests this way);
    a single name or object stands for itself. An unknown name is an
    :class:`~govreport.errors.ExtractorError` listing the known ones; so is an empty list.
    """
    if only is None:
        return registered()
    if isinstance(only, str) or not isinstance(only, Sequence):
        only = [only]
    chosen: list[Extractor] = []
    for item in only:
        extractor = get(item) if isinstance(item, str) else as_extractor(item)
        if all(extractor is not seen for seen in chosen):
            chosen.append(extractor)
    if not chosen:
        known = ", ".join(names()) or "none"
        raise ExtractorError(f"no extractor was given to try; known: {known}")
    return _by_priority(chosen)


# --- Calling plugins, checked -----------------------------------------------------------------


def _show(value: object, limit: int = 60) -> str:
    """``repr(value)`` shortened; a plugin's object may not even have a working repr."""
    try:
        text = repr(value)
    except Exception:
        text = f"<{type(value).__name__} object>"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _describe(exc: BaseException) -> str:
    try:
        detail = str(exc)
    except Exception:
        detail = ""
    return f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__


def _name_of(extractor: object) -> str:
    name = getattr(extractor, "name", None)
    return name if isinstance(name, str) else _show(extractor)


def checked_score(extractor: Extractor, block: Block) -> float:
    """``extractor.score(block)``, checked to be a number in [0, 1].

    An exception from the extractor, or a score that is not an ``int`` or ``float`` in
    [0, 1] (``True``, ``NaN``, ``"0.5"``, ``1.5``), is an
    :class:`~govreport.errors.ExtractorError` naming the extractor, chained to the cause.
    """
    name = _name_of(extractor)
    try:
        score = extractor.score(block)
    except Exception as exc:
        raise ExtractorError(f"score() raised {_describe(exc)}", extractor=name) from exc
    return _checked(extractor, score, name)


def _score_raised(extractor: Extractor, exc: Exception) -> ExtractorError:
    """The error :func:`checked_score` raises for a ``score()`` that raised ``exc``.

    Raised and caught here, while ``exc`` is handled, so that it is chained to it the same.
    """
    try:
        name = _name_of(extractor)
        raise ExtractorError(f"score() raised {_describe(exc)}", extractor=name) from exc
    except ExtractorError as error:
        return error


def _checked(extractor: Extractor, score: object, name: str | None = None) -> float:
    """``score`` as :func:`checked_score` returns it, or its error for a bad one."""
    if (
        isinstance(score, bool)
        or not isinstance(score, int | float)
        or not math.isfinite(score)
        or not 0 <= score <= 1
    ):
        raise ExtractorError(
            f"score() returned {_show(score)}; expected a float in [0, 1]",
            extractor=_name_of(extractor) if name is None else name,
        )
    return float(score)


def checked_grid(extractor: Extractor, block: Block) -> Grid:
    """``extractor.extract(block)``, checked to be rows of cells placed inside ``block``.

    The result must be an iterable of :class:`~govreport.extractors.Row`, each holding as
    many offsets as cells, cells that are strings and offsets that are integers within the
    block (``block.start`` to ``block.end``; an empty cell may stand at the very end).
    Lists are accepted where tuples are expected. Anything else, or an exception, is an
    :class:`~govreport.errors.ExtractorError` naming the extractor and the first bad row.
    """
    name = _name_of(extractor)
    try:
        rows = tuple(extractor.extract(block))
    except Exception as exc:
        raise ExtractorError(f"extract() raised {_describe(exc)}", extractor=name) from exc
    if _well_formed(rows, block):
        return rows
    checked: list[Row] | None = None
    low, high = block.start, block.end
    for i, row in enumerate(rows):
        problem = None
        if not isinstance(row, Row):
            problem = f"is {_show(row)}, not a Row(cells, starts)"
        else:
            cells, starts = row
            if not isinstance(cells, tuple | list) or not isinstance(starts, tuple | list):
                problem = "must hold a tuple of cells and a tuple of offsets"
            elif len(cells) != len(starts):
                problem = f"has {len(cells)} cells but {len(starts)} offsets"
            elif not all(isinstance(cell, str) for cell in cells):
                cell = next(cell for cell in cells if not isinstance(cell, str))
                problem = f"has a cell that is not a string: {_show(cell)}"
            elif not all(type(start) is int for start in starts):
                odd = next(start for start in starts if type(start) is not int)
                problem = f"has an offset that is not an integer: {_show(odd)}"
            elif starts and (min(starts) < low or max(starts) > high):
                bad = next(start for start in starts if not low <= start <= high)
                problem = f"places a cell at offset {bad}, outside its block ({low} to {high})"
            elif type(cells) is not tuple or type(starts) is not tuple:
                if checked is None:
                    checked = list(rows[:i])
                checked.append(Row(tuple(cells), tuple(starts)))
                continue
        if problem is not None:
            raise ExtractorError(f"extract() returned a bad row {i}: it {problem}", extractor=name)
        if checked is not None:
            checked.append(row)
    return rows if checked is None else tuple(checked)


def _well_formed(rows: tuple[object, ...], block: Block) -> bool:
    """Whether ``rows`` need no look row by row: the common case, checked at C speed."""
    if not rows:
        return True
    if set(map(type, rows)) != {Row}:
        return False
    grid: tuple[Row, ...] = rows  # type: ignore[assignment]
    cells = list(map(itemgetter(0), grid))
    starts = list(map(itemgetter(1), grid))
    if set(map(type, cells)) != {tuple} or set(map(type, starts)) != {tuple}:
        return False
    if list(map(len, cells)) != list(map(len, starts)):
        return False
    texts = set(map(type, chain.from_iterable(cells)))
    offsets = list(chain.from_iterable(starts))
    if not texts <= {str} or not set(map(type, offsets)) <= {int}:
        return False
    return not offsets or (min(offsets) >= block.start and max(offsets) <= block.end)


# --- Choosing ---------------------------------------------------------------------------------


def rank(
    block: Block, candidates: Sequence[Extractor], *, failed: OnFailure | None = None
) -> list[tuple[float, Extractor]]:
    """Score the candidates on ``block`` in order, best first; a score of 1.0 stops the search.

    A candidate that raises or returns a bad score is an
    :class:`~govreport.errors.ExtractorError`; with ``failed`` given it is passed there
    and left out instead.
    """
    scored: list[tuple[float, Extractor]] = []
    for extractor in candidates:
        try:
            score = checked_score(extractor, block)
        except ExtractorError as error:
            if failed is None:
                raise
            failed(error)
            continue
        scored.append((score, extractor))
        if score >= 1.0:
            break
    scored.sort(key=lambda pair: (-pair[0], -pair[1].priority))
    return scored


def select(
    block: Block, candidates: Sequence[Extractor], *, failed: OnFailure
) -> tuple[Extractor, Grid]:
    """The extractor that reads ``block``, and its rows.

    Candidates (best priority first) are scored in turn until one is sure (1.0); the best
    score reads the block, priority breaking ties. A candidate that fails (it raises, or
    returns a bad score or bad rows; see :func:`checked_score`, :func:`checked_grid`) is
    passed to ``failed`` and the next best reads the block instead, the ones not yet scored
    being scored first. When every candidate fails: :class:`~govreport.errors.ExtractorError`.
    """
    pending = list(candidates)
    scored: list[tuple[float, Extractor]] = []
    while True:
        # Score the candidates not scored yet, in order, until one is sure. Inline rather
        # than through rank(): this runs for every candidate of every table block. A float
        # in [0, 1] is what checked_score would return as it is; anything else (NaN fails
        # both comparisons) goes through it for its error.
        done = len(pending)
        for i, extractor in enumerate(pending):
            try:
                score = extractor.score(block)
            except Exception as exc:
                failed(_score_raised(extractor, exc))
                continue
            if type(score) is not float or not 0.0 <= score <= 1.0:
                try:
                    score = _checked(extractor, score)
                except ExtractorError as error:
                    failed(error)
                    continue
            scored.append((score, extractor))
            if score >= 1.0:
                done = i + 1
                break
        del pending[:done]
        if not scored:
            break
        # The best score, priority breaking ties, the first scored among equals: what a
        # stable sort by (-score, -priority) puts first. A sure score (1.0) ends the scoring,
        # so it is the last one scored and every one before it is below 1.0: it is the best
        # without a look at the others (the common case: one score, no key calls).
        if scored[-1][0] >= 1.0:
            best = len(scored) - 1
        else:
            best = max(range(len(scored)), key=lambda i: (scored[i][0], scored[i][1].priority))
        _, extractor = scored.pop(best)
        try:
            if id(extractor) in _BUILTIN:
                # govreport's own extractors are tested to return well-formed rows (see
                # govreport.testing.check_extractor); checking them on every parse would cost
                # a few percent of its time.
                return extractor, tuple(extractor.extract(block))
            return extractor, checked_grid(extractor, block)
        except ExtractorError as error:
            failed(error)
        except Exception as exc:  # a built-in extractor that raises is a bug, not fatal
            failed(ExtractorError(f"extract() raised {_describe(exc)}", extractor=extractor.name))
    tried = ", ".join(repr(_name_of(e)) for e in candidates) or "none"
    raise ExtractorError(f"every extractor failed on this table (tried: {tried})")


for _builtin in BUILTIN:
    _add(as_extractor(_builtin), replace=False)
