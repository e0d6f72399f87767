"""The Dask recipe of docs/batch.md, run as written on Dask's local schedulers.

A bag of paths → records → DataFrame → Parquet; the Parquet read back holds the seeds'
hand-verified values at the documented columns, and a row with the error of each bad file.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from govreport import records

from .conftest import SEED_FILES, expected_for
from .test_records import expected_columns

dask = pytest.importorskip("dask")
pd = pytest.importorskip("pandas")
pytest.importorskip("pyarrow")

DOC = (Path(__file__).resolve().parents[1] / "docs" / "batch.md").read_text("utf-8")


def recipe() -> str:
    """The Python block of the section 'On a cluster: Dask'."""
    section = DOC.split("## On a cluster: Dask", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"^```python\n(.*?)^```", section, re.MULTILINE | re.DOTALL)
    assert len(blocks) == 1
    code: str = blocks[0]
    return code


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with `archive/`: the seeds in subfolders, a binary file and a notice."""
    archive = tmp_path / "archive"
    for i, seed in enumerate(SEED_FILES):
        folder = archive / f"unit-{i % 2}"
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy(seed, folder / seed.name)
    (archive / "unit-0" / "scan.pdf.txt").write_bytes(bytes(range(256)) * 4)
    (archive / "unit-1" / "notice.txt").write_text("关于做好年度工作的通知\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def cell(value: Any) -> Any:
    return None if value is pd.NA or value is None else value


@pytest.mark.parametrize("scheduler", ["synchronous", "processes"])
def test_the_documented_recipe_writes_parquet_with_the_seeds_values(
    workdir: Path, scheduler: str
) -> None:
    with dask.config.set(scheduler=scheduler, num_workers=2):
        exec(compile(recipe(), "docs/batch.md", "exec"), {"__name__": "recipe"})
    frame = pd.read_parquet(workdir / "reports.parquet")
    assert list(frame.columns) == list(records.columns())
    assert dict(frame.dtypes) == dict(records.dataframe_meta().dtypes)
    assert len(frame) == len(SEED_FILES) + 2
    # Column by column: a row of mixed dtypes would turn <NA> into NaN.
    names = [Path(source).name for source in frame["source"]]
    rows = {name: {c: frame[c].iloc[i] for c in frame.columns} for i, name in enumerate(names)}
    for seed in SEED_FILES:
        row = rows[seed.name]
        expected = expected_columns(seed)
        assert {c: cell(row[c]) for c in expected} == expected, seed.name
        assert row["agency"] in expected_for(seed)["agency_accept"]
        assert cell(row["error"]) is None
    assert rows["scan.pdf.txt"]["error_kind"] == "undecodable"
    assert rows["notice.txt"]["error_kind"] == "not-a-report"
    assert rows["notice.txt"]["applications.new_received.total"] is pd.NA
