"""Rows of raw cells become the three tables of the model.

For every row the printed label decides the key (through :mod:`govreport.labels`) and the
numbers the row carries decide the values, not fixed column positions: rows whose cells
shifted left or right, rows with an extra empty cell for a merged heading, and rows whose
label is split over several cells all read the same. Empty cells at the edges of a row are
layout (padding, merged cells); empty cells between numbers are blanks.

Whatever cannot be placed is reported as a finding with its place, never dropped.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from decimal import Decimal
from functools import cache, cached_property, lru_cache
from itertools import chain
from operator import itemgetter
from typing import Any, TypeVar

from attrs import fields

from .cells import (
    BLANKS,
    COMMON_COUNTS,
    NOT_A_COUNT,
    count_or_marker,
    is_page_number,
    parse_count,
    parse_decimal,
    stands_for_value,
)
from .extractors.base import Grid, Row
from .labels import (
    ACTIVE_DISCLOSURE_2019_HEADERS,
    ACTIVE_DISCLOSURE_2019_ROWS,
    ACTIVE_DISCLOSURE_HEADERS,
    ACTIVE_DISCLOSURE_ROWS,
    AMOUNT_UNITS,
    APPLICATION_COLUMNS,
    APPLICATION_GROUPS,
    APPLICATION_HEADERS,
    APPLICATION_ROWS,
    CHANGE_WORDS,
    FORMAT_EVIDENCE,
    OTHER_HANDLING_2021_EVIDENCE,
    OTHER_HANDLING_ROW,
    REVIEW_LITIGATION_HEADERS,
    REVIEW_LITIGATION_KEYS,
    RowSpec,
    compact,
    is_numbered,
    likeness,
)
from .model import (
    ActiveDisclosure,
    ActiveDisclosure2019,
    ApplicantCounts,
    Applications,
    CaseOutcomes,
    Denied,
    DocumentCounts,
    NotProcessed,
    OtherHandling,
    Results,
    ReviewLitigation,
    Severity,
    UnableToProvide,
    _plain_defaults,
    _positional,
)
from .runs import MAX_READINGS, Reading, balanced, choose, count_readings, readings

__all__ = [
    "Notes",
    "detect_format",
    "note_format_year",
    "read_active_disclosure",
    "read_active_disclosure_2019",
    "read_applications",
    "read_review_litigation",
]

Cell = tuple[str, int]  # (text as printed, offset in the normalized text)

_MIN_LIKENESS = 0.45


class Notes:
    """Collects findings while tables are read, and the offsets of the values read.

    ``note`` takes an offset in the normalized text; the caller turns offsets into source
    places once, at the end.
    """

    def __init__(self, stated: Callable[[], dict[str, int]] | None = None) -> None:
        self.findings: list[tuple[str, Severity, str, str | None, int | None]] = []
        self.offsets: dict[str, tuple[tuple[str, ...], tuple[int | None, ...]]] = {}
        #: Rows whose digits ran together, read but not yet settled (see :func:`_settle`).
        self.runs: list[_Run] = []
        self._stated = stated

    @cached_property
    def stated(self) -> dict[str, int]:
        """Figures the narrative states, by the JSON path of their cell (asked for once).

        They help choose between the readings of digits that ran together
        (:mod:`govreport.runs`).
        """
        return self._stated() if self._stated is not None else {}

    def note(
        self,
        code: str,
        severity: Severity,
        message: str,
        *,
        path: str | None = None,
        offset: int | None = None,
    ) -> None:
        """Record one finding."""
        self.findings.append((code, severity, message, path, offset))


# --- One row ---------------------------------------------------------------------------------


class _Label:
    """What the label cells of a row say, worked out once per label (see :func:`_label_of`).

    ``segments`` are the compacted non-empty cells; ``group`` the last group heading among
    them (``None`` if none); ``other_handling`` whether the label is only the heading
    （六）其他处理 (the 2019 format's single row).
    """

    __slots__ = (
        "count",
        "exact",
        "group",
        "headers",
        "numbered",
        "other_handling",
        "page_number",
        "plain",
        "segments",
        "text",
    )

    def __init__(self, cells: tuple[str, ...]) -> None:
        printed = [cell for cell in cells if cell]
        #: How many non-empty cells the label has.
        self.count = len(printed)
        self.text = " ".join(printed)
        #: Whether the label is one cell that is a page number (`-3-`), left by PDF text.
        self.page_number = self.count == 1 and is_page_number(self.text)
        self.segments = segments = tuple(filter(None, map(compact, printed)))
        group = None
        for segment in segments:
            group = APPLICATION_GROUPS.get(segment, group)
        self.group = group
        self.numbered = any(map(is_numbered, printed))
        self.other_handling = (
            bool(segments)
            and "".join(segments).endswith(OTHER_HANDLING_ROW.labels[0])
            and _heading_group(segments) == OTHER_HANDLING_ROW.path[-1]
        )
        #: Whether a row of this label and no value needs no more than :func:`_is_header`
        #: (it has words, is no page number, and is not the 2019 format's single row).
        self.plain = bool(segments) and not self.page_number and not self.other_handling
        #: :func:`_is_header`'s answer for each set of header words asked about.
        self.headers: dict[frozenset[str], bool] = {}
        #: :func:`_exact_index`'s answer for each table asked about.
        self.exact: dict[_Table, int | None] = {}


_K = TypeVar("_K")
_V = TypeVar("_V")


class _Memo(dict[_K, _V]):
    """``make``'s answer for each key seen, up to ``bound`` keys (past it, worked out again).

    Reports print the same labels, cells and rows, row after row and report after report:
    what they say is worked out once per process, not once per row. A dict whose misses
    call ``make`` answers a hit with one lookup at C speed (an ``lru_cache`` hit costs a call
    and a reordering of its list).
    """

    __slots__ = ("bound", "make")

    def __init__(self, make: Callable[[_K], _V], bound: int) -> None:
        super().__init__()
        self.make = make
        self.bound = bound

    def __missing__(self, key: _K) -> _V:
        value = self.make(key)
        if len(self) < self.bound:
            self[key] = value
        return value


_MAX_LABELS = 4096
_LABELS = _Memo(_Label, _MAX_LABELS)
_label_of = _LABELS.__getitem__
#: The label of these cells if one was made of them already, else ``None``. Labels are made
#: of the cells before a row's first value only: a label found so holds no value.
_known_label = _LABELS.get
#: The label of a row with none (values only, or an empty row).
_NO_LABEL = _Label(())


_MAX_CELLS = 8192
#: Rows each table remembers at most (see :attr:`_Table.seen`).
_MAX_ROWS = 4096
#: Whether each cell text stands for a value (tables print the same few texts: labels, `0`,
#: small counts), one lookup a cell.
_stands_for_value = _Memo(stands_for_value, _MAX_CELLS).__getitem__


def _value_start(cells: tuple[str, ...]) -> int:
    """Where the first cell standing for a value is, or the number of cells where none is.

    An empty cell never stands for a value.
    """
    value_start = 0
    for cell in cells:
        if cell and _stands_for_value(cell):
            break
        value_start += 1
    return value_start


class _Split:
    """A row cut into its label cells and the cells after the label.

    The label is every non-empty cell before the first value; the tail is everything after
    the last label cell, kept as two tuples (texts, offsets) sliced from the row rather than a
    list of pairs. ``bounds`` are where the non-empty cells of the tail begin and end.

    A report has a few dozen rows: building one does only what every row needs; what only
    rows off the common path ask for (``bounds``, ``tail``) is worked out when asked.
    """

    __slots__ = (
        "has_values",
        "label",
        "label_end",
        "row",
        "tail_starts",
        "tail_texts",
        "value_start",
    )

    def __init__(self, row: Row, value_start: int = -1) -> None:
        cells = row[0]
        if value_start < 0:
            value_start = _value_start(cells)
        end = value_start
        while end and not cells[end - 1]:
            end -= 1
        self.row = row
        self.value_start = value_start
        self.has_values = value_start < len(cells)
        self.label_end = end
        self.label = _label_of(cells[:end]) if end else _NO_LABEL
        self.tail_texts = cells[end:]
        self.tail_starts = row[1][end:]

    def _cut(self, label_end: int) -> None:
        """Take the non-empty cells before ``label_end`` as the label, the rest as tail."""
        cells, starts = self.row
        while label_end and not cells[label_end - 1]:
            label_end -= 1
        self.label_end = label_end
        self.label = _label_of(cells[:label_end]) if label_end else _NO_LABEL
        self.tail_texts, self.tail_starts = cells[label_end:], starts[label_end:]

    def shorten_label(self) -> bool:
        """Give the last label cell to the tail (it may be a value OCR spoilt: ``O``)."""
        if self.label.count < 2:
            return False
        starts = self.row.starts
        self._cut(starts.index(starts[self.label_end - 1]))
        return True

    @property
    def first(self) -> int:
        texts = self.tail_texts
        first = 0
        while first < len(texts) and not texts[first]:
            first += 1
        return first

    @property
    def bounds(self) -> tuple[int, int]:
        """``first`` and ``last`` at once (``last`` needs ``first``)."""
        texts = self.tail_texts
        first = self.first
        last = len(texts)
        while last > first and not texts[last - 1]:
            last -= 1
        return first, last

    def whole_label(self) -> None:
        """Undo :meth:`shorten_label`: every cell before the first value is the label again."""
        self._cut(self.value_start)

    def take_values(self, others: Sequence[_Split]) -> None:
        """Use the cells of ``others`` (rows of numbers without a label) as this row's."""
        self.tail_texts = tuple(chain.from_iterable(other.tail_texts for other in others))
        self.tail_starts = tuple(chain.from_iterable(other.tail_starts for other in others))
        self.has_values = True

    @property
    def segments(self) -> tuple[str, ...]:
        return self.label.segments

    @property
    def label_text(self) -> str:
        return self.label.text

    @property
    def tail(self) -> list[Cell]:
        """The cells after the label as (text, offset) pairs (for the paths off the common one)."""
        return list(zip(self.tail_texts, self.tail_starts, strict=True))

    @property
    def label_offset(self) -> int:
        """Where the label is printed (its first cell may be an empty one)."""
        cells, starts = self.row
        for i in range(self.label_end):
            if cells[i]:
                return starts[i]
        return self.offset

    @property
    def offset(self) -> int:
        return self.row.starts[0] if self.row.starts else 0


def _pick(
    split: _Split, width: int, rows: Sequence[_Split | Row]
) -> tuple[tuple[str, ...], tuple[int, ...], str | None] | str:
    """Choose the ``width`` value cells of a row: (texts, offsets, why), or the problem.

    Where the values begin in ``rows`` of the same shape that leave no doubt (see
    :func:`_hint`) places the blanks of a row whose edge cells are empty.
    """
    texts, starts = split.tail_texts, split.tail_starts
    n = len(texts)
    if n == width:
        return texts, starts, None
    if not n:
        return f"has no cells for its {width} values"
    first, last = split.bounds
    if last - first == width:
        return texts[first:last], starts[first:last], None
    if first == last:
        return ("",) * width, (split.offset,) * width, None
    if last - first > width:
        return f"holds {last - first} cells where {width} were expected"
    missing = width - (last - first)
    lowest = max(0, missing - (n - last))
    highest = min(first, missing)
    if lowest > highest:
        return f"holds {last - first} cells where {width} were expected"
    if lowest == highest:
        start = first - lowest
        return texts[start : start + width], starts[start : start + width], None
    # Without a hint, the values start as close to the label as the row allows.
    hint = _hint(rows, width).get(n)
    start = (
        hint if hint is not None and first - highest <= hint <= first - lowest else first - highest
    )
    why = f"{missing} of its {width} cells are empty at the edge of the row; placed " + (
        "as in the other rows of the table" if start == hint else "after the label"
    )
    return texts[start : start + width], starts[start : start + width], why


def _hint(rows: Sequence[_Split | Row], width: int) -> dict[int, int]:
    """Where the values begin in rows that leave no doubt, for each row shape.

    A row's shape is the number of cells after its label: rows printed alike (`一、…` with
    an empty merged cell before the numbers) place their values alike, while rows of
    another shape (`三、本年度办理结果` + `（一）予以公开`) may not. Worked out only for a row
    that needs it: most tables have none.
    """
    counts: dict[int, Counter[int]] = {}
    for split in map(_split_of, rows):
        first, last = split.bounds
        if last - first == width and len(split.tail_texts) != width:
            counts.setdefault(len(split.tail_texts), Counter())[first] += 1
    return {shape: c.most_common(1)[0][0] for shape, c in counts.items()}


def _unplaced(
    split: _Split,
    spec_path: str,
    fields: Sequence[str],
    why: str,
    notes: Notes,
    parse: Callable[[str], Any],
) -> list[Any]:
    """The values of a row whose cells could not be placed (``why`` says why).

    A run of digits is read as one (:func:`_open_run`); anything else is ``row-width``, and
    ``None`` for each value.
    """
    width = len(fields)
    # Digits that ran together, in a row of counts (not of signed changes or amounts).
    first, last = split.bounds
    run = _run_of(split.tail[first:last], width) if parse is parse_count else None
    if run is not None:
        outcome = _open_run(notes, run, spec_path, tuple(fields), split.label_text, split.offset)
        if outcome is not None:
            return list(outcome)
        why = f"{why}, and its digits cannot be read as {width} numbers that fit the row"
    numbers = " ".join(filter(None, split.tail_texts)) or "nothing"
    notes.note(
        "row-width",
        Severity.ERROR,
        f"row {split.label_text!r} {why} ({numbers}); its values were not read",
        path=spec_path,
        offset=split.offset,
    )
    notes.offsets[spec_path] = (tuple(fields), (None,) * width)
    return [None] * width


def _values(
    split: _Split,
    spec_path: str,
    fields: Sequence[str],
    rows: Sequence[_Split | Row],
    notes: Notes,
    parse: Callable[[str], Any] = parse_count,
) -> list[Any]:
    """Parse the value cells of a row; problems become findings, values ``None``.

    ``rows`` are the rows of the table, for :func:`_hint`.
    """
    width = len(fields)
    texts = split.tail_texts
    offsets = split.tail_starts
    why: str | None = None
    # The common row, its cells exactly the values, needs no call to _pick.
    if len(texts) != width:
        picked = _pick(split, width, rows)
        if isinstance(picked, str):
            return _unplaced(split, spec_path, fields, picked, notes, parse)
        texts, offsets, why = picked
    if why is not None:
        notes.note(
            "blank-placement",
            Severity.WARNING,
            f"row {split.label_text!r}: {why}",
            path=spec_path,
            offset=split.offset,
        )
    notes.offsets[spec_path] = (tuple(fields), offsets)
    if parse is parse_count:
        if texts.count("0") == width:
            # The commonest row, all zeros (no case on these grounds): no cell to look up.
            return [0] * width
        try:
            # The common row: small counts and blanks, each found in a table made at import.
            return list(map(_COMMON_COUNT, texts))
        except KeyError:
            pass
        # Without a Python-level loop still: counts are parsed by a cached function that
        # marks what is not a count instead of raising.
        values = list(map(count_or_marker, texts))
        if NOT_A_COUNT not in values:
            return values
    else:
        values = []
        for text in texts:
            try:
                values.append(parse(text))
            except ValueError:
                values.append(NOT_A_COUNT)
    for i, value in enumerate(values):
        if value is NOT_A_COUNT:
            notes.note(
                "not-a-number",
                Severity.ERROR,
                f"row {split.label_text!r}, cell {fields[i]!r}: {texts[i]!r} is not a number",
                path=f"{spec_path}.{fields[i]}" if width > 1 else spec_path,
                offset=offsets[i],
            )
            values[i] = None
    return values


_COMMON_COUNT = COMMON_COUNTS.__getitem__


# --- Digits that ran together -----------------------------------------------------------------


class _Run:
    """A row whose digits ran together (``524000056``): its readings, not yet settled.

    ``options`` are the readings that keep the row's own rules, most likely first
    (:func:`govreport.runs.balanced`); ``places[i]`` the offsets of the numbers of
    ``options[i]``.
    """

    __slots__ = ("fields", "label", "offset", "options", "path", "places", "printed", "rule")

    def __init__(
        self,
        *,
        path: str,
        fields: tuple[str, ...],
        label: str,
        printed: str,
        options: list[Reading],
        places: list[tuple[int, ...]],
        offset: int,
        rule: str | None,
    ) -> None:
        self.path = path
        self.fields = fields
        self.label = label
        self.printed = printed
        self.options = options
        self.places = places
        self.offset = offset
        self.rule = rule

    def cell_path(self, field: str) -> str:
        return f"{self.path}.{field}" if len(self.fields) > 1 else self.path


def _r3(prefix: Reading) -> bool:
    return len(prefix) < 7 or prefix[6] == sum(prefix[:6])


def _r4(prefix: Reading) -> bool:
    n = len(prefix)
    return n % 5 != 0 or prefix[n - 1] == sum(prefix[n - 5 : n - 1])


#: Section 四's fifteen numbers as the fields of one row (``review.upheld`` …).
_REVIEW_FIELDS = tuple(f"{group}.{field}" for group, field in REVIEW_LITIGATION_KEYS)

#: The rule a row of these fields keeps on its own, and how to say it.
_ROW_RULES: dict[tuple[str, ...], tuple[Callable[[Reading], bool], str]] = {
    APPLICATION_COLUMNS: (_r3, "总计 is the sum of the six applicant columns (R3)"),
    _REVIEW_FIELDS: (
        _r4,
        "each group's 总计 is the sum of its four outcomes (R4)",
    ),
}


def _run_of(cells: Sequence[Cell], width: int) -> list[Cell] | None:
    """The cells of a row whose numbers ran together, or ``None`` if it is not one.

    They are fewer than the row's values, every one of them digits only (a blank or an
    empty cell between them would leave its place unknown), with digits enough to give
    each value at least one.
    """
    if not cells or len(cells) >= width:
        return None
    for text, _ in cells:
        if not text.isascii() or not text.isdigit():
            return None
    if sum(len(text) for text, _ in cells) < width:
        return None
    return list(cells)


def _open_run(
    notes: Notes, cells: list[Cell], path: str, fields: tuple[str, ...], label: str, offset: int
) -> Reading | None:
    """Read a row whose digits ran together: its likeliest reading for now, or ``None``.

    The row is settled later, with the rest of its table (:func:`_settle`). ``None`` when
    no reading keeps the row's rule or there are too many readings to weigh.
    """
    parts = [text for text, _ in cells]
    width = len(fields)
    if count_readings(parts, width) > MAX_READINGS:
        return None
    rule = _ROW_RULES.get(fields)
    found = sorted(
        readings(parts, width, accept=rule[0] if rule else None), key=lambda r: balanced(r[0])
    )
    if not found:
        return None
    places = [tuple(cells[i][1] + start for i, start in where) for _, where in found]
    notes.runs.append(
        _Run(
            path=path,
            fields=fields,
            label=label,
            printed=" ".join(parts),
            options=[reading for reading, _ in found],
            places=places,
            offset=offset,
            rule=rule[1] if rule else None,
        )
    )
    notes.offsets[path] = (fields, places[0])
    return found[0][0]


#: Candidates a ``digit-run-ambiguous`` finding lists at most.
_LISTED = 24


def _settle(
    notes: Notes,
    first: int,
    store: dict[str, list[Any]],
    rules: Callable[[dict[str, list[Any]]], int] | None = None,
    rules_text: str = "",
) -> None:
    """Choose a reading for each row of a table whose digits ran together, and say so.

    The rows opened since ``notes.runs[first]`` are weighed together: a combination of
    readings scores two for each of the table's rules it keeps (``rules`` counts them on
    ``store``, the table's values by row path) and one for each figure the narrative
    states that it agrees with. The best combination is taken; a row that another reading
    would fit as well is reported with its candidates (``digit-run-ambiguous``), every other
    row with the reading taken and why (``digit-run``).
    """
    pending = notes.runs[first:]
    del notes.runs[first:]
    if not pending:
        return

    def score(combo: Sequence[Reading]) -> float:
        for run, reading in zip(pending, combo, strict=True):
            store[run.path] = list(reading)
        value = 2 * rules(store) if rules is not None else 0
        for run, reading in zip(pending, combo, strict=True):
            for field, number in zip(run.fields, reading, strict=True):
                if notes.stated.get(run.cell_path(field)) == number:
                    value += 1
        return value

    choice = choose([run.options for run in pending], score)
    if choice is not None:
        picks, tied = list(choice.picks), list(choice.tied)
    else:
        # Too many combinations to weigh together: each row on its own, the others as read.
        picks, tied = [], []
        taken = [run.options[0] for run in pending]
        for i, run in enumerate(pending):

            def alone(combo: Sequence[Reading], i: int = i) -> float:
                return score([*taken[:i], combo[0], *taken[i + 1 :]])

            one = choose([run.options], alone)
            picks.append(one.picks[0] if one else 0)
            tied.append(one.tied[0] if one else tuple(range(len(run.options))))
    judges = " and ".join(filter(None, (rules_text, "the figures the narrative states")))
    forced: list[tuple[_Run, Reading]] = []
    for run, pick, ties in zip(pending, picks, tied, strict=True):
        reading = run.options[pick]
        store[run.path] = list(reading)
        notes.offsets[run.path] = (run.fields, run.places[pick])
        shown = " ".join(map(str, reading))
        rule = f" in which {run.rule}" if run.rule else ""
        if len(run.options) == 1:
            forced.append((run, reading))
        elif len(ties) > 1:
            listed = " | ".join(" ".join(map(str, run.options[t])) for t in ties[:_LISTED])
            more = f" | … ({len(ties) - _LISTED} more)" if len(ties) > _LISTED else ""
            notes.note(
                "digit-run-ambiguous",
                Severity.WARNING,
                f"row {run.label!r}: the digits {run.printed!r} ran together; of its "
                f"{len(run.options)} readings as {len(reading)} numbers{rule}, {len(ties)} "
                f"fit {judges} equally well: "
                f"{listed}{more}; read as {shown}, the one with the most even numbers",
                path=run.path,
                offset=run.offset,
            )
        else:
            notes.note(
                "digit-run",
                Severity.INFO,
                f"row {run.label!r}: the digits {run.printed!r} ran together; read as {shown}, "
                f"the one of its {len(run.options)} readings as {len(reading)} numbers{rule} "
                f"that fits {judges} best",
                path=run.path,
                offset=run.offset,
            )
    if forced:
        # Rows with one reading only are told once for the table, not row by row.
        run, reading = forced[0]
        rule = f" in which {run.rule}" if run.rule else ""
        examples = "; ".join(
            f"{r.label!r} {r.printed!r} as {' '.join(map(str, numbers))}"
            for r, numbers in forced[:3]
        )
        more = f"; … ({len(forced) - 3} more)" if len(forced) > 3 else ""
        table = run.path.split(".")[1]
        rows = "1 row" if len(forced) == 1 else f"{len(forced)} rows"
        notes.note(
            "digit-run",
            Severity.INFO,
            f"{table}: the digits of {rows} ran together, each with one reading only as "
            f"{len(reading)} numbers{rule}: {examples}{more}",
            path=f"$.{table}",
            offset=run.offset,
        )


# Reports print the same labels in the same order: the answer for a label, group and place
# in the table is worked out once per process.
@lru_cache(maxsize=8192)
def _match(
    segments: tuple[str, ...],
    table: _Table,
    group: str | None,
    cursor: int,
    *,
    parts: bool = False,
) -> int | None:
    """The index of the spec a row's label means, or ``None``.

    The most specific segment (the last one that is not a group heading) is looked up
    exactly, then by likeness; rows are printed in order, so the next expected row wins
    a close call and, among exact matches, one in the current group.

    A label may be printed in parts, each its own cell: wrapped over lines
    (`（二）部分公开（区分处理的，只计这一情` above the numbers, `形，不计其他情形）` below
    them). When the last segment alone is no label, the last two, three … segments joined
    are looked up exactly too; with ``parts``, also by likeness (the caller asks for that
    last, after cutting a spoilt value off the label failed: `行政许可` + `O` is a label and
    a spoilt value, not the label `行政许可O`).
    """
    items = [s for s in segments if s not in APPLICATION_GROUPS]
    if not items:
        return None
    specs = table.specs
    # The last segment, then the last two joined, the last three …
    candidates = ["".join(items[-k:]) for k in range(1, len(items) + 1)]
    for item in candidates:
        exact = table.index.get(item)
        if exact:
            in_group = [i for i in exact if specs[i].group == group]
            after = [i for i in exact if i >= cursor]
            return (in_group or after or exact)[0]
    if not parts:
        del candidates[1:]
    best, best_score = None, 0.0
    for i, spec in enumerate(specs):
        score = max(likeness(item, label) for item in candidates for label in spec.labels)
        if i == cursor:
            score += 0.05
        if score > best_score:
            best, best_score = i, score
    return best if best_score >= _MIN_LIKENESS else None


def _is_header(split: _Split, headers: frozenset[str]) -> bool:
    """Whether every label segment of the row is a header word (or a group heading).

    A header may be printed in parts, as labels are (`复议` above `后起诉`): consecutive
    segments that join into a header word count as that word.
    """
    label = split.label
    # Asked once per label and set of header words: the answer is kept on the label.
    known = label.headers.get(headers)
    if known is None:
        known = label.headers[headers] = _header_words(label, headers)
    return known


def _header_words(label: _Label, headers: frozenset[str]) -> bool:
    segments = label.segments
    if not segments:
        return False
    if all(s in APPLICATION_GROUPS for s in segments):
        return True  # `三、本年度办理结果` on a line of its own: a group heading
    if label.numbered:
        # `3.其他`, `（七）总计`: a numbered row, even where its words are a column's (其他,
        # 总计) and its cells are all blank.
        return False
    if all(s in headers or s in APPLICATION_GROUPS for s in segments):
        return True
    i = 0
    while i < len(segments):
        for j in range(len(segments), i, -1):
            joined = "".join(segments[i:j])
            if joined in headers or joined in APPLICATION_GROUPS:
                i = j
                break
        else:
            return False
    return True


def _page_number(split: _Split, section: str, notes: Notes) -> bool:
    """Report and skip a row that is only a page number (`-3-`), left by PDF text.

    Such a row has one non-empty cell, and a page number never stands for a value
    (:func:`~govreport.cells.stands_for_value`): the cell is the row's whole label, so the
    answer is the label's, worked out once per label.
    """
    label = split.label
    if split.has_values or not label.page_number:
        return False
    notes.note(
        "page-number",
        Severity.INFO,
        f"{section}: a page number between the rows of the table: {label.text!r}",
        offset=split.offset,
    )
    return True


def _unread(notes: Notes, split: _Split, section: str) -> None:
    text = " ".join(cell for cell in split.row.cells if cell)
    if split.has_values:
        message = f"{section}: a row with values whose label matches no row of the format: {text!r}"
        notes.note("unmapped-row", Severity.ERROR, message, offset=split.offset)
    else:
        notes.note(
            "unread-text",
            Severity.WARNING,
            f"{section}: text that is not part of the table: {text!r}",
            offset=split.offset,
        )


def _heading_group(segments: Sequence[str]) -> str | None:
    """The group a label opens when it is group headings only, else ``None``.

    `（六）其他处理` with numbers after it is the 2019 format's single row; its label may
    stand beside `三、本年度办理结果` or be printed in parts (`（六）其他` + `处理`).
    """
    group = None
    i = 0
    while i < len(segments):
        for j in range(len(segments), i, -1):
            found = APPLICATION_GROUPS.get("".join(segments[i:j]))
            if found is not None:
                group, i = found, j
                break
        else:
            return None
    return group


def _matched_rows(
    grid: Grid,
    table: _Table,
    notes: Notes,
    *,
    single: list[_Split] | None = None,
    read: _Read | None = None,
) -> dict[int, _Split | Row]:
    """Map spec indexes to the rows that print them; report what maps to nothing.

    With ``single``, a row whose label is only the heading （六）其他处理 and which carries
    values (on its line, or on the label-less lines after it) is put there for the caller:
    the 2019 format prints （六） as one row.

    With ``read``, the common row is read on the way: a row of counts or decimals (see
    :data:`_Table.lean`) whose label is an exact match for one row of the table, its values
    placed without a doubt, every one of them a count (or decimal) or a blank. Nothing in
    it is a finding:
    its values and their offsets go to ``read`` at the row's index (one slot for each row
    of the table, ``None`` where none was read so) and the row itself, not a :class:`_Split`,
    to the result. Every other row is read as before, as a :class:`_Split`
    (:func:`_split_of` makes one of either).

    A row whose cells the table has seen before as a heading or as such a row of zeros
    (:attr:`_Table.seen`) is taken as it was then, without a look at its cells.
    """
    found: dict[int, _Split | Row] = {}
    group: str | None = None
    cursor = 0
    i = 0
    n = len(grid)
    headers = table.headers
    lean, window = (table.lean, table.window) if read is not None else ((), 0)
    # Without ``read`` nothing is read on the way (``lean`` is empty): no slot is written.
    read = _NOT_READ if read is None else read
    seen = table.seen
    while i < n:
        row = grid[i]
        i += 1
        cells = row[0]
        known = seen.get(cells)
        if known is not None:
            # A row printed before, in this report or another (see _Table.seen).
            place, values_at, zeros, known_group = known
            if place < 0:
                if known_group is not None:
                    group = known_group
                continue
            if lean and place not in found:
                if known_group is not None:
                    group = known_group
                found[place] = row
                read[place] = zeros, row[1][values_at]
                cursor = place + 1
                continue
        last = len(cells)
        while last and not cells[last - 1]:
            last -= 1
        label = None
        if last and not _stands_for_value(cells[last - 1]):
            # A row ending in words: a heading, most likely (see _known_heading).
            heading = _known_heading(cells, last, headers)
            if heading is not None:
                if heading.group is not None:
                    group = heading.group
                if len(seen) < _MAX_ROWS:
                    seen[cells] = -1, _NO_VALUES, _NO_ZEROS, heading.group
                continue
            value_start = _value_start(cells)
        elif window and last > window and _stands_for_value(cells[last - window]):
            # A row ending in as many values as every row of the table has, most likely
            # after a known label: then the values start where they seem to.
            value_start = end = last - window
            while end and not cells[end - 1]:
                end -= 1
            if end:
                label = _known_label(cells[:end])
            if label is None:
                value_start = _value_start(cells)
        else:
            value_start = _value_start(cells)
        if lean and value_start < last:
            if label is None:
                end = value_start
                while end and not cells[end - 1]:
                    end -= 1
                if end:
                    label = _label_of(cells[:end])
            if label is not None:
                index = label.exact.get(table, -1)
                if index == -1:
                    index = label.exact[table] = _exact_index(label, table)
                if index is not None and index not in found and (width := lean[index]):
                    # What _pick finds without a doubt: the values fill the cells after the
                    # label, or lie between it and the end with only empty cells around.
                    if last - value_start == width:
                        first = value_start
                    elif len(cells) - end == width:
                        first = end
                    else:
                        first = -1
                    if first >= 0:
                        texts = cells[first : first + width]
                        starts = row[1][first : first + width]
                    else:
                        texts = ()
                    if texts:
                        values: list[Any] | None
                        if texts.count("0") == width:
                            values = table.zeros[index]
                            if len(seen) < _MAX_ROWS:
                                seen[cells] = (
                                    index,
                                    slice(first, first + width),
                                    values,
                                    label.group,
                                )
                        elif index in table.decimals:
                            values = _lean_decimals(texts)
                        else:
                            try:
                                values = list(map(_COMMON_COUNT, texts))
                            except KeyError:
                                values = None  # read (and reported) as the general path does
                        if values is not None:
                            if label.group is not None:
                                group = label.group
                            found[index] = row
                            read[index] = values, starts
                            cursor = index + 1
                            continue
        split = _Split(row, value_start)
        # A row with a label and a value has two cells: no page number to look for.
        if not (split.label_end and split.has_values) and _page_number(split, table.name, notes):
            continue
        label = split.label
        segments = label.segments
        if label.group is not None:
            group = label.group
        if (
            single is not None
            and label.other_handling
            and (split.has_values or (i < n and _values_only(_Split(grid[i]))))
        ):
            if not split.has_values:
                following = []
                while i < n and _values_only(after := _Split(grid[i])):
                    following.append(after)
                    i += 1
                split.take_values(following)
            single.append(split)
            continue
        if not split.has_values and (not segments or _is_header(split, table.headers)):
            if not segments and any(split.tail_texts):
                _unread(notes, split, table.name)
            continue
        index = _match(segments, table, group, cursor)
        while index is None and split.shorten_label():
            # `行政许可\tO`: a label followed by what should be its value.
            index = _match(split.segments, table, group, cursor)
        if index is None and len(segments) > 1:
            # A label wrapped over lines and worded beyond an exact match: its parts joined.
            split.whole_label()
            index = _match(segments, table, group, cursor, parts=True)
        if index is None:
            _unread(notes, split, table.name)
            continue
        if not split.has_values:
            # The label on one line, its numbers alone on the lines after it (text taken
            # from a PDF in reading order prints one cell per line, without tabs).
            following = []
            while i < n and _values_only(after := _Split(grid[i])):
                following.append(after)
                i += 1
            if following:
                split.take_values(following)
        if index in found:
            notes.note(
                "repeated-row",
                Severity.ERROR,
                f"{table.name}: row {split.label_text!r} is printed again; the first was read",
                offset=split.offset,
            )
            continue
        found[index] = split
        cursor = index + 1
    return found


def _exact_index(label: _Label, table: _Table) -> int | None:
    """The row of ``table`` that :func:`_match` finds for ``label`` wherever it stands.

    ``None`` when the group or the place in the table may matter, or the label is no exact
    match. That is the one row a label's exact match names (several rows printing one label, the
    group and the place choose): worked out once per label and table.
    """
    if label.other_handling:
        return None  # the 2019 format's single row, which only the caller can place
    items = [s for s in label.segments if s not in APPLICATION_GROUPS]
    for k in range(1, len(items) + 1):
        exact = table.index.get("".join(items[-k:]))
        if exact:
            # A row may list two wordings that compact alike: one row all the same.
            return exact[0] if exact.count(exact[0]) == len(exact) else None
    return None


def _known_heading(cells: tuple[str, ...], last: int, headers: frozenset[str]) -> _Label | None:
    """The label of a row that is a heading of a known label, else ``None``.

    ``cells[:last]`` are the row's cells up to its last non-empty one, which stands for no
    value. When they are a label made before (from the rows of reports before), none of
    them stands for a value either: labels are made of the cells before a row's first
    value only. A plain label (see :attr:`_Label.plain`) is no page number and not the 2019
    format's single row, so such a row is what :func:`_is_header` says, and the answer
    kept on the label needs no scan of the row.
    """
    label = _known_label(cells[:last])
    if label is not None and label.plain and label.headers.get(headers):
        return label
    return None


def _split_of(row: _Split | Row) -> _Split:
    """The :class:`_Split` of a row :func:`_matched_rows` read on the way (kept as printed)."""
    return row if isinstance(row, _Split) else _Split(row)


def _values_only(split: _Split) -> bool:
    return not split.label_end and split.has_values


def _missing(notes: Notes, table: _Table, index: int, offset: int | None) -> None:
    notes.note(
        "missing-row",
        Severity.ERROR,
        f"{table.name}: no row {table.specs[index].labels[0]!r} was found; its values are unknown",
        path=table.paths[index],
        offset=offset,
    )


#: The decimal a cell ``0`` reads as (:func:`~govreport.cells.parse_decimal`); decimals are
#: immutable, so every row of zeros shares it.
_DECIMAL_ZERO = parse_decimal("0")


def _lean_decimals(texts: tuple[str, ...]) -> list[Any] | None:
    """The decimals of a row's value cells, or ``None`` if one is not a decimal (a finding)."""
    try:
        return list(map(parse_decimal, texts))
    except ValueError:
        return None


#: The rows of zeros shared by every table (see :attr:`_Table.zeros`), by kind and width.
_ZERO_ROWS: dict[tuple[type, int], list[Any]] = {}
_NO_ZEROS: list[Any] = []
#: The value cells of a heading row (it has none).
_NO_VALUES = slice(0, 0)
#: The rows read on the way by :func:`_matched_rows`, one slot for each row of the table.
_Read = list[tuple[list[Any], tuple[int, ...]] | None]
#: What :func:`_matched_rows` is given when nothing is read on the way (never written).
_NOT_READ: _Read = []


def _zero_row(zero: Any, width: int) -> list[Any]:
    return _ZERO_ROWS.setdefault((type(zero), width), [zero] * width)


class _Table:
    """A table of the format: its rows, header words, and lookups made once at import."""

    __slots__ = (
        "decimals",
        "headers",
        "index",
        "lean",
        "name",
        "paths",
        "seen",
        "specs",
        "window",
        "zeros",
    )

    def __init__(
        self,
        name: str,
        specs: tuple[RowSpec, ...],
        headers: frozenset[str],
        counted: Callable[[RowSpec], bool] = lambda spec: False,
        decimal: Callable[[RowSpec], bool] = lambda spec: False,
    ) -> None:
        self.name = name
        self.specs = specs
        self.headers = headers
        #: compacted label -> indexes of the rows printing it
        self.index: dict[str, list[int]] = {}
        for i, spec in enumerate(specs):
            for label in spec.labels:
                self.index.setdefault(label, []).append(i)
        #: JSON path of each row
        self.paths = tuple(f"$.{name}." + ".".join(spec.path) for spec in specs)
        #: The width of each row whose values are ``counted`` or ``decimal`` (read on the
        #: lean path of :func:`_matched_rows`), 0 for the others.
        self.lean = tuple(spec.width if counted(spec) or decimal(spec) else 0 for spec in specs)
        #: The rows whose values are decimals (:func:`~govreport.cells.parse_decimal`).
        self.decimals = frozenset(i for i, spec in enumerate(specs) if decimal(spec))
        #: What a row of ``0`` cells reads as, for each row: one list per process that
        #: every such row shares (values read are never changed in place, only replaced).
        self.zeros = tuple(
            _zero_row(_DECIMAL_ZERO if i in self.decimals else 0, spec.width)
            for i, spec in enumerate(specs)
        )
        #: That width where every row has it, else 0.
        self.window = self.lean[0] if len(set(self.lean)) == 1 else 0
        #: What :func:`_matched_rows` found a row of these cells to be, for the rows that
        #: really repeat from report to report: heading rows, and rows of zeros read on the
        #: lean path (most grounds see no case in a year). Each is (index of the row, the
        #: slice of its value cells, the values they read as, the group its label opens); a
        #: heading has index -1. Bounded by :data:`_MAX_ROWS`; a row past the
        #: bound is worked out.
        self.seen: dict[tuple[str, ...], tuple[int, slice, list[Any], str | None]] = {}


_ACTIVE = _Table(
    "active_disclosure",
    ACTIVE_DISCLOSURE_ROWS,
    ACTIVE_DISCLOSURE_HEADERS,
    lambda spec: spec.path != ("fees",),
    lambda spec: spec.path == ("fees",),
)
_ACTIVE_2019 = _Table(
    "active_disclosure", ACTIVE_DISCLOSURE_2019_ROWS, ACTIVE_DISCLOSURE_2019_HEADERS
)
_APPLICATIONS = _Table("applications", APPLICATION_ROWS, APPLICATION_HEADERS, lambda spec: True)


# --- The format -------------------------------------------------------------------------------


#: Rows of section 二 that print one number (本年处理决定数量) in the 2021 format.
_ONE_DECISION = frozenset({"licensing", "punishment", "enforcement"})


def _row_text(cells: tuple[str, ...]) -> str:
    """The non-empty cells of a row compacted and joined."""
    return "".join(map(compact, filter(None, cells)))


#: Each row's text by its cells: reports print the same header rows and rows of zeros, report
#: after report, and a row is one lookup rather than a compaction of each cell.
_row_texts = _Memo(_row_text, _MAX_ROWS)


def _compacted(grid: Grid) -> str:
    """Every cell of ``grid`` compacted and joined: words split over cells join again."""
    return "".join(map(_row_texts.__getitem__, map(itemgetter(0), grid)))


def detect_format(active_disclosure: Grid, applications: Grid = ()) -> str:
    """The format the tables are printed in: ``"2019"`` or ``"2021"``.

    Section 二 decides: the format whose own words (:data:`~govreport.labels.FORMAT_EVIDENCE`:
    `本年新制作数量`, `上一年项目数量`, `政府集中采购` … against `本年制发件数`, `现行有效件数`,
    `本年收费金额` …) and row shapes (行政许可 with one number, or with three) it prints
    more of. Where it prints neither more (a section 二 without its headers), section 三
    corroborates: the 2021 format's three （六） rows (`…逾期不补正…`) say 2021, a
    （六）其他处理 without them 2019. Without any evidence: ``"2021"``, the current format.
    The year in the title is never used: reports are printed in the format their tables
    show, whatever the year (see :func:`note_format_year`).
    """
    text = _compacted(active_disclosure)
    old = sum(map(text.__contains__, _EVIDENCE_2019))
    new = sum(map(text.__contains__, _EVIDENCE_2021))
    if old == new:
        # The rows say it too: 行政许可, 行政处罚, 行政强制 carry one number in the 2021
        # format (本年处理决定数量), three in the 2019 format (two where a cell is blank).
        for row in active_disclosure:
            split = _Split(row)
            if "".join(split.segments) in _DECISION_ROWS:
                values = sum(map(stands_for_value, split.tail_texts))
                if values == 1:
                    new += 1
                elif values:
                    old += 1
    if old != new:
        return "2019" if old > new else "2021"
    text = _compacted(applications)
    if any(word in text for word in OTHER_HANDLING_2021_EVIDENCE):
        return "2021"
    return "2019" if OTHER_HANDLING_ROW.labels[0] in text else "2021"


_EVIDENCE_2019 = FORMAT_EVIDENCE["2019"]
_EVIDENCE_2021 = FORMAT_EVIDENCE["2021"]
_DECISION_ROWS = frozenset(
    spec.labels[0] for spec in ACTIVE_DISCLOSURE_ROWS if spec.path[0] in _ONE_DECISION
)


def note_format_year(format_version: str, year: int | None, notes: Notes, offset: int) -> None:
    """An ``info`` finding when the title's year is not one the format was in use for.

    Reports for 2019 and 2020 follow the 2019 format, reports from 2021 on the 2021 format;
    an agency may print the other (an old template reused, a new one adopted early). The
    tables are read in the format they print; the finding only says so.
    """
    if year is None or year < 2019:
        return
    expected = "2019" if year <= 2020 else "2021"
    if expected == format_version:
        return
    notes.note(
        "format-year",
        Severity.INFO,
        f"the title's year {year} is a year of the {expected} format, but the tables are "
        f"printed in the {format_version} format; read as printed",
        path="$.format_version",
        offset=offset,
    )


_DOCUMENT_FIELDS = ("issued", "repealed", "in_force")
#: Each row of section 二 (2021 format): its key, its fields (their names in
#: ``notes.offsets``), its width and the JSON path of its row.
_ACTIVE_ROWS = tuple(
    (spec.path[0], _DOCUMENT_FIELDS if spec.width == 3 else spec.path, spec.width, path)
    for spec, path in zip(ACTIVE_DISCLOSURE_ROWS, _ACTIVE.paths, strict=True)
)
#: A 第二十条第（一）项 row of zeros, built once per process (see :data:`_ZERO_COUNTS`).
_THREE_ZEROS = _zero_row(0, len(_DOCUMENT_FIELDS))
_ZERO_DOCUMENTS = DocumentCounts(**dict.fromkeys(_DOCUMENT_FIELDS, 0))
_make_documents = _positional(DocumentCounts, _DOCUMENT_FIELDS)
#: Section 二 made from its fields in the order of its rows (a keyword call passes them
#: through two dicts), and the default of each.
_make_active = _positional(ActiveDisclosure, tuple(key for key, _, _, _ in _ACTIVE_ROWS))
_ACTIVE_DEFAULTS = _plain_defaults(ActiveDisclosure)


def read_active_disclosure(grid: Grid, notes: Notes, offset: int) -> ActiveDisclosure:
    """Read section 二 (2021 format)."""
    read: _Read = [None] * len(_ACTIVE_ROWS)
    found = _matched_rows(grid, _ACTIVE, notes, read=read)
    store: dict[str, list[Any]] = {}
    first = len(notes.runs)
    for index, (key, names, _, path) in enumerate(_ACTIVE_ROWS):
        read_row = read[index]
        if read_row is not None:
            store[path] = read_row[0]
            notes.offsets[path] = (names, read_row[1])
            continue
        found_row = found.get(index)
        if found_row is None:
            _missing(notes, _ACTIVE, index, offset)
            continue
        parse = parse_decimal if key == "fees" else parse_count
        # The rows of the table, for a row whose blanks need placing (rows read on the way
        # never do: the list is made only for a row that was not).
        rows = list(found.values())
        store[path] = _values(_split_of(found_row), path, names, rows, notes, parse)
    _settle(notes, first, store)
    # The fields in order, each the class's default where its row was not read.
    values = list(_ACTIVE_DEFAULTS)
    for i, (_, _, width, path) in enumerate(_ACTIVE_ROWS):
        row = store.get(path)
        if row is None:
            continue
        if width == 3:
            values[i] = _ZERO_DOCUMENTS if row == _THREE_ZEROS else _make_documents(*row)
        else:
            (values[i],) = row
    return _make_active(*values)


# --- Section 二, 2019 format -----------------------------------------------------------------

# 本年增/减 as real reports print it: `3`, `+3`, `-3` (also with a full-width or typographic
# minus, `－3`, `−3`), `增加3`, `减少2`. A word and a sign together are not read.
_MINUS = "-－−﹣"


@cache
def _change() -> re.Pattern[str]:
    """A printed change: compiled on first use (not on import); only the 2019 format has one."""
    return re.compile(
        "(?P<word>"
        + "|".join(sorted(CHANGE_WORDS, key=len, reverse=True))
        + rf")?\s*(?P<sign>[+＋{re.escape(_MINUS)}])?\s*"
        + r"(?P<digits>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)"
    )


def _parse_change(text: str) -> int | None:
    """本年增/减: a signed count, ``None`` for a blank; ``ValueError`` for anything else."""
    if text in BLANKS:
        return None
    m = _change().fullmatch(text)
    if m is None or (m["word"] and m["sign"]):
        raise ValueError(f"{text!r} is not a change in a count")
    value = int(m["digits"].replace(",", ""))
    if m["word"]:
        return CHANGE_WORDS[m["word"]] * value
    return -value if m["sign"] and m["sign"] in _MINUS else value


def _parse_amount(text: str) -> tuple[Decimal | None, str | None]:
    """采购总金额: the decimal and the unit printed after it (`12.5万元`), or blanks."""
    if text in BLANKS:
        return None, None
    for unit in AMOUNT_UNITS:
        if text.endswith(unit):
            number = text[: -len(unit)].rstrip()
            if not number or number in BLANKS:
                raise ValueError(f"{text!r} is not an amount")
            return parse_decimal(number), unit
    return parse_decimal(text), None


_AMOUNT_HEADER = re.compile(
    compact("采购总金额") + "(?:单位)?(?P<unit>" + "|".join(AMOUNT_UNITS) + ")"
)


def _header_unit(grid: Grid) -> str | None:
    """The unit printed in the header over 采购总金额 (`采购总金额（单位：万元）`), if any."""
    for row in grid:
        m = _AMOUNT_HEADER.search("".join(compact(cell) for cell in row.cells if cell))
        if m is not None:
            return m["unit"]
    return None


def _text(text: str) -> str:
    return text


#: The model class of each row of the 2019 format's section 二, from the model's defaults.
_KINDS_2019: dict[str, type] = {a.name: type(a.default) for a in fields(ActiveDisclosure2019)}


def read_active_disclosure_2019(grid: Grid, notes: Notes, offset: int) -> ActiveDisclosure2019:
    """Read section 二 (2019 format): the five parts of 第二十条 under their header rows.

    Counts as in the 2021 format; 本年增/减 (``change``) is a signed count (`-3`, `+2`,
    `减少3`); 采购总金额 is a decimal whose unit is printed in its cell (`12.5万元`) or in
    the header over it (`采购总金额（万元）`). Anything else in a cell is ``not-a-number``.
    """
    found = _matched_rows(grid, _ACTIVE_2019, notes)
    rows = list(map(_split_of, found.values()))
    rows_by_index = dict(zip(found, rows, strict=True))
    header_unit = _header_unit(grid)
    values: dict[str, Any] = {}
    for index, spec in enumerate(ACTIVE_DISCLOSURE_2019_ROWS):
        key = spec.path[0]
        path = _ACTIVE_2019.paths[index]
        split = rows_by_index.get(index)
        row: dict[str, Any] = dict.fromkeys(spec.columns)
        offsets: dict[str, int | None] = {}
        if split is None:
            _missing(notes, _ACTIVE_2019, index, offset)
        else:
            texts = _values(split, path, spec.columns, rows, notes, _text)
            offsets = dict(zip(spec.columns, notes.offsets[path][1], strict=True))
            for name, text in zip(spec.columns, texts, strict=True):
                if text is not None:
                    row[name] = _cell_2019(split, path, name, text, offsets[name], notes)
        if "amount" in row:
            # The amount's cell gives (value, unit printed after it); the header, a unit.
            amount, unit = row["amount"] or (None, None)
            if unit is not None and header_unit is not None and unit != header_unit:
                notes.note(
                    "amount-unit",
                    Severity.WARNING,
                    f"row {spec.printed!r}: the amount is printed in {unit} under a header "
                    f"in {header_unit}; read in {unit}, as its cell prints it",
                    path=f"{path}.amount",
                    offset=offsets.get("amount"),
                )
            row["amount"], row["amount_unit"] = amount, unit or header_unit
        values[key] = _KINDS_2019[key](**row)
    return ActiveDisclosure2019(**values)


def _cell_2019(
    split: _Split, path: str, name: str, text: str, offset: int | None, notes: Notes
) -> Any:
    """One value cell of the 2019 section 二; what is not a value is a finding and ``None``."""
    try:
        if name == "change":
            return _parse_change(text)
        if name == "amount":
            return _parse_amount(text)
        return parse_count(text)
    except ValueError:
        notes.note(
            "not-a-number",
            Severity.ERROR,
            f"row {split.label_text!r}, cell {name!r}: {text!r} is not a number",
            path=f"{path}.{name}",
            offset=offset,
        )
        return None


# --- Section 三 ------------------------------------------------------------------------------

_GROUP_TYPES: dict[str, type] = {
    "denied": Denied,
    "unable_to_provide": UnableToProvide,
    "not_processed": NotProcessed,
    "other_handling": OtherHandling,
}


def read_applications(
    grid: Grid, notes: Notes, offset: int, *, format_version: str = "2021"
) -> Applications:
    """Read section 三, in either format.

    （六）其他处理 is read in the shape it is printed in: the 2021 format's three rows, or
    the 2019 format's single row with numbers (``results.other_handling`` is then one
    :class:`ApplicantCounts`). A shape that is not ``format_version``'s is read and told
    (``other-handling-shape``); where neither is printed, the rows of ``format_version``'s
    shape are missing. Rows whose digits ran together are settled with the whole table
    (rules R1 and R2, see :func:`_settle`).
    """
    single: list[_Split] = []
    read: _Read = [None] * len(_APPLICATION_INDEXES)
    found = _matched_rows(grid, _APPLICATIONS, notes, single=single, read=read)
    three = not found.keys().isdisjoint(_OTHER_HANDLING_ROWS)
    # As printed; where neither shape is, the format's shape is the one missing.
    one_row = not three if (single or three) else format_version == "2019"
    if three:
        for extra in single:
            _unread(notes, extra, _APPLICATIONS.name)
    store: dict[str, list[Any]] = {}
    first_run = len(notes.runs)
    paths = _APPLICATIONS.paths
    offsets = notes.offsets
    for index in _APPLICATION_INDEXES:
        read_row = read[index]
        if read_row is not None:
            # One-row （六） and the three rows are never both read (see `three`).
            offsets[paths[index]] = (APPLICATION_COLUMNS, read_row[1])
            store[paths[index]] = read_row[0]
            continue
        if one_row and index in _OTHER_HANDLING_ROWS:
            continue
        found_row = found.get(index)
        path = paths[index]
        if found_row is None:
            _missing(notes, _APPLICATIONS, index, offset)
            continue
        # The rows of the table, for a row whose blanks need placing (made only for a row
        # not read on the way).
        printed = [*found.values(), *single]
        store[path] = _values(_split_of(found_row), path, APPLICATION_COLUMNS, printed, notes)
    if one_row:
        values = _single_row(single, [*found.values(), *single], notes, offset)
        if values is not None:
            store[_SINGLE_PATH] = values
    _settle(notes, first_run, store, _balance_rules, "rules R1 and R2")
    if single and one_row and format_version != "2019":
        notes.note(
            "other-handling-shape",
            Severity.WARNING,
            "applications: （六）其他处理 is printed as one row, as the 2019 format prints it, "
            "not as the 2021 format's three rows; read as one row",
            path=_SINGLE_PATH,
            offset=single[0].label_offset,
        )
    elif three and format_version == "2019":
        first = _split_of(found[min(i for i in _OTHER_HANDLING_ROWS if i in found)])
        notes.note(
            "other-handling-shape",
            Severity.WARNING,
            "applications: （六）其他处理 is printed as the 2021 format's three rows in a "
            "report whose section 二 is in the 2019 format; read as three rows",
            path=_SINGLE_PATH,
            offset=first.label_offset,
        )
    return _nest(store, one_row)


_APPLICATION_INDEXES = tuple(range(len(APPLICATION_ROWS)))
_OTHER_HANDLING_ROWS = frozenset(
    i for i, spec in enumerate(APPLICATION_ROWS) if spec.group == OTHER_HANDLING_ROW.path[-1]
)
_SINGLE_PATH = "$.applications." + ".".join(OTHER_HANDLING_ROW.path)


def _path_of(key: str) -> str:
    return _APPLICATIONS.paths[[".".join(s.path) for s in APPLICATION_ROWS].index(key)]


_BALANCE = tuple(
    _path_of(key) for key in ("new_received", "carried_over", "results.total", "carried_forward")
)
#: The result rows both formats print, and the three rows of （六） the 2021 format prints.
_RESULT_ROWS = tuple(
    path
    for i, (path, spec) in enumerate(zip(_APPLICATIONS.paths, APPLICATION_ROWS, strict=True))
    if spec.path[0] == "results"
    and spec.path != ("results", "total")
    and i not in _OTHER_HANDLING_ROWS
)
_OTHER_HANDLING_PATHS = tuple(_APPLICATIONS.paths[i] for i in sorted(_OTHER_HANDLING_ROWS))


def _balance_rules(store: dict[str, list[Any]]) -> int:
    """How many of rules R1 and R2 hold, column by column, in section 三's ``store``."""
    kept = 0
    received, carried_over, total, carried_forward = (store.get(p) for p in _BALANCE)
    results = [store.get(p) for p in _RESULT_ROWS]
    if _SINGLE_PATH in store:
        results.append(store[_SINGLE_PATH])
    else:
        results.extend(store.get(p) for p in _OTHER_HANDLING_PATHS)
    complete = all(row is not None for row in results)
    for column in range(len(APPLICATION_COLUMNS)):
        if received and carried_over and total and carried_forward:
            r1 = (received[column], carried_over[column], total[column], carried_forward[column])
            if None not in r1 and r1[0] + r1[1] == r1[2] + r1[3]:
                kept += 1
        if total and total[column] is not None and complete:
            cells = [row[column] for row in results if row is not None]
            if None not in cells and sum(cells) == total[column]:
                kept += 1
    return kept


#: A row of zeros, the commonest row of section 三 (most grounds see no case in a year).
_ZEROS = _zero_row(0, len(APPLICATION_COLUMNS))
#: Its counts, built once per process: the model's objects are immutable, so all share it.
_ZERO_COUNTS = ApplicantCounts(**dict.fromkeys(APPLICATION_COLUMNS, 0))


_make_counts = _positional(ApplicantCounts, APPLICATION_COLUMNS)


def _applicant_counts(v: Sequence[int | None]) -> ApplicantCounts:
    if v == _ZEROS:
        return _ZERO_COUNTS
    return _make_counts(*v)  # a row's values, one per column in the fields' order


def _single_row(
    single: Sequence[_Split], rows: Sequence[_Split | Row], notes: Notes, offset: int
) -> list[Any] | None:
    """The values of the single （六）其他处理 row, or ``None`` when it is not printed.

    The first printed is read; one printed again is reported.
    """
    if not single:
        notes.note(
            "missing-row",
            Severity.ERROR,
            f"applications: no row {OTHER_HANDLING_ROW.labels[0]!r} was found; its values "
            "are unknown",
            path=_SINGLE_PATH,
            offset=offset,
        )
        return None
    for split in single[1:]:
        notes.note(
            "repeated-row",
            Severity.ERROR,
            f"applications: row {split.label_text!r} is printed again; the first was read",
            offset=split.offset,
        )
    return _values(single[0], _SINGLE_PATH, APPLICATION_COLUMNS, rows, notes)


def _places(part: str | None) -> tuple[tuple[str, str], ...]:
    """(field, JSON path) of each row of section 三 that is a field of ``part``.

    ``part`` is ``None`` for the top-level fields of :class:`Applications`, ``"results"``
    for those of :class:`Results`, else a group of results.
    """
    return tuple(
        (spec.path[-1], path)
        for path, spec in zip(_APPLICATIONS.paths, APPLICATION_ROWS, strict=True)
        if (None if len(spec.path) == 1 else spec.path[-2]) == part
    )


_TOP_PLACES = _places(None)
_RESULT_PLACES = _places("results")
#: Each group of results: its name, the JSON paths of its rows, the group with every row a
#: row of zeros (built once per process, see :data:`_ZERO_COUNTS`), a maker of the group from
#: its fields in order (its rows' order, checked by :func:`_positional`) and each field's
#: default.
_GROUPS: tuple[tuple[str, tuple[str, ...], Any, Callable[..., Any], tuple[Any, ...]], ...] = tuple(
    (
        name,
        tuple(path for _, path in places),
        kind(**{a.name: _ZERO_COUNTS for a in fields(kind)}),
        _positional(kind, tuple(field for field, _ in places)),
        _plain_defaults(kind),
    )
    for name, kind in _GROUP_TYPES.items()
    for places in (_places(name),)
)


def _nest(store: dict[str, list[Any]], one_row: bool) -> Applications:
    """The model of section 三 from the values read, by row path (see :func:`_settle`)."""
    get = store.get
    every = _APPLICATIONS.paths
    if (
        not one_row
        and len(store) == len(every)
        and _SINGLE_PATH not in store
        and list(store.values()).count(_ZEROS) == len(every)
    ):
        # Every row printed and all zeros (an agency that saw no application in the year).
        # Rows are stored at their paths (and the single （六） row at its own): as many
        # values as rows, none the single row's, is every row, without a lookup of each.
        return _ZERO_APPLICATIONS
    top: dict[str, Any] = {}
    for field, path in _TOP_PLACES:
        v = get(path)
        if v is not None:
            # _applicant_counts inlined for the commonest row, a row of zeros.
            top[field] = _ZERO_COUNTS if v == _ZEROS else _applicant_counts(v)
    results: dict[str, Any] = {}
    for field, path in _RESULT_PLACES:
        v = get(path)
        if v is not None:
            results[field] = _ZERO_COUNTS if v == _ZEROS else _applicant_counts(v)
    if one_row:
        # The 2019 format's single （六） row is a row, not a group.
        v = get(_SINGLE_PATH)
        results["other_handling"] = ApplicantCounts() if v is None else _applicant_counts(v)
    for name, paths, zeros, make, defaults in _GROUPS:
        if name in results:
            continue
        rows = list(map(get, paths))
        if rows.count(_ZEROS) == len(rows):
            # Every row printed and all zeros (the commonest group): compared at C speed.
            results[name] = zeros
        else:
            # Every field in order (a keyword call passes them through two dicts), the
            # class's default where its row was not read.
            results[name] = make(
                *[
                    default if v is None else _ZERO_COUNTS if v == _ZEROS else _applicant_counts(v)
                    for v, default in zip(rows, defaults, strict=True)
                ]
            )
    return Applications(results=Results(**results), **top)


#: Section 三 with every row a row of zeros, built once per process (see :data:`_ZERO_COUNTS`).
_ZERO_RESULTS: dict[str, Any] = dict.fromkeys((field for field, _ in _RESULT_PLACES), _ZERO_COUNTS)
_ZERO_RESULTS.update((name, zeros) for name, _, zeros, _, _ in _GROUPS)
_ZERO_APPLICATIONS = Applications(
    results=Results(**_ZERO_RESULTS),
    **dict.fromkeys((field for field, _ in _TOP_PLACES), _ZERO_COUNTS),
)

# --- Section 四 ------------------------------------------------------------------------------


def read_review_litigation(grid: Grid, notes: Notes, offset: int) -> ReviewLitigation:
    """Read section 四: fifteen numbers in printed order, after the header rows."""
    # The cells after the labels, as two lists (texts, offsets) rather than a list of pairs.
    texts: list[str] = []
    starts: list[int] = []
    interleaved: int | None = None  # offset of a header printed between numbers
    headers = REVIEW_LITIGATION_HEADERS
    seen = _REVIEW_HEADINGS
    for row in grid:
        cells = row[0]
        if cells in seen:
            # A heading row seen before (three of them head the table).
            if texts and interleaved is None:
                interleaved = row[1][0]
            continue
        if cells and cells[0] and _stands_for_value(cells[0]):
            # Values without a label (the common row of the table): all of it is values.
            texts += cells
            starts += row[1]
            continue
        last = len(cells)
        while last and not cells[last - 1]:
            last -= 1
        if not last:
            continue  # an empty row: no label, no value, nothing to tell
        if not _stands_for_value(cells[last - 1]) and _known_heading(cells, last, headers):
            # A heading row (three of them head the table).
            if texts and interleaved is None:
                interleaved = row[1][0]
            if len(seen) < _MAX_ROWS:
                seen[cells] = True
            continue
        split = _Split(row)
        if not (split.label_end and split.has_values) and _page_number(
            split, "review_litigation", notes
        ):
            continue
        if split.has_values:
            if split.label_end and not _is_header(split, headers):
                _unread(notes, split, "review_litigation")
            texts += split.tail_texts
            starts += split.tail_starts
        elif split.segments:
            if not _is_header(split, headers):
                _unread(notes, split, "review_litigation")
            elif texts and interleaved is None:
                interleaved = split.offset
    width = len(REVIEW_LITIGATION_KEYS)
    if interleaved is not None and any(texts):
        # Text taken from a PDF in reading order can print the numbers between the headers,
        # in another order than the table's (`72 64 178 37 结果 维持 … 12 1 1 6 总计 351`):
        # their printed order is then not the order of the fifteen keys.
        notes.note(
            "review-litigation-order",
            Severity.ERROR,
            "review_litigation: header text stands between the numbers, so their order is "
            "not the table's; the section was not read",
            path="$.review_litigation",
            offset=interleaved,
        )
        return ReviewLitigation()
    # Empty cells at the ends of the run are layout; between numbers they are blanks.
    while texts and not texts[-1]:
        del texts[-1], starts[-1]
    while texts and not texts[0] and len(texts) > width:
        del texts[0], starts[0]
    if len(texts) < width:
        run = _run_of(list(zip(texts, starts, strict=True)), width)
        if run is not None:
            ran = _review_run(run, notes, offset)
            if ran is not None:
                return ran
    if len(texts) != width:
        printed = " ".join(filter(None, texts)) or "none"
        notes.note(
            "review-litigation-count",
            Severity.ERROR,
            f"review_litigation: found {len(texts)} cells ({printed}) where 15 were expected; "
            "the section was not read",
            path="$.review_litigation",
            offset=starts[0] if starts else offset,
        )
        return ReviewLitigation()
    # Fifteen `0` cells (no case in the year, the commonest section 四): no cell to look up.
    values = _FIFTEEN_ZEROS if texts.count("0") == width else _review_values(texts, starts, notes)
    offsets = notes.offsets
    for path, i in _REVIEW_PLACES:
        offsets[path] = (_CASE_FIELDS, tuple(starts[i : i + 5]))
    if values is _FIFTEEN_ZEROS or values == _FIFTEEN_ZEROS:
        return _ZERO_REVIEW
    groups: dict[str, CaseOutcomes] = {}
    for group, (_, i) in zip(_REVIEW_GROUPS, _REVIEW_PLACES, strict=True):
        numbers = values[i : i + 5]
        groups[group] = _ZERO_CASES if numbers == _FIVE_ZEROS else _make_cases(*numbers)
    return ReviewLitigation(**groups)


def _review_values(texts: list[str], starts: list[int], notes: Notes) -> list[Any]:
    """Section 四's fifteen values; a cell that is not a count is a finding and ``None``."""
    values: list[Any]
    try:
        # Small counts and blanks, each found in a table made at import.
        values = list(map(_COMMON_COUNT, texts))
    except KeyError:
        # Counts parsed at C speed by a cached function that marks what is not a count.
        values = list(map(count_or_marker, texts))
        for i, (group, field) in enumerate(REVIEW_LITIGATION_KEYS):
            if values[i] is NOT_A_COUNT:
                notes.note(
                    "not-a-number",
                    Severity.ERROR,
                    f"review_litigation, cell {group}.{field}: {texts[i]!r} is not a number",
                    path=f"$.review_litigation.{group}.{field}",
                    offset=starts[i],
                )
                values[i] = None
    return values


#: Section 四's groups and the five fields of each, in printed order.
_REVIEW_GROUPS = tuple(dict.fromkeys(group for group, _ in REVIEW_LITIGATION_KEYS))
_CASE_FIELDS = tuple(field for group, field in REVIEW_LITIGATION_KEYS if group == _REVIEW_GROUPS[0])
#: A group of zeros (no case in the year, the commonest), built once per process.
_FIVE_ZEROS = [0] * len(_CASE_FIELDS)
_ZERO_CASES = CaseOutcomes(**dict.fromkeys(_CASE_FIELDS, 0))
_make_cases = _positional(CaseOutcomes, _CASE_FIELDS)
_FIFTEEN_ZEROS = [0] * len(REVIEW_LITIGATION_KEYS)
_ZERO_REVIEW = ReviewLitigation(**dict.fromkeys(_REVIEW_GROUPS, _ZERO_CASES))
#: The path of each group in ``notes.offsets``, and where its five values begin.
_REVIEW_PLACES = tuple(
    (f"$.review_litigation.{group}", len(_CASE_FIELDS) * i)
    for i, group in enumerate(_REVIEW_GROUPS)
)
#: The heading rows of section 四 seen, by their cells (see :attr:`_Table.seen`).
_REVIEW_HEADINGS: dict[tuple[str, ...], bool] = {}

_REVIEW_PATH = "$.review_litigation"


def _review_run(cells: list[Cell], notes: Notes, offset: int) -> ReviewLitigation | None:
    """Section 四 whose fifteen numbers ran together (``000000000000000``), or ``None``."""
    first = len(notes.runs)
    if _open_run(notes, cells, _REVIEW_PATH, _REVIEW_FIELDS, "section 四", cells[0][1]) is None:
        return None
    store: dict[str, list[Any]] = {}
    _settle(notes, first, store)
    numbers = store[_REVIEW_PATH]
    _, places = notes.offsets.pop(_REVIEW_PATH)
    groups: dict[str, dict[str, int | None]] = {}
    for i, ((group, field), number) in enumerate(zip(REVIEW_LITIGATION_KEYS, numbers, strict=True)):
        groups.setdefault(group, {})[field] = number
        if i % 5 == 4:
            notes.offsets[f"{_REVIEW_PATH}.{group}"] = (tuple(groups[group]), places[i - 4 : i + 1])
    return ReviewLitigation(**{group: CaseOutcomes(**fields) for group, fields in groups.items()})
