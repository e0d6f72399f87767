"""docs/extractors.md: its plugin is the tested one, and each of its examples runs."""

from __future__ import annotations

import importlib.util
import random
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import govreport
from govreport import registry
from govreport.testing import render

ROOT = Path(__file__).resolve().parents[1]
DOC = (ROOT / "docs" / "extractors.md").read_text("utf-8")
PLUGIN = ROOT / "tests" / "plugin_example"
PLUGIN_SOURCE = PLUGIN / "src" / "govreport_semicolon" / "__init__.py"


def blocks(language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```", DOC, flags=re.MULTILINE | re.DOTALL)


def block_with(language: str, text: str) -> str:
    (found,) = [b for b in blocks(language) if text in b]
    return found


@pytest.fixture
def plugin(monkeypatch: pytest.MonkeyPatch) -> Iterator[ModuleType]:
    """The example plugin, importable as ``govreport_semicolon`` and registered."""
    spec = importlib.util.spec_from_file_location("govreport_semicolon", PLUGIN_SOURCE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setitem(sys.modules, "govreport_semicolon", module)
    registry.register(module.SemicolonExtractor())
    yield module
    registry.unregister("semicolon")


def run(code: str, **namespace: Any) -> dict[str, Any]:
    scope: dict[str, Any] = {"__name__": "docs_extractors", **namespace}
    exec(compile(code, "docs/extractors.md", "exec"), scope)
    return scope


def test_the_worked_example_is_the_plugin_the_tests_install() -> None:
    code = block_with("python", "class SemicolonExtractor")
    assert code == PLUGIN_SOURCE.read_text("utf-8")


def test_the_entry_point_shown_is_the_plugins_own() -> None:
    toml = block_with("toml", "govreport.extractors")
    assert toml in (PLUGIN / "pyproject.toml").read_text("utf-8")


def test_the_decorator_example_registers_a_layout() -> None:
    run(block_with("python", "@govreport.register"))
    try:
        assert "my-layout" in registry.names()
    finally:
        registry.unregister("my-layout")


def test_the_pinning_example_reads_a_semicolon_report(plugin: ModuleType) -> None:
    report = govreport.parse_file(
        ROOT / "tests" / "fixtures" / "seeds" / "000_fac155a733d850ab.txt"
    )
    text = render(report, "semicolon", rng=random.Random(1))
    scope = run(
        block_with("python", "report.extractors  #"),
        govreport=govreport,
        text=text,
        SemicolonExtractor=plugin.SemicolonExtractor,
    )
    assert set(scope["report"].extractors.values()) == {"semicolon"}
    assert scope["report"].applications == report.applications


def test_the_three_line_fuzz_test_runs(plugin: ModuleType) -> None:
    code = block_with("python", "check_extractor(SemicolonExtractor())")
    assert len([line for line in code.splitlines() if line.strip()]) == 3
    run(code, SemicolonExtractor=plugin.SemicolonExtractor)["test_semicolon_layout"]()


def test_the_property_example_runs(plugin: ModuleType) -> None:
    run(block_with("python", "report_differences(parsed, expected)"))[
        "test_semicolon_reports_read_back"
    ]()


def test_the_thorough_profile_command_names_the_variable_conftest_reads() -> None:
    command = block_with("sh", "GOVREPORT_HYPOTHESIS")
    assert "GOVREPORT_HYPOTHESIS=thorough" in command
    assert 'os.environ.get("GOVREPORT_HYPOTHESIS"' in (ROOT / "tests" / "conftest.py").read_text(
        "utf-8"
    )
