"""govreport.testing: renderers, check_extractor, and what they found in the parser."""

from __future__ import annotations

import importlib.util
import random
import re
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import Phase, settings

import govreport
from govreport import registry
from govreport.extractors import (
    Block,
    CellPerLineExtractor,
    Grid,
    OcrSplitExtractor,
    Row,
    TabExtractor,
)
from govreport.extractors.base import split_cells
from govreport.labels import (
    ACTIVE_DISCLOSURE_HEADERS,
    ACTIVE_DISCLOSURE_PARTS,
    APPLICATION_HEADERS,
    APPLICATION_HEADINGS,
    compact,
)
from govreport.tables import Notes, read_applications
from govreport.testing import (
    RENDERERS,
    Noise,
    check_extractor,
    printed_rows,
    render,
    render_report,
)

HERE = Path(__file__).parent
FEW = settings(max_examples=15, deadline=None, database=None)
# For checks expected to fail: no shrinking, which only costs time here.
FAILING = settings(FEW, phases=[Phase.explicit, Phase.generate])


def _load_plugin() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "govreport_semicolon_kit",
        HERE / "plugin_example" / "src" / "govreport_semicolon" / "__init__.py",
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SEMICOLON = _load_plugin()


def _plugin() -> ModuleType:
    return SEMICOLON


# --- check_extractor ---------------------------------------------------------------------------


def test_check_extractor_passes_the_example_plugin_and_counts_its_examples() -> None:
    result = check_extractor(_plugin().SemicolonExtractor(), settings=FEW)
    assert result.extractor == "semicolon"
    assert result.examples["any block"] >= 15
    assert result.examples["round trip"] >= 15


def test_check_extractor_passes_cell_per_line() -> None:
    check_extractor(CellPerLineExtractor())


@pytest.mark.parametrize("extractor", [TabExtractor(), OcrSplitExtractor()], ids=lambda e: e.name)
def test_the_tab_layouts_place_a_cell_after_a_form_feed_at_its_text(
    extractor: TabExtractor,
) -> None:
    # What check_extractor's "any block" check finds, now and then, in these two layouts.
    text = "\f规章\t0\t0\t0"
    grid = registry.checked_grid(extractor, Block.from_text(text, 0, len(text), section=2))
    assert [text[start] for start in grid[0].starts] == ["规", "0", "0", "0"]


def test_split_cells_offsets_point_at_the_cells_text_after_a_form_feed() -> None:
    assert split_cells("\f甲\t1", 0) == Row(("甲", "1"), (1, 3))


class _Rows:
    """A semicolon extractor whose rows go wrong in a given way."""

    name = "test-kit-wrong"
    priority = 20

    def __init__(self, mistake: str) -> None:
        self.inner = _plugin().SemicolonExtractor()
        self.mistake = mistake

    def score(self, block: Block) -> float:
        if self.mistake == "score" and "\t" in "".join(block.lines):
            return 2.0
        return float(self.inner.score(block))

    def extract(self, block: Block) -> Grid:
        rows: Grid = self.inner.extract(block)
        if self.mistake == "offsets":
            return tuple(Row(r.cells, tuple(s + 1 for s in r.starts)) for r in rows)
        if self.mistake == "rows":
            return rows[:-1]
        return rows

    @staticmethod
    def render(rows: Sequence[Sequence[str]]) -> str:
        return str(_plugin().SemicolonExtractor.render(rows))


@pytest.mark.parametrize(
    ("mistake", "message"),
    [
        ("score", re.escape("score() returned 2.0; expected a float in [0, 1]")),
        ("offsets", "a cell's offset must be where its first character stands"),
        ("rows", "did not read back the report printed by its renderer"),
    ],
)
def test_check_extractor_finds_what_is_wrong_with_a_plugin(mistake: str, message: str) -> None:
    with pytest.raises((AssertionError, govreport.ExtractorError), match=message):
        check_extractor(_Rows(mistake), settings=FAILING)


