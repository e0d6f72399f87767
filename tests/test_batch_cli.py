"""``govreport parse``/``check`` on a folder: formats, --jobs, progress bar, summary."""

from __future__ import annotations

import csv
import io
import json
import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import govreport
from govreport import records
from govreport.cli import main

from .conftest import SEED_FILES, expected_for
from .test_records import expected_columns

NOTICE = "关于做好年度工作的通知\n请各单位按时报送材料。\n"


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    """The five seeds in nested folders, a binary file and a text that is not a report."""
    root = tmp_path / "archive"
    (root / "2024" / "city" / "district").mkdir(parents=True)
    (root / "other").mkdir()
    shutil.copy(SEED_FILES[0], root / SEED_FILES[0].name)
    shutil.copy(SEED_FILES[1], root / "2024" / SEED_FILES[1].name)
    shutil.copy(SEED_FILES[2], root / "2024" / "city" / SEED_FILES[2].name)
    shutil.copy(SEED_FILES[3], root / "2024" / "city" / "district" / SEED_FILES[3].name)
    shutil.copy(SEED_FILES[4], root / "other" / SEED_FILES[4].name)
    (root / "2024" / "scan.txt").write_bytes(bytes(range(256)) * 16)  # binary: undecodable
    (root / "other" / "notice.txt").write_text(NOTICE, encoding="utf-8")
    return root


#: The files of the archive in the order a batch reads them, by file name.
ORDER = [
    SEED_FILES[0].name,
    SEED_FILES[1].name,
    SEED_FILES[2].name,
    SEED_FILES[3].name,
    "scan.txt",
    SEED_FILES[4].name,
    "notice.txt",
]


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(argv)
    out, err = capsys.readouterr()
    return status, out, err


