"""Extractor plugins: discovery through entry points, and isolation of those that misbehave."""

from __future__ import annotations

import json
import math
import os
import random
import subprocess
import sys
from collections.abc import Callable, Iterator
from importlib.metadata import EntryPoint
from pathlib import Path
from typing import Any

import pytest
from attrs import evolve
from hypothesis import given, settings
from hypothesis import strategies as st

import govreport
from govreport import registry
from govreport.extractors import Block, Grid, Row, TabExtractor
from govreport.testing import Noise, render_report, report_differences, reports

from .conftest import SEED_FILES

HERE = Path(__file__).parent
PLUGIN = HERE / "plugin_example"
BROKEN = HERE / "plugin_broken"
SEED_TAB = next(p for p in SEED_FILES if p.name.startswith("000_"))


# --- Plugins installed for real ------------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with the example plugin and the broken ones installed by pip."""
    target = tmp_path_factory.mktemp("site")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-index",
            "--no-build-isolation",
            "--target",
            str(target),
            str(PLUGIN),
            str(BROKEN),
        ],
        check=True,
        capture_output=True,
    )
    return target


def _run(site: Path, code: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(site), PYTHONWARNINGS="default")
    return subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )


def _semicolon_render(rows: Any) -> str:
    # The plugin's own renderer, loaded from its file: the plugin is not importable here.
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "govreport_semicolon_here", PLUGIN / "src" / "govreport_semicolon" / "__init__.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    text: str = module.SemicolonExtractor.render(rows)
    return text


_PROBE = """
import json, sys, warnings
warnings.simplefilter("default")
import govreport
from govreport import registry
report = govreport.parse_file(sys.argv[1], check=False)
print(json.dumps({
    "names": registry.names(),
    "extractors": dict(report.extractors),
    "failed": [f.message for f in report.findings if f.code == "extractor-failed"],
    "load_failures": [(f.name, f.distribution, f.error) for f in registry.load_failures()],
    "report": govreport.to_dict(report),
}, ensure_ascii=False))
"""


def test_an_installed_plugin_is_discovered_and_reads_its_layout(site: Path, tmp_path: Path) -> None:
    documents: list[tuple[Path, govreport.Report]] = []

    @settings(max_examples=4, database=None)
    @given(reports(), st.integers(0, 2**32 - 1))
    def write(report: govreport.Report, seed: int) -> None:
        text, expected = render_report(
            report,
            "semicolon",
            render=_semicolon_render,
            noise=Noise.every(),
            rng=random.Random(seed),
        )
        document = tmp_path / f"report-{len(documents)}.txt"
        document.write_text(text, "utf-8")
        documents.append((document, expected))

    write()
    for document, expected in documents:
        result = _run(site, f"import sys; sys.argv[1:] = [{str(document)!r}]\n" + _PROBE)
        assert result.returncode == 0, result.stderr
        out = json.loads(result.stdout)
        assert "semicolon" in out["names"]
        assert set(out["extractors"].values()) == {"semicolon"}
        read = govreport.from_dict(out["report"])
        # The broken plugins installed beside it fail on every table, as they should.
        kept = tuple(f for f in read.findings if f.code != "extractor-failed")
        read = evolve(read, findings=kept, encoding=None, source=None)
        assert report_differences(read, expected) == []


def test_installed_plugins_that_misbehave_break_no_parse(site: Path) -> None:
    result = _run(site, f"import sys; sys.argv[1:] = [{str(SEED_TAB)!r}]\n" + _PROBE)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    # The plugin that raises is scored first (it is sure and has the highest priority) and
    # fails on each table: a finding names it, and the tables are read without it.
    assert "raising" in out["names"]
    assert set(out["extractors"].values()) == {"tab"}
    assert len(out["failed"]) == 3
    assert all("'raising'" in m and "this plugin is broken" in m for m in out["failed"])
    expected = govreport.to_dict(govreport.parse_file(SEED_TAB, check=False))
    assert out["report"]["applications"] == expected["applications"]
    # The two that cannot be loaded are left out, said on stderr and listed.
    failures = {name: (dist, error) for name, dist, error in out["load_failures"]}
    assert set(failures) == {"missing", "not-an-extractor"}
    assert failures["missing"][0] == "govreport-broken"
    assert "ModuleNotFoundError" in failures["missing"][1]
    assert "ExtractorWarning" in result.stderr
    assert "missing = govreport_broken.missing:Extractor" in result.stderr


