"""Rule N1: the numbers the narrative states, against the tables.

Section 一 (and the preface) usually restate the main figures in prose, e.g.::

    2024年，区政府办公室新受理政府信息公开申请103件，上年结转5件，已办结106件，结转到
    2025年继续办理2件，因政府信息公开引起的行政复议16件，行政诉讼5件。

Each statement found is compared with its table cell. The text sometimes counts
differently (a whole city against one office, cases against applicants), so a difference is
a warning (code ``N1``) that cites both places: the finding stands at the statement, its
path is the table cell, and the message gives the cell's line.

The fee of 信息处理费 stated in the text has no cell in the tables (section 二's 行政事业性收费
is another fee), so it is not compared.

Every quantity compared is a cell of section 三 or 四, which both formats (2019 and 2021)
print alike, so N1 checks reports in either format the same way.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from itertools import repeat

from attrs import frozen

from .cells import sum_counts
from .model import Finding, Report, Severity

__all__ = ["Statement", "check_narrative", "stated_figures", "statements"]

_STOP = r"[^，。；,;：:！？\n\d]"  # within one clause, before the number
# The words before the number (`mid`) are taken possessively, `{_STOP}{0,n}+`: they hold no
# digit, so the only length a match can give them ends at the first digit, and the engine
# takes them in one C loop rather than trying the number after each character, as a lazy
# `{0,n}?` does (a test checks that both find the same matches).


@frozen
class _Pattern:
    """A statement's regular expression, and the words that tell where it can match.

    Every match holds one of ``keys``. With ``starts``, every match also begins at one of
    the offsets ``starts[i]`` from a place of ``keys[i]``: the expression is then tried
    only there (see :meth:`matches`). Without, it is searched for in a text holding one of
    ``anchors`` (words it cannot match without) at a place of one of ``keys``: every match
    holds an anchor that begins with its key.
    """

    regex: re.Pattern[str]
    keys: tuple[str, ...]
    starts: tuple[tuple[int, ...], ...] | None = None
    anchors: tuple[str, ...] = ()

    def finditer(self, text: str) -> Iterable[re.Match[str]]:
        """The matches of ``regex.finditer(text)``, found as :meth:`matches` finds them."""
        return self.matches(text, _places(text, self.keys))

    def matches(self, text: str, places: Mapping[str, list[int]]) -> Iterable[re.Match[str]]:
        """``regex.finditer(text)``, given the ``places`` of (at least) this pattern's keys.

        Where a match can begin is known, so the expression is matched there, not searched
        for: its own search would test every character of the text, some ten times slower
        than the `str.find` that found the places. Tried in order and from the end of the
        last match on, as finditer does, it matches the same (a place where no match begins
        fails at once: the expression holds no look-behind).
        """
        starts = self.starts
        if starts is None:
            # A match holds an anchor where it holds its key: one `startswith` at each place
            # of a key tells, rather than a scan of the whole text for each anchor.
            startswith = text.startswith
            anchors = self.anchors
            for key in self.keys:
                for at in places.get(key, ()):
                    if startswith(anchors, at):
                        return self.regex.finditer(text)
            return ()
        candidates: list[int] = []
        for key, offsets in zip(self.keys, starts, strict=True):
            hits = places.get(key)
            if hits is not None:
                if offsets == (0,):
                    candidates += hits
                else:
                    candidates += [at + d for at in hits for d in offsets]
        if not candidates:
            return ()
        candidates.sort()
        match = self.regex.match
        found = []
        end = 0  # also skips the places before the text's start
        for at in candidates:
            if at >= end and (m := match(text, at)) is not None:
                end = m.end()
                found.append(m)
        return found


def _places(
    text: str, keys: Iterable[str], start: int = 0, end: int | None = None
) -> dict[str, list[int]]:
    """Where each of ``keys`` stands in ``text[start:end]`` (the keys it does not hold left out).

    The places are offsets in ``text``.
    """
    places = {}
    # Most keys are not in a text. `in` tells so without the argument parsing of a call to
    # find, which bounds its search only by parsing two more arguments: the part looked in
    # is cut out once, and only the keys it holds are found.
    part = text[start:end] if start or end is not None else text
    find = part.find
    for key in keys:
        if key in part:
            at = find(key)
            hits = places[key] = [start + at]
            at = find(key, at + 1)
            while at >= 0:
                hits.append(start + at)
                at = find(key, at + 1)
    return places


def _pattern(regex: str, keys: dict[str, tuple[int, ...]]) -> _Pattern:
    """A pattern whose matches begin at the given offsets from a place of one of ``keys``."""
    return _Pattern(re.compile(regex), tuple(keys), tuple(keys.values()))


def _led(verbs: tuple[str, ...], rest: str, keys: dict[str, tuple[int, ...]]) -> _Pattern:
    """A pattern that begins with one of ``verbs`` (then ``rest``), found by ``keys``.

    ``rest`` must not look behind: the expression is matched from the places ``keys`` give,
    not searched for. The tests check that each verb holds a key at an offset given.
    """
    return _pattern(f"(?:{'|'.join(verbs)}){rest}", keys)


@frozen
class _Quantity:
    name: str
    path: str
    label: str
    patterns: tuple[_Pattern, ...]
    value: Callable[[Report], int | None]
    excludes: tuple[str, ...] = ()
    requires: str = ""
    only: re.Pattern[str] | None = None
    """When given, the words between the verb and the number must match it in full."""
    cell: bool = True
    """Whether the quantity is the one cell at ``path`` (not a sum of cells)."""


def _at(path: str) -> Callable[[Report], int | None]:
    """The value at JSON ``path`` of a report, ``None`` where the report has no such cell."""
    names = path.removeprefix("$.").split(".")

    def value(report: Report) -> int | None:
        node: object = report
        for name in names:
            node = getattr(node, name, None)
        return node if isinstance(node, int) else None

    return value


_QUANTITIES: tuple[_Quantity, ...] = (
    _Quantity(
        "applications received",
        "$.applications.new_received.total",
        "本年新收政府信息公开申请数量 总计",
        # `新?受理` spelt out as two verbs: the expression is tried where a verb stands.
        (
            _led(
                ("新收", "收到", "新受理", "受理", "接收"),
                rf"(?P<mid>{_STOP}{{0,25}}+)(?P<n>\d+)\s*件",
                # Two words to look for, not five: 收 begins 收到 and ends 新收 and 接收.
                {"收": (-1, 0), "受理": (-1, 0)},
            ),
        ),
        lambda r: r.applications.new_received.total,
        excludes=("结转", "复议", "诉讼", "办结", "答复"),
        requires="申请",
    ),
    _Quantity(
        "applications carried over",
        "$.applications.carried_over.total",
        "上年结转政府信息公开申请数量 总计",
        (
            _pattern(
                rf"上一?年度?结转(?P<mid>{_STOP}{{0,12}}+)(?P<n>\d+)\s*件",
                {"结转": (-4, -3, -2)},  # 上一年度结转, 上一年结转 or 上年度结转, 上年结转
            ),
        ),
        lambda r: r.applications.carried_over.total,
    ),
    _Quantity(
        "applications completed",
        "$.applications.results.total.total",
        "（七）总计 总计",
        (
            _led(
                ("办结", "答复", "办理完毕"),
                rf"(?P<mid>{_STOP}{{0,12}}+)(?P<n>\d+)\s*件",
                {"办结": (0,), "答复": (0,), "办理完毕": (0,)},
            ),
        ),
        lambda r: r.applications.results.total.total,
        excludes=("复议", "诉讼", "率"),
        # `已办结106件` says nothing between the verb and the number; `办结群众反映问题118件`
        # is about something else. Between them: nothing, filler, or the word 申请.
        only=re.compile(r"[共了全部各类的依]*|.*申请.*"),
    ),
    _Quantity(
        "applications carried forward",
        "$.applications.carried_forward.total",
        "结转下年度继续办理 总计",
        (
            _pattern(
                rf"结转(?:到|至)?(?:下一?年度?|\d{{4}}\s*年度?)(?:继续办理)?(?P<mid>{_STOP}{{0,8}}+)"
                r"(?P<n>\d+)\s*件",
                {"结转": (0,)},
            ),
            # Its matches begin with the number, any length before the words: searched for.
            _Pattern(
                re.compile(
                    r"(?P<n>\d+)\s*件(?P<mid>[^，。；\n\d]{0,4}?)(?:顺延|结转)(?:到|至)下一?年"
                ),
                ("顺延", "结转"),
                anchors=("顺延到下", "顺延至下", "结转到下", "结转至下"),
            ),
        ),
        lambda r: r.applications.carried_forward.total,
    ),
    _Quantity(
        "administrative reviews",
        "$.review_litigation.review.total",
        "行政复议 总计",
        (_pattern(rf"行政复议(?P<mid>{_STOP}{{0,8}}+)(?P<n>\d+)\s*件", {"行政复议": (0,)}),),
        lambda r: r.review_litigation.review.total,
        excludes=("诉讼", "维持", "纠正"),
    ),
    _Quantity(
        "administrative lawsuits",
        "$.review_litigation.litigation_direct.total",
        "行政诉讼 总计 (未经复议直接起诉 + 复议后起诉)",
        (_pattern(rf"行政诉讼(?P<mid>{_STOP}{{0,8}}+)(?P<n>\d+)\s*件", {"行政诉讼": (0,)}),),
        lambda r: sum_counts(
            (
                r.review_litigation.litigation_direct.total,
                r.review_litigation.litigation_after_review.total,
            )
        ),
        excludes=("复议", "维持", "纠正"),
        cell=False,
    ),
    _Quantity(
        "normative documents in force",
        "$.active_disclosure.normative_documents.in_force",
        "行政规范性文件 现行有效件数",
        (
            _pattern(
                rf"现行有效(?:的)?(?:行政)?规范性文件(?P<mid>{_STOP}{{0,6}}+)(?P<n>\d+)\s*件",
                {"现行有效": (0,)},
            ),
        ),
        _at("$.active_disclosure.normative_documents.in_force"),
    ),
    _Quantity(
        "regulations in force",
        "$.active_disclosure.regulations.in_force",
        "规章 现行有效件数",
        (
            _pattern(
                rf"现行有效(?:的)?(?:政府)?规章(?P<mid>{_STOP}{{0,6}}+)(?P<n>\d+)\s*件",
                {"现行有效": (0,)},
            ),
        ),
        _at("$.active_disclosure.regulations.in_force"),
    ),
)

_TEXT_FIELDS = ("preface", "overview")


@frozen(kw_only=True)
class Statement:
    """A number the narrative states: what it counts, the words, and where they stand."""

    quantity: str
    value: int
    text: str
    field: str
    index: int
    path: str


def statements(report: Report) -> list[Statement]:
    """Every figure the preface and section 一 state that a table also holds."""
    found: list[Statement] = []
    for field in _TEXT_FIELDS:
        found.extend(_statements_in(getattr(report, field), field))
    return found


#: Every pattern with its quantity, in the order statements are told.
_PATTERNS = tuple((q, p) for q in _QUANTITIES for p in q.patterns)
#: The patterns (their places in _PATTERNS) that each key finds.
_FINDS: dict[str, list[int]] = {}
for _i, (_, _p) in enumerate(_PATTERNS):
    for _key in _p.keys:
        _FINDS.setdefault(_key, []).append(_i)
#: The keys of every pattern, each looked for once in a text.
_KEYS = tuple(_FINDS)


def _statements_in(text: str, field: str) -> list[Statement]:
    """The statements of ``text``, the text field ``field`` of a report."""
    return [_made(quantity, m, field) for quantity, m in _matches_in(text)]


#: The punctuation that ends a clause: no statement's words run across one (see _matches_in).
_CLAUSE_ENDS = ("，", "。")


def _matches_in(text: str) -> list[tuple[_Quantity, re.Match[str]]]:
    """The matches that make statements in ``text``, with their quantities, in order."""
    # Every statement counts 件: a text without it (an empty preface) states nothing.
    last = text.rfind("件")
    if last < 0:
        return []
    # The keys are looked for only where a statement can stand, not in the words on other
    # matters around it. Every match but one kind holds its key before a 件; that kind
    # (`2件顺延至下一年`) holds it after one, starting at most 5 characters after the 件
    # and 2 long: no key ending past the last 件 + 7 is in a match. No match holds a
    # clause's end (，。) either, so a key stands after the last one before the first 件
    # (the clause of a later 件 starts no earlier).
    first = text.find("件")
    start = max(map(text.rfind, _CLAUSE_ENDS, repeat(0), repeat(first))) + 1
    places = _places(text, _KEYS, start, last + 7)
    if not places:
        return []
    found = []
    # Only the patterns whose keys the text holds (most texts hold a few), in their order.
    for i in sorted(set().union(*map(_FINDS.__getitem__, places))):
        quantity, pattern = _PATTERNS[i]
        for m in pattern.matches(text, places):
            if _states(quantity, m):
                found.append((quantity, m))
    return found


def _states(quantity: _Quantity, m: re.Match[str]) -> bool:
    """Whether a match of one of ``quantity``'s patterns states it.

    The words between the subject and the figure (``mid``) must name the quantity, and
    must not name another.
    """
    mid = m["mid"]
    if quantity.requires not in mid or any(map(mid.__contains__, quantity.excludes)):
        return False
    return quantity.only is None or quantity.only.fullmatch(mid.strip()) is not None


def _statement(quantity: _Quantity, m: re.Match[str], field: str) -> Statement | None:
    """The statement a match of one of ``quantity``'s patterns makes, or ``None``."""
    return _made(quantity, m, field) if _states(quantity, m) else None


