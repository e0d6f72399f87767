"""Turn the raw bytes of a report into text, strictly, naming the encoding used.

Reports arrive as UTF-8 (most), GBK/GB2312/GB18030 (many older sites), UTF-16 (files saved
from Windows tools), and now and then something else entirely. :func:`decode` tries the
cheap, exact answers first and guesses only when they all fail:

1. **Known binary formats** (by magic number at offset 0: PDF, ZIP/DOCX/XLSX, OLE/legacy
   Word, PNG, JPEG, GZIP) are refused at once, naming the format, since the usual mistake is
   feeding the original download rather than its extracted text.
2. **Byte-order marks**: UTF-32 BOMs are checked before UTF-16 ones (``FF FE 00 00`` starts
   with the UTF-16-LE BOM), then the UTF-8 BOM. A BOM is a statement of intent, so the data
   is decoded with exactly that codec and the BOM is dropped from the text.
3. **Strict UTF-8**. Valid UTF-8 is almost never produced by accident from other encodings
   of Chinese text, and the check is one C-level ``bytes.decode``; a normal UTF-8 report
   therefore costs little more than that call.
4. **UTF-16 without a BOM**, only if the data contains NUL bytes (a single ``memchr``
   decides; text in any other encoding has none). ASCII characters in UTF-16 leave NULs at
   odd offsets (LE) or even offsets (BE); the first 2 KiB say which byte order to try first.
   NULs alone do not settle it, because common characters such as 开 (U+5F00) and 一
   (U+4E00) put a NUL on the other side, so each byte order is decoded strictly and kept
   only if it gives plausible text (no control characters, almost nothing outside the
   scripts a Chinese report uses); read in the wrong order, Chinese text turns into
   characters from all over Unicode. Data with NULs that fits neither order is binary, and
   is refused with the offset of its first NUL.
5. **Strict GB18030**, a superset of GB2312 and GBK. Nearly any run of high-bit byte pairs
   is "valid" GB18030, so a successful decode is accepted only if its first 2048 characters
   (about 4 KiB) are plausibly Chinese: no control characters (C0 besides tab, newline,
   carriage return and form feed; DEL; C1); at least half of the characters above U+00FF
   CJK ideographs; at most 2% outside the ideographs, CJK punctuation, full-width forms and
   the symbol blocks GB2312 offers. Big5 text, for example, decodes as GB18030 into kana
   and private-use characters and is rejected here. The counting runs at C speed (one
   regular-expression scan that finds nothing in ordinary text, plus ``bytes.translate``).
6. **chardet**, imported lazily (it is slow to import and to run), only when everything
   above failed. Its guess is used only with some confidence (above the 0.10 chardet gives
   when nothing fits), is decoded strictly, and must not produce control characters.
   chardet is skipped when the high-bit bytes are mostly well-formed UTF-8 sequences: that
   is UTF-8 with damage in it, and guessing a single-byte code page for it would only turn
   the damage into wrong text.

Nothing is ever decoded lossily (no ``errors="replace"`` or ``"ignore"``): a report whose
bytes cannot all be decoded raises :class:`~govreport.errors.DecodeError` with the byte
offset of the first bad byte under the most plausible encoding, so that a caller can point
at the damage rather than silently parse a corrupted count.
"""

from __future__ import annotations

import codecs
import re
from functools import cache
from typing import Final

from attrs import frozen

from govreport.errors import DecodeError
from govreport.model import _positional

__all__ = ["DecodedText", "decode"]


@frozen(kw_only=True)
class DecodedText:
    """Text decoded from bytes, and the encoding it was decoded with.

    ``text`` never contains a byte-order mark. ``encoding`` is a lower-case codec name:
    ``"utf-8"``, ``"utf-8-sig"`` (UTF-8 with a BOM), ``"utf-16-le"``, ``"utf-16-be"``,
    ``"utf-32-le"``, ``"utf-32-be"``, ``"gb18030"`` (also for GBK and GB2312 bytes), or the
    normalised Python codec name of chardet's guess, such as ``"big5"``.
    """

    text: str
    encoding: str


