"""Rule N1: the numbers the narrative states, against the tables.

Seed 004's section 一 says: 新受理政府信息公开申请103件，上年结转5件，已办结106件，结转到
2025年继续办理2件，因政府信息公开引起的行政复议16件，行政诉讼5件 — all in agreement with its
tables. Altering one of them gives one N1 warning that stands at the statement (line and
column of the words in the source) and whose path is the table cell.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from attrs import evolve
from hypothesis import example, given, settings
from hypothesis import strategies as st

import govreport
from govreport import Finding, Report, Severity
from govreport.checks import check_report
from govreport.narrative import (
    _QUANTITIES,
    Statement,
    _statement,
    _statements_in,
    check_narrative,
    statements,
)

from .test_checks import (
    LINES_000,
    SEED_000,
    SEED_004,
    TEXT_000,
    TEXT_004,
    edit_004,
    line_004,
    text_place,
)

NEW_TOTAL = "$.applications.new_received.total"


def n1(report: Report) -> list[Finding]:
    return [f for f in report.findings if f.code == "N1"]


def replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


# --- statements that agree -----------------------------------------------------------------


def test_seed_004_states_six_figures_that_all_agree_with_its_tables() -> None:
    report = govreport.parse_file(SEED_004)
    found = [(s.quantity, s.value, s.path) for s in statements(report)]
    assert found == [
        ("applications received", 103, NEW_TOTAL),
        ("applications carried over", 5, "$.applications.carried_over.total"),
        ("applications completed", 106, "$.applications.results.total.total"),
        ("applications carried forward", 2, "$.applications.carried_forward.total"),
        ("administrative reviews", 16, "$.review_litigation.review.total"),
        ("administrative lawsuits", 5, "$.review_litigation.litigation_direct.total"),
    ]
    assert check_narrative(report) == []
    assert n1(report) == []


def test_clean_seed_has_no_n1(seed: Path) -> None:
    assert n1(govreport.parse_file(seed)) == []


# --- statements that disagree --------------------------------------------------------------


def test_new_received_103_to_104_in_the_narrative_gives_one_n1_at_the_statement() -> None:
    text = edit_004({}, {"新受理政府信息公开申请103件": "新受理政府信息公开申请104件"})
    report = govreport.parse(text)
    (finding,) = n1(report)
    line, column = text_place(text, "新受理政府信息公开申请104件")  # at 新, where it begins
    assert (finding.severity, finding.path, finding.line, finding.column) == (
        Severity.WARNING,
        NEW_TOTAL,
        line,
        column,
    )
    # It cites both places: the words and their number, the table's cell and its line.
    assert "新受理政府信息公开申请104件" in finding.message
    assert "(104)" in finding.message
    assert f"(line {line_004(NEW_TOTAL)}) is 103" in finding.message
    assert [f for f in report.findings if f.severity is Severity.ERROR] == []


@pytest.mark.parametrize(
    ("old", "new", "path", "table"),
    [
        ("上年结转5件", "上年结转6件", "$.applications.carried_over.total", 5),
        ("已办结106件", "已办结107件", "$.applications.results.total.total", 106),
        (
            "结转到2025年继续办理2件",
            "结转到2025年继续办理3件",
            "$.applications.carried_forward.total",
            2,
        ),
        ("行政复议16件", "行政复议17件", "$.review_litigation.review.total", 16),
    ],
    ids=["carried_over", "completed", "carried_forward", "review"],
)
def test_each_stated_figure_that_disagrees_gives_one_n1(
    old: str, new: str, path: str, table: int
) -> None:
    text = edit_004({}, {old: new})
    (finding,) = n1(govreport.parse(text))
    quoted = new.removeprefix("已")
    assert (finding.path, finding.line, finding.column) == (path, *text_place(text, quoted))
    assert f"line {line_004(path)}" in finding.message
    assert f"is {table}" in finding.message


def test_lawsuits_are_compared_with_both_kinds_of_litigation_together() -> None:
    # 行政诉讼5件 is 0 未经复议直接起诉 + 5 复议后起诉; saying 6 disagrees with that sum.
    text = edit_004({}, {"行政诉讼5件": "行政诉讼6件"})
    (finding,) = n1(govreport.parse(text))
    assert (finding.line, finding.column) == text_place(text, "行政诉讼6件")
    assert finding.path == "$.review_litigation.litigation_direct.total"
    assert "未经复议直接起诉 + 复议后起诉" in finding.message
    assert finding.message.endswith("is 5")


def test_lawsuits_that_agree_with_the_sum_give_no_n1() -> None:
    # 5 stated; the table now prints 2 direct + 3 after review (each group whole).
    text = edit_004(
        {
            "$.review_litigation.litigation_direct.upheld": ("0", "2"),
            "$.review_litigation.litigation_direct.total": ("0", "2"),
            "$.review_litigation.litigation_after_review.upheld": ("3", "1"),
            "$.review_litigation.litigation_after_review.total": ("5", "3"),
        }
    )
    assert n1(govreport.parse(text)) == []


def test_a_table_change_the_narrative_does_not_follow_gives_n1_at_the_narrative() -> None:
    text = edit_004({"$.applications.carried_forward.total": ("2", "3")})
    (finding,) = n1(govreport.parse(text))
    assert (finding.line, finding.column) == text_place(text, "结转到2025年继续办理2件")
    assert finding.path == "$.applications.carried_forward.total"


def test_a_blank_table_cell_is_not_contradicted_by_the_narrative() -> None:
    # The text says 103; the table printed "/": nothing to compare (R3/R1 are unchecked).
    text = edit_004({NEW_TOTAL: ("103", "/")})
    assert n1(govreport.parse(text)) == []


def test_a_statement_in_the_preface_is_checked_at_its_place() -> None:
    preface = "结合区政府办公室信息公开工作有关统计数据编制本年度报告。"
    text = edit_004({}, {preface: preface + "全年新收政府信息公开申请110件。"})
    report = govreport.parse(text)
    (finding,) = n1(report)
    assert (finding.path, finding.line, finding.column) == (
        NEW_TOTAL,
        *text_place(text, "新收政府信息公开申请110件"),
    )
    assert finding.line == 3  # the preface line, before section 一


def test_place_is_in_the_source_when_normalization_changes_the_text() -> None:
    # Full-width indentation and full-width digits: normalized away, yet the place is the
    # line and column of the original characters.
    text = edit_004(
        {},
        {
            "以贯彻实施新修订": "\u3000\u3000以贯彻实施新修订",
            "申请103件，上年": "申请１０４件，上年",
        },
    )
    (finding,) = n1(govreport.parse(text))
    assert (finding.line, finding.column) == text_place(text, "新受理政府信息公开申请１０４件")
    assert "(104)" in finding.message


def test_tab_seed_statement_with_spaces_is_placed_in_the_source() -> None:
    text = replace_once(TEXT_000, "共收到信息公开申请 1 件", "共收到信息公开申请 2 件")
    (finding,) = n1(govreport.parse(text))
    line, column = text_place(text, "收到信息公开申请 2 件")
    assert (finding.path, finding.line, finding.column) == (NEW_TOTAL, line, column)
    assert f"(line {_tab_new_received_line()}) is 1" in finding.message


def _tab_new_received_line() -> int:
    (line,) = [
        n
        for n, text in enumerate(LINES_000, 1)
        if text.startswith("一、本年新收政府信息公开申请数量")
    ]
    return line


# --- phrases that are not about applications ------------------------------------------------


def test_seed_000_counts_its_one_application_not_the_hotline_figures() -> None:
    # Seed 000 says 市长热线全年接受转办 290 件，受理群众反映问题 118 件 (not applications)
    # and 共收到信息公开申请 1 件 (its table: 1).
    report = govreport.parse_file(SEED_000)
    assert "受理群众反映问题 118 件" in report.overview
    assert [(s.quantity, s.value) for s in statements(report)] == [("applications received", 1)]
    assert n1(report) == []


AFTER = "全年共发布主动公开信息780条"


@pytest.mark.parametrize(
    "phrase",
    [
        "受理群众反映问题 118 件",
        "市长热线全年接受转办 290 件",
        "收到人大代表建议3件",
        "接收群众来信12件",
    ],
)
def test_a_phrase_not_about_applications_gives_no_n1(phrase: str) -> None:
    report = govreport.parse(edit_004({}, {AFTER: f"{AFTER}，{phrase}"}))
    assert n1(report) == []
    assert len(statements(report)) == 6  # only the six figures about applications


@pytest.mark.parametrize(
    "phrase",
    ["办结群众反映问题 118 件", "答复网民留言118件", "办理完毕政协提案4件"],
)
def test_completed_matters_that_are_not_applications_give_no_n1(phrase: str) -> None:
    report = govreport.parse(edit_004({}, {AFTER: f"{AFTER}，{phrase}"}))
    assert n1(report) == []


def test_statements_are_read_from_the_unaltered_text_of_seed_004() -> None:
    # Guard for the tests above: the anchor they insert after is in the overview.
    assert AFTER in TEXT_004
    assert AFTER in govreport.parse_file(SEED_004).overview


# --- patterns tried only where their keys stand ----------------------------------------------

_KEYED = [p for q in _QUANTITIES for p in q.patterns if p.starts is not None]
# Verbs, keys, their pieces, digits, 件 and clause marks: texts dense in near-misses and
# overlaps (办结转, 新收到), for every pattern.
_PIECES = st.sampled_from(
    [
        "新收",
        "收到",
        "新受理",
        "受理",
        "接收",
        "新",
        "收",
        "受",
        "办结",
        "答复",
        "办理完毕",
        "办理",
        "申请",
        "结转",
        "复议",
        "上",
        "上一",
        "上年",
        "上一年度",
        "年",
        "年度",
        "下",
        "下一",
        "到",
        "至",
        "2025",
        "继续办理",
        "顺延",
        "行政",
        "行政复议",
        "行政诉讼",
        "诉讼",
        "现行有效",
        "的",
        "规范性文件",
        "政府",
        "规章",
        "维持",
        "率",
        "1",
        "23",
        "件",
        " ",
        "\n",
        "，",
        "。",
        "：",
        "了",
        "共",
        "群众",
    ]
)
_TEXTS = st.lists(_PIECES, max_size=40).map("".join)


def test_each_verb_holds_a_key_at_an_offset_its_pattern_tries() -> None:
    # The patterns that begin with verbs: a verb at `at` holds a key at `at - offset`.
    led = [p for p in _KEYED if p.regex.pattern.startswith("(?:")]
    assert len(led) == 2
    for pattern in led:
        assert pattern.starts is not None
        verbs = pattern.regex.pattern[3 : pattern.regex.pattern.index(")")].split("|")
        for verb in verbs:
            assert any(
                verb[-d : -d + len(key) or None] == key
                for key, offsets in zip(pattern.keys, pattern.starts, strict=True)
                for d in offsets
            ), verb


def test_each_anchor_begins_with_a_key_of_its_pattern() -> None:
    searched = [p for q in _QUANTITIES for p in q.patterns if p.starts is None]
    assert searched
    for pattern in searched:
        assert pattern.anchors
        assert all(anchor.startswith(pattern.keys) for anchor in pattern.anchors)


@settings(max_examples=500, deadline=None)
@given(_TEXTS)
@example("上一年度结转3件，上年度结转 4件。上一年结转5件；上年结转6件")
@example("新收到申请3件，接收申请4件，新受理申请5件，办结转6件，结转到2025 年继续办理7件")
@example("现行有效的行政规范性文件8件，现行有效规章9件；10件顺延至下一年")
def test_matches_tried_where_keys_stand_are_the_matches_finditer_finds(text: str) -> None:
    for pattern in (p for q in _QUANTITIES for p in q.patterns):
        fast = [(m.span(), m.groupdict()) for m in pattern.finditer(text)]
        slow = [(m.span(), m.groupdict()) for m in pattern.regex.finditer(text)]
        assert fast == slow


#: Each pattern's expression with its possessive `mid` made lazy, as first written.
_LAZY = [
    (p.regex, re.compile(p.regex.pattern.replace("}+)(?P<n>", "}?)(?P<n>")))
    for q in _QUANTITIES
    for p in q.patterns
]


def test_every_mid_before_a_number_is_possessive() -> None:
    assert sum(lazy.pattern != fast.pattern for fast, lazy in _LAZY) == 8


@settings(max_examples=500, deadline=None)
@given(_TEXTS)
@example("新受理政府信息公开申请103件，上年结转5件，已办结106件")
@example("行政复议 其他申请其他申请其他申请 16件")
def test_possessive_mids_match_as_lazy_ones_do(text: str) -> None:
    for fast, lazy in _LAZY:
        found = [(m.span(), m.groupdict()) for m in fast.finditer(text)]
        assert found == [(m.span(), m.groupdict()) for m in lazy.finditer(text)]


def _statements_searched(text: str) -> list[Statement]:
    """The statements of ``text`` as every expression's own search finds them."""
    found = (
        _statement(q, m, "text")
        for q in _QUANTITIES
        for p in q.patterns
        for m in p.regex.finditer(text)
    )
    return [s for s in found if s is not None]


