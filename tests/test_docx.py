"""Word files: paragraphs and tables in document order, merged cells expanded."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest

import govreport
from govreport.readers.docx import docx_to_text, looks_like_docx

from .conftest import SEED_FILES

TAB_SEEDS = [p for p in SEED_FILES if p.stem.startswith(("000", "002"))]


def to_docx(text: str) -> bytes:
    """A Word file with the report's lines as paragraphs and its tab rows as tables."""
    document = docx.Document()
    rows: list[list[str]] = []

    def flush() -> None:
        if not rows:
            return
        width = max(len(r) for r in rows)
        table = document.add_table(rows=len(rows), cols=width)
        for r, cells in enumerate(rows):
            for c, cell in enumerate(cells):
                table.cell(r, c).text = cell
        rows.clear()

    for line in text.split("\n"):
        if "\t" in line:
            rows.append(line.split("\t"))
            continue
        flush()
        document.add_paragraph(line)
    flush()
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.mark.parametrize("path", TAB_SEEDS, ids=[p.stem for p in TAB_SEEDS])
def test_seed_as_a_word_file_gives_the_same_report(path: Path, tmp_path: Path) -> None:
    original = govreport.parse_file(path)
    word = tmp_path / "report.docx"
    word.write_bytes(to_docx(path.read_text("utf-8")))
    report = govreport.parse_file(word)
    assert report.active_disclosure == original.active_disclosure
    assert report.applications == original.applications
    assert report.review_litigation == original.review_litigation
    assert (report.agency, report.year) == (original.agency, original.year)
    assert report.encoding is None


def test_a_merged_cell_is_one_cell_and_a_row_it_reaches_below_has_an_empty_one() -> None:
    document = docx.Document()
    table = document.add_table(rows=2, cols=4)
    table.cell(0, 0).merge(table.cell(1, 0)).text = "三、本年度办理结果"
    table.cell(0, 1).text = "（一）予以公开"
    table.cell(0, 2).merge(table.cell(0, 3)).text = "7"
    table.cell(1, 1).text = "（二）部分公开"
    table.cell(1, 2).text = "1"
    table.cell(1, 3).text = "2"
    out = io.BytesIO()
    document.save(out)
    assert docx_to_text(out.getvalue()).split("\n")[:2] == [
        "三、本年度办理结果\t（一）予以公开\t7",
        "\t（二）部分公开\t1\t2",
    ]


def test_a_blank_at_the_end_of_a_row_whose_label_spans_columns_is_a_blank() -> None:
    # The label spans the three label columns, as section 三 prints `一、本年新收…`: the
    # empty last cell is a blank total, not a slot of the merged label.
    document = docx.Document()
    document.add_paragraph("一、总体情况")
    table = document.add_table(rows=1, cols=10)
    table.cell(0, 0).merge(table.cell(0, 2)).text = "一、本年新收政府信息公开申请数量"
    for column, value in zip(range(3, 9), "123456", strict=True):
        table.cell(0, column).text = value
    out = io.BytesIO()
    document.save(out)
    lines = docx_to_text(out.getvalue()).split("\n")
    assert lines[1] == "一、本年新收政府信息公开申请数量\t1\t2\t3\t4\t5\t6\t"


def test_line_breaks_inside_a_cell_are_dropped_between_chinese_characters() -> None:
    document = docx.Document()
    table = document.add_table(rows=1, cols=4)
    table.cell(0, 0).text = "结果\n维持"
    table.cell(0, 1).text = "本年收费金额"
    table.cell(0, 1).add_paragraph("（单位：万元）")
    table.cell(0, 2).text = "Total\ncount"
    table.cell(0, 3).text = "3"
    out = io.BytesIO()
    document.save(out)
    assert "结果维持\t本年收费金额（单位：万元）\tTotal count\t3" in docx_to_text(out.getvalue())


def test_word_files_are_recognised_by_their_content() -> None:
    assert looks_like_docx(to_docx("一、总体情况\n"))
    assert not looks_like_docx(b"PK\x03\x04 not a zip")
    assert not looks_like_docx("一、总体情况".encode())


def test_a_zip_that_is_not_a_word_file_is_still_a_decode_error(tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "archive.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("data.txt", "x")
    with pytest.raises(govreport.DecodeError):
        govreport.parse_file(path)
