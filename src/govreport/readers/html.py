"""Web pages: the text of an HTML report, its tables as tab-separated rows.

Most reports are published as web pages. This reader turns one into the text the parser
reads:

* the encoding comes from the bytes (a BOM), then ``<meta charset>`` or
  ``<meta http-equiv="Content-Type" content="…; charset=…">``, then
  :func:`govreport.decode.decode`; a declared encoding the bytes do not follow is a
  :class:`~govreport.errors.DecodeError` with the offset, never a lossy decode;
* each table row becomes one line of tab-separated cells, so the ``tab`` extractor reads
  it like any tab-separated table. A merged cell is one cell, as Word's tab export of a
  table prints it: the slots a ``colspan`` covers to its right are no cells, and each row a
  ``rowspan`` reaches below it has one empty cell in its place, which keeps the columns of
  those rows where they are. So every cell of a row is a cell the page prints, and the
  parser can tell an empty cell (a blank: ``&nbsp;``) from a merged one even at the edge
  of a row. Line breaks inside a cell (``<br>``, ``<p>``) are dropped between Chinese
  characters (``结果<br>维持`` is ``结果维持``) and are spaces elsewhere;
* block elements (``p``, ``div``, ``br``, ``h1``–``h6``, ``li``, …) end lines, and the text
  outside tables goes to the skeleton as usual; ``script``, ``style`` and ``head`` are
  skipped.

It needs nothing beyond the standard library (:mod:`html.parser`). Places reported for an
HTML report are lines and columns of this text, not of the markup.
"""

from __future__ import annotations

import codecs
import re

from ..decode import decode
from ..errors import DecodeError

__all__ = ["html_to_text", "looks_like_html"]

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_HTML_START = re.compile(
    rb"\s*(?:<!doctype\s+html|<html|<head|<meta|<body|<table|<div|<p[\s>])", re.I
)


def looks_like_html(data: bytes) -> bool:
    """Whether ``data`` is an HTML document (by its content, not a file name)."""
    start = data[:1024].lstrip(b"\xef\xbb\xbf")
    return _HTML_START.match(start) is not None


def _declared_encoding(data: bytes) -> str | None:
    m = _META_CHARSET.search(data[:4096])
    if m is None:
        return None
    name = m.group(1).decode("ascii").lower()
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    # GB2312 and GBK pages routinely use characters only GB18030 (their superset) names.
    return "gb18030" if codec in {"gb2312", "gbk", "gb18030"} else codec


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        decoded = decode(data)
        return decoded.text, decoded.encoding
    declared = _declared_encoding(data)
    if declared is None:
        decoded = decode(data)
        return decoded.text, decoded.encoding
    try:
        return data.decode(declared), declared
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 4].hex(" ")
        raise DecodeError(
            f"the page declares charset {declared}, but byte {exc.start} ({bad}) is not "
            f"valid in it",
            offset=exc.start,
            encoding=declared,
        ) from None


def html_to_text(data: bytes) -> tuple[str, str]:
    """The report text of an HTML page, and the encoding its bytes were decoded with."""
    # html.parser loads only for a web page: a one-file CLI run on a text file does without it.
    from ._html_reader import _Reader

    markup, encoding = _decode(data)
    reader = _Reader()
    reader.feed(markup)
    reader.close()
    return reader.text(), encoding
