"""The PDF-text and Markdown layouts: ``aligned`` (space-aligned columns) and ``pipe``.

Hand-written blocks for what each extractor must do with a layout's quirks (cells, offsets,
wrapped and vertical labels, merged cells, page footers, blank cells), whole reports written
in each layout from known numbers, the scores that pick a layout, and the real pdftotext
document of the shared corpus (skipped, saying why, when ``../shared`` is absent).
"""

from __future__ import annotations

import random
from collections import Counter
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govreport
from govreport import registry
from govreport.extractors import (
    BUILTIN,
    AlignedExtractor,
    Block,
    Grid,
    PipeExtractor,
)

from .conftest import CORPUS, SEED_FILES

ALIGNED = AlignedExtractor()
PIPE = PipeExtractor()
HUAIAN = CORPUS / "huaian-2024"
needs_corpus = pytest.mark.skipif(
    not HUAIAN.is_dir(), reason=f"the shared corpus is not beside this checkout ({HUAIAN})"
)


def block(text: str, before: str = "") -> Block:
    """``text`` as a table block that begins after ``before`` (offsets count from 0)."""
    whole = before + text
    return Block.from_text(whole, len(before), len(whole), section=3)


def cells(grid: Grid) -> list[tuple[str, ...]]:
    return [row.cells for row in grid]


def lines(*texts: str) -> str:
    return "\n".join(texts)


def at(*pairs: tuple[int, str]) -> str:
    """One line with each text at its column (counted in characters, as pdftotext does)."""
    line = ""
    for column, text in pairs:
        line = line.ljust(column) + text
    return line


def numbers(first: int, values: str, step: int = 8) -> list[tuple[int, str]]:
    """``values`` (space-separated) placed ``step`` columns apart from column ``first``."""
    return [(first + step * i, value) for i, value in enumerate(values.split())]


def starts_point_at_cells(grid: Grid, text: str) -> None:
    for row in grid:
        for cell, start in zip(row.cells, row.starts, strict=True):
            if cell:
                assert text[start] == cell[0], (cell, start)


# --- aligned: cells and offsets ---------------------------------------------------------------


def test_aligned_splits_at_runs_of_spaces_and_keeps_single_spaces_inside_a_cell() -> None:
    text = lines(
        "第二十条 第（一）项",
        "",
        at((0, "规章"), (14, "1"), (25, "0"), (34, "11")),
    )
    assert cells(ALIGNED.extract(block(text))) == [
        ("第二十条 第（一）项", ""),
        ("规章", "1", "0", "11"),
    ]


def test_aligned_cell_starts_are_offsets_in_the_text_not_in_the_block() -> None:
    before = "一、总体情况\n正文。\n"
    text = lines(
        at((6, "（一）予以公开"), (32, "1288"), (44, "21"), (53, "0")),
        "",
        at((0, "行政许可"), (14, "447228")),
    )
    grid = ALIGNED.extract(block(text, before))
    whole = before + text
    assert grid[0].starts == tuple(
        whole.index(c, len(before)) for c in ("（一）予以公开", "1288", "21", "0")
    )
    starts_point_at_cells(grid, whole)


def test_aligned_splits_numbers_one_space_apart() -> None:
    text = at((0, "规章"), (14, "1 0 11"))
    grid = ALIGNED.extract(block(text))
    assert cells(grid) == [("规章", "1", "0", "11")]
    assert grid[0].starts == (0, 14, 16, 18)


def test_aligned_splits_a_number_one_space_after_its_label() -> None:
    text = at((13, "3.危及“三安全一稳定” 5"), (40, "0"), (48, "5"))
    grid = ALIGNED.extract(block(text))
    assert cells(grid) == [("3.危及“三安全一稳定”", "5", "0", "5")]
    starts_point_at_cells(grid, text)


# --- aligned: wrapped labels -------------------------------------------------------------------


def test_aligned_label_wrapped_above_and_below_a_row_without_label_is_its_label() -> None:
    text = lines(
        at((6, "（二）部分公开（区分处理的，只计这一情")),
        at(*numbers(32, "447 7 0 454")),
        at((6, "形，不计其他情形）")),
    )
    grid = ALIGNED.extract(block(text))
    assert cells(grid) == [
        ("（二）部分公开（区分处理的，只计这一情", "形，不计其他情形）", "447", "7", "0", "454")
    ]
    starts_point_at_cells(grid, text)


def test_aligned_numbered_start_of_a_label_joins_it_across_a_blank_line() -> None:
    # Real pdftotext: the start of a three-line label above a blank line, the middle on the
    # row's line, the end below it.
    text = lines(
        at((15, "1、申请人无正当理由逾期不补")),
        "",
        at((15, "正、行政机关不再处理其政府信"), *numbers(40, "67 3 71")),
        at((15, "息公开申请")),
    )
    assert cells(ALIGNED.extract(block(text))) == [
        (
            "1、申请人无正当理由逾期不补",
            "正、行政机关不再处理其政府信",
            "息公开申请",
            "67",
            "3",
            "71",
        )
    ]


def test_aligned_text_below_a_numbered_label_continues_it() -> None:
    text = lines(
        at((15, "5.要求行政机关确认或重新出"), *numbers(40, "1 0 1")),
        at((15, "具已获取信息")),
    )
    assert cells(ALIGNED.extract(block(text))) == [
        ("5.要求行政机关确认或重新出", "具已获取信息", "1", "0", "1")
    ]


