r"""Renderers: a :class:`~govreport.model.Report` back to the text of a report.

A renderer is the inverse of an extractor. :func:`render_report` prints a whole report —
title, the six numbered sections, narrative text and the three tables — and gives back the
text with the report that :func:`govreport.parse` must read from it. The tables are printed
in two steps:

1. the *printed grid* (:func:`printed_rows`): the rows of cells a table shows, the same for
   every layout — header cells, printed labels with their numbering, values, blanks, empty
   cells where the table has merged cells;
2. a *table renderer* lays those rows out as text in one layout. The built-in ones are
   :func:`render_tab`, :func:`render_cell_per_line` and :func:`render_ocr_split`
   (:data:`RENDERERS`); a plugin's author writes one for their layout.

A table renderer is any callable ``render(rows) -> str`` taking a sequence of rows (each a
sequence of cell texts) and giving the lines of the table. One that also accepts a keyword
argument ``rng`` (a :class:`random.Random`) is given one when layout noise is on, and may
then break its layout the way real documents do; without it, it prints the layout plainly.
Two optional attributes tell what the layout needs of the printed grid: ``labelled = True``
(every row of values carries a label and shows a value, since the layout breaks labels
across lines) and ``empty_cells = False`` (an empty cell leaves no trace, so every blank is
printed as ``/``, ``—`` …).

Noise (:class:`Noise`) is what real documents do to a report's text. Each kind is off
unless switched on, and every kind keeps what the parser must read the same:

======================  ===================================================================
``fullwidth_digits``    some digits printed full width (``１２``), in tables and text
``brackets``            row numbering with mixed (``(三）``) and dropped (``四)``) brackets
``bookmarks``           ``[bookmark: _GoBack]`` left by docx-to-text tools, here and there
                        (not in the tables of a layout whose cells stand in columns, one
                        whose renderer has ``empty_cells = False``: text taken from a PDF
                        has no such artifacts, and removing one moves the cells after it)
``stray_spaces``        spaces, no-break and ideographic spaces around cells, after numbers
``label_variants``      printed variants of labels (``企业`` for 商业企业, ``部分公开``),
                        of headings (``一.``, ``6、``) and of the title (split over lines)
``shapes``              table shapes: merged-cell gaps, padding cells, header arrangements,
                        section 四 in one row or three
``line_breaks``         ``\r\n`` line ends
``layout``              the layout's own noise, through its renderer's ``rng`` (below)
======================  ===================================================================

What each built-in layout does with ``layout`` noise:

``tab``
    blank lines between rows.
``cell-per-line``
    labels and header cells split across lines (``\t商业`` then ``企业`` on a line without
    the tab), runs of blank lines between rows.
``ocr-split``
    always (it is the layout): spaces inside words of labels (``属于四类过 程性信息``) in at
    least two rows of values and a label tail on a line of its own below its row; with
    noise, more of both, at random places, sometimes after a blank line.

Blank cells print as an empty cell where the layout leaves no doubt (between numbers, or in
a row of exactly as many cells as values) and as a printed blank (``/``, ``—``, ``-`` …, from
:data:`govreport.cells.BLANKS`) where an empty cell would be read as layout.
"""

from __future__ import annotations

import inspect
import random
import re
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from types import MappingProxyType
from typing import Any, NamedTuple

from attrs import evolve, fields, frozen

from ..cells import BLANKS, is_value_like
from ..labels import (
    ACTIVE_DISCLOSURE_2019_PARTS,
    ACTIVE_DISCLOSURE_2019_ROWS,
    ACTIVE_DISCLOSURE_PARTS,
    ACTIVE_DISCLOSURE_ROWS,
    AMOUNT_HEADERS,
    APPLICATION_COLUMN_LABELS,
    APPLICATION_COLUMNS,
    APPLICATION_GROUPS,
    APPLICATION_HEADERS,
    APPLICATION_HEADINGS,
    APPLICATION_ROWS,
    APPLICATION_ROWS_2019,
    REVIEW_LITIGATION_KEYS,
    REVIEW_LITIGATION_LABELS,
    TABLE_SECTIONS,
    RowSpec,
    compact,
)
from ..model import ActiveDisclosure2019, ApplicantCounts, Report
from ..normalize import normalize
from ..skeleton import SECTION_TITLES

