"""The batch machinery: finding files, reading them in order, in processes, never stopping."""

from __future__ import annotations

import os
import shutil
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import govreport
from govreport import batch
from govreport.batch import ErrorKind, Outcome, Summary, find_files, outcomes, read, read_record
from govreport.export import render_jsonl
from govreport.extractors.base import Block, Grid
from govreport.model import Report

from .conftest import SEED_FILES

NOTICE = "关于做好年度工作的通知\n请各单位按时报送材料。\n"


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    """Seeds in nested folders, with a binary file, a notice and hidden entries."""
    root = tmp_path / "archive"
    (root / "2023" / "city").mkdir(parents=True)
    (root / "2024").mkdir()
    (root / ".git").mkdir()
    shutil.copy(SEED_FILES[0], root / "2023" / "b.txt")
    shutil.copy(SEED_FILES[1], root / "2023" / "city" / "a.txt")
    shutil.copy(SEED_FILES[2], root / "2024" / "c.txt")
    shutil.copy(SEED_FILES[3], root / "a-top.txt")
    (root / "2024" / "garbage.bin").write_bytes(bytes(range(256)) * 8)
    (root / "2024" / "notice.txt").write_text(NOTICE, encoding="utf-8")
    (root / ".git" / "config").write_text("[core]\n", encoding="utf-8")
    (root / ".DS_Store").write_bytes(b"\x00")
    return root


def rel(paths: Iterator[str] | list[str], root: Path) -> list[str]:
    return [Path(p).relative_to(root).as_posix() for p in paths]


# --- Finding the files --------------------------------------------------------------------------


def test_a_folder_is_walked_recursively_sorted_without_hidden_entries(archive: Path) -> None:
    assert rel(find_files([archive]), archive) == [
        "2023/b.txt",
        "2023/city/a.txt",
        "2024/c.txt",
        "2024/garbage.bin",
        "2024/notice.txt",
        "a-top.txt",
    ]


def test_inputs_keep_their_order_and_files_are_themselves(archive: Path) -> None:
    found = find_files([archive / "a-top.txt", archive / "2023", archive / "2024" / "c.txt"])
    assert rel(found, archive) == ["a-top.txt", "2023/b.txt", "2023/city/a.txt", "2024/c.txt"]


def test_a_glob_pattern_is_expanded_sorted_with_double_star(archive: Path) -> None:
    assert rel(find_files([f"{archive}/**/*.txt"]), archive) == [
        "2023/b.txt",
        "2023/city/a.txt",
        "2024/c.txt",
        "2024/notice.txt",
        "a-top.txt",
    ]
    assert rel(find_files([f"{archive}/202?"]), archive) == [
        "2023/b.txt",
        "2023/city/a.txt",
        "2024/c.txt",
        "2024/garbage.bin",
        "2024/notice.txt",
    ]


def test_links_to_files_are_read_and_links_to_folders_not_followed(archive: Path) -> None:
    (archive / "2024" / "loop").symlink_to(archive, target_is_directory=True)
    (archive / "2024" / "link.txt").symlink_to(archive / "a-top.txt")
    assert rel(find_files([archive / "2024"]), archive) == [
        "2024/c.txt",
        "2024/garbage.bin",
        "2024/link.txt",
        "2024/notice.txt",
    ]


def test_a_missing_name_and_an_empty_pattern_are_passed_on(tmp_path: Path) -> None:
    names = [str(tmp_path / "missing.txt"), str(tmp_path / "*.none")]
    assert list(find_files(names)) == names


def test_a_file_whose_name_looks_like_a_pattern_is_a_file(tmp_path: Path) -> None:
    odd = tmp_path / "report[1].txt"
    odd.write_text("x", encoding="utf-8")
    assert list(find_files([odd])) == [str(odd)]
    assert batch.is_batch_input(tmp_path) and batch.is_batch_input(f"{tmp_path}/*.txt")
    assert not batch.is_batch_input(odd)


def test_finding_files_is_lazy(tmp_path: Path) -> None:
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text("x", encoding="utf-8")
    names: Iterator[str] = iter([str(tmp_path), "never-looked-at"])
    found = find_files(names)
    assert next(found).endswith("0.txt")
    assert next(names) == "never-looked-at"  # the second input was not consumed
    assert batch.count_files([tmp_path, tmp_path / "0.txt"]) == 4


# --- One file -----------------------------------------------------------------------------------


def test_read_gives_the_report(archive: Path) -> None:
    path = str(archive / "2023" / "b.txt")
    outcome = read(path)
    assert outcome.ok and outcome.error is None
    assert outcome.output == govreport.parse_file(path)
    assert outcome.format_version == "2021"
    assert outcome.extractors == dict(govreport.parse_file(path).extractors)
    assert outcome.error_findings == 0


