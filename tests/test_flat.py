"""Flattened web-page text: headings inside lines, rows and cells run together.

The real seed reports are flattened the three ways scrapers do it — cells and lines joined
by a space, by nothing at all, or each table row on one line with its cells run together —
and must still read to their hand-verified values. Digit runs that admit one reading are
recovered; those that admit several are read, and the candidates reported.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import govreport
from govreport.errors import CARET_WINDOW, SkeletonError
from govreport.extractors.base import Block
from govreport.extractors.flat import FlatExtractor, render_flat
from govreport.labels import APPLICATION_COLUMNS
from govreport.model import ActiveDisclosure
from govreport.narrative import stated_figures
from govreport.testing import render_report, report_differences

from .conftest import SEED_FILES, SEEDS, expected_for
from .test_seeds import assert_matches

FLAT = FlatExtractor()


def flatten(text: str, mode: str) -> str:
    """``text`` as a scraper may give it: ``space``, ``none`` or ``lines`` (see the module)."""
    rows = []
    for line in text.split("\n"):
        cells = [cell.strip() for cell in line.split("\t") if cell.strip()]
        if cells:
            rows.append((" " if mode == "space" else "").join(cells))
    return {"space": " ", "none": "", "lines": "\n"}[mode].join(rows)


# --- The seeds, flattened ----------------------------------------------------------------------


@pytest.mark.parametrize("mode", ["space", "none", "lines"])
@pytest.mark.parametrize("path", SEED_FILES, ids=[p.stem for p in SEED_FILES])
def test_a_flattened_seed_reads_to_its_expected_values(path: Path, mode: str) -> None:
    flat = flatten(path.read_text("utf-8"), mode)
    if mode != "lines":
        assert "\n" not in flat
    report = govreport.parse(flat)
    assert_matches(report, expected_for(path))
    codes = {f.code for f in report.findings}
    assert not codes & {"missing-row", "row-width", "unmapped-row", "digit-run-ambiguous"}
    if mode == "none":
        assert set(report.extractors.values()) == {"flat"}
        assert "digit-run" in codes


def test_every_value_of_a_flattened_seed_has_its_place() -> None:
    path = SEEDS / "004_26e628ebac378d18.txt"
    flat = flatten(path.read_text("utf-8"), "none")
    report = govreport.parse(flat)
    place = report.place("$.applications.new_received.total")
    assert place is not None and place.line == 1
    # The place is where the number was printed: 103 ends the row's digits.
    assert flat[place.column - 1 : place.column + 2] == "103"
    assert report.place("$.review_litigation.review.corrected") is not None


# --- Headings inside lines ------------------------------------------------------------------------


def test_headings_inside_a_line_are_found() -> None:
    text = flatten((SEEDS / "000_fac155a733d850ab.txt").read_text("utf-8"), "space")
    report = govreport.parse(text)
    assert report.overview.startswith("2024 年，柳园口乡")
    assert report.other_matters.startswith("依申请公开收费标准")


def test_a_heading_named_in_a_sentence_is_not_taken_for_the_heading() -> None:
    text = flatten((SEEDS / "000_fac155a733d850ab.txt").read_text("utf-8"), "space")
    # Section 一 names section 二 in a sentence before the real heading.
    text = text.replace("一、总体情况 ", "一、总体情况 详见二、主动公开政府信息情况。", 1)
    report = govreport.parse(text)
    assert "详见二、主动公开政府信息情况。" in report.overview
    assert isinstance(report.active_disclosure, ActiveDisclosure)
    assert report.active_disclosure.regulations.in_force == 0


def test_a_skeleton_error_in_a_long_line_shows_a_window_around_the_place() -> None:
    text = "某某局2024年政府信息公开工作年度报告 " + "这是一段很长的说明文字。" * 100
    with pytest.raises(SkeletonError) as caught:
        govreport.parse(text)
    shown = str(caught.value).split("\n")
    assert len(shown[1]) <= 2 * CARET_WINDOW + 10
    assert shown[1].lstrip().startswith("…")
    assert shown[2].strip() == "^"


def test_a_letterhead_run_into_the_title_names_the_agency_once() -> None:
    text = flatten((SEEDS / "001_8b82d1f9e6f02d87.txt").read_text("utf-8"), "none")
    assert govreport.parse(text).agency == "岚皋县佐龙镇人民政府"


# --- The extractor ---------------------------------------------------------------------------


def cells_of(text: str, section: int) -> list[tuple[str, ...]]:
    block = Block.from_text(text, 0, len(text), section=section)
    return [row.cells for row in FLAT.extract(block)]


def test_section_two_of_the_issue_is_cut_into_its_rows() -> None:
    text = (
        "第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000行政规范性文件1241305"
    )
    assert cells_of(text, 2) == [
        ("第二十条第（一）项", "信息内容", "本年制发件数", "本年废止件数", "现行有效件数"),
        ("规章", "000"),
        ("行政规范性文件", "1241305"),
    ]


def test_a_list_number_glued_to_the_digits_before_it_opens_the_next_row() -> None:
    text = "（四）无法提供1.本机关不掌握相关政府信息00000002.没有现成信息需要另行制作1000001"
    assert cells_of(text, 3) == [
        ("（四）无法提供",),
        ("1.本机关不掌握相关政府信息", "0000000"),
        ("2.没有现成信息需要另行制作", "1000001"),
    ]


def test_a_drifted_label_is_not_cut_at_a_header_word_it_starts_with() -> None:
    assert cells_of("2.其他法律法规禁止公开 0 0 0 0 0 0 0", 3)[0][0] == "2.其他法律法规禁止公开"


def test_blanks_thousands_and_words_with_digits_are_cells_as_printed() -> None:
    rows = cells_of("规章 / &nbsp; 1,305 行政规范性文件 —— 0 12 行政许可 0-0", 2)
    assert rows == [
        ("规章", "/", "&nbsp;", "1,305"),
        ("行政规范性文件", "——", "0", "12"),
        ("行政许可", "0", "-", "0"),  # a blank between zeros, not a zero and a minus zero
    ]


def test_the_2019_formats_signs_words_and_units_stay_with_their_numbers() -> None:
    rows = cells_of(
        "本年增/减 行政许可 46 -3 1268 其他对外管理服务事项 5 增加3 7 政府集中采购14 386.52万元", 2
    )
    assert rows == [
        ("本年增/减",),
        ("行政许可", "46", "-3", "1268"),
        ("其他对外管理服务事项", "5", "增加3", "7"),
        ("政府集中采购", "14", "386.52万元"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "一、本年新收政府信息公开申请数量\t\t1\t0\t0\t0\t0\t0\t1",  # tab rows
        "\t一、本年新收政府信息公开申请数量\n\t1\n\t0",  # one cell per line
        "（一）予以公开          31     0     0     0     0     0    31",  # pdftotext -layout
        "| 规章 | 0 | 0 | 0 |",  # Markdown
    ],
)
def test_other_layouts_do_not_score_as_flattened(text: str) -> None:
    assert FLAT.score(Block.from_text(text, 0, len(text), section=3)) == 0.0


def test_render_flat_prints_what_the_extractor_reads_back() -> None:
    rows = [
        ["信息内容", "本年制发件数"],
        ["规章", "0", "/", "3"],
        ["行政规范性文件", "12", "", "4"],
    ]
    text = render_flat(rows)
    assert "\n" not in text
    assert cells_of(text, 2) == [
        ("信息内容", "本年制发件数"),
        ("规章", "0", "/", "3"),
        ("行政规范性文件", "12", "4"),
    ]


# --- Digit runs in a report -------------------------------------------------------------------

SEED_000 = SEEDS / "000_fac155a733d850ab.txt"
NEW_RECEIVED = "一、本年新收政府信息公开申请数量\t\t1\t0\t0\t0\t0\t0\t1\t"
DOCUMENTS = "行政规范性文件\t0\t0\t0"


def seed_with(old: str, new: str, statement: str = "") -> str:
    text = SEED_000.read_text("utf-8")
    assert text.count(old) == 1
    text = text.replace(old, new)
    if statement:
        text = text.replace("一、总体情况\n", f"一、总体情况\n{statement}\n", 1)
    return text


@st.composite
def _one_digit_rows(draw: st.DrawFn) -> list[int]:
    """Six counts and their total, every one a single digit: seven digits, one reading."""
    total = draw(st.integers(0, 9))
    cuts = sorted(draw(st.lists(st.integers(0, total), min_size=5, max_size=5)))
    edges = [0, *cuts, total]
    return [b - a for a, b in itertools.pairwise(edges)] + [total]


@given(row=_one_digit_rows())
def test_a_run_with_one_reading_is_recovered(row: list[int]) -> None:
    digits = "".join(map(str, row))
    report = govreport.parse(seed_with(NEW_RECEIVED, f"一、本年新收政府信息公开申请数量\t{digits}"))
    counts = report.applications.new_received
    assert [getattr(counts, k) for k in APPLICATION_COLUMNS] == row
    findings = [f for f in report.findings if f.code.startswith("digit-run")]
    assert [f.code for f in findings] == ["digit-run"]
    assert digits in findings[0].message


@given(
    issued=st.integers(11, 99).filter(lambda n: n % 10),
    repealed=st.integers(1, 9),
    in_force=st.integers(0, 999),
    stated=st.booleans(),
)
def test_a_run_with_two_readings_is_reported_with_its_candidates(
    issued: int, repealed: int, in_force: int, stated: bool
) -> None:
    # `ab` `c` run together admit `ab c` and `a bc` at least: nothing in the table tells.
    digits = f"{issued}{repealed}{in_force}"
    statement = f"现行有效行政规范性文件{in_force}件。" if stated else ""
    report = govreport.parse(seed_with(DOCUMENTS, f"行政规范性文件\t{digits}", statement))
    (finding,) = [f for f in report.findings if f.code == "digit-run-ambiguous"]
    assert finding.path == "$.active_disclosure.normative_documents"
    assert finding.line == 24 + stated  # the statement is a line of its own
    candidates = re.search(r"equally well: (.*?); read as", finding.message)
    assert candidates is not None
    listed = candidates.group(1).split(" | ")
    assert "more)" not in finding.message  # seven digits at most: every candidate listed
    assert f"{issued} {repealed} {in_force}" in listed
    assert f"{issued // 10} {issued % 10}{repealed} {in_force}" in listed
    assert isinstance(report.active_disclosure, ActiveDisclosure)
    read = report.active_disclosure.normative_documents
    assert f"{read.issued} {read.repealed} {read.in_force}" in listed
    if stated:
        # The narrative's figure leaves only the readings that agree with it.
        assert read.in_force == in_force
        assert all(candidate.endswith(f" {in_force}") for candidate in listed)


def test_the_issue_example_reads_the_stated_figure_and_the_most_even_rest() -> None:
    text = seed_with(DOCUMENTS, "行政规范性文件\t1241305", "现行有效行政规范性文件1305件。")
    report = govreport.parse(text)
    assert isinstance(report.active_disclosure, ActiveDisclosure)
    documents = report.active_disclosure.normative_documents
    assert (documents.issued, documents.repealed, documents.in_force) == (12, 4, 1305)
    (finding,) = [f for f in report.findings if f.code == "digit-run-ambiguous"]
    assert "12 4 1305 | 1 24 1305" in finding.message
    assert "read as 12 4 1305" in finding.message


def test_rules_of_the_table_decide_between_readings_of_a_row() -> None:
    # Seed 004, run together: `（七）总计` `44100610106` reads as 44 1 0 0 61 0 106 or
    # 44 10 0 0 61 0 … only the first keeps R1 and R2 with the other rows.
    path = SEEDS / "004_26e628ebac378d18.txt"
    report = govreport.parse(flatten(path.read_text("utf-8"), "none"))
    chosen = [f for f in report.findings if f.code == "digit-run" and "（七）总计" in f.message]
    assert len(chosen) == 1
    assert "rules R1 and R2" in chosen[0].message
    assert report.applications.results.total.total == 106


def test_a_run_no_reading_fits_is_a_row_width_error() -> None:
    # Seven digits as seven numbers whose total is not their sum: the row's rule holds in no
    # reading, so nothing is guessed.
    report = govreport.parse(seed_with(NEW_RECEIVED, "一、本年新收政府信息公开申请数量\t1000005"))
    (finding,) = [f for f in report.findings if f.code == "row-width"]
    assert "cannot be read as 7 numbers that fit the row" in finding.message
    assert report.applications.new_received.total is None


def test_stated_figures_are_the_cells_the_text_states_once() -> None:
    text = "新收政府信息公开申请103件，上年结转5件。现行有效行政规范性文件1305件，行政诉讼5件。"
    assert stated_figures(text) == {
        "$.applications.new_received.total": 103,
        "$.applications.carried_over.total": 5,
        "$.active_disclosure.normative_documents.in_force": 1305,
    }
    doubtful = "新收政府信息公开申请103件。新收政府信息公开申请104件。"
    assert stated_figures(doubtful) == {}


def test_the_renderer_round_trip_is_exact() -> None:
    # The plain flat printing of a seed's report reads back to the same report.
    report = govreport.parse_file(SEED_000)
    rendered = render_report(report, "flat")
    differences = report_differences(govreport.parse(rendered.text, check=False), rendered.report)
    assert not differences
