"""Writers: the JSON array streamed as json.dumps would lay it out, CSV and Excel tables."""

from __future__ import annotations

import csv
import io
import json
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from attrs import evolve

import govreport
from govreport import export, records
from govreport.batch import Outcome, find_files, outcomes
from govreport.model import ActiveDisclosure

from .conftest import SEED_FILES
from .test_records import expected_columns

NOTICE = "关于做好年度工作的通知\n请各单位按时报送材料。\n"


@pytest.fixture
def files(tmp_path: Path) -> list[str]:
    """The seeds, then a file that is not a report."""
    notice = tmp_path / "notice.txt"
    notice.write_text(NOTICE, encoding="utf-8")
    return [*map(str, SEED_FILES), str(notice)]


def write_all(writer: export.Writer, paths: list[str]) -> None:
    for outcome in outcomes(paths, render=writer.render):
        writer.write(outcome)
    writer.close()


def dumped(paths: list[str]) -> list[dict[str, Any]]:
    return [govreport.to_dict(govreport.parse_file(p)) for p in paths]


# --- JSON -----------------------------------------------------------------------------------


def test_the_streamed_array_is_laid_out_as_json_dumps_would(files: list[str]) -> None:
    out = io.StringIO()
    write_all(export.JsonWriter(out, single=False), files)
    expected = json.dumps(dumped(files[:-1]), ensure_ascii=False, indent=2) + "\n"
    assert out.getvalue() == expected


def test_an_array_of_no_report_is_empty(files: list[str]) -> None:
    out = io.StringIO()
    write_all(export.JsonWriter(out, single=False), files[-1:])
    assert out.getvalue() == "[]\n"


def test_a_single_report_is_one_object(files: list[str]) -> None:
    out = io.StringIO()
    write_all(export.JsonWriter(out, single=True), files[:1])
    assert out.getvalue() == json.dumps(dumped(files[:1])[0], ensure_ascii=False, indent=2) + "\n"


def test_jsonl_is_one_object_per_line(files: list[str]) -> None:
    out = io.StringIO()
    write_all(export.JsonlWriter(out), files)
    assert [json.loads(line) for line in out.getvalue().splitlines()] == dumped(files[:-1])


def test_json_array_of_anything_matches_json_dumps() -> None:
    out = io.StringIO()
    array = export.JsonArray(out)
    items = [{"a": [1, {"b": "x\ny"}]}, [], {"c": None}]
    for item in items:
        array.add(json.dumps(item, ensure_ascii=False, indent=2))
    array.close()
    assert out.getvalue() == json.dumps(items, ensure_ascii=False, indent=2) + "\n"


# --- CSV --------------------------------------------------------------------------------------


def read_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def as_cell(value: Any) -> str:
    return "" if value is None else str(value)


def test_csv_rows_hold_the_seeds_expected_values_at_the_documented_columns(
    files: list[str],
) -> None:
    out, findings = io.StringIO(), io.StringIO()
    write_all(export.CsvWriter(out, findings), files)
    assert out.getvalue().split("\n")[0] == ",".join(records.columns())
    rows = read_csv(out.getvalue())
    assert [row["source"] for row in rows] == files
    for path, row in zip(SEED_FILES, rows, strict=False):
        expected = expected_columns(path)
        assert {c: row[c] for c in expected} == {c: as_cell(v) for c, v in expected.items()}
        assert row["error"] == row["error_kind"] == ""
    failed = rows[-1]
    assert failed["error_kind"] == "not-a-report"
    assert failed["error"].startswith("line 2, column 11: no heading of section 一")
    assert {c for c, v in failed.items() if v} == {"source", "error", "error_kind"}


def test_csv_findings_are_one_row_per_finding(files: list[str]) -> None:
    out, findings = io.StringIO(), io.StringIO()
    write_all(export.CsvWriter(out, findings), files)
    rows = list(csv.reader(io.StringIO(findings.getvalue())))
    assert tuple(rows[0]) == records.FINDING_COLUMNS
    expected = [
        [as_cell(v) for v in row]
        for path in files[:-1]
        for row in records.finding_rows(govreport.parse_file(path))
    ]
    assert rows[1:] == expected and len(expected) > 0


def blank_and_decimal(path: Path) -> govreport.Report:
    """A seed with one blank cell and a fee with a trailing zero."""
    report = govreport.parse_file(path)
    row = evolve(report.applications.carried_over, research=None)
    assert isinstance(report.active_disclosure, ActiveDisclosure)
    return evolve(
        report,
        applications=evolve(report.applications, carried_over=row),
        active_disclosure=evolve(report.active_disclosure, fees=Decimal("1.50")),
    )


