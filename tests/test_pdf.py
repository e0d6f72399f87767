"""PDF files: text and table cells by position; a scan without text is a clear error."""

from __future__ import annotations

import json

import pytest

import govreport
from govreport.readers.pdf import looks_like_pdf, pdf_to_text

from .conftest import CORPUS
from .test_seeds import assert_matches

HUAIAN_PDF = CORPUS / "huaian-2024" / "szfgs2024.pdf"


def _blank_pdf() -> bytes:
    """A valid one-page PDF with nothing on the page: what a scan looks like without OCR."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length 0 >>\nstream\n\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def test_a_pdf_without_text_is_a_decode_error_asking_for_ocr() -> None:
    with pytest.raises(govreport.DecodeError) as caught:
        govreport.parse(_blank_pdf())
    assert "no text layer" in caught.value.message
    assert caught.value.offset == 0


def test_a_broken_pdf_is_a_decode_error() -> None:
    with pytest.raises(govreport.DecodeError) as caught:
        pdf_to_text(b"%PDF-1.7\nnot really a pdf")
    assert "not a readable PDF" in caught.value.message


def test_pdfs_are_recognised_by_their_header() -> None:
    assert looks_like_pdf(_blank_pdf())
    assert not looks_like_pdf("一、总体情况 %PDF-".encode())


@pytest.mark.skipif(not HUAIAN_PDF.is_file(), reason=f"the shared corpus is absent ({HUAIAN_PDF})")
def test_the_real_city_report_pdf_gives_its_expected_values() -> None:
    # The hand-verified values of the city's report (verified against its pdftotext text,
    # which is the same document).
    expected = json.loads(
        (CORPUS / "huaian-2024" / "expected" / "pdftotext-layout.json").read_text("utf-8")
    )
    report = govreport.parse_file(HUAIAN_PDF)
    assert_matches(report, expected)
    assert set(report.extractors.values()) == {"tab"}
    assert [f for f in report.findings if f.severity is not govreport.Severity.INFO] == []
