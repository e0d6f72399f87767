"""Reading the tables: label drift, shifted cells, blank vs zero, findings and places.

Each test edits a few lines of a seed report's text and parses it with ``govreport.parse``.
The base is seed 000 (tab-separated rows) with every row of section 三 given distinct values,
so that a row read under the wrong key, or a value read from the wrong column, shows.
"""

from __future__ import annotations

import re
from decimal import Decimal
from operator import attrgetter
from typing import Any

import pytest

import govreport
from govreport import ApplicantCounts, Finding, Report, ReviewLitigation, Severity

from .conftest import SEED_FILES


def _seed_text(prefix: str) -> str:
    return next(p for p in SEED_FILES if p.name.startswith(prefix)).read_text("utf-8")


SEED_TAB = _seed_text("000_")  # tab-separated rows
SEED_CELLS = _seed_text("004_")  # one cell per line
SEED_OCR = _seed_text("003_")  # OCR-split cells

# The 25 rows of section 三 in printed order, as FORMAT.md lists them.
ROW_KEYS = (
    "new_received",
    "carried_over",
    "results.granted",
    "results.partially_granted",
    "results.denied.state_secret",
    "results.denied.prohibited_by_law",
    "results.denied.security_stability",
    "results.denied.third_party_rights",
    "results.denied.internal_affairs",
    "results.denied.process_information",
    "results.denied.enforcement_files",
    "results.denied.administrative_query",
    "results.unable_to_provide.not_held",
    "results.unable_to_provide.needs_creation",
    "results.unable_to_provide.still_unclear",
    "results.not_processed.complaint",
    "results.not_processed.repeated",
    "results.not_processed.publication",
    "results.not_processed.excessive",
    "results.not_processed.confirmation",
    "results.other_handling.overdue_correction",
    "results.other_handling.unpaid_fee",
    "results.other_handling.other",
    "results.total",
    "carried_forward",
)
COLUMNS = (
    "natural_person",
    "commercial",
    "research",
    "social_welfare",
    "legal_service",
    "other",
    "total",
)
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def values(n: int) -> tuple[int, ...]:
    """The distinct values written into the ``n``-th row of section 三: six and their sum."""
    six = tuple(10 * n + j for j in range(1, 7))
    return (*six, sum(six))


def counts(numbers: tuple[int | None, ...]) -> ApplicantCounts:
    return ApplicantCounts(**dict(zip(COLUMNS, numbers, strict=True)))


def row_text(numbers: tuple[int, ...]) -> str:
    return "\t".join(str(v) for v in numbers)


def edit(text: str, old: str, new: str) -> str:
    """``text`` with the one occurrence of ``old`` replaced (an edit that misses fails)."""
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


def _with_distinct_values(text: str) -> str:
    lines = text.split("\n")
    start = lines.index("三、收到和处理政府信息公开申请情况")
    end = lines.index("四、政府信息公开行政复议、行政诉讼情况")
    seven = re.compile(r"\d+(?:\t\d+){6}")
    n = 0
    for i in range(start + 1, end):
        line, found = seven.subn(row_text(values(n)), lines[i], count=1)
        if found:
            lines[i] = line
            n += 1
    assert n == len(ROW_KEYS)
    return "\n".join(lines)


BASE = _with_distinct_values(SEED_TAB)


def row(report: Report, key: str) -> ApplicantCounts:
    value: ApplicantCounts = attrgetter(key)(report.applications)
    return value


def parse_tables(text: str) -> Report:
    """Parse without the consistency checks: these tests are about reading the tables (the
    rules are tested in test_checks.py), and their reports break the rules on purpose."""
    return govreport.parse(text, check=False)


def findings(report: Report, code: str) -> list[Finding]:
    return [f for f in report.findings if f.code == code]


def errors(report: Report) -> list[Finding]:
    return [f for f in report.findings if f.severity is Severity.ERROR]


def line_of(text: str, fragment: str) -> int:
    """The 1-based number of the one line of ``text`` that contains ``fragment``."""
    numbers = [i for i, line in enumerate(text.split("\n"), 1) if fragment in line]
    assert len(numbers) == 1, numbers
    return numbers[0]


