"""Rules R1–R5 on one report: each broken rule is found once, where it breaks.

The reports are seed 004 (one cell per line, real non-zero numbers) and seed 000 (tab
separated, small numbers) with printed values altered. Every expected finding — its code,
JSON path, line and column, and the numbers its message quotes — is worked out here from the
altered input: lines are found by looking for the printed labels in the text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govreport
from govreport import Finding, FindingError, GovReportError, Report, ReportErrors, Severity
from govreport.checks import RULES as CHECKED_RULES
from govreport.checks import _check_in_full, check_report
from govreport.testing.strategies import reports

from .conftest import SEEDS

SEED_004 = SEEDS / "004_26e628ebac378d18.txt"
SEED_000 = SEEDS / "000_fac155a733d850ab.txt"
TEXT_004 = SEED_004.read_text("utf-8")
TEXT_000 = SEED_000.read_text("utf-8")
LINES_004 = TEXT_004.split("\n")
LINES_000 = TEXT_000.split("\n")

COLUMNS = (
    "natural_person",
    "commercial",
    "research",
    "social_welfare",
    "legal_service",
    "other",
    "total",
)
DOCUMENT_FIELDS = ("issued", "repealed", "in_force")
CASE_GROUPS = ("review", "litigation_direct", "litigation_after_review")
CASE_FIELDS = ("upheld", "corrected", "other", "pending", "total")

#: The label seed 004 prints for each row these tests touch, by the row's JSON key.
ROW_LABELS_004 = {
    "applications.new_received": "一、本年新收政府信息公开申请数量",
    "applications.carried_over": "二、上年结转政府信息公开申请数量",
    "applications.results.granted": "（一）予以公开",
    "applications.results.partially_granted": (
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
    ),
    "applications.results.denied.state_secret": "1.属于国家秘密",
    "applications.results.total": "（七）总计",
    "applications.carried_forward": "四、结转下年度继续办理",
    "active_disclosure.regulations": "规章",
    "active_disclosure.normative_documents": "行政规范性文件",
    "active_disclosure.licensing": "行政许可",
    "active_disclosure.fees": "行政事业性收费",
}

RULE_CODE = re.compile(r"(R[1-5]|N1)(-unchecked)?")


# --- where things are printed in seed 004 ------------------------------------------------------


def label_line(label: str, lines: Sequence[str] = LINES_004) -> int:
    """The 1-based number of the one line that prints ``label`` (and nothing else)."""
    found = [n for n, line in enumerate(lines, 1) if line.strip() == label]
    assert len(found) == 1, (label, found)
    return found[0]


def text_place(text: str, fragment: str) -> tuple[int, int]:
    """The 1-based line and column where ``fragment`` begins; it must occur once."""
    assert text.count(fragment) == 1, fragment
    before = text[: text.index(fragment)]
    return before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1


def _review_values_start() -> int:
    """The line of the first of section 四's fifteen numbers in seed 004 (one per line)."""
    first = label_line("四、政府信息公开行政复议、行政诉讼情况")
    last = label_line("五、存在的主要问题及改进情况")
    printed = [n for n in range(first + 1, last) if LINES_004[n - 1].strip()]
    values = printed[-15:]
    assert all(LINES_004[n - 1].strip().isdigit() for n in values)
    assert values == list(range(values[0], values[0] + 15))
    return values[0]


def line_004(path: str) -> int:
    """The line of seed 004 on which the value at JSON ``path`` is printed."""
    key = path.removeprefix("$.")
    if key.startswith("review_litigation."):
        _, group, name = key.split(".")
        return _review_values_start() + 5 * CASE_GROUPS.index(group) + CASE_FIELDS.index(name)
    if key in ROW_LABELS_004:  # a row of one value (行政许可, 行政事业性收费)
        return label_line(ROW_LABELS_004[key]) + 1
    row, _, name = key.rpartition(".")
    fields = DOCUMENT_FIELDS if row.startswith("active_disclosure.") else COLUMNS
    return label_line(ROW_LABELS_004[row]) + 1 + fields.index(name)


