"""Flat records: column names walked from the model, unions of classes, blanks and decimals."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from attrs import evolve, fields, frozen
from hypothesis import given
from hypothesis import strategies as st

import govreport
from govreport import records
from govreport.labels import TABLE_SECTIONS
from govreport.model import ActiveDisclosure, Finding, Report, Severity

from .conftest import FIXTURES, SEED_FILES, expected_for

ROOT = Path(__file__).resolve().parents[1]
DOC = (ROOT / "docs" / "batch.md").read_text("utf-8")

#: Keys of the expected files that describe the file rather than the report's values.
_NOT_VALUES = {"file", "layout", "agency_accept", "source_inconsistencies", "notes", "source"}


def _leaves(obj: Any, prefix: str = "") -> Iterator[tuple[str, Any]]:
    if isinstance(obj, dict):
        for key, value in obj.items():
            yield from _leaves(value, f"{prefix}{key}.")
    else:
        yield prefix[:-1], obj


def expected_columns(path: Path) -> dict[str, Any]:
    """A seed's hand-verified values by column name (``applications.new_received.total``)."""
    expected = expected_for(path)
    return dict(_leaves({k: v for k, v in expected.items() if k not in _NOT_VALUES}))


def json_leaves(report: Report) -> dict[str, Any]:
    """Every value of the report's JSON by its dotted key."""
    return dict(_leaves(govreport.to_dict(report)))


# --- Column names come from the model ---------------------------------------------------------


def test_columns_are_the_metadata_then_every_table_value_of_the_json() -> None:
    # One report of each format: together their table values are the table columns, each
    # report's in its JSON order.
    reports = [
        govreport.parse_file(SEED_FILES[0]),
        govreport.parse_file(FIXTURES / "format2019" / "2019_tab.txt"),
    ]
    assert [r.format_version for r in reports] == ["2021", "2019"]
    columns = records.columns()
    assert columns[: len(records.METADATA_COLUMNS)] == records.METADATA_COLUMNS
    tables = columns[len(records.METADATA_COLUMNS) :]
    keys = [
        [key for key in json_leaves(r) if key.split(".")[0] in TABLE_SECTIONS.values()]
        for r in reports
    ]
    assert set(tables) == set(keys[0]) | set(keys[1])
    for report_keys in keys:
        assert sorted(report_keys, key=tables.index) == report_keys
    assert len(set(columns)) == len(columns)


def test_metadata_columns_name_report_fields_tables_and_severities() -> None:
    names = {a.name for a in fields(Report)}
    assert {"source", "title", "agency", "year", "format_version", "encoding"} <= names
    assert records.METADATA_COLUMNS == (
        "source",
        "title",
        "agency",
        "year",
        "format_version",
        "encoding",
        "extractors.active_disclosure",
        "extractors.applications",
        "extractors.review_litigation",
        "findings.error",
        "findings.warning",
        "findings.info",
        "error",
        "error_kind",
    )


def test_column_types_follow_the_model() -> None:
    types = records.column_types()
    assert types["year"] is int
    assert types["title"] is str
    assert types["active_disclosure.fees"] is Decimal
    assert types["applications.results.denied.state_secret.total"] is int
    assert types["findings.error"] is int
    assert set(types) == set(records.columns())


# --- A union of attrs classes -----------------------------------------------------------------


@frozen(kw_only=True)
class Old:
    issued: int | None = None
    repealed: int | None = None


@frozen(kw_only=True)
class New:
    issued: int | None = None
    amount: Decimal | None = None


@frozen(kw_only=True)
class Pair:
    left: int | None = None
    right: int | None = None


@frozen(kw_only=True)
class Section:
    part: Old | New = Old()
    rows: Pair | int | None = None
    name: str = ""


@frozen(kw_only=True)
class Top:
    section: Section = Section()
    total: int | None = None


def test_a_union_of_classes_has_the_union_of_their_columns_first_members_first() -> None:
    assert records.flat_columns(Top) == {
        "section.part.issued": int,
        "section.part.repealed": int,
        "section.part.amount": Decimal,  # New's own column, after Old's
        "section.rows.left": int,
        "section.rows.right": int,
        "section.rows": int,  # the scalar member, in its place in the union
        "section.name": str,
        "total": int,
    }


