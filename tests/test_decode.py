"""Tests for govreport.decode: strict decoding of report bytes, and its errors."""

from __future__ import annotations

import codecs
import gzip
import io
import random
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import chardet
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govreport.decode import DecodedText, decode
from govreport.errors import DecodeError

SEEDS = Path(__file__).parent / "fixtures" / "seeds"
SEED_FILES = sorted(SEEDS.glob("*.txt"))


def _seed_text(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


def _gbk_encodable(path: Path) -> bool:
    try:
        _seed_text(path).encode("gbk")
    except UnicodeEncodeError:
        return False
    return True


# (id, how to encode the text, the encoding name decode() must report)
ENCODINGS: list[tuple[str, Callable[[str], bytes], str]] = [
    ("utf-8", lambda t: t.encode("utf-8"), "utf-8"),
    ("utf-8-bom", lambda t: t.encode("utf-8-sig"), "utf-8-sig"),
    ("gb18030", lambda t: t.encode("gb18030"), "gb18030"),
    ("gbk", lambda t: t.encode("gbk"), "gb18030"),
    ("utf-16-le-bom", lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"), "utf-16-le"),
    ("utf-16-be-bom", lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"), "utf-16-be"),
    ("utf-16-le", lambda t: t.encode("utf-16-le"), "utf-16-le"),
    ("utf-16-be", lambda t: t.encode("utf-16-be"), "utf-16-be"),
    ("utf-32-le-bom", lambda t: codecs.BOM_UTF32_LE + t.encode("utf-32-le"), "utf-32-le"),
    ("utf-32-be-bom", lambda t: codecs.BOM_UTF32_BE + t.encode("utf-32-be"), "utf-32-be"),
]

# Seed 001 contains U+00A0 (no-break space), which GBK cannot encode but GB18030 can, so
# the GBK case runs only for the seeds GBK can represent.
SEED_CASES = [
    pytest.param(path, encode, expected, id=f"{path.stem[:3]}-{name}")
    for path in SEED_FILES
    for name, encode, expected in ENCODINGS
    if name != "gbk" or _gbk_encodable(path)
]


def test_there_are_five_seeds_and_four_encode_in_gbk() -> None:
    assert len(SEED_FILES) == 5
    assert sum(map(_gbk_encodable, SEED_FILES)) == 4


@pytest.mark.parametrize(("path", "encode", "expected"), SEED_CASES)
def test_seed_reencoded_decodes_to_same_text_and_names_encoding(
    path: Path, encode: Callable[[str], bytes], expected: str
) -> None:
    text = _seed_text(path)
    result = decode(encode(text))
    assert result == DecodedText(text=text, encoding=expected)


def test_bom_is_removed_from_text() -> None:
    result = decode(codecs.BOM_UTF8 + "一、总体情况".encode())
    assert result.text == "一、总体情况"
    assert not result.text.startswith("\ufeff")


def test_empty_bytes_give_empty_utf8_text() -> None:
    assert decode(b"") == DecodedText(text="", encoding="utf-8")


def test_html_is_text_and_decodes_normally() -> None:
    html = "<!DOCTYPE html>\n<html><body><p>政府信息公开工作年度报告</p></body></html>\n"
    assert decode(html.encode("utf-8")) == DecodedText(text=html, encoding="utf-8")
    assert decode(html.encode("gb18030")) == DecodedText(text=html, encoding="gb18030")


# --- property: what is encoded comes back ---------------------------------------------

_CJK_PUNCTUATION = "，。、；：？！“”‘’《》（）【】〔〕「」—…·　"
report_like_text = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
        st.sampled_from("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"),
        st.sampled_from(_CJK_PUNCTUATION),
        st.just("\n"),
    )
)


@pytest.mark.parametrize(
    ("codec", "expected_names"),
    [
        ("utf-8", {"utf-8"}),
        ("utf-8-sig", {"utf-8-sig"}),
        ("utf-16", {"utf-16-le", "utf-16-be"}),  # with a BOM in the platform's byte order
    ],
)
@given(text=report_like_text)
def test_any_report_like_text_round_trips(codec: str, expected_names: set[str], text: str) -> None:
    result = decode(text.encode(codec))
    assert result.text == text
    assert result.encoding in expected_names


# --- invalid bytes: exact offsets ---------------------------------------------------------


def test_invalid_utf8_byte_gives_its_exact_offset() -> None:
    text = _seed_text(SEED_FILES[0])
    data = text.encode("utf-8")
    offset = len(text[:700].encode("utf-8"))  # a character boundary inside the report
    broken = data[:offset] + b"\xff" + data[offset:]
    with pytest.raises(UnicodeDecodeError):
        broken.decode("gb18030")  # premise: GB18030 cannot read it either
    with pytest.raises(DecodeError) as info:
        decode(broken)
    error = info.value
    assert isinstance(error, ValueError)
    assert error.offset == offset
    assert error.encoding == "utf-8"
    assert f"offset {offset}" in error.message
    assert "0xff" in error.message
    assert "[ff]" in error.message  # the bytes around it, in hex


@settings(max_examples=30, deadline=None)
@given(seed_index=st.integers(0, len(SEED_FILES) - 1), position=st.integers(0, 2000))
def test_invalid_utf8_byte_anywhere_gives_its_offset(seed_index: int, position: int) -> None:
    text = _seed_text(SEED_FILES[seed_index])
    data = text.encode("utf-8")
    offset = len(text[:position].encode("utf-8"))
    broken = data[:offset] + b"\xfe" + data[offset:]
    with pytest.raises(DecodeError) as info:
        decode(broken)
    assert (info.value.offset, info.value.encoding) == (offset, "utf-8")


def test_utf8_cut_off_in_a_character_gives_offset_of_its_first_byte() -> None:
    data = "政府信息公开".encode()
    broken = data[:-1]
    with pytest.raises(DecodeError) as info:
        decode(broken)
    assert (info.value.offset, info.value.encoding) == (len(data) - 3, "utf-8")
    assert "cut off" in info.value.message


def test_invalid_gb18030_byte_gives_its_exact_offset() -> None:
    text = _seed_text(SEED_FILES[2])
    data = text.encode("gb18030")
    offset = len(text[:900].encode("gb18030"))
    broken = data[:offset] + b"\x80" + data[offset:]
    with pytest.raises(DecodeError) as info:
        decode(broken)
    error = info.value
    assert isinstance(error, ValueError)
    assert error.offset == offset
    assert error.encoding == "gb18030"
    assert f"cannot decode as gb18030: byte 0x80 at offset {offset}" in error.message


def test_utf16_with_bom_cut_off_gives_offset_counted_from_the_start_of_the_data() -> None:
    data = codecs.BOM_UTF16_LE + "中文".encode("utf-16-le")
    with pytest.raises(DecodeError) as info:
        decode(data[:-1])
    assert (info.value.offset, info.value.encoding) == (4, "utf-16-le")


def test_utf32_bom_with_invalid_code_point_gives_its_offset() -> None:
    data = codecs.BOM_UTF32_BE + "中".encode("utf-32-be") + b"\x00\x11\x00\x00"
    with pytest.raises(DecodeError) as info:
        decode(data)
    assert (info.value.offset, info.value.encoding) == (8, "utf-32-be")


def test_decode_error_str_starts_with_the_offset() -> None:
    with pytest.raises(DecodeError) as info:
        decode(b"abc\xffdef")
    assert str(info.value).startswith("byte 3: ")


# --- binary data --------------------------------------------------------------------------


def test_bytes_with_nuls_are_binary_at_the_first_nul() -> None:
    data = b"abc\x00\x01\x02\x03def"
    with pytest.raises(DecodeError) as info:
        decode(data)
    assert (info.value.offset, info.value.encoding) == (3, None)
    assert "binary" in info.value.message


def test_packed_integers_are_binary_not_utf16() -> None:
    data = b"".join(i.to_bytes(4, "little") for i in range(1, 300))
    with pytest.raises(DecodeError) as info:
        decode(data)
    assert (info.value.offset, info.value.encoding) == (1, None)


def test_random_bytes_are_binary_at_the_first_nul() -> None:
    data = random.Random(20240607).randbytes(4096)
    with pytest.raises(DecodeError) as info:
        decode(data)
    assert info.value.offset == data.index(0)
    assert info.value.encoding is None
    assert "binary" in info.value.message


def test_utf32_without_bom_is_refused_as_binary() -> None:
    data = "一、总体情况\n".encode("utf-32-le")
    with pytest.raises(DecodeError) as info:
        decode(data)
    assert (info.value.offset, info.value.encoding) == (data.index(0), None)


def _zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "name"),
    [
        pytest.param(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", "PDF", id="pdf"),
        pytest.param(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\n", "PDF", id="ascii-pdf"),
        pytest.param(_zip_bytes(), "ZIP", id="zip"),
        pytest.param(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504), "Word", id="ole"),
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG", id="png"),
        pytest.param(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "JPEG", id="jpeg"),
        pytest.param(gzip.compress("政府信息公开".encode()), "GZIP", id="gzip"),
    ],
)
def test_known_binary_format_is_named_at_offset_zero(data: bytes, name: str) -> None:
    with pytest.raises(DecodeError) as info:
        decode(data)
    assert (info.value.offset, info.value.encoding) == (0, None)
    assert name in info.value.message
    assert "not text" in info.value.message