def test_aligned_text_directly_above_an_unnumbered_label_begins_it() -> None:
    text = lines(
        at((0, "行政规范")),
        at((0, "性文件"), *numbers(20, "8 26 66")),
    )
    assert cells(ALIGNED.extract(block(text))) == [("行政规范", "性文件", "8", "26", "66")]


def test_aligned_text_below_an_unnumbered_label_is_not_taken_for_its_tail() -> None:
    # `第二十条 第（五）项` right under the last row of a part of section 二 heads the next
    # part; an unnumbered label gives no sign that it wrapped.
    text = lines(
        at((0, "行政规范性文件"), *numbers(20, "8 26 66")),
        "第二十条 第（五）项",
    )
    assert cells(ALIGNED.extract(block(text))) == [
        ("行政规范性文件", "8", "26", "66"),
        ("第二十条 第（五）项", ""),
    ]


def test_aligned_a_header_line_over_the_values_is_not_part_of_a_label() -> None:
    text = lines(
        at((0, "信息内容"), (20, "本年制发件数"), (34, "本年废止件数")),
        at((0, "规章"), *numbers(20, "1 0")),
    )
    assert cells(ALIGNED.extract(block(text))) == [
        ("信息内容", ""),
        ("本年制发件数", ""),
        ("本年废止件数", ""),
        ("规章", "1", "0"),
    ]


def test_aligned_label_wrapped_around_a_merged_cell_on_the_rows_line() -> None:
    text = lines(
        at((26, "1.属于国")),
        at((5, "（三）不予公开"), *numbers(40, "1 0 1")),
        at((26, "家秘密")),
    )
    assert cells(ALIGNED.extract(block(text))) == [
        ("（三）不予公开", "1.属于国", "家秘密", "1", "0", "1")
    ]


# --- aligned: vertical labels, merged cells, headers, pages -----------------------------------

# 三、本年度办理结果 printed one character per line down the left edge, as in the corpus.
VERTICAL = lines(
    at((13, "1.属于国家秘密"), *numbers(32, "2 0 2")),
    "三、",
    "",
    at((0, "本"), (13, "2.其他法律行政法规禁止公开"), *numbers(32, "30 1 31")),
    "",
    "年",
    at((13, "3.危及“三安全一稳定”"), *numbers(32, "5 0 5")),
    "度",
    "",
    at((0, "办"), (13, "4.保护第三方合法权益"), *numbers(32, "6 0 6")),
    "理",
    "结",
    "",
    at((0, "果"), (13, "6.属于四类过程性信息"), *numbers(32, "12 0 12")),
)


def test_aligned_vertical_label_is_one_cell_and_stays_out_of_the_rows() -> None:
    grid = ALIGNED.extract(block(VERTICAL))
    assert cells(grid) == [
        ("1.属于国家秘密", "2", "0", "2"),
        ("三、本年度办理结果",),
        ("2.其他法律行政法规禁止公开", "30", "1", "31"),
        ("3.危及“三安全一稳定”", "5", "0", "5"),
        ("4.保护第三方合法权益", "6", "0", "6"),
        ("6.属于四类过程性信息", "12", "0", "12"),
    ]
    assert grid[1].starts == (VERTICAL.index("三、"),)


def test_aligned_rows_labelled_by_one_character_are_not_a_vertical_label() -> None:
    text = lines(at((0, "甲"), (8, "1")), at((0, "乙"), (8, "2")), at((0, "丙"), (8, "3")))
    assert cells(ALIGNED.extract(block(text))) == [("甲", "1"), ("乙", "2"), ("丙", "3")]


def test_aligned_vertical_character_on_a_row_whose_label_wrapped_away() -> None:
    text = lines(
        "三、",
        "本",
        at((6, "（二）部分公开（区分处理的，只计这一情")),
        at((0, "年"), *numbers(32, "447 7 454")),
        at((6, "形，不计其他情形）")),
        "度",
    )
    assert cells(ALIGNED.extract(block(text))) == [
        ("三、本年度",),
        ("（二）部分公开（区分处理的，只计这一情", "形，不计其他情形）", "447", "7", "454"),
    ]


def test_aligned_merged_cell_beside_rows_is_one_cell() -> None:
    text = lines(
        at((13, "4.保护第三方合法权益"), *numbers(32, "6 0 6")),
        at((6, "（三）不")),
        "",
        at((6, "予公开")),
        at((13, "5.属于三类内部事务信息"), *numbers(32, "7 1 8")),
    )
    assert cells(ALIGNED.extract(block(text))) == [
        ("4.保护第三方合法权益", "6", "0", "6"),
        ("（三）不予公开", ""),
        ("5.属于三类内部事务信息", "7", "1", "8"),
    ]


def test_aligned_merged_cell_continues_across_a_page_break_onto_a_rows_line() -> None:
    text = lines(
        at((13, "1.本机关不掌握相关政府信息"), *numbers(32, "746 12 769")),
        at((6, "（四）无")),
        "",
        "-4-",
        "\f" + at((5, "法提供"), (16, "2.没有现成信息需要另行制作"), *numbers(40, "11 0 11"))[1:],
    )
    grid = ALIGNED.extract(block(text))
    assert cells(grid) == [
        ("1.本机关不掌握相关政府信息", "746", "12", "769"),
        ("（四）无法提供", ""),
        ("-4-",),
        ("2.没有现成信息需要另行制作", "11", "0", "11"),
    ]
    starts_point_at_cells(grid, text)


