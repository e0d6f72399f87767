"""Find the title and the six numbered sections of a report (``grammars/skeleton.lark``).

The grammar fixes the order (front matter, then sections 一 to 六); :class:`HeadingScanner`
turns the normalized text into a few tokens by matching the grammar's own terminal patterns
at line starts, and the grammar's verdict on the sequence of their kinds says which token is
the title and which each heading. Lark's verdict depends only on those kinds, and the
scanner can give 128 sequences of them: :mod:`govreport.skeleton_grammar` has Lark compute
the terminals' patterns and its verdict on each accepted sequence, into
``_skeleton_tables.py``, so that reading a report neither imports Lark nor loads a parser.
A sequence the tables do not accept goes to Lark, which says what was expected where; and
tables made from another version of the grammar are not used (Lark is then asked for all).
A heading seen again after its section has begun (a running header, a repeated caption) is
read as text and listed in :attr:`Skeleton.repeated_headings` so that it can be reported
rather than silently dropped.
"""

from __future__ import annotations

import os
import re
import zlib
from collections.abc import Callable, Mapping
from functools import cache
from operator import itemgetter

from attrs import frozen

from .errors import SkeletonError
from .model import _positional
from .normalize import Normalized

__all__ = ["SECTION_TITLES", "Section", "Skeleton", "TitleInfo", "find_skeleton"]

#: The printed title of each section as the 2021 format words it, by section number.
SECTION_TITLES: dict[int, str] = {
    1: "总体情况",
    2: "主动公开政府信息情况",
    3: "收到和处理政府信息公开申请情况",
    4: "政府信息公开行政复议、行政诉讼情况",
    5: "存在的主要问题及改进情况",
    6: "其他需要报告的事项",
}

_NUMERALS = "〇一二三四五六"


def describe_section(number: int) -> str:
    """``"section 三 (收到和处理政府信息公开申请情况)"``."""
    return f"section {_NUMERALS[number]} ({SECTION_TITLES[number]})"


@frozen(kw_only=True)
class Section:
    """One numbered section: where its heading stands and where its body runs.

    Offsets index the normalized text; ``body_end`` is exclusive.
    """

    number: int
    heading: str
    heading_start: int
    body_start: int
    body_end: int


@frozen(kw_only=True)
class TitleInfo:
    """The title as printed, with the agency and year read from it."""

    title: str
    agency: str | None
    year: int | None
    start: int
    end: int
    letterhead_end: int
    """End of the letterhead: the text before the title (or before its agency line)."""


@frozen(kw_only=True)
class Skeleton:
    """Where the parts of a report stand in the normalized text."""

    title: TitleInfo | None
    front_end: int
    sections: tuple[Section, ...]
    repeated_headings: tuple[tuple[int, int], ...]
    """(section number, offset) of each heading read as text because its section had begun."""


# The skeleton's objects, made from their fields' values in the order named (checked).
_section = _positional(Section, ("number", "heading", "heading_start", "body_start", "body_end"))
_title_info = _positional(TitleInfo, ("title", "agency", "year", "start", "end", "letterhead_end"))
_skeleton = _positional(Skeleton, ("title", "front_end", "sections", "repeated_headings"))

# --- Scanning -------------------------------------------------------------------------------

#: The grammar: its folder in the package, its name, and its path.
GRAMMAR_FOLDER, GRAMMAR_NAME = "grammars", "skeleton.lark"
GRAMMAR_FILE = os.path.join(
    os.path.dirname(os.path.abspath(__file__)), GRAMMAR_FOLDER, GRAMMAR_NAME
)
#: The grammar's terminals: the title, and each section's heading by section number.
TITLE_KIND = "TITLE"
HEADING_KINDS = {n: f"HEADING_{n}" for n in range(1, 7)}

# A token as the scanner finds it: the terminal's name, where it starts and where it ends.
Found = tuple[str, int, int]
# The grammar's verdict on a sequence of tokens: the index of the title token (None when the
# title slot is empty), then the index of each heading's token, section by section.
Verdict = tuple[int | None, tuple[int, ...]]


