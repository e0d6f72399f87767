"""The skeleton: the title and the six numbered sections, and what is not one."""

from __future__ import annotations

import re
import subprocess
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import govreport
from govreport.errors import GovReportError, SkeletonError
from govreport.model import Place, Severity
from govreport.normalize import normalize
from govreport.skeleton import Skeleton, find_skeleton

from .conftest import SEEDS

NUMERALS = "一二三四五六"
WORDS = [
    "总体情况",
    "主动公开政府信息情况",
    "收到和处理政府信息公开申请情况",
    "政府信息公开行政复议、行政诉讼情况",
    "存在的主要问题及改进情况",
    "其他需要报告的事项",
]
HEADINGS = [f"{NUMERALS[i]}、{w}" for i, w in enumerate(WORDS)]
TITLE = "测试县人民政府2024年政府信息公开工作年度报告"
AGENCY = "测试县人民政府"
ROW_ZEROS = "\t".join(["0"] * 7)
BODIES = [
    "本年度政务公开工作有序推进。",
    "规章\t0\t0\t0\n行政规范性文件\t1\t0\t5",
    "一、本年新收政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1\n"
    "二、上年结转政府信息公开申请数量\t" + ROW_ZEROS + "\n"
    "三、本年度办理结果\t（一）予以公开\t1\t0\t0\t0\t0\t0\t1\n"
    "四、结转下年度继续办理\t" + ROW_ZEROS,
    "\t".join(["0"] * 15),
    "信息公开工作的主动性有待提高。",
    "本年度未收取信息处理费。",
]

SEED_TAB = SEEDS / "000_fac155a733d850ab.txt"
SEED_CELLS = SEEDS / "004_26e628ebac378d18.txt"


def build(
    headings: list[str] | None = None,
    *,
    title: str = TITLE,
    sections: tuple[int, ...] = (1, 2, 3, 4, 5, 6),
) -> str:
    """A small report: the title line, then each section's heading line and body."""
    headings = headings if headings is not None else HEADINGS
    lines = [title]
    for n in sections:
        lines += [headings[n - 1], BODIES[n - 1]]
    return "\n".join(lines) + "\n"


def skeleton_of(text: str) -> Skeleton:
    return find_skeleton(normalize(text))


def line_of(text: str, line_text: str, start: int = 0) -> int:
    """1-based number of the first line of ``text`` equal to ``line_text`` (from ``start``)."""
    return text.split("\n").index(line_text, start) + 1


def skeleton_error(text: str) -> SkeletonError:
    with pytest.raises(SkeletonError) as info:
        skeleton_of(text)
    return info.value


# --- A complete report ----------------------------------------------------------------------


def test_synthetic_report_has_six_sections_in_order_with_their_headings() -> None:
    skeleton = skeleton_of(build())
    assert [s.number for s in skeleton.sections] == [1, 2, 3, 4, 5, 6]
    assert [s.heading for s in skeleton.sections] == HEADINGS
    assert skeleton.repeated_headings == ()


def test_synthetic_report_headings_start_where_their_lines_start() -> None:
    text = build()
    skeleton = skeleton_of(text)
    assert [s.heading_start for s in skeleton.sections] == [
        text.index("\n" + h + "\n") + 1 for h in HEADINGS
    ]
    assert skeleton.front_end == skeleton.sections[0].heading_start


def test_synthetic_report_section_bodies_span_the_text_between_headings() -> None:
    text = build()
    skeleton = skeleton_of(text)
    for section, body in zip(skeleton.sections, BODIES, strict=True):
        assert text[section.body_start : section.body_end].strip() == body
        assert section.body_start == section.heading_start + len(HEADINGS[section.number - 1])
    ends = [s.body_end for s in skeleton.sections]
    assert ends == [s.heading_start for s in skeleton.sections[1:]] + [len(text)]


def test_synthetic_report_title_gives_agency_and_year() -> None:
    title = skeleton_of(build()).title
    assert title is not None
    assert (title.title, title.agency, title.year) == (TITLE, AGENCY, 2024)
    assert (title.start, title.end, title.letterhead_end) == (0, len(TITLE), 0)


def test_parse_of_synthetic_report_reads_title_and_text_sections() -> None:
    report = govreport.parse(build())
    assert (report.title, report.agency, report.year) == (TITLE, AGENCY, 2024)
    assert report.letterhead == ""
    assert report.preface == ""
    assert report.overview == BODIES[0]
    assert report.problems_and_improvements == BODIES[4]
    assert report.other_matters == BODIES[5]