@settings(max_examples=500, deadline=None)
@given(_TEXTS)
def test_statements_are_those_the_expressions_own_search_finds(text: str) -> None:
    assert _statements_in(text, "text") == _statements_searched(text)


# Whole statements in clauses of filler: the keys are looked for only between the clause of
# a text's first 件 and just past its last (see _matches_in); the examples stand at the bounds.
_STATEMENTS = st.sampled_from(
    [
        "新受理申请103件",
        "上年结转5件",
        "已办结106件",
        "结转到2025年继续办理2件",
        "2件顺延至下一年",
        "3件 其他 结转到下年",
        "行政复议16件",
        "行政诉讼5件",
        "现行有效规范性文件8件",
        "现行有效的政府规章9件",
        "收到申请1件",
    ]
)
_FILLER = st.sampled_from(["", "，", "。", "；", "件", "3件", "其他", "\n", " ", "共"])
_CLAUSES = st.lists(st.tuples(_FILLER, _STATEMENTS, _FILLER).map("".join), max_size=6).map("".join)


@settings(max_examples=300, deadline=None)
@given(_CLAUSES)
@example("5件一二三四顺延到下年")
@example("其他，行政复议3件")
@example("行政复议，3件")
@example("上年结转5件。收到申请1件")
def test_statements_in_the_part_looked_in_are_those_of_the_whole_text(text: str) -> None:
    assert _statements_in(text, "text") == _statements_searched(text)


@pytest.mark.parametrize("text", [TEXT_000, TEXT_004], ids=["000", "004"])
def test_matches_in_seed_texts_are_the_matches_finditer_finds(text: str) -> None:
    for pattern in (p for q in _QUANTITIES for p in q.patterns):
        fast = [m.span() for m in pattern.finditer(text)]
        slow = [m.span() for m in pattern.regex.finditer(text)]
        assert fast == slow
    assert _statements_in(text, "text") == _statements_searched(text)
    assert _statements_in(text, "text")


def test_check_findings_added_by_parse_make_the_report_evolve_would_build() -> None:
    text = edit_004(
        {"$.applications.new_received.total": ("103", "104")},
        {"行政复议16件": "行政复议17件"},
    )
    report = govreport.parse(text)
    unchecked = govreport.parse(text, check=False)
    extra = check_report(unchecked) + check_narrative(unchecked)
    assert extra
    expected = evolve(unchecked, findings=unchecked.findings + tuple(extra))
    assert report == expected
    assert report.findings[-len(extra) :] == tuple(extra)
