"""The skeleton grammar through Lark: its parser, its errors, and the tables made from it.

:func:`govreport.skeleton.find_skeleton` needs two things that ``grammars/skeleton.lark``
decides: the regular expression of each terminal (what a heading or a title looks like),
and which sequences of token kinds the parser accepts, with the token that fills the title
slot and each heading's. Both are computed here with Lark and written, as Python, to
``_skeleton_tables.py``, so that reading a report imports neither Lark nor a cached parser
(together an eighth of the instructions of a one-file CLI run). Lark still parses every
sequence the tables do not accept, to say what was expected where; and when the tables are
stale against the grammar, :mod:`govreport.skeleton` does not use them and asks this module
for everything.

Regenerate the tables after changing the grammar (a test checks that they are current)::

    python -m govreport.skeleton_grammar
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from functools import cache
from itertools import compress, product
from typing import Any

from lark import Lark, Token, Transformer
from lark import __version__ as lark_version
from lark.exceptions import UnexpectedInput, UnexpectedToken
from lark.lexer import Lexer

from .errors import SkeletonError
from .normalize import Normalized
from .skeleton import (
    GRAMMAR_FOLDER,
    GRAMMAR_NAME,
    HEADING_KINDS,
    TITLE_KIND,
    Found,
    HeadingScanner,
    Verdict,
    describe_section,
    grammar_checksum,
    indent_width,
)

__all__ = [
    "LexInput",
    "ScannerLexer",
    "lark_verdict",
    "parser",
    "scannable_kinds",
    "skeleton_error",
    "tables",
    "tables_source",
    "write_tables",
]

#: The module the tables are written to, beside this one (govreport.skeleton imports it).
TABLES_MODULE = "_skeleton_tables"


class LexInput:
    """What the parser is given: the text, and a list the lexer reports repeats into.

    ``found`` is what :meth:`HeadingScanner.scan` found, when it was scanned beforehand;
    ``tokens`` collects the tokens given to the parser, in order.
    """

    __slots__ = ("found", "repeated", "text", "tokens")

    def __init__(self, text: str, found: Sequence[Found] | None = None) -> None:
        self.text = text
        self.found = found
        self.repeated: list[tuple[int, int]] = []
        self.tokens: list[Token] = []


class ScannerLexer(Lexer):
    """Lark's lexer for the grammar: the tokens a :class:`HeadingScanner` finds.

    The scanner is built from the grammar's own terminals (``lexer_conf.terminals``), so
    the grammar stays the one place that says what a heading looks like.
    """

    __future_interface__ = 0

    def __init__(self, lexer_conf: Any) -> None:
        self.scanner = HeadingScanner({t.name: t.pattern.to_regexp() for t in lexer_conf.terminals})

    def lex(self, data: LexInput) -> Iterator[Token]:  # type: ignore[override]
        """Yield the tokens of ``data.text``; record repeated headings in ``data.repeated``."""
        text = data.text
        found = data.found if data.found is not None else self.scanner.scan(text, data.repeated)
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


class _Tokens(Transformer[Token, Any]):
    """Collect the tokens; applied while parsing (LALR), so no tree is built."""

    def start(self, children: list[Token | None]) -> list[Token | None]:
        """The title token (``None`` when there is none), then the six headings."""
        return children


def _cache_file() -> str | bool:
    """Where Lark keeps the built parser: the user's own cache folder, never a shared one.

    Building the LALR tables takes ~60 ms; loading them ~10 ms. Lark's default cache lives
    in the system temp folder, where another user could plant a pickle, so the cache goes
    to ``$XDG_CACHE_HOME/govreport`` (``~/.cache``) and is skipped when that folder cannot
    be made. Lark checks the grammar's hash on loading, so a stale file is rebuilt, not used.
    """
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    folder = os.path.join(base, "govreport")
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
    except OSError:
        return False
    return os.path.join(folder, f"skeleton-lark-{lark_version}.cache")


@cache
def parser() -> Lark:
    """The LALR parser of ``grammars/skeleton.lark``, lexing with :class:`ScannerLexer`."""
    return Lark.open_from_package(
        "govreport",
        GRAMMAR_NAME,
        (GRAMMAR_FOLDER,),
        parser="lalr",
        lexer=ScannerLexer,
        transformer=_Tokens(),
        cache=_cache_file(),
    )


def _verdict(data: LexInput) -> Verdict:
    """Parse ``data``: which of its tokens is the title (or None), and which each heading.

    Raises Lark's :class:`UnexpectedInput` when the grammar rejects the tokens.
    """
    # With an inline transformer Lark returns what _Tokens.start returns, not a Tree.
    parsed: list[Token | None] = parser().parse(data)  # type: ignore[assignment]
    index = {id(token): i for i, token in enumerate(data.tokens)}
    title, *headings = parsed
    return (
        None if title is None else index[id(title)],
        tuple(index[id(token)] for token in headings),
    )


def lark_verdict(doc: Normalized, found: Sequence[Found]) -> Verdict:
    """Lark's verdict on the tokens ``found`` in ``doc``; :class:`SkeletonError` if rejected."""
    try:
        return _verdict(LexInput(doc.text, found))
    except UnexpectedInput as exc:
        raise skeleton_error(doc, exc) from None