def column_of_value(line: str) -> int:
    """The column of the value a line of one cell prints (after its indentation)."""
    return len(line) - len(line.lstrip()) + 1


def edit_004(cells: Mapping[str, tuple[str, str]], text: Mapping[str, str] | None = None) -> str:
    """Seed 004 with the value at each path changed from ``old`` to ``new`` (``{path: (old,
    new)}``), and each fragment of ``text`` replaced (it must occur once)."""
    lines = LINES_004.copy()
    for path, (old, new) in cells.items():
        n = line_004(path)
        line = lines[n - 1]
        assert line.strip() == old, (path, line)
        lines[n - 1] = line[: len(line) - len(line.lstrip())] + new
    result = "\n".join(lines)
    for old_text, new_text in (text or {}).items():
        assert result.count(old_text) == 1, old_text
        result = result.replace(old_text, new_text)
    return result


# --- what is expected --------------------------------------------------------------------------


@dataclass(frozen=True)
class Expect:
    """A finding expected on seed 004: it stands at the cell of ``path``, or at the text
    ``at`` (narrative findings), and its message contains each of ``says``."""

    code: str
    path: str
    says: tuple[str, ...] = ()
    at: str | None = None


def severity_of(code: str) -> Severity:
    if code.endswith("-unchecked"):
        return Severity.INFO
    return Severity.WARNING if code == "N1" else Severity.ERROR


def rule_findings(report: Report) -> list[Finding]:
    return [f for f in report.findings if RULE_CODE.fullmatch(f.code)]


def errors(report: Report) -> list[Finding]:
    return [f for f in report.findings if f.severity is Severity.ERROR]


Key = tuple[str, str | None, int | None, int | None, Severity]


def key(f: Finding) -> Key:
    return (f.code, f.path, f.line, f.column, f.severity)


def expected_key(text: str, e: Expect) -> Key:
    if e.at is not None:
        line, column = text_place(text, e.at)
    else:
        line = line_004(e.path)
        column = column_of_value(text.split("\n")[line - 1])
    return (e.code, e.path, line, column, severity_of(e.code))


def assert_exactly(report: Report, text: str, expected: Sequence[Expect]) -> None:
    """The rule findings of ``report`` are ``expected``, and no other finding is an error."""
    got = sorted(rule_findings(report), key=key)
    wanted = sorted(expected, key=lambda e: expected_key(text, e))
    assert [key(f) for f in got] == [expected_key(text, e) for e in wanted]
    for finding, e in zip(got, wanted, strict=True):
        for fragment in e.says:
            assert fragment in finding.message, (fragment, finding.message)
    assert [f for f in errors(report) if not RULE_CODE.fullmatch(f.code)] == []


# --- the unaltered seeds ---------------------------------------------------------------------


def test_clean_seed_has_no_rule_findings_and_no_errors(seed: Path) -> None:
    report = govreport.parse_file(seed)
    assert rule_findings(report) == []
    assert errors(report) == []


def test_the_helpers_find_the_cells_the_parser_read() -> None:
    # The line numbers these tests expect come from the labels; check them against the
    # places the parser itself gives, so that a wrong helper cannot pass silently.
    report = govreport.parse_file(SEED_004)
    for path in (
        "$.applications.new_received.natural_person",
        "$.applications.results.total.total",
        "$.applications.carried_forward.natural_person",
        "$.active_disclosure.normative_documents.in_force",
        "$.active_disclosure.licensing",
        "$.review_litigation.review.upheld",
        "$.review_litigation.litigation_after_review.total",
    ):
        place = report.place(path)
        assert place is not None, path
        assert place.line == line_004(path), path
    assert line_004("$.applications.new_received.total") == 97
    assert LINES_004[line_004("$.review_litigation.review.total") - 1].strip() == "16"


# --- each rule, broken by one altered value --------------------------------------------------