class HeadingScanner:
    """Find where the grammar's heading and title patterns match a line; TEXT is between.

    ``patterns`` maps each terminal of the grammar to its regular expression.
    Headings are looked for at every line start; the title only before the first heading,
    where the grammar can use it (a sentence naming the report later on is plain text
    either way).
    """

    def __init__(self, patterns: Mapping[str, str]) -> None:
        headings = {n: patterns[kind] for n, kind in HEADING_KINDS.items() if kind in patterns}
        # Each pattern is tried only after a newline (the text is given a leading one). The
        # indentation is consumed once, possessively (a heading's own pattern then matches
        # none); every heading pattern starts with it and then a numeral, which no
        # indentation character is, so the matches are the same.
        alternatives = _numeral_first(headings)
        if alternatives is not None:
            # Every wording as one alternative that starts with its numeral: Python's re
            # passes over an alternative whose first character differs at the cost of one
            # comparison, so most lines (and table cells such as `\t1`) are left after a
            # few. A marker group at the end of each says whose it is.
            self._numbers = {f"_{i}": n for i, (n, _) in enumerate(alternatives)}
            pattern = "|".join(f"{alt}(?P<_{i}>)" for i, (_, alt) in enumerate(alternatives))
        else:
            # Each heading's pattern is tried only where its own numeral follows.
            self._numbers = {HEADING_KINDS[n]: n for n in headings}
            pattern = (
                "(?=[一二三四五六1-6])(?:"
                + "|".join(
                    f"(?=[{_NUMERALS[n]}{n}])(?P<{HEADING_KINDS[n]}>{headings[n]})"
                    for n in sorted(headings)
                )
                + ")"
            )
        self._headings = re.compile(r"\n[ \t#*]*+(?:" + pattern + ")")
        self._title = re.compile(r"\n(?=[^\n]*告)(?:" + patterns[TITLE_KIND] + ")")
        # A heading inside a line (text scraped from a web page runs the whole report on a
        # few lines): its numeral must not follow a Chinese character, which would make it
        # part of a sentence (`详见二、主动公开政府信息情况`).
        # Where none stands so, one that does is taken (`…年度报告一、总体情况`). Most
        # reports put every heading at a line start: these are compiled when first needed.
        self._inline = headings

    def scan(self, text: str, repeated: list[tuple[int, int]]) -> list[Found]:
        """Where the title and the headings stand: ``(terminal, start, end)`` in text order.

        ``end`` is exclusive. A heading seen after its section began is not a token: its
        (section number, offset) is added to ``repeated``.
        """
        padded = "\n" + text
        matches: list[Found] = []
        numbers = self._numbers
        last_section = 0
        for m in self._headings.finditer(padded):
            start, end = m.span()
            number = numbers[m.lastgroup]  # type: ignore[index]
            if number <= last_section:
                # start is the newline, i.e. -1 in the padded text
                repeated.append((number, start + indent_width(padded[start + 1 : end])))
                continue
            last_section = number
            matches.append((HEADING_KINDS[number], start, end - 1))
        if len(matches) < len(self._inline):
            matches = self._inline_headings(padded, matches)
        front_end = matches[0][1] + 1 if matches else len(padded)
        title = self._title.search(padded, 0, front_end)
        if title is not None:
            matches.insert(0, (TITLE_KIND, title.start(), title.end() - 1))
        return matches

    def _inline_headings(self, padded: str, matches: list[Found]) -> list[Found]:
        """Add the headings not found at a line start where they stand inside a line.

        Each missing heading is looked for between the headings before and after it, first
        match wins, in section order, so that one found bounds the search for the next.
        """
        found = {int(kind[-1]): (kind, start, end) for kind, start, end in matches}
        for number, pattern in sorted(self._inline.items()):
            if number in found:
                continue
            patterns = _inline_patterns(pattern)
            low = max((end for n, (_, _, end) in found.items() if n < number), default=0)
            high = min((start for n, (_, start, _) in found.items() if n > number), default=None)
            bounds = (low + 1, len(padded) if high is None else high + 1)
            m = patterns[0].search(padded, *bounds) or patterns[1].search(padded, *bounds)
            if m is not None:
                found[number] = (HEADING_KINDS[number], m.start() - 1, m.end() - 1)
        return [found[n] for n in sorted(found)]


