"""Checks across reports: one agency over the years (S0–S2), a summary against its units (U1).

The series is seed 004 (瑶海区, 2024) and earlier years made from its text: the title year
changed and the numbers that carry over set so that the years join up (2023 carries 5
applications forward, the 5 that 2024 took over; 2024 has 4 + 1 issued − 0 repealed = 5
normative documents in force, so 2023 ended with 4). The roll-up is a summary whose every
cell is the sum of seeds 000 and 004.
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs
import pytest

import govreport
from govreport import ActiveDisclosure, DocumentCounts, Finding, Report, Severity
from govreport.crosschecks import leaf_values

from .test_checks import SEED_000, TEXT_004, edit_000, edit_004, line_004

TITLE = "2024年政府信息公开工作年度报告"
CARRIED_OVER = "$.applications.carried_over"
CARRIED_FORWARD = "$.applications.carried_forward"
IN_FORCE = "$.active_disclosure.normative_documents.in_force"

#: What 2023 must print for 2024 to follow on: 5 carried forward, 4 documents in force.
JOINS_2024 = {
    f"{CARRIED_FORWARD}.natural_person": ("2", "5"),
    f"{CARRIED_FORWARD}.total": ("2", "5"),
    IN_FORCE: ("5", "4"),
}


def year_report(
    year: int, cells: Mapping[str, tuple[str, str]] | None = None, *, name: str | None = None
) -> Report:
    """Seed 004 retitled for ``year`` with ``cells`` changed, read as ``yaohai-YEAR.txt``."""
    text = edit_004(cells or {}, {TITLE: TITLE.replace("2024", str(year))})
    report = govreport.parse(text, source_name=name or f"yaohai-{year}.txt")
    assert report.year == year
    return report


def report_2023(**changes: tuple[str, str]) -> Report:
    """The 2023 report that 2024 follows on from, but for ``changes``: ``{path: (as seed 004
    prints it, as 2023 prints it)}``, the path's dots written ``__``."""
    cells = dict(JOINS_2024)
    cells.update({"$." + key.replace("__", "."): change for key, change in changes.items()})
    return year_report(2023, cells)


R2024 = year_report(2024)


def codes(findings: list[Finding]) -> list[str]:
    return [f.code for f in findings]


# --- series: S1 and S2 -------------------------------------------------------------------


def test_years_that_join_up_give_nothing_in_any_order() -> None:
    r2023 = report_2023()
    assert check_both_orders([r2023, R2024]) == []


def check_both_orders(reports: list[Report]) -> list[Finding]:
    forward = govreport.check_series(reports)
    assert govreport.check_series(list(reversed(reports))) == forward
    return forward


def test_carried_forward_5_but_carried_over_6_is_one_s1_at_this_years_cell() -> None:
    # 2023 carries 6 applications of 自然人 forward (its total stays 5: the row is wrong,
    # which is R3's business, not the series'); 2024 took over 5.
    r2023 = report_2023(applications__carried_forward__natural_person=("2", "6"))
    (finding,) = check_both_orders([r2023, R2024])
    path = f"{CARRIED_OVER}.natural_person"
    assert (finding.code, finding.severity, finding.path, finding.source) == (
        "S1",
        Severity.WARNING,
        path,
        "yaohai-2024.txt",
    )
    assert (finding.line, finding.column) == (line_004(path), 2)
    assert "自然人" in finding.message
    assert "is 5" in finding.message
    assert "yaohai-2023.txt carried_forward (结转下年度) 6" in finding.message


def test_s1_is_reported_once_per_column_that_differs() -> None:
    # 2023 forward: 4 自然人 + 1 商业企业 = 5; 2024 took over 5 自然人 + 0 商业企业 = 5.
    r2023 = report_2023(
        applications__carried_forward__natural_person=("2", "4"),
        applications__carried_forward__commercial=("0", "1"),
    )
    findings = check_both_orders([r2023, R2024])
    assert [(f.code, f.path, f.line) for f in findings] == [
        ("S1", f"{CARRIED_OVER}.{c}", line_004(f"{CARRIED_OVER}.{c}"))
        for c in ("natural_person", "commercial")
    ]


def test_a_blank_carried_forward_cell_is_not_compared() -> None:
    r2023 = report_2023(applications__carried_forward__natural_person=("2", "/"))
    assert r2023.applications.carried_forward.natural_person is None
    assert check_both_orders([r2023, R2024]) == []


