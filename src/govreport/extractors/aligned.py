r"""Space-aligned columns: a table as ``pdftotext -layout`` prints it.

Text taken from a PDF with its layout kept has no tabs: cells stand in columns, separated by
runs of spaces, and a cell that held several lines in the PDF is printed over several lines
of text, above and below the line of its row's numbers::

          （二）部分公开（区分处理的，只计这一情
                                    447         7        0   454
          形，不计其他情形）

                 1.属于国家秘密            2          0        0    2
    三、
    本            2.其他法律行政法规禁止公开     30          1        0   31
    年
                 3.危及“三安全一稳定”        5          0        0    5

How this extractor reads such a block (all of it layout, none of it wording):

* **Cells.** A line splits at runs of two or more spaces; one space stays inside a cell
  (``第二十条 第（一）项``), except between numbers (``447 7 0``). A line is a *row* when it
  carries values (numbers or printed blanks); the text cells before its first value are its
  label, the last of them its *item* label, the others *side* cells (a merged cell's text
  that happens to stand on the row's line).
* **Wrapped labels.** A text-only line in the item label's column, next to a row, is part
  of that row's label: above the row when the row's own label does not begin a label (it
  has no row number such as ``1.`` ``（二）`` ``四、``, or no label at all) and the text is
  directly above it (a numbered start of the label may stand across blank lines); below
  it, directly under, when the label is evidently wrapped (it began above, it is absent, or
  it begins with a row number) and the text does not begin a label itself. Each piece
  stays a cell of its own with its exact offset; :mod:`govreport.tables` reads the pieces
  as one label.
* **Vertical labels.** Single characters printed one per line down the left edge (``三、``
  ``本`` ``年`` ``度`` …, a merged cell's text printed vertically), three or more in one
  column, are one cell of their own (``三、本年度办理结果``) and are kept out of the rows
  whose lines they share.
* **Merged and header cells.** Text that is no row's label is stacked by column: pieces in
  one column on nearby lines (``商业企`` over ``业``; ``（三）不`` over ``予公开`` beside the
  rows they group) are one cell, a piece that begins with a row number starting a new one,
  and a line whose pieces do not all continue cells above beginning cells only (under a
  heading over five columns, ``商业企 科研机 社会公益 法律服务`` begin four cells). Each
  such cell is a row of its own, in printed order, followed by one empty cell: in this
  layout a row whose cells are all blank prints its label alone.
* **Blank cells.** Values are placed in the columns of the block's fullest rows (per page,
  as pdftotext may shift a page's columns): a row with fewer values gets empty cells where
  its values are missing, so that a blank cell between numbers reads as a blank. A row
  whose values fit no such columns keeps its values as printed, for
  :mod:`govreport.tables` to report. Spaces cannot show a blank in a table whose every
  row has one, nor in a line of values without a fuller row to compare (section 四's
  fifteen numbers): such blanks are read only where the text prints them (``/``, ``—`` …).
* **Nothing is dropped.** Page numbers (``-4-``) and every line it cannot place are rows of
  their own, for :mod:`govreport.tables` to report.

Columns are counted in characters, as pdftotext counts them; a block whose cells line up
only when wide (CJK) characters count two columns, as in text aligned for a terminal, is
measured that way instead. :func:`render_aligned` prints rows of cells in this layout (the
extractor's ``render``), with pdftotext's breaks when given a random generator.
"""

from __future__ import annotations

import itertools
import random
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from functools import cache
from operator import attrgetter

from ..cells import is_page_number, stands_for_value
from ..normalize import normalize
from .base import Block, Grid, Row

__all__ = ["AlignedExtractor", "aligned_score", "render_aligned"]

_DIGIT = re.compile(r"\d")

# The other patterns of this layout are compiled on first use, not on import: most reports
# are tab or cell-per-line tables, whose blocks have no run of spaces for the score to see.


@cache
def _cell() -> re.Pattern[str]:
    """A cell: words separated by single spaces.

    Cells are separated by two spaces or more (or a tab, or pdftotext's form feed).
    """
    return re.compile(r"[^\s]+(?: [^\s]+)*")


@cache
def _spaced_number() -> re.Pattern[str]:
    """A number standing after a run of spaces.

    The score is the share of the block's lines with a digit that have one.
    """
    return re.compile(r"  [-+]?\d[\d,.]*(?!\S)")


