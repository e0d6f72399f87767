"""The command line: ``govreport parse FILE...`` and ``python -m govreport``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import govreport
from govreport.cli import main

from .conftest import SEED_FILES

SEED = SEED_FILES[0]
OTHER_SEED = SEED_FILES[-1]


def expected_json(path: Path | str) -> dict[str, Any]:
    """What the library gives for ``path``, through JSON as the CLI prints it."""
    data: dict[str, Any] = json.loads(json.dumps(govreport.to_dict(govreport.parse_file(path))))
    return data


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(argv)
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def not_a_report(tmp_path: Path) -> Path:
    path = tmp_path / "notice.txt"
    path.write_text("关于做好年度工作的通知\n请各单位按时报送材料。\n", encoding="utf-8")
    return path


def test_one_file_prints_one_json_object(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(["parse", str(SEED)], capsys)
    assert (status, err) == (0, "")
    assert json.loads(out) == expected_json(str(SEED))


def test_json_output_keeps_chinese_characters_unescaped(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, out, _ = run(["parse", str(SEED)], capsys)
    assert "龙亭区柳园口人民政府" in out
    assert "\\u" not in out


def test_two_files_print_a_json_array_in_argument_order(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, err = run(["parse", str(SEED), str(OTHER_SEED)], capsys)
    assert status == 0
    assert err.startswith("2 file(s) found: 2 parsed (0 with error findings), 0 failed\n")
    assert json.loads(out) == [expected_json(str(SEED)), expected_json(str(OTHER_SEED))]


def test_jsonl_prints_one_line_per_report(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(
        ["parse", "--format", "jsonl", "--no-summary", str(SEED), str(OTHER_SEED)], capsys
    )
    assert (status, err) == (0, "")
    lines = out.split("\n")
    assert lines[-1] == ""  # each line ends with a newline
    assert [json.loads(line) for line in lines[:-1]] == [
        expected_json(str(SEED)),
        expected_json(str(OTHER_SEED)),
    ]


def test_jsonl_of_one_file_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(["parse", "--format", "jsonl", str(SEED)], capsys)
    assert out.count("\n") == 1
    assert json.loads(out) == expected_json(str(SEED))


def test_non_report_file_is_an_error_with_its_place_and_exit_one(
    capsys: pytest.CaptureFixture[str], not_a_report: Path
) -> None:
    status, out, err = run(["parse", str(not_a_report)], capsys)
    assert status == 1
    assert out == ""
    # The text's last character, 。 at line 2, column 11, is where section 一 was still missing.
    assert err.split("\n")[0] == (
        f"{not_a_report}:2:11: error: no heading of section 一 (总体情况) found: "
        "this does not look like a 政府信息公开工作年度报告"
    )


def test_non_report_error_shows_the_source_line_with_a_caret(
    capsys: pytest.CaptureFixture[str], not_a_report: Path
) -> None:
    _, _, err = run(["parse", str(not_a_report)], capsys)
    # Ten CJK characters (20 columns) stand before the caret.
    assert err.split("\n")[1:] == ["    请各单位按时报送材料。", "    " + " " * 20 + "^", ""]


def test_good_file_is_still_printed_when_another_fails(
    capsys: pytest.CaptureFixture[str], not_a_report: Path
) -> None:
    status, out, err = run(["parse", str(not_a_report), str(SEED)], capsys)
    assert status == 1
    assert err.startswith(f"{not_a_report}:2:11: error: ")
    assert json.loads(out) == [expected_json(str(SEED))]


def test_good_file_is_still_printed_as_jsonl_when_another_fails(
    capsys: pytest.CaptureFixture[str], not_a_report: Path
) -> None:
    status, out, err = run(["parse", "--format", "jsonl", str(SEED), str(not_a_report)], capsys)
    assert status == 1
    assert err.startswith(f"{not_a_report}:2:11: error: ")
    assert [json.loads(line) for line in out.splitlines()] == [expected_json(str(SEED))]


def test_missing_file_is_a_cannot_read_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    missing = tmp_path / "missing.txt"
    status, out, err = run(["parse", str(missing)], capsys)
    assert status == 1
    assert out == ""
    assert err == f"{missing}: error: cannot read: No such file or directory\n"


def test_binary_file_is_an_error_naming_the_byte_offset(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    binary = tmp_path / "report.bin"
    binary.write_bytes(b"text\x00\x01\x02")  # first NUL at byte 4; odd length: not UTF-16
    status, out, err = run(["parse", str(binary)], capsys)
    assert status == 1
    assert out == ""
    assert err.startswith(f"{binary}: error: byte 4: ")
    assert err.count("\n") == 1


def test_pdf_file_is_an_error_at_byte_zero(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    status, _, err = run(["parse", str(pdf)], capsys)
    assert status == 1
    assert err.startswith(f"{pdf}: error: byte 0: ")
    assert "PDF" in err


def test_version_prints_the_package_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out == f"govreport {govreport.__version__}\n"


@pytest.mark.parametrize(
    "argv",
    [[], ["parse"], ["frobnicate", "x.txt"], ["parse", "--format", "xml", "x.txt"]],
    ids=["no-command", "no-files", "unknown-command", "unknown-format"],
)
def test_usage_error_exits_with_two(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("usage: govreport")


def test_python_dash_m_govreport_parses_a_seed(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "govreport", "parse", str(SEED)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=tmp_path,
        check=False,
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert json.loads(result.stdout) == expected_json(str(SEED))


def test_extractor_option_pins_the_layout(capsys: pytest.CaptureFixture[str]) -> None:
    seed = next(p for p in SEED_FILES if p.stem.startswith("000"))
    assert main(["parse", "--extractor", "ocr-split", str(seed)]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert set(printed["extractors"].values()) == {"ocr-split"}


def test_extractor_option_offers_the_registered_layouts(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["parse", "--extractor", "nope", "x.txt"])
    assert exited.value.code == 2
    error = capsys.readouterr().err
    for name in govreport.registry.names():
        assert repr(name) in error