def test_parse_of_synthetic_report_reads_a_table_value_from_the_right_section() -> None:
    report = govreport.parse(build())
    assert isinstance(report.active_disclosure, govreport.ActiveDisclosure)
    assert report.active_disclosure.normative_documents.in_force == 5
    assert report.applications.new_received.natural_person == 1
    assert report.applications.results.granted.total == 1
    assert report.applications.carried_forward.total == 0
    assert report.review_litigation.review.total == 0


# --- Heading variants -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "form",
    [
        "{n}、{w}",
        "{n}.{w}",
        "{n}．{w}",
        "{n},{w}",
        "{n}，{w}",
        "{n}：{w}",
        "{n}{w}",
        "{n} 、 {w}",
        "{n}、 {w}",
        "{n} {w}",
        "  {n}、{w}",
        "\t{n}、{w}",
        "\u3000\u3000{n}、{w}",
        "{a}、{w}",
        "{a}.{w}",
        "{a}. {w}",
        "  {a}、 {w}",
    ],
)
def test_heading_variant_is_recognised(form: str) -> None:
    headings = [form.format(n=NUMERALS[i], a=i + 1, w=w) for i, w in enumerate(WORDS)]
    text = build(headings)
    skeleton = skeleton_of(text)
    doc = normalize(text)
    assert [s.number for s in skeleton.sections] == [1, 2, 3, 4, 5, 6]
    for section, printed in zip(skeleton.sections, headings, strict=True):
        assert section.heading.endswith(WORDS[section.number - 1])
        assert section.heading[0] in (NUMERALS[section.number - 1], str(section.number))
        # The heading starts at its numeral, after any indentation.
        line = line_of(text, printed)
        indent = len(printed) - len(printed.lstrip())
        assert doc.place(section.heading_start) == Place(line, indent + 1)
    for section, body in zip(skeleton.sections, BODIES, strict=True):
        assert text[section.body_start : section.body_end].strip() == body
    assert skeleton.title is not None
    assert (skeleton.title.agency, skeleton.title.year) == (AGENCY, 2024)


def _with_heading(number: int, heading: str) -> list[str]:
    return [heading if i == number - 1 else h for i, h in enumerate(HEADINGS)]


@pytest.mark.parametrize(
    ("number", "heading"),
    [
        (2, "二、主动公开政府信息的情况"),
        (2, "二、主动公开信息情况"),
        (3, "三、收到、处理政府信息公开申请情况"),
        (3, "三、收到及处理信息公开申请的情况"),
        (4, "四、行政复议和行政诉讼情况"),
        (4, "四、政府信息公开行政复议及行政诉讼情况"),
        (5, "五、存在的问题"),
        (5, "五、存在问题及改进措施"),
        (5, "五、存在的主要问题和改进情况"),
    ],
)
def test_heading_wording_variant_is_recognised(number: int, heading: str) -> None:
    skeleton = skeleton_of(build(_with_heading(number, heading)))
    assert skeleton.sections[number - 1].heading == heading


# Each is one of the alternatives that grammars/skeleton.lark lists for a section's words
# (once dead: an ungrouped alternation left all but the first without the numeral).
@pytest.mark.parametrize(
    ("number", "heading"),
    [
        (1, "一、总体概况"),
        (1, "一、基本情况"),
        (1, "一、概述"),
        (2, "二、主动公开情况"),
        (3, "三、依申请公开情况"),
        (3, "三、依申请公开政府信息工作情况"),
        (3, "三、政府信息公开申请办理情况"),
        (4, "四、政府信息公开行政复议"),
        (5, "五、主要问题及改进情况"),
        (5, "五、主要问题和改进措施"),
        (6, "六、其他需要报告"),
        (6, "六、其他事项"),
    ],
)
def test_heading_wording_alternative_of_the_grammar_is_recognised(
    number: int, heading: str
) -> None:
    skeleton = skeleton_of(build(_with_heading(number, heading)))
    assert skeleton.sections[number - 1].heading == heading


def test_arabic_heading_six_as_in_the_seed() -> None:
    headings = [*HEADINGS[:5], "6、 其他需要报告的事项"]
    skeleton = skeleton_of(build(headings))
    assert skeleton.sections[5].heading == "6、 其他需要报告的事项"


def test_bookmark_before_a_heading_is_ignored_and_the_place_is_in_the_source() -> None:
    bookmark = "[bookmark: _GoBack]"
    headings = [*HEADINGS[:2], bookmark + HEADINGS[2], *HEADINGS[3:]]
    text = build(headings)
    doc = normalize(text)
    skeleton = find_skeleton(doc)
    section = skeleton.sections[2]
    assert section.heading == HEADINGS[2]
    assert doc.place(section.heading_start) == Place(
        line_of(text, bookmark + HEADINGS[2]), len(bookmark) + 1
    )