# How a heading pattern starts, as Lark writes the grammar's `[ \t#*]*`.
_INDENT = "[ \t#*]*"


def _numeral_first(headings: dict[int, str]) -> list[tuple[int, str]] | None:
    """Each heading's wordings as patterns that start with the numeral, or None.

    Lark writes a terminal of several wordings as ``(?:<indent><numeral>…|<indent>…)``;
    its wordings are taken apart, without the indentation (consumed before them), when
    every one is a pattern of its own that starts with one of the section's numerals.
    Otherwise (a grammar written some other way) the caller tries the patterns whole.
    """
    alternatives = []
    for number, pattern in sorted(headings.items()):
        if not (pattern.startswith("(?:" + _INDENT) and pattern.endswith(")")):
            return None
        for alternative in pattern[3 + len(_INDENT) : -1].split("|" + _INDENT):
            if alternative[:1] not in (_NUMERALS[number], str(number)):
                return None
            if not _balanced(alternative):  # the split fell inside a group
                return None
            alternatives.append((number, alternative))
    return alternatives


def _balanced(pattern: str) -> bool:
    """Whether every group of ``pattern`` that opens also closes in it, and no other closes.

    Parentheses escaped or inside a character class are not groups. This is all that
    :func:`_numeral_first` needs to know of a piece, and costs a fraction of compiling it
    (a one-file run would compile a dozen patterns only to learn this).
    """
    depth = 0
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            # A class: `]` right after `[` or `[^` is a member, not its end.
            i += 2 if pattern.startswith("^", i + 1) else 1
            if pattern.startswith("]", i):
                i += 1
            while i < n and pattern[i] != "]":
                i += 2 if pattern[i] == "\\" else 1
            if i >= n:
                return False
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth < 0:
                return False
        i += 1
    return depth == 0