def test_check_extractor_finds_a_plugin_that_loses_its_own_layout() -> None:
    class Modest(_Rows):
        name = "test-kit-modest"
        priority = 0

        def score(self, block: Block) -> float:
            return 0.0

    with pytest.raises(AssertionError, match="was not chosen for its own layout"):
        check_extractor(Modest("none"), settings=FAILING)


def test_check_extractor_finds_a_renderer_it_does_not_invert() -> None:
    def sloppy(rows: Sequence[Sequence[str]]) -> str:
        return "\n".join(";".join(row[:-1]) for row in rows)  # drops the last cell

    with pytest.raises(AssertionError):
        check_extractor(_plugin().SemicolonExtractor(), render=sloppy, settings=FAILING)


def test_check_extractor_wants_a_renderer_for_a_layout_it_does_not_know() -> None:
    class NoRender:
        name = "test-kit-no-render"
        priority = 0

        def score(self, block: Block) -> float:
            return 0.0

        def extract(self, block: Block) -> Grid:
            return ()

    with pytest.raises(ValueError, match="no renderer for the layout 'test-kit-no-render'"):
        check_extractor(NoRender(), settings=FEW)


# --- Renderers -----------------------------------------------------------------------------------


def test_a_report_prints_the_same_for_the_same_seed() -> None:
    report = govreport.parse_file(HERE / "fixtures" / "seeds" / "000_fac155a733d850ab.txt")
    first = render(report, "ocr-split", noise=Noise.every(), rng=random.Random(3))
    again = render(report, "ocr-split", noise=Noise.every(), rng=random.Random(3))
    assert first == again


def test_the_seed_reports_print_and_read_back_in_every_builtin_layout() -> None:
    fixtures = HERE / "fixtures"
    paths = [*sorted((fixtures / "seeds").glob("*.txt")), fixtures / "format2019" / "2019_tab.txt"]
    for path in paths:
        report = govreport.parse_file(path, check=False)
        for layout in RENDERERS:
            text, expected = render_report(report, layout, noise=Noise.every())
            parsed = govreport.parse(text, check=False)
            assert parsed.applications == expected.applications, (path.name, layout)
            assert parsed.review_litigation == expected.review_litigation, (path.name, layout)
            assert parsed.active_disclosure == expected.active_disclosure, (path.name, layout)


def test_printed_header_cells_are_ones_the_reader_knows() -> None:
    for heading, columns, _ in ACTIVE_DISCLOSURE_PARTS:
        for cell in (heading, *columns):
            assert compact(cell) in ACTIVE_DISCLOSURE_HEADERS, cell
    for cell in APPLICATION_HEADINGS:
        assert compact(cell) in APPLICATION_HEADERS, cell


def test_printed_rows_refuses_a_section_without_a_table() -> None:
    report = govreport.parse_file(HERE / "fixtures" / "seeds" / "000_fac155a733d850ab.txt")
    with pytest.raises(ValueError, match="sections 2, 3 and 4"):
        printed_rows(report, 5)


def test_render_needs_a_renderer_for_a_layout_without_one() -> None:
    report = govreport.parse_file(HERE / "fixtures" / "seeds" / "000_fac155a733d850ab.txt")
    with pytest.raises(govreport.ExtractorError, match="no such extractor"):
        render(report, "no-such-layout")


# --- What the renderers found in the parser ------------------------------------------------------


def _rows(*cells: list[str]) -> Grid:
    return tuple(Row(tuple(c), tuple(range(len(c)))) for c in cells)


def test_a_printed_row_of_blanks_labelled_like_a_header_is_not_missing() -> None:
    notes = Notes()
    read_applications(
        _rows(
            ["（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"]
            + ["0"] * 7,
            ["", "3.其他", *[""] * 7],
            ["", "（七）总计", *[""] * 7],
        ),
        notes,
        0,
    )
    missing = [message for code, _, message, path, _ in notes.findings if code == "missing-row"]
    assert not any("'其他'" in m or "'总计'" in m for m in missing)