def test_bookmark_before_the_title_is_not_part_of_the_agency() -> None:
    report = govreport.parse(build(title="[bookmark: _GoBack]" + TITLE))
    assert (report.title, report.agency, report.year) == (TITLE, AGENCY, 2024)


def test_letterhead_line_before_the_title_is_kept_apart() -> None:
    text = build(title="测试县人民政府办公室文件\n\n" + TITLE)
    report = govreport.parse(text)
    assert report.letterhead == "测试县人民政府办公室文件"
    assert (report.title, report.agency, report.year) == (TITLE, AGENCY, 2024)


def test_title_split_over_two_lines_takes_the_agency_from_the_first() -> None:
    text = build(title="佐龙镇人民政府\n2024年度信息公开工作年度报告")
    title = skeleton_of(text).title
    assert title is not None
    assert (title.agency, title.year) == ("佐龙镇人民政府", 2024)
    assert title.start == 0  # the title begins with its agency line
    assert title.end == text.index("报告") + 2
    assert govreport.parse(text).letterhead == ""


def test_split_title_after_a_letterhead_keeps_the_letterhead_apart() -> None:
    text = build(title="岚皋县佐龙镇人民政府\n\n\n佐龙镇人民政府\n2024年度信息公开工作年度报告")
    report = govreport.parse(text)
    assert (report.agency, report.year) == ("佐龙镇人民政府", 2024)
    assert report.letterhead == "岚皋县佐龙镇人民政府"


def test_title_with_stray_spaces_gives_agency_and_year() -> None:
    report = govreport.parse(build(title="测试县人民政府 2024 年政府信息公开工作 年度报告"))
    assert (report.agency, report.year) == (AGENCY, 2024)


def test_seed_title_with_stray_spaces_gives_its_agency_and_year() -> None:
    # Line 3 of the seed: `龙亭区柳园口人民政府 2024 年政府信息公开工作 年度报告`.
    report = govreport.parse_file(SEED_TAB)
    assert (report.agency, report.year) == ("龙亭区柳园口人民政府", 2024)


def test_report_without_a_title_has_no_title() -> None:
    text = build().split("\n", 1)[1]
    assert skeleton_of(text).title is None
    report = govreport.parse(text)
    assert (report.title, report.agency, report.year) == (None, None, None)
    assert "no-title" in [f.code for f in report.findings]


# --- Table rows that carry a section's numeral ----------------------------------------------


def test_table_rows_with_section_numerals_inside_section_three_are_body_text() -> None:
    text = build()
    skeleton = skeleton_of(text)
    three, four = skeleton.sections[2], skeleton.sections[3]
    body = text[three.body_start : three.body_end]
    assert "一、本年新收政府信息公开申请数量" in body
    assert "三、本年度办理结果" in body
    assert "四、结转下年度继续办理" in body
    assert four.heading == HEADINGS[3]
    assert skeleton.repeated_headings == ()


@pytest.mark.parametrize("path", [SEED_TAB, SEED_CELLS], ids=["tab", "cell-per-line"])
def test_carried_forward_row_of_a_seed_is_not_section_four(path: Path) -> None:
    source = path.read_text("utf-8")
    lines = source.split("\n")
    # The seeds print `四、结转下年度继续办理` (a row of section 三) before section 四's heading.
    row_line = next(i for i, line in enumerate(lines) if "四、结转下年度继续办理" in line) + 1
    heading_line = line_of(source, HEADINGS[3])
    assert row_line < heading_line
    doc = normalize(source)
    skeleton = find_skeleton(doc)
    assert doc.place(skeleton.sections[3].heading_start) == Place(heading_line, 1)
    assert skeleton.repeated_headings == ()


# --- Repeated headings ----------------------------------------------------------------------


def test_heading_repeated_inside_its_section_is_text_and_is_listed() -> None:
    text = build().replace("\n二、上年结转", "\n    " + HEADINGS[2] + "\n二、上年结转")
    first = text.index(HEADINGS[2])
    again = text.index(HEADINGS[2], first + 1)
    skeleton = skeleton_of(text)
    assert skeleton.repeated_headings == ((3, again),)
    three = skeleton.sections[2]
    assert three.heading_start == first
    assert three.body_start < again < three.body_end


def test_repeated_heading_is_a_warning_finding_at_its_source_line() -> None:
    repeated = "  " + HEADINGS[2]
    text = build().replace("\n二、上年结转", "\n" + repeated + "\n二、上年结转")
    report = govreport.parse(text)
    findings = [f for f in report.findings if f.code == "repeated-heading"]
    line = line_of(text, repeated)
    assert findings == [
        govreport.Finding(
            code="repeated-heading",
            severity=Severity.WARNING,
            message="the heading of section 三 (收到和处理政府信息公开申请情况) appears again "
            "after its section began; read as text",
            path=None,
            line=line,
            column=3,
        )
    ]


