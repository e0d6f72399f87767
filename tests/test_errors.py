"""The error hierarchy, and how errors render their place."""

from __future__ import annotations

import pytest

import govreport
from govreport.errors import (
    CellError,
    DataError,
    DecodeError,
    ExtractorError,
    GovReportError,
    SkeletonError,
    caret_lines,
)

_EXPECTED_4 = "the heading of section 四 (政府信息公开行政复议、行政诉讼情况)"


def _examples() -> list[GovReportError]:
    return [
        DecodeError("not text", offset=7),
        SkeletonError("no skeleton", line=1, column=1, expected=_EXPECTED_4),
        CellError("not a count", path="$.x", text="x", line=2, column=3),
        DataError("not a report", path="$.year"),
        ExtractorError("failed", extractor="tab"),
    ]


@pytest.mark.parametrize("error", _examples(), ids=lambda e: type(e).__name__)
def test_every_error_is_a_govreport_error(error: GovReportError) -> None:
    assert isinstance(error, GovReportError)
    assert isinstance(error, Exception)


@pytest.mark.parametrize("kind", [DecodeError, SkeletonError, CellError, DataError])
def test_value_errors_are_value_errors(kind: type[GovReportError]) -> None:
    assert issubclass(kind, ValueError)
    assert issubclass(kind, GovReportError)


def test_extractor_error_is_not_a_value_error() -> None:
    assert not issubclass(ExtractorError, ValueError)


def test_package_exports_the_same_error_classes() -> None:
    assert govreport.GovReportError is GovReportError
    assert govreport.DecodeError is DecodeError
    assert govreport.SkeletonError is SkeletonError
    assert govreport.CellError is CellError
    assert govreport.DataError is DataError
    assert govreport.ExtractorError is ExtractorError


def test_skeleton_error_is_caught_as_value_error() -> None:
    with pytest.raises(ValueError, match="section 一"):
        govreport.parse("no report here")


def test_decode_error_is_raised_for_binary_bytes_with_its_offset() -> None:
    with pytest.raises(DecodeError) as info:
        govreport.parse(b"text\x00\x01\x02")
    assert info.value.offset == 4  # the first NUL byte
    assert str(info.value).startswith("byte 4: ")


def test_skeleton_error_keeps_its_fields() -> None:
    error = SkeletonError(
        "the text ends", line=3, column=5, expected=_EXPECTED_4, source_line="abcdef"
    )
    assert (error.message, error.line, error.column) == ("the text ends", 3, 5)
    assert error.expected == _EXPECTED_4
    assert error.source_line == "abcdef"


def test_skeleton_error_renders_place_message_and_caret_under_ascii_text() -> None:
    error = SkeletonError("msg", line=2, column=3, expected=_EXPECTED_4, source_line="abcdef")
    assert str(error) == "line 2, column 3: msg\n    abcdef\n      ^"


def test_skeleton_error_caret_counts_cjk_characters_as_two_columns() -> None:
    # Column 4 is 总; before it stand 一 (2 columns), 、 (2) and a tab shown as 1 space.
    error = SkeletonError(
        "expected the heading of section 一 (总体情况), found '总体'",
        line=7,
        column=4,
        expected="the heading of section 一 (总体情况)",
        source_line="一、\t总体情况",
    )
    assert str(error) == (
        "line 7, column 4: expected the heading of section 一 (总体情况), found '总体'\n"
        "    一、 总体情况\n"
        "         ^"
    )


def test_caret_counts_full_width_digits_as_two_columns_and_ascii_as_one() -> None:
    # "a１b" then the target: a (1) + １ (2, full width) + b (1) = 4 columns.
    assert caret_lines("a１bX", 4) == "    a１bX\n        ^"


def test_caret_under_column_one_has_no_padding() -> None:
    assert caret_lines("三、收到", 1) == "    三、收到\n    ^"


def test_caret_lines_show_tabs_as_single_spaces() -> None:
    assert caret_lines("\t\t0", 3) == "      0\n      ^"


def test_skeleton_error_without_source_line_renders_one_line() -> None:
    error = SkeletonError("the document is empty", line=1, column=1, expected=_EXPECTED_4)
    assert str(error) == "line 1, column 1: the document is empty"


def test_skeleton_error_without_column_renders_the_line_only() -> None:
    error = SkeletonError("msg", line=4, column=None, expected=_EXPECTED_4, source_line="x")
    assert str(error) == "line 4: msg"


def test_cell_error_renders_its_json_path_after_the_place() -> None:
    error = CellError(
        "'x' is not a number",
        path="$.applications.new_received.total",
        text="x",
        line=9,
        column=2,
    )
    assert str(error) == "line 9, column 2: $.applications.new_received.total: 'x' is not a number"


def test_decode_error_renders_its_byte_offset() -> None:
    error = DecodeError("bad byte", offset=12, encoding="utf-8")
    assert str(error) == "byte 12: bad byte"
    assert error.encoding == "utf-8"


def test_data_error_renders_its_json_path() -> None:
    assert str(DataError("expected an integer", path="$.year")) == "$.year: expected an integer"


def test_extractor_error_renders_the_extractor_name_when_known() -> None:
    assert str(ExtractorError("failed", extractor="tab")) == "extractor 'tab': failed"
    assert str(ExtractorError("failed")) == "failed"