@cache
def _row_number() -> re.Pattern[str]:
    """The numbering that begins a label: `一、` `（二）` `(七)` `四)` `1.` `2、`."""
    return re.compile(
        r"(?:[（(]\s*[一二三四五六七八九十]+\s*[）)]|[一二三四五六七八九十]+\s*[、.．)）]"
        r"|\d{1,2}\s*[、.．](?!\d))"
    )


# One character of a vertical label: a Chinese character, or a numeral with its mark (`三、`).
@cache
def _vertical() -> re.Pattern[str]:
    """Compiled on first use (not on import): only some aligned tables need it."""
    return re.compile(r"[\u4e00-\u9fff]|[一二三四五六七八九十][、.．]")


# Characters a terminal shows two columns wide (East Asian Wide and Fullwidth).
@cache
def _wide() -> re.Pattern[str]:
    """Compiled on first use (not on import): only some aligned tables need it."""
    return re.compile(
        "[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
        "\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\U00020000-\U0003fffd]"
    )


_MAX_SCORE = 0.95  # sure enough to win, not so sure that a plugin is not asked
_VERTICAL_MIN = 3  # characters in a column before they read as a vertical label
_VERTICAL_GAP = 4  # lines between two characters of a vertical label, at most
_STACK_GAP = 3  # lines between two pieces of a wrapped cell, at most
_SIDE_GAP = 5  # … of a merged cell beside rows, whose pieces blank lines may separate
_BLANKS_CROSSED = 2  # blank lines between a row and the numbered start of its label, at most

_COL = attrgetter("col")
_DCOL = attrgetter("dcol")

# Line kinds.
_BLANK, _PAGE, _TEXT, _ROW = range(4)


class _Stop:
    """What :meth:`_Reader._fragment` returns for a line that ends a label's pieces."""


_STOP = _Stop()


class _Cell:
    """One cell as printed on one line: its text, offset, and columns ``[lo, hi)``.

    ``col`` counts characters, ``dcol`` display columns (wide characters count two) from
    the start of the line; ``lo``/``hi`` are in the measure the block is read in.
    """

    __slots__ = ("col", "dcol", "dhi", "hi", "line", "lo", "offset", "text")

    def __init__(self, text: str, offset: int, line: int, col: int, dcol: int, wide: int) -> None:
        self.text = text
        self.offset = offset
        self.line = line
        self.col = self.lo = col
        self.dcol = dcol
        self.dhi = dcol + len(text) + wide
        self.hi = col + len(text)

    def overlaps(self, lo: float, hi: float) -> bool:
        return self.lo < hi and lo < self.hi

    @property
    def numbered(self) -> bool:
        return _row_number().match(self.text) is not None


class _Row:
    """A line that carries values: its label cells and its value cells."""

    __slots__ = ("continued", "item", "leading", "line", "sides", "values")

    def __init__(self, line: int, labels: list[_Cell], values: list[_Cell]) -> None:
        self.line = line
        self.item: _Cell | None = labels[-1] if labels else None
        self.sides = labels[:-1]
        self.values = values
        self.leading: list[_Cell] = []
        self.continued: list[_Cell] = []

    @property
    def line_labels(self) -> list[_Cell]:
        """The label cells on the row's own line: side cells, then the item label."""
        return [*self.sides, self.item] if self.item is not None else list(self.sides)

    @property
    def label_lo(self) -> int | None:
        """Where the item label's column begins, or ``None`` for a row without a label."""
        parts = [*self.leading, *([self.item] if self.item else []), *self.continued]
        return min(c.lo for c in parts) if parts else None


def _split_block(block: Block) -> list[list[_Cell]]:
    """The cells of each line of ``block``, with their offsets and columns.

    One scan of the block's text finds every cell (a cell never spans lines); each is put
    on its line by its offset.
    """
    lines, line_starts = block.lines, block.line_starts
    base = block.start
    out: list[list[_Cell]] = [[] for _ in lines]
    index = -1
    line_end = -1  # offset (in the joined text) where the current line ends
    cells: list[_Cell] = []
    skip = wide = start = 0
    for m in _cell().finditer("\n".join(lines)):
        at = m.start()
        if at > line_end:
            while at > line_end:
                index += 1
                start = line_starts[index]
                line_end = start - base + len(lines[index])
            line = lines[index]
            # pdftotext's form feed begins a page's first line and takes no column.
            skip = len(line) - len(line.lstrip("\f")) if line[:1] == "\f" else 0
            wide = 0  # wide characters before the cell (spaces between cells never are)
            cells = out[index]
            line_start = start - base
        text = m.group()
        col = at - line_start - skip
        if text.isascii():
            if " " in text:
                words = text.split(" ")
                if all(map(stands_for_value, words)):
                    # `447 7 0`: numbers one space apart are cells of their own.
                    for word in words:
                        cells.append(_Cell(word, base + at, index, col, col + wide, 0))
                        at += len(word) + 1
                        col += len(word) + 1
                    continue
            cells.append(_Cell(text, base + at, index, col, col + wide, 0))
        else:
            own = len(_wide().findall(text))
            cells.append(_Cell(text, base + at, index, col, col + wide, own))
            wide += own
    return out