def test_a_record_fills_the_member_it_holds_and_leaves_the_others_blank() -> None:
    old = Top(section=Section(part=Old(issued=3, repealed=0), rows=Pair(left=1)))
    assert records.flatten(old) == {
        "section.part.issued": 3,
        "section.part.repealed": 0,
        "section.part.amount": None,
        "section.rows.left": 1,
        "section.rows.right": None,
        "section.rows": None,
        "section.name": "",
        "total": None,
    }
    new = Top(section=Section(part=New(issued=4, amount=Decimal("0.35")), rows=7), total=2)
    assert records.flatten(new) == {
        "section.part.issued": 4,
        "section.part.repealed": None,
        "section.part.amount": Decimal("0.35"),
        "section.rows.left": None,
        "section.rows.right": None,
        "section.rows": 7,
        "section.name": "",
        "total": 2,
    }


def test_a_value_of_a_type_the_field_does_not_allow_is_an_error_not_a_guess() -> None:
    wrong = Top(section=Section(part=Pair(left=1)))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"section\.part: unexpected Pair value"):
        records.flatten(wrong)


def test_the_reports_own_unions_are_walked_the_same_way() -> None:
    # Whatever members Report's table fields have, each column of each member is there.
    for table in ("active_disclosure", "applications", "review_litigation"):
        columns = records.flat_columns(type(getattr(Report(), table)), f"{table}.")
        assert set(columns) <= set(records.columns())


# --- Values -------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", SEED_FILES, ids=[p.stem for p in SEED_FILES])
def test_a_seeds_record_holds_its_expected_values(path: Path) -> None:
    record = records.to_record(govreport.parse_file(path))
    expected = expected_columns(path)
    got = {
        column: (str(record[column]) if isinstance(record[column], Decimal) else record[column])
        for column in expected
    }
    assert got == expected
    assert record["agency"] in expected_for(path)["agency_accept"]
    assert record["source"] == str(path)
    assert record["error"] is None and record["error_kind"] is None


def test_metadata_values_of_a_seed() -> None:
    report = govreport.parse_file(SEED_FILES[-1])
    record = records.to_record(report)
    assert record["encoding"] == report.encoding
    for table, name in report.extractors.items():
        assert record[f"extractors.{table}"] == name
    for severity in Severity:
        count = sum(f.severity is severity for f in report.findings)
        assert record[f"findings.{severity.value}"] == count
    assert record["findings.warning"] + record["findings.info"] == len(report.findings) > 0


@given(st.from_type(Report))
def test_every_table_value_of_any_report_is_in_its_record_at_its_json_key(
    report: Report,
) -> None:
    record = records.to_record(report)
    assert tuple(record) == records.columns()
    tables = {
        key: value
        for key, value in json_leaves(report).items()
        if key.split(".")[0] in TABLE_SECTIONS.values()
    }
    got = {key: record[key] for key in tables}
    assert {k: str(v) if isinstance(v, Decimal) else v for k, v in got.items()} == tables
    assert (record["agency"], record["year"]) == (report.agency, report.year)


def test_a_blank_cell_is_none_and_a_printed_zero_is_zero() -> None:
    report = govreport.parse_file(SEED_FILES[0])
    new = evolve(report.applications.new_received, research=None, other=0)
    report = evolve(report, applications=evolve(report.applications, new_received=new))
    record = records.to_record(report)
    assert record["applications.new_received.research"] is None
    assert record["applications.new_received.other"] == 0


def test_decimals_stay_exact() -> None:
    report = govreport.parse_file(SEED_FILES[0])
    fees = Decimal("0.10")
    assert isinstance(report.active_disclosure, ActiveDisclosure)
    report = evolve(report, active_disclosure=evolve(report.active_disclosure, fees=fees))
    value = records.to_record(report)["active_disclosure.fees"]
    assert (type(value), str(value)) == (Decimal, "0.10")


def test_an_empty_report_is_all_blank_but_its_metadata() -> None:
    record = records.to_record(Report())
    assert {k for k, v in record.items() if v is not None} == {
        "format_version",
        "findings.error",
        "findings.warning",
        "findings.info",
    }