def column_after(prefix: str) -> int:
    """The 1-based column of the character that follows ``prefix`` at the start of a line."""
    return len(prefix) + 1


# Lines of the base, as printed (values(0) is row 一, values(1) row 二, …).
NEW_LABEL = "一、本年新收政府信息公开申请数量"
NEW_LINE = f"{NEW_LABEL}\t\t{row_text(values(0))}\t"
CARRIED_LINE = f"二、上年结转政府信息公开申请数量\t\t{row_text(values(1))}\t"
SECURITY_LINE = f"\t\t3. 危及“三安全一稳定”\t{row_text(values(6))}"
TOTAL_LINE = f"(七) 总计\t{row_text(values(23))}\t\t"
FORWARD_LINE = f"四、结转下年度继续办理\t\t{row_text(values(24))}\t"
REVIEW_LINE = "\t".join(["0"] * 15)


# --- the base -------------------------------------------------------------------------------------


def test_every_row_of_section_three_is_read_under_its_key() -> None:
    report = parse_tables(BASE)
    for n, key in enumerate(ROW_KEYS):
        assert row(report, key) == counts(values(n)), key
    assert errors(report) == []


def test_a_printed_zero_stays_zero() -> None:
    report = parse_tables(SEED_TAB)
    carried = report.applications.carried_over
    assert all(getattr(carried, c) == 0 for c in COLUMNS)
    assert all(getattr(carried, c) is not None for c in COLUMNS)
    assert report.active_disclosure.licensing == 0
    assert report.review_litigation.review.upheld == 0


def test_section_four_reads_fifteen_numbers_in_printed_order() -> None:
    text = edit(BASE, REVIEW_LINE, "\t".join(str(i) for i in range(1, 16)))
    review = parse_tables(text).review_litigation
    assert (review.review.upheld, review.review.total) == (1, 5)
    assert (review.litigation_direct.upheld, review.litigation_direct.pending) == (6, 9)
    assert review.litigation_after_review.corrected == 12
    assert review.litigation_after_review.total == 15


# --- label drift ----------------------------------------------------------------------------------


DRIFT = [
    pytest.param(
        "\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t\t",
        "\t\t\t企业\t科研机构\t社会组织\t法律服务机构\t其他\t\t",
        id="header-企业-社会组织",
    ),
    pytest.param("3. 危及“三安全一稳定”", '3. 危害国家安全及"三稳"', id="三稳"),
    pytest.param("3. 危及“三安全一稳定”", "3. 危及三安全一稳定", id="no-quotes"),
    pytest.param("4. 无正当理由大量反复申请", "4. 正当理由大量反复申请", id="missing-无"),
    pytest.param("3. 补正后申请内容仍不明确", "3. 补正后申请内容不明确", id="missing-仍"),
    pytest.param("3. 要求提供公开出版物", "3. 要求提供出版物", id="missing-公开"),
    pytest.param("6. 属于四类过程性信息", "6. 属于四类过 程性信息", id="space-in-word"),
    pytest.param(
        "1. 本机关不掌握相关政府信息", "1. 本机关不掌握相 关政 府信息", id="spaces-in-words"
    ),
    pytest.param("四、结转下年度继续办理", "四、结转下年度继续办 理", id="space-结转"),
    pytest.param("(一) 予以公开", "（一）予以公开", id="full-width-brackets"),
    pytest.param("(一) 予以公开", "一)予以公开", id="half-bracket"),
    pytest.param("(一) 予以公开", "一）予以公开", id="full-width-half-bracket"),
    pytest.param("(七) 总计", "（七）总计", id="full-width-总计"),
    pytest.param(
        "(二) 部分公开 (区分处理的, 只计这一情形, 不计其他情形)",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        id="full-width-punctuation",
    ),
    pytest.param("2. 其他法律行政法规禁止公开", "2、其他法律行政法规禁止公开", id="number-、"),
    pytest.param("2. 其他法律行政法规禁止公开", "２．其他法律行政法规禁止公开", id="number-２．"),
    pytest.param("(五) 不予处理", "五) 不予处理", id="group-五)"),
]


