"""How a row is cut into label and values: the per-label shortcuts agree with the definitions.

:func:`govreport.tables._page_number` answers from the row's label (worked out once per
label) rather than from the row's non-empty cells; labels come from a bounded cache.
These tests compare both with what they stand for, on rows built from cells of every kind.
"""

from __future__ import annotations

from typing import Any
from unittest.mock import patch

from hypothesis import example, given, settings
from hypothesis import strategies as st

from govreport import tables
from govreport.cells import is_page_number, parse_count, parse_decimal, stands_for_value
from govreport.extractors.base import Row
from govreport.labels import APPLICATION_COLUMNS, APPLICATION_ROWS, compact
from govreport.model import ApplicantCounts, Applications, Results

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


def test_the_label_cache_is_bounded_and_answers_past_its_bound() -> None:
    labels = tables._Memo(tables._Label, 2)
    first = labels[("规章",)]
    assert labels[("规章",)] is first
    labels[("行政许可",)]
    past = labels[("行政处罚",)]
    assert len(labels) == 2
    assert past.text == "行政处罚" and ("行政处罚",) not in labels


# --- The lean path of _matched_rows against the general one -----------------------------------

_LABEL_CELLS = st.sampled_from(
    [
        "一、本年新收政府信息公开申请数量",
        "三、本年度办理结果",
        "(一) 予以公开",
        "（三）不予公开",
        "3. 危及“三安全一稳定”",
        "3.危及三安全一稳定",
        "2.重复申请",
        "（六）其他处理",
        "3.其他",
        "其他",
        "(七) 总计",
        "总计",
        "四、结转下年度继续办理",
        "申请人情况",
        "商业企业",
        "行政许可",
        "行政事业性收费",
        "规章",
        "5. 要求行政机 关确认或具 重新出具信 息",
        "-3-",
    ]
)
_VALUE_CELLS = st.sampled_from(
    ["0", "0", "1", "12", "999", "1000", "-", "/", "", "1O", "3,119", "96171.6", "0.0"]
)
_ROWS = st.tuples(
    st.lists(st.sampled_from(["", ""]), max_size=2),
    st.lists(_LABEL_CELLS, max_size=2),
    st.lists(st.just(""), max_size=1),
    st.lists(_VALUE_CELLS, max_size=9),
    st.lists(st.just(""), max_size=2),
).map(lambda parts: tuple(cell for part in parts for cell in part))


@settings(max_examples=300, deadline=None)
@given(st.lists(_ROWS, max_size=12), st.sampled_from(["applications", "active"]))
@example([("行政事业性收费", "0")], "active")
@example(
    [("规章", "0", "0", "0"), ("行政许可", "", "0", ""), ("行政事业性收费", "3,119")], "active"
)
def test_rows_read_on_the_way_read_as_the_general_path_reads_them(
    rows: list[tuple[str, ...]], name: str
) -> None:
    table = tables._APPLICATIONS if name == "applications" else tables._ACTIVE
    grid = tuple(
        Row(cells, tuple(range(10 * i, 10 * i + len(cells)))) for i, cells in enumerate(rows)
    )
    single: list[tables._Split] = []
    lean_notes, general_notes = tables.Notes(), tables.Notes()
    read: tables._Read = [None] * len(table.specs)
    found = tables._matched_rows(grid, table, lean_notes, single=single, read=read)
    general = tables._matched_rows(grid, table, general_notes, single=[])
    assert lean_notes.findings == general_notes.findings
    assert list(found) == list(general)
    for index, slot in enumerate(read):
        if slot is None:
            continue
        values, starts = slot
        split = general[index]
        assert isinstance(split, tables._Split) and found[index] is split.row
        path = table.paths[index]
        fields = tuple(f"f{k}" for k in range(table.lean[index]))
        notes = tables.Notes()
        # Section 二's fees are decimals, every other value a count.
        parse = parse_decimal if index in table.decimals else parse_count
        expected = tables._values(split, path, fields, list(general.values()), notes, parse)
        assert list(map(repr, values)) == list(map(repr, expected))
        assert notes.offsets[path] == (fields, starts) and not notes.findings


