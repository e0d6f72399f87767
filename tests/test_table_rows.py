"""How a row is cut into label and values: the per-label shortcuts agree with the definitions.

:func:`govreport.tables._page_number` answers from the row's label (worked out once per
label) rather than from the row's non-empty cells; labels come from a bounded cache.
These tests compare both with what they stand for, on rows built from cells of every kind.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govreport import tables
from govreport.cells import is_page_number, stands_for_value
from govreport.extractors.base import Row

# Cells of every kind a row holds: empty, labels, numbers, blanks, spoilt numbers, row
# numbers and page numbers (each of which a row may hold alone).
_CELLS = st.sampled_from(
    [
        "",
        "",
        "规章",
        "1. 属于国家秘密",
        "（七）总计",
        "0",
        "12",
        "3,119",
        "96171.6",
        "-",
        "／",
        "1O",
        "5件",
        "-3-",
        "- 4 -",
        "第3页",
        "第 3 页 共 6 页",
        "3/6",
        "３/６",
        "-３-",
        "1.",
    ]
) | st.text(alphabet="-/第页共 0123456789３O件.、", max_size=6).map(str.strip)


def _old_page_number(row: Row) -> bool:
    texts = [cell for cell in row.cells if cell]
    return len(texts) == 1 and is_page_number(texts[0])


@settings(max_examples=300, deadline=None)
@given(st.lists(_CELLS, max_size=6))
def test_page_number_rows_are_told_as_from_their_cells(cells: list[str]) -> None:
    row = Row(tuple(cells), tuple(range(len(cells))))
    notes = tables.Notes()
    found = tables._page_number(tables._Split(row), "section", notes)
    assert found is _old_page_number(row)
    assert len(notes.findings) == found
    if found:
        assert notes.findings[0][2].endswith(repr(next(filter(None, cells))))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="-—/第页共 0123456789３٣O件.,+、", max_size=8).map(str.strip))
def test_a_page_number_never_stands_for_a_value(text: str) -> None:
    # What lets the row's label answer for the whole row.
    if text and is_page_number(text):
        assert not stands_for_value(text)


def test_the_label_cache_is_bounded_and_answers_past_its_bound(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(tables, "_MAX_LABELS", 2)
    labels = tables._Labels()
    first = labels[("规章",)]
    assert labels[("规章",)] is first
    labels[("行政许可",)]
    past = labels[("行政处罚",)]
    assert len(labels) == 2
    assert past.text == "行政处罚" and ("行政处罚",) not in labels