@cache
def _inline_patterns(pattern: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A heading's pattern inside a line: not after a Chinese character, then anywhere."""
    return re.compile(rf"(?<![\u4e00-\u9fff])(?:{pattern})"), re.compile(pattern)


def indent_width(s: str) -> int:
    """How many whitespace characters ``s`` starts with."""
    return len(s) - len(s.lstrip())


# --- The title ---------------------------------------------------------------------------

_TITLE_PARTS = re.compile(
    r"^(?P<pre>.*?)(?P<year>(?:19|20)\d\d)年度?(?P<mid>.*?)(?:政府)?信息公开(?:工作)?年度报告"
)


@cache
def _agency_trim() -> re.Pattern[str]:
    """Quotes before an agency, 关于, 的 or quotes after it: compiled on first use."""
    return re.compile(r"^[《“\"]+|(?:关于|的|[》”\"])+$")


def _trim_agency(name: str) -> str:
    """``name`` without the quotes before it and the 关于, 的 or quotes after it."""
    # What `_agency_trim()` removes starts the name or ends it (or stands before a final
    # newline): when neither end is such a character, two tests replace a scan of the name.
    if not name or (name[0] not in '《“"' and name[-1] not in '于的》”"\n'):
        return name
    return _agency_trim().sub("", name)


def _letterhead_agency(agency: str) -> str:
    """One agency where a letterhead ran into the title: ``岚皋县佐龙镇人民政府 佐龙镇人民政府``.

    Text scraped from a web page puts the letterhead and the title on one line, with or
    without a space between. When the agency is a name followed by the end of that same
    name (four characters or more), the fuller name is the agency.
    """
    for cut in range((len(agency) + 1) // 2, len(agency) - 3):
        if agency[:cut].endswith(agency[cut:]):
            return agency[:cut]
    return agency


def _read_title(start: int, end: int, text: str) -> TitleInfo:
    """Read agency and year; a title without an agency takes it from the line before."""
    # str.split() splits at what `\s` matches, at C speed (`\s+` is tried at every character).
    words = text[start:end].split()
    m = _TITLE_PARTS.match("".join(words))
    agency = year = None
    if m is not None:
        pre, printed_year, mid = m.groups()
        year = int(printed_year)
        agency = _trim_agency(pre) or _trim_agency(mid) or None
        # The name repeated is four characters or more: when the last four stand nowhere
        # before in the agency (most agencies), no cut can succeed.
        if agency is not None and agency[-4:] in agency[:-4]:
            agency = _letterhead_agency(agency)
    if agency is None:
        # A split title: `佐龙镇人民政府` on one line, `2024年度信息公开工作年度报告` on the next.
        before = text[:start].rstrip()
        line_start = before.rfind("\n") + 1
        agency_line = before[line_start:].strip()
        if agency_line:
            agency = _trim_agency(agency_line) or None
            start = line_start + indent_width(before[line_start:])
            words = agency_line.split() + words
    # title (`\s+` → " ", then strip()), agency, year, start, end, letterhead_end
    return _title_info(" ".join(words), agency, year, start, end, start)


# --- Parsing --------------------------------------------------------------------------------


def grammar_checksum() -> int:
    """The CRC-32 of the grammar file's bytes, which the tables record as their origin."""
    with open(GRAMMAR_FILE, "rb") as grammar:
        return zlib.crc32(grammar.read())


# A verdict as find_skeleton applies it: the title's index, and a getter of the headings.
_Getters = tuple[int | None, Callable[[list[Found]], tuple[Found, ...]]]


@cache
def _tables() -> tuple[HeadingScanner, dict[tuple[str, ...], _Getters]]:
    """The scanner, and the verdict on each sequence of token kinds the grammar accepts.

    From ``_skeleton_tables.py`` when it was made from the grammar as it is; otherwise
    computed by Lark now (a grammar changed and the tables not made again).
    """
    from . import _skeleton_tables as made

    try:
        current = grammar_checksum() == made.GRAMMAR_CRC32
    except OSError:  # the grammar cannot be read here: Lark, reading it its own way, decides
        current = False
    if current:
        terminals, accepted = made.TERMINALS, made.ACCEPTED
    else:
        from .skeleton_grammar import tables

        terminals, accepted = tables()
    return HeadingScanner(terminals), {
        kinds: (title, itemgetter(*headings)) for kinds, (title, headings) in accepted.items()
    }


_KIND = itemgetter(0)
_START = itemgetter(1)


def _parse(
    doc: Normalized, found: list[Found], accepted: dict[tuple[str, ...], _Getters]
) -> tuple[Found | None, tuple[Found, ...]]:
    """The title token (or None) and the six heading tokens that the grammar's ``start`` gives.

    ``accepted`` is the verdict on each sequence of token kinds the tables accept.
    """
    verdict = accepted.get(tuple(map(_KIND, found)))
    if verdict is None:
        # Rejected (or unknown to the tables): Lark parses the tokens, and says what it
        # expected where when it rejects them.
        from .skeleton_grammar import lark_verdict

        title_index, indexes = lark_verdict(doc, found)
        verdict = (title_index, itemgetter(*indexes))
    title_index, headings_of = verdict
    return None if title_index is None else found[title_index], headings_of(found)


def find_skeleton(doc: Normalized) -> Skeleton:
    """Find the title and the six sections of ``doc``, or raise :class:`SkeletonError`."""
    text = doc.text
    if not text or text.isspace():  # as `not text.strip()`, without copying the text
        raise SkeletonError(
            "the document is empty",
            line=1,
            column=1,
            expected=f"the heading of {describe_section(1)}",
        )
    repeated: list[tuple[int, int]] = []
    scanner, accepted = _tables()
    title, headings = _parse(doc, scanner.scan(text, repeated), accepted)
    # Each section's body runs to the next heading, the last one's to the end of the text.
    body_ends = [*map(_START, headings[1:]), len(text)]
    sections = []
    for number, (_, start, end), body_end in zip(range(1, 7), headings, body_ends, strict=True):
        printed = text[start:end].lstrip()  # the heading starts after its indentation
        sections.append(_section(number, printed.rstrip(), end - len(printed), end, body_end))
    return _skeleton(
        None if title is None else _read_title(title[1], title[2], text),
        sections[0].heading_start,
        tuple(sections),
        tuple(repeated),
    )