def test_an_error_record_names_the_file_and_the_error_and_nothing_else() -> None:
    record = records.error_record("a/b.txt", "not-a-report", "line 2, column 11: no heading")
    assert list(record) == list(records.columns())
    assert {k: v for k, v in record.items() if v is not None} == {
        "source": "a/b.txt",
        "error": "line 2, column 11: no heading",
        "error_kind": "not-a-report",
    }


def test_to_records_is_to_record_of_each_and_is_lazy_in_the_package() -> None:
    reports = [govreport.parse_file(p) for p in SEED_FILES[:2]]
    assert govreport.to_records(reports) == [records.to_record(r) for r in reports]
    assert "to_records" in govreport.__all__ and "to_dataframe" in dir(govreport)


def test_finding_rows_follow_the_finding_columns() -> None:
    report = govreport.parse_file(SEED_FILES[-1])
    rows = records.finding_rows(report)
    assert records.FINDING_COLUMNS == (
        "file",
        "code",
        "severity",
        "message",
        "path",
        "line",
        "column",
    )
    assert rows == [
        (str(SEED_FILES[-1]), f.code, f.severity.value, f.message, f.path, f.line, f.column)
        for f in report.findings
    ]
    own = Finding(code="C1", severity=Severity.ERROR, message="m", source="other.txt")
    assert records.finding_rows(evolve(report, findings=(own,)))[0][0] == "other.txt"


# --- pandas -------------------------------------------------------------------------------------


def test_to_dataframe_types_counts_as_nullable_integers_and_decimals_as_text() -> None:
    pd = pytest.importorskip("pandas")
    reports = [govreport.parse_file(p) for p in SEED_FILES]
    blank = evolve(reports[0].applications.new_received, research=None)
    reports[0] = evolve(
        reports[0], applications=evolve(reports[0].applications, new_received=blank)
    )
    frame = govreport.to_dataframe(
        [*reports, records.error_record("x.bin", "undecodable", "byte 4: binary")]
    )
    assert list(frame.columns) == list(records.columns())
    assert len(frame) == len(SEED_FILES) + 1
    assert str(frame["applications.new_received.total"].dtype) == "Int64"
    assert str(frame["active_disclosure.fees"].dtype) == "string"
    assert frame["applications.new_received.research"].iloc[0] is pd.NA
    assert frame["applications.new_received.total"].iloc[-1] is pd.NA
    assert frame["error_kind"].iloc[-1] == "undecodable"
    for i, path in enumerate(SEED_FILES):
        for column, value in expected_columns(path).items():
            if i == 0 and column == "applications.new_received.research":
                continue
            cell = frame[column].iloc[i]
            assert (None if cell is pd.NA else cell) == value, (path.name, column)
    assert dict(frame.dtypes) == dict(records.dataframe_meta().dtypes)


def test_without_pandas_the_error_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas raises ImportError
    with pytest.raises(ModuleNotFoundError, match=r"pip install 'govreport\[pandas\]'"):
        govreport.to_dataframe([])


def test_dataframe_meta_is_empty_with_every_column() -> None:
    pytest.importorskip("pandas")
    meta = records.dataframe_meta()
    assert len(meta) == 0
    assert list(meta.columns) == list(records.columns())


# --- The documentation lists exactly the code's columns ----------------------------------------


def _section(title: str) -> str:
    match = re.search(rf"^### {re.escape(title)}\n(.*?)(?=^##|\Z)", DOC, re.MULTILINE | re.DOTALL)
    assert match is not None, title
    return match.group(1)


def _table_names(text: str) -> list[str]:
    return re.findall(r"^\| `([^`]+)` \|", text, re.MULTILINE)


def test_docs_list_every_metadata_column_in_order() -> None:
    assert tuple(_table_names(_section("Metadata columns"))) == records.METADATA_COLUMNS


def test_docs_list_every_table_column_in_order() -> None:
    block = re.search(r"```text\n(.*?)```", _section("Table columns"), re.DOTALL)
    assert block is not None
    documented = block.group(1).split()
    code = [c for c in records.columns() if c not in records.METADATA_COLUMNS]
    missing = [c for c in code if c not in documented]
    extra = [c for c in documented if c not in code]
    assert documented == code, f"docs/batch.md: missing {missing}, not in the code {extra}"


def test_docs_list_every_finding_column_in_order() -> None:
    assert tuple(_table_names(_section("Findings columns"))) == records.FINDING_COLUMNS