__all__ = [
    "RENDERERS",
    "Noise",
    "Rendered",
    "TableRenderer",
    "printed_labels_of",
    "printed_rows",
    "render",
    "render_cell_per_line",
    "render_ocr_split",
    "render_report",
    "render_tab",
]

TableRenderer = Callable[..., str]
"""Lays a table's printed rows out as text: ``render(rows)`` or ``render(rows, *, rng)``."""

TABLE_KEYS = TABLE_SECTIONS
"""The JSON key of each table section (:data:`govreport.labels.TABLE_SECTIONS`)."""


@frozen(kw_only=True)
class Noise:
    """Which kinds of noise to print (see the module docstring); all off by default."""

    fullwidth_digits: bool = False
    brackets: bool = False
    bookmarks: bool = False
    stray_spaces: bool = False
    label_variants: bool = False
    shapes: bool = False
    line_breaks: bool = False
    layout: bool = False

    @classmethod
    def every(cls) -> Noise:
        """Every kind of noise switched on."""
        return cls(**{a.name: True for a in fields(cls)})

    @classmethod
    def kinds(cls) -> tuple[str, ...]:
        """The names of the kinds of noise."""
        return tuple(a.name for a in fields(cls))

    def __bool__(self) -> bool:
        return any(getattr(self, name) for name in self.kinds())


class Rendered(NamedTuple):
    """A rendered report: its text, and the report :func:`govreport.parse` must read from it.

    ``report`` is what ``parse(text, check=False)`` gives, findings aside: its findings
    are ``()``, while the parse may add ``info`` findings about the text (the letterhead
    kept as text, for one) but nothing more severe.
    """

    text: str
    report: Report


# --- Printing cells ----------------------------------------------------------------------------

_CN = "一二三四五六七八九十"
_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
_MARKERS = tuple(sorted(b for b in BLANKS if b))
_SPACES = (" ", "\u00a0", "\u3000", "  ")
_BOOKMARK = "[bookmark: _GoBack]"
_CJK = re.compile(r"[\u4e00-\u9fff]")


class _Printer:
    """Prints cells and labels with the noise asked for, drawing choices from ``rng``."""

    def __init__(self, noise: Noise, rng: random.Random, *, empty_cells: bool = True) -> None:
        self.noise = noise
        self.rng = rng
        self.empty_cells = empty_cells

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def digits(self, text: str) -> str:
        if not self.noise.fullwidth_digits or not self.chance(0.3):
            return text
        return "".join(
            ch.translate(_FULLWIDTH) if ch.isdigit() and self.chance(0.7) else ch for ch in text
        )

    def count(self, value: int) -> str:
        text = str(value)
        if self.noise.label_variants and abs(value) >= 1000 and self.chance(0.4):
            text = f"{value:,}"  # `3,119`: thousands separators, as real tables print them
        return self.digits(text)

    def decimal(self, value: Decimal) -> str:
        return self.digits(format(value, "f"))

    def marker(self) -> str:
        return self.rng.choice(_MARKERS) if self.noise.shapes or self.noise.label_variants else "/"

    def around(self, text: str) -> str:
        """A cell with a bookmark before it and stray spaces around both, as asked.

        The spaces go outside the bookmark: once normalization removes the bookmark, spaces
        inside it would stand within the cell and shift it off its column (``aligned``).
        """
        if self.noise.bookmarks and self.chance(0.03):
            text = _BOOKMARK + text
        if self.noise.stray_spaces and self.chance(0.15):
            text = self.rng.choice(_SPACES) + text
        if self.noise.stray_spaces and self.chance(0.15):
            text += self.rng.choice(_SPACES)
        return text

    def after_number(self) -> str:
        return self.rng.choice(_SPACES[:3]) if self.noise.stray_spaces and self.chance(0.3) else ""

    def top_number(self, index: int) -> str:
        sep = self.rng.choice(("、", ".", "．")) if self.noise.label_variants else "、"
        return _CN[index] + sep + self.after_number()

    def bracket_number(self, index: int) -> str:
        opening, closing = "（", "）"
        if self.noise.brackets and self.chance(0.5):
            opening, closing = self.rng.choice(
                (("(", ")"), ("(", "）"), ("（", ")"), ("", ")"), ("", "）"))
            )
        return opening + _CN[index] + closing + self.after_number()

    def item_number(self, index: int) -> str:
        sep = self.rng.choice((".", "、", "．")) if self.noise.label_variants else "."
        return self.digits(str(index + 1)) + sep + self.after_number()

    def wording(self, spec: RowSpec) -> str:
        variants = printed_labels_of(spec)
        if self.noise.label_variants and len(variants) > 1 and self.chance(0.5):
            return self.rng.choice(variants[1:])
        return variants[0]


