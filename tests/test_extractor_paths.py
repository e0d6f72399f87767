"""Fast paths of the extractors and of the registry, checked against the general ones.

Blocks made by ``Block.from_text`` compute their lines when first read; cell-per-line reads
a block from its text when every tab leads its line; scores return 0 at once for a block
that one count or search tells is not in their layout; ``registry.select`` scores inline.
Each must give what the plain, line-by-line way gives.
"""

from __future__ import annotations

import math
import pickle
import re
from collections.abc import Sequence

import attrs
from hypothesis import example, given
from hypothesis import strategies as st

from govreport import registry
from govreport.cells import is_value_like
from govreport.errors import ExtractorError
from govreport.extractors import Block, Extractor, Grid, Row
from govreport.extractors.aligned import _aligned_share, aligned_score
from govreport.extractors.base import has_values, split_cells, tab_rows, tabs_lead_lines
from govreport.extractors.cell_per_line import (
    CellPerLineExtractor,
    _extract_lines,
    _extract_text,
    _read_rows,
    _score_lines,
    _unled,
)
from govreport.extractors.flat import (
    _DIGIT,
    FlatExtractor,
    _aligned,
    _label_value,
    _value_label,
    _values,
)
from govreport.extractors.ocr_split import _BROKEN_WORD, OcrSplitExtractor, _is_tail
from govreport.extractors.pipe import pipe_score
from govreport.extractors.tab import tab_score

CELL_PER_LINE = CellPerLineExtractor()

# Text made of what the layouts tell apart: tabs leading lines or not, blank lines, white
# space (an ideographic space, a form feed), digits, words, pipes.
_PIECES = st.sampled_from(
    ["\t", "\n", "\n", "\n\t", "\n\t", "\n\t ", " ", "  ", "\u3000", "\x0c", "a", "0", "12",
     "商业", "企业", "|", "0 0", "规章0", "过 程"]
)  # fmt: skip
_TEXTS = st.lists(_PIECES, max_size=30).map("".join)


def _block(text: str, before: str = "") -> Block:
    whole = before + text
    return Block.from_text(whole, len(before), len(whole), section=3)


def _eager(text: str, start: int) -> Block:
    """The block of ``text`` at ``start``, its lines computed up front."""
    lines = tuple(text.split("\n"))
    starts, at = [], start
    for line in lines:
        starts.append(at)
        at += len(line) + 1
    return Block(
        section=3, start=start, end=start + len(text), lines=lines, line_starts=tuple(starts)
    )


def _all_led(text: str) -> bool:
    return text.count("\t") == text.count("\n\t") + text.startswith("\t")


@given(_TEXTS, _TEXTS)
def test_whether_tabs_lead_lines_is_the_two_counts_first_asked_or_again(
    first: str, second: str
) -> None:
    # The quick no (a first tab after a character other than a line break) and the answer
    # kept for the last text asked about must agree with the counts, for any order of texts.
    for text in (first, second, first, second + "", "\t" + first, "x\t" + second):
        assert tabs_lead_lines(text) is _all_led(text)


# --- Block --------------------------------------------------------------------------------


@given(_TEXTS, st.text(alphabet="x\n", max_size=3))
def test_a_block_from_text_has_the_lines_and_starts_computed_up_front(
    text: str, before: str
) -> None:
    lazy, eager = _block(text, before), _eager(text, len(before))
    assert lazy.lines == eager.lines
    assert lazy.line_starts == eager.line_starts
    assert lazy.text == eager.text == text
    assert lazy == eager


def test_a_lazy_block_compares_hashes_and_prints_as_one_made_with_its_lines() -> None:
    text = "规章\t0\n\n\t1"
    eager = _eager(text, 4)
    assert hash(_block(text, "xxxx")) == hash(eager)
    assert repr(_block(text, "xxxx")) == repr(eager)
    assert _block(text, "xxxx") == eager
    assert attrs.evolve(_block(text, "xxxx"), section=2) == attrs.evolve(eager, section=2)
    assert pickle.loads(pickle.dumps(_block(text, "xxxx"))) == eager
    public = attrs.filters.exclude(*(a for a in attrs.fields(Block) if a.name.startswith("_")))
    assert attrs.asdict(_block(text, "xxxx"), filter=public) == attrs.asdict(eager, filter=public)