@pytest.mark.parametrize(("old", "new"), DRIFT)
def test_drifted_labels_give_the_same_values(old: str, new: str) -> None:
    base = parse_tables(BASE)
    drifted = parse_tables(edit(BASE, old, new))
    assert drifted.applications == base.applications
    assert errors(drifted) == []
    assert findings(drifted, "unread-text") == []


def test_drifted_row_is_read_under_its_own_key() -> None:
    text = edit(BASE, "3. 危及“三安全一稳定”", '3. 危害国家安全及"三稳"')
    report = parse_tables(text)
    assert report.applications.results.denied.security_stability == counts(values(6))


def test_ocr_broken_labels_of_seed_three_read_as_in_the_format() -> None:
    # Seed 003 prints `5. 属于三类内` / `部事务信息` on two lines, `4. 正当理 由大量反 复申请`
    # and `危害国家安全及“三稳”`; its values are all 0.
    report = parse_tables(SEED_OCR)
    denied = report.applications.results.denied
    assert denied.internal_affairs == counts((0,) * 7)
    assert denied.security_stability == counts((0,) * 7)
    assert report.applications.results.not_processed.excessive == counts((0,) * 7)
    assert errors(report) == []


# --- shifted cells --------------------------------------------------------------------------------


SHIFTS = [
    pytest.param(NEW_LINE, f"{NEW_LABEL}\t{row_text(values(0))}\t\t", "new_received", id="left"),
    pytest.param(NEW_LINE, f"{NEW_LABEL}\t\t\t{row_text(values(0))}", "new_received", id="right"),
    pytest.param(
        NEW_LINE, f"{NEW_LABEL}\t\t\t{row_text(values(0))}\t\t", "new_received", id="wider"
    ),
    pytest.param(
        SECURITY_LINE,
        f"\t\t3. 危及“三安全一稳定”\t\t{row_text(values(6))}",
        "results.denied.security_stability",
        id="denied-right",
    ),
    pytest.param(
        SECURITY_LINE,
        f"\t3. 危及“三安全一稳定”\t{row_text(values(6))}\t",
        "results.denied.security_stability",
        id="denied-left",
    ),
    pytest.param(
        TOTAL_LINE, f"(七) 总计\t\t{row_text(values(23))}\t", "results.total", id="total-right"
    ),
]


@pytest.mark.parametrize(("old", "new", "key"), SHIFTS)
def test_a_row_shifted_by_an_empty_cell_reads_the_same(old: str, new: str, key: str) -> None:
    report = parse_tables(edit(BASE, old, new))
    assert row(report, key) == counts(values(ROW_KEYS.index(key)))
    assert report.applications == parse_tables(BASE).applications
    assert errors(report) == []


def test_full_width_digits_in_cells_are_digits() -> None:
    full = f"{NEW_LABEL}\t\t{row_text(values(0)).translate(FULL_WIDTH)}\t"
    assert "１" in full
    report = parse_tables(edit(BASE, NEW_LINE, full))
    assert report.applications.new_received == counts(values(0))
    assert errors(report) == []


# --- blank vs zero --------------------------------------------------------------------------------


@pytest.mark.parametrize("blank", ["", "/", "-", "—", "&nbsp;"], ids=repr)
def test_a_row_of_blank_cells_is_none_not_zero(blank: str) -> None:
    line = f"{NEW_LABEL}\t\t" + "\t".join([blank] * 7) + "\t"
    report = parse_tables(edit(BASE, NEW_LINE, line))
    assert report.applications.new_received == counts((None,) * 7)
    assert findings(report, "not-a-number") == []
    # The other rows keep their values.
    assert report.applications.carried_over == counts(values(1))


def test_a_row_of_tabs_only_is_none_not_zero() -> None:
    report = parse_tables(edit(BASE, NEW_LINE, NEW_LABEL + "\t" * 9))
    assert report.applications.new_received == counts((None,) * 7)


def test_blanks_and_zeros_mixed_in_one_row_stay_distinct() -> None:
    line = f"{NEW_LABEL}\t\t0\t/\t0\t-\t0\t—\t0\t"
    report = parse_tables(edit(BASE, NEW_LINE, line))
    assert report.applications.new_received == counts((0, None, 0, None, 0, None, 0))


