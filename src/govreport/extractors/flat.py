r"""Flattened web text: a table's rows and cells run together on a few lines.

A scraper's text of a report page often loses the table's structure: the whole table on a
line or two, cells separated by a space or by nothing at all::

    一、本年新收政府信息公开申请数量 524000056 二、上年结转政府信息公开申请数量 0000000 …
    第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000行政规范性文件1241305

This extractor cuts such text into rows and cells with what the format guarantees:

* numbers are values, and a row's label is the text before them: a row ends where text
  follows its numbers;
* a row's label starts with its numbering (``一、`` ``（三）`` ``2.``), which also opens a new
  row after a group heading (``（三）不予公开`` then ``1.属于国家秘密``); a list number glued
  to the digits before it (``00002.没有现成信息…``) is the label's, not a digit of the values;
* header words and labels are the format's own (:mod:`govreport.labels`): words that ran
  together (``信息内容本年制发件数…规章``) are cut where each begins, and header words stand
  in a row of their own.

Digits that ran together stay one cell (``524000056``): how they split into the row's
values is decided by the table reader (:mod:`govreport.tables`, :mod:`govreport.runs`), which
knows each row's width and rules. The same goes for one row per line with its cells run
together (``一、本年新收政府信息公开申请数量524000056``), and for cells separated by single
spaces.
"""

from __future__ import annotations

import itertools
import random
import re
from collections.abc import Sequence
from functools import cache
from itertools import compress, filterfalse, repeat
from operator import contains, not_

from ..cells import BLANKS
from ..labels import (
    ACTIVE_DISCLOSURE_2019_HEADERS,
    ACTIVE_DISCLOSURE_2019_ROWS,
    ACTIVE_DISCLOSURE_HEADERS,
    ACTIVE_DISCLOSURE_ROWS,
    AMOUNT_UNITS,
    APPLICATION_GROUPS,
    APPLICATION_HEADERS,
    APPLICATION_ROWS,
    CHANGE_WORDS,
    OTHER_HANDLING_ROW,
    REVIEW_LITIGATION_HEADERS,
    compact,
    is_numbered,
)
from .base import Block, Grid, Row, stripped_lines

__all__ = ["FlatExtractor", "render_flat"]

_CJK = "\u4e00-\u9fff"
# What the 2019 format prints around a number: a change word before it (`增加3`, `减少2`), a
# unit of money after it (`386.52万元`).
_CHANGE = "|".join(sorted(CHANGE_WORDS, key=len, reverse=True))
_UNIT = "|".join(re.escape(unit) for unit in AMOUNT_UNITS)
# A printed blank cell (:data:`govreport.cells.BLANKS`), longest first: `——` before `—`.
_BLANK = "(?:" + "|".join(re.escape(b) for b in sorted(BLANKS - {""}, key=len, reverse=True)) + ")"


# The pieces of a line. Alternatives are tried in order at each position:
# text with digits that is no value (`第20条`, `（1）`, `2024年`), a list number (`2.` before a
# label), digits followed by a list number (`0000` of `00002.没有…`), a number, a printed
# blank, white space, and any other text. A number may have thousands separators (`1,000`),
# a sign (not right after a digit: `0-0` is a zero, a blank and a zero), the 2019 format's
# change word or unit of money. A mark between two Chinese characters is text (`本年增/减`),
# not a blank.
@cache
def _pieces() -> re.Pattern[str]:
    """Compiled on first use (not on import): only text in the flat layout needs it."""
    return re.compile(
        rf"""
        (?P<word>第\s*\d+\s*[条项款]|[（(]\d{{1,2}}[）)]|\d{{4}}\s*年)
        |(?P<numbered>\d[.．、](?=\s*[{_CJK}“"（(]))
        |(?P<number>
            \d+(?=\d[.．、]\s*[{_CJK}“"（(])
          |(?:{_CHANGE}|(?<!\d)[-－−+])?(?:[1-9]\d{{0,2}}(?:,\d{{3}})+(?!\d)|\d+(?:\.\d+)?)(?:{_UNIT})?
        )
        |(?P<blank>{_BLANK})
        |(?P<space>\s+)
        |(?P<text>(?:(?!{_BLANK})[^\d\s]|(?<=[{_CJK}])[/／\-－–—](?=[{_CJK}]))+)
        """,
        re.VERBOSE,
    )