NEW = "$.applications.new_received"
OVER = "$.applications.carried_over"
GRANTED = "$.applications.results.granted"
PARTIAL = "$.applications.results.partially_granted"
TOTAL = "$.applications.results.total"
FORWARD = "$.applications.carried_forward"
REVIEW = "$.review_litigation.review"
DIRECT = "$.review_litigation.litigation_direct"
AFTER = "$.review_litigation.litigation_after_review"


@dataclass(frozen=True)
class Case:
    id: str
    cells: Mapping[str, tuple[str, str]]
    expected: tuple[Expect, ...]


BROKEN = [
    Case(
        # 自然人: 42 + 5 = 47 against 44 + 2 = 46; the row: 42+1+0+0+61+0 = 104, not 103.
        "R1-R3-new_received-natural_person-41-to-42",
        {f"{NEW}.natural_person": ("41", "42")},
        (
            Expect("R1", f"{TOTAL}.natural_person", ("自然人", "42 + 5 = 47", "44 + 2 = 46")),
            Expect(
                "R3",
                f"{NEW}.total",
                ("本年新收政府信息公开申请数量", "= 103", "42 + 1 + 0 + 0 + 61 + 0 = 104"),
            ),
        ),
    ),
    Case(
        # The row total stays 5 (4 + 1); the columns do not: 41+4 ≠ 44+2, 1+1 ≠ 1+0.
        "R1-two-columns-carried_over-5-0-to-4-1",
        {f"{OVER}.natural_person": ("5", "4"), f"{OVER}.commercial": ("0", "1")},
        (
            Expect("R1", f"{TOTAL}.natural_person", ("自然人", "41 + 4 = 45", "44 + 2 = 46")),
            Expect("R1", f"{TOTAL}.commercial", ("商业企业", "1 + 1 = 2", "1 + 0 = 1")),
        ),
    ),
    Case(
        # 自然人 result rows sum to 45 against 总计 44; the row 予以公开 to 13 against 12.
        "R2-R3-granted-natural_person-8-to-9",
        {f"{GRANTED}.natural_person": ("8", "9")},
        (
            Expect("R2", f"{TOTAL}.natural_person", ("自然人", "(总计) = 44", "= 45")),
            Expect("R3", f"{GRANTED}.total", ("予以公开", "= 13", "9 + 0 + 0 + 0 + 4 + 0 = 13")),
        ),
    ),
    Case(
        # The row stays whole (9 + 4 = 13); columns 自然人 and 总计 each break R2 once.
        "R2-two-columns-granted-8-12-to-9-13",
        {f"{GRANTED}.natural_person": ("8", "9"), f"{GRANTED}.total": ("12", "13")},
        (
            Expect("R2", f"{TOTAL}.natural_person", ("自然人", "(总计) = 44", "= 45")),
            Expect("R2", f"{TOTAL}.total", ("column 总计", "(总计) = 106", "= 107")),
        ),
    ),
    Case(
        # 总计 104 against 41+1+0+0+61+0 = 103; column 总计: 104 + 5 = 109 against 106 + 2;
        # and the narrative's 新受理政府信息公开申请103件 no longer agrees (N1).
        "R3-R1-N1-new_received-total-103-to-104",
        {f"{NEW}.total": ("103", "104")},
        (
            Expect("R3", f"{NEW}.total", ("= 104", "41 + 1 + 0 + 0 + 61 + 0 = 103")),
            Expect("R1", f"{TOTAL}.total", ("104 + 5 = 109", "106 + 2 = 108")),
            Expect("N1", f"{NEW}.total", ("103", "104"), at="新受理政府信息公开申请103件"),
        ),
    ),
    Case(
        # The real-world example: 复议 结果维持 10, 结果纠正 1, 总计 0. The narrative's
        # 行政复议16件 then disagrees with the table's 0 (N1).
        "R4-review-upheld-10-corrected-1-total-0",
        {
            f"{REVIEW}.upheld": ("6", "10"),
            f"{REVIEW}.corrected": ("8", "1"),
            f"{REVIEW}.other": ("1", "0"),
            f"{REVIEW}.pending": ("1", "0"),
            f"{REVIEW}.total": ("16", "0"),
        },
        (
            Expect("R4", f"{REVIEW}.total", ("行政复议", "(total) = 0", "10 + 1 + 0 + 0 = 11")),
            Expect("N1", f"{REVIEW}.total", ("16", "is 0"), at="行政复议16件"),
        ),
    ),
    Case(
        "R4-litigation_direct-upheld-0-to-1",
        {f"{DIRECT}.upheld": ("0", "1")},
        (Expect("R4", f"{DIRECT}.total", ("未经复议直接起诉", "= 0", "1 + 0 + 0 + 0 = 1")),),
    ),
    Case(
        "R4-litigation_after_review-upheld-3-to-2",
        {f"{AFTER}.upheld": ("3", "2")},
        (Expect("R4", f"{AFTER}.total", ("复议后起诉", "= 5", "2 + 0 + 1 + 1 = 4")),),
    ),
    Case(
        "R5-licensing-minus-3",
        {"$.active_disclosure.licensing": ("0", "-3")},
        (Expect("R5", "$.active_disclosure.licensing", ("-3",)),),
    ),
    Case(
        "R5-fees-minus-0.5",
        {"$.active_disclosure.fees": ("0", "-0.5")},
        (Expect("R5", "$.active_disclosure.fees", ("-0.5",)),),
    ),
    Case(
        "R5-normative_documents-repealed-minus-1",
        {"$.active_disclosure.normative_documents.repealed": ("0", "-1")},
        (Expect("R5", "$.active_disclosure.normative_documents.repealed", ("-1",)),),
    ),
    Case(
        # 1 + 0 + (-1) + 0 = 0 = 总计: only the negative count is wrong.
        "R5-litigation_direct-other-minus-1",
        {f"{DIRECT}.upheld": ("0", "1"), f"{DIRECT}.other": ("0", "-1")},
        (Expect("R5", f"{DIRECT}.other", ("其他结果", "-1")),),
    ),
    Case(
        # A printed -3 in section 三 is negative (R5) and breaks its column and its row.
        "R5-R1-R3-new_received-natural_person-minus-3",
        {f"{NEW}.natural_person": ("41", "-3")},
        (
            Expect("R5", f"{NEW}.natural_person", ("自然人", "-3")),
            Expect("R1", f"{TOTAL}.natural_person", ("-3 + 5 = 2", "44 + 2 = 46")),
            Expect("R3", f"{NEW}.total", ("= 103", "-3 + 1 + 0 + 0 + 61 + 0 = 59")),
        ),
    ),
]