def test_normative_documents_that_do_not_follow_on_give_one_s2() -> None:
    # 2023 ends with 3 in force; 2024 issues 1, repeals 0: 4 expected, 5 printed.
    r2023 = report_2023(active_disclosure__normative_documents__in_force=("5", "3"))
    (finding,) = check_both_orders([r2023, R2024])
    assert (finding.code, finding.severity, finding.path, finding.line, finding.source) == (
        "S2",
        Severity.WARNING,
        IN_FORCE,
        line_004(IN_FORCE),
        "yaohai-2024.txt",
    )
    assert "行政规范性文件" in finding.message
    assert "in_force 3 + issued 1 - repealed 0 = 4, but in_force is 5" in finding.message


def test_repealed_documents_are_subtracted() -> None:
    # 2024 issues 2 and repeals 1: 4 + 2 - 1 = 5 in force, as printed.
    r2024 = year_report(
        2024,
        {
            "$.active_disclosure.normative_documents.issued": ("1", "2"),
            "$.active_disclosure.normative_documents.repealed": ("0", "1"),
        },
    )
    assert check_both_orders([report_2023(), r2024]) == []
    # 2023 ends with 5: 5 + 2 - 1 = 6, not 5.
    r2023 = report_2023(active_disclosure__normative_documents__in_force=("5", "5"))
    (finding,) = check_both_orders([r2023, r2024])
    assert "in_force 5 + issued 2 - repealed 1 = 6, but in_force is 5" in finding.message


def test_regulations_that_do_not_follow_on_give_one_s2() -> None:
    # Built with attrs.evolve: 2023 ends with 2 regulations in force; 2024 prints 0 + 0 - 0.
    base = report_2023()
    assert isinstance(base.active_disclosure, ActiveDisclosure)
    active = attrs.evolve(
        base.active_disclosure, regulations=DocumentCounts(issued=0, repealed=0, in_force=2)
    )
    r2023 = attrs.evolve(base, active_disclosure=active)
    (finding,) = check_both_orders([r2023, R2024])
    path = "$.active_disclosure.regulations.in_force"
    assert (finding.code, finding.path, finding.line) == ("S2", path, line_004(path))
    assert "规章" in finding.message
    assert "= 2, but in_force is 0" in finding.message


def test_a_blank_in_force_is_not_compared() -> None:
    r2023 = report_2023(active_disclosure__normative_documents__in_force=("5", "/"))
    assert check_both_orders([r2023, R2024]) == []


def test_three_years_are_checked_pair_by_pair() -> None:
    # 2022 → 2023: 2022 carried 6 forward, 2023 took over 5 (one S1, at 2023).
    # 2023 → 2024: they join up (nothing).
    r2022 = year_report(
        2022,
        {
            f"{CARRIED_FORWARD}.natural_person": ("2", "6"),
            f"{CARRIED_FORWARD}.total": ("2", "6"),
            IN_FORCE: ("5", "3"),
        },
    )
    findings = check_both_orders([r2022, report_2023(), R2024])
    assert [(f.code, f.path, f.source) for f in findings] == [
        ("S1", f"{CARRIED_OVER}.natural_person", "yaohai-2023.txt"),
        ("S1", f"{CARRIED_OVER}.total", "yaohai-2023.txt"),
    ]


# --- series: S0 ----------------------------------------------------------------------------


def test_a_missing_year_is_one_s0_and_the_pair_is_not_compared() -> None:
    # 2022 is seed 004 retitled: its 2 carried forward would disagree with 2024's 5 (S1),
    # but with 2023 missing the two are not compared.
    r2022 = year_report(2022)
    findings = check_both_orders([r2022, R2024])
    (finding,) = findings
    assert (finding.code, finding.severity, finding.path, finding.source) == (
        "S0",
        Severity.INFO,
        "$.year",
        "yaohai-2024.txt",
    )
    assert "no report between 2022 and 2024" in finding.message


def test_two_reports_for_one_year_are_one_s0() -> None:
    other = year_report(2024, name="yaohai-2024-copy.txt")
    findings = govreport.check_series([R2024, other])
    assert codes(findings) == ["S0"]
    assert "two reports for 2024" in findings[0].message
    assert findings[0].severity is Severity.INFO


def test_a_report_without_a_year_is_one_s0_and_the_others_are_still_checked() -> None:
    undated = attrs.evolve(R2024, year=None, source="undated.txt")
    r2023 = report_2023(applications__carried_forward__natural_person=("2", "6"))
    findings = govreport.check_series([undated, r2023, R2024])
    assert [(f.code, f.path, f.source) for f in findings] == [
        ("S0", "$", "undated.txt"),
        ("S1", f"{CARRIED_OVER}.natural_person", "yaohai-2024.txt"),
    ]
    assert "no year" in findings[0].message


def test_one_report_or_none_is_a_series_with_nothing_to_say() -> None:
    assert govreport.check_series([R2024]) == []
    assert govreport.check_series([]) == []


# --- roll-up: U1 --------------------------------------------------------------------------