def _split_label_numbers(cells: list[_Cell], first_value: int) -> list[_Cell]:
    """``3.危及“三安全一稳定” 5`` before other values: the trailing number is a value."""
    if first_value == 0:
        return cells
    label = cells[first_value - 1]
    words = label.text.split(" ")
    if len(words) < 2 or not stands_for_value(words[-1]):
        return cells
    keep = len(words) - 1
    while keep > 1 and stands_for_value(words[keep - 1]):
        keep -= 1
    head = " ".join(words[:keep])
    wide = len(_wide().findall(head))
    pieces = [_Cell(head, label.offset, label.line, label.col, label.dcol, wide)]
    offset = len(head) + 1
    for word in words[keep:]:
        col, dcol = label.col + offset, label.dcol + offset + wide
        own = len(_wide().findall(word))
        pieces.append(_Cell(word, label.offset + offset, label.line, col, dcol, own))
        offset += len(word) + 1
        wide += own
    return [*cells[: first_value - 1], *pieces, *cells[first_value:]]


def _near_pairs(places: list[float]) -> int:
    """How many pairs of ``places`` lie within one column of each other."""
    places.sort()
    return sum(bisect_right(places, place + 1) - i - 1 for i, place in enumerate(places))


def _aligned_pairs(spans: list[tuple[int, int]]) -> int:
    """Pairs of ``spans`` that line up: on the left edge, centre or right edge, the most."""
    return max(
        _near_pairs([lo for lo, _ in spans]),
        _near_pairs([(lo + hi) / 2 for lo, hi in spans]),
        _near_pairs([hi for _, hi in spans]),
    )


def aligned_score(block: Block) -> float:
    """Share of the block's lines with digits that hold a number after a run of spaces.

    Lines with tabs or pipes do not count as aligned: they belong to other layouts.
    """
    if "  " not in block.text:
        return 0.0  # no run of spaces anywhere: nothing is aligned (most tab and cell blocks)
    return _aligned_share(block.lines)


def _aligned_share(lines: Sequence[str]) -> float:
    """:func:`aligned_score` counted line by line, with no quick test of the whole block."""
    numeric = spaced = 0
    spaced_number = _spaced_number().search
    for line in lines:
        if _DIGIT.search(line) is None:
            continue
        numeric += 1
        if (
            "  " in line
            and "\t" not in line
            and "|" not in line
            and spaced_number(line) is not None
        ):
            spaced += 1
    return _MAX_SCORE * spaced / numeric if numeric else 0.0


class AlignedExtractor:
    """Read space-aligned columns: rows, wrapped labels, vertical labels, merged cells."""

    name = "aligned"
    priority = 5

    def score(self, block: Block) -> float:
        """Share of the block's lines with digits that hold a number after a run of spaces.

        0.95 at most (a plugin may still be surer); 0 for a block whose lines with digits
        all have tabs or pipes, or hold their numbers alone (text in reading order).
        """
        return aligned_score(block)

    def extract(self, block: Block) -> Grid:
        """The rows of ``block``, in printed order (see the module docstring)."""
        return _Reader(block).grid()

    def render(self, rows: Sequence[Sequence[str]], *, rng: random.Random | None = None) -> str:
        """The inverse of :meth:`extract`: ``rows`` printed as aligned columns.

        See :func:`render_aligned`; ``rng`` asks for pdftotext's breaks (wrapped labels,
        page ends).
        """
        return render_aligned(rows, rng=rng)

    # For govreport.testing: spaces do not always show a blank cell (a row of one value, a
    # table without a full row), so the printed rows should print blanks as `/`, `—` ….
    render.empty_cells = False  # type: ignore[attr-defined]