@pytest.mark.parametrize("case", BROKEN, ids=[c.id for c in BROKEN])
def test_an_altered_value_gives_exactly_the_expected_findings(case: Case) -> None:
    text = edit_004(case.cells)
    assert_exactly(govreport.parse(text), text, case.expected)


@pytest.mark.parametrize("case", BROKEN, ids=[c.id for c in BROKEN])
def test_a_broken_rule_is_an_error_finding(case: Case) -> None:
    report = govreport.parse(edit_004(case.cells))
    codes = {e.code for e in case.expected if e.code.startswith("R")}
    assert {f.code for f in errors(report)} == codes


def test_check_false_leaves_the_rules_unchecked() -> None:
    text = edit_004({f"{NEW}.natural_person": ("41", "42")})
    assert rule_findings(govreport.parse(text, check=False)) == []


def test_check_report_gives_the_findings_the_parse_adds() -> None:
    text = edit_004({f"{NEW}.natural_person": ("41", "42")})
    unchecked = govreport.parse(text, check=False)
    assert govreport.check_report(unchecked) == [
        f for f in govreport.parse(text).findings if f.code.startswith("R")
    ]


# --- the tab-separated layout (seed 000) --------------------------------------------------


def tab_cell(predicate: Callable[[str], bool], index: int) -> tuple[int, int]:
    """The line and column of tab cell ``index`` on the one line of seed 000 that
    satisfies ``predicate``."""
    found = [n for n, line in enumerate(LINES_000, 1) if predicate(line)]
    assert len(found) == 1, found
    cells = LINES_000[found[0] - 1].split("\t")
    return found[0], len("\t".join(cells[:index])) + (2 if index else 1)


