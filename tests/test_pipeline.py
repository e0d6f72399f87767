"""The pipeline's own shortcuts agree with the general path they skip."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from govreport.pipeline import _may_be_a_document
from govreport.readers.docx import looks_like_docx
from govreport.readers.html import looks_like_html
from govreport.readers.pdf import looks_like_pdf

# Byte order marks, white space and the starts of each reader's format, in any order.
_PIECES = st.sampled_from(
    [
        b"\xef\xbb\xbf",
        b"\xef",
        b"\xbb",
        b" ",
        b"\t",
        b"\n",
        b"\r",
        b"\x0b",
        b"\x0c",
        b"\xa0",
        b"<html>",
        b"<!DOCTYPE html>",
        b"<p>",
        b"<table",
        b"%PDF-1.7",
        b"%",
        b"PK\x03\x04",
        b"P",
        "政府信息公开".encode(),
        b"x",
    ]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(_PIECES, max_size=8).map(b"".join))
@example(b" \xef\xbb\xbf<html>")
@example(b"\xef\xbb\xbf \n%PDF-1.4")
@example(b"\x0c<div>")
@example(b" " * 2000 + b"<html>")
def test_what_may_be_no_document_is_none_of_the_readers_formats(data: bytes) -> None:
    if not _may_be_a_document(data):
        assert not looks_like_html(data)
        assert not looks_like_docx(data)
        assert not looks_like_pdf(data)
