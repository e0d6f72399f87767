"""Find the title and the six numbered sections of a report (``grammars/skeleton.lark``).

The grammar fixes the order (front matter, then sections 一 to 六); :class:`SkeletonLexer`
turns the normalized text into a dozen tokens by matching the grammar's own terminal
patterns at line starts, and a Lark Transformer turns the parse tree into a
:class:`Skeleton` of offsets. Lark's answer depends only on the kinds of the tokens, so it
is remembered for each sequence of kinds it accepted (a few, bounded; see ``_ACCEPTED``).
A heading seen again after its section has begun (a running header, a repeated caption) is
read as text and listed in :attr:`Skeleton.repeated_headings` so that it can be reported
rather than silently dropped.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from functools import cache
from operator import itemgetter
from typing import Any

from attrs import frozen
from lark import Lark, Token, Transformer
from lark import __version__ as lark_version
from lark.exceptions import UnexpectedInput, UnexpectedToken
from lark.lexer import Lexer

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


# A token as the lexer finds it: the terminal's name, where it starts and where it ends.
_Found = tuple[str, int, int]

# The skeleton's objects, made from their fields' values in the order named (checked).
_section = _positional(Section, ("number", "heading", "heading_start", "body_start", "body_end"))
_title_info = _positional(TitleInfo, ("title", "agency", "year", "start", "end", "letterhead_end"))
_skeleton = _positional(Skeleton, ("title", "front_end", "sections", "repeated_headings"))

# --- Lexing ---------------------------------------------------------------------------------


class _LexInput:
    """What the parser is given: the text, and a list the lexer reports repeats into.

    ``found`` is what :meth:`SkeletonLexer.scan` found, when it was scanned beforehand;
    ``tokens`` collects the tokens given to the parser, in order.
    """

    __slots__ = ("found", "repeated", "text", "tokens")

    def __init__(self, text: str, found: list[_Found] | None = None) -> None:
        self.text = text
        self.found = found
        self.repeated: list[tuple[int, int]] = []
        self.tokens: list[Token] = []


class SkeletonLexer(Lexer):
    """Emit heading and title tokens where the grammar's patterns match a line, TEXT between.

    The patterns come from the grammar file itself (``lexer_conf.terminals``), so the
    grammar stays the one place that says what a heading looks like. Headings are looked
    for at every line start; the title only before the first heading, where the grammar
    can use it (a sentence naming the report later on is plain text either way).
    """

    __future_interface__ = 0

    def __init__(self, lexer_conf: Any) -> None:
        patterns = {t.name: t.pattern.to_regexp() for t in lexer_conf.terminals}
        headings = {
            int(name[-1]): patterns[name] for name in patterns if name.startswith("HEADING_")
        }
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
            self._numbers = {f"HEADING_{n}": n for n in headings}
            pattern = (
                "(?=[一二三四五六1-6])(?:"
                + "|".join(
                    f"(?=[{_NUMERALS[n]}{n}])(?P<HEADING_{n}>{headings[n]})"
                    for n in sorted(headings)
                )
                + ")"
            )
        self._headings = re.compile(r"\n[ \t#*]*+(?:" + pattern + ")")
        self._title = re.compile(r"\n(?=[^\n]*告)(?:" + patterns["TITLE"] + ")")
        # A heading inside a line (text scraped from a web page runs the whole report on a
        # few lines): its numeral must not follow a Chinese character, which would make it
        # part of a sentence (`详见二、主动公开政府信息情况`).
        # Where none stands so, one that does is taken (`…年度报告一、总体情况`). Most
        # reports put every heading at a line start: these are compiled when first needed.
        self._inline = headings

    def scan(self, text: str, repeated: list[tuple[int, int]]) -> list[_Found]:
        """Where the title and the headings stand: ``(terminal, start, end)`` in text order.

        ``end`` is exclusive. A heading seen after its section began is not a token: its
        (section number, offset) is added to ``repeated``.
        """
        padded = "\n" + text
        matches: list[_Found] = []
        numbers = self._numbers
        last_section = 0
        for m in self._headings.finditer(padded):
            start, end = m.span()
            number = numbers[m.lastgroup]  # type: ignore[index]
            if number <= last_section:
                # start is the newline, i.e. -1 in the padded text
                repeated.append((number, start + _indent(padded[start + 1 : end])))
                continue
            last_section = number
            matches.append((_KINDS[number], start, end - 1))
        if len(matches) < len(self._inline):
            matches = self._inline_headings(padded, matches)
        front_end = matches[0][1] + 1 if matches else len(padded)
        title = self._title.search(padded, 0, front_end)
        if title is not None:
            matches.insert(0, ("TITLE", title.start(), title.end() - 1))
        return matches

    def lex(self, data: _LexInput) -> Iterator[Token]:  # type: ignore[override]
        """Yield the tokens of ``data.text``; record repeated headings in ``data.repeated``."""
        text = data.text
        found = data.found if data.found is not None else self.scan(text, data.repeated)
        line = 1
        pos = 0
        for kind, start, end in found:
            line += text.count("\n", pos, start)
            # Positional (start_pos, line, column, end_line, end_column, end_pos): Lark's
            # Token takes keywords through two more calls.
            token = Token(kind, text[start:end], start, line, None, None, None, end)
            data.tokens.append(token)
            yield token
            pos = start

    def _inline_headings(self, padded: str, matches: list[_Found]) -> list[_Found]:
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
                found[number] = (f"HEADING_{number}", m.start() - 1, m.end() - 1)
        return [found[n] for n in sorted(found)]


#: The terminal of each section's heading, by section number.
_KINDS = {n: f"HEADING_{n}" for n in range(1, 7)}
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


def _indent(s: str) -> int:
    return len(s) - len(s.lstrip())


# --- Parsing --------------------------------------------------------------------------------


class _Tokens(Transformer[Token, Any]):
    """Collect the tokens; applied while parsing (LALR), so no tree is built."""

    def start(self, children: list[Token | None]) -> list[Token | None]:
        """The title token (``None`` when there is none), then the six headings."""
        return children


def _cache_file() -> str | bool:
    """Where Lark keeps the built parser: the user's own cache folder, never a shared one.

    Building the LALR tables takes ~60 ms, a third of a one-file CLI run; loading them takes
    ~10 ms. Lark's default cache lives in the system temp folder, where another user could
    plant a pickle, so the cache goes to ``$XDG_CACHE_HOME/govreport`` (``~/.cache``) and is
    skipped when that folder cannot be made. Lark checks the grammar's hash on loading, so a
    stale file is rebuilt, not used.
    """
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    folder = os.path.join(base, "govreport")
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
    except OSError:
        return False
    return os.path.join(folder, f"skeleton-lark-{lark_version}.cache")


@cache
def _parser() -> Lark:
    return Lark.open_from_package(
        "govreport",
        "skeleton.lark",
        ("grammars",),
        parser="lalr",
        lexer=SkeletonLexer,
        transformer=_Tokens(),
        cache=_cache_file(),
    )


_TITLE_PARTS = re.compile(
    r"^(?P<pre>.*?)(?P<year>(?:19|20)\d\d)年度?(?P<mid>.*?)(?:政府)?信息公开(?:工作)?年度报告"
)
_AGENCY_TRIM = re.compile(r"^[《“\"]+|(?:关于|的|[》”\"])+$")


def _trim_agency(name: str) -> str:
    """``name`` without the quotes before it and the 关于, 的 or quotes after it."""
    # What `_AGENCY_TRIM` removes starts the name or ends it (or stands before a final
    # newline): when neither end is such a character, two tests replace a scan of the name.
    if not name or (name[0] not in '《“"' and name[-1] not in '于的》”"\n'):
        return name
    return _AGENCY_TRIM.sub("", name)


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
            start = line_start + _indent(before[line_start:])
            words = agency_line.split() + words
    # title (`\s+` → " ", then strip()), agency, year, start, end, letterhead_end
    return _title_info(" ".join(words), agency, year, start, end, start)


@cache
def _lexer() -> SkeletonLexer:
    """The lexer :func:`find_skeleton` scans with, built from the grammar's own terminals."""
    return SkeletonLexer(_parser().lexer_conf)