SEED_000_REPORT = govreport.parse_file(SEED_000)
SEED_004_REPORT = govreport.parse(TEXT_004, source_name="yaohai.txt")

#: The cells of seed 000 that are not 0 (each is 1); elsewhere it prints 0.
NONZERO_000 = (
    "$.applications.new_received.natural_person",
    "$.applications.new_received.total",
    "$.applications.results.granted.natural_person",
    "$.applications.results.granted.total",
    "$.applications.results.total.natural_person",
    "$.applications.results.total.total",
)
#: Seed 004's values at those cells.
VALUES_004 = ("41", "103", "8", "12", "44", "106")


def summary(cells: Mapping[str, tuple[str, str]] | None = None) -> Report:
    """The summary of seeds 000 and 004: seed 004 with 1 added where seed 000 prints 1,
    then ``cells`` changed."""
    sums = {
        path: (value, str(int(value) + 1))
        for path, value in zip(NONZERO_000, VALUES_004, strict=True)
    }
    sums.update(cells or {})
    return govreport.parse(edit_004(sums), source_name="district.txt")


def test_seed_000_prints_1_in_six_cells_and_0_everywhere_else() -> None:
    # The premise of the summary above.
    values = dict(leaf_values(SEED_000_REPORT))
    assert {p: v for p, v in values.items() if v != 0} == dict.fromkeys(NONZERO_000, 1)
    assert None not in values.values()


def test_a_summary_equal_to_the_sum_of_its_units_gives_nothing() -> None:
    assert govreport.check_rollup(summary(), [SEED_000_REPORT, SEED_004_REPORT]) == []


def test_one_changed_cell_of_the_summary_is_one_u1_at_that_path() -> None:
    path = f"{CARRIED_FORWARD}.natural_person"
    parent = summary({path: ("2", "7")})
    (finding,) = govreport.check_rollup(parent, [SEED_000_REPORT, SEED_004_REPORT])
    assert (finding.code, finding.severity, finding.path, finding.source) == (
        "U1",
        Severity.WARNING,
        path,
        "district.txt",
    )
    assert (finding.line, finding.column) == (line_004(path), 2)
    assert "the summary prints 7, its 2 units sum to 2" in finding.message


def test_a_unit_that_changed_is_found_from_the_summary() -> None:
    # The summary is right for the units as they were; one unit now prints 42, not 41.
    path = "$.applications.new_received.natural_person"
    changed = govreport.parse(edit_004({path: ("41", "42")}))
    (finding,) = govreport.check_rollup(summary(), [SEED_000_REPORT, changed])
    assert (finding.code, finding.path, finding.line) == ("U1", path, line_004(path))
    assert "the summary prints 42, its 2 units sum to 43" in finding.message


def test_fees_are_summed_as_decimals() -> None:
    parent = summary({"$.active_disclosure.fees": ("0", "0.5")})
    (finding,) = govreport.check_rollup(parent, [SEED_000_REPORT, SEED_004_REPORT])
    assert finding.path == "$.active_disclosure.fees"
    assert "prints 0.5, its 2 units sum to 0" in finding.message


def test_a_blank_cell_of_the_summary_is_not_checked() -> None:
    # The units print 1 + 41 = 42 自然人 new applications; the summary prints "/".
    parent = summary({"$.applications.new_received.natural_person": ("41", "/")})
    assert parent.applications.new_received.natural_person is None
    assert govreport.check_rollup(parent, [SEED_000_REPORT, SEED_004_REPORT]) == []


LICENSING = "$.active_disclosure.licensing"


def _licensing_row(line: str) -> bool:
    return line.startswith("行政许可\t")


@pytest.mark.parametrize(
    ("blank_in_000", "blank_in_004", "expected"),
    [
        (False, True, ["the summary prints 3, its 2 units sum to 0 (1 of them blank)"]),
        (True, True, []),  # blank in every unit: nothing to compare
    ],
    ids=["one-unit-blank", "every-unit-blank"],
)
def test_blank_cells_of_units(blank_in_000: bool, blank_in_004: bool, expected: list[str]) -> None:
    parent = summary({LICENSING: ("0", "3")})
    unit_000 = (
        govreport.parse(edit_000(_licensing_row, 1, "0", "/")) if blank_in_000 else SEED_000_REPORT
    )
    unit_004 = (
        govreport.parse(edit_004({LICENSING: ("0", "/")})) if blank_in_004 else SEED_004_REPORT
    )
    findings = govreport.check_rollup(parent, [unit_000, unit_004])
    assert [f.message for f in findings] == [f"active_disclosure.licensing: {m}" for m in expected]
    assert all(f.path == LICENSING for f in findings)


def test_a_summary_checked_against_itself_alone_gives_nothing() -> None:
    assert govreport.check_rollup(R2024, [R2024]) == []
