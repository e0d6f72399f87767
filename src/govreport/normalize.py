r"""Canonical text for the parser, with a map back to the decoded source.

The parser reads a *normalized* copy of the text, and every place it reports is mapped back
to the source as decoded, so that a user's editor jumps to the right character.

What normalization does, and why:

* Full-width digits ``０-９`` and the full-width full stop ``．`` become ASCII: Word and OCR
  output mix them freely (``１２`` and ``12`` are the same count).
* No-break and ideographic spaces (U+00A0, U+3000) become ASCII spaces; the table layouts
  use them as padding (``&nbsp;`` in converted pages).
* A lone ``\r`` becomes ``\n``; the ``\r`` of ``\r\n`` is removed.
* Conversion artifacts are removed: ``[bookmark: _GoBack]`` (left by docx-to-text tools in
  real reports, e.g. ``[bookmark: _GoBack]2024年，在县委…``), zero-width characters and stray
  byte-order marks.

Lines are never merged or split, so a line number in the normalized text is the line
number in the source; only columns shift, by the characters removed before them on the line.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from itertools import accumulate, chain, repeat
from operator import add

from .model import Place

__all__ = ["Normalized", "normalize"]

_FOLDS = {
    **{chr(0xFF10 + i): str(i) for i in range(10)},
    "\uff0e": ".",
    "\u00a0": " ",
    "\u3000": " ",
    "\r": "\n",
}
# Zero-width characters and stray byte-order marks, removed outright.
_ZERO_WIDTH = ("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff")

# Removed outright: the \r of \r\n (so that the folding above only ever sees a lone \r),
# `[bookmark: …]` artifacts, zero-width characters and stray byte-order marks.
_BOOKMARK = re.compile(r"\[bookmark: [^\]\r\n]*\]")
_ARTIFACT_STARTS = ("[bookmark: ", *_ZERO_WIDTH)

# Line breaks as the normalized text counts them (not str.splitlines, which also breaks at
# form feeds: pdftotext puts one at every page end, mid-line).
_LINE_BREAK = re.compile(r"\r\n|\r|\n")

# Places found by scanning the source (see `Normalized.place`) before its line starts are
# listed once for all: each scan costs about as much as a tenth of the list.
_SCANNED_PLACES = 8


def _line_starts(source: str) -> list[int]:
    r"""The offset of each line of ``source`` (lines end at ``\r\n``, ``\r`` or ``\n``)."""
    if "\r" in source:
        return [0, *(m.end() for m in _LINE_BREAK.finditer(source))]
    # Only `\n`: each line starts one past the end of the one before, summed at C speed.
    lengths = map(add, map(len, source.split("\n")), repeat(1))
    starts = list(accumulate(lengths, initial=0))
    del starts[-1]  # where a line after the last would start
    return starts


class Normalized:
    """Normalized text plus the offset map back to the decoded source text."""

    __slots__ = ("_cumulative", "_line_starts", "_places", "_positions", "source", "text")

    def __init__(self, text: str, source: str, removals: list[tuple[int, int]]) -> None:
        #: the normalized text the parser reads
        self.text = text
        #: the text as decoded from the bytes
        self.source = source
        # (normalized position, characters removed just before it), ascending.
        self._positions: list[int] = []
        self._cumulative: list[int] = []
        if removals:  # most reports have nothing removed
            self._positions = [p for p, _ in removals]
            self._cumulative = list(accumulate(n for _, n in removals))
        self._line_starts: list[int] | None = None
        self._places = 0  # places found by scanning, before the line starts are listed

    def source_offset(self, offset: int) -> int:
        """Map a 0-based offset in :attr:`text` to the same character in :attr:`source`."""
        i = bisect_right(self._positions, offset)
        return offset + (self._cumulative[i - 1] if i else 0)

    def place(self, offset: int) -> Place:
        """The 1-based line and column in the source of the character at ``offset``."""
        src = self.source_offset(offset)
        starts = self._line_starts
        if starts is None:
            source = self.source
            if "\r" not in source:
                # A report asks for a few places (its findings): counting the line breaks
                # before the character and finding the last one are two C scans, far
                # cheaper than listing every line start; the list is built (once) only
                # when many places are asked for, as when every cell is placed.
                self._places += 1
                if self._places <= _SCANNED_PLACES:
                    return Place(source.count("\n", 0, src) + 1, src - source.rfind("\n", 0, src))
            starts = _line_starts(source)
            self._line_starts = starts
        line = bisect_right(starts, src)
        return Place(line, src - starts[line - 1] + 1)

    def source_line(self, line: int) -> str:
        """The text of 1-based ``line`` in the source, without its line break."""
        lines = _LINE_BREAK.split(self.source)
        return lines[line - 1] if 0 < line <= len(lines) else ""


def normalize(source: str) -> Normalized:
    """Return the normalized copy of ``source`` with its offset map."""
    # Which characters to change, by one `in` per character: each is a C scan (memchr for
    # most), several times cheaper on CJK text than a regular expression's character class.
    folds = [char for char in _FOLDS if char in source]
    artifacts = [start for start in _ARTIFACT_STARTS if start in source]
    if artifacts:
        if "\r" in folds:
            artifacts.append("\r\n")
        text, removals = _remove(source, artifacts)
    elif "\r" in folds and "\r\n" in source:
        text, removals = _remove_crlf(source)
    elif not folds:  # most reports: nothing to change
        return Normalized(source, source, [])
    else:
        text, removals = source, []
    # One character for one, none of them produced by another: a C-speed `str.replace` per
    # character present (a `re.sub` calls back into Python for every one).
    for char in folds:
        text = text.replace(char, _FOLDS[char])
    return Normalized(text, source, removals)


def _remove_crlf(source: str) -> tuple[str, list[tuple[int, int]]]:
    r"""Remove the ``\r`` of every ``\r\n`` (and nothing else), at C speed."""
    parts = source.split("\r\n")
    # The n-th removed `\r` stood, in the normalized text, after the first n parts and the
    # n - 1 `\n` between them.
    ends = list(accumulate(map(add, map(len, parts), repeat(1)), initial=-1))
    return "\n".join(parts), list(zip(ends[1:-1], repeat(1)))


def _remove(source: str, starts: list[str]) -> tuple[str, list[tuple[int, int]]]:
    r"""Remove what begins with one of ``starts`` (a bookmark, a zero-width character, ``\r\n``)."""
    # Where a removal can start, found by C-speed `str.find` per kind (a character class
    # would test every character in Python's regex engine); a `[` not starting
    # `[bookmark: ` and a lone `\r` are never removed.
    offsets = sorted(chain.from_iterable(_find_all(source, start) for start in starts))
    removals: list[tuple[int, int]] = []
    parts: list[str] = []
    last = 0
    kept = 0
    for at in offsets:
        if at < last:
            continue  # inside a bookmark already removed
        if source[at] == "[":
            bookmark = _BOOKMARK.match(source, at)
            if bookmark is None:
                continue
            end = bookmark.end()
        else:
            end = at + 1
        parts.append(source[last:at])
        kept += at - last
        removals.append((kept, end - at))
        last = end
    if not removals:
        return source, removals
    parts.append(source[last:])
    return "".join(parts), removals


def _find_all(text: str, needle: str) -> Iterator[int]:
    """The offset of every occurrence of ``needle`` in ``text`` (they may overlap)."""
    at = text.find(needle)
    while at >= 0:
        yield at
        at = text.find(needle, at + 1)
