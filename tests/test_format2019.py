"""The 2019 format (国办公开办函〔2019〕60号, reports for 2019 and 2020), end to end.

The fixtures in ``tests/fixtures/format2019/`` are authored after the official template:
``2019_tab.txt`` (tab rows) and ``2019_cell_per_line.txt`` (the same report, one cell per
line), ``2020_tab_drift.txt`` (the wording drift real reports show, a cell that is not a
number and a broken R2) and ``2021_single_other_handling.txt`` (a 2021-format report that
still prints the single （六）其他处理 row). Each has its expected values beside it, in
``expected/``. The other tests edit ``2019_tab.txt`` a cell at a time.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import find, given, settings
from hypothesis import strategies as st

import govreport
from govreport import (
    ActiveDisclosure,
    ActiveDisclosure2019,
    ApplicantCounts,
    DocumentCounts2019,
    FeeItems,
    Finding,
    ItemCounts,
    OtherHandling,
    Procurement,
    Report,
    Severity,
    registry,
)
from govreport.crosschecks import leaf_values
from govreport.extractors import Row
from govreport.labels import (
    ACTIVE_DISCLOSURE_2019_HEADERS,
    ACTIVE_DISCLOSURE_2019_PARTS,
    ACTIVE_DISCLOSURE_2019_ROWS,
    APPLICATION_ROWS_2019,
    RowSpec,
    compact,
)
from govreport.tables import detect_format
from govreport.testing import (
    Noise,
    printed_labels,
    render_report,
    report_differences,
    reports,
)

HERE = Path(__file__).parent / "fixtures" / "format2019"
FIXTURES = sorted(HERE.glob("*.txt"))
TAB = (HERE / "2019_tab.txt").read_text("utf-8")
LAYOUTS = registry.names()

# --- The fixtures -------------------------------------------------------------------------------


def expected_of(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((HERE / "expected" / f"{path.stem}.json").read_text("utf-8"))
    return data


def leaves(obj: Any, prefix: str = "$") -> Iterator[tuple[str, Any]]:
    if isinstance(obj, dict):
        for key, value in obj.items():
            yield from leaves(value, f"{prefix}.{key}")
    else:
        yield prefix, obj


_VALUES = ("year", "format_version", "active_disclosure", "applications", "review_litigation")


@pytest.mark.parametrize("path", FIXTURES, ids=[p.stem for p in FIXTURES])
def test_fixture_gives_its_expected_values_and_findings(path: Path) -> None:
    expected = expected_of(path)
    report = govreport.parse_file(path)
    got = govreport.to_dict(report)
    wanted = {key: expected[key] for key in _VALUES}
    assert dict(leaves({key: got[key] for key in _VALUES})) == dict(leaves(wanted))
    assert report.agency in expected["agency_accept"]
    assert set(report.extractors.values()) == {expected["layout"]}
    found = [
        {"code": f.code, "path": f.path} for f in report.findings if f.severity is not Severity.INFO
    ]
    assert sorted(found, key=str) == sorted(expected["findings"], key=str)


def test_other_handling_shape_stands_at_the_single_rows_label() -> None:
    path = HERE / "2021_single_other_handling.txt"
    text = path.read_text("utf-8")
    (finding,) = [
        f for f in govreport.parse_file(path).findings if f.code == "other-handling-shape"
    ]
    assert (finding.line, finding.column) == line_and_column(text, "（六）其他处理")


@pytest.mark.parametrize("path", FIXTURES, ids=[p.stem for p in FIXTURES])
def test_fixture_survives_a_json_round_trip(path: Path) -> None:
    report = govreport.parse_file(path)
    assert govreport.from_json(govreport.to_json(report)) == report


def test_the_two_layouts_of_the_2019_report_read_alike() -> None:
    tab = govreport.parse_file(HERE / "2019_tab.txt")
    cells = govreport.parse_file(HERE / "2019_cell_per_line.txt")
    assert tab.format_version == cells.format_version == "2019"
    assert tab.active_disclosure == cells.active_disclosure
    assert tab.applications == cells.applications
    assert tab.review_litigation == cells.review_litigation


def test_the_2019_report_has_the_2019_shapes() -> None:
    report = govreport.parse(TAB)
    active = report.active_disclosure
    assert isinstance(active, ActiveDisclosure2019)
    assert active.licensing == ItemCounts(previous_year_items=46, change=-3, decisions=1268)
    assert active.fees == FeeItems(previous_year_items=5, change=-2)
    assert active.procurement == Procurement(items=14, amount=Decimal("386.52"), amount_unit="万元")
    single = report.applications.results.other_handling
    assert single == ApplicantCounts(
        natural_person=1,
        commercial=0,
        research=0,
        social_welfare=0,
        legal_service=0,
        other=0,
        total=1,
    )
    assert [f.code for f in report.findings] == ["outside-sections"]


def line_and_column(text: str, fragment: str, after: str = "") -> tuple[int, int]:
    at = text.index(fragment, text.index(after) if after else 0)
    line = text.count("\n", 0, at) + 1
    return line, at - (text.rfind("\n", 0, at) + 1) + 1


@pytest.mark.parametrize(
    ("path", "row", "cell"),
    [
        ("$.active_disclosure.licensing.change", "行政许可\t", "-3"),
        ("$.active_disclosure.other_services.change", "其他对外管理服务事项\t", "+2"),
        ("$.active_disclosure.procurement.amount", "政府集中采购\t", "386.52万元"),
        ("$.active_disclosure.normative_documents.total_published", "规范性文件\t", "21"),
        ("$.applications.results.other_handling.natural_person", "（六）其他处理", "1"),
    ],
)
def test_a_2019_value_is_placed_where_it_was_printed(path: str, row: str, cell: str) -> None:
    report = govreport.parse(TAB)
    place = report.place(path)
    assert place is not None
    assert (place.line, place.column) == line_and_column(TAB, cell, row)


# Section 二 as `pdftotext -layout` prints a 2019-format PDF: columns aligned with spaces,
# header cells wrapped over two lines, 本年增/减 with its signs.
ALIGNED_SECTION_TWO = """
                                  第二十条第（一）项
     信息内容            本年新               本年新              对外公开
                        制作数量             公开数量             总数量
       规章                0                    0                   0
    规范性文件              3                    3                  21
                                  第二十条第（五）项
     信息内容           上一年项目数量         本年增/减          处理决定数量
     行政许可              46                   -3                1268
  其他对外管理服务事项      12                   +2                 356
                                  第二十条第（六）项
     信息内容           上一年项目数量         本年增/减          处理决定数量
     行政处罚              135                  0                  47
     行政强制               8                   -1                  2
                                  第二十条第（八）项
     信息内容           上一年项目数量         本年增/减
  行政事业性收费            5                   -2
                                  第二十条第（九）项
     信息内容            采购项目数量         采购总金额
   政府集中采购            14               386.52万元