def test_earlier_sections_heading_seen_in_a_later_section_is_listed_as_repeated() -> None:
    text = build().replace(BODIES[4], BODIES[4] + "\n" + HEADINGS[0])
    skeleton = skeleton_of(text)
    assert skeleton.repeated_headings == ((1, text.rindex(HEADINGS[0])),)
    assert text.index(HEADINGS[0]) == skeleton.sections[0].heading_start
    assert [s.heading for s in skeleton.sections] == HEADINGS


# --- Text that is not a report --------------------------------------------------------------


@pytest.mark.parametrize("text", ["", " \n\t\n", "\u3000\r\n"])
def test_empty_text_is_a_skeleton_error_at_line_one(text: str) -> None:
    error = skeleton_error(text)
    assert (error.line, error.column) == (1, 1)
    assert error.message == "the document is empty"
    assert error.expected == "the heading of section 一 (总体情况)"


def test_text_without_headings_is_a_skeleton_error_naming_section_one() -> None:
    last = "请各单位按时报送材料。"
    error = skeleton_error("关于做好年度工作的通知\n" + last + "\n\n")
    assert error.expected == "the heading of section 一 (总体情况)"
    assert error.message == (
        "no heading of section 一 (总体情况) found: "
        "this does not look like a 政府信息公开工作年度报告"
    )
    # At the last character of the text.
    assert (error.line, error.column) == (2, len(last))
    assert error.source_line == last


def test_title_alone_is_a_skeleton_error_naming_section_one() -> None:
    error = skeleton_error(TITLE + "\n")
    assert error.expected == "the heading of section 一 (总体情况)"
    assert (error.line, error.column) == (1, len(TITLE))


@pytest.mark.parametrize("tail", ["", "\n", "\n\n  \n"])
def test_report_cut_inside_section_three_is_an_error_expecting_section_four(tail: str) -> None:
    lines = SEED_TAB.read_text("utf-8").split("\n")
    # Seed line 50 is a row of section 三: `\t\t6. 属于四类过程性信息\t0\t0…`.
    assert "属于四类过程性信息" in lines[49]
    error = skeleton_error("\n".join(lines[:50]) + tail)
    expected = "the heading of section 四 (政府信息公开行政复议、行政诉讼情况)"
    assert error.expected == expected
    assert error.message == (
        f"the text ends inside section 三 (收到和处理政府信息公开申请情况); expected {expected}"
    )
    assert error.line == 50
    assert error.column == len(lines[49].rstrip())
    assert error.source_line == lines[49]


def test_report_missing_section_two_is_an_error_at_section_three() -> None:
    text = build(sections=(1, 3, 4, 5, 6))
    error = skeleton_error(text)
    expected = "the heading of section 二 (主动公开政府信息情况)"
    assert error.expected == expected
    assert error.message == (
        f"expected {expected}, found the heading of section 三 (收到和处理政府信息公开申请情况)"
    )
    assert (error.line, error.column) == (line_of(text, HEADINGS[2]), 1)
    assert error.source_line == HEADINGS[2]
    assert str(error) == (f"line {error.line}, column 1: {error.message}\n    {HEADINGS[2]}\n    ^")


def test_seed_missing_section_two_is_an_error_at_the_seeds_section_three_line() -> None:
    lines = SEED_TAB.read_text("utf-8").split("\n")
    start = lines.index(HEADINGS[1])
    end = lines.index(HEADINGS[2])
    text = "\n".join(lines[:start] + lines[end:])
    error = skeleton_error(text)
    assert error.expected == "the heading of section 二 (主动公开政府信息情况)"
    assert (error.line, error.column) == (start + 1, 1)


def test_indented_heading_found_out_of_order_is_placed_at_its_numeral() -> None:
    headings = [*HEADINGS[:2], "\u3000\u3000" + HEADINGS[2], *HEADINGS[3:]]
    text = build(headings, sections=(1, 3, 4, 5, 6))
    error = skeleton_error(text)
    assert (error.line, error.column) == (line_of(text, headings[2]), 3)


def test_report_missing_section_five_is_an_error_expecting_section_five() -> None:
    text = build(sections=(1, 2, 3, 4, 6))
    error = skeleton_error(text)
    assert error.expected == "the heading of section 五 (存在的主要问题及改进情况)"
    assert (error.line, error.column) == (line_of(text, HEADINGS[5]), 1)


