"""The built-in table extractors, the registry of extractors, and plugins that misbehave."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govreport
from govreport import registry
from govreport.extractors import (
    Block,
    CellPerLineExtractor,
    Extractor,
    Grid,
    OcrSplitExtractor,
    Row,
    TabExtractor,
)

from .conftest import SEED_FILES, expected_for

TAB = TabExtractor()
CELL_PER_LINE = CellPerLineExtractor()
OCR_SPLIT = OcrSplitExtractor()
BUILTINS: tuple[Extractor, ...] = (TAB, CELL_PER_LINE, OCR_SPLIT)

SEED_TAB = next(p for p in SEED_FILES if p.name.startswith("000_"))  # tab-separated rows
SEED_CELLS = next(p for p in SEED_FILES if p.name.startswith("004_"))  # one cell per line


def block(text: str, start: int = 0) -> Block:
    return Block.from_text(text, start, len(text), section=3)


def cells(grid: Grid) -> list[tuple[str, ...]]:
    return [row.cells for row in grid]


# Hand-written blocks in each layout.
TAB_TEXT = (
    "\t\t自然人\t商业企业\t总计\n"
    "一、本年新收政府信息公开申请数量\t\t41\t1\t42\n"
    "\n"
    "二、上年结转政府信息公开申请数量\t\t5\t0\t5\n"
)
CELL_TEXT = (
    "\t一、本年新收政府信息公开申请数量\n"
    "\t41\n"
    "\t\n"
    "\t103\n"
    "\n"
    "\t二、上年结转政府信息公开申请数量\n"
    "\t5\n"
    "\t0\n"
    "\t5\n"
)
OCR_TEXT = (
    "\t\t4. 保护第三方合法权益\t0\t0\t0\n"
    "5. 属于三类内\t\t2\t0\t2\n"
    "\t部事务信息\t\t\t\n"
    "\t6. 属于四类过 程性信息\t1\t0\t1\n"
    "\t7. 属于行政执 法案卷\t0\t0\t0\n"
)


# --- tab ------------------------------------------------------------------------------------------


def test_tab_reads_one_row_per_line_split_at_tabs() -> None:
    text = "甲\t1\t22\n乙\t3\t4"
    grid = TAB.extract(block(text))
    assert cells(grid) == [("甲", "1", "22"), ("乙", "3", "4")]


def test_tab_row_starts_are_the_offsets_of_each_cells_first_character() -> None:
    text = "甲\t1\t22\n乙\t 3 \t\t4"
    grid = TAB.extract(block(text))
    assert grid[0].starts == (0, 2, 4)
    # Line 2 begins at offset 7; " 3 " is stripped, so its cell starts at the 3.
    assert grid[1].cells == ("乙", "3", "", "4")
    assert grid[1].starts[0] == text.index("乙")
    assert grid[1].starts[1] == text.index("3")
    assert grid[1].starts[3] == text.index("4")


def test_tab_gives_an_empty_cell_the_offset_where_it_would_be() -> None:
    text = "甲\t\t5"
    (row,) = TAB.extract(block(text))
    assert row.cells == ("甲", "", "5")
    assert row.starts == (0, 2, 3)


def test_tab_skips_blank_and_whitespace_only_lines() -> None:
    text = "\n甲\t1\n   \n\n乙\t2\n"
    assert cells(TAB.extract(block(text))) == [("甲", "1"), ("乙", "2")]


def test_tab_offsets_are_in_the_whole_text_when_the_block_starts_later() -> None:
    preface = "三、收到和处理政府信息公开申请情况\n"
    text = preface + "甲\t7"
    (row,) = TAB.extract(block(text, start=len(preface)))
    assert row.cells == ("甲", "7")
    assert row.starts == (len(preface), len(preface) + 2)
    assert text[row.starts[1]] == "7"


# Cell texts without tabs, line breaks or surrounding whitespace.
_CELL = st.text(alphabet="自然人商业企业总计0123456789/-、.（）", min_size=0, max_size=6)
_TAB_ROW = st.lists(_CELL, min_size=2, max_size=9).filter(lambda row: any(row))


@settings(max_examples=50, deadline=None)
@given(st.lists(_TAB_ROW, min_size=1, max_size=6))
def test_tab_reads_back_any_grid_written_with_tabs(grid: list[list[str]]) -> None:
    text = "\n".join("\t".join(row) for row in grid)
    rows = TAB.extract(block(text))
    assert [list(row.cells) for row in rows] == grid
    line_start = 0
    for row, written in zip(rows, grid, strict=True):
        expected_starts = []
        pos = line_start
        for cell in written:
            expected_starts.append(pos)
            pos += len(cell) + 1
        assert list(row.starts) == expected_starts
        line_start = pos  # the last cell's "+1" is the line break


# --- cell-per-line --------------------------------------------------------------------------------


def test_cell_per_line_reads_rows_between_blank_lines() -> None:
    grid = CELL_PER_LINE.extract(block(CELL_TEXT))
    assert cells(grid) == [
        ("一、本年新收政府信息公开申请数量", "41", "", "103"),
        ("二、上年结转政府信息公开申请数量", "5", "0", "5"),
    ]


def test_cell_per_line_starts_point_after_the_leading_tab() -> None:
    text = "\t甲\n\t  12\n\n\t乙\n"
    grid = CELL_PER_LINE.extract(block(text))
    assert grid[0].starts == (text.index("甲"), text.index("12"))
    assert grid[1].starts == (text.index("乙"),)


def test_cell_per_line_reads_a_lone_tab_as_an_empty_cell_not_a_row_break() -> None:
    text = "\t甲\n\t\n\t3\n"
    (row,) = CELL_PER_LINE.extract(block(text))
    assert row.cells == ("甲", "", "3")
    # The empty cell's offset is where its text would begin: just after its tab.
    assert row.starts[1] == text.index("\t\n") + 1


def test_cell_per_line_joins_a_line_without_a_tab_to_the_cell_above() -> None:
    text = "\t自然人\n\t商业\n企业\n\t科研\n机构\n\t总计\n"
    (row,) = CELL_PER_LINE.extract(block(text))
    assert row.cells == ("自然人", "商业企业", "科研机构", "总计")
    assert row.starts[1] == text.index("商业")
    assert row.starts[2] == text.index("科研")


def test_cell_per_line_start_of_an_empty_cell_filled_by_a_continuation_line() -> None:
    text = "\t自然人\n\t\n企业\n\t41\n"
    (row,) = CELL_PER_LINE.extract(block(text))
    assert row.cells == ("自然人", "企业", "41")
    assert row.starts[1] == text.index("企业")


def test_cell_per_line_skips_runs_of_blank_lines() -> None:
    text = "\n\n\t甲\n\t1\n\n\n\n\t乙\n\t2\n\n"
    assert cells(CELL_PER_LINE.extract(block(text))) == [("甲", "1"), ("乙", "2")]


_CPL_CELL = st.text(alphabet="自然人商业企业总计0123456789", min_size=0, max_size=6)
_CPL_ROW = st.lists(_CPL_CELL, min_size=1, max_size=8)


@settings(max_examples=50, deadline=None)
@given(st.lists(_CPL_ROW, min_size=1, max_size=6))
def test_cell_per_line_reads_back_any_rows_written_one_cell_per_line(
    grid: list[list[str]],
) -> None:
    text = "\n\n".join("\n".join("\t" + cell for cell in row) for row in grid) + "\n"
    rows = CELL_PER_LINE.extract(block(text))
    assert [list(row.cells) for row in rows] == grid
    pos = 0
    for row, written in zip(rows, grid, strict=True):
        expected_starts = []
        for cell in written:
            expected_starts.append(pos + 1)  # after the tab
            pos += 1 + len(cell) + 1
        pos += 1  # the blank line between rows
        assert list(row.starts) == expected_starts


# --- ocr-split ------------------------------------------------------------------------------------


def test_ocr_split_joins_a_tail_line_to_the_label_of_the_row_above() -> None:
    grid = OCR_SPLIT.extract(block(OCR_TEXT))
    assert cells(grid) == [
        ("", "", "4. 保护第三方合法权益", "0", "0", "0"),
        ("5. 属于三类内部事务信息", "", "2", "0", "2"),
        ("", "6. 属于四类过 程性信息", "1", "0", "1"),
        ("", "7. 属于行政执 法案卷", "0", "0", "0"),
    ]


def test_ocr_split_keeps_the_offsets_of_the_row_the_tail_joins() -> None:
    grid = OCR_SPLIT.extract(block(OCR_TEXT))
    row = grid[1]
    assert row.starts[0] == OCR_TEXT.index("5. 属于三类内")
    assert row.starts[2] == OCR_TEXT.index("2\t0\t2")


def test_ocr_split_joins_a_tail_across_a_blank_line() -> None:
    text = "5. 属于三类内\t\t0\t0\n\n\t部事务信息\t\t\t\n"
    assert cells(OCR_SPLIT.extract(block(text))) == [("5. 属于三类内部事务信息", "", "0", "0")]


def test_ocr_split_joins_the_tail_to_the_last_label_cell_before_the_values() -> None:
    text = "\t(三) 不予公开\t3. 危害国家\t1\t0\t1\n\t安全及“三稳”\t\t\n"
    (row,) = OCR_SPLIT.extract(block(text))
    assert row.cells == ("", "(三) 不予公开", "3. 危害国家安全及“三稳”", "1", "0", "1")


def test_ocr_split_does_not_join_a_line_that_opens_a_numbered_row() -> None:
    text = "5. 属于三类内部事务信息\t\t0\t0\n\t6. 属于四类过程性信息\t\t\n"
    assert cells(OCR_SPLIT.extract(block(text))) == [
        ("5. 属于三类内部事务信息", "", "0", "0"),
        ("", "6. 属于四类过程性信息", "", ""),
    ]


def test_ocr_split_does_not_join_text_below_a_row_without_values() -> None:
    text = "行政复议\t\t\n\t结果维持\t\t\n"
    assert cells(OCR_SPLIT.extract(block(text))) == [
        ("行政复议", "", ""),
        ("", "结果维持", "", ""),
    ]


def test_ocr_split_skips_blank_lines() -> None:
    text = "\n甲\t1\n\n   \n乙\t2\n"
    assert cells(OCR_SPLIT.extract(block(text))) == [("甲", "1"), ("乙", "2")]


# --- scores ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [TAB_TEXT, CELL_TEXT, OCR_TEXT, "", "\n\n", "一段说明文字\n"])
@pytest.mark.parametrize("extractor", BUILTINS, ids=lambda e: e.name)
def test_scores_are_between_zero_and_one(extractor: Extractor, text: str) -> None:
    assert 0.0 <= extractor.score(block(text)) <= 1.0


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="\t\n 甲乙内部0123.、（）", max_size=80))
def test_scores_of_any_text_are_between_zero_and_one(text: str) -> None:
    for extractor in BUILTINS:
        assert 0.0 <= extractor.score(block(text)) <= 1.0


@pytest.mark.parametrize("extractor", BUILTINS, ids=lambda e: e.name)
def test_a_block_without_text_scores_zero(extractor: Extractor) -> None:
    assert extractor.score(block("\n\n  \n")) == 0.0


@pytest.mark.parametrize(
    ("text", "winner"),
    [(TAB_TEXT, "tab"), (CELL_TEXT, "cell-per-line"), (OCR_TEXT, "ocr-split")],
    ids=["tab", "cell-per-line", "ocr-split"],
)
def test_each_extractor_scores_highest_on_its_own_layout(text: str, winner: str) -> None:
    scores = {e.name: e.score(block(text)) for e in BUILTINS}
    best = scores.pop(winner)
    assert all(best > other for other in scores.values()), (winner, best, scores)


@pytest.mark.parametrize("path", SEED_FILES, ids=[p.stem for p in SEED_FILES])
def test_seed_section_three_is_read_by_the_layout_its_expected_file_names(path: Path) -> None:
    report = govreport.parse_file(path)
    assert report.extractors["applications"] == expected_for(path)["layout"]


# --- the registry ---------------------------------------------------------------------------------


class _Probe:
    """A minimal extractor that reads nothing and scores nothing."""

    priority = 0

    def __init__(self, name: str) -> None:
        self.name = name

    def score(self, block: Block) -> float:
        return 0.0

    def extract(self, block: Block) -> Grid:
        return ()


@pytest.fixture
def cleanup() -> Iterator[list[str]]:
    """Names registered by a test; each is unregistered afterwards, whatever happens."""
    names: list[str] = []
    yield names
    for name in names:
        if name in registry.names():
            registry.unregister(name)


def test_names_lists_the_three_builtin_layouts_sorted() -> None:
    names = registry.names()
    assert {"tab", "cell-per-line", "ocr-split"} <= set(names)
    assert list(names) == sorted(names)


def test_get_returns_the_extractor_registered_under_a_name() -> None:
    assert isinstance(registry.get("tab"), TabExtractor)
    assert isinstance(registry.get("cell-per-line"), CellPerLineExtractor)
    assert isinstance(registry.get("ocr-split"), OcrSplitExtractor)


def test_registering_a_name_twice_raises_extractor_error(cleanup: list[str]) -> None:
    first = _Probe("test-duplicate")
    registry.register(first)
    cleanup.append("test-duplicate")
    with pytest.raises(govreport.ExtractorError) as info:
        registry.register(_Probe("test-duplicate"))
    assert info.value.extractor == "test-duplicate"
    assert registry.get("test-duplicate") is first


def test_registering_a_builtin_name_again_raises_extractor_error() -> None:
    original = registry.get("tab")
    try:
        with pytest.raises(govreport.ExtractorError):
            registry.register(_Probe("tab"))
        assert registry.get("tab") is original
    finally:
        registry.register(original, replace=True)


def test_replace_true_replaces_an_extractor_of_the_same_name(cleanup: list[str]) -> None:
    registry.register(_Probe("test-replace"))
    cleanup.append("test-replace")
    second = _Probe("test-replace")
    registry.register(second, replace=True)
    assert registry.get("test-replace") is second


def test_register_works_as_a_class_decorator(cleanup: list[str]) -> None:
    @govreport.register
    class Decorated:
        name = "test-decorated"
        priority = 1

        def score(self, block: Block) -> float:
            return 0.0

        def extract(self, block: Block) -> Grid:
            return ()

    cleanup.append("test-decorated")
    assert isinstance(Decorated, type)  # the decorator gives the class back
    assert "test-decorated" in registry.names()
    assert isinstance(registry.get("test-decorated"), Decorated)


def test_register_with_replace_works_as_a_decorator_factory(cleanup: list[str]) -> None:
    registry.register(_Probe("test-factory"))
    cleanup.append("test-factory")

    @registry.register(replace=True)
    class Replacement:
        name = "test-factory"
        priority = 1

        def score(self, block: Block) -> float:
            return 0.0

        def extract(self, block: Block) -> Grid:
            return ()

    assert isinstance(registry.get("test-factory"), Replacement)


def test_registering_something_that_is_not_an_extractor_raises() -> None:
    class NoExtract:
        name = "test-incomplete"
        priority = 1

        def score(self, block: Block) -> float:
            return 0.0

    with pytest.raises(govreport.ExtractorError):
        registry.register(NoExtract())  # type: ignore[call-overload]
    assert "test-incomplete" not in registry.names()


def test_unregister_removes_a_name(cleanup: list[str]) -> None:
    registry.register(_Probe("test-unregister"))
    cleanup.append("test-unregister")
    registry.unregister("test-unregister")
    assert "test-unregister" not in registry.names()
    with pytest.raises(govreport.ExtractorError):
        registry.get("test-unregister")


def test_parse_with_an_unknown_extractor_name_lists_the_known_names() -> None:
    text = SEED_TAB.read_text("utf-8")
    with pytest.raises(govreport.ExtractorError) as info:
        govreport.parse(text, extractors=["nope"])
    assert info.value.extractor == "nope"
    message = str(info.value)
    for name in ("tab", "cell-per-line", "ocr-split"):
        assert name in message


def test_parse_with_extractors_pins_the_layout() -> None:
    text = SEED_CELLS.read_text("utf-8")
    assert govreport.parse(text).extractors["applications"] == "cell-per-line"
    pinned = govreport.parse(text, extractors=["tab"])
    assert set(pinned.extractors.values()) == {"tab"}


def test_parse_with_a_pinned_layout_that_fits_gives_the_same_values() -> None:
    text = SEED_TAB.read_text("utf-8")
    free = govreport.parse(text)
    pinned = govreport.parse(text, extractors=["tab"])
    assert pinned.applications == free.applications
    assert pinned.review_litigation == free.review_litigation


# --- plugins --------------------------------------------------------------------------------------


class _ScoreRaises:
    name = "test-score-raises"
    priority = 100

    def score(self, block: Block) -> float:
        raise RuntimeError("score exploded")

    def extract(self, block: Block) -> Grid:
        return ()


class _ExtractRaises:
    name = "test-extract-raises"
    priority = 100

    def score(self, block: Block) -> float:
        return 1.0

    def extract(self, block: Block) -> Grid:
        raise RuntimeError("extract exploded")


class _TabCopy:
    """A plugin that reads tab rows like the built-in, but is sure of itself."""

    name = "test-tab-copy"
    priority = 100

    def score(self, block: Block) -> float:
        return 1.0

    def extract(self, block: Block) -> Grid:
        return tuple(
            Row(
                cells=tuple(c.strip() for c in line.split("\t")),
                starts=tuple(_cell_starts(line, start)),
            )
            for line, start in zip(block.lines, block.line_starts, strict=True)
            if line.strip()
        )


def _cell_starts(line: str, start: int) -> Iterator[int]:
    pos = start
    for piece in line.split("\t"):
        stripped = piece.strip()
        yield pos + (piece.index(stripped[0]) if stripped else 0)
        pos += len(piece) + 1


@pytest.mark.parametrize("plugin", [_ScoreRaises(), _ExtractRaises()], ids=lambda p: p.name)
def test_a_plugin_that_raises_does_not_break_the_parse(
    plugin: Extractor, cleanup: list[str]
) -> None:
    text = SEED_CELLS.read_text("utf-8")
    baseline = govreport.parse(text)
    registry.register(plugin)
    cleanup.append(plugin.name)
    report = govreport.parse(text)
    assert report.applications == baseline.applications
    assert report.active_disclosure == baseline.active_disclosure
    assert report.review_litigation == baseline.review_litigation
    assert dict(report.extractors) == dict(baseline.extractors)
    failed = [f for f in report.findings if f.code == "extractor-failed"]
    assert len(failed) == 3  # one per table
    assert all(plugin.name in f.message for f in failed)
    assert all(f.line is not None for f in failed)


def test_a_plugin_that_scores_highest_reads_the_tables(cleanup: list[str]) -> None:
    text = SEED_TAB.read_text("utf-8")
    baseline = govreport.parse(text)
    registry.register(_TabCopy())
    cleanup.append(_TabCopy.name)
    report = govreport.parse(text)
    assert set(report.extractors.values()) == {"test-tab-copy"}
    assert report.applications == baseline.applications
    assert [f for f in report.findings if f.code == "extractor-failed"] == []


def test_a_registered_plugin_can_be_pinned_by_name(cleanup: list[str]) -> None:
    registry.register(_TabCopy())
    cleanup.append(_TabCopy.name)
    text = SEED_TAB.read_text("utf-8")
    report = govreport.parse(text, extractors=["test-tab-copy"])
    assert set(report.extractors.values()) == {"test-tab-copy"}
