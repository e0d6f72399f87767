"""``aligned``: a label wrapped above and below its row of numbers, whatever their widths.

A row whose label wraps around its line of numbers, with nothing of the label on that line,
shares no wide characters with the rows whose labels stand on their lines: in characters
(as pdftotext counts them) every row's values line up; in display width (a Chinese
character two columns) the labelled rows move right. The block must be read in characters
whatever the widths of the numbers and however they are aligned in their columns (left,
centred, right), and in display width when that is how it was aligned.
"""

from __future__ import annotations

import itertools

import pytest

from govreport.extractors import AlignedExtractor, Block

ALIGNED = AlignedExtractor()

# Found by test_properties.py::test_every_registered_layout_reads_back_what_it_printed_with_noise
FOUND = """第二十条第（一）项

信息内容    本年制发件数    本年废止件数    现行有效件数

规章       0      0      0

行政规范性
         1000   1000   1000
文件

第二十条第（五）项
"""

HEADER = "信息内容    本年制发件数    本年废止件数    现行有效件数"
NUMBERS = ["0", "7", "12", "100", "1000", "3,119", "96171"]


def read(text: str) -> list[tuple[str, ...]]:
    return [row.cells for row in ALIGNED.extract(Block.from_text(text, 0, len(text), section=2))]


def display_width(text: str) -> int:
    return sum(2 if "\u3000" <= c <= "\uffef" else 1 for c in text)


def wrapped_block(
    top: tuple[str, ...],
    wrapped: tuple[str, ...],
    *,
    align: str = "left",
    label: str = "规章",
    measure: str = "chars",
) -> str:
    """Section 二's first table with ``行政规范性文件`` wrapped around its numbers.

    The row labelled ``label`` prints ``top``; the wrapped row prints ``wrapped``. Columns
    are counted in ``measure`` (``chars`` as pdftotext, ``display`` as a terminal), each
    value column as wide as its widest number, the numbers aligned ``left``, ``centre`` or
    ``right`` in it.
    """
    width = len if measure == "chars" else display_width
    widths = [max(len(a), len(b)) for a, b in zip(top, wrapped, strict=True)]

    def cell(value: str, column: int) -> str:
        pad = column - len(value)
        before = {"left": 0, "centre": pad // 2, "right": pad}[align]
        return " " * before + value + " " * (pad - before + 3)

    def values(row: tuple[str, ...]) -> str:
        return "".join(cell(v, w) for v, w in zip(row, widths, strict=True)).rstrip()

    column = max(width(label), width("行政规范性"), width("文件")) + 4
    return "\n".join(
        [
            "第二十条第（一）项",
            "",
            HEADER,
            "",
            label + " " * (column - width(label)) + values(top),
            "",
            "行政规范性",
            " " * column + values(wrapped),
            "文件",
            "",
            "第二十条第（五）项",
            "",
        ]
    )


def test_the_found_block_reads_the_wrapped_label_with_its_numbers() -> None:
    assert read(FOUND) == [
        ("第二十条第（一）项", ""),
        ("信息内容", ""),
        ("本年制发件数", ""),
        ("本年废止件数", ""),
        ("现行有效件数", ""),
        ("规章", "0", "0", "0"),
        ("行政规范性", "文件", "1000", "1000", "1000"),
        ("第二十条第（五）项", ""),
    ]


@pytest.mark.parametrize("number", NUMBERS)
def test_numbers_of_any_width_keep_their_wrapped_label(number: str) -> None:
    # The same block with `0` over numbers of each width (the found block is `1000`).
    text = wrapped_block(("0", "0", "0"), (number, number, number))
    assert ("行政规范性", "文件", number, number, number) in read(text)
    assert ("规章", "0", "0", "0") in read(text)


@pytest.mark.parametrize("align", ["left", "centre", "right"])
@pytest.mark.parametrize("label", ["规章", "规", "其他规章", "规章a"])
def test_numbers_of_mixed_widths_keep_their_wrapped_label(align: str, label: str) -> None:
    # Every mix of widths in the three columns, under a labelled row of equal or mixed
    # widths, the numbers aligned in their columns as a PDF's cells align them.
    misread = []
    for top in (("0", "0", "0"), ("1000", "0", "12"), ("96171", "96171", "96171")):
        for wrapped in itertools.product(NUMBERS, repeat=3):
            rows = read(wrapped_block(top, wrapped, align=align, label=label))
            if ("行政规范性", "文件", *wrapped) not in rows or (label, *top) not in rows:
                misread.append((top, wrapped, rows))
    assert misread == []


@pytest.mark.parametrize("align", ["left", "centre", "right"])
@pytest.mark.parametrize("label", ["规章", "其他规章文件"])
def test_the_same_block_aligned_for_a_terminal_is_read_in_display_width(
    align: str, label: str
) -> None:
    # Aligned by display width, the labelled row's numbers stand left of the wrapped row's
    # when counted in characters. Its blank cell (spaces between two numbers) is placed
    # only when the block is measured as it was aligned.
    misread = []
    for top in (("1", "", "3"), ("1000", "", "12"), ("7", "", "96171")):
        for wrapped in itertools.product(NUMBERS[::2], repeat=3):
            rows = read(wrapped_block(top, wrapped, align=align, label=label, measure="display"))
            if ("行政规范性", "文件", *wrapped) not in rows or (label, *top) not in rows:
                misread.append((top, wrapped, rows))
    assert misread == []