def edit_000(predicate: Callable[[str], bool], index: int, old: str, new: str) -> str:
    line, _ = tab_cell(predicate, index)
    lines = LINES_000.copy()
    cells = lines[line - 1].split("\t")
    assert cells[index] == old, cells
    cells[index] = new
    lines[line - 1] = "\t".join(cells)
    return "\n".join(lines)


def _new_received_row(line: str) -> bool:
    return line.startswith("一、本年新收政府信息公开申请数量")


def _results_total_row(line: str) -> bool:
    return line.startswith("(七) 总计")


def _review_row(line: str) -> bool:
    return line == "\t".join(["0"] * 15)


def test_tab_layout_new_received_natural_person_1_to_2_breaks_r1_and_r3() -> None:
    # The row prints label, an empty cell, then the seven values: 自然人 is cell 2, 总计 cell 8.
    text = edit_000(_new_received_row, 2, "1", "2")
    report = govreport.parse(text)
    got = sorted(key(f) for f in rule_findings(report))
    assert got == sorted(
        [
            ("R1", f"{TOTAL}.natural_person", *tab_cell(_results_total_row, 1), Severity.ERROR),
            ("R3", f"{NEW}.total", *tab_cell(_new_received_row, 8), Severity.ERROR),
        ]
    )
    r1 = next(f for f in report.findings if f.code == "R1")
    assert "2 + 0 = 2" in r1.message and "1 + 0 = 1" in r1.message


def test_tab_layout_review_total_0_to_1_breaks_r4() -> None:
    text = edit_000(_review_row, 4, "0", "1")
    report = govreport.parse(text)
    assert [key(f) for f in rule_findings(report)] == [
        ("R4", f"{REVIEW}.total", *tab_cell(_review_row, 4), Severity.ERROR)
    ]
    assert "0 + 0 + 0 + 0 = 0" in rule_findings(report)[0].message


# --- blanks: a rule that cannot be checked -------------------------------------------------


@pytest.mark.parametrize("blank", ["/", "", "—", "-", "&nbsp;"])
def test_one_blank_operand_makes_r1_and_r3_unchecked_not_broken(blank: str) -> None:
    text = edit_004({f"{NEW}.natural_person": ("41", blank)})
    assert_exactly(
        govreport.parse(text),
        text,
        [
            Expect(
                "R1-unchecked",
                f"{TOTAL}.natural_person",
                ("cannot be checked", "blank + 5", "44 + 2"),
            ),
            Expect("R3-unchecked", f"{NEW}.total", ("= 103", "blank + 1 + 0 + 0 + 61 + 0")),
        ],
    )


def test_a_blank_result_cell_makes_r2_and_r3_unchecked() -> None:
    text = edit_004({f"{GRANTED}.natural_person": ("8", "/")})
    assert_exactly(
        govreport.parse(text),
        text,
        [
            Expect("R2-unchecked", f"{TOTAL}.natural_person", ("blank",)),
            Expect("R3-unchecked", f"{GRANTED}.total", ("blank + 0 + 0 + 0 + 4 + 0",)),
        ],
    )


def test_a_blank_review_cell_makes_r4_unchecked() -> None:
    text = edit_004({f"{REVIEW}.upheld": ("6", "/")})
    assert_exactly(
        govreport.parse(text),
        text,
        [Expect("R4-unchecked", f"{REVIEW}.total", ("= 16", "blank + 8 + 1 + 1"))],
    )


def test_a_blank_total_makes_r4_unchecked() -> None:
    text = edit_004({f"{REVIEW}.total": ("16", "")})
    assert_exactly(
        govreport.parse(text),
        text,
        [Expect("R4-unchecked", f"{REVIEW}.total", ("(total) = blank", "6 + 8 + 1 + 1"))],
    )


