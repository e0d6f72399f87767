"""What a table cell holds: a count, a decimal, a blank, or text.

FORMAT.md: a cell's value is an integer count, or ``None`` where the printed cell is blank
(``""``, ``&nbsp;``, ``/``, ``-``, ``—`` are blanks, not zeros). Full-width digits are digits
(normalization has already made them ASCII). Anything else in a numeric cell is an error.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Final

__all__ = [
    "BLANKS",
    "COMMON_COUNTS",
    "NOT_A_COUNT",
    "count_or_marker",
    "is_blank",
    "is_page_number",
    "is_value_like",
    "parse_count",
    "parse_decimal",
    "stands_for_value",
    "sum_counts",
]

#: Printed forms of a blank cell. ``&nbsp;`` survives in text scraped from web pages.
BLANKS = frozenset({"", "/", "／", "-", "－", "—", "——", "–", "&nbsp;", "\\"})

# A number as tables print it: optional sign, digits with optional thousands separators
# (`3,119`), an optional decimal part (fees: `96171.6`). `1.` is a row number, not a value.
# ASCII and full-width digits only: `\d` would also take Arabic-Indic and other digits.
_D = "[0-9０-９]"
_NUMBER = re.compile(rf"[-+]?(?:{_D}{{1,3}}(?:,{_D}{{3}})+|{_D}+)(?:\.{_D}+)?")

# A number spoiled by OCR or a unit: `1O`, `5件`, `0.3万`. It stands where a value belongs,
# so it is read as a value that is not a count (and reported), not as part of the label.
# Row numbering (`1.` `3.其他` `2、重复申请`) is not one.
_SPOILT_NUMBER = re.compile(r"[-+]?\d[\d,.]*[^\d\s]{1,2}", re.ASCII)
_ROW_NUMBER = re.compile(r"\d{1,2}[.、．]\D|\d{1,2}[.、．]$", re.ASCII)


def is_blank(text: str) -> bool:
    """Whether ``text`` (already stripped) is a printed blank cell."""
    return text in BLANKS


@lru_cache(maxsize=4096)
def is_value_like(text: str) -> bool:
    """Whether ``text`` (stripped) is a number or a printed blank, not an empty cell."""
    return bool(text) and (text in BLANKS or _NUMBER.fullmatch(text) is not None)


# Page numbers that PDF text leaves between table rows: `-3-`, `- 4 -`, `第3页`, `3/6`.
_PAGE_NUMBER = re.compile(
    r"[-－—–]\s*\d+\s*[-－—–]|第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+"
)


def is_page_number(text: str) -> bool:
    """Whether ``text`` (stripped) is a page number such as ``-3-`` or ``第3页``."""
    return _PAGE_NUMBER.fullmatch(text) is not None


@lru_cache(maxsize=4096)
def stands_for_value(text: str) -> bool:
    """Whether ``text`` belongs in a value cell: a number, a blank, or a spoilt number.

    ``1O`` (OCR's letter O), ``5件`` and ``0.3万`` stand where values belong; they are not
    counts, and reading them as values lets the parser report them at their cell.
    """
    return is_value_like(text) or (
        _SPOILT_NUMBER.fullmatch(text) is not None
        and _ROW_NUMBER.match(text) is None
        and not is_page_number(text)
    )


def parse_count(text: str) -> int | None:
    """The count printed in ``text``, ``None`` for a blank; ``ValueError`` for anything else."""
    value = count_or_marker(text)
    if value is NOT_A_COUNT:
        raise ValueError(f"{text!r} is not a count")
    return value  # type: ignore[return-value]


#: What :func:`count_or_marker` returns for text that is not a count.
NOT_A_COUNT: Final = object()


# Tables repeat a handful of cell texts ("0", "1", "") hundreds of times a report.
@lru_cache(maxsize=4096)
def count_or_marker(text: str) -> int | object | None:
    """:func:`parse_count` that returns :data:`NOT_A_COUNT` instead of raising."""
    if text in BLANKS:
        return None
    if _NUMBER.fullmatch(text) is None or "." in text:
        return NOT_A_COUNT
    return int(text.replace(",", ""))


#: The counts most cells print (``0`` to ``999``, without separators) and the printed blanks,
#: by their text, as :func:`count_or_marker` reads them: a table made once per process, so
#: that a row of them is read by dict lookups alone (``map(COMMON_COUNTS.__getitem__, …)``).
COMMON_COUNTS: Final[dict[str, int | None]] = {
    **{str(n): n for n in range(1000)},
    **dict.fromkeys(BLANKS),
}


def sum_counts(values: Iterable[int | None]) -> int | None:
    """The sum of ``values``, or ``None`` when any of them is blank (a blank is not 0)."""
    total = 0
    for value in values:
        if value is None:
            return None
        total += value
    return total


def parse_decimal(text: str) -> Decimal | None:
    """The decimal printed in ``text``, ``None`` for a blank; ``ValueError`` otherwise."""
    if text in BLANKS:
        return None
    if _NUMBER.fullmatch(text) is None:
        raise ValueError(f"{text!r} is not a number")
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid decimals
        raise ValueError(f"{text!r} is not a number") from None
