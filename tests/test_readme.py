"""The README's examples do what the README says they do."""

from __future__ import annotations

import ast
import io
import json
import re
import subprocess
import sys
import tokenize
from pathlib import Path
from typing import Any

import pytest

import govreport

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text("utf-8")


def code_blocks(language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```", README, flags=re.MULTILINE | re.DOTALL)


def first_govreport_command() -> list[str]:
    """The ``govreport …`` part of the README's first shell command, as arguments."""
    first = code_blocks("sh")[0].strip().splitlines()[0]
    match = re.search(r"(?:^|&&\s*)\S*govreport (parse [^&]+?)\s*(?:&&|$)", first)
    assert match is not None, first
    return match.group(1).split()


def comments_by_line(source: str) -> dict[int, str]:
    """The text of each ``# comment``, by 1-based line number."""
    return {
        tok.start[0]: tok.string[1:].strip()
        for tok in tokenize.generate_tokens(io.StringIO(source).readline)
        if tok.type == tokenize.COMMENT
    }


def test_readme_names_a_seed_report_in_its_first_command() -> None:
    args = first_govreport_command()
    assert args[0] == "parse"
    assert (ROOT / args[1]).is_file()
    assert args[1].startswith("tests/fixtures/seeds/")


def test_readme_first_command_prints_the_reports_json() -> None:
    args = first_govreport_command()
    result = subprocess.run(
        [sys.executable, "-m", "govreport", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        check=False,
    )
    assert (result.returncode, result.stderr) == (0, "")
    printed = json.loads(result.stdout)
    path = args[-1]
    expected = json.loads(json.dumps(govreport.to_dict(govreport.parse_file(ROOT / path))))
    assert printed == expected | {"source": path}


def test_readme_python_example_gives_the_values_its_comments_show(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The README's Python blocks run in order, in one namespace, as a reader would.
    monkeypatch.chdir(ROOT)
    namespace: dict[str, Any] = {"__name__": "readme"}
    checked = []
    expressions = []
    for block in code_blocks("python"):
        comments = comments_by_line(block)
        for statement in ast.parse(block).body:
            code = ast.get_source_segment(block, statement)
            assert code is not None
            comment = comments.get(statement.end_lineno or statement.lineno)
            if isinstance(statement, ast.Expr):
                expressions.append(code)
            if isinstance(statement, ast.Expr) and comment is not None:
                value = eval(code, namespace)
                assert repr(value) == comment, code
                checked.append(code)
            else:
                module = ast.Module([statement], type_ignores=[])
                exec(compile(module, "README.md", "exec"), namespace)
    # Every `expression  # value` line of the examples was checked.
    assert len(checked) == len(expressions) >= 11
