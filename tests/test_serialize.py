"""Reports to JSON data and back: exact round trips, FORMAT.md keys, strict reading."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govreport
from govreport import (
    ActiveDisclosure,
    ApplicantCounts,
    Applications,
    CaseOutcomes,
    Denied,
    DocumentCounts,
    Finding,
    NotProcessed,
    OtherHandling,
    Report,
    Results,
    ReviewLitigation,
    Severity,
    UnableToProvide,
)

from .conftest import SEED_FILES, expected_for

# --- FORMAT.md keys, written out from the spec ----------------------------------------------------

COLUMNS = {
    "natural_person",
    "commercial",
    "research",
    "social_welfare",
    "legal_service",
    "other",
    "total",
}
OUTCOMES = {"upheld", "corrected", "other", "pending", "total"}
FORMAT_TOP_KEYS = {
    "title",
    "agency",
    "year",
    "format_version",
    "overview",
    "active_disclosure",
    "applications",
    "review_litigation",
    "problems_and_improvements",
    "other_matters",
}


def _key_tree(obj: Any) -> Any:
    """The nested key structure of JSON data: dicts of key trees, ``None`` for leaves."""
    if isinstance(obj, dict):
        return {key: _key_tree(value) for key, value in obj.items()}
    return None


def _seed_report(path: Path) -> Report:
    return govreport.parse_file(path)


# --- round trips of the seeds ---------------------------------------------------------------------


@pytest.mark.parametrize("path", SEED_FILES, ids=[p.stem for p in SEED_FILES])
def test_from_dict_of_to_dict_gives_the_same_report(path: Path) -> None:
    report = _seed_report(path)
    assert govreport.from_dict(govreport.to_dict(report)) == report


@pytest.mark.parametrize("path", SEED_FILES, ids=[p.stem for p in SEED_FILES])
def test_from_json_of_to_json_gives_the_same_report(path: Path) -> None:
    report = _seed_report(path)
    assert govreport.from_json(govreport.to_json(report)) == report
    assert govreport.from_json(govreport.to_json(report, indent=2)) == report


@pytest.mark.parametrize("path", SEED_FILES, ids=[p.stem for p in SEED_FILES])
def test_to_json_is_plain_json_of_to_dict(path: Path) -> None:
    report = _seed_report(path)
    assert json.loads(govreport.to_json(report)) == govreport.to_dict(report)


def test_to_json_keeps_chinese_text_as_is() -> None:
    report = Report(title="瑶海区人民政府办公室2024年政府信息公开工作年度报告", agency="瑶海区")
    text = govreport.to_json(report)
    assert "瑶海区人民政府办公室" in text
    assert "\\u" not in text


def test_from_json_accepts_utf8_bytes() -> None:
    report = Report(agency="柳河镇", year=2023)
    assert govreport.from_json(govreport.to_json(report).encode("utf-8")) == report


def test_a_report_read_back_has_no_provenance() -> None:
    report = _seed_report(next(p for p in SEED_FILES if p.name.startswith("004_")))
    assert report.place("$.applications.new_received.total") is not None
    back = govreport.from_dict(govreport.to_dict(report))
    assert "provenance" not in govreport.to_dict(report)
    assert back.provenance is None
    assert back.place("$.applications.new_received.total") is None


def test_findings_round_trip_with_severity_as_its_string() -> None:
    finding = Finding(
        code="not-a-number",
        severity=Severity.ERROR,
        message="row '一、本年新收', cell 'commercial': '1O' is not a number",
        path="$.applications.new_received.commercial",
        line=41,
        column=21,
    )
    report = Report(findings=(finding,))
    data = govreport.to_dict(report)
    assert data["findings"] == [
        {
            "code": "not-a-number",
            "severity": "error",
            "message": "row '一、本年新收', cell 'commercial': '1O' is not a number",
            "path": "$.applications.new_received.commercial",
            "line": 41,
            "column": 21,
            "source": None,
        }
    ]
    back = govreport.from_dict(data)
    assert back == report
    assert back.findings[0].severity is Severity.ERROR


# --- keys -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("table", ["active_disclosure", "applications", "review_litigation"])
@pytest.mark.parametrize("path", SEED_FILES, ids=[p.stem for p in SEED_FILES])
def test_table_keys_are_exactly_those_of_the_expected_json(path: Path, table: str) -> None:
    data = govreport.to_dict(_seed_report(path))
    assert _key_tree(data[table]) == _key_tree(expected_for(path)[table])


def test_top_level_keys_include_every_format_key() -> None:
    data = govreport.to_dict(Report())
    assert set(data) >= FORMAT_TOP_KEYS


def test_application_keys_follow_format_md() -> None:
    apps = govreport.to_dict(Report())["applications"]
    assert set(apps) == {"new_received", "carried_over", "results", "carried_forward"}
    results = apps["results"]
    assert set(results) == {
        "granted",
        "partially_granted",
        "denied",
        "unable_to_provide",
        "not_processed",
        "other_handling",
        "total",
    }
    assert set(results["denied"]) == {
        "state_secret",
        "prohibited_by_law",
        "security_stability",
        "third_party_rights",
        "internal_affairs",
        "process_information",
        "enforcement_files",
        "administrative_query",
    }
    assert set(results["unable_to_provide"]) == {"not_held", "needs_creation", "still_unclear"}
    assert set(results["not_processed"]) == {
        "complaint",
        "repeated",
        "publication",
        "excessive",
        "confirmation",
    }
    assert set(results["other_handling"]) == {"overdue_correction", "unpaid_fee", "other"}
    rows = [apps["new_received"], apps["carried_over"], apps["carried_forward"], results["total"]]
    rows += [results["granted"], results["partially_granted"]]
    for group in ("denied", "unable_to_provide", "not_processed", "other_handling"):
        rows += list(results[group].values())
    assert len(rows) == 25
    assert all(set(row) == COLUMNS for row in rows)


def test_active_disclosure_and_review_litigation_keys_follow_format_md() -> None:
    data = govreport.to_dict(Report())
    active = data["active_disclosure"]
    assert set(active) == {
        "regulations",
        "normative_documents",
        "licensing",
        "punishment",
        "enforcement",
        "fees",
    }
    assert set(active["regulations"]) == {"issued", "repealed", "in_force"}
    assert set(active["normative_documents"]) == {"issued", "repealed", "in_force"}
    review = data["review_litigation"]
    assert set(review) == {"review", "litigation_direct", "litigation_after_review"}
    assert all(set(group) == OUTCOMES for group in review.values())


# --- values: decimals, None and 0 -----------------------------------------------------------------


@pytest.mark.parametrize("path", SEED_FILES, ids=[p.stem for p in SEED_FILES])
def test_seed_fees_serialize_as_the_string_zero_and_come_back_as_decimal(path: Path) -> None:
    report = _seed_report(path)
    data = govreport.to_dict(report)
    assert data["active_disclosure"]["fees"] == "0"
    back = govreport.from_dict(data)
    assert isinstance(back.active_disclosure.fees, Decimal)
    assert back.active_disclosure.fees == Decimal("0")


@pytest.mark.parametrize("fees", ["0.35", "96171.6", "12", "0.10"])
def test_fees_are_a_json_string_with_the_printed_digits(fees: str) -> None:
    report = Report(active_disclosure=ActiveDisclosure(fees=Decimal(fees)))
    data = govreport.to_dict(report)
    assert data["active_disclosure"]["fees"] == fees
    assert f'"fees": "{fees}"' in govreport.to_json(report)
    back = govreport.from_json(govreport.to_json(report))
    assert back.active_disclosure.fees == Decimal(fees)
    assert str(back.active_disclosure.fees) == fees


def test_none_stays_null_and_zero_stays_zero() -> None:
    row = ApplicantCounts(natural_person=0, commercial=None, research=3, total=None)
    report = Report(
        applications=Applications(new_received=row),
        active_disclosure=ActiveDisclosure(licensing=0, punishment=None),
        review_litigation=ReviewLitigation(review=CaseOutcomes(upheld=0, corrected=None)),
    )
    data = govreport.to_dict(report)
    new = data["applications"]["new_received"]
    assert new["natural_person"] == 0
    assert new["natural_person"] is not None
    assert new["commercial"] is None
    assert new["total"] is None
    assert data["active_disclosure"]["licensing"] == 0
    assert data["active_disclosure"]["punishment"] is None
    assert data["review_litigation"]["review"]["upheld"] == 0
    assert data["review_litigation"]["review"]["corrected"] is None
    text = govreport.to_json(report)
    reread = json.loads(text)["applications"]["new_received"]
    assert reread["natural_person"] == 0
    assert reread["commercial"] is None
    back = govreport.from_json(text).applications.new_received
    assert back.natural_person == 0
    assert back.commercial is None


# --- strict reading -------------------------------------------------------------------------------


def _data() -> dict[str, Any]:
    report = Report(
        title="柳河镇 2023 年政府信息公开工作年度报告",
        agency="柳河镇",
        year=2023,
        applications=Applications(new_received=ApplicantCounts(natural_person=1, total=1)),
        active_disclosure=ActiveDisclosure(fees=Decimal("0.35")),
        findings=(Finding(code="unread-text", severity=Severity.WARNING, message="m"),),
    )
    return govreport.to_dict(report)


@pytest.mark.parametrize("bad", ["5", 5.0, True, [5], {"n": 5}], ids=repr)
def test_a_count_that_is_not_an_integer_or_null_is_a_data_error(bad: object) -> None:
    data = _data()
    data["applications"]["new_received"]["total"] = bad
    with pytest.raises(govreport.DataError) as info:
        govreport.from_dict(data)
    assert info.value.path == "$.applications.new_received.total"


@pytest.mark.parametrize(
    ("where", "key", "path"),
    [
        (("review_litigation", "review"), "upheld", "$.review_litigation.review.upheld"),
        (("active_disclosure", "regulations"), "issued", "$.active_disclosure.regulations.issued"),
        (("active_disclosure",), "licensing", "$.active_disclosure.licensing"),
        (
            ("applications", "results", "denied", "state_secret"),
            "other",
            "$.applications.results.denied.state_secret.other",
        ),
    ],
)
def test_a_string_count_anywhere_is_a_data_error_at_its_path(
    where: tuple[str, ...], key: str, path: str
) -> None:
    data = _data()
    node = data
    for part in where:
        node = node[part]
    node[key] = "0"
    with pytest.raises(govreport.DataError) as info:
        govreport.from_dict(data)
    assert info.value.path == path
    assert path in str(info.value)


def test_an_unknown_key_is_a_data_error_at_the_object_holding_it() -> None:
    data = _data()
    data["applications"]["new_received"]["companies"] = 1
    with pytest.raises(govreport.DataError) as info:
        govreport.from_dict(data)
    assert info.value.path == "$.applications.new_received"
    assert "companies" in info.value.message


def test_an_unknown_top_level_key_is_a_data_error() -> None:
    data = _data()
    data["agency_name"] = "柳河镇"
    with pytest.raises(govreport.DataError) as info:
        govreport.from_dict(data)
    assert info.value.path == "$"
    assert "agency_name" in info.value.message


@pytest.mark.parametrize(
    ("mutate", "path"),
    [
        (lambda d: d.__setitem__("overview", None), "$.overview"),
        (lambda d: d.__setitem__("title", 2023), "$.title"),
        (lambda d: d.__setitem__("year", "2023"), "$.year"),
        (lambda d: d.__setitem__("year", True), "$.year"),
        (lambda d: d["applications"].__setitem__("new_received", 5), "$.applications.new_received"),
        (lambda d: d.__setitem__("applications", None), "$.applications"),
        (lambda d: d["active_disclosure"].__setitem__("fees", 0.35), "$.active_disclosure.fees"),
        (lambda d: d["active_disclosure"].__setitem__("fees", "abc"), "$.active_disclosure.fees"),
        (lambda d: d["active_disclosure"].__setitem__("fees", "NaN"), "$.active_disclosure.fees"),
        (lambda d: d["active_disclosure"].__setitem__("fees", True), "$.active_disclosure.fees"),
        (lambda d: d["findings"][0].__setitem__("severity", "fatal"), "$.findings[0].severity"),
        (lambda d: d["findings"][0].pop("code"), "$.findings[0].code"),
        (lambda d: d["findings"][0].__setitem__("line", "3"), "$.findings[0].line"),
        (
            lambda d: d.__setitem__("extractors", {"applications": 5}),
            "$.extractors['applications']",
        ),
    ],
    ids=[
        "overview-null",
        "title-int",
        "year-string",
        "year-bool",
        "row-int",
        "table-null",
        "fees-float",
        "fees-text",
        "fees-nan",
        "fees-bool",
        "severity-unknown",
        "finding-code-missing",
        "finding-line-string",
        "extractor-name-int",
    ],
)
def test_a_value_of_the_wrong_type_is_a_data_error_at_its_path(mutate: Any, path: str) -> None:
    data = _data()
    mutate(data)
    with pytest.raises(govreport.DataError) as info:
        govreport.from_dict(data)
    assert info.value.path == path


@pytest.mark.parametrize("bad", ["", {}], ids=["string", "object"])
def test_findings_that_are_not_an_array_are_a_data_error(bad: object) -> None:
    data = _data()
    data["findings"] = bad
    with pytest.raises(govreport.DataError) as info:
        govreport.from_dict(data)
    assert info.value.path == "$.findings"


@pytest.mark.parametrize("data", [[1], "report", None, 5], ids=repr)
def test_data_that_is_not_an_object_is_a_data_error(data: object) -> None:
    with pytest.raises(govreport.DataError) as info:
        govreport.from_dict(data)
    assert info.value.path == "$"


@pytest.mark.parametrize("text", ["{", "", "not json", "{'title': 1}", '{"title": }'])
def test_text_that_is_not_json_is_a_data_error(text: str) -> None:
    with pytest.raises(govreport.DataError) as info:
        govreport.from_json(text)
    assert info.value.path == "$"
    assert "not JSON" in info.value.message


def test_json_that_is_not_an_object_is_a_data_error() -> None:
    with pytest.raises(govreport.DataError):
        govreport.from_json("[1, 2]")


def test_data_error_is_a_govreport_error_and_a_value_error() -> None:
    data = _data()
    data["year"] = "2023"
    with pytest.raises(govreport.GovReportError):
        govreport.from_dict(data)
    with pytest.raises(ValueError, match=r"\$\.year"):
        govreport.from_dict(data)


# --- property: any counts round-trip --------------------------------------------------------------

_COUNT = st.none() | st.integers(min_value=0, max_value=10**12)
_ROWS = st.builds(
    ApplicantCounts,
    natural_person=_COUNT,
    commercial=_COUNT,
    research=_COUNT,
    social_welfare=_COUNT,
    legal_service=_COUNT,
    other=_COUNT,
    total=_COUNT,
)


@settings(max_examples=40, deadline=None)
@given(
    new=_ROWS,
    secret=_ROWS,
    held=_ROWS,
    excessive=_ROWS,
    unpaid=_ROWS,
    forward=_ROWS,
    fees=st.none() | st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False),
    cases=st.builds(CaseOutcomes, upheld=_COUNT, corrected=_COUNT, total=_COUNT),
    issued=_COUNT,
)
def test_any_counts_round_trip_exactly(
    new: ApplicantCounts,
    secret: ApplicantCounts,
    held: ApplicantCounts,
    excessive: ApplicantCounts,
    unpaid: ApplicantCounts,
    forward: ApplicantCounts,
    fees: Decimal | None,
    cases: CaseOutcomes,
    issued: int | None,
) -> None:
    report = Report(
        applications=Applications(
            new_received=new,
            results=Results(
                denied=Denied(state_secret=secret),
                unable_to_provide=UnableToProvide(not_held=held),
                not_processed=NotProcessed(excessive=excessive),
                other_handling=OtherHandling(unpaid_fee=unpaid),
            ),
            carried_forward=forward,
        ),
        active_disclosure=ActiveDisclosure(regulations=DocumentCounts(issued=issued), fees=fees),
        review_litigation=ReviewLitigation(litigation_direct=cases),
    )
    assert govreport.from_dict(govreport.to_dict(report)) == report
    back = govreport.from_json(govreport.to_json(report))
    assert back == report
    assert back.applications.new_received == new
    assert govreport.to_dict(report)["applications"]["new_received"] == {
        "natural_person": new.natural_person,
        "commercial": new.commercial,
        "research": new.research,
        "social_welfare": new.social_welfare,
        "legal_service": new.legal_service,
        "other": new.other,
        "total": new.total,
    }


@pytest.mark.parametrize(
    ("drop", "path"),
    [
        (("applications",), "$.applications"),
        (("applications", "new_received", "total"), "$.applications.new_received.total"),
        (("review_litigation", "review"), "$.review_litigation.review"),
        (("year",), "$.year"),
    ],
)
def test_a_missing_key_is_a_data_error_not_a_blank(drop: tuple[str, ...], path: str) -> None:
    data = _data()
    holder = data
    for key in drop[:-1]:
        holder = holder[key]
    del holder[drop[-1]]
    with pytest.raises(govreport.DataError) as info:
        govreport.from_dict(data)
    assert info.value.path == path
    assert "missing key" in str(info.value)


@pytest.mark.parametrize("fees", [0, 0.5, " 1 ", "1_000", "NaN", "1e3"], ids=repr)
def test_fees_other_than_a_plain_decimal_string_are_a_data_error(fees: object) -> None:
    data = _data()
    data["active_disclosure"]["fees"] = fees
    with pytest.raises(govreport.DataError) as info:
        govreport.from_dict(data)
    assert info.value.path == "$.active_disclosure.fees"