def test_aligned_merged_cell_repeated_beside_each_row_stays_in_each_row() -> None:
    text = lines(
        at((0, "行政诉讼"), (12, "未经复议直接起诉"), *numbers(30, "1 0 1")),
        "",
        at((0, "行政诉讼"), (12, "复议后起诉"), *numbers(30, "0 0 0")),
    )
    assert cells(ALIGNED.extract(block(text))) == [
        ("行政诉讼", "未经复议直接起诉", "1", "0", "1"),
        ("行政诉讼", "复议后起诉", "0", "0", "0"),
    ]


def test_aligned_header_cells_printed_over_two_lines_are_joined() -> None:
    text = lines(
        at((0, "（本列数据的勾稽关系为：第一项加第二项之和，"), (40, "法人或其他组织")),
        at((0, "等于第三项加第四项之和）")),
        at((31, "自然人"), (80, "总计")),
        at((40, "商业企"), (49, "科研机"), (57, "社会公益"), (66, "法律服务")),
        at((75, "其他")),
        at((40, "业"), (49, "构"), (57, "组织"), (66, "机构")),
    )
    assert sorted(cells(ALIGNED.extract(block(text)))) == sorted(
        [
            ("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", ""),
            # A heading over five columns is not the first line of the first of them.
            ("法人或其他组织", ""),
            ("自然人", ""),
            ("总计", ""),
            ("商业企业", ""),
            ("科研机构", ""),
            ("社会公益组织", ""),
            ("法律服务机构", ""),
            ("其他", ""),
        ]
    )


def test_aligned_page_footer_is_a_row_and_a_form_feed_takes_no_column() -> None:
    text = lines(
        at((0, "行政许可"), (30, "447228")),
        "",
        at((43, "-3-")),
        "\f信息内容" + " " * 26 + "本年处理决定数量",
        at((0, "行政处罚"), (30, "3985758")),
    )
    grid = ALIGNED.extract(block(text))
    assert cells(grid) == [
        ("行政许可", "447228"),
        ("-3-",),
        ("信息内容", ""),
        ("本年处理决定数量", ""),
        ("行政处罚", "3985758"),
    ]
    starts_point_at_cells(grid, text)


def test_aligned_nothing_on_a_line_it_cannot_place_is_dropped() -> None:
    text = lines(
        at((0, "规章"), *numbers(20, "1 0 11")),
        "",
        "注：本表数据截至2024年12月31日。",
    )
    assert cells(ALIGNED.extract(block(text)))[-1] == ("注：本表数据截至2024年12月31日。", "")


# --- aligned: blank cells ----------------------------------------------------------------------


def test_aligned_a_missing_value_between_numbers_is_an_empty_cell_in_its_column() -> None:
    text = lines(
        at((0, "一、本年新收"), *numbers(20, "41 1 0 42")),
        at((0, "二、上年结转"), (20, "5"), (28, "0"), (44, "5")),
    )
    grid = ALIGNED.extract(block(text))
    assert cells(grid)[1] == ("二、上年结转", "5", "0", "", "5")
    # The empty cell stands where the value before it ends.
    assert grid[1].starts[3] == text.index("0", text.index("二")) + 1


def test_aligned_a_missing_last_value_is_an_empty_cell_at_the_edge() -> None:
    text = lines(
        at((0, "规章"), *numbers(20, "1 0 11")),
        at((0, "行政规范性文件"), *numbers(20, "8 26")),
    )
    assert cells(ALIGNED.extract(block(text)))[1] == ("行政规范性文件", "8", "26", "")


def test_aligned_values_that_fit_no_columns_are_kept_as_printed() -> None:
    # Both values nearest the first column: no placement is sure, so none is made.
    text = lines(
        at((0, "规章"), *numbers(20, "1 0 11")),
        at((0, "行政规范性文件"), (18, "8"), (21, "26")),
    )
    assert cells(ALIGNED.extract(block(text)))[1] == ("行政规范性文件", "8", "26")


def wide_at(*pairs: tuple[int, str]) -> str:
    """One line with each text at its display column: a Chinese character is two wide."""
    line, width = "", 0
    for column, text in pairs:
        line += " " * (column - width) + text
        width = column + sum(2 if "\u3000" <= c <= "\uffef" else 1 for c in text)
    return line


def test_aligned_reads_text_aligned_by_display_width() -> None:
    # Aligned for a terminal, where a Chinese character is two columns wide: in characters
    # the values and the wrapped label's pieces do not line up; in display columns they do.
    text = lines(
        wide_at((4, "（二）部分公开"), (48, "1"), (53, "2"), (58, "3")),
        wide_at((4, "（三）不予公开"), (22, "1.属于国家")),
        wide_at((48, "4"), (53, "5"), (58, "9")),
        wide_at((22, "秘密")),
        wide_at((0, "四、结转下年度继续办理"), (48, "6"), (53, "7"), (58, "13")),
    )
    assert text.split("\n")[2].index("4") != text.split("\n")[0].index("1")
    assert cells(ALIGNED.extract(block(text))) == [
        ("（二）部分公开", "1", "2", "3"),
        ("（三）不予公开", ""),
        ("1.属于国家", "秘密", "4", "5", "9"),
        ("四、结转下年度继续办理", "6", "7", "13"),
    ]


# --- aligned: properties -----------------------------------------------------------------------

_WORDS = st.sampled_from(
    ["规章", "本", "三、", "（三）不", "予公开", "1.属于国家", "秘密", "-4-", "总计", "结 果"]
)
_VALUES = st.sampled_from(["0", "12", "3,119", "/", "—", "96171.6", "1O"])