def test_a_blank_review_group_gives_nothing() -> None:
    # Every cell of R4 for 行政复议 is blank: nothing was printed to check. The narrative's
    # 行政复议16件 has no table value to disagree with either.
    printed = ["6", "8", "1", "1", "16"]
    cells = {f"{REVIEW}.{name}": (old, "/") for name, old in zip(CASE_FIELDS, printed, strict=True)}
    text = edit_004(cells)
    assert_exactly(govreport.parse(text), text, [])


def test_a_blank_row_gives_no_r3_but_leaves_r2_unchecked_in_every_column() -> None:
    printed = ["8", "0", "0", "0", "15", "0", "23"]
    cells = {f"{PARTIAL}.{c}": (old, "/") for c, old in zip(COLUMNS, printed, strict=True)}
    text = edit_004(cells)
    assert_exactly(
        govreport.parse(text),
        text,
        [Expect("R2-unchecked", f"{TOTAL}.{c}", ("blank",)) for c in COLUMNS],
    )


def test_a_column_blank_in_every_r1_operand_gives_no_r1() -> None:
    # 自然人 blank in 本年新收, 上年结转, 总计 and 结转下年度: R1 has nothing to compare in
    # that column; each of those rows cannot be checked (R3), nor can R2 (its total is blank).
    cells = {
        f"{NEW}.natural_person": ("41", "/"),
        f"{OVER}.natural_person": ("5", "/"),
        f"{TOTAL}.natural_person": ("44", "/"),
        f"{FORWARD}.natural_person": ("2", "/"),
    }
    text = edit_004(cells)
    assert_exactly(
        govreport.parse(text),
        text,
        [
            Expect("R3-unchecked", f"{NEW}.total"),
            Expect("R3-unchecked", f"{OVER}.total"),
            Expect("R3-unchecked", f"{TOTAL}.total"),
            Expect("R3-unchecked", f"{FORWARD}.total"),
            Expect("R2-unchecked", f"{TOTAL}.natural_person"),
        ],
    )


def test_a_section_three_printed_all_blank_gives_no_rule_findings() -> None:
    # Seed 000 with every number of section 三 printed as "/".
    lines = LINES_000.copy()
    first = next(n for n, line in enumerate(lines) if _new_received_row(line))
    last = next(n for n, line in enumerate(lines) if line.startswith("四、结转下年度继续办理"))
    for n in range(first, last + 1):
        cells = lines[n].split("\t")
        lines[n] = "\t".join("/" if cell.isdigit() else cell for cell in cells)
    text = "\n".join(lines)
    report = govreport.parse(text)
    assert report.applications.new_received.total is None
    assert report.applications.results.total.natural_person is None
    assert rule_findings(report) == []


# --- R5: the printed label -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "old", "label"),
    [
        ("$.active_disclosure.licensing", "0", "行政许可"),
        ("$.active_disclosure.fees", "0", "行政事业性收费"),
        ("$.active_disclosure.normative_documents.repealed", "0", "行政规范性文件"),
    ],
)
def test_r5_on_section_two_quotes_the_printed_label(path: str, old: str, label: str) -> None:
    report = govreport.parse(edit_004({path: (old, "-3")}))
    (r5,) = [f for f in report.findings if f.code == "R5"]
    assert label in r5.message


def test_r5_in_sections_three_and_four_quotes_the_printed_labels() -> None:
    text = edit_004(
        {
            f"{NEW}.natural_person": ("41", "-3"),
            f"{DIRECT}.upheld": ("0", "1"),
            f"{DIRECT}.other": ("0", "-1"),
        }
    )
    messages = {f.path: f.message for f in govreport.parse(text).findings if f.code == "R5"}
    assert set(messages) == {f"{NEW}.natural_person", f"{DIRECT}.other"}
    assert "本年新收政府信息公开申请数量" in messages[f"{NEW}.natural_person"]
    assert "自然人" in messages[f"{NEW}.natural_person"]
    assert "行政诉讼" in messages[f"{DIRECT}.other"]
    assert "其他结果" in messages[f"{DIRECT}.other"]