# --- chardet: only when needed ------------------------------------------------------------


def _refuse(*args: Any, **kwargs: Any) -> Any:
    raise AssertionError("chardet.detect must not be called")


@pytest.mark.parametrize("codec", ["utf-8", "gb18030", "utf-16-le"])
@pytest.mark.parametrize("path", SEED_FILES, ids=[p.stem[:3] for p in SEED_FILES])
def test_chardet_is_not_consulted_for_ordinary_reports(
    path: Path, codec: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(chardet, "detect", _refuse)
    text = _seed_text(path)
    assert decode(text.encode(codec)).text == text


def test_chardet_is_not_consulted_for_damaged_utf8(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(chardet, "detect", _refuse)
    with pytest.raises(DecodeError) as info:
        decode("政府信息公开".encode() + b"\xff")
    assert info.value.encoding == "utf-8"


# Big5 bytes decode as GB18030 without error, but into kana and symbols: 中 (Big5 A4 A4) is
# GB2312 hiragana ぃ. So the plausibility check must reject them and chardet must decide.
BIG5_SENTENCE = "中華民國政府資訊公開年度報告，本機關依法辦理資訊公開申請共計十二件。"


def test_big5_is_decoded_via_chardet(monkeypatch: pytest.MonkeyPatch) -> None:
    data = BIG5_SENTENCE.encode("big5")
    misread = data.decode("gb18030")  # premise: succeeds, but is not Chinese prose
    assert any("\u3040" <= ch <= "\u30ff" for ch in misread)

    calls: list[bytes] = []
    original = chardet.detect

    def spy(byte_str: bytes, *args: Any, **kwargs: Any) -> Any:
        calls.append(byte_str)
        return original(byte_str, *args, **kwargs)

    monkeypatch.setattr(chardet, "detect", spy)
    assert decode(data) == DecodedText(text=BIG5_SENTENCE, encoding="big5")
    assert calls == [data]


def test_chardet_guess_that_does_not_decode_strictly_is_not_used(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def ascii_guess(*args: Any, **kwargs: Any) -> dict[str, Any]:
        return {"encoding": "ascii", "confidence": 0.99, "language": None}

    monkeypatch.setattr(chardet, "detect", ascii_guess)
    data = BIG5_SENTENCE.encode("big5")
    with pytest.raises(DecodeError) as info:
        decode(data)
    # GB18030 reads these bytes, implausibly; UTF-8 is where the first bad byte is named.
    assert (info.value.offset, info.value.encoding) == (0, "utf-8")
    assert "gb18030" in info.value.message


def test_low_confidence_chardet_guess_is_not_used(monkeypatch: pytest.MonkeyPatch) -> None:
    def weak_guess(*args: Any, **kwargs: Any) -> dict[str, Any]:
        return {"encoding": "cp1252", "confidence": 0.1, "language": None}

    monkeypatch.setattr(chardet, "detect", weak_guess)
    data = "政府信息公开".encode("gb18030") + b"\x80abc"
    with pytest.raises(DecodeError) as info:
        decode(data)
    assert (info.value.offset, info.value.encoding) == (12, "gb18030")


@given(st.text())
def test_utf8_text_is_decoded_into_the_object_the_constructor_makes(text: str) -> None:
    data = text.encode("utf-8", "surrogatepass")
    try:
        expected = DecodedText(text=data.decode("utf-8"), encoding="utf-8")
    except UnicodeDecodeError:
        return
    if not data or data[0] in b"\x00%\x89\xefP\xd0\x1f\xfe\xff" or b"\x00" in data:
        return  # the magic numbers, BOMs and NULs take other paths
    decoded = decode(data)
    assert decoded == expected
    assert hash(decoded) == hash(expected)
    assert repr(decoded) == repr(expected)


def test_every_magic_number_and_bom_starts_with_a_marked_byte() -> None:
    from govreport import decode as module

    for prefix in module._MAGIC_PREFIXES + module._BOM_PREFIXES:
        assert prefix[0] in module._MARKED_FIRST_BYTES