def skeleton_error(doc: Normalized, exc: UnexpectedInput) -> SkeletonError:
    """The :class:`SkeletonError` that says where ``doc`` left the grammar, and what it wanted."""
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
    offset = token.start_pos + indent_width(token.value)
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


def scannable_kinds() -> Iterator[tuple[str, ...]]:
    """Every sequence of token kinds a :class:`HeadingScanner` can give.

    The title (or none) first, then headings in ascending order of section, each at most
    once: the scanner reads a heading whose section has begun as text.
    """
    headings = [HEADING_KINDS[n] for n in sorted(HEADING_KINDS)]
    for titled, *kept in product((False, True), *[(False, True)] * len(headings)):
        yield (TITLE_KIND,) * titled + tuple(compress(headings, kept))


def tables() -> tuple[dict[str, str], dict[tuple[str, ...], Verdict]]:
    """The terminals' regular expressions, and Lark's verdict on each accepted sequence.

    Every sequence of kinds the scanner can give is parsed; the rejected ones are left out
    (they go to Lark each time, for their error).
    """
    terminals = {t.name: t.pattern.to_regexp() for t in parser().lexer_conf.terminals}
    accepted = {}
    for kinds in scannable_kinds():
        try:
            accepted[kinds] = _verdict(LexInput("", [(kind, 0, 0) for kind in kinds]))
        except UnexpectedInput:
            continue
    return terminals, accepted


def tables_source() -> str:
    """The text of ``_skeleton_tables.py`` for the grammar as it is now."""
    terminals, accepted = tables()
    lines = [
        '"""What ``grammars/skeleton.lark`` gives the skeleton scanner, as Lark computed it.',
        "",
        "Generated by ``python -m govreport.skeleton_grammar``: do not edit. ``GRAMMAR_CRC32``",
        "is the checksum of the grammar these were made from; govreport.skeleton uses them",
        "only while the grammar's checksum is the same.",
        '"""',
        "",
        f"GRAMMAR_CRC32 = {grammar_checksum():#010x}",
        "",
        "#: Each terminal's regular expression, as Lark writes it.",
        "TERMINALS: dict[str, str] = {",
        *(f"    {name!r}: {regexp!r}," for name, regexp in sorted(terminals.items())),
        "}",
        "",
        "#: Each sequence of token kinds the grammar accepts: the index of the title token",
        "#: (None when the title slot is empty), then the index of each heading's token.",
        "ACCEPTED: dict[tuple[str, ...], tuple[int | None, tuple[int, ...]]] = {",
        *(f"    {kinds!r}: {verdict!r}," for kinds, verdict in accepted.items()),
        "}",
        "",
    ]
    return "\n".join(lines)


def write_tables() -> str:
    """Write ``_skeleton_tables.py`` beside this module; return its path."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), f"{TABLES_MODULE}.py")
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        out.write(tables_source())
    return path


if __name__ == "__main__":
    sys.stdout.write(f"wrote {write_tables()}\n")