def test_parse_raises_the_skeleton_error_with_source_places() -> None:
    # A removed bookmark before the heading shifts the reported column in the source.
    headings = [*HEADINGS[:2], "[bookmark: _GoBack]" + HEADINGS[2], *HEADINGS[3:]]
    text = build(headings, sections=(1, 3, 4, 5, 6))
    with pytest.raises(SkeletonError) as info:
        govreport.parse(text)
    assert (info.value.line, info.value.column) == (line_of(text, headings[2]), 20)


# --- Whatever the text, only govreport's errors ---------------------------------------------


@settings(max_examples=100, deadline=None)
@given(st.text())
def test_parse_of_any_text_raises_only_govreport_errors(text: str) -> None:
    try:
        report = govreport.parse(text)
    except GovReportError:
        return
    assert isinstance(report, govreport.Report)


@settings(max_examples=50, deadline=None)
@given(st.binary())
def test_parse_of_any_bytes_raises_only_govreport_errors(data: bytes) -> None:
    try:
        report = govreport.parse(data)
    except GovReportError:
        return
    assert isinstance(report, govreport.Report)


_BODY_PIECES = st.sampled_from(
    ["\t", "\n", " ", "0", "1", "/", "规章", "行政许可", "总计", "结果维持", "（一）予以公开"]
)
_BODY = st.lists(_BODY_PIECES | st.text(max_size=2), max_size=20).map("".join)


@settings(max_examples=100, deadline=None)
@given(st.lists(_BODY, min_size=6, max_size=6))
# A row shorter than its table's width once made parse raise ValueError from a zip().
@example(["", "规章\t0", "", "", "", ""])
def test_parse_of_six_headings_around_any_bodies_raises_only_govreport_errors(
    bodies: list[str],
) -> None:
    text = TITLE + "".join(f"\n{h}\n{b}" for h, b in zip(HEADINGS, bodies, strict=True))
    try:
        report = govreport.parse(text)
    except GovReportError:
        return
    assert report.agency == AGENCY


@pytest.mark.parametrize(
    ("old", "new", "path"),
    [
        ("规章\t0\t0\t0", "规章\t0\t0", "$.active_disclosure.regulations"),
        (
            "一、本年新收政府信息公开申请数量\t\t1\t0\t0\t0\t0\t0\t1\t",
            "一、本年新收政府信息公开申请数量\t\t1\t0",
            "$.applications.new_received",
        ),
    ],
    ids=["section-2", "section-3"],
)
def test_row_with_too_few_cells_is_a_finding_not_an_exception(
    old: str, new: str, path: str
) -> None:
    source = SEED_TAB.read_text("utf-8")
    assert old in source
    report = govreport.parse(source.replace(old, new))
    assert any(f.path is not None and f.path.startswith(path) for f in report.findings)


# --- Narrative lists numbered like headings -------------------------------------------------


@pytest.mark.parametrize(
    "item",
    ["1.总体要求如下", "2.主动公开情况。全年公开信息100条", "3.依申请公开情况。全年无申请"],
)
def test_arabic_numbered_narrative_item_in_section_one_is_text(item: str) -> None:
    text = build().replace(BODIES[0], f"{BODIES[0]}\n{item}", 1)
    skeleton = skeleton_of(text)
    assert [s.number for s in skeleton.sections] == [1, 2, 3, 4, 5, 6]
    assert skeleton.repeated_headings == ()
    assert item in govreport.parse(text).overview


def test_arabic_numbered_heading_with_the_full_wording_is_a_heading() -> None:
    headings = list(HEADINGS)
    headings[1] = "2、主动公开政府信息情况"
    skeleton = skeleton_of(build(headings))
    assert skeleton.sections[1].heading == "2、主动公开政府信息情况"


@pytest.mark.parametrize("mark", ["## ", "### ", "**"])
def test_markdown_heading_marks_before_the_numeral_are_allowed(mark: str) -> None:
    headings = [f"{mark}{h}" for h in HEADINGS]
    skeleton = skeleton_of(build(headings))
    assert [s.number for s in skeleton.sections] == [1, 2, 3, 4, 5, 6]
    assert skeleton.sections[1].heading == headings[1]


# --- The tables agree with Lark -------------------------------------------------------------
# find_skeleton takes the terminals' patterns and Lark's verdict on each accepted sequence of
# token kinds from the tables that govreport.skeleton_grammar made, and the scanner tries
# the headings' wordings as one flat alternation; both must give what Lark's own parse of
# the tokens and the whole heading patterns give.

