"""A TrueType font made at run time for the characters a test PDF prints.

A PDF that a reader can take text from needs a font whose characters map back to Unicode.
There may be no CJK font on the machine, and a test may not download one, so
:func:`font_file` builds a small one with fontTools: one glyph per character asked for, a
box outline (what a glyph looks like does not matter: the text layer is what is read), full
width (one em) for wide and full-width characters and half width for the others — the
metrics :func:`advance` gives, which the PDF layout measures text with. fpdf2 embeds a
subset of it with a ToUnicode map, so pdfplumber reads the characters back.

Fonts are written once per set of characters, to a temporary folder removed at exit.
"""

from __future__ import annotations

import atexit
import hashlib
import io
import shutil
import tempfile
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

__all__ = ["UNITS_PER_EM", "advance", "font_file"]

#: Font units per em of the generated fonts.
UNITS_PER_EM = 1000
_ASCENT, _DESCENT = 880, -120
_folder: Path | None = None


def advance(char: str) -> float:
    """The width of ``char`` in the generated fonts, in ems: 1 for wide characters, else 0.5."""
    return 1.0 if unicodedata.east_asian_width(char) in ("W", "F") else 0.5


def _glyph_name(char: str) -> str:
    return f"uni{ord(char):04X}" if ord(char) <= 0xFFFF else f"u{ord(char):X}"


def _box(width: int) -> Any:
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    pen = TTGlyphPen(None)
    inset = width // 10
    pen.moveTo((inset, -60))
    pen.lineTo((inset, 740))
    pen.lineTo((width - inset, 740))
    pen.lineTo((width - inset, -60))
    pen.closePath()
    return pen.glyph()


def _blank() -> Any:
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    return TTGlyphPen(None).glyph()


def font_bytes(chars: Iterable[str]) -> bytes:
    """A TrueType font (``.ttf`` bytes) with a glyph for each of ``chars``."""
    from fontTools.fontBuilder import FontBuilder

    wanted = sorted({c for c in chars if c.isprintable() or c in ("\u00a0", "\u3000")})
    names = [".notdef", *(_glyph_name(c) for c in wanted)]
    builder = FontBuilder(UNITS_PER_EM, isTTF=True)
    builder.setupGlyphOrder(names)
    builder.setupCharacterMap({ord(c): _glyph_name(c) for c in wanted})
    glyphs = {".notdef": _box(UNITS_PER_EM // 2)}
    metrics = {".notdef": (UNITS_PER_EM // 2, UNITS_PER_EM // 20)}
    for char in wanted:
        width = round(advance(char) * UNITS_PER_EM)
        empty = char.isspace()
        glyphs[_glyph_name(char)] = _blank() if empty else _box(width)
        metrics[_glyph_name(char)] = (width, 0 if empty else width // 10)
    builder.setupGlyf(glyphs)
    builder.setupHorizontalMetrics(metrics)
    builder.setupHorizontalHeader(ascent=_ASCENT, descent=_DESCENT)
    builder.setupNameTable({"familyName": "GovreportTestCJK", "styleName": "Regular"})
    builder.setupOS2(
        sTypoAscender=_ASCENT,
        sTypoDescender=_DESCENT,
        usWinAscent=_ASCENT,
        usWinDescent=-_DESCENT,
    )
    builder.setupPost()
    out = io.BytesIO()
    builder.save(out)
    return out.getvalue()


def font_file(chars: Iterable[str]) -> Path:
    """The path of a generated ``.ttf`` covering ``chars`` (made once per set of characters)."""
    return _font_file(frozenset(chars))


@lru_cache(maxsize=64)
def _font_file(chars: frozenset[str]) -> Path:
    global _folder
    if _folder is None:
        _folder = Path(tempfile.mkdtemp(prefix="govreport-fonts-"))
        atexit.register(shutil.rmtree, _folder, ignore_errors=True)
    digest = hashlib.sha1("".join(sorted(chars)).encode("utf-8", "surrogatepass")).hexdigest()
    path = _folder / f"cjk-{digest[:16]}.ttf"
    if not path.exists():
        path.write_bytes(font_bytes(chars))
    return path