def test_a_block_from_text_sets_what_init_sets_but_its_lines() -> None:
    # from_text skips __init__: it must set every other attribute as __init__ does.
    lazy, eager = _block("规章\t0\n\t1", "xx"), _eager("规章\t0\n\t1", 2)
    for name in Block.__slots__:  # type: ignore[attr-defined]
        if name in ("lines", "line_starts", "__weakref__"):
            continue
        expected = "规章\t0\n\t1" if name == "_text" else getattr(eager, name)
        assert getattr(lazy, name) == expected, name


def test_a_block_has_no_attribute_it_does_not_declare() -> None:
    lazy = _block("a\tb")
    try:
        lazy.no_such_thing  # type: ignore[attr-defined]  # noqa: B018
    except AttributeError as error:
        assert "no_such_thing" in str(error)
    else:
        raise AssertionError("an unknown attribute was found")


# --- cell-per-line ------------------------------------------------------------------------


@given(_TEXTS, st.text(alphabet="x", max_size=2))
def test_cell_per_line_reads_a_block_from_its_text_as_line_by_line(text: str, before: str) -> None:
    block = _block(text, before)
    assert CELL_PER_LINE.extract(block) == _extract_lines(block)
    expected = _score_lines(block.lines) if text.count("\t") else 0.0
    assert CELL_PER_LINE.score(block) == expected
    # Scored after the tab score, as select scores it (which asks tabs_lead_lines first).
    tab_score(block)
    assert CELL_PER_LINE.score(block) == expected
    assert CELL_PER_LINE.score(_block(text, before)) == expected


@given(
    st.lists(
        st.sampled_from(["\t", "\t ", "\t0", "\t 商业", "\t企业 ", "企业", "", " "]), max_size=20
    )
)
def test_cell_per_line_reads_tab_led_lines_from_the_text_as_line_by_line(
    lines: list[str],
) -> None:
    text = "\n".join(lines)
    assert _all_led(text)
    block = _block(text, "前")
    assert CELL_PER_LINE.extract(block) == _extract_lines(block)
    assert CELL_PER_LINE.score(block) == (_score_lines(block.lines) if text.count("\t") else 0.0)


@given(_TEXTS)
def test_cell_per_line_reads_a_block_made_with_its_lines_line_by_line(text: str) -> None:
    lines = tuple(text.split("\n"))
    # Lines that do not follow each other in the text: only their own starts place them.
    starts = tuple(range(0, 10 * len(lines), 10))
    block = Block(section=3, start=0, end=10 * len(lines), lines=lines, line_starts=starts)
    assert CELL_PER_LINE.extract(block) == _extract_lines(block)


# Lines of a block every tab of which leads its line: cells padded with spaces or with other
# white space, blank cells (padded or not), a cell's second line, lines of text, blank lines.
_CELL_LINES = st.sampled_from(
    ["\t", "\t ", "\t  ", "\t0", "\t 0", "\t  12", "\t0 ", "\t 商业", "\t企业 ", "\t\u3000x",
     "\t \u3000a", "企业", " 机构", "说明", "", "", " ", "\u3000"]
)  # fmt: skip
# … and those that _read_rows reads itself (no blank line, no blank cell padded, no padding
# other than spaces).
_READ_LINES = st.sampled_from(
    ["\t", "\t0", "\t 0", "\t  12", "\t0 ", "\t 商业", "\t企业 ", "企业", " 机构", "说明", "", ""]
)  # fmt: skip