def printed_labels_of(spec: RowSpec) -> tuple[str, ...]:
    """The printed wordings of a row's label: the format's own first, then the variants."""
    own = spec.printed or spec.labels[0]
    return (own, *(label for label in spec.labels[1:] if label != compact(own)))


def _column_headers(column: str) -> tuple[str, ...]:
    """A column's printed heading, then the shortened ones the label tables accept."""
    own = APPLICATION_COLUMN_LABELS[column]
    shorter = sorted(h for h in APPLICATION_HEADERS if h != own and _subsequence(h, own))
    return (own, *shorter)


def _subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def _value_cells(
    p: _Printer,
    values: Sequence[Any],
    *,
    exact: bool,
    decimal: bool = False,
    shown: bool = False,
) -> list[str]:
    """The printed value cells of one row.

    A blank prints as an empty cell only where the parser cannot take it for layout: inside
    the run of values, or anywhere in a row whose cells after the label are exactly the
    values (``exact``). A row of blanks only is printed with printed blanks throughout
    (with ``shown``, even a row of one value: no row of values is then without one).
    """
    if all(v is None for v in values) and (len(values) > 1 or shown):
        return [p.around(p.marker()) for _ in values]
    cells = []
    last = len(values) - 1
    for i, value in enumerate(values):
        if value is None:
            empty_ok = p.empty_cells and (exact or 0 < i < last or len(values) == 1)
            if empty_ok and (not (p.noise.shapes or p.noise.label_variants) or p.chance(0.5)):
                cells.append("")
            else:
                cells.append(p.around(p.marker()))
        elif decimal or isinstance(value, Decimal):
            cells.append(p.around(p.decimal(value)))
        else:
            cells.append(p.around(p.count(value)))
    return cells


# --- The printed grid of each table -------------------------------------------------------------


def _active_disclosure_rows(report: Report, p: _Printer, *, labelled: bool) -> list[list[str]]:
    data = report.active_disclosure
    if isinstance(data, ActiveDisclosure2019):
        return _active_disclosure_2019_rows(data, p, labelled=labelled)
    specs = {spec.path[0]: spec for spec in ACTIVE_DISCLOSURE_ROWS}
    rows: list[list[str]] = []
    for heading, headers, keys in ACTIVE_DISCLOSURE_PARTS:
        width = len(headers)
        rows.append([p.around(heading), *[""] * (width - 1)])
        rows.append([p.around(h) for h in headers])
        for key in keys:
            spec = specs[key]
            value = getattr(data, key)
            values = [value.issued, value.repealed, value.in_force] if spec.width == 3 else [value]
            pad = p.noise.shapes and p.chance(0.3)
            cells = _value_cells(p, values, exact=not pad, decimal=key == "fees", shown=labelled)
            row = [p.around(p.wording(spec)), *cells]
            if pad:
                row.extend([""] * p.rng.randint(1, 2))  # `行政许可\t920\t\t`
            rows.append(row)
    return rows