# Where a label's numbering starts inside text that ran together: `（三）`, `四)`, `四、`, `一.`,
# `2.`; not the `（一）` of `第二十条第（一）项`.
@cache
def _numbering() -> re.Pattern[str]:
    """Compiled on first use (not on import): only text in the flat layout needs it."""
    return re.compile(
        rf"""
        (?<![第（(])[（(]?[一二三四五六七八九十]+[）)]
        |(?<!第)[一二三四五六七八九十]+[、.．](?=\s*[{_CJK}])
        |\d[.．、](?=\s*[{_CJK}])
        """,
        re.VERBOSE,
    )


@cache
def _leading_number() -> re.Pattern[str]:
    """Compiled on first use (not on import): only text in the flat layout needs it."""
    return re.compile(
        r"""
        ^\s*(?:
            [（(]?\s*(?:[一二三四五六七八九十]+|\d{1,2})\s*[）)]
            |(?:[一二三四五六七八九十]+|\d{1,2})\s*[、.．,，:：]
        )\s*
        """,
        re.VERBOSE,
    )


_DIGIT = re.compile(r"\d")


# A line that holds a row of this layout: a label, at most one space, then a number or a
# printed blank …
@cache
def _label_value() -> re.Pattern[str]:
    """Compiled on first use (not on import): tab tables, the most common, never need it."""
    return re.compile(rf"[{_CJK}）)”\"] ?(?:\d|{_BLANK})")


# … or numbers separated by single spaces; but not numbers in columns aligned with spaces
# (a run of spaces before a number: see _aligned).
@cache
def _values() -> re.Pattern[str]:
    """Compiled on first use (not on import): tab tables, the most common, never need it."""
    return re.compile(rf"(?<!\S)(?:\d+|{_BLANK}) (?:\d+|{_BLANK})(?!\S)")


@cache
def _gap() -> re.Pattern[str]:
    """Compiled on first use (not on import): tab tables, the most common, never need it."""
    return re.compile(rf"(?<=\S)( +)(?=\d|{_BLANK})")


# … and a line that holds two: a number, at most one space, then the next label.
@cache
def _value_label() -> re.Pattern[str]:
    """Compiled on first use (not on import): tab tables, the most common, never need it."""
    return re.compile(rf"\d ?(?:[{_CJK}（(]|\d[.．、][{_CJK}])")


def _aligned(line: str) -> bool:
    """Whether the numbers of ``line`` stand in columns: after runs of spaces, mostly."""
    runs = single = 0
    for gap in _gap().findall(line):
        if len(gap) == 1:
            single += 1
        else:
            runs += 1
    return runs > single


@cache
def _vocabulary(section: int) -> tuple[frozenset[str], dict[str, tuple[str, ...]]]:
    """The header words of a section's table, and its words by first character, longest first.

    Words are compacted (:func:`govreport.labels.compact`): header cells, group headings and
    row labels of the table.
    """
    headers: frozenset[str]
    labels: set[str] = set()
    if section == 2:  # both formats
        headers = ACTIVE_DISCLOSURE_HEADERS | ACTIVE_DISCLOSURE_2019_HEADERS
        for spec in (*ACTIVE_DISCLOSURE_ROWS, *ACTIVE_DISCLOSURE_2019_ROWS):
            labels.update(spec.labels)
    elif section == 3:
        headers = APPLICATION_HEADERS | frozenset(APPLICATION_GROUPS)
        for spec in (*APPLICATION_ROWS, OTHER_HANDLING_ROW):
            labels.update(spec.labels)
    elif section == 4:
        headers = REVIEW_LITIGATION_HEADERS
    else:
        return _vocabulary(2)[0] | _vocabulary(3)[0] | _vocabulary(4)[0], {
            k: v for n in (2, 3, 4) for k, v in _vocabulary(n)[1].items()
        }
    by_first: dict[str, list[str]] = {}
    for word in headers | labels:
        if word:
            by_first.setdefault(word[0], []).append(word)
    return headers, {
        first: tuple(sorted(words, key=len, reverse=True)) for first, words in by_first.items()
    }