@given(st.lists(_CELL_LINES, max_size=25), st.text(alphabet="x", max_size=2), st.booleans())
def test_cell_per_line_reads_tab_led_lines_as_line_by_line_scored_first_or_not(
    lines: list[str], before: str, scored: bool
) -> None:
    # extract() takes the lines that score() found when it scored the same block just before.
    text = "\n".join(lines)
    block = _block(text, before)
    if scored:
        CELL_PER_LINE.score(block)
    assert CELL_PER_LINE.extract(block) == _extract_lines(_eager(text, len(before)))
    rows = _read_rows(text, len(before), _unled(text))
    assert rows is None or rows == _extract_text(text, len(before))


@given(st.lists(_READ_LINES, max_size=25))
def test_cell_per_line_reads_padded_cells_second_lines_and_lines_between_rows_at_once(
    lines: list[str],
) -> None:
    text = "\n".join(lines)
    rows = _read_rows(text, 3, _unled(text))
    assert rows is not None
    assert rows == _extract_text(text, 3) == _extract_lines(_eager(text, 3))


def test_cell_per_line_extracts_a_block_other_than_the_one_last_scored() -> None:
    first, second = _block("\t0\n企业\n\n\t 1", "xx"), _block("\n\t2\n\n说明\n\t3")
    assert CELL_PER_LINE.score(first) == 1.0
    assert CELL_PER_LINE.extract(second) == _extract_lines(_eager(second.text, 0))
    assert CELL_PER_LINE.extract(first) == (Row(("0企业",), (3,)), Row(("1",), (11,)))
    assert CELL_PER_LINE.extract(_block("\t0\n企业\n\n\t 1", "xx")) == CELL_PER_LINE.extract(first)


# --- scores that return 0 at once -----------------------------------------------------------


def _flat_by_lines(block: Block) -> float:
    filled = flat = 0
    for line in block.lines:
        stripped = line.strip()
        if not _DIGIT.search(stripped):
            continue
        filled += 1
        if "\t" in stripped:
            continue
        rows = _value_label().findall(stripped, 0)
        if len(rows) >= 2 or (
            not _aligned(stripped)
            and (rows or _label_value().search(stripped) or _values().search(stripped))
        ):
            flat += 1
    return flat / filled if filled else 0.0


@given(_TEXTS)
def test_quick_scores_are_the_scores_line_by_line(text: str) -> None:
    block = _block(text)
    assert aligned_score(block) == _aligned_share(block.lines)
    assert FlatExtractor().score(block) == _flat_by_lines(block)
    if "|" not in text:
        assert pipe_score(_eager(text, 0)) == 0.0
    assert tab_score(block) == tab_score(_eager(text, 0))  # once computed, kept
    assert tab_score(block) == tab_score(_eager(text, 0))
    ocr = OcrSplitExtractor().score(block)
    base = tab_score(block)
    assert ocr in (base / 2, min(1.0, base + 0.05))


# Pieces of flattened rows: labels running into numbers and numbers into labels, numbers a
# space apart or in columns, blanks, list numbers, tabs, and lines that are one cell each.
_FLAT_PIECES = st.sampled_from(
    ["\n", "\n\t", "\t", " ", "  ", "\u3000", "0", "12", "3.", "规章", "一、", "）", "”", "—",
     "——", "/", "-", "0 0", "0  0", "数量 5", "1.属于", "\x1c", "a"]
)  # fmt: skip


@given(st.lists(_FLAT_PIECES, max_size=30).map("".join))
def test_the_flat_score_of_the_candidates_joined_is_the_score_line_by_line(text: str) -> None:
    # The quick zero (none of the three patterns in the candidate lines joined) and the
    # line-by-line count must agree on every block, counting or not.
    assert FlatExtractor().score(_block(text)) == _flat_by_lines(_block(text))
    assert FlatExtractor().score(_eager(text, 0)) == _flat_by_lines(_eager(text, 0))