class _Reader:
    """One block being read: its lines' cells, kinds and rows."""

    def __init__(self, block: Block) -> None:
        self.kinds: list[int] = []
        self.rows: dict[int, _Row] = {}
        #: the page of each row's line: a form feed or a page number ends a page
        self.page: dict[int, int] = {}
        page = 0
        self.cells = _split_block(block)
        for i, cells in enumerate(self.cells):
            if "\f" in block.lines[i]:
                page += 1
            if not cells:
                self.kinds.append(_BLANK)
                continue
            if len(cells) == 1 and is_page_number(cells[0].text):
                self.kinds.append(_PAGE)
                page += 1
                continue
            first = next((j for j, c in enumerate(cells) if stands_for_value(c.text)), None)
            if first is None:
                self.kinds.append(_TEXT)
                continue
            cells = _split_label_numbers(cells, first)
            self.cells[i] = cells
            first = next(j for j, c in enumerate(cells) if stands_for_value(c.text))
            self.kinds.append(_ROW)
            self.rows[i] = _Row(i, cells[:first], cells[first:])
            self.page[i] = page
        self._anchors: dict[int, list[tuple[int, int]] | None] = {}
        #: values in the block's fullest rows
        self.width = max((len(r.values) for r in self.rows.values()), default=0)
        self.blank_before = [0]  # blank lines before line i, for gaps in O(1)
        for kind in self.kinds:
            self.blank_before.append(self.blank_before[-1] + (kind == _BLANK))
        self._measure()
        #: cells that are part of something already (a vertical label, a row's label)
        self.taken: set[int] = set()

    # --- Columns --------------------------------------------------------------------------

    def _measure(self) -> None:
        """Count columns in display width when that, not characters, lines cells up.

        In the measure the text was aligned in, text cells on different lines begin in the
        same column and values stand over each other. Each measure scores the pairs of text
        cells that begin in one column plus the pairs of values that line up; display width
        wins when it scores more (characters on a tie). Values line up as a table aligns
        them, on their left edges, centres or right edges (each measure counts its best of
        the three), within a column: one shifted by one (a full-width digit normalized to
        ASCII is a column narrower) still counts. Centres alone would not do: values of
        different widths aligned on the left (``0`` over ``1000``) have centres apart, and
        a row shifted by its label's wide characters may bring them together by chance.
        """
        if all(cell.col == cell.dcol for cells in self.cells for cell in cells):
            return
        rows = self.rows
        text_cells = [
            cell
            for i, cells in enumerate(self.cells)
            for cell in (rows[i].line_labels if i in rows else cells)
        ]
        chars = Counter(map(_COL, text_cells))
        display = Counter(map(_DCOL, text_cells))
        by_chars = sum(n * (n - 1) // 2 for n in chars.values())
        by_display = sum(n * (n - 1) // 2 for n in display.values())
        values = [c for r in rows.values() for c in r.values]
        by_chars += _aligned_pairs([(c.col, c.col + len(c.text)) for c in values])
        by_display += _aligned_pairs([(c.dcol, c.dhi) for c in values])
        if by_display > by_chars:
            for cells in self.cells:
                for cell in cells:
                    cell.lo, cell.hi = cell.dcol, cell.dhi

    def gap_has_blank(self, above: int, below: int) -> bool:
        """Whether a blank line stands strictly between lines ``above`` and ``below``."""
        return self.blank_before[below] - self.blank_before[above + 1] > 0

    # --- Reading --------------------------------------------------------------------------

    def grid(self) -> Grid:
        verticals = self._vertical_labels()
        for row in self.rows.values():
            self._find_item(row)
            self._leading(row)
            self._continued(row)
        sides = {id(c) for row in self.rows.values() for c in row.sides}
        out = [Row(("".join(c.text for c in stack),), (stack[0].offset,)) for stack in verticals]
        kept: set[int] = set()  # side cells that stack with nothing: they stay in their row
        for stack in self._stacks(sides):
            if len(stack) == 1 and id(stack[0]) in sides:
                kept.add(id(stack[0]))
                continue
            # Text that is no row's label stands in the label columns; the value columns
            # after it are empty (a row whose cells are all blank prints its label alone).
            last = stack[-1]
            text = "".join(c.text for c in stack)
            out.append(Row((text, ""), (stack[0].offset, last.offset + len(last.text))))
        for i, kind in enumerate(self.kinds):
            if kind == _PAGE:
                cell = self.cells[i][0]
                out.append(Row((cell.text,), (cell.offset,)))
        for row in self.rows.values():
            labels = [
                *(c for c in row.sides if id(c) in kept),
                *row.leading,
                *([row.item] if row.item else []),
                *row.continued,
            ]
            cells = [(c.text, c.offset) for c in labels] + self._placed(row)
            texts, starts = zip(*cells, strict=True)
            out.append(Row(texts, starts))
        out.sort(key=lambda row: row.starts[0])
        return tuple(out)

    def _vertical_labels(self) -> list[list[_Cell]]:
        """Characters printed one per line down a column: three or more make one label.

        A character on a row's line may be a side cell of the row, or the row's only label
        (its own label wrapped above and below the line); of the latter there must be fewer
        than of the others, so that rows labelled ``甲`` ``乙`` ``丙`` stay rows.
        """
        open_: list[list[_Cell]] = []
        done: list[list[_Cell]] = []
        weak: set[int] = set()  # characters that are a row's only label
        for i, kind in enumerate(self.kinds):
            if kind in (_BLANK, _PAGE):
                continue
            cells = self.cells[i]
            first = cells[0]
            candidate = first if _vertical().fullmatch(first.text) else None
            row = self.rows.get(i)
            if row is not None and candidate is not None and candidate not in row.sides:
                if candidate is row.item and not row.sides:
                    weak.add(id(candidate))
                else:
                    candidate = None
            joined = False
            still: list[list[_Cell]] = []
            for stack in open_:
                last = stack[-1]
                if i - last.line > _VERTICAL_GAP:
                    done.append(stack)
                elif (
                    not joined
                    and candidate is not None
                    and candidate.overlaps(last.lo, last.hi)
                    and not (candidate.numbered and len(candidate.text) > 1)
                ):
                    stack.append(candidate)
                    joined = True
                    still.append(stack)
                elif any(c.overlaps(last.lo, last.hi) for c in cells):
                    done.append(stack)
                else:
                    still.append(stack)
            open_ = still
            if candidate is not None and not joined:
                open_.append([candidate])
        done.extend(open_)
        labels = []
        for stack in done:
            weaks = sum(id(c) in weak for c in stack)
            if len(stack) >= _VERTICAL_MIN and len(stack) - weaks > max(weaks, 1):
                labels.append(stack)
        for stack in labels:
            for cell in stack:
                self.taken.add(id(cell))
                row = self.rows.get(cell.line)
                if row is None:
                    continue
                if cell is row.item:
                    row.item = None
                elif cell in row.sides:
                    row.sides.remove(cell)
        return labels

    def _find_item(self, row: _Row) -> None:
        """Demote the row's last label cell to a side cell when its item label wrapped away.

        A label wrapped above and below its row's line, with nothing of it on the line,
        leaves the line's last label cell to a merged cell beside it (``（三）不予公开``):
        the text directly above or below, between that cell and the values, is the item.
        """
        item = row.item
        if item is None:
            return
        end = row.values[0].lo
        for j in (row.line - 1, row.line + 1):
            if not 0 <= j < len(self.kinds) or self.kinds[j] != _TEXT:
                continue
            cells = [c for c in self.cells[j] if id(c) not in self.taken]
            if all(c.hi <= end for c in cells) and any(c.lo >= item.hi for c in cells):
                row.sides.append(item)
                row.item = None
                return

    def _region(self, row: _Row) -> tuple[float, float]:
        """The columns of a row's item label: from its start to the row's first value."""
        end = row.values[0].lo
        if row.item is not None:
            return row.item.lo, end
        if row.leading:
            return min(c.lo for c in row.leading), end
        if row.sides:
            return row.sides[-1].hi, end  # the item label stands right of the side cells
        # No label on the row's line: it starts where the neighbouring rows' labels start
        # (not left of them: a vertical label or a merged cell may stand there).
        starts = []
        for step in (-1, 1):
            j = row.line + step
            while 0 <= j < len(self.kinds):
                other = self.rows.get(j)
                if other is not None and other.line_labels:
                    starts.append(min(c.lo for c in other.line_labels))
                    break
                j += step
        return (min(starts) if starts else 0), end

    def _fragment(self, line: int, row: _Row, region: tuple[float, float]) -> _Cell | _Stop | None:
        """The free cell of text line ``line`` in ``region`` (``None`` if there is none).

        The item label's column is the rightmost of the label columns: of several cells in
        the region, the rightmost is the piece, the others merged cells beside it
        (``（三）不予公开    1.属于国家``). :data:`_STOP` when the line cannot hold a piece of
        the row's label: it reaches into the values (a header line), or its cell in the
        region is taken already.
        """
        lo, hi = region
        piece = None
        for cell in self.cells[line]:
            if cell.hi > row.values[0].lo:
                return _STOP
            if cell.overlaps(lo, hi):
                piece = cell
        if piece is not None and id(piece) in self.taken:
            return _STOP
        return piece

    def _leading(self, row: _Row) -> None:
        """Pieces of the row's label printed above its line."""
        if row.item is not None and row.item.numbered:
            return  # the label begins on the row's own line
        region = self._region(row)
        j = row.line - 1
        blanks = 0
        while j >= 0:
            kind = self.kinds[j]
            if kind == _BLANK:
                if row.leading or blanks >= _BLANKS_CROSSED:
                    break
                blanks += 1
                j -= 1
                continue
            if kind != _TEXT:
                break
            piece = self._fragment(j, row, region)
            if piece is _STOP:
                break
            if not isinstance(piece, _Cell):
                if blanks:
                    break
                j -= 1
                continue
            if blanks and not piece.numbered:
                break  # across blank lines only the numbered start of the label
            row.leading.insert(0, piece)
            self.taken.add(id(piece))
            if piece.numbered:
                break
            region = (min(region[0], piece.lo), region[1])
            j -= 1

    def _continued(self, row: _Row) -> None:
        """Pieces of the row's label printed below its line."""
        if not (row.leading or row.item is None or row.item.numbered):
            return
        if row.item is None and not row.leading:
            return
        lo = row.label_lo
        assert lo is not None
        region = (lo, row.values[0].lo)
        j = row.line + 1
        while j < len(self.kinds) and self.kinds[j] == _TEXT:
            piece = self._fragment(j, row, region)
            if piece is _STOP:
                break
            if isinstance(piece, _Cell):
                if piece.numbered:
                    break
                row.continued.append(piece)
                self.taken.add(id(piece))
            j += 1

    def _item_start(self, above: int, below: int) -> float | None:
        """Where the leftmost item label of the rows on lines ``above``…``below`` begins."""
        starts = [
            lo
            for j in range(above, below + 1)
            if (row := self.rows.get(j)) is not None and (lo := row.label_lo) is not None
        ]
        return min(starts) if starts else None

    def _stacks(self, sides: set[int]) -> list[list[_Cell]]:
        """The cells left over (text and ``sides`` cells), stacked by column into merged cells.

        A piece continues the stack above it in its column when nothing else was printed in
        that column in between, nothing else on its own line reaches into the column, and
        :meth:`_joins` agrees; otherwise it begins a stack.
        """
        taken = self.taken
        stacks: list[list[_Cell]] = []
        recent: list[list[_Cell]] = []  # stacks whose last piece is near enough to go on
        for i, kind in enumerate(self.kinds):
            if kind == _TEXT:
                pieces = [c for c in self.cells[i] if id(c) not in taken]
            elif kind == _ROW:
                pieces = [c for c in self.rows[i].sides if id(c) in sides]
            else:
                continue
            if not pieces:
                continue
            recent = [stack for stack in recent if i - stack[-1].line <= _SIDE_GAP]
            line = self.cells[i]
            targets = [self._continues(piece, line, recent, sides) for piece in pieces]
            if None in targets:
                # A line of a table is the first line of its cells or the next line of
                # them, not both: under `法人或其他组织` (a heading over five columns),
                # `商业企 科研机 社会公益 法律服务` begin four cells.
                targets = [None] * len(pieces)
            for piece, target in zip(pieces, targets, strict=True):
                if target is not None:
                    target.append(piece)
                else:
                    stacks.append([piece])
                    recent.append(stacks[-1])
        stacks.sort(key=lambda stack: stack[0].offset)
        return stacks

    def _continues(
        self, piece: _Cell, line: list[_Cell], recent: list[list[_Cell]], sides: set[int]
    ) -> list[_Cell] | None:
        """The stack ``piece`` continues, or ``None`` when it begins a cell."""
        i = piece.line
        for stack in recent:
            last = stack[-1]
            lo, hi = last.lo, last.hi
            if (
                last.line < i
                and piece.overlaps(lo, hi)
                and not any(c is not piece and c.overlaps(lo, hi) for c in line)
                and not self._printed_between(last.line, i, lo, hi)
                and self._joins(stack, piece, sides)
            ):
                return stack
        return None

    def _printed_between(self, above: int, below: int, lo: float, hi: float) -> bool:
        """Whether a cell between lines ``above`` and ``below`` meets columns ``[lo, hi)``.

        A page number does not count: a page break does not end a merged cell.
        """
        for j in range(above + 1, below):
            if self.kinds[j] != _PAGE and any(c.overlaps(lo, hi) for c in self.cells[j]):
                return True
        return False

    def _joins(self, stack: list[_Cell], piece: _Cell, sides: set[int]) -> bool:
        """Whether ``piece`` continues the cell whose pieces so far are ``stack``.

        Two side cells (``sides``: cells on rows' lines) never make one cell: each is its
        own row's (``行政诉讼`` printed again beside each of its rows).
        """
        if piece.numbered:
            return False
        if id(piece) in sides and any(id(c) in sides for c in stack):
            return False
        last = stack[-1]
        gap = piece.line - last.line
        if gap <= _STACK_GAP and not self.gap_has_blank(last.line, piece.line):
            return True
        # A merged cell beside rows (a group label) may have blank lines between its pieces,
        # even a page break: both pieces then stand left of the rows' labels.
        if gap > _SIDE_GAP:
            return False
        start = self._item_start(last.line - 1, piece.line + 1)
        return start is not None and last.hi <= start and piece.hi <= start

    # --- Values -----------------------------------------------------------------------------

    def _columns(self, page: int) -> list[tuple[int, int]] | None:
        """The value columns of a page, as spans ``[lo, hi)``, or ``None``.

        As many columns as the block's fullest rows have values, each spanning those rows'
        values in it, found on the page (pdftotext may shift a page's columns) or, when the
        page has none of the fullest rows (it holds the last rows of a table), in the whole
        block. The spans hold cells aligned left, right or centred, and pdftotext's uneven
        placing (``61`` at 67, ``0`` at 71 in one column); when they overlap, the columns
        are not clear and ``None`` is returned.
        """
        if page in self._anchors:
            return self._anchors[page]
        width = self.width
        full = [r.values for j, r in self.rows.items() if self.page[j] == page]
        full = [values for values in full if len(values) == width]
        if not full:
            full = [r.values for r in self.rows.values() if len(r.values) == width]
        columns: list[tuple[int, int]] | None = [
            (min(v[k].lo for v in full), max(v[k].hi for v in full)) for k in range(width)
        ]
        assert columns is not None
        if any(a[1] > b[0] for a, b in itertools.pairwise(columns)):
            columns = None
        self._anchors[page] = columns
        return columns

    def _placed(self, row: _Row) -> list[tuple[str, int]]:
        """The row's value cells, with empty cells where the fullest rows have values.

        A row narrower than the fullest rows has blank cells: each value goes to the column
        it meets (:meth:`_columns`), or one within two characters of it; the other columns
        are empty. A row whose values do not fall one to a column, in order, and a row as
        wide as the fullest, keep their values as printed.
        """
        values = row.values
        raw = [(c.text, c.offset) for c in values]
        if len(values) >= self.width:
            return raw
        columns = self._columns(self.page[row.line])
        if columns is None:
            return raw
        placed: list[_Cell | None] = [None] * len(columns)
        previous = -1
        for cell in values:
            k = min(range(len(columns)), key=lambda k: _distance(cell, columns[k]))
            if k <= previous or _distance(cell, columns[k]) > 2:
                return raw
            placed[k] = cell
            previous = k
        out: list[tuple[str, int]] = []
        at = values[0].offset  # an empty cell stands where the value before it ends
        for value in placed:
            if value is None:
                out.append(("", at))
            else:
                out.append((value.text, value.offset))
                at = value.offset + len(value.text)
        return out


def _distance(cell: _Cell, span: tuple[int, int]) -> int:
    """Columns between ``cell`` and ``span``; 0 when they meet."""
    return max(span[0] - cell.hi + 1, cell.lo - span[1] + 1, 0)


# --- Rendering --------------------------------------------------------------------------------


def _width(text: str) -> int:
    """Columns ``text`` takes once normalized (``[bookmark: …]`` gone), in characters."""
    return len(normalize(text).text) if "[" in text else len(text)


def _wrap_points(text: str) -> list[int]:
    """Where ``text`` may wrap: between two Chinese characters, not before a row number."""
    row_number = _row_number().match
    return [
        i
        for i in range(2, len(text) - 1)
        if "\u4e00" <= text[i - 1] <= "\u9fff"
        and "\u4e00" <= text[i] <= "\u9fff"
        and row_number(text, i) is None
    ]


def render_aligned(rows: Sequence[Sequence[str]], *, rng: random.Random | None = None) -> str:
    """``rows`` of cell texts as space-aligned columns, one blank line between rows.

    The label cells of a row (those before its values) stand in label columns, its values
    in value columns aligned on the right edge of the table, each column as wide as its
    widest cell in characters, as ``pdftotext -layout`` counts them; rows without values
    print their cells four spaces apart.

    With ``rng``, the text breaks as ``pdftotext -layout`` breaks it: long labels wrap
    around their row's numbers (above, on and below its line) and pages end between rows,
    with a page number and a form feed.
    """
    labels: list[list[str]] = []
    values: list[list[str] | None] = []
    for row in rows:
        cells = [c.strip() for c in row]
        first = next((i for i, c in enumerate(cells) if c and stands_for_value(c)), None)
        if first is None:
            labels.append(cells)
            values.append(None)
            continue
        end = first
        while end and not cells[end - 1]:
            end -= 1
        labels.append(cells[:end])
        values.append(cells[end:])
    # An empty cell at the edge of a row's values is a blank value or layout (a merged cell,
    # padding): rows without one show how many values a row of the table has; a row with
    # one keeps it when it is that wide, and loses such cells until it is.
    widths = {len(v) for v in values if v and v[0] and v[-1]}
    for value in values:
        while value and len(value) not in widths and not (value[0] and value[-1]):
            del value[0 if not value[0] else -1]
    # Spaces show a blank cell only beside a row that fills every column (the reader finds
    # the columns there); without one, a blank prints as a printed blank.
    count = max((len(v) for v in values if v is not None), default=0)
    if not any(v is not None and len(v) == count and all(v) for v in values):
        for value in values:
            if value is not None and len(value) > 1:
                value[:] = [cell or "—" for cell in value]
    # Wrapped labels: (pieces above, piece on the row's line or None, pieces below).
    wraps: dict[int, tuple[list[str], str | None, list[str]]] = {}
    if rng is not None:
        for r, (label, value) in enumerate(zip(labels, values, strict=True)):
            if value is None or not label or not label[-1] or rng.random() > 0.3:
                continue
            item = label[-1]
            points = _wrap_points(item)
            if not points:
                continue
            sides = any(label[:-1])
            shapes = ["above-on", "on-below-numbered", "above-on-below", "above-below"]
            shape = rng.choice(shapes[:3] if sides else shapes)
            if shape == "on-below-numbered" and _row_number().match(item) is None:
                shape = "above-on"  # text below an unnumbered label may be the next header
            at = rng.choice(points)
            head, rest = item[:at], item[at:]
            if shape == "above-on":
                wraps[r] = ([head], rest, [])
            elif shape == "on-below-numbered":
                wraps[r] = ([], head, [rest])
            else:
                later = [i - at for i in points if i > at and i - at < len(rest) - 1]
                if shape == "above-below" or not later:
                    wraps[r] = ([head], None, [rest])
                else:
                    cut = rng.choice(later)
                    wraps[r] = ([head], rest[:cut], [rest[cut:]])
    label_widths: list[int] = []
    value_count = max((len(v) for v in values if v is not None), default=0)
    value_widths = [1] * value_count
    for r, (label, value) in enumerate(zip(labels, values, strict=True)):
        if value is None:
            continue
        for i, text in enumerate(label):
            if i == len(label_widths):
                label_widths.append(0)
            pieces = [text]
            if r in wraps and i == len(label) - 1:
                above, on, below = wraps[r]
                pieces = [*above, on or "", *below]
            label_widths[i] = max(label_widths[i], *map(_width, pieces))
        for i, text in enumerate(value):
            k = value_count - len(value) + i
            value_widths[k] = max(value_widths[k], _width(text))
    item_column = [sum(label_widths[:i]) + 4 * i for i in range(len(label_widths))]
    lines: list[str] = []
    page = 0
    for r, (label, value) in enumerate(zip(labels, values, strict=True)):
        if rng is not None and lines and rng.random() < 0.08:
            page += 1
            lines += [" " * rng.randrange(0, 40) + f"-{page}-", "\f"]
        if value is None:
            lines.append("    ".join(c for c in label if c))
            lines.append("")
            continue
        above, on, below = wraps.get(r, ([], label[-1] if label else None, []))
        column = item_column[len(label) - 1] if label else 0
        lines += [" " * column + piece for piece in above]
        out = ""
        for i, text in enumerate(label):
            if i == len(label) - 1:
                text = on or ""
            out += text + " " * (label_widths[i] - _width(text) + 4)
        for i in range(len(label), len(label_widths)):
            out += " " * (label_widths[i] + 4)
        cells = [""] * (value_count - len(value)) + value
        for i, text in enumerate(cells):
            out += text + " " * (value_widths[i] - _width(text) + 3)
        lines.append(out.rstrip())
        lines += [" " * column + piece for piece in below]
        lines.append("")
    text = "\n".join(lines)
    return text.replace("\f\n", "\f")  # the form feed begins the next page's first line


render_aligned.empty_cells = False  # type: ignore[attr-defined]