# Magic numbers of formats that people mistake for text reports.
_MAGIC: Final[tuple[tuple[bytes, str], ...]] = (
    (b"%PDF-", "a PDF file"),
    (b"PK\x03\x04", "a ZIP archive (or a DOCX/XLSX document, which are ZIP archives)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an OLE compound file (legacy Word .doc or Excel .xls)"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\x1f\x8b", "a GZIP archive"),
)
_MAGIC_PREFIXES: Final = tuple(magic for magic, _ in _MAGIC)

# Byte-order marks, longest first where one is a prefix of another.
_BOMS: Final[tuple[tuple[bytes, str, str], ...]] = (
    # (bom, codec used on the bytes after the BOM, name reported)
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
)
_BOM_PREFIXES: Final = tuple(bom for bom, _, _ in _BOMS)
# The first bytes of the magic numbers and BOMs: data starting with any other byte (a report
# starts with text) is neither, which one `in` tells rather than two `startswith` scans.
_MARKED_FIRST_BYTES: Final = bytes({prefix[0] for prefix in _MAGIC_PREFIXES + _BOM_PREFIXES})

_SNIFF_BYTES: Final = 2048  # bytes inspected for the UTF-16 NUL pattern
_SAMPLE_CHARS: Final = 2048  # characters (about 4 KiB of GBK) checked for plausibility

# C0 controls, DEL and C1 controls, which do not occur in text; \t \n \f \r are allowed.
_CONTROL: Final = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


# Characters outside what a Chinese report plausibly holds: anything but ASCII (tab, line
# breaks and printable), Latin-1, general punctuation, the symbol blocks GB2312 draws from
# (letterlike, number forms, arrows, maths, enclosed numbers, box drawing, shapes), CJK
# punctuation, enclosed CJK and CJK compatibility (㈠, ㎡), ideographs, vertical and
# full-width forms. Kana, Greek, Cyrillic, bopomofo, hangul and private use are suspicious;
# so are the control characters, which fall outside the set as well.
@cache
def _implausible() -> re.Pattern[str]:
    """Compiled on first use (not on import): only bytes that are not UTF-8 need it."""
    return re.compile(
        r"[^\t\n\r\f\x20-\x7e\xa0-\xff"
        r"\u2000-\u206f\u2100-\u22ff\u2460-\u24ff\u2500-\u26ff"
        r"\u3000-\u303f\u3200-\u33ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
        r"\ufe10-\ufe1f\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003134f]+"
    )


# High bytes of the UTF-16 code units of ideographs: CJK extension A and unified ideographs
# (U+3400-U+9FFF), compatibility ideographs (U+F900-U+FAFF), and surrogates, which in GB18030
# output are nearly always the supplementary-plane ideographs of rare names.
_IDEOGRAPH_BLOCKS: Final = bytes(range(0x34, 0xA0)) + b"\xf9\xfa" + bytes(range(0xD8, 0xE0))
_NOT_IDEOGRAPH_BLOCKS: Final = bytes(b for b in range(256) if b not in _IDEOGRAPH_BLOCKS)


# A lone ideograph between two Latin letters, as when Latin-1 "Straße" decodes as GB18030.
@cache
def _sandwiched() -> re.Pattern[str]:
    """Compiled on first use (not on import): only bytes that are not UTF-8 need it."""
    return re.compile(r"[A-Za-z][\u3400-\u9fff][A-Za-z]")


_HIGH_BYTES: Final = bytes(range(0x80, 0x100))

_GB_FAMILY: Final = frozenset({"gb2312", "gbk", "gb18030", "cp936"})
_MIN_CHARDET_CONFIDENCE: Final = 0.1  # chardet 7 answers "cp1252" at 0.10 when nothing fits


def decode(data: bytes) -> DecodedText:
    """Decode report bytes strictly, choosing the encoding as the module docstring explains.

    Empty input gives empty text in ``"utf-8"``. Raises
    :class:`~govreport.errors.DecodeError` (a :class:`ValueError`) for binary data and for
    bytes that no candidate encoding decodes without loss; its ``offset`` is the first bad
    byte and its ``encoding`` the candidate that was judged most plausible (``None`` for
    binary data).
    """
    if not data:
        return DecodedText(text="", encoding="utf-8")
    if data[0] in _MARKED_FIRST_BYTES:
        if data.startswith(_MAGIC_PREFIXES):
            raise _binary_format_error(data)
        if data.startswith(_BOM_PREFIXES):
            return _decode_with_bom(data)
    has_nul = b"\x00" in data
    if not has_nul:
        try:
            text = data.decode()  # UTF-8, without looking the codec's name up
        except UnicodeDecodeError:
            return _decode_legacy(data)
        return _decoded(text, "utf-8")
    return _decode_with_nuls(data)


# Most reports are UTF-8: their result is made through its slots (see model._positional),
# without attrs' keyword __init__.
_decoded = _positional(DecodedText, ("text", "encoding"))


def _decode_with_bom(data: bytes) -> DecodedText:
    """Decode data that starts with a byte-order mark with exactly that codec."""
    for bom, codec, name in _BOMS:
        if not data.startswith(bom):
            continue
        body = data[len(bom) :]
        try:
            return DecodedText(text=body.decode(codec), encoding=name)
        except UnicodeDecodeError as exc:
            # FF FE 00 00 could also be a UTF-16-LE BOM and U+0000, but text has no NULs.
            raise _undecodable(data, name, exc, base=len(bom)) from None
    raise AssertionError("unreachable: data starts with a BOM")  # pragma: no cover


def _decode_with_nuls(data: bytes) -> DecodedText:
    """Decode data with NUL bytes as UTF-16 without a BOM, or refuse it as binary."""
    sniff = data[:_SNIFF_BYTES]
    even = sniff[0::2].count(0)
    odd = sniff[1::2].count(0)
    order = ("utf-16-le", "utf-16-be") if odd >= even else ("utf-16-be", "utf-16-le")
    if len(data) % 2 == 0:
        for codec in order:
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                continue
            if _plausible_text(text[:_SAMPLE_CHARS]):
                return DecodedText(text=text, encoding=codec)
    first = data.index(b"\x00")
    raise DecodeError(
        f"the data looks binary, not like text: NUL byte at offset {first} "
        f"({_hex_context(data, first)}), and the data is not UTF-16 text either",
        offset=first,
    )


def _decode_legacy(data: bytes) -> DecodedText:
    """Decode non-UTF-8 data without NULs: GB18030 if plausible, else chardet's guess."""
    gb_text: str | None = None
    try:
        gb_text = data.decode("gb18030")
    except UnicodeDecodeError:
        pass
    else:
        if _plausible_chinese(gb_text[:_SAMPLE_CHARS]):
            return DecodedText(text=gb_text, encoding="gb18030")

    looks_utf8 = _looks_utf8(data)
    if not looks_utf8:
        guessed = _chardet_decode(data)
        if guessed is not None:
            return guessed

    # Nothing fits: report the first bad byte under the most plausible candidate.
    candidate = "gb18030" if gb_text is None and not looks_utf8 else "utf-8"
    try:
        data.decode(candidate)
    except UnicodeDecodeError as exc:
        error = _undecodable(data, candidate, exc)
    else:  # pragma: no cover - utf-8 failed in decode() and gb18030 failed above
        raise AssertionError("unreachable: candidate decoded")
    if gb_text is not None:
        error = DecodeError(
            error.message + "; it decodes as gb18030, but not into plausible Chinese text",
            offset=error.offset,
            encoding=error.encoding,
        )
    raise error


def _plausible_text(sample: str) -> bool:
    """Whether ``sample`` has no control characters and almost no unexpected scripts.

    At most 2% of the characters above U+00FF may lie outside the scripts and symbols of a
    Chinese report (see ``_implausible()``).
    """
    return _text_stats(sample) is not None


def _plausible_chinese(sample: str) -> bool:
    """Whether GB18030-decoded ``sample`` reads like a Chinese document.

    Besides :func:`_plausible_text`, at least half of the characters above U+00FF must be
    ideographs, and when Latin letters dominate, few ideographs may sit alone between two
    of them (the mark of Latin-1 accents read as GB18030 pairs).
    """
    stats = _text_stats(sample)
    if stats is None:
        return False
    wide, ideographs = stats
    if 2 * ideographs < wide:
        return False
    if 5 * wide < len(sample):  # mostly ASCII: could be Latin-1 text read as GB18030
        return 4 * len(_sandwiched().findall(sample)) <= ideographs
    return True


def _text_stats(sample: str) -> tuple[int, int] | None:
    """Count the wide (above U+00FF) characters and ideographs in ``sample``.

    Returns ``None`` if the sample has a control character or too many implausible ones.
    The counts work on the high bytes of the UTF-16 code units, which ``bytes.count`` and
    ``bytes.translate`` process at C speed (a supplementary character counts twice).
    """
    runs = _implausible().findall(sample)  # no match at all for ordinary report text
    if runs and _CONTROL.search("".join(runs)) is not None:
        return None
    blocks = sample.encode("utf-16-be")[0::2]
    wide = len(blocks) - blocks.count(0)
    if 50 * sum(map(len, runs)) > wide:
        return None
    return wide, len(blocks.translate(None, _NOT_IDEOGRAPH_BLOCKS))


def _chardet_decode(data: bytes) -> DecodedText | None:
    """Decode strictly with chardet's guess, or return None when that does not work."""
    import chardet  # slow to import: only when the cheap paths failed

    guess = chardet.detect(data)
    name = guess.get("encoding")
    confidence = guess.get("confidence") or 0.0
    if not isinstance(name, str) or not name or confidence <= _MIN_CHARDET_CONFIDENCE:
        return None
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    if codec in _GB_FAMILY:
        codec = "gb18030"
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    if _CONTROL.search(text) is not None:
        return None
    return DecodedText(text=text, encoding=codec)


def _looks_utf8(data: bytes) -> bool:
    """Whether the high-bit bytes in the first 4 KiB are mostly in well-formed UTF-8."""
    sample = data[:4096]
    high = len(sample) - len(sample.translate(None, _HIGH_BYTES))
    # Counting only: surrogateescape turns each byte that is not part of a well-formed UTF-8
    # sequence into one lone surrogate U+DC80-U+DCFF, whose UTF-16 high byte is 0xDC; valid
    # UTF-8 never yields surrogates. The decoded text is discarded.
    escaped = sample.decode("utf-8", "surrogateescape").encode("utf-16-be", "surrogatepass")
    invalid = escaped[0::2].count(0xDC)
    return high > 0 and 2 * (high - invalid) >= high


def _hex_context(data: bytes, offset: int, *, before: int = 4, after: int = 4) -> str:
    """Show the bytes around ``offset`` in hex, the one at ``offset`` in brackets."""
    start = max(offset - before, 0)
    end = min(offset + after + 1, len(data))
    shown = [
        f"[{byte:02x}]" if start + i == offset else f"{byte:02x}"
        for i, byte in enumerate(data[start:end])
    ]
    return f"bytes {start}..{end - 1}: {' '.join(shown)}"


def _undecodable(
    data: bytes, encoding: str, exc: UnicodeDecodeError, *, base: int = 0
) -> DecodeError:
    offset = base + exc.start
    byte = data[offset]
    truncated = exc.end + base >= len(data) and exc.reason in {
        "unexpected end of data",
        "incomplete multibyte sequence",
        "truncated data",
    }
    if encoding == "gb18030" and not 0x81 <= byte <= 0xFE:
        # Python calls a lone 0x80 or 0xff at the end an "incomplete multibyte sequence".
        problem = "is not valid (no GB18030 character starts with it)"
    elif truncated:
        problem = "starts a character that is cut off at the end of the data"
    else:
        problem = f"is not valid ({exc.reason})"
    return DecodeError(
        f"cannot decode as {encoding}: byte 0x{byte:02x} at offset {offset} {problem}; "
        f"{_hex_context(data, offset)}",
        offset=offset,
        encoding=encoding,
    )


def _binary_format_error(data: bytes) -> DecodeError:
    for magic, what in _MAGIC:
        if data.startswith(magic):
            return DecodeError(
                f"the data looks binary: this is {what}, not text "
                f"(it starts with {magic.hex(' ')}); extract the report's text first",
                offset=0,
            )
    raise AssertionError("unreachable: data starts with a magic number")  # pragma: no cover
