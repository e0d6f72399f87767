"""Shared fixtures: the seed reports that ship with the repository."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = FIXTURES / "seeds"
SEED_FILES = sorted(SEEDS.glob("*.txt"))
#: Real documents beyond the seeds, read from the shared folder when it is there.
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def expected_for(path: Path) -> dict[str, Any]:
    """The hand-verified values for a seed report."""
    data: dict[str, Any] = json.loads((SEEDS / "expected" / f"{path.stem}.json").read_text("utf-8"))
    return data


@pytest.fixture(params=SEED_FILES, ids=[p.stem for p in SEED_FILES])
def seed(request: pytest.FixtureRequest) -> Path:
    """Each seed report file in turn."""
    path: Path = request.param
    return path


# --- Hypothesis profiles ----------------------------------------------------------------------
# `ci` (the default) keeps the whole suite fast on two cores; `thorough` runs the property
# tests long: GOVREPORT_HYPOTHESIS=thorough python -m pytest tests/test_properties.py
import os  # noqa: E402

from hypothesis import HealthCheck, settings  # noqa: E402

settings.register_profile(
    "ci",
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,
)
settings.register_profile(
    "thorough",
    max_examples=1500,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,
)
settings.load_profile(os.environ.get("GOVREPORT_HYPOTHESIS", "ci"))