def _made(quantity: _Quantity, m: re.Match[str], field: str) -> Statement:
    """The statement of a match that states ``quantity`` (see :func:`_states`)."""
    return Statement(
        quantity=quantity.name,
        value=int(m["n"]),
        text=m.group(),
        field=field,
        index=m.start(),
        path=quantity.path,
    )


def stated_figures(text: str) -> dict[str, int]:
    """The figures ``text`` states that are one table cell each, by the JSON path of the cell.

    What the tables are read with when their digits ran together (:mod:`govreport.runs`): a
    reading that agrees with the text is the likelier. A cell the text states twice with
    different numbers is left out.
    """
    figures: dict[str, int] = {}
    doubtful: set[str] = set()
    for quantity, m in _matches_in(text):
        if not quantity.cell:
            continue
        value = int(m["n"])
        if figures.setdefault(quantity.path, value) != value:
            doubtful.add(quantity.path)
    return {path: value for path, value in figures.items() if path not in doubtful}


def check_narrative(report: Report) -> list[Finding]:
    """N1: a warning for each statement that differs from its table cell."""
    findings = []
    for field in _TEXT_FIELDS:
        for quantity, m in _matches_in(getattr(report, field)):
            table = quantity.value(report)
            value = int(m["n"])
            if table is None or table == value:
                continue
            provenance = report.provenance
            text_place = provenance.text_place(field, m.start()) if provenance else None
            cell_place = report.place(quantity.path)
            where = f" (line {cell_place.line})" if cell_place else ""
            findings.append(
                Finding(
                    code="N1",
                    severity=Severity.WARNING,
                    message=(
                        f"{quantity.name}: the text says {m.group()!r} ({value}) "
                        f"but the table's {quantity.label}{where} is {table}"
                    ),
                    path=quantity.path,
                    line=text_place.line if text_place else None,
                    column=text_place.column if text_place else None,
                )
            )
    return findings