@given(st.text(alphabet="过程 \u3000\t\na0（", max_size=20))
def test_the_broken_word_mark_is_found_where_the_plain_pattern_finds_it(text: str) -> None:
    plain = re.compile(r"[\u4e00-\u9fff] +[\u4e00-\u9fff]")
    assert (_BROKEN_WORD.search(text) is None) == (plain.search(text) is None)


def _ocr_by_lines(block: Block) -> float:
    """The ocr-split score looked for line by line, every cell split and stripped."""
    base = tab_score(block)
    marks = 0
    for line in block.lines:
        if "\t" not in line or _BROKEN_WORD.search(line) is None:
            continue
        cells = [cell.strip() for cell in line.split("\t")]
        first_value = next((i for i, c in enumerate(cells) if is_value_like(c)), None)
        if first_value is not None and any(_BROKEN_WORD.search(c) for c in cells[:first_value]):
            marks += 1
    return min(1.0, base + 0.05) if base >= 0.5 and marks >= 2 else base / 2


# Rows of a scanned table: labels with OCR's mark (a space inside a word) or without, values,
# blanks, row numbers, tails on lines of their own.
_OCR_PIECES = st.sampled_from(
    ["\n", "\n", "\t", "\t", "\t", " ", "过 程", "属于", "0", "12", "—", "6.", "a", "\u3000"]
)


@given(st.lists(_OCR_PIECES, max_size=40).map("".join), st.text(alphabet="过 \n", max_size=3))
def test_the_ocr_split_score_is_the_score_line_by_line(text: str, before: str) -> None:
    # The lines before the first mark skipped by a count, and only the cells up to the first
    # value of a marked line looked at, must give what every line and cell looked at gives.
    assert OcrSplitExtractor().score(_block(text, before)) == _ocr_by_lines(_eager(text, 0))
    assert OcrSplitExtractor().score(_eager(text, 0)) == _ocr_by_lines(_eager(text, 0))


def _ocr_rows_by_lines(block: Block) -> Grid:
    """OcrSplitExtractor.extract as it was written: every row looked at in turn."""
    rows: list[Row] = []
    for row in tab_rows(block):
        if rows and _is_tail(row) and has_values(rows[-1]):
            previous = rows[-1]
            last = None
            for i, cell in enumerate(previous.cells):
                if is_value_like(cell):
                    break
                if cell:
                    last = i
            if last is not None:
                cells = list(previous.cells)
                cells[last] += next(cell for cell in row.cells if cell)
                rows[-1] = Row(tuple(cells), previous.starts)
                continue
        rows.append(row)
    return tuple(rows)


# Lines of a scanned table: rows of a label and values, tails (one cell of text, or a value or
# a row number standing alone, tabs around it), blank lines.
_OCR_CELLS = st.sampled_from(["", "", "过 程", "属于", "0", "12", "—", "6.", "a", " 0"])
_OCR_LINES = st.one_of(
    st.lists(_OCR_CELLS, min_size=2, max_size=5).map("\t".join),
    st.tuples(
        st.sampled_from(["", "\t", "\t\t", " ", "\u3000\t"]),
        st.sampled_from(["部事务信息", "过 程", "6.属于", "0", "—", "a"]),
        st.sampled_from(["", "\t", "\t\t\t", " \t"]),
    ).map("".join),
    st.sampled_from(["", "\t\t", " "]),
)


@given(st.lists(_OCR_LINES, max_size=12).map("\n".join), st.text(alphabet="过 \n", max_size=3))
@example("1. 属于\t0\t0\n\t部事务\t\n\t信息\n\n过 程\n2. 其他\t\t1\n0", "")
def test_ocr_split_rows_are_the_rows_read_row_by_row(text: str, before: str) -> None:
    # Tails are looked for only in the rows whose stripped line holds no tab: the rows must be
    # those every row looked at gives, tails joined alike (several in a row too).
    for block in (_block(text, before), _eager(text, 0)):
        assert OcrSplitExtractor().extract(block) == _ocr_rows_by_lines(block)


