"""Digits that ran together: the readings of a run (govreport.runs), checked against a
brute-force oracle, and how the table reader chooses among them and says so."""

from __future__ import annotations

from itertools import combinations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govreport.runs import balanced, choose, count_readings, readings


def _oracle(parts: list[str], width: int) -> set[tuple[int, ...]]:
    """Every reading, by trying every set of cut points: no cleverness to share bugs with."""
    found: set[tuple[int, ...]] = set()
    joined = "".join(parts)
    fixed = set()  # cuts the separators force
    at = 0
    for part in parts[:-1]:
        at += len(part)
        fixed.add(at)
    free = [i for i in range(1, len(joined)) if i not in fixed]
    extra = width - 1 - len(fixed)
    if extra < 0:
        return found
    for chosen in combinations(free, extra):
        cuts = sorted(fixed | set(chosen))
        pieces = [joined[a:b] for a, b in zip([0, *cuts], [*cuts, len(joined)], strict=True)]
        if all(p == "0" or not p.startswith("0") for p in pieces):
            found.add(tuple(int(p) for p in pieces))
    return found


def _r3(prefix: tuple[int, ...]) -> bool:
    return len(prefix) < 7 or prefix[6] == sum(prefix[:6])


def test_the_issue_example_of_section_three_has_one_reading() -> None:
    found = [numbers for numbers, _ in readings(["524000056"], 7, accept=_r3)]
    assert found == [(52, 4, 0, 0, 0, 0, 56)]


def test_the_issue_example_of_section_two_has_several_readings() -> None:
    found = {numbers for numbers, _ in readings(["1241305"], 3)}
    assert (12, 4, 1305) in found
    assert (1, 24, 1305) in found
    assert found == _oracle(["1241305"], 3)


def test_places_say_where_each_number_was_printed() -> None:
    ((numbers, places),) = readings(["12", "0"], 3, accept=lambda r: len(r) < 3 or r[2] == 0)
    assert numbers == (1, 2, 0)
    assert places == ((0, 0), (0, 1), (1, 0))


def test_zero_is_always_a_number_of_its_own() -> None:
    assert [n for n, _ in readings(["000000000000000"], 15)] == [(0,) * 15]
    assert list(readings(["0012"], 2)) == []


def test_non_digits_and_impossible_widths_have_no_reading() -> None:
    assert list(readings(["12a"], 2)) == []
    assert list(readings(["123"], 4)) == []
    assert list(readings(["1", "2"], 1)) == []
    assert list(readings([], 1)) == []


_parts = st.lists(st.text("0123456789", min_size=1, max_size=5), min_size=1, max_size=3)


@given(parts=_parts, width=st.integers(1, 9))
def test_readings_are_exactly_the_oracles(parts: list[str], width: int) -> None:
    found = [numbers for numbers, _ in readings(parts, width)]
    assert len(found) == len(set(found))
    assert set(found) == _oracle(parts, width)
    assert count_readings(parts, width) == len(found)


@given(numbers=st.lists(st.integers(0, 300), min_size=1, max_size=6))
def test_the_printed_numbers_are_always_a_reading(numbers: list[int]) -> None:
    digits = "".join(map(str, numbers))
    assert tuple(numbers) in {n for n, _ in readings([digits], len(numbers))}


@given(numbers=st.lists(st.integers(0, 9), min_size=1, max_size=12))
def test_one_digit_per_number_reads_one_way_only(numbers: list[int]) -> None:
    digits = "".join(map(str, numbers))
    assert [n for n, _ in readings([digits], len(numbers))] == [tuple(numbers)]


def test_the_most_even_reading_sorts_first() -> None:
    options = sorted([(1, 24, 1305), (12, 4, 1305), (124, 1, 305)], key=balanced)
    assert options[0] == (124, 1, 305)
    assert sorted([(1, 24, 1305), (12, 4, 1305)], key=balanced)[0] == (12, 4, 1305)


def test_choose_takes_the_best_combination_and_reports_ties() -> None:
    options: list[list[tuple[int, ...]]] = [[(1, 2), (12, 0)], [(3,), (4,)]]
    choice = choose(options, lambda combo: combo[0][0] + combo[1][0])
    assert choice is not None
    assert choice.picks == (1, 1)
    assert choice.unique
    tie = choose(options, lambda combo: 0)
    assert tie is not None
    assert not tie.unique
    assert tie.tied == ((0, 1), (0, 1))


def test_choose_refuses_too_many_combinations() -> None:
    options: list[list[tuple[int, ...]]] = [[(i,) for i in range(10)]] * 5
    assert choose(options, lambda combo: 0, limit=1000) is None


@pytest.mark.parametrize("width", [1, 3, 7, 15])
def test_count_agrees_with_the_oracle_on_long_runs(width: int) -> None:
    parts = ["10203040506070809", "1"]
    assert count_readings(parts, width) == len(_oracle(parts, width))