@st.composite
def aligned_texts(draw: st.DrawFn) -> str:
    """Lines of words and values at random columns, blank lines and form feeds between."""
    out = []
    for _ in range(draw(st.integers(1, 12))):
        line = "\f" if draw(st.booleans()) and draw(st.booleans()) else ""
        for cell in draw(st.lists(st.one_of(_WORDS, _VALUES), max_size=6)):
            line += " " * draw(st.integers(0 if not line.strip() else 1, 9)) + cell
        out.append(line)
    return "\n".join(out)


@settings(deadline=None)
@given(aligned_texts(), st.text(alphabet="正文\n", max_size=5))
def test_aligned_keeps_every_character_and_places_every_cell(text: str, before: str) -> None:
    grid = ALIGNED.extract(block(text, before))
    printed = Counter(c for c in text if not c.isspace())
    read = Counter(c for row in grid for cell in row.cells for c in cell if not c.isspace())
    assert read == printed
    starts_point_at_cells(grid, before + text)


RENDERED_ROWS = [
    ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
    ["规章", "", "0", "5"],
    ["行政规范性文件", "3", "1", "20"],
    [
        "三、本年度办理结果",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        "5",
        "1",
        "6",
    ],
    ["", "1.本机关不掌握相关政府信息", "4", "", "6"],
]


def labels_and_values(grid: Grid) -> list[tuple[str, tuple[str, ...]]]:
    """Each row of values as (its label cells joined, its three value cells)."""
    return [
        ("".join(row.cells[:-3]), row.cells[-3:])
        for row in grid
        if any(cell[:1].isdigit() for cell in row.cells)
    ]


READ_BACK = [
    ("规章", ("", "0", "5")),
    ("行政规范性文件", ("3", "1", "20")),
    ("三、本年度办理结果（二）部分公开（区分处理的，只计这一情形，不计其他情形）", ("5", "1", "6")),
    ("1.本机关不掌握相关政府信息", ("4", "", "6")),
]


def test_aligned_reads_back_what_it_renders() -> None:
    grid = ALIGNED.extract(block(ALIGNED.render(RENDERED_ROWS)))
    assert [row.cells for row in grid if any(c[:1].isdigit() for c in row.cells)] == [
        ("规章", "", "0", "5"),
        ("行政规范性文件", "3", "1", "20"),
        (
            "三、本年度办理结果",
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
            "5",
            "1",
            "6",
        ),
        ("1.本机关不掌握相关政府信息", "4", "", "6"),
    ]


@settings(deadline=None)
@given(st.integers(0, 2**32))
def test_aligned_reads_back_what_it_renders_with_pdftotext_breaks(seed: int) -> None:
    # Wrapped labels come back in pieces (each a cell, with its own offset); joined, they
    # are the label rendered.
    text = ALIGNED.render(RENDERED_ROWS, rng=random.Random(seed))
    assert labels_and_values(ALIGNED.extract(block(text))) == READ_BACK


# --- pipe ----------------------------------------------------------------------------------------


def test_pipe_reads_cells_between_pipes_and_skips_the_delimiter_row() -> None:
    text = lines(
        "| 信息内容 | 本年制发件数 | 本年废止件数 |",
        "|---|:---:|---:|",
        "| 规章 | 0 |  |",
    )
    grid = PIPE.extract(block(text))
    assert cells(grid) == [("信息内容", "本年制发件数", "本年废止件数"), ("规章", "0", "")]
    starts_point_at_cells(grid, text)
    # An empty cell stands where it would be: after its opening pipe.
    assert grid[1].starts[2] == text.rindex("|", 0, len(text) - 1) + 1


def test_pipe_rows_without_outer_pipes_once_a_table_has_begun() -> None:
    text = lines("信息内容 | 本年处理决定数量", "--- | ---", "行政许可 | 120")
    assert cells(PIPE.extract(block(text))) == [
        ("信息内容", "本年处理决定数量"),
        ("行政许可", "120"),
    ]


def test_pipe_a_row_of_dashes_after_the_first_data_row_is_a_row_of_blanks() -> None:
    text = lines(
        "| 行政复议 | 结果维持 | 结果纠正 |", "|---|---|---|", "| 行政诉讼 | 1 | 2 |", "| | - | - |"
    )
    assert cells(PIPE.extract(block(text)))[-1] == ("", "-", "-")


def test_pipe_markup_inside_cells_is_not_text() -> None:
    text = lines(
        "| 标签 | 数 |",
        "|---|---|",
        "| （二）部分公开<br>（区分处理的） | 5 |",
        "| **（七）总计** | **40** |",
        r"| 甲\|乙 | 1 |",
    )
    grid = PIPE.extract(block(text))
    assert cells(grid)[1:] == [
        ("（二）部分公开（区分处理的）", "5"),
        ("（七）总计", "40"),
        ("甲|乙", "1"),
    ]
    assert grid[2].starts == (text.index("**（七）"), text.index("**40"))


def test_pipe_text_between_tables_is_a_row_of_its_own() -> None:
    text = lines("| 规章 | 1 |", "|---|---|", "", "第二十条第（五）项", "", "| 行政许可 | 120 |")
    assert cells(PIPE.extract(block(text))) == [
        ("规章", "1"),
        ("第二十条第（五）项",),
        ("行政许可", "120"),
    ]


def test_pipe_reads_back_what_it_renders() -> None:
    rows = [["信息内容", "本年制发件数"], ["规章", ""], ["甲|乙", "3"], ["", "—"]]
    assert cells(PIPE.extract(block(PIPE.render(rows)))) == [tuple(row) for row in rows]