# --- strict mode ---------------------------------------------------------------------------


def test_strict_parse_of_a_clean_seed_returns_the_report(seed: Path) -> None:
    assert govreport.parse_file(seed, strict=True) == govreport.parse_file(seed)


def test_strict_parse_raises_one_group_with_a_finding_error_per_error_finding() -> None:
    text = edit_004({f"{NEW}.natural_person": ("41", "42")})
    lenient = govreport.parse(text)
    with pytest.raises(ReportErrors) as info:
        govreport.parse(text, strict=True)
    group = info.value
    assert isinstance(group, GovReportError)
    assert all(isinstance(e, FindingError) for e in group.exceptions)
    findings = [e.finding for e in group.exceptions if isinstance(e, FindingError)]
    assert findings == errors(lenient)
    assert [(f.code, f.path) for f in findings] == [
        ("R1", f"{TOTAL}.natural_person"),
        ("R3", f"{NEW}.total"),
    ]
    assert group.report == lenient
    assert group.report is not None and group.report.findings == lenient.findings


def test_strict_group_holds_every_error_not_only_broken_rules() -> None:
    # 自然人 printed as "4l" cannot be read (an error, and R1/R3 cannot be checked);
    # 行政许可 -3 is negative (R5).
    text = edit_004(
        {f"{NEW}.natural_person": ("41", "4l"), "$.active_disclosure.licensing": ("0", "-3")}
    )
    with pytest.raises(ReportErrors) as info:
        govreport.parse(text, strict=True)
    findings = [e.finding for e in info.value.exceptions if isinstance(e, FindingError)]
    assert len(findings) == len(info.value.exceptions) == 2
    assert sorted((f.code, f.path, f.line) for f in findings) == [
        ("R5", "$.active_disclosure.licensing", line_004("$.active_disclosure.licensing")),
        ("not-a-number", f"{NEW}.natural_person", line_004(f"{NEW}.natural_person")),
    ]


def test_strict_mode_does_not_raise_for_warnings() -> None:
    text = edit_004({}, {"新受理政府信息公开申请103件": "新受理政府信息公开申请104件"})
    report = govreport.parse(text, strict=True)
    assert [f.code for f in rule_findings(report)] == ["N1"]


def test_strict_errors_can_be_caught_with_except_star() -> None:
    text = edit_004({f"{REVIEW}.total": ("16", "17")})
    caught: list[FindingError] = []
    try:
        govreport.parse(text, strict=True)
    except* FindingError as group:
        caught.extend(e for e in group.exceptions if isinstance(e, FindingError))
    assert [(e.finding.code, e.finding.path) for e in caught] == [("R4", f"{REVIEW}.total")]


def test_strict_parse_file_names_the_file_and_counts_the_errors(tmp_path: Path) -> None:
    path = tmp_path / "broken.txt"
    path.write_text(edit_004({f"{NEW}.natural_person": ("41", "42")}), encoding="utf-8")
    with pytest.raises(ReportErrors) as info:
        govreport.parse_file(path, strict=True)
    assert info.value.message == f"{path}: 2 error finding(s)"
    assert info.value.report is not None and info.value.report.source == str(path)


def test_finding_error_shows_place_code_message_and_path() -> None:
    text = edit_004({f"{NEW}.total": ("103", "104")})
    with pytest.raises(ReportErrors) as info:
        govreport.parse(text, strict=True)
    r3 = next(
        e for e in info.value.exceptions if isinstance(e, FindingError) and e.finding.code == "R3"
    )
    line = line_004(f"{NEW}.total")
    assert str(r3) == f"line {line}, column 2: R3 {r3.finding.message} @ {NEW}.total"


# --- findings in JSON ----------------------------------------------------------------------


def _report_with_every_kind_of_rule_finding() -> Report:
    text = edit_004({f"{NEW}.total": ("103", "104"), f"{DIRECT}.upheld": ("0", "/")})
    report = govreport.parse(text)
    assert {f.severity for f in rule_findings(report)} == set(Severity)
    return report