def _cut_words(text: str, start: int, words: dict[str, tuple[str, ...]]) -> list[tuple[str, int]]:
    """Cut text that ran together where each of the format's words begins.

    Words are taken from the left, longest first, while the text goes on with another word
    of the format; a word followed by text the format does not know stays with that text
    (``其他法律法规禁止公开`` is one drifted label, not the header ``其他`` and a rest).
    """
    lead = _leading_number().match(text)
    begin = lead.end() if lead else 0
    kept = [i for i in range(begin, len(text)) if text[i].isalnum()]
    squeezed = "".join(text[i] for i in kept)
    cuts: list[int] = []
    j = 0
    while j < len(squeezed):
        for word in words.get(squeezed[j], ()):
            if squeezed.startswith(word, j):
                if j:
                    cuts.append(kept[j])
                j += len(word)
                break
        else:
            if cuts and j < len(squeezed):
                cuts.pop()  # the last word goes on with text the format does not know
            break
    pieces = []
    edges = [0, *cuts, len(text)]
    for a, b in itertools.pairwise(edges):
        piece = text[a:b]
        stripped = piece.strip()
        if stripped:
            pieces.append((stripped, start + a + len(piece) - len(piece.lstrip())))
    return pieces


def _cells(line: str, start: int, words: dict[str, tuple[str, ...]]) -> list[tuple[str, int, bool]]:
    """The cells of one line: (text, offset, whether it is a value)."""
    cells: list[tuple[str, int, bool]] = []
    text_start: int | None = None  # where the text being gathered begins in ``line``
    text_end = 0

    def close_text() -> None:
        nonlocal text_start
        if text_start is None:
            return
        chunk = line[text_start:text_end]
        first = text_start
        text_start = None
        bounds = [m.start() for m in _numbering().finditer(chunk) if m.start()]
        for a, b in zip([0, *bounds], [*bounds, len(chunk)], strict=True):
            for piece, offset in _cut_words(chunk[a:b], start + first + a, words):
                cells.append((piece, offset, False))

    for m in _pieces().finditer(line):
        kind = m.lastgroup
        if kind in ("text", "word", "numbered"):
            if text_start is None:
                text_start = m.start()
            text_end = m.end()
            continue
        if kind == "space":
            # Text goes on over a space (`4. 正当理 由大量反 复申请` is one label); header
            # words and labels separated by one are cut apart by the format's words.
            continue
        close_text()
        cells.append((m.group(), start + m.start(), True))
    close_text()
    return cells


