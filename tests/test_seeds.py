"""Every seed report gives exactly its hand-verified values, whatever its encoding."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import govreport

from .conftest import SEED_FILES, expected_for

#: Keys of the expected files that describe the file rather than the report.
_NOT_VALUES = {"file", "layout", "agency_accept", "source_inconsistencies", "notes", "source"}


def _leaves(obj: Any, prefix: str = "$") -> Iterator[tuple[str, Any]]:
    if isinstance(obj, dict):
        for key, value in obj.items():
            yield from _leaves(value, f"{prefix}.{key}")
    else:
        yield prefix, obj


def _lookup(data: Any, path: str) -> Any:
    for part in path.split(".")[1:]:
        data = data[part]
    return data


def assert_matches(report: govreport.Report, expected: dict[str, Any]) -> None:
    got = govreport.to_dict(report)
    wanted = {k: v for k, v in expected.items() if k not in _NOT_VALUES}
    misses = [
        f"{path}: expected {value!r}, got {_lookup(got, path)!r}"
        for path, value in _leaves(wanted)
        if _lookup(got, path) != value
    ]
    assert not misses, "\n".join(misses)
    assert report.agency in expected["agency_accept"]


def test_seed_gives_its_expected_values(seed: Path) -> None:
    assert_matches(govreport.parse_file(seed), expected_for(seed))


def test_seed_has_no_error_findings(seed: Path) -> None:
    report = govreport.parse_file(seed)
    assert [f for f in report.findings if f.severity is govreport.Severity.ERROR] == []


@pytest.mark.parametrize(
    ("codec", "name"),
    [
        ("gb18030", "gb18030"),
        ("utf-16", "utf-16-le"),
        ("utf-16-be", "utf-16-be"),
        ("utf-8-sig", "utf-8-sig"),
    ],
)
@pytest.mark.parametrize("path", SEED_FILES, ids=[p.stem for p in SEED_FILES])
def test_reencoded_seed_gives_the_same_report(path: Path, codec: str, name: str) -> None:
    original = govreport.parse_file(path)
    data = path.read_text("utf-8").encode(codec)
    report = govreport.parse(data)
    assert report.encoding == name
    assert govreport.to_dict(report) | {"encoding": None, "source": None} == govreport.to_dict(
        original
    ) | {"encoding": None, "source": None}