# What Lark returned for each sequence of token kinds it accepted: the index of the title
# token (None when the title slot is empty) and a getter of the six headings' tokens. The
# LALR parser reads nothing but the kinds, so a report whose tokens are of the same kinds as
# one before gets the same answer: it is taken from here rather than by building tokens and
# running the parser again (a fifth of the cost of finding the skeleton). The lexer yields
# at most 2**7 sequences (an optional title, then headings in ascending order); the bound
# only guards that. A rejected sequence is parsed every time, for its error.
_Verdict = tuple[int | None, Callable[[list[_Found]], tuple[_Found, ...]]]
_ACCEPTED: dict[tuple[str, ...], _Verdict] = {}
_MAX_ACCEPTED = 256
_KIND = itemgetter(0)
_START = itemgetter(1)


def _parse(doc: Normalized, found: list[_Found]) -> tuple[_Found | None, tuple[_Found, ...]]:
    """The title token (or None) and the six heading tokens that the grammar's ``start`` gives."""
    kinds = tuple(map(_KIND, found))
    verdict = _ACCEPTED.get(kinds)
    if verdict is None:
        data = _LexInput(doc.text, found)
        try:
            # With an inline transformer Lark returns what _Tokens.start returns, not a Tree.
            parsed: list[Token | None] = _parser().parse(data)  # type: ignore[assignment]
        except UnexpectedInput as exc:
            raise _skeleton_error(doc, exc) from None
        index = {id(token): i for i, token in enumerate(data.tokens)}
        title, *headings = parsed
        verdict = (
            None if title is None else index[id(title)],
            itemgetter(*[index[id(token)] for token in headings]),
        )
        if len(_ACCEPTED) < _MAX_ACCEPTED:
            _ACCEPTED[kinds] = verdict
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
    title, headings = _parse(doc, _lexer().scan(text, repeated))
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


def _skeleton_error(doc: Normalized, exc: UnexpectedInput) -> SkeletonError:
    expected_headings = sorted(
        int(name[-1])
        for name in getattr(exc, "expected", ())
        if isinstance(name, str) and name.startswith("HEADING_")
    )
    wanted = expected_headings[0] if expected_headings else 1
    expected = f"the heading of {describe_section(wanted)}"
    token = exc.token if isinstance(exc, UnexpectedToken) else None
    if token is None or token.type == "$END":
        offset = len(doc.text.rstrip())
        place = doc.place(max(offset - 1, 0))
        if wanted == 1:
            message = (
                f"no heading of {describe_section(1)} found: "
                "this does not look like a 政府信息公开工作年度报告"
            )
        else:
            message = f"the text ends inside {describe_section(wanted - 1)}; expected {expected}"
        return SkeletonError(
            message,
            line=place.line,
            column=place.column,
            expected=expected,
            source_line=doc.source_line(place.line),
        )
    assert token.start_pos is not None
    offset = token.start_pos + _indent(token.value)
    place = doc.place(offset)
    found = (
        f"the heading of {describe_section(int(token.type[-1]))}"
        if token.type.startswith("HEADING_")
        else repr(token.value.strip()[:40])
    )
    return SkeletonError(
        f"expected {expected}, found {found}",
        line=place.line,
        column=place.column,
        expected=expected,
        source_line=doc.source_line(place.line),
    )