def test_interior_empty_cells_are_none() -> None:
    line = f"{NEW_LABEL}\t\t3\t\t4\t\t5\t\t23\t"
    report = parse_tables(edit(BASE, NEW_LINE, line))
    assert report.applications.new_received == counts((3, None, 4, None, 5, None, 23))
    assert errors(report) == []


def test_an_empty_first_cell_at_the_edge_of_a_row_is_none() -> None:
    # Same cell count as the row below it: the first value cell is empty.
    line = f"{NEW_LABEL}\t\t\t1\t4\t1\t5\t9\t20\t"
    report = parse_tables(edit(BASE, NEW_LINE, line))
    assert report.applications.new_received == counts((None, 1, 4, 1, 5, 9, 20))


def test_an_empty_last_cell_at_the_edge_of_a_row_is_none() -> None:
    # Same cell count as the row below it: the total cell is empty.
    line = f"{NEW_LABEL}\t\t3\t1\t4\t1\t5\t9\t\t"
    report = parse_tables(edit(BASE, NEW_LINE, line))
    assert report.applications.new_received == counts((3, 1, 4, 1, 5, 9, None))


def test_an_empty_cell_in_a_cell_per_line_row_is_none() -> None:
    old = "\t一、本年新收政府信息公开申请数量\n\t41\n\t1\n\t0\n\t0\n\t61\n\t0\n\t103\n"
    new = "\t一、本年新收政府信息公开申请数量\n\t41\n\t1\n\t0\n\t0\n\t61\n\t0\n\t\n"
    report = parse_tables(edit(SEED_CELLS, old, new))
    assert report.applications.new_received == counts((41, 1, 0, 0, 61, 0, None))


def test_a_blank_single_value_of_section_two_is_none() -> None:
    report = parse_tables(edit(BASE, "行政许可\t0\t\t", "行政许可\t/\t\t"))
    assert report.active_disclosure.licensing is None
    assert report.active_disclosure.punishment == 0


# --- cells that are not numbers -------------------------------------------------------------------


def test_a_non_numeric_cell_is_a_not_a_number_error_at_its_cell() -> None:
    prefix_1o = f"{NEW_LABEL}\t\t3\t"
    prefix_5 = f"{prefix_1o}1O\t4\t1\t"
    line = f"{prefix_5}5件\t9\t23\t"
    text = edit(BASE, NEW_LINE, line)
    report = parse_tables(text)
    assert report.applications.new_received == counts((3, None, 4, 1, None, 9, 23))
    bad = findings(report, "not-a-number")
    assert [(f.path, f.line, f.column) for f in bad] == [
        (
            "$.applications.new_received.commercial",
            line_of(text, NEW_LABEL),
            column_after(prefix_1o),
        ),
        (
            "$.applications.new_received.legal_service",
            line_of(text, NEW_LABEL),
            column_after(prefix_5),
        ),
    ]
    assert all(f.severity is Severity.ERROR for f in bad)
    assert "'1O'" in bad[0].message
    assert "'5件'" in bad[1].message


def test_a_non_numeric_last_cell_is_none_never_zero() -> None:
    line = f"{NEW_LABEL}\t\t3\t1\t4\t1\t5\t9\t23件\t"
    report = parse_tables(edit(BASE, NEW_LINE, line))
    assert report.applications.new_received.total is None
    (bad,) = findings(report, "not-a-number")
    assert bad.path == "$.applications.new_received.total"


def test_a_decimal_in_a_count_cell_is_not_a_number() -> None:
    line = f"{NEW_LABEL}\t\t3\t1.5\t4\t1\t5\t9\t23\t"
    report = parse_tables(edit(BASE, NEW_LINE, line))
    assert report.applications.new_received.commercial is None
    (bad,) = findings(report, "not-a-number")
    assert bad.path == "$.applications.new_received.commercial"


def test_a_non_numeric_first_value_cell_is_a_not_a_number_error() -> None:
    line = f"{NEW_LABEL}\t\t1O\t1\t4\t1\t5\t9\t21\t"
    report = parse_tables(edit(BASE, NEW_LINE, line))
    assert report.applications.new_received == counts((None, 1, 4, 1, 5, 9, 21))
    assert [f.path for f in findings(report, "not-a-number")] == [
        "$.applications.new_received.natural_person"
    ]
    assert findings(report, "missing-row") == []