_LINES = st.sampled_from(
    [
        *HEADINGS,
        "2、主动公开政府信息情况",
        "6、其他需要报告的事项",
        "三、依申请公开情况",
        "四、结转下年度继续办理\t0",
        "1.自然人",
        "2.法人或其他组织",
        "\t1",
        "\t5",
        "本年度政务公开工作有序推进。",
        "详见二、主动公开政府信息情况",
        "规章\t0\t0\t0",
    ]
)
_INDENTS = st.sampled_from(["", "", "  ", "\t", "## ", "**", "\u3000"])
_PLAIN_LINES = st.sampled_from(
    ["本年度政务公开工作有序推进。", "规章\t0\t0\t0", "\t1", "1.自然人", ""]
)
# A line of a section's body: a heading (or what looks like one) now and then.
_INDENTED_LINES = st.builds(
    str.__add__, _INDENTS, st.integers(0, 5).flatmap(lambda k: _LINES if k == 0 else _PLAIN_LINES)
)
_SECTION = st.tuples(st.integers(0, 9).map(bool), _INDENTS, st.lists(_INDENTED_LINES, max_size=3))
# Mostly the six headings in order, each followed by a few lines (some of them headings
# again, or numbered like them); now and then one missing.
_REPORT_TEXT = st.builds(
    lambda title, front, sections: "\n".join(
        ([TITLE] if title else [])
        + front
        + [
            line
            for number, (kept, indent, body) in enumerate(sections)
            for line in ([indent + HEADINGS[number]] if kept else []) + body
        ]
    ),
    st.booleans(),
    st.lists(_INDENTED_LINES, max_size=2),
    st.lists(_SECTION, min_size=6, max_size=6),
)


def _lark_skeleton(
    text: str,
) -> tuple[list[tuple[int | None, int | None] | None], list[tuple[int, int]]]:
    """The spans of the tokens Lark's own parse returns, and the repeats; or SkeletonError."""
    from lark import Token
    from lark.exceptions import UnexpectedInput

    from govreport import skeleton_grammar

    doc = normalize(text)
    data = skeleton_grammar.LexInput(doc.text)
    try:
        parsed: list[Token | None] = skeleton_grammar.parser().parse(data)  # type: ignore[assignment]
    except UnexpectedInput as exc:
        raise skeleton_grammar.skeleton_error(doc, exc) from None
    spans = [None if t is None else (t.start_pos, t.end_pos) for t in parsed]
    return spans, data.repeated


def _outcome(function: object, text: str) -> object:
    try:
        return function(text)  # type: ignore[operator]
    except SkeletonError as error:
        return (error.message, error.line, error.column, error.expected, error.source_line)


@settings(max_examples=200, deadline=None)
@given(_REPORT_TEXT)
@example(build())
@example(build(sections=(1, 2, 4, 3, 5, 6)))
@example(build(title="无标题"))
def test_the_verdict_of_the_tables_is_lark_s_own(text: str) -> None:
    if not normalize(text).text.strip():
        return
    first = _outcome(skeleton_of, text)
    lark = _outcome(_lark_skeleton, text)
    if isinstance(first, Skeleton):
        assert isinstance(lark, tuple)
        spans, repeated = lark
        title, *headings = spans
        normalized = normalize(text).text
        assert [(s.heading_start, s.body_start) for s in first.sections] == [
            (end - len(normalized[start:end].lstrip()), end) for start, end in headings
        ]
        assert (first.title and (first.title.end, first.title.title)) == (
            title and (title[1], " ".join(normalized[title[0] : title[1]].split()))
        )
        assert first.repeated_headings == tuple(repeated)
    else:
        assert first == lark


def _lark_terminals() -> dict[str, str]:
    """The terminals' regular expressions as Lark gives them now, from the grammar."""
    from govreport import skeleton_grammar

    return {t.name: t.pattern.to_regexp() for t in skeleton_grammar.parser().lexer_conf.terminals}


def _whole_pattern_lexer() -> object:
    """A scanner given the heading patterns in a form it does not take apart."""
    from govreport import skeleton

    def pattern(name: str, regexp: str) -> str:
        return f"(?:{regexp})" if name.startswith("HEADING_") else regexp

    lexer = skeleton.HeadingScanner(
        {name: pattern(name, regexp) for name, regexp in _lark_terminals().items()}
    )
    assert set(lexer._numbers) == {f"HEADING_{n}" for n in range(1, 7)}
    return lexer


@settings(max_examples=200, deadline=None)
@given(_REPORT_TEXT)
def test_the_flat_heading_pattern_finds_what_the_whole_patterns_find(text: str) -> None:
    from govreport import skeleton

    text = normalize(text).text
    flat, whole = skeleton._tables()[0], _whole_pattern_lexer()
    assert set(flat._numbers) != set(whole._numbers)  # type: ignore[attr-defined]
    repeats: tuple[list[tuple[int, int]], list[tuple[int, int]]] = ([], [])
    assert flat.scan(text, repeats[0]) == whole.scan(text, repeats[1])  # type: ignore[attr-defined]
    assert repeats[0] == repeats[1]