@pytest.mark.parametrize(
    ("name", "kind", "message"),
    [
        ("missing.txt", ErrorKind.UNREADABLE, "cannot read: No such file or directory"),
        ("2024", ErrorKind.UNREADABLE, "cannot read: Is a directory"),
        ("2024/garbage.bin", ErrorKind.UNDECODABLE, "byte 0: "),
        ("2024/notice.txt", ErrorKind.NOT_A_REPORT, "no heading of section 一 (总体情况)"),
    ],
)
def test_read_never_raises_for_a_bad_file(
    archive: Path, name: str, kind: ErrorKind, message: str
) -> None:
    outcome = read(str(archive / name))
    assert outcome.output is None and not outcome.ok
    assert outcome.error is not None
    assert outcome.error.kind is kind
    assert outcome.error.message.startswith(message)


def test_a_not_a_report_error_keeps_its_place_and_caret(archive: Path) -> None:
    path = str(archive / "2024" / "notice.txt")
    with pytest.raises(govreport.SkeletonError) as raised:
        govreport.parse_file(path)
    error = read(path).error
    assert error is not None
    assert (error.line, error.column) == (raised.value.line, raised.value.column) == (2, 11)
    assert error.describe() == f"line 2, column 11: {raised.value.message}"
    assert error.error_line(path).split("\n") == [
        f"{path}:2:11: error: {raised.value.message}",
        "    请各单位按时报送材料。",
        "    " + " " * 20 + "^",
    ]


class _Broken:
    """An extractor that fails on every table."""

    name = "test-broken"
    priority = 100

    def score(self, block: Block) -> float:
        return 1.0

    def extract(self, block: Block) -> Grid:
        raise ZeroDivisionError("no table")


def test_a_pinned_extractor_that_reads_nothing_is_no_extractor(archive: Path) -> None:
    outcome = read(str(archive / "2023" / "b.txt"), extractors=[_Broken()])
    assert outcome.error is not None
    assert outcome.error.kind is ErrorKind.NO_EXTRACTOR
    assert "no extractor could read the table of section 二" in outcome.error.message


def _explode(report: Report) -> str:
    raise ZeroDivisionError("boom")


def test_a_bug_on_one_file_is_an_internal_error_outcome(archive: Path) -> None:
    outcome = read(str(archive / "2023" / "b.txt"), render=_explode)
    assert outcome.error is not None
    assert outcome.error.kind is ErrorKind.INTERNAL
    assert outcome.error.message == "internal error: ZeroDivisionError: boom"


def test_read_record_never_raises(archive: Path) -> None:
    good = read_record(str(archive / "2023" / "b.txt"))
    assert good == govreport.records.to_record(govreport.parse_file(archive / "2023" / "b.txt"))
    bad = read_record(str(archive / "2024" / "notice.txt"))
    assert bad["error_kind"] == "not-a-report"
    assert bad["error"].startswith("line 2, column 11: no heading of section 一")
    assert bad["source"] == str(archive / "2024" / "notice.txt")
    assert bad["applications.new_received.total"] is None


# --- Many files -----------------------------------------------------------------------------


def _summary_of(items: list[Outcome[Any]]) -> tuple[int, int, int, dict[str, int]]:
    summary = Summary()
    for item in items:
        summary.add(item)
    return (
        summary.found,
        summary.parsed,
        summary.with_errors,
        {k.value: n for k, n in summary.failed.items()},
    )


def test_outcomes_come_in_input_order_with_jobs_as_without(archive: Path) -> None:
    paths = [*find_files([archive])] * 12  # 72 files: several chunks per worker
    one = list(outcomes(paths, render=render_jsonl))
    two = list(outcomes(paths, render=render_jsonl, jobs=2))
    assert [o.path for o in two] == paths
    assert two == one
    assert _summary_of(two) == (72, 48, 0, {"undecodable": 12, "not-a-report": 12})


def test_a_report_cannot_cross_processes_but_one_file_needs_no_pool(archive: Path) -> None:
    (only,) = outcomes([str(archive / "2023" / "b.txt")], jobs=2)
    assert isinstance(only.output, Report)


def test_one_process_takes_paths_one_by_one(archive: Path) -> None:
    taken = 0
    seed = str(archive / "2023" / "b.txt")

    def paths() -> Iterator[str]:
        nonlocal taken
        for _ in range(10_000):
            taken += 1
            yield seed

    results = outcomes(paths(), render=render_jsonl)
    next(results)
    assert taken == 2  # the first file, and a look at whether there is a second
    next(results)
    next(results)
    assert taken == 3
    results.close()


def test_the_pool_takes_paths_only_as_fast_as_results_are_taken(archive: Path) -> None:
    taken = 0
    seed = str(archive / "2023" / "b.txt")

    def paths() -> Iterator[str]:
        nonlocal taken
        for _ in range(10_000):
            taken += 1
            yield seed

    results = outcomes(paths(), render=render_jsonl, jobs=2)
    first = next(results)
    assert first.ok
    in_flight = 2 * batch.IN_FLIGHT * batch.CHUNK
    assert taken <= in_flight + batch.CHUNK
    for _ in range(100):
        next(results)
    assert taken <= 101 + in_flight + batch.CHUNK
    results.close()  # the pool shuts down with the generator


