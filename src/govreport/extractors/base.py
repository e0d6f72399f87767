"""The extractor protocol and the data it works on: a block of lines in, rows of cells out.

Extractors know layout, not meaning. They turn the lines of one table section into rows of
raw cells, each with its offset in the text; which printed label means which row of the
format is decided afterwards, in one place (:mod:`govreport.labels`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from itertools import accumulate, chain, compress, islice, repeat
from operator import add, getitem, sub
from typing import TYPE_CHECKING, NamedTuple, Protocol, cast, runtime_checkable

from attrs import field, frozen

from ..cells import is_value_like

__all__ = [
    "Block",
    "Extractor",
    "Grid",
    "Row",
    "make_rows",
    "split_cells",
    "stripped_lines",
    "tab_rows",
    "tabs_lead_lines",
]


@frozen(kw_only=True, cache_hash=True)
class Block:
    """The lines of one table section (二, 三 or 四) of the normalized text.

    ``lines[i]`` starts at offset ``line_starts[i]`` of the normalized text; lines keep
    their tabs and spaces and have no line break. :attr:`text` is the lines as one string.
    """

    section: int
    start: int
    end: int
    lines: tuple[str, ...]
    line_starts: tuple[int, ...]
    # The lines as one string, kept by from_text (which has it anyway) for `text`.
    _text: str | None = field(default=None, init=False, eq=False, repr=False)
    # The block's tab rows once read (see tab_rows): tab and ocr-split both score and read them.
    _tab_rows: Grid | None = field(default=None, init=False, eq=False, repr=False)
    # The block's tab score once computed (see tab.tab_score): tab and ocr-split both need it.
    _tab_score: float | None = field(default=None, init=False, eq=False, repr=False)
    # The block's lines stripped, once computed (see stripped_lines).
    _stripped: tuple[str, ...] | None = field(default=None, init=False, eq=False, repr=False)

    @classmethod
    def from_text(cls, text: str, start: int, end: int, *, section: int) -> Block:
        """The block of ``text[start:end]``.

        Its :attr:`lines` and :attr:`line_starts` are computed from its text when first
        read: layouts that scan the whole text (cell-per-line, and every score that sees at
        once that a block is not in its layout) never need them, and splitting a block of
        hundreds of lines and summing their lengths cost more than reading its table.
        """
        # Made without __init__ (which sets every attribute, then this would unset two):
        # three blocks a parse. The class is frozen: its slots are set by their own setters
        # (see _setter), each to what __init__ would set: the caches and attrs' cached hash
        # to None. `lines` and `line_starts` stay unset: an unset slot is computed by
        # __getattr__ on first read, so every reader (eq, hash, repr, evolve) sees it.
        block = _new(cls)
        _set_section(block, section)
        _set_start(block, start)
        _set_end(block, end)
        _set_text(block, text[start:end])
        _set_tab_rows(block, None)
        _set_tab_score(block, None)
        _set_stripped(block, None)
        _set_hash(block, None)
        return block

    if not TYPE_CHECKING:  # mypy would take any attribute name for one of these

        def __getattr__(self, name: str) -> tuple[str, ...] | tuple[int, ...]:
            # Only called for an attribute not set: `lines` or `line_starts` of a block made
            # by from_text, not read yet (or a name the class does not have).
            if name == "lines":
                lines = tuple(self._text.split("\n"))
                _set_lines(self, lines)
                return lines
            if name == "line_starts":
                # Each line starts one past the end of the one before, summed at C speed.
                lengths = map(add, map(len, self.lines), repeat(1))
                starts = tuple(accumulate(lengths, initial=self.start))[:-1]
                _set_line_starts(self, starts)
                return starts
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    @property
    def text(self) -> str:
        """The block's lines joined by line breaks: the block's part of the normalized text.

        Extractors that test or scan the whole block at once (a count, a regular expression)
        read this rather than looping over :attr:`lines`.
        """
        return self._text if self._text is not None else "\n".join(self.lines)


_new = object.__new__


def _setter(name: str) -> Callable[[Block, object], None]:
    """The setter of the slot ``name`` of :class:`Block`: its member descriptor's ``__set__``.

    The class is frozen, so its slots are set around its ``__setattr__``, as attrs sets
    them. Called directly, a slot's own setter costs about half of ``object.__setattr__``
    (no look-up by name, one tuple of arguments less): blocks are made, and their caches
    filled, a dozen times a parse. (A test checks that Block.from_text sets every slot
    __init__ sets but the lines.)
    """
    return cast("Callable[[Block, object], None]", Block.__dict__[name].__set__)


_set_section = _setter("section")
_set_start = _setter("start")
_set_end = _setter("end")
_set_text = _setter("_text")
_set_lines = _setter("lines")
_set_line_starts = _setter("line_starts")
_set_tab_rows = _setter("_tab_rows")
_set_tab_score = _setter("_tab_score")
_set_stripped = _setter("_stripped")
_set_hash = _setter("_attrs_cached_hash")


class Row(NamedTuple):
    """One table row as printed: cell texts (stripped) and where each starts in the text.

    An empty string is an empty cell; for an empty cell the offset is where it would be.
    (A named tuple rather than an attrs class: a report has hundreds of rows, and a tuple
    is the cheapest immutable record Python builds.)
    """

    cells: tuple[str, ...]
    starts: tuple[int, ...]


Grid = tuple[Row, ...]
"""The rows of one table block, in printed order."""


@runtime_checkable
class Extractor(Protocol):
    """A table layout reader.

    ``score`` says how well the layout fits a block, in [0, 1] (1.0 wins at once); the
    extractor with the highest score reads the block, ``priority`` breaking ties (higher
    first). ``extract`` returns the block's rows of cells.
    """

    name: str
    priority: int

    def score(self, block: Block) -> float:
        """How well this layout fits ``block``, from 0 (not at all) to 1 (certainly)."""
        ...

    def extract(self, block: Block) -> Grid:
        """The rows of ``block``."""
        ...


# A tab-separated cell that starts with white space (a space, a form feed at a page end): only
# then are cell starts moved past it, one regular-expression test per line.
_PADDED = re.compile(r"(?:^|\t)[^\S\t]")


def split_cells(line: str, start: int, sep: str = "\t") -> Row:
    """Split one line at ``sep`` into a :class:`Row`, cells stripped, offsets kept."""
    pieces = line.split(sep)
    cells = tuple(map(str.strip, pieces))
    # Offsets of the pieces, computed in C: each piece starts after the previous one and its
    # separator. Only a piece with leading white space needs its cell's start moved.
    starts = list(accumulate(map(add, map(len, pieces), repeat(len(sep))), initial=start))
    if sep != "\t" or _PADDED.search(line) is not None:
        for i, piece in enumerate(pieces):
            if piece[:1].isspace() and cells[i]:
                starts[i] += len(piece) - len(piece.lstrip())
    del starts[-1]
    return Row(cells, tuple(starts))


def make_rows(cells: Iterable[tuple[str, ...]], starts: Iterable[tuple[int, ...]]) -> Iterator[Row]:
    """:class:`Row` objects of ``cells`` and ``starts`` taken pairwise."""
    # tuple.__new__ builds each named tuple at C speed; Row(...) would run its Python __new__.
    return map(tuple.__new__, repeat(Row), zip(cells, starts, strict=True))


# The characters str.strip() and str.isspace() take for white space (Python 3.11), tabs and
# line breaks left out. Written out, a character class is one table lookup per character for
# the regular-expression engine; `\s` makes it ask each character's Unicode category.
SPACES = " \x0b\x0c\r\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"


@cache
def _edge_space() -> re.Pattern[str]:
    """White space at the edge of a piece between tabs and line breaks.

    Where a block has none, its pieces are its cells as they are. Compiled on first use (not
    on import): most text is printable, and :func:`_has_edge_space` then needs no pattern.
    """
    return re.compile(rf"[{SPACES}](?:(?<=[\t\n].)|(?=[\t\n]))")


@cache
def _lead_space() -> re.Pattern[str]:
    """White space at the start of a piece: only then are cell starts moved past it."""
    return re.compile(rf"[{SPACES}](?<=[\t\n].)")


def _is_space(char: str) -> bool:
    """Whether ``char`` (one character or none) is white space other than a tab or line break."""
    return char.isspace() and char not in "\t\n"


def _has_edge_space(text: str, joined: str) -> bool:
    """Whether a piece of ``text`` (``joined``: line breaks made tabs) has white space at an edge.

    Of the white space a piece can hold (:data:`SPACES`) only the space is printable: in text
    whose other characters all are (most of it), a space next to a tab or at an end is the
    only way, and four substring tests at C speed tell, cheaper than a regular-expression
    scan of every character.
    """
    if joined.replace("\t", "_").isprintable():
        return " \t" in joined or "\t " in joined or joined[:1] == " " or joined[-1:] == " "
    return _is_space(text[:1]) or _is_space(text[-1:]) or _edge_space().search(text) is not None


def tabs_lead_lines(text: str) -> bool:
    """Whether every tab of ``text`` (if any) is the first character of its line.

    Then no line holds two cells: the cell-per-line layout. Two counts of the whole text
    tell, at C speed; in a tab table the first tab most often follows a label already.
    The answer for the last text asked about is kept: the tab and cell-per-line scores of
    a block both ask.
    """
    global _last_lead
    last_text, answer = _last_lead
    if last_text is text:
        return answer
    first = text.find("\t")
    if first > 0 and text[first - 1] != "\n":
        answer = False
    else:
        answer = text.count("\t") == text.count("\n\t") + text.startswith("\t")
    # Keyed by the object, which the slot keeps alive: its id cannot go to another text.
    _last_lead = (text, answer)
    return answer


_last_lead: tuple[str | None, bool] = (None, False)


def stripped_lines(block: Block) -> tuple[str, ...]:
    """The lines of ``block``, stripped; computed once per block.

    The tab and flat scores count with them, and :func:`tab_rows` tells blank lines by them.
    """
    if block._stripped is not None:
        return block._stripped
    stripped = tuple(map(str.strip, block.lines))
    _set_stripped(block, stripped)  # the class is frozen: set by the slot's setter
    return stripped


def tab_rows(block: Block) -> Grid:
    """One :class:`Row` per non-blank line of ``block``, split at tabs as :func:`split_cells`.

    The same rows as ``split_cells`` line by line, blank lines left out, computed for the
    whole block at once: every line split at C speed, and the pieces of all lines measured
    in one pass. Read once per block (the tab and ocr-split layouts both score and read them).
    """
    if block._tab_rows is not None:
        return block._tab_rows
    lines = block.lines
    text = block._text
    start = block.start
    if text is None:
        text = "\n".join(lines)
        # Each line starts one past the end of the one before, unless the block was made
        # with lines that do not follow each other (or that hold a line break): then they
        # are read line by line.
        follow = accumulate(map(add, map(len, lines), repeat(1)), initial=start)
        if tuple(follow)[:-1] != block.line_starts or text.count("\n") >= len(lines):
            split = map(split_cells, lines, block.line_starts)
            grid = tuple(compress(split, stripped_lines(block)))
            _set_tab_rows(block, grid)
            return grid
    # Each line's pieces, split at its tabs: a row's cells are its line's pieces, as tuples,
    # without slicing one list of all pieces (a slice object and a slicing per row).
    pieces = list(map(str.split, lines, repeat("\t")))
    # Tabs and line breaks are both one-character separators: each piece starts one past the
    # end of the one before, summed over the whole block at C speed.
    flat = chain.from_iterable(pieces)
    offsets = tuple(accumulate(map(add, map(len, flat), repeat(1)), initial=start))
    stripped = stripped_lines(block)
    if not _has_edge_space(text, text.replace("\n", "\t")):
        # No piece has white space to strip: a line's cells are its pieces as they are.
        cells: Iterator[tuple[str, ...]] = map(tuple, compress(pieces, stripped))
    else:
        flat_cells = tuple(map(str.strip, chain.from_iterable(pieces)))
        if _is_space(text[:1]) or _lead_space().search(text) is not None:
            # A cell starts after its piece's leading white space: len(rstrip) - len(strip)
            # is that white space, and 0 for a blank piece (its cell stays where it is).
            rstripped = map(str.rstrip, chain.from_iterable(pieces))
            lead = map(sub, map(len, rstripped), map(len, flat_cells))
            offsets = tuple(map(add, offsets, lead))
        # Each line's cells are as many stripped pieces as it has pieces, taken in turn.
        stream = iter(flat_cells)
        cells = compress(map(tuple, map(islice, repeat(stream), map(len, pieces))), stripped)
    # Line i's pieces are pieces bounds[i] to bounds[i + 1] of the block.
    bounds = list(accumulate(map(len, pieces), initial=0))
    # A blank line (one that strips to nothing: no cell with text) is no row.
    spans = compress(map(slice, bounds, bounds[1:]), stripped)
    # operator.getitem is called at C speed with its arguments as they are; a bound
    # `offsets.__getitem__` (a method-wrapper) would pack each call's argument into a tuple.
    grid = tuple(make_rows(cells, map(_starts_at, repeat(offsets), spans)))
    _set_tab_rows(block, grid)  # the class is frozen: set by the slot's setter
    return grid


# operator.getitem, typed for the slicing above (its own type is an overload mypy cannot pick
# from inside map).
_starts_at = cast("Callable[[tuple[int, ...], slice], tuple[int, ...]]", getitem)


def has_values(row: Row) -> bool:
    """Whether any cell of ``row`` holds a number or a printed blank."""
    return any(is_value_like(cell) for cell in row.cells)