# --- whole reports -------------------------------------------------------------------------------

#: The values both synthetic reports print, in the keys of FORMAT.md (R1–R4 hold).
KNOWN: dict[str, Any] = {
    "agency": "某某县人民政府办公室",
    "year": 2024,
    "active_disclosure": {
        "regulations": {"issued": None, "repealed": 0, "in_force": 5},
        "normative_documents": {"issued": 3, "repealed": 1, "in_force": 20},
        "licensing": 120,
        "punishment": 35,
        "enforcement": 4,
        "fees": "0.5",
    },
    "review_litigation": {
        "review": {"upheld": 2, "corrected": 1, "other": 0, "pending": 0, "total": 3},
        "litigation_direct": {"upheld": 1, "corrected": 0, "other": 0, "pending": 1, "total": 2},
        "litigation_after_review": {
            "upheld": 0,
            "corrected": 0,
            "other": 0,
            "pending": 0,
            "total": 0,
        },
    },
}
_COLUMNS = ("natural_person", "commercial", "research", "social_welfare", "legal_service")
_ROWS = {  # section 三: row path -> the seven printed numbers
    "new_received": "40 3 0 1 2 0 46",
    "carried_over": "2 0 0 0 0 0 2",
    "results.granted": "20 1 0 0 1 0 22",
    "results.partially_granted": "5 1 0 0 0 0 6",
    "results.denied.state_secret": "1 0 0 0 0 0 1",
    "results.denied.prohibited_by_law": "0 0 0 0 0 0 0",
    "results.denied.security_stability": "0 0 0 0 0 0 0",
    "results.denied.third_party_rights": "2 0 0 0 0 0 2",
    "results.denied.internal_affairs": "0 0 0 0 0 0 0",
    "results.denied.process_information": "1 0 0 0 0 0 1",
    "results.denied.enforcement_files": "0 0 0 0 0 0 0",
    "results.denied.administrative_query": "3 0 0 0 0 0 3",
    "results.unable_to_provide.not_held": "4 1 0 1 0 0 6",
    "results.unable_to_provide.needs_creation": "0 0 0 0 0 0 0",
    "results.unable_to_provide.still_unclear": "1 0 0 0 0 0 1",
    "results.not_processed.complaint": "0 0 0 0 0 0 0",
    "results.not_processed.repeated": "2 0 0 0 0 0 2",
    "results.not_processed.publication": "0 0 0 0 0 0 0",
    "results.not_processed.excessive": "0 0 0 0 0 0 0",
    "results.not_processed.confirmation": "0 0 0 0 0 0 0",
    "results.other_handling.overdue_correction": "1 0 0 0 0 0 1",
    "results.other_handling.unpaid_fee": "0 0 0 0 0 0 0",
    "results.other_handling.other": "0 0 0 0 1 0 1",
    "results.total": "40 3 0 1 2 0 46",
    "carried_forward": "2 0 0 0 0 0 2",
}
for _path, _printed in _ROWS.items():
    _node = KNOWN.setdefault("applications", {})
    *_parents, _leaf = _path.split(".")
    for _part in _parents:
        _node = _node.setdefault(_part, {})
    _node[_leaf] = dict(zip((*_COLUMNS, "other", "total"), map(int, _printed.split()), strict=True))

V3 = (34, 46, 58)  # value columns of section 二 (3 values)
V7 = (34, 42, 50, 58, 66, 74, 82)  # value columns of section 三, first page
V7B = tuple(c + 6 for c in V7)  # … second page: pdftotext shifts a page's columns


def row(labels: list[tuple[int, str]], values: str, columns: tuple[int, ...]) -> str:
    """A row's line: its label cells at their columns, then ``values`` in ``columns``."""
    placed = [(c, v) for c, v in zip(columns, values.split(), strict=True) if v != "_"]
    return at(*labels, *placed)


