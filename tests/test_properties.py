"""Properties that hold for every report: round trips through each layout and through JSON.

The number of examples comes from the Hypothesis profile (tests/conftest.py): ``ci`` by
default, ``GOVREPORT_HYPOTHESIS=thorough`` for long runs.
"""

from __future__ import annotations

import contextlib
import subprocess
import sys

import pytest
from attrs import evolve
from hypothesis import given
from hypothesis import strategies as st

import govreport
from govreport import registry
from govreport.checks import RULES as CHECKED_RULES
from govreport.labels import APPLICATION_ROWS, RowSpec, compact
from govreport.testing import (
    RENDERERS,
    RULES,
    Noise,
    Rendered,
    counts,
    printed_labels,
    rendered_reports,
    report_differences,
    reports,
)

LAYOUTS = registry.names()


def _assert_reads_back(pair: Rendered) -> None:
    text, expected = pair
    parsed = govreport.parse(text, check=False)
    problems = report_differences(parsed, expected)
    assert not problems, "\n".join(problems)


# --- parse(render(report)) == report, for every registered layout ----------------------------


@pytest.mark.parametrize("layout", LAYOUTS)
@given(data=st.data())
def test_every_registered_layout_reads_back_what_it_printed_with_noise(
    layout: str, data: st.DataObject
) -> None:
    _assert_reads_back(data.draw(rendered_reports(layout, noise=True), label="rendered"))


@pytest.mark.parametrize("layout", LAYOUTS)
@given(data=st.data())
def test_every_registered_layout_reads_back_its_plain_printing(
    layout: str, data: st.DataObject
) -> None:
    _assert_reads_back(data.draw(rendered_reports(layout, noise=False), label="rendered"))


def test_every_builtin_renderer_names_a_registered_layout() -> None:
    assert set(RENDERERS) <= set(registry.names())


@given(rendered_reports("tab", noise=Noise.every()), st.sampled_from(("utf-8", "gb18030")))
def test_reports_read_back_from_bytes_in_the_usual_encodings(pair: Rendered, encoding: str) -> None:
    text, expected = pair
    parsed = govreport.parse(text.encode(encoding), check=False)
    assert parsed.encoding is not None
    assert report_differences(parsed, evolve(expected, encoding=parsed.encoding)) == []


# --- JSON ---------------------------------------------------------------------------------------


@given(st.from_type(govreport.Report))
def test_any_report_survives_a_json_round_trip(report: govreport.Report) -> None:
    assert govreport.from_json(govreport.to_json(report)) == report
    assert govreport.from_dict(govreport.to_dict(report)) == report


@given(rendered_reports("cell-per-line"))
def test_a_parsed_report_survives_a_json_round_trip_findings_and_all(pair: Rendered) -> None:
    parsed = govreport.parse(pair.text)
    assert govreport.from_json(govreport.to_json(parsed)) == parsed


# --- Nothing but GovReportError ---------------------------------------------------------------

_REPORTISH = st.sampled_from(
    (
        *("一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况"),
        *("四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况"),
        *("六、其他需要报告的事项", "2024年政府信息公开工作年度报告"),
        *("\t", "\n", "1.", "0", "规章", "|", "（一）", "/"),
    )
)


@given(st.one_of(st.text(), st.lists(st.one_of(_REPORTISH, st.text(max_size=5))).map("".join)))
def test_arbitrary_text_raises_nothing_but_govreport_errors(text: str) -> None:
    with contextlib.suppress(govreport.GovReportError):
        govreport.parse(text)


@given(st.binary())
def test_arbitrary_bytes_raise_nothing_but_govreport_errors(data: bytes) -> None:
    with contextlib.suppress(govreport.GovReportError):
        govreport.parse(data)


@given(rendered_reports("tab"), st.data())
def test_damaged_reports_raise_nothing_but_govreport_errors(
    pair: Rendered, data: st.DataObject
) -> None:
    text = pair.text
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, min(len(text), start + 200)))
    junk = data.draw(st.text(max_size=20))
    damaged = text[:start] + junk + text[end:]
    try:
        govreport.parse(damaged)
        govreport.parse(damaged.encode("utf-8")[: data.draw(st.integers(0, 5000))])
    except govreport.GovReportError:
        pass


# --- The strategies keep their promises ---------------------------------------------------------


@given(st.data())
def test_broken_reports_break_the_rules_asked_for_and_only_those(data: st.DataObject) -> None:
    checked = sorted(CHECKED_RULES)
    broken = data.draw(st.sets(st.sampled_from(checked), min_size=1))
    report = data.draw(reports(broken=broken))
    codes = {f.code for f in govreport.check_report(report) if f.severity == "error"}
    assert codes == broken


@given(rendered_reports("tab", reports=reports(broken={"N1"}, blanks=False), noise=False))
def test_a_wrong_figure_in_the_text_is_an_n1_finding(pair: Rendered) -> None:
    parsed = govreport.parse(pair.text)
    codes = {f.code for f in parsed.findings if f.severity != "info"}
    assert codes == {"N1"}


@given(rendered_reports("tab", reports=reports(blanks=False)))
def test_consistent_reports_parse_without_warnings_or_errors(pair: Rendered) -> None:
    parsed = govreport.parse(pair.text)
    assert [f for f in parsed.findings if f.severity != "info"] == []


def test_reports_refuses_an_unknown_rule() -> None:
    with pytest.raises(ValueError, match="R9"):
        reports(broken={"R9"})
    assert {"R1", "R2", "R3", "R4", "R5", "N1"} == RULES


@pytest.mark.parametrize("spec", APPLICATION_ROWS, ids=lambda s: ".".join(s.path))
def test_printed_labels_compact_to_a_label_of_their_row(spec: RowSpec) -> None:
    @given(printed_labels(spec))
    def compacts(label: str) -> None:
        assert compact(label) in spec.labels

    compacts()


@given(counts())
def test_counts_are_non_negative_or_blank(value: int | None) -> None:
    assert value is None or value >= 0


# --- Hypothesis stays out of the core -----------------------------------------------------------


def test_importing_govreport_does_not_import_hypothesis() -> None:
    code = "import govreport, sys; assert 'hypothesis' not in sys.modules, 'hypothesis imported'"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_from_type_report_draws_govreport_reports_through_the_entry_point() -> None:
    code = (
        "from hypothesis import strategies as st, given, settings\n"
        "import govreport\n"
        "@settings(max_examples=5, database=None, deadline=None)\n"
        "@given(st.from_type(govreport.Report))\n"
        "def t(r):\n"
        "    assert r.agency and r.year and r.title\n"
        "    assert [f for f in govreport.check_report(r) if f.severity == 'error'] == []\n"
        "t()\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
