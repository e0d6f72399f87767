"""Web pages: tables with their spans expanded, the encoding from bytes and markup."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from attrs import evolve

import govreport
from govreport.readers.html import html_to_text, looks_like_html

from .conftest import SEED_FILES


def to_html(text: str, *, charset: str | None = "utf-8") -> str:
    """A page in the style of agency websites: text in <p>, tab rows as table rows."""
    meta = f'<meta charset="{charset}">' if charset else ""
    parts = [f"<!DOCTYPE html><html><head>{meta}<title>报告</title>"]
    parts.append("<script>var x = '<td>1</td>';</script><style>td{}</style></head><body>")
    in_table = False
    for line in text.split("\n"):
        if "\t" in line:
            if not in_table:
                parts.append('<table border="1">')
                in_table = True
            cells = "".join(
                f"<td>{html.escape(cell) if cell else '&nbsp;'}</td>" for cell in line.split("\t")
            )
            parts.append(f"<tr>{cells}</tr>")
        else:
            if in_table:
                parts.append("</table>")
                in_table = False
            if line.strip():
                parts.append(f"<p>{html.escape(line)}</p>")
    parts.append("</body></html>")
    return "\n".join(parts)


TAB_SEEDS = [p for p in SEED_FILES if p.stem.startswith(("000", "002"))]


@pytest.mark.parametrize("path", TAB_SEEDS, ids=[p.stem for p in TAB_SEEDS])
@pytest.mark.parametrize("charset", ["utf-8", "gb2312", "gbk"])
def test_seed_as_a_web_page_gives_the_same_tables(path: Path, charset: str) -> None:
    original = govreport.parse_file(path)
    page = to_html(path.read_text("utf-8"), charset=charset).encode(
        "gb18030" if charset != "utf-8" else "utf-8"
    )
    text, encoding = html_to_text(page)
    report = govreport.parse(text)
    assert encoding == ("utf-8" if charset == "utf-8" else "gb18030")
    assert report.active_disclosure == original.active_disclosure
    assert report.applications == original.applications
    assert report.review_litigation == original.review_litigation
    assert (report.agency, report.year) == (original.agency, original.year)


def test_a_merged_cell_is_one_cell_and_a_row_it_reaches_below_has_an_empty_one() -> None:
    page = (
        "<table><tr><td rowspan=2>三、本年度办理结果</td><td>（一）予以公开</td>"
        "<td colspan=2>x</td><td>1</td></tr>"
        "<tr><td>（二）部分公开</td><td>a</td><td>b</td><td>2</td></tr>"
        "<tr><td colspan=2 rowspan=2>c</td><td>3</td></tr><tr><td>4</td></tr></table>"
    ).encode()
    text, _ = html_to_text(page)
    assert text.split("\n")[:4] == [
        "三、本年度办理结果\t（一）予以公开\tx\t1",
        "\t（二）部分公开\ta\tb\t2",
        "c\t3\t\t",  # a row shorter than the table is padded with empty cells
        "\t4\t\t",
    ]


def test_a_blank_total_in_a_row_whose_label_spans_columns_is_read_as_blank() -> None:
    # `一、本年新收…` spans the three label columns, as the format prints it: the empty
    # cell at the end of the row is a blank, not the layout of a merged cell (the reader
    # used to print the merged slots as empty cells, and the row's values shifted).
    seed = TAB_SEEDS[0]
    original = govreport.parse_file(seed)
    text = seed.read_text("utf-8")
    row = next(line for line in text.split("\n") if line.startswith("一、本年新收"))
    cells = [cell for cell in row.split("\t") if cell]
    label, values = cells[0], cells[1:8]
    merged = (
        f'<tr><td colspan="3">{label}</td>'
        + "".join(f"<td>{v}</td>" for v in values[:-1])
        + "<td>&nbsp;</td></tr>"
    )
    page, replaced = re.subn(rf"<tr><td>{label}</td>.*?</tr>", merged, to_html(text))
    assert replaced == 1
    report = govreport.parse(page.encode("utf-8"), check=False)
    expected = evolve(original.applications.new_received, total=None)
    assert report.applications.new_received == expected
    assert [f.code for f in report.findings if f.severity != "info"] == []


def test_nbsp_and_empty_cells_are_blank_cells_not_zeros() -> None:
    text, _ = html_to_text(
        "<table><tr><td>行政许可</td><td>&nbsp;</td><td></td></tr></table>".encode()
    )
    assert text == "行政许可\t\t\n"


@pytest.mark.parametrize(
    ("cell", "text"),
    [
        ("结果<br>维持", "结果维持"),
        ("<p>本年收费金额</p><p>（单位：万元）</p>", "本年收费金额（单位：万元）"),
        ("1.<br>属于国家秘密", "1. 属于国家秘密"),
        ("Total<br/>count", "Total count"),
        ("结果\n  维持", "结果 维持"),  # white space in the markup is a space
    ],
)
def test_line_breaks_inside_a_cell_are_dropped_between_chinese_characters(
    cell: str, text: str
) -> None:
    read, _ = html_to_text(f"<table><tr><td>{cell}</td><td>3</td></tr></table>".encode())
    assert read == f"{text}\t3\n"


def test_scripts_and_styles_are_not_text() -> None:
    page = (
        "<html><head><script>alert('一、总体情况')</script></head><body><p>正文</p></body></html>"
    )
    text, _ = html_to_text(page.encode())
    assert text == "正文\n"


def test_http_equiv_content_type_declares_the_encoding() -> None:
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
        "</head><body><p>政府信息公开</p></body></html>"
    ).encode("gb18030")
    text, encoding = html_to_text(page)
    assert (text, encoding) == ("政府信息公开\n", "gb18030")


def test_bytes_that_break_the_declared_encoding_are_a_decode_error_with_the_offset() -> None:
    head = b'<html><head><meta charset="utf-8"></head><body><p>'
    page = head + "政府".encode("gb18030") + b"</p></body></html>"
    with pytest.raises(govreport.DecodeError) as caught:
        html_to_text(page)
    assert caught.value.offset == len(head)
    assert caught.value.encoding == "utf-8"


def test_a_page_without_a_declared_encoding_is_decoded_from_its_bytes() -> None:
    text, encoding = html_to_text("<p>政府信息公开工作年度报告</p>".encode("gb18030"))
    assert (text, encoding) == ("政府信息公开工作年度报告\n", "gb18030")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"<!DOCTYPE html><html>", True),
        (b"\xef\xbb\xbf<html lang='zh'>", True),
        (b"  <table><tr>", True),
        ("一、总体情况\n<p>".encode(), False),
        (b"plain text", False),
    ],
)
def test_html_is_recognised_by_its_content(data: bytes, expected: bool) -> None:
    assert looks_like_html(data) is expected


def test_parse_file_reads_a_web_page_by_its_content_whatever_its_name(tmp_path: Path) -> None:
    seed = TAB_SEEDS[0]
    page = tmp_path / "report.txt"  # the name says text; the content says HTML
    page.write_bytes(to_html(seed.read_text("utf-8")).encode("utf-8"))
    report = govreport.parse_file(page)
    original = govreport.parse_file(seed)
    assert report.applications == original.applications
    assert report.review_litigation == original.review_litigation
    assert report.encoding == "utf-8"
