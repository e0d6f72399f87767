"""PDF files: text and table cells by position; a scan without text is a clear error."""

from __future__ import annotations

import json
import re
from typing import Any

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


@pytest.mark.skipif(not HUAIAN_PDF.is_file(), reason=f"the shared corpus is absent ({HUAIAN_PDF})")
def test_the_real_city_reports_page_footers_are_not_in_its_text() -> None:
    text = pdf_to_text(HUAIAN_PDF.read_bytes())
    assert not re.search(r"^\s*-\s*\d+\s*-\s*$", text, re.MULTILINE)
    report = govreport.parse_file(HUAIAN_PDF)
    assert "page-number" not in {f.code for f in report.findings}


# --- PDFs made here, with a generated CJK font (govreport.testing's renderers) ------------------


def _fpdf_with_font(text: str) -> Any:
    from fpdf import FPDF

    from govreport.testing._font import font_file

    pdf = FPDF(format="A4", unit="mm")
    pdf.add_font("cjk", fname=str(font_file(text + "- 0123456789")))
    pdf.set_font("cjk", size=10.5)
    pdf.set_line_width(0.3)
    pdf.add_page()
    return pdf


def test_a_scan_with_an_image_and_no_text_layer_is_a_decode_error() -> None:
    from fpdf import FPDF
    from PIL import Image, ImageDraw

    page = Image.new("L", (600, 800), 255)
    draw = ImageDraw.Draw(page)
    for row in range(20):  # dark strokes where a scan shows lines of print
        draw.rectangle((60, 60 + 30 * row, 540, 72 + 30 * row), fill=0)
    pdf = FPDF(format="A4", unit="mm")
    pdf.add_page()
    pdf.image(page, x=10, y=10, w=190)
    data = bytes(pdf.output())
    assert b"/Image" in data
    with pytest.raises(govreport.DecodeError) as caught:
        govreport.parse(data)
    assert "no text layer" in caught.value.message


def test_a_merged_cell_is_one_cell_and_a_row_it_reaches_below_has_an_empty_one() -> None:
    pdf = _fpdf_with_font("三、办理结果一新收")
    # | 一、新收 (two columns) | 1 | blank |
    # | 三、办理结果 (two rows) | 2 | 3 | 4 |
    # |                             | 5 | 6 | 7 |
    pdf.rect(20, 20, 60, 10)
    pdf.rect(80, 20, 30, 10)
    pdf.rect(110, 20, 30, 10)
    pdf.text(22, 27, "一、新收")
    pdf.text(82, 27, "1")
    pdf.rect(20, 30, 30, 20)
    pdf.text(22, 42, "三、办理结果")
    for row, values in enumerate(("234", "567")):
        for column, value in enumerate(values):
            pdf.rect(50 + 30 * column, 30 + 10 * row, 30, 10)
            pdf.text(52 + 30 * column, 37 + 10 * row, value)
    lines = pdf_to_text(bytes(pdf.output())).split("\n")
    assert lines[:3] == ["一、新收\t1\t", "三、办理结果\t2\t3\t4", "\t5\t6\t7"]


def test_the_page_number_at_the_foot_of_a_page_is_left_out() -> None:
    pdf = _fpdf_with_font("一、总体情况正文")
    pdf.text(20, 20, "一、总体情况")
    pdf.text(20, 30, "正文")
    pdf.text(100, 285, "- 1 -")
    pdf.add_page()
    pdf.text(20, 20, "- 2 -")  # a page number alone at the head counts too
    pdf.text(20, 30, "正文")
    assert pdf_to_text(bytes(pdf.output())) == "一、总体情况\n正文\n正文\n"