def _active_disclosure_2019_rows(
    data: ActiveDisclosure2019, p: _Printer, *, labelled: bool
) -> list[list[str]]:
    """Section 二 of the 2019 format: five parts, each with its `信息内容 | …` header row.

    本年增/减 prints its sign (`-3`; with label variants `+3` too). 采购总金额's unit is
    printed in the header over it (`采购总金额（万元）`), or, with label variants and an
    amount to print, after the amount in its cell (`386.52万元`).
    """
    specs = {spec.path[0]: spec for spec in ACTIVE_DISCLOSURE_2019_ROWS}
    procurement = data.procurement
    unit = procurement.amount_unit
    unit_in_cell = (
        unit is not None
        and procurement.amount is not None
        and p.noise.label_variants
        and p.chance(0.5)
    )
    rows: list[list[str]] = []
    for heading, headers, keys in ACTIVE_DISCLOSURE_2019_PARTS:
        rows.append([p.around(heading), *[""] * (len(headers) - 1)])
        printed = list(headers)
        if keys == ("procurement",) and unit is not None and not unit_in_cell:
            shape = p.rng.choice(AMOUNT_HEADERS) if p.noise.label_variants else AMOUNT_HEADERS[0]
            printed[-1] = shape.format(unit=unit)
        rows.append([p.around(h) for h in printed])
        for key in keys:
            spec = specs[key]
            row_data = getattr(data, key)
            values = [getattr(row_data, name) for name in spec.columns]
            pad = p.noise.shapes and p.chance(0.3)
            cells = _value_cells(p, values, exact=not pad, shown=labelled)
            if "change" in spec.columns:
                i = spec.columns.index("change")
                change = values[i]
                if change is not None and change > 0 and p.noise.label_variants and p.chance(0.3):
                    cells[i] = p.around("+" + p.count(change))  # `+2`, as some reports print
            if key == "procurement" and unit_in_cell:
                i = spec.columns.index("amount")
                cells[i] = cells[i].rstrip() + str(unit)  # `386.52万元`
            row = [p.around(p.wording(spec)), *cells]
            if pad:
                row.extend([""] * p.rng.randint(1, 2))
            rows.append(row)
    return rows


def _numbering(specs: Sequence[RowSpec]) -> dict[tuple[str, ...], tuple[int, int, int]]:
    """Each row's numbering, derived from the printed order of ``specs`` (section 三's rows).

    (top-level index, results-level index, group-level index), -1 where a level is absent:
    ``一、`` for new_received, ``三、`` + ``（三）`` + ``1.`` for the first row of 不予公开.
    """
    tops: list[str] = []
    mids: list[str] = []
    within: dict[str, int] = {}
    out: dict[tuple[str, ...], tuple[int, int, int]] = {}
    for spec in specs:
        path = spec.path
        if path[0] not in tops:
            tops.append(path[0])
        top = tops.index(path[0])
        if len(path) == 1:
            out[path] = (top, -1, -1)
            continue
        if path[1] not in mids:
            mids.append(path[1])
        mid = mids.index(path[1])
        if len(path) == 2:
            out[path] = (top, mid, -1)
        else:
            within[path[1]] = within.get(path[1], -1) + 1
            out[path] = (top, mid, within[path[1]])
    return out


# The 2019 format's single （六） row takes the place of the 2021 format's three: both orders
# number （六） alike, and every other row too.
_NUMBERS = {**_numbering(APPLICATION_ROWS_2019), **_numbering(APPLICATION_ROWS)}
_GROUP_HEADING = {group: heading for heading, group in reversed(APPLICATION_GROUPS.items())}


def _row_of(report: Report, path: tuple[str, ...]) -> ApplicantCounts:
    value: Any = report.applications
    for part in path:
        value = getattr(value, part)
    assert isinstance(value, ApplicantCounts)
    return value


def _application_header_rows(p: _Printer, lead: int) -> list[list[str]]:
    heading, legal, note = APPLICATION_HEADINGS

    def col(name: str) -> str:
        variants = _column_headers(name)
        if p.noise.label_variants and len(variants) > 1 and p.chance(0.5):
            return p.around(p.rng.choice(variants[1:]))
        return p.around(variants[0])

    gap = [""] * lead
    rows = [
        [*gap, p.around(heading), *[""] * 5, col("total")],
        [*gap, col("natural_person"), p.around(legal), *[""] * 5],
        [*gap, "", *(col(c) for c in APPLICATION_COLUMNS[1:6]), ""],
    ]
    placement = p.rng.randrange(3) if p.noise.shapes else 0
    if placement == 0:
        rows[0][0] = p.around(note)  # the note in the corner cell, as 000 prints it
    elif placement == 1:
        rows.append([p.around(note)])  # on a row of its own, as 003 prints it
    return rows