# What `pdftotext -layout` makes of such a report: columns counted in characters, the title
# over two lines, page footers and form feeds, labels wrapped around their numbers, the
# vertical label 三、本年度办理结果, group labels beside their rows (（四）无法提供 across a
# page break), header cells over two lines, a blank cell (规章's 本年制发件数), section 四's
# fifteen numbers on one line under its headers.
ALIGNED_REPORT = lines(
    at((10, "某某县人民政府办公室")),
    at((5, "2024 年政府信息公开工作年度报告")),
    "",
    at((3, "一、总体情况")),
    at((3, "本年度，本机关认真贯彻落实《中华人民共和国政府信息公开条例》。")),
    "",
    at((5, "二、主动公开政府信息情况")),
    "第二十条 第（一）项",
    "",
    at((0, "信息内容"), (14, "本年制发件数"), (28, "本年废止件数"), (42, "现行有效件数")),
    "",
    row([(0, "规章")], "_ 0 5", V3),
    "",
    row([(0, "行政规范性文件")], "3 1 20", V3),
    "",
    "第二十条 第（五）项",
    "",
    at((0, "信息内容"), (30, "本年处理决定数量")),
    "",
    row([(0, "行政许可")], "120", (34,)),
    "",
    at((40, "-1-")),
    "\f第二十条 第（六）项",
    "",
    at((0, "信息内容"), (30, "本年处理决定数量")),
    "",
    row([(0, "行政处罚")], "35", (34,)),
    "",
    row([(0, "行政强制")], "4", (34,)),
    "",
    "第二十条 第（八）项",
    "",
    at((0, "信息内容"), (30, "本年收费金额（单位：万元）")),
    "",
    row([(0, "行政事业性收费")], "0.5", (34,)),
    "",
    at((6, "三、收到和处理政府信息公开申请情况")),
    at((60, "申请人情况")),
    "",
    at((0, "（本列数据的勾稽关系为：第一项加第二项之和，"), (48, "法人或其他组织")),
    at((0, "等于第三项加第四项之和）")),
    at((34, "自然人"), (82, "总计")),
    at((42, "商业企"), (50, "科研机"), (58, "社会公益"), (66, "法律服务")),
    at((74, "其他")),
    at((42, "业"), (50, "构"), (58, "组织"), (66, "机构")),
    "",
    row([(0, "一、本年新收政府信息公开申请数量")], "40 3 0 1 2 0 46", V7),
    "",
    row([(0, "二、上年结转政府信息公开申请数量")], "2 0 0 0 0 0 2", V7),
    "",
    row([(6, "（一）予以公开")], "20 1 0 0 1 0 22", V7),
    "",
    at((6, "（二）部分公开（区分处理的，只计这一情")),
    row([], "5 1 0 0 0 0 6", V7),
    at((6, "形，不计其他情形）")),
    "",
    row([(13, "1.属于国家秘密")], "1 0 0 0 0 0 1", V7),
    "三、",
    "",
    row([(0, "本"), (13, "2.其他法律行政法规禁止公开")], "0 0 0 0 0 0 0", V7),
    "",
    "年",
    row([(13, "3.危及“三安全一稳定”")], "0 0 0 0 0 0 0", V7),
    "度",
    "",
    row([(0, "办"), (13, "4.保护第三方合法权益")], "2 0 0 0 0 0 2", V7),
    at((6, "（三）不")),
    "理",
    at((6, "予公开")),
    row([(13, "5.属于三类内部事务信息")], "0 0 0 0 0 0 0", V7),
    "结",
    "",
    row([(0, "果"), (13, "6.属于四类过程性信息")], "1 0 0 0 0 0 1", V7),
    "",
    row([(13, "7.属于行政执法案卷")], "0 0 0 0 0 0 0", V7),
    "",
    row([(13, "8.属于行政查询事项")], "3 0 0 0 0 0 3", V7),
    "",
    row([(13, "1.本机关不掌握相关政府信息")], "4 1 0 1 0 0 6", V7),
    at((6, "（四）无")),
    "",
    "-2-",
    "\f" + row([(6, "法提供"), (16, "2.没有现成信息需要另行制作")], "0 0 0 0 0 0 0", V7B),
    "",
    row([(15, "3.补正后申请内容仍不明确")], "1 0 0 0 0 0 1", V7B),
    "",
    row([(15, "1.信访举报投诉类申请")], "0 0 0 0 0 0 0", V7B),
    "",
    row([(15, "2.重复申请")], "2 0 0 0 0 0 2", V7B),
    "",
    row([(5, "（五）不"), (15, "3.要求提供公开出版物")], "0 0 0 0 0 0 0", V7B),
    at((5, "予处理")),
    row([(15, "4.无正当理由大量反复申请")], "0 0 0 0 0 0 0", V7B),
    "",
    at((15, "5.要求行政机关确认或重新出")),
    row([], "0 0 0 0 0 0 0", V7B),
    at((15, "具已获取信息")),
    "",
    at((15, "1、申请人无正当理由逾期不补")),
    "",
    row([(15, "正、行政机关不再处理其政府信")], "1 0 0 0 0 0 1", V7B),
    at((15, "息公开申请")),
    "",
    at((5, "（六）其")),
    at((15, "2、申请人逾期未按收费通知要")),
    at((5, "他处理")),
    row([(15, "求缴纳费用、行政机关不再处理")], "0 0 0 0 0 0 0", V7B),
    at((15, "其政府信息公开申请")),
    "",
    row([(15, "3、其他")], "0 0 0 0 1 0 1", V7B),
    "",
    row([(5, "（七）总计")], "40 3 0 1 2 0 46", V7B),
    "",
    row([(0, "四、结转下年度继续办理")], "2 0 0 0 0 0 2", V7B),
    "",
    at((5, "四、政府信息公开行政复议、行政诉讼情况")),
    at((0, "行政复议"), (30, "行政诉讼")),
    "",
    at((30, "未经复议直接起诉"), (68, "复议后起诉")),
    "",
    at((0, "结果"), (5, "结果"), (11, "其他结"), (18, "尚未")),
    at((24, "总计")),
    at(
        (30, "结 果"),
        (36, "结果"),
        (45, "其他"),
        (54, "尚未"),
        (68, "结果"),
        (73, "结果"),
        (79, "其他"),
        (84, "尚未审"),
    ),
    at((0, "维持"), (5, "纠正"), (11, "果"), (18, "审结")),
    at((63, "总计"), (92, "总计")),
    at(
        (30, "维持"),
        (36, "纠正"),
        (45, "结果"),
        (54, "审结"),
        (68, "维持"),
        (73, "纠正"),
        (79, "结果"),
        (84, "结"),
    ),
    "",
    row(
        [],
        "2 1 0 0 3 1 0 0 1 2 0 0 0 0 0",
        (0, 5, 11, 18, 24, 30, 36, 45, 54, 63, 68, 73, 79, 84, 92),
    ),
    "",
    at((7, "五、存在的主要问题及改进情况")),
    at((7, "信息公开的及时性还需提高。")),
    "",
    at((6, "六、其他需要报告的事项")),
    at((6, "本年度未收取信息处理费。")),
    "",
    at((40, "-3-")),
    "\f",
)