def test_findings_survive_to_json_and_from_json() -> None:
    report = _report_with_every_kind_of_rule_finding()
    back = govreport.from_json(govreport.to_json(report))
    assert back.findings == report.findings
    assert back == report


def test_findings_survive_to_dict_and_from_dict() -> None:
    report = _report_with_every_kind_of_rule_finding()
    assert govreport.from_dict(govreport.to_dict(report)).findings == report.findings


def test_a_finding_in_json_carries_code_severity_message_path_and_place() -> None:
    report = _report_with_every_kind_of_rule_finding()
    data = govreport.to_dict(report)
    r3 = next(f for f in report.findings if f.code == "R3")
    assert {
        "code": "R3",
        "severity": "error",
        "message": r3.message,
        "path": f"{NEW}.total",
        "line": line_004(f"{NEW}.total"),
        "column": 2,
        "source": None,
    } in data["findings"]


# --- the test of every rule at once against the rules one by one -----------------------------

#: Values a count may be set to: blanks, negatives, zeros, numbers too large to pack.
_ODD_VALUES = st.sampled_from([None, None, -1, -7, 0, 0, 0, 1, 2, 3, 5, 2**64, 2**70])


def _cell_paths(value: object, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """The paths of every count and amount below an attrs object."""
    if not attrs.has(value.__class__):
        return [path]
    return [
        p
        for a in attrs.fields(value.__class__)
        for p in _cell_paths(getattr(value, a.name), (*path, a.name))
    ]


def _set(value: Any, path: tuple[str, ...], new: object) -> Any:
    if not path:
        return new
    head, *rest = path
    return attrs.evolve(value, **{head: _set(getattr(value, head), tuple(rest), new)})


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_every_rule_at_once_finds_what_the_rules_one_by_one_find(data: st.DataObject) -> None:
    broken = data.draw(st.sets(st.sampled_from(sorted(CHECKED_RULES)), max_size=2))
    report: Any = data.draw(reports(broken=broken, blanks=data.draw(st.booleans())))
    if data.draw(st.booleans()):  # every count 0, as in an office without applications
        for section in ("applications", "review_litigation"):
            for path in _cell_paths(getattr(report, section), (section,)):
                report = _set(report, path, 0)
    sections = ("active_disclosure", "applications", "review_litigation")
    paths = [p for s in sections for p in _cell_paths(getattr(report, s), (s,))]
    for path in data.draw(st.lists(st.sampled_from(paths), max_size=3)):
        if path[-1] == "amount_unit":
            continue
        new: object = data.draw(_ODD_VALUES)
        if path[-1] in ("fees", "amount") and isinstance(new, int):  # 2021's fee, 2019's amount
            new = Decimal(min(new, 10**6))
        report = _set(report, path, new)
    assert check_report(report) == _check_in_full(report)


def _zeroed(report: Any, section: str) -> Any:
    """``report`` with every count of ``section`` set to 0."""
    for path in _cell_paths(getattr(report, section), (section,)):
        report = _set(report, path, 0)
    return report


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_a_section_of_zeros_held_from_one_report_is_the_same_in_the_next(
    data: st.DataObject,
) -> None:
    # check_report keeps the section 三 and 四 it last found all zeros, and does not read
    # them again in a report that holds the very same objects: whichever report comes first,
    # each is told what the rules one by one tell it.
    first: Any = data.draw(reports(broken=set(), blanks=False))
    for section in ("applications", "review_litigation"):
        if data.draw(st.booleans()):
            first = _zeroed(first, section)
    broken = data.draw(st.sets(st.sampled_from(sorted(CHECKED_RULES)), max_size=2))
    second: Any = data.draw(reports(broken=broken, blanks=data.draw(st.booleans())))
    shared = {
        section: getattr(first, section)
        for section in ("applications", "review_litigation")
        if data.draw(st.booleans())
    }
    second = attrs.evolve(second, **shared)
    for report in data.draw(st.permutations([first, second, first, second])):
        assert check_report(report) == _check_in_full(report)