def test_a_non_numeric_single_value_of_section_two_is_a_not_a_number_error() -> None:
    report = parse_tables(edit(BASE, "行政许可\t0\t\t", "行政许可\tO\t\t"))
    assert report.active_disclosure.licensing is None
    assert [f.path for f in findings(report, "not-a-number")] == ["$.active_disclosure.licensing"]


def test_a_non_numeric_cell_in_a_cell_per_line_row_is_placed_on_its_line() -> None:
    old = "\t二、上年结转政府信息公开申请数量\n\t5\n\t0\n"
    new = "\t二、上年结转政府信息公开申请数量\n\t5\n\t1O\n"
    text = edit(SEED_CELLS, old, new)
    report = parse_tables(text)
    assert report.applications.carried_over == counts((5, None, 0, 0, 0, 0, 5))
    (bad,) = findings(report, "not-a-number")
    assert bad.path == "$.applications.carried_over.commercial"
    assert bad.line == line_of(text, "\t1O")
    assert bad.column == 2


def test_a_non_numeric_cell_in_section_four_is_not_a_number() -> None:
    numbers = [str(i) for i in range(1, 16)]
    numbers[2] = "1O"
    text = edit(BASE, REVIEW_LINE, "\t".join(numbers))
    report = parse_tables(text)
    review = report.review_litigation.review
    assert (review.upheld, review.corrected, review.other, review.pending) == (1, 2, None, 4)
    (bad,) = findings(report, "not-a-number")
    assert bad.path == "$.review_litigation.review.other"
    assert (bad.line, bad.column) == (line_of(text, "1\t2\t1O"), column_after("1\t2\t"))


def test_fees_are_read_as_a_decimal() -> None:
    report = parse_tables(edit(BASE, "行政事业性收费\t0\t\t", "行政事业性收费\t0.35\t\t"))
    assert report.active_disclosure.fees == Decimal("0.35")


# --- rows missing, extra, repeated, too wide; text that is not table ------------------------------


def test_a_deleted_row_gives_missing_row_and_unknown_values() -> None:
    report = parse_tables(edit(BASE, CARRIED_LINE + "\n", ""))
    (missing,) = findings(report, "missing-row")
    assert missing.path == "$.applications.carried_over"
    assert missing.severity is Severity.ERROR
    assert report.applications.carried_over == counts((None,) * 7)
    assert report.applications.new_received == counts(values(0))
    assert report.applications.results.granted == counts(values(2))


def test_a_deleted_group_row_gives_missing_row_at_its_path() -> None:
    report = parse_tables(edit(BASE, SECURITY_LINE + "\n", ""))
    assert [f.path for f in findings(report, "missing-row")] == [
        "$.applications.results.denied.security_stability"
    ]
    denied = report.applications.results.denied
    assert denied.security_stability == counts((None,) * 7)
    assert denied.prohibited_by_law == counts(values(5))
    assert denied.third_party_rights == counts(values(7))


@pytest.mark.parametrize("label", ["（八）申请人撤回申请", "五、其他奇怪的行"])
def test_an_extra_row_with_values_gives_unmapped_row(label: str) -> None:
    extra = f"{label}\t\t1\t2\t3\t4\t5\t6\t21\t"
    text = edit(BASE, CARRIED_LINE, f"{CARRIED_LINE}\n{extra}")
    report = parse_tables(text)
    (unmapped,) = findings(report, "unmapped-row")
    assert unmapped.severity is Severity.ERROR
    assert label in unmapped.message
    assert unmapped.line == line_of(text, label)
    # Nothing else moved.
    assert report.applications == parse_tables(BASE).applications


def test_a_note_line_in_a_table_section_gives_unread_text_quoting_it() -> None:
    note = "注：本表数据截至12月31日"
    text = edit(BASE, FORWARD_LINE, f"{FORWARD_LINE}\n{note}")
    report = parse_tables(text)
    (unread,) = findings(report, "unread-text")
    assert note in unread.message
    assert unread.line == line_of(text, note)
    assert unread.severity is Severity.WARNING
    assert report.applications == parse_tables(BASE).applications