# The same report as Markdown from a document converter: pipe tables with and without
# outer pipes, delimiter rows, merged cells left empty, a line break and bold inside cells.
PIPE_REPORT = lines(
    "某某县人民政府办公室2024年政府信息公开工作年度报告",
    "",
    "一、总体情况",
    "",
    "本年度，本机关认真贯彻落实《中华人民共和国政府信息公开条例》。",
    "",
    "二、主动公开政府信息情况",
    "",
    "| 第二十条第（一）项 | | | |",
    "|---|---|---|---|",
    "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |",
    "| 规章 | | 0 | 5 |",
    "| 行政规范性文件 | 3 | 1 | 20 |",
    "",
    "第二十条第（五）项",
    "",
    "| 信息内容 | 本年处理决定数量 |",
    "| :--- | ---: |",
    "| 行政许可 | 120 |",
    "",
    "第二十条第（六）项",
    "",
    "信息内容 | 本年处理决定数量",
    "--- | ---",
    "行政处罚 | 35",
    "行政强制 | 4",
    "",
    "| 第二十条第（八）项 | |",
    "|---|---|",
    "| 信息内容 | 本年收费金额（单位：万元） |",
    "| 行政事业性收费 | 0.5 |",
    "",
    "三、收到和处理政府信息公开申请情况",
    "",
    "| （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | | | 申请人情况 |"
    " | | | | | |",
    "|---|---|---|---|---|---|---|---|---|---|",
    "| | | | 自然人 | 法人或其他组织 | | | | | 总计 |",
    "| | | | | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | |",
    "| 一、本年新收政府信息公开申请数量 | | | 40 | 3 | 0 | 1 | 2 | 0 | 46 |",
    "| 二、上年结转政府信息公开申请数量 | | | 2 | 0 | 0 | 0 | 0 | 0 | 2 |",
    "| 三、本年度办理结果 | （一）予以公开 | | 20 | 1 | 0 | 0 | 1 | 0 | 22 |",
    "| | （二）部分公开<br>（区分处理的，只计这一情形，不计其他情形） | "
    "| 5 | 1 | 0 | 0 | 0 | 0 | 6 |",
    "| | （三）不予公开 | 1.属于国家秘密 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |",
    "| | | 2.其他法律行政法规禁止公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
    "| | | 3.危及“三安全一稳定” | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
    "| | | 4.保护第三方合法权益 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |",
    "| | | 5.属于三类内部事务信息 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
    "| | | 6.属于四类过程性信息 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |",
    "| | | 7.属于行政执法案卷 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
    "| | | 8.属于行政查询事项 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |",
    "| | （四）无法提供 | 1.本机关不掌握相关政府信息 | 4 | 1 | 0 | 1 | 0 | 0 | 6 |",
    "| | | 2.没有现成信息需要另行制作 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
    "| | | 3.补正后申请内容仍不明确 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |",
    "| | （五）不予处理 | 1.信访举报投诉类申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
    "| | | 2.重复申请 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |",
    "| | | 3.要求提供公开出版物 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
    "| | | 4.无正当理由大量反复申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
    "| | | 5.要求行政机关确认或重新出具已获取信息 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
    "| | （六）其他处理 | 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"
    " | 1 | 0 | 0 | 0 | 0 | 0 | 1 |",
    "| | | 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"
    " | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
    "| | | 3.其他 | 0 | 0 | 0 | 0 | 1 | 0 | 1 |",
    "| | **（七）总计** | | **40** | **3** | **0** | **1** | **2** | **0** | **46** |",
    "| 四、结转下年度继续办理 | | | 2 | 0 | 0 | 0 | 0 | 0 | 2 |",
    "",
    "四、政府信息公开行政复议、行政诉讼情况",
    "",
    "| 行政复议 | | | | | 行政诉讼 | | | | | | | | | |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    "| | | | | | 未经复议直接起诉 | | | | | 复议后起诉 | | | | |",
    "| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结"
    " | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |",
    "| 2 | 1 | 0 | 0 | 3 | 1 | 0 | 0 | 1 | 2 | 0 | 0 | 0 | 0 | 0 |",
    "",
    "五、存在的主要问题及改进情况",
    "",
    "信息公开的及时性还需提高。",
    "",
    "六、其他需要报告的事项",
    "",
    "本年度未收取信息处理费。",
)


def subset(data: Any, keys: Any) -> Any:
    """``data`` reduced to the keys ``keys`` holds, recursively."""
    if isinstance(keys, dict):
        return {key: subset(data[key], value) for key, value in keys.items()}
    return data


@pytest.mark.parametrize(
    ("layout", "text"),
    [("aligned", ALIGNED_REPORT), ("pipe", PIPE_REPORT)],
    ids=["aligned", "pipe"],
)
def test_a_whole_report_in_the_layout_gives_its_known_values(layout: str, text: str) -> None:
    report = govreport.parse(text)
    assert subset(govreport.to_dict(report), KNOWN) == KNOWN
    assert report.extractors == dict.fromkeys(
        ("active_disclosure", "applications", "review_litigation"), layout
    )


@pytest.mark.parametrize(
    ("layout", "text"),
    [("aligned", ALIGNED_REPORT), ("pipe", PIPE_REPORT)],
    ids=["aligned", "pipe"],
)
def test_a_whole_report_in_the_layout_leaves_nothing_unexplained(layout: str, text: str) -> None:
    # Only page numbers are noted: every header, merged cell and label piece was placed.
    report = govreport.parse(text)
    assert {(f.severity.value, f.code) for f in report.findings} <= {("info", "page-number")}


