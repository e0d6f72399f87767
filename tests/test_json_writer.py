"""to_json's fast writer: the very bytes of ``json.dumps(to_dict(report))``, or a fall back."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from attrs import evolve, frozen
from hypothesis import given, settings
from hypothesis import strategies as st

import govreport
from govreport import (
    ActiveDisclosure,
    ActiveDisclosure2019,
    ApplicantCounts,
    Applications,
    Finding,
    OtherHandling,
    Report,
    Results,
    Severity,
    _json_writer,
    serialize,
)
from govreport._json_writer import Unsupported, make_writer
from govreport.model import Denied, UnableToProvide
from govreport.testing.strategies import reports

from .conftest import SEED_FILES


def _slow(report: Report) -> str:
    """What to_json wrote before the fast writer, and still writes for what it cannot."""
    return json.dumps(govreport.to_dict(report), ensure_ascii=False)


def _same(report: Report) -> None:
    assert govreport.to_json(report) == _slow(report)


# Any character, lone surrogates and control characters included.
_TEXT = st.text(st.characters(codec=None, exclude_categories=()), max_size=20)
_OPTIONAL_TEXT = st.none() | _TEXT
_COUNT = st.none() | st.integers(min_value=-(10**12), max_value=10**12)

_FINDINGS = st.lists(
    st.builds(
        Finding,
        code=_TEXT,
        severity=st.sampled_from(Severity),
        message=_TEXT,
        path=_OPTIONAL_TEXT,
        line=_COUNT,
        column=_COUNT,
        source=_OPTIONAL_TEXT,
    ),
    max_size=3,
).map(tuple)


@st.composite
def _odd_reports(draw: st.DrawFn) -> Report:
    """Reports of the strategies with any texts, extractors and findings."""
    report = draw(reports())
    row = ApplicantCounts(**{a.name: draw(_COUNT) for a in attrs.fields(ApplicantCounts)})
    applications = report.applications
    if draw(st.booleans()):
        results = evolve(applications.results, granted=row)
        applications = evolve(applications, new_received=row, results=results)
    return evolve(
        report,
        title=draw(_OPTIONAL_TEXT),
        agency=draw(_OPTIONAL_TEXT),
        overview=draw(_TEXT),
        other_matters=draw(_TEXT),
        encoding=draw(_OPTIONAL_TEXT),
        source=draw(_OPTIONAL_TEXT),
        applications=applications,
        extractors=draw(st.dictionaries(_TEXT, _TEXT, max_size=3)),
        findings=draw(_FINDINGS),
    )


@settings(max_examples=60, deadline=None)
@given(reports())
def test_to_json_of_any_report_is_json_dumps_of_to_dict(report: Report) -> None:
    _same(report)


@settings(max_examples=60, deadline=None)
@given(_odd_reports())
def test_to_json_of_any_texts_findings_and_counts_is_json_dumps_of_to_dict(
    report: Report,
) -> None:
    _same(report)


@pytest.mark.parametrize("path", SEED_FILES, ids=[p.stem for p in SEED_FILES])
def test_to_json_of_a_parsed_seed_is_json_dumps_of_to_dict(path: Path) -> None:
    report = govreport.parse_file(path)
    _same(report)
    _same(evolve(report, source="报告/\udcff.txt"))


@pytest.mark.parametrize(
    "text",
    [
        'say "hi"',
        "back\\slash \\n",
        "".join(map(chr, range(32))) + "\x7f",
        "lone \ud800 and \udcff surrogates",
        "non-BMP 𝄞 😀 𠀀",
        "",
        "null",
        "%s %d {0} {}",
        "\u2028\u2029 U+3000:\u3000",
    ],
    ids=repr,
)
def test_strings_are_escaped_as_json_escapes_them(text: str) -> None:
    finding = Finding(code=text, severity=Severity.INFO, message=text, path=text, source=text)
    _same(
        Report(
            title=text,
            agency=text,
            letterhead=text,
            overview=text,
            source=text,
            extractors={text: text},
            findings=(finding,),
        )
    )


@pytest.mark.parametrize("fees", [None, Decimal("0"), Decimal("0.35"), Decimal("-1.50")])
def test_fees_are_written_as_strings(fees: Decimal | None) -> None:
    report = Report(active_disclosure=ActiveDisclosure(fees=fees))
    _same(report)
    expected = "null" if fees is None else f'"{fees}"'
    assert f'"fees": {expected}' in govreport.to_json(report)


def test_none_and_zero_and_counts_out_of_the_table() -> None:
    row = ApplicantCounts(natural_person=0, commercial=None, research=-7, other=10**30, total=4096)
    report = Report(year=0, applications=Applications(new_received=row))
    _same(report)
    text = govreport.to_json(report)
    assert '"natural_person": 0, "commercial": null, "research": -7' in text
    assert '"year": 0' in text


def test_empty_findings_and_extractors() -> None:
    _same(Report(findings=(), extractors={}))
    assert govreport.to_json(Report()).endswith('"extractors": {}, "findings": []}')


def test_both_formats_and_both_shapes_of_other_handling() -> None:
    one_row = ApplicantCounts(natural_person=3, total=3)
    for results in (Results(other_handling=one_row), Results(other_handling=OtherHandling())):
        applications = Applications(results=results)
        _same(Report(applications=applications))
        _same(
            Report(
                format_version="2019",
                active_disclosure=ActiveDisclosure2019(),
                applications=applications,
            )
        )


# --- what the fast writer does not write: the slow path decides --------------------------


def _in_a_row(value: Any) -> Report:
    return Report(applications=Applications(new_received=ApplicantCounts(natural_person=value)))


class _Int(int):
    def __str__(self) -> str:
        return "an int"


@pytest.mark.parametrize("value", [True, False, 1.0, 0.5, "5", _Int(3), 2**70], ids=repr)
def test_a_count_of_another_type_is_written_as_json_writes_it(value: Any) -> None:
    # The common rows are kept by value; True == 1 must not find the text of a 1.
    _same(_in_a_row(1 if value is True else 0))
    _same(_in_a_row(value))
    _same(Report(year=value))


def test_a_value_json_cannot_write_raises_as_before() -> None:
    for report in (_in_a_row(Decimal(1)), Report(title=b"bytes")):  # type: ignore[arg-type]
        with pytest.raises(TypeError):
            govreport.to_json(report)


@pytest.mark.parametrize(
    "report",
    [
        Report(title=5),  # type: ignore[arg-type]
        Report(extractors={1: "tab"}),  # type: ignore[dict-item]
        Report(extractors={"applications": None}),
        Report(active_disclosure=ActiveDisclosure(fees=5)),  # type: ignore[arg-type]
        Report(findings=[Finding(code="c", severity=Severity.ERROR, message="m")]),  # type: ignore[arg-type]
    ],
    ids=["int title", "int key", "None value", "int fee", "findings list"],
)
def test_other_unexpected_values_are_written_as_json_writes_them(report: Report) -> None:
    _same(report)


def test_a_subclass_of_report_is_written_as_the_converter_writes_it() -> None:
    @frozen(kw_only=True)
    class Mine(Report):
        pass

    mine = Mine(agency="柳河镇")
    assert govreport.to_json(mine) == _slow(mine)


def test_a_class_the_writer_does_not_know_is_refused_when_made() -> None:
    @frozen
    class Odd:
        when: complex = 1j

    with pytest.raises(Unsupported):
        make_writer(Odd, serialize.converter, {}, ())


def test_without_a_writer_to_json_uses_the_encoder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(serialize, "_writer", lambda: None)
    report = govreport.parse_file(SEED_FILES[0])
    assert govreport.to_json(report) == _slow(report)


def test_the_rows_kept_are_bounded_and_the_others_still_written(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(_json_writer, "_ROWS_KEPT", 2)
    rows = _json_writer._RowTexts(['"a": ', '"b": '])
    for a in range(5):
        assert rows[(a, None)] == json.dumps({"a": a, "b": None})
    assert len(rows) == 2
    assert rows[(4, None)] == '{"a": 4, "b": null}'


def test_mappings_written_again_are_written_as_their_items_say(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A mapping's text is kept by its items in order: the same items again (another dict, the
    # other order) are written as JSON writes them; past the bound, mappings are still written.
    monkeypatch.setattr(_json_writer, "_mapping_texts", {})
    monkeypatch.setattr(_json_writer, "_MAPPINGS_KEPT", 2)
    mappings = [
        {"applications": "tab", "review_litigation": "tab"},
        {"review_litigation": "tab", "applications": "tab"},
        {"applications": "tab", "review_litigation": "ocr-split"},
        {"applications": 'a "q"\n'},
        {"applications": "tab", "review_litigation": "tab"},
        {"applications": 'a "q"\n'},
    ]
    for extractors in mappings * 2:
        _same(Report(extractors=extractors))
    assert len(_json_writer._mapping_texts) == 2
    for odd in ({1: "tab"}, {"applications": None}):
        _same(Report(extractors=odd))  # type: ignore[arg-type]


# --- rows told by identity: the row written last, again ----------------------------------


def _all_rows(row: ApplicantCounts) -> Report:
    """A report whose every row of section 三 is ``row`` (one object, as the parser shares)."""
    results = Results(
        granted=row,
        partially_granted=row,
        denied=Denied(**{a.name: row for a in attrs.fields(Denied)}),
        unable_to_provide=UnableToProvide(**{a.name: row for a in attrs.fields(UnableToProvide)}),
        total=row,
    )
    return Report(
        applications=Applications(
            new_received=row, carried_over=row, results=results, carried_forward=row
        )
    )


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from([0, 1, 2]), min_size=1, max_size=8), _COUNT)
def test_a_row_object_written_again_is_written_as_its_values_say(
    picks: list[int], count: int | None
) -> None:
    # The same objects, report after report and row after row, and objects of equal values
    # or of a value equal to them (True == 1): each written as its values are.
    rows = [
        ApplicantCounts(**{a.name: count for a in attrs.fields(ApplicantCounts)}),
        ApplicantCounts(**{a.name: count for a in attrs.fields(ApplicantCounts)}),
        ApplicantCounts(**{a.name: True for a in attrs.fields(ApplicantCounts)}),
    ]
    for pick in picks:
        _same(_all_rows(rows[pick]))


@settings(max_examples=80, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from([0, 1, 2, 3]), min_size=6, max_size=6), max_size=6),
    _COUNT,
)
def test_rows_of_several_objects_report_after_report_are_written_as_their_values_say(
    picks: list[list[int]], count: int | None
) -> None:
    # The writer keeps the row written last and the one last written twice in a row: rows
    # that come and go, again and in turn, are each written as their values are.
    pool = [
        ApplicantCounts(**{a.name: value for a in attrs.fields(ApplicantCounts)})
        for value in (count, 0, 0, True)
    ]
    for rows in (map(pool.__getitem__, row_picks) for row_picks in picks):
        new, over, granted, partial, total, forward = rows
        results = Results(granted=granted, partially_granted=partial, total=total)
        _same(
            Report(
                applications=Applications(
                    new_received=new, carried_over=over, results=results, carried_forward=forward
                )
            )
        )


def test_rows_are_told_by_identity_only_for_frozen_classes() -> None:
    @attrs.define
    class Changing:
        a: int | None = None

    attrs.resolve_types(Changing, globals(), locals())
    assert _json_writer._is_frozen(ApplicantCounts)
    assert not _json_writer._is_frozen(Changing)
    writer = make_writer(Changing, serialize.converter, {}, ())
    row = Changing(a=1)
    assert writer(row) == '{"a": 1}'
    row.a = 2
    assert writer(row) == '{"a": 2}'