def test_pinning_a_plugin_that_failed_to_load_says_why(site: Path) -> None:
    code = (
        "import govreport\n"
        "try:\n"
        f"    govreport.parse_file({str(SEED_TAB)!r}, extractors=['missing'])\n"
        "except govreport.ExtractorError as e:\n"
        "    print(e)\n"
    )
    result = _run(site, code)
    assert "no such extractor" in result.stdout
    assert "failed to load: ModuleNotFoundError" in result.stdout


def test_importing_govreport_loads_no_plugin(site: Path) -> None:
    code = "import sys, govreport; print(sorted(m for m in sys.modules if 'broken' in m))"
    result = _run(site, code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
    assert result.stderr == ""


# --- Discovery, in process -------------------------------------------------------------------


class _Plugin:
    name = "test-entry-point"
    priority = 0

    def score(self, block: Block) -> float:
        return 0.0

    def extract(self, block: Block) -> Grid:
        return ()


@pytest.fixture
def fresh_registry(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., None]]:
    """Run discovery again over the given entry points; the registry is restored after."""
    saved = dict(registry._EXTRACTORS)
    saved_failures = list(registry._FAILURES)

    def discover(*entries: EntryPoint) -> None:
        monkeypatch.setattr(registry, "entry_points", lambda group: list(entries))
        monkeypatch.setattr(registry, "_discovered", False)
        registry._FAILURES.clear()

    yield discover
    registry._EXTRACTORS.clear()
    registry._EXTRACTORS.update(saved)
    registry._FAILURES[:] = saved_failures


def _entry(name: str, value: str) -> EntryPoint:
    return EntryPoint(name=name, value=value, group=registry.ENTRY_POINT_GROUP)


def test_entry_points_are_loaded_once_on_first_use(
    fresh_registry: Callable[..., None], monkeypatch: pytest.MonkeyPatch
) -> None:
    fresh_registry(_entry("test-entry-point", f"{__name__}:_Plugin"))
    assert "test-entry-point" in registry.names()
    assert isinstance(registry.get("test-entry-point"), _Plugin)
    calls: list[str] = []

    def entry_points(group: str) -> list[EntryPoint]:
        calls.append(group)
        return []

    monkeypatch.setattr(registry, "entry_points", entry_points)
    registry.names()
    assert calls == []  # discovered once


def test_a_broken_entry_point_is_reported_not_fatal(fresh_registry: Callable[..., None]) -> None:
    fresh_registry(
        _entry("nowhere", "no_such_module_anywhere:Thing"),
        _entry("tab-again", "govreport.extractors:TabExtractor"),
    )
    with pytest.warns(registry.ExtractorWarning) as caught:
        names = registry.names()
    assert {"tab", "cell-per-line", "ocr-split"} <= set(names)
    failures = registry.load_failures()
    assert [f.name for f in failures] == ["nowhere", "tab-again"]
    assert "ModuleNotFoundError" in failures[0].error
    assert "registered already" in failures[1].error
    assert len(caught) == 2
    report = govreport.parse_file(SEED_TAB)
    assert set(report.extractors.values()) == {"tab"}


# --- What a plugin returns is checked ----------------------------------------------------------


class _Returns:
    """A plugin whose score and rows are given; tab rows otherwise."""

    priority = 100

    def __init__(
        self, name: str, score: object = 1.0, rows: Callable[[Block], object] | None = None
    ) -> None:
        self.name = name
        self._score = score
        self._rows = rows

    def score(self, block: Block) -> float:
        return self._score  # type: ignore[return-value]

    def extract(self, block: Block) -> Grid:
        if self._rows is None:
            return TabExtractor().extract(block)
        return self._rows(block)  # type: ignore[return-value]


@pytest.fixture
def cleanup() -> Iterator[list[str]]:
    names: list[str] = []
    yield names
    for name in names:
        if name in registry.names():
            registry.unregister(name)


def _row(block: Block) -> Row:
    return Row(("规章",), (block.start,))


