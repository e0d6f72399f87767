"""docs/inputs/: each example gives the values its comments show, and the fuzz test runs."""

from __future__ import annotations

import ast
import io
import re
import tokenize
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
#: The pages of docs/inputs/, in the order of the index's table, then the fuzzing page.
PAGES = [
    *(
        ROOT / "docs" / page
        for page in re.findall(
            r"\]\((inputs/[\w-]+\.md)\)", (ROOT / "docs" / "inputs.md").read_text("utf-8")
        )
        if page != "inputs/fuzzing.md"
    ),
    ROOT / "docs" / "inputs" / "fuzzing.md",
]
DOC = "\n".join(page.read_text("utf-8") for page in dict.fromkeys(PAGES))


def blocks(language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```", DOC, flags=re.MULTILINE | re.DOTALL)


def _comments(source: str) -> dict[int, str]:
    return {
        tok.start[0]: tok.string[1:].strip()
        for tok in tokenize.generate_tokens(io.StringIO(source).readline)
        if tok.type == tokenize.COMMENT
    }


def test_every_python_example_gives_the_values_its_comments_show(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The blocks run in order, in one namespace, as a reader would run them.
    monkeypatch.chdir(ROOT)
    namespace: dict[str, Any] = {"__name__": "docs_inputs"}
    checked = []
    for block in blocks("python"):
        comments = _comments(block)
        for statement in ast.parse(block).body:
            code = ast.get_source_segment(block, statement)
            assert code is not None
            comment = comments.get(statement.end_lineno or statement.lineno)
            if isinstance(statement, ast.Expr) and comment is not None:
                assert repr(eval(code, namespace)) == comment, code
                checked.append(code)
            else:
                exec(
                    compile(ast.Module([statement], type_ignores=[]), "docs/inputs", "exec"),
                    namespace,
                )
    assert len(checked) >= 15
    namespace["test_pdfs_read_back"]()  # the property test the fuzzing section shows


def test_the_extra_the_docs_name_is_in_pyproject() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text("utf-8")
    assert "pip install 'govreport[testing-documents]'" in DOC
    assert len(dict.fromkeys(PAGES)) == 6  # text, flattened text, HTML, Word, PDF, fuzzing
    assert re.search(r"^testing-documents = \[", pyproject, re.MULTILINE)
    assert '"govreport[testing-documents]"' in pyproject  # in the test extra


@pytest.mark.parametrize("name", ["render_html", "render_docx", "render_pdf"])
def test_each_renderers_docstring_example_runs(
    name: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from hypothesis import settings

    from govreport.testing import documents

    doc = getattr(documents, name).__doc__
    assert doc is not None
    (example,) = re.findall(r"::\n\n(.*?)(?:\n\n    \S|\Z)", doc, flags=re.DOTALL)
    code = "\n".join(line[8:] for line in example.splitlines())
    (tmp_path / "tests").symlink_to(ROOT / "tests")  # the seed paths, from a scratch folder
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, Any] = {"__name__": "docstring"}
    exec(compile(code, f"{name}.__doc__", "exec"), namespace)
    for test in [v for k, v in namespace.items() if k.startswith("test_")]:
        settings(max_examples=3)(test)()
