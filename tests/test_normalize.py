"""Normalization folds and removes what converted documents add, and maps places back."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govreport.model import Place
from govreport.normalize import normalize

BOOKMARK = "[bookmark: _GoBack]"
ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"]


# --- What changes ---------------------------------------------------------------------------


def test_full_width_digits_become_ascii_digits() -> None:
    assert normalize("０１２３４５６７８９").text == "0123456789"


def test_full_width_full_stop_becomes_ascii_full_stop() -> None:
    assert normalize("一．总体情况").text == "一.总体情况"


def test_ideographic_and_no_break_spaces_become_ascii_spaces() -> None:
    assert normalize("\u3000\u3000一、总体\u00a0情况").text == "  一、总体 情况"


def test_crlf_becomes_lf() -> None:
    assert normalize("一\r\n二\r\n").text == "一\n二\n"


def test_lone_cr_becomes_lf() -> None:
    assert normalize("一\r二\r").text == "一\n二\n"


def test_bookmark_artifact_is_removed() -> None:
    assert normalize(f"{BOOKMARK}2024年，在县委").text == "2024年，在县委"


@pytest.mark.parametrize("char", ZERO_WIDTH, ids=[f"U+{ord(c):04X}" for c in ZERO_WIDTH])
def test_zero_width_character_is_removed(char: str) -> None:
    assert normalize(f"规{char}章").text == "规章"


def test_text_without_artifacts_is_unchanged() -> None:
    text = "一、总体情况\n规章\t0\t0\t0\n"
    assert normalize(text).text == text


def test_source_is_kept_as_given() -> None:
    source = f"{BOOKMARK}一\r\n１"
    assert normalize(source).source == source


def test_mixed_artifacts_keep_the_line_count() -> None:
    source = f"甲{BOOKMARK}\r\n\u200b乙\r丙\u3000１\n{BOOKMARK}\r\n丁"
    # Source lines: 甲…, 乙, 丙…, the bookmark alone, 丁: five lines, four breaks.
    normalized = normalize(source).text
    assert normalized == "甲\n乙\n丙 1\n\n丁"
    assert normalized.count("\n") == 4


# --- Places in the source -------------------------------------------------------------------


def test_place_of_a_character_after_a_removed_bookmark_is_its_source_column() -> None:
    doc = normalize(f"ab{BOOKMARK}cd")
    assert doc.text == "abcd"
    # 'c' is the 3rd character of the normalized line but the 22nd of the source line.
    assert doc.place(2) == Place(1, 3 + len(BOOKMARK))
    assert doc.place(3) == Place(1, 4 + len(BOOKMARK))
    assert doc.place(1) == Place(1, 2)


def test_place_after_crlf_lines_counts_each_crlf_as_one_line_break() -> None:
    doc = normalize("一\r\n二\r\n三四")
    assert doc.text == "一\n二\n三四"
    assert doc.place(doc.text.index("四")) == Place(3, 2)
    assert doc.place(doc.text.index("二")) == Place(2, 1)


def test_place_after_lone_cr_counts_it_as_a_line_break() -> None:
    doc = normalize("一\r二")
    assert doc.place(2) == Place(2, 1)


def test_place_of_the_lf_of_a_crlf_is_the_lf_in_the_source() -> None:
    doc = normalize("ab\r\ncd")
    # Normalized "ab\ncd": the \n at offset 2 is the source's \n at column 4 (after \r).
    assert doc.place(2) == Place(1, 4)


def test_place_on_a_later_line_is_not_shifted_by_a_bookmark_on_an_earlier_line() -> None:
    doc = normalize(f"{BOOKMARK}一\n二三")
    assert doc.place(doc.text.index("三")) == Place(2, 2)
    assert doc.place(doc.text.index("一")) == Place(1, 1 + len(BOOKMARK))


def test_place_after_several_removals_on_one_line_adds_them_up() -> None:
    doc = normalize(f"\ufeff甲\u200b乙{BOOKMARK}丙")
    assert doc.text == "甲乙丙"
    assert [doc.place(i) for i in range(3)] == [
        Place(1, 2),
        Place(1, 4),
        Place(1, 5 + len(BOOKMARK)),
    ]


def test_source_line_returns_the_source_text_of_a_line() -> None:
    doc = normalize(f"ab{BOOKMARK}cd\r\nef\u200bg\r\u3000１")
    assert doc.source_line(1) == f"ab{BOOKMARK}cd"
    assert doc.source_line(2) == "ef\u200bg"
    assert doc.source_line(3) == "\u3000１"


def test_source_line_outside_the_text_is_empty() -> None:
    doc = normalize("一\n二")
    assert doc.source_line(0) == ""
    assert doc.source_line(3) == ""


def test_source_line_does_not_split_at_a_form_feed() -> None:
    doc = normalize("一\f二\n三")
    assert doc.source_line(1) == "一\f二"
    assert doc.place(doc.text.index("三")) == Place(2, 1)


def test_bookmark_spanning_a_lone_cr_does_not_merge_lines() -> None:
    source = "甲[bookmark: a\rb]乙\n丙"
    doc = normalize(source)
    # Three source lines (broken at \r and \n): the normalized text must keep three.
    assert doc.text.count("\n") == 2
    assert doc.place(doc.text.index("丙")) == Place(3, 1)


# --- The offset map, as a property ----------------------------------------------------------


@dataclass(frozen=True)
class Piece:
    """A piece of source text and the characters it normalizes to.

    ``kept`` lists, for each normalized character, its index within ``source``.
    """

    source: str
    normalized: str
    kept: tuple[int, ...]
    breaks_line: bool = False


_ORDINARY = st.sampled_from(list("规章总计年度报告一二三四五六abcXYZ019 ,.、（）：\t]-/")).map(
    lambda c: Piece(c, c, (0,))
)
_FOLDED = st.sampled_from(
    [
        *[(chr(0xFF10 + i), str(i)) for i in range(10)],
        ("\uff0e", "."),
        ("\u3000", " "),
        ("\u00a0", " "),
    ]
).map(lambda pair: Piece(pair[0], pair[1], (0,)))
_REMOVED = st.one_of(
    st.sampled_from(ZERO_WIDTH),
    st.text(alphabet="_GoBackmark0123 ", max_size=8).map(lambda name: f"[bookmark: {name}]"),
).map(lambda s: Piece(s, "", ()))
_BREAKS = st.sampled_from(
    [Piece("\n", "\n", (0,), True), Piece("\r\n", "\n", (1,), True), Piece("\r", "\n", (0,), True)]
)
_PIECES = st.lists(st.one_of(_ORDINARY, _FOLDED, _REMOVED, _BREAKS), max_size=60).filter(
    # A lone-\r piece followed by a \n piece would be a CRLF, not two breaks.
    lambda pieces: (
        not any(a.source.endswith("\r") and b.source.startswith("\n") for a, b in pairwise(pieces))
    )
)


@settings(max_examples=100, deadline=None)
@given(_PIECES)
def test_every_normalized_character_maps_to_the_source_character_it_came_from(
    pieces: list[Piece],
) -> None:
    source = "".join(p.source for p in pieces)
    expected_text = "".join(p.normalized for p in pieces)
    # The source place of each normalized character, tracked piece by piece.
    expected_places: list[Place] = []
    line, column = 1, 1
    for piece in pieces:
        expected_places.extend(Place(line, column + k) for k in piece.kept)
        if piece.breaks_line:
            line, column = line + 1, 1
        else:
            column += len(piece.source)

    doc = normalize(source)

    assert doc.text == expected_text
    assert doc.text.count("\n") == sum(p.breaks_line for p in pieces)
    assert [doc.place(i) for i in range(len(doc.text))] == expected_places
    source_lines = doc.source.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for i, place in enumerate(expected_places):
        source_char = source_lines[place.line - 1][place.column - 1 : place.column]
        if doc.text[i] == "\n":
            # A line break's place is just past the end of its line's text.
            assert place.column >= len(source_lines[place.line - 1]) + 1
        else:
            assert normalize(source_char).text == doc.text[i]


@settings(max_examples=200)
@given(st.text(alphabet="ab\n\f\u3000[一", max_size=30), st.data())
def test_place_found_by_scanning_is_the_place_found_from_the_listed_line_starts(
    text: str, data: st.DataObject
) -> None:
    # A document's first places are found by scanning its source, later ones from the list
    # of its line starts (see `Normalized.place`): both must give the same place.
    offset = data.draw(st.integers(min_value=0, max_value=len(text)))
    scanned = normalize(text).place(offset)
    listed = normalize(text)
    for _ in range(20):
        listed.place(0)
    assert listed.place(offset) == scanned