def _read_rows(
    grid: tuple[Row, ...], table: tables._Table
) -> tuple[list[Any], list[Any], list[Any], list[Any]]:
    notes = tables.Notes()
    read: tables._Read = [None] * len(table.specs)
    single: list[tables._Split] = []
    found = tables._matched_rows(grid, table, notes, single=single, read=read)
    rows = [(index, row if isinstance(row, Row) else row.row) for index, row in found.items()]
    return rows, read, notes.findings, [split.row for split in single]


@settings(max_examples=300, deadline=None)
@given(st.lists(_ROWS, max_size=12), st.sampled_from(["applications", "active"]))
@example(
    [("一、本年新收政府信息公开申请数量", "", "0", "0", "0", "0", "0", "0", "0", "")] * 2,
    "applications",
)
@example([("规章", "", "0", "0", "0"), ("", "规章", "0", "0", "0", "")], "active")
@example([("申请人情况",), ("三、本年度办理结果",), ("（一）予以公开", *["0"] * 7)], "applications")
def test_rows_seen_before_read_as_rows_never_seen(rows: list[tuple[str, ...]], name: str) -> None:
    # A row remembered (a heading, or a row of zeros read on the lean path) reads as the
    # same row worked out again.
    table = tables._APPLICATIONS if name == "applications" else tables._ACTIVE
    grid = tuple(
        Row(cells, tuple(range(10 * i, 10 * i + len(cells)))) for i, cells in enumerate(rows)
    )
    with patch.object(table, "seen", {}), patch.object(tables, "_MAX_ROWS", 0):
        never = _read_rows(grid, table)
        assert not table.seen
    with patch.object(table, "seen", {}):
        first = _read_rows(grid, table)
        again = _read_rows(grid, table)
    assert first == never
    assert again == never


# --- Section 四: heading rows of known labels skipped without a cut ---------------------------

_REVIEW_CELLS = st.sampled_from(
    [
        "",
        "",
        "行政复议",
        "行政诉讼",
        "结果 维持",
        "结果纠正",
        "其他 结果",
        "尚未审结",
        "总计",
        "未经复议直接起诉",
        "复议后起诉",
        "（六）其他处理",
        "规章",
        "-3-",
        "0",
        "0",
        "1",
        "12",
        "-",
        "1O",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(_REVIEW_CELLS, max_size=16), max_size=6))
def test_section_four_reads_as_the_general_path_reads_it(rows: list[list[str]]) -> None:
    grid = tuple(
        Row(tuple(cells), tuple(range(20 * i, 20 * i + len(cells)))) for i, cells in enumerate(rows)
    )
    general_notes, lean_notes, again_notes = tables.Notes(), tables.Notes(), tables.Notes()
    with patch.object(tables, "_REVIEW_HEADINGS", {}):
        # No label known and no row remembered: every row is cut, as the general path does.
        with patch.object(tables, "_known_label", lambda cells: None):
            general = tables.read_review_litigation(grid, general_notes, 7)
        # The labels are known now (the general path made them and asked about them).
        lean = tables.read_review_litigation(grid, lean_notes, 7)
        # The heading rows are remembered now.
        again = tables.read_review_litigation(grid, again_notes, 7)
    assert lean == general == again
    assert lean_notes.findings == general_notes.findings == again_notes.findings
    assert list(lean_notes.offsets.items()) == list(general_notes.offsets.items())
    assert list(again_notes.offsets.items()) == list(general_notes.offsets.items())


@settings(max_examples=300, deadline=None)
@given(st.lists(_REVIEW_CELLS, min_size=1, max_size=16))
def test_a_row_that_begins_with_a_value_is_values_only(cells: list[str]) -> None:
    # What lets section 四 take such a row whole, without a cut.
    row = Row(tuple(cells), tuple(range(len(cells))))
    if cells[0] and stands_for_value(cells[0]):
        split = tables._Split(row)
        assert split.label_end == 0 and split.has_values
        assert split.tail_texts == row.cells and split.tail_starts == row.starts
        assert not tables._page_number(split, "review_litigation", tables.Notes())


# --- Section 三's model built from the rows read ----------------------------------------------