def _applications_rows(report: Report, p: _Printer) -> list[list[str]]:
    lead = 2
    rows = _application_header_rows(p, lead)
    seen_groups: set[str] = set()
    single = isinstance(report.applications.results.other_handling, ApplicantCounts)
    for spec in APPLICATION_ROWS_2019 if single else APPLICATION_ROWS:
        path = spec.path
        top, mid, item = _NUMBERS[path]
        labels: list[str] = []
        if len(path) == 1:
            labels = [p.top_number(top) + p.wording(spec)]
        else:
            if "results" not in seen_groups:
                seen_groups.add("results")
                labels.append(p.top_number(top) + _GROUP_HEADING["results"])
            else:
                labels.append("")
            if len(path) == 2:
                labels.append(p.bracket_number(mid) + p.wording(spec))
            else:
                group = path[1]
                if group not in seen_groups:
                    seen_groups.add(group)
                    labels.append(p.bracket_number(mid) + _GROUP_HEADING[group])
                else:
                    labels.append("")
                labels.append(p.item_number(item) + p.wording(spec))
        if p.noise.shapes and not labels[0] and p.chance(0.3):
            # `5. 属于三类内…` and `四) 无法提供` start their rows in the first column.
            while labels and not labels[0]:
                labels.pop(0)
        pad = len(path) == 1 if not p.noise.shapes else p.chance(0.3)
        trail = p.noise.shapes and p.chance(0.3)
        counts = _row_of(report, path)
        values = [getattr(counts, c) for c in APPLICATION_COLUMNS]
        cells = _value_cells(p, values, exact=not (pad or trail))
        row = [p.around(label) if label else "" for label in labels]
        row += [""] * pad + cells + [""] * trail
        rows.append(row)
    return rows


def _group_headers(group: str) -> tuple[str, ...]:
    """``行政诉讼（未经复议直接起诉）`` → the two header cells it is printed in."""
    return tuple(part for part in re.split(r"[（）()]", REVIEW_LITIGATION_LABELS[group]) if part)


def _review_litigation_rows(report: Report, p: _Printer, *, labelled: bool) -> list[list[str]]:
    data = report.review_litigation
    groups = ("review", "litigation_direct", "litigation_after_review")
    outcomes = [p.around(REVIEW_LITIGATION_LABELS[f]) for _, f in REVIEW_LITIGATION_KEYS[:5]]
    values = [getattr(getattr(data, g), f) for g, f in REVIEW_LITIGATION_KEYS]
    # Only the ends of the run of fifteen can be taken for layout.
    cells = _value_cells(p, values, exact=False)
    shape = "labelled" if labelled else "one-row"
    if p.noise.shapes and not labelled:
        shape = p.rng.choice(("one-row", "labelled", "three-rows"))
    direct, after = _group_headers("litigation_direct"), _group_headers("litigation_after_review")
    chunks = [cells[i : i + 5] for i in (0, 5, 10)]
    for chunk in chunks:
        if not any(chunk):  # a row of empty cells is a header row, or no row at all
            chunk[0] = p.marker()
    if shape == "labelled":
        rows = [["", *outcomes]]
        for group, chunk in zip(groups, chunks, strict=True):
            rows.append([p.around(h) for h in _group_headers(group)] + chunk)
        return rows
    rows = [
        [p.around(_group_headers("review")[0]), *[""] * 4, p.around(direct[0]), *[""] * 9],
        [*outcomes, p.around(direct[1]), *[""] * 4, p.around(after[1]), *[""] * 4],
        [*[""] * 5, *outcomes, *outcomes],
    ]
    if shape == "one-row":
        rows.append([cell for chunk in chunks for cell in chunk])
    else:
        rows.extend(chunks)
    return rows