class FlatExtractor:
    """Rows and cells of a table whose text ran together: rows cut at labels, not at lines."""

    name = "flat"
    priority = 1

    def score(self, block: Block) -> float:
        """Share of the block's lines with digits that hold a flattened row or two.

        A line counts when it has no tab (the separator of other layouts) and holds two rows
        or more: numbers run into the next label twice (``…0 二、上年结转…0 三、…``). A line
        whose numbers do not stand in columns (most of them after runs of spaces, as
        ``pdftotext -layout`` prints them) counts with one row
        already, when the label runs into its numbers (``规章000``, ``数量 524000056``), the
        numbers into the next label, or numbers stand one space apart (``0 0 0``).
        """
        stripped = stripped_lines(block)
        # Only lines with digits and no tab inside can count, picked at C speed: in a tab
        # table (the most common) there are none, and the score is 0 without a look at a line.
        # Nor can a line of digits alone (`0`, `12`: a cell-per-line table's values): each of
        # the three patterns below needs a character other than a digit.
        tabless = compress(stripped, map(not_, map(contains, stripped, repeat("\t"))))
        candidates = list(filter(_DIGIT.search, filterfalse(str.isdecimal, tabless)))
        if not candidates:
            return 0.0
        # A line counts only if one of the three patterns below matches in it. Each holds
        # its match within the line (its only look-arounds, `(?<!\S)` and `(?!\S)`, take a
        # stripped line's edges and the line breaks that join the lines alike), so a match
        # in a line is a match in the lines joined: when none of the three finds one there,
        # no line counts and the score is 0 (a cell-per-line block: `0`, `12`, one a line).
        # Three searches of the candidates at C speed, not four calls for each line.
        joined = "\n".join(candidates)
        if not (
            _label_value().search(joined)
            or _value_label().search(joined)
            or _values().search(joined)
        ):
            return 0.0
        # Lines with digits, tab or not: what the share is of.
        filled = len(list(filter(_DIGIT.search, stripped)))
        flat = 0
        for line in candidates:
            rows = _value_label().findall(line, 0)
            if len(rows) >= 2 or (
                not _aligned(line)
                and (rows or _label_value().search(line) or _values().search(line))
            ):
                flat += 1
        return flat / filled if filled else 0.0

    def extract(self, block: Block) -> Grid:
        """Rows cut where text follows numbers, at row numbering, and after header words."""
        headers, words = _vocabulary(block.section)
        rows: list[Row] = []
        cells: list[str] = []
        starts: list[int] = []
        has_value = False
        headers_only = True

        def close() -> None:
            nonlocal has_value, headers_only
            if cells:
                rows.append(Row(cells=tuple(cells), starts=tuple(starts)))
                cells.clear()
                starts.clear()
            has_value, headers_only = False, True

        for line, line_start in zip(block.lines, block.line_starts, strict=True):
            for text, offset, value in _cells(line, line_start, words):
                if not value:
                    header = compact(text) in headers
                    # A new row: text after numbers, a numbered label, a label after headers.
                    if cells and (has_value or is_numbered(text) or (headers_only and not header)):
                        close()
                    headers_only = headers_only and header
                else:
                    has_value = True
                cells.append(text)
                starts.append(offset)
        close()
        return tuple(rows)

    def render(self, rows: Sequence[Sequence[str]], *, rng: random.Random | None = None) -> str:
        """The inverse of :meth:`extract`: ``rows`` run together as scraped web text does.

        See :func:`render_flat`.
        """
        return render_flat(rows, rng=rng)

    # For govreport.testing: an empty cell leaves no trace in flattened text, so the printed
    # rows should print blanks as `/`, `—` ….
    render.empty_cells = False  # type: ignore[attr-defined]


def render_flat(rows: Sequence[Sequence[str]], *, rng: random.Random | None = None) -> str:
    """``rows`` of cell texts as flattened web text: the whole table on one line.

    Cells are separated by one space. With ``rng`` (layout noise) text runs into the
    numbers after it and numbers into the text after them (``规章0 0 0行政规范性文件…``),
    header words run together (``信息内容本年制发件数``), and some rows start a new line.
    Numbers never run into each other here: which readings digits that ran together admit
    is for :mod:`govreport.runs` to say, and its own tests print them so.
    """
    out: list[str] = []
    previous: str | None = None
    for row in rows:
        for cell in row:
            text = cell.strip()
            shown = _ARTIFACT.sub("", text)  # what normalization leaves of the cell
            if not shown:
                continue
            if previous is not None:
                if rng is None or (_is_value(previous) and _is_value(shown)):
                    out.append(" ")
                elif rng.random() < 0.15:
                    out.append("\n")
                elif rng.random() < 0.5:
                    out.append(" ")
            out.append(text)
            previous = shown
    return "".join(out)


_ARTIFACT = re.compile(r"\[bookmark: [^\]]*\]")


def _is_value(cell: str) -> bool:
    """Whether a printed cell is a value: digits (`12`, `-3`, `增加3`, `5万元`) or a blank."""
    return cell in BLANKS or any(char.isdigit() for char in cell)