_STORED = st.sampled_from([None, [0] * 7, [0] * 7, [1, 0, 0, 0, 0, 0, 1], [None] * 7])


def _plain_nest(store: dict[str, list[Any]], one_row: bool) -> Applications:
    """Section 三's model the plain way: each row's counts put at its path."""
    parts: dict[tuple[str, ...], dict[str, Any]] = {}
    for path, spec in zip(tables._APPLICATIONS.paths, APPLICATION_ROWS, strict=True):
        if store.get(path) is not None:
            counts = ApplicantCounts(**dict(zip(APPLICATION_COLUMNS, store[path], strict=True)))
            parts.setdefault(spec.path[:-1], {})[spec.path[-1]] = counts
    results = parts.get(("results",), {})
    for name, kind in tables._GROUP_TYPES.items():
        results[name] = kind(**parts.get(("results", name), {}))
    if one_row:
        single = store.get(tables._SINGLE_PATH)
        results["other_handling"] = ApplicantCounts(
            **dict(zip(APPLICATION_COLUMNS, single or [None] * 7, strict=True))
        )
    return Applications(results=Results(**results), **parts.get((), {}))


@settings(max_examples=300, deadline=None)
@given(st.lists(_STORED, min_size=26, max_size=26), st.booleans())
@example([[0] * 7] * 25 + [None], False)  # every row zeros: the model built once
@example([[0] * 7] * 26, True)
@example([[0] * 7] * 24 + [None, None], False)
@example([[0] * 7] * 24 + [None, [0] * 7], False)  # as many rows, one the single row
def test_section_three_is_nested_as_its_rows_say(rows: list[Any], one_row: bool) -> None:
    paths = (*tables._APPLICATIONS.paths, tables._SINGLE_PATH)
    store = {path: row for path, row in zip(paths, rows, strict=True) if row is not None}
    assert tables._nest(store, one_row) == _plain_nest(store, one_row)


# --- Section 二's words for the format, compacted row by row ---------------------------------


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(_LABEL_CELLS | _VALUE_CELLS | _CELLS, max_size=5), max_size=6))
def test_a_table_compacted_row_by_row_is_compacted_cell_by_cell(rows: list[list[str]]) -> None:
    grid = tuple(Row(tuple(cells), tuple(range(len(cells)))) for cells in rows)
    expected = "".join(compact(cell) for cells in rows for cell in cells if cell)
    assert tables._compacted(grid) == expected
    assert tables._compacted(grid) == expected  # the rows remembered


def test_the_row_texts_are_bounded_and_answered_past_their_bound() -> None:
    texts = tables._Memo(tables._row_text, 2)
    assert texts[("规章", "0")] == "规章0"
    assert texts[("（一）予以公开", "")] == "予以公开"
    assert texts[("行政许可",)] == "行政许可"
    assert list(texts) == [("规章", "0"), ("（一）予以公开", "")]


# --- Rows of zeros shared by every report -----------------------------------------------------


def test_the_shared_rows_of_zeros_stay_zeros() -> None:
    # Every row of zeros read on the lean path is one list per process: what reads a table
    # (settling digits that ran together included) replaces values, never changes them.
    import govreport
    from tests.conftest import SEED_FILES

    rows = [
        Row((spec.labels[0], *["0"] * 7), tuple(range(10 * i, 10 * i + 8)))
        for i, spec in enumerate(APPLICATION_ROWS)
    ]
    # The total's digits ran together: settled with the rows of zeros around it.
    rows[-2] = Row((APPLICATION_ROWS[-2].labels[0], "0000000"), (900, 910))
    for _ in range(2):
        notes = tables.Notes()
        applications = tables.read_applications(tuple(rows), notes, 0)
        assert applications.results.total == tables._ZERO_COUNTS
        assert notes.findings
        for path in SEED_FILES:
            govreport.to_json(govreport.parse(path.read_bytes()))
    assert tables._ZERO_ROWS
    for (kind, width), zeros in tables._ZERO_ROWS.items():
        assert zeros == [kind(0)] * width
    assert tables._APPLICATIONS.zeros[0] is tables._ZEROS