def printed_rows(
    report: Report,
    section: int,
    *,
    noise: Noise = Noise(),
    rng: random.Random | None = None,
    labelled: bool = False,
    empty_cells: bool = True,
) -> list[list[str]]:
    """The printed grid of one table of ``report``: section 2, 3 or 4, row by row.

    ``labelled`` asks for every row of values to carry a label (section 四 then prints
    ``行政复议`` before its five numbers) and show a value (a printed blank where all are
    blank): layouts that break labels, like ``ocr-split``, need it, since there a line
    with a label and no value reads as the tail of the label above. A table renderer asks
    for it with an attribute ``labelled = True``. Without ``empty_cells`` every blank is
    printed (``/``, ``—`` …): for layouts where an empty cell leaves no trace, like columns
    aligned with spaces (attribute ``empty_cells = False``).
    """
    p = _Printer(noise, rng if rng is not None else random.Random(0), empty_cells=empty_cells)
    if section == 2:
        return _active_disclosure_rows(report, p, labelled=labelled)
    if section == 3:
        return _applications_rows(report, p)
    if section == 4:
        return _review_litigation_rows(report, p, labelled=labelled)
    raise ValueError(f"section {section} has no table; the tables are in sections 2, 3 and 4")


# --- Layouts -----------------------------------------------------------------------------------


def render_tab(rows: Sequence[Sequence[str]], *, rng: random.Random | None = None) -> str:
    """One row per line, cells separated by tabs (layout noise: blank lines between rows)."""
    lines = []
    for row in rows:
        lines.append("\t".join(row))
        if rng is not None and rng.random() < 0.1:
            lines.append("")
    return "\n".join(lines)


def render_cell_per_line(rows: Sequence[Sequence[str]], *, rng: random.Random | None = None) -> str:
    r"""Each cell on a line of its own after a tab, rows between blank lines.

    Layout noise: a label or header cell continued on the next line without the tab
    (``\t商业`` then ``企业``), and runs of blank lines between rows.
    """
    lines: list[str] = []
    for row in rows:
        for cell in row:
            split = _split_point(cell, rng) if rng is not None and rng.random() < 0.15 else None
            if split is None:
                lines.append("\t" + cell)
            else:
                lines.append("\t" + cell[:split])
                lines.append(cell[split:])
        lines.append("")
        if rng is not None and rng.random() < 0.1:
            lines.append("")
    return "\n".join(lines)