def test_a_row_printed_twice_gives_repeated_row_and_keeps_the_first() -> None:
    again = f"二、上年结转政府信息公开申请数量\t\t{row_text(values(30))}\t"
    text = edit(BASE, CARRIED_LINE, f"{CARRIED_LINE}\n{again}")
    report = parse_tables(text)
    (repeated,) = findings(report, "repeated-row")
    assert repeated.line == line_of(text, row_text(values(30)))
    assert report.applications.carried_over == counts(values(1))


def test_a_row_with_too_many_numbers_gives_row_width_and_no_values() -> None:
    wide = f"二、上年结转政府信息公开申请数量\t\t{row_text(values(1))}\t99\t"
    report = parse_tables(edit(BASE, CARRIED_LINE, wide))
    (width,) = findings(report, "row-width")
    assert width.path == "$.applications.carried_over"
    assert report.applications.carried_over == counts((None,) * 7)


@pytest.mark.parametrize("count", [14, 16])
def test_section_four_without_fifteen_numbers_gives_review_litigation_count(count: int) -> None:
    text = edit(BASE, REVIEW_LINE, "\t".join(str(i) for i in range(1, count + 1)))
    report = parse_tables(text)
    (finding,) = findings(report, "review-litigation-count")
    assert finding.path == "$.review_litigation"
    assert str(count) in finding.message
    assert report.review_litigation == ReviewLitigation()


# --- the 2019 format ------------------------------------------------------------------------------


SECTION_TWO_2019 = "\n".join(
    (
        "第二十条第（一）项\t\t\t",
        "信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量",
        "规章\t1\t2\t3",
        "规范性文件\t4\t5\t6",
        "第二十条第（五）项\t\t\t",
        "信息内容\t上一年项目数量\t本年增/减\t处理决定数量",
        "行政许可\t7\t-8\t9",
        "其他对外管理服务事项\t10\t11\t12",
        "第二十条第（六）项\t\t\t",
        "信息内容\t上一年项目数量\t本年增/减\t处理决定数量",
        "行政处罚\t13\t14\t15",
        "行政强制\t16\t17\t18",
        "第二十条第（八）项\t\t\t",
        "信息内容\t上一年项目数量\t本年增/减\t",
        "行政事业性收费\t19\t20\t",
        "第二十条第（九）项\t\t\t",
        "信息内容\t采购项目数量\t采购总金额\t",
        "政府集中采购\t21\t22.5\t",
    )
)


def _section_two(text: str) -> str:
    start = text.index("二、主动公开政府信息情况\n") + len("二、主动公开政府信息情况\n")
    end = text.index("三、收到和处理政府信息公开申请情况")
    return text[start:end]


def test_a_2019_format_section_two_is_read_in_the_2019_format() -> None:
    text = edit(BASE, _section_two(BASE), f"\n{SECTION_TWO_2019}\n\n")
    report = parse_tables(text)
    assert report.format_version == "2019"
    active = report.active_disclosure
    assert isinstance(active, govreport.ActiveDisclosure2019)
    assert active.regulations == govreport.DocumentCounts2019(
        new_made=1, new_published=2, total_published=3
    )
    assert active.licensing.change == -8
    assert active.procurement == govreport.Procurement(items=21, amount=Decimal("22.5"))
    # Section 三 of the base prints the 2021 format's three （六） rows: read, and told.
    assert report.applications == parse_tables(BASE).applications
    (shape,) = findings(report, "other-handling-shape")
    assert shape.severity is Severity.WARNING
    assert {f.code for f in report.findings if f.severity is not Severity.INFO} == {
        "other-handling-shape"
    }


def test_a_2021_format_report_has_format_version_2021() -> None:
    report = parse_tables(BASE)
    assert report.format_version == "2021"
    assert isinstance(report.active_disclosure, govreport.ActiveDisclosure)
    assert findings(report, "format-year") == []


# --- places ---------------------------------------------------------------------------------------