def govreport_command(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """``python -m govreport ARGS`` in ``cwd``, stdout and stderr piped."""
    return subprocess.run(
        [sys.executable, "-m", "govreport", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        check=False,
    )


def rows_of(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def cell(value: object) -> str:
    return "" if value is None else str(value)


SUMMARY = [
    "7 file(s) found: 5 parsed (0 with error findings), 2 failed",
    "  failed: not-a-report 1, undecodable 1",
    "  format_version: 2021 5",
]


# --- Done when: govreport parse some/folder --format csv --jobs 2 > all.csv ---------------------


def test_a_mixed_folder_to_csv_with_two_jobs(archive: Path) -> None:
    done = govreport_command(
        "parse", "archive", "--format", "csv", "--jobs", "2", cwd=archive.parent
    )
    assert done.returncode == 1  # some files did not parse
    rows = rows_of(done.stdout)
    assert [Path(row["source"]).name for row in rows] == ORDER
    assert all(row["source"].startswith("archive/") for row in rows)
    by_name = {Path(row["source"]).name: row for row in rows}
    for seed in SEED_FILES:
        row = by_name[seed.name]
        expected = expected_columns(seed)
        assert {c: row[c] for c in expected} == {c: cell(v) for c, v in expected.items()}
        assert row["agency"] in expected_for(seed)["agency_accept"]
        assert row["error"] == ""
    assert by_name["scan.txt"]["error_kind"] == "undecodable"
    assert by_name["notice.txt"]["error_kind"] == "not-a-report"
    assert by_name["notice.txt"]["applications.new_received.total"] == ""
    # Each bad file is named on stderr; the summary ends it.
    err = done.stderr.split("\n")
    assert any(line.startswith("archive/2024/scan.txt: error: byte ") for line in err)
    assert any(line.startswith("archive/other/notice.txt:2:11: error: ") for line in err)
    start = err.index(SUMMARY[0])
    assert err[start : start + 3] == SUMMARY
    assert err[start + 3].startswith("  layout of active_disclosure: ")
    assert "%|" not in done.stderr  # no progress bar when stderr is not a terminal


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv"])
def test_two_jobs_give_the_same_output_as_one(
    archive: Path, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    one = run(["parse", str(archive), "--format", fmt, "--jobs", "1"], capsys)
    two = run(["parse", str(archive), "--format", fmt, "--jobs", "2"], capsys)
    assert one == two
    assert one[0] == 1


def test_a_folder_gives_a_json_array_of_its_reports(
    archive: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(["parse", str(archive / "2024" / "city")], capsys)
    assert status == 0
    reports = json.loads(out)
    assert isinstance(reports, list) and len(reports) == 2
    (one,) = json.loads(run(["parse", str(archive / "2024" / "city" / "district")], capsys)[1])
    assert one["source"].endswith(SEED_FILES[3].name)


def test_a_glob_and_a_folder_and_a_file_together(
    archive: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pattern = f"{archive}/**/0*.txt"
    status, out, err = run(
        ["parse", "--format", "jsonl", pattern, str(archive / "other"), str(SEED_FILES[0])],
        capsys,
    )
    assert status == 1  # notice.txt in other/
    names = [Path(json.loads(line)["source"]).name for line in out.splitlines()]
    # The pattern's matches sorted by path, then the folder walked, then the file.
    seeds = [p.name for p in SEED_FILES]
    assert names == [*seeds, seeds[4], seeds[0]]
    assert err.split("\n")[-7] == "8 file(s) found: 7 parsed (0 with error findings), 1 failed"


def test_a_pinned_layout_reaches_the_workers(
    archive: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = run(
        ["parse", str(archive), "--format", "csv", "--extractor", "ocr-split", "-j", "2"], capsys
    )
    parsed = [row for row in rows_of(out) if not row["error"]]
    assert len(parsed) == 5
    assert {row["extractors.applications"] for row in parsed} == {"ocr-split"}


# --- Output files ---------------------------------------------------------------------------


def test_output_csv_puts_the_findings_next_to_it(
    archive: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "out" / "all.csv"
    target.parent.mkdir()
    status, out, _ = run(["parse", str(archive), "--format", "csv", "-o", str(target)], capsys)
    assert (status, out) == (1, "")
    assert len(rows_of(target.read_text("utf-8"))) == 7
    findings = list(
        csv.reader(io.StringIO((target.parent / "all.findings.csv").read_text("utf-8")))
    )
    assert tuple(findings[0]) == records.FINDING_COLUMNS
    expected = sum(len(govreport.parse_file(seed).findings) for seed in SEED_FILES)
    assert len(findings) - 1 == expected > 0


def test_findings_option_names_the_findings_file(
    archive: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    findings = tmp_path / "f.csv"
    status, out, _ = run(
        ["parse", str(archive), "--format", "csv", "--findings", str(findings)], capsys
    )
    assert status == 1
    assert len(rows_of(out)) == 7
    assert findings.read_text("utf-8").startswith(",".join(records.FINDING_COLUMNS) + "\n")


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_output_that_cannot_be_written_is_a_usage_error_before_any_parse(
    tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "no" / "such" / f"all.{fmt}"
    with pytest.raises(SystemExit) as exited:
        main(["parse", str(SEED_FILES[0]), "--format", fmt, "-o", str(target)])
    assert exited.value.code == 2
    assert f"cannot write {target}: No such file or directory" in capsys.readouterr().err


def test_findings_option_is_for_csv_only(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["parse", str(SEED_FILES[0]), "--findings", "f.csv"])
    assert exited.value.code == 2
    assert "--findings is for --format csv" in capsys.readouterr().err


def test_xlsx_output_has_both_sheets(
    archive: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    target = tmp_path / "all.xlsx"
    status, out, _ = run(
        ["parse", str(archive), "--format", "xlsx", "-o", str(target), "-j", "2"], capsys
    )
    assert (status, out) == (1, "")
    book = openpyxl.load_workbook(target)
    rows = list(book["reports"].iter_rows(values_only=True))
    assert rows[0] == records.columns()
    assert [Path(row[0]).name for row in rows[1:]] == ORDER
    assert book["findings"].max_row > 1


def test_xlsx_to_stdout_when_redirected(archive: Path, tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    target = tmp_path / "piped.xlsx"
    with target.open("wb") as handle:
        done = subprocess.run(
            [sys.executable, "-m", "govreport", "parse", "archive/2024/city", "--format", "xlsx"],
            stdout=handle,
            stderr=subprocess.PIPE,
            cwd=archive.parent,
            check=False,
        )
    assert done.returncode == 0, done.stderr
    assert openpyxl.load_workbook(target)["reports"].max_row == 3


def test_xlsx_to_a_terminal_is_a_usage_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    with pytest.raises(SystemExit) as exited:
        main(["parse", str(SEED_FILES[0]), "--format", "xlsx"])
    assert exited.value.code == 2
    assert "xlsx output is binary" in capsys.readouterr().err


# --- Progress bar and summary -------------------------------------------------------------------


def on_a_terminal(args: list[str], cwd: Path) -> tuple[int, str]:
    """Run the CLI with stderr on a pseudo-terminal; its exit status and what stderr showed."""
    master, slave = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "govreport", *args],
        stdout=subprocess.DEVNULL,
        stderr=slave,
        cwd=cwd,
    )
    os.close(slave)
    shown = bytearray()
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the other side has closed
            break
        if not data:
            break
        shown += data
    os.close(master)
    return process.wait(), shown.decode("utf-8", "replace")


def test_a_progress_bar_runs_on_a_terminal(archive: Path) -> None:
    status, shown = on_a_terminal(
        ["parse", "archive", "--format", "csv", "-j", "2"], archive.parent
    )
    assert status == 1
    assert "7/7 [" in shown and "100%|" in shown and "file/s" in shown
    assert "archive/other/notice.txt:2:11: error: " in shown
    assert SUMMARY[0] in shown


def test_no_progress_bar_when_asked_on_a_terminal(archive: Path) -> None:
    _, shown = on_a_terminal(
        ["parse", "archive", "--no-progress", "--format", "csv"], archive.parent
    )
    assert "%|" not in shown
    assert SUMMARY[0] in shown


def test_progress_asked_for_when_piped(archive: Path) -> None:
    done = govreport_command(
        "parse", "archive", "--progress", "--format", "csv", cwd=archive.parent
    )
    assert "7/7 [" in done.stderr


def test_one_file_has_no_summary_unless_asked(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["parse", str(SEED_FILES[0])], capsys)[2] == ""
    status, _, err = run(["parse", "--summary", str(SEED_FILES[0])], capsys)
    assert status == 0
    assert err.startswith("1 file(s) found: 1 parsed (0 with error findings), 0 failed\n")


def test_no_summary_when_asked(archive: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, _, err = run(["parse", str(archive), "--format", "jsonl", "--no-summary"], capsys)
    assert "file(s) found" not in err
    assert err.count(": error: ") == 2


def test_jobs_must_be_a_count(capsys: pytest.CaptureFixture[str]) -> None:
    for bad in ("-1", "two"):
        with pytest.raises(SystemExit) as exited:
            main(["parse", "--jobs", bad, str(SEED_FILES[0])])
        assert exited.value.code == 2
    assert "not a number of processes" in capsys.readouterr().err


def test_jobs_zero_is_one_per_core(archive: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["parse", str(archive), "-j", "0", "--format", "jsonl"], capsys)[0] == 1


# --- check on a batch ---------------------------------------------------------------------------


def test_check_reads_a_folder_in_two_jobs_as_in_one(
    archive: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    one = run(["check", str(archive)], capsys)
    two = run(["check", str(archive), "--jobs", "2"], capsys)
    assert one == two
    status, out, err = one
    assert status == 2  # two files could not be read
    lines = out.split("\n")[:-1]
    warnings = sum(
        1
        for seed in SEED_FILES
        for f in govreport.parse_file(seed).findings
        if f.severity is govreport.Severity.WARNING
    )
    assert lines[-1].startswith("7 file(s) checked: 0 error(s), ")
    assert lines[-1].endswith("; 2 could not be read")
    assert f" {warnings} warning(s), " in lines[-1]
    assert SUMMARY[0] in err.split("\n")


def test_check_json_on_a_folder_keeps_the_count_last_on_stderr(
    archive: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(["check", str(archive), "--format", "json"], capsys)
    assert status == 2
    documents = json.loads(out)
    assert [Path(d["file"]).name for d in documents] == ORDER
    assert documents[-1]["error"].startswith("line 2, column 11: ")
    assert err.split("\n")[-2].startswith("7 file(s) checked: ")
    assert SUMMARY[0] in err.split("\n")


def test_a_reader_that_goes_away_stops_the_batch_quietly(archive: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "govreport", "parse", "archive", "--format", "jsonl"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=archive.parent,
    )
    assert process.stdout is not None and process.stderr is not None
    first = process.stdout.readline()
    process.stdout.close()  # as `| head -1` does; the rest (> 64 KiB) cannot be written
    err = process.stderr.read().decode("utf-8")
    process.stderr.close()
    assert process.wait() == 1
    assert json.loads(first)["source"].endswith(ORDER[0])
    assert "Traceback" not in err


# --- A file name that is not UTF-8 ---------------------------------------------------------


@pytest.fixture
def odd_name(tmp_path: Path) -> Path:
    """A folder holding a seed report under a name whose bytes are not UTF-8 (``r`` 0xFF)."""
    folder = tmp_path / "odd"
    folder.mkdir()
    name = os.fsdecode(b"r\xff.txt")
    try:
        shutil.copy(SEED_FILES[0], folder / name)
    except (OSError, UnicodeEncodeError):  # a file system that takes UTF-8 names only
        pytest.skip("this file system does not take a file name that is not UTF-8")
    return folder


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_a_file_name_that_is_not_utf8_is_escaped_in_json(
    odd_name: Path, tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / f"all.{fmt}"
    status, out, err = run(["parse", str(odd_name), "--format", fmt, "-o", str(target)], capsys)
    assert (status, out) == (0, ""), err
    raw = target.read_bytes()
    assert b"r\\udcff.txt" in raw  # the JSON escape: the file stays UTF-8
    text = raw.decode("utf-8")
    report = json.loads(text)[0] if fmt == "json" else json.loads(text.splitlines()[0])
    assert os.fsencode(report["source"]) == os.fsencode(odd_name / os.fsdecode(b"r\xff.txt"))


def test_a_file_name_that_is_not_utf8_keeps_its_bytes_in_csv(
    odd_name: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "all.csv"
    status, out, err = run(["parse", str(odd_name), "--format", "csv", "-o", str(target)], capsys)
    assert (status, out) == (0, ""), err
    rows = list(csv.reader(io.StringIO(target.read_bytes().decode("utf-8", "surrogateescape"))))
    assert os.fsencode(rows[1][0]).endswith(b"/r\xff.txt")


def test_a_file_name_that_is_not_utf8_is_escaped_in_excel(
    odd_name: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    target = tmp_path / "all.xlsx"
    status, out, err = run(["parse", str(odd_name), "--format", "xlsx", "-o", str(target)], capsys)
    assert (status, out) == (0, ""), err
    rows = list(openpyxl.load_workbook(target)["reports"].iter_rows(values_only=True))
    assert str(rows[1][0]).endswith("r\\xff.txt")