def _die_on_kill(report: Report) -> str:
    if str(report.source).endswith("kill.txt"):
        os._exit(3)  # a worker crashing hard, as a segfault in a reader library would
    return render_jsonl(report)


def test_a_worker_that_dies_loses_only_its_file(archive: Path, tmp_path: Path) -> None:
    kill = tmp_path / "kill.txt"
    shutil.copy(SEED_FILES[0], kill)
    good = [*find_files([archive / "2023"])]
    paths = [*good * 20, str(kill), *good * 20]
    results = list(outcomes(paths, render=_die_on_kill, jobs=2))
    assert [o.path for o in results] == paths
    died = [o for o in results if o.error is not None]
    assert [o.path for o in died] == [str(kill)]
    assert died[0].error is not None and died[0].error.kind is ErrorKind.INTERNAL
    assert "worker process" in died[0].error.message
    assert all(o.output == render_jsonl(govreport.parse_file(o.path)) for o in results if o.ok)


# --- The summary --------------------------------------------------------------------------------


def test_the_summary_counts_and_says_it(archive: Path) -> None:
    summary = Summary()
    broken = archive / "2024" / "broken.txt"
    text = SEED_FILES[0].read_text("utf-8")
    report = govreport.parse_file(SEED_FILES[0])
    # A count changed: the rules R1 and R3 break, error findings, still a report.
    place = report.place("$.applications.new_received.natural_person")
    assert place is not None
    lines = text.split("\n")
    row = lines[place.line - 1]
    value = str(report.applications.new_received.natural_person)
    start = place.column - 1
    lines[place.line - 1] = row[:start] + str(int(value) + 1) + row[start + len(value) :]
    broken.write_text("\n".join(lines), encoding="utf-8")
    for outcome in outcomes(find_files([archive, archive / "missing.txt"]), render=render_jsonl):
        summary.add(outcome)
    assert (summary.found, summary.parsed, summary.with_errors) == (8, 5, 1)
    assert {k.value: n for k, n in summary.failed.items()} == {
        "undecodable": 1,
        "not-a-report": 1,
        "unreadable": 1,
    }
    assert dict(summary.versions) == {"2021": 5}
    layouts = {table: sum(counts.values()) for table, counts in summary.layouts.items()}
    assert layouts == {"active_disclosure": 5, "applications": 5, "review_litigation": 5}
    lines_out = summary.lines()
    assert lines_out[0] == "8 file(s) found: 5 parsed (1 with error findings), 3 failed"
    assert lines_out[1] == "  failed: not-a-report 1, undecodable 1, unreadable 1"
    assert lines_out[2] == "  format_version: 2021 5"
    assert lines_out[3].startswith("  layout of active_disclosure: tab ")


def test_a_summary_of_nothing_parsed_says_so() -> None:
    summary = Summary()
    summary.add(read("/nonexistent/x.txt"))
    assert summary.lines() == [
        "1 file(s) found: 0 parsed (0 with error findings), 1 failed",
        "  failed: unreadable 1",
    ]


_TABLES = ("active_disclosure", "applications", "review_litigation", "a_plugin_table")
_parsed_outcomes = st.builds(
    Outcome,
    path=st.just("x.txt"),
    output=st.just(""),
    format_version=st.sampled_from([None, "2019", "2021"]),
    extractors=st.dictionaries(
        st.sampled_from(_TABLES), st.sampled_from(["tab", "cell-per-line", "mine"])
    ),
    error_findings=st.integers(0, 3),
)
_failed_outcomes = st.builds(
    Outcome,
    path=st.just("x.txt"),
    error=st.builds(batch.FileError, kind=st.sampled_from(ErrorKind), message=st.just("no")),
)


@given(st.lists(st.one_of(_parsed_outcomes, _failed_outcomes), max_size=30))
def test_the_summary_counts_as_counting_each_outcome_would(items: list[Outcome[Any]]) -> None:
    summary = Summary()
    for item in items:
        summary.add(item)
    parsed = [o for o in items if o.error is None]
    assert summary.found == len(items)
    assert summary.parsed == len(parsed)
    assert summary.with_errors == sum(o.error_findings > 0 for o in parsed)
    assert summary.failed == Counter(o.error.kind for o in items if o.error is not None)
    assert summary.versions == Counter(o.format_version for o in parsed if o.format_version)
    layouts = summary.layouts
    assert set(layouts) >= {"active_disclosure", "applications", "review_litigation"}
    for table, counts in layouts.items():
        assert counts == Counter(o.extractors[table] for o in parsed if table in o.extractors)