def test_place_points_at_the_printed_cell_in_a_tab_row() -> None:
    prefix = f"{NEW_LABEL}\t\t"
    line = f"{prefix}3\t1\t4\t1\t5\t9\t777\t"
    text = edit(BASE, NEW_LINE, line)
    report = parse_tables(text)
    number = line_of(text, NEW_LABEL)
    assert report.place("$.applications.new_received.natural_person") == govreport.Place(
        number, column_after(prefix)
    )
    assert report.place("$.applications.new_received.research") == govreport.Place(
        number, column_after(prefix + "3\t1\t")
    )
    assert report.place("$.applications.new_received.total") == govreport.Place(
        number, column_after(prefix + "3\t1\t4\t1\t5\t9\t")
    )


def test_place_points_at_the_printed_cell_in_a_cell_per_line_row() -> None:
    text = edit(SEED_CELLS, "\t  23\n", "\t  4321\n")
    report = parse_tables(text)
    assert report.applications.results.partially_granted.total == 4321
    assert report.place("$.applications.results.partially_granted.total") == govreport.Place(
        line_of(text, "4321"), column_after("\t  ")
    )


def test_place_of_the_seed_readme_example() -> None:
    report = parse_tables(SEED_CELLS)
    assert report.place("$.applications.new_received.total") == govreport.Place(
        line_of(SEED_CELLS, "\t103"), 2
    )


def test_place_of_section_two_and_four_values() -> None:
    fees_line = "行政事业性收费\t0.35\t\t"
    text = edit(BASE, "行政事业性收费\t0\t\t", fees_line)
    text = edit(text, REVIEW_LINE, "\t".join(str(i) for i in range(9001, 9016)))
    report = parse_tables(text)
    assert report.place("$.active_disclosure.fees") == govreport.Place(
        line_of(text, fees_line), column_after("行政事业性收费\t")
    )
    after = "\t".join(str(i) for i in range(9001, 9010)) + "\t"
    assert report.place("$.review_litigation.litigation_direct.total") == govreport.Place(
        line_of(text, "9001\t9002"), column_after(after)
    )


def test_place_counts_columns_in_the_source_not_the_normalized_text() -> None:
    # `[bookmark: _GoBack]` is removed before parsing; the column is still the source's.
    prefix = f"{NEW_LABEL}\t\t[bookmark: _GoBack]"
    line = f"{prefix}3\t1\t4\t1\t5\t9\t23\t"
    text = edit(BASE, NEW_LINE, line)
    report = parse_tables(text)
    assert report.applications.new_received == counts((3, 1, 4, 1, 5, 9, 23))
    assert report.place("$.applications.new_received.natural_person") == govreport.Place(
        line_of(text, NEW_LABEL), column_after(prefix)
    )
    assert report.place("$.applications.new_received.total") == govreport.Place(
        line_of(text, NEW_LABEL), column_after(prefix + "3\t1\t4\t1\t5\t9\t")
    )


def test_place_with_crlf_line_breaks() -> None:
    prefix = f"{NEW_LABEL}\t\t3\t"
    text = edit(BASE, NEW_LINE, f"{prefix}1\t4\t1\t5\t9\t23\t")
    report = parse_tables(text.replace("\n", "\r\n"))
    assert report.place("$.applications.new_received.commercial") == govreport.Place(
        line_of(text, NEW_LABEL), column_after(prefix)
    )


def test_place_of_a_value_that_was_not_read_is_none() -> None:
    report = parse_tables(edit(BASE, CARRIED_LINE + "\n", ""))
    assert report.place("$.applications.carried_over.total") is None
    assert report.place("$.applications.no_such_row.total") is None


def _place_pairs(report: Report) -> dict[str, Any]:
    assert report.provenance is not None
    return {path: report.place(path) for path in report.provenance.paths()}


def test_every_read_value_of_the_base_has_a_place_on_a_table_line() -> None:
    report = parse_tables(BASE)
    places = _place_pairs(report)
    # 25 rows of 7 in section 三; 3 + 3 + 1 + 1 + 1 + 1 in section 二; 15 in section 四.
    assert len(places) == 25 * 7 + 10 + 15
    lines = BASE.split("\n")
    for path, place in places.items():
        assert place is not None, path
        char = lines[place.line - 1][place.column - 1]
        assert char.isdigit(), (path, place, char)
