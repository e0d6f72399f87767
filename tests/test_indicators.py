"""Derived indicators: ratios from a report's tables, ``None`` where they cannot be computed.

Seed 004's figures (section 三, column 总计): 新收 103 (自然人 41), 上年结转 5, 予以公开 12,
部分公开 23, 不予公开 1 + 0 + 0 + 0 + 0 + 1 + 1 + 1 = 4, 无法提供 25 + 42 + 0 = 67,
不予处理 0, 其他处理 0, 总计 106; section 四: 复议 纠正 8 of 16, 诉讼 纠正 0 + 0 of 0 + 5.
"""

from __future__ import annotations

import attrs
import pytest

import govreport
from govreport import ApplicantCounts, Indicators, Report

from .test_checks import SEED_000, SEED_004, edit_004

REPORT_004 = govreport.parse_file(SEED_004)
REPORT_000 = govreport.parse_file(SEED_000)


def test_seed_004_indicators_by_hand() -> None:
    assert govreport.indicators(REPORT_004) == Indicators(
        disclosure_rate=(12 + 23) / 106,
        grant_rate=12 / 106,
        denial_rate=4 / 106,
        unable_rate=67 / 106,
        not_processed_rate=0 / 106,
        completion_rate=106 / (103 + 5),
        organisation_share=(103 - 41) / 103,
        review_correction_rate=8 / 16,
        litigation_correction_rate=(0 + 0) / (0 + 5),
    )


def test_a_zero_numerator_is_zero_not_none() -> None:
    values = govreport.indicators(REPORT_004)
    assert values.not_processed_rate == 0.0
    assert values.litigation_correction_rate == 0.0


def test_seed_000_zero_review_and_litigation_totals_give_none() -> None:
    # Seed 000: one application, granted; section 四 all 0.
    values = govreport.indicators(REPORT_000)
    assert values.grant_rate == 1 / 1
    assert values.disclosure_rate == 1 / 1
    assert values.completion_rate == 1 / (1 + 0)
    assert values.organisation_share == (1 - 1) / 1
    assert values.review_correction_rate is None
    assert values.litigation_correction_rate is None


def test_a_report_with_nothing_printed_has_no_indicators() -> None:
    assert govreport.indicators(Report()) == Indicators(
        disclosure_rate=None,
        grant_rate=None,
        denial_rate=None,
        unable_rate=None,
        not_processed_rate=None,
        completion_rate=None,
        organisation_share=None,
        review_correction_rate=None,
        litigation_correction_rate=None,
    )


RESULT_RATES = ("disclosure_rate", "grant_rate", "denial_rate", "unable_rate")


def test_a_blank_results_total_leaves_every_rate_over_it_none() -> None:
    report = govreport.parse(edit_004({"$.applications.results.total.total": ("106", "/")}))
    values = govreport.indicators(report)
    for name in (*RESULT_RATES, "not_processed_rate", "completion_rate"):
        assert getattr(values, name) is None, name
    assert values.organisation_share == (103 - 41) / 103
    assert values.review_correction_rate == 8 / 16


def test_a_zero_results_total_leaves_every_rate_over_it_none() -> None:
    apps = REPORT_004.applications
    results = attrs.evolve(apps.results, total=attrs.evolve(apps.results.total, total=0))
    report = attrs.evolve(REPORT_004, applications=attrs.evolve(apps, results=results))
    values = govreport.indicators(report)
    for name in (*RESULT_RATES, "not_processed_rate"):
        assert getattr(values, name) is None, name
    assert values.completion_rate == 0 / 108


def test_a_blank_row_in_a_group_leaves_that_group_rate_none() -> None:
    report = govreport.parse(
        edit_004({"$.applications.results.denied.state_secret.total": ("1", "/")})
    )
    values = govreport.indicators(report)
    assert values.denial_rate is None
    assert values.grant_rate == 12 / 106
    assert values.unable_rate == 67 / 106


def test_a_blank_numerator_gives_none() -> None:
    report = govreport.parse(
        edit_004({"$.applications.results.partially_granted.total": ("23", "/")})
    )
    values = govreport.indicators(report)
    assert values.disclosure_rate is None
    assert values.grant_rate == 12 / 106


@pytest.mark.parametrize(
    ("new_received", "carried_over", "completion", "organisation"),
    [
        (ApplicantCounts(natural_person=0, total=0), ApplicantCounts(total=0), None, None),
        (ApplicantCounts(natural_person=0, total=0), ApplicantCounts(total=2), 106 / 2, None),
        (ApplicantCounts(natural_person=None, total=10), ApplicantCounts(total=0), 106 / 10, None),
        (ApplicantCounts(natural_person=4, total=10), ApplicantCounts(total=None), None, 0.6),
    ],
    ids=["both-zero", "no-new", "natural-person-blank", "carried-over-blank"],
)
def test_completion_and_organisation_share_with_zero_or_blank_counts(
    new_received: ApplicantCounts,
    carried_over: ApplicantCounts,
    completion: float | None,
    organisation: float | None,
) -> None:
    apps = attrs.evolve(
        REPORT_004.applications, new_received=new_received, carried_over=carried_over
    )
    values = govreport.indicators(attrs.evolve(REPORT_004, applications=apps))
    assert values.completion_rate == completion
    assert values.organisation_share == organisation


def test_litigation_correction_adds_both_kinds_of_litigation() -> None:
    # 2 of 4 direct lawsuits corrected, 1 of 6 after review: 3 of 10.
    review = REPORT_004.review_litigation
    changed = attrs.evolve(
        review,
        litigation_direct=attrs.evolve(review.litigation_direct, corrected=2, total=4),
        litigation_after_review=attrs.evolve(review.litigation_after_review, corrected=1, total=6),
    )
    values = govreport.indicators(attrs.evolve(REPORT_004, review_litigation=changed))
    assert values.litigation_correction_rate == (2 + 1) / (4 + 6)


def test_a_blank_litigation_total_gives_none() -> None:
    review = REPORT_004.review_litigation
    changed = attrs.evolve(
        review, litigation_direct=attrs.evolve(review.litigation_direct, total=None)
    )
    values = govreport.indicators(attrs.evolve(REPORT_004, review_litigation=changed))
    assert values.litigation_correction_rate is None
    assert values.review_correction_rate == 8 / 16
