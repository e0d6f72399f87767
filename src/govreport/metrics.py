"""The figures analysts compute from a report's tables (either format).

Every indicator is a ratio in [0, 1] (a float; multiply by 100 for a percentage), or
``None`` where its denominator is 0 or blank, or a cell it needs is blank. Definitions
(keys of section 三 unless said otherwise; ``x.total`` is the row's 总计 column):

=============================  ======================================================  ==========
indicator                      definition                                              名称
=============================  ======================================================  ==========
``disclosure_rate``            (granted + partially_granted).total / results.total     实质公开率
``grant_rate``                 granted.total / results.total                           予以公开率
``denial_rate``                sum of denied.*.total / results.total                   不予公开率
``unable_rate``                sum of unable_to_provide.*.total / results.total        无法提供率
``not_processed_rate``         sum of not_processed.*.total / results.total            不予处理率
``completion_rate``            results.total / (new_received + carried_over).total     办结率
``organisation_share``         (new_received.total − natural_person) / .total          法人申请占比
``review_correction_rate``     review.corrected / review.total (section 四)             复议纠错率
``litigation_correction_rate`` (direct + after_review).corrected / (…).total           诉讼纠错率
=============================  ======================================================  ==========

Every indicator reads sections 三 and 四 only, which the 2019 and 2021 formats print alike
(the shape of （六）其他处理 plays no part), so they mean the same for reports in either format.
"""

from __future__ import annotations

from attrs import fields, frozen

from .cells import sum_counts
from .model import ApplicantCounts, Denied, NotProcessed, Report, UnableToProvide

__all__ = ["Indicators", "indicators"]


@frozen(kw_only=True)
class Indicators:
    """Ratios computed from one report; see the module docstring for each definition."""

    disclosure_rate: float | None
    grant_rate: float | None
    denial_rate: float | None
    unable_rate: float | None
    not_processed_rate: float | None
    completion_rate: float | None
    organisation_share: float | None
    review_correction_rate: float | None
    litigation_correction_rate: float | None


def _ratio(numerator: int | None, denominator: int | None) -> float | None:
    if numerator is None or denominator is None or denominator == 0:
        return None
    return numerator / denominator


def _difference(a: int | None, b: int | None) -> int | None:
    return None if a is None or b is None else a - b


def _totals(group: Denied | UnableToProvide | NotProcessed) -> list[int | None]:
    rows: list[ApplicantCounts] = [getattr(group, a.name) for a in fields(type(group))]
    return [row.total for row in rows]


def indicators(report: Report) -> Indicators:
    """The indicators of ``report``."""
    apps = report.applications
    results = apps.results
    handled = results.total.total
    new = apps.new_received
    review = report.review_litigation
    direct, after = review.litigation_direct, review.litigation_after_review
    return Indicators(
        disclosure_rate=_ratio(
            sum_counts([results.granted.total, results.partially_granted.total]), handled
        ),
        grant_rate=_ratio(results.granted.total, handled),
        denial_rate=_ratio(sum_counts(_totals(results.denied)), handled),
        unable_rate=_ratio(sum_counts(_totals(results.unable_to_provide)), handled),
        not_processed_rate=_ratio(sum_counts(_totals(results.not_processed)), handled),
        completion_rate=_ratio(handled, sum_counts([new.total, apps.carried_over.total])),
        organisation_share=_ratio(
            None
            if new.total is None or new.natural_person is None
            else new.total - new.natural_person,
            new.total,
        ),
        review_correction_rate=_ratio(review.review.corrected, review.review.total),
        litigation_correction_rate=_ratio(
            sum_counts([direct.corrected, after.corrected]), sum_counts([direct.total, after.total])
        ),
    )