def test_the_aligned_report_places_a_wrapped_rows_values_on_the_line_of_its_numbers() -> None:
    report = govreport.parse(ALIGNED_REPORT)
    numbers_line = ALIGNED_REPORT.split("\n").index(row([], "5 1 0 0 0 0 6", V7)) + 1
    place = report.place("$.applications.results.partially_granted.total")
    assert place is not None
    assert (place.line, place.column) == (numbers_line, 83)


# --- scores --------------------------------------------------------------------------------------

OWN_TEXTS = {
    "tab": (
        "\t\t自然人\t总计\n"
        "一、本年新收政府信息公开申请数量\t\t41\t42\n"
        "二、上年结转政府信息公开申请数量\t\t5\t5\n"
    ),
    "cell-per-line": (
        "\t一、本年新收政府信息公开申请数量\n\t41\n\t42\n\n"
        "\t二、上年结转政府信息公开申请数量\n\t5\n\t5\n"
    ),
    "ocr-split": (
        "\t\t4. 保护第三方合法权益\t0\t0\t0\n"
        "5. 属于三类内\t\t2\t0\t2\n"
        "\t部事务信息\t\t\t\n"
        "\t6. 属于四类过 程性信息\t1\t0\t1\n"
        "\t7. 属于行政执 法案卷\t0\t0\t0\n"
    ),
    "aligned": VERTICAL,
    "pipe": "| 规章 | 0 | 0 | 5 |\n|---|---|---|---|\n| 行政规范性文件 | 3 | 1 | 20 |\n",
}


@pytest.mark.parametrize("layout", list(OWN_TEXTS))
def test_each_layout_wins_on_its_own_text(layout: str) -> None:
    ranked = registry.rank(block(OWN_TEXTS[layout]), BUILTIN)
    assert ranked[0][1].name == layout


@pytest.mark.parametrize("extractor", [ALIGNED, PIPE], ids=lambda e: e.name)
@pytest.mark.parametrize("layout", list(OWN_TEXTS))
def test_the_new_layouts_score_nothing_on_the_others_texts(extractor: Any, layout: str) -> None:
    if layout != extractor.name:
        assert extractor.score(block(OWN_TEXTS[layout])) == 0.0


@pytest.mark.parametrize("path", SEED_FILES, ids=[p.stem for p in SEED_FILES])
def test_the_new_layouts_score_nothing_on_the_seed_tables(path: Any) -> None:
    doc = govreport.parse_file(path, check=False)
    assert not {"aligned", "pipe"} & set(doc.extractors.values())
    text = path.read_text("utf-8") if path.stem != "002_12269b7cdbe31fd9" else ""
    if text:
        assert ALIGNED.score(block(text)) == PIPE.score(block(text)) == 0.0


def test_aligned_scores_lines_of_numbers_after_spaces_not_numbers_on_their_own() -> None:
    reading_order = "规章\n\n1\n\n0\n\n11\n"  # `pdftotext` without -layout
    assert ALIGNED.score(block(reading_order)) == 0.0
    assert ALIGNED.score(block(at((0, "规章"), (14, "1"), (25, "0")))) > 0.9


def test_pipe_scores_half_without_a_delimiter_row() -> None:
    assert PIPE.score(block("| 规章 | 0 |\n| 行政许可 | 120 |")) == 0.5
    assert PIPE.score(block("| 规章 | 0 |\n|---|---|\n| 行政许可 | 120 |")) == 1.0


# --- the corpus ----------------------------------------------------------------------------------


@needs_corpus
def test_huaian_pdftotext_layout_is_read_by_aligned_with_nothing_unexplained() -> None:
    report = govreport.parse_file(HUAIAN / "pdftotext-layout.txt")
    assert set(report.extractors.values()) == {"aligned"}
    assert {(f.severity.value, f.code) for f in report.findings} == {
        ("info", "page-number"),
        ("info", "outside-sections"),
    }


@needs_corpus
def test_huaian_pdftotext_layout_places_values_on_their_printed_lines() -> None:
    report = govreport.parse_file(HUAIAN / "pdftotext-layout.txt")
    places = {
        # `447 … 454` stands on the line between the two halves of its wrapped label.
        "$.applications.results.partially_granted.total": (130, 81),
        "$.active_disclosure.fees": (106, 31),
        "$.review_litigation.litigation_after_review.total": (220, 93),
    }
    for path, (line, column) in places.items():
        place = report.place(path)
        assert place is not None
        assert (place.line, place.column) == (line, column), path


@needs_corpus
def test_huaian_pdftotext_in_reading_order_is_not_taken_for_aligned_columns() -> None:
    report = govreport.parse_file(HUAIAN / "pdftotext-raw.txt")
    assert not {"aligned", "pipe"} & set(report.extractors.values())


def test_a_row_printed_as_its_label_alone_is_a_row_of_blank_cells() -> None:
    # pdftotext prints nothing for an empty cell: a row whose cells are all blank is its
    # label alone on its line, read as blanks (None), not as a row with its cells missing.
    printed = row([(0, "行政强制")], "4", (34,))
    report = govreport.parse(ALIGNED_REPORT.replace(printed, "行政强制"))
    assert report.active_disclosure is not None
    assert report.active_disclosure.enforcement is None
    assert report.active_disclosure.punishment == 35
    assert [f for f in report.findings if f.severity.value != "info"] == []