# --- select -------------------------------------------------------------------------------


@attrs.define
class _Fake:
    name: str
    priority: int
    result: object  # what score() returns, or raises when an exception
    extracted: object = ()
    scored: int = 0

    def score(self, block: Block) -> float:
        self.scored += 1
        if isinstance(self.result, BaseException):
            raise self.result
        return self.result  # type: ignore[return-value]

    def extract(self, block: Block) -> Grid:
        if isinstance(self.extracted, BaseException):
            raise self.extracted
        return self.extracted  # type: ignore[return-value]


def _select_by_rank(
    block: Block, candidates: Sequence[Extractor], failed: registry.OnFailure
) -> tuple[Extractor, Grid]:
    """select() as it was written with rank(): the reference of the inline one."""
    pending = list(candidates)
    scored: list[tuple[float, Extractor]] = []
    while True:
        while pending:
            scored.extend(registry.rank(block, [pending.pop(0)], failed=failed))
            if scored and scored[-1][0] >= 1.0:
                break
        if not scored:
            break
        scored.sort(key=lambda pair: (-pair[0], -pair[1].priority))
        _, extractor = scored.pop(0)
        try:
            return extractor, registry.checked_grid(extractor, block)
        except ExtractorError as error:
            failed(error)
    raise ExtractorError("every extractor failed")


_ROW = Row(("a",), (0,))
_RESULTS = st.sampled_from(
    [0.0, 0.5, 0.5, 0.9, 1.0, 1, 0, True, math.nan, 1.5, -0.1, "0.5", None,
     RuntimeError("boom"), ExtractorError("own error")]
)  # fmt: skip
_EXTRACTED = st.sampled_from([(), (_ROW,), [_ROW], RuntimeError("bad"), ("x",)])


@given(st.lists(st.tuples(st.integers(0, 3), _RESULTS, _EXTRACTED), min_size=1, max_size=6))
def test_select_chooses_and_fails_as_scoring_through_rank(
    specs: list[tuple[int, object, object]],
) -> None:
    block = _block("规章\t0")

    def run(select: object) -> tuple[object, list[tuple[str, str, str]], list[int]]:
        fakes = [_Fake(f"fake-{i}", p, r, x) for i, (p, r, x) in enumerate(specs)]
        ordered = sorted(fakes, key=lambda e: -e.priority)
        errors: list[ExtractorError] = []
        outcome: object
        try:
            chosen = select(block, ordered, errors.append)  # type: ignore[operator]
            outcome = (chosen[0].name, chosen[1])
        except ExtractorError:
            outcome = "all failed"
        seen = [(str(e), str(e.extractor), repr(e.__cause__)) for e in errors]
        return outcome, seen, [f.scored for f in fakes]

    inline = run(lambda b, c, f: registry.select(b, c, failed=f))
    assert inline == run(_select_by_rank)


# --- tab rows ---------------------------------------------------------------------------------


def _tab_rows_by_lines(block: Block) -> tuple[Row, ...]:
    rows = map(split_cells, block.lines, block.line_starts)
    return tuple(row for row, line in zip(rows, block.lines, strict=True) if line.strip())


@given(_TEXTS, st.text(alphabet="x\n", max_size=3))
def test_tab_rows_of_a_block_are_its_lines_split_one_by_one(text: str, before: str) -> None:
    assert tab_rows(_block(text, before)) == _tab_rows_by_lines(_block(text, before))
    assert tab_rows(_eager(text, len(before))) == _tab_rows_by_lines(_eager(text, len(before)))
    lines = tuple(text.split("\n"))
    # Lines that do not follow each other in the text: only their own starts place them.
    starts = tuple(range(0, 10 * len(lines), 10))
    apart = Block(section=3, start=0, end=10 * len(lines), lines=lines, line_starts=starts)
    assert tab_rows(apart) == _tab_rows_by_lines(apart)
