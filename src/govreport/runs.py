"""Digit runs: numbers printed with nothing between them, and the ways to read them back.

Text scraped from a web page often runs a table row's cells together: ``524000056`` for
the seven cells 52, 4, 0, 0, 0, 0, 56 of a row of section 三, ``1241305`` for the three cells
12, 4, 1305 of a row of section 二. The digits alone do not say where one number ends, but
the format narrows it down:

* a count has no leading zero, so ``0`` is always a number of its own;
* a row has a known number of cells (seven in section 三, three or one in section 二,
  fifteen in section 四);
* the row's own rules hold in most reports: in section 三 the total is the sum of the six
  applicant columns (R3), in section 四 each group's total is the sum of its four outcomes
  (R4);
* the table's rules across rows (R1, R2) and the numbers the narrative states (N1) decide
  between readings that each row's rules leave open.

:func:`readings` lists the readings of a row that keep its own rules; the table reader
(:mod:`govreport.tables`) then chooses among them with :func:`choose`, and says which
reading it took and why, in a finding, whenever a run was read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from itertools import product
from math import prod

from attrs import frozen

__all__ = [
    "MAX_READINGS",
    "Choice",
    "Reading",
    "balanced",
    "choose",
    "count_readings",
    "readings",
]

Reading = tuple[int, ...]
"""The numbers of one reading of a row, in printed order."""

#: More readings than this of one row are not listed: the run is reported as unreadable.
MAX_READINGS = 200_000


def _valid(digits: str) -> bool:
    """Whether ``digits`` is a count as printed: ``0`` or digits without a leading zero."""
    return digits == "0" or digits[0] != "0"


def count_readings(parts: Sequence[str], width: int) -> int:
    """How many ways the digit ``parts`` split into ``width`` counts, rules aside.

    Each part (a run printed between separators) splits into one or more counts of its
    own; no count spans two parts.
    """
    # ways[k]: ways to split the parts seen so far into k counts.
    ways = [1] + [0] * width
    for part in parts:
        within = _splits_of(part, width)
        ways = [
            sum(ways[k - j] * within[j] for j in range(1, k + 1) if j < len(within))
            for k in range(width + 1)
        ]
    return ways[width]


def _splits_of(part: str, most: int) -> list[int]:
    """``out[k]``: the ways ``part`` splits into ``k`` counts, for ``k`` up to ``most``."""
    n = len(part)
    # table[i][k]: ways to split part[i:] into k counts.
    table = [[0] * (most + 1) for _ in range(n + 1)]
    table[n][0] = 1
    for i in range(n - 1, -1, -1):
        ends = range(i + 1, i + 2) if part[i] == "0" else range(i + 1, n + 1)
        for end in ends:
            rest = table[end]
            row = table[i]
            for k in range(1, most + 1):
                row[k] += rest[k - 1]
    return table[0]


def readings(
    parts: Sequence[str],
    width: int,
    *,
    accept: Callable[[Reading], bool] | None = None,
) -> Iterator[tuple[Reading, tuple[tuple[int, int], ...]]]:
    """Each reading of the digit ``parts`` as ``width`` counts that ``accept`` admits.

    Yields ``(numbers, places)`` where ``places[i]`` is ``(part index, start in the part)``
    of the ``i``-th number: where it was printed. Parts must be ASCII digits; each splits
    into one or more counts of its own, in a fixed order (shortest first count first).

    ``accept`` is asked about every *prefix* of a reading as it grows, so a rule that
    holds within the first few numbers (a group's total in section 四) prunes early; a rule
    about the whole row answers ``True`` until the prefix is ``width`` long.

    >>> r3 = lambda r: len(r) < 7 or r[6] == sum(r[:6])  # the total is the sum
    >>> [numbers for numbers, _ in readings(["524000056"], 7, accept=r3)]
    [(52, 4, 0, 0, 0, 0, 56)]
    """
    if not parts or any(not part.isascii() or not part.isdigit() for part in parts):
        return
    sizes = [len(part) for part in parts]
    # left_digits[i]: digits in parts i and after.
    left_digits = [sum(sizes[i:]) for i in range(len(parts) + 1)]
    if not len(parts) <= width <= left_digits[0]:
        return
    numbers: list[int] = []
    places: list[tuple[int, int]] = []

    def walk(index: int, begin: int) -> Iterator[tuple[Reading, tuple[tuple[int, int], ...]]]:
        if begin == sizes[index]:
            index, begin = index + 1, 0
            if index == len(parts):
                if len(numbers) == width:
                    yield tuple(numbers), tuple(places)
                return
        left = width - len(numbers)
        # Each later part needs a count; the digits left can give at most one count each.
        digits_left = left_digits[index] - begin
        if left < len(parts) - index or left > digits_left:
            return
        part = parts[index]
        last = begin + 1 if part[begin] == "0" else sizes[index]
        for end in range(begin + 1, last + 1):
            numbers.append(int(part[begin:end]))
            places.append((index, begin))
            if accept is None or accept(tuple(numbers)):
                yield from walk(index, end)
            numbers.pop()
            places.pop()

    yield from walk(0, 0)


def balanced(reading: Reading) -> tuple[tuple[int, ...], Reading]:
    """Sort key preferring readings of smaller numbers: the largest smallest, then the next.

    Tables count a few applications, documents or cases a year in most cells, so among
    readings that the rules cannot tell apart, the one whose numbers are most even is the
    likeliest (``12 4 1305`` rather than ``1 24 1305``). It is still only a likelihood: a
    choice made this way is always reported.
    """
    return (tuple(sorted(reading, reverse=True)), reading)


@frozen(kw_only=True)
class Choice:
    """What :func:`choose` decided: the reading taken for each row, and whether it was forced."""

    picks: tuple[int, ...]
    """For each row, the index of the reading taken."""
    unique: bool
    """Whether no other combination of readings scored as well."""
    tied: tuple[tuple[int, ...], ...]
    """For each row, the indexes of its readings in some best-scoring combination."""


def choose(
    options: Sequence[Sequence[Reading]],
    score: Callable[[Sequence[Reading]], float],
    *,
    limit: int = 4096,
) -> Choice | None:
    """Choose one reading per row: the combination ``score`` rates highest.

    ``options[i]`` are the readings row ``i`` admits, most likely first (see
    :func:`balanced`); among combinations scoring alike the first wins. ``None`` when
    there are more than ``limit`` combinations to weigh.
    """
    if prod(len(o) for o in options) > limit:
        return None
    best: float | None = None
    best_picks: list[tuple[int, ...]] = []
    for picks in product(*(range(len(o)) for o in options)):
        value = score([o[i] for o, i in zip(options, picks, strict=True)])
        if best is None or value > best:
            best, best_picks = value, [picks]
        elif value == best:
            best_picks.append(picks)
    first = best_picks[0]
    tied = tuple(tuple(sorted({p[i] for p in best_picks})) for i in range(len(options)))
    return Choice(picks=first, unique=len(best_picks) == 1, tied=tied)