"""


def test_a_pdftotext_layout_2019_section_two_reads_like_the_tab_one() -> None:
    start = TAB.index("二、主动公开政府信息情况\n") + len("二、主动公开政府信息情况\n")
    end = TAB.index("三、收到和处理政府信息公开申请情况")
    text = TAB[:start] + ALIGNED_SECTION_TWO + "\n" + TAB[end:]
    report = govreport.parse(text)
    assert report.extractors["active_disclosure"] == "aligned"
    assert report.format_version == "2019"
    assert report.active_disclosure == govreport.parse(TAB).active_disclosure
    assert [f.code for f in report.findings] == ["outside-sections"]


# --- format_version: from the tables, not from the year ------------------------------------------


def grid(*rows: str) -> tuple[Row, ...]:
    out = []
    for text in rows:
        cells = tuple(text.split("\t"))
        out.append(Row(cells=cells, starts=tuple(range(len(cells)))))
    return tuple(out)


THREE_ROWS = grid(
    "（六）其他处理\t1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请\t0",
    "\t2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请\t0",
)
ONE_ROW = grid("\t（六）其他处理\t0\t0")


@pytest.mark.parametrize(
    ("active", "applications", "version"),
    [
        (grid("信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量"), (), "2019"),
        (grid("信息内容\t本年制发件数\t本年废止件数\t现行有效件数"), (), "2021"),
        # Header cells split over cells (OCR, wrapped lines) still count.
        (grid("信息内容\t上一年\t项目数量\t本年增/减"), (), "2019"),
        (grid("政府集中采购\t3\t5"), THREE_ROWS, "2019"),
        # The rows of 第二十条第（五）（六）项: one number in 2021, three (or two) in 2019.
        (grid("行政许可\t3"), ONE_ROW, "2021"),
        (grid("行政处罚\t3\t-1\t12"), THREE_ROWS, "2019"),
        (grid("行政强制\t3\t\t12", "行政许可\t\t\t"), (), "2019"),
        # Section 二 without the words or shapes of either format: section 三 decides.
        (grid("规章\t1\t2\t3"), THREE_ROWS, "2021"),
        (grid("规章\t1\t2\t3"), ONE_ROW, "2019"),
        (grid("规章\t1\t2\t3"), (), "2021"),
    ],
)
def test_detect_format_counts_each_formats_own_words(
    active: tuple[Row, ...], applications: tuple[Row, ...], version: str
) -> None:
    assert detect_format(active, applications) == version


def retitled(text: str, year: int) -> str:
    return text.replace("清溪县自然资源局2019年", f"清溪县自然资源局{year}年", 1)


def test_a_2019_format_report_titled_for_2023_is_read_in_the_2019_format_with_an_info() -> None:
    report = govreport.parse(retitled(TAB, 2023))
    assert report.year == 2023
    assert report.format_version == "2019"
    assert report.active_disclosure == govreport.parse(TAB).active_disclosure
    (note,) = [f for f in report.findings if f.code == "format-year"]
    assert note.severity is Severity.INFO
    assert note.path == "$.format_version"
    assert "2023" in note.message and "2019 format" in note.message
    assert note.line == line_and_column(TAB, "二、主动公开政府信息情况")[0]


def test_a_2021_format_report_titled_for_2020_gives_format_year() -> None:
    text = (HERE / "2021_single_other_handling.txt").read_text("utf-8")
    report = govreport.parse(text.replace("清溪县自然资源局2021年", "清溪县自然资源局2020年", 1))
    assert report.format_version == "2021"
    assert [f.code for f in report.findings if f.code == "format-year"] == ["format-year"]


def test_a_report_in_its_own_years_format_gives_no_format_year() -> None:
    for year in (2019, 2020):
        report = govreport.parse(retitled(TAB, year))
        assert [f for f in report.findings if f.code == "format-year"] == []


# --- 本年增/减 and 采购总金额 ------------------------------------------------------------------

LICENSING = "行政许可\t46\t-3\t1268"


def with_licensing(change: str) -> Report:
    return govreport.parse(edit(TAB, LICENSING, f"行政许可\t46\t{change}\t1268"), check=False)


def edit(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


def active_2019(report: Report) -> ActiveDisclosure2019:
    active = report.active_disclosure
    assert isinstance(active, ActiveDisclosure2019)
    return active


@pytest.mark.parametrize(
    ("printed", "value"),
    [
        ("-3", -3),
        ("+3", 3),
        ("3", 3),
        ("0", 0),
        ("－3", -3),  # full-width minus
        ("−3", -3),  # minus sign
        ("增加3", 3),
        ("增3", 3),
        ("新增12", 12),
        ("减少3", -3),
        ("减 3", -3),
        ("-1,024", -1024),
        ("", None),
        ("/", None),
        ("—", None),
        ("-", None),
    ],
)
def test_change_reads_signs_and_words(printed: str, value: int | None) -> None:
    report = with_licensing(printed)
    assert active_2019(report).licensing == ItemCounts(
        previous_year_items=46, change=value, decisions=1268
    )
    assert [f for f in report.findings if f.severity is not Severity.INFO] == []


@pytest.mark.parametrize("printed", ["持平", "增加-3", "减少+1", "3项", "1.5", "减少", "3O"])
def test_a_change_that_is_no_signed_count_is_not_a_number_at_its_cell(printed: str) -> None:
    text = edit(TAB, LICENSING, f"行政许可\t46\t{printed}\t1268")
    report = govreport.parse(text, check=False)
    assert active_2019(report).licensing == ItemCounts(
        previous_year_items=46, change=None, decisions=1268
    )
    (finding,) = [f for f in report.findings if f.severity is not Severity.INFO]
    assert (finding.code, finding.severity) == ("not-a-number", Severity.ERROR)
    assert finding.path == "$.active_disclosure.licensing.change"
    assert (finding.line, finding.column) == line_and_column(text, printed, "行政许可\t")
    assert repr(printed) in finding.message


PROCUREMENT_HEADER = "信息内容\t采购项目数量\t采购总金额\t"
PROCUREMENT = "政府集中采购\t14\t386.52万元\t"


@pytest.mark.parametrize(
    ("header", "cell", "amount", "unit"),
    [
        ("采购总金额", "386.52万元", "386.52", "万元"),
        ("采购总金额", "386520元", "386520", "元"),
        ("采购总金额", "386.52", "386.52", None),
        ("采购总金额（万元）", "386.52", "386.52", "万元"),
        ("采购总金额(单位:元)", "3,865,200.5", "3865200.5", "元"),
        ("采购总金额（万元）", "", None, "万元"),
        ("采购总金额", "/", None, None),
    ],
)
def test_the_amount_takes_its_unit_from_its_cell_or_its_header(
    header: str, cell: str, amount: str | None, unit: str | None
) -> None:
    text = edit(TAB, PROCUREMENT_HEADER, f"信息内容\t采购项目数量\t{header}\t")
    report = govreport.parse(edit(text, PROCUREMENT, f"政府集中采购\t14\t{cell}\t"), check=False)
    assert active_2019(report).procurement == Procurement(
        items=14, amount=None if amount is None else Decimal(amount), amount_unit=unit
    )
    assert [f for f in report.findings if f.severity is not Severity.INFO] == []


def test_a_cell_unit_against_the_header_unit_is_read_as_the_cell_says_with_a_warning() -> None:
    text = edit(TAB, PROCUREMENT_HEADER, "信息内容\t采购项目数量\t采购总金额（万元）\t")
    text = edit(text, PROCUREMENT, "政府集中采购\t14\t3865200元\t")
    report = govreport.parse(text, check=False)
    assert active_2019(report).procurement == Procurement(
        items=14, amount=Decimal(3865200), amount_unit="元"
    )
    (finding,) = [f for f in report.findings if f.code == "amount-unit"]
    assert finding.severity is Severity.WARNING
    assert finding.path == "$.active_disclosure.procurement.amount"
    assert (finding.line, finding.column) == line_and_column(text, "3865200元")


@pytest.mark.parametrize("cell", ["万元", "约380万", "386.52美元"])
def test_an_amount_that_is_no_number_is_not_a_number(cell: str) -> None:
    report = govreport.parse(edit(TAB, PROCUREMENT, f"政府集中采购\t14\t{cell}\t"), check=False)
    assert active_2019(report).procurement.amount is None
    codes = [(f.code, f.path) for f in report.findings if f.severity is not Severity.INFO]
    assert codes == [("not-a-number", "$.active_disclosure.procurement.amount")]


def test_blank_cells_of_the_2019_section_two_are_none_not_zero() -> None:
    text = edit(TAB, LICENSING, "行政许可\t46\t\t1268")
    text = edit(text, "规范性文件\t3\t3\t21", "规范性文件\t/\t3\t—")
    report = govreport.parse(text, check=False)
    active = active_2019(report)
    assert active.licensing.change is None
    assert active.normative_documents == DocumentCounts2019(
        new_made=None, new_published=3, total_published=None
    )


def test_a_missing_2019_row_is_a_missing_row_and_its_values_are_none() -> None:
    report = govreport.parse(edit(TAB, "其他对外管理服务事项\t12\t+2\t356\n", ""), check=False)
    assert active_2019(report).other_services == ItemCounts()
    (finding,) = [f for f in report.findings if f.code == "missing-row"]
    assert finding.path == "$.active_disclosure.other_services"


def test_the_2019_labels_drift_as_real_reports_print_them() -> None:
    text = edit(TAB, "规范性文件\t3\t3\t21", "行政规范性文件\t3\t3\t21")
    text = edit(text, "其他对外管理服务事项\t12", "其他对外管理 服务\t12")
    text = edit(text, "政府集中采购\t14", "政府采购\t14")
    text = text.replace("本年增/减", "本年增／减").replace("第二十条第（", "第二十条第(")
    report = govreport.parse(text)
    assert report.active_disclosure == govreport.parse(TAB).active_disclosure
    assert [f.code for f in report.findings] == ["outside-sections"]


# --- （六）其他处理 -------------------------------------------------------------------------------

SINGLE = "\t（六）其他处理\t\t1\t0\t0\t0\t0\t0\t1"


def test_a_2019_report_without_the_single_row_has_it_missing() -> None:
    report = govreport.parse(edit(TAB, SINGLE + "\n", ""), check=False)
    assert report.applications.results.other_handling == ApplicantCounts()
    (finding,) = [f for f in report.findings if f.code == "missing-row"]
    assert finding.path == "$.applications.results.other_handling"


def test_the_single_row_printed_twice_is_a_repeated_row() -> None:
    twice = SINGLE.replace("\t1\t0", "\t5\t0") + "\n" + SINGLE
    report = govreport.parse(edit(TAB, SINGLE, twice), check=False)
    assert report.applications.results.other_handling.natural_person == 5  # type: ignore[union-attr]
    assert [f.code for f in report.findings if f.severity is Severity.ERROR] == ["repeated-row"]


def test_the_single_row_with_its_numbers_on_the_lines_after_its_label_is_read() -> None:
    # Text taken from a PDF in reading order: the label alone, then its numbers.
    report = govreport.parse(edit(TAB, SINGLE, "\t（六）其他处理\n1\t0\t0\t0\t0\t0\t1"))
    assert report.applications == govreport.parse(TAB).applications
    assert [f.code for f in report.findings] == ["outside-sections"]


def test_a_single_row_beside_the_three_rows_is_an_unmapped_row() -> None:
    seed = govreport.parse(TAB)
    three = (HERE / "2021_single_other_handling.txt").read_text("utf-8")
    rows = (
        "\t（六）其他处理\t1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"
        "\t1\t0\t0\t0\t0\t0\t1\n"
        "\t\t2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"
        "\t0\t0\t0\t0\t0\t0\t0\n"
        "\t\t3.其他\t0\t0\t0\t0\t0\t0\t0\n"
    )
    report = govreport.parse(edit(three, SINGLE + "\n", rows + SINGLE + "\n"), check=False)
    assert report.applications.results.other_handling == OtherHandling(
        overdue_correction=seed.applications.results.other_handling,  # type: ignore[arg-type]
        unpaid_fee=ApplicantCounts(**dict.fromkeys(govreport.labels.APPLICATION_COLUMNS, 0)),
        other=ApplicantCounts(**dict.fromkeys(govreport.labels.APPLICATION_COLUMNS, 0)),
    )
    assert [f.code for f in report.findings if f.severity is not Severity.INFO] == ["unmapped-row"]


# --- Checks ------------------------------------------------------------------------------------


def errors(report: Report) -> list[Finding]:
    return [f for f in report.findings if f.severity is Severity.ERROR]


def test_a_negative_change_breaks_no_rule_but_a_negative_count_or_amount_does() -> None:
    assert errors(with_licensing("-40")) == []
    text = edit(TAB, LICENSING, "行政许可\t46\t-3\t-1268")
    text = edit(text, PROCUREMENT, "政府集中采购\t14\t-386.52万元\t")
    report = govreport.parse(text)
    found = [(f.code, f.path) for f in errors(report)]
    assert found == [
        ("R5", "$.active_disclosure.licensing.decisions"),
        ("R5", "$.active_disclosure.procurement.amount"),
    ]
    assert "处理决定数量" in errors(report)[0].message
    assert (errors(report)[0].line, errors(report)[0].column) == line_and_column(text, "-1268")


def test_r2_sums_the_single_row_and_r3_checks_it() -> None:
    # Moving 1 of 自然人 from （一）予以公开 to （六）其他处理 keeps every sum.
    text = edit(
        TAB, "（一）予以公开\t10\t1\t0\t0\t1\t0\t12", "（一）予以公开\t9\t1\t0\t0\t1\t0\t11"
    )
    report = govreport.parse(edit(text, SINGLE, SINGLE.replace("\t1\t0", "\t2\t0", 1)[:-1] + "2"))
    assert errors(report) == []
    # Its total alone changed: R3 on its row, and R2 in the total column.
    report = govreport.parse(edit(TAB, SINGLE, SINGLE[:-1] + "3"))
    found = sorted((f.code, f.path) for f in errors(report))
    assert found == [
        ("R2", "$.applications.results.total.total"),
        ("R3", "$.applications.results.other_handling.total"),
    ]


def test_narrative_figures_are_checked_in_the_2019_format() -> None:
    report = govreport.parse(edit(TAB, "共收到政府信息公开申请27件", "共收到政府信息公开申请28件"))
    (finding,) = [f for f in report.findings if f.code == "N1"]
    assert finding.path == "$.applications.new_received.total"


def test_indicators_work_on_the_2019_format() -> None:
    result = govreport.indicators(govreport.parse(TAB))
    assert result.disclosure_rate == pytest.approx(16 / 27)
    assert result.grant_rate == pytest.approx(12 / 27)
    assert result.unable_rate == pytest.approx(7 / 27)
    assert result.completion_rate == pytest.approx(27 / 29)
    assert result.review_correction_rate == pytest.approx(1 / 3)
    assert result.litigation_correction_rate == 0


# --- Across reports ----------------------------------------------------------------------------

NORMATIVE = "规范性文件\t3\t3\t21"


CARRIED_OVER = "二、上年结转政府信息公开申请数量\t\t2\t0\t0\t0\t0\t0\t2"


def report_for(year: int, normative: str = NORMATIVE, *, amount: str | None = None) -> Report:
    """The 2019 report retitled for ``year``; for 2020 it takes over what 2019 carried forward
    (1 + 1), so that S1 holds in the series 2019, 2020."""
    text = edit(retitled(TAB, year), NORMATIVE, normative)
    if year == 2020:
        text = edit(text, CARRIED_OVER, CARRIED_OVER.replace("2\t0", "1\t1", 1))
    if amount is not None:
        text = edit(text, PROCUREMENT, f"政府集中采购\t14\t{amount}\t")
    return govreport.parse(text, source_name=f"qingxi-{year}.txt")


def test_2019_series_check_total_published_continuity() -> None:
    r2019 = report_for(2019)
    assert govreport.check_series([r2019, report_for(2020, "规范性文件\t4\t4\t25")]) == []
    r2020 = report_for(2020, "规范性文件\t4\t4\t26")
    (finding,) = govreport.check_series([r2020, r2019])
    assert (finding.code, finding.severity) == ("S2", Severity.WARNING)
    assert finding.path == "$.active_disclosure.normative_documents.total_published"
    assert finding.source == "qingxi-2020.txt"
    assert "21 + new_published (本年新公开数量) 4 = 25, but total_published is 26" in (
        finding.message
    )


def test_a_series_across_the_formats_checks_carry_over_but_not_documents() -> None:
    r2020 = report_for(2020)  # carries 1 + 1 (自然人, 商业企业) forward
    text = (HERE / "2021_single_other_handling.txt").read_text("utf-8")
    joined = edit(text, CARRIED_OVER, CARRIED_OVER.replace("2\t0", "1\t1", 1))
    found = govreport.check_series([r2020, govreport.parse(joined, source_name="q-2021.txt")])
    assert [(f.code, f.severity, f.path) for f in found] == [
        ("S0", Severity.INFO, "$.format_version")
    ]
    assert "S2 not checked" in found[0].message
    # S1 still compares the carry-over: 2021 as printed takes over 2 + 0, not 1 + 1.
    found = govreport.check_series([r2020, govreport.parse(text)])
    assert [(f.code, f.path) for f in found] == [
        ("S1", "$.applications.carried_over.natural_person"),
        ("S1", "$.applications.carried_over.commercial"),
        ("S0", "$.format_version"),
    ]


def test_rollup_of_2019_reports_sums_amounts_in_one_unit() -> None:
    parent = report_for(2019, "规范性文件\t6\t6\t42", amount="773.04万元")
    children = [report_for(2019), report_for(2019)]
    found = govreport.check_rollup(parent, children)
    assert "$.active_disclosure.procurement.amount" not in {f.path for f in found}
    assert "$.active_disclosure.normative_documents.total_published" not in {f.path for f in found}


def test_rollup_compares_amounts_in_different_units_in_yuan() -> None:
    parent = report_for(2019, amount="773.04万元")
    children = [report_for(2019), report_for(2019, amount="3865200元")]
    amounts = [f for f in govreport.check_rollup(parent, children) if "amount" in (f.path or "")]
    assert amounts == []
    parent = report_for(2019, amount="773.05万元")
    (amount,) = [f for f in govreport.check_rollup(parent, children) if "amount" in (f.path or "")]
    assert "(amounts in 元)" in amount.message
    assert "7730500" in amount.message and "7730400" in amount.message


def test_rollup_does_not_compare_amounts_where_some_units_are_unknown() -> None:
    parent = report_for(2019, amount="999")
    children = [report_for(2019), report_for(2019, amount="3865200元")]
    assert [f for f in govreport.check_rollup(parent, children) if "amount" in (f.path or "")] == []


def test_leaf_values_leave_out_the_unit_of_an_amount() -> None:
    paths = dict(leaf_values(govreport.parse(TAB)))
    assert paths["$.active_disclosure.procurement.amount"] == Decimal("386.52")
    assert not any(path.endswith("amount_unit") for path in paths)
    assert paths["$.applications.results.other_handling.total"] == 1


# --- JSON --------------------------------------------------------------------------------------


def test_the_2019_json_carries_the_documented_keys() -> None:
    data = govreport.to_dict(govreport.parse(TAB))
    assert data["format_version"] == "2019"
    active = data["active_disclosure"]
    assert list(active) == [spec.path[0] for spec in ACTIVE_DISCLOSURE_2019_ROWS]
    for spec in ACTIVE_DISCLOSURE_2019_ROWS:
        expected = list(spec.columns)
        if spec.path[0] == "procurement":
            expected.append("amount_unit")
        assert list(active[spec.path[0]]) == expected
    assert active["procurement"] == {"items": 14, "amount": "386.52", "amount_unit": "万元"}
    single = data["applications"]["results"]["other_handling"]
    assert list(single) == list(govreport.labels.APPLICATION_COLUMNS)


def problem(data: dict[str, Any]) -> govreport.DataError:
    with pytest.raises(govreport.DataError) as raised:
        govreport.from_dict(data)
    return raised.value


def test_from_dict_reads_section_two_by_format_version_and_rejects_the_other_shape() -> None:
    data = govreport.to_dict(govreport.parse(TAB))
    data["format_version"] = "2021"
    error = problem(data)
    assert error.path == "$.active_disclosure.regulations.issued"
    assert "missing key" in str(error)
    for wrong in ("2018", 2019, ["2019"], None):
        data["format_version"] = wrong
        error = problem(data)
        assert error.path == "$.format_version"
        assert '"2019", "2021"' in str(error)


def test_from_dict_rejects_wrong_and_missing_keys_in_the_2019_shapes() -> None:
    data = govreport.to_dict(govreport.parse(TAB))
    data["active_disclosure"]["fees"]["decisions"] = 1
    error = problem(data)
    assert error.path == "$.active_disclosure.fees"
    assert "decisions" in str(error)
    data = govreport.to_dict(govreport.parse(TAB))
    del data["active_disclosure"]["procurement"]["amount_unit"]
    assert problem(data).path == "$.active_disclosure.procurement.amount_unit"
    data = govreport.to_dict(govreport.parse(TAB))
    data["active_disclosure"]["procurement"]["amount"] = 386.52
    assert problem(data).path == "$.active_disclosure.procurement.amount"


def test_from_dict_tells_the_shape_of_other_handling_by_its_keys() -> None:
    data = govreport.to_dict(govreport.parse(TAB))
    single = data["applications"]["results"]["other_handling"]
    data["applications"]["results"]["other_handling"] = {**single, "unpaid_fee": single}
    error = problem(data)
    assert error.path == "$.applications.results.other_handling"
    assert "unpaid_fee" in str(error)
    del single["total"]
    data["applications"]["results"]["other_handling"] = single
    assert problem(data).path == "$.applications.results.other_handling.total"


def test_the_model_keeps_format_version_and_section_two_in_agreement() -> None:
    with pytest.raises(TypeError, match="ActiveDisclosure2019"):
        Report(format_version="2019")
    with pytest.raises(TypeError, match="2021 format"):
        Report(active_disclosure=ActiveDisclosure2019())
    with pytest.raises(ValueError, match="'2018'"):
        Report(format_version="2018")
    report = Report(format_version="2019", active_disclosure=ActiveDisclosure2019())
    assert govreport.from_dict(govreport.to_dict(report)) == report
    assert attrs.evolve(report, format_version="2021", active_disclosure=ActiveDisclosure())


# --- The test kit draws and prints the 2019 format ---------------------------------------------


@given(reports(formats=["2019"]))
def test_reports_of_the_2019_format_have_its_shapes_and_years(report: Report) -> None:
    assert report.format_version == "2019"
    assert isinstance(report.active_disclosure, ActiveDisclosure2019)
    assert isinstance(report.applications.results.other_handling, ApplicantCounts)
    assert report.year in (2019, 2020)
    assert govreport.from_dict(govreport.to_dict(report)) == report


def test_reports_refuses_an_unknown_format() -> None:
    with pytest.raises(ValueError, match="2018"):
        reports(formats=["2018"])
    with pytest.raises(ValueError, match="none given"):
        reports(formats=[])


@pytest.mark.parametrize("version", ["2019", "2021"])
def test_both_formats_are_drawn_by_default(version: str) -> None:
    found = find(reports(), lambda r: r.format_version == version, settings=settings(database=None))
    assert found.format_version == version


@pytest.mark.parametrize("layout", LAYOUTS)
@given(report=reports(formats=["2019"]), noise=st.booleans(), seed=st.integers(0, 2**32 - 1))
def test_every_layout_reads_back_a_2019_report(
    layout: str, report: Report, noise: bool, seed: int
) -> None:
    rendered = render_report(
        report, layout, noise=Noise.every() if noise else Noise(), rng=random.Random(seed)
    )
    parsed = govreport.parse(rendered.text, check=False)
    assert report_differences(parsed, rendered.report) == []


@given(reports(formats=["2019"], blanks=False))
def test_a_consistent_2019_report_parses_without_warnings_or_errors(report: Report) -> None:
    text = render_report(report, "tab").text
    parsed = govreport.parse(text)
    assert [f for f in parsed.findings if f.severity is not Severity.INFO] == []


@settings(max_examples=15)
@given(reports(formats=["2019"]), reports(formats=["2021"]), st.sampled_from(LAYOUTS))
def test_a_2021_report_printing_the_single_row_reads_it_and_says_so(
    old: Report, new: Report, layout: str
) -> None:
    mixed = attrs.evolve(new, applications=old.applications)
    rendered = render_report(mixed, layout)
    parsed = govreport.parse(rendered.text, check=False)
    assert parsed.format_version == "2021"
    assert parsed.applications == mixed.applications
    assert [(f.code, f.path) for f in parsed.findings if f.severity is not Severity.INFO] == [
        ("other-handling-shape", "$.applications.results.other_handling")
    ]


def test_printed_2019_header_cells_are_ones_the_reader_knows() -> None:
    for heading, columns, _ in ACTIVE_DISCLOSURE_2019_PARTS:
        for cell in (heading, *columns):
            assert compact(cell) in ACTIVE_DISCLOSURE_2019_HEADERS, cell
    for unit in govreport.labels.AMOUNT_UNITS:
        for header in govreport.labels.AMOUNT_HEADERS:
            assert compact(header.format(unit=unit)) in ACTIVE_DISCLOSURE_2019_HEADERS


@pytest.mark.parametrize(
    "spec",
    [*ACTIVE_DISCLOSURE_2019_ROWS, *(s for s in APPLICATION_ROWS_2019 if s.group == "results")],
    ids=lambda s: ".".join(s.path),
)
def test_printed_labels_of_2019_rows_compact_to_a_label_of_their_row(spec: RowSpec) -> None:
    @given(printed_labels(spec))
    def compacts(label: str) -> None:
        assert compact(label) in spec.labels

    compacts()


# --- Docs ----------------------------------------------------------------------------------


def test_the_new_finding_codes_are_documented_and_unsupported_format_is_gone() -> None:
    root = Path(__file__).parent.parent
    findings = (root / "docs" / "findings.md").read_text("utf-8")
    for code in ("format-year", "other-handling-shape", "amount-unit"):
        assert f"| `{code}` |" in findings, code
    sources = [p.read_text("utf-8") for p in (root / "src" / "govreport").rglob("*.py")]
    assert not any("unsupported-format" in text for text in sources)
    assert "unsupported-format" not in findings
