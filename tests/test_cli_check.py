"""``govreport check FILE...``: one line per finding, a summary, and the exit status.

Lines read ``FILE:LINE:COL: SEVERITY CODE message``; the status is 0 without error findings,
1 with some, 2 when a file could not be read or parsed. The summary counts the findings
shown. Folders, globs and ``--jobs``: tests/test_batch_cli.py.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import govreport
from govreport import Finding
from govreport.cli import main

from .test_checks import SEED_000, SEED_004, TEXT_004, edit_004, line_004, text_place

NEW = "$.applications.new_received"
TOTAL = "$.applications.results.total"


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str], str]:
    status = main(argv)
    out, err = capsys.readouterr()
    assert out.endswith("\n")
    return status, out.split("\n")[:-1], err


def line(file: Path | str, f: Finding) -> str:
    return f"{file}:{f.line}:{f.column}: {f.severity.value} {f.code} {f.message}"


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    """Seed 004 with 本年新收 自然人 41 → 42: R1 (column 自然人) and R3 (row 本年新收)."""
    path = tmp_path / "broken.txt"
    path.write_text(edit_004({f"{NEW}.natural_person": ("41", "42")}), encoding="utf-8")
    return path


@pytest.fixture
def not_a_report(tmp_path: Path) -> Path:
    path = tmp_path / "notice.txt"
    path.write_text("关于做好年度工作的通知\n请各单位按时报送材料。\n", encoding="utf-8")
    return path


def test_a_clean_file_without_findings_prints_only_the_summary(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, err = run(["check", str(SEED_000)], capsys)
    assert (status, out, err) == (
        0,
        ["1 file(s) checked: 0 error(s), 0 warning(s), 0 info"],
        "",
    )


def test_a_clean_file_lists_its_warnings_and_info_and_exits_0(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, _ = run(["check", str(SEED_004)], capsys)
    assert status == 0
    # Seed 004 prints a note under its section 二 table, and a preface before section 一.
    note, _ = text_place(TEXT_004, "（注：本表统计的现行有效行政规范性文件")
    preface, _ = text_place(TEXT_004, "根据《中华人民共和国政府信息公开条例》")
    assert out[0].startswith(f"{SEED_004}:{note}:1: warning unread-text ")
    assert "（注：本表统计的现行有效行政规范性文件" in out[0]
    assert out[1].startswith(f"{SEED_004}:{preface}:1: info outside-sections ")
    assert out[2:] == ["1 file(s) checked: 0 error(s), 1 warning(s), 1 info"]


def test_each_finding_is_one_line_file_line_col_severity_code_message(
    broken: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(["check", str(broken)], capsys)
    assert (status, err) == (1, "")
    report = govreport.parse_file(broken)
    assert out[:-1] == [line(broken, f) for f in report.findings]
    r1 = line_004(f"{TOTAL}.natural_person")
    r3 = line_004(f"{NEW}.total")
    assert f"{broken}:{r1}:2: error R1 column 自然人 (natural_person): " in "\n".join(out)
    assert any(
        text.startswith(f"{broken}:{r3}:2: error R3 row 本年新收政府信息公开申请数量")
        and text.endswith("42 + 1 + 0 + 0 + 61 + 0 = 104")
        for text in out
    )


def test_the_summary_counts_findings_by_severity(
    broken: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = run(["check", str(broken)], capsys)
    assert out[-1] == "1 file(s) checked: 2 error(s), 1 warning(s), 1 info"


def test_severity_error_shows_only_errors_and_still_exits_1(
    broken: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(["check", "--severity", "error", str(broken)], capsys)
    assert status == 1
    codes = [text.split(" ")[2] for text in out[:-1]]
    assert codes == ["R1", "R3"]
    assert all(" error " in text for text in out[:-1])
    # The count is of the findings shown: the warning and the info are not counted.
    assert out[-1] == "1 file(s) checked: 2 error(s)"


def test_severity_warning_shows_errors_and_warnings(
    broken: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = run(["check", "--severity", "warning", str(broken)], capsys)
    assert [text.split(" ")[1:3] for text in out[:-1]] == [
        ["warning", "unread-text"],
        ["error", "R1"],
        ["error", "R3"],
    ]
    assert out[-1] == "1 file(s) checked: 2 error(s), 1 warning(s)"


def test_severity_error_on_a_clean_file_shows_nothing_and_exits_0(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, _ = run(["check", "--severity", "error", str(SEED_004)], capsys)
    assert status == 0
    assert out == ["1 file(s) checked: 0 error(s)"]


def test_several_files_are_checked_in_order_with_one_summary(
    broken: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(["check", str(SEED_000), str(broken), str(SEED_004)], capsys)
    assert status == 1
    files = [text.split(":")[0] for text in out[:-1]]
    assert files == [str(broken)] * 4 + [str(SEED_004)] * 2
    assert out[-1] == "3 file(s) checked: 2 error(s), 2 warning(s), 2 info"


def test_a_file_that_is_not_a_report_exits_2_with_its_place(
    not_a_report: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(govreport.SkeletonError) as info:
        govreport.parse_file(not_a_report)
    status, out, err = run(["check", str(not_a_report)], capsys)
    assert status == 2
    place = f"{not_a_report}:{info.value.line}:{info.value.column}"
    assert err.startswith(f"{place}: error: {info.value.message}\n")
    assert out == ["1 file(s) checked: 0 error(s), 0 warning(s), 0 info; 1 could not be read"]


def test_a_missing_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "missing.txt"
    status, out, err = run(["check", str(missing)], capsys)
    assert status == 2
    assert err.startswith(f"{missing}: error: cannot read")
    assert out[-1].endswith("; 1 could not be read")


def test_an_unreadable_file_wins_over_errors_found(
    broken: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(["check", str(broken), str(tmp_path / "missing.txt")], capsys)
    assert status == 2
    assert out[-1] == "2 file(s) checked: 2 error(s), 1 warning(s), 1 info; 1 could not be read"


def test_format_json_lists_the_findings_of_each_file(
    broken: Path, not_a_report: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(
        ["check", "--format", "json", str(SEED_000), str(broken), str(not_a_report)], capsys
    )
    assert status == 2
    documents = json.loads("\n".join(out))
    assert [d["file"] for d in documents] == [str(SEED_000), str(broken), str(not_a_report)]
    assert documents[0] == {"file": str(SEED_000), "findings": []}
    expected = govreport.to_dict(govreport.parse_file(broken))["findings"]
    assert documents[1] == {"file": str(broken), "findings": expected}
    assert [f["code"] for f in documents[1]["findings"]] == [
        "unread-text",
        "outside-sections",
        "R1",
        "R3",
    ]
    assert documents[2]["findings"] == [] and "error" in documents[2]
    # The summary goes to stderr, after the error line of the unreadable file.
    assert err.split("\n")[-2] == (
        "3 file(s) checked: 2 error(s), 1 warning(s), 1 info; 1 could not be read"
    )


def test_format_json_with_severity_error_keeps_only_errors(
    broken: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(
        ["check", "--format", "json", "--severity", "error", str(broken)], capsys
    )
    assert status == 1
    assert err == "1 file(s) checked: 2 error(s)\n"
    (document,) = json.loads("\n".join(out))
    assert [(f["code"], f["severity"], f["path"], f["line"]) for f in document["findings"]] == [
        ("R1", "error", f"{TOTAL}.natural_person", line_004(f"{TOTAL}.natural_person")),
        ("R3", "error", f"{NEW}.total", line_004(f"{NEW}.total")),
    ]


def test_python_m_govreport_check_exits_1_for_errors(broken: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "govreport", "check", "--severity", "error", str(broken)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert done.returncode == 1
    r1 = line_004(f"{TOTAL}.natural_person")
    assert done.stdout.split("\n")[0].startswith(f"{broken}:{r1}:2: error R1 ")


def test_an_unknown_severity_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["check", "--severity", "fatal", str(SEED_000)])
    assert info.value.code == 2
    assert "--severity" in capsys.readouterr().err