def test_csv_blank_is_an_empty_cell_and_a_decimal_its_exact_text() -> None:
    report = blank_and_decimal(SEED_FILES[0])
    out = io.StringIO()
    writer = export.CsvWriter(out)
    writer.write(Outcome(path="x", output=writer.render(report)))
    (row,) = read_csv(out.getvalue())
    assert row["applications.carried_over.research"] == ""
    assert row["applications.carried_over.natural_person"] != ""
    assert row["active_disclosure.fees"] == "1.50"


# --- Excel ------------------------------------------------------------------------------------


def sheet_rows(sheet: Any) -> list[tuple[Any, ...]]:
    """A sheet's rows, each as wide as the header (read-only mode drops trailing blanks)."""
    rows = list(sheet.iter_rows(values_only=True))
    width = len(rows[0])
    return [tuple(row) + (None,) * (width - len(row)) for row in rows]


def test_xlsx_has_a_reports_sheet_and_a_findings_sheet(files: list[str], tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    target = tmp_path / "all.xlsx"
    write_all(export.XlsxWriter(str(target)), files)
    book = openpyxl.load_workbook(target, read_only=True)
    assert book.sheetnames == ["reports", "findings"]
    table = sheet_rows(book["reports"])
    assert table[0] == records.columns()
    rows = [dict(zip(table[0], values, strict=True)) for values in table[1:]]
    assert [row["source"] for row in rows] == files
    for path, row in zip(SEED_FILES, rows, strict=False):
        expected = expected_columns(path)  # a fee is text ("0"), as in the JSON
        assert {c: row[c] for c in expected} == expected
    assert rows[-1]["error_kind"] == "not-a-report"
    assert rows[-1]["applications.new_received.total"] is None
    findings = sheet_rows(book["findings"])
    assert findings[0] == records.FINDING_COLUMNS
    expected_findings = [
        row for path in files[:-1] for row in records.finding_rows(govreport.parse_file(path))
    ]
    assert findings[1:] == expected_findings
    book.close()


def test_xlsx_blank_is_an_empty_cell_and_a_decimal_its_exact_text(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    target = tmp_path / "one.xlsx"
    writer = export.XlsxWriter(str(target))
    writer.write(Outcome(path="x", output=writer.render(blank_and_decimal(SEED_FILES[0]))))
    writer.close()
    sheet = openpyxl.load_workbook(target)["reports"]
    header = [cell.value for cell in sheet[1]]
    cells = {name: cell for name, cell in zip(header, sheet[2], strict=True)}
    assert cells["applications.carried_over.research"].value is None
    assert cells["applications.carried_over.natural_person"].data_type == "n"
    assert cells["active_disclosure.fees"].value == "1.50"


def test_a_full_sheet_goes_on_in_a_new_one_with_the_header(
    files: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    monkeypatch.setattr(export._Sheets, "MAX_ROWS", 3)  # a header and two rows per sheet
    target = tmp_path / "split.xlsx"
    write_all(export.XlsxWriter(str(target)), files)
    book = openpyxl.load_workbook(target, read_only=True)
    names = ["reports", "reports (2)", "reports (3)"]
    assert [name for name in book.sheetnames if name.startswith("reports")] == names
    sources = []
    for name in names:
        table = sheet_rows(book[name])
        assert table[0] == records.columns()
        assert 1 <= len(table) - 1 <= 2
        sources += [row[0] for row in table[1:]]
    assert sources == files
    book.close()


def test_characters_xml_cannot_hold_are_escaped(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    report = evolve(govreport.parse_file(SEED_FILES[0]), title="标题\x0c第二页")
    target = tmp_path / "ff.xlsx"
    writer = export.XlsxWriter(str(target))
    writer.write(Outcome(path="x", output=writer.render(report)))
    writer.close()
    sheet = openpyxl.load_workbook(target)["reports"]
    assert sheet.cell(row=2, column=records.columns().index("title") + 1).value == (
        "标题\\x0c第二页"
    )


def test_a_folder_to_csv_through_the_public_pieces(tmp_path: Path) -> None:
    for path in SEED_FILES:
        (tmp_path / "in").mkdir(exist_ok=True)
        (tmp_path / "in" / path.name).write_bytes(path.read_bytes())
    out = io.StringIO()
    writer = export.CsvWriter(out)
    for outcome in outcomes(find_files([tmp_path / "in"]), render=writer.render, jobs=2):
        writer.write(outcome)
    rows = read_csv(out.getvalue())
    assert [Path(r["source"]).name for r in rows] == [p.name for p in SEED_FILES]


def test_without_openpyxl_the_error_names_the_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(ModuleNotFoundError, match=r"pip install 'govreport\[xlsx\]'"):
        export.XlsxWriter(str(tmp_path / "x.xlsx"))