NONSENSE: dict[str, tuple[object, Callable[[Block], object] | None, str]] = {
    "score-above-one": (1.5, None, "score() returned 1.5; expected a float in [0, 1]"),
    "score-negative": (-0.1, None, "score() returned -0.1"),
    "score-nan": (math.nan, None, "score() returned nan"),
    "score-string": ("0.9", None, "score() returned '0.9'"),
    "score-bool": (True, None, "score() returned True"),
    "rows-not-rows": (1.0, lambda b: [("规章", "0")], "is ('规章', '0'), not a Row"),
    "rows-none": (1.0, lambda b: None, "extract() raised TypeError"),
    "row-outside-block": (
        1.0,
        lambda b: [Row(("规章",), (b.end + 5,))],
        "outside its block",
    ),
    "row-before-block": (1.0, lambda b: [Row(("规章",), (b.start - 1,))], "outside its block"),
    "row-short-starts": (1.0, lambda b: [Row(("规章", "0"), (b.start,))], "2 cells but 1 offsets"),
    "cell-not-str": (1.0, lambda b: [Row((0,), (b.start,))], "a cell that is not a string: 0"),  # type: ignore[arg-type]
    "start-not-int": (
        1.0,
        lambda b: [Row(("规章",), (float(b.start),))],  # type: ignore[arg-type]
        "an offset that is not an integer",
    ),
    "generator-raises": (1.0, lambda b: (1 / 0 for _ in [1]), "ZeroDivisionError"),
}


@pytest.mark.parametrize("case", sorted(NONSENSE))
def test_a_plugin_that_returns_nonsense_is_reported_and_skipped(
    case: str, cleanup: list[str]
) -> None:
    score, rows, message = NONSENSE[case]
    baseline = govreport.parse_file(SEED_TAB)
    registry.register(_Returns(f"test-{case}", score, rows))
    cleanup.append(f"test-{case}")
    report = govreport.parse_file(SEED_TAB)
    assert report.applications == baseline.applications
    assert set(report.extractors.values()) == {"tab"}
    failed = [f for f in report.findings if f.code == "extractor-failed"]
    assert len(failed) == 3
    for finding in failed:
        assert finding.message.startswith(f"extractor 'test-{case}': ")
        assert message in finding.message
        assert finding.message.endswith("; the table was read without it")


def test_lists_are_accepted_where_tuples_are_expected(cleanup: list[str]) -> None:
    def as_lists(block: Block) -> object:
        return [Row(list(r.cells), list(r.starts)) for r in TabExtractor().extract(block)]  # type: ignore[arg-type]

    registry.register(_Returns("test-lists", 1.0, as_lists))
    cleanup.append("test-lists")
    report = govreport.parse_file(SEED_TAB)
    assert set(report.extractors.values()) == {"test-lists"}
    assert report.applications == govreport.parse_file(SEED_TAB, extractors=["tab"]).applications


def test_when_the_sure_winner_fails_the_rest_are_scored_and_the_best_reads(
    cleanup: list[str],
) -> None:
    registry.register(_Returns("test-sure-but-broken", 1.0, lambda b: 1 / 0))
    cleanup.append("test-sure-but-broken")
    report = govreport.parse_file(SEED_TAB)
    assert set(report.extractors.values()) == {"tab"}


def test_a_pinned_plugin_that_fails_everywhere_raises_extractor_error() -> None:
    broken = _Returns("test-pinned-broken", 1.0, lambda b: 1 / 0)
    with pytest.raises(govreport.ExtractorError) as info:
        govreport.parse_file(SEED_TAB, extractors=[broken])
    assert info.value.extractor == "test-pinned-broken"
    assert "no extractor could read the table of section 二" in str(info.value)
    assert "ZeroDivisionError" in str(info.value)


def test_an_unregistered_extractor_object_can_be_pinned() -> None:
    copy = _Returns("test-unregistered", 1.0)
    report = govreport.parse_file(SEED_TAB, extractors=[copy])
    assert set(report.extractors.values()) == {"test-unregistered"}
    assert "test-unregistered" not in registry.names()


def test_pinning_nothing_is_an_error_listing_the_known_names() -> None:
    with pytest.raises(govreport.ExtractorError, match=r"known: .*tab"):
        govreport.parse_file(SEED_TAB, extractors=[])


def test_a_single_name_pins_that_layout() -> None:
    report = govreport.parse_file(SEED_TAB, extractors="tab")
    assert set(report.extractors.values()) == {"tab"}


@pytest.mark.parametrize(
    ("attrs", "message"),
    [
        ({"name": "", "priority": 1}, "name must be a non-empty string"),
        ({"name": 3, "priority": 1}, "name must be a non-empty string"),
        ({"name": "test-p", "priority": "high"}, "priority must be an integer"),
        ({"name": "test-p", "priority": True}, "priority must be an integer"),
    ],
)
def test_register_checks_name_and_priority(attrs: dict[str, object], message: str) -> None:
    plugin = _Returns("x")
    for key, value in attrs.items():
        setattr(plugin, key, value)
    with pytest.raises(govreport.ExtractorError, match=message):
        registry.register(plugin)
