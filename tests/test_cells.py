"""What a table cell holds (govreport.cells) and how labels are compacted (labels.compact)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govreport.cells import is_blank, is_value_like, parse_count, parse_decimal
from govreport.labels import compact

# The printed forms of a blank cell that FORMAT.md names.
FORMAT_BLANKS = ["", "&nbsp;", "/", "-", "—"]


# --- parse_count ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [("0", 0), ("7", 7), ("41", 41), ("103", 103), ("920", 920), ("007", 7), ("96171", 96171)],
)
def test_parse_count_reads_plain_integers(text: str, expected: int) -> None:
    assert parse_count(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("3,119", 3119), ("1,000", 1000), ("12,345,678", 12345678)],
)
def test_parse_count_reads_thousands_separators(text: str, expected: int) -> None:
    assert parse_count(text) == expected


@pytest.mark.parametrize("text", FORMAT_BLANKS)
def test_parse_count_reads_a_printed_blank_as_none(text: str) -> None:
    assert parse_count(text) is None


def test_parse_count_keeps_a_printed_zero_distinct_from_a_blank() -> None:
    assert parse_count("0") == 0
    assert parse_count("0") is not None
    assert parse_count("") is None


def test_parse_count_reads_full_width_digits() -> None:
    assert parse_count("０１２") == 12


@pytest.mark.parametrize(
    "text",
    ["1.5", "abc", "1.", "1O", "5件", "1,23", "3,1190", "1 2", "0.0", "十", "约5"],
)
def test_parse_count_rejects_what_is_not_a_count(text: str) -> None:
    with pytest.raises(ValueError, match="not a count"):
        parse_count(text)


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=0, max_value=10**12))
def test_parse_count_reads_any_non_negative_integer_with_or_without_separators(n: int) -> None:
    assert parse_count(str(n)) == n
    assert parse_count(f"{n:,}") == n


# --- parse_decimal --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0", Decimal("0")),
        ("0.35", Decimal("0.35")),
        ("96171.6", Decimal("96171.6")),
        ("3,119", Decimal("3119")),
        ("12,345.67", Decimal("12345.67")),
    ],
)
def test_parse_decimal_reads_decimals(text: str, expected: Decimal) -> None:
    value = parse_decimal(text)
    assert isinstance(value, Decimal)
    assert value == expected


def test_parse_decimal_keeps_the_printed_digits_exactly() -> None:
    # A Decimal, not a float: 0.1 + 0.2 is exactly 0.3.
    a, b = parse_decimal("0.1"), parse_decimal("0.2")
    assert a is not None and b is not None
    assert a + b == Decimal("0.3")
    assert str(parse_decimal("0.35")) == "0.35"


@pytest.mark.parametrize("text", FORMAT_BLANKS)
def test_parse_decimal_reads_a_printed_blank_as_none(text: str) -> None:
    assert parse_decimal(text) is None


@pytest.mark.parametrize("text", ["abc", "1.", "0.3万", "1,23", "元", ".5."])
def test_parse_decimal_rejects_what_is_not_a_number(text: str) -> None:
    with pytest.raises(ValueError, match="not a number"):
        parse_decimal(text)


@settings(max_examples=60, deadline=None)
@given(
    st.decimals(min_value=Decimal(0), max_value=Decimal(10**9), places=2, allow_nan=False).filter(
        lambda d: d.is_finite()
    )
)
def test_parse_decimal_reads_back_what_a_decimal_prints_as(value: Decimal) -> None:
    text = f"{value:f}"
    assert parse_decimal(text) == value


# --- is_value_like / is_blank ---------------------------------------------------------------------


@pytest.mark.parametrize("text", ["0", "41", "3,119", "96171.6", "/", "-", "—", "&nbsp;"])
def test_is_value_like_accepts_numbers_and_printed_blanks(text: str) -> None:
    assert is_value_like(text)


@pytest.mark.parametrize(
    "text",
    ["", "1.", "2.", "予以公开", "1. 属于国家秘密", "（一）", "总计", "1O", "5件"],
)
def test_is_value_like_rejects_empty_cells_labels_and_row_numbers(text: str) -> None:
    assert not is_value_like(text)


@pytest.mark.parametrize("text", FORMAT_BLANKS)
def test_is_blank_accepts_every_printed_blank(text: str) -> None:
    assert is_blank(text)


@pytest.mark.parametrize("text", ["0", "1", "O", "无"])
def test_is_blank_rejects_a_zero_and_text(text: str) -> None:
    assert not is_blank(text)


# --- labels.compact -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        (
            "(二) 部分公开 (区分处理的, 只计这一情形, 不计其他情形)",
            "部分公开区分处理的只计这一情形不计其他情形",
        ),
        (
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
            "部分公开区分处理的只计这一情形不计其他情形",
        ),
        ("四、结转下年度继续办 理", "结转下年度继续办理"),
        ("（一）予以公开", "予以公开"),
        ("(一) 予以公开", "予以公开"),
        ("一)予以公开", "予以公开"),
        ("一）予以公开", "予以公开"),
        ("1.属于国家秘密", "属于国家秘密"),
        ("2、重复申请", "重复申请"),
        ("3. 危及“三安全一稳定”", "危及三安全一稳定"),
        ('3.危害国家安全及"三稳"', "危害国家安全及三稳"),
        ("(七) 总计", "总计"),
        ("三、本年度办理结果", "本年度办理结果"),
        ("三、（一）予以公开", "予以公开"),
        ("6. 属于四类过 程性信息", "属于四类过程性信息"),
        ("第二十条第（一）项", "第二十条第一项"),
        ("本年收费金额（单位：万元）", "本年收费金额单位万元"),
    ],
)
def test_compact_removes_numbering_spaces_brackets_and_punctuation(
    label: str, expected: str
) -> None:
    assert compact(label) == expected


@pytest.mark.parametrize("label", ["属于三类内部事务信息", "属于四类过程性信息", "一是加强学习"])
def test_compact_keeps_numerals_that_are_part_of_the_words(label: str) -> None:
    assert compact(label) == label


def test_compact_makes_bracket_and_numbering_variants_one_label() -> None:
    variants = ["(三) 不予公开", "（三）不予公开", "三）不 予公开", "三) 不予公开", "(三)不予公开"]
    assert {compact(v) for v in variants} == {"不予公开"}