def _split_point(cell: str, rng: random.Random | None, *, numeral_ok: bool = False) -> int | None:
    """Where a cell's text can break between two Chinese characters, or ``None``.

    The second part must not begin with a numeral: on a line of its own it could read as a
    heading (``三、…``) or a numbered row.
    """
    points = [
        i
        for i in range(1, len(cell))
        if _CJK.match(cell[i - 1])
        and _CJK.match(cell[i])
        and (numeral_ok or cell[i] not in _CN)
        and cell[i:].strip()
    ]
    if not points:
        return None
    return rng.choice(points) if rng is not None else points[len(points) // 2]


def _normal(cell: str) -> str:
    return normalize(cell).text.strip()


def _label_index(row: Sequence[str]) -> int | None:
    """The label cell of a row of values: the last text cell before the first value."""
    last = None
    for i, cell in enumerate(row):
        text = _normal(cell)
        if is_value_like(text):
            return last
        if text:
            last = i
    return None


def render_ocr_split(rows: Sequence[Sequence[str]], *, rng: random.Random | None = None) -> str:
    """Tab rows whose labels OCR broke: spaces inside words, label tails on their own line.

    Always at least two labels of rows of values with a space inside a word and one label
    tail on a line below its row (the layout's marks); with ``rng``, more of both. A
    one-cell header line right below a row of values would read as that row's tail, so it
    is printed on one line with the header row after it, as OCR often reads them.
    """
    grid = [list(row) for row in rows]
    labelled = [(i, j) for i, row in enumerate(grid) if (j := _label_index(row)) is not None]
    breakable = [(i, j) for i, j in labelled if _split_point(grid[i][j], None) is not None]
    # The tail first: the label it is cut from keeps the head, which can still take a mark.
    order = list(breakable)
    if rng is not None:
        rng.shuffle(order)
    tails: dict[int, int] = {}
    if order:
        i, j = order[-1]
        split = _split_point(grid[i][j], rng)
        if split is not None:
            tails[i] = split
    # Then the marks: two rows at least (the extractor's evidence), more at random.
    marked = 0
    for i, j in order:
        if marked >= 2 and (rng is None or rng.random() >= 0.3):
            continue
        cell = grid[i][j]
        head = cell[: tails.get(i, len(cell))]
        split = _split_point(head, rng, numeral_ok=True)
        if split is None:
            continue
        grid[i][j] = cell[:split] + " " + cell[split:]
        if i in tails:
            tails[i] += 1
        marked += 1
    # More tails at random, in labels left unmarked.
    if rng is not None:
        for i, j in order:
            if i not in tails and " " not in grid[i][j] and rng.random() < 0.1:
                split = _split_point(grid[i][j], rng)
                if split is not None:
                    tails[i] = split
    tail_of: dict[int, tuple[int, str]] = {}
    for i, split in tails.items():
        j = next(j for k, j in breakable if k == i)
        cell = grid[i][j]
        grid[i][j], tail_of[i] = cell[:split], (j, cell[split:])
    lines: list[str] = []
    previous_has_values = False
    i = 0
    while i < len(grid):
        row = grid[i]
        texts = [c for c in map(_normal, row) if c]
        values = any(is_value_like(c) for c in texts)
        if (
            previous_has_values
            and len(texts) == 1
            and not values
            and i + 1 < len(grid)
            and not any(is_value_like(_normal(c)) for c in grid[i + 1])
        ):
            row = [c for c in row if _normal(c)] + list(grid[i + 1])
            i += 1
            values = False
        lines.append("\t".join(row))
        previous_has_values = values
        if i in tail_of:
            j, tail = tail_of[i]
            if rng is not None and rng.random() < 0.3:
                lines.append("")
            lines.append("\t" * j + tail + "\t" * max(0, len(row) - j - 1))
        i += 1
    return "\n".join(lines)


render_ocr_split.labelled = True  # type: ignore[attr-defined]

#: The renderers of the built-in layouts, by layout name.
RENDERERS: Mapping[str, TableRenderer] = MappingProxyType(
    {
        "tab": render_tab,
        "cell-per-line": render_cell_per_line,
        "ocr-split": render_ocr_split,
    }
)


def _renderer_for(layout: str) -> TableRenderer:
    builtin = RENDERERS.get(layout)
    if builtin is not None:
        return builtin
    from ..registry import get  # an unknown name lists the known ones

    own = getattr(get(layout), "render", None)
    if callable(own):
        return own  # type: ignore[no-any-return]
    known = ", ".join(sorted(RENDERERS))
    raise ValueError(
        f"no renderer for the layout {layout!r}: pass render= (built-in renderers: {known}), "
        "or give the extractor a render(rows) method"
    )


def _call(render: TableRenderer, rows: list[list[str]], rng: random.Random | None) -> str:
    try:
        takes_rng = "rng" in inspect.signature(render).parameters
    except (TypeError, ValueError):
        takes_rng = False
    return render(rows, rng=rng) if takes_rng else render(rows)


# --- The whole report -----------------------------------------------------------------------


def _lines(text: str) -> list[str]:
    return text.split("\n") if text else []


def _noisy_text(text: str, p: _Printer) -> str:
    """Narrative text with noise that normalization undoes: full-width digits, odd spaces."""
    out = []
    for ch in text:
        if ch.isdigit() and p.noise.fullwidth_digits and p.chance(0.2):
            ch = ch.translate(_FULLWIDTH)
        elif ch == " " and p.noise.stray_spaces and p.chance(0.3):
            ch = p.rng.choice(("\u00a0", "\u3000"))
        out.append(ch)
    text = "".join(out)
    if p.noise.bookmarks and text and p.chance(0.3):
        at = p.rng.randrange(len(text) + 1)
        text = text[:at] + _BOOKMARK + text[at:]
    return text


def _title(report: Report, p: _Printer) -> tuple[list[str], str]:
    """The title's lines and the title :attr:`Report.title` holds (white space collapsed)."""
    agency, year = report.agency, report.year
    if agency is None or year is None:
        raise ValueError("a report needs its agency and year to be rendered with a title")
    variants = p.noise.label_variants
    ending = "年度" if variants and p.chance(0.3) else "年"
    words = "政府信息公开工作年度报告"
    spaced = variants and p.chance(0.3)
    year_text = f" {year} " if spaced else str(year)
    if variants and p.chance(0.3):
        # A split title: the agency on a line of its own.
        line = f"{year}{ending}{words}"
        return [agency, p.digits(line)], f"{agency} {line}"
    line = f"{agency}{year_text}{ending}{words}"
    return [p.digits(line)], re.sub(r"\s+", " ", line).strip()


def _heading(number: int, p: _Printer) -> str:
    numeral = _CN[number - 1]
    sep = "、"
    if p.noise.label_variants and p.chance(0.3):
        sep = p.rng.choice((".", "．", "、 ", " "))
        if p.chance(0.3):
            numeral = str(number)  # `6、其他需要报告的事项`: with the full wording only
            sep = "、"
    return f"{numeral}{sep}{SECTION_TITLES[number]}"


def render_report(
    report: Report,
    layout: str = "tab",
    *,
    render: TableRenderer | None = None,
    noise: Noise = Noise(),
    rng: random.Random | None = None,
) -> Rendered:
    """Print ``report`` in ``layout`` and give the text with the report it must parse to.

    ``layout`` is the name of a registered layout; ``render`` the table renderer to print
    it with, by default the built-in one of that name (:data:`RENDERERS`) or the
    extractor's own ``render`` method. ``rng`` draws every choice noise makes (a fixed
    seed when ``None``). The report needs its ``agency`` and ``year``; its texts
    (``overview`` …) must be normalized text (:func:`govreport.normalize.normalize`) that
    holds no section heading or title of its own. Its ``title`` is not used: the title
    printed is made from the agency and year, and is the one in the report returned.
    """
    table_render = render if render is not None else _renderer_for(layout)
    p = _Printer(noise, rng if rng is not None else random.Random(0))
    labelled = bool(getattr(table_render, "labelled", False))
    empty_cells = bool(getattr(table_render, "empty_cells", True))
    # Cells placed by column (`aligned`): a bookmark removed from a row would move its cells.
    table_noise = noise if empty_cells else evolve(noise, bookmarks=False)
    title_lines, title = _title(report, p)
    out: list[str] = []
    if report.letterhead:
        out += [_noisy_text(line, p) for line in _lines(report.letterhead)] + [""]
    out += [*title_lines, ""]
    if report.preface:
        out += [_noisy_text(line, p) for line in _lines(report.preface)] + [""]
    texts = {1: report.overview, 5: report.problems_and_improvements, 6: report.other_matters}
    for number in range(1, 7):
        out.append(_heading(number, p))
        out.append("")
        if number in texts:
            out += [_noisy_text(line, p) for line in _lines(texts[number])]
        else:
            rows = printed_rows(
                report,
                number,
                noise=table_noise,
                rng=p.rng,
                labelled=labelled,
                empty_cells=empty_cells,
            )
            out.append(_call(table_render, rows, p.rng if noise.layout else None))
        out.append("")
    text = "\n".join(out)
    if noise.line_breaks and p.chance(0.5):
        text = text.replace("\n", "\r\n")
    expected = evolve(
        report,
        title=title,
        encoding=None,
        source=None,
        extractors={key: layout for key in TABLE_KEYS.values()},
        findings=(),
        provenance=None,
    )
    return Rendered(text, expected)


def render(
    report: Report,
    layout: str = "tab",
    *,
    render: TableRenderer | None = None,
    noise: Noise = Noise(),
    rng: random.Random | None = None,
) -> str:
    """The text of :func:`render_report`."""
    return render_report(report, layout, render=render, noise=noise, rng=rng).text
