"""Hypothesis' entry point (``[project.entry-points.hypothesis]``): ``from_type(Report)``.

Hypothesis calls :func:`_register` when it is imported. It registers a strategy for
:class:`~govreport.model.Report` that is built only when first asked for, so that importing
Hypothesis loads neither :mod:`govreport.testing` nor any strategy of it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy

    from .model import Report

__all__: list[str] = []


def _reports(_: type) -> SearchStrategy[Report]:
    from .testing.strategies import reports

    return reports()


def _register() -> None:
    from hypothesis import strategies as st

    from .model import Report

    st.register_type_strategy(Report, _reports)