def test_the_flat_heading_pattern_finds_what_the_whole_patterns_find_in_the_seeds() -> None:
    from govreport import skeleton

    whole = _whole_pattern_lexer()
    for path in sorted(SEEDS.glob("*.txt")):
        text = normalize(path.read_text("utf-8")).text
        repeats: tuple[list[tuple[int, int]], list[tuple[int, int]]] = ([], [])
        found = skeleton._tables()[0].scan(text, repeats[0])
        assert found == whole.scan(text, repeats[1])  # type: ignore[attr-defined]
        assert repeats[0] == repeats[1]
        assert len(found) == 7


def test_the_tables_are_made_from_the_grammar_as_it_is() -> None:
    from govreport import _skeleton_tables, skeleton_grammar

    written = Path(_skeleton_tables.__file__).read_text("utf-8")
    assert written == skeleton_grammar.tables_source(), (
        "the grammar changed: run `python -m govreport.skeleton_grammar`"
    )
    assert _lark_terminals() == _skeleton_tables.TERMINALS


@settings(max_examples=200, deadline=None)
@given(_REPORT_TEXT)
def test_every_sequence_of_kinds_the_scanner_gives_is_one_the_tables_were_made_for(
    text: str,
) -> None:
    from govreport import skeleton, skeleton_grammar

    found = skeleton._tables()[0].scan(normalize(text).text, [])
    assert tuple(kind for kind, _, _ in found) in set(skeleton_grammar.scannable_kinds())


def test_the_tables_hold_lark_s_verdict_on_every_accepted_sequence_and_no_other() -> None:
    from lark import Token
    from lark.exceptions import UnexpectedInput

    from govreport import _skeleton_tables, skeleton_grammar

    kinds = list(skeleton_grammar.scannable_kinds())
    assert len(set(kinds)) == len(kinds) == 2**7
    for sequence in kinds:
        data = skeleton_grammar.LexInput("", [(kind, 0, 0) for kind in sequence])
        try:
            parsed: list[Token | None] = skeleton_grammar.parser().parse(data)  # type: ignore[assignment]
        except UnexpectedInput:
            assert sequence not in _skeleton_tables.ACCEPTED
            continue
        title, *headings = [None if t is None else data.tokens.index(t) for t in parsed]
        assert _skeleton_tables.ACCEPTED[sequence] == (title, tuple(headings))


@pytest.fixture
def fresh_tables() -> Iterator[None]:
    """find_skeleton's tables made again for the test, and again after it."""
    from govreport import skeleton

    skeleton._tables.cache_clear()
    yield
    skeleton._tables.cache_clear()


@pytest.mark.parametrize("stale", ["checksum", "unreadable"])
@pytest.mark.usefixtures("fresh_tables")
def test_tables_not_made_from_this_grammar_are_not_used(
    stale: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from govreport import _skeleton_tables, skeleton

    texts = [p.read_text("utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    texts += [build(title="无标题"), build(sections=(1, 3, 4, 5, 6))]
    expected = [_outcome(skeleton_of, text) for text in texts]
    skeleton._tables.cache_clear()
    if stale == "checksum":
        monkeypatch.setattr(_skeleton_tables, "GRAMMAR_CRC32", _skeleton_tables.GRAMMAR_CRC32 ^ 1)
    else:
        monkeypatch.setattr(skeleton, "GRAMMAR_FILE", str(SEEDS / "no-such-grammar.lark"))
    # What Lark says now is used, not the tables: a table Lark would not give is ignored.
    monkeypatch.setattr(_skeleton_tables, "ACCEPTED", {})
    monkeypatch.setattr(_skeleton_tables, "TERMINALS", {"TITLE": "(?!)"})
    assert [_outcome(skeleton_of, text) for text in texts] == expected
    assert skeleton._tables()[0]._headings.pattern == (
        skeleton.HeadingScanner(_lark_terminals())._headings.pattern
    )


def test_reading_a_report_does_not_import_lark_and_a_rejected_one_asks_it() -> None:
    seed = min(SEEDS.glob("*.txt")).read_text("utf-8")
    script = (
        "import sys, govreport\n"
        f"govreport.parse({seed!r})\n"
        "print('lark' in sys.modules)\n"
        "try:\n"
        "    govreport.parse('一、总体情况\\n三、收到和处理政府信息公开申请情况\\n')\n"
        "except govreport.SkeletonError as error:\n"
        "    print('lark' in sys.modules, error.expected)\n"
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert run.stdout.splitlines() == [
        "False",
        "True the heading of section 二 (主动公开政府信息情况)",
    ]


@given(
    st.integers(),
    st.text(max_size=5),
    st.integers(),
    st.integers(),
    st.one_of(st.none(), st.integers()),
)
def test_the_positional_makers_make_what_the_constructors_make(
    number: int, text: str, start: int, end: int, year: int | None
) -> None:
    from govreport import skeleton

    section = skeleton._section(number, text, start, end, start)
    assert section == skeleton.Section(
        number=number, heading=text, heading_start=start, body_start=end, body_end=start
    )
    title = skeleton._title_info(text, text or None, year, start, end, start)
    assert title == skeleton.TitleInfo(
        title=text, agency=text or None, year=year, start=start, end=end, letterhead_end=start
    )
    made = skeleton._skeleton(title, end, (section,), ((number, start),))
    assert made == Skeleton(
        title=title, front_end=end, sections=(section,), repeated_headings=((number, start),)
    )
    assert repr(made) == repr(
        Skeleton(
            title=title, front_end=end, sections=(section,), repeated_headings=((number, start),)
        )
    )
    assert hash(section) == hash(
        skeleton.Section(
            number=number, heading=text, heading_start=start, body_start=end, body_end=start
        )
    )


def _greedy_separator_lexer() -> object:
    """The scanner with the grammar's separator written greedily (`*`, `?`), as it once was."""
    from govreport import skeleton

    possessive, greedy = "[ \t]*+[、.,，:：]?+[ \t]*+", "[ \t]*[、.,，:：]?[ \t]*"
    terminals = {}
    for name, regexp in _lark_terminals().items():
        if name.startswith("HEADING_"):
            assert possessive in regexp
        terminals[name] = regexp.replace(possessive, greedy)
    return skeleton.HeadingScanner(terminals)


_SEPARATED = st.builds(
    lambda numeral, before, mark, after, words: f"{numeral}{before}{mark}{after}{words}",
    st.sampled_from([*NUMERALS, "1", "2", "3", "4", "5", "6"]),
    st.sampled_from(["", " ", "\t", "  "]),
    st.sampled_from(["", "、", ".", "，", "：", "、、", " 、"]),
    st.sampled_from(["", " ", "\t "]),
    st.sampled_from([*WORDS, "总体概况", "其他事项", "、总体情况", " 其他"]),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(_SEPARATED, _INDENTED_LINES), max_size=12))
def test_the_possessive_separator_finds_what_a_greedy_one_finds(lines: list[str]) -> None:
    from govreport import skeleton

    text = normalize("\n".join(lines)).text
    repeats: tuple[list[tuple[int, int]], list[tuple[int, int]]] = ([], [])
    found = skeleton._tables()[0].scan(text, repeats[0])
    assert found == _greedy_separator_lexer().scan(text, repeats[1])  # type: ignore[attr-defined]
    assert repeats[0] == repeats[1]


_REGEX_PIECES = st.lists(
    st.sampled_from(
        ["(", ")", "(?:", "(?P<g>", "[", "]", "[^", "\\", "\\(", "\\)", "|", "a", "一", "^", "*"]
    ),
    max_size=12,
).map("".join)


@settings(max_examples=500)
@given(_REGEX_PIECES)
def test_a_pattern_that_compiles_is_balanced(pattern: str) -> None:
    from govreport import skeleton

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", FutureWarning)  # `[[`: a set, for now
            re.compile(pattern)
    except re.error:
        return
    assert skeleton._balanced(pattern)


@pytest.mark.parametrize(
    ("pattern", "balanced"),
    [
        ("一(?:、|．)总体情况", True),
        ("[(]a", True),
        ("[]()]", True),
        ("[^]()]", True),
        ("[\\]()]", True),
        ("\\(a", True),
        ("(?:a", False),
        ("b)", False),
        (")(", False),
        ("[(", False),
        ("a\\", True),
    ],
)
def test_balanced_sees_groups_not_escaped_or_classed_parentheses(
    pattern: str, balanced: bool
) -> None:
    from govreport import skeleton

    assert skeleton._balanced(pattern) is balanced


def test_a_heading_pattern_split_inside_a_group_is_tried_whole() -> None:
    from govreport import skeleton

    # Section 一's wordings with a group whose alternatives look like wordings: split at
    # `|[ \t#*]*`, its pieces are unbalanced, so the scanner keeps the patterns whole.
    terminals = _lark_terminals()
    terminals["HEADING_1"] = "(?:[ \t#*]*一(?:、总体|[ \t#*]*一、概况)情况)"
    lexer = skeleton.HeadingScanner(terminals)
    assert set(lexer._numbers) == {f"HEADING_{n}" for n in range(1, 7)}
    assert lexer.scan("一、总体情况\n", []) == [("HEADING_1", 0, 6)]
